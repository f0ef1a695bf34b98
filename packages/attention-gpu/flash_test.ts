import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { yarnScaling } from "@posenc/scaling";
import { attentionReference } from "./mod.ts";
import { type Case, inputs, label, yarnLike } from "./_test_cases.ts";
import { gpuTest } from "./_testing.ts";

// A covering set, not the full product: every head dim, both masks, q
// lengths 1/7/64/130 against k up to 300, G = 1, 2, 3, 4, 8, ALiBi with 6
// and 12 heads, both pairings on the fast and the general RoPE paths, full
// and partial rotary, YaRN-like attention factors, explicit positions, both
// layouts, q longer than k. Each head dim x RoPE x ALiBi variant is its own
// pipeline, compiled once per run, so variants are combined on purpose.
const CASES: Case[] = [
  {
    headDim: 32,
    heads: 12,
    kvHeads: 3,
    qSeq: 130,
    kSeq: 300,
    options: { causal: true, alibiSlopes: alibiSlopes(12) },
  },
  {
    headDim: 32,
    heads: 12,
    kvHeads: 3,
    qSeq: 1,
    kSeq: 300,
    options: { alibiSlopes: alibiSlopes(12) },
  },
  {
    headDim: 64,
    batch: 2,
    heads: 4,
    kvHeads: 2,
    qSeq: 64,
    kSeq: 64,
    options: {
      layout: "bshd",
      causal: true,
      rope: { frequencies: yarnScaling(64, { factor: 8, originalMaxPositionEmbeddings: 4096 }) },
    },
  },
  {
    headDim: 64,
    heads: 4,
    kvHeads: 2,
    qSeq: 1,
    kSeq: 300,
    options: { rope: { frequencies: yarnLike(64, 8), offset: 17 } },
  },
  {
    headDim: 80,
    heads: 6,
    qSeq: 7,
    kSeq: 300,
    options: {
      causal: true,
      alibiSlopes: alibiSlopes(6),
      rope: { frequencies: yarnLike(32, 4) }, // Phi-2's partial rotary (32 of 80)
    },
  },
  {
    headDim: 96,
    heads: 8,
    kvHeads: 1,
    qSeq: 130,
    kSeq: 257,
    options: { rope: { frequencies: yarnLike(48, 16), pairing: "interleaved" } },
  },
  {
    headDim: 128,
    heads: 2,
    qSeq: 130,
    kSeq: 130,
    options: { causal: true },
  },
  {
    headDim: 128,
    heads: 2,
    qSeq: 300,
    kSeq: 7,
    options: { causal: true, scale: 0.05 }, // the first 293 rows see no key: zeros
  },
  {
    headDim: 256,
    heads: 12,
    kvHeads: 4,
    qSeq: 7,
    kSeq: 64,
    options: {
      causal: true,
      alibiSlopes: alibiSlopes(12),
      rope: { frequencies: ropeFrequencies(30), pairing: "interleaved" }, // R % 4 == 2: general path
    },
  },
  {
    headDim: 64,
    batch: 2,
    heads: 6,
    kvHeads: 6,
    qSeq: 5,
    kSeq: 9,
    options: {
      layout: "bshd",
      causal: true,
      alibiSlopes: alibiSlopes(6),
      rope: {
        frequencies: yarnLike(20, 2), // R/2 = 10: general half path
        positions: [0, 1, 2, 3, 4, 5, 6, 7, 8, 3, 4, 5, 6, 7, 8, 9, 10, 11],
        queryPositions: [4, 5, 6, 7, 8, 9, 10, 11, 12, 13],
      },
    },
  },
];

gpuTest("flash attention equals attentionReference (2e-5)", async (t, gpu) => {
  for (const c of CASES) {
    await t.step(label(c), async () => {
      const { q, k, v } = inputs(c);
      const out = await gpu.attention(q, k, v, c.options);
      assertAllClose(out, attentionReference(q, k, v, c.options), { atol: 2e-5, rtol: 0 });
    });
  }
});

gpuTest("naive three-pass attention equals attentionReference (2e-5)", async (t, gpu) => {
  for (const c of CASES.filter((_, i) => i % 2 === 0)) {
    await t.step(label(c), async () => {
      const { q, k, v } = inputs(c);
      const out = await gpu.attention(q, k, v, { ...c.options, kernel: "naive" });
      assertAllClose(out, attentionReference(q, k, v, c.options), { atol: 2e-5, rtol: 0 });
    });
  }
});

gpuTest(
  "flash attention on the 16 KiB tier (workgroup storage capped)",
  async (t, gpu) => {
    const cases: Case[] = [
      {
        headDim: 128,
        heads: 8,
        kvHeads: 2,
        qSeq: 64,
        kSeq: 100,
        options: { causal: true, alibiSlopes: alibiSlopes(8) },
      },
      {
        headDim: 64,
        heads: 2,
        qSeq: 33,
        kSeq: 70,
        options: { rope: { frequencies: yarnLike(64, 4) } },
      },
    ];
    for (const c of cases) {
      await t.step(label(c), async () => {
        const { q, k, v } = inputs(c);
        const out = await gpu.attention(q, k, v, c.options);
        assertAllClose(out, attentionReference(q, k, v, c.options), { atol: 2e-5, rtol: 0 });
      });
    }
  },
  { limits: { maxComputeWorkgroupStorageSize: 16384 } },
);

gpuTest("empty sequences give empty or zero outputs", async (t, gpu) => {
  for (const kernel of ["flash", "naive"] as const) {
    await t.step(`${kernel}: no keys`, async () => {
      const q = inputs({ headDim: 32, heads: 2, qSeq: 3, kSeq: 1 }).q;
      const empty = inputs({ headDim: 32, heads: 2, qSeq: 1, kSeq: 0 }).k;
      const out = await gpu.attention(q, empty, empty, { kernel });
      assert.deepEqual(out.data, new Float32Array(2 * 3 * 32));
      assert.deepEqual(out.data, attentionReference(q, empty, empty).data);
    });
    await t.step(`${kernel}: no queries`, async () => {
      const { q, k, v } = inputs({ headDim: 32, heads: 2, qSeq: 0, kSeq: 5 });
      const out = await gpu.attention(q, k, v, { kernel, causal: true });
      assert.deepEqual(out.shape, [1, 2, 0, 32]);
      assert.equal(out.data.length, 0);
    });
  }
});
