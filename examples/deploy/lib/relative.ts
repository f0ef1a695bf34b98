/**
 * Panel 4's numbers: T5's bucket of every relative position (key minus query)
 * out to twice the max distance, ALiBi's straight-line penalty over the same
 * positions for one head, and that head's T5 bias matrix from a seeded
 * weight.
 *
 * @module
 */

import { alibiSlopes } from "@posenc/alibi";
import { t5Bias, t5Buckets } from "@posenc/relative";
import { randomNormal, tensor } from "@posenc/tensor";
import type { PanelValues } from "./params.ts";
import type { Heatmap } from "./sinusoidal.ts";

/** Relative positions from `from` to `to` (inclusive) that share one T5 bucket. */
export interface BucketRun {
  readonly from: number;
  readonly to: number;
  readonly bucket: number;
}

/** Panel 4's data. */
export interface RelativeData {
  /** The plots cover relative positions [-range, range]: twice the max distance. */
  readonly range: number;
  /** Distances below this get a bucket each (on each side when bidirectional). */
  readonly maxExact: number;
  /**
   * T5's bucket of every relative position in [-range, range], as runs of
   * equal buckets from left to right: at most numBuckets runs, whatever the range.
   */
  readonly buckets: readonly BucketRun[];
  /** The chosen head's ALiBi slope, from `alibiSlopes(heads)`. */
  readonly slope: number;
  /**
   * ALiBi's bias of the chosen head at the ends of the range and at 0 (a
   * straight line on each side): `-slope · |relative|`, symmetric when
   * bidirectional; causal ALiBi masks later keys, so they are not listed.
   */
  readonly alibi: readonly { readonly relative: number; readonly bias: number }[];
  /** The chosen head's column of the seeded weight: its bias for each bucket. */
  readonly weight: readonly number[];
  /**
   * The chosen head's T5 bias, [length, length] (query rows, key columns):
   * `t5Bias` of the seeded weight.
   */
  readonly bias: Heatmap;
}

/**
 * Groups consecutive equal buckets.
 *
 * @param buckets The bucket of relative positions first, first + 1, ...
 * @param first The relative position of `buckets[0]`.
 * @returns The runs, left to right.
 */
export function bucketRuns(buckets: ArrayLike<number>, first: number): BucketRun[] {
  const runs: BucketRun[] = [];
  let start = 0;
  for (let i = 1; i <= buckets.length; i++) {
    if (i === buckets.length || buckets[i] !== buckets[start]) {
      runs.push({ from: first + start, to: first + i - 1, bucket: buckets[start]! });
      start = i;
    }
  }
  return runs;
}

/**
 * Computes panel 4.
 *
 * @param values The panel's parameters.
 * @returns T5's bucket runs, ALiBi's line, one head's weight column and T5 bias matrix.
 */
export function computeRelative(values: PanelValues<"relative">): RelativeData {
  const { mode, numBuckets, maxDistance, heads, head, length, seed } = values;
  const bidirectional = mode === "bidirectional";
  const options = { bidirectional, numBuckets, maxDistance };
  const range = 2 * maxDistance;
  // One query at position `range` over keys 0..2·range: relative positions -range..range.
  const line = t5Buckets(1, 2 * range + 1, { ...options, queryOffset: range });
  const slope = alibiSlopes(heads)[head - 1]!;
  const penalty = (relative: number) => -slope * Math.abs(relative) || 0;
  const alibi = [-range, 0, ...(bidirectional ? [range] : [])].map((relative) => ({
    relative,
    bias: penalty(relative),
  }));
  // The checkpoint's relative_attention_bias is [numBuckets, heads]; only one
  // head is drawn, so t5Bias gets that column alone (its [1, 1, L, L] is the
  // full bias's slice for the head, without the other heads' matrices).
  const full = randomNormal([numBuckets, heads], { seed });
  const weight = Array.from({ length: numBuckets }, (_, b) => full.data[b * heads + head - 1]!);
  const bias = t5Bias(tensor(weight, [numBuckets, 1]), {
    queryLength: length,
    keyLength: length,
    bidirectional,
    maxDistance,
  });
  return {
    range,
    maxExact: Math.floor((bidirectional ? numBuckets / 2 : numBuckets) / 2),
    buckets: bucketRuns(line, -range),
    slope,
    alibi,
    weight,
    bias: {
      positions: Array.from({ length }, (_, i) => i),
      columns: length,
      values: Array.from(bias.data),
    },
  };
}
