import { checkInteger, formatValue } from "@posenc/tensor/validate";
import { checkBoolean } from "@posenc/tensor/validate";

const f32 = Math.fround;

/** T5's bucketing parameters, checked, with the float32 constants of its log branch. */
export interface T5Params {
  readonly bidirectional: boolean;
  readonly numBuckets: number;
  readonly maxDistance: number;
  /** Buckets per side: numBuckets / 2 when bidirectional, else numBuckets. */
  readonly sideBuckets: number;
  /** Distances below this get a bucket of their own. */
  readonly maxExact: number;
  /** `math.log(maxDistance / maxExact)` as the float32 torch divides by. */
  readonly logRange: number;
  /** Buckets of the logarithmic part: sideBuckets - maxExact. */
  readonly logBuckets: number;
}

/** Checks the bucketing options and derives HF's constants from them. */
export function t5Params(
  bidirectionalOption: unknown,
  numBucketsOption: unknown,
  maxDistanceOption: unknown,
): T5Params {
  const bidirectional = checkBoolean("bidirectional", bidirectionalOption ?? true);
  const numBuckets = numBucketsOption ?? 32;
  if (bidirectional) {
    checkInteger("numBuckets", numBuckets, { min: 4 });
    if ((numBuckets as number) % 2 !== 0) {
      throw new RangeError(
        `Invalid numBuckets: expected an even integer with bidirectional buckets (half for keys ` +
          `before the query, half for keys after), got ${formatValue(numBuckets)}`,
      );
    }
  } else {
    checkInteger("numBuckets", numBuckets, { min: 2 });
  }
  const sideBuckets = bidirectional ? (numBuckets as number) / 2 : numBuckets as number;
  const maxExact = Math.floor(sideBuckets / 2);
  const maxDistance = maxDistanceOption ?? 128;
  if (
    typeof maxDistance !== "number" || !Number.isSafeInteger(maxDistance) ||
    maxDistance <= maxExact
  ) {
    const message = `Invalid maxDistance: expected an integer > ${maxExact} (the number of ` +
      `exact buckets for numBuckets ${numBuckets}${
        bidirectional ? ", bidirectional" : ""
      }; the logarithmic buckets span maxExact to maxDistance), got ${formatValue(maxDistance)}`;
    throw typeof maxDistance === "number" ? new RangeError(message) : new TypeError(message);
  }
  return {
    bidirectional,
    numBuckets: numBuckets as number,
    maxDistance,
    sideBuckets,
    maxExact,
    // Python computes the log in float64; torch casts that scalar to the
    // tensor's float32 when it divides.
    logRange: f32(Math.log(maxDistance / maxExact)),
    logBuckets: sideBuckets - maxExact,
  };
}

/**
 * `T5Attention._relative_position_bucket` for one integer relative position
 * (key minus query). The logarithmic branch repeats torch's float32 ops
 * one by one: `rel.float() / max_exact`, `log`, `/ log(max_distance /
 * max_exact)`, `* (num_buckets - max_exact)`, then truncation toward zero
 * (`.to(torch.long)`); float64 arithmetic would land on the other side of
 * an integer at some distances.
 */
export function bucketOf(relative: number, p: T5Params): number {
  let bucket = 0;
  let distance: number;
  if (p.bidirectional) {
    if (relative > 0) bucket = p.sideBuckets;
    distance = Math.abs(relative);
  } else {
    distance = relative < 0 ? -relative : 0;
  }
  if (distance < p.maxExact) return bucket + distance;
  const ratio = f32(f32(distance) / p.maxExact);
  const scaled = f32(f32(f32(Math.log(ratio)) / p.logRange) * p.logBuckets);
  return bucket + Math.min(p.maxExact + Math.trunc(scaled), p.sideBuckets - 1);
}

/** Fills `out[i * keyLength + j]` with the bucket of key j for the query at queryOffset + i. */
export function fillBuckets(
  out: Int32Array,
  queryLength: number,
  keyLength: number,
  queryOffset: number,
  p: T5Params,
): void {
  // The bucket depends only on j - i: compute each distance once.
  const first = -(queryOffset + queryLength - 1);
  const line = new Int32Array(Math.max(0, queryLength + keyLength - 1));
  for (let d = 0; d < line.length; d++) line[d] = bucketOf(first + d, p);
  for (let i = 0; i < queryLength; i++) {
    const start = queryLength - 1 - i;
    out.set(line.subarray(start, start + keyLength), i * keyLength);
  }
}
