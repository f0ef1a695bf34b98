/**
 * Element type of a {@linkcode GpuTensor}'s storage. Only `"float32"`
 * today; half-precision storage is planned behind the same field.
 */
export type GpuDtype = "float32";

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
   */
  readonly buffer: GPUBuffer | null;
  /** Whether {@linkcode GpuTensor.destroy} was called (or its GpuAttention destroyed). */
  readonly destroyed: boolean;
  /** Frees the storage now instead of at garbage collection; later use throws. */
  destroy(): void;
}
