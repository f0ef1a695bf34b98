/**
 * The device side shared by every kernel: limits after the caller's caps,
 * the tier, a pipeline cache keyed by the generated source's parameters,
 * buffers, and command submission.
 */

import { type Tier, tierFor } from "./_tiles.ts";
import { Bindings } from "./_bindings.ts";
import { BufferPool, DATA_USAGE } from "./_buffer_pool.ts";
import { profileJob } from "./_profile.ts";
import type { Job } from "./_job.ts";
import type { GpuLimits } from "./gpu_setup.ts";
import type {
  BindingResources,
  KernelLayout,
  UniformType,
  UniformValues,
} from "./_kernel_layout.ts";

/** The limits the kernels plan with (the device's, lowered by caps). */
export type EffectiveLimits = GpuLimits;

export type { Dispatch, Job } from "./_job.ts";

export { DATA_USAGE };

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
  readonly #bindings: Bindings;
  readonly #pool: BufferPool;
  #failure: string | null = null;

  constructor(device: GPUDevice, ownsDevice: boolean, limits: EffectiveLimits, f16 = false) {
    this.device = device;
    this.f16 = f16;
    this.ownsDevice = ownsDevice;
    this.limits = limits;
    this.tier = tierFor(limits.maxComputeWorkgroupStorageSize);
    this.timestamps = device.features.has("timestamp-query");
    this.#bindings = new Bindings(device);
    this.#pool = new BufferPool(device);
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

  /** Frees what the context keeps between calls (on a device it does not own). */
  dispose(): void {
    this.#bindings.destroy();
    this.#pool.close();
  }

  /** Bind groups created so far (the others came from the cache), for tests. */
  get bindGroupsCreated(): number {
    return this.#bindings.created;
  }

  /**
   * The error of work that failed because the context was destroyed or its
   * device lost (a pipeline still compiling, say), or `error` itself.
   */
  #unusable(error: unknown): Error {
    if (this.#failure !== null) {
      return new Error(`This GpuAttention cannot be used: ${this.#failure}`);
    }
    return error instanceof Error ? error : new Error(String(error));
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
    const info = await module.getCompilationInfo().catch((error) => {
      throw this.#unusable(error);
    });
    const errors = info.messages.filter((m) => m.type === "error");
    if (errors.length > 0) {
      if (this.#failure !== null) throw this.#unusable(null);
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
      // destroy() while the pipeline compiles: say so, not "Parent device is lost".
      if (this.#failure !== null) throw this.#unusable(error);
      throw new Error(
        `Internal error: creating the pipeline ${key} failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }

  #checkSize(bytes: number, label: string): void {
    if (bytes > this.limits.maxBufferSize) {
      throw new RangeError(
        `Cannot allocate ${label}: ${bytes} bytes exceed the device's maxBufferSize of ${this.limits.maxBufferSize} bytes`,
      );
    }
  }

  /** A new zero-filled data buffer of at least `bytes` bytes. */
  buffer(bytes: number, label: string): GPUBuffer {
    this.#checkSize(bytes, label);
    return this.#pool.create(bytes, label);
  }

  /**
   * A zero-filled data buffer of at least `bytes` bytes for a call's output:
   * a freed one of that size when there is one (see `_buffer_pool.ts`).
   */
  output(bytes: number, label: string): GPUBuffer {
    this.#checkSize(bytes, label);
    return this.#pool.take(bytes, label, true);
  }

  /**
   * Takes back a data buffer that no later work will use (a freed
   * GpuTensor, a temporary): kept for reuse, or destroyed.
   */
  recycle(buffer: GPUBuffer): void {
    this.#pool.recycle(buffer);
  }

  /**
   * A data buffer holding `data` (float16 bits: an even count, see toHalf).
   * Data on a SharedArrayBuffer is copied first: WebGPU's writeBuffer takes
   * no shared memory.
   */
  upload(data: Float32Array | Uint32Array | Uint16Array, label: string): GPUBuffer {
    this.#checkSize(data.byteLength, label);
    const buffer = this.#pool.take(data.byteLength, label, false);
    if (data.byteLength > 0) {
      if (!(data.buffer instanceof ArrayBuffer)) data = data.slice();
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

  /**
   * A scratch buffer of at least `bytes` bytes shared by every call (see
   * `BufferPool.scratch`); never freed by the caller.
   */
  scratch(bytes: number): GPUBuffer {
    this.#checkSize(bytes, "scratch");
    const cap = Math.min(this.limits.maxStorageBufferBindingSize, this.limits.maxBufferSize);
    return this.#pool.scratch(bytes, cap);
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
   * `values` and `resources` bound where the kernel's layout declares them.
   * Inside {@linkcode GpuContext.submitting} the block goes into the uniform
   * arena and the bind group comes from the cache (see `_bindings.ts`);
   * elsewhere (profiling, which submits a job more than once) into a new
   * uniform buffer added to `temps`, freed with the job.
   */
  bind<U extends Readonly<Record<string, UniformType>>, B extends string>(
    pipeline: GPUComputePipeline,
    layout: KernelLayout<U, B>,
    values: UniformValues<U>,
    resources: Omit<BindingResources<B>, "params">,
    temps: GPUBuffer[],
  ): GPUBindGroup {
    if (this.#bindings.open) return this.#bindings.bind(pipeline, layout, values, resources);
    const uniform = this.uniform(layout.pack(values), `${layout.name} params`);
    temps.push(uniform);
    return this.device.createBindGroup({
      label: layout.name,
      layout: this.#bindings.groupLayout(pipeline),
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
   * Submits a job (or several, in order, in one compute pass), optionally
   * followed by a copy into a readback buffer, then frees their temporaries
   * (WebGPU keeps them alive until the queue is done with them).
   */
  submit(
    job: Job | readonly Job[],
    readback?: { source: GPUBuffer; bytes: number },
  ): GPUBuffer | undefined {
    const jobs = Array.isArray(job) ? job as readonly Job[] : [job as Job];
    try {
      return this.#submit(jobs, readback);
    } finally {
      for (const j of jobs) this.release(j);
    }
  }

  /** Frees a job's temporaries (safe right after submission): data buffers go back to the pool. */
  release(job: Job): void {
    for (const t of job.temps) this.#pool.recycle(t);
  }

  /** A command encoder that first clears the reused outputs waiting for it. */
  encoder(): GPUCommandEncoder {
    const encoder = this.device.createCommandEncoder();
    this.#pool.encodeClears(encoder);
    return encoder;
  }

  /** Submits an encoder's work (a frame's uniform blocks written first). */
  finish(encoder: GPUCommandEncoder): void {
    this.#bindings.flush();
    this.device.queue.submit([encoder.finish()]);
    this.#pool.submitted();
  }

  #submit(
    jobs: readonly Job[],
    readback?: { source: GPUBuffer; bytes: number },
  ): GPUBuffer | undefined {
    const encoder = this.encoder();
    if (jobs.some((job) => job.dispatches.length > 0)) {
      const pass = encoder.beginComputePass();
      for (const job of jobs) this.encode(pass, job);
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
    this.finish(encoder);
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
   * {@linkcode GpuContext.guarded} for `fn` that builds jobs and submits
   * them, synchronously, in one frame: their uniform blocks go through the
   * arena and their bind groups come from the cache.
   */
  submitting<T>(what: string, fn: () => T): Promise<T> {
    return this.guarded(what, () => {
      this.#bindings.begin();
      let ok = false;
      try {
        const result = fn();
        ok = true;
        return result;
      } finally {
        this.#bindings.end(!ok);
      }
    });
  }

  /**
   * Times `iterations` runs of a job encoded into one compute pass (after one
   * untimed run with `warmup`); see `profileJob`.
   */
  profile(
    job: Job,
    iterations: number,
    warmup: boolean,
  ): Promise<{ seconds: number; source: "timestamp-query" | "wall-clock" }> {
    return profileJob(this, job, iterations, warmup);
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
    const encoder = this.encoder();
    let at = 0;
    for (const r of regions) {
      if (r.size > 0) encoder.copyBufferToBuffer(r.buffer, r.offset, target, at, r.size);
      at += r.size;
    }
    this.finish(encoder);
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
