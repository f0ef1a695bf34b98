import { checkOneOf, checkTensor, formatValue } from "@posenc/tensor/validate";
import type { AnglePrecision, RopeCache } from "./types.ts";
import { checkPositionList } from "./_positions.ts";
import { ANGLE_PRECISIONS } from "./_validate.ts";

/** Caches built by ropeCache: their values need no scan for NaN. */
export const BUILT_CACHES: WeakSet<RopeCache> = new WeakSet();

/** A validated cache with a position -> row lookup. */
export interface CacheView {
  readonly cos: Float32Array;
  readonly sin: Float32Array;
  readonly rows: number;
  readonly half: number;
  readonly angles: AnglePrecision | undefined;
  /** Row holding `position`, or -1. */
  readonly rowOf: (position: number) => number;
  /** When row r holds position `first + r` for every row: that first position; else null. */
  readonly first: number | null;
  /** Human-readable list of the positions held, for error messages. */
  readonly describe: () => string;
}

// Views of caches built by ropeCache, which are indexed once, not on every call.
const VIEWS = new WeakMap<RopeCache, CacheView>();

/** Checks a cache (any object with the {@linkcode RopeCache} shape) and indexes its positions. */
export function viewCache(name: string, cache: RopeCache): CacheView {
  const known = VIEWS.get(cache);
  if (known !== undefined) return known;
  const view = buildView(name, cache);
  if (BUILT_CACHES.has(cache)) VIEWS.set(cache, view);
  return view;
}

function buildView(name: string, cache: RopeCache): CacheView {
  const cosT = checkTensor(`${name}.cos`, cache.cos, { rank: 2 });
  const sinT = checkTensor(`${name}.sin`, cache.sin, { rank: 2 });
  const [rows, half] = cosT.shape as [number, number];
  if (sinT.shape[0] !== rows || sinT.shape[1] !== half) {
    throw new RangeError(
      `Invalid ${name}: expected cos and sin of the same shape, got [${
        cosT.shape.join(", ")
      }] and [${sinT.shape.join(", ")}]`,
    );
  }
  if (half < 1) {
    throw new RangeError(`Invalid ${name}.cos: expected at least 1 column, got shape [${rows}, 0]`);
  }
  if (cache.angles !== undefined) {
    checkOneOf(`${name}.angles`, cache.angles, { allowed: ANGLE_PRECISIONS });
  }
  if (!BUILT_CACHES.has(cache)) {
    for (const [label, data] of [["cos", cosT.data], ["sin", sinT.data]] as const) {
      for (let i = 0; i < data.length; i++) {
        if (!Number.isFinite(data[i]!)) {
          throw new RangeError(
            `Invalid ${name}.${label}: expected finite values, got ${formatValue(data[i])} at row ${
              Math.floor(i / half)
            }, column ${i % half}`,
          );
        }
      }
    }
  }
  const list = cache.positions;
  if (list === undefined) {
    return {
      cos: cosT.data,
      sin: sinT.data,
      rows,
      half,
      angles: cache.angles,
      rowOf: (p) => (p < rows ? p : -1),
      first: 0,
      describe: () => rows === 0 ? "no positions" : `positions 0 to ${rows - 1}`,
    };
  }
  const positions = BUILT_CACHES.has(cache)
    ? list
    : checkPositionList(`${name}.positions`, list, false);
  if (positions.length !== rows) {
    throw new RangeError(
      `Invalid ${name}.positions: expected ${rows} entries (one per row of cos), got ${positions.length}`,
    );
  }
  const first = positions[0] ?? 0;
  let contiguous = true;
  for (let r = 1; r < rows && contiguous; r++) contiguous = positions[r] === first + r;
  let rowOf: (p: number) => number;
  if (contiguous) {
    rowOf = (p) => (p >= first && p < first + rows ? p - first : -1);
  } else {
    const index = new Map<number, number>();
    for (let r = rows - 1; r >= 0; r--) index.set(positions[r]!, r);
    rowOf = (p) => index.get(p) ?? -1;
  }
  return {
    cos: cosT.data,
    sin: sinT.data,
    rows,
    half,
    angles: cache.angles,
    rowOf,
    first: contiguous ? first : null,
    describe: () =>
      rows === 0
        ? "no positions"
        : contiguous
        ? `positions ${first} to ${first + rows - 1}`
        : `positions ${formatValue(Array.from(positions))}`,
  };
}
