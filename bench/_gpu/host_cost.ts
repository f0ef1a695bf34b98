/**
 * What one GPU call costs the host, shared by bench/gpu_overhead_bench.ts
 * (`deno task bench`) and bench/gpu.ts (`deno task bench:gpu`).
 *
 * **Per call.** "raw dispatch" is the least a WebGPU program can do to run a
 * kernel once: write its uniform block, create a bind group, encode one
 * dispatch, submit. It runs posenc's own attention kernel (pipeline, buffers
 * and grid captured from a real `gpu.attention` call): on Mesa's lavapipe a
 * `queue.submit` often runs earlier submissions' kernels on the CPU before
 * it returns, so a call's time there holds a kernel and only the same kernel
 * keeps the two comparable; on a GPU, where submit returns at once, the
 * kernel does not change the host cost.
 * "attention resident" and "decode resident" are the public calls on
 * GpuTensors, each awaited: their promise resolves when the work is
 * submitted (after WebGPU's error scopes, which resolve at once), never on
 * completion, so the call does not pay the ~11 ms completion floor of
 * Deno's WebGPU (docs/webgpu-readback-floor.md). Outputs are destroyed after
 * each call, as a loop that keeps nothing would.
 *
 * **Timing.** `deno bench` times calls back to back (as the first GPU run's
 * table did); bench:gpu records both that and each call started on an idle
 * queue (the wait not timed), the cost of a call that follows a readback.
 *
 * **Per decode step.** A model's step: for every layer, append the new
 * token's keys and values to that layer's cache, then decode its query
 * (RoPE, GQA). "separate calls" awaits each call; "recorded" records them
 * all into one `gpu.record()` and awaits its submit(). Neither reads back:
 * the host time before the final readback is what is measured.
 *
 * @module
 */

import type { GpuAttention, GpuTensor, KvCache } from "@posenc/attention-gpu";
import { ropeFrequencies } from "@posenc/rope";
import { randomNormal } from "@posenc/tensor";

/** Waits until the queue has finished all submitted work. */
export async function untilIdle(gpu: GpuAttention): Promise<void> {
  await gpu.synchronize();
}

/** The shape of the per-call overhead group: [batch, heads, seq, headDim]. */
export const OVERHEAD_SHAPE = [1, 8, 16, 64] as const;

/** The decode call of the per-call group: L = 256, Hkv = 8, G = 4, D = 128. */
export const OVERHEAD_DECODE = { length: 256, kvHeads: 8, group: 4, headDim: 128 } as const;

/** One dispatch as WebGPU saw it: what a hand-written loop needs to repeat it. */
interface CapturedDispatch {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
  readonly entries: GPUBindGroupEntry[];
  readonly uniform: Uint8Array<ArrayBuffer>;
  readonly grid: [number, number, number];
}

/**
 * Runs `call` with the device's calls watched and returns its last
 * dispatch: pipeline, bind-group descriptor, the bytes of its uniform block
 * (binding 0) and grid. The watch is removed before this returns.
 */
async function captureDispatch(
  device: GPUDevice,
  call: () => Promise<unknown>,
): Promise<CapturedDispatch> {
  const groups = new Map<GPUBindGroup, GPUBindGroupDescriptor>();
  const writes: Array<{ buffer: GPUBuffer; at: number; bytes: Uint8Array }> = [];
  let last: { pipeline?: GPUComputePipeline; group?: GPUBindGroup; grid?: number[] } = {};
  const own = device as unknown as Record<string, unknown>;
  const queue = device.queue as unknown as Record<string, unknown>;
  const createBindGroup = device.createBindGroup.bind(device);
  const createCommandEncoder = device.createCommandEncoder.bind(device);
  const writeBuffer = device.queue.writeBuffer.bind(device.queue);
  own.createBindGroup = (descriptor: GPUBindGroupDescriptor) => {
    const group = createBindGroup(descriptor);
    groups.set(group, descriptor);
    return group;
  };
  queue.writeBuffer = (
    buffer: GPUBuffer,
    at: number,
    data: ArrayBuffer,
    offset = 0,
    size?: number,
  ) => {
    const bytes = new Uint8Array(data, offset, size ?? data.byteLength - offset).slice();
    writes.push({ buffer, at, bytes });
    return writeBuffer(buffer, at, data, offset, size);
  };
  own.createCommandEncoder = (descriptor?: GPUCommandEncoderDescriptor) => {
    const encoder = createCommandEncoder(descriptor);
    const begin = encoder.beginComputePass.bind(encoder);
    encoder.beginComputePass = (d?: GPUComputePassDescriptor) => {
      const pass = begin(d);
      const [setPipeline, setBindGroup, dispatch] = [
        pass.setPipeline.bind(pass),
        pass.setBindGroup.bind(pass),
        pass.dispatchWorkgroups.bind(pass),
      ];
      pass.setPipeline = (
        p: GPUComputePipeline,
      ) => (last = { ...last, pipeline: p }, setPipeline(p));
      pass.setBindGroup = ((i: number, g: GPUBindGroup) => (
        last = { ...last, group: g }, setBindGroup(i, g)
      )) as typeof pass.setBindGroup;
      pass.dispatchWorkgroups = (x: number, y = 1, z = 1) => {
        last = { ...last, grid: [x, y, z] };
        dispatch(x, y, z);
      };
      return pass;
    };
    return encoder;
  };
  try {
    await call();
  } finally {
    delete own.createBindGroup;
    delete own.createCommandEncoder;
    delete queue.writeBuffer;
  }
  const descriptor = last.group ? groups.get(last.group) : undefined;
  if (!last.pipeline || !descriptor || !last.grid) {
    throw new Error("Could not capture the attention dispatch (was its bind group cached?)");
  }
  const entries = [...descriptor.entries];
  const params = entries.find((e) => e.binding === 0)?.resource as GPUBufferBinding | undefined;
  if (!params) throw new Error("The captured dispatch has no uniform block at binding 0");
  const start = params.offset ?? 0;
  const size = params.size ?? 16;
  const write = writes.findLast((w) =>
    w.buffer === params.buffer && w.at <= start && w.at + w.bytes.length >= start + size
  );
  if (!write) throw new Error("The captured dispatch's uniform block was not written");
  return {
    pipeline: last.pipeline,
    layout: descriptor.layout,
    entries,
    uniform: write.bytes.slice(start - write.at, start - write.at + size),
    grid: last.grid as [number, number, number],
  };
}

/** The three calls of the per-call group, ready to repeat. */
export interface CallOverhead {
  /** One hand-written dispatch of the attention kernel: uniform write, bind group, encoder, submit. */
  raw(): void;
  /** `gpu.attention` on GpuTensors (1x8x16x64), awaited; the output destroyed. */
  attention(): Promise<void>;
  /** `gpu.decode` of one token against a cache of 256, awaited; the output destroyed. */
  decode(): Promise<void>;
  /** Frees what it made. */
  close(): void;
}

/** Prepares the per-call group on `gpu`, which must run on `device`. */
export async function callOverhead(gpu: GpuAttention, device: GPUDevice): Promise<CallOverhead> {
  const [q, k, v] = [1, 2, 3].map((seed) =>
    gpu.upload(randomNormal([...OVERHEAD_SHAPE], { seed }))
  );
  // The first call compiles the pipeline and creates the bind group the capture needs.
  const held: GpuTensor[] = [];
  const captured = await captureDispatch(device, async () => {
    held.push(await gpu.attention(q!, k!, v!));
  });
  const uniform = device.createBuffer({
    size: Math.max(16, captured.uniform.byteLength),
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    label: "raw dispatch uniforms",
  });
  const entries = captured.entries.map((e) =>
    e.binding === 0 ? { binding: 0, resource: { buffer: uniform } } : e
  );
  const { L, H, G, D } = {
    L: OVERHEAD_DECODE.length,
    H: OVERHEAD_DECODE.kvHeads,
    G: OVERHEAD_DECODE.group,
    D: OVERHEAD_DECODE.headDim,
  };
  const cache: KvCache = await gpu.createKvCache({
    batch: 1,
    kvHeads: H,
    headDim: D,
    maxLength: L,
  });
  await cache.append(
    gpu.upload(randomNormal([1, H, L, D], { seed: 4 })),
    gpu.upload(randomNormal([1, H, L, D], { seed: 5 })),
  );
  const qd = gpu.upload(randomNormal([1, H * G, 1, D], { seed: 6 }));
  return {
    raw() {
      device.queue.writeBuffer(uniform, 0, captured.uniform);
      const group = device.createBindGroup({ layout: captured.layout, entries });
      const encoder = device.createCommandEncoder();
      const pass = encoder.beginComputePass();
      pass.setPipeline(captured.pipeline);
      pass.setBindGroup(0, group);
      pass.dispatchWorkgroups(...captured.grid);
      pass.end();
      device.queue.submit([encoder.finish()]);
    },
    async attention() {
      (await gpu.attention(q!, k!, v!)).destroy();
    },
    async decode() {
      (await gpu.decode(qd, cache)).destroy();
    },
    close() {
      for (const t of [q!, k!, v!, qd, ...held]) t.destroy();
      cache.destroy();
      uniform.destroy();
    },
  };
}

/** A model's decode step over many layers, both ways. */
export interface DecodeStep {
  readonly layers: number;
  readonly length: number;
  readonly precision: "f32" | "f16";
  /** Per layer: `await cache.append(...)`, then `await gpu.decode(...)`. */
  separate(): Promise<GpuTensor[]>;
  /** Every layer's append and decode in one recording, then `await submit()`. */
  recorded(): Promise<GpuTensor[]>;
  /** Between steps (untimed): waits for the device, refills the caches when they are full. */
  settle(): Promise<void>;
  close(): void;
}

/** Tokens a cache holds beyond `length` before the step refills it. */
const HEADROOM = 256;

/**
 * Prepares `layers` caches of `length - 1` tokens (Hkv = 8, D = 128,
 * float16 storage where available), each step appends one token per layer
 * and decodes 32 query heads against it with RoPE (so the first step
 * decodes at exactly `length`).
 */
export async function decodeStep(
  gpu: GpuAttention,
  options: { layers: number; length: number },
): Promise<DecodeStep> {
  const { layers, length } = options;
  const [H, G, D] = [8, 4, 128];
  const precision = gpu.info.f16.available ? "f16" : "f32";
  const rope = { frequencies: ropeFrequencies(D, { base: 500000 }), pairing: "half" as const };
  const prompt = {
    k: gpu.upload(randomNormal([1, H, length - 1, D], { seed: 1 }), { precision }),
    v: gpu.upload(randomNormal([1, H, length - 1, D], { seed: 2 }), { precision }),
  };
  const caches: KvCache[] = [];
  for (let l = 0; l < layers; l++) {
    caches.push(
      await gpu.createKvCache({
        batch: 1,
        kvHeads: H,
        headDim: D,
        maxLength: length + HEADROOM,
        precision,
      }),
    );
  }
  const fill = async () => {
    for (const cache of caches) {
      cache.reset();
      await cache.append(prompt.k, prompt.v, { rope });
    }
  };
  await fill();
  const token = (seed: number, heads: number) =>
    gpu.upload(randomNormal([1, heads, 1, D], { seed }), { precision });
  const inputs = caches.map((_, l) => ({
    q: token(100 + l, H * G),
    k: token(200 + l, H),
    v: token(300 + l, H),
  }));
  return {
    layers,
    length,
    precision,
    async separate() {
      const out: GpuTensor[] = [];
      for (let l = 0; l < layers; l++) {
        const { q, k, v } = inputs[l]!;
        await caches[l]!.append(k, v, { rope });
        out.push(await gpu.decode(q, caches[l]!, { rope }));
      }
      return out;
    },
    async recorded() {
      const step = gpu.record();
      const out = caches.map((cache, l) => {
        const { q, k, v } = inputs[l]!;
        step.append(cache, k, v, { rope });
        return step.decode(q, cache, { rope });
      });
      await step.submit();
      return out;
    },
    async settle() {
      await untilIdle(gpu);
      if (caches[0]!.length >= length + HEADROOM) await fill();
    },
    close() {
      for (const cache of caches) cache.destroy();
      for (const t of [prompt.k, prompt.v, ...inputs.flatMap((i) => [i.q, i.k, i.v])]) {
        t.destroy();
      }
    },
  };
}

/** What `deno task bench:gpu` records of the host cost (bench/gpu_results.json, `hostCost`). */
export interface HostCostResults {
  /** Calls timed per per-call figure. */
  calls: number;
  /** µs from a call's start until its promise resolves, each on an idle queue (median). */
  rawDispatchUs: number;
  attentionResidentUs: number;
  decodeResidentUs: number;
  /** µs per call over `calls` calls back to back, each awaited (mean; the queue never idles). */
  rawDispatchBackToBackUs: number;
  attentionResidentBackToBackUs: number;
  decodeResidentBackToBackUs: number;
  /** The 32-layer decode step (append 1 token + decode per layer). */
  decodeStep: {
    layers: number;
    length: number;
    precision: "f32" | "f16";
    kvHeads: number;
    group: number;
    headDim: number;
    /** Steps timed (median kept). */
    runs: number;
    /** ms of host time per step, every call awaited, from an idle queue. */
    separateMs: number;
    /** ms of host time per step recorded into one submission, until submit() resolves. */
    recordedMs: number;
    /** ms the download of one layer's output takes after the recorded step (the readback floor). */
    readbackMs: number;
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Measures {@linkcode HostCostResults} (quick: fewer calls, a 256-token cache). */
export async function measureHostCost(
  gpu: GpuAttention,
  device: GPUDevice,
  quick: boolean,
  log: (line: string) => void,
): Promise<HostCostResults> {
  const n = quick ? 20 : 100;
  const calls = await callOverhead(gpu, device);
  const perCall = async (fn: () => unknown): Promise<{ idle: number; backToBack: number }> => {
    for (let i = 0; i < 5; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      await untilIdle(gpu);
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    await gpu.synchronize();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    const backToBack = (performance.now() - t0) / n;
    await gpu.synchronize();
    return { idle: median(times) * 1e3, backToBack: backToBack * 1e3 };
  };
  let raw, attention, decode;
  try {
    raw = await perCall(() => calls.raw());
    attention = await perCall(calls.attention);
    decode = await perCall(calls.decode);
  } finally {
    calls.close();
  }
  log(
    `  per call (idle queue): raw dispatch ${raw.idle.toFixed(1)} µs, attention resident ${
      attention.idle.toFixed(1)
    } µs, decode resident L256 ${decode.idle.toFixed(1)} µs`,
  );

  const runs = quick ? 3 : 20;
  const step = await decodeStep(gpu, { layers: 32, length: quick ? 256 : 4096 });
  const separate: number[] = [];
  const recorded: number[] = [];
  let readbackMs = Number.NaN;
  try {
    for (let r = 0; r <= runs; r++) {
      for (const [list, run] of [[separate, step.separate], [recorded, step.recorded]] as const) {
        await step.settle();
        const t0 = performance.now();
        const outputs = await run();
        const ms = performance.now() - t0;
        if (r > 0) list.push(ms); // the first run warms the pipelines
        if (r === runs && run === step.recorded) {
          const t1 = performance.now();
          await gpu.download(outputs.at(-1)!);
          readbackMs = performance.now() - t1;
        }
        for (const t of outputs) t.destroy();
      }
    }
  } finally {
    step.close();
  }
  const decodeStepResults = {
    layers: step.layers,
    length: step.length,
    precision: step.precision,
    kvHeads: 8,
    group: 4,
    headDim: 128,
    runs,
    separateMs: median(separate),
    recordedMs: median(recorded),
    readbackMs,
  };
  log(
    `  decode step (32 layers, L ${step.length}, ${step.precision}): separate ${
      decodeStepResults.separateMs.toFixed(2)
    } ms, recorded ${decodeStepResults.recordedMs.toFixed(2)} ms, then readback ${
      readbackMs.toFixed(2)
    } ms`,
  );
  return {
    calls: n,
    rawDispatchUs: raw.idle,
    attentionResidentUs: attention.idle,
    decodeResidentUs: decode.idle,
    rawDispatchBackToBackUs: raw.backToBack,
    attentionResidentBackToBackUs: attention.backToBack,
    decodeResidentBackToBackUs: decode.backToBack,
    decodeStep: decodeStepResults,
  };
}
