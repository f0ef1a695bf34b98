import type { AnglePrecision } from "./cache.ts";

/** Steps of the angle recurrence between two exact evaluations (bounds drift to ~1e-13). */
const ANCHOR_EVERY = 256;
/** Below this |δ| a degree-5 Taylor series gives cos δ and sin δ to far better than float32. */
const TAYLOR_LIMIT = 2 ** -7;

/**
 * Writes float32 cos and sin rows, times the attention factor, for one
 * position after another, as Hugging Face computes them:
 * `fround(fround(cos(angle)) * fround(attentionFactor))` with
 * `angle = fround(position * invFreq[i])` ("float32") or the float64 product
 * ("float64").
 *
 * Calling Math.cos and Math.sin per entry would cost more than rotating the
 * tensor, so consecutive positions advance by the angle-addition recurrence
 * (exact float64 angles `position * invFreq[i]`, re-anchored with Math.cos
 * every 256 steps), and for float32 angles the result is turned by the
 * small exact difference `δ = fround(a) - a`:
 * `cos(a + δ) = cos a cos δ - sin a sin δ`. After rounding to float32 the
 * values equal fround(Math.cos(fround(a))) on every case we checked, and
 * are always within an ulp of it.
 */
export class AngleRows {
  readonly #invFreq: Float32Array;
  readonly #factor: number;
  readonly #float32: boolean;
  readonly #cos: Float64Array;
  readonly #sin: Float64Array;
  readonly #stepCos: Float64Array;
  readonly #stepSin: Float64Array;
  #last = -2;
  #sinceAnchor = 0;

  constructor(invFreq: Float32Array, attentionFactor: number, angles: AnglePrecision) {
    const half = invFreq.length;
    this.#invFreq = invFreq;
    // HF multiplies the float32 cos/sin tensor by a python float: float32 arithmetic.
    this.#factor = Math.fround(attentionFactor);
    this.#float32 = angles === "float32";
    this.#cos = new Float64Array(half);
    this.#sin = new Float64Array(half);
    this.#stepCos = new Float64Array(half);
    this.#stepSin = new Float64Array(half);
    for (let i = 0; i < half; i++) {
      this.#stepCos[i] = Math.cos(invFreq[i]!);
      this.#stepSin[i] = Math.sin(invFreq[i]!);
    }
  }

  /**
   * Writes the row of `position` at `offset` of `cos` and `sin`: `half`
   * values each, or with `interleaved` the `2 * half` values
   * `(c0, c0, c1, c1, ...)` and `(-s0, s0, -s1, s1, ...)` the interleaved
   * kernels read.
   */
  write(
    position: number,
    cos: Float32Array,
    sin: Float32Array,
    offset: number,
    interleaved: boolean,
  ): void {
    this.#advance(position);
    const invFreq = this.#invFreq;
    const c64 = this.#cos;
    const s64 = this.#sin;
    const factor = this.#factor;
    const float32 = this.#float32;
    for (let i = 0; i < invFreq.length; i++) {
      let c = c64[i]!;
      let s = s64[i]!;
      if (float32) {
        // Exact: position < 2^24 and invFreq are float32, so the product has <= 48 bits.
        const angle = position * invFreq[i]!;
        const rounded = Math.fround(angle);
        const delta = rounded - angle;
        if (delta !== 0) {
          if (Math.abs(delta) < TAYLOR_LIMIT) {
            const d2 = delta * delta;
            const cd = 1 - d2 * (0.5 - d2 * (1 / 24));
            const sd = delta * (1 - d2 * (1 / 6 - d2 * (1 / 120)));
            const turned = c * cd - s * sd;
            s = s * cd + c * sd;
            c = turned;
          } else {
            c = Math.cos(rounded);
            s = Math.sin(rounded);
          }
        }
      }
      let cv = Math.fround(c);
      let sv = Math.fround(s);
      if (factor !== 1) {
        cv = Math.fround(cv * factor);
        sv = Math.fround(sv * factor);
      }
      if (interleaved) {
        const j = offset + 2 * i;
        cos[j] = cv;
        cos[j + 1] = cv;
        sin[j] = -sv;
        sin[j + 1] = sv;
      } else {
        cos[offset + i] = cv;
        sin[offset + i] = sv;
      }
    }
  }

  /** Moves the float64 state (cos and sin of `position * invFreq[i]`) to `position`. */
  #advance(position: number): void {
    const invFreq = this.#invFreq;
    const c64 = this.#cos;
    const s64 = this.#sin;
    if (position === this.#last) return;
    if (position === this.#last + 1 && this.#sinceAnchor < ANCHOR_EVERY) {
      const stepCos = this.#stepCos;
      const stepSin = this.#stepSin;
      for (let i = 0; i < invFreq.length; i++) {
        const c = c64[i]!;
        const s = s64[i]!;
        const sc = stepCos[i]!;
        const ss = stepSin[i]!;
        c64[i] = c * sc - s * ss;
        s64[i] = s * sc + c * ss;
      }
      this.#sinceAnchor++;
    } else {
      for (let i = 0; i < invFreq.length; i++) {
        const angle = position * invFreq[i]!;
        c64[i] = Math.cos(angle);
        s64[i] = Math.sin(angle);
      }
      this.#sinceAnchor = 0;
    }
    this.#last = position;
  }
}

/**
 * Copies row `row` of half-width float32 cos/sin tables (a {@linkcode
 * RopeCache}'s layout) to `offset` of the kernel tables, spreading it over
 * pairs for the interleaved kernels as {@linkcode AngleRows.write} does.
 */
export function copyRow(
  fromCos: Float32Array,
  fromSin: Float32Array,
  row: number,
  half: number,
  cos: Float32Array,
  sin: Float32Array,
  offset: number,
  interleaved: boolean,
): void {
  const start = row * half;
  if (!interleaved) {
    cos.set(fromCos.subarray(start, start + half), offset);
    sin.set(fromSin.subarray(start, start + half), offset);
    return;
  }
  for (let i = 0; i < half; i++) {
    const cv = fromCos[start + i]!;
    const sv = fromSin[start + i]!;
    const j = offset + 2 * i;
    cos[j] = cv;
    cos[j + 1] = cv;
    sin[j] = -sv;
    sin[j + 1] = sv;
  }
}
