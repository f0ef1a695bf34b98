/** The KV cache on a WebGPU device: preallocated storage, the append kernel, ordering. */

import type { Tensor } from "@posenc/tensor";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { KvAppendOptions, KvCache } from "./kv_cache.ts";
import type { GpuContext, Job } from "./_context.ts";
import { appendJob, type AppendParams, appendPipeline, type CacheChunk } from "./_append_kernel.ts";
import { fromHalf } from "./_f16.ts";
import { type AppendPlan, type CacheDims, planAppend } from "./_kv_plan.ts";
import { KvCacheBase } from "./_kv_cache_base.ts";
import { checkOperand, type Operand } from "./_operand.ts";
import { Resident } from "./_resident.ts";
import { Turns } from "./_turns.ts";
import type { CacheView } from "./_decode.ts";

/** Element type of an operand's storage. */
export function elementOf(x: Operand): "f32" | "f16" {
  return x instanceof Resident && x.dtype === "float16" ? "f16" : "f32";
}

/** Rejected when a cache was reset between an operation's call and its turn. */
const RESET_BEFORE =
  "was called before a reset() of its KvCache, so it was not run (await operations before resetting)";

/** A KvCache in device memory, split over buffers that each fit one storage binding. */
export class WebGpuKvCache extends KvCacheBase implements KvCache {
  readonly precision: "f32" | "f16";
  readonly chunks: readonly CacheChunk[];
  readonly #ctx: GpuContext;
  readonly #turns = new Turns();
  #epoch = 0;

  /** Use {@linkcode WebGpuKvCache.create}, which allocates the chunks. */
  constructor(
    ctx: GpuContext,
    owner: object,
    ownerAlive: () => boolean,
    dims: CacheDims,
    precision: "f32" | "f16",
    chunks: CacheChunk[],
  ) {
    super(owner, ownerAlive, dims);
    this.#ctx = ctx;
    this.precision = precision;
    this.chunks = Object.freeze(chunks);
  }

  /**
   * Allocates the storage: runs of (batch, KV head) slices per buffer pair,
   * each buffer within one storage binding; a slice larger than a binding
   * is refused with the sizes.
   */
  static async create(
    ctx: GpuContext,
    owner: object,
    ownerAlive: () => boolean,
    dims: CacheDims,
    precision: "f32" | "f16",
  ): Promise<WebGpuKvCache> {
    const elementBytes = precision === "f16" ? 2 : 4;
    const slice = dims.slots * dims.headDim * elementBytes;
    const limit = Math.min(ctx.limits.maxStorageBufferBindingSize, ctx.limits.maxBufferSize);
    if (slice > limit) {
      const what = dims.window === null
        ? `maxLength ${dims.maxLength}`
        : `${dims.slots} slots (window ${dims.window} + ${dims.slots - dims.window})`;
      throw new RangeError(
        `Cannot allocate the KV cache: one (batch, KV head) slice of ${what} x headDim ${dims.headDim} ${precision} values is ${slice} bytes, more than the device's storage binding limit of ${limit} bytes (maxStorageBufferBindingSize ${ctx.limits.maxStorageBufferBindingSize}, maxBufferSize ${ctx.limits.maxBufferSize}); use a smaller ${
          dims.window === null ? "maxLength" : "window"
        }, precision "f16", or several caches`,
      );
    }
    const units = dims.batch * dims.kvHeads;
    const perChunk = Math.floor(limit / slice);
    const total = 2 * units * slice;
    const chunks: CacheChunk[] = [];
    await ctx.guarded(`allocating the KV cache (${total} bytes)`, () => {
      for (let u0 = 0; u0 < units; u0 += perChunk) {
        const n = Math.min(perChunk, units - u0);
        chunks.push({
          u0,
          n,
          k: ctx.buffer(n * slice, "kv cache keys"),
          v: ctx.buffer(n * slice, "kv cache values"),
        });
      }
    }).catch((error) => {
      for (const c of chunks) {
        c.k.destroy();
        c.v.destroy();
      }
      throw error;
    });
    return new WebGpuKvCache(ctx, owner, ownerAlive, dims, precision, chunks);
  }

  /** The cache as the decode job reads it. */
  view(): CacheView {
    return {
      batch: this.batch,
      kvHeads: this.kvHeads,
      slots: this.slots,
      length: this.length,
      chunks: this.chunks,
    };
  }

  /**
   * Runs an operation in call order (see Turns); `what` names it if a
   * reset() came between its call and its turn.
   */
  schedule<P, T>(
    what: string,
    prepare: () => Promise<P>,
    step: (prepared: P) => Promise<T> | T,
  ): Promise<T> {
    const epoch = this.#epoch;
    return this.#turns.run(prepare, (prepared) => {
      this.#check(what, epoch);
      return step(prepared);
    });
  }

  /**
   * Takes a turn now for work that spans several caches (a recording):
   * `ready` resolves when every earlier operation has finished, `check`
   * then throws if the cache was destroyed or reset since, and `release`
   * lets later operations run.
   */
  hold(what: string): { ready: Promise<void>; check: () => void; release: () => void } {
    const epoch = this.#epoch;
    const turn = this.#turns.hold();
    return { ...turn, check: () => this.#check(what, epoch) };
  }

  #check(what: string, epoch: number): void {
    this.live();
    if (epoch !== this.#epoch) throw new Error(`This ${what} ${RESET_BEFORE}`);
  }

  /** The append kernel's parameters for a checked append. */
  appendParams(plan: AppendPlan, k: Operand, v: Operand): AppendParams {
    return {
      headDim: this.headDim,
      rope: plan.rope ? { pairing: plan.rope.pairing, rotaryDim: plan.rope.rotaryDim } : null,
      k: elementOf(k),
      v: elementOf(v),
      cache: this.precision,
    };
  }

  /**
   * In its turn: the job of an append at the current length (null for no
   * tokens), host k and v uploaded, and how to record it in the cache once
   * submitted. Throws, with nothing allocated, when it does not fit.
   */
  appendJobNow(
    plan: AppendPlan,
    params: AppendParams,
    pipeline: GPUComputePipeline,
    k: Operand,
    v: Operand,
  ): { job: Job | null; commit: () => void } {
    const ctx = this.#ctx;
    const { slot, skip, commit } = this.reserve(plan);
    if (plan.n === 0) return { job: null, commit: () => {} };
    const temps: GPUBuffer[] = [];
    const bufferOf = (x: Operand, label: string) => {
      if (x instanceof Resident) return x.buffer!;
      const b = ctx.upload((x as Tensor).data, label);
      temps.push(b);
      return b;
    };
    try {
      const input = { k: bufferOf(k, "k"), v: bufferOf(v, "v") };
      const call = {
        kvHeads: this.kvHeads,
        slots: this.slots,
        n: plan.n,
        skip,
        slot,
        strides: plan.strides,
        rope: plan.rope
          ? {
            frequencies: plan.rope.frequencies,
            angles: plan.rope.angles,
            positions: plan.rope.positions ?? { kind: "range" as const, start: slot },
          }
          : null,
      };
      const job = appendJob(ctx, call, params, pipeline, input, this.chunks);
      job.temps.push(...temps);
      return { job, commit };
    } catch (error) {
      for (const t of temps) ctx.recycle(t);
      throw error;
    }
  }

  append(
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: KvAppendOptions = {},
  ): Promise<void> {
    try {
      this.live();
      const ctx = this.#ctx;
      const ko = checkOperand("k", k, this.owner);
      const vo = checkOperand("v", v, this.owner);
      const plan = planAppend(this, ko, vo, options);
      const params = this.appendParams(plan, ko, vo);
      return this.schedule("append", () => appendPipeline(ctx, params), async (pipeline) => {
        checkOperand("k", k, this.owner);
        checkOperand("v", v, this.owner);
        let commit = () => {};
        await ctx.submitting("the KV-cache append", () => {
          const built = this.appendJobNow(plan, params, pipeline, ko, vo);
          commit = built.commit;
          if (built.job) ctx.submit(built.job);
        });
        commit();
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async download(): Promise<{ k: Tensor; v: Tensor }> {
    this.live();
    const ctx = this.#ctx;
    const D = this.headDim;
    const elementBytes = this.precision === "f16" ? 2 : 4;
    const units = this.batch * this.kvHeads;
    const read = await this.schedule("download", () => Promise.resolve(null), async () => {
      // A window cache gives its window's tokens, in order, from the ring.
      const length = Math.min(this.length, this.window ?? Infinity);
      const first = this.length - length;
      const row = length * D * elementBytes;
      if (length === 0) return { length, target: null, bytes: 0 };
      const token = D * elementBytes;
      const start = first % this.slots;
      const head = Math.min(length, this.slots - start);
      const regions: Array<{ buffer: GPUBuffer; offset: number; size: number }> = [];
      for (const side of ["k", "v"] as const) {
        for (const chunk of this.chunks) {
          for (let u = 0; u < chunk.n; u++) {
            const offset = u * this.slots * token;
            regions.push({
              buffer: chunk[side],
              offset: offset + start * token,
              size: head * token,
            });
            if (head < length) {
              regions.push({ buffer: chunk[side], offset, size: (length - head) * token });
            }
          }
        }
      }
      const target = await ctx.guarded("the KV-cache download", () => ctx.gather(regions));
      return { length, target, bytes: 2 * units * row };
    });
    const shape = Object.freeze([this.batch, this.kvHeads, read.length, D]);
    if (!read.target) {
      return { k: { shape, data: new Float32Array(0) }, v: { shape, data: new Float32Array(0) } };
    }
    const bytes = await ctx.read(read.target, read.bytes);
    const half = bytes.byteLength / 2;
    const values = (part: ArrayBuffer): Float32Array =>
      this.precision === "f16" ? fromHalf(new Uint16Array(part)) : new Float32Array(part);
    return {
      k: { shape, data: values(bytes.slice(0, half)) },
      v: { shape, data: values(bytes.slice(half)) },
    };
  }

  reset(): void {
    this.live();
    this.#epoch++;
    this.clear();
  }

  destroy(): void {
    if (!this.markDestroyed()) return;
    this.#epoch++;
    for (const c of this.chunks) {
      c.k.destroy();
      c.v.destroy();
    }
  }
}
