import { type Tensor, tensor } from "@posenc/tensor";
import {
  checkAllocation,
  checkInteger,
  checkOptions,
  checkTensor,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { fillBuckets, t5Params } from "./_t5.ts";
import type { T5BiasOptions } from "./types.ts";

const BIAS_KEYS: OptionKeys<T5BiasOptions> = {
  queryLength: true,
  keyLength: true,
  queryOffset: true,
  bidirectional: true,
  maxDistance: true,
};

/**
 * T5's relative attention bias, as HF's `T5Attention.compute_bias`: the
 * learned `relative_attention_bias` embedding looked up at the bucket of
 * every query-key pair, laid out [1, heads, queries, keys] to add to the
 * attention logits (T5 does not scale them by 1/√d).
 *
 * The number of buckets is the weight's row count. Encoders use
 * bidirectional buckets, decoders `bidirectional: false`; in a decoder with
 * a KV cache the new queries sit at `queryOffset + i` (HF's
 * `cache_position`) and the keys at `0..keyLength - 1`.
 *
 * @param weight The embedding `relative_attention_bias.weight`: a float32
 * tensor [numBuckets, heads].
 * @param options Query and key counts, the first query's position, encoder
 * or decoder, maximum distance.
 * @returns A float32 tensor [1, heads, queryLength, keyLength].
 * @throws {RangeError} If weight is not rank 2, its bucket count is invalid
 * for the mode, or a length, offset or maxDistance is out of range.
 * @throws {TypeError} If weight is not a tensor, or an option has the wrong
 * type or is unknown.
 *
 * @example Usage
 * ```ts
 * import { t5Bias } from "@posenc/relative";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // 32 buckets, 2 heads: bucket b holds [b, -b].
 * const weight = tensor(Array.from({ length: 64 }, (_, i) => (i % 2 ? -1 : 1) * (i >> 1)), [32, 2]);
 * const bias = t5Bias(weight, { queryLength: 2, keyLength: 3 });
 * assert.deepEqual(bias.shape, [1, 2, 2, 3]);
 * // Head 0: query 0 sees keys 0, 1, 2 at buckets 0, 17, 18; query 1 at 1, 0, 17.
 * assert.deepEqual([...bias.data.subarray(0, 6)], [0, 17, 18, 1, 0, 17]);
 * ```
 */
export function t5Bias(weight: Tensor, options: T5BiasOptions): Tensor {
  if (options === undefined) {
    throw new TypeError(
      "Invalid options: expected an object with queryLength and keyLength, got undefined",
    );
  }
  const { queryLength, keyLength, queryOffset, bidirectional, maxDistance } = checkOptions(
    "options",
    options,
    { allowed: BIAS_KEYS },
  );
  const table = checkTensor("weight", weight, { rank: 2 });
  const [numBuckets, heads] = table.shape as [number, number];
  const qLen = checkInteger("queryLength", queryLength, { min: 0 });
  const kLen = checkInteger("keyLength", keyLength, { min: 0 });
  const offset = checkInteger("queryOffset", queryOffset ?? 0, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER - qLen,
  });
  let params;
  try {
    params = t5Params(bidirectional, numBuckets, maxDistance);
  } catch (error) {
    if (error instanceof RangeError && error.message.startsWith("Invalid numBuckets")) {
      throw new RangeError(
        `Invalid weight: expected shape [numBuckets, heads] with numBuckets ${
          bidirectional === false ? ">= 2" : "even and >= 4 (bidirectional)"
        }, got shape ${formatValue(table.shape)}`,
      );
    }
    throw error;
  }
  checkAllocation(
    `bias [1, heads, queryLength, keyLength] = [1, ${heads}, ${qLen}, ${kLen}]`,
    heads * qLen * kLen,
  );
  checkAllocation(`buckets [queryLength, keyLength] = [${qLen}, ${kLen}]`, qLen * kLen);
  const buckets = new Int32Array(qLen * kLen);
  fillBuckets(buckets, qLen, kLen, offset, params);
  const out = new Float32Array(heads * qLen * kLen);
  const plane = qLen * kLen;
  const data = table.data;
  for (let h = 0; h < heads; h++) {
    const base = h * plane;
    for (let e = 0; e < plane; e++) out[base + e] = data[buckets[e]! * heads + h]!;
  }
  return tensor(out, [1, heads, qLen, kLen]);
}
