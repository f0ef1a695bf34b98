/** GpuAttention on a WebGPU device: how each checked call becomes jobs and submissions. */

import type { Tensor } from "@posenc/tensor";
import type { GpuInfo } from "./gpu_setup.ts";
import type {
  GpuAttentionCallOptions,
  GpuDecodeTiming,
  GpuProfileOptions,
  GpuTiming,
} from "./gpu_call_options.ts";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { KvCache } from "./kv_cache.ts";
import type { GpuContext, Job } from "./_context.ts";
import {
  type AttentionCall,
  AttentionFront,
  type DecodeCall,
  DESTROYED,
  type RopeCallRequest,
  sizeOfShape,
} from "./_attention_front.ts";
import { type AttentionBuffers, flashJob, flashParams, flashPipeline } from "./_flash.ts";
import { prepareFlash2 } from "./_flash2.ts";
import type { Elements } from "./_flash_wgsl.ts";
import { chooseDecodeKernel, decodeChoiceJob, decodeChoicePipelines } from "./_decode_kernels.ts";
import { fromHalf, toHalf } from "./_f16.ts";
import { elementOf, WebGpuKvCache } from "./_kv_cache.ts";
import { type CacheDims, resolvePrecision } from "./_kv_plan.ts";
import { checkDecodeFits } from "./_decode_plan.ts";
import { naiveJob, naivePipelines } from "./_naive.ts";
import type { AttentionPlan, Positions } from "./_plan.ts";
import { Resident } from "./_resident.ts";
import { checkOperand, type Operand } from "./_operand.ts";
import { type RopeCall, ropeJob, ropePipeline } from "./_rope_kernel.ts";
import type { RecordedCall } from "./_recording.ts";
import type { AttentionBuilder, WebGpuDecode } from "./_webgpu_calls.ts";
import { prepareRecorded, type RecordingBackend, submitRecorded } from "./_webgpu_recording.ts";

export type { AttentionBuilder, WebGpuDecode } from "./_webgpu_calls.ts";

const bytesOf = (element: "f32" | "f16"): number => (element === "f16" ? 2 : 4);

/** The first option of a plan the naive kernel lacks, or null. */
function unsupportedByNaive(plan: AttentionPlan): string | null {
  if (plan.window !== null) return "slidingWindow";
  if (plan.sinks) return "sinks";
  if (plan.softcap !== null) return "softcap";
  if (plan.leftPadding) return "leftPadding";
  if (plan.bias) return "bias";
  return null;
}

/** GpuAttention on a WebGPU device. */
export class WebGpuAttention extends AttentionFront<WebGpuKvCache, WebGpuDecode> {
  readonly info: GpuInfo;
  readonly #ctx: GpuContext;
  protected readonly cacheClass = WebGpuKvCache;

  constructor(ctx: GpuContext, info: GpuInfo) {
    super();
    this.#ctx = ctx;
    this.info = Object.freeze(info);
  }

  protected failure(): string | null {
    return this.#ctx.failure;
  }

  /** A GpuTensor on `buffer`, which goes back to the context's pool when it is destroyed. */
  #resident(shape: readonly number[], buffer: GPUBuffer, element: "f32" | "f16" = "f32"): Resident {
    return new Resident(
      this,
      shape,
      buffer,
      this.alive,
      element === "f16" ? "float16" : "float32",
      this.#recycle,
    );
  }

  readonly #recycle = (buffer: GPUBuffer): void => this.#ctx.recycle(buffer);

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

  protected elementsOf(
    q: Operand,
    k: Operand,
    v: Operand,
    options: GpuAttentionCallOptions,
  ): Elements {
    const host = resolvePrecision("precision", options.precision, this.info.f16);
    const of = (x: Operand) => (x instanceof Resident ? elementOf(x) : host);
    return { q: of(q), k: of(k), v: of(v), o: of(q) };
  }

  protected async runAttention(call: AttentionCall): Promise<Tensor | GpuTensor> {
    const ctx = this.#ctx;
    const { plan, elements } = call;
    const build = await this.#prepareAttention(call);
    // The pipelines may have compiled for a while: the instance and the operands must still live.
    this.live();
    this.checkOperands(call.args);
    const count = sizeOfShape(plan.qShape);
    const bytes = count * bytesOf(elements.o);
    const output = ctx.output(bytes, "attention output");
    const resident = call.q instanceof Resident;
    const target = await ctx.submitting("the attention dispatch", () => {
      const job = build(call.q, call.k, call.v, output);
      const readback = resident ? undefined : { source: output, bytes };
      return ctx.submit(job, readback);
    }).finally(() => {
      if (!resident) ctx.recycle(output);
    }).catch((error) => {
      if (resident) ctx.recycle(output);
      throw error;
    });
    if (resident) return this.#resident(plan.qShape, output, elements.o);
    const data = this.#values(await ctx.read(target!, bytes), elements.o, count);
    return { shape: Object.freeze([...plan.qShape]), data };
  }

  protected async timeAttention(
    call: AttentionCall,
    iterations: number,
    warmup: boolean,
    _options: GpuProfileOptions,
  ): Promise<GpuTiming> {
    const ctx = this.#ctx;
    const build = await this.#prepareAttention(call);
    this.live();
    const output = ctx.buffer(
      sizeOfShape(call.plan.qShape) * bytesOf(call.elements.o),
      "attention output",
    );
    const job = await ctx.guarded(
      "the attention dispatch",
      () => build(call.q, call.k, call.v, output),
    );
    try {
      const timing = await ctx.profile(job, iterations, warmup);
      return { seconds: timing.seconds, iterations, source: timing.source };
    } finally {
      ctx.release(job);
      output.destroy();
    }
  }

  /**
   * Compiles (or finds) the pipelines of a call and returns the synchronous
   * builder of its job, so nothing awaits between binding buffers and submitting.
   */
  #prepareAttention(call: AttentionCall): Promise<AttentionBuilder> {
    return call.kernel === "naive"
      ? this.#prepareNaive(call.plan, call.elements)
      : this.#prepareFlash(call.plan, call.elements, call.kernel === "flash2");
  }

  async #prepareFlash(
    plan: AttentionPlan,
    elements: Elements,
    second: boolean,
  ): Promise<AttentionBuilder> {
    const ctx = this.#ctx;
    // flash2 declines what it does not implement; the flash kernel then runs the call.
    let encode = second ? await prepareFlash2(ctx, plan, elements) : null;
    if (!encode) {
      const params = flashParams(ctx, plan, elements);
      const pipeline = await flashPipeline(ctx, params);
      encode = (bufs) => flashJob(ctx, plan, params, pipeline, bufs);
    }
    return (q, k, v, output) => {
      const temps: GPUBuffer[] = [];
      const bufs: AttentionBuffers = {
        q: this.#bufferOf(q, temps, "q", elements.q),
        k: this.#bufferOf(k, temps, "k", elements.k),
        v: this.#bufferOf(v, temps, "v", elements.v),
        o: output,
      };
      const job = encode(bufs);
      return { dispatches: job.dispatches, temps: [...temps, ...job.temps] };
    };
  }

  async #prepareNaive(plan: AttentionPlan, elements: Elements): Promise<AttentionBuilder> {
    const ctx = this.#ctx;
    const feature = unsupportedByNaive(plan);
    if (feature) {
      throw new TypeError(
        `Invalid kernel: the naive kernel does not take ${feature}; use the flash kernel (the default)`,
      );
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
        // The naive kernel has no fused RoPE: q and k are rotated into temporaries first.
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

  protected async runRope(request: RopeCallRequest): Promise<Tensor | GpuTensor> {
    const ctx = this.#ctx;
    const { x, call, inPlace } = request;
    const resident = x instanceof Resident;
    // Host tensors are rotated in place in a temporary copy.
    const pipeline = await ropePipeline(ctx, inPlace || !resident);
    this.live();
    checkOperand("x", request.arg, this);
    const bytes = sizeOfShape(x.shape) * 4;
    if (resident) {
      const input = x.buffer!;
      const output = inPlace ? null : ctx.output(bytes, "rotated");
      await ctx.submitting("the RoPE dispatch", () => {
        ctx.submit(ropeJob(ctx, call, pipeline, input, output));
      }).catch((error) => {
        if (output) ctx.recycle(output);
        throw error;
      });
      return output ? this.#resident(x.shape, output) : x;
    }
    const host = x as Tensor;
    const target = await ctx.submitting("the RoPE dispatch", () => {
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

  protected store(tensor: Tensor, element: "f32" | "f16"): GpuTensor {
    const buffer = this.#ctx.upload(this.#hostData(tensor.data, element), "tensor");
    return this.#resident(tensor.shape, buffer, element);
  }

  protected async read(t: Resident): Promise<Tensor> {
    const ctx = this.#ctx;
    const count = sizeOfShape(t.shape);
    const bytes = count * t.elementBytes;
    const target = await ctx.guarded(
      "the download",
      () => ctx.submit({ dispatches: [], temps: [] }, { source: t.buffer!, bytes }),
    );
    const data = this.#values(await ctx.read(target!, bytes), elementOf(t), count);
    return { shape: Object.freeze([...t.shape]), data };
  }

  protected idle(): Promise<void> {
    return this.#ctx.idle();
  }

  protected async makeCache(dims: CacheDims, precision: "f32" | "f16"): Promise<KvCache> {
    return await WebGpuKvCache.create(this.#ctx, this, this.alive, dims, precision);
  }

  protected prepareDecode(call: DecodeCall<WebGpuKvCache>): WebGpuDecode {
    const element = elementOf(call.q);
    const elements = { q: element, kv: call.cache.precision, o: element };
    const choice = chooseDecodeKernel(this.#ctx, call.plan, elements, call.cache.window);
    return { ...call, elements, choice };
  }

  protected async runDecode(call: WebGpuDecode): Promise<Tensor | GpuTensor> {
    const ctx = this.#ctx;
    const { plan, elements } = call;
    const count = sizeOfShape(plan.qShape);
    const bytes = count * bytesOf(elements.o);
    const resident = call.q instanceof Resident;
    const { output, target } = await call.cache.schedule(
      "decode",
      () => decodeChoicePipelines(ctx, call.choice),
      async (pipelines) => {
        this.live();
        checkOperand("q", call.arg, this);
        const output = ctx.output(bytes, "decode output");
        const target = await ctx.submitting("the decode dispatch", () => {
          const { job } = this.#decodeJob(call, pipelines, output);
          const readback = resident ? undefined : { source: output, bytes };
          return ctx.submit(job, readback);
        }).finally(() => {
          if (!resident) ctx.recycle(output);
        }).catch((error) => {
          if (resident) ctx.recycle(output);
          throw error;
        });
        return { output, target };
      },
    );
    if (resident) return this.#resident(plan.qShape, output, elements.o);
    const data = this.#values(await ctx.read(target!, bytes), elements.o, count);
    return { shape: Object.freeze([...plan.qShape]), data };
  }

  /**
   * The job of a prepared decode on the cache as it is now (in its turn):
   * the length-dependent checks, the split count, q uploaded if on the host.
   */
  #decodeJob(
    call: WebGpuDecode,
    pipelines: [GPUComputePipeline, GPUComputePipeline],
    output: GPUBuffer,
  ): { job: Job; splits: number } {
    const ctx = this.#ctx;
    const { cache, plan, choice } = call;
    const turn = checkDecodeFits(plan, cache.length, cache.ropeState, cache.window);
    const temps: GPUBuffer[] = [];
    const qb = this.#bufferOf(call.q, temps, "q");
    try {
      const target = this.info.decodeWorkgroups ?? 1;
      const bufs = { q: qb, o: output };
      const view = cache.view();
      const built = decodeChoiceJob(ctx, plan, choice, pipelines, view, target, bufs, turn);
      built.job.temps.push(...temps);
      return built;
    } catch (error) {
      for (const t of temps) ctx.recycle(t);
      throw error;
    }
  }

  protected async timeDecode(
    call: WebGpuDecode,
    iterations: number,
    warmup: boolean,
  ): Promise<GpuDecodeTiming> {
    const ctx = this.#ctx;
    const bytes = sizeOfShape(call.plan.qShape) * bytesOf(call.elements.o);
    const { job, splits, output } = await call.cache.schedule(
      "profileDecode",
      () => decodeChoicePipelines(ctx, call.choice),
      async (pipelines) => {
        this.live();
        checkOperand("q", call.arg, this);
        const output = ctx.buffer(bytes, "decode output");
        try {
          const built = await ctx.guarded(
            "the decode dispatch",
            () => this.#decodeJob(call, pipelines, output),
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
      return {
        seconds: timing.seconds,
        iterations,
        source: timing.source,
        splits,
        kernel: call.choice.kernel,
      };
    } finally {
      ctx.release(job);
      output.destroy();
    }
  }

  protected recordedOutput(
    shape: readonly number[],
    element: "f32" | "f16",
    recording: object,
  ): Resident {
    const bytes = sizeOfShape(shape) * bytesOf(element);
    const output = this.#resident(shape, this.#ctx.output(bytes, "recorded output"), element);
    return output.awaitRecording(recording);
  }

  protected decodeElement(call: WebGpuDecode): "f32" | "f16" {
    return call.elements.o;
  }

  protected runRecording(
    calls: readonly RecordedCall<WebGpuKvCache, WebGpuDecode>[],
    recording: object,
  ): Promise<void> {
    const caches = new Set<WebGpuKvCache>();
    for (const c of calls) if (c.kind === "append" || c.kind === "decode") caches.add(c.call.cache);
    const host: RecordingBackend = {
      ctx: this.#ctx,
      owner: this,
      prepareAttention: (call) => this.#prepareAttention(call),
      decodeJob: (call, pipelines, output) => this.#decodeJob(call, pipelines, output).job,
    };
    const steps = calls.map((c) => prepareRecorded(host, c, recording));
    return submitRecorded(this.#ctx, [...caches], steps, () => this.live());
  }

  destroy(): void {
    if (this.#ctx.failure) return;
    this.#ctx.fail(DESTROYED);
    if (this.#ctx.ownsDevice) this.#ctx.device.destroy();
    else this.#ctx.dispose();
  }
}
