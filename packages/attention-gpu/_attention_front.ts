/**
 * The part of GpuAttention both backends share: every public method's
 * overloads and argument checks, in one order, then a call to the backend's
 * hook with the checked call. A backend (WebGPU, CPU) only says how to run a
 * checked call.
 */

import type { Tensor } from "@posenc/tensor";
import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import {
  checkBoolean,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkTensor,
} from "@posenc/tensor/validate";
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
import type { GpuRecording } from "./gpu_recording.ts";
import type {
  GpuDecodeOptions,
  GpuDecodeProfileOptions,
  KvAppendOptions,
  KvCache,
  KvCacheOptions,
} from "./kv_cache.ts";
import type { Elements } from "./_flash_wgsl.ts";
import {
  type CacheDims,
  checkCacheOptions,
  checkObject,
  planAppend,
  resolvePrecision,
} from "./_kv_plan.ts";
import { planDecode } from "./_decode_plan.ts";
import { checkCache, type KvCacheBase } from "./_kv_cache_base.ts";
import { type AttentionPlan, planAttention } from "./_plan.ts";
import {
  CALL_OPTION_KEYS,
  DECODE_OPTION_KEYS,
  DECODE_PROFILE_OPTION_KEYS,
  PROFILE_OPTION_KEYS,
  UPLOAD_OPTION_KEYS,
} from "./_option_keys.ts";
import { checkOperand, type Operand } from "./_operand.ts";
import { Resident } from "./_resident.ts";
import { planRope } from "./_rope_plan.ts";
import { type AppendCall, type RecordedCall, Recording, type RecordingHost } from "./_recording.ts";
import type { AttentionCall, DecodeCall, KernelName, RopeCallRequest } from "./_calls.ts";

/** The attention kernels a call may ask for (`kernel` option). */
export const KERNELS: readonly KernelName[] = ["flash", "flash2", "naive"];

/** Why a destroyed instance refuses calls. */
export const DESTROYED = "it was destroyed; create a new one with createGpuAttention()";

export type { AttentionCall, DecodeCall, KernelName, RopeCallRequest } from "./_calls.ts";

function checkIterations(value: unknown): number {
  return checkInteger("iterations", value, { min: 1 });
}

/**
 * GpuAttention's public methods on top of a backend's hooks. `C` is the
 * backend's KvCache class, `D` what its decode needs beyond {@linkcode DecodeCall}.
 */
export abstract class AttentionFront<C extends KvCacheBase, D extends DecodeCall<C>>
  implements GpuAttention {
  abstract readonly info: GpuInfo;

  /** Why this instance can no longer run calls (destroyed, device lost), or null. */
  protected abstract failure(): string | null;
  /** The backend's KvCache class: caches of other classes are refused. */
  protected abstract readonly cacheClass: abstract new (...args: never[]) => C;
  /** Storage types of an attention call's operands (host ones per the call's precision). */
  protected abstract elementsOf(
    q: Operand,
    k: Operand,
    v: Operand,
    options: GpuAttentionCallOptions,
  ): Elements;
  protected abstract runAttention(call: AttentionCall): Promise<Tensor | GpuTensor>;
  protected abstract timeAttention(
    call: AttentionCall,
    iterations: number,
    warmup: boolean,
    options: GpuProfileOptions,
  ): Promise<GpuTiming>;
  protected abstract runRope(request: RopeCallRequest): Promise<Tensor | GpuTensor>;
  /** A GpuTensor holding a checked host tensor in `element` storage. */
  protected abstract store(tensor: Tensor, element: "f32" | "f16"): GpuTensor;
  protected abstract read(t: Resident): Promise<Tensor>;
  protected abstract makeCache(dims: CacheDims, precision: "f32" | "f16"): Promise<KvCache>;
  /** The backend's part of a decode's checks, before the call waits for its cache. */
  protected abstract prepareDecode(call: DecodeCall<C>): D;
  protected abstract runDecode(call: D, options: GpuDecodeOptions): Promise<Tensor | GpuTensor>;
  protected abstract timeDecode(
    call: D,
    iterations: number,
    warmup: boolean,
    options: GpuDecodeProfileOptions,
  ): Promise<GpuDecodeTiming>;
  protected abstract idle(): Promise<void>;
  /** A new output of a recording, pending until the recording settles. */
  protected abstract recordedOutput(
    shape: readonly number[],
    element: "f32" | "f16",
    recording: object,
  ): Resident;
  /** Runs a recording's calls in order, all or nothing (see {@linkcode RecordingHost.run}). */
  protected abstract runRecording(
    calls: readonly RecordedCall<C, D>[],
    recording: object,
  ): Promise<void>;
  /** The storage type of a decode call's output. */
  protected abstract decodeElement(call: D): "f32" | "f16";
  abstract destroy(): void;

  /** Throws the reason this instance cannot run calls. */
  protected live(): void {
    const failure = this.failure();
    if (failure !== null) throw new Error(`This GpuAttention cannot be used: ${failure}`);
  }

  /** Whether the instance can still run calls (what its GpuTensors and caches ask). */
  protected readonly alive = (): boolean => this.failure() === null;

  /**
   * Checks q, k and v: host tensors or live GpuTensors of this instance
   * (outputs of `recording` too, when the call is part of it).
   */
  protected checkOperands(
    args: readonly [unknown, unknown, unknown],
    recording: object | null = null,
  ): [Operand, Operand, Operand] {
    return [
      checkOperand("q", args[0], this, recording),
      checkOperand("k", args[1], this, recording),
      checkOperand("v", args[2], this, recording),
    ];
  }

  #planAttention(
    args: readonly [unknown, unknown, unknown],
    options: GpuAttentionCallOptions,
    allowed: Readonly<Record<string, true>>,
    recording: object | null = null,
  ): { operands: [Operand, Operand, Operand]; plan: AttentionPlan } {
    this.live();
    const operands = this.checkOperands(args, recording);
    return { operands, plan: planAttention(...operands, options, allowed) };
  }

  #completeAttention(
    args: readonly [unknown, unknown, unknown],
    planned: { operands: [Operand, Operand, Operand]; plan: AttentionPlan },
    options: GpuAttentionCallOptions,
  ): AttentionCall {
    const [q, k, v] = planned.operands;
    const elements = this.elementsOf(q, k, v, options);
    const kernel = checkOneOf("kernel", options.kernel ?? "flash", { allowed: KERNELS });
    return { args, q, k, v, plan: planned.plan, elements, kernel };
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
    const args = [q, k, v] as const;
    const planned = this.#planAttention(args, options, CALL_OPTION_KEYS);
    return await this.runAttention(this.#completeAttention(args, planned, options));
  }

  async profileAttention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: GpuProfileOptions = {},
  ): Promise<GpuTiming> {
    const args = [q, k, v] as const;
    const planned = this.#planAttention(args, options, PROFILE_OPTION_KEYS);
    const iterations = checkIterations(options.iterations ?? 10);
    const warmup = checkBoolean("warmup", options.warmup ?? true);
    const call = this.#completeAttention(args, planned, options);
    return await this.timeAttention(call, iterations, warmup, options);
  }

  applyRope(
    x: GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
    options?: GpuRopeOptions,
  ): Promise<GpuTensor>;
  applyRope(
    x: Tensor,
    frequencies: RopeFrequencies | RopeCache,
    options?: GpuRopeOptions,
  ): Promise<Tensor>;
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
    options?: GpuRopeOptions,
  ): Promise<Tensor | GpuTensor>;
  async applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
    options: GpuRopeOptions = {},
  ): Promise<Tensor | GpuTensor> {
    this.live();
    const operand = checkOperand("x", x, this);
    const request = planRope(operand, frequencies, options);
    checkRopeStorage(operand);
    return await this.runRope({ ...request, arg: x, x: operand });
  }

  upload(t: Tensor, options: GpuUploadOptions = {}): GpuTensor {
    this.live();
    const tensor = checkTensor("t", t);
    checkObject("options", options);
    checkOptions("options", options, { allowed: UPLOAD_OPTION_KEYS });
    return this.store(tensor, resolvePrecision("precision", options.precision, this.info.f16));
  }

  async download(t: GpuTensor): Promise<Tensor> {
    this.live();
    const resident = checkOperand("t", t, this);
    if (!(resident instanceof Resident)) {
      throw new TypeError(`Invalid t: expected a GpuTensor, got a host tensor`);
    }
    return await this.read(resident);
  }

  async synchronize(): Promise<void> {
    this.live();
    await this.idle();
  }

  async createKvCache(options: KvCacheOptions): Promise<KvCache> {
    this.live();
    const dims = checkCacheOptions(options);
    const precision = resolvePrecision("precision", options.precision, this.info.f16);
    return await this.makeCache(dims, precision);
  }

  #checkDecode(
    q: unknown,
    cache: unknown,
    options: GpuDecodeOptions,
    allowed: Readonly<Record<string, true>>,
    recording: object | null = null,
  ): D {
    this.live();
    const operand = checkOperand("q", q, this, recording);
    const c = checkCache(cache, this, this.cacheClass);
    const plan = planDecode(c, operand, options, allowed);
    return this.prepareDecode({ arg: q, q: operand, cache: c, plan });
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
    return await this.runDecode(
      this.#checkDecode(q, cache, options, DECODE_OPTION_KEYS),
      options,
    );
  }

  async profileDecode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options: GpuDecodeProfileOptions = {},
  ): Promise<GpuDecodeTiming> {
    const call = this.#checkDecode(q, cache, options, DECODE_PROFILE_OPTION_KEYS);
    const iterations = checkIterations(options.iterations ?? 10);
    const warmup = checkBoolean("warmup", options.warmup ?? true);
    return await this.timeDecode(call, iterations, warmup, options);
  }

  record(): GpuRecording {
    this.live();
    return new Recording(this.#recordingHost());
  }

  /** The checks and hooks a recording of this instance calls. */
  #recordingHost(): RecordingHost<C, D> {
    return {
      live: () => this.live(),
      attention: (args, options, recording) => {
        const planned = this.#planAttention(args, options, CALL_OPTION_KEYS, recording);
        return this.#completeAttention(args, planned, options);
      },
      rope: (x, frequencies, options, recording) => {
        this.live();
        const operand = checkOperand("x", x, this, recording);
        const request = planRope(operand, frequencies, options);
        checkRopeStorage(operand);
        return { ...request, arg: x, x: operand };
      },
      append: (cache, args, options, recording): AppendCall<C> => {
        this.live();
        const c = checkCache(cache, this, this.cacheClass);
        const k = checkOperand("k", args[0], this, recording);
        const v = checkOperand("v", args[1], this, recording);
        return { cache: c, args, k, v, plan: planAppend(c, k, v, options as KvAppendOptions) };
      },
      decode: (q, cache, options, recording) =>
        this.#checkDecode(q, cache, options, DECODE_OPTION_KEYS, recording),
      output: (shape, element, recording) => this.recordedOutput(shape, element, recording),
      decodeOutput: (call, recording) =>
        this.recordedOutput(
          (call as DecodeCall<C>).plan.qShape,
          this.decodeElement(call),
          recording,
        ),
      run: (calls, recording) => this.runRecording(calls, recording),
    };
  }
}

/** The RoPE kernel rotates float32 storage only. */
function checkRopeStorage(x: Operand): void {
  if (x instanceof Resident && x.dtype === "float16") {
    throw new TypeError(
      "Invalid x: applyRope takes float32 GpuTensors, got a float16 one (RoPE fused into attention or a KV-cache append takes float16 storage)",
    );
  }
}

/** Elements in a shape. */
export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}
