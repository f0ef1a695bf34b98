import type { Tensor } from "@posenc/tensor";
import type { ApplyRopeOptions, RopeCache, RopeFrequencies } from "./types.ts";
import { applyRopeWith } from "./_apply.ts";
import { defaultKernel } from "./_kernel.ts";

/**
 * Rotates queries or keys by their positions (rotary position embedding,
 * RoFormer), exactly as Hugging Face transformers' `apply_rotary_pos_emb`
 * does in float32: for each pair `(a, b)` with angle φ,
 * `a' = a·cos φ − b·sin φ` and `b' = b·cos φ + a·sin φ`, where cos and sin
 * carry the frequencies' attention factor (so only the rotated dims are
 * scaled). Every product is rounded to float32 before the sum, as PyTorch
 * does.
 *
 * Positions are non-negative integers: `offset + s` for token `s` by
 * default, or `options.positions`. With float32 angles (the default)
 * positions above 2^24 are an error: float32 cannot hold them exactly, so HF
 * itself would rotate them by a neighbour's angle; use `angles: "float64"`.
 *
 * With a {@linkcode RopeCache} the token at position `p` uses the cache row
 * holding `p` (row `p` of a cache built from a count, the row where the
 * list has `p` otherwise); a position the cache lacks is an error naming it.
 *
 * Runs a WebAssembly SIMD kernel where the runtime has one (Deno, browsers,
 * Node, Deno Deploy), else an equivalent scalar loop: both give the same
 * bits.
 *
 * @param x Queries or keys, rank 4 in `options.layout`.
 * @param rope Frequencies ({@linkcode ropeFrequencies} or `@posenc/scaling`)
 * or a precomputed {@linkcode ropeCache}.
 * @param options Layout, pairing, positions, in-place.
 * @returns The rotated tensor: a new one, `x` itself with `inPlace`, or `out`.
 * @throws {TypeError} If `x` is not a tensor, `rope` is neither frequencies
 * nor a cache, an option has the wrong type or an unknown key (the message
 * names the closest valid one), or both positions and offset (or inPlace
 * and out) are given.
 * @throws {RangeError} If `x` is not rank 4, the rotary dim exceeds the head
 * dim or disagrees with `rotaryDim`, a position is negative, fractional,
 * too large, of the wrong count, or missing from the cache, or `out` has
 * another shape or partly overlaps `x`.
 *
 * @example Usage
 * ```ts
 * import { applyRope, ropeFrequencies } from "@posenc/rope";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // One head of 4 dims at position 1: pairs (0, 2) and (1, 3) turn by 1 and 0.01 rad.
 * const q = tensor([1, 1, 0, 0], [1, 1, 1, 4]);
 * const out = applyRope(q, ropeFrequencies(4), { offset: 1 });
 * assert.deepEqual(
 *   [...out.data].map((v) => v.toFixed(4)),
 *   ["0.5403", "0.9999", "0.8415", "0.0100"], // [cos 1, cos 0.01, sin 1, sin 0.01]
 * );
 * ```
 */
export function applyRope(
  x: Tensor,
  rope: RopeFrequencies | RopeCache,
  options: ApplyRopeOptions = {},
): Tensor {
  return applyRopeWith(defaultKernel(), x, rope, options);
}
