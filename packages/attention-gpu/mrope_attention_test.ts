import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import {
  applyRope,
  mropePositions,
  multimodalRopeCache,
  ropeCache,
  ropeFrequencies,
} from "@posenc/rope";
import { attentionCpu, attentionReference, createGpuAttention, type GpuAttention } from "./mod.ts";
import { sliceSeq } from "./_test_cases.ts";
import { gpuTest, withoutAdapter } from "./_testing.ts";

// A Qwen2-VL layout at head dim 32 (sections [4, 6, 6]: Qwen2-VL's [16, 24, 24] scaled
// to 16 pairs): 4 text tokens, a 1 x 4 x 6 image (6 merged tokens), 5 text tokens.
const D = 32;
const frequencies = ropeFrequencies(D, { base: 1000000 });
const layout = mropePositions([{ text: 4 }, { image: [1, 4, 6] }, { text: 5 }]);
const mrope = multimodalRopeCache(frequencies, layout, { section: [4, 6, 6] });
const T = mrope.cos.shape[0]!;

// Qwen2-VL at its own head dim 128, sections [16, 24, 24].
const big = multimodalRopeCache(
  ropeFrequencies(128, { base: 1000000 }),
  mropePositions([{ text: 3 }, { image: [1, 4, 4] }, { text: 2 }]),
  { section: [16, 24, 24] },
);

/** Tokens start..end - 1 of a bhsd tensor. */
function tokens(x: Tensor, start: number, end: number): Tensor {
  return sliceSeq(x, "bhsd", start, end - start);
}

function inputs(batch: number, heads: number, kvHeads: number, qSeq: number, kSeq: number, d = D) {
  return {
    q: randomNormal([batch, heads, qSeq, d], { seed: 11 + qSeq }),
    k: randomNormal([batch, kvHeads, kSeq, d], { seed: 12 + kSeq }),
    v: randomNormal([batch, kvHeads, kSeq, d], { seed: 13 + kSeq }),
  };
}

Deno.test("attentionReference with a multimodal cache equals attention on applyRope-rotated q, k", async (t) => {
  await t.step("full sequence, causal, GQA", () => {
    const { q, k, v } = inputs(2, 4, 2, T, T);
    const got = attentionReference(q, k, v, { causal: true, rope: { cache: mrope } });
    const want = attentionReference(applyRope(q, mrope), applyRope(k, mrope), v, { causal: true });
    assertAllClose(got, want, { atol: 1e-6, rtol: 0 });
  });
  await t.step("head dim 128, sections [16, 24, 24]", () => {
    const n = big.cos.shape[0]!;
    const { q, k, v } = inputs(1, 2, 2, n, n, 128);
    const got = attentionReference(q, k, v, { causal: true, rope: { cache: big } });
    const want = attentionReference(applyRope(q, big), applyRope(k, big), v, { causal: true });
    assertAllClose(got, want, { atol: 1e-6, rtol: 0 });
  });
  await t.step("bottom-right queries, an offset, explicit positions", () => {
    const { q, k, v } = inputs(1, 2, 2, 3, 8);
    const got = attentionReference(q, k, v, {
      rope: { cache: mrope, offset: 2, pairing: "interleaved" },
    });
    const want = attentionReference(
      applyRope(q, mrope, { offset: 7, pairing: "interleaved" }),
      applyRope(k, mrope, { offset: 2, pairing: "interleaved" }),
      v,
    );
    assertAllClose(got, want, { atol: 1e-6, rtol: 0 });
    const positions = [9, 1, 4, 4, 0, 12, 3, 2];
    const queryPositions = [14, 0, 7];
    const listed = attentionReference(q, k, v, {
      rope: { cache: mrope, positions, queryPositions },
    });
    const wantListed = attentionReference(
      applyRope(q, mrope, { positions: queryPositions }),
      applyRope(k, mrope, { positions }),
      v,
    );
    assertAllClose(listed, wantListed, { atol: 1e-6, rtol: 0 });
  });
  await t.step("ropeCache(freqs, n) gives the same as { frequencies }", () => {
    const { q, k, v } = inputs(2, 4, 2, 5, 9);
    const cache = ropeCache(frequencies, 20);
    const rope = { offset: 3 };
    const viaCache = attentionReference(q, k, v, { causal: true, rope: { ...rope, cache } });
    const viaFreq = attentionReference(q, k, v, { causal: true, rope: { ...rope, frequencies } });
    assert.deepEqual(viaCache.data, viaFreq.data);
  });
});

/** Attention, applyRope, append and decode with the multimodal cache on one backend. */
async function backendMatches(t: Deno.TestContext, gpu: GpuAttention): Promise<void> {
  await t.step("attention equals the reference", async () => {
    for (const causal of [true, false]) {
      const { q, k, v } = inputs(2, 4, 2, T, T);
      const options = { causal, rope: { cache: mrope } };
      const want = attentionReference(q, k, v, options);
      assertAllClose(await gpu.attention(q, k, v, options), want, { atol: 2e-5, rtol: 0 });
    }
    const n = big.cos.shape[0]!;
    const { q, k, v } = inputs(1, 2, 1, n, n, 128);
    const options = { causal: true, rope: { cache: big, pairing: "interleaved" as const } };
    const want = attentionReference(q, k, v, options);
    assertAllClose(await gpu.attention(q, k, v, options), want, { atol: 2e-5, rtol: 0 });
  });
  await t.step("a chunk with an offset and explicit positions", async () => {
    const { q, k, v } = inputs(1, 2, 2, 4, 10);
    for (
      const rope of [
        { cache: mrope, offset: 5 },
        { cache: mrope, positions: [0, 3, 3, 8, 1, 2, 14, 9, 5, 6], queryPositions: [14, 2, 2, 0] },
      ]
    ) {
      const want = attentionReference(q, k, v, { rope });
      assertAllClose(await gpu.attention(q, k, v, { rope }), want, { atol: 2e-5, rtol: 0 });
    }
  });
  await t.step("ropeCache(freqs, n) equals { frequencies }", async () => {
    const { q, k, v } = inputs(2, 4, 2, 6, 6);
    const a = await gpu.attention(q, k, v, {
      causal: true,
      rope: { cache: ropeCache(frequencies, 6) },
    });
    const b = await gpu.attention(q, k, v, { causal: true, rope: { frequencies } });
    assertAllClose(a, b, { atol: 1e-6, rtol: 0 });
  });
  await t.step("applyRope takes the cache", async () => {
    const x = randomNormal([2, 3, T, D], { seed: 5 });
    assertAllClose(await gpu.applyRope(x, mrope), applyRope(x, mrope), { atol: 1e-6, rtol: 0 });
    const part = tokens(x, 2, 7);
    assertAllClose(
      await gpu.applyRope(part, mrope, { offset: 2, pairing: "interleaved" }),
      applyRope(part, mrope, { offset: 2, pairing: "interleaved" }),
      { atol: 1e-6, rtol: 0 },
    );
  });
  await t.step("decode over appends rotated by the cache equals prefill", async () => {
    const { q, k, v } = inputs(1, 4, 2, T, T);
    const rope = { cache: mrope };
    const prefill = attentionReference(q, k, v, { causal: true, rope });
    const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: D, maxLength: T });
    try {
      const split = T - 3;
      await cache.append(tokens(k, 0, split), tokens(v, 0, split), { rope });
      for (let s = split; s < T; s++) {
        await cache.append(tokens(k, s, s + 1), tokens(v, s, s + 1), { rope });
        const out = await gpu.decode(tokens(q, s, s + 1), cache, { rope });
        assertAllClose(out, tokens(prefill, s, s + 1), { atol: 2e-5, rtol: 0 });
      }
    } finally {
      cache.destroy();
    }
  });
  await t.step("bad input", async () => {
    const { q, k, v } = inputs(1, 2, 2, 2, 2);
    await assert.rejects(
      () => gpu.attention(q, k, v, { rope: { cache: mrope, frequencies } }),
      { name: "TypeError", message: /exactly one of frequencies and cache, got both/ },
    );
    await assert.rejects(() => gpu.attention(q, k, v, { rope: {} as never }), {
      name: "TypeError",
      message: /exactly one of frequencies and cache, got neither/,
    });
    await assert.rejects(
      () => gpu.attention(q, k, v, { rope: { cache: mrope, offset: T - 1 } }),
      { name: "RangeError", message: new RegExp(`position ${T} is past the RopeCache`) },
    );
    await assert.rejects(
      () => gpu.attention(q, k, v, { rope: { cache: mrope, angles: "float32" } }),
      { name: "TypeError", message: /rope\.angles: a RopeCache fixes its angles/ },
    );
    await assert.rejects(() => gpu.applyRope(q, mrope, { positions: [0, T] }), {
      name: "RangeError",
      message: new RegExp(`position ${T} is past the RopeCache`),
    });
    const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: D, maxLength: 4 });
    try {
      await assert.rejects(() => cache.append(k, v, { rope: { cache: mrope, frequencies } }), {
        name: "TypeError",
        message: /exactly one of frequencies and cache/,
      });
      await cache.append(k, v, { rope: { cache: mrope } });
      await assert.rejects(() => gpu.decode(q, cache, { rope: { frequencies } }), {
        name: "RangeError",
        message: /rotated with other frequencies/,
      });
      // Slots past the cache's rows: the append is refused and the cache keeps its 2 tokens.
      const short = ropeCache(frequencies, 3);
      const other = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: D, maxLength: 8 });
      try {
        await other.append(k, v, { rope: { cache: short } });
        await assert.rejects(() => other.append(k, v, { rope: { cache: short } }), {
          name: "RangeError",
          message: /rope\.cache: position 3 is past the RopeCache/,
        });
        assert.equal(other.length, 2);
        await assert.rejects(
          () => gpu.decode(tokens(q, 0, 1), other, { rope: { cache: short }, queryPositions: [5] }),
          { name: "RangeError", message: /queryPositions: position 5 is past the RopeCache/ },
        );
        await assert.rejects(
          () => other.append(k, v, { rope: { cache: short, positions: [1, 7] } }),
          { name: "RangeError", message: /rope\.positions: position 7 is past the RopeCache/ },
        );
      } finally {
        other.destroy();
      }
    } finally {
      cache.destroy();
    }
  });
}

gpuTest("WebGPU: attention, applyRope and decode with a multimodal RopeCache", backendMatches);

Deno.test("CPU backend: attention, applyRope and decode with a multimodal RopeCache", async (t) => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      assert.equal(gpu.info.backend, "cpu");
      await backendMatches(t, gpu);
    } finally {
      gpu.destroy();
    }
  });
});

Deno.test("attentionCpu with a multimodal cache equals the reference", () => {
  const { q, k, v } = inputs(2, 4, 2, T, T);
  for (const rope of [{ cache: mrope }, { cache: mrope, pairing: "interleaved" as const }]) {
    const options = { causal: true, rope };
    const got: Tensor = attentionCpu(q, k, v, options);
    assertAllClose(got, attentionReference(q, k, v, options), { atol: 2e-5, rtol: 0 });
  }
  assert.throws(() =>
    attentionCpu(q, k, v, {
      rope: { cache: mrope, positions: Array.from({ length: T }, (_, i) => (i === 3 ? T + 2 : i)) },
    }), {
    name: "RangeError",
    message: new RegExp(`rope\\.positions: position ${T + 2} is past the RopeCache`),
  });
  assert.throws(() => attentionCpu(q, k, v, { rope: { cache: mrope, offset: 1 } }), {
    name: "RangeError",
    message: new RegExp(`rope\\.offset: position ${T} is past the RopeCache`),
  });
});
