import type { Layout, Tensor } from "@posenc/tensor";
import type { AnglePrecision, Pairing, RopeFrequencies } from "@posenc/rope";
import type { GpuTensor, StoragePrecision } from "./gpu_tensor.ts";

/** Options for `GpuAttention.createKvCache`. */
export interface KvCacheOptions {
  /** Sequences decoded together (they share one length). */
  readonly batch: number;
  /** Key/value heads (query heads are a multiple of them: GQA, MQA). */
  readonly kvHeads: number;
  /** Head dim: a multiple of 4, at most 512. */
  readonly headDim: number;
  /** Tokens the cache holds; storage for all of them is allocated up front. */
  readonly maxLength: number;
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
 */
export interface KvRopeOptions {
  /** The frequencies (from `@posenc/rope`'s `ropeFrequencies` or `@posenc/scaling`). */
  readonly frequencies: RopeFrequencies;
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

/** Options for {@linkcode KvCache.append}. */
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
  /** Capacity in tokens. */
  readonly maxLength: number;
  /** Storage precision actually in use (`"auto"` resolved). */
  readonly precision: "f32" | "f16";
  /** Tokens cached so far (grows when an append's promise resolves). */
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
   * @returns Keys (as stored, i.e. rotated) and values, each [batch, kvHeads, length, headDim].
   */
  download(): Promise<{ k: Tensor; v: Tensor }>;
  /** Forgets every token (length 0); the storage is kept and overwritten by later appends. */
  reset(): void;
  /** Frees the storage now; later use throws. */
  destroy(): void;
}

/** RoPE of the queries in {@linkcode GpuDecodeOptions}: the keys were rotated on append. */
export interface DecodeRopeOptions {
  /** The frequencies, the same as the appends used. */
  readonly frequencies: RopeFrequencies;
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
   * `batch * n`. They move only the rotation; the mask and ALiBi follow the
   * cache slots. Required with RoPE when appends gave explicit positions.
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
   * Number of KV splits (split-K) instead of the automatic rule, from 1 to
   * the cache length (and the device's grid limit); for tuning and
   * benchmarks. Ignored on the CPU fallback.
   *
   * @default {the rule in the README: from the length and the adapter}
   */
  readonly splits?: number;
}

/** Options for `GpuAttention.profileDecode`. */
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
