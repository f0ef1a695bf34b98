import assert from "node:assert/strict";
import { ropeFrequencies } from "./mod.ts";
import golden from "./testdata/rope_init_default.json" with { type: "json" };

Deno.test("ropeFrequencies() equals Hugging Face's float32 inv_freq bit for bit", async (t) => {
  for (const c of golden.cases) {
    await t.step(c.id, () => {
      const { invFreq, attentionFactor } = ropeFrequencies(c.rotary_dim, { base: c.rope_theta });
      assert.deepEqual([...invFreq], c.inv_freq_f32);
      assert.equal(attentionFactor, c.attention_factor);
    });
  }
});

Deno.test("ropeFrequencies() decreases geometrically from 1 to about 1/base", () => {
  const { invFreq } = ropeFrequencies(128);
  assert.equal(invFreq[0], 1);
  for (let i = 1; i < invFreq.length; i++) assert.ok(invFreq[i]! < invFreq[i - 1]!);
  // The last pair's exponent is (D - 2) / D, so invFreq is 10000^(-126/128).
  assert.ok(Math.abs(invFreq[63]! / 10000 ** (-126 / 128) - 1) < 1e-6);
});

Deno.test("ropeFrequencies() rejects odd or small dims and bad bases", () => {
  assert.throws(() => ropeFrequencies(63), {
    name: "RangeError",
    message: "Invalid rotaryDim: expected an even integer >= 2, got 63",
  });
  assert.throws(() => ropeFrequencies(0), /Invalid rotaryDim: expected an integer >= 2, got 0/);
  assert.throws(() => ropeFrequencies(8.5), /Invalid rotaryDim/);
  for (const base of [NaN, 0, -10000, Infinity]) {
    assert.throws(() => ropeFrequencies(8, { base }), /Invalid base: expected a finite number > 0/);
  }
  assert.throws(() => ropeFrequencies(8, { base: "10000" as unknown as number }), TypeError);
});
