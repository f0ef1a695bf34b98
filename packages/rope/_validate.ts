import { checkFinite, checkInteger, formatValue } from "@posenc/tensor/validate";
import type { AnglePrecision, RopeFrequencies } from "./types.ts";

/** Throws unless `value` is an even integer >= 2 (a rotary dim). */
export function checkRotaryDim(name: string, value: unknown): number {
  const dim = checkInteger(name, value, { min: 2 });
  if (dim % 2 !== 0) {
    throw new RangeError(
      `Invalid ${name}: expected an even integer >= 2, got ${formatValue(value)}`,
    );
  }
  return dim;
}

/**
 * The largest position whose float32 value is exact: float32 has a 24-bit
 * significand, so 2^24 + 1 already rounds to 2^24.
 */
export const MAX_FLOAT32_POSITION = 2 ** 24;

/** Throws unless `value` has the shape of {@linkcode RopeFrequencies} with sane values. */
export function checkFrequencies(name: string, value: unknown): RopeFrequencies {
  const candidate = value as Partial<RopeFrequencies> | null;
  if (candidate !== null && typeof candidate === "object" && candidate.invFreq !== undefined) {
    if (!(candidate.invFreq instanceof Float32Array)) {
      throw new TypeError(
        `Invalid ${name}.invFreq: expected a Float32Array, got ${formatValue(candidate.invFreq)}`,
      );
    }
  } else {
    throw new TypeError(
      `Invalid ${name}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${
        formatValue(value)
      }`,
    );
  }
  const { invFreq } = candidate;
  if (invFreq.length === 0) {
    throw new RangeError(`Invalid ${name}.invFreq: expected at least 1 value, got 0`);
  }
  for (let i = 0; i < invFreq.length; i++) {
    const value = invFreq[i]!;
    // Zeros are legal: "proportional" RoPE leaves its last pairs unrotated that way.
    if (!(value >= 0 && value < Infinity)) {
      checkFinite(`${name}.invFreq[${i}]`, value, { min: 0 });
    }
  }
  const factor = candidate.attentionFactor;
  if (!(typeof factor === "number" && factor > 0 && factor < Infinity)) {
    checkFinite(`${name}.attentionFactor`, factor, { min: 0, exclusiveMin: true });
  }
  return candidate as RopeFrequencies;
}

/** The angle precisions. */
export const ANGLE_PRECISIONS: readonly AnglePrecision[] = Object.freeze(["float32", "float64"]);
