/**
 * The device side shared by every kernel: limits after the caller's caps,
 * the tier, a pipeline cache keyed by the generated source's parameters,
 * buffers, and command submission.
 */

import { type Tier, tierFor } from "./_tiles.ts";
import type { GpuLimits } from "./gpu_setup.ts";
import type {
  BindingResources,
  KernelLayout,
  UniformType,
  UniformValues,
} from "./_kernel_layout.ts";

/** The limits the kernels plan with (the device's, lowered by caps). */
export type EffectiveLimits = GpuLimits;

/** One compute dispatch, ready to encode. */
export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly grid: readonly [number, number, number];
}

/** Dispatches to encode in order in one compute pass, and the buffers to free after them. */
export interface Job {
  readonly dispatches: Dispatch[];
  readonly temps: GPUBuffer[];
}

/** Usage of every data buffer: bindable, uploadable, downloadable. */
export const DATA_USAGE = 0x80 | 0x08 | 0x04; // STORAGE | COPY_DST | COPY_SRC

const UNIFORM_USAGE = 0x40 | 0x08; // UNIFORM | COPY_DST
const READBACK_USAGE = 0x01 | 0x08; // MAP_READ | COPY_DST
const MAP_READ = 0x01;

/** The WebGPU state behind one GpuAttention. */
export class GpuContext {
  readonly device: GPUDevice;
  readonly ownsDevice: boolean;
  readonly limits: EffectiveLimits;
  readonly tier: Tier;
  readonly timestamps: boolean;
  /** Float16 storage is enabled and passed the start-up self-test. */
  readonly f16: boolean;
  readonly #pipelines = new Map<string, Promise<GPUComputePipeline>>();
  readonly #cache = new Map<string, unknown>();
  #failure: string | null = null;

  constructor(device: GPUDevice, ownsDevice: boolean, limits: EffectiveLimits, f16 = false) {
    this.device = device;
    this.f16 = f16;
    this.ownsDevice = ownsDevice;
    this.limits = limits;
    this.tier = tierFor(limits.maxComputeWorkgroupStorageSize);
    this.timestamps = device.features.has("timestamp-query");
    device.lost.then((info) => {
      this.#failure ??= `the WebGPU device was lost (${info.reason}: ${
        info.message || "no message"
      })`;
    });
  }

  /** Why the context can no longer run work, or null. */
  get failure(): string | null {
    return this.#failure;
  }

  /** Marks the context as unusable with a reason (destroy, device loss). */
  fail(reason: string): void {
    this.#failure ??= reason;
  }

  /** A small per-context cache (RoPE tables, dummy buffers) by key. */
  cached<T>(key: string, make: () => T): T {
    let value = this.#cache.get(key) as T | undefined;
    if (value === undefined) {
      value = make();
      this.#cache.set(key, value);
    }
    return value;
  }

  /** Replaces a cached value. */
  setCached<T>(key: string, value: T): void {
    this.#cache.set(key, value);
  }

  /** The compute pipeline for a key, compiled once from the generated source. */
  pipeline(key: string, source: () => string): Promise<GPUComputePipeline> {
    let pipeline = this.#pipelines.get(key);
    if (!pipeline) {
      pipeline = this.#compile(key, source());
      this.#pipelines.set(key, pipeline);
      // A failed compile must not poison the cache for a retry with other limits.
      pipeline.catch(() => this.#pipelines.delete(key));
    }
    return pipeline;
  }

  async #compile(key: string, code: string): Promise<GPUComputePipeline> {
    const module = this.device.createShaderModule({ code, label: key });
    const info = await module.getCompilationInfo();
    const errors = info.messages.filter((m) => m.type === "error");
    if (errors.length > 0) {
      throw new Error(
        `Internal error: the generated WGSL for ${key} does not compile: ${
          errors.map((m) => `line ${m.lineNum}: ${m.message}`).join("; ")
        }`,
      );
    }
    try {
      return await this.device.createComputePipelineAsync({
        label: key,
        layout: "auto",
        compute: { module, entryPoint: "main" },
      });
    } catch (error) {
      throw new Error(
        `Internal error: creating the pipeline ${key} failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  /** A zero-filled data buffer of at least `bytes` bytes. */
  buffer(bytes: number, label: string): GPUBuffer {
    if (bytes > this.limits.maxBufferSize) {
      throw new RangeError(
        `Cannot allocate ${label}: ${bytes} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`,
      );
    }
    return this.device.createBuffer({
      size: Math.max(16, Math.ceil(bytes / 16) * 16),
      usage: DATA_USAGE,
      label,
    });
  }

  /** A data buffer holding `data` (float16 bits: an even count, see toHalf). */
  upload(data: Float32Array | Uint32Array | Uint16Array, label: string): GPUBuffer {
    const buffer = this.buffer(data.byteLength, label);
    if (data.byteLength > 0) {
      this.device.queue.writeBuffer(
        buffer,
        0,
        data.buffer as ArrayBuffer,
        data.byteOffset,
        data.byteLength,
      );
    }
    return buffer;
  }

  /** A 16-byte buffer bound where a kernel declares a binding it will not touch. */
  dummy(): GPUBuffer {
    return this.cached("dummy buffer", () => this.buffer(16, "unused binding"));
  }

  /** A uniform buffer holding `words`. */
  uniform(words: ArrayBuffer, label: string): GPUBuffer {
    const buffer = this.device.createBuffer({
      size: Math.max(16, Math.ceil(words.byteLength / 16) * 16),
      usage: UNIFORM_USAGE,
      label,
    });
    this.device.queue.writeBuffer(buffer, 0, words);
    return buffer;
  }

  /**
   * The bind group of one dispatch of a kernel: its uniform block packed from
   * `values` into a new uniform buffer (added to `temps`, freed with the
   * job) and `resources` bound where the kernel's layout declares them.
   */
  bind<U extends Readonly<Record<string, UniformType>>, B extends string>(
    pipeline: GPUComputePipeline,
    layout: KernelLayout<U, B>,
    values: UniformValues<U>,
    resources: Omit<BindingResources<B>, "params">,
    temps: GPUBuffer[],
  ): GPUBindGroup {
    const uniform = this.uniform(layout.pack(values), `${layout.name} params`);
    temps.push(uniform);
    return this.device.createBindGroup({
      label: layout.name,
      layout: pipeline.getBindGroupLayout(0),
      entries: layout.entries({ ...resources, params: { buffer: uniform } }),
    });
  }

  /** Encodes a job's dispatches into one compute pass. */
  encode(pass: GPUComputePassEncoder, job: Job): void {
    for (const d of job.dispatches) {
      pass.setPipeline(d.pipeline);
      pass.setBindGroup(0, d.bindGroup);
      pass.dispatchWorkgroups(d.grid[0], d.grid[1], d.grid[2]);
    }
  }

  /**
   * Submits a job, optionally followed by a copy into a readback buffer,
   * then frees its temporaries (WebGPU keeps them alive until the queue is
   * done with them).
   */
  submit(job: Job, readback?: { source: GPUBuffer; bytes: number }): GPUBuffer | undefined {
    const target = this.#submit(job, readback);
    this.release(job);
    return target;
  }

  /** Frees a job's temporaries (safe right after submission). */
  release(job: Job): void {
    for (const t of job.temps) t.destroy();
  }

  #submit(job: Job, readback?: { source: GPUBuffer; bytes: number }): GPUBuffer | undefined {
    const encoder = this.device.createCommandEncoder();
    if (job.dispatches.length > 0) {
      const pass = encoder.beginComputePass();
      this.encode(pass, job);
      pass.end();
    }
    let target: GPUBuffer | undefined;
    if (readback) {
      target = this.device.createBuffer({
        size: Math.max(16, Math.ceil(readback.bytes / 16) * 16),
        usage: READBACK_USAGE,
        label: "readback",
      });
      if (readback.bytes > 0) {
        encoder.copyBufferToBuffer(
          readback.source,
          0,
          target,
          0,
          Math.ceil(readback.bytes / 4) * 4,
        );
      }
    }
    this.device.queue.submit([encoder.finish()]);
    return target;
  }

  /**
   * Runs `fn` (which encodes and submits synchronously) inside validation and
   * out-of-memory error scopes, so a rejected dispatch becomes an Error here
   * instead of a console warning and a silent zero output.
   */
  async guarded<T>(what: string, fn: () => T): Promise<T> {
    this.device.pushErrorScope("out-of-memory");
    this.device.pushErrorScope("validation");
    let result: T | undefined;
    let thrown: unknown;
    let failed = false;
    try {
      result = fn();
    } catch (error) {
      thrown = error;
      failed = true;
    }
    // Both pops are issued before any await, so concurrent calls cannot interleave scopes.
    const validation = this.device.popErrorScope();
    const memory = this.device.popErrorScope();
    const [v, m] = await Promise.all([validation, memory]);
    if (failed) throw thrown;
    if (m) throw new Error(`Out of GPU memory while ${what}: ${m.message}`);
    if (v) throw new Error(`Internal error: WebGPU rejected ${what}: ${v.message}`);
    return result as T;
  }

  /**
   * Times `iterations` runs of a job encoded into one compute pass (after one
   * untimed run with `warmup`); with timestamp queries the pass's GPU time, else the wall
   * clock from submission to completion.
   */
  async profile(
    job: Job,
    iterations: number,
    warmup: boolean,
  ): Promise<{ seconds: number; source: "timestamp-query" | "wall-clock" }> {
    if (warmup) {
      this.#submit(job);
      await this.idle();
    }
    const encoder = this.device.createCommandEncoder();
    let querySet: GPUQuerySet | undefined;
    let resolve: GPUBuffer | undefined;
    let readback: GPUBuffer | undefined;
    if (this.timestamps) {
      querySet = this.device.createQuerySet({ type: "timestamp", count: 2 });
      resolve = this.device.createBuffer({ size: 16, usage: 0x200 | 0x04 }); // QUERY_RESOLVE | COPY_SRC
      readback = this.device.createBuffer({ size: 16, usage: READBACK_USAGE });
    }
    const pass = encoder.beginComputePass(
      querySet
        ? { timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } }
        : {},
    );
    for (let i = 0; i < iterations; i++) this.encode(pass, job);
    pass.end();
    if (querySet && resolve && readback) {
      encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
      encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
    }
    const start = performance.now();
    this.device.queue.submit([encoder.finish()]);
    await this.idle();
    const wall = (performance.now() - start) / 1000;
    try {
      if (readback) {
        await readback.mapAsync(MAP_READ);
        const [t0, t1] = new BigUint64Array(readback.getMappedRange().slice(0));
        readback.unmap();
        const ns = Number(t1! - t0!);
        // Some drivers report 0 for passes they cannot time: fall back to the wall clock.
        if (ns > 0) return { seconds: ns / 1e9 / iterations, source: "timestamp-query" };
      }
      return { seconds: wall / iterations, source: "wall-clock" };
    } finally {
      querySet?.destroy();
      resolve?.destroy();
      readback?.destroy();
    }
  }

  /**
   * Copies byte ranges of buffers, back to back, into one readback buffer
   * (submitted after everything before it); read it with {@linkcode read}.
   */
  gather(regions: ReadonlyArray<{ buffer: GPUBuffer; offset: number; size: number }>): GPUBuffer {
    const bytes = regions.reduce((total, r) => total + r.size, 0);
    const target = this.device.createBuffer({
      size: Math.max(16, Math.ceil(bytes / 16) * 16),
      usage: READBACK_USAGE,
      label: "readback",
    });
    const encoder = this.device.createCommandEncoder();
    let at = 0;
    for (const r of regions) {
      if (r.size > 0) encoder.copyBufferToBuffer(r.buffer, r.offset, target, at, r.size);
      at += r.size;
    }
    this.device.queue.submit([encoder.finish()]);
    return target;
  }

  /** Maps a readback buffer and copies out its first `bytes` bytes, then frees it. */
  async read(target: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    try {
      await target.mapAsync(MAP_READ);
      return target.getMappedRange(0, Math.max(16, Math.ceil(bytes / 16) * 16)).slice(0, bytes);
    } finally {
      target.destroy();
    }
  }

  /** Waits until the queue has finished all submitted work. */
  async idle(): Promise<void> {
    await this.device.queue.onSubmittedWorkDone();
  }
}
