/// <reference lib="dom" />
/**
 * Panel 3: one head's ALiBi bias matrix, every head's slope, and every
 * head's bias along the last query's row.
 *
 * @module
 */

import { type AlibiData, computeAlibi } from "../../lib/alibi.ts";
import type { View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

/** The powers of two spanning the slopes: the axis ticks. */
function powersOfTwo(slopes: readonly number[]): number[] {
  const low = Math.floor(Math.log2(Math.min(...slopes)));
  const high = Math.ceil(Math.log2(Math.max(...slopes)));
  const step = Math.max(1, Math.ceil((high - low) / 8));
  const ticks = [];
  for (let e = high; e >= low; e -= step) ticks.push(2 ** e);
  return ticks;
}

/** Panel 3's view. */
export const alibiView: View<"alibi", AlibiData> = {
  compute: computeAlibi,
  render(data, values, { plots, summary }) {
    const { heads, length, head, mode } = values;
    const slope = data.slopes[head - 1]!;
    // Not always head 1: past a power of two, the extra heads take in-between (steeper) slopes.
    const steepest = data.slopes.indexOf(Math.max(...data.slopes)) + 1;
    const width = plotWidth(plots);
    summary.innerHTML = `Head ${head} of ${heads}: slope <strong>${fmt(slope)}</strong> ` +
      `(2<sup>${fmt(Math.log2(slope), 3)}</sup>); the farthest key costs <strong>${
        fmt(slope * (length - 1))
      }</strong> in the logit. Steepest: <strong class="steepest">head ${steepest}</strong>.`;
    // A loop, not Math.min(...values): 512² arguments overflow the call stack.
    let lowest = -1e-9;
    for (const v of data.bias.values) if (Number.isFinite(v) && v < lowest) lowest = v;
    show(
      plots,
      "bias",
      Plot.plot({
        title: `Bias of head ${head} (${mode})`,
        subtitle: mode === "causal" ? "grey: masked future keys (−∞)" : "−slope · |i − j|",
        width,
        height: Math.min(width, 420),
        x: { label: "key j →", axis: "top" },
        y: { label: "↓ query i", reverse: true },
        color: { scheme: "Viridis", domain: [lowest, 0], legend: true, label: "bias" },
        style: { background: "white" },
        marks: [
          Plot.frame({ fill: "#d5d8dc" }),
          Plot.raster(data.bias.values.map((v) => (Number.isFinite(v) ? v : NaN)), {
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
    const slopes = data.slopes.map((s, i) => ({ head: i + 1, slope: s, chosen: i + 1 === head }));
    const side = document.createElement("div");
    side.style.flex = "1 1 480px";
    show(
      side,
      "slopes",
      Plot.plot({
        title: "Slope per head",
        subtitle: heads & (heads - 1)
          ? "not a power of 2: two geometric sequences interleaved"
          : "a geometric sequence",
        width,
        height: 200,
        x: { label: "head →", tickFormat: "d" },
        y: {
          type: "log",
          base: 2,
          label: "↑ slope",
          grid: true,
          ticks: powersOfTwo(data.slopes),
          tickFormat: (d: number) => (d >= 1 ? String(d) : `2^${Math.log2(d)}`),
        },
        marks: [
          Plot.line(slopes, { x: "head", y: "slope", stroke: "#9aa5b1" }),
          Plot.dot(slopes, {
            x: "head",
            y: "slope",
            r: 3.5,
            fill: (d) => (d.chosen ? "#b3261e" : "#1f5fa8"),
          }),
          Plot.tip(slopes, Plot.pointerX({ x: "head", y: "slope" })),
        ],
      }),
    );
    show(
      side,
      "last-row",
      Plot.plot({
        title: "Bias of the last query by distance, every head",
        width,
        height: 220,
        x: { label: "distance to the key →" },
        y: { label: "↑ bias", grid: true },
        color: {
          type: "linear",
          scheme: "Turbo",
          domain: [1, Math.max(2, heads)],
          legend: true,
          label: "head",
        },
        marks: [
          Plot.ruleY([0]),
          Plot.line(data.lastRow, {
            x: "distance",
            y: "bias",
            z: "head",
            stroke: "head",
            strokeWidth: 1.5,
          }),
        ],
      }),
    );
    plots.append(side);
  },
};
