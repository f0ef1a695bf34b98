import { sizeOf, type Tensor } from "@posenc/tensor";
import { formatValue } from "@posenc/tensor/validate";
import { residentFloats } from "./_resident.ts";

/**
 * A zero-filled rank-4 tensor that {@linkcode applyRope} rotates in place
 * with no copy. WebAssembly can only address its own memory, so an ordinary
 * `Float32Array` is copied into the SIMD kernel's memory and back, chunk by
 * chunk, which costs more than the rotation itself; this tensor's `data`
 * *is* kernel memory (a `Float32Array` view of a WebAssembly memory of its
 * own, with room for the cos/sin tables after it), so
 * `applyRope(t, rope, { inPlace: true })` turns it where it lies. Write
 * queries or keys into `data` (a projection's output, a decode step's new
 * token), rotate, read them back: the bits are exactly those of
 * `applyRope` on a copy, for every option.
 *
 * The memory is sized once and never grows, so `data` never detaches or
 * moves. It holds the tensor and its tables (at most 16 KiB of cos/sin rows
 * and 36 bytes of angle state per rotated pair), rounded up to 64 KiB pages:
 * one page for a decode step's `[1, 32, 1, 128]` query. The runtime also
 * reserves address space (not memory) for each WebAssembly memory, so make
 * a few and reuse them across steps and layers rather than one per call.
 *
 * Any view into `data` rotates in place too (`data.subarray(...)` wrapped
 * in a tensor of another shape, e.g. the first `n` tokens of a buffer made
 * for the longest prompt). `inPlace` is what skips the copy: with `out`, or
 * without either, the result is a new tensor as usual. Where WebAssembly
 * SIMD is unavailable this returns an ordinary tensor, which applyRope's
 * scalar loop rotates with the same bits.
 *
 * @param shape `[batch, heads, seq, headDim]` or `[batch, seq, heads,
 * headDim]`: any rank-4 shape, as `applyRope`'s `layout` will read it.
 * @returns A tensor of zeros whose `data` applyRope rotates without copying.
 * @throws {RangeError} If `shape` is not four non-negative integers, or
 * the tensor would exceed a WebAssembly memory's 4 GiB.
 *
 * @example Decoding one token at a time, without copies
 * ```ts
 * import { applyRope, ropeCache, ropeFrequencies, ropeTensor } from "@posenc/rope";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const cache = ropeCache(ropeFrequencies(128), 4096); // once per model
 * const q = ropeTensor([1, 32, 1, 128]); // once: reused by every step and layer
 *
 * for (const position of [4093, 4094, 4095]) {
 *   const projected = randomNormal([1, 32, 1, 128], { seed: position }); // x · W_q, say
 *   q.data.set(projected.data); // or have the projection write into q.data directly
 *   applyRope(q, cache, { offset: position, inPlace: true }); // no copy in or out
 *   assert.deepEqual(q.data, applyRope(projected, cache, { offset: position }).data);
 * }
 * ```
 *
 * @example A buffer for the longest prompt, used for shorter ones
 * ```ts
 * import { applyRope, ropeFrequencies, ropeTensor } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const frequencies = ropeFrequencies(64);
 * const buffer = ropeTensor([1, 512, 8, 64]); // bshd: up to 512 tokens of 8 heads
 * const tokens = 100;
 * const k = { shape: [1, tokens, 8, 64], data: buffer.data.subarray(0, tokens * 8 * 64) };
 * k.data.fill(1);
 * applyRope(k, frequencies, { layout: "bshd", inPlace: true }); // still no copy
 * assert.equal(k.data[0], 1); // position 0 is not turned
 * assert.notEqual(k.data[99 * 8 * 64], 1); // position 99 is
 * ```
 */
export function ropeTensor(shape: readonly number[]): Tensor {
  if (!Array.isArray(shape) || shape.length !== 4) {
    throw new RangeError(
      `Invalid shape: expected 4 dimensions ([batch, heads, seq, headDim] or [batch, seq, heads, headDim]), got ${
        formatValue(shape)
      }`,
    );
  }
  const size = sizeOf(shape);
  const frozen = Object.freeze([...shape]);
  return { shape: frozen, data: residentFloats(size, frozen) ?? new Float32Array(size) };
}
