import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import {
  attentionReference,
  createGpuAttention,
  type GpuAttention,
  type GpuDecodeOptions,
} from "./mod.ts";
import { sliceSeq } from "./_test_cases.ts";
import { gpuTest, withoutAdapter } from "./_testing.ts";

/** Decode options with the features, for a call of `heads` query heads and `n` tokens over `length`. */
function featureSets(
  batch: number,
  heads: number,
  n: number,
  length: number,
): Array<[string, GpuDecodeOptions]> {
  const sinks = Array.from({ length: heads }, (_, h) => Math.sin(h) * 2);
  const bias = randomNormal([batch, 1, n, length], { seed: 40 + n });
  for (let i = 5; i < bias.data.length; i += 11) bias.data[i] = -Infinity;
  return [
    ["window 50", { slidingWindow: 50 }],
    ["window 1", { slidingWindow: 1 }],
    ["sinks", { sinks }],
    ["softcap 2", { softcap: 2, scale: 1 }],
    ["left padding", { leftPadding: Array.from({ length: batch }, (_, b) => 37 * b) }],
    ["bias [B, 1, n, L]", { bias }],
    ["everything", {
      slidingWindow: 77,
      sinks,
      softcap: 4,
      leftPadding: Array.from({ length: batch }, (_, b) => length - 60 - 20 * b),
      alibiSlopes: alibiSlopes(heads),
      bias,
    }],
  ];
}

/** Decode calls with every feature set, 1 to 4 query tokens and several split counts. */
async function decodeMatches(
  t: Deno.TestContext,
  gpu: GpuAttention,
  splitCounts: readonly (number | undefined)[],
): Promise<void> {
  const [batch, kvHeads, group, D, length] = [2, 2, 3, 32, 300];
  const heads = kvHeads * group;
  const rope = { frequencies: ropeFrequencies(D), pairing: "interleaved" as const };
  const k = randomNormal([batch, kvHeads, length, D], { seed: 1 });
  const v = randomNormal([batch, kvHeads, length, D], { seed: 2 });
  const cache = await gpu.createKvCache({ batch, kvHeads, headDim: D, maxLength: length });
  await cache.append(k, v, { rope });
  try {
    for (const n of [1, 2, 3, 4]) {
      const q = randomNormal([batch, heads, n, D], { seed: 10 + n });
      // Each set of features is a pipeline to compile per token count: every
      // set with 1 token, all of them at once with 1-4 tokens, windows alone
      // (the plain pipeline) with 1 and 4.
      const sets = featureSets(batch, heads, n, length)
        .filter(([name]) =>
          n === 1 || name === "everything" || (n === 4 && name.startsWith("window"))
        );
      for (const [name, options] of sets) {
        await t.step(`${n} tokens, ${name}`, async () => {
          const want = attentionReference(q, k, v, { ...options, rope, causal: true });
          // Forced splits up to the keys the call reads.
          const span = Math.min(length, (options.slidingWindow ?? length) + n - 1);
          for (const splits of splitCounts.filter((s) => s === undefined || s <= span)) {
            const out = await gpu.decode(q, cache, {
              ...options,
              rope,
              ...(splits ? { splits } : {}),
            });
            assertAllClose(out, want, { atol: 2e-5, rtol: 0, message: `splits ${splits}` });
          }
        });
      }
    }
  } finally {
    cache.destroy();
  }
}

gpuTest(
  "WebGPU decode: window, sinks, softcap, padding, bias with 1-4 tokens (2e-5)",
  (t, gpu) => decodeMatches(t, gpu, [undefined, 1, 3, 8]),
  { decodeWorkgroups: 64 },
);

Deno.test("CPU backend decode: window, sinks, softcap, padding, bias with 1-4 tokens", async (t) => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      await decodeMatches(t, gpu, [undefined]);
    } finally {
      gpu.destroy();
    }
  });
});

/** A window cache against a plain one holding the same tokens, on one backend. */
async function ringCache(t: Deno.TestContext, gpu: GpuAttention): Promise<void> {
  const [kvHeads, D, W, total] = [2, 32, 16, 90];
  const rope = { frequencies: ropeFrequencies(D) };
  const k = randomNormal([1, kvHeads, total, D], { seed: 3 });
  const v = randomNormal([1, kvHeads, total, D], { seed: 4 });
  const sinks = [1, -1, 0.5, 2];
  const ring = await gpu.createKvCache({ batch: 1, kvHeads, headDim: D, window: W });
  await t.step(
    "appends of every size wrap the ring; decode of 1-4 tokens sees the window",
    async () => {
      assert.equal(ring.window, W);
      assert.equal(ring.maxLength, Infinity);
      let at = 0;
      // 23 tokens at once (more than the ring's 19 slots), then 1, 5, 2, ...
      for (const n of [23, 1, 5, 2, 19, 1, 3, 20, 16]) {
        await ring.append(sliceSeq(k, "bhsd", at, n), sliceSeq(v, "bhsd", at, n), { rope });
        at += n;
        assert.equal(ring.length, at);
        for (const qn of [1, 4]) {
          const q = randomNormal([1, 4, qn, D], { seed: at + qn });
          const kk = sliceSeq(k, "bhsd", 0, at);
          const vv = sliceSeq(v, "bhsd", 0, at);
          const options = { rope, sinks };
          const want = attentionReference(q, kk, vv, {
            ...options,
            causal: true,
            slidingWindow: W,
          });
          assertAllClose(await gpu.decode(q, ring, options), want, {
            atol: 2e-5,
            rtol: 0,
            message: `length ${at}, ${qn} queries`,
          });
          // A narrower window than the cache's is allowed.
          const narrow = attentionReference(q, kk, vv, {
            ...options,
            causal: true,
            slidingWindow: 3,
          });
          assertAllClose(await gpu.decode(q, ring, { ...options, slidingWindow: 3 }), narrow, {
            atol: 2e-5,
            rtol: 0,
          });
        }
      }
      assert.equal(at, total);
    },
  );
  await t.step("download gives the window's tokens in order", async () => {
    const { k: kd, v: vd } = await ring.download();
    assert.deepEqual(kd.shape, [1, kvHeads, W, D]);
    assertAllClose(vd, sliceSeq(v, "bhsd", total - W, W), { atol: 0, rtol: 0 });
    const rotated = await gpu.applyRope(k, rope.frequencies);
    assertAllClose(kd, sliceSeq(rotated, "bhsd", total - W, W), { atol: 1e-6, rtol: 0 });
  });
  await t.step("a wider window than the cache's is refused", async () => {
    const q = randomNormal([1, 4, 1, D], { seed: 1 });
    await assert.rejects(() => gpu.decode(q, ring, { rope, slidingWindow: W + 1 }), {
      name: "RangeError",
      message:
        `Invalid slidingWindow: expected at most ${W}, the window of this cache (it keeps no older keys), got ${
          W + 1
        }`,
    });
  });
  ring.destroy();
}

gpuTest(
  "WebGPU ring cache (window): decode equals windowed attention on the whole sequence",
  (t, gpu) => ringCache(t, gpu),
);

Deno.test("CPU backend ring cache (window): decode equals windowed attention", async (t) => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      await ringCache(t, gpu);
    } finally {
      gpu.destroy();
    }
  });
});

gpuTest(
  "a ring cache's memory is O(window): a binding of 64 KiB holds a window of 128 for any length",
  async (_t, gpu) => {
    const D = 64;
    // 131 slots x 64 dims x 4 bytes = 33.5 KiB per (batch, KV head): fits a 64 KiB binding.
    const ring = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: D, window: 128 });
    await assert.rejects(
      () => gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: D, maxLength: 1000 }),
      /Cannot allocate the KV cache/,
    );
    const k = randomNormal([1, 1, 1000, D], { seed: 8 });
    const v = randomNormal([1, 1, 1000, D], { seed: 9 });
    await ring.append(k, v);
    const q = randomNormal([1, 2, 2, D], { seed: 10 });
    const want = attentionReference(q, k, v, { causal: true, slidingWindow: 128 });
    assertAllClose(await gpu.decode(q, ring), want, { atol: 2e-5, rtol: 0 });
    ring.destroy();
  },
  { limits: { maxStorageBufferBindingSize: 65536 } },
);

gpuTest(
  "the keys decode kernel leaves the score options and window caches to split",
  async (t, gpu) => {
    const [kvHeads, D] = [2, 32];
    const k = randomNormal([1, kvHeads, 70, D], { seed: 1 });
    const v = randomNormal([1, kvHeads, 70, D], { seed: 2 });
    const q = randomNormal([1, 4, 2, D], { seed: 3 });
    const plain = await gpu.createKvCache({ batch: 1, kvHeads, headDim: D, maxLength: 70 });
    const ring = await gpu.createKvCache({ batch: 1, kvHeads, headDim: D, window: 20 });
    await plain.append(k, v);
    await ring.append(k, v);
    const cases: Array<[string, typeof plain, GpuDecodeOptions, GpuDecodeOptions]> = [
      ["window", plain, { slidingWindow: 9 }, { slidingWindow: 9 }],
      ["sinks, softcap, padding", plain, { sinks: [1, 0, -1, 2], softcap: 3, leftPadding: [30] }, {
        sinks: [1, 0, -1, 2],
        softcap: 3,
        leftPadding: [30],
      }],
      ["a ring cache", ring, {}, { slidingWindow: 20 }],
    ];
    for (const [name, cache, options, reference] of cases) {
      await t.step(name, async () => {
        const want = attentionReference(q, k, v, { ...reference, causal: true });
        const out = await gpu.decode(q, cache, { ...options, kernel: "keys" });
        assertAllClose(out, want, { atol: 2e-5, rtol: 0 });
        const timing = await gpu.profileDecode(q, cache, {
          ...options,
          kernel: "keys",
          iterations: 1,
        });
        assert.equal(timing.kernel, "split");
      });
    }
    plain.destroy();
    ring.destroy();
  },
);

gpuTest("decode option errors", async (t, gpu) => {
  const cache = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 16, maxLength: 8 });
  const kv = randomNormal([1, 1, 5, 16], { seed: 1 });
  await cache.append(kv, kv);
  const q = randomNormal([1, 2, 1, 16], { seed: 2 });
  await t.step("a bias must cover the cache length", async () => {
    const bias: Tensor = { shape: [1, 2, 1, 4], data: new Float32Array(8) };
    await assert.rejects(() => gpu.decode(q, cache, { bias }), {
      name: "RangeError",
      message:
        "Invalid bias: expected shape [1, 1 or 2, 1, 5] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast), got [1, 2, 1, 4]",
    });
  });
  await t.step("sinks per query head", async () => {
    await assert.rejects(() => gpu.decode(q, cache, { sinks: [1] }), {
      name: "RangeError",
      message: "Invalid sinks: expected 2 logits (one per query head), got 1",
    });
  });
  await t.step("window and maxLength of createKvCache", async () => {
    await assert.rejects(
      () => gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 16 } as never),
      /Invalid maxLength: expected an integer >= 1 \(the tokens the cache holds\), got undefined; only a window cache may leave it out/,
    );
    await assert.rejects(
      () => gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 16, window: 0 }),
      { name: "RangeError", message: /Invalid window: expected an integer >= 1/ },
    );
  });
  cache.destroy();
});
