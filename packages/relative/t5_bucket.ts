import {
  checkAllocation,
  checkInteger,
  checkOptions,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { bucketOf, fillBuckets, t5Params } from "./_t5.ts";
import type { T5BucketOptions, T5BucketsOptions } from "./types.ts";

const BUCKET_KEYS: OptionKeys<T5BucketOptions> = {
  bidirectional: true,
  numBuckets: true,
  maxDistance: true,
};
const BUCKETS_KEYS: OptionKeys<T5BucketsOptions> = { ...BUCKET_KEYS, queryOffset: true };

/**
 * T5's bucket for one relative position, exactly as Hugging Face's
 * `T5Attention._relative_position_bucket` (and so every T5, mT5, Flan-T5,
 * LongT5 local attention, UMT5 and Pix2Struct checkpoint) computes it.
 *
 * Distances below `maxExact` (half of the buckets of a side) get a bucket
 * each; longer ones share logarithmically wider buckets up to
 * `maxDistance`, beyond which all share the last. Bidirectional (encoder)
 * buckets split `numBuckets` into keys at or before the query and keys
 * after it; causal (decoder) buckets only measure keys before the query and
 * put every later key in bucket 0. The logarithm is taken in float32 op by
 * op as torch does, so the buckets are the checkpoint's at every boundary.
 *
 * @param relativePosition Key position minus query position: a safe integer.
 * @param options Encoder or decoder, number of buckets, maximum distance.
 * @returns The bucket, an integer in [0, numBuckets).
 * @throws {RangeError} If relativePosition is not an integer, numBuckets is
 * odd or < 4 (bidirectional) or < 2 (causal), or maxDistance is not above
 * the number of exact buckets.
 * @throws {TypeError} If an option has the wrong type or is unknown.
 *
 * @example Encoder and decoder buckets
 * ```ts
 * import { t5RelativeBucket } from "@posenc/relative";
 * import assert from "node:assert/strict";
 *
 * assert.equal(t5RelativeBucket(-3), 3); // key 3 before the query
 * assert.equal(t5RelativeBucket(3), 19); // key 3 after: the second half
 * assert.equal(t5RelativeBucket(-64), 14); // logarithmic buckets from 8 on
 * assert.equal(t5RelativeBucket(-1000), 15); // beyond maxDistance: the last
 * assert.equal(t5RelativeBucket(5, { bidirectional: false }), 0); // future key
 * assert.equal(t5RelativeBucket(-20, { bidirectional: false }), 17);
 * ```
 */
export function t5RelativeBucket(relativePosition: number, options?: T5BucketOptions): number {
  const { bidirectional, numBuckets, maxDistance } = checkOptions("options", options, {
    allowed: BUCKET_KEYS,
  });
  const params = t5Params(bidirectional, numBuckets, maxDistance);
  checkInteger("relativePosition", relativePosition, {
    min: -Number.MAX_SAFE_INTEGER,
    max: Number.MAX_SAFE_INTEGER,
  });
  return bucketOf(relativePosition, params);
}

/**
 * The T5 bucket of every query-key pair: entry `i * keyLength + j` is
 * {@linkcode t5RelativeBucket}`(j - (queryOffset + i))`, the
 * `relative_position_bucket` matrix of HF's `T5Attention.compute_bias`.
 * With `queryOffset` the queries are the last tokens of a decoder whose KV
 * cache holds `queryOffset` earlier ones.
 *
 * @param queryLength Number of queries: an integer >= 0.
 * @param keyLength Number of keys: an integer >= 0.
 * @param options Bucketing parameters and the first query's position.
 * @returns An Int32Array of queryLength * keyLength buckets, row-major.
 * @throws {RangeError} If a length or queryOffset is not a non-negative
 * integer, or a bucketing parameter is out of range.
 * @throws {TypeError} If an option has the wrong type or is unknown.
 *
 * @example A decoding step with 4 cached tokens
 * ```ts
 * import { t5Buckets } from "@posenc/relative";
 * import assert from "node:assert/strict";
 *
 * const buckets = t5Buckets(1, 5, { bidirectional: false, queryOffset: 4 });
 * assert.deepEqual([...buckets], [4, 3, 2, 1, 0]);
 * ```
 */
export function t5Buckets(
  queryLength: number,
  keyLength: number,
  options?: T5BucketsOptions,
): Int32Array {
  const { bidirectional, numBuckets, maxDistance, queryOffset } = checkOptions(
    "options",
    options,
    { allowed: BUCKETS_KEYS },
  );
  checkInteger("queryLength", queryLength, { min: 0 });
  checkInteger("keyLength", keyLength, { min: 0 });
  const offset = checkInteger("queryOffset", queryOffset ?? 0, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER - queryLength,
  });
  const params = t5Params(bidirectional, numBuckets, maxDistance);
  checkAllocation(
    `buckets [queryLength, keyLength] = [${queryLength}, ${keyLength}]`,
    queryLength * keyLength,
  );
  const out = new Int32Array(queryLength * keyLength);
  fillBuckets(out, queryLength, keyLength, offset, params);
  return out;
}
