// The GpuAttention interface: what createGpuAttention returns. Type-only:
// the implementations import it from here, never the other way round.

import type { Tensor } from "@posenc/tensor";
import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import type { GpuTensor } from "./gpu_tensor.ts";
import type {
  GpuDecodeOptions,
  GpuDecodeProfileOptions,
  KvCache,
  KvCacheOptions,
} from "./kv_cache.ts";
import type { GpuInfo } from "./gpu_setup.ts";
import type { GpuRecording } from "./gpu_recording.ts";
import type {
  GpuAttentionCallOptions,
  GpuDecodeTiming,
  GpuProfileOptions,
  GpuRopeOptions,
  GpuTiming,
  GpuUploadOptions,
} from "./gpu_call_options.ts";

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
   * @param options Layout, causal, scale, RoPE, ALiBi slopes, sliding window, sinks, soft-cap,
   * left padding, bias, kernel.
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
   * @param options Layout, causal, scale, RoPE, ALiBi slopes, sliding window, sinks, soft-cap,
   * left padding, bias, kernel.
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
   * @param options Layout, causal, scale, RoPE, ALiBi slopes, sliding window, sinks, soft-cap,
   * left padding, bias, kernel.
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
   * @param frequencies The RoPE frequencies, or a `RopeCache` (its rows indexed by position; no `angles` option with a cache).
   * @param options Layout, pairing, positions or offset, in place, angles.
   * @returns The rotated tensor (x itself with `inPlace`).
   */
  applyRope(
    x: GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
    options?: GpuRopeOptions,
  ): Promise<GpuTensor>;
  /**
   * Rotates a host tensor on the device and reads it back.
   *
   * @param x A rank-4 tensor.
   * @param frequencies The RoPE frequencies, or a `RopeCache` (its rows indexed by position; no `angles` option with a cache).
   * @param options Layout, pairing, positions or offset, in place, angles.
   * @returns The rotated tensor (x itself with `inPlace`).
   */
  applyRope(
    x: Tensor,
    frequencies: RopeFrequencies | RopeCache,
    options?: GpuRopeOptions,
  ): Promise<Tensor>;
  /**
   * Rotates queries or keys; the result has the kind of x.
   *
   * @param x A rank-4 tensor, host or resident.
   * @param frequencies The RoPE frequencies, or a `RopeCache` (its rows indexed by position; no `angles` option with a cache).
   * @param options Layout, pairing, positions or offset, in place, angles.
   * @returns The rotated tensor.
   */
  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
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
   * @param options Batch, KV heads, head dim, capacity, window (a ring), precision.
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
   * `causal: true` and the same options (within 2e-5 in float32); on a
   * window cache, with `slidingWindow` its window.
   *
   * @param q Queries [batch, heads, n, headDim] (or bshd), n from 1 to 4.
   * @param cache A cache of this instance holding at least n tokens.
   * @param options Layout, scale, RoPE and query positions, ALiBi slopes, sliding window, sinks,
   * soft-cap, left padding, bias, splits.
   * @returns The output, the shape and kind (and dtype) of q.
   */
  decode(q: GpuTensor, cache: KvCache, options?: GpuDecodeOptions): Promise<GpuTensor>;
  /**
   * Decoding attention, read back into a host tensor.
   *
   * @param q Queries.
   * @param cache The cache.
   * @param options Layout, scale, RoPE and query positions, ALiBi slopes, sliding window, sinks,
   * soft-cap, left padding, bias, splits.
   * @returns The output, the shape of q.
   */
  decode(q: Tensor, cache: KvCache, options?: GpuDecodeOptions): Promise<Tensor>;
  /**
   * Decoding attention; the result has the kind of q.
   *
   * @param q Queries.
   * @param cache The cache.
   * @param options Layout, scale, RoPE and query positions, ALiBi slopes, sliding window, sinks,
   * soft-cap, left padding, bias, splits.
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
   * Starts a recording: calls added to it run later, in order, in one
   * submission (see {@linkcode GpuRecording}). A decode step of a model with
   * many layers then costs one submission instead of two per layer, and its
   * outputs stay on the device until one `download` at the end.
   *
   * @returns An empty recording of this instance.
   */
  record(): GpuRecording;
  /**
   * Frees the device state: cached pipelines and tables, the device itself
   * if this instance requested it (and with it every GpuTensor it made);
   * on the CPU fallback, its worker threads (calls in flight reject).
   * Later calls throw.
   */
  destroy(): void;
}
