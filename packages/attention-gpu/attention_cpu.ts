import { checkTensor } from "@posenc/tensor/validate";
import type { Tensor } from "@posenc/tensor";
import type { AttentionOptions } from "./attention_options.ts";
import { planAttention } from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";

/**
 * Fast scaled dot-product attention on the CPU in float32: a flash-style
 * kernel in WebAssembly SIMD (tiles of 4 query rows against blocks of 64
 * keys with an online softmax, so no seq x seq matrix is ever stored; key
 * blocks a causal mask hides are skipped). It is the CPU backend of
 * `createGpuAttention`. Runtimes with relaxed SIMD get fused multiply-adds;
 * runtimes without WebAssembly SIMD (or where a content security policy
 * forbids compiling it) get a scalar TypeScript path with the same results.
 *
 * Same inputs, options, validation and semantics as
 * {@linkcode attentionReference} (layout, causal mask with bottom-right
 * alignment, grouped-query attention, ALiBi slopes, scale, RoPE with
 * positions, offset and queryPositions, sliding window, sinks, soft-cap,
 * left padding, bias), any shape and head dim; key blocks a causal mask, a
 * window or padding hides are skipped. The
 * arithmetic is float32 (dot products, softmax by a vectorised 2^x within
 * 2 ulp, sums): results agree with attentionReference's float64 within
 * 1e-4 absolute for unit-scale inputs (typically ~1e-6); the error grows
 * with the magnitude of v and of the logits.
 *
 * @param q Queries, rank 4 in `options.layout`.
 * @param k Keys: same batch and head dim as q, heads dividing q's heads.
 * @param v Values: the shape of k.
 * @param options Layout, causal mask, scale, RoPE, ALiBi slopes, sliding
 * window, sinks, soft-cap, left padding, bias.
 * @returns The attention output, the shape of q.
 * @throws {TypeError} If an argument has the wrong type, an option key is
 * unknown, RoPE gets both positions and offset, or a sliding window comes
 * without `causal`.
 * @throws {RangeError} If shapes disagree (batch, head dim, k/v lengths),
 * q's heads are not a multiple of k's, the slopes or sinks do not match the
 * heads, the padding does not match the batch, the bias has the wrong shape,
 * a RoPE position, rotary dim, window or soft-cap is out of range, or one
 * head's operands exceed WebAssembly's memory.
 *
 * @example Usage
 * ```ts
 * import { attentionCpu, attentionReference } from "@posenc/attention-gpu";
 * import { ropeFrequencies } from "@posenc/rope";
 * import { maxAbsDiff, randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // 8 query heads sharing 2 k/v heads, a causal mask and RoPE.
 * const q = randomNormal([1, 8, 100, 64], { seed: 1 });
 * const k = randomNormal([1, 2, 100, 64], { seed: 2 });
 * const v = randomNormal([1, 2, 100, 64], { seed: 3 });
 * const options = { causal: true, rope: { frequencies: ropeFrequencies(64) } };
 * const out = attentionCpu(q, k, v, options);
 * assert.deepEqual(out.shape, [1, 8, 100, 64]);
 * assert.ok(maxAbsDiff(out, attentionReference(q, k, v, options)) < 1e-4);
 *
 * // The first query sees only the first key: its output is that key's value.
 * assert.ok(Math.abs(out.data[0]! - v.data[0]!) < 1e-6);
 * ```
 */
export function attentionCpu(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttentionOptions = {},
): Tensor {
  checkTensor("q", q);
  checkTensor("k", k);
  checkTensor("v", v);
  const plan = planAttention(q, k, v, options);
  return cpuFromPlan(plan, q, k, v);
}
