/**
 * Float32 arithmetic as PyTorch's CPU kernels perform it, so that the tables
 * built here equal Hugging Face's `inv_freq` bit for bit. Public entry
 * points are in `float32.ts`.
 *
 * Every op but `pow` is IEEE-exact in float32 and is emulated by rounding the
 * float64 result once with `Math.fround` (for + - * / of float32 operands the
 * float64 result rounded to float32 is the correctly rounded float32 result).
 * `pow` is not: torch's vectorized CPU kernel calls SLEEF's `Sleef_powf8_u10`
 * (AVX2, fused multiply-add), whose results are within 1 ulp but not always
 * correctly rounded (for base 1e6 and exponent 37/64 it returns the lower
 * neighbour). `powf32` replays SLEEF's algorithm op for op.
 *
 * @module
 */

const f32 = Math.fround;

/** `a * b + c` rounded once to float32, for float32 inputs (a fused multiply-add). */
export function fma32(a: number, b: number, c: number): number {
  const product = a * b; // exact: two 24-bit significands fit in 53 bits
  const sum = product + c;
  const rounded = f32(sum);
  if (rounded === sum) return rounded;
  // Rounding `sum` only differs from rounding the exact `product + c` when
  // `sum` sits exactly halfway between two float32 values; then the other
  // one is `2 * sum - rounded` (exact in float64), itself a float32.
  const other = 2 * sum - rounded;
  if (f32(other) !== other) return rounded;
  // TwoSum: the exact error of the float64 addition picks the side.
  const virtual = sum - product;
  const error = (product - (sum - virtual)) + (c - virtual);
  if (error === 0) return rounded;
  return (error > 0) === (other > rounded) ? other : rounded;
}

type DoubleFloat = [hi: number, lo: number];

function add(a: number, b: number): number {
  return f32(a + b);
}
function sub(a: number, b: number): number {
  return f32(a - b);
}
function mul(a: number, b: number): number {
  return f32(a * b);
}

// SLEEF's double-float helpers (df.h, the ENABLE_FMA_SP variants).
function dfAdd2FF(x: number, y: number): DoubleFloat {
  const s = add(x, y);
  const v = sub(s, x);
  return [s, add(sub(x, sub(s, v)), sub(y, v))];
}
function dfAdd2DF(x: DoubleFloat, y: number): DoubleFloat {
  const s = add(x[0], y);
  const v = sub(s, x[0]);
  return [s, add(add(sub(x[0], sub(s, v)), sub(y, v)), x[1])];
}
function dfAdd2DD(x: DoubleFloat, y: DoubleFloat): DoubleFloat {
  const s = add(x[0], y[0]);
  const v = sub(s, x[0]);
  const t = add(sub(x[0], sub(s, v)), sub(y[0], v));
  return [s, add(t, add(x[1], y[1]))];
}
function dfAddDD(x: DoubleFloat, y: DoubleFloat): DoubleFloat {
  const s = add(x[0], y[0]);
  return [s, add(add(add(sub(x[0], s), y[0]), x[1]), y[1])];
}
function dfAddFD(x: number, y: DoubleFloat): DoubleFloat {
  const s = add(x, y[0]);
  return [s, add(add(sub(x, s), y[0]), y[1])];
}
function dfMulDD(x: DoubleFloat, y: DoubleFloat): DoubleFloat {
  const s = mul(x[0], y[0]);
  return [s, fma32(x[0], y[1], fma32(x[1], y[0], fma32(x[0], y[0], -s)))];
}
function dfMulDF(x: DoubleFloat, y: number): DoubleFloat {
  const s = mul(x[0], y);
  return [s, fma32(x[1], y, fma32(x[0], y, -s))];
}
function dfSquare(x: DoubleFloat): DoubleFloat {
  const s = mul(x[0], x[0]);
  return [s, fma32(add(x[0], x[0]), x[1], fma32(x[0], x[0], -s))];
}
function dfDivide(n: DoubleFloat, d: DoubleFloat): DoubleFloat {
  const t = f32(1 / d[0]);
  const s = mul(n[0], t);
  const u = fma32(t, n[0], -s);
  const v = fma32(-d[1], t, fma32(-d[0], t, 1));
  return [s, fma32(s, v, fma32(n[1], t, u))];
}
function dfScale(d: DoubleFloat, s: number): DoubleFloat {
  return [mul(d[0], s), mul(d[1], s)];
}
function dfNormalize(t: DoubleFloat): DoubleFloat {
  const s = add(t[0], t[1]);
  return [s, add(sub(t[0], s), t[1])];
}

const bits = new DataView(new ArrayBuffer(4));
function exponentOf(x: number): number {
  bits.setFloat32(0, x);
  return ((bits.getUint32(0) >>> 23) & 0xff) - 127;
}

const LN2_HI: DoubleFloat = [f32(0.69314718246459960938), f32(-1.904654323148236017e-09)];
const LOG_C: DoubleFloat = [f32(0.66666662693023681640625), f32(3.69183861259614332084311e-09)];
const L2U = f32(0.693145751953125);
const L2L = f32(1.428606765330187045e-06);
const R_LN2 = f32(1.442695040888963407359924681001892137426645954152985934135449406931);
const ONE_OVER_075 = f32(1 / 0.75);

// SLEEF logkf: ln(d) as a double-float, for normal positive float32 d.
function logk(d: number): DoubleFloat {
  const e = exponentOf(mul(d, ONE_OVER_075));
  const m = d * 2 ** -e; // exact scaling into [0.75, 1.5)
  const x = dfDivide(dfAdd2FF(-1, m), dfAdd2FF(1, m));
  const x2 = dfSquare(x);
  let t = f32(0.240320354700088500976562);
  t = fma32(t, x2[0], f32(0.285112679004669189453125));
  t = fma32(t, x2[0], f32(0.400007992982864379882812));
  let s = dfMulDF(LN2_HI, e);
  s = dfAddDD(s, dfScale(x, 2));
  return dfAddDD(s, dfMulDD(dfMulDD(x2, x), dfAdd2DD(dfMulDF(x2, t), LOG_C)));
}

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

// SLEEF expkf: exp of a double-float, rounded to float32.
function expk(d: DoubleFloat): number {
  const q = roundHalfEven(mul(add(d[0], d[1]), R_LN2));
  let s = dfAdd2DF(d, mul(q, -L2U));
  s = dfAdd2DF(s, mul(q, -L2L));
  s = dfNormalize(s);
  let u = f32(0.00136324646882712841033936);
  u = fma32(u, s[0], f32(0.00836596917361021041870117));
  u = fma32(u, s[0], f32(0.0416710823774337768554688));
  u = fma32(u, s[0], f32(0.166665524244308471679688));
  u = fma32(u, s[0], f32(0.499999850988388061523438));
  const t = dfAddFD(1, dfAddDD(s, dfMulDF(dfSquare(s), u)));
  if (d[0] < -104) return 0;
  return f32(add(t[0], t[1]) * 2 ** q);
}

/**
 * `x ** y` in float32 exactly as torch computes it on CPU (SLEEF
 * `Sleef_powf8_u10`), for a positive normal float32 `x` and a finite
 * float32 `y`: the domain of RoPE's `base ** exponent`.
 */
export function powf32(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  return expk(dfMulDF(logk(x), y));
}
