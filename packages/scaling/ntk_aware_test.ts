import assert from "node:assert/strict";
import { ropeFrequencies } from "@posenc/rope";
import { ropeInvFreq } from "./_float32.ts";
import { dynamicNtkScaling, ntkAwareScaling } from "./mod.ts";

Deno.test("ntkAwareScaling() keeps the highest frequency and divides the lowest by the factor", () => {
  for (const [dim, base, factor] of [[128, 10000, 4], [64, 500000, 8], [96, 10000, 2.5]]) {
    const { invFreq, attentionFactor } = ntkAwareScaling(dim!, { base: base!, factor: factor! });
    const plain = ropeFrequencies(dim!, { base: base! }).invFreq;
    assert.equal(invFreq[0], 1);
    assert.equal(attentionFactor, 1);
    const last = invFreq.length - 1;
    assert.ok(Math.abs(invFreq[last]! * factor! / plain[last]! - 1) < 1e-6);
    // The per-pair interpolation s^(2i/(d-2)) grows monotonically from 1 to s.
    let previous = 1;
    for (let i = 0; i < invFreq.length; i++) {
      const scale = plain[i]! / invFreq[i]!;
      const expected = factor! ** (2 * i / (dim! - 2));
      assert.ok(Math.abs(scale / expected - 1) < 1e-6, `pair ${i}`);
      assert.ok(scale >= previous * (1 - 1e-7));
      previous = scale;
    }
  }
});

Deno.test("ntkAwareScaling() equals HF dynamic (int path) where its alpha matches", () => {
  // factor 2 at twice the trained length: alpha = 2 * 2 - (2 - 1) = 3.
  const dynamic = dynamicNtkScaling(128, {
    factor: 2,
    maxPositionEmbeddings: 4096,
    seqLen: 8192,
    seqLenKind: "int",
  });
  assert.deepEqual(ntkAwareScaling(128, { factor: 3 }).invFreq, dynamic.invFreq);
  // The spec's reference number: s = 4, d = 128 gives base 40889.94.
  const expected = ropeInvFreq(10000 * 4 ** (128 / 126), 64, 128);
  assert.ok(Math.abs(10000 * 4 ** (128 / 126) - 40889.94) < 0.01);
  assert.deepEqual(ntkAwareScaling(128, { factor: 4 }).invFreq, expected);
});

Deno.test("ntkAwareScaling() rejects bad input", () => {
  assert.throws(() => ntkAwareScaling(2, { factor: 2 }), {
    name: "RangeError",
    message: "Invalid rotaryDim: expected an even integer >= 4 for NTK-aware scaling, got 2",
  });
  assert.throws(() => ntkAwareScaling(128, { factor: NaN }), /Invalid factor/);
  assert.throws(() => ntkAwareScaling(128, { factor: Infinity }), /Invalid factor/);
  assert.throws(() => ntkAwareScaling(128, { factor: 1e40 }), /overflows float32/);
});
