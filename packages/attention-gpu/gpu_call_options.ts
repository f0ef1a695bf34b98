// The types of GpuAttention's calls: their options and timings. Type-only.

import type { Layout } from "@posenc/tensor";
import type { AnglePrecision, Pairing } from "@posenc/rope";
import type { AttentionOptions } from "./attention_options.ts";
import type { StoragePrecision } from "./gpu_tensor.ts";
import type { DecodeKernel } from "./kv_cache.ts";

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
  /**
   * The decode kernel that ran on WebGPU (`"split"` also where `"keys"` was
   * asked for but cannot take the call); absent on the CPU fallback.
   */
  readonly kernel?: DecodeKernel;
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
