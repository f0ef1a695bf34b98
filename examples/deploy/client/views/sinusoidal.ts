/// <reference lib="dom" />
/**
 * Panel 1: the sinusoidal table as a heatmap, and the dot product between
 * positions against their distance.
 *
 * @module
 */

import { computeSinusoidal, type SinusoidalData } from "../../lib/sinusoidal.ts";
import type { View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

/** Panel 1's view. */
export const sinusoidalView: View<"sinusoidal", SinusoidalData> = {
  compute: computeSinusoidal,
  render(data, values, { plots, summary }) {
    const { length, dim } = values;
    const { heatmap } = data;
    const rows = heatmap.positions.length;
    const widest = Math.max(1, ...(heatmap.spans ?? []));
    const width = plotWidth(plots);
    summary.innerHTML =
      `<strong>${data.slowPairs}</strong> of ${dim / 2} frequency pairs have a wavelength ` +
      `longer than the training length: they never turned once in training. ` +
      `Past it, PE(0)·PE(k) peaks at <strong>${
        fmt(data.farPeak.dot)
      }</strong> (k = ${data.farPeak.distance}), ` +
      `as similar as a position only <strong>${data.sameAsNear}</strong> away.`;
    show(
      plots,
      "table",
      Plot.plot({
        title: "Sinusoidal table PE(position, dim)",
        subtitle: rows < 2 * length
          ? `${rows} rows, each the mean of ${
            widest - 1
          }–${widest} positions (averaged, not sampled: no false moiré)`
          : "every position up to twice the training length",
        width,
        height: 380,
        x: { label: "dim →" },
        y: { label: "↓ position", reverse: true },
        color: { scheme: "RdBu", domain: [-1, 1], legend: true, label: "value" },
        marks: [
          Plot.raster(heatmap.values as number[], {
            width: dim,
            height: rows,
            x1: 0,
            x2: dim,
            y1: 0,
            y2: 2 * length,
            imageRendering: "pixelated",
          }),
          Plot.ruleY([length], { stroke: "#111", strokeWidth: 1.5, strokeDasharray: "6,3" }),
          Plot.text([length], {
            y: (d: number) => d,
            x: dim,
            text: () => "training length",
            textAnchor: "end",
            dy: -6,
            fill: "#111",
            stroke: "white",
            strokeWidth: 3,
            paintOrder: "stroke",
          }),
        ],
      }),
    );
    const curves = data.dot.map((d) => ({
      ...d,
      series: d.from === 0 ? "PE(0) · PE(k)" : `PE(${d.from}) · PE(${d.from} + k)`,
    }));
    show(
      plots,
      "dot",
      Plot.plot({
        title: "Dot product against distance",
        subtitle: "the two curves coincide: relative, yet not monotone",
        width,
        height: 380,
        x: { label: "distance k →" },
        y: { label: "↑ dot product", grid: true },
        color: {
          legend: true,
          domain: ["PE(0) · PE(k)", `PE(${length}) · PE(${length} + k)`],
          range: ["#1f5fa8", "#f2a134"],
        },
        marks: [
          Plot.rectX([0], {
            x1: length,
            x2: 2 * length,
            fill: "#f4e3e1",
            fillOpacity: 0.6,
          }),
          Plot.text(["past the training length"], {
            x: 1.5 * length,
            frameAnchor: "top",
            dy: 4,
            fill: "#8a2b22",
          }),
          Plot.ruleY([0]),
          Plot.line(curves.filter((d) => d.from === 0), {
            x: "distance",
            y: "dot",
            stroke: "series",
            strokeWidth: 2.5,
          }),
          Plot.line(curves.filter((d) => d.from !== 0), {
            x: "distance",
            y: "dot",
            stroke: "series",
            strokeWidth: 1.5,
            strokeDasharray: "5,4",
          }),
          Plot.dot([data.farPeak], { x: "distance", y: "dot", r: 4, fill: "#b3261e" }),
          Plot.tip(curves, Plot.pointerX({ x: "distance", y: "dot", stroke: "series" })),
        ],
      }),
    );
  },
};
