import type { AnglePrecision } from "./cache.ts";

/** Steps of the angle recurrence between two exact evaluations (bounds drift to ~1e-13). */
const ANCHOR_EVERY = 256;
/**
 * Below this angle float32 rounds by at most 2^-8 rad, where a degree-5
 * Taylor series gives cos δ and sin δ to ~1e-17.
 */
const SMALL_ANGLE = 2 ** 17;

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
 * values equal fround(Math.cos(fround(a))) all but a few times in ten
 * million, and are always within an ulp of it.
 */
export class AngleRows {
  readonly #invFreq: Float32Array;
  readonly #factor: number;
  readonly #float32: boolean;
  readonly #maxFreq: number;
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
    let maxFreq = 0;
    for (let i = 0; i < half; i++) {
      this.#stepCos[i] = Math.cos(invFreq[i]!);
      this.#stepSin[i] = Math.sin(invFreq[i]!);
      maxFreq = Math.max(maxFreq, invFreq[i]!);
    }
    this.#maxFreq = maxFreq;
  }

  /** Writes the `rotaryDim / 2` cos and sin values of `position` at `offset`. */
  write(position: number, cos: Float32Array, sin: Float32Array, offset: number): void {
    if (
      this.#float32 && position === this.#last + 1 &&
      this.#sinceAnchor < ANCHOR_EVERY && position * this.#maxFreq < SMALL_ANGLE
    ) {
      this.#stepFloat32(position, cos, sin, offset);
    } else {
      this.#advance(position);
      this.#writeGeneral(position, cos, sin, offset);
    }
  }

  /** The common case in one pass: the next position, with small float32 angles. */
  #stepFloat32(position: number, cos: Float32Array, sin: Float32Array, offset: number): void {
    const invFreq = this.#invFreq;
    const c64 = this.#cos;
    const s64 = this.#sin;
    const stepCos = this.#stepCos;
    const stepSin = this.#stepSin;
    const factor = this.#factor;
    for (let i = 0; i < invFreq.length; i++) {
      const c0 = c64[i]!;
      const s0 = s64[i]!;
      const sc = stepCos[i]!;
      const ss = stepSin[i]!;
      const c = c0 * sc - s0 * ss;
      const s = s0 * sc + c0 * ss;
      c64[i] = c;
      s64[i] = s;
      // Exact: position < 2^24 and invFreq are float32, so the product has <= 48 bits.
      const angle = position * invFreq[i]!;
      const delta = Math.fround(angle) - angle;
      const d2 = delta * delta;
      const cd = 1 - d2 * (0.5 - d2 * (1 / 24));
      const sd = delta * (1 - d2 * (1 / 6 - d2 * (1 / 120)));
      const cv = c * cd - s * sd;
      const sv = s * cd + c * sd;
      cos[offset + i] = factor === 1 ? cv : Math.fround(Math.fround(cv) * factor);
      sin[offset + i] = factor === 1 ? sv : Math.fround(Math.fround(sv) * factor);
    }
    this.#sinceAnchor++;
    this.#last = position;
  }

  #writeGeneral(position: number, cos: Float32Array, sin: Float32Array, offset: number): void {
    const invFreq = this.#invFreq;
    const c64 = this.#cos;
    const s64 = this.#sin;
    const factor = this.#factor;
    for (let i = 0; i < invFreq.length; i++) {
      let c = c64[i]!;
      let s = s64[i]!;
      if (this.#float32) {
        const angle = position * invFreq[i]!;
        const rounded = Math.fround(angle);
        const delta = rounded - angle;
        if (Math.abs(delta) <= 2 ** -8) {
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
      cos[offset + i] = factor === 1 ? c : Math.fround(Math.fround(c) * factor);
      sin[offset + i] = factor === 1 ? s : Math.fround(Math.fround(s) * factor);
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
