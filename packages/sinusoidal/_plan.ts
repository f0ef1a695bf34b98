import { checkFinite, checkInteger, checkOneOf, type OptionKeys } from "@posenc/tensor/validate";
import type { SinusoidalExponent, SinusoidalFormatOptions, SinusoidalLayout } from "./types.ts";

/**
 * Largest position accepted. Angles are formed in float64, so position p is
 * off by at most p * 2^-53 radians: 4.8e-7 at 2^32, still below the float32
 * resolution of the output near 1. Beyond that the table would silently lose
 * digits, so it is refused instead.
 */
export const MAX_POSITION = 2 ** 32;

/**
 * Largest `dim` accepted: four times the widest model dimension in use
 * (GPT-3's 12288), so a wrong argument fails at once instead of allocating
 * per-frequency tables of gigabytes.
 */
export const MAX_DIM = 65536;

/** The keys of {@linkcode SinusoidalFormatOptions}, for the option checks. */
export const FORMAT_KEYS: OptionKeys<SinusoidalFormatOptions> = {
  base: true,
  layout: true,
  exponent: true,
};

/**
 * Rows computed by the rotation recurrence between two exact re-anchors.
 * Each recurrence step adds at most a few float64 roundings (about 4 * 2^-53
 * per row), so the drift before the next anchor stays below 3e-14: a
 * million times under float32's resolution.
 */
export const ANCHOR_EVERY = 64;

/** Everything the fill loops need, computed once per (dim, base, layout, exponent). */
export interface TablePlan {
  readonly dim: number;
  readonly layout: SinusoidalLayout;
  /** Frequencies that have both a sin and a cos column: floor(dim / 2). */
  readonly pairs: number;
  /** Column of pair 0's cos in the concat layout. */
  readonly cosStart: number;
  /**
   * Column of the extra sin-only frequency (Vaswani exponent with an odd
   * dim, as Hugging Face fills it), or -1.
   */
  readonly sinOnlyColumn: number;
  /** Angular frequency per frequency index (pairs, then the sin-only one). */
  readonly omega: Float64Array;
  /** sin and cos of one position step, per frequency: the recurrence's rotation. */
  readonly stepSin: Float64Array;
  readonly stepCos: Float64Array;
}

/** Validates the format options and precomputes frequencies and step rotations. */
export function planTable(dim: number, options: SinusoidalFormatOptions): TablePlan {
  checkInteger("dim", dim, { min: 1 });
  if (dim > MAX_DIM) checkInteger("dim", dim, { min: 1, max: MAX_DIM });
  const base = checkFinite("base", options.base ?? 10000, { min: 0, exclusiveMin: true });
  const layout: SinusoidalLayout = checkOneOf("layout", options.layout ?? "interleaved", {
    allowed: ["interleaved", "concat"],
  });
  const exponent: SinusoidalExponent = checkOneOf("exponent", options.exponent ?? "vaswani", {
    allowed: ["vaswani", "tensor2tensor"],
  });
  const pairs = Math.floor(dim / 2);
  const odd = dim % 2 === 1;
  const sinOnly = odd && exponent === "vaswani";
  const count = pairs + (sinOnly ? 1 : 0);
  const omega = new Float64Array(count);
  if (exponent === "vaswani") {
    // Hugging Face and the paper: position / base^(2k / dim).
    for (let k = 0; k < count; k++) omega[k] = 1 / Math.pow(base, (2 * k) / dim);
  } else {
    // tensor2tensor's get_timing_signal_1d (and fairseq): the exponents span
    // [0, 1] exactly, with later tensor2tensor's guard against one frequency.
    const increment = Math.log(base) / Math.max(pairs - 1, 1);
    for (let k = 0; k < count; k++) omega[k] = Math.exp(-k * increment);
  }
  const stepSin = omega.map(Math.sin);
  const stepCos = omega.map(Math.cos);
  // Marian puts ceil(dim / 2) sin columns first; tensor2tensor puts the
  // unpaired column (zeros) last.
  const cosStart = sinOnly ? pairs + 1 : pairs;
  const sinOnlyColumn = sinOnly ? (layout === "interleaved" ? 2 * pairs : pairs) : -1;
  return { dim, layout, pairs, cosStart, sinOnlyColumn, omega, stepSin, stepCos };
}

/**
 * Writes the table rows of positions `first .. first + count - 1` into
 * `out`, starting at element `start`, one row of `dim` elements each; with
 * `accumulate` it adds them to what is there instead. Columns without a
 * value (tensor2tensor's pad column) are left untouched.
 *
 * Each frequency's (sin, cos) is computed exactly with Math.sin/Math.cos at
 * an anchor row every {@linkcode ANCHOR_EVERY} rows and advanced in between
 * by the angle-addition rotation, so the output costs a few multiplies per
 * element instead of a Math.sin.
 */
export function fillRows(
  plan: TablePlan,
  out: Float32Array | Float64Array,
  start: number,
  first: number,
  count: number,
  accumulate = false,
): void {
  const { dim, pairs, sinOnlyColumn, omega, stepSin, stepCos } = plan;
  // Column of pair k's sin is sinBase + sinStride * k, of its cos cosBase + sinStride * k.
  const interleaved = plan.layout === "interleaved";
  const stride = interleaved ? 2 : 1;
  const cosBase = interleaved ? 1 : plan.cosStart;
  const frequencies = omega.length;
  const sin = new Float64Array(frequencies);
  const cos = new Float64Array(frequencies);
  for (let row = 0; row < count; row++) {
    if (row % ANCHOR_EVERY === 0) {
      const position = first + row;
      for (let k = 0; k < frequencies; k++) {
        const angle = position * omega[k]!;
        sin[k] = Math.sin(angle);
        cos[k] = Math.cos(angle);
      }
    }
    const o = start + row * dim;
    const oc = o + cosBase;
    if (accumulate) {
      for (let k = 0; k < pairs; k++) {
        const s = sin[k]!;
        const c = cos[k]!;
        out[o + stride * k] = out[o + stride * k]! + s;
        out[oc + stride * k] = out[oc + stride * k]! + c;
        const ss = stepSin[k]!;
        const sc = stepCos[k]!;
        sin[k] = s * sc + c * ss;
        cos[k] = c * sc - s * ss;
      }
    } else {
      for (let k = 0; k < pairs; k++) {
        const s = sin[k]!;
        const c = cos[k]!;
        out[o + stride * k] = s;
        out[oc + stride * k] = c;
        const ss = stepSin[k]!;
        const sc = stepCos[k]!;
        sin[k] = s * sc + c * ss;
        cos[k] = c * sc - s * ss;
      }
    }
    if (sinOnlyColumn >= 0) {
      const s = sin[pairs]!;
      const c = cos[pairs]!;
      out[o + sinOnlyColumn] = accumulate ? out[o + sinOnlyColumn]! + s : s;
      sin[pairs] = s * stepCos[pairs]! + c * stepSin[pairs]!;
      cos[pairs] = c * stepCos[pairs]! - s * stepSin[pairs]!;
    }
  }
}
