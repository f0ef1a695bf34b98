import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { GOLDEN, maxRelDiff, sameBits } from "./_golden.ts";
import { yarnScaling, type YarnScalingOptions } from "./mod.ts";

Deno.test("yarnScaling() equals HF's yarn inv_freq and attention factor bit for bit", async (t) => {
  for (const c of GOLDEN.filter((c) => c.rope_type === "yarn")) {
    await t.step(c.id, () => {
      const config = c.config_rope_parameters;
      const p = config.rope_parameters;
      const options: YarnScalingOptions = {
        base: p.rope_theta as number,
        originalMaxPositionEmbeddings: p.original_max_position_embeddings as number,
        maxPositionEmbeddings: config.max_position_embeddings as number,
      };
      if (p.factor !== null) options.factor = p.factor as number;
      if (p.beta_fast) options.betaFast = p.beta_fast as number;
      if (p.beta_slow) options.betaSlow = p.beta_slow as number;
      if (p.mscale !== undefined) options.mscale = p.mscale as number;
      if (p.mscale_all_dim !== undefined) options.mscaleAllDim = p.mscale_all_dim as number;
      if (p.attention_factor !== undefined) options.attentionFactor = p.attention_factor as number;
      if (p.truncate !== undefined) options.truncate = p.truncate as boolean;
      const got = yarnScaling(c.derived.rotary_dim, options);
      assert.ok(sameBits(got.invFreq, c.expected.inv_freq_f32));
      assert.equal(got.attentionFactor, c.expected.attention_factor);
    });
  }
});

Deno.test("yarnScaling() with factor 1 is plain RoPE (up to HF's float32 blend rounding)", () => {
  for (const dim of [32, 64, 128]) {
    const { invFreq, attentionFactor } = yarnScaling(dim, {
      factor: 1,
      originalMaxPositionEmbeddings: 4096,
    });
    const plain = ropeInvFreq(10000, dim / 2, dim);
    // HF blends w * (1 - e) + w * e in float32, which can be 1 ulp off w for
    // pairs inside the ramp (the golden case yarn/hd64_factor1 shows it too).
    assert.ok(maxRelDiff(invFreq, plain) <= 2 ** -23);
    assert.equal(attentionFactor, 1);
  }
});

Deno.test("yarnScaling() keeps high frequencies, interpolates low ones, blends between", () => {
  const factor = 16;
  // Llama-2 (d 128, base 1e4, L 4096): d(32) = 20.94 -> 20, d(1) = 45.03 -> 46.
  const { invFreq } = yarnScaling(128, { factor, originalMaxPositionEmbeddings: 4096 });
  const plain = ropeInvFreq(10000, 64, 128);
  let previousScale = 1;
  for (let i = 0; i < 64; i++) {
    const scale = plain[i]! / invFreq[i]!;
    if (i <= 20) assert.equal(invFreq[i], plain[i], `pair ${i} untouched`);
    if (i >= 46) assert.ok(Math.abs(scale / factor - 1) < 1e-6, `pair ${i} interpolated`);
    if (i > 20 && i < 46) assert.ok(scale > 1 && scale < factor, `pair ${i} blended`);
    assert.ok(scale >= previousScale * (1 - 1e-6));
    previousScale = scale;
  }
});

Deno.test("yarnScaling() truncate: false ramps from the exact correction dims (gpt-oss)", () => {
  const options = { base: 150000, factor: 32, originalMaxPositionEmbeddings: 4096 };
  const exact = yarnScaling(64, { ...options, truncate: false }).invFreq;
  const truncated = yarnScaling(64, options).invFreq;
  const plain = ropeInvFreq(150000, 32, 64);
  // The correction dims for base 150000, 64 dims, original 4096 and betas 32 / 1 are
  // low 8.0928 and high 17.3980 (64 ln(4096 / (2π beta)) / (2 ln 150000)): pair 8 is already blended
  // without truncation but untouched with it (floor(8.09) = 8).
  for (let i = 0; i <= 7; i++) assert.equal(exact[i], plain[i]);
  assert.ok(exact[8]! === plain[8]!); // ramp (8 - 8.0928) < 0: still untouched
  assert.ok(exact[9]! < plain[9]!);
  assert.equal(truncated[8], plain[8]);
  for (let i = 18; i < 32; i++) assert.equal(exact[i], truncated[i]); // both fully interpolated
  assert.ok(exact.some((v, i) => v !== truncated[i]));
});

Deno.test("yarnScaling() attention factor: 0.1 ln s + 1, DeepSeek's ratio, or as given", () => {
  const base = { originalMaxPositionEmbeddings: 4096 };
  const af = (options: Partial<YarnScalingOptions>) =>
    yarnScaling(64, { ...base, ...options }).attentionFactor;
  assert.equal(af({ factor: 4 }), 0.1 * Math.log(4) + 1);
  assert.equal(af({ factor: 40, mscale: 1, mscaleAllDim: 1 }), 1);
  assert.equal(
    af({ factor: 40, mscale: 1, mscaleAllDim: 0.5 }),
    (0.1 * Math.log(40) + 1) / (0.05 * Math.log(40) + 1),
  );
  assert.equal(af({ factor: 16, mscale: 1 }), 0.1 * Math.log(16) + 1); // mscale alone: plain
  assert.equal(af({ factor: 4, attentionFactor: 0.75 }), 0.75);
  assert.equal(af({ factor: 0.5 }), 1);
  // factor derived from the two lengths when absent
  assert.equal(af({ maxPositionEmbeddings: 16384 }), 0.1 * Math.log(4) + 1);
});

Deno.test("yarnScaling() rejects bad input", () => {
  const ok = { factor: 4, originalMaxPositionEmbeddings: 4096 };
  assert.throws(() => yarnScaling(64, { originalMaxPositionEmbeddings: 4096 }), {
    name: "RangeError",
    message:
      "Invalid factor: expected a finite number > 0, or maxPositionEmbeddings to derive it from, got neither",
  });
  for (const factor of [NaN, Infinity, 0, -1]) {
    assert.throws(
      () => yarnScaling(64, { ...ok, factor }),
      /Invalid factor: expected a finite number > 0/,
    );
  }
  assert.throws(() => yarnScaling(64, { ...ok, factor: "4" as unknown as number }), TypeError);
  assert.throws(() => yarnScaling(64, { ...ok, betaFast: 0 }), /Invalid betaFast/);
  assert.throws(() => yarnScaling(64, { ...ok, betaSlow: NaN }), /Invalid betaSlow/);
  assert.throws(() => yarnScaling(64, { ...ok, attentionFactor: -1 }), /Invalid attentionFactor/);
  assert.throws(() => yarnScaling(64, { ...ok, mscale: Infinity }), /Invalid mscale/);
  assert.throws(
    () => yarnScaling(64, { ...ok, truncate: "no" as unknown as boolean }),
    { name: "TypeError", message: 'Invalid truncate: expected true or false, got "no"' },
  );
  assert.throws(
    () => yarnScaling(64, { ...ok, originalMaxPositionEmbeddings: 0 }),
    /Invalid originalMaxPositionEmbeddings/,
  );
});
