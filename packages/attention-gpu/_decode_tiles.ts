/**
 * The shape of the decode (split-K) kernel and the number of KV splits.
 *
 * A workgroup serves one (batch, KV head, split) and a block of `rb` query
 * rows, a row being a (query token, head in the group) pair: every K/V row it
 * reads serves all G query heads of the group (and all speculative tokens).
 * Its `lr` lanes of a key row each hold `c` vec4 chunks of the head dim (so a
 * group of lanes streams whole rows with coalesced 16-byte loads) and `kp`
 * such groups take different keys, `ku` keys each per tile.
 */

import { type Tier, TIER_BYTES } from "./_tiles.ts";

/** Everything that fixes the shape of one decode kernel. */
export interface DecodeTiles {
  readonly headDim: number;
  /** vec4 chunks of the head dim per lane. */
  readonly c: number;
  /** Lanes per key row (headDim / 4 / c). */
  readonly lr: number;
  /** Key rows in flight per step (lane groups). */
  readonly kp: number;
  /** Keys per lane group per tile: a tile is kp * ku keys. */
  readonly ku: number;
  /** Query rows (token, head-in-group) per workgroup. */
  readonly rb: number;
  /** Invocations per workgroup (lr * kp). */
  readonly workgroup: number;
  /** Workgroup storage the kernel declares, in bytes. */
  readonly bytes: number;
}

/** Keys a split streams at least (so each one pays for its share of the merge). */
export const MIN_KEYS_PER_SPLIT = 256;

/** Query rows a workgroup may hold: its q slices and accumulators live in registers. */
const REGISTER_VEC4 = 8;

/** Workgroup bytes of a candidate, as the generated WGSL declares them. */
export function decodeBytes(t: Omit<DecodeTiles, "bytes" | "workgroup">): number {
  const scores = t.kp * t.ku * t.rb;
  const reduce = t.lr * (scores + 1); // partial dots, rows padded by one against bank conflicts
  const stats = t.kp * t.rb + 2 * t.rb; // per-group maxima, row maxima, row sums
  const combine = t.rb * (t.headDim / 4) * 4; // the combined output block, vec4s
  return 4 * (reduce + scores + stats + combine);
}

/**
 * The decode kernel for a head dim and `rows` query rows per (batch, KV
 * head) on a tier, or undefined when none fits (the caller explains).
 *
 * Lanes per key row: the fewest chunks `c` (1 to 4) that bring `lr` to 32
 * or less (one warp streams whole rows); head dims without such a divisor
 * take `c = 1` and up to 128 lanes. Invocations: 128 (64 on the 16 KiB
 * tier), rounded down to whole rows. Rows per workgroup: as many as fit
 * (at most 8 / c: q and output slices stay in registers); keys per tile:
 * as many as make one score per invocation, fewer if storage is short.
 */
export function chooseDecodeTiles(
  headDim: number,
  rows: number,
  tier: Tier,
  maxInvocations = 256,
): DecodeTiles | undefined {
  if (!Number.isInteger(headDim) || headDim % 4 !== 0 || headDim < 4 || headDim > 512) {
    return undefined;
  }
  const d4 = headDim / 4;
  let c = 1;
  for (const candidate of [1, 2, 3, 4]) {
    if (d4 % candidate === 0 && d4 / candidate <= 32) {
      c = candidate;
      break;
    }
  }
  const lr = d4 / c;
  const target = Math.min(tier === "T16" ? 64 : 128, maxInvocations);
  if (lr > maxInvocations) return undefined;
  const kp = Math.max(1, Math.floor(target / lr));
  const workgroup = kp * lr;
  const budget = TIER_BYTES[tier];
  const rbMax = Math.max(1, Math.min(rows, Math.floor(REGISTER_VEC4 / c)));
  for (let rb = rbMax; rb >= 1; rb--) {
    for (let ku = Math.max(1, Math.floor(lr / rb)); ku >= 1; ku--) {
      const candidate = { headDim, c, lr, kp, ku, rb };
      const bytes = decodeBytes(candidate);
      if (bytes <= budget) return { ...candidate, workgroup, bytes };
    }
  }
  return undefined;
}

/**
 * The number of KV splits: enough workgroups to fill the device
 * (`targetWorkgroups`, e.g. two per SM) over `workItems` = batch x KV
 * heads x row blocks, but never fewer than MIN_KEYS_PER_SPLIT keys per
 * split, nor more splits than a grid dimension holds; then shrunk so every
 * split is non-empty with ceil(length / splits) keys. A pure function of
 * its arguments: the same call always splits the same way.
 */
export function decodeSplits(
  length: number,
  workItems: number,
  targetWorkgroups: number,
  maxPerDimension: number,
): { splits: number; keysPerSplit: number } {
  const wanted = Math.ceil(targetWorkgroups / Math.max(1, workItems));
  const cap = Math.ceil(length / MIN_KEYS_PER_SPLIT);
  return evenSplits(length, Math.max(1, Math.min(wanted, cap, maxPerDimension)));
}

/** `splits` non-empty splits of ceil(length / splits) keys (fewer when that leaves empty ones). */
export function evenSplits(
  length: number,
  splits: number,
): { splits: number; keysPerSplit: number } {
  const keysPerSplit = Math.max(1, Math.ceil(length / splits));
  return { splits: Math.max(1, Math.ceil(length / keysPerSplit)), keysPerSplit };
}
