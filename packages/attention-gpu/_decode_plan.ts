/**
 * Argument checks of decode calls, shared by the WebGPU and CPU backends:
 * what can be checked when the call is made (planDecode) and what depends
 * on the cache's length, in the call's turn (checkDecodeFits).
 */

import { checkCachePositions, isCache } from "./_rope_source.ts";
import type { Tensor } from "@posenc/tensor";
import {
  checkFinite,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkTensor,
} from "@posenc/tensor/validate";
import type { GpuDecodeOptions } from "./kv_cache.ts";
import {
  checkAlibiSlopes,
  checkPositions,
  dimsOf,
  MAX_FLOAT32_POSITION,
  type Shaped,
} from "./_plan.ts";
import { DECODE_OPTION_KEYS, DECODE_ROPE_KEYS } from "./_option_keys.ts";
import {
  checkBias,
  checkLeftPadding,
  checkSinks,
  checkSoftcap,
  checkWindow,
  type ResolvedBias,
} from "./_score_options.ts";
import {
  type CacheDims,
  type CacheRopeState,
  checkObject,
  DECODE_KERNELS,
  type DecodePlan,
  type DecodeRope,
  MAX_DECODE_TOKENS,
  resolveRopeBase,
} from "./_kv_plan.ts";

export type { DecodePlan };

/** Checks q and the options of a decode call against the cache. */
export function planDecode(
  dims: CacheDims,
  q: Shaped,
  options: GpuDecodeOptions,
  allowed: Readonly<Record<string, true>> = DECODE_OPTION_KEYS,
): DecodePlan {
  checkObject("options", options);
  checkOptions("options", options, { allowed });
  const layout = checkOneOf("layout", options.layout ?? "bhsd", {
    allowed: ["bhsd", "bshd"] as const,
  });
  const qd = dimsOf("q", q, layout);
  if (qd.batch !== dims.batch) {
    throw new RangeError(`Invalid q: expected batch ${dims.batch} (as the cache), got ${qd.batch}`);
  }
  if (qd.headDim !== dims.headDim) {
    throw new RangeError(
      `Invalid q: expected head dim ${dims.headDim} (as the cache), got ${qd.headDim}`,
    );
  }
  if (qd.heads < 1 || qd.heads % dims.kvHeads !== 0) {
    throw new RangeError(
      `Invalid q: its ${qd.heads} heads are not a multiple of the cache's ${dims.kvHeads} KV heads (grouped-query attention needs q heads divisible by KV heads)`,
    );
  }
  if (qd.seq < 1 || qd.seq > MAX_DECODE_TOKENS) {
    throw new RangeError(
      `Invalid q: expected 1 to ${MAX_DECODE_TOKENS} query tokens per sequence (decode; use gpu.attention for a longer prefill), got ${qd.seq}`,
    );
  }
  const scale = options.scale === undefined
    ? 1 / Math.sqrt(qd.headDim)
    : checkFinite("scale", options.scale);
  const alibi = checkAlibiSlopes(options.alibiSlopes, qd.heads);
  let rope: DecodeRope | null = null;
  if (options.rope !== undefined) {
    if (options.rope !== null && typeof options.rope === "object" && "positions" in options.rope) {
      throw new TypeError(
        'Invalid rope: unknown key "positions"; a decode\'s query positions are the option queryPositions (the cached keys keep the positions they were appended at)',
      );
    }
    const base = resolveRopeBase("rope", options.rope, dims.headDim, DECODE_ROPE_KEYS);
    const queryPositions = options.queryPositions === undefined ? null : checkPositions(
      "queryPositions",
      options.queryPositions,
      qd.seq,
      qd.batch,
      base.angles === "float32",
    );
    if (queryPositions && isCache(base.frequencies)) {
      checkCachePositions("queryPositions", base.frequencies, queryPositions, qd.seq);
    }
    rope = { ...base, queryPositions };
  } else if (options.queryPositions !== undefined) {
    throw new TypeError(
      "Invalid queryPositions: they place the queries for RoPE, but no rope was given",
    );
  }
  const splits = options.splits === undefined
    ? undefined
    : checkInteger("splits", options.splits, { min: 1 });
  const kernel = checkOneOf("kernel", options.kernel ?? "split", { allowed: DECODE_KERNELS });
  const window = checkWindow(options.slidingWindow);
  if (window !== null && dims.window !== null && window > dims.window) {
    throw new RangeError(
      `Invalid slidingWindow: expected at most ${dims.window}, the window of this cache (it keeps no older keys), got ${window}`,
    );
  }
  let bias: Tensor | null = null;
  if (options.bias !== undefined) {
    bias = checkTensor("bias", options.bias);
    // The key count is the cache length, known in the call's turn.
    checkBias(bias, { batch: qd.batch, heads: qd.heads, qSeq: qd.seq, kSeq: null });
  }
  return {
    layout,
    batch: qd.batch,
    heads: qd.heads,
    kvHeads: dims.kvHeads,
    group: qd.heads / dims.kvHeads,
    qSeq: qd.seq,
    headDim: qd.headDim,
    qShape: [...q.shape],
    qStrides: qd.strides,
    scale,
    rope,
    alibi,
    splits,
    kernel,
    window,
    sinks: checkSinks(options.sinks, qd.heads),
    softcap: checkSoftcap(options.softcap),
    leftPadding: checkLeftPadding(options.leftPadding, qd.batch, 2 ** 31 - 1),
    bias,
  };
}

/** What a decode reads in its turn: the window in force, the visible key range, the bias. */
export interface DecodeTurn {
  /** The sliding window (the call's, else the cache's), or null. */
  readonly window: number | null;
  /** The first key any query may see (the window's start for the first query), >= 0. */
  readonly first: number;
  readonly bias: ResolvedBias | null;
}

/**
 * The length-dependent checks of a decode call on a cache of `length`
 * tokens (with `cacheWindow` for a ring), and what the call then reads.
 */
export function checkDecodeFits(
  plan: DecodePlan,
  length: number,
  state: CacheRopeState,
  cacheWindow: number | null = null,
): DecodeTurn {
  checkDecodeRope(plan, length, state);
  return decodeTurn(plan, length, cacheWindow);
}

function decodeTurn(plan: DecodePlan, length: number, cacheWindow: number | null): DecodeTurn {
  const window = plan.window ?? cacheWindow;
  const first = window === null ? 0 : Math.max(0, length - plan.qSeq - window + 1);
  let bias: ResolvedBias | null = null;
  if (plan.bias) {
    bias = checkBias(plan.bias, {
      batch: plan.batch,
      heads: plan.heads,
      qSeq: plan.qSeq,
      kSeq: length,
    });
  }
  return { window, first, bias };
}

function checkDecodeRope(plan: DecodePlan, length: number, state: CacheRopeState): void {
  if (plan.qSeq > length) {
    throw new RangeError(
      `Invalid q: ${plan.qSeq} query tokens, but the KV cache holds ${length}; append their keys and values first (the queries are the newest cached tokens)`,
    );
  }
  if (!plan.rope) return;
  if (state.keyRope && state.keyRope !== plan.rope.fingerprint) {
    throw new RangeError(
      "Invalid rope: the cached keys were rotated with other frequencies, pairing or angles than the queries would be",
    );
  }
  if (!plan.rope.queryPositions) {
    if (state.explicitPositions) {
      throw new TypeError(
        "Invalid queryPositions: the cache's keys were appended at explicit positions, so the queries' positions must be given too",
      );
    }
    if (isCache(plan.rope.frequencies)) {
      // The queries are the newest cached tokens: they need the rows of those slots.
      const slots = { kind: "range", start: length - plan.qSeq } as const;
      checkCachePositions("rope.cache", plan.rope.frequencies, slots, plan.qSeq);
    }
    if (plan.rope.angles === "float32" && length - 1 > MAX_FLOAT32_POSITION) {
      throw new RangeError(
        `Invalid rope: the last query would sit at position ${
          length - 1
        }, above ${MAX_FLOAT32_POSITION} (the largest position with angles "float32")`,
      );
    }
  }
}
