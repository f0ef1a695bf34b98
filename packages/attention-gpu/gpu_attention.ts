import type { Layout, Tensor } from "@posenc/tensor";
import type { AnglePrecision, Pairing, RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOneOf, formatValue } from "@posenc/tensor/validate";
import type { AttentionOptions } from "./attention_options.ts";
import type { GpuTensor, StoragePrecision } from "./gpu_tensor.ts";
import type {
  GpuDecodeOptions,
  GpuDecodeProfileOptions,
  KvCache,
  KvCacheOptions,
} from "./kv_cache.ts";
import { GpuContext } from "./_context.ts";
import { CpuAttention, WebGpuAttention } from "./_backends.ts";
import { f16SelfTest, type F16Status } from "./_f16.ts";

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
   * returns an instance that runs {@linkcode attentionCpu}'s kernel (and the
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
  /**
   * Workgroups a decode call aims to keep in flight, which sets its number
   * of KV splits (see the README's split rule).
   *
   * @default {256 on a hardware adapter; 2 x navigator.hardwareConcurrency on a software one}
   */
  readonly decodeWorkgroups?: number;
  /**
   * Threads of the CPU backend's {@linkcode GpuAttention.attention} (ignored
   * on WebGPU): a positive integer, or `"auto"` for
   * `navigator.hardwareConcurrency` capped at 8 (1 where unknown). With more
   * than 1, the backend starts `threads - 1` module Workers on its first big
   * enough call and splits each call over (batch, k/v head) slices, the
   * calling thread computing one slice; each worker gets copies of only its
   * heads (transferred, no SharedArrayBuffer needed). Results are
   * bit-identical to 1 thread. Small calls (under about 8M multiply-adds),
   * calls with a single (batch, k/v head) slice, `decode` and `applyRope`
   * stay on the calling thread. Call {@linkcode GpuAttention.destroy} when
   * done: it terminates the workers, and until then they keep a Deno process
   * alive. Runtimes without module Workers need the default.
   *
   * @example Usage
   * ```ts
   * import { attentionCpu, createGpuAttention } from "@posenc/attention-gpu";
   * import { maxAbsDiff, randomNormal } from "@posenc/tensor";
   * import assert from "node:assert/strict";
   *
   * // On the CPU fallback: 1 worker + this thread. Ignored on WebGPU.
   * const gpu = await createGpuAttention({ fallback: "cpu", threads: 2 });
   * try {
   *   const q = randomNormal([1, 8, 256, 64], { seed: 1 });
   *   const k = randomNormal([1, 8, 256, 64], { seed: 2 });
   *   const v = randomNormal([1, 8, 256, 64], { seed: 3 });
   *   const out = await gpu.attention(q, k, v);
   *   const oneThread = attentionCpu(q, k, v);
   *   if (gpu.info.backend === "cpu") {
   *     assert.equal(gpu.info.threads, 2);
   *     assert.deepEqual(out.data, oneThread.data); // bit for bit
   *   } else {
   *     assert.equal(gpu.info.threads, null);
   *     assert.ok(maxAbsDiff(out, oneThread) < 1e-4);
   *   }
   * } finally {
   *   gpu.destroy(); // terminates the worker; until then it keeps Deno running
   * }
   * ```
   *
   * @default {1}
   */
  readonly threads?: number | "auto";
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
  /**
   * Optional WebGPU features in use: `"timestamp-query"` for profiling,
   * `"shader-f16"` when float16 storage passed its self-test.
   */
  readonly features: readonly string[];
  /** Whether float16 storage is available, and why (the self-test's verdict). */
  readonly f16: GpuF16Support;
  /** Workgroups a decode call aims for (null on the CPU fallback). */
  readonly decodeWorkgroups: number | null;
  /** The workgroup-storage tier that picked the tiles, or null on the CPU fallback. */
  readonly tier: "T48" | "T32" | "T16" | null;
  /** The limits the kernels plan with (after caps), or null on the CPU fallback. */
  readonly limits: GpuLimits | null;
  /** Why this is the CPU fallback (null on WebGPU). */
  readonly fallbackReason: string | null;
  /** Threads the CPU fallback splits attention calls over (null on WebGPU). */
  readonly threads: number | null;
}

/**
 * Float16 support of a {@linkcode GpuAttention}, decided once at creation.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const { available, detail } = gpu.info.f16;
 *   assert.equal(gpu.info.features.includes("shader-f16"), available);
 *   assert.ok(detail.length > 0); // the self-test's verdict, or why f16 is missing
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuF16Support {
  /**
   * True when the device has `shader-f16` and a tiny f16 kernel returned
   * exactly the expected numbers (Deno once returned zeros: deno#23125).
   */
  readonly available: boolean;
  /** What was found: the self-test result, or why f16 is unavailable. */
  readonly detail: string;
}

/**
 * Options for {@linkcode GpuAttention.upload}.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const x = { shape: [3], data: Float32Array.of(1, 1 / 3, 70000) };
 *   const t = gpu.upload(x, { precision: "auto" }); // float16 where available
 *   const back = (await gpu.download(t)).data;
 *   if (t.dtype === "float16") {
 *     assert.deepEqual(Array.from(back), [1, 0.333251953125, Infinity]); // binary16 rounding
 *   } else {
 *     assert.deepEqual(back, x.data);
 *   }
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuUploadOptions {
  /**
   * Storage precision: `"f32"`, `"f16"` (values rounded to nearest even; throws
   * where float16 storage is unavailable) or `"auto"`.
   *
   * @default {"f32"}
   */
  readonly precision?: StoragePrecision;
}

/** Options for {@linkcode GpuAttention.attention}. */
export interface GpuAttentionCallOptions extends AttentionOptions {
  /**
   * Storage precision of the host tensors this call uploads and of the
   * output when q is a host tensor (a GpuTensor q gives an output of its own
   * dtype). Resident operands keep their dtype; math is float32 throughout.
   *
   * @default {"f32"}
   */
  readonly precision?: StoragePrecision;
  /**
   * `"flash"`: the fused one-pass kernel. `"naive"`: three passes through a
   * materialised score matrix, kept as a baseline and second opinion. On
   * the CPU fallback both run attentionCpu's kernel.
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

/**
 * The time of one decode call, from {@linkcode GpuAttention.profileDecode}.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const kv = randomNormal([1, 1, 64, 32], { seed: 1 });
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 32, maxLength: 64 });
 *   await cache.append(kv, kv);
 *   const t = await gpu.profileDecode(randomNormal([1, 4, 1, 32], { seed: 2 }), cache);
 *   const gbPerSecond = (2 * 64 * 32 * 4) / t.seconds / 1e9; // K and V bytes read per call
 *   assert.ok(gbPerSecond > 0 && t.splits >= 1);
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuDecodeTiming extends GpuTiming {
  /** KV splits the call used (1: no merge kernel). */
  readonly splits: number;
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
   * @param options Storage precision.
   * @returns A GpuTensor of the same shape owned by this instance.
   * @throws {Error} If `precision: "f16"` is asked where float16 storage is unavailable.
   */
  upload(t: Tensor, options?: GpuUploadOptions): GpuTensor;
  /**
   * Allocates a KV cache for decoding.
   *
   * @param options Batch, KV heads, head dim, capacity, precision.
   * @returns An empty cache owned by this instance.
   * @throws {RangeError} If a size is invalid or the storage exceeds the device's limits.
   * @throws {Error} If `precision: "f16"` is asked where float16 storage is unavailable.
   */
  createKvCache(options: KvCacheOptions): Promise<KvCache>;
  /**
   * Decoding attention: 1 to 4 new query tokens per sequence against the
   * cache (whose last tokens they are), with split-K over the cache and a
   * log-sum-exp merge, all in one submission. Equals
   * {@linkcode attentionReference} on the full keys and values with
   * `causal: true` (within 2e-5 in float32).
   *
   * @param q Queries [batch, heads, n, headDim] (or bshd), n from 1 to 4.
   * @param cache A cache of this instance holding at least n tokens.
   * @param options Layout, scale, RoPE and query positions, ALiBi slopes, splits.
   * @returns The output, the shape and kind (and dtype) of q.
   */
  decode(q: GpuTensor, cache: KvCache, options?: GpuDecodeOptions): Promise<GpuTensor>;
  /**
   * Decoding attention, read back into a host tensor.
   *
   * @param q Queries.
   * @param cache The cache.
   * @param options Layout, scale, RoPE and query positions, ALiBi slopes, splits.
   * @returns The output, the shape of q.
   */
  decode(q: Tensor, cache: KvCache, options?: GpuDecodeOptions): Promise<Tensor>;
  /**
   * Decoding attention; the result has the kind of q.
   *
   * @param q Queries.
   * @param cache The cache.
   * @param options Layout, scale, RoPE and query positions, ALiBi slopes, splits.
   * @returns The output, the shape of q.
   */
  decode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options?: GpuDecodeOptions,
  ): Promise<Tensor | GpuTensor>;
  /**
   * Times a decode call: `iterations` calls (split and merge kernels) encoded
   * into one compute pass, q uploaded once outside the timing.
   *
   * @param q Queries.
   * @param cache The cache.
   * @param options Decode options plus `iterations` and `warmup`.
   * @returns Seconds per call, how they were measured, and the split count.
   */
  profileDecode(
    q: Tensor | GpuTensor,
    cache: KvCache,
    options?: GpuDecodeProfileOptions,
  ): Promise<GpuDecodeTiming>;
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
   * if this instance requested it (and with it every GpuTensor it made);
   * on the CPU fallback, its worker threads (calls in flight reject).
   * Later calls throw.
   */
  destroy(): void;
}

const NO_WEBGPU =
  "This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)";
const NO_ADAPTER = "No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)";
const INSTALL =
  "Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa's software adapter (lavapipe). " +
  'Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)';

const REQUESTED_LIMITS = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxStorageBuffersPerShaderStage",
] as const;

const F16_MISSING =
  'the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';

/**
 * Workgroups decode aims for: two per SM of a 132-SM H100 on hardware
 * (smaller GPUs just run more waves; each split still streams >= 256 keys),
 * two per thread on a software rasteriser that runs workgroups on CPU threads.
 */
function defaultDecodeWorkgroups(software: boolean): number {
  if (!software) return 256;
  const threads = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return 2 * Math.max(1, Math.floor(threads ?? 1));
}

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

/** Most threads `"auto"` picks: past this, copies and messages outweigh the split. */
const AUTO_THREADS_CAP = 8;

function resolveThreads(value: unknown): number {
  if (value === "auto") {
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
      ?.hardwareConcurrency;
    return Number.isInteger(cores) && cores! > 0 ? Math.min(cores!, AUTO_THREADS_CAP) : 1;
  }
  if (typeof value !== "number") {
    throw new TypeError(
      `Invalid threads: expected a positive integer or "auto", got ${formatValue(value)}`,
    );
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Invalid threads: expected a positive integer or "auto", got ${formatValue(value)}`,
    );
  }
  return value;
}

/**
 * Opens WebGPU attention: requests a device from the adapter (with the
 * adapter's full workgroup-storage, invocation and buffer limits and, when
 * present, timestamp queries) or wraps the given device, and picks the
 * kernels' tier from its workgroup storage.
 *
 * Without an adapter it throws an Error that says what to install, unless
 * `fallback: "cpu"` asks for the CPU backend instead (attentionCpu's
 * float32 WebAssembly SIMD kernel; attentionReference stays the float64
 * reference).
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
 * // Runs on WebGPU where an adapter exists, else on the CPU (attentionCpu).
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
  const decodeOverride = options.decodeWorkgroups === undefined
    ? undefined
    : checkInteger("decodeWorkgroups", options.decodeWorkgroups, { min: 1 });
  const threads = options.threads === undefined ? 1 : resolveThreads(options.threads);
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
      if (fallback === "cpu") return new CpuAttention(reason, threads);
      throw new Error(`${reason}. ${INSTALL}.`);
    }
    const requiredLimits: Record<string, number> = {};
    for (const name of REQUESTED_LIMITS) requiredLimits[name] = adapter.limits[name];
    const requiredFeatures: GPUFeatureName[] = [];
    if (adapter.features.has("timestamp-query")) requiredFeatures.push("timestamp-query");
    if (adapter.features.has("shader-f16")) requiredFeatures.push("shader-f16");
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
  const software = adapterInfo.isFallbackAdapter ?? false;
  const decodeWorkgroups = decodeOverride ?? defaultDecodeWorkgroups(software);
  let limits: GpuLimits;
  try {
    limits = effectiveLimits(device, caps);
  } catch (error) {
    if (owns) device.destroy();
    throw error;
  }
  // Never throws: a failed or rejected self-test is a verdict, not an error.
  const f16: F16Status = device.features.has("shader-f16")
    ? await f16SelfTest(device)
    : { available: false, detail: F16_MISSING };
  const ctx = new GpuContext(device, owns, limits, f16.available);
  const features = [];
  if (ctx.timestamps) features.push("timestamp-query");
  if (f16.available) features.push("shader-f16");
  return new WebGpuAttention(ctx, {
    backend: "webgpu",
    adapter: {
      vendor: adapterInfo.vendor,
      architecture: adapterInfo.architecture,
      device: adapterInfo.device,
      description: adapterInfo.description,
      isFallbackAdapter: software,
    },
    features,
    f16: Object.freeze({ ...f16 }),
    decodeWorkgroups,
    tier: ctx.tier,
    limits: ctx.limits,
    fallbackReason: null,
    threads: null,
  });
}
