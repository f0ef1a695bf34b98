// The types of setting up a GpuAttention: createGpuAttention's options and
// what GpuAttention.info reports. Type-only.

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
