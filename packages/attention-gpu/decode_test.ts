import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import { type Pairing, type RopeFrequencies, ropeFrequencies } from "@posenc/rope";
import { yarnScaling } from "@posenc/scaling";
import { attentionReference, type GpuAttention, type GpuTensor } from "./mod.ts";
import { decodeSplits } from "./_decode_tiles.ts";
import { shapeOf, sliceSeq } from "./_test_cases.ts";
import { gpuTest } from "./_testing.ts";

/** One generation to replay token by token. */
interface Loop {
  readonly name: string;
  readonly batch: number;
  readonly kvHeads: number;
  readonly group: number;
  readonly headDim: number;
  readonly layout: "bhsd" | "bshd";
  readonly rope?: { frequencies: RopeFrequencies; pairing: Pairing };
  readonly alibi?: boolean;
  /** Tokens appended at once before the token-by-token loop (a prompt). */
  readonly prompt?: number;
  /**
   * A sliding-window layer: a ring cache of this window, and the prefill
   * with `slidingWindow` (decode passes it only when `explicitWindow`).
   */
  readonly window?: number;
  readonly explicitWindow?: boolean;
  readonly sinks?: boolean;
  readonly softcap?: number;
  readonly leftPadding?: readonly number[];
}

const TOKENS = 40;

// YaRN as Qwen2 / DeepSeek configure it, short originals so the ramp matters at 40 tokens.
const yarn64 = yarnScaling(64, { factor: 4, originalMaxPositionEmbeddings: 32 });
const yarn32 = yarnScaling(32, { factor: 8, originalMaxPositionEmbeddings: 16 });

const LOOPS: Loop[] = [
  {
    name: "MHA (G = 1), YaRN, half pairing",
    batch: 1,
    kvHeads: 3,
    group: 1,
    headDim: 64,
    layout: "bhsd",
    rope: { frequencies: yarn64, pairing: "half" },
  },
  {
    name: "GQA G = 4, YaRN, interleaved pairing, bshd, batch 2, a 9-token prompt",
    batch: 2,
    kvHeads: 2,
    group: 4,
    headDim: 64,
    layout: "bshd",
    rope: { frequencies: yarn64, pairing: "interleaved" },
    prompt: 9,
  },
  {
    name: "GQA G = 8, ALiBi, head dim 128",
    batch: 1,
    kvHeads: 1,
    group: 8,
    headDim: 128,
    layout: "bhsd",
    alibi: true,
  },
  {
    name: "G = 4, partial rotary (32 of 80), YaRN, half pairing, ALiBi",
    batch: 1,
    kvHeads: 2,
    group: 4,
    headDim: 80,
    layout: "bhsd",
    rope: { frequencies: yarn32, pairing: "half" },
    alibi: true,
  },
  {
    name: "ring cache of window 8 (gpt-oss-like: sinks), GQA 2, YaRN, half pairing",
    batch: 1,
    kvHeads: 2,
    group: 2,
    headDim: 64,
    layout: "bhsd",
    rope: { frequencies: yarn64, pairing: "half" },
    window: 8,
    sinks: true,
  },
  {
    name: "ring cache of window 5, a 9-token prompt, softcap, left padding, ALiBi, bshd, batch 2",
    batch: 2,
    kvHeads: 1,
    group: 4,
    headDim: 32,
    layout: "bshd",
    rope: { frequencies: yarn32, pairing: "interleaved" },
    alibi: true,
    prompt: 9,
    window: 5,
    explicitWindow: true,
    softcap: 3,
    leftPadding: [0, 3],
  },
];

/**
 * Appends and decodes a sequence token by token and compares each output
 * row with the same row of one causal prefill over the whole sequence.
 */
async function replay(gpu: GpuAttention, c: Loop, tolerance: number, precision: "f32" | "f16") {
  const heads = c.kvHeads * c.group;
  const q = randomNormal(shapeOf(c.layout, c.batch, heads, TOKENS, c.headDim), { seed: 11 });
  const k = randomNormal(shapeOf(c.layout, c.batch, c.kvHeads, TOKENS, c.headDim), { seed: 12 });
  const v = randomNormal(shapeOf(c.layout, c.batch, c.kvHeads, TOKENS, c.headDim), { seed: 13 });
  const slopes = c.alibi ? alibiSlopes(heads) : undefined;
  const shared = {
    layout: c.layout,
    ...(c.rope ? { rope: c.rope } : {}),
    ...(slopes ? { alibiSlopes: slopes } : {}),
    ...(c.sinks ? { sinks: Array.from({ length: heads }, (_, h) => 0.5 * h - 1) } : {}),
    ...(c.softcap ? { softcap: c.softcap } : {}),
    ...(c.leftPadding ? { leftPadding: c.leftPadding } : {}),
    ...(c.window && c.explicitWindow ? { slidingWindow: c.window } : {}),
  };
  const prefill = await gpu.attention(q, k, v, {
    ...shared,
    ...(c.window ? { slidingWindow: c.window } : {}),
    causal: true,
    precision,
  });
  const cache = await gpu.createKvCache({
    batch: c.batch,
    kvHeads: c.kvHeads,
    headDim: c.headDim,
    maxLength: TOKENS,
    ...(c.window ? { window: c.window } : {}),
    precision,
  });
  const append = { layout: c.layout, ...(c.rope ? { rope: c.rope } : {}) };
  let t = 0;
  if (c.prompt) {
    const n = c.prompt;
    await cache.append(sliceSeq(k, c.layout, 0, n), sliceSeq(v, c.layout, 0, n), append);
    t = n;
    const out = await gpu.decode(sliceSeq(q, c.layout, n - 1, 1), cache, shared);
    check(out, sliceSeq(prefill, c.layout, n - 1, 1), tolerance, n - 1);
  }
  for (; t < TOKENS; t++) {
    await cache.append(sliceSeq(k, c.layout, t, 1), sliceSeq(v, c.layout, t, 1), append);
    assert.equal(cache.length, t + 1);
    // Resident queries on every other step: the output stays on the device.
    const qt = sliceSeq(q, c.layout, t, 1);
    const out = t % 2 === 0
      ? await gpu.decode(qt, cache, shared)
      : await gpu.download(await gpu.decode(gpu.upload(qt, { precision }), cache, shared));
    check(out, sliceSeq(prefill, c.layout, t, 1), tolerance, t);
  }
  cache.destroy();
}

/** Absolute 1e-5 in float32; in float16, 2e-2 relative to the row's largest value. */
function check(actual: Tensor, expected: Tensor, tolerance: number, t: number): void {
  let scale = 1;
  if (tolerance > 1e-3) scale = Math.max(...expected.data.map(Math.abs));
  assertAllClose(actual, expected, { atol: tolerance * scale, rtol: 0, message: `token ${t}` });
}

gpuTest("a 40-token decode loop equals causal prefill row by row (1e-5)", async (t, gpu) => {
  for (const c of LOOPS) {
    await t.step(c.name, () => replay(gpu, c, 1e-5, "f32"));
  }
});

gpuTest("a float16 KV cache: the decode loop equals float16 prefill (2e-2)", async (t, gpu) => {
  assert.ok(gpu.info.f16.available, gpu.info.f16.detail);
  for (const c of [LOOPS[1]!, LOOPS[3]!, LOOPS[5]!]) {
    await t.step(c.name, () => replay(gpu, c, 2e-2, "f16"));
  }
});

/** A filled cache and decode inputs, with the reference on the full K/V. */
async function scenario(
  gpu: GpuAttention,
  o: {
    length: number;
    qSeq: number;
    kvHeads: number;
    group: number;
    headDim: number;
    batch?: number;
    rope?: { frequencies: RopeFrequencies; pairing: Pairing };
    alibi?: boolean;
    seed?: number;
  },
) {
  const batch = o.batch ?? 1;
  const heads = o.kvHeads * o.group;
  const seed = o.seed ?? 21;
  const k = randomNormal([batch, o.kvHeads, o.length, o.headDim], { seed });
  const v = randomNormal([batch, o.kvHeads, o.length, o.headDim], { seed: seed + 1 });
  const q = randomNormal([batch, heads, o.qSeq, o.headDim], { seed: seed + 2 });
  const cache = await gpu.createKvCache({
    batch,
    kvHeads: o.kvHeads,
    headDim: o.headDim,
    maxLength: o.length,
  });
  await cache.append(k, v, o.rope ? { rope: o.rope } : {});
  const options = {
    ...(o.rope ? { rope: o.rope } : {}),
    ...(o.alibi ? { alibiSlopes: alibiSlopes(heads) } : {}),
  };
  const want = attentionReference(q, k, v, { ...options, causal: true });
  return { q, k, v, cache, options, want };
}

gpuTest(
  "decode across the split thresholds equals attentionReference (2e-5)",
  async (t, gpu) => {
    assert.equal(gpu.info.decodeWorkgroups, 64);
    const maxDim = gpu.info.limits!.maxComputeWorkgroupsPerDimension;
    for (const length of [1, 255, 256, 257, 4097]) {
      await t.step(`cache length ${length}`, async () => {
        const s = await scenario(gpu, {
          length,
          qSeq: 1,
          kvHeads: 1,
          group: 4,
          headDim: 32,
          rope: { frequencies: yarn32, pairing: "interleaved" },
          alibi: true,
        });
        const out = await gpu.decode(s.q, s.cache, s.options);
        assertAllClose(out, s.want, { atol: 2e-5, rtol: 0 });
        const timing = await gpu.profileDecode(s.q, s.cache, { ...s.options, iterations: 1 });
        // One (batch, KV head) unit and one row block: 64 wanted, >= 256 keys each.
        const expected = { 1: 1, 255: 1, 256: 1, 257: 2, 4097: 17 }[length];
        assert.equal(timing.splits, expected);
        assert.equal(timing.splits, decodeSplits(length, 1, 64, maxDim).splits);
        s.cache.destroy();
      });
    }
    await t.step("forced split counts, 1 to one key per split", async () => {
      const s = await scenario(gpu, { length: 300, qSeq: 2, kvHeads: 2, group: 2, headDim: 64 });
      for (const splits of [1, 3, 7, 300]) {
        const out = await gpu.decode(s.q, s.cache, { ...s.options, splits });
        assertAllClose(out, s.want, { atol: 2e-5, rtol: 0, message: `${splits} splits` });
        const timing = await gpu.profileDecode(s.q, s.cache, { splits, iterations: 1 });
        assert.equal(timing.splits, splits);
      }
      await assert.rejects(
        () => gpu.decode(s.q, s.cache, { splits: 301 }),
        /Invalid splits: expected at most 300 \(the cache length 300\), got 301/,
      );
      await assert.rejects(
        () => gpu.decode(s.q, s.cache, { splits: 0 }),
        /Invalid splits: expected an integer >= 1, got 0/,
      );
      s.cache.destroy();
    });
  },
  { decodeWorkgroups: 64 },
);

gpuTest("speculative decoding: 2 to 4 query tokens per sequence", async (t, gpu) => {
  const frequencies = ropeFrequencies(64);
  for (const [qSeq, group] of [[2, 1], [3, 4], [4, 8]] as const) {
    await t.step(`${qSeq} tokens, G = ${group}, batch 2`, async () => {
      const s = await scenario(gpu, {
        length: 300,
        qSeq,
        kvHeads: 2,
        group,
        headDim: 64,
        batch: 2,
        rope: { frequencies, pairing: "half" },
        alibi: true,
        seed: qSeq,
      });
      const out = await gpu.decode(s.q, s.cache, { ...s.options, splits: 2 });
      assertAllClose(out, s.want, { atol: 2e-5, rtol: 0 });
      s.cache.destroy();
    });
  }
});

gpuTest("explicit key and query positions", async (t, gpu) => {
  const frequencies = yarn64;
  const rope = { frequencies, pairing: "half" as const };
  const [b, h, L, D] = [2, 2, 6, 64];
  const k = randomNormal([b, h, L, D], { seed: 1 });
  const v = randomNormal([b, h, L, D], { seed: 2 });
  const q = randomNormal([b, 4, 2, D], { seed: 3 });
  // Two sequences with their own offsets (left padding, a sliding window...).
  const positions = [10, 11, 12, 13, 14, 15, 500, 501, 502, 503, 504, 505];
  const queryPositions = [14, 15, 504, 505];
  const want = attentionReference(q, k, v, {
    causal: true,
    rope: { ...rope, positions, queryPositions },
  });
  const cache = await gpu.createKvCache({ batch: b, kvHeads: h, headDim: D, maxLength: 8 });
  await t.step("appended in two chunks, queries at explicit positions", async () => {
    await cache.append(sliceSeq(k, "bhsd", 0, 4), sliceSeq(v, "bhsd", 0, 4), {
      rope: { ...rope, positions: [10, 11, 12, 13, 500, 501, 502, 503] },
    });
    await cache.append(sliceSeq(k, "bhsd", 4, 2), sliceSeq(v, "bhsd", 4, 2), {
      rope: { ...rope, positions: [14, 15, 504, 505] },
    });
    assertAllClose(await gpu.decode(q, cache, { rope, queryPositions }), want, {
      atol: 2e-5,
      rtol: 0,
    });
  });
  await t.step("without queryPositions: a clear error", async () => {
    await assert.rejects(
      () => gpu.decode(q, cache, { rope }),
      /Invalid queryPositions: the cache's keys were appended at explicit positions/,
    );
  });
  cache.destroy();
});

gpuTest("appends and decodes of one cache run in call order", async (t, gpu) => {
  const s = { kvHeads: 2, headDim: 32 };
  const k = randomNormal([1, 2, 12, 32], { seed: 5 });
  const v = randomNormal([1, 2, 12, 32], { seed: 6 });
  const q = randomNormal([1, 4, 1, 32], { seed: 7 });
  const rope = { frequencies: ropeFrequencies(32, { base: 500000 }) };
  await t.step("not awaited one by one", async () => {
    const cache = await gpu.createKvCache({ batch: 1, ...s, maxLength: 12 });
    const pending: Array<Promise<unknown>> = [];
    const outs: Array<Promise<Tensor>> = [];
    for (let i = 0; i < 12; i++) {
      pending.push(cache.append(sliceSeq(k, "bhsd", i, 1), sliceSeq(v, "bhsd", i, 1), { rope }));
      outs.push(gpu.decode(q, cache, { rope }));
    }
    await Promise.all(pending);
    const results = await Promise.all(outs);
    for (let i = 0; i < 12; i++) {
      const kk = sliceSeq(k, "bhsd", 0, i + 1);
      const vv = sliceSeq(v, "bhsd", 0, i + 1);
      const want = attentionReference(q, kk, vv, { causal: true, rope });
      assertAllClose(results[i]!, want, { atol: 2e-5, rtol: 0, message: `step ${i}` });
    }
    cache.destroy();
  });
  await t.step("reset() cancels what was called before it, clearly", async () => {
    const cache = await gpu.createKvCache({ batch: 1, ...s, maxLength: 12 });
    const early = cache.append(k, v);
    cache.reset();
    await assert.rejects(
      early,
      /This append was called before a reset\(\) of its KvCache, so it was not run/,
    );
    await cache.append(sliceSeq(k, "bhsd", 0, 3), sliceSeq(v, "bhsd", 0, 3));
    assert.equal(cache.length, 3);
    cache.destroy();
  });
});

gpuTest("resident queries give resident outputs of their dtype", async (_t, gpu) => {
  const s = await scenario(gpu, { length: 50, qSeq: 1, kvHeads: 2, group: 2, headDim: 32 });
  const out: GpuTensor = await gpu.decode(gpu.upload(s.q), s.cache);
  assert.equal(out.dtype, "float32");
  assertAllClose(await gpu.download(out), s.want, { atol: 2e-5, rtol: 0 });
  const half: GpuTensor = await gpu.decode(gpu.upload(s.q, { precision: "f16" }), s.cache);
  assert.equal(half.dtype, "float16");
  assertAllClose(await gpu.download(half), s.want, { atol: 2e-2, rtol: 0 });
  s.cache.destroy();
});

gpuTest(
  "decode on the 16 KiB tier, a cache split over bindings, a grid of 2 per dimension",
  async (t, gpu) => {
    assert.equal(gpu.info.tier, "T16");
    const frequencies = ropeFrequencies(64);
    for (const [length, group] of [[700, 4], [40, 8]] as const) {
      await t.step(`length ${length}, G = ${group}`, async () => {
        // 3 x 4 (batch, KV head) units of 64 KiB: two per 128 KiB binding.
        const s = await scenario(gpu, {
          length,
          qSeq: 2,
          kvHeads: 4,
          group,
          headDim: 64,
          batch: 3,
          rope: { frequencies, pairing: "half" },
          alibi: true,
        });
        assertAllClose(await gpu.decode(s.q, s.cache, s.options), s.want, { atol: 2e-5, rtol: 0 });
        s.cache.destroy();
      });
    }
  },
  {
    limits: {
      maxComputeWorkgroupStorageSize: 16384,
      maxStorageBufferBindingSize: 2 * 700 * 64 * 4,
      maxComputeWorkgroupsPerDimension: 2,
    },
  },
);
