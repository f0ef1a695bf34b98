/**
 * Relative position schemes that bias attention by the distance between a
 * query and a key instead of encoding absolute positions: T5's bucketed
 * relative bias (Raffel et al., 2020), bucket for bucket as Hugging Face's
 * `T5Attention` computes it, and Shaw et al.'s relative position
 * representations (2018), with clipped distance tables for keys and values.
 * Both take a `queryOffset` for decoding with a KV cache.
 *
 * ```ts
 * import { shawRelativeIndex, t5Bias, t5Buckets } from "@posenc/relative";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // T5 decoder buckets: 4 cached tokens, 1 new query.
 * assert.deepEqual([...t5Buckets(1, 5, { bidirectional: false, queryOffset: 4 })], [4, 3, 2, 1, 0]);
 *
 * // The bias of one head whose bucket b holds b / 10.
 * const weight = tensor(Array.from({ length: 32 }, (_, b) => b / 10), [32, 1]);
 * const bias = t5Bias(weight, { queryLength: 1, keyLength: 5, queryOffset: 4, bidirectional: false });
 * assert.deepEqual(bias.shape, [1, 1, 1, 5]);
 * assert.equal(bias.data[0], Math.fround(0.4));
 *
 * // Shaw: distances clipped to [-2, 2], shifted to table rows 0..4.
 * assert.deepEqual([...shawRelativeIndex(1, 5, { maxRelativePosition: 2 })], [2, 3, 4, 4, 4]);
 * ```
 *
 * @module
 */

export * from "./types.ts";
export * from "./t5_bucket.ts";
export * from "./t5_bias.ts";
export * from "./shaw_index.ts";
export * from "./shaw_terms.ts";
/** Re-exported from `@posenc/tensor`: the tensor type and layouts these functions take. */
export type { Layout, Tensor } from "@posenc/tensor";
