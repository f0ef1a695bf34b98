/**
 * Rotary position embeddings (RoPE, Su et al. 2021) exactly as Hugging Face
 * transformers computes them, and fast: frequencies bit for bit equal to
 * HF's float32 `inv_freq`, cos/sin tables shared by every layer and head,
 * and a WebAssembly SIMD rotation for both pairings ("half" for Llama/NeoX,
 * "interleaved" for GPT-J), partial rotary, KV-cache offsets and per-row
 * positions.
 *
 * ```ts
 * import { applyRope, relativeDecayBound, ropeCache, ropeFrequencies } from "@posenc/rope";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const frequencies = ropeFrequencies(64, { base: 10000 });
 * const cache = ropeCache(frequencies, 4096); // once per model, shared by every layer
 *
 * // Prefill 8 tokens, then decode token 8 with the KV cache's offset.
 * const q = randomNormal([1, 4, 8, 64], { seed: 1 }); // [batch, heads, seq, headDim]
 * const prefill = applyRope(q, cache);
 * const next = randomNormal([1, 4, 1, 64], { seed: 2 });
 * const decoded = applyRope(next, cache, { offset: 8 });
 * assert.deepEqual(prefill.shape, [1, 4, 8, 64]);
 * assert.deepEqual(decoded.shape, [1, 4, 1, 64]);
 *
 * // A rotation: each head's norm is kept.
 * const norm = (data: Float32Array) => Math.hypot(...data.subarray(0, 64));
 * assert.ok(Math.abs(norm(prefill.data) - norm(q.data)) < 1e-4);
 *
 * // RoFormer's long-term decay bound falls with distance.
 * const bound = relativeDecayBound(frequencies, 100);
 * assert.equal(bound[0], (64 + 2) / 4);
 * assert.ok(bound[100]! < bound[10]!);
 * ```
 *
 * @module
 */

export * from "./types.ts";
export * from "./frequencies.ts";
export * from "./cache.ts";
export * from "./multimodal_cache.ts";
export * from "./mrope_positions.ts";
export * from "./apply.ts";
export * from "./resident.ts";
export * from "./decay.ts";
/** Re-exported from `@posenc/tensor`: the tensor type and layouts `applyRope` takes. */
export type { Layout, Tensor } from "@posenc/tensor";
