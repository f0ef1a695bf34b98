/**
 * Panel 1's numbers: the sinusoidal table over twice the training length,
 * and the dot product between positions as a function of their distance.
 *
 * @module
 */

import { sinusoidalTable } from "@posenc/sinusoidal";
import type { PanelValues } from "./params.ts";

/** Rows of the heatmap at most (beyond that each row averages a run of positions). */
export const HEATMAP_ROWS = 256;
/** Points of the dot-product curve at most. */
export const DOT_POINTS = 1024;

/** A row-major matrix for a heatmap. */
export interface Heatmap {
  /** The first position of each row. */
  readonly positions: readonly number[];
  /**
   * How many positions each row covers (the sinusoidal table only): 1 when every position has its row,
   * else a run whose mean the row shows.
   */
  readonly spans?: readonly number[];
  /** Columns per row (the model dim). */
  readonly columns: number;
  /** `positions.length * columns` values, row by row. */
  readonly values: readonly number[];
}

/** Panel 1's data. */
export interface SinusoidalData {
  /**
   * PE(p) for p in [0, 2 · length) in at most {@linkcode HEATMAP_ROWS} rows:
   * beyond that, each row is the mean of its run of positions. Sampling one
   * position per row would alias the fast dims into false moiré bands (from a
   * length of about 400 on); the mean is what a pixel covering them shows.
   */
  readonly heatmap: Heatmap;
  /**
   * `PE(from)·PE(from + k)` for sampled k in [0, 2 · length), from position 0
   * and from the training length: the two curves coincide (the dot product is
   * relative), but a curve that is not monotone lets far positions look near.
   */
  readonly dot: readonly {
    readonly from: number;
    readonly distance: number;
    readonly dot: number;
  }[];
  /** Frequency pairs whose wavelength exceeds the training length: they never turned once in training. */
  readonly slowPairs: number;
  /** Largest PE(0)·PE(k) over distances k >= length, and where it occurs. */
  readonly farPeak: { readonly distance: number; readonly dot: number };
  /** The smallest distance whose dot product is already as low as farPeak's. */
  readonly sameAsNear: number;
}

/** `count` positions from 0 to `end` (exclusive), evenly spaced, all of them when they fit. */
export function samplePositions(end: number, count: number): number[] {
  if (end <= count) return Array.from({ length: end }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.round(i * (end - 1) / (count - 1)));
}

function rows(positions: readonly number[], values: PanelValues<"sinusoidal">): Float32Array[] {
  const { dim, base, layout } = values;
  // Contiguous positions come from one table; sampled ones one row each.
  const contiguous = positions.every((p, i) => p === positions[0]! + i);
  if (contiguous && positions.length > 0) {
    const table = sinusoidalTable(positions.length, dim, { base, layout, offset: positions[0]! });
    return positions.map((_, i) => table.data.subarray(i * dim, (i + 1) * dim));
  }
  return positions.map((p) => sinusoidalTable(1, dim, { base, layout, offset: p }).data);
}

/**
 * The mean of PE(p) over p in [start, start + span), per dim: the package's
 * row at `start` turned by the average of `e^{ikω}` over k < span, whose closed
 * form is `K · e^{i(span−1)ω/2}` with `K = sin(span·ω/2) / (span · sin(ω/2))`.
 * O(dim) per row, however many positions it covers.
 */
function meanRow(
  first: Float32Array,
  span: number,
  values: PanelValues<"sinusoidal">,
): Float32Array {
  const { dim, base, layout } = values;
  const half = dim / 2;
  const out = new Float32Array(dim);
  for (let i = 0; i < half; i++) {
    const omega = base ** (-2 * i / dim);
    const damping = Math.abs(Math.sin(omega / 2)) < 1e-12
      ? 1
      : Math.sin(span * omega / 2) / (span * Math.sin(omega / 2));
    const turn = (span - 1) * omega / 2;
    const re = damping * Math.cos(turn);
    const im = damping * Math.sin(turn);
    const [si, ci] = layout === "interleaved" ? [2 * i, 2 * i + 1] : [i, half + i];
    const sin = first[si]!;
    const cos = first[ci]!;
    out[si] = sin * re + cos * im;
    out[ci] = cos * re - sin * im;
  }
  return out;
}

/** Rows of [0, end): one per position when they fit, else `count` runs. */
export function heatmapRuns(end: number, count: number): { starts: number[]; spans: number[] } {
  const rowsShown = Math.min(end, count);
  const starts: number[] = [];
  const spans: number[] = [];
  for (let r = 0; r < rowsShown; r++) {
    const start = Math.floor(r * end / rowsShown);
    starts.push(start);
    spans.push(Math.floor((r + 1) * end / rowsShown) - start);
  }
  return { starts, spans };
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/**
 * Computes panel 1.
 *
 * @param values The panel's parameters.
 * @returns The heatmap and the dot-product curves.
 */
export function computeSinusoidal(values: PanelValues<"sinusoidal">): SinusoidalData {
  const { length, dim, base } = values;
  const end = 2 * length;
  const { starts, spans } = heatmapRuns(end, HEATMAP_ROWS);
  const heatRows = rows(starts, values).map((row, r) =>
    spans[r] === 1 ? row : meanRow(row, spans[r]!, values)
  );
  const heat: number[] = [];
  for (const row of heatRows) for (const v of row) heat.push(v);

  const distances = samplePositions(end, DOT_POINTS);
  const curve: { from: number; distance: number; dot: number }[] = [];
  for (const from of [0, length]) {
    const origin = rows([from], values)[0]!;
    const others = rows(distances.map((k) => from + k), values);
    distances.forEach((distance, i) =>
      curve.push({ from, distance, dot: dot(origin, others[i]!) })
    );
  }

  const fromZero = curve.filter((c) => c.from === 0);
  const far = fromZero.filter((c) => c.distance >= length);
  const farPeak = far.reduce((best, c) => (c.dot > best.dot ? c : best), far[0]!);
  const sameAsNear = fromZero.find((c) => c.dot <= farPeak.dot)!.distance;
  // Pair k turns at ω_k = base^(-2k/dim): its wavelength 2π/ω_k exceeds the training length.
  let slowPairs = 0;
  for (let k = 0; k < Math.ceil(dim / 2); k++) {
    if (2 * Math.PI * base ** (2 * k / dim) > length) slowPairs++;
  }
  return {
    heatmap: { positions: starts, spans, columns: dim, values: heat },
    dot: curve,
    slowPairs,
    farPeak: { distance: farPeak.distance, dot: farPeak.dot },
    sameAsNear,
  };
}
