/**
 * Argument checks of KV caches and appends (and the types of decode calls,
 * whose checks are in `_decode_plan.ts`), shared by the WebGPU and CPU
 * implementations so both reject bad input with the same messages.
 */

import type { Layout, Tensor } from "@posenc/tensor";
import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOneOf, checkOptions, formatValue } from "@posenc/tensor/validate";
import type { StoragePrecision } from "./gpu_tensor.ts";
import type { KvAppendOptions, KvCacheOptions } from "./kv_cache.ts";
import {
  cacheAngles,
  checkPositions,
  dimsOf,
  MAX_FLOAT32_POSITION,
  type Positions,
  type Shaped,
  type Strides,
} from "./_plan.ts";
import { frequencyFingerprint } from "./_fingerprint.ts";
import {
  cacheFingerprint,
  checkCachePositions,
  checkRopeSource,
  halfFrom,
  isCache,
  type RopeSource,
  sourceHalf,
} from "./_rope_source.ts";
import { APPEND_OPTION_KEYS, APPEND_ROPE_KEYS, CACHE_OPTION_KEYS } from "./_option_keys.ts";
import { checkWindow } from "./_score_options.ts";

/** Why a destroyed cache refuses work (both backends say it the same way). */
export const CACHE_DESTROYED = "This KvCache cannot be used: it was destroyed";
/** Why a cache whose GpuAttention is gone refuses work. */
export const OWNER_GONE =
  "This KvCache cannot be used: its GpuAttention was destroyed or lost its device";

/** Largest head dim of the cache and decode kernels. */
export const MAX_CACHE_HEAD_DIM = 512;

/** Largest number of query tokens per sequence in one decode call. */
export const MAX_DECODE_TOKENS = 4;

/** The decode kernels a call may ask for (`kernel` option); the first is the default. */
export const DECODE_KERNELS = ["split", "keys"] as const;

/** The fixed dims of a cache. */
export interface CacheDims {
  readonly batch: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** Tokens the cache accepts (Infinity for a window cache without a maxLength). */
  readonly maxLength: number;
  /** The ring's window, or null for a plain cache. */
  readonly window: number | null;
  /**
   * Token slots stored per (batch, KV head): maxLength, or for a window
   * cache window + MAX_DECODE_TOKENS - 1 (at most maxLength). Token j lives
   * in slot j % slots.
   */
  readonly slots: number;
}

/** Throws unless value is a non-null object. */
export function checkObject(name: string, value: unknown): void {
  if (value === null || typeof value !== "object") {
    throw new TypeError(`Invalid ${name}: expected an object, got ${formatValue(value)}`);
  }
}

/** Resolves a storage precision against what the device offers. */
export function resolvePrecision(
  name: string,
  value: unknown,
  f16: { available: boolean; detail: string },
): "f32" | "f16" {
  const precision: StoragePrecision = checkOneOf(name, value ?? "f32", {
    allowed: ["f32", "f16", "auto"] as const,
  });
  if (precision === "auto") return f16.available ? "f16" : "f32";
  if (precision === "f16" && !f16.available) {
    throw new Error(
      `Invalid ${name}: "f16" storage is not available here (${f16.detail}); use "f32", or "auto" to fall back to float32`,
    );
  }
  return precision;
}

/** Checks the options of createKvCache. */
export function checkCacheOptions(options: KvCacheOptions): CacheDims {
  checkObject("options", options);
  checkOptions("options", options, { allowed: CACHE_OPTION_KEYS });
  const batch = checkInteger("batch", options.batch, { min: 1 });
  const kvHeads = checkInteger("kvHeads", options.kvHeads, { min: 1 });
  const headDim = checkInteger("headDim", options.headDim, { min: 4, max: MAX_CACHE_HEAD_DIM });
  if (headDim % 4 !== 0) {
    throw new RangeError(
      `Invalid headDim: expected a multiple of 4 (the cache and decode kernels read vec4 rows), got ${headDim}`,
    );
  }
  const window = options.window === undefined ? null : checkWindow(options.window, "window");
  if (window === null && options.maxLength === undefined) {
    throw new TypeError(
      "Invalid maxLength: expected an integer >= 1 (the tokens the cache holds), got undefined; only a window cache may leave it out",
    );
  }
  const maxLength = options.maxLength === undefined
    ? Infinity
    : checkInteger("maxLength", options.maxLength, { min: 1 });
  const slots = window === null ? maxLength : Math.min(maxLength, window + MAX_DECODE_TOKENS - 1);
  return { batch, kvHeads, headDim, maxLength, window, slots };
}

/** Key RoPE of an append, resolved. */
export interface AppendRope {
  /** The frequencies, or a RopeCache whose rows the positions index. */
  readonly frequencies: RopeSource;
  readonly pairing: "half" | "interleaved";
  readonly rotaryDim: number;
  readonly angles: "float32" | "float64";
  /** Explicit positions, or null for the cache slots. */
  readonly positions: Positions | null;
  /** Identifies the rotation (frequencies, pairing, angles) for consistency checks. */
  readonly fingerprint: string;
}

/** An append with its arguments checked (the length-dependent checks come later). */
export interface AppendPlan {
  readonly layout: Layout;
  readonly n: number;
  readonly strides: Strides;
  readonly rope: AppendRope | null;
}

interface RopeLike {
  readonly frequencies?: RopeFrequencies;
  readonly cache?: RopeCache;
  readonly pairing?: "half" | "interleaved";
  readonly rotaryDim?: number;
  readonly angles?: "float32" | "float64";
}

/** Checks a RoPE options object of an append or a decode (keys among `allowed`). */
export function resolveRopeBase(
  name: string,
  rope: RopeLike,
  headDim: number,
  allowed: Readonly<Record<string, true>>,
) {
  if (rope === null || typeof rope !== "object") {
    throw new TypeError(
      `Invalid ${name}: expected an object { frequencies, pairing, rotaryDim, angles }, got ${
        formatValue(rope)
      }`,
    );
  }
  checkOptions(name, rope, { allowed });
  const frequencies = checkRopeSource(name, rope);
  const rotaryDim = 2 * sourceHalf(frequencies);
  if (rope.rotaryDim !== undefined && rope.rotaryDim !== rotaryDim) {
    throw new RangeError(
      `Invalid ${name}.rotaryDim: expected ${rotaryDim} (${halfFrom(frequencies)}), got ${
        formatValue(rope.rotaryDim)
      }`,
    );
  }
  if (rotaryDim > headDim) {
    throw new RangeError(
      `Invalid ${name}.${
        isCache(frequencies) ? "cache" : "frequencies"
      }: rotary dim ${rotaryDim} (${halfFrom(frequencies, "")}) exceeds the head dim ${headDim}`,
    );
  }
  const pairing = checkOneOf(`${name}.pairing`, rope.pairing ?? "half", {
    allowed: ["half", "interleaved"] as const,
  });
  const angles = checkOneOf(`${name}.angles`, rope.angles ?? cacheAngles(frequencies), {
    allowed: ["float32", "float64"] as const,
  });
  const fingerprint = isCache(frequencies)
    ? cacheFingerprint(pairing, frequencies)
    : frequencyFingerprint(`${pairing}|${angles}`, frequencies);
  return { frequencies, pairing, rotaryDim, angles, fingerprint };
}

function checkShapeAgainstCache(
  name: string,
  value: Shaped,
  layout: Layout,
  dims: CacheDims,
): { seq: number; strides: Strides } {
  const d = dimsOf(name, value, layout);
  if (d.batch !== dims.batch) {
    throw new RangeError(
      `Invalid ${name}: expected batch ${dims.batch} (as the cache), got ${d.batch}`,
    );
  }
  if (d.heads !== dims.kvHeads) {
    throw new RangeError(
      `Invalid ${name}: expected ${dims.kvHeads} KV heads (as the cache), got ${d.heads}`,
    );
  }
  if (d.headDim !== dims.headDim) {
    throw new RangeError(
      `Invalid ${name}: expected head dim ${dims.headDim} (as the cache), got ${d.headDim}`,
    );
  }
  return { seq: d.seq, strides: d.strides };
}

/** Checks an append's operands and options against the cache. */
export function planAppend(
  dims: CacheDims,
  k: Shaped,
  v: Shaped,
  options: KvAppendOptions,
): AppendPlan {
  checkObject("options", options);
  checkOptions("options", options, { allowed: APPEND_OPTION_KEYS });
  const layout = checkOneOf("layout", options.layout ?? "bhsd", {
    allowed: ["bhsd", "bshd"] as const,
  });
  const kd = checkShapeAgainstCache("k", k, layout, dims);
  const vd = checkShapeAgainstCache("v", v, layout, dims);
  if (vd.seq !== kd.seq) {
    throw new RangeError(`Invalid v: expected ${kd.seq} tokens (as k), got ${vd.seq}`);
  }
  let rope: AppendRope | null = null;
  if (options.rope !== undefined) {
    const base = resolveRopeBase("rope", options.rope, dims.headDim, APPEND_ROPE_KEYS);
    const positions = options.rope.positions === undefined ? null : checkPositions(
      "rope.positions",
      options.rope.positions,
      kd.seq,
      dims.batch,
      base.angles === "float32",
    );
    if (positions && isCache(base.frequencies)) {
      checkCachePositions("rope.positions", base.frequencies, positions, kd.seq);
    }
    rope = { ...base, positions };
  }
  return { layout, n: kd.seq, strides: kd.strides, rope };
}

/** Checks that n tokens fit at `length`, and that slot positions stay in float32's range. */
export function checkAppendFits(dims: CacheDims, length: number, plan: AppendPlan): void {
  if (length + plan.n > dims.maxLength) {
    throw new RangeError(
      `Cannot append ${plan.n} tokens: the KV cache holds ${length} of its maxLength ${dims.maxLength} tokens (${
        dims.maxLength - length
      } free); create a larger cache or reset() it`,
    );
  }
  if (plan.rope && !plan.rope.positions && isCache(plan.rope.frequencies)) {
    // The new keys sit at the next slots: they need rows there.
    const slots = { kind: "range", start: length } as const;
    checkCachePositions("rope.cache", plan.rope.frequencies, slots, plan.n);
  }
  if (plan.rope && !plan.rope.positions && plan.rope.angles === "float32") {
    const last = length + plan.n - 1;
    if (last > MAX_FLOAT32_POSITION) {
      throw new RangeError(
        `Invalid rope: the last key would sit at position ${last}, above ${MAX_FLOAT32_POSITION} (the largest position with angles "float32")`,
      );
    }
  }
}

/** Query RoPE of a decode, resolved. */
export interface DecodeRope {
  /** The frequencies, or a RopeCache whose rows the positions index. */
  readonly frequencies: RopeSource;
  readonly pairing: "half" | "interleaved";
  readonly rotaryDim: number;
  readonly angles: "float32" | "float64";
  /** Explicit positions, or null for the cache's last qSeq slots. */
  readonly queryPositions: Positions | null;
  readonly fingerprint: string;
}

/** A decode call with its arguments checked (the length-dependent checks come later). */
export interface DecodePlan {
  readonly layout: Layout;
  readonly batch: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly group: number;
  readonly qSeq: number;
  readonly headDim: number;
  readonly qShape: readonly number[];
  readonly qStrides: Strides;
  readonly scale: number;
  readonly rope: DecodeRope | null;
  readonly alibi: Float32Array | null;
  readonly splits: number | undefined;
  /** The call's own sliding window (the cache's applies when null). */
  readonly window: number | null;
  readonly sinks: Float64Array | null;
  readonly softcap: number | null;
  readonly leftPadding: Uint32Array | null;
  /** The bias as given (its key count is checked against the cache length in the call's turn). */
  readonly bias: Tensor | null;
  /** The kernel asked for (the WebGPU backend may fall back to "split"; see `_decode_kernels.ts`). */
  readonly kernel: typeof DECODE_KERNELS[number];
}

/** The state of a cache that decode checks against. */
export interface CacheRopeState {
  /** Fingerprint of the rotation of the cached keys (null: not rotated; undefined: empty). */
  readonly keyRope: string | null | undefined;
  /** Whether some append gave explicit positions. */
  readonly explicitPositions: boolean;
}

/**
 * The key-rotation state after an append, or an error when it mixes
 * rotations in one cache.
 */
export function nextRopeState(state: CacheRopeState, plan: AppendPlan): CacheRopeState {
  const key = plan.rope ? plan.rope.fingerprint : null;
  if (state.keyRope !== undefined && plan.n > 0 && state.keyRope !== key) {
    throw new RangeError(
      `Invalid rope: this cache's keys were ${
        state.keyRope === null
          ? "appended without RoPE"
          : "rotated with other frequencies, pairing or angles"
      }; one cache holds keys of one rotation (reset() it to start over)`,
    );
  }
  if (plan.n === 0) return state;
  return { keyRope: key, explicitPositions: state.explicitPositions || !!plan.rope?.positions };
}

/** The state of an empty cache. */
export const EMPTY_ROPE_STATE: CacheRopeState = Object.freeze({
  keyRope: undefined,
  explicitPositions: false,
});
