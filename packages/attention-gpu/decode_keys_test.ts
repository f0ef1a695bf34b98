import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, maxAbsDiff, randomNormal, type Tensor } from "@posenc/tensor";
import { type Pairing, type RopeFrequencies, ropeFrequencies } from "@posenc/rope";
import { yarnScaling } from "@posenc/scaling";
import { attentionReference, createGpuAttention, type GpuAttention } from "./mod.ts";
import { chooseKeysTiles, keysSplits } from "./_decode_keys_tiles.ts";
import { fromHalf, toHalf } from "./_f16.ts";
import { shapeOf, sliceSeq } from "./_test_cases.ts";
import { gpuTest, withoutAdapter } from "./_testing.ts";

const yarn64 = yarnScaling(64, { factor: 4, originalMaxPositionEmbeddings: 32 });
const yarn32 = yarnScaling(32, { factor: 8, originalMaxPositionEmbeddings: 16 });

interface Scenario {
  length: number;
  qSeq: number;
  kvHeads: number;
  group: number;
  headDim: number;
  batch?: number;
  rope?: { frequencies: RopeFrequencies; pairing: Pairing };
  alibi?: boolean;
  precision?: "f32" | "f16";
  seed?: number;
}

/** A filled cache, q, and the reference output on the full K/V. */
async function scenario(gpu: GpuAttention, o: Scenario) {
  const batch = o.batch ?? 1;
  const heads = o.kvHeads * o.group;
  const seed = o.seed ?? 31;
  let k = randomNormal([batch, o.kvHeads, o.length, o.headDim], { seed });
  let v = randomNormal([batch, o.kvHeads, o.length, o.headDim], { seed: seed + 1 });
  const q = randomNormal([batch, heads, o.qSeq, o.headDim], { seed: seed + 2 });
  const cache = await gpu.createKvCache({
    batch,
    kvHeads: o.kvHeads,
    headDim: o.headDim,
    maxLength: o.length,
    precision: o.precision ?? "f32",
  });
  await cache.append(k, v, o.rope ? { rope: o.rope } : {});
  if (o.precision === "f16" && !o.rope) {
    // The cache holds k and v rounded to float16: the reference reads the same values.
    const round = (t: Tensor): Tensor => ({ shape: t.shape, data: fromHalf(toHalf(t.data)) });
    [k, v] = [round(k), round(v)];
  }
  const options = {
    ...(o.rope ? { rope: o.rope } : {}),
    ...(o.alibi ? { alibiSlopes: alibiSlopes(heads) } : {}),
  };
  const want = attentionReference(q, k, v, { ...options, causal: true });
  return { q, cache, options, want };
}

/** The splits the keys rule picks for a scenario on this device. */
function ruleSplits(gpu: GpuAttention, o: Scenario, target: number): number {
  const info = gpu.info;
  const rows = o.group * o.qSeq;
  const tiles = chooseKeysTiles(
    o.headDim,
    rows,
    o.precision ?? "f32",
    info.tier!,
    info.limits!.maxComputeInvocationsPerWorkgroup,
  );
  assert.ok(typeof tiles !== "string", String(tiles));
  const items = (o.batch ?? 1) * o.kvHeads * Math.ceil(rows / tiles.rb);
  const maxDim = info.limits!.maxComputeWorkgroupsPerDimension;
  return keysSplits(o.length, items, target, maxDim, tiles.tk).splits;
}

const COMBOS: ReadonlyArray<Omit<Scenario, "length">> = [
  {
    qSeq: 1,
    kvHeads: 2,
    group: 1,
    headDim: 64,
    rope: { frequencies: ropeFrequencies(64), pairing: "half" },
  },
  {
    qSeq: 2,
    kvHeads: 1,
    group: 4,
    headDim: 32,
    rope: { frequencies: yarn32, pairing: "interleaved" },
    alibi: true,
  },
  { qSeq: 4, kvHeads: 1, group: 8, headDim: 128, alibi: true },
  { qSeq: 3, kvHeads: 2, group: 4, headDim: 80, rope: { frequencies: yarn32, pairing: "half" } },
];

gpuTest(
  "keys decode across the split thresholds equals attentionReference (2e-5)",
  async (t, gpu) => {
    for (const length of [1, 255, 256, 257, 4097]) {
      for (const combo of COMBOS) {
        if (combo.qSeq > length) continue;
        const o = { ...combo, length };
        const name = `L ${length}, G ${o.group}, ${o.qSeq} tokens, D ${o.headDim}${
          o.rope ? `, RoPE ${o.rope.pairing}` : ""
        }${o.alibi ? ", ALiBi" : ""}`;
        await t.step(name, async () => {
          const s = await scenario(gpu, o);
          const out = await gpu.decode(s.q, s.cache, { ...s.options, kernel: "keys" });
          assertAllClose(out, s.want, { atol: 2e-5, rtol: 0 });
          const timing = await gpu.profileDecode(s.q, s.cache, {
            ...s.options,
            kernel: "keys",
            iterations: 1,
          });
          assert.equal(timing.kernel, "keys");
          assert.equal(timing.splits, ruleSplits(gpu, o, 64));
          s.cache.destroy();
        });
      }
    }
    await t.step("the rule splits a 4097-key cache and keeps a 256-key one whole", () => {
      assert.equal(ruleSplits(gpu, { ...COMBOS[0]!, length: 256 }, 64), 1);
      assert.ok(ruleSplits(gpu, { ...COMBOS[0]!, length: 4097 }, 64) >= 8);
    });
  },
  { decodeWorkgroups: 64 },
);

gpuTest("keys decode with forced split counts, 1 to one key per split", async (_t, gpu) => {
  const o = { length: 300, qSeq: 3, kvHeads: 2, group: 2, headDim: 64, alibi: true };
  const s = await scenario(gpu, o);
  for (const splits of [1, 2, 7, 300]) {
    const out = await gpu.decode(s.q, s.cache, { ...s.options, splits, kernel: "keys" });
    assertAllClose(out, s.want, { atol: 2e-5, rtol: 0, message: `${splits} splits` });
    const timing = await gpu.profileDecode(s.q, s.cache, {
      splits,
      kernel: "keys",
      iterations: 1,
    });
    assert.equal(timing.splits, splits);
  }
  await assert.rejects(
    () => gpu.decode(s.q, s.cache, { splits: 301, kernel: "keys" }),
    /Invalid splits: expected at most 300 \(the cache length 300\), got 301/,
  );
  s.cache.destroy();
});

gpuTest("keys decode over head dims 4 to 512", async (t, gpu) => {
  for (const headDim of [4, 12, 64, 96, 256, 512]) {
    await t.step(`D ${headDim}`, async () => {
      const o = { length: 333, qSeq: 2, kvHeads: 2, group: 2, headDim, alibi: true };
      const s = await scenario(gpu, o);
      for (const splits of [undefined, 4]) {
        const options = { ...s.options, kernel: "keys" as const, ...(splits ? { splits } : {}) };
        assertAllClose(await gpu.decode(s.q, s.cache, options), s.want, { atol: 2e-5, rtol: 0 });
      }
      const timing = await gpu.profileDecode(s.q, s.cache, { kernel: "keys", iterations: 1 });
      assert.equal(timing.kernel, "keys");
      s.cache.destroy();
    });
  }
});

gpuTest("keys decode of a float16 cache", async (t, gpu) => {
  assert.ok(gpu.info.f16.available, gpu.info.f16.detail);
  for (const length of [257, 4097]) {
    await t.step(`L ${length}: exact on the float16 values (2e-5)`, async () => {
      const o = {
        length,
        qSeq: 1,
        kvHeads: 2,
        group: 4,
        headDim: 128,
        alibi: true,
        precision: "f16" as const,
      };
      const s = await scenario(gpu, o);
      for (const splits of [undefined, 1, 5]) {
        const options = { ...s.options, kernel: "keys" as const, ...(splits ? { splits } : {}) };
        assertAllClose(await gpu.decode(s.q, s.cache, options), s.want, {
          atol: 2e-5,
          rtol: 0,
          message: `${splits ?? "automatic"} splits`,
        });
      }
      s.cache.destroy();
    });
  }
  await t.step(
    "RoPE, 4 tokens, G 8: equals the split kernel (2e-5) and the reference",
    async () => {
      const o = {
        length: 700,
        qSeq: 4,
        kvHeads: 1,
        group: 8,
        headDim: 64,
        rope: { frequencies: yarn64, pairing: "half" as const },
        precision: "f16" as const,
      };
      const s = await scenario(gpu, o);
      const keys = await gpu.decode(s.q, s.cache, { ...s.options, kernel: "keys" });
      const split = await gpu.decode(s.q, s.cache, { ...s.options, kernel: "split" });
      assert.ok(maxAbsDiff(keys, split) < 2e-5, `keys vs split: ${maxAbsDiff(keys, split)}`);
      const scale = Math.max(...s.want.data.map(Math.abs));
      assertAllClose(keys, s.want, { atol: 2e-2 * scale, rtol: 0 });
      s.cache.destroy();
    },
  );
  await t.step("float16 queries give float16 outputs", async () => {
    const o = {
      length: 300,
      qSeq: 1,
      kvHeads: 2,
      group: 2,
      headDim: 32,
      precision: "f16" as const,
    };
    const s = await scenario(gpu, o);
    const q = gpu.upload(s.q, { precision: "f16" });
    const out = await gpu.decode(q, s.cache, { kernel: "keys" });
    assert.equal(out.dtype, "float16");
    assertAllClose(await gpu.download(out), s.want, { atol: 2e-2, rtol: 0 });
    s.cache.destroy();
  });
  await t.step("head dim 12 (not a multiple of 8) runs on the split kernel", async () => {
    const o = { length: 50, qSeq: 1, kvHeads: 1, group: 2, headDim: 12, precision: "f16" as const };
    const s = await scenario(gpu, o);
    assertAllClose(await gpu.decode(s.q, s.cache, { kernel: "keys" }), s.want, {
      atol: 2e-5,
      rtol: 0,
    });
    const timing = await gpu.profileDecode(s.q, s.cache, { kernel: "keys", iterations: 1 });
    assert.equal(timing.kernel, "split");
    s.cache.destroy();
  });
});

gpuTest("keys decode: bshd, batch 2, explicit key and query positions", async (_t, gpu) => {
  const rope = { frequencies: yarn64, pairing: "interleaved" as const };
  const [b, h, L, D] = [2, 3, 290, 64];
  const k = randomNormal([b, L, h, D], { seed: 1 });
  const v = randomNormal([b, L, h, D], { seed: 2 });
  const q = randomNormal([b, 2, h * 4, D], { seed: 3 });
  const positions = Array.from({ length: b * L }, (_, i) => (i < L ? 7 + i : 900 + i));
  const queryPositions = [
    positions[L - 2]!,
    positions[L - 1]!,
    positions[2 * L - 2]!,
    positions[2 * L - 1]!,
  ];
  const want = attentionReference(q, k, v, {
    layout: "bshd",
    causal: true,
    alibiSlopes: alibiSlopes(h * 4),
    rope: { ...rope, positions, queryPositions },
  });
  const cache = await gpu.createKvCache({ batch: b, kvHeads: h, headDim: D, maxLength: L });
  await cache.append(k, v, { layout: "bshd", rope: { ...rope, positions } });
  for (const splits of [undefined, 3]) {
    const out = await gpu.decode(q, cache, {
      layout: "bshd",
      rope,
      queryPositions,
      alibiSlopes: alibiSlopes(h * 4),
      kernel: "keys",
      ...(splits ? { splits } : {}),
    });
    assertAllClose(out, want, { atol: 2e-5, rtol: 0 });
  }
  cache.destroy();
});

gpuTest(
  "keys decode on the 16 KiB tier, a cache split over bindings, a grid of 4 per dimension",
  async (t, gpu) => {
    assert.equal(gpu.info.tier, "T16");
    const frequencies = ropeFrequencies(64);
    for (const [length, group, qSeq] of [[700, 4, 1], [40, 2, 2], [300, 8, 2]] as const) {
      await t.step(`length ${length}, G = ${group}, ${qSeq} tokens`, async () => {
        // 3 x 4 (batch, KV head) units of 175 KiB: two per 350 KiB binding.
        const o = {
          length,
          qSeq,
          kvHeads: 4,
          group,
          headDim: 64,
          batch: 3,
          rope: { frequencies, pairing: "half" as const },
          alibi: true,
        };
        const s = await scenario(gpu, o);
        const options = { ...s.options, kernel: "keys" as const };
        assertAllClose(await gpu.decode(s.q, s.cache, options), s.want, { atol: 2e-5, rtol: 0 });
        const timing = await gpu.profileDecode(s.q, s.cache, { ...options, iterations: 1 });
        // 16 rows x 2 merge workgroups each exceed the 4 x 4 grid: the split kernel runs.
        assert.equal(timing.kernel, group * qSeq === 16 ? "split" : "keys");
        assert.ok(timing.splits <= 4);
        s.cache.destroy();
      });
    }
  },
  {
    limits: {
      maxComputeWorkgroupStorageSize: 16384,
      maxStorageBufferBindingSize: 2 * 700 * 64 * 4,
      maxComputeWorkgroupsPerDimension: 4,
    },
  },
);

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
}

const TOKENS = 40;

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
    name: "GQA G = 4, YaRN, interleaved pairing, bshd, batch 2",
    batch: 2,
    kvHeads: 2,
    group: 4,
    headDim: 64,
    layout: "bshd",
    rope: { frequencies: yarn64, pairing: "interleaved" },
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
];

/** Appends token by token; each keys decode must equal the same row of one causal prefill. */
async function replay(gpu: GpuAttention, c: Loop, precision: "f32" | "f16") {
  const heads = c.kvHeads * c.group;
  const q = randomNormal(shapeOf(c.layout, c.batch, heads, TOKENS, c.headDim), { seed: 11 });
  const k = randomNormal(shapeOf(c.layout, c.batch, c.kvHeads, TOKENS, c.headDim), { seed: 12 });
  const v = randomNormal(shapeOf(c.layout, c.batch, c.kvHeads, TOKENS, c.headDim), { seed: 13 });
  const shared = {
    layout: c.layout,
    ...(c.rope ? { rope: c.rope } : {}),
    ...(c.alibi ? { alibiSlopes: alibiSlopes(heads) } : {}),
  };
  const prefill = await gpu.attention(q, k, v, { ...shared, causal: true, precision });
  const cache = await gpu.createKvCache({
    batch: c.batch,
    kvHeads: c.kvHeads,
    headDim: c.headDim,
    maxLength: TOKENS,
    precision,
  });
  const append = { layout: c.layout, ...(c.rope ? { rope: c.rope } : {}) };
  for (let t = 0; t < TOKENS; t++) {
    await cache.append(sliceSeq(k, c.layout, t, 1), sliceSeq(v, c.layout, t, 1), append);
    const qt = sliceSeq(q, c.layout, t, 1);
    // Two splits from the third token on: the merge runs too.
    const options = { ...shared, kernel: "keys" as const, ...(t >= 2 ? { splits: 2 } : {}) };
    const out = t % 2 === 0
      ? await gpu.decode(qt, cache, options)
      : await gpu.download(await gpu.decode(gpu.upload(qt, { precision }), cache, options));
    const want = sliceSeq(prefill, c.layout, t, 1);
    const scale = precision === "f16" ? 2e-2 * Math.max(...want.data.map(Math.abs)) : 1e-5;
    assertAllClose(out, want, { atol: scale, rtol: 0, message: `token ${t}` });
  }
  cache.destroy();
}

gpuTest("a 40-token keys decode loop equals causal prefill row by row (1e-5)", async (t, gpu) => {
  for (const c of LOOPS) await t.step(c.name, () => replay(gpu, c, "f32"));
});

gpuTest("a 40-token keys decode loop on a float16 cache (2e-2)", async (t, gpu) => {
  assert.ok(gpu.info.f16.available, gpu.info.f16.detail);
  for (const c of LOOPS.slice(1)) await t.step(c.name, () => replay(gpu, c, "f16"));
});

gpuTest("the kernel option is checked", async (_t, gpu) => {
  const s = await scenario(gpu, { length: 8, qSeq: 1, kvHeads: 1, group: 2, headDim: 16 });
  for (const kernel of ["fast", 1, "Keys"]) {
    await assert.rejects(
      // @ts-expect-error: a kernel that does not exist
      () => gpu.decode(s.q, s.cache, { kernel }),
      (error: Error) =>
        error instanceof TypeError &&
        /^Invalid kernel: expected one of "split", "keys", got /.test(error.message),
    );
  }
  const timing = await gpu.profileDecode(s.q, s.cache, { iterations: 1 });
  assert.equal(timing.kernel, "split"); // the default
  s.cache.destroy();
});

Deno.test("the CPU fallback checks the kernel option and runs both names", async () => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      const s = await scenario(gpu, { length: 20, qSeq: 2, kvHeads: 1, group: 2, headDim: 16 });
      for (const kernel of ["split", "keys"] as const) {
        assertAllClose(await gpu.decode(s.q, s.cache, { kernel }), s.want, { atol: 1e-4 });
      }
      await assert.rejects(
        // @ts-expect-error: a kernel that does not exist
        () => gpu.decode(s.q, s.cache, { kernel: "flash" }),
        /Invalid kernel: expected one of "split", "keys", got "flash"/,
      );
      s.cache.destroy();
    } finally {
      gpu.destroy();
    }
  });
});
