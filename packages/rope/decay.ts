import { checkInteger, formatValue } from "@posenc/tensor/validate";
import type { RopeFrequencies } from "./types.ts";
import { checkFrequencies } from "./_validate.ts";

/**
 * Most terms relativeDecayBound evaluates: (maxDistance + 1) x pairs. Each
 * is a cos, a sin and a hypot (about 0.2 µs), so 2^26 is seconds, and a
 * million distances at 64 pairs still fit.
 */
const MAX_DECAY_TERMS = 2 ** 26;

/**
 * RoFormer's long-term decay bound (Su et al. 2021, §3.4.3, Figure 2): how
 * large a RoPE attention score can be at relative distance Δ, relative to the
 * largest step between neighbouring pairs of q·k.
 *
 * With `S_j(Δ) = Σ_{k<j} exp(i Δ θ_k)` the partial sums of unit rotations,
 * `B(Δ) = (1 / (d/2)) Σ_{j=1..d/2} |S_j(Δ)|`, computed in float64 with
 * `θ_k = invFreq[k]`. `B(0) = (d + 2) / 4`, and B falls, with ripples, as Δ
 * grows: the paper's argument that RoPE favours nearby tokens. The
 * attention factor scales every score alike and is ignored.
 *
 * @param frequencies The RoPE frequencies; `d = 2 * invFreq.length`.
 * @param maxDistance The largest Δ, an integer >= 0 with
 * `(maxDistance + 1) * invFreq.length <= 2^26`.
 * @returns `B(Δ)` for `Δ = 0, 1, ..., maxDistance`.
 * @throws {TypeError} If frequencies are not RopeFrequencies or maxDistance is not a number.
 * @throws {RangeError} If maxDistance is negative or fractional, or
 * `(maxDistance + 1) * invFreq.length` exceeds 2^26 (a million distances at
 * 64 pairs, seconds of work: each term is a cos, a sin and a hypot).
 *
 * @example Usage
 * ```ts
 * import { relativeDecayBound, ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const bound = relativeDecayBound(ropeFrequencies(128), 100);
 * assert.equal(bound[0], 32.5); // (128 + 2) / 4
 * assert.equal(bound[1]!.toFixed(3), "31.538");
 * assert.equal(bound[100]!.toFixed(3), "10.227");
 * ```
 */
export function relativeDecayBound(
  frequencies: RopeFrequencies,
  maxDistance: number,
): Float64Array {
  const { invFreq } = checkFrequencies("frequencies", frequencies);
  const last = checkInteger("maxDistance", maxDistance, { min: 0, max: 2 ** 32 });
  const half = invFreq.length;
  if ((last + 1) * half > MAX_DECAY_TERMS) {
    throw new RangeError(
      `Invalid maxDistance: expected at most ${
        Math.floor(MAX_DECAY_TERMS / half) - 1
      } for ${half} pairs (the bound takes (maxDistance + 1) x pairs <= 2^26 rotations, ` +
        `seconds of work), got ${formatValue(last)}`,
    );
  }
  const bound = new Float64Array(last + 1);
  for (let delta = 0; delta <= last; delta++) {
    let re = 0;
    let im = 0;
    let total = 0;
    for (let k = 0; k < half; k++) {
      const angle = delta * invFreq[k]!;
      re += Math.cos(angle);
      im += Math.sin(angle);
      total += Math.hypot(re, im);
    }
    bound[delta] = total / half;
  }
  return bound;
}
