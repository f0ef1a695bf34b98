/**
 * The shape of the "keys" decode kernel and its split rule.
 *
 * A workgroup serves one (batch, KV head, split) and a block of `rb` query
 * rows (a row is a (query token, head in the group) pair, so one K/V read
 * serves the whole GQA group). Per tile of `tk` keys:
 * - all `wg` invocations copy the tile's K rows into workgroup memory with
 *   coalesced 16-byte loads, and load the V rows they will need into
 *   registers (both in flight together);
 * - invocation t < tk computes the full dot product of key t with every
 *   query row (no cross-invocation reduction per key); where tk < wg, the
 *   other invocations take the same keys for other rows;
 * - invocation (c, g) = (lid % de, lid / de) owns load unit c of the head
 *   dim and the keys g, g + kg, ... of the tile for P·V.
 * A load unit is one vec4<f32> (4 dims) in float32 and one vec4<u32> (8
 * float16 dims) in float16, so every load moves 16 bytes.
 */

import { type Tier, TIER_BYTES } from "./_tiles.ts";

/** Everything that fixes the shape of one "keys" decode kernel. */
export interface KeysTiles {
  readonly headDim: number;
  /** Storage of the cache: float32 or float16 (read as packed u32 words). */
  readonly kv: "f32" | "f16";
  /** Head dims per 16-byte load unit: 4 (f32) or 8 (f16). */
  readonly e: number;
  /** Load units per row (headDim / e). */
  readonly de: number;
  /** Invocations per workgroup (kg * de). */
  readonly wg: number;
  /** Key groups of the P·V phase (wg / de). */
  readonly kg: number;
  /** Keys per tile (at most wg: one score invocation per key). */
  readonly tk: number;
  /** Keys per tile each P·V invocation holds in registers (tk / kg). */
  readonly vk: number;
  /** Query rows per workgroup. */
  readonly rb: number;
  /**
   * Score groups: where a tile has fewer keys than invocations, `sg` groups
   * of `tk` invocations split the rows (each still computes whole dot
   * products), `rh` rows each.
   */
  readonly sg: number;
  /** Rows per score invocation (ceil(rb / sg)). */
  readonly rh: number;
  /** Workgroup storage the kernel declares, in bytes. */
  readonly bytes: number;
}

/** Invocations a workgroup aims for. */
const TARGET_INVOCATIONS = 128;
/** Load units of V one invocation prefetches per tile (16 x 16 bytes = 64 registers). */
const MAX_PREFETCH = 16;
/** Query rows per workgroup (accumulators: 32 registers in f32, 64 in f16). */
const MAX_ROWS = 8;

/** Workgroup bytes of a candidate, as the generated WGSL declares them. */
export function keysBytes(
  t: { headDim: number; de: number; tk: number; rb: number },
): number {
  const kTile = t.tk * (t.de + 1) * 16; // rows padded by one unit against bank conflicts
  const q = t.rb * (t.headDim / 4) * 16; // scaled, rotated q (later the combined output)
  const p = t.tk * t.rb * 4; // probabilities of the tile
  const max = t.rb * 4; // running maxima (atomics)
  return kTile + q + p + max;
}

/**
 * The "keys" kernel for a head dim, `rows` query rows per (batch, KV head)
 * and the cache's storage on a tier, or a reason why there is none (the
 * call then runs the split kernel).
 *
 * Invocations: the multiple of the row's load units nearest below 128.
 * Rows per workgroup: all of them up to 8 (more take several row blocks,
 * each reading K and V), fewer where no tile fits. Keys per tile: the most that fit the tier's workgroup storage,
 * at most one per invocation and 16 prefetched V units per invocation,
 * preferring multiples of 32 (whole warps of score invocations).
 */
export function chooseKeysTiles(
  headDim: number,
  rows: number,
  kv: "f32" | "f16",
  tier: Tier,
  maxInvocations = 256,
): KeysTiles | string {
  const e = kv === "f16" ? 8 : 4;
  if (!Number.isInteger(headDim) || headDim % e !== 0 || headDim < e || headDim > 512) {
    return `the keys kernel reads ${kv} rows in 16-byte units of ${e} dims, so it needs a head dim that is a multiple of ${e} up to 512, got ${headDim}`;
  }
  const de = headDim / e;
  const wgMax = Math.min(TARGET_INVOCATIONS, maxInvocations);
  if (de > wgMax) {
    return `a row of ${de} load units needs more than the ${wgMax} invocations per workgroup`;
  }
  const kg = Math.floor(wgMax / de);
  const wg = kg * de;
  const rbMax = Math.max(1, Math.min(rows, MAX_ROWS));
  const budget = TIER_BYTES[tier];
  for (let rb = rbMax; rb >= 1; rb--) {
    let fallback: KeysTiles | undefined;
    for (let tk = Math.min(wg, kg * MAX_PREFETCH); tk >= kg; tk -= kg) {
      const bytes = keysBytes({ headDim, de, tk, rb });
      if (bytes > budget) continue;
      const rh = Math.ceil(rb / Math.max(1, Math.floor(wg / tk)));
      const sg = Math.ceil(rb / rh);
      const tiles = { headDim, kv, e, de, wg, kg, tk, vk: tk / kg, rb, sg, rh, bytes };
      if (tk % 32 === 0 || tk < 32) return tiles;
      fallback ??= tiles;
    }
    if (fallback) return fallback;
  }
  return `no tile of keys fits ${budget} bytes of workgroup storage (tier ${tier}) at head dim ${headDim}`;
}

/** Keys a split streams at least (two f16 tiles of 128 keys). */
export const KEYS_MIN_PER_SPLIT = 256;
/** Keys a split streams at most: longer caches get more splits. */
export const KEYS_MAX_PER_SPLIT = 1024;
/** Workgroups the rule aims for, in multiples of the adapter's `decodeWorkgroups`. */
export const KEYS_WORKGROUP_FACTOR = 4;

/**
 * The split rule of the keys kernel: enough workgroups for
 * `KEYS_WORKGROUP_FACTOR x targetWorkgroups` over `workItems` = batch x KV
 * heads x row blocks (on an H100/H200, 4 x 256 = 1024, about 8 per SM), each
 * walking between 256 and 1024 keys, rounded up to whole tiles of `tk`
 * keys; at most `maxPerDimension` splits; then evened so every split is
 * non-empty. A pure function of its arguments.
 */
export function keysSplits(
  length: number,
  workItems: number,
  targetWorkgroups: number,
  maxPerDimension: number,
  tk: number,
): { splits: number; keysPerSplit: number } {
  const target = KEYS_WORKGROUP_FACTOR * Math.max(1, targetWorkgroups);
  const wanted = Math.ceil((length * Math.max(1, workItems)) / target);
  const clamped = Math.min(KEYS_MAX_PER_SPLIT, Math.max(KEYS_MIN_PER_SPLIT, wanted));
  let keysPerSplit = Math.ceil(clamped / tk) * tk;
  let splits = Math.max(1, Math.ceil(length / keysPerSplit));
  if (splits > maxPerDimension) {
    splits = maxPerDimension;
    keysPerSplit = Math.ceil(length / splits);
  }
  if (splits === 1) return { splits: 1, keysPerSplit: Math.max(1, length) };
  return { splits: Math.ceil(length / keysPerSplit), keysPerSplit };
}
