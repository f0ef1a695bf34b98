/**
 * A horizontal bar chart of every row's time relative to its group's
 * baseline, one block per group, on a log scale (ratios span 0.1x to 100x+):
 * each bar runs from the 1x line to the row's ratio, left when faster than
 * the baseline, right when slower; the baseline itself is a marker on the
 * line. Pure: the same groups give the same SVG text.
 *
 * @module
 */

import { formatRatio, isPosenc } from "./format.ts";
import type { Group } from "./model.ts";

const WIDTH = 960;
const LABEL_W = 330;
const BAR_X = LABEL_W + 10;
const BAR_W = 500;
const ROW_H = 18;
const TITLE_H = 24;
const GAP = 14;
const COLORS = { posenc: "#2563eb", peer: "#9ca3af", baseline: "#374151", profiler: "#d1d5db" };

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** The decades [10^lo, 10^hi] the axis spans: all ratios, and 1. */
export function axisDecades(ratios: number[]): [number, number] {
  const finite = ratios.filter((r) => Number.isFinite(r) && r > 0);
  const lo = Math.floor(Math.log10(Math.min(1, ...finite)));
  const hi = Math.ceil(Math.log10(Math.max(1, ...finite)));
  return [lo, hi === lo ? lo + 1 : hi];
}

/**
 * Renders the chart.
 *
 * @param groups Groups with ratios (groups without a baseline are left out).
 * @param title The chart's heading.
 * @returns A standalone SVG document.
 */
export function renderSvg(groups: Group[], title: string): string {
  const shown = groups.filter((g) => g.baseline !== null && g.rows.length > 0);
  const [lo, hi] = axisDecades(shown.flatMap((g) => g.rows.map((r) => r.ratio ?? 1)));
  const x = (ratio: number): number => BAR_X + ((Math.log10(ratio) - lo) / (hi - lo)) * BAR_W;

  const body: string[] = [];
  let y = 56;
  for (const group of shown) {
    body.push(
      `<text x="10" y="${y + 15}" class="group">${escapeXml(`${group.name}`)}` +
        `<tspan class="file"> (${escapeXml(group.file)})</tspan></text>`,
    );
    y += TITLE_H;
    const top = y;
    for (const row of group.rows) {
      const ratio = row.ratio ?? 1;
      const color = row.baseline
        ? COLORS.baseline
        : row.source === "profiler"
        ? COLORS.profiler
        : isPosenc(row.name)
        ? COLORS.posenc
        : COLORS.peer;
      const one = x(1);
      const at = x(ratio);
      // The baseline (ratio 1) would be a zero-length bar: draw a marker instead.
      const [left, width] = row.baseline
        ? [one - 1.5, 3]
        : [Math.min(one, at), Math.max(Math.abs(at - one), 1)];
      body.push(
        `<text x="${LABEL_W}" y="${y + 13}" class="label" text-anchor="end">` +
          `${escapeXml(row.name)}</text>`,
        `<rect x="${left.toFixed(1)}" y="${y + 3}" width="${width.toFixed(1)}" height="${
          ROW_H - 6
        }" fill="${color}"/>`,
        `<text x="${(Math.max(one, at) + 6).toFixed(1)}" y="${y + 13}" class="value">${
          formatRatio(ratio)
        }</text>`,
      );
      y += ROW_H;
    }
    body.push(
      `<line x1="${x(1).toFixed(1)}" y1="${top}" x2="${x(1).toFixed(1)}" y2="${y}" ` +
        `class="one"/>`,
    );
    y += GAP;
  }

  const ticks: string[] = [];
  for (let d = lo; d <= hi; d++) {
    const tx = x(10 ** d).toFixed(1);
    ticks.push(
      `<line x1="${tx}" y1="40" x2="${tx}" y2="${y - GAP}" class="grid"/>`,
      `<text x="${tx}" y="36" class="tick" text-anchor="middle">${formatRatio(10 ** d)}</text>`,
    );
  }
  const height = y + 30;
  const legend = [
    ["posenc", COLORS.posenc],
    ["peer", COLORS.peer],
    ["baseline", COLORS.baseline],
    ["ORT kernel only (profiler)", COLORS.profiler],
  ].map(([name, color], i) =>
    `<rect x="${10 + i * 200}" y="${height - 22}" width="12" height="12" fill="${color}"/>` +
    `<text x="${28 + i * 200}" y="${height - 12}" class="label">${name}</text>`
  );

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" ` +
    `viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">`,
    "<style>",
    ".title{font-size:15px;font-weight:600}.group{font-size:13px;font-weight:600}",
    ".file{font-weight:400;fill:#6b7280}.label,.value{font-size:11px}.tick{font-size:10px;fill:#6b7280}",
    ".grid{stroke:#e5e7eb}.one{stroke:#111827;stroke-dasharray:3 2}",
    "</style>",
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="10" y="20" class="title">${escapeXml(title)}</text>`,
    ...ticks,
    ...body,
    ...legend,
    "</svg>",
    "",
  ].join("\n");
}
