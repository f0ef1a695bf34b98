import assert from "node:assert/strict";
import { relativeDecayBound, ropeFrequencies } from "./mod.ts";

Deno.test("relativeDecayBound() matches RoFormer's curve for rotaryDim 128 (the mean over j of |Σ_{k<j} e^(iΔθ_k)|, computed to 3 decimals)", () => {
  const bound = relativeDecayBound(ropeFrequencies(128), 250);
  assert.equal(bound.length, 251);
  const table: [number, number][] = [
    [0, 32.5],
    [1, 31.538],
    [2, 28.956],
    [5, 20.845],
    [10, 17.954],
    [20, 15.242],
    [50, 12.630],
    [100, 10.227],
    [150, 7.589],
    [200, 7.245],
    [250, 6.548],
  ];
  for (const [delta, expected] of table) {
    assert.ok(
      Math.abs(bound[delta]! - expected) < 1e-3,
      `B(${delta}) = ${bound[delta]}, expected ${expected}`,
    );
  }
});

Deno.test("relativeDecayBound() at distance 0 is (rotaryDim + 2) / 4", () => {
  for (const dim of [2, 8, 64, 96, 128, 256]) {
    assert.equal(relativeDecayBound(ropeFrequencies(dim), 0)[0], (dim + 2) / 4);
  }
});

Deno.test("relativeDecayBound() follows the closed forms of tiny dims", () => {
  // d = 2: one unit rotation, |S_1| = 1 at every distance.
  for (const value of relativeDecayBound(ropeFrequencies(2), 50)) {
    assert.ok(Math.abs(value - 1) < 1e-15);
  }
  // d = 4: θ = (1, θ1), B = (1 + |e^{iΔ} + e^{iΔθ1}|) / 2 = (1 + 2|cos(Δ(1 - θ1)/2)|) / 2.
  const frequencies = ropeFrequencies(4, { base: 100 });
  const theta1 = frequencies.invFreq[1]!;
  relativeDecayBound(frequencies, 40).forEach((value, delta) => {
    const expected = (1 + 2 * Math.abs(Math.cos((delta * (1 - theta1)) / 2))) / 2;
    assert.ok(Math.abs(value - expected) < 1e-12, `Δ = ${delta}`);
  });
});

Deno.test("relativeDecayBound() ignores the attention factor and decays overall", () => {
  const frequencies = ropeFrequencies(64);
  const bound = relativeDecayBound(frequencies, 400);
  assert.deepEqual(relativeDecayBound({ ...frequencies, attentionFactor: 3 }, 400), bound);
  for (let delta = 1; delta <= 400; delta++) assert.ok(bound[delta]! < bound[0]!);
  assert.ok(bound[400]! < bound[50]! && bound[50]! < bound[5]!);
});
