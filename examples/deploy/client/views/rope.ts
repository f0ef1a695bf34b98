/// <reference lib="dom" />
/**
 * Panel 2: the RoPE score of one q/k pair against distance (with both
 * positions shifted, overlaid), and RoFormer's decay bound.
 *
 * @module
 */

import { computeRope, type RopeData } from "../../lib/rope.ts";
import type { View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

/** Panel 2's view. */
export const ropeView: View<"rope", RopeData> = {
  compute: computeRope,
  render(data, values, { plots, summary }) {
    const { shift, angles } = values;
    const width = plotWidth(plots);
    summary.innerHTML = `Shifting both positions by ${shift}: largest |difference| <strong>${
      fmt(data.maxShiftDifference, 3)
    }</strong> over ${data.scores.length} distances (${angles} angles; q·k = ${
      fmt(data.dotAtZero)
    }).`;
    const series = data.scores.flatMap((p) => [
      { distance: p.distance, score: p.score, series: "q at 0, k at distance" },
      { distance: p.distance, score: p.shifted, series: `both shifted by ${shift}` },
    ]);
    show(
      plots,
      "score",
      Plot.plot({
        title: "Score of the same q and k against their distance",
        subtitle: "RoPE(q, m) · RoPE(k, m + distance) does not depend on m",
        width,
        height: 360,
        x: { label: "distance →" },
        y: { label: "↑ score", grid: true },
        color: {
          legend: true,
          domain: ["q at 0, k at distance", `both shifted by ${shift}`],
          range: ["#1f5fa8", "#f2a134"],
        },
        marks: [
          Plot.ruleY([0]),
          Plot.line(series.filter((d) => d.series.startsWith("q at")), {
            x: "distance",
            y: "score",
            stroke: "series",
            strokeWidth: 2.5,
          }),
          Plot.line(series.filter((d) => !d.series.startsWith("q at")), {
            x: "distance",
            y: "score",
            stroke: "series",
            strokeWidth: 1.5,
            strokeDasharray: "5,4",
          }),
          Plot.tip(series, Plot.pointerX({ x: "distance", y: "score", stroke: "series" })),
        ],
      }),
    );
    const bound = data.bound.map((value, distance) => ({ distance, value }));
    show(
      plots,
      "bound",
      Plot.plot({
        title: "RoFormer's long-term decay bound",
        subtitle: "B(Δ) = mean over j of |e^(iΔθ₀) + … + e^(iΔθⱼ₋₁)| (Su et al. 2021, §3.4.3)",
        width,
        height: 360,
        x: { label: "relative distance Δ →" },
        y: { label: "↑ relative upper bound", grid: true },
        marks: [
          Plot.ruleY([0]),
          Plot.line(bound, { x: "distance", y: "value", stroke: "#6b3fa0", strokeWidth: 1.5 }),
          Plot.tip(bound, Plot.pointerX({ x: "distance", y: "value" })),
        ],
      }),
    );
  },
};
