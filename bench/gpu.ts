/**
 * `deno task bench:gpu`: every GPU figure in one call. Measures the
 * adapter's own ceilings with raw WebGPU (FMA rate in f32 and f16, streaming
 * read bandwidth, submit cost, completion latency), posenc's prefill kernels
 * (flash and flash2, with flash2's correctness checks and a sweep of its tile
 * records) and decode kernels through the public API of @posenc/attention-gpu,
 * a cross-check of timestamp against wall-clock time, the host cost of a call
 * and of a 32-layer decode step (separate calls and recorded), and PyTorch's SDPA on
 * the same shapes when python3 with torch and CUDA is there; then writes
 * bench/GPU_RESULTS.md and bench/gpu_results.json.
 *
 *   deno task bench:gpu                 the full run (a real GPU: under 5 minutes on an H200)
 *   deno task bench:gpu --quick         tiny shapes (checks the script on lavapipe in ~1-2 min)
 *   options: --commit <sha>  (where the checkout has no .git)   --no-peers   --no-sweep
 *            --out-dir <dir> --software-ok (write a software or quick run to bench/ itself)
 *
 * A software adapter's or a quick run's files go to bench/gpu_trial/ (git
 * ignores it) unless --software-ok or --out-dir says otherwise, so that they
 * never replace real-GPU results; both files mark such runs. bench/GPU.md
 * documents the run and the tables.
 *
 * @module
 */

import { createGpuAttention, type GpuAttention } from "@posenc/attention-gpu";
import { parseArgs } from "node:util";
import { measureDecode, measurePrefill, measurePrefillCrossCheck } from "./_gpu/attention.ts";
import { measureCeilings, StreamingRead } from "./_gpu/ceilings.ts";
import { measureHostCost } from "./_gpu/host_cost.ts";
import { renderGpuResults } from "./_gpu/markdown.ts";
import { measureFlash2Checks, measureFlash2Sweep } from "./_gpu/flash2.ts";
import { runPeers } from "./_gpu/peers.ts";
import { FULL_PLAN, QUICK_PLAN } from "./_gpu/plan.ts";
import { type GpuResults, isSoftwareAdapter, schemaProblems } from "./_gpu/results.ts";

const { values: args } = parseArgs({
  args: Deno.args,
  options: {
    quick: { type: "boolean", default: false },
    "software-ok": { type: "boolean", default: false },
    "no-peers": { type: "boolean", default: false },
    "no-sweep": { type: "boolean", default: false },
    commit: { type: "string" },
    "out-dir": { type: "string" },
  },
});

const began = performance.now();
const log = (line: string) =>
  console.log(`[${((performance.now() - began) / 1e3).toFixed(1).padStart(6)} s] ${line}`);
const plan = args.quick ? QUICK_PLAN : FULL_PLAN;
const errors: string[] = [];

/** Runs one part; a failure is recorded and the run goes on (a GPU session is short). */
async function part<T>(name: string, fallback: T, fn: () => Promise<T>): Promise<T> {
  log(`${name}...`);
  try {
    return await fn();
  } catch (error) {
    const message = `${name} failed: ${error instanceof Error ? error.stack : String(error)}`;
    console.error(message);
    errors.push(message);
    return fallback;
  }
}

async function gitCommit(): Promise<string> {
  if (args.commit) return args.commit;
  try {
    const run = (a: string[]) => new Deno.Command("git", { args: a, stderr: "null" }).output();
    const head = await run(["rev-parse", "HEAD"]);
    if (!head.success) return "unknown";
    const sha = new TextDecoder().decode(head.stdout).trim();
    const status = await run(["status", "--porcelain", "--untracked-files=no"]);
    const dirty = new TextDecoder().decode(status.stdout).trim() !== "";
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch {
    return "unknown";
  }
}

const REQUESTED_LIMITS = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxStorageBuffersPerShaderStage",
] as const;

const adapter = await navigator.gpu?.requestAdapter({ powerPreference: "high-performance" });
if (!adapter) {
  console.error("No WebGPU adapter: bench:gpu needs one (bench/GPU.md, step 1).");
  Deno.exit(1);
}
const requiredLimits: Record<string, number> = {};
for (const name of REQUESTED_LIMITS) requiredLimits[name] = adapter.limits[name];
const requiredFeatures = (["timestamp-query", "shader-f16"] as const).filter((f) =>
  adapter.features.has(f)
);
// One device for the ceilings, the kernels and the L2 flush: their work shares one queue.
const device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
const gpu: GpuAttention = await createGpuAttention({ device });
const info = adapter.info;
const software = isSoftwareAdapter(info);
log(
  `adapter: ${
    info.description || info.device
  } (${info.vendor}), fallback ${info.isFallbackAdapter}, ` +
    `tier ${gpu.info.tier}, features ${gpu.info.features.join(",")}${
      software ? " - SOFTWARE" : ""
    }`,
);

const ceilings = await part("ceilings", null, () => measureCeilings(device, plan.ceilings, log));
const prefill = await part(
  `prefill (kernels ${plan.prefillKernels.join(", ")})`,
  [],
  () => measurePrefill(gpu, plan, log),
);
// On an instance of their own: their buffers and bind groups stay out of the timed instance's pool.
const flash2Checks = plan.prefillKernels.includes("flash2")
  ? await part("flash2 checks (against flash, against attentionReference)", [], async () => {
    const own = await createGpuAttention({ device });
    try {
      return await measureFlash2Checks(own, plan, log);
    } finally {
      own.destroy();
    }
  })
  : [];
const flash2Sweep = plan.prefillKernels.includes("flash2") && !args["no-sweep"]
  ? await part("flash2 tile sweep", [], () => measureFlash2Sweep(device, gpu, plan, log))
  : [];
const prefillChecks = await part(
  "prefill cross-check",
  [],
  () => measurePrefillCrossCheck(gpu, plan, log),
);
const flush = plan.flushBytes > 0 ? new StreamingRead(device, plan.flushBytes) : null;
const decode = await part(
  `decode (L2 flush: ${flush ? `${(flush.bytes / 2 ** 20).toFixed(0)} MiB` : "none"})`,
  { rows: [], crossCheck: [] },
  () => measureDecode(gpu, device, plan, flush, log),
);
flush?.destroy();
const hostCost = await part(
  "host cost per call and per decode step",
  null,
  () => measureHostCost(gpu, device, plan.quick, log),
);
gpu.destroy();
device.destroy();

const peers = args["no-peers"] ? { peers: [], note: "no PyTorch peers: --no-peers" } : await part(
  "PyTorch peers",
  { peers: [], note: "no PyTorch peers: the run failed" },
  () => runPeers(plan, args.quick ? 60_000 : 180_000),
);
log(peers.note);

const results: GpuResults = {
  adapter: {
    description: info.description || info.device || info.vendor,
    isFallbackAdapter: info.isFallbackAdapter,
    vendor: info.vendor,
    architecture: info.architecture,
    features: [...adapter.features].sort(),
    tier: gpu.info.tier,
  },
  software,
  quick: plan.quick,
  date: new Date().toISOString(),
  commit: await gitCommit(),
  deno: Deno.version.deno,
  ceilings: ceilings ?? {
    fmaF32Tflops: Number.NaN,
    fmaF16Tflops: null,
    readGBs: Number.NaN,
    submitUs: Number.NaN,
    completionMs: Number.NaN,
    workDoneMs: Number.NaN,
    completionCallMs: Number.NaN,
    readBytes: 0,
  },
  prefill,
  decode: decode.rows,
  peers: peers.peers,
  peersNote: peers.note,
  crossCheck: [...prefillChecks, ...decode.crossCheck],
  flash2Checks,
  flash2Sweep,
  hostCost,
  ...(errors.length ? { errors } : {}),
};

const trial = software || plan.quick;
const outDir = args["out-dir"] ??
  (trial && !args["software-ok"]
    ? new URL("./gpu_trial", import.meta.url).pathname
    : new URL(".", import.meta.url).pathname.replace(/\/$/, ""));
await Deno.mkdir(outDir, { recursive: true });
const json = JSON.stringify(results, null, 2) + "\n";
const problems = schemaProblems(JSON.parse(json));
await Deno.writeTextFile(`${outDir}/gpu_results.json`, json);
await Deno.writeTextFile(`${outDir}/GPU_RESULTS.md`, renderGpuResults(results));
log(`wrote ${outDir}/GPU_RESULTS.md and ${outDir}/gpu_results.json`);
if (trial && !args["software-ok"] && !args["out-dir"]) {
  log("a software or quick run: not written to bench/ (--software-ok to do so, marked as such)");
}
for (const p of problems) console.error(`results schema: ${p}`);
if (problems.length || errors.length) Deno.exit(1);
