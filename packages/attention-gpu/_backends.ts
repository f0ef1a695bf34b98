/** The two implementations of GpuAttention: WebGPU kernels and the CPU fallback. */

import type { Tensor } from "@posenc/tensor";
import type { RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOneOf, checkTensor, formatValue } from "@posenc/tensor/validate";
import type { GpuAttention } from "./gpu_attention.ts";
import type { GpuInfo } from "./gpu_setup.ts";
import type {
  GpuAttentionCallOptions,
  GpuDecodeTiming,
  GpuProfileOptions,
  GpuRopeOptions,
  GpuTiming,
  GpuUploadOptions,
} from "./gpu_call_options.ts";
import type { GpuTensor } from "./gpu_tensor.ts";
import type {
  GpuDecodeOptions,
  GpuDecodeProfileOptions,
  KvCache,
  KvCacheOptions,
} from "./kv_cache.ts";
import type { GpuContext, Job } from "./_context.ts";
import { type AttentionBuffers, flashJob, flashParams, flashPipeline } from "./_flash.ts";
import type { Elements } from "./_flash_wgsl.ts";
import { decodeJob, decodeParams, decodePipelines, queryPositions, splitsFor } from "./_decode.ts";
import { fromHalf, toHalf } from "./_f16.ts";
import { checkCache, elementOf, WebGpuKvCache } from "./_kv_cache.ts";
import { CpuKvCache } from "./_kv_cache_cpu.ts";
import {
  checkCacheOptions,
  checkDecodeFits,
  type DecodePlan,
  planDecode,
  resolvePrecision,
} from "./_kv_plan.ts";
import { naiveJob, naivePipelines } from "./_naive.ts";
import {
  type AttentionPlan,
  checkFrequencies,
  dimsOf,
  planAttention,
  type Positions,
  resolvePositions,
} from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";
import { CpuPool, worthThreads } from "./_cpu_threads.ts";
import { Resident } from "./_resident.ts";
import { checkOperand, type Operand } from "./_operand.ts";
import { type RopeCall, ropeJob, ropePipeline } from "./_rope_kernel.ts";
import { rotate } from "./_rope_host.ts";

function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== "boolean") {
    throw new TypeError(`Invalid ${name}: expected a boolean, got ${formatValue(value)}`);
  }
  return value;
}

function checkIterations(value: unknown): number {
  return checkInteger("iterations", value, { min: 1 });
}

/** A RoPE call with its options checked. */
interface RopeRequest {
  readonly call: RopeCall;
  readonly inPlace: boolean;
}

function planRope(x: Operand, frequencies: unknown, options: GpuRopeOptions): RopeRequest {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  const layout = checkOneOf("layout", options.layout ?? "bhsd", {
    allowed: ["bhsd", "bshd"] as const,
  });
  const dims = dimsOf("x", x, layout);
  const freq = checkFrequencies("frequencies", frequencies);
  const rotaryDim = 2 * freq.invFreq.length;
  if (options.rotaryDim !== undefined && options.rotaryDim !== rotaryDim) {
    throw new RangeError(
      `Invalid rotaryDim: expected ${rotaryDim} (2 x the ${freq.invFreq.length} frequencies), got ${
        formatValue(options.rotaryDim)
      }`,
    );
  }
  if (rotaryDim > dims.headDim) {
    throw new RangeError(
      `Invalid frequencies: rotary dim ${rotaryDim} (2 x ${freq.invFreq.length} frequencies) exceeds the head dim ${dims.headDim}`,
    );
  }
  const pairing = checkOneOf("pairing", options.pairing ?? "half", {
    allowed: ["half", "interleaved"] as const,
  });
  const angles = checkOneOf("angles", options.angles ?? "float32", {
    allowed: ["float32", "float64"] as const,
  });
  const positions = resolvePositions(
    "",
    options.positions,
    options.offset,
    dims.seq,
    dims.batch,
    angles,
  );
  const inPlace = checkBoolean("inPlace", options.inPlace ?? false);
  return {
    call: {
      layout,
      batch: dims.batch,
      heads: dims.heads,
      seq: dims.seq,
      headDim: dims.headDim,
      frequencies: freq,
      pairing,
      angles,
      positions,
    },
    inPlace,
  };
}

function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** A decode call checked against its cache, before its turn. */
interface PreparedDecode {
  readonly qo: Operand;
  readonly cache: WebGpuKvCache;
  readonly plan: DecodePlan;
  readonly elements: { q: "f32" | "f16"; kv: "f32" | "f16"; o: "f32" | "f16" };
  readonly params: ReturnType<typeof decodeParams>;
}

/** GpuAttention on a WebGPU device. */
export class WebGpuAttention implements GpuAttention {
  readonly info: GpuInfo;
  readonly #ctx: GpuContext;

  constructor(ctx: GpuContext, info: GpuInfo) {
    this.#ctx = ctx;
    this.info = Object.freeze(info);
  }

  #live(): GpuContext {
    const failure = this.#ctx.failure;
    if (failure) throw new Error(`This GpuAttention cannot be used: ${failure}`);
    return this.#ctx;
  }

  #alive = (): boolean => this.#ctx.failure === null;

  #resident(
    shape: readonly number[],
    buffer: GPUBuffer,
    element: "f32" | "f16" = "f32",
  ): Resident {
    return new Resident(
      this,
      shape,
      buffer,
      this.#alive,
      element === "f16" ? "float16" : "float32",
    );
  }

  /** Host data in a storage precision: float32 as is, float16 bits rounded to nearest even. */
  #hostData(data: Float32Array, element: "f32" | "f16"): Float32Array | Uint16Array {
    return element === "f16" ? toHalf(data) : data;
  }

  /** Readback bytes of a precision as float32. */
  #values(bytes: ArrayBuffer, element: "f32" | "f16", count: number): Float32Array {
    return element === "f16" ? fromHalf(new Uint16Array(bytes), count) : new Float32Array(bytes);
  }

  /**
   * The buffer of an operand, uploading host tensors into temporaries in
   * `element` precision.
   */
  #bufferOf(
    x: Operand,
    temps: GPUBuffer[],
    label: string,
    element: "f32" | "f16" = "f32",
  ): GPUBuffer {
    if (x instanceof Resident) return x.buffer!;
    const buffer = this.#ctx.upload(this.#hostData((x as Tensor).data, element), label);
    temps.push(buffer);
    return buffer;
  }

  /** Storage types of an attention call's operands (host ones in the call's precision). */
  #elements(q: Operand, k: Operand, v: Operand, options: GpuAttentionCallOptions): Elements {
    const host = resolvePrecision("precision", options.precision, this.info.f16);
    const of = (x: Operand) => (x instanceof Resident ? elementOf(x) : host);
    return { q: of(q), k: of(k), v: of(v), o: of(q) };
  }

  #checkAll(operands: Array<[string, unknown]>): Operand[] {
    return operands.map(([name, value]) => checkOperand(name, value, this));
  }

  attention(
    q: GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<GpuTensor>;
  attention(
    q: Tensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<Tensor>;
  attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<Tensor | GpuTensor>;
  async attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: GpuAttentionCallOptions = {},
  ): Promise<Tensor | GpuTensor> {
    const ctx = this.#live();
    const [qo, ko, vo] = this.#checkAll([["q", q], ["k", k], ["v", v]]) as [
      Operand,
      Operand,
      Operand,
    ];
    const plan = planAttention(qo, ko, vo, options);
    const elements = this.#elements(qo, ko, vo, options);
    const build = await this.#prepareAttention(plan, options, elements);
    this.#live();
    this.#checkAll([["q", q], ["k", k], ["v", v]]);
    const count = sizeOfShape(plan.qShape);
    const bytes = count * (elements.o === "f16" ? 2 : 4);
    const output = ctx.buffer(bytes, "attention output");
    const resident = qo instanceof Resident;
    const target = await ctx.guarded("the attention dispatch", () => {
      const job = build(qo, ko, vo, output);
      const readback = resident ? undefined : { source: output, bytes };
      const target = ctx.submit(job, readback);
      if (!resident) output.destroy();
      return target;
    });
    if (resident) return this.#resident(plan.qShape, output, elements.o);
    const data = this.#values(await ctx.read(target!, bytes), elements.o, count);
    return { shape: Object.freeze([...plan.qShape]), data };
  }

  /**
   * Compiles (or finds) the pipelines of a call and returns the synchronous
   * builder of its job, so nothing awaits between binding buffers and submitting.
   */
  async #prepareAttention(
    plan: AttentionPlan,
    options: GpuAttentionCallOptions,
    elements: Elements,
  ): Promise<(q: Operand, k: Operand, v: Operand, output: GPUBuffer) => Job> {
    const ctx = this.#ctx;
    const kernel = checkOneOf("kernel", options.kernel ?? "flash", {
      allowed: ["flash", "naive"] as const,
    });
    if (kernel === "flash") {
      const params = flashParams(ctx, plan, elements);
      const pipeline = await flashPipeline(ctx, params);
      return (q, k, v, output) => {
        const temps: GPUBuffer[] = [];
        const bufs: AttentionBuffers = {
          q: this.#bufferOf(q, temps, "q", elements.q),
          k: this.#bufferOf(k, temps, "k", elements.k),
          v: this.#bufferOf(v, temps, "v", elements.v),
          o: output,
        };
        const job = flashJob(ctx, plan, params, pipeline, bufs);
        return { dispatches: job.dispatches, temps: [...temps, ...job.temps] };
      };
    }
    const wide = Object.entries(elements).find(([, e]) => e === "f16");
    if (wide) {
      throw new TypeError(
        `Invalid kernel: the naive kernel takes float32 storage only, got a float16 ${
          wide[0] === "o" ? "output" : wide[0]
        }; use the flash kernel`,
      );
    }
    const [pipelines, rotatePipe] = await Promise.all([
      naivePipelines(ctx),
      plan.rope ? ropePipeline(ctx, false) : Promise.resolve(null),
    ]);
    return (q, k, v, output) => {
      const temps: GPUBuffer[] = [];
      const dispatches: Job["dispatches"] = [];
      let qb = this.#bufferOf(q, temps, "q");
      let kb = this.#bufferOf(k, temps, "k");
      const vb = this.#bufferOf(v, temps, "v");
      if (plan.rope && rotatePipe) {
        const rope = plan.rope;
        const side = (positions: Positions, heads: number, seq: number, source: GPUBuffer) => {
          const call: RopeCall = {
            layout: plan.layout,
            batch: plan.batch,
            heads,
            seq,
            headDim: plan.headDim,
            frequencies: rope.frequencies,
            pairing: rope.pairing,
            angles: rope.angles,
            positions,
          };
          const rotated = ctx.buffer(plan.batch * heads * seq * plan.headDim * 4, "rotated");
          temps.push(rotated);
          const job = ropeJob(ctx, call, rotatePipe, source, rotated);
          dispatches.push(...job.dispatches);
          temps.push(...job.temps);
          return rotated;
        };
        qb = side(rope.query, plan.heads, plan.qSeq, qb);
        kb = side(rope.key, plan.kvHeads, plan.kSeq, kb);
      }
      const job = naiveJob(ctx, plan, pipelines, { q: qb, k: kb, v: vb, o: output });
      return { dispatches: [...dispatches, ...job.dispatches], temps: [...temps, ...job.temps] };
    };
  }

  applyRope(
    x: GpuTensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<GpuTensor>;
  applyRope(x: Tensor, frequencies: RopeFrequencies, options?: GpuRopeOptions): Promise<Tensor>;
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<Tensor | GpuTensor>;
  async applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies,
    options: GpuRopeOptions = {},
  ): Promise<Tensor | GpuTensor> {
    const ctx = this.#live();
    const xo = checkOperand("x", x, this);
    const { call, inPlace } = planRope(xo, frequencies, options);
    if (elementOf(xo) === "f16") {
      throw new TypeError(
        "Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)",
      );
    }
    const resident = xo instanceof Resident;
    // Host tensors are rotated in place in a temporary copy.
    const pipeline = await ropePipeline(ctx, inPlace || !resident);
    this.#live();
    checkOperand("x", x, this);
    const bytes = sizeOfShape(xo.shape) * 4;
    if (resident) {
      const input = xo.buffer!;
      const output = inPlace ? null : ctx.buffer(bytes, "rotated");
      await ctx.guarded("the RoPE dispatch", () => {
        ctx.submit(ropeJob(ctx, call, pipeline, input, output));
      });
      return output ? this.#resident(xo.shape, output) : xo;
    }
    const host = xo as Tensor;
    const target = await ctx.guarded("the RoPE dispatch", () => {
      const buffer = ctx.upload(host.data, "x");
      const job = ropeJob(ctx, call, pipeline, buffer, null);
      job.temps.push(buffer);
      return ctx.submit(job, { source: buffer, bytes });
    });
    const data = new Float32Array(await ctx.read(target!, bytes));
    if (inPlace) {
      host.data.set(data);
      return host;
    }
    return { shape: Object.freeze([...host.shape]), data };
  }

  upload(t: Tensor, options: GpuUploadOptions = {}): GpuTensor {
    const ctx = this.#live();
    const tensor = checkTensor("t", t);
    if (options === null || typeof options !== "object") {
      throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
    }
    const element = resolvePrecision("precision", options.precision, this.info.f16);
    const buffer = ctx.upload(this.#hostData(tensor.data, element), "tensor");
    return this.#resident(tensor.shape, buffer, element);
  }

  async download(t: GpuTensor): Promise<Tensor> {
    const ctx = this.#live();
    const resident = checkOperand("t", t, this);
    if (!(resident instanceof Resident)) {
      throw new TypeError(`Invalid t: expected a GpuTensor, got a host tensor`);
    }
    const count = sizeOfShape(resident.shape);
    const bytes = count * resident.elementBytes;
    const target = await ctx.guarded(
      "the download",
      () => ctx.submit({ dispatches: [], temps: [] }, { source: resident.buffer!, bytes }),
    );
    const data = this.#values(await ctx.read(target!, bytes), elementOf(resident), count);
    return { shape: Object.freeze([...resident.shape]), data };
  }

  async synchronize(): Promise<void> {
    await this.#live().idle();
  }

  async profileAttention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: GpuProfileOptions = {},
  ): Promise<GpuTiming> {
    const ctx = this.#live();
    const [qo, ko, vo] = this.#checkAll([["q", q], ["k", k], ["v", v]]) as [
      Operand,
      Operand,
      Operand,
    ];
    const plan = planAttention(qo, ko, vo, options);
    const iterations = checkIterations(options.iterations ?? 10);
    const warmup = checkBoolean("warmup", options.warmup ?? true);
    const elements = this.#elements(qo, ko, vo, options);
    const build = await this.#prepareAttention(plan, options, elements);
    this.#live();
    const output = ctx.buffer(
      sizeOfShape(plan.qShape) * (elements.o === "f16" ? 2 : 4),
      "attention output",
    );
    const job = await ctx.guarded("the attention dispatch", () => build(qo, ko, vo, output));
    try {
      const timing = await ctx.profile(job, iterations, warmup);
      return { seconds: timing.seconds, iterations, source: timing.source };
    } finally {
      ctx.release(job);
      output.destroy();
    }
  }

  async createKvCache(options: KvCacheOptions): Promise<KvCache> {
    const ctx = this.#live();
    const dims = checkCacheOptions(options);
    const precision = resolvePrecision("precision", options.precision, this.info.f16);
    return await WebGpuKvCache.create(ctx, this, this.#alive, dims, precision);
  }

  decode(q: GpuTensor, cache: KvCache, options?: GpuDecodeOptions): Promise<GpuTensor>;
  decode(q: Tensor, cache: KvCache, options?: GpuDecodeOptions): Promise<Tensor>;
  decode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options?: GpuDecodeOptions,
  ): Promise<Tensor | GpuTensor>;
  async decode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options: GpuDecodeOptions = {},
  ): Promise<Tensor | GpuTensor> {
    const ctx = this.#live();
    const prepared = this.#prepareDecode(q, cache, options);
    const { plan, qo, elements } = prepared;
    const count = sizeOfShape(plan.qShape);
    const bytes = count * (elements.o === "f16" ? 2 : 4);
    const resident = qo instanceof Resident;
    const { output, target } = await prepared.cache.schedule(
      "decode",
      () => decodePipelines(ctx, prepared.params),
      async (pipelines) => {
        this.#live();
        checkOperand("q", q, this);
        const output = ctx.buffer(bytes, "decode output");
        const target = await ctx.guarded("the decode dispatch", () => {
          const { job } = this.#decodeJob(prepared, pipelines, output);
          const readback = resident ? undefined : { source: output, bytes };
          const target = ctx.submit(job, readback);
          if (!resident) output.destroy();
          return target;
        }).catch((error) => {
          output.destroy();
          throw error;
        });
        return { output, target };
      },
    );
    if (resident) return this.#resident(plan.qShape, output, elements.o);
    const data = this.#values(await ctx.read(target!, bytes), elements.o, count);
    return { shape: Object.freeze([...plan.qShape]), data };
  }

  /** The checks and pipeline parameters of a decode call (before its turn). */
  #prepareDecode(q: unknown, cache: unknown, options: GpuDecodeOptions): PreparedDecode {
    const qo = checkOperand("q", q, this);
    const c = checkCache(cache, this, WebGpuKvCache);
    const plan = planDecode(c, qo, options);
    const element = elementOf(qo);
    const elements = { q: element, kv: c.precision, o: element };
    const params = decodeParams(this.#ctx, plan, elements);
    return { qo, cache: c, plan, elements, params };
  }

  /**
   * The job of a prepared decode on the cache as it is now (in its turn):
   * the length-dependent checks, the split count, q uploaded if on the host.
   */
  #decodeJob(
    prepared: PreparedDecode,
    pipelines: [GPUComputePipeline, GPUComputePipeline],
    output: GPUBuffer,
  ): { job: Job; splits: number } {
    const ctx = this.#ctx;
    const { cache, plan, params, qo } = prepared;
    checkDecodeFits(plan, cache.length, cache.ropeState);
    const split = splitsFor(ctx, plan, params, cache.length, this.info.decodeWorkgroups ?? 1);
    const temps: GPUBuffer[] = [];
    const qb = this.#bufferOf(qo, temps, "q");
    try {
      const job = decodeJob(ctx, plan, params, pipelines, cache.view(), split, {
        q: qb,
        o: output,
      });
      job.temps.push(...temps);
      return { job, splits: split.splits };
    } catch (error) {
      for (const t of temps) t.destroy();
      throw error;
    }
  }

  async profileDecode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options: GpuDecodeProfileOptions = {},
  ): Promise<GpuDecodeTiming> {
    const ctx = this.#live();
    const prepared = this.#prepareDecode(q, cache, options);
    const iterations = checkIterations(options.iterations ?? 10);
    const warmup = checkBoolean("warmup", options.warmup ?? true);
    const bytes = sizeOfShape(prepared.plan.qShape) * (prepared.elements.o === "f16" ? 2 : 4);
    const { job, splits, output } = await prepared.cache.schedule(
      "profileDecode",
      () => decodePipelines(ctx, prepared.params),
      async (pipelines) => {
        this.#live();
        checkOperand("q", q, this);
        const output = ctx.buffer(bytes, "decode output");
        try {
          const built = await ctx.guarded(
            "the decode dispatch",
            () => this.#decodeJob(prepared, pipelines, output),
          );
          return { ...built, output };
        } catch (error) {
          output.destroy();
          throw error;
        }
      },
    );
    try {
      const timing = await ctx.profile(job, iterations, warmup);
      return { seconds: timing.seconds, iterations, source: timing.source, splits };
    } finally {
      ctx.release(job);
      output.destroy();
    }
  }

  destroy(): void {
    if (this.#ctx.failure) return;
    this.#ctx.fail("it was destroyed; create a new one with createGpuAttention()");
    if (this.#ctx.ownsDevice) this.#ctx.device.destroy();
  }
}

/** GpuAttention on the CPU (attentionCpu's kernel), for runtimes without WebGPU. */
export class CpuAttention implements GpuAttention {
  readonly info: GpuInfo;
  #destroyed = false;
  readonly #threads: number;
  #pool: CpuPool | null = null;

  constructor(reason: string, threads = 1) {
    this.#threads = threads;
    this.info = Object.freeze({
      backend: "cpu",
      adapter: null,
      features: Object.freeze([]),
      f16: Object.freeze({
        available: false,
        detail: "the CPU fallback stores float32 only",
      }),
      decodeWorkgroups: null,
      tier: null,
      limits: null,
      fallbackReason: reason,
      threads,
    });
  }

  #live(): void {
    if (this.#destroyed) {
      throw new Error(
        "This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()",
      );
    }
  }

  #alive = (): boolean => !this.#destroyed;

  #host(x: Operand): Tensor {
    return x instanceof Resident ? x.host : x as Tensor;
  }

  attention(
    q: GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<GpuTensor>;
  attention(
    q: Tensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<Tensor>;
  attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<Tensor | GpuTensor>;
  attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: GpuAttentionCallOptions = {},
  ): Promise<Tensor | GpuTensor> {
    try {
      this.#live();
      const qo = checkOperand("q", q, this);
      const ko = checkOperand("k", k, this);
      const vo = checkOperand("v", v, this);
      const plan = planAttention(qo, ko, vo, options);
      checkOneOf("kernel", options.kernel ?? "flash", { allowed: ["flash", "naive"] as const });
      const [qh, kh, vh] = [this.#host(qo), this.#host(ko), this.#host(vo)];
      const wrap = (out: Tensor) =>
        qo instanceof Resident ? new Resident(this, out.shape, out.data, this.#alive) : out;
      if (worthThreads(plan, this.#threads)) {
        this.#pool ??= new CpuPool(this.#threads - 1);
        return this.#pool.attention(plan, qh, kh, vh).then(wrap);
      }
      return Promise.resolve(wrap(cpuFromPlan(plan, qh, kh, vh)));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  applyRope(
    x: GpuTensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<GpuTensor>;
  applyRope(x: Tensor, frequencies: RopeFrequencies, options?: GpuRopeOptions): Promise<Tensor>;
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<Tensor | GpuTensor>;
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies,
    options: GpuRopeOptions = {},
  ): Promise<Tensor | GpuTensor> {
    try {
      this.#live();
      const xo = checkOperand("x", x, this);
      const { call, inPlace } = planRope(xo, frequencies, options);
      const host = this.#host(xo);
      const out = rotate(host, call.frequencies, {
        layout: call.layout,
        pairing: call.pairing,
        angles: call.angles,
        positions: call.positions,
      });
      if (inPlace) {
        host.data.set(out.data);
        return Promise.resolve(xo);
      }
      return Promise.resolve(
        xo instanceof Resident ? new Resident(this, out.shape, out.data, this.#alive) : out,
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  upload(t: Tensor, options: GpuUploadOptions = {}): GpuTensor {
    this.#live();
    const tensor = checkTensor("t", t);
    if (options === null || typeof options !== "object") {
      throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
    }
    resolvePrecision("precision", options.precision, this.info.f16);
    return new Resident(this, tensor.shape, new Float32Array(tensor.data), this.#alive);
  }

  createKvCache(options: KvCacheOptions): Promise<KvCache> {
    try {
      this.#live();
      const dims = checkCacheOptions(options);
      resolvePrecision("precision", options.precision, this.info.f16);
      return Promise.resolve(new CpuKvCache(this, this.#alive, dims));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  decode(q: GpuTensor, cache: KvCache, options?: GpuDecodeOptions): Promise<GpuTensor>;
  decode(q: Tensor, cache: KvCache, options?: GpuDecodeOptions): Promise<Tensor>;
  decode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options?: GpuDecodeOptions,
  ): Promise<Tensor | GpuTensor>;
  decode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options: GpuDecodeOptions = {},
  ): Promise<Tensor | GpuTensor> {
    try {
      this.#live();
      const qo = checkOperand("q", q, this);
      const c = checkCache(cache, this, CpuKvCache);
      const plan = planDecode(c, qo, options);
      checkDecodeFits(plan, c.length, c.ropeState);
      let qh = this.#host(qo);
      if (plan.rope) {
        qh = rotate(qh, plan.rope.frequencies, {
          layout: plan.layout,
          pairing: plan.rope.pairing,
          angles: plan.rope.angles,
          positions: queryPositions(plan, c.length),
        });
      }
      const { k, v } = c.tensors(plan.layout);
      const attention = planAttention(qh, k, v, {
        layout: plan.layout,
        causal: true,
        scale: plan.scale,
        ...(plan.alibi ? { alibiSlopes: plan.alibi } : {}),
      });
      const out = cpuFromPlan(attention, qh, k, v);
      return Promise.resolve(
        qo instanceof Resident ? new Resident(this, out.shape, out.data, this.#alive) : out,
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async profileDecode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options: GpuDecodeProfileOptions = {},
  ): Promise<GpuDecodeTiming> {
    this.#live();
    const iterations = checkIterations(options.iterations ?? 10);
    if (checkBoolean("warmup", options.warmup ?? true)) await this.decode(q, cache, options);
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await this.decode(q, cache, options);
    return {
      seconds: (performance.now() - start) / 1000 / iterations,
      iterations,
      source: "wall-clock",
      splits: 1,
    };
  }

  download(t: GpuTensor): Promise<Tensor> {
    try {
      this.#live();
      const resident = checkOperand("t", t, this);
      if (!(resident instanceof Resident)) {
        throw new TypeError(`Invalid t: expected a GpuTensor, got a host tensor`);
      }
      return Promise.resolve({
        shape: resident.shape,
        data: new Float32Array(resident.host.data),
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  synchronize(): Promise<void> {
    try {
      this.#live();
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async profileAttention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: GpuProfileOptions = {},
  ): Promise<GpuTiming> {
    this.#live();
    const iterations = checkIterations(options.iterations ?? 10);
    if (checkBoolean("warmup", options.warmup ?? true)) await this.attention(q, k, v, options);
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await this.attention(q, k, v, options);
    return {
      seconds: (performance.now() - start) / 1000 / iterations,
      iterations,
      source: "wall-clock",
    };
  }

  destroy(): void {
    this.#destroyed = true;
    this.#pool?.destroy(
      "This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention()",
    );
    this.#pool = null;
  }
}
