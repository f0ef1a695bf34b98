/**
 * Attention, B=1, H=8, S=512 and 2048, D=64 and 128, causal and not:
 * posenc's CPU attention (attentionCpu, the fallback: float32 WebAssembly
 * SIMD, on 1 thread and as the CPU backend with 2 threads) and its float64 reference (attentionReference) against ONNX
 * Runtime's native Attention kernel (ai.onnx opset 23) and tfjs
 * (matMul -> softmax -> matMul, what a JS user writes today); on WebGPU,
 * posenc's flash kernel against tfjs-webgpu on the same adapter.
 *
 * Every contender's output is checked against attentionReference's at
 * start-up (1e-4). The slowest rows are bounded: on this kind of machine
 * (2 cores, a software WebGPU adapter) each is seconds per iteration, so
 * they run with few iterations or, where noted in the report, not at all;
 * POSENC_BENCH_FULL=1 runs every row.
 *
 * @module
 */

import { attentionCpu, attentionReference, createGpuAttention } from "@posenc/attention-gpu";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { attentionModel, floatTensor, OrtOp } from "./_peers/ort.ts";
import { tf, tfAttention, tfCausalMask, useBackend } from "./_peers/tfjs.ts";
import { note, noteOrtKernelTime } from "./_notes.ts";
import { verifyClose } from "./_verify.ts";
import { cpuBackend } from "./_peers/cpu_backend.ts";

const ATOL = 1e-4;
const FULL = Deno.env.get("POSENC_BENCH_FULL") === "1";
const HEADS = 8;

interface Case {
  seq: number;
  headDim: number;
  causal: boolean;
}

const CASES: Case[] = [];
for (const seq of [512, 2048]) {
  for (const headDim of [64, 128]) {
    for (const causal of [false, true]) CASES.push({ seq, headDim, causal });
  }
}

function suffix(c: Case): string {
  return `1x${HEADS}x${c.seq}x${c.headDim}${c.causal ? " causal" : ""}`;
}

/** Deno.bench options for a row that takes about `ms` per iteration. */
function iterations(ms: number): { n?: number; warmup?: number } {
  return ms > 1000 ? { n: 1, warmup: 0 } : ms > 100 ? { n: 5, warmup: 1 } : {};
}

function timed<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

function inputs(c: Case): [Tensor, Tensor, Tensor] {
  const shape = [1, HEADS, c.seq, c.headDim];
  return [1, 2, 3].map((seed) => randomNormal(shape, { seed })) as [Tensor, Tensor, Tensor];
}

// --- CPU: attentionCpu and attentionReference vs ONNX Runtime vs tfjs cpu ---------------------------------

// 2 threads: 1 worker + the calling thread.
const cpu2 = await cpuBackend(2);

const tfCpu = await useBackend("cpu");
if (!tfCpu.ok) note({ type: "unavailable", peer: "tfjs cpu", reason: tfCpu.reason });
/** One tfjs cpu run at S=512 per (D, causal), to size the S=2048 rows it stands for. */
const tfCpuMs = new Map<string, number>();
/** posenc's CPU outputs, reused to verify the GPU rows on the same inputs. */
const expectedByCase = new Map<Case, Float32Array>();

for (const c of CASES) {
  const group = `attention ${suffix(c)}`;
  const [q, k, v] = inputs(c);
  const shape = [...q.shape];
  const [expectedTensor, referenceMs] = timed(() =>
    attentionReference(q, k, v, { causal: c.causal })
  );
  const expected = expectedTensor.data;
  expectedByCase.set(c, expected);

  const model = attentionModel({ batch: 1, heads: HEADS, seq: c.seq, headDim: c.headDim }, c);
  const feeds = {
    q: floatTensor(q.data, shape),
    k: floatTensor(k.data, shape),
    v: floatTensor(v.data, shape),
  };
  const ort = await OrtOp.create(model);
  const ort1 = await OrtOp.create(model, { threads: 1 });
  verifyClose(
    group,
    "onnxruntime Attention",
    "attentionReference",
    await ort.run(feeds),
    expected,
    ATOL,
  );
  verifyClose(
    group,
    "onnxruntime Attention 1 thread",
    "attentionReference",
    await ort1.run(feeds),
    expected,
    ATOL,
  );
  const kernelRuns = { runs: c.seq > 512 ? 5 : 11, warmup: 2 };
  await noteOrtKernelTime(group, "onnxruntime Attention (kernel only)", model, feeds, {
    threads: 0,
    ...kernelRuns,
  });
  await noteOrtKernelTime(group, "onnxruntime Attention 1 thread (kernel only)", model, feeds, {
    threads: 1,
    ...kernelRuns,
  });

  Deno.bench({
    group,
    name: "onnxruntime Attention",
    baseline: true,
    async fn() {
      await ort.run(feeds);
    },
  });
  Deno.bench({
    group,
    name: "onnxruntime Attention 1 thread",
    async fn() {
      await ort1.run(feeds);
    },
  });
  const cpuOut = attentionCpu(q, k, v, { causal: c.causal });
  verifyClose(group, "attentionCpu", "attentionReference", cpuOut.data, expected, ATOL);
  Deno.bench({
    group,
    name: "attentionCpu",
    fn() {
      attentionCpu(q, k, v, { causal: c.causal });
    },
  });
  const threadedOut = await cpu2.attention(q, k, v, { causal: c.causal });
  verifyClose(
    group,
    "posenc CPU fallback, 2 threads",
    "attentionReference",
    threadedOut.data,
    expected,
    ATOL,
  );
  Deno.bench({
    group,
    name: "posenc CPU fallback, 2 threads",
    async fn() {
      await cpu2.attention(q, k, v, { causal: c.causal });
    },
  });
  Deno.bench({
    group,
    name: "attentionReference",
    ...iterations(referenceMs),
    fn() {
      attentionReference(q, k, v, { causal: c.causal });
    },
  });

  if (!tfCpu.ok) continue;
  const small = tfCpuMs.get(`${c.headDim} ${c.causal}`);
  if (c.seq > 512 && small !== undefined && !FULL) {
    const estimate = (small * (c.seq / 512) ** 2) / 1000;
    note({
      type: "skipped",
      group,
      name: "tfjs cpu",
      reason: `not run (set POSENC_BENCH_FULL=1): one S=512 run took ${
        (small / 1000).toFixed(2)
      } s here, so one S=${c.seq} iteration would take about ${estimate.toFixed(0)} s (S² work)`,
    });
    continue;
  }
  const tq = tf.tensor4d(q.data, shape as [number, number, number, number]);
  const tk = tf.tensor4d(k.data, shape as [number, number, number, number]);
  const tv = tf.tensor4d(v.data, shape as [number, number, number, number]);
  const mask = c.causal ? tfCausalMask(c.seq) : undefined;
  const run = async (): Promise<Float32Array> => {
    await useBackend("cpu");
    const y = tf.tidy(() => tfAttention(tq, tk, tv, mask ? { mask } : {}));
    const data = y.dataSync() as Float32Array;
    y.dispose();
    return data;
  };
  const [tfOut, firstMs] = await timedAsync(run);
  verifyClose(group, "tfjs cpu", "attentionReference", tfOut, expected, ATOL);
  // A second run (warm) sizes the S=2048 estimate; at S=2048 the first run has to do.
  const tfMs = c.seq === 512 ? (await timedAsync(run))[1] : firstMs;
  if (c.seq === 512) tfCpuMs.set(`${c.headDim} ${c.causal}`, tfMs);
  Deno.bench({
    group,
    name: "tfjs cpu",
    ...iterations(tfMs),
    async fn() {
      await run();
    },
  });
}

// --- WebGPU: posenc flash vs tfjs-webgpu, inputs resident on the GPU, output read back ----

const adapter = await navigator.gpu?.requestAdapter();
const software = adapter?.info.isFallbackAdapter ?? false;
if (!adapter) {
  note({
    type: "unavailable",
    peer: "WebGPU (posenc flash, tfjs webgpu)",
    reason: "no WebGPU adapter (navigator.gpu.requestAdapter() returned null); " +
      "on Debian install mesa-vulkan-drivers",
  });
} else {
  const tfGpu = await useBackend("webgpu");
  if (!tfGpu.ok) note({ type: "unavailable", peer: "tfjs webgpu", reason: tfGpu.reason });
  const gpu = await createGpuAttention({ adapter });
  const gpuMs = new Map<string, number>();

  for (const c of CASES) {
    const group = `attention gpu ${suffix(c)}`;
    const small = gpuMs.get(`${c.headDim} ${c.causal}`);
    if (software && c.seq > 512 && small !== undefined && !FULL) {
      const estimate = (small * (c.seq / 512) ** 2) / 1000;
      note({
        type: "skipped",
        group,
        name: "posenc flash, tfjs webgpu",
        reason: `not run on a software adapter (set POSENC_BENCH_FULL=1): the slower of the ` +
          `two took ${(small / 1000).toFixed(2)} s at S=512, so about ${
            estimate.toFixed(0)
          } s per S=${c.seq} iteration`,
      });
      continue;
    }
    const [q, k, v] = inputs(c);
    const expected = expectedByCase.get(c)!;
    const [gq, gk, gv] = [q, k, v].map((t) => gpu.upload(t));
    const flash = async (): Promise<Float32Array> => {
      const out = await gpu.attention(gq!, gk!, gv!, { causal: c.causal });
      const host = await gpu.download(out);
      out.destroy();
      return host.data;
    };
    const [flashOut, firstFlashMs] = await timedAsync(flash);
    verifyClose(group, "posenc flash", "attentionReference", flashOut, expected, ATOL);
    // First runs compile shaders: a second, warm run sizes the iterations and estimates.
    const flashMs = c.seq === 512 ? (await timedAsync(flash))[1] : firstFlashMs;
    let slowest = flashMs;

    if (tfGpu.ok) {
      await useBackend("webgpu");
      const shape = [...q.shape] as [number, number, number, number];
      const [tq, tk, tv] = [q, k, v].map((t) => tf.tensor4d(t.data, shape));
      const mask = c.causal ? tfCausalMask(c.seq) : undefined;
      const run = async (): Promise<Float32Array> => {
        await useBackend("webgpu");
        const y = tf.tidy(() => tfAttention(tq!, tk!, tv!, mask ? { mask } : {}));
        const data = await y.data() as Float32Array;
        y.dispose();
        return data;
      };
      const [tfOut, firstTfMs] = await timedAsync(run);
      verifyClose(group, "tfjs webgpu", "attentionReference", tfOut, expected, ATOL);
      const tfMs = c.seq === 512 ? (await timedAsync(run))[1] : firstTfMs;
      slowest = Math.max(slowest, tfMs);
      Deno.bench({
        group,
        name: "tfjs webgpu",
        baseline: true,
        ...iterations(tfMs),
        async fn() {
          await run();
        },
      });
    }
    Deno.bench({
      group,
      name: "posenc flash",
      baseline: !tfGpu.ok,
      ...iterations(flashMs),
      async fn() {
        await flash();
      },
    });
    if (c.seq === 512) gpuMs.set(`${c.headDim} ${c.causal}`, slowest);
  }
}
