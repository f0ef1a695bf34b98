import type { Layout, Tensor } from "@posenc/tensor";
import type { AnglePrecision, Pairing, RopeCache, RopeFrequencies } from "@posenc/rope";
import type { GpuTensor, StoragePrecision } from "./gpu_tensor.ts";

/**
 * Options for `GpuAttention.createKvCache`.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   // Llama-3-8B's shape: 8 KV heads of 128 dims; float16 where the adapter allows it.
 *   const options = { batch: 1, kvHeads: 8, headDim: 128, maxLength: 256, precision: "auto" as const };
 *   const cache = await gpu.createKvCache(options);
 *   assert.equal(cache.precision, gpu.info.f16.available ? "f16" : "f32");
 *   assert.equal(cache.length, 0);
 *   cache.destroy();
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface KvCacheOptions {
  /** Sequences decoded together (they share one length). */
  readonly batch: number;
  /** Key/value heads (query heads are a multiple of them: GQA, MQA). */
  readonly kvHeads: number;
  /** Head dim: a multiple of 4, at most 512. */
  readonly headDim: number;
  /**
   * Tokens the cache accepts; storage for all of them is allocated up front
   * (for a `window` cache, storage for the window only). Required unless
   * `window` is given; a window cache without it accepts any number of
   * tokens (RoPE's float32 angles still stop at position 2^24).
   *
   * @default {Infinity with window}
   */
  readonly maxLength?: number;
  /**
   * Makes this a cache for a sliding-window layer: it keeps only the last
   * `window` tokens (plus 3, so decoding 4 tokens at once still sees each
   * one's window) in a ring, so its memory is O(window) however long the
   * sequence grows. Keys keep their absolute positions for RoPE, and
   * `decode` reads the ring in order with `slidingWindow` defaulting to
   * this window (a wider one is refused: those keys are gone).
   *
   * @default {undefined}
   */
  readonly window?: number;
  /**
   * Storage precision of keys and values: `"f32"`, `"f16"` (throws where
   * float16 storage is not available), or `"auto"` (float16 where available,
   * else float32; see {@linkcode KvCache.precision}). Attention math is
   * float32 either way.
   *
   * @default {"f32"}
   */
  readonly precision?: StoragePrecision;
}

/**
 * RoPE applied to keys once, as they are appended (the cache stores rotated
 * keys): the same rotation as `@posenc/rope`'s applyRope.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { applyRope, ropeFrequencies } from "@posenc/rope";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 16, maxLength: 8 });
 *   const k = randomNormal([1, 1, 3, 16], { seed: 1 });
 *   // GPT-J pairing, keys at explicit positions 100..102 (e.g. after a sliding window).
 *   const rope = { frequencies: ropeFrequencies(16), pairing: "interleaved" as const, positions: [100, 101, 102] };
 *   await cache.append(k, k, { rope });
 *   const want = applyRope(k, rope.frequencies, { pairing: "interleaved", positions: rope.positions });
 *   assertAllClose((await cache.download()).k, want, { atol: 1e-6 });
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface KvRopeOptions {
  /**
   * The frequencies (from `@posenc/rope`'s `ropeFrequencies` or
   * `@posenc/scaling`). Exclusive with `cache`.
   *
   * @default {undefined}
   */
  readonly frequencies?: RopeFrequencies;
  /**
   * A precomputed `RopeCache` in place of `frequencies` (exactly one of the
   * two): `ropeCache(frequencies, n)`, or `multimodalRopeCache` for M-RoPE
   * (Qwen2-VL), whose row t rotates token t. A token's position is then an
   * index into the cache's rows, as `@posenc/rope`'s `applyRope` reads a
   * cache (the row holding that position when the cache lists positions); a
   * position past the cache is a RangeError. The cos and sin are used as
   * they are (they already include the attention factor), the rotary dim is
   * `2 * cache.cos.shape[1]`, and `angles` must be omitted (the cache fixed
   * them when built).
   *
   * @default {undefined}
   */
  readonly cache?: RopeCache;
  /**
   * `"half"` pairs `i` with `i + rotaryDim / 2` (Llama, NeoX); `"interleaved"`
   * pairs `2i` with `2i + 1` (GPT-J).
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
   * How the angle `position * invFreq[i]` is formed: `"float32"` as Hugging
   * Face, or `"float64"`.
   *
   * @default {"float32"}
   */
  readonly angles?: AnglePrecision;
  /**
   * Absolute positions of the appended tokens: `n` integers shared by the
   * batch, or `batch * n`. By default the cache slots they land in
   * (`cache.length + i`). Decoding then needs explicit `queryPositions`.
   *
   * @default {undefined}
   */
  readonly positions?: ArrayLike<number>;
}

/**
 * Options for {@linkcode KvCache.append}.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const cache = await gpu.createKvCache({ batch: 2, kvHeads: 4, headDim: 32, maxLength: 16 });
 *   // Keys and values as a model emits them: [batch, seq, kvHeads, headDim].
 *   const k = randomNormal([2, 5, 4, 32], { seed: 1 });
 *   await cache.append(k, k, { layout: "bshd" });
 *   const { v } = await cache.download(); // always bhsd
 *   assert.deepEqual(v.shape, [2, 4, 5, 32]);
 *   assert.equal(v.data[32], k.data[4 * 32]); // batch 0, head 0, token 1
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface KvAppendOptions {
  /**
   * Axis order of k and v: `"bhsd"` = [batch, kvHeads, n, headDim] or
   * `"bshd"` = [batch, n, kvHeads, headDim].
   *
   * @default {"bhsd"}
   */
  readonly layout?: Layout;
  /**
   * RoPE for the new keys, at their absolute positions.
   *
   * @default {undefined}
   */
  readonly rope?: KvRopeOptions;
}

/**
 * A preallocated key/value cache `[batch, kvHeads, maxLength, headDim]` on
 * the device of one `GpuAttention` (host arrays on the CPU fallback), from
 * `gpu.createKvCache`. Keys are stored already rotated. Every method throws
 * a clear Error after {@linkcode KvCache.destroy} or after its GpuAttention
 * was destroyed. Appends and decodes of one cache run in the order they
 * were called, even when their promises are not awaited one by one.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { applyRope, ropeFrequencies } from "@posenc/rope";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: 32, maxLength: 64 });
 *   const frequencies = ropeFrequencies(32);
 *   const k = randomNormal([1, 2, 5, 32], { seed: 1 });
 *   const v = randomNormal([1, 2, 5, 32], { seed: 2 });
 *   await cache.append(k, v, { rope: { frequencies } }); // keys rotated at positions 0..4
 *   assert.equal(cache.length, 5);
 *   const stored = await cache.download();
 *   assertAllClose(stored.k, applyRope(k, frequencies), { atol: 1e-6 });
 *   assert.deepEqual(stored.v.data, v.data);
 *   cache.reset();
 *   assert.equal(cache.length, 0);
 *   cache.destroy();
 *   await assert.rejects(() => cache.append(k, v), /KvCache cannot be used: it was destroyed/);
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface KvCache {
  /** Sequences in the cache. */
  readonly batch: number;
  /** Key/value heads. */
  readonly kvHeads: number;
  /** Head dim. */
  readonly headDim: number;
  /** Capacity in tokens (Infinity for a window cache created without maxLength). */
  readonly maxLength: number;
  /** The sliding window of a ring cache (it keeps the last `window` tokens), or null. */
  readonly window: number | null;
  /** Storage precision actually in use (`"auto"` resolved). */
  readonly precision: "f32" | "f16";
  /**
   * Tokens appended so far (grows when an append's promise resolves); a
   * window cache holds only the last of them.
   */
  readonly length: number;
  /** Whether the cache (or its GpuAttention) was destroyed. */
  readonly destroyed: boolean;
  /**
   * Writes `n` new tokens' keys (rotated by `options.rope` at their absolute
   * positions, once, in one kernel) and values at the current length.
   *
   * @param k Keys, [batch, kvHeads, n, headDim] (or bshd), Tensor or GpuTensor.
   * @param v Values, the shape of k.
   * @param options Layout and RoPE.
   * @returns Resolves once the write is submitted (`length` has grown by n).
   * @throws {RangeError} If the shapes do not match the cache or n tokens do not fit.
   */
  append(
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options?: KvAppendOptions,
  ): Promise<void>;
  /**
   * Reads the cached tokens back as float32.
   *
   * @returns Keys (as stored, i.e. rotated) and values, each [batch,
   * kvHeads, n, headDim] with n = length, or for a window cache the last
   * min(length, window) tokens in order.
   */
  download(): Promise<{ k: Tensor; v: Tensor }>;
  /** Forgets every token (length 0); the storage is kept and overwritten by later appends. */
  reset(): void;
  /** Frees the storage now; later use throws. */
  destroy(): void;
}

/**
 * RoPE of the queries in {@linkcode GpuDecodeOptions}: the keys were rotated on append.
 *
 * @example Usage
 * ```ts
 * import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
 * import { yarnScaling } from "@posenc/scaling";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   // The same YaRN frequencies and pairing for the appends and the decode.
 *   const rope = { frequencies: yarnScaling(32, { factor: 4, originalMaxPositionEmbeddings: 16 }) };
 *   const k = randomNormal([1, 2, 40, 32], { seed: 1 });
 *   const v = randomNormal([1, 2, 40, 32], { seed: 2 });
 *   const q = randomNormal([1, 2, 1, 32], { seed: 3 });
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: 32, maxLength: 40 });
 *   await cache.append(k, v, { rope });
 *   const want = attentionReference(q, k, v, { causal: true, rope });
 *   assertAllClose(await gpu.decode(q, cache, { rope }), want, { atol: 2e-5 });
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface DecodeRopeOptions {
  /**
   * The frequencies, the same as the appends used. Exclusive with `cache`.
   *
   * @default {undefined}
   */
  readonly frequencies?: RopeFrequencies;
  /**
   * The same object as the appends used: a precomputed `RopeCache` in place of `frequencies` (exactly one of the
   * two): `ropeCache(frequencies, n)`, or `multimodalRopeCache` for M-RoPE
   * (Qwen2-VL), whose row t rotates token t. A token's position is then an
   * index into the cache's rows, as `@posenc/rope`'s `applyRope` reads a
   * cache (the row holding that position when the cache lists positions); a
   * position past the cache is a RangeError. The cos and sin are used as
   * they are (they already include the attention factor), the rotary dim is
   * `2 * cache.cos.shape[1]`, and `angles` must be omitted (the cache fixed
   * them when built).
   *
   * @default {undefined}
   */
  readonly cache?: RopeCache;
  /**
   * Pairing, the same as the appends used.
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
   * Angle precision, the same as the appends used.
   *
   * @default {"float32"}
   */
  readonly angles?: AnglePrecision;
}

/**
 * Options for `GpuAttention.decode`. Decoding is causal with bottom-right
 * alignment: with `n` query tokens and a cache of `L`, query t is the token
 * in slot `L - n + t` and sees keys `0..L - n + t`.
 *
 * @example Usage
 * ```ts
 * import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
 * import { alibiSlopes } from "@posenc/alibi";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   // Speculative decoding on an ALiBi model (BLOOM-like, MQA): 3 draft tokens verified at once.
 *   const k = randomNormal([1, 1, 300, 64], { seed: 1 });
 *   const v = randomNormal([1, 1, 300, 64], { seed: 2 });
 *   const q = randomNormal([1, 8, 3, 64], { seed: 3 }); // the cache's last 3 tokens
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 64, maxLength: 512 });
 *   await cache.append(k, v);
 *   const options = { alibiSlopes: alibiSlopes(8), scale: 0.125 };
 *   const want = attentionReference(q, k, v, { ...options, causal: true });
 *   assertAllClose(await gpu.decode(q, cache, { ...options, splits: 3 }), want, { atol: 2e-5 });
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuDecodeOptions {
  /**
   * Axis order of q and the output.
   *
   * @default {"bhsd"}
   */
  readonly layout?: Layout;
  /**
   * Multiplies q·k, exactly once.
   *
   * @default {1 / Math.sqrt(headDim)}
   */
  readonly scale?: number;
  /**
   * RoPE on the queries (the cache holds rotated keys).
   *
   * @default {undefined}
   */
  readonly rope?: DecodeRopeOptions;
  /**
   * RoPE positions of the queries: `n` integers shared by the batch, or
   * `batch * n`. They move only the rotation; the masks and ALiBi follow
   * the token indices (the cache slots, counted from the first append).
   * Required with RoPE when appends gave explicit positions.
   *
   * @default {the last n slots: L - n + t}
   */
  readonly queryPositions?: ArrayLike<number>;
  /**
   * One ALiBi slope per query head: adds `-slope * (L - n + t - j)` to the
   * scaled logit of key j (flash-attention's `alibi_slopes` with decode
   * alignment).
   *
   * @default {undefined}
   */
  readonly alibiSlopes?: ArrayLike<number>;
  /**
   * Sliding window: query t (token `L - n + t`) sees keys j with
   * `L - n + t - slidingWindow < j <= L - n + t`; the keys before the
   * window are never read. On a window cache it defaults to the cache's
   * window and may not exceed it.
   *
   * @default {the cache's window, or none}
   */
  readonly slidingWindow?: number;
  /**
   * One sink logit per query head, joining the softmax's denominator (as
   * `AttentionOptions.sinks`).
   *
   * @default {undefined}
   */
  readonly sinks?: ArrayLike<number>;
  /**
   * Logit soft-cap `softcap * tanh(s / softcap)` on the scaled logits, before
   * ALiBi, bias and masks (as `AttentionOptions.softcap`).
   *
   * @default {undefined}
   */
  readonly softcap?: number;
  /**
   * Leading padding tokens per batch row (`batch` integers): keys
   * `j < leftPadding[b]` are hidden from row b's queries.
   *
   * @default {undefined}
   */
  readonly leftPadding?: ArrayLike<number>;
  /**
   * An additive bias `[1 | batch, 1 | heads, n, L]` over all `L = cache.length`
   * token indices (as `AttentionOptions.bias`; on a window cache only the
   * window's columns are read).
   *
   * @default {undefined}
   */
  readonly bias?: Tensor;
  /**
   * Number of KV splits (split-K) instead of the automatic rule, from 1 to
   * the cache length (and the device's grid limit); for tuning and
   * benchmarks. Ignored on the CPU fallback.
   *
   * @default {the rule in the README: from the length and the adapter}
   */
  readonly splits?: number;
  /**
   * The decode kernel: `"split"` (lanes of a workgroup share each key row
   * and add their partial dot products in workgroup memory) or `"keys"`
   * (each invocation owns whole keys; built for memory bandwidth, with more
   * splits at long caches; see the README). Both give the same results
   * within float32 rounding. A call "keys" cannot take (a float16 cache
   * whose head dim is not a multiple of 8, a device with too little
   * workgroup storage) runs on "split"; `profileDecode` reports the kernel
   * that ran. Ignored on the CPU fallback.
   *
   * @default {"split"}
   */
  readonly kernel?: DecodeKernel;
}

/**
 * A decode kernel (see {@linkcode GpuDecodeOptions.kernel}).
 *
 * @example Usage
 * ```ts
 * import { attentionReference, createGpuAttention, type DecodeKernel } from "@posenc/attention-gpu";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const k = randomNormal([1, 2, 300, 64], { seed: 1 });
 *   const v = randomNormal([1, 2, 300, 64], { seed: 2 });
 *   const q = randomNormal([1, 8, 1, 64], { seed: 3 });
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: 64, maxLength: 300 });
 *   await cache.append(k, v);
 *   const want = attentionReference(q, k, v, { causal: true });
 *   for (const kernel of ["split", "keys"] satisfies DecodeKernel[]) {
 *     assertAllClose(await gpu.decode(q, cache, { kernel }), want, { atol: 2e-5 });
 *   }
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export type DecodeKernel = "split" | "keys";

/**
 * Options for `GpuAttention.profileDecode`.
 *
 * @example Usage
 * ```ts
 * import { createGpuAttention } from "@posenc/attention-gpu";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const kv = randomNormal([1, 2, 600, 32], { seed: 1 });
 *   const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: 32, maxLength: 600 });
 *   await cache.append(kv, kv);
 *   const q = randomNormal([1, 8, 1, 32], { seed: 2 });
 *   const timing = await gpu.profileDecode(q, cache, { iterations: 3, splits: 2 });
 *   assert.ok(timing.seconds > 0);
 *   assert.equal(timing.iterations, 3);
 *   if (gpu.info.backend === "webgpu") assert.equal(timing.splits, 2);
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export interface GpuDecodeProfileOptions extends GpuDecodeOptions {
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
