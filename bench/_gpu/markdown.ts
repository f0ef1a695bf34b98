/**
 * Renders bench/GPU_RESULTS.md from a results object. Pure: the same input
 * gives the same text.
 *
 * @module
 */

import {
  type CrossCheckRow,
  decodePeer,
  type DecodeRow,
  type GpuResults,
  type PeerRow,
  prefillPeer,
  type PrefillRow,
  ratio,
} from "./results.ts";

/** A number with about three significant digits ("-" when missing). */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "-";
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toPrecision(3);
}

/** A ratio as "0.42x" ("-" when missing). */
export function formatRatio(x: number | null): string {
  return x === null ? "-" : `${x.toFixed(2)}x`;
}

function peerCell(peer: PeerRow | null, value: number | undefined): string {
  return peer ? `${formatNumber(value)} (${peer.backend ?? peer.name})` : "-";
}

function prefillLine(row: PrefillRow, results: GpuResults): string {
  const peer = prefillPeer(row, results.peers);
  const shape = `H${row.heads} S${row.seq} D${row.headDim}${
    row.causal ? " causal" : " not causal"
  }`;
  return `| ${shape} | ${row.precision} | ${formatNumber(row.seconds * 1e3)} | ${
    formatNumber(row.tflops)
  } | ${formatRatio(ratio(row.tflops, results.ceilings.fmaF32Tflops))} | ${
    peerCell(peer, peer?.tflops)
  } | ${formatRatio(ratio(row.tflops, peer?.tflops))} | ${row.source} |`;
}

function decodeLine(row: DecodeRow, results: GpuResults): string {
  const peer = decodePeer(row, results.peers);
  const mode = { auto: "auto", "1": "forced", "auto/2": "auto / 2", "auto*2": "auto x 2" };
  const splits = `${row.splits} (${mode[row.splitMode] ?? row.splitMode})`;
  const kernel = `${row.kernel ?? "split"}${row.asked ? ` (${row.asked} asked)` : ""}`;
  return `| ${row.length} | ${row.precision} | ${kernel} | ${splits} | ${
    formatNumber(row.seconds * 1e6)
  } | ${formatNumber(row.gbs)} | ${formatRatio(ratio(row.gbs, results.ceilings.readGBs))} | ${
    peerCell(peer, peer?.gbs)
  } | ${formatRatio(ratio(row.gbs, peer?.gbs))} | ${row.l2Cold ? "yes" : "no"} |`;
}

/** The issue's targets for decode on an H100/H200 (GB/s, L2-cold; null: "PyTorch or better"). */
export function decodeTarget(length: number, precision: "f32" | "f16"): number | null {
  if (length <= 4096) return null;
  if (length >= 65536) return 3000;
  return precision === "f16" && length >= 16384 ? 2200 : Number.NaN;
}

/** One line of the new-against-old table: per length and precision, automatic splits. */
function compareLine(
  length: number,
  precision: "f32" | "f16",
  results: GpuResults,
): string | null {
  const of = (kernel: string, mode?: string) =>
    results.decode.filter((r) =>
      r.length === length && r.precision === precision && (r.kernel ?? "split") === kernel &&
      !r.asked && (mode === undefined || r.splitMode === mode)
    );
  const old = of("split", "auto")[0];
  const keys = of("keys", "auto")[0];
  if (!old || !keys) return null;
  const best = of("keys").reduce((a, b) => (b.gbs > a.gbs ? b : a));
  const peer = decodePeer(keys, results.peers);
  const target = decodeTarget(length, precision);
  const goal = target === null ? peer?.gbs : Number.isNaN(target) ? undefined : target;
  const met = goal === undefined ? "-" : keys.gbs >= goal ? "met" : "missed";
  const goalText = target === null ? "PyTorch" : Number.isNaN(target) ? "-" : `${target}`;
  return `| ${length} | ${precision} | ${formatNumber(old.gbs)} (${old.splits}) | ${
    formatNumber(keys.gbs)
  } (${keys.splits}) | ${formatRatio(ratio(keys.gbs, old.gbs))} | ${
    formatNumber(best.gbs)
  } (${best.splits}) | ${peerCell(peer, peer?.gbs)} | ${
    formatRatio(ratio(keys.gbs, peer?.gbs))
  } | ${goalText} | ${met} |`;
}

/** The table of the keys kernel against the split kernel, automatic splits. */
export function decodeComparison(results: GpuResults): string[] {
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const row of results.decode) {
    const key = `${row.length}|${row.precision}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = compareLine(row.length, row.precision, results);
    if (line) lines.push(line);
  }
  if (lines.length === 0) return [];
  return [
    "## Decode: the keys kernel against the split kernel",
    "",
    'Automatic splits for both (count in brackets). "best keys" is the fastest keys row of any',
    'split count (auto, 1, auto / 2, auto x 2): where it beats "keys", the keys split rule should',
    "move that way. Targets (issue 14, GB/s, L2-cold): f16 3000 at L = 65536 and 2200 at 16384, f32",
    "3000 at 65536, PyTorch f16 SDPA or better at L <= 4096. bench/GPU.md has the rule for making",
    "keys the default.",
    "",
    "| L | storage | split GB/s | keys GB/s | keys / split | best keys GB/s | PyTorch GB/s (backend) | keys / PyTorch | target | keys |",
    "| ---: | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- |",
    ...lines,
    "",
  ];
}

function checkLine(c: CrossCheckRow): string {
  const us = (s: number | undefined) => (s === undefined ? "-" : formatNumber(s * 1e6));
  return `| ${c.what} | ${c.calls} | ${us(c.timestampSeconds)} | ${us(c.timestampNSeconds)} | ${
    us(c.timestampDiffSeconds)
  } | ${us(c.timestampFixedSeconds)} | ${us(c.wallSeconds)} | ${
    Number.isFinite(c.ratio) ? c.ratio.toFixed(3) : "-"
  } | ${c.agree ? "yes" : "**no**"} | ${c.reading ?? "-"} |`;
}

/** The verdict under the cross-check table. */
export function crossCheckVerdict(checks: readonly CrossCheckRow[]): string {
  if (checks.length === 0) return "No cross-check ran.";
  const off = checks.filter((c) => !c.agree);
  if (off.length === 0) return "Timestamps and wall clock agree within 10% on every row.";
  return `${off.length} of ${checks.length} rows disagree by more than 10%: ${
    off.map((c) => c.what).join("; ")
  }. See bench/GPU.md for which figure to trust.`;
}

/** bench/GPU_RESULTS.md for one run. */
export function renderGpuResults(results: GpuResults): string {
  const c = results.ceilings;
  const lines: string[] = [
    `# WebGPU attention on ${results.adapter.description || "an unnamed adapter"}`,
    "",
  ];
  if (results.software) {
    lines.push(
      "> **Software adapter: these numbers check that the script runs; never quote them as speed.**",
      "",
    );
  }
  if (results.quick) {
    lines.push("> **Quick mode: tiny shapes, a check of the script, not a measurement.**", "");
  }
  lines.push(
    "Written by `deno task bench:gpu` (bench/gpu.ts); bench/GPU.md says how to run it and read it.",
    "",
    "| | |",
    "| --- | --- |",
    `| adapter | ${results.adapter.description} (vendor ${
      results.adapter.vendor ?? "-"
    }, architecture ${
      results.adapter.architecture || "-"
    }, fallback adapter: ${results.adapter.isFallbackAdapter}) |`,
    `| features | ${(results.adapter.features ?? []).join(", ") || "-"} |`,
    `| kernel tier | ${results.adapter.tier ?? "-"} |`,
    `| Deno | ${results.deno} |`,
    `| date | ${results.date} |`,
    `| commit | ${results.commit} |`,
    `| PyTorch peers | ${results.peersNote} |`,
    "",
    "## Ceilings of this adapter (raw WebGPU)",
    "",
    "| what | measured |",
    "| --- | ---: |",
    `| FMA rate f32 (8 vec4 chains per invocation) | ${formatNumber(c.fmaF32Tflops)} TFLOP/s |`,
    `| FMA rate f16 (vec4<f16>) | ${
      c.fmaF16Tflops === null ? "no shader-f16" : `${formatNumber(c.fmaF16Tflops)} TFLOP/s`
    } |`,
    `| streaming read of ${formatNumber(c.readBytes / 2 ** 20)} MiB | ${
      formatNumber(c.readGBs)
    } GB/s |`,
    `| host cost of one raw dispatch (bind group, uniform write, encoder, submit) | ${
      formatNumber(c.submitUs)
    } µs |`,
    `| completion: mapAsync of 16 bytes resolves after | ${formatNumber(c.completionMs)} ms |`,
    `| completion: onSubmittedWorkDone on an empty queue resolves after | ${
      formatNumber(c.workDoneMs)
    } ms |`,
    `| the mapAsync call itself returns after (Deno waits for the GPU inside it) | ${
      formatNumber(c.completionCallMs)
    } ms |`,
    "",
    "## Prefill (B = 1, TFLOP/s = 4·H·S²·D / t, halved when causal)",
    "",
    "| shape | storage | ms / call | TFLOP/s | x f32 FMA ceiling | PyTorch TFLOP/s (backend) | x PyTorch | timed by |",
    "| --- | --- | ---: | ---: | ---: | --- | ---: | --- |",
    ...results.prefill.map((row) => prefillLine(row, results)),
    "",
  );
  const d0 = results.decode[0];
  const head = d0 ? `Hkv = ${d0.kvHeads}, G = ${d0.group}, D = ${d0.headDim}, ` : "";
  lines.push(
    `## Decode (B = 1, ${head}1 query token; GB/s of K and V read)`,
    "",
    "| L | storage | kernel | splits | µs / call | GB/s | x read ceiling | PyTorch GB/s (backend) | x PyTorch | L2 cold |",
    "| ---: | --- | --- | --- | ---: | ---: | ---: | --- | ---: | --- |",
    ...results.decode.map((row) => decodeLine(row, results)),
    "",
    ...decodeComparison(results),
    "## Timing cross-check",
    "",
    "The same calls timed in submissions of n and of 2n calls: by timestamp queries (per call of",
    "the 2n and of the n submission, and their difference (2n·t(2n) - n·t(n)) / n, which cancels a",
    'fixed cost inside each timed pass, shown as "fixed"), and by the wall clock as',
    '(T(2n calls) - T(n calls)) / n, which cancels the fixed submit and readback cost. "ratio" is',
    'timestamps (2n) / wall clock; "reading" says which figure to trust (bench/GPU.md).',
    "",
    "| calls | n | timestamps µs / call | timestamps, n calls | timestamp difference | fixed µs per pass | wall clock µs / call | ratio | within 10% | reading |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...results.crossCheck.map(checkLine),
    "",
    crossCheckVerdict(results.crossCheck),
    "",
  );
  return lines.join("\n");
}
