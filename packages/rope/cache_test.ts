import assert from "node:assert/strict";
import { type AnglePrecision, ropeCache, ropeFrequencies } from "./mod.ts";
import { ulpDistance } from "./_test_reference.ts";

Deno.test("ropeCache() equals fround(cos(angle)) computed one entry at a time", async (t) => {
  for (const angles of ["float32", "float64"] as AnglePrecision[]) {
    await t.step(`${angles} angles, 8000 positions`, () => {
      const frequencies = ropeFrequencies(64, { base: 500000 });
      const half = 32;
      const cache = ropeCache(frequencies, 8000, { angles });
      assert.deepEqual(cache.cos.shape, [8000, half]);
      assert.equal(cache.positions, undefined);
      assert.equal(cache.angles, angles);
      let differ = 0;
      for (let p = 0; p < 8000; p++) {
        for (let i = 0; i < half; i++) {
          const product = p * frequencies.invFreq[i]!;
          const angle = angles === "float32" ? Math.fround(product) : product;
          for (
            const [ours, exact] of [
              [cache.cos.data[p * half + i]!, Math.fround(Math.cos(angle))],
              [cache.sin.data[p * half + i]!, Math.fround(Math.sin(angle))],
            ]
          ) {
            const ulps = ulpDistance(ours!, exact!);
            assert.ok(ulps <= 1, `position ${p}, pair ${i}: ${ours} vs ${exact}`);
            differ += ulps;
          }
        }
      }
      // The recurrence rarely lands on the other side of a float32 rounding boundary.
      assert.ok(differ <= 10, `${differ} entries differ by an ulp`);
    });
  }
});

Deno.test("ropeCache() with float32 angles reproduces float32's rounding of large angles", () => {
  // Near position 1e5 float32 angles are off by up to 2^-8 rad; HF computes with them.
  const frequencies = ropeFrequencies(128);
  const f32 = ropeCache(frequencies, [100001], { angles: "float32" });
  const f64 = ropeCache(frequencies, [100001], { angles: "float64" });
  const angle = 100001 * frequencies.invFreq[1]!; // exact in float64
  assert.ok(Math.abs(Math.fround(angle) - angle) > 1e-3);
  assert.equal(f32.cos.data[1], Math.fround(Math.cos(Math.fround(angle))));
  assert.equal(f64.cos.data[1], Math.fround(Math.cos(angle)));
  assert.ok(Math.abs(f32.cos.data[1]! - f64.cos.data[1]!) > 1e-4);
});

Deno.test("ropeCache() rows follow an explicit list of positions", () => {
  const frequencies = ropeFrequencies(16);
  const counted = ropeCache(frequencies, 64);
  const list = [63, 0, 17, 17, 5];
  const listed = ropeCache(frequencies, list);
  assert.deepEqual(listed.cos.shape, [5, 8]);
  assert.deepEqual([...listed.positions!], list);
  list[0] = 1; // the cache keeps its own copy
  assert.equal(listed.positions![0], 63);
  [63, 0, 17, 17, 5].forEach((p, row) => {
    assert.deepEqual(
      listed.cos.data.subarray(row * 8, row * 8 + 8),
      counted.cos.data.subarray(p * 8, p * 8 + 8),
    );
    assert.deepEqual(
      listed.sin.data.subarray(row * 8, row * 8 + 8),
      counted.sin.data.subarray(p * 8, p * 8 + 8),
    );
  });
  assert.deepEqual(
    ropeCache(frequencies, Int32Array.from([3, 4])).cos.data,
    counted.cos.data.subarray(24, 40),
  );
});

Deno.test("ropeCache() position 0 is cos 1, sin 0, times the attention factor", () => {
  const cache = ropeCache({ invFreq: ropeFrequencies(8).invFreq, attentionFactor: 1.25 }, 3);
  assert.deepEqual([...cache.cos.data.subarray(0, 4)], [1.25, 1.25, 1.25, 1.25]);
  assert.deepEqual([...cache.sin.data.subarray(0, 4)], [0, 0, 0, 0]);
  // Row 1, pair 0: angle 1; cos and sin rounded to float32 first, then scaled in float32 (as HF).
  assert.equal(cache.cos.data[4], Math.fround(Math.fround(Math.cos(1)) * 1.25));
  assert.equal(cache.sin.data[4], Math.fround(Math.fround(Math.sin(1)) * 1.25));
});

Deno.test("ropeCache() of zero positions is empty", () => {
  const cache = ropeCache(ropeFrequencies(8), 0);
  assert.deepEqual(cache.cos.shape, [0, 4]);
  assert.equal(cache.sin.data.length, 0);
});

Deno.test("ropeCache() leaves pairs with a zero frequency unrotated (proportional RoPE)", () => {
  const cache = ropeCache({ invFreq: Float32Array.from([1, 0.5, 0, 0]), attentionFactor: 1 }, 10);
  for (let p = 0; p < 10; p++) {
    assert.deepEqual([...cache.cos.data.subarray(p * 4 + 2, p * 4 + 4)], [1, 1]);
    assert.deepEqual([...cache.sin.data.subarray(p * 4 + 2, p * 4 + 4)], [0, 0]);
  }
});
