import assert from "node:assert/strict";
import { ropeFrequencies } from "@posenc/rope";
import { GOLDEN, sameBits } from "./_golden.ts";
import { linearScaling } from "./mod.ts";

Deno.test("linearScaling() equals HF's linear inv_freq bit for bit", async (t) => {
  for (const c of GOLDEN.filter((c) => c.rope_type === "linear")) {
    await t.step(c.id, () => {
      const p = c.config_rope_parameters.rope_parameters;
      const got = linearScaling(c.derived.rotary_dim, {
        base: p.rope_theta as number,
        factor: p.factor as number,
      });
      assert.ok(sameBits(got.invFreq, c.expected.inv_freq_f32));
      assert.equal(got.attentionFactor, c.expected.attention_factor);
    });
  }
});

Deno.test("linearScaling() turns position m like plain RoPE turns m / factor", () => {
  const plain = ropeFrequencies(64, { base: 10000 }).invFreq;
  const pi = linearScaling(64, { base: 10000, factor: 8 }).invFreq;
  for (let i = 0; i < 32; i++) {
    assert.equal(pi[i], Math.fround(plain[i]! / 8));
    for (const m of [8, 800, 32760]) {
      assert.ok(Math.abs(m * pi[i]! - (m / 8) * plain[i]!) <= 1e-6 * m * plain[i]!);
    }
  }
  assert.deepEqual(linearScaling(64, { factor: 1 }).invFreq, plain);
});

Deno.test("linearScaling() rejects bad dims, bases and factors", () => {
  assert.throws(() => linearScaling(63, { factor: 2 }), {
    name: "RangeError",
    message: "Invalid rotaryDim: expected an even integer >= 2, got 63",
  });
  for (const factor of [NaN, Infinity, -Infinity, 0, -2]) {
    assert.throws(() => linearScaling(64, { factor }), {
      name: "RangeError",
      message: `Invalid factor: expected a finite number > 0, got ${factor}`,
    });
  }
  assert.throws(() => linearScaling(64, { factor: "4" as unknown as number }), {
    name: "TypeError",
    message: 'Invalid factor: expected a finite number > 0, got "4"',
  });
  assert.throws(() => linearScaling(64, {} as { factor: number }), {
    name: "TypeError",
    message: "Invalid factor: expected a finite number > 0, got undefined",
  });
  for (const base of [NaN, Infinity, 0, -1]) {
    assert.throws(
      () => linearScaling(64, { base, factor: 2 }),
      /Invalid base: expected a finite number > 0/,
    );
  }
  assert.throws(() => linearScaling(64, { base: 1e39, factor: 2 }), {
    name: "RangeError",
    message: "Invalid base: expected a finite number > 0 within float32's normal range, got 1e+39",
  });
  // Individually valid but overflowing float32: an error, never Infinity or NaN.
  assert.throws(() => linearScaling(64, { factor: 1e-45 }), /overflow float32/);
});
