/**
 * Element type of a {@linkcode GpuTensor}'s storage: `"float32"`, or
 * `"float16"` (IEEE binary16, from `precision: "f16"` where the adapter's
 * `shader-f16` passed the start-up self-test). Kernels always compute in
 * float32; float16 halves the bytes they read and write.
 */
export type GpuDtype = "float32" | "float16";

/**
 * Storage precision asked of an upload, an attention call or a KV cache:
 * `"f32"`; `"f16"`, which throws where float16 storage is not available
 * (no `shader-f16`, a failed self-test, or the CPU fallback); or `"auto"`,
 * float16 where available and float32 elsewhere (the documented fallback:
 * check the result's `dtype` or the cache's `precision`).
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention, type StoragePrecision } from "@posenc/attention-gpu";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const precision: StoragePrecision = gpu.info.f16.available ? "f16" : "f32";
 *   const q = gpu.upload(randomNormal([1, 2, 4, 16], { seed: 1 }), { precision });
 *   const out = await gpu.attention(q, q, q, { causal: true });
 *   assert.equal(out.dtype, precision === "f16" ? "float16" : "float32"); // the output follows q
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export type StoragePrecision = "f32" | "f16" | "auto";

/**
 * A tensor that lives on the device of one `GpuAttention`: the input and
 * output of chained GPU work with no readback in between. Create one with
 * `gpu.upload(tensor)`; read it with `gpu.download(gpuTensor)`. Calls whose
 * query is a GpuTensor return a GpuTensor.
 *
 * Row-major and contiguous like `Tensor` of @posenc/tensor. On the CPU fallback it
 * holds a private copy of the data instead of a buffer.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const resident = gpu.upload(tensor([1, 2, 3, 4], [1, 1, 1, 4]));
 *   assert.equal(resident.dtype, "float32");
 *   assert.deepEqual([...(await gpu.download(resident)).data], [1, 2, 3, 4]);
 *   resident.destroy();
 *   assert.equal(resident.destroyed, true);
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuTensor {
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
  /** Element type of the storage. */
  readonly dtype: GpuDtype;
  /**
   * The storage buffer (usage STORAGE | COPY_SRC | COPY_DST), for use in
   * your own pipelines on the same device; `null` on the CPU fallback.
   * After {@linkcode GpuTensor.destroy} the GpuAttention may reuse it for a
   * later output: stop using it then. An output of a recording holds its
   * values once the recording's `submit()` has resolved.
   */
  readonly buffer: GPUBuffer | null;
  /** Whether {@linkcode GpuTensor.destroy} was called (or its GpuAttention destroyed). */
  readonly destroyed: boolean;
  /**
   * Frees the storage now instead of at garbage collection (its buffer goes
   * back to the GpuAttention for reuse); later use throws. On an output of
   * a recording not yet submitted, the recording still computes it (later
   * calls of the recording may read it) and frees it afterwards.
   */
  destroy(): void;
}
