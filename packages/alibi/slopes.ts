import { checkFinite, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { checkNumHeads, MAX_ALIBI_MAX_BIAS } from "./_limits.ts";

/** Options for {@linkcode alibiSlopes}. */
export interface AlibiSlopesOptions {
  /**
   * The largest exponent: the last of a power-of-2 head count's slopes is
   * `2^-maxBias`. 8 in the ALiBi paper, BLOOM and MPT (MPT's
   * `alibi_bias_max`, llama.cpp's `max_alibi_bias`).
   *
   * @default {8}
   */
  maxBias?: number;
}

const SLOPES_KEYS: OptionKeys<AlibiSlopesOptions> = { maxBias: true };

/**
 * The per-head slopes of ALiBi (Press et al., 2021), by the rule of the
 * authors' code, which BLOOM, MPT, flash-attention users and llama.cpp share.
 *
 * For a power-of-2 head count n the slopes are the geometric sequence
 * `2^(-maxBias·(h+1)/n)`, h = 0..n-1. Otherwise, with p the largest power of
 * 2 below n, they are the p slopes of p heads followed by the first n - p
 * even-indexed slopes of 2p heads, `2^(-maxBias·(2k+1)/(2p))` (not the
 * paper's prose, "a geometric sequence starting at 2^(-8/n)", which some
 * ports followed and got wrong). `maxBias` generalises the 8 as MPT's
 * `alibi_bias_max` does: MPT's differently written rule gives the same
 * numbers for every head count.
 *
 * Computed in float64 and rounded once to float32.
 *
 * @param numHeads Number of attention heads: an integer in [1, 65536].
 * @param options The maximum bias exponent.
 * @returns `numHeads` positive float32 slopes, the largest first.
 * @throws {RangeError} If numHeads is not an integer in [1, 65536] or
 * maxBias is not a finite number in (0, 126].
 * @throws {TypeError} If options has an unknown key.
 *
 * @example Usage
 * ```ts
 * import { alibiSlopes } from "@posenc/alibi";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual([...alibiSlopes(8)], [1 / 2, 1 / 4, 1 / 8, 1 / 16, 1 / 32, 1 / 64, 1 / 128, 1 / 256]);
 * // 12 heads: the 8 slopes of 8 heads, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5.
 * const twelve = alibiSlopes(12);
 * assert.equal(twelve[8], Math.fround(2 ** -0.5));
 * assert.equal(twelve[11], Math.fround(2 ** -3.5));
 * ```
 *
 * @example MPT with alibi_bias_max 4
 * ```ts
 * import { alibiSlopes } from "@posenc/alibi";
 * import assert from "node:assert/strict";
 *
 * const slopes = alibiSlopes(4, { maxBias: 4 });
 * assert.deepEqual([...slopes], [0.5, 0.25, 0.125, 0.0625]);
 * ```
 */
export function alibiSlopes(numHeads: number, options: AlibiSlopesOptions = {}): Float32Array {
  checkOptions("options", options, { allowed: SLOPES_KEYS });
  checkNumHeads(numHeads);
  const maxBias = checkFinite("maxBias", options.maxBias ?? 8, { min: 0, exclusiveMin: true });
  if (maxBias > MAX_ALIBI_MAX_BIAS) {
    throw new RangeError(
      `Invalid maxBias: expected at most ${MAX_ALIBI_MAX_BIAS} (the smallest slope, ` +
        `2^-maxBias, must stay a normal float32, not round to 0), got ${maxBias}`,
    );
  }
  let p = 1;
  while (p * 2 <= numHeads) p *= 2;
  const slopes = new Float32Array(numHeads);
  for (let h = 0; h < p; h++) slopes[h] = Math.pow(2, (-maxBias * (h + 1)) / p);
  for (let k = 0; k < numHeads - p; k++) {
    slopes[p + k] = Math.pow(2, (-maxBias * (2 * k + 1)) / (2 * p));
  }
  return slopes;
}
