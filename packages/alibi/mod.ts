/**
 * ALiBi, attention with linear biases (Press et al., 2021): instead of
 * position embeddings, each head adds `-slope · distance` to its attention
 * logits, with the slopes BLOOM, MPT, flash-attention users and llama.cpp
 * share. Bottom-right aligned for KV-cache decoding; causal or symmetric.
 *
 * ```ts
 * import { alibiBias, alibiSlopes, applyAlibi } from "@posenc/alibi";
 * import { zeros } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const slopes = alibiSlopes(8); // 1/2, 1/4, ..., 1/256
 * assert.equal(slopes[0], 0.5);
 *
 * const scores = applyAlibi(zeros([1, 8, 4, 4])); // [batch, heads, q, k]
 * assert.deepEqual(scores.data, alibiBias(8, 4, 4).data);
 * assert.equal(scores.data[3 * 4 + 0], -1.5); // head 0, query 3, key 0: -0.5 * 3
 * ```
 *
 * @module
 */

export * from "./types.ts";
export * from "./slopes.ts";
export * from "./bias.ts";
export * from "./apply.ts";
