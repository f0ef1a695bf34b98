import type { Layout, Tensor } from "@posenc/tensor";
import type { AnglePrecision, Pairing, RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOneOf, formatValue } from "@posenc/tensor/validate";
import type { AttentionOptions } from "./attention_options.ts";
import type { GpuTensor } from "./gpu_tensor.ts";
import { GpuContext } from "./_context.ts";
import { CpuAttention, WebGpuAttention } from "./_backends.ts";

/**
 * Caps that lower the device's limits for this instance only (never raise
 * them): to leave headroom for other work, or to run the kernels a smaller
 * device would get (e.g. the 16 KiB tier, or splitting at a small binding
 * size) on a bigger one.
 */
export interface GpuLimitCaps {
  /**
   * Largest storage binding, in bytes (a multiple of 4, >= 256); bigger
   * tensors are split across dispatches.
   *
   * @default {the device's limit}
   */
  readonly maxStorageBufferBindingSize?: number;
  /**
   * Workgroup storage the kernels may use, in bytes (>= 16384); picks the
   * tier (T48 from 49152, T32 from 32768, else T16) and so the tiles.
   *
   * @default {the device's limit}
   */
  readonly maxComputeWorkgroupStorageSize?: number;
  /**
   * Workgroups per grid dimension (>= 1); larger grids are split or folded.
   *
   * @default {the device's limit}
   */
  readonly maxComputeWorkgroupsPerDimension?: number;
}

/** Options for {@linkcode createGpuAttention}. */
export interface GpuAttentionOptions {
  /**
   * A device to run on (its limits and features are used as they are); it
   * stays yours: {@linkcode GpuAttention.destroy} does not destroy it.
   *
   * @default {undefined}
   */
  readonly device?: GPUDevice;
  /**
   * The adapter to request a device from.
   *
   * @default {await navigator.gpu.requestAdapter()}
   */
  readonly adapter?: GPUAdapter;
  /**
   * What to do when no WebGPU adapter exists: `"none"` throws, `"cpu"`
   * returns an instance that runs {@linkcode attentionReference} (and the
   * same RoPE rotation) on the CPU, with `info.backend === "cpu"`.
   *
   * @default {"none"}
   */
  readonly fallback?: "none" | "cpu";
  /**
   * Lower limits for this instance; see {@linkcode GpuLimitCaps}.
   *
   * @default {undefined}
   */
  readonly limits?: GpuLimitCaps;
}

/** The device limits the kernels plan with (the device's, lowered by caps). */
export interface GpuLimits {
  /** Largest storage binding in bytes: bigger tensors are split across dispatches. */
  readonly maxStorageBufferBindingSize: number;
  /** Largest buffer in bytes. */
  readonly maxBufferSize: number;
  /** Workgroup storage in bytes: picks the tier. */
  readonly maxComputeWorkgroupStorageSize: number;
  /** Largest workgroup. */
  readonly maxComputeInvocationsPerWorkgroup: number;
  /** Workgroups per grid dimension. */
  readonly maxComputeWorkgroupsPerDimension: number;
  /** Alignment of binding offsets in bytes. */
  readonly minStorageBufferOffsetAlignment: number;
}

/** What a {@linkcode GpuAttention} runs on. */
export interface GpuInfo {
  /** `"webgpu"`, or `"cpu"` for the fallback. */
  readonly backend: "webgpu" | "cpu";
  /** The adapter's description, or null on the CPU fallback. */
  readonly adapter: {
    readonly vendor: string;
    readonly architecture: string;
    readonly device: string;
    readonly description: string;
    readonly isFallbackAdapter: boolean;
  } | null;
  /** Optional WebGPU features in use (e.g. `"timestamp-query"` for profiling). */
  readonly features: readonly string[];
  /** The workgroup-storage tier that picked the tiles, or null on the CPU fallback. */
  readonly tier: "T48" | "T32" | "T16" | null;
  /** The limits the kernels plan with (after caps), or null on the CPU fallback. */
  readonly limits: GpuLimits | null;
  /** Why this is the CPU fallback (null on WebGPU). */
  readonly fallbackReason: string | null;
}

/** Options for {@linkcode GpuAttention.attention}. */
export interface GpuAttentionCallOptions extends AttentionOptions {
  /**
   * `"flash"`: the fused one-pass kernel. `"naive"`: three passes through a
   * materialised score matrix, kept as a baseline and second opinion. On
   * the CPU fallback both run the reference.
   *
   * @default {"flash"}
   */
  readonly kernel?: "flash" | "naive";
}

/** Options for {@linkcode GpuAttention.profileAttention}. */
export interface GpuProfileOptions extends GpuAttentionCallOptions {
  /**
   * Calls encoded into one submission and timed together.
   *
   * @default {10}
   */
  readonly iterations?: number;
  /**
   * Runs one untimed call first (pipelines compiled, caches warm).
   *
   * @default {true}
   */
  readonly warmup?: boolean;
}

/** The time of one call, from {@linkcode GpuAttention.profileAttention}. */
export interface GpuTiming {
  /** Seconds per call. */
  readonly seconds: number;
  /** Calls timed. */
  readonly iterations: number;
  /**
   * `"timestamp-query"`: GPU timestamps around the compute pass (no
   * readback or submission cost); `"wall-clock"`: submission to completion,
   * when the adapter has no timestamps, or on the CPU fallback.
   */
  readonly source: "timestamp-query" | "wall-clock";
}

/** Options for {@linkcode GpuAttention.applyRope}: those of `@posenc/rope`'s applyRope. */
export interface GpuRopeOptions {
  /**
   * Axis order of `x`.
   *
   * @default {"bhsd"}
   */
  readonly layout?: Layout;
  /**
   * `"half"` pairs `i` with `i + rotaryDim / 2`; `"interleaved"` pairs `2i`
   * with `2i + 1`.
   *
   * @default {"half"}
   */
  readonly pairing?: Pairing;
  /**
   * Rotated dims (fixed by the frequencies; passing it only checks it).
   *
   * @default {2 * frequencies.invFreq.length}
   */
  readonly rotaryDim?: number;
  /**
   * Per-token positions: `seq` or `batch * seq` non-negative integers.
   *
   * @default {undefined}
   */
  readonly positions?: ArrayLike<number>;
  /**
   * Position of the first token when `positions` is not given.
   *
   * @default {0}
   */
  readonly offset?: number;
  /**
   * Rotates `x` itself (its buffer, or its data for a host tensor) and returns it.
   *
   * @default {false}
   */
  readonly inPlace?: boolean;
  /**
   * Angle precision: `"float32"` as Hugging Face, or `"float64"`.
   *
   * @default {"float32"}
   */
  readonly angles?: AnglePrecision;
}

/**
 * Attention and RoPE on a WebGPU device (or on the CPU fallback), from
 * {@linkcode createGpuAttention}. Every method throws a clear Error after
 * {@linkcode GpuAttention.destroy} or when the device is lost.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { ropeFrequencies } from "@posenc/rope";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * const q = gpu.upload(randomNormal([1, 2, 8, 32], { seed: 1 }));
 * const k = randomNormal([1, 2, 8, 32], { seed: 2 });
 * const out = await gpu.attention(q, k, k, { causal: true, rope: { frequencies: ropeFrequencies(32) } });
 * assert.deepEqual((await gpu.download(out)).shape, [1, 2, 8, 32]);
 * gpu.destroy();
 * await assert.rejects(() => gpu.attention(q, k, k), /it was destroyed/);
 * ```
 */
export interface GpuAttention {
  /** Adapter, features in use, tier and limits. */
  readonly info: GpuInfo;
  /**
   * Scaled dot-product attention with the flash kernel: the semantics of
   * {@linkcode attentionReference} (same options, within 2e-5 in float32).
   * The output lives where q lives: a GpuTensor q gives a GpuTensor (no
   * readback), a Tensor q gives a Tensor.
   *
   * @param q Queries (Tensor or GpuTensor).
   * @param k Keys.
   * @param v Values.
   * @param options Layout, causal, scale, RoPE, ALiBi slopes, kernel.
   * @returns The output, the shape of q.
   */
  attention(
    q: GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<GpuTensor>;
  /**
   * Scaled dot-product attention, read back into a host tensor.
   *
   * @param q Queries.
   * @param k Keys.
   * @param v Values.
   * @param options Layout, causal, scale, RoPE, ALiBi slopes, kernel.
   * @returns The output, the shape of q.
   */
  attention(
    q: Tensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<Tensor>;
  /**
   * Scaled dot-product attention; the result has the kind of q.
   *
   * @param q Queries.
   * @param k Keys.
   * @param v Values.
   * @param options Layout, causal, scale, RoPE, ALiBi slopes, kernel.
   * @returns The output, the shape of q.
   */
  attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): Promise<Tensor | GpuTensor>;
  /**
   * Rotates queries or keys on the device, equal to `@posenc/rope`'s
   * applyRope within 1e-6 (the same float32 cos/sin table).
   *
   * @param x A resident rank-4 tensor.
   * @param frequencies The RoPE frequencies.
   * @param options Layout, pairing, positions or offset, in place, angles.
   * @returns The rotated tensor (x itself with `inPlace`).
   */
  applyRope(
    x: GpuTensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<GpuTensor>;
  /**
   * Rotates a host tensor on the device and reads it back.
   *
   * @param x A rank-4 tensor.
   * @param frequencies The RoPE frequencies.
   * @param options Layout, pairing, positions or offset, in place, angles.
   * @returns The rotated tensor (x itself with `inPlace`).
   */
  applyRope(
    x: Tensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<Tensor>;
  /**
   * Rotates queries or keys; the result has the kind of x.
   *
   * @param x A rank-4 tensor, host or resident.
   * @param frequencies The RoPE frequencies.
   * @param options Layout, pairing, positions or offset, in place, angles.
   * @returns The rotated tensor.
   */
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies,
    options?: GpuRopeOptions,
  ): Promise<Tensor | GpuTensor>;
  /**
   * Copies a host tensor to the device.
   *
   * @param t The tensor.
   * @returns A GpuTensor of the same shape owned by this instance.
   */
  upload(t: Tensor): GpuTensor;
  /**
   * Reads a resident tensor back (waits for the work that produces it).
   *
   * @param t A GpuTensor of this instance.
   * @returns A new host tensor.
   */
  download(t: GpuTensor): Promise<Tensor>;
  /**
   * Resolves when all work submitted so far has finished.
   *
   * @returns A promise that resolves when the queue is idle.
   */
  synchronize(): Promise<void>;
  /**
   * Times an attention call: `iterations` calls encoded into one compute
   * pass (inputs uploaded once, outside the timing), after one untimed call unless `warmup: false`.
   *
   * @param q Queries.
   * @param k Keys.
   * @param v Values.
   * @param options Attention options plus `iterations`.
   * @returns Seconds per call and how they were measured.
   */
  profileAttention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuProfileOptions,
  ): Promise<GpuTiming>;
  /**
   * Frees the device state: cached pipelines and tables, the device itself
   * if this instance requested it (and with it every GpuTensor it made).
   * Later calls throw.
   */
  destroy(): void;
}

const NO_WEBGPU =
  "This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)";
const NO_ADAPTER = "No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)";
const INSTALL =
  "Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa's software adapter (lavapipe). " +
  'Or pass { fallback: "cpu" } to run attentionReference on the CPU';

const REQUESTED_LIMITS = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxStorageBuffersPerShaderStage",
] as const;

function effectiveLimits(device: GPUDevice, caps: GpuLimitCaps): GpuLimits {
  const l = device.limits;
  const cap = (name: keyof GpuLimitCaps, value: number, min: number, multiple = 1) => {
    const c = caps[name];
    if (c === undefined) return value;
    checkInteger(`limits.${name}`, c, { min });
    if (c % multiple !== 0) {
      throw new RangeError(
        `Invalid limits.${name}: expected a multiple of ${multiple}, got ${formatValue(c)}`,
      );
    }
    return Math.min(value, c);
  };
  return {
    maxStorageBufferBindingSize: cap(
      "maxStorageBufferBindingSize",
      l.maxStorageBufferBindingSize,
      256,
      4,
    ),
    maxBufferSize: l.maxBufferSize,
    maxComputeWorkgroupStorageSize: cap(
      "maxComputeWorkgroupStorageSize",
      l.maxComputeWorkgroupStorageSize,
      16384,
    ),
    maxComputeInvocationsPerWorkgroup: Math.min(
      l.maxComputeInvocationsPerWorkgroup,
      l.maxComputeWorkgroupSizeX,
    ),
    maxComputeWorkgroupsPerDimension: cap(
      "maxComputeWorkgroupsPerDimension",
      l.maxComputeWorkgroupsPerDimension,
      1,
    ),
    minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
  };
}

/**
 * Opens WebGPU attention: requests a device from the adapter (with the
 * adapter's full workgroup-storage, invocation and buffer limits and, when
 * present, timestamp queries) or wraps the given device, and picks the
 * kernels' tier from its workgroup storage.
 *
 * Without an adapter it throws an Error that says what to install, unless
 * `fallback: "cpu"` asks for the CPU reference instead.
 *
 * @param options Device or adapter, CPU fallback, limit caps.
 * @returns A ready {@linkcode GpuAttention}.
 * @throws {Error} If no adapter exists (and no fallback was asked for) or the device request fails.
 * @throws {RangeError} If a limit cap is out of range.
 *
 * @example Usage
 * ```ts
 * import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // Runs on WebGPU where an adapter exists, else on the CPU reference.
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const q = randomNormal([1, 4, 16, 64], { seed: 1 });
 *   const k = randomNormal([1, 2, 16, 64], { seed: 2 }); // GQA: 2 KV heads for 4 query heads
 *   const v = randomNormal([1, 2, 16, 64], { seed: 3 });
 *   const out = await gpu.attention(q, k, v, { causal: true });
 *   assertAllClose(out, attentionReference(q, k, v, { causal: true }), { atol: 2e-5 });
 *   assert.ok(["webgpu", "cpu"].includes(gpu.info.backend));
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export async function createGpuAttention(
  options: GpuAttentionOptions = {},
): Promise<GpuAttention> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  const fallback = checkOneOf("fallback", options.fallback ?? "none", {
    allowed: ["none", "cpu"] as const,
  });
  const caps = options.limits ?? {};
  if (caps === null || typeof caps !== "object") {
    throw new TypeError(`Invalid limits: expected an object, got ${formatValue(caps)}`);
  }
  let device = options.device;
  let owns = false;
  let adapterInfo: GPUAdapterInfo | undefined;
  if (!device) {
    let adapter: GPUAdapter | null | undefined = options.adapter;
    let reason = NO_ADAPTER;
    if (!adapter) {
      const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
      if (!gpu) reason = NO_WEBGPU;
      else adapter = await gpu.requestAdapter();
    }
    if (!adapter) {
      if (fallback === "cpu") return new CpuAttention(reason);
      throw new Error(`${reason}. ${INSTALL}.`);
    }
    const requiredLimits: Record<string, number> = {};
    for (const name of REQUESTED_LIMITS) requiredLimits[name] = adapter.limits[name];
    const requiredFeatures: GPUFeatureName[] = [];
    if (adapter.features.has("timestamp-query")) requiredFeatures.push("timestamp-query");
    try {
      device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
    } catch (error) {
      throw new Error(
        `Requesting a WebGPU device failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
    owns = true;
    adapterInfo = adapter.info;
  }
  adapterInfo ??= device.adapterInfo;
  const ctx = new GpuContext(device, owns, effectiveLimits(device, caps));
  return new WebGpuAttention(ctx, {
    backend: "webgpu",
    adapter: {
      vendor: adapterInfo.vendor,
      architecture: adapterInfo.architecture,
      device: adapterInfo.device,
      description: adapterInfo.description,
      isFallbackAdapter: adapterInfo.isFallbackAdapter ?? false,
    },
    features: ctx.timestamps ? ["timestamp-query"] : [],
    tier: ctx.tier,
    limits: ctx.limits,
    fallbackReason: null,
  });
}
