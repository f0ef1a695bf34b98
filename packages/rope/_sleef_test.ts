import assert from "node:assert/strict";
import { fma32, powf32 } from "./_sleef.ts";
import { randomNormal } from "@posenc/tensor";

// Exact a*b+c for float32 inputs, rounded to float32 (ties to even), with
// BigInt rationals: the reference fma32 must equal.
function exactFma32(a: number, b: number, c: number): number {
  const scale = 2n ** 300n;
  const toFixed = (x: number): bigint => {
    // every float32 is an integer multiple of 2^-149; scale to an integer
    return BigInt(Math.round(x * 2 ** 149)) * scale / 2n ** 149n;
  };
  const A = toFixed(a), B = toFixed(b), C = toFixed(c);
  const exact = A * B / scale + C; // in units of 2^-300
  const sign = exact < 0n ? -1 : 1;
  const mag = exact < 0n ? -exact : exact;
  if (mag === 0n) return 0;
  const approx = Number(mag) / 2 ** 300; // within float64 precision of the value
  const lo = Math.fround(approx);
  const candidates = [lo, nextDown(lo), nextUp(lo)];
  let best = lo;
  let bestDiff: bigint | null = null;
  for (const cand of candidates) {
    const d = toFixed(cand) - mag;
    const ad = d < 0n ? -d : d;
    if (bestDiff === null || ad < bestDiff || (ad === bestDiff && isEven(cand))) {
      best = cand;
      bestDiff = ad;
    }
  }
  return sign * best;
}
const view = new DataView(new ArrayBuffer(4));
function nextUp(x: number): number {
  view.setFloat32(0, x);
  view.setUint32(0, view.getUint32(0) + 1);
  return view.getFloat32(0);
}
function nextDown(x: number): number {
  view.setFloat32(0, x);
  view.setUint32(0, view.getUint32(0) - 1);
  return view.getFloat32(0);
}
function isEven(x: number): boolean {
  view.setFloat32(0, x);
  return (view.getUint32(0) & 1) === 0;
}

Deno.test("fma32() rounds a*b+c once, even on halfway float64 sums", () => {
  const values = randomNormal([3, 400], { seed: 7 }).data;
  for (let i = 0; i < 400; i++) {
    const a = values[i]!, b = values[400 + i]!, c = values[800 + i]! * 0.01;
    assert.equal(fma32(a, b, c), exactFma32(a, b, c), `fma32(${a}, ${b}, ${c})`);
  }
  // 24929 * 673 * 2^-24 = 1 + 2^-24 exactly (2^24 + 1 = 97 * 257 * 673), a
  // float32 tie. float64 drops the +-2^-60, so only the exact error decides.
  const a = 24929, b = 673 * 2 ** -24;
  assert.equal(fma32(a, b, 2 ** -60), 1 + 2 ** -23);
  assert.equal(fma32(a, b, -(2 ** -60)), 1);
  assert.equal(fma32(a, b, 0), 1); // a true tie: to even
  for (const c of [2 ** -60, -(2 ** -60), 0]) assert.equal(fma32(a, b, c), exactFma32(a, b, c));
  assert.equal(fma32(2, 3, 1), 7);
});

Deno.test("powf32() reproduces SLEEF's float32 pow, not the correctly rounded one", () => {
  // torch (SLEEF) returns the lower neighbour here; the correctly rounded
  // result, Math.fround(Math.pow(...)), is the upper one.
  const x = 1000000, y = Math.fround(74 / 128);
  assert.equal(powf32(x, y), 2942.72705078125);
  assert.equal(Math.fround(Math.pow(x, y)), 2942.727294921875);
  // Within one ulp of the exact power on a grid of RoPE inputs.
  for (const base of [10000, 500000, 1e6, 150000, 3.5e7]) {
    for (let i = 0; i < 64; i++) {
      const e = Math.fround(2 * i / 128);
      const exact = Math.pow(Math.fround(base), e);
      const got = powf32(Math.fround(base), e);
      assert.ok(Math.abs(got - exact) <= Math.abs(exact) * 2 ** -23, `${base}^${e}`);
    }
  }
  assert.equal(powf32(10000, 0), 1);
  assert.equal(powf32(1, 0.5), 1);
  assert.equal(powf32(4, 0.5), 2);
});
