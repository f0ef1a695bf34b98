import assert from "node:assert/strict";
import { assertAllClose, tensor } from "@posenc/tensor";
import {
  applyRope,
  type Pairing,
  ropeCache,
  type RopeFrequencies,
  ropeFrequencies,
} from "./mod.ts";
import { applyRopeWith } from "./_apply.ts";
import { ScalarKernel, SimdKernel, simdKernelModules } from "./_kernel.ts";
import { swapAxes12, ulpDistance } from "./_test_reference.ts";
import golden from "./testdata/rope_apply.json" with { type: "json" };

const ATOL = 2e-6;

type Case = (typeof golden.cases)[number];

function frequenciesOf(c: Case): RopeFrequencies {
  return { invFreq: Float32Array.from(c.inv_freq_f32), attentionFactor: c.attention_scaling };
}

const kernels = [new ScalarKernel(), new SimdKernel(simdKernelModules()!)];

Deno.test("applyRope() matches Hugging Face's q_embed and k_embed on every golden case", async (t) => {
  assert.equal(golden.cases.length, 8);
  for (const c of golden.cases) {
    await t.step(c.id, async (t) => {
      const frequencies = frequenciesOf(c);
      const options = { pairing: c.pairing as Pairing, positions: c.position_ids };
      const q = tensor(c.q, c.shape);
      const k = tensor(c.k, c.shape);
      for (const kernel of kernels) {
        await t.step(`${kernel.name} kernel`, () => {
          assertAllClose(applyRopeWith(kernel, q, frequencies, options), c.q_embed, {
            atol: ATOL,
            rtol: 0,
            message: "q",
          });
          assertAllClose(applyRopeWith(kernel, k, frequencies, options), c.k_embed, {
            atol: ATOL,
            rtol: 0,
            message: "k",
          });
        });
      }
      await t.step("bshd layout", () => {
        const out = applyRope(swapAxes12(q), frequencies, { ...options, layout: "bshd" });
        assertAllClose(swapAxes12(out), c.q_embed, { atol: ATOL, rtol: 0 });
      });
      await t.step("from a ropeCache of the same positions", () => {
        const cache = ropeCache(frequencies, c.position_ids);
        assertAllClose(applyRope(k, cache, options), c.k_embed, { atol: ATOL, rtol: 0 });
      });
      await t.step("from a ropeCache built from a count", () => {
        const cache = ropeCache(frequencies, 16);
        assertAllClose(applyRope(q, cache, options), c.q_embed, { atol: ATOL, rtol: 0 });
      });
      await t.step("in place", () => {
        const x = tensor(Float32Array.from(c.q), c.shape);
        assert.equal(applyRope(x, frequencies, { ...options, inPlace: true }), x);
        assertAllClose(x, c.q_embed, { atol: ATOL, rtol: 0 });
      });
    });
  }
});

Deno.test("applyRope() shares [seq] positions across the batch like [batch, seq] ones", () => {
  // Cases whose two batch rows share positions 7..11 also work with the 5 positions alone.
  for (const c of golden.cases.filter((c) => c.position_ids[0] === c.position_ids[5])) {
    const out = applyRope(tensor(c.q, c.shape), frequenciesOf(c), {
      pairing: c.pairing as Pairing,
      positions: c.position_ids.slice(0, 5),
    });
    assertAllClose(out, c.q_embed, { atol: ATOL, rtol: 0, message: c.id });
    // ... and positions 7..11 are offset 7.
    const fromOffset = applyRope(tensor(c.q, c.shape), frequenciesOf(c), {
      pairing: c.pairing as Pairing,
      offset: 7,
    });
    assert.deepEqual(fromOffset.data, out.data);
  }
});

Deno.test("applyRope() gives consecutive position lists exactly what offset gives", () => {
  // Such lists take the offset path's table runs; every kind of list must agree with it.
  const frequencies = ropeFrequencies(64);
  const cache = ropeCache(frequencies, 64);
  const x = tensor(Float32Array.from({ length: 2 * 3 * 5 * 64 }, (_, i) => Math.sin(i)), [
    2,
    3,
    5,
    64,
  ]);
  for (const rope of [frequencies, cache]) {
    const expected = applyRope(x, rope, { offset: 9 }).data;
    const shared = [9, 10, 11, 12, 13];
    for (
      const positions of [
        shared,
        Int32Array.from(shared),
        Uint16Array.from(shared),
        Float64Array.from(shared),
        [...shared, ...shared],
      ]
    ) {
      assert.deepEqual(applyRope(x, rope, { positions }).data, expected);
    }
    // Rows with different consecutive runs are not one run: row 1 starts at 20.
    const perRow = applyRope(x, rope, { positions: [...shared, 20, 21, 22, 23, 24] }).data;
    assert.deepEqual(
      perRow.subarray(0, expected.length / 2),
      expected.subarray(0, expected.length / 2),
    );
    const row1 = applyRope(x, rope, { offset: 20 }).data;
    assert.deepEqual(perRow.subarray(expected.length / 2), row1.subarray(expected.length / 2));
  }
});

Deno.test("ropeFrequencies() gives the golden inv_freq of every default-frequency case, GPT-J's included", () => {
  const defaults = golden.cases.filter((c) => c.default_base !== null);
  assert.ok(defaults.some((c) => c.id.startsWith("gptj/native")));
  for (const c of defaults) {
    const { invFreq } = ropeFrequencies(c.rotary_dim, { base: c.default_base! });
    assert.deepEqual([...invFreq], c.inv_freq_f32, c.id);
  }
});

Deno.test("ropeCache() is within one float32 ulp of torch's cos and sin on every golden case", () => {
  for (const c of golden.cases) {
    const cache = ropeCache(frequenciesOf(c), c.position_ids);
    assert.deepEqual(cache.cos.shape, [10, c.rotary_dim / 2]);
    let exact = 0;
    for (
      const [name, ours, theirs] of [
        ["cos", cache.cos.data, c.cos_half],
        ["sin", cache.sin.data, c.sin_half],
      ] as const
    ) {
      for (let i = 0; i < theirs.length; i++) {
        const ulps = ulpDistance(ours[i]!, theirs[i]!);
        assert.ok(
          ulps <= 1,
          `${c.id} ${name}[${i}]: ${ours[i]} vs torch ${theirs[i]} (${ulps} ulp)`,
        );
        if (ulps === 0) exact++;
      }
    }
    // torch's float32 cos/sin are not correctly rounded; ours are (almost always), so a few differ.
    assert.ok(exact >= 0.85 * 2 * c.cos_half.length, `${c.id}: only ${exact} exact`);
  }
});
