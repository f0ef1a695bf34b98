import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { GOLDEN, sameBits } from "./_golden.ts";
import { longropeScaling, type LongropeScalingOptions } from "./mod.ts";

Deno.test("longropeScaling() equals HF's longrope inv_freq and attention factor bit for bit", async (t) => {
  for (const c of GOLDEN.filter((c) => c.rope_type === "longrope")) {
    await t.step(c.id, () => {
      const config = c.config_rope_parameters;
      const p = config.rope_parameters;
      const options: LongropeScalingOptions = {
        base: p.rope_theta as number,
        shortFactor: p.short_factor as number[],
        longFactor: p.long_factor as number[],
        originalMaxPositionEmbeddings: p.original_max_position_embeddings as number,
        maxPositionEmbeddings: config.max_position_embeddings as number,
      };
      if (c.seq_len !== null) options.seqLen = c.seq_len;
      if (p.factor !== undefined) options.factor = p.factor as number;
      if (p.attention_factor !== undefined) options.attentionFactor = p.attention_factor as number;
      const got = longropeScaling(c.derived.rotary_dim, options);
      assert.ok(sameBits(got.invFreq, c.expected.inv_freq_f32));
      assert.equal(got.attentionFactor, c.expected.attention_factor);
    });
  }
});

Deno.test("longropeScaling() switches to the long factors strictly past the original length", () => {
  const shortFactor = Array.from({ length: 32 }, (_, i) => 1 + i / 100);
  const longFactor = Array.from({ length: 32 }, (_, i) => 1 + i);
  const options = { shortFactor, longFactor, originalMaxPositionEmbeddings: 4096, factor: 8 };
  const plain = ropeInvFreq(10000, 32, 64);
  const at = (seqLen?: number) =>
    longropeScaling(64, { ...options, ...(seqLen === undefined ? {} : { seqLen }) }).invFreq;
  for (const seqLen of [undefined, 1, 4096]) {
    at(seqLen).forEach((v, i) => assert.ok(Math.abs(v * shortFactor[i]! / plain[i]! - 1) < 1e-6));
  }
  for (const seqLen of [4097, 131072]) {
    at(seqLen).forEach((v, i) => assert.ok(Math.abs(v * longFactor[i]! / plain[i]! - 1) < 1e-6));
  }
  // Factors of 1 give plain RoPE exactly.
  const ones = new Array(32).fill(1);
  assert.deepEqual(
    longropeScaling(64, { ...options, shortFactor: ones, longFactor: ones }).invFreq,
    plain,
  );
});

Deno.test("longropeScaling() attention factor: sqrt(1 + ln s / ln L), 1 for s <= 1, or as given", () => {
  const lists = { shortFactor: [1, 1], longFactor: [2, 2] };
  const af = (options: Partial<LongropeScalingOptions>) =>
    longropeScaling(4, { ...lists, originalMaxPositionEmbeddings: 4096, ...options })
      .attentionFactor;
  assert.equal(af({ maxPositionEmbeddings: 131072 }), Math.sqrt(1 + Math.log(32) / Math.log(4096)));
  assert.equal(
    af({ factor: 32, maxPositionEmbeddings: 4096 }),
    af({ maxPositionEmbeddings: 131072 }),
  );
  assert.equal(af({ factor: 1 }), 1);
  assert.equal(af({ factor: 0.5 }), 1);
  assert.equal(af({ attentionFactor: 1.25 }), 1.25);
  // the same factor for both tables
  assert.equal(af({ factor: 16, seqLen: 1 }), af({ factor: 16, seqLen: 100000 }));
});

Deno.test("longropeScaling() rejects wrong factor lists and missing inputs", () => {
  const ok = {
    shortFactor: new Array(48).fill(1),
    longFactor: new Array(48).fill(2),
    originalMaxPositionEmbeddings: 4096,
    factor: 32,
  };
  assert.throws(() => longropeScaling(96, { ...ok, longFactor: new Array(47).fill(2) }), {
    name: "RangeError",
    message:
      "Invalid longFactor: expected 48 numbers (one per rotation pair, rotaryDim / 2), got 47",
  });
  assert.throws(() => longropeScaling(64, ok), /Invalid shortFactor: expected 32 numbers/);
  assert.throws(() => longropeScaling(96, { ...ok, shortFactor: "1,1" as unknown as number[] }), {
    name: "TypeError",
    message: 'Invalid shortFactor: expected an array of 48 numbers > 0, got "1,1"',
  });
  const withNaN = [...ok.longFactor];
  withNaN[5] = NaN;
  assert.throws(() => longropeScaling(96, { ...ok, longFactor: withNaN }), {
    name: "RangeError",
    message: "Invalid longFactor[5]: expected a finite number > 0, got NaN",
  });
  const withString = [...ok.shortFactor] as unknown[];
  withString[0] = "1";
  assert.throws(() => longropeScaling(96, { ...ok, shortFactor: withString as number[] }), {
    name: "TypeError",
    message: 'Invalid shortFactor[0]: expected a finite number > 0, got "1"',
  });
  const withZero = [...ok.shortFactor];
  withZero[47] = 0;
  assert.throws(() => longropeScaling(96, { ...ok, shortFactor: withZero }), /shortFactor\[47\]/);
  const { factor: _factor, ...noFactor } = ok;
  assert.throws(() => longropeScaling(96, noFactor), /or an explicit attentionFactor, got none/);
  assert.throws(() => longropeScaling(96, { ...ok, seqLen: -1 }), /Invalid seqLen/);
  // typed arrays are fine
  assert.equal(
    longropeScaling(96, { ...ok, longFactor: new Float32Array(48).fill(2), seqLen: 5000 })
      .invFreq[0],
    0.5,
  );
});
