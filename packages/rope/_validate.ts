import { checkFinite, checkInteger, formatValue } from "@posenc/tensor/validate";
import type { AnglePrecision, RopeFrequencies } from "./types.ts";

/**
 * Largest rotary dim accepted: 128 times the widest head in use (512), so a
 * wrong argument fails at once instead of computing gigabytes.
 */
export const MAX_ROTARY_DIM = 65536;

/** Smallest normal float32: below it powf32 would work on a subnormal or 0. */
export const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/** Largest finite float32. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Throws unless `value` is an even integer in [2, {@linkcode MAX_ROTARY_DIM}] (a rotary dim). */
export function checkRotaryDim(name: string, value: unknown): number {
  const dim = checkInteger(name, value, { min: 2 });
  if (dim > MAX_ROTARY_DIM) {
    throw new RangeError(
      `Invalid ${name}: expected an even integer in [2, ${MAX_ROTARY_DIM}], got ${
        formatValue(value)
      }`,
    );
  }
  if (dim % 2 !== 0) {
    throw new RangeError(
      `Invalid ${name}: expected an even integer >= 2, got ${formatValue(value)}`,
    );
  }
  return dim;
}

/**
 * Returns `value` if it is a finite number > 0 that float32 holds as a
 * normal number: the RoPE base is rounded to float32 (as transformers does),
 * and outside that range its powers are NaN or garbage. The same rule as
 * `@posenc/scaling`'s, with the same message.
 */
export function checkFloat32Base(name: string, value: unknown): number {
  const base = checkFinite(name, value, { min: 0, exclusiveMin: true });
  if (base < FLOAT32_MIN_NORMAL || base > FLOAT32_MAX) {
    throw new RangeError(
      `Invalid ${name}: expected a finite number > 0 within float32's normal range, got ${
        formatValue(base)
      }`,
    );
  }
  return base;
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
