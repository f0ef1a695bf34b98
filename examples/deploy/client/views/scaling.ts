/// <reference lib="dom" />
/**
 * Panel 4: per-pair frequency ratio and out-of-distribution angle of each RoPE
 * scaling method.
 *
 * @module
 */

import { computeScaling, type ScalingData } from "../../lib/scaling.ts";
import type { View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

/** Panel 4's view. */
export const scalingView: View<"scaling", ScalingData> = {
  compute: computeScaling,
  render(data, values, { plots, summary }) {
    const rows = data.curves.flatMap((curve) =>
      curve.points.map((p) => ({ ...p, method: curve.label }))
    );
    const width = plotWidth(plots);
    summary.innerHTML =
      `factor <strong>${
        fmt(data.factor)
      }</strong> (${values.targetLength} / ${values.trainLength}); ` +
      data.curves.map((c) =>
        `${c.label}: <strong>${c.oodPairs}</strong> of ${c.points.length} pairs out of distribution`
      ).join("; ");
    show(
      plots,
      "ratio",
      Plot.plot({
        title: "Frequency ratio per rotation pair",
        subtitle: "θ′ᵢ / θᵢ: 1 = untouched, 1/factor = fully interpolated",
        width,
        height: 340,
        x: { label: "pair i (fast → slow)" },
        y: { type: "log", label: "θ′ᵢ / θᵢ", grid: true },
        color: { legend: true },
        marks: [
          Plot.ruleY([1, 1 / data.factor], { stroke: "#999", strokeDasharray: "4,3" }),
          Plot.line(rows, { x: "pair", y: "ratio", stroke: "method", strokeWidth: 2 }),
          Plot.tip(rows, Plot.pointerX({ x: "pair", y: "ratio", stroke: "method" })),
        ],
      }),
    );
    show(
      plots,
      "ood",
      Plot.plot({
        title: "Largest angle at the target length vs. in training",
        subtitle: "above 1: the pair turns where training never went",
        width,
        height: 340,
        x: { label: "pair i (fast → slow)" },
        y: { type: "log", label: "max angle at target / max angle seen", grid: true },
        color: { legend: true },
        marks: [
          Plot.ruleY([1], { stroke: "#b3261e", strokeDasharray: "4,3" }),
          Plot.line(rows, { x: "pair", y: "angleRatio", stroke: "method", strokeWidth: 2 }),
          Plot.tip(rows, Plot.pointerX({ x: "pair", y: "angleRatio", stroke: "method" })),
        ],
      }),
    );
  },
};
