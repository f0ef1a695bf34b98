/// <reference lib="dom" />
/**
 * Panel 4: T5's bucket of each relative position (exact, then logarithmic)
 * next to ALiBi's straight-line penalty, and one head's T5 bias matrix.
 *
 * @module
 */

import { type BucketRun, computeRelative, type RelativeData } from "../../lib/relative.ts";
import type { View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

/** What the summary says about the keys before the query (every mode has them). */
function describeKeysBefore(runs: readonly BucketRun[], maxExact: number): string {
  // Runs at or left of 0, nearest first, as distances (0 = the query's own key).
  const before = runs.filter((r) => r.from <= 0).map((r) => ({
    near: -Math.min(r.to, 0),
    far: -r.from,
    bucket: r.bucket,
  })).reverse();
  const last = before.at(-1)!;
  const log = before.filter((r) => r.near >= maxExact && r !== last);
  const widest = Math.max(0, ...log.map((r) => r.far - r.near + 1));
  const exact = maxExact === 1
    ? "distance 0 gets its own bucket"
    : `distances 0–${fmt(maxExact - 1)} get a bucket each`;
  const middle = log.length === 0
    ? ""
    : `, <strong>${log.length}</strong> logarithmic buckets cover ${fmt(log[0]!.near)}–${
      fmt(last.near - 1)
    } (the widest ${fmt(widest)} distances)`;
  return `Keys before the query: ${exact}${middle}, and from <strong>${
    fmt(last.near)
  }</strong> on every key shares bucket ${last.bucket}.`;
}

/** Panel 4's view. */
export const relativeView: View<"relative", RelativeData> = {
  compute: computeRelative,
  render(data, values, { plots, summary }) {
    const { mode, numBuckets, maxDistance, heads, head, length } = values;
    const { range, maxExact, slope } = data;
    const causal = mode === "causal";
    const width = plotWidth(plots);
    summary.innerHTML =
      `${describeKeysBefore(data.buckets, maxExact)} ALiBi head ${head} of ${heads}` +
      ` (slope <strong>${fmt(slope)}</strong>) tells every distance apart: its penalty grows by ` +
      `${fmt(slope)} per token, to <strong>${fmt(slope * maxDistance)}</strong> at ${
        fmt(maxDistance)
      }.`;
    const domain = [-range, range];
    // A step line through each run's first position, held to the next run.
    const steps = [
      ...data.buckets.map((r) => ({ relative: r.from, ...r })),
      { ...data.buckets.at(-1)!, relative: range },
    ];
    const exactEdges = causal ? [-maxExact] : [-maxExact, maxExact];
    const logEdges = causal ? [-maxDistance] : [-maxDistance, maxDistance];
    show(
      plots,
      "buckets",
      Plot.plot({
        title: `T5 bucket by relative position (${numBuckets} buckets, ${mode})`,
        subtitle: `a bucket per distance under ${fmt(maxExact)} (dashed), log-spaced ones to ${
          fmt(maxDistance)
        } (dotted), the last reaching on forever${causal ? "; every later key in bucket 0" : ""}`,
        width,
        height: 300,
        x: { label: "key − query →", domain },
        y: { label: "↑ bucket", grid: true },
        marks: [
          Plot.ruleX(exactEdges, { stroke: "#9aa5b1", strokeDasharray: "4,3" }),
          Plot.ruleX(logEdges, { stroke: "#9aa5b1", strokeDasharray: "1,3" }),
          Plot.line(steps, { x: "relative", y: "bucket", curve: "step-after", stroke: "#1f5fa8" }),
          Plot.tip(
            steps,
            Plot.pointerX({
              x: "relative",
              y: "bucket",
              title: (d: BucketRun) =>
                `bucket ${d.bucket}: ${
                  d.from === d.to ? fmt(d.from) : `${fmt(d.from)} to ${fmt(d.to)}`
                }`,
            }),
          ),
        ],
      }),
    );
    show(
      plots,
      "alibi-line",
      Plot.plot({
        title: `ALiBi bias by relative position (head ${head} of ${heads})`,
        subtitle: causal
          ? "−slope · distance; later keys masked (−∞)"
          : "−slope · |distance| (symmetric): a straight line, no buckets",
        width,
        height: 300,
        x: { label: "key − query →", domain },
        y: { label: "↑ bias", grid: true },
        marks: [
          Plot.ruleY([0]),
          Plot.line(data.alibi, { x: "relative", y: "bias", stroke: "#b3261e", strokeWidth: 1.5 }),
          Plot.dot(data.alibi, { x: "relative", y: "bias", fill: "#b3261e", r: 2.5 }),
        ],
      }),
    );
    // The same head's bias as a function of the relative position: the table read through the buckets.
    const learned = steps.map((s) => ({ ...s, bias: data.weight[s.bucket]! }));
    show(
      plots,
      "t5-line",
      Plot.plot({
        title: `T5 bias of head ${head} by relative position`,
        subtitle: `weight[bucket, head]: one value per bucket, flat from ${
          fmt(-data.buckets[0]!.to)
        } tokens away on, where ALiBi's line keeps falling`,
        width,
        height: 300,
        x: { label: "key − query →", domain },
        y: { label: "↑ bias", grid: true },
        marks: [
          Plot.ruleY([0]),
          Plot.line(learned, { x: "relative", y: "bias", curve: "step-after", stroke: "#1f5fa8" }),
        ],
      }),
    );
    // The matrix holds only the weight's values: at most 256 of them.
    const extent = Math.max(1e-9, ...data.weight.map(Math.abs));
    show(
      plots,
      "t5-bias",
      Plot.plot({
        title: `T5 bias of head ${head}, seeded weight`,
        subtitle: causal
          ? "weight[bucket(j − i), head]: constant along diagonals; later keys take bucket 0's (a decoder masks them)"
          : "weight[bucket(j − i), head]: constant along diagonals, far ones share a value",
        width,
        height: Math.min(width, 420),
        x: { label: "key j →", axis: "top" },
        y: { label: "↓ query i", reverse: true },
        color: { scheme: "RdBu", domain: [-extent, extent], legend: true, label: "bias" },
        marks: [
          Plot.raster(data.bias.values as number[], {
            width: length,
            height: length,
            x1: 0,
            x2: length,
            y1: 0,
            y2: length,
            imageRendering: "pixelated",
          }),
        ],
      }),
    );
  },
};
