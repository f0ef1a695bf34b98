import assert from "node:assert/strict";
import { ropeFrequencies } from "@posenc/rope";
import { GOLDEN, sameBits } from "./_golden.ts";
import { ropeInvFreq } from "./_float32.ts";
import { dynamicNtkScaling } from "./mod.ts";

Deno.test("dynamicNtkScaling() equals HF's dynamic inv_freq bit for bit, int and tensor paths", async (t) => {
  for (const c of GOLDEN.filter((c) => c.rope_type === "dynamic")) {
    await t.step(`${c.id} (${c.seq_len_kind})`, () => {
      const p = c.config_rope_parameters.rope_parameters;
      const got = dynamicNtkScaling(c.derived.rotary_dim, {
        base: p.rope_theta as number,
        factor: p.factor as number,
        maxPositionEmbeddings: c.config_rope_parameters.max_position_embeddings as number,
        ...(c.seq_len === null ? {} : { seqLen: c.seq_len }),
        seqLenKind: c.seq_len_kind === "int" ? "int" : "tensor",
      });
      assert.ok(sameBits(got.invFreq, c.expected.inv_freq_f32));
      assert.equal(got.attentionFactor, 1);
    });
  }
});

Deno.test("dynamicNtkScaling() equals plain RoPE up to maxPositionEmbeddings", () => {
  const plain = ropeFrequencies(128, { base: 10000 }).invFreq;
  for (const seqLenKind of ["int", "tensor"] as const) {
    for (const seqLen of [undefined, 1, 100, 4095, 4096]) {
      const { invFreq } = dynamicNtkScaling(128, {
        factor: 4,
        maxPositionEmbeddings: 4096,
        seqLenKind,
        ...(seqLen === undefined ? {} : { seqLen }),
      });
      assert.deepEqual(invFreq, plain, `${seqLenKind} ${seqLen}`);
    }
  }
});

Deno.test("dynamicNtkScaling() slows low frequencies more as the sequence grows", () => {
  let previous = ropeFrequencies(128, { base: 10000 }).invFreq;
  for (const seqLen of [4097, 5000, 8192, 16384, 65536]) {
    const { invFreq } = dynamicNtkScaling(128, { factor: 2, maxPositionEmbeddings: 4096, seqLen });
    assert.equal(invFreq[0], 1); // the highest frequency never changes
    for (let i = 1; i < 64; i++) assert.ok(invFreq[i]! <= previous[i]!, `pair ${i} at ${seqLen}`);
    assert.ok(invFreq[63]! < previous[63]!);
    previous = invFreq;
  }
  // The spec's reference: Llama-2 (factor 2) at 8192 tokens uses base 30527.74.
  const at8192 = dynamicNtkScaling(128, {
    factor: 2,
    maxPositionEmbeddings: 4096,
    seqLen: 8192,
    seqLenKind: "int",
  });
  assert.ok(Math.abs(10000 * 3 ** (128 / 126) - 30527.74) < 0.01);
  assert.deepEqual(at8192.invFreq, ropeInvFreq(10000 * 3 ** (128 / 126), 64, 128));
});

Deno.test("dynamicNtkScaling() int and tensor paths differ by at most float32 rounding", () => {
  for (const seqLen of [4097, 7777, 10000, 123457]) {
    const options = { base: 500000, factor: 8, maxPositionEmbeddings: 8192, seqLen };
    const a = dynamicNtkScaling(64, { ...options, seqLenKind: "int" }).invFreq;
    const b = dynamicNtkScaling(64, { ...options, seqLenKind: "tensor" }).invFreq;
    for (let i = 0; i < 32; i++) assert.ok(Math.abs(a[i]! / b[i]! - 1) < 5e-7);
  }
});

Deno.test("dynamicNtkScaling() rejects bad input", () => {
  const ok = { factor: 2, maxPositionEmbeddings: 4096 };
  assert.throws(() => dynamicNtkScaling(2, ok), /expected an even integer >= 4/);
  assert.throws(() => dynamicNtkScaling(128, { ...ok, seqLen: 0 }), {
    name: "RangeError",
    message: "Invalid seqLen: expected an integer >= 1, got 0",
  });
  assert.throws(() => dynamicNtkScaling(128, { ...ok, seqLen: 10.5 }), /Invalid seqLen/);
  assert.throws(
    () => dynamicNtkScaling(128, { ...ok, maxPositionEmbeddings: undefined as unknown as number }),
    {
      name: "TypeError",
      message: "Invalid maxPositionEmbeddings: expected an integer >= 1, got undefined",
    },
  );
  assert.throws(
    () => dynamicNtkScaling(128, { ...ok, seqLenKind: "float" as "int" }),
    {
      name: "TypeError",
      message: 'Invalid seqLenKind: expected one of "tensor", "int", got "float"',
    },
  );
  assert.throws(() => dynamicNtkScaling(128, { ...ok, factor: NaN }), /Invalid factor/);
  assert.throws(
    () => dynamicNtkScaling(128, { ...ok, factor: 1e30, seqLen: 1e9 }),
    /outside float32's range/,
  );
});
