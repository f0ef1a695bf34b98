import assert from "node:assert/strict";
import { assertAllClose } from "@posenc/tensor";
import { alibiSlopes } from "./mod.ts";
import golden from "./testdata/alibi.json" with { type: "json" };

/** Press et al.'s get_slopes, as the authors' fairseq code writes it (float64). */
function pressSlopes(n: number): number[] {
  const powerOf2 = (m: number) => {
    const start = 2 ** -(2 ** -(Math.log2(m) - 3));
    return Array.from({ length: m }, (_, i) => start * start ** i);
  };
  if (Number.isInteger(Math.log2(n))) return powerOf2(n);
  const closest = 2 ** Math.floor(Math.log2(n));
  return [
    ...powerOf2(closest),
    ...pressSlopes(2 * closest).filter((_, i) => i % 2 === 0).slice(0, n - closest),
  ];
}

/** MPT's gen_slopes (llm-foundry, HF build_mpt_alibi_tensor), in float64. */
function mptSlopes(n: number, alibiBiasMax: number): number[] {
  const p2 = 2 ** Math.ceil(Math.log2(n));
  const slopes = Array.from({ length: p2 }, (_, k) => 1 / 2 ** ((k + 1) * (alibiBiasMax / p2)));
  if (p2 === n) return slopes;
  const odd = slopes.filter((_, i) => i % 2 === 1);
  const even = slopes.filter((_, i) => i % 2 === 0);
  return [...odd, ...even].slice(0, n);
}

/** llama.cpp's per-head slope in soft_max_ext / flash_attn_ext (float64 here). */
function ggmlSlopes(n: number, maxBias: number): number[] {
  const nHeadLog2 = 2 ** Math.floor(Math.log2(n));
  const m0 = 2 ** (-maxBias / nHeadLog2);
  const m1 = 2 ** (-(maxBias / 2) / nHeadLog2);
  return Array.from(
    { length: n },
    (_, h) => h < nHeadLog2 ? m0 ** (h + 1) : m1 ** (2 * (h - nHeadLog2) + 1),
  );
}

Deno.test("alibiSlopes() matches the authors' float64 get_slopes for 1..32 heads", async (t) => {
  for (const c of golden.slopes_reference) {
    await t.step(`${c.n_heads} heads`, () => {
      const slopes = alibiSlopes(c.n_heads);
      assert.ok(slopes instanceof Float32Array);
      assertAllClose(slopes, c.slopes, { rtol: 1e-6, atol: 0 });
    });
  }
});

Deno.test("alibiSlopes() equals the numbers quoted in the spec", async (t) => {
  await t.step("12 heads: 2^-1 .. 2^-8, then 2^-0.5, 2^-1.5, 2^-2.5, 2^-3.5", () => {
    const expected = [1, 2, 3, 4, 5, 6, 7, 8, 0.5, 1.5, 2.5, 3.5].map((e) => Math.fround(2 ** -e));
    assert.deepEqual([...alibiSlopes(12)], expected);
  });
  await t.step("BLOOM-176B, 112 heads", () => {
    const slopes = alibiSlopes(112);
    assert.ok(Math.abs(slopes[0]! - 0.917004) < 5e-7);
    assert.equal(slopes[63], 2 ** -8);
    assert.ok(Math.abs(slopes[64]! - 0.957603) < 5e-7);
    assert.ok(Math.abs(slopes[111]! - 0.016317) < 5e-7);
  });
});

Deno.test("alibiSlopes() matches BLOOM's float32 slopes within BLOOM's own drift", async (t) => {
  // BLOOM raises a float32 base to integer powers, which drifts from the
  // float64 rule by up to max_rel_diff_vs_reference; ours is rounded once.
  for (const c of golden.slopes_bloom_f32) {
    await t.step(`${c.n_heads} heads`, () => {
      const rtol = c.max_rel_diff_vs_reference + 2 ** -24;
      assertAllClose(alibiSlopes(c.n_heads), c.slopes_f32, { rtol, atol: 0 });
    });
  }
});

Deno.test("alibiSlopes() maxBias reproduces MPT's alibi_bias_max 8 and 4", async (t) => {
  for (const c of golden.mpt_build_mpt_alibi_tensor) {
    await t.step(c.id, () => {
      const slopes = alibiSlopes(c.num_heads, { maxBias: c.alibi_bias_max });
      assertAllClose(slopes, c.slopes_f32, { rtol: 1e-6, atol: 0 });
    });
  }
});

Deno.test("alibiSlopes() agrees with the Press, MPT and llama.cpp rules for any head count", () => {
  for (let n = 1; n <= 200; n++) {
    assertAllClose(alibiSlopes(n), pressSlopes(n), {
      rtol: 1e-6,
      atol: 0,
      message: `Press, ${n} heads`,
    });
    for (const maxBias of [8, 4, 3.5, 16]) {
      const slopes = alibiSlopes(n, { maxBias });
      const message = `${n} heads, maxBias ${maxBias}`;
      assertAllClose(slopes, mptSlopes(n, maxBias), { rtol: 1e-6, atol: 0, message });
      assertAllClose(slopes, ggmlSlopes(n, maxBias), { rtol: 1e-6, atol: 0, message });
    }
  }
});

Deno.test("alibiSlopes() is a geometric sequence from 2^(-maxBias/n) for a power of 2", () => {
  for (const n of [1, 2, 4, 16, 64, 128]) {
    for (const maxBias of [8, 5]) {
      const slopes = alibiSlopes(n, { maxBias });
      assert.equal(slopes[n - 1], Math.fround(2 ** -maxBias));
      for (let h = 0; h < n; h++) {
        assert.ok(slopes[h]! > 0 && slopes[h]! < 1);
        if (h > 0) {
          assert.ok(Math.abs(slopes[h]! / slopes[h - 1]! / 2 ** (-maxBias / n) - 1) < 3e-7);
        }
      }
    }
  }
});

Deno.test("alibiSlopes() rejects bad head counts and maxBias", () => {
  for (const numHeads of [0, -4, 1.5, NaN, Infinity]) {
    assert.throws(() => alibiSlopes(numHeads), {
      name: "RangeError",
      message: `Invalid numHeads: expected an integer >= 1, got ${numHeads}`,
    });
  }
  assert.throws(() => alibiSlopes("8" as unknown as number), {
    name: "TypeError",
    message: 'Invalid numHeads: expected an integer >= 1, got "8"',
  });
  for (const maxBias of [NaN, -8, 0, Infinity]) {
    assert.throws(() => alibiSlopes(8, { maxBias }), {
      name: "RangeError",
      message: `Invalid maxBias: expected a finite number > 0, got ${maxBias}`,
    });
  }
});

Deno.test("alibiSlopes() refuses head counts and maxBias no model has", () => {
  assert.throws(() => alibiSlopes(1e9), {
    name: "RangeError",
    message: "Invalid numHeads: expected an integer in [1, 65536], got 1000000000",
  });
  assert.equal(alibiSlopes(65536).length, 65536);
  // 2^-1e6 is 0 in float32: every slope would be 0 (no bias at all).
  assert.throws(() => alibiSlopes(8, { maxBias: 1e6 }), {
    name: "RangeError",
    message: /^Invalid maxBias: expected at most 126 \(the smallest slope.*got 1000000$/,
  });
  const steepest = alibiSlopes(8, { maxBias: 126 });
  assert.equal(steepest[7], 2 ** -126);
  assert.ok(steepest.every((slope) => slope > 0));
});

Deno.test("alibiSlopes() refuses misspelled options", () => {
  assert.throws(() => alibiSlopes(8, { maxbias: 4 } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "maxbias" \(did you mean "maxBias"\?\)/,
  });
  assert.throws(() => alibiSlopes(8, null as never), /expected an options object, got null/);
});
