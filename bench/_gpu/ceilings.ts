/**
 * What the adapter itself reaches, measured with raw WebGPU (no posenc
 * code): the FMA rate in f32 and f16, a streaming read's bandwidth, the host
 * cost of one dispatch and the time any wait for completion takes. These are
 * the ceilings the attention tables are read against.
 *
 * @module
 */

/** Sizes of the ceiling runs. */
export interface CeilingSizes {
  /** Workgroups (of 256 invocations) of the FMA kernel. */
  fmaWorkgroups: number;
  /** Loop trips of the FMA kernel (8 vec4 FMAs each). */
  fmaIterations: number;
  /** Bytes the read kernel streams (capped by the binding limit). */
  readBytes: number;
  /** Timed runs of each kernel (the best is kept). */
  runs: number;
  /** Dispatches timed for the submit cost. */
  submits: number;
  /** Waits timed for the completion latency (the median is kept). */
  waits: number;
}

/** Invocations per workgroup of the ceiling kernels. */
const WG = 256;
/** Invocations of the read kernel (and the L2 flush): enough to fill any GPU. */
const READ_WORKGROUPS = 8448;

/** Times one compute pass with timestamp queries, or the wall clock without them. */
export async function timePass(
  device: GPUDevice,
  encode: (pass: GPUComputePassEncoder) => void,
): Promise<{ seconds: number; source: "timestamp-query" | "wall-clock" }> {
  const timestamps = device.features.has("timestamp-query");
  const encoder = device.createCommandEncoder();
  let querySet: GPUQuerySet | undefined;
  let resolve: GPUBuffer | undefined;
  let readback: GPUBuffer | undefined;
  if (timestamps) {
    querySet = device.createQuerySet({ type: "timestamp", count: 2 });
    resolve = device.createBuffer({
      size: 16,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
    });
    readback = device.createBuffer({
      size: 16,
      usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
    });
  }
  const pass = encoder.beginComputePass(
    querySet
      ? {
        timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 },
      }
      : {},
  );
  encode(pass);
  pass.end();
  if (querySet && resolve && readback) {
    encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
    encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
  }
  const start = performance.now();
  device.queue.submit([encoder.finish()]);
  if (!readback) {
    await device.queue.onSubmittedWorkDone();
    return { seconds: (performance.now() - start) / 1e3, source: "wall-clock" };
  }
  await readback.mapAsync(GPUMapMode.READ);
  const [begin, end] = new BigUint64Array(readback.getMappedRange());
  readback.unmap();
  for (const b of [resolve!, readback]) b.destroy();
  querySet!.destroy();
  return { seconds: Number(end! - begin!) / 1e9, source: "timestamp-query" };
}

/** WGSL of the FMA kernel: 8 independent vec4 chains per invocation. */
export function fmaShader(precision: "f32" | "f16"): string {
  const t = precision === "f16" ? "f16" : "f32";
  const chains = Array.from({ length: 8 }, (_, i) => i);
  return `${precision === "f16" ? "enable f16;\n" : ""}
struct Params { mul: f32, add: f32, iterations: u32, pad: u32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> sink: array<vec4<f32>>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let seed = ${t}(f32(gid.x & 255u) * (1.0 / 256.0));
  let m = vec4<${t}>(${t}(params.mul));
  let c = vec4<${t}>(${t}(params.add));
${chains.map((i) => `  var a${i} = vec4<${t}>(seed + ${t}(${i}));`).join("\n")}
  for (var i = 0u; i < params.iterations; i++) {
${chains.map((i) => `    a${i} = fma(a${i}, m, c);`).join("\n")}
  }
  let s = ${chains.map((i) => `a${i}`).join(" + ")};
  sink[gid.x] = vec4<f32>(s);
}`;
}

/** WGSL of the streaming read: every invocation sums a coalesced stride of vec4s. */
export const READ_SHADER = `
@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> sink: array<vec4<f32>>;
@compute @workgroup_size(${WG})
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let stride = groups.x * ${WG}u;
  let n = arrayLength(&src);
  var acc = vec4<f32>(0.0);
  for (var i = gid.x; i < n; i += stride) { acc += src[i]; }
  sink[gid.x] = acc;
}`;

/** A compiled streaming read over one buffer: the read ceiling, and the L2 flush. */
export class StreamingRead {
  readonly bytes: number;
  readonly #pipeline: GPUComputePipeline;
  readonly #bindGroup: GPUBindGroup;
  readonly #buffers: GPUBuffer[];
  readonly #workgroups: number;

  constructor(device: GPUDevice, bytes: number) {
    const limit = Math.min(
      device.limits.maxStorageBufferBindingSize,
      device.limits.maxBufferSize,
    );
    this.bytes = Math.floor(Math.min(bytes, limit) / 16) * 16;
    this.#workgroups = Math.min(READ_WORKGROUPS, device.limits.maxComputeWorkgroupsPerDimension);
    const src = device.createBuffer({ size: this.bytes, usage: GPUBufferUsage.STORAGE });
    const sink = device.createBuffer({
      size: this.#workgroups * WG * 16,
      usage: GPUBufferUsage.STORAGE,
    });
    this.#buffers = [src, sink];
    const module = device.createShaderModule({ code: READ_SHADER });
    this.#pipeline = device.createComputePipeline({
      layout: "auto",
      compute: { module, entryPoint: "main" },
    });
    this.#bindGroup = device.createBindGroup({
      layout: this.#pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: src } }, {
        binding: 1,
        resource: { buffer: sink },
      }],
    });
  }

  /** Records the read into a pass. */
  encode(pass: GPUComputePassEncoder): void {
    pass.setPipeline(this.#pipeline);
    pass.setBindGroup(0, this.#bindGroup);
    pass.dispatchWorkgroups(this.#workgroups);
  }

  /** Streams the buffer once and waits for it (evicts whatever L2 held). */
  async flush(device: GPUDevice): Promise<void> {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    this.encode(pass);
    pass.end();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
  }

  /** Frees the buffers. */
  destroy(): void {
    for (const b of this.#buffers) b.destroy();
  }
}

async function fmaRate(
  device: GPUDevice,
  precision: "f32" | "f16",
  sizes: CeilingSizes,
): Promise<number> {
  const module = device.createShaderModule({ code: fmaShader(precision) });
  const pipeline = await device.createComputePipelineAsync({
    layout: "auto",
    compute: { module, entryPoint: "main" },
  });
  const params = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  const data = new DataView(new ArrayBuffer(16));
  data.setFloat32(0, 0.5, true);
  data.setFloat32(4, 0.5, true);
  data.setUint32(8, sizes.fmaIterations, true);
  device.queue.writeBuffer(params, 0, data.buffer);
  const sink = device.createBuffer({
    size: sizes.fmaWorkgroups * WG * 16,
    usage: GPUBufferUsage.STORAGE,
  });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: params } }, {
      binding: 1,
      resource: { buffer: sink },
    }],
  });
  let best = Infinity;
  for (let run = 0; run <= sizes.runs; run++) {
    const t = await timePass(device, (pass) => {
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(sizes.fmaWorkgroups);
    });
    if (run > 0) best = Math.min(best, t.seconds); // run 0 warms up
  }
  params.destroy();
  sink.destroy();
  const flops = sizes.fmaWorkgroups * WG * sizes.fmaIterations * 8 * 4 * 2;
  return flops / best / 1e12;
}

async function readRate(
  device: GPUDevice,
  sizes: CeilingSizes,
): Promise<{ gbs: number; bytes: number }> {
  const read = new StreamingRead(device, sizes.readBytes);
  let best = Infinity;
  for (let run = 0; run <= sizes.runs; run++) {
    const t = await timePass(device, (pass) => read.encode(pass));
    if (run > 0) best = Math.min(best, t.seconds);
  }
  read.destroy();
  return { gbs: read.bytes / best / 1e9, bytes: read.bytes };
}

/** Host µs per raw dispatch: new bind group, 16-byte uniform write, encoder, submit. */
async function submitCost(device: GPUDevice, submits: number): Promise<number> {
  const module = device.createShaderModule({
    code: `@group(0) @binding(0) var<uniform> u: vec4<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<vec4<f32>>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) g: vec3u) { out[g.x] = u; }`,
  });
  const pipeline = device.createComputePipeline({
    layout: "auto",
    compute: { module, entryPoint: "main" },
  });
  const uniform = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  const out = device.createBuffer({ size: 1024, usage: GPUBufferUsage.STORAGE });
  const values = new Float32Array(4);
  const once = (i: number) => {
    values[0] = i;
    device.queue.writeBuffer(uniform, 0, values);
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: uniform } }, {
        binding: 1,
        resource: { buffer: out },
      }],
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(1);
    pass.end();
    device.queue.submit([encoder.finish()]);
  };
  for (let i = 0; i < 10; i++) once(i);
  await device.queue.onSubmittedWorkDone();
  const start = performance.now();
  for (let i = 0; i < submits; i++) once(i);
  const us = (performance.now() - start) * 1e3 / submits;
  await device.queue.onSubmittedWorkDone();
  uniform.destroy();
  out.destroy();
  return us;
}

/** The median of a list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("Invalid values: expected at least one");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median ms of the waits: empty-queue onSubmittedWorkDone, and mapAsync of 16 bytes. */
async function completion(
  device: GPUDevice,
  waits: number,
): Promise<{ workDoneMs: number; mapMs: number; mapCallMs: number }> {
  const workDone: number[] = [];
  for (let i = 0; i < waits; i++) {
    const start = performance.now();
    await device.queue.onSubmittedWorkDone();
    workDone.push(performance.now() - start);
  }
  const src = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
  const dst = device.createBuffer({
    size: 16,
    usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
  });
  const map: number[] = [];
  const call: number[] = [];
  for (let i = 0; i < waits; i++) {
    device.queue.writeBuffer(src, 0, new Uint32Array([i, 0, 0, 0]));
    const encoder = device.createCommandEncoder();
    encoder.copyBufferToBuffer(src, 0, dst, 0, 16);
    device.queue.submit([encoder.finish()]);
    const start = performance.now();
    const mapped = dst.mapAsync(GPUMapMode.READ);
    call.push(performance.now() - start);
    await mapped;
    map.push(performance.now() - start);
    const value = new Uint32Array(dst.getMappedRange())[0];
    dst.unmap();
    if (value !== i) throw new Error(`Completion check: readback ${i} read ${value}`);
  }
  src.destroy();
  dst.destroy();
  return { workDoneMs: median(workDone), mapMs: median(map), mapCallMs: median(call) };
}

/** Measures every ceiling on the device. */
export async function measureCeilings(
  device: GPUDevice,
  sizes: CeilingSizes,
  log: (line: string) => void,
): Promise<import("./results.ts").Ceilings> {
  const fmaF32Tflops = await fmaRate(device, "f32", sizes);
  log(`  FMA f32: ${fmaF32Tflops.toFixed(3)} TFLOP/s`);
  const fmaF16Tflops = device.features.has("shader-f16")
    ? await fmaRate(device, "f16", sizes)
    : null;
  log(
    `  FMA f16: ${fmaF16Tflops === null ? "no shader-f16" : `${fmaF16Tflops.toFixed(3)} TFLOP/s`}`,
  );
  const read = await readRate(device, sizes);
  log(`  read: ${read.gbs.toFixed(1)} GB/s over ${(read.bytes / 2 ** 20).toFixed(0)} MiB`);
  const submitUs = await submitCost(device, sizes.submits);
  log(`  submit: ${submitUs.toFixed(1)} µs per raw dispatch`);
  const c = await completion(device, sizes.waits);
  log(
    `  completion: mapAsync ${c.mapMs.toFixed(2)} ms, onSubmittedWorkDone ${
      c.workDoneMs.toFixed(2)
    } ms`,
  );
  return {
    fmaF32Tflops,
    fmaF16Tflops,
    readGBs: read.gbs,
    submitUs,
    completionMs: c.mapMs,
    workDoneMs: c.workDoneMs,
    completionCallMs: c.mapCallMs,
    readBytes: read.bytes,
  };
}
