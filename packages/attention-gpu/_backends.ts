/** The two implementations of GpuAttention: WebGPU kernels and the CPU fallback. */

import type { Tensor } from "@posenc/tensor";
import type { RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOneOf, checkTensor, formatValue } from "@posenc/tensor/validate";
import type {
  GpuAttention,
  GpuAttentionCallOptions,
  GpuInfo,
  GpuProfileOptions,
  GpuRopeOptions,
  GpuTiming,
} from "./gpu_attention.ts";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { GpuContext, Job } from "./_context.ts";
import { type AttentionBuffers, flashJob, flashParams, flashPipeline } from "./_flash.ts";
import { naiveJob, naivePipelines } from "./_naive.ts";
import {
  type AttentionPlan,
  checkFrequencies,
  dimsOf,
  planAttention,
  type Positions,
  resolvePositions,
} from "./_plan.ts";
import { referenceFromPlan } from "./_reference.ts";
import { Resident } from "./_resident.ts";
import { type RopeCall, ropeJob, ropePipeline } from "./_rope_kernel.ts";
import { rotate } from "./_rope_host.ts";

type Operand = Tensor | GpuTensor;

/** Checks an operand: a host tensor, or a live GpuTensor of this instance. */
function checkOperand(name: string, value: unknown, owner: object): Operand {
  if (value instanceof Resident) {
    if (value.owner !== owner) {
      throw new Error(
        `Invalid ${name}: this GpuTensor belongs to another GpuAttention; download it and upload it here`,
      );
    }
    if (value.destroyed) {
      throw new Error(`Invalid ${name}: this GpuTensor was destroyed`);
    }
    return value;
  }
  const candidate = value as { shape?: unknown; data?: unknown } | null;
  if (candidate === null || typeof candidate !== "object" || !("data" in candidate)) {
    throw new TypeError(
      `Invalid ${name}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${
        formatValue(value)
      }`,
    );
  }
  return checkTensor(name, value);
}

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

  #resident(shape: readonly number[], buffer: GPUBuffer): Resident {
    return new Resident(this, shape, buffer, this.#alive);
  }

  /** The buffer of an operand, uploading host tensors into temporaries. */
  #bufferOf(x: Operand, temps: GPUBuffer[], label: string): GPUBuffer {
    if (x instanceof Resident) return x.buffer!;
    const buffer = this.#ctx.upload((x as Tensor).data, label);
    temps.push(buffer);
    return buffer;
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
    const build = await this.#prepareAttention(plan, options);
    this.#live();
    this.#checkAll([["q", q], ["k", k], ["v", v]]);
    const bytes = sizeOfShape(plan.qShape) * 4;
    const output = ctx.buffer(bytes, "attention output");
    const resident = qo instanceof Resident;
    const target = await ctx.guarded("the attention dispatch", () => {
      const job = build(qo, ko, vo, output);
      const readback = resident ? undefined : { source: output, bytes };
      const target = ctx.submit(job, readback);
      if (!resident) output.destroy();
      return target;
    });
    if (resident) return this.#resident(plan.qShape, output);
    const data = new Float32Array(await ctx.read(target!, bytes));
    return { shape: Object.freeze([...plan.qShape]), data };
  }

  /**
   * Compiles (or finds) the pipelines of a call and returns the synchronous
   * builder of its job, so nothing awaits between binding buffers and submitting.
   */
  async #prepareAttention(
    plan: AttentionPlan,
    options: GpuAttentionCallOptions,
  ): Promise<(q: Operand, k: Operand, v: Operand, output: GPUBuffer) => Job> {
    const ctx = this.#ctx;
    const kernel = checkOneOf("kernel", options.kernel ?? "flash", {
      allowed: ["flash", "naive"] as const,
    });
    if (kernel === "flash") {
      const params = flashParams(ctx, plan);
      const pipeline = await flashPipeline(ctx, params);
      return (q, k, v, output) => {
        const temps: GPUBuffer[] = [];
        const bufs: AttentionBuffers = {
          q: this.#bufferOf(q, temps, "q"),
          k: this.#bufferOf(k, temps, "k"),
          v: this.#bufferOf(v, temps, "v"),
          o: output,
        };
        const job = flashJob(ctx, plan, params, pipeline, bufs);
        return { dispatches: job.dispatches, temps: [...temps, ...job.temps] };
      };
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

  upload(t: Tensor): GpuTensor {
    const ctx = this.#live();
    const tensor = checkTensor("t", t);
    return this.#resident(tensor.shape, ctx.upload(tensor.data, "tensor"));
  }

  async download(t: GpuTensor): Promise<Tensor> {
    const ctx = this.#live();
    const resident = checkOperand("t", t, this);
    if (!(resident instanceof Resident)) {
      throw new TypeError(`Invalid t: expected a GpuTensor, got a host tensor`);
    }
    const bytes = sizeOfShape(resident.shape) * 4;
    const target = await ctx.guarded(
      "the download",
      () => ctx.submit({ dispatches: [], temps: [] }, { source: resident.buffer!, bytes }),
    );
    const data = new Float32Array(await ctx.read(target!, bytes));
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
    const build = await this.#prepareAttention(plan, options);
    this.#live();
    const output = ctx.buffer(sizeOfShape(plan.qShape) * 4, "attention output");
    const job = await ctx.guarded("the attention dispatch", () => build(qo, ko, vo, output));
    try {
      const timing = await ctx.profile(job, iterations, warmup);
      return { seconds: timing.seconds, iterations, source: timing.source };
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

/** GpuAttention on the CPU: the reference, for runtimes without WebGPU. */
export class CpuAttention implements GpuAttention {
  readonly info: GpuInfo;
  #destroyed = false;

  constructor(reason: string) {
    this.info = Object.freeze({
      backend: "cpu",
      adapter: null,
      features: Object.freeze([]),
      tier: null,
      limits: null,
      fallbackReason: reason,
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
      const out = referenceFromPlan(plan, this.#host(qo), this.#host(ko), this.#host(vo));
      return Promise.resolve(
        qo instanceof Resident ? new Resident(this, out.shape, out.data, this.#alive) : out,
      );
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

  upload(t: Tensor): GpuTensor {
    this.#live();
    const tensor = checkTensor("t", t);
    return new Resident(this, tensor.shape, new Float32Array(tensor.data), this.#alive);
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
  }
}
