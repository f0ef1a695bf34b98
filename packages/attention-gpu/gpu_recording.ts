// The GpuRecording interface: many calls in one submission. Type-only.

import type { Tensor } from "@posenc/tensor";
import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { GpuDecodeOptions, KvAppendOptions, KvCache } from "./kv_cache.ts";
import type { GpuAttentionCallOptions, GpuRopeOptions } from "./gpu_call_options.ts";

/**
 * Where a {@linkcode GpuRecording} stands: `"recording"` (calls can be
 * added), `"submitting"` (submit() was called and has not settled),
 * `"submitted"` (its outputs are valid), `"failed"` (submit() rejected and
 * ran nothing) or `"discarded"`.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention, type GpuRecordingState } from "@posenc/attention-gpu";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const x = randomNormal([1, 2, 4, 16], { seed: 1 });
 *   const step = gpu.record();
 *   step.attention(x, x, x);
 *   const before: GpuRecordingState = step.state;
 *   await step.submit();
 *   assert.deepEqual([before, step.state], ["recording", "submitted"]);
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export type GpuRecordingState = "recording" | "submitting" | "submitted" | "failed" | "discarded";

/**
 * Calls recorded now and run later in one submission, from
 * `gpu.record()`: a whole decode step (per layer, append the new token's
 * keys and values, then decode) costs one submission instead of one per
 * call, and its outputs stay on the device until one `download` at the end.
 *
 * Each method checks its arguments at once (the same checks and messages as
 * the eager call) and returns at once; an output is a GpuTensor that later
 * calls of the same recording may take as input, but that nothing else may
 * use until `submit()` resolves. `submit()` runs the calls in the order they
 * were recorded, after every operation called earlier on the caches they
 * use; a cache's `length` advances when it runs. Checks that depend on a
 * cache's length (room for an append, RoPE positions) happen then, and if
 * any fails, submit() rejects and nothing runs: no cache changes, and every
 * output is unusable. Host tensors passed in are read during submit(): leave
 * them unchanged until it settles. On the CPU fallback submit() runs the
 * calls in order on the calling thread, with the same semantics.
 *
 * @example A decode step over several layers
 * ```ts
 * import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
 * import { ropeFrequencies } from "@posenc/rope";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const rope = { frequencies: ropeFrequencies(32) };
 *   const dims = { batch: 1, kvHeads: 2, headDim: 32, maxLength: 16 };
 *   const layers = [await gpu.createKvCache(dims), await gpu.createKvCache(dims)];
 *   const k = randomNormal([1, 2, 1, 32], { seed: 1 });
 *   const v = randomNormal([1, 2, 1, 32], { seed: 2 });
 *   const q = gpu.upload(randomNormal([1, 4, 1, 32], { seed: 3 }));
 *
 *   const step = gpu.record();
 *   const outputs = layers.map((cache) => {
 *     step.append(cache, k, v, { rope });
 *     return step.decode(q, cache, { rope });
 *   });
 *   assert.equal(layers[0]!.length, 0); // nothing ran yet
 *   await step.submit(); // one submission for the four calls
 *   assert.equal(layers[0]!.length, 1);
 *
 *   const want = attentionReference(await gpu.download(q), k, v, { rope, causal: true });
 *   assertAllClose(await gpu.download(outputs[1]!), want, { atol: 2e-5 });
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuRecording {
  /** Where the recording stands. */
  readonly state: GpuRecordingState;
  /** Calls recorded so far. */
  readonly calls: number;
  /**
   * Records `gpu.attention(q, k, v, options)`.
   *
   * @param q Queries (Tensor or GpuTensor, an output of this recording included).
   * @param k Keys.
   * @param v Values.
   * @param options As for `gpu.attention`.
   * @returns The output, a GpuTensor even for a host q, valid once submit() resolves.
   */
  attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: GpuAttentionCallOptions,
  ): GpuTensor;
  /**
   * Records `gpu.applyRope(x, frequencies, options)`. `inPlace` needs a
   * GpuTensor `x` (a host tensor cannot be written in place by the device).
   *
   * @param x The tensor to rotate.
   * @param frequencies From `@posenc/rope` (ropeFrequencies, a scaling method), or a `RopeCache`.
   * @param options As for `gpu.applyRope`.
   * @returns The rotated tensor (`x` itself with `inPlace`).
   */
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
    options?: GpuRopeOptions,
  ): GpuTensor;
  /**
   * Records `cache.append(k, v, options)`: later decodes of this recording
   * see the appended tokens.
   *
   * @param cache A KvCache of the same GpuAttention.
   * @param k Keys of the new tokens.
   * @param v Values of the new tokens.
   * @param options As for `cache.append`.
   */
  append(
    cache: KvCache,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: KvAppendOptions,
  ): void;
  /**
   * Records `gpu.decode(q, cache, options)`, against the cache as it will be
   * at this point of the recording (earlier appends included).
   *
   * @param q The new query tokens.
   * @param cache A KvCache of the same GpuAttention.
   * @param options As for `gpu.decode`.
   * @returns The output, a GpuTensor, valid once submit() resolves.
   */
  decode(q: Tensor | GpuTensor, cache: KvCache, options?: GpuDecodeOptions): GpuTensor;
  /**
   * Runs the recorded calls in one submission (on WebGPU: one command
   * buffer). It resolves once the work is submitted, not when the device
   * has finished it: `gpu.download` of an output waits for that. Rejects,
   * running nothing, when a length-dependent check fails, a tensor or cache
   * it uses was destroyed, or the GpuAttention was destroyed; a second call
   * rejects too.
   */
  submit(): Promise<void>;
  /** Drops the recorded calls without running them and frees their outputs. */
  discard(): void;
}
