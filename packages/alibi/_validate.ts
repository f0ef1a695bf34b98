import { checkOneOf, formatValue } from "@posenc/tensor/validate";
import { alibiSlopes } from "./slopes.ts";
import type { AlibiMode } from "./types.ts";

/** The slope source of the bias functions: explicit slopes or the maxBias rule. */
export interface SlopeOptions {
  slopes?: ArrayLike<number>;
  maxBias?: number;
}

/** Validates the mode option. */
export function checkMode(mode: unknown): AlibiMode {
  return checkOneOf("mode", mode ?? "causal", { allowed: ["causal", "symmetric"] });
}

/**
 * The slopes to use for `numHeads` heads, as float64: the caller's (checked:
 * one finite number per head, `where` says what fixes the head count) or
 * {@linkcode alibiSlopes}'s.
 */
export function resolveSlopes(
  numHeads: number,
  options: SlopeOptions,
  where: string,
): Float64Array {
  const { slopes, maxBias } = options;
  if (slopes === undefined) {
    return Float64Array.from(alibiSlopes(numHeads, maxBias === undefined ? {} : { maxBias }));
  }
  if (maxBias !== undefined) {
    throw new RangeError(
      `Invalid maxBias: expected no maxBias when slopes are given, got ${formatValue(maxBias)}`,
    );
  }
  if (slopes === null || typeof slopes !== "object" || typeof slopes.length !== "number") {
    throw new TypeError(
      `Invalid slopes: expected an array of finite numbers, got ${formatValue(slopes)}`,
    );
  }
  if (slopes.length !== numHeads) {
    throw new RangeError(
      `Invalid slopes: expected ${numHeads} values (one per head ${where}), got ${slopes.length}`,
    );
  }
  const out = new Float64Array(numHeads);
  for (let h = 0; h < numHeads; h++) {
    const slope = slopes[h];
    if (typeof slope !== "number" || !Number.isFinite(slope)) {
      throw new RangeError(
        `Invalid slopes[${h}]: expected a finite number, got ${formatValue(slope)}`,
      );
    }
    out[h] = slope;
  }
  return out;
}
