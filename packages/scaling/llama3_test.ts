import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { GOLDEN, sameBits } from "./_golden.ts";
import { llama3Scaling } from "./mod.ts";

Deno.test("llama3Scaling() equals HF's llama3 inv_freq bit for bit", async (t) => {
  for (const c of GOLDEN.filter((c) => c.rope_type === "llama3")) {
    await t.step(c.id, () => {
      const p = c.config_rope_parameters.rope_parameters;
      const got = llama3Scaling(c.derived.rotary_dim, {
        base: p.rope_theta as number,
        factor: p.factor as number,
        originalMaxPositionEmbeddings: p.original_max_position_embeddings as number,
        lowFreqFactor: p.low_freq_factor as number,
        highFreqFactor: p.high_freq_factor as number,
      });
      assert.ok(sameBits(got.invFreq, c.expected.inv_freq_f32));
      assert.equal(got.attentionFactor, 1);
    });
  }
});

Deno.test("llama3Scaling() has three bands: untouched, smoothed linearly in L/λ, divided", () => {
  const original = 8192, factor = 8, low = 1, high = 4;
  const { invFreq } = llama3Scaling(128, {
    base: 500000,
    factor,
    originalMaxPositionEmbeddings: original,
  });
  const plain = ropeInvFreq(500000, 64, 128);
  const bands = { untouched: [] as number[], smoothed: [] as number[], divided: [] as number[] };
  for (let i = 0; i < 64; i++) {
    const wavelength = 2 * Math.PI / plain[i]!;
    if (wavelength < original / high) {
      assert.equal(invFreq[i], plain[i]);
      bands.untouched.push(i);
    } else if (wavelength > original / low) {
      assert.equal(invFreq[i], Math.fround(plain[i]! / factor));
      bands.divided.push(i);
    } else {
      const smooth = (original / wavelength - low) / (high - low);
      const expected = (1 - smooth) * plain[i]! / factor + smooth * plain[i]!;
      assert.ok(Math.abs(invFreq[i]! / expected - 1) < 1e-6, `pair ${i}`);
      bands.smoothed.push(i);
    }
  }
  // Llama 3.1 (base 500000, 128 dims, original 8192, low 1, high 4): pair 28's wavelength is
  // 1956 tokens (< 8192 / 4, untouched), pair 29's 2402 (smoothed) up to pair 34's 6695; pair
  // 35's is 8218 (> 8192 / 1, divided by 8).
  assert.deepEqual([
    bands.untouched.at(-1),
    bands.smoothed[0],
    bands.smoothed.at(-1),
    bands.divided[0],
  ], [
    28,
    29,
    34,
    35,
  ]);
  // Defaults are Meta's low 1, high 4.
  assert.deepEqual(
    llama3Scaling(128, { base: 500000, factor, originalMaxPositionEmbeddings: original }).invFreq,
    llama3Scaling(128, {
      base: 500000,
      factor,
      originalMaxPositionEmbeddings: original,
      lowFreqFactor: 1,
      highFreqFactor: 4,
    }).invFreq,
  );
});

Deno.test("llama3Scaling() never divides by zero when the two band factors are equal", () => {
  // The band is then the single wavelength L / low. Make pair 0 sit on it
  // (its wavelength is float32(2π)): HF computes smooth = 0 / 0 there.
  const { invFreq } = llama3Scaling(2, {
    factor: 8,
    originalMaxPositionEmbeddings: Math.fround(2 * Math.PI),
    lowFreqFactor: 1,
    highFreqFactor: 1,
  });
  assert.equal(invFreq[0], 0.125); // smooth = 0 (as vLLM): divided by the factor
  for (const lowFreqFactor of [0.5, 1, 2, 4]) {
    const other = llama3Scaling(64, {
      factor: 8,
      originalMaxPositionEmbeddings: 8192,
      lowFreqFactor,
      highFreqFactor: lowFreqFactor,
    });
    assert.ok(other.invFreq.every(Number.isFinite));
  }
});

Deno.test("llama3Scaling() rejects bad input", () => {
  const ok = { factor: 8, originalMaxPositionEmbeddings: 8192 };
  assert.throws(() => llama3Scaling(128, { ...ok, lowFreqFactor: 0 }), {
    name: "RangeError",
    message: "Invalid lowFreqFactor: expected a finite number > 0, got 0",
  });
  assert.throws(() => llama3Scaling(128, { ...ok, highFreqFactor: NaN }), /Invalid highFreqFactor/);
  assert.throws(() => llama3Scaling(128, { ...ok, factor: Infinity }), /Invalid factor/);
  assert.throws(
    () => llama3Scaling(128, { factor: 8 } as typeof ok),
    /Invalid originalMaxPositionEmbeddings/,
  );
});
