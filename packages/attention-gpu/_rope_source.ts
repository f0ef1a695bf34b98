/**
 * What a RoPE option rotates with: frequencies (angles computed from
 * positions) or a precomputed `RopeCache` (rows looked up by position, as
 * @posenc/rope's applyRope does: row p when the cache has no position list,
 * else the row whose listed position is p). Multimodal caches
 * (`multimodalRopeCache`) are of the second kind: row t rotates token t.
 */

import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import { checkFinite, checkTensor, formatValue } from "@posenc/tensor/validate";

/** Checks RoPE frequencies: a non-empty Float32Array of finite values >= 0 and a factor > 0. */
export function checkFrequencies(name: string, value: unknown): RopeFrequencies {
  const frequencies = value as Partial<RopeFrequencies> | null;
  if (
    frequencies === null || typeof frequencies !== "object" ||
    !(frequencies.invFreq instanceof Float32Array)
  ) {
    throw new TypeError(
      `Invalid ${name}: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got ${
        formatValue(frequencies)
      }`,
    );
  }
  const invFreq = frequencies.invFreq;
  if (invFreq.length === 0) {
    throw new RangeError(`Invalid ${name}.invFreq: expected at least 1 value, got 0`);
  }
  for (let i = 0; i < invFreq.length; i++) {
    checkFinite(`${name}.invFreq[${i}]`, invFreq[i], { min: 0 });
  }
  checkFinite(`${name}.attentionFactor`, frequencies.attentionFactor, {
    min: 0,
    exclusiveMin: true,
  });
  return frequencies as RopeFrequencies;
}

/** Where a side's tokens sit (the shape of `_plan.ts`'s Positions). */
type SidePositions =
  | { readonly kind: "range"; readonly start: number }
  | { readonly kind: "list"; readonly list: Float64Array };

/** Frequencies or a cache: what a resolved rope rotates with. */
export type RopeSource = RopeFrequencies | RopeCache;

/** Whether a source is a cache (it has cos and sin tables, no invFreq). */
export function isCache(source: RopeSource): source is RopeCache {
  return !("invFreq" in source);
}

/** Rotation pairs per token: `rotaryDim / 2`. */
export function sourceHalf(source: RopeSource): number {
  return isCache(source) ? source.cos.shape[1]! : source.invFreq.length;
}

/** How a source fixes the rotary dim, for error messages ("the" as in "2 x the 32 frequencies"). */
export function halfFrom(source: RopeSource, article = "the "): string {
  return isCache(source)
    ? `2 x the cache's ${sourceHalf(source)} columns`
    : `2 x ${article}${sourceHalf(source)} frequencies`;
}

interface CacheIndex {
  readonly rows: number;
  readonly rowOf: (position: number) => number;
  readonly describe: string;
}

// Checked caches (a cache is frozen by @posenc/rope; a hand-built one is
// checked once per object).
const INDEXES = new WeakMap<RopeCache, CacheIndex>();

/** Checks a RopeCache's shape and values and indexes its positions. */
function indexCache(name: string, cache: RopeCache): CacheIndex {
  const known = INDEXES.get(cache);
  if (known !== undefined) return known;
  const cos = checkTensor(`${name}.cos`, cache.cos, { rank: 2 });
  const sin = checkTensor(`${name}.sin`, cache.sin, { rank: 2 });
  const [rows, half] = cos.shape as [number, number];
  if (sin.shape[0] !== rows || sin.shape[1] !== half) {
    throw new RangeError(
      `Invalid ${name}: expected cos and sin of the same shape, got [${
        cos.shape.join(", ")
      }] and [${sin.shape.join(", ")}]`,
    );
  }
  if (half < 1) {
    throw new RangeError(`Invalid ${name}.cos: expected at least 1 column, got shape [${rows}, 0]`);
  }
  for (const [label, data] of [["cos", cos.data], ["sin", sin.data]] as const) {
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new RangeError(
          `Invalid ${name}.${label}: expected finite values, got ${formatValue(data[i])} at row ${
            Math.floor(i / half)
          }`,
        );
      }
    }
  }
  let index: CacheIndex;
  const list = cache.positions;
  if (list === undefined) {
    index = { rows, rowOf: (p) => (p < rows ? p : -1), describe: `${rows} rows` };
  } else {
    if (list.length !== rows) {
      throw new RangeError(
        `Invalid ${name}.positions: expected ${rows} entries (one per row of cos), got ${list.length}`,
      );
    }
    const map = new Map<number, number>();
    for (let r = rows - 1; r >= 0; r--) map.set(list[r]!, r);
    index = { rows, rowOf: (p) => map.get(p) ?? -1, describe: `${rows} listed positions` };
  }
  INDEXES.set(cache, index);
  return index;
}

/**
 * Checks the `frequencies` / `cache` pair of a rope option (exactly one of
 * them) and refuses `angles` with a cache (its tables fix the angles).
 */
export function checkRopeSource(
  name: string,
  rope: { readonly frequencies?: unknown; readonly cache?: unknown; readonly angles?: unknown },
): RopeSource {
  const hasFreq = rope.frequencies !== undefined;
  const hasCache = rope.cache !== undefined;
  if (hasFreq === hasCache) {
    throw new TypeError(
      `Invalid ${name}: expected exactly one of frequencies and cache, got ${
        hasFreq ? "both" : "neither"
      }`,
    );
  }
  if (hasFreq) return checkFrequencies(`${name}.frequencies`, rope.frequencies);
  return checkCacheArgument(`${name}.cache`, rope.cache, rope.angles, `${name}.angles`);
}

/** Checks a cache argument (and that no angles option came with it). */
export function checkCacheArgument(
  name: string,
  cache: unknown,
  angles: unknown,
  anglesName: string,
): RopeCache {
  if (cache === null || typeof cache !== "object" || !("cos" in cache) || !("sin" in cache)) {
    throw new TypeError(
      `Invalid ${name}: expected a RopeCache ({ cos, sin } tensors of shape [rows, rotaryDim / 2]), got ${
        formatValue(cache)
      }`,
    );
  }
  if (angles !== undefined) {
    throw new TypeError(
      `Invalid ${anglesName}: a RopeCache fixes its angles when built; omit angles with a cache, got ${
        formatValue(angles)
      }`,
    );
  }
  indexCache(name, cache as RopeCache);
  return cache as RopeCache;
}

/** Frequencies or a cache given as one argument (GpuAttention.applyRope). */
export function checkSourceArgument(name: string, value: unknown, angles: unknown): RopeSource {
  if (value !== null && typeof value === "object" && "cos" in value && !("invFreq" in value)) {
    return checkCacheArgument(name, value, angles, "angles");
  }
  return checkFrequencies(name, value);
}

/** The cache row of `position`, or a RangeError naming it. */
export function cacheRow(name: string, cache: RopeCache, position: number): number {
  const index = indexCache(name, cache);
  const row = index.rowOf(position);
  if (row < 0) {
    throw new RangeError(
      `Invalid ${name}: position ${position} is past the RopeCache (it has ${index.describe}); build the cache for every token`,
    );
  }
  return row;
}

/** Checks that every position of a side has a row in the cache. */
export function checkCachePositions(
  name: string,
  cache: RopeCache,
  positions: SidePositions,
  count: number,
): void {
  if (positions.kind === "range") {
    if (count > 0) {
      cacheRow(name, cache, positions.start);
      cacheRow(name, cache, positions.start + count - 1);
      if (cache.positions !== undefined) {
        for (let s = 1; s < count - 1; s++) cacheRow(name, cache, positions.start + s);
      }
    }
    return;
  }
  for (const p of positions.list) cacheRow(name, cache, p);
}

/**
 * Interleaved (cos, sin) float32 pairs of the cache rows of `positions`,
 * as {@linkcode ropeTable} lays them out: the cache's values as they are
 * (they already include the attention factor).
 */
export function gatherCacheTable(cache: RopeCache, positions: Float64Array): Float32Array {
  const half = cache.cos.shape[1]!;
  const cos = cache.cos.data;
  const sin = cache.sin.data;
  const out = new Float32Array(Math.max(1, positions.length) * half * 2);
  for (let r = 0; r < positions.length; r++) {
    const row = cacheRow("rope.cache", cache, positions[r]!);
    for (let i = 0; i < half; i++) {
      out[2 * (r * half + i)] = cos[row * half + i]!;
      out[2 * (r * half + i) + 1] = sin[row * half + i]!;
    }
  }
  return out;
}

const CACHE_IDS = new WeakMap<RopeCache, number>();
let nextCacheId = 1;

/** Identifies a cache object for the KV cache's rotation checks. */
export function cacheFingerprint(prefix: string, cache: RopeCache): string {
  let id = CACHE_IDS.get(cache);
  if (id === undefined) {
    id = nextCacheId++;
    CACHE_IDS.set(cache, id);
  }
  return `${prefix}|cache#${id}`;
}
