// Deterministic pseudo-random numbers built only from operations IEEE 754 and
// ECMAScript define exactly (32-bit integer ops, +, -, *, /, sqrt), so every
// engine produces the same bits. Math.log/Math.exp/Math.cos are
// implementation-approximated and may differ between engines in the last ulp.

const LN2 = 0.6931471805599453;
const SQRT_HALF = 0.7071067811865476;
const TWO_POW_MINUS_31 = 1 / 2147483648;

/** xoshiro128** (Blackman and Vigna), seeded through SplitMix32. */
export class Xoshiro128 {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  constructor(seed: number) {
    // Fold both 32-bit halves of a safe-integer seed into SplitMix32's state.
    let state = (seed >>> 0) ^
      Math.imul(Math.floor(seed / 4294967296) >>> 0, 0x9e3779b9);
    const next = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) | 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
  }

  /** The next 32 random bits as a signed 32-bit integer. */
  nextInt32(): number {
    const s1 = this.#s1;
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9);
    const t = s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** A uniform number in [-1, 1) with 32 random bits. */
  nextSigned(): number {
    return this.nextInt32() * TWO_POW_MINUS_31;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * Natural logarithm of a positive finite number from exactly-rounded
 * operations only: scale into [sqrt(1/2), sqrt(2)) by exact powers of two,
 * then ln(m) = 2 atanh((m - 1) / (m + 1)) by its series (|z| < 0.172, so
 * twelve terms reach 1e-18). Accurate to a few ulp, identical on every engine.
 */
export function portableLog(x: number): number {
  let exponent = 0;
  let m = x;
  while (m >= 2 * SQRT_HALF) {
    m *= 0.5;
    exponent++;
  }
  while (m < SQRT_HALF) {
    m *= 2;
    exponent--;
  }
  const z = (m - 1) / (m + 1);
  const w = z * z;
  let series = 1 / 23;
  for (let k = 21; k >= 1; k -= 2) series = 1 / k + w * series;
  return 2 * z * series + exponent * LN2;
}

/**
 * Fills `out` with standard normal samples by Marsaglia's polar method,
 * using both values of each accepted pair.
 */
export function fillStandardNormal(
  random: Xoshiro128,
  out: Float64Array | number[],
  count: number,
): void {
  let i = 0;
  while (i < count) {
    const u = random.nextSigned();
    const v = random.nextSigned();
    const s = u * u + v * v;
    if (s >= 1 || s === 0) continue;
    const factor = Math.sqrt((-2 * portableLog(s)) / s);
    out[i++] = u * factor;
    if (i < count) out[i++] = v * factor;
  }
}
