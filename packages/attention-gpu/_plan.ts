/**
 * Checks the arguments of an attention call and resolves every default, so
 * the CPU reference and the GPU kernels read one plan and reject bad input
 * with the same messages.
 */

import { type AttentionDims, attentionDims, type Layout, type Shaped } from "@posenc/tensor";
import {
  checkBoolean,
  checkFinite,
  checkInteger,
  checkOneOf,
  checkOptions,
  formatValue,
} from "@posenc/tensor/validate";
import type { AttentionOptions, AttentionRopeOptions } from "./attention_options.ts";
import { ATTENTION_OPTION_KEYS, ATTENTION_ROPE_KEYS } from "./_option_keys.ts";
import {
  checkBias,
  checkLeftPadding,
  checkSinks,
  checkSoftcap,
  checkWindow,
  type ResolvedBias,
} from "./_score_options.ts";
import {
  checkCachePositions,
  checkRopeSource,
  halfFrom,
  isCache,
  type RopeSource,
  sourceHalf,
} from "./_rope_source.ts";

export { checkFrequencies } from "./_rope_source.ts";

export type { ResolvedBias };

/** Largest position float32 holds exactly (HF forms angles from float32 positions). */
export const MAX_FLOAT32_POSITION = 2 ** 24;

/** Where the tokens of one side (queries or keys) sit. */
export type Positions =
  | { readonly kind: "range"; readonly start: number }
  | { readonly kind: "list"; readonly list: Float64Array; readonly perBatch: boolean };

/** RoPE with every default resolved. */
export interface ResolvedRope {
  /** The frequencies, or a RopeCache whose rows the positions index. */
  readonly frequencies: RopeSource;
  readonly pairing: "half" | "interleaved";
  readonly rotaryDim: number;
  readonly angles: "float32" | "float64";
  readonly query: Positions;
  readonly key: Positions;
}

/** Element strides of an attention tensor (head dim contiguous). */
export interface Strides {
  readonly batch: number;
  readonly heads: number;
  readonly seq: number;
}

/** An attention call with every default resolved and every argument checked. */
export interface AttentionPlan {
  readonly layout: Layout;
  readonly batch: number;
  readonly heads: number;
  readonly kvHeads: number;
  /** Query heads per KV head. */
  readonly group: number;
  readonly qSeq: number;
  readonly kSeq: number;
  readonly headDim: number;
  readonly qShape: readonly number[];
  readonly qStrides: Strides;
  readonly kStrides: Strides;
  readonly causal: boolean;
  readonly scale: number;
  readonly rope: ResolvedRope | null;
  readonly alibi: Float32Array | null;
  /** Sliding window (keys p - window < j <= p), or null for none. */
  readonly window: number | null;
  /** One sink logit per query head (natural-log units), or null. */
  readonly sinks: Float64Array | null;
  /** Logit soft-cap, or null. */
  readonly softcap: number | null;
  /** Leading padding keys per batch row, or null. */
  readonly leftPadding: Uint32Array | null;
  readonly bias: ResolvedBias | null;
}

/** Anything with a shape: a Tensor or a GpuTensor. */
export type { Shaped };

/** Reads the dims of a rank-4 attention operand, naming it in errors. */
export function dimsOf(name: string, value: Shaped, layout: Layout): AttentionDims {
  return attentionDims(value, layout, { name });
}

/** Checks explicit positions: `seq` or `batch * seq` non-negative integers. */
export function checkPositions(
  name: string,
  value: ArrayLike<number>,
  seq: number,
  batch: number,
  float32: boolean,
): Positions {
  if (value === null || typeof value !== "object" || typeof value.length !== "number") {
    throw new TypeError(
      `Invalid ${name}: expected an array of non-negative integers, got ${formatValue(value)}`,
    );
  }
  if (value.length !== seq && value.length !== batch * seq) {
    throw new RangeError(
      `Invalid ${name}: expected ${seq} positions (one per token) or ${
        batch * seq
      } (batch x tokens), got ${value.length}`,
    );
  }
  const max = float32 ? MAX_FLOAT32_POSITION : Number.MAX_SAFE_INTEGER;
  const list = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    list[i] = checkInteger(`${name}[${i}]`, value[i], { min: 0, max });
  }
  // With one row of positions the batch shares them (also when batch is 1).
  return { kind: "list", list, perBatch: value.length !== seq };
}

function lastOfEach(
  keys: Float64Array,
  perBatch: boolean,
  kSeq: number,
  qSeq: number,
  batch: number,
): Positions {
  const rows = perBatch ? batch : 1;
  const list = new Float64Array(rows * qSeq);
  for (let r = 0; r < rows; r++) {
    list.set(keys.subarray(r * kSeq + kSeq - qSeq, r * kSeq + kSeq), r * qSeq);
  }
  return { kind: "list", list, perBatch };
}

/** The angles a cache was built with (float32 when it does not say). */
export function cacheAngles(source: RopeSource): "float32" | "float64" {
  return isCache(source) ? source.angles ?? "float32" : "float32";
}

function resolveRope(
  rope: AttentionRopeOptions,
  headDim: number,
  batch: number,
  qSeq: number,
  kSeq: number,
): ResolvedRope {
  if (rope === null || typeof rope !== "object") {
    throw new TypeError(
      `Invalid rope: expected an object { frequencies, pairing, rotaryDim, positions | offset }, got ${
        formatValue(rope)
      }`,
    );
  }
  checkOptions("rope", rope, { allowed: ATTENTION_ROPE_KEYS });
  const frequencies = checkRopeSource("rope", rope);
  const half = sourceHalf(frequencies);
  const rotaryDim = 2 * half;
  if (rope.rotaryDim !== undefined && rope.rotaryDim !== rotaryDim) {
    throw new RangeError(
      `Invalid rope.rotaryDim: expected ${rotaryDim} (${halfFrom(frequencies)}), got ${
        formatValue(rope.rotaryDim)
      }`,
    );
  }
  if (rotaryDim > headDim) {
    throw new RangeError(
      `Invalid rope.${isCache(frequencies) ? "cache" : "frequencies"}: rotary dim ${rotaryDim} (${
        halfFrom(frequencies, "")
      }) exceeds the head dim ${headDim}`,
    );
  }
  const pairing = checkOneOf("rope.pairing", rope.pairing ?? "half", {
    allowed: ["half", "interleaved"] as const,
  });
  const angles = checkOneOf("rope.angles", rope.angles ?? cacheAngles(frequencies), {
    allowed: ["float32", "float64"] as const,
  });
  const float32 = angles === "float32";
  const max = float32 ? MAX_FLOAT32_POSITION : Number.MAX_SAFE_INTEGER;
  if (rope.positions !== undefined && rope.offset !== undefined) {
    throw new TypeError(
      "Invalid rope: expected positions or offset, got both (offset is the start of default positions)",
    );
  }
  let key: Positions;
  let query: Positions | undefined;
  if (rope.queryPositions !== undefined) {
    query = checkPositions("rope.queryPositions", rope.queryPositions, qSeq, batch, float32);
  }
  if (rope.positions !== undefined) {
    const keys = checkPositions("rope.positions", rope.positions, kSeq, batch, float32) as {
      kind: "list";
      list: Float64Array;
      perBatch: boolean;
    };
    key = keys;
    if (!query) {
      if (qSeq > kSeq) {
        throw new RangeError(
          `Invalid rope.positions: q has ${qSeq} tokens, more than k's ${kSeq}, so the queries cannot take the last key positions; pass rope.queryPositions`,
        );
      }
      query = lastOfEach(keys.list, keys.perBatch, kSeq, qSeq, batch);
    }
  } else {
    const offset = checkInteger("rope.offset", rope.offset ?? 0, { min: 0 });
    if (offset + Math.max(kSeq, 1) - 1 > max) {
      throw new RangeError(
        `Invalid rope.offset: the last key would sit at position ${
          offset + kSeq - 1
        }, above ${max} (the largest position with angles "${angles}")`,
      );
    }
    key = { kind: "range", start: offset };
    if (!query) {
      const start = offset + kSeq - qSeq;
      if (start < 0) {
        throw new RangeError(
          `Invalid rope.offset: q has ${qSeq} tokens and k ${kSeq}, so bottom-right aligned queries would start at position ${start}; pass rope.offset >= ${
            qSeq - kSeq
          } or rope.queryPositions`,
        );
      }
      query = { kind: "range", start };
    }
  }
  if (isCache(frequencies)) {
    const keyName = rope.positions !== undefined ? "rope.positions" : "rope.offset";
    checkCachePositions(keyName, frequencies, key, kSeq);
    const queryName = rope.queryPositions !== undefined ? "rope.queryPositions" : keyName;
    checkCachePositions(queryName, frequencies, query, qSeq);
  }
  return {
    frequencies,
    pairing,
    rotaryDim,
    angles,
    query,
    key,
  };
}

/** ALiBi slopes as float32, one per query head, or null when none were given. */
export function checkAlibiSlopes(
  slopes: ArrayLike<number> | undefined,
  heads: number,
): Float32Array | null {
  if (slopes === undefined) return null;
  if (slopes === null || typeof slopes !== "object" || typeof slopes.length !== "number") {
    throw new TypeError(
      `Invalid alibiSlopes: expected an array of ${heads} numbers (one per query head), got ${
        formatValue(slopes)
      }`,
    );
  }
  if (slopes.length !== heads) {
    throw new RangeError(
      `Invalid alibiSlopes: expected ${heads} slopes (one per query head), got ${slopes.length}`,
    );
  }
  const alibi = new Float32Array(slopes.length);
  for (let h = 0; h < slopes.length; h++) alibi[h] = checkFinite(`alibiSlopes[${h}]`, slopes[h]);
  return alibi;
}

/**
 * Checks q, k, v and the options of an attention call and resolves the
 * defaults.
 */
export function planAttention(
  q: Shaped,
  k: Shaped,
  v: Shaped,
  options: AttentionOptions,
  allowed: Readonly<Record<string, true>> = ATTENTION_OPTION_KEYS,
): AttentionPlan {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  checkOptions("options", options, { allowed });
  const layout = checkOneOf("layout", options.layout ?? "bhsd", {
    allowed: ["bhsd", "bshd"] as const,
  });
  const qd = dimsOf("q", q, layout);
  const kd = dimsOf("k", k, layout);
  const vd = dimsOf("v", v, layout);
  if (qd.heads < 1 || qd.headDim < 1) {
    throw new RangeError(
      `Invalid q: expected at least 1 head and a head dim >= 1, got shape ${formatValue(q.shape)}`,
    );
  }
  if (kd.batch !== qd.batch) {
    throw new RangeError(`Invalid k: expected batch ${qd.batch} (as q), got ${kd.batch}`);
  }
  if (vd.batch !== qd.batch) {
    throw new RangeError(`Invalid v: expected batch ${qd.batch} (as q), got ${vd.batch}`);
  }
  if (kd.headDim !== qd.headDim) {
    throw new RangeError(
      `Invalid k: expected head dim ${qd.headDim} (as q), got ${kd.headDim}`,
    );
  }
  if (vd.headDim !== qd.headDim) {
    throw new RangeError(
      `Invalid v: expected head dim ${qd.headDim} (as q), got ${vd.headDim}`,
    );
  }
  if (vd.seq !== kd.seq) {
    throw new RangeError(
      `Invalid v: expected ${kd.seq} tokens (as k), got ${vd.seq}`,
    );
  }
  if (vd.heads !== kd.heads) {
    throw new RangeError(`Invalid v: expected ${kd.heads} heads (as k), got ${vd.heads}`);
  }
  if (kd.heads < 1 || qd.heads % kd.heads !== 0) {
    throw new RangeError(
      `Invalid k: q has ${qd.heads} heads, which is not a multiple of k's ${kd.heads} heads (grouped-query attention needs q heads divisible by k/v heads)`,
    );
  }
  const causal = checkBoolean("causal", options.causal ?? false);
  const scale = options.scale === undefined
    ? 1 / Math.sqrt(qd.headDim)
    : checkFinite("scale", options.scale);
  const alibi = checkAlibiSlopes(options.alibiSlopes, qd.heads);
  const window = checkWindow(options.slidingWindow);
  if (window !== null && !causal) {
    throw new TypeError(
      "Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)",
    );
  }
  const sinks = checkSinks(options.sinks, qd.heads);
  const softcap = checkSoftcap(options.softcap);
  const leftPadding = checkLeftPadding(options.leftPadding, qd.batch, kd.seq);
  const bias = checkBias(options.bias, {
    batch: qd.batch,
    heads: qd.heads,
    qSeq: qd.seq,
    kSeq: kd.seq,
  });
  const rope = options.rope === undefined
    ? null
    : resolveRope(options.rope, qd.headDim, qd.batch, qd.seq, kd.seq);
  return {
    layout,
    batch: qd.batch,
    heads: qd.heads,
    kvHeads: kd.heads,
    group: qd.heads / kd.heads,
    qSeq: qd.seq,
    kSeq: kd.seq,
    headDim: qd.headDim,
    qShape: [...q.shape],
    qStrides: qd.strides,
    kStrides: kd.strides,
    causal,
    scale,
    rope,
    alibi,
    window,
    sinks,
    softcap,
    leftPadding,
    bias,
  };
}

/**
 * Positions of one tensor's tokens from `positions` or `offset` (as
 * applyRope takes them), checked against float32's exact range when needed.
 */
export function resolvePositions(
  prefix: string,
  positions: ArrayLike<number> | undefined,
  offset: number | undefined,
  seq: number,
  batch: number,
  angles: "float32" | "float64",
): Positions {
  const float32 = angles === "float32";
  if (positions !== undefined && offset !== undefined) {
    throw new TypeError(
      `Invalid ${prefix}: expected positions or offset, got both (offset is the start of default positions)`,
    );
  }
  if (positions !== undefined) {
    return checkPositions(`${prefix}positions`, positions, seq, batch, float32);
  }
  const start = checkInteger(`${prefix}offset`, offset ?? 0, { min: 0 });
  const max = float32 ? MAX_FLOAT32_POSITION : Number.MAX_SAFE_INTEGER;
  if (start + Math.max(seq, 1) - 1 > max) {
    throw new RangeError(
      `Invalid ${prefix}offset: the last token would sit at position ${
        start + seq - 1
      }, above ${max} (the largest position with angles "${angles}")`,
    );
  }
  return { kind: "range", start };
}
