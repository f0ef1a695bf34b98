import { checkTensor } from "@posenc/tensor/validate";
import type { Tensor } from "@posenc/tensor";
import type { AttentionOptions } from "./attention_options.ts";
import { planAttention } from "./_plan.ts";
import { referenceFromPlan } from "./_reference.ts";

/**
 * Scaled dot-product attention on the CPU with float64 sums: the numbers the
 * GPU kernels are tested against, and the fallback where no WebGPU adapter
 * exists (Deno Deploy, or `createGpuAttention({ fallback: "cpu" })`).
 *
 * For each query row i of each head h:
 * `out = softmax(scale * q_i · k_j + bias_j) v` over the visible keys j,
 * where q and k are first rotated by `options.rope` (as `@posenc/rope`'s
 * `applyRope`: float32 rotations, cos and sin times the attentionFactor) and
 * `bias_j = -slope_h * |i + kSeq - qSeq - j|` with ALiBi, plus `options.bias`.
 * `softcap` caps the scaled logit before the biases; `slidingWindow`,
 * `leftPadding` and `causal` hide keys; `sinks` join the denominator (see
 * {@linkcode AttentionOptions}). Dot products, softmax and the weighted sum
 * of v are float64; the result is rounded to float32 once. A row that sees
 * no key (causal with qSeq > kSeq, a window or padding that hides all) is 0.
 * With fewer k/v heads than q heads (GQA/MQA), query head h reads k/v head
 * `floor(h / (heads / kvHeads))`.
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
 * or a RoPE position, rotary dim, window or soft-cap is out of range.
 *
 * @example Usage
 * ```ts
 * import { attentionReference } from "@posenc/attention-gpu";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // One head, two keys: the query matches the first key, so its value dominates.
 * const q = tensor([4, 0], [1, 1, 1, 2]);
 * const k = tensor([1, 0, 0, 1], [1, 1, 2, 2]);
 * const v = tensor([1, 0, 0, 1], [1, 1, 2, 2]);
 * const out = attentionReference(q, k, v, { scale: 1 });
 * const w = 1 / (1 + Math.exp(-4)); // softmax([4, 0])[0]
 * assert.ok(Math.abs(out.data[0]! - w) < 1e-6);
 * assert.ok(Math.abs(out.data[1]! - (1 - w)) < 1e-6);
 *
 * // A causal mask with q longer than k: the first query sees no key.
 * const masked = attentionReference(
 *   tensor([1, 1, 1, 1], [1, 1, 2, 2]),
 *   tensor([1, 1], [1, 1, 1, 2]),
 *   tensor([5, 7], [1, 1, 1, 2]),
 *   { causal: true },
 * );
 * assert.deepEqual([...masked.data], [0, 0, 5, 7]);
 * ```
 */
export function attentionReference(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttentionOptions = {},
): Tensor {
  checkTensor("q", q);
  checkTensor("k", k);
  checkTensor("v", v);
  const plan = planAttention(q, k, v, options);
  return referenceFromPlan(plan, q, k, v);
}
