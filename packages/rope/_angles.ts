import type { AnglePrecision } from "./types.ts";
import type { AngleSpace } from "./_kernel.ts";

/** Steps of the angle recurrence between two exact evaluations (bounds drift to ~1e-13). */
const ANCHOR_EVERY = 256;
/**
 * Below this angle float32 rounds by at most 2^-8 rad, where a degree-5
 * Taylor series gives cos δ and sin δ to ~1e-17.
 */
const SMALL_ANGLE = 2 ** 17;

/** Per-frequency rotation by one position step, and the largest frequency. */
interface Steps {
  /** Copy of the frequencies these were computed from. */
  readonly invFreq: Float32Array;
  readonly cos: Float64Array;
  readonly sin: Float64Array;
  readonly maxFreq: number;
}

// Keyed by the frequencies' array; the copy inside catches arrays changed in place.
const STEPS = new WeakMap<Float32Array, Steps>();

function stepsOf(invFreq: Float32Array): Steps {
  const known = STEPS.get(invFreq);
  if (known !== undefined) {
    let same = known.invFreq.length === invFreq.length;
    for (let i = 0; same && i < invFreq.length; i++) same = known.invFreq[i] === invFreq[i];
    if (same) return known;
  }
  const half = invFreq.length;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  let maxFreq = 0;
  for (let i = 0; i < half; i++) {
    cos[i] = Math.cos(invFreq[i]!);
    sin[i] = Math.sin(invFreq[i]!);
    maxFreq = Math.max(maxFreq, invFreq[i]!);
  }
  const steps = { invFreq: invFreq.slice(), cos, sin, maxFreq };
  STEPS.set(invFreq, steps);
  return steps;
}

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
  readonly #steps: Steps;
  readonly #space: AngleSpace | null;
  /** Positions below this keep float32 angles under 2^17 (SMALL_ANGLE). */
  readonly #smallBelow: number;
  /** cos (first half) and sin (second half) of `last * invFreq[i]`, in float64. */
  readonly #state: Float64Array;
  #last = -2;
  #sinceAnchor = 0;

  /**
   * @param space A kernel's angle space: the state lives there and runs of
   * consecutive positions are stepped by the kernel (`writeRun` must then
   * write into that kernel's tables).
   */
  constructor(
    invFreq: Float32Array,
    attentionFactor: number,
    angles: AnglePrecision,
    space: AngleSpace | null = null,
  ) {
    this.#invFreq = invFreq;
    // HF multiplies the float32 cos/sin tensor by a python float: float32 arithmetic.
    this.#factor = Math.fround(attentionFactor);
    this.#float32 = angles === "float32";
    this.#steps = stepsOf(invFreq);
    this.#space = space;
    this.#smallBelow = this.#steps.maxFreq > 0 ? SMALL_ANGLE / this.#steps.maxFreq : Infinity;
    const half = invFreq.length;
    if (space === null) {
      this.#state = new Float64Array(2 * half);
    } else {
      this.#state = space.state;
      space.steps.set(this.#steps.cos);
      space.steps.set(this.#steps.sin, half);
      space.freq.set(invFreq);
    }
  }

  /**
   * Writes the rows of positions `first, first + 1, ..., first + count - 1`
   * into table rows `row, row + 1, ...` of `cos` and `sin`.
   */
  writeRun(first: number, count: number, cos: Float32Array, sin: Float32Array, row: number): void {
    const half = this.#invFreq.length;
    const space = this.#space;
    for (let t = 0; t < count;) {
      const position = first + t;
      if (
        space !== null && position === this.#last + 1 && this.#sinceAnchor < ANCHOR_EVERY &&
        (!this.#float32 || position < this.#smallBelow)
      ) {
        let n = Math.min(count - t, ANCHOR_EVERY - this.#sinceAnchor);
        if (this.#float32) n = Math.min(n, Math.ceil(this.#smallBelow) - position);
        space.run(position, n, row + t, this.#float32, this.#factor);
        this.#last = position + n - 1;
        this.#sinceAnchor += n;
        t += n;
      } else {
        this.write(position, cos, sin, (row + t) * half);
        t++;
      }
    }
  }

  /** Writes the `rotaryDim / 2` cos and sin values of `position` at `offset`. */
  write(position: number, cos: Float32Array, sin: Float32Array, offset: number): void {
    if (
      this.#float32 && position === this.#last + 1 &&
      this.#sinceAnchor < ANCHOR_EVERY && position < this.#smallBelow
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
    const half = invFreq.length;
    const state = this.#state;
    const { cos: stepCos, sin: stepSin } = this.#steps;
    const factor = this.#factor;
    for (let i = 0; i < half; i++) {
      const c0 = state[i]!;
      const s0 = state[half + i]!;
      const sc = stepCos[i]!;
      const ss = stepSin[i]!;
      const c = c0 * sc - s0 * ss;
      const s = s0 * sc + c0 * ss;
      state[i] = c;
      state[half + i] = s;
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
    const half = invFreq.length;
    const state = this.#state;
    const factor = this.#factor;
    for (let i = 0; i < half; i++) {
      let c = state[i]!;
      let s = state[half + i]!;
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
    const half = invFreq.length;
    const state = this.#state;
    if (position === this.#last) return;
    if (position === this.#last + 1 && this.#sinceAnchor < ANCHOR_EVERY) {
      const { cos: stepCos, sin: stepSin } = this.#steps;
      for (let i = 0; i < half; i++) {
        const c = state[i]!;
        const s = state[half + i]!;
        const sc = stepCos[i]!;
        const ss = stepSin[i]!;
        state[i] = c * sc - s * ss;
        state[half + i] = s * sc + c * ss;
      }
      this.#sinceAnchor++;
    } else {
      for (let i = 0; i < half; i++) {
        const angle = position * invFreq[i]!;
        state[i] = Math.cos(angle);
        state[half + i] = Math.sin(angle);
      }
      this.#sinceAnchor = 0;
    }
    this.#last = position;
  }
}
