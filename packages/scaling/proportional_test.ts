import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { GOLDEN, sameBits } from "./_golden.ts";
import { proportionalScaling } from "./mod.ts";

Deno.test("proportionalScaling() equals HF's proportional inv_freq bit for bit", async (t) => {
  for (const c of GOLDEN.filter((c) => c.rope_type === "proportional")) {
    await t.step(c.id, () => {
      const p = c.config_rope_parameters.rope_parameters;
      const got = proportionalScaling(c.derived.head_dim, {
        base: p.rope_theta as number,
        partialRotaryFactor: p.partial_rotary_factor as number,
      });
      assert.ok(sameBits(got.invFreq, c.expected.inv_freq_f32));
      assert.equal(got.attentionFactor, 1);
    });
  }
});

Deno.test("proportionalScaling() keeps head-dim frequencies for the first pairs and zeros the rest", () => {
  const plain = ropeInvFreq(1e6, 128, 256);
  for (const fraction of [0, 0.25, 0.5, 0.3, 1]) {
    const { invFreq } = proportionalScaling(256, { base: 1e6, partialRotaryFactor: fraction });
    const rotating = Math.floor(fraction * 256 / 2);
    assert.equal(invFreq.length, 128);
    for (let i = 0; i < 128; i++) assert.equal(invFreq[i], i < rotating ? plain[i] : 0);
  }
  const halved = proportionalScaling(64, { partialRotaryFactor: 0.5, factor: 2 }).invFreq;
  const full = proportionalScaling(64, { partialRotaryFactor: 0.5 }).invFreq;
  halved.forEach((v, i) => assert.equal(v, Math.fround(full[i]! / 2)));
});

Deno.test("proportionalScaling() rejects bad input", () => {
  assert.throws(() => proportionalScaling(64, { partialRotaryFactor: 1.5 }), {
    name: "RangeError",
    message: "Invalid partialRotaryFactor: expected a finite number in [0, 1], got 1.5",
  });
  assert.throws(() => proportionalScaling(65), /Invalid headDim: expected an even integer >= 2/);
  assert.throws(() => proportionalScaling(64, { factor: 0 }), /Invalid factor/);
});
