import { num, tokens } from "./_cli_text.ts";
import type { InspectReport } from "./_cli_types.ts";
import type { PairDiagnosis } from "./diagnose.ts";

const COLUMNS = [
  "pair",
  "plain wavelength",
  "wavelength",
  "scale",
  "turns in training",
  "target/trained angle",
  "in distribution up to",
  "status",
];

function row(p: PairDiagnosis): string[] {
  const critical = p.status === "in-range" || p.status === "out-of-distribution";
  return [
    String(p.pair),
    num(p.plainWavelength),
    num(p.wavelength),
    num(p.scale),
    num(p.trainRotations, 3),
    critical ? p.angleRatio.toFixed(2) : "-",
    tokens(p.inDistributionLength),
    p.status,
  ];
}

/**
 * Formats a report as the CLI's readable text: a header, the warnings, one
 * table row per rotation pair, the verdict and a legend.
 *
 * @param report A report from {@linkcode inspectConfig}.
 * @returns Multi-line text, ending with a newline.
 *
 * @example Usage
 * ```ts
 * import { formatReport, inspectConfig } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const text = formatReport(
 *   inspectConfig({ head_dim: 64, max_position_embeddings: 2048 }, { targetLength: 4096 }),
 * );
 * assert.match(text, /^rope type +default$/m);
 * assert.match(text, /no rope_theta/); // the warning is shown
 * ```
 */
export function formatReport(report: InspectReport): string {
  const { diagnosis } = report;
  const s = diagnosis.summary;
  const header: [string, string][] = [
    ["rope type", report.ropeType + (report.layerType ? ` (layer type ${report.layerType})` : "")],
    [
      "head dim",
      `${report.headDim} (rotary ${report.rotaryDim}, ${s.pairs} pairs)`,
    ],
    ["base", String(report.base)],
    [
      "attention factor",
      report.attentionFactor === 1
        ? "1"
        : `${num(report.attentionFactor, 5)} (multiplies cos and sin; attention logits x${
          num(report.attentionFactor ** 2, 5)
        })`,
    ],
    ["seq len", `${tokens(report.seqLen)} (the frequencies below are HF's at this length)`],
    ["train length", `${tokens(report.trainLength)} (${report.trainLengthFrom})`],
    ["target length", `${tokens(report.targetLength)} (${targetSource(report)})`],
  ];
  header.push(...modelRows(report));
  const lines = header.map(([k, v]) => `${k.padEnd(17)}${v}`);
  if (report.warnings.length === 0) lines.push(`${"warnings".padEnd(17)}none`);
  else report.warnings.forEach((w, i) => lines.push(`${(i ? "" : "warnings").padEnd(17)}- ${w}`));
  report.notes.forEach((n, i) => lines.push(`${(i ? "" : "notes").padEnd(17)}- ${n}`));
  lines.push("");
  const rows = [COLUMNS, ...diagnosis.pairs.map(row)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) {
    lines.push(
      r.map((cell, c) => c === r.length - 1 ? cell : cell.padStart(widths[c]!)).join("  "),
    );
  }
  lines.push("");
  lines.push(
    `summary          ${s.periodicPairs} periodic, ${s.criticalPairs} critical (never a full turn in training), ${s.outOfDistributionPairs} out of distribution, ${s.untouchedPairs} untouched${
      s.staticPairs ? `, ${s.staticPairs} static` : ""
    }`,
  );
  lines.push(`verdict          ${s.verdict}`);
  lines.push("");
  lines.push(
    "wavelength = tokens per full turn (2π / frequency); scale = plain / scaled frequency (1 = untouched);",
  );
  lines.push(
    "turns in training = train length / plain wavelength; a pair under 1 turn never saw every angle, and it is",
  );
  lines.push(
    "out of distribution when target length x frequency exceeds train length x plain frequency.",
  );
  return lines.join("\n") + "\n";
}

/** Where the target length came from, in words. */
function targetSource(report: InspectReport): string {
  return report.targetLengthFrom === "original_max_position_embeddings x factor"
    ? "original_max_position_embeddings x factor: the length the scaling reaches; " +
      "--target-length checks another"
    : report.targetLengthFrom;
}

/** The header rows of the model-specific settings the config has (none for most models). */
function modelRows(report: InspectReport): [string, string][] {
  const rows: [string, string][] = [];
  if (report.mropeSection !== undefined) {
    rows.push([
      "mrope section",
      `${report.mropeSection.join(", ")} pairs (temporal, height, width; ${
        report.mropeInterleaved ? "interleaved" : "contiguous"
      })`,
    ]);
  }
  if (report.ntkAlpha !== undefined) {
    const d = report.rotaryDim;
    rows.push([
      "ntk alpha",
      `${report.ntkAlpha} (base ${report.base} x ${report.ntkAlpha}^(${d}/${d - 2}) = ${
        num(report.base * report.ntkAlpha ** (d / (d - 2)))
      }, at every length)`,
    ]);
  }
  if (report.localBase !== undefined) {
    rows.push(["local base", `${report.localBase} (sliding-window layers, plain RoPE)`]);
  }
  if (report.ropeLayers !== undefined) {
    const layers = report.ropeLayers;
    const nope = layers.flatMap((uses, i) => uses ? [] : [i]);
    rows.push([
      "rope layers",
      `${layers.length - nope.length} of ${layers.length}${
        nope.length ? ` (no RoPE in layers ${nope.join(", ")})` : ""
      }`,
    ]);
  }
  return rows;
}
