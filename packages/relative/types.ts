/**
 * The option types of `@posenc/relative`, in a module of their own so that
 * every function module can import them without importing another.
 *
 * @module
 */

import type { Layout } from "@posenc/tensor";

/** Options for {@linkcode t5RelativeBucket}: T5's bucketing parameters. */
export interface T5BucketOptions {
  /**
   * Encoder (`true`: keys on both sides, half of the buckets each) or
   * decoder (`false`: keys after the query all share bucket 0).
   *
   * @default {true}
   */
  bidirectional?: boolean;
  /**
   * Number of buckets (`relative_attention_num_buckets`): an even integer
   * >= 4 when bidirectional, an integer >= 2 when not.
   *
   * @default {32}
   */
  numBuckets?: number;
  /**
   * Distance from which every key shares the last bucket
   * (`relative_attention_max_distance`): an integer larger than the
   * number of exact buckets.
   *
   * @default {128}
   */
  maxDistance?: number;
}

/** Options for {@linkcode t5Buckets}. */
export interface T5BucketsOptions extends T5BucketOptions {
  /**
   * Position of the first query: queries sit at `queryOffset + i`, keys at
   * `j` (a decoder with a KV cache of `queryOffset` tokens).
   *
   * @default {0}
   */
  queryOffset?: number;
}

/** Options for {@linkcode t5Bias}; the bucket count is the weight's row count. */
export interface T5BiasOptions {
  /** Number of queries: an integer >= 0. */
  queryLength: number;
  /** Number of keys: an integer >= 0. */
  keyLength: number;
  /**
   * Position of the first query (queries at `queryOffset + i`, keys at `j`).
   *
   * @default {0}
   */
  queryOffset?: number;
  /**
   * Encoder (`true`) or decoder (`false`) buckets; see {@linkcode T5BucketOptions}.
   *
   * @default {true}
   */
  bidirectional?: boolean;
  /**
   * See {@linkcode T5BucketOptions}.
   *
   * @default {128}
   */
  maxDistance?: number;
}

/** Options for {@linkcode shawRelativeIndex}. */
export interface ShawIndexOptions {
  /** The clipping distance k of Shaw et al.: an integer >= 0. */
  maxRelativePosition: number;
  /**
   * Position of the first query (queries at `queryOffset + i`, keys at `j`).
   *
   * @default {0}
   */
  queryOffset?: number;
}

/** Options for {@linkcode shawRelativeLogits}. */
export interface ShawLogitsOptions {
  /** Number of keys: an integer >= 0. */
  keyLength: number;
  /**
   * Position of the first query (queries at `queryOffset + i`, keys at `j`).
   *
   * @default {0}
   */
  queryOffset?: number;
  /**
   * Memory order of `q`; the logits are always [batch, heads, queries, keys].
   *
   * @default {"bhsd"}
   */
  layout?: Layout;
}

/** Options for {@linkcode shawRelativeValues}. */
export interface ShawValuesOptions {
  /**
   * Position of the first query (queries at `queryOffset + i`, keys at `j`).
   *
   * @default {0}
   */
  queryOffset?: number;
  /**
   * Memory order of the result (the attention weights are always
   * [batch, heads, queries, keys]).
   *
   * @default {"bhsd"}
   */
  layout?: Layout;
}
