/**
 * `deno task bench:report`: runs the cross-package benches with
 * `deno bench --json`, one file at a time, and writes bench/RESULTS.md,
 * bench/results.svg and the headline block of the root README.md from what
 * they measured (never by hand). With `--out`, only the first two, there.
 *
 * Usage:
 *   deno run -A bench/report.ts                       every bench file below
 *   deno run -A bench/report.ts --files rope_peers_bench.ts --out /tmp/r
 *
 * A failed bench (a peer that disagrees with posenc fails its file at
 * start-up) fails the report: no table is written from a broken run.
 *
 * @module
 */

import { buildGroups, parseBenchOutput, parseNotes } from "./_report/model.ts";
import { renderMarkdown } from "./_report/markdown.ts";
import { renderSvg } from "./_report/svg.ts";
import {
  evaluateCpuSmallTargets,
  evaluateResidentTargets,
  evaluateTargets,
} from "./_report/targets.ts";
import { renderHeadline, spliceHeadline } from "./_report/headline.ts";
import { ORT_VERSION } from "./_peers/ort.ts";
import { TFJS_VERSION } from "./_peers/tfjs.ts";

const BENCH_DIR = new URL(".", import.meta.url);
/** The files the report runs, in order; attention_bench.ts only when it exists. */
const FILES = [
  "rope_peers_bench.ts",
  "decode_peers_bench.ts",
  "attention_peers_bench.ts",
  "attention_bench.ts",
];
const OPTIONAL = new Set(["attention_bench.ts"]);
const BASELINES: Record<string, string> = {
  "rope_peers_bench.ts": "baseline = `copy`, Float32Array.prototype.set of the same bytes " +
    "(the memory-bound limit); ORT rows are `session.run` with ORT's default threads unless " +
    "the name says 1 thread. `applyRope inPlace` rotates a caller's own Float32Array (copied " +
    "into the WebAssembly kernel's memory and back, chunk by chunk); `applyRope inPlace, " +
    "ropeTensor` the same data in a tensor made by `ropeTensor`, which lives in the kernel's " +
    "memory and is rotated there with no copy. `copy in and out of WebAssembly memory (no " +
    "rotation)` is that copying alone, the floor of `applyRope inPlace` on a caller's own array.",
  "decode_peers_bench.ts": "baseline = `copy`, Float32Array.prototype.set of the same bytes " +
    "(one token's q or k for RoPE; every cached key and value for the decode step); ORT rows " +
    "are `session.run` with ORT's default threads, its kernel alone from ORT's profiler; " +
    "`applyRope inPlace, ropeTensor` as in rope_peers_bench.ts.",
  "attention_peers_bench.ts": "CPU groups: baseline = `onnxruntime Attention` (ai.onnx " +
    "Attention-23, ORT's default threads); GPU groups: baseline = `tfjs-webgpu`, both read " +
    "the result back to the CPU.",
  "attention_bench.ts": "@posenc/attention-gpu's own bench; its baselines are the ones that " +
    "file marks.",
};

function arg(name: string): string | undefined {
  const i = Deno.args.indexOf(name);
  return i >= 0 ? Deno.args[i + 1] : undefined;
}

async function exists(url: URL): Promise<boolean> {
  try {
    await Deno.stat(url);
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function runBench(
  file: string,
  notesPath: string,
): Promise<{ stdout: string; seconds: number }> {
  const path = new URL(file, BENCH_DIR).pathname;
  console.error(`=== deno bench -A --json ${path}`);
  const start = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["bench", "-A", "--json", path],
    env: { POSENC_BENCH_NOTES: notesPath },
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const output = await child.output();
  const seconds = (performance.now() - start) / 1000;
  const stdout = new TextDecoder().decode(output.stdout);
  if (!output.success) {
    console.error(stdout.slice(-4000));
    throw new Error(`${file} failed (exit code ${output.code}); no report written`);
  }
  console.error(`    ${file}: ${seconds.toFixed(0)} s`);
  return { stdout, seconds };
}

async function cpuDescription(): Promise<[string, string][]> {
  const text = await Deno.readTextFile("/proc/cpuinfo").catch(() => "");
  const model = text.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? "unknown";
  const cores = text.match(/^processor\s*:/gm)?.length ?? navigator.hardwareConcurrency;
  const flags = text.match(/^flags\s*:\s*(.+)$/m)?.[1]?.split(" ") ?? [];
  const simd = ["avx2", "fma", "avx512f"].filter((f) => flags.includes(f)).join(", ");
  const memory = Deno.systemMemoryInfo().total / 2 ** 30;
  return [
    ["CPU", `${model}, ${cores} logical cores${simd ? ` (${simd})` : ""}`],
    ["memory", `${memory.toFixed(1)} GiB`],
    ["OS", `${Deno.build.os} ${Deno.osRelease()} (${Deno.build.arch})`],
  ];
}

async function adapterDescription(): Promise<string> {
  if (!("gpu" in navigator)) return "none (navigator.gpu is missing)";
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) return "none (requestAdapter() returned null)";
  const info = adapter.info;
  const fallback = (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter;
  const parts = [info.description || info.device || "unnamed", `vendor ${info.vendor || "?"}`];
  if (fallback) parts.push("software fallback adapter: correctness, not GPU speed");
  return parts.join("; ");
}

async function main(): Promise<void> {
  const outDir = arg("--out") ? new URL(`file://${Deno.realPathSync(arg("--out")!)}/`) : BENCH_DIR;
  const wanted = arg("--files")?.split(",") ?? FILES;
  const files: string[] = [];
  for (const file of wanted) {
    if (await exists(new URL(file, BENCH_DIR))) files.push(file);
    else if (!OPTIONAL.has(file)) throw new Error(`Invalid --files: bench/${file} does not exist`);
  }

  const notesPath = await Deno.makeTempFile({ prefix: "posenc-bench-notes-", suffix: ".jsonl" });
  const entries = [];
  const timings = [];
  try {
    for (const file of files) {
      const { stdout, seconds } = await runBench(file, notesPath);
      const output = parseBenchOutput(stdout);
      entries.push(...output.entries);
      timings.push({ file, seconds, printed: output.printed });
    }
  } catch (error) {
    await Deno.remove(notesPath);
    throw error;
  }
  const notes = parseNotes(await Deno.readTextFile(notesPath));
  await Deno.remove(notesPath);

  const groups = buildGroups(entries, notes);
  const targets = [
    ...evaluateTargets(groups),
    ...evaluateCpuSmallTargets(groups),
    ...evaluateResidentTargets(groups),
  ];
  const machine: [string, string][] = [
    ...await cpuDescription(),
    ["Deno", `${Deno.version.deno} (V8 ${Deno.version.v8})`],
    ["WebGPU adapter", await adapterDescription()],
    ["onnxruntime-node", `${ORT_VERSION} (CPU execution provider)`],
    ["tfjs", `@tensorflow/tfjs-core ${TFJS_VERSION} + tfjs-backend-cpu / tfjs-backend-webgpu`],
    ...notes.filter((n) => n.type === "info").map((n) => [n.key, n.value] as [string, string]),
  ];
  const date = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const markdown = renderMarkdown({
    date,
    machine,
    groups,
    notes,
    targets,
    files: timings,
    chart: "results.svg",
    baselines: Object.fromEntries(files.map((f) => [f, BASELINES[f]!])),
  });
  const resultsPath = new URL("RESULTS.md", outDir).pathname;
  await Deno.writeTextFile(resultsPath, markdown);
  const chartPath = new URL("results.svg", outDir).pathname;
  await Deno.writeTextFile(
    chartPath,
    renderSvg(groups, "posenc vs peers: time per iteration relative to each group's baseline"),
  );
  const toFormat = [resultsPath, chartPath];
  if (!arg("--out")) {
    const readme = new URL("../README.md", BENCH_DIR).pathname;
    const cpu = machine[0]![1].replace(/ \(.*\)$/, "");
    const where = `${cpu}, Deno ${Deno.version.deno}, ${date.slice(0, 10)}`;
    const headline = renderHeadline(groups, targets, where);
    await Deno.writeTextFile(readme, spliceHeadline(await Deno.readTextFile(readme), headline));
    toFormat.push(readme);
  }
  // They live in the repo, so they must pass `deno fmt --check` (which formats SVG too).
  await new Deno.Command(Deno.execPath(), { args: ["fmt", "--quiet", ...toFormat] }).output();

  console.log(`wrote ${resultsPath} and results.svg`);
  for (const t of targets) {
    const verdict = t.met === null ? "NOT MEASURED" : t.met ? "met" : "MISSED";
    console.log(`${verdict.padEnd(12)} ${t.target}: ${t.measured} (${t.detail})`);
  }
}

if (import.meta.main) await main();
