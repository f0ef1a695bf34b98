/// <reference lib="dom" />
/**
 * Panel 6: attention weights of a seeded sequence under the chosen scheme,
 * computed with WebGPU when the browser has it, else on the CPU; the page
 * says which.
 *
 * @module
 */

import { type AttentionData, computeAttention } from "../../lib/attention.ts";
import type { View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Panel 6's view. */
export const attentionView: View<"attention", AttentionData> = {
  compute: (values) => computeAttention(values, "auto"),
  // Pipelines compile on the first WebGPU call: seconds on a software adapter, not an empty panel.
  busyMessage: (first) =>
    first && "gpu" in navigator
      ? "Compiling the kernel… (the first WebGPU draw builds its pipelines, which takes a few seconds)"
      : null,
  render(data, values, { plots, summary }) {
    const { seq, head } = values;
    const width = plotWidth(plots);
    const where = data.backend === "webgpu"
      ? `<span class="backend" data-backend="webgpu">WebGPU: ${
        escape(data.adapter ?? "")
      }</span> ` +
        `flash-attention kernel; largest |GPU − CPU reference| = <strong>${
          fmt(data.maxDiffFromReference!, 2)
        }</strong>.`
      : `<span class="backend" data-backend="cpu">CPU</span> attentionReference (float64 sums): ${
        escape(data.reason ?? "")
      }.`;
    summary.innerHTML = `${where} Head ${head} looks <strong>${
      fmt(data.meanDistance[head - 1]!, 3)
    }</strong> tokens away on average.`;
    const peak = data.weights.values.reduce((a, b) => Math.max(a, b), 1e-6);
    show(
      plots,
      "weights",
      Plot.plot({
        title: `Attention weights of head ${head}`,
        subtitle: "each row sums to 1; white = no weight (or masked)",
        width,
        height: Math.min(width, 440),
        x: { label: "key j →", axis: "top" },
        y: { label: "↓ query i", reverse: true },
        color: { type: "sqrt", scheme: "Blues", domain: [0, peak], legend: true, label: "weight" },
        marks: [
          Plot.raster(data.weights.values as number[], {
            width: seq,
            height: seq,
            x1: 0,
            x2: seq,
            y1: 0,
            y2: seq,
            imageRendering: "pixelated",
          }),
          Plot.frame({ stroke: "#d9dee5" }),
        ],
      }),
    );
    const reach = data.meanDistance.map((distance, h) => ({
      head: h + 1,
      distance,
      chosen: h + 1 === head,
    }));
    show(
      plots,
      "reach",
      Plot.plot({
        title: "How far each head looks",
        subtitle: "mean over queries of Σⱼ wᵢⱼ·|i − j|",
        width,
        height: 300,
        x: { label: "head →", type: "band", domain: reach.map((r) => r.head) },
        y: { label: "↑ mean distance (tokens)", grid: true },
        marks: [
          Plot.barY(reach, {
            x: "head",
            y: "distance",
            fill: (d) => (d.chosen ? "#b3261e" : "#1f5fa8"),
          }),
          Plot.ruleY([0]),
          Plot.tip(reach, Plot.pointerX({ x: "head", y: "distance" })),
        ],
      }),
    );
  },
};
