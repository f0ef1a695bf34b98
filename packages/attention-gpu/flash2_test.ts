import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, type Tensor } from "@posenc/tensor";
import { mropePositions, multimodalRopeCache, ropeFrequencies } from "@posenc/rope";
import { yarnScaling } from "@posenc/scaling";
import { type AttentionOptions, attentionReference, type GpuAttention } from "./mod.ts";
import { type Case, inputs, label, yarnLike } from "./_test_cases.ts";
import { gpuTest, hasAdapter } from "./_testing.ts";
import { fromHalf, toHalf } from "./_f16.ts";
import { F32_ELEMENTS } from "./_flash_wgsl.ts";
import { planAttention } from "./_plan.ts";
import { TIER_BYTES } from "./_tiles.ts";
import { flash2Params } from "./_flash2.ts";
import { directContext, prepareDirect, runDirect, uploadDirect } from "./_flash2_direct.ts";
import {
  chooseFlash2Tiles,
  flash2Bytes,
  flash2Candidates,
  flash2Label,
  type Flash2Tiles,
  flash2TilesProblem,
} from "./_flash2_tiles.ts";
import { flash2Key } from "./_flash2_layout.ts";
import { flash2Wgsl } from "./_flash2_wgsl.ts";

const EXACT = { atol: 2e-5, rtol: 0 };
const inCi = Deno.env.get("CI") === "true";

// The public API with kernel: "flash2" on the adapter's own tier (T32 on
// lavapipe): odd lengths, q longer and shorter than k, G = 1, 3, 4, 8, head
// dims 32/64/80/96/128, both masks, both pairings on the fast and general RoPE
// paths, partial rotary, YaRN factors, ALiBi, both layouts, batch 2.
const CASES: Case[] = [
  {
    headDim: 64,
    batch: 2,
    heads: 8,
    kvHeads: 2,
    qSeq: 37,
    kSeq: 37,
    options: {
      layout: "bshd",
      causal: true,
      rope: { frequencies: yarnScaling(64, { factor: 8, originalMaxPositionEmbeddings: 4096 }) },
    },
  },
  {
    headDim: 64,
    heads: 8,
    kvHeads: 1,
    qSeq: 1,
    kSeq: 70,
    options: { alibiSlopes: alibiSlopes(8) },
  },
  {
    headDim: 128,
    heads: 4,
    qSeq: 33,
    kSeq: 65,
    options: { causal: true, alibiSlopes: alibiSlopes(4) },
  },
  {
    headDim: 128,
    heads: 8,
    kvHeads: 1,
    qSeq: 70,
    kSeq: 70,
    options: { rope: { frequencies: yarnLike(128, 4), pairing: "interleaved" } },
  },
  {
    headDim: 128,
    heads: 2,
    qSeq: 100,
    kSeq: 7,
    options: { causal: true, scale: 0.05 }, // the first 93 rows see no key: zeros
  },
  {
    headDim: 80,
    heads: 6,
    qSeq: 7,
    kSeq: 41,
    options: {
      causal: true,
      alibiSlopes: alibiSlopes(6),
      rope: { frequencies: yarnLike(32, 4) }, // Phi-2's partial rotary (32 of 80)
    },
  },
  {
    headDim: 80,
    batch: 2,
    heads: 6,
    kvHeads: 2,
    qSeq: 45,
    kSeq: 29,
    options: { layout: "bshd", rope: { frequencies: yarnLike(20, 2), offset: 20 } }, // R/2 = 10: general half path
  },
  {
    headDim: 96,
    heads: 4,
    kvHeads: 1,
    qSeq: 19,
    kSeq: 130,
    options: {
      causal: true,
      rope: { frequencies: ropeFrequencies(30), pairing: "interleaved" }, // R % 4 == 2: general path
    },
  },
  {
    headDim: 32,
    heads: 3,
    qSeq: 130,
    kSeq: 130,
    options: { causal: true },
  },
];

/** Whether flash2 has tiles for a head dim on this instance's tier (else the call runs flash). */
function takes(gpu: GpuAttention, headDim: number): boolean {
  const tier = gpu.info.tier!;
  return chooseFlash2Tiles(headDim, tier, gpu.info.limits!.maxComputeInvocationsPerWorkgroup) !==
    undefined;
}

async function expectExact(gpu: GpuAttention, c: Case, runsFlash2 = true): Promise<void> {
  assert.equal(takes(gpu, c.headDim), runsFlash2, `flash2 ${runsFlash2 ? "takes" : "declines"} it`);
  const { q, k, v } = inputs(c);
  const out = await gpu.attention(q, k, v, { ...c.options, kernel: "flash2" });
  assertAllClose(out, attentionReference(q, k, v, c.options), EXACT);
}

gpuTest("flash2 equals attentionReference (2e-5) on the adapter's tier", async (t, gpu) => {
  for (const c of CASES) await t.step(label(c), () => expectExact(gpu, c));
  await t.step("M-RoPE (Qwen2-VL): a RopeCache in place of frequencies", async () => {
    const positions = mropePositions([{ text: 3 }, { image: [1, 4, 4] }, { text: 2 }]);
    const cache = multimodalRopeCache(ropeFrequencies(128, { base: 1000000 }), positions, {
      section: [16, 24, 24],
    });
    const c: Case = { headDim: 128, heads: 4, kvHeads: 2, qSeq: 9, kSeq: 9 };
    assert.ok(takes(gpu, c.headDim));
    const { q, k, v } = inputs(c);
    const options = { causal: true, rope: { cache } };
    const out = await gpu.attention(q, k, v, { ...options, kernel: "flash2" });
    assertAllClose(out, attentionReference(q, k, v, options), EXACT);
  });
});

/** A tensor rounded to float16 and back. */
function rounded(x: Tensor): Tensor {
  return { shape: x.shape, data: fromHalf(toHalf(x.data), x.data.length) };
}

gpuTest("flash2 with float16 storage: float32 math on the rounded inputs", async (t, gpu) => {
  const cases: Case[] = [
    {
      headDim: 128,
      heads: 8,
      kvHeads: 2,
      qSeq: 37,
      kSeq: 37,
      options: { causal: true, alibiSlopes: alibiSlopes(8) },
    },
    {
      headDim: 64,
      heads: 4,
      qSeq: 21,
      kSeq: 50,
      options: { rope: { frequencies: ropeFrequencies(64), pairing: "interleaved" } },
    },
  ];
  for (const c of cases) {
    await t.step(label(c), async () => {
      const { q, k, v } = inputs(c);
      if (!gpu.info.f16.available) {
        await assert.rejects(
          () => gpu.attention(q, k, v, { ...c.options, kernel: "flash2", precision: "f16" }),
          /Invalid precision: "f16" storage is not available here/,
        );
        return;
      }
      const out = await gpu.attention(q, k, v, {
        ...c.options,
        kernel: "flash2",
        precision: "f16",
      });
      const want = attentionReference(rounded(q), rounded(k), rounded(v), c.options);
      // The output is stored as float16 too: half an f16 ulp of rounding on top of 2e-5.
      assertAllClose(out, want, { atol: 2e-5, rtol: 2 ** -11 });
    });
  }
});

gpuTest(
  "flash2 on the 16 KiB tier (workgroup storage capped), and its fallback to flash",
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
    for (const c of cases) await t.step(label(c), () => expectExact(gpu, c));
    // No flash2 tiles for 256 on T16: the call runs on the flash kernel.
    const c: Case = { headDim: 256, heads: 2, qSeq: 9, kSeq: 12, options: { causal: true } };
    await t.step(`${label(c)} (flash)`, () => expectExact(gpu, c, false));
  },
  { limits: { maxComputeWorkgroupStorageSize: 16384 } },
);

gpuTest("flash2 falls back to flash for head dims it does not take", async (t, gpu) => {
  for (const headDim of [8, 12]) {
    const c: Case = { headDim, heads: 2, qSeq: 5, kSeq: 9, options: { causal: true } };
    await t.step(label(c), () => expectExact(gpu, c, false));
  }
});

/** Inputs of a case with one NaN in q, k or v (batch 0, head 0, token 40, dim 5). */
function poisoned(c: Case, where: "q" | "k" | "v"): { q: Tensor; k: Tensor; v: Tensor } {
  const t = inputs(c);
  const x = t[where];
  const seq = where === "q" ? c.qSeq : c.kSeq;
  x.data[40 * c.headDim + 5] = NaN; // bhsd, batch 0, head 0
  assert.ok(seq > 40);
  return t;
}

/** NaN exactly where the reference has NaN, and within 2e-5 elsewhere. */
function sameNaNs(actual: Tensor, want: Tensor): void {
  let nans = 0;
  for (let i = 0; i < want.data.length; i++) {
    const [a, w] = [actual.data[i]!, want.data[i]!];
    if (Number.isNaN(w)) nans++;
    assert.equal(Number.isNaN(a), Number.isNaN(w), `element ${i} is ${a}, reference ${w}`);
    if (!Number.isNaN(w)) assert.ok(Math.abs(a - w) <= 2e-5, `element ${i}: ${a} vs ${w}`);
  }
  assert.ok(nans > 0, "the reference has NaNs");
}

gpuTest("flash2: a NaN in q, k or v reaches the output as in the reference", async (t, gpu) => {
  for (const causal of [true, false]) {
    const c: Case = { headDim: 64, heads: 4, kvHeads: 2, qSeq: 70, kSeq: 70, options: { causal } };
    for (const where of ["q", "k", "v"] as const) {
      await t.step(`NaN in ${where}${causal ? ", causal" : ""}`, async () => {
        assert.ok(takes(gpu, c.headDim));
        const { q, k, v } = poisoned(c, where);
        const out = await gpu.attention(q, k, v, { ...c.options, kernel: "flash2" });
        sameNaNs(out, attentionReference(q, k, v, c.options));
      });
    }
  }
});

/** One record per structural feature the generator has (KV mode, tm, padding, loops). */
function structuralVariants(headDim: number, budget: number): Flash2Tiles[] {
  const d4 = headDim / 4;
  const out: Flash2Tiles[] = [];
  const seen = new Set<string>();
  const feature = (t: Flash2Tiles) => [
    `kv:${t.kv}${t.doubleV ? "2v" : ""}${t.prefetch ? "pf" : ""}`,
    `tm:${t.tm}`,
    `pad:${t.pad}`,
    `dloop:${t.dChunk < d4}`,
    `kloop:${t.kChunk < t.bc}`,
  ];
  const tryAdd = (t: Flash2Tiles) => {
    const fresh = feature(t).filter((f) => !seen.has(f));
    if (fresh.length === 0 || t.bytes > budget) return;
    fresh.forEach((f) => seen.add(f));
    out.push(t);
  };
  for (const t of flash2Candidates(headDim, "T32", 1024)) {
    tryAdd(t);
    // Loop variants of the same record: the score loop in chunks of 4 vec4, P·V in halves.
    const looped = { ...t, dChunk: 4, kChunk: t.bc / 2 };
    tryAdd(looped);
  }
  return out;
}

/** A record of the same structure on fewer invocations (and fewer keys if need be) within `budget`. */
function sibling(t: Flash2Tiles, budget: number): Flash2Tiles | undefined {
  const sized = (s: Flash2Tiles, workgroup: number, tn: number): Flash2Tiles => {
    const nt = s.bc / s.tn;
    const next = {
      ...s,
      workgroup,
      tn,
      bc: nt * tn,
      br: (workgroup / nt) * s.tm,
      kChunk: Math.min(s.kChunk, nt * tn),
    };
    return { ...next, bytes: flash2Bytes(next) };
  };
  for (let tn = t.tn; tn >= 1; tn /= 2) {
    for (let workgroup = t.workgroup; workgroup >= t.bc / t.tn; workgroup /= 2) {
      const s = sized(t, workgroup, tn);
      if (s.bytes <= budget && flash2TilesProblem(s) === null) return s;
    }
  }
  return undefined;
}

Deno.test({
  name:
    "flash2 tile records: structural variants and T48's records (on fewer invocations) are exact",
  ignore: !hasAdapter && !inCi,
  async fn(t) {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const budget = Math.min(adapter.limits.maxComputeWorkgroupStorageSize, TIER_BYTES.T32);
    const features: GPUFeatureName[] = adapter.features.has("shader-f16") ? ["shader-f16"] : [];
    const device = await adapter.requestDevice({
      requiredLimits: {
        maxComputeWorkgroupStorageSize: budget,
        maxComputeInvocationsPerWorkgroup: adapter.limits.maxComputeInvocationsPerWorkgroup,
      },
      requiredFeatures: features,
    });
    const ctx = directContext(device);
    const run = async (tiles: Flash2Tiles, c: Case) => {
      assert.equal(flash2TilesProblem(tiles), null);
      const { q, k, v } = inputs(c);
      const operands = uploadDirect(ctx, q, k, v, c.options ?? {});
      const call = await prepareDirect(ctx, tiles, operands);
      try {
        assertAllClose(await runDirect(ctx, call), attentionReference(q, k, v, c.options), EXACT);
      } finally {
        call.release();
        operands.destroy();
      }
      // A NaN in V: each K/V mode flags its tile and runs the careful P·V.
      const bad = poisoned(c, "v");
      const poisonedOperands = uploadDirect(ctx, bad.q, bad.k, bad.v, c.options ?? {});
      const again = await prepareDirect(ctx, tiles, poisonedOperands);
      try {
        sameNaNs(await runDirect(ctx, again), attentionReference(bad.q, bad.k, bad.v, c.options));
      } finally {
        again.release();
        poisonedOperands.destroy();
      }
    };
    try {
      // One head dim: each record is a pipeline to compile, slow on a software adapter.
      for (const headDim of [64]) {
        const c: Case = {
          headDim,
          heads: 4,
          kvHeads: 2,
          qSeq: 37,
          kSeq: 70,
          options: {
            causal: true,
            alibiSlopes: alibiSlopes(4),
            rope: { frequencies: ropeFrequencies(headDim) },
          },
        };
        const variants = structuralVariants(headDim, budget);
        // Every KV mode, tm of 1, 2, 4 and 8, padding on and off, both loops.
        const covered = (f: (t: Flash2Tiles) => unknown) => new Set(variants.map(f)).size;
        assert.equal(covered((t) => `${t.kv}${t.doubleV}${t.prefetch}`), 6);
        assert.equal(covered((t) => t.tm), 4);
        assert.equal(covered((t) => t.pad), 2);
        assert.equal(covered((t) => t.dChunk < headDim / 4), 2);
        assert.equal(covered((t) => t.kChunk < t.bc), 2);
        for (const tiles of variants) {
          await t.step(`D${headDim} ${flash2Label(tiles)}`, () => run(tiles, c));
        }
      }
      for (const headDim of [64, 128, 80]) {
        const t48 = chooseFlash2Tiles(headDim, "T48", 1024)!;
        const s = sibling(t48, budget);
        assert.ok(s, `no sibling of ${flash2Label(t48)} fits ${budget} bytes`);
        const c: Case = {
          headDim,
          heads: 8,
          kvHeads: 2,
          qSeq: 45,
          kSeq: 77,
          options: {
            causal: true,
            alibiSlopes: alibiSlopes(8),
            rope: { frequencies: yarnLike(headDim, 4) },
          },
        };
        await t.step(`T48 D${headDim} ${flash2Label(t48)} as ${flash2Label(s)}`, () => run(s, c));
      }
    } finally {
      device.destroy();
    }
  },
});

Deno.test({
  name: "flash2 kernels of every tier compile (T48 included, which this adapter cannot run)",
  ignore: !hasAdapter && !inCi,
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const f16 = adapter.features.has("shader-f16");
    const device = await adapter.requestDevice({ requiredFeatures: f16 ? ["shader-f16"] : [] });
    try {
      for (const tier of ["T48", "T32", "T16"] as const) {
        for (const headDim of [32, 64, 80, 96, 128, 256]) {
          const tiles = chooseFlash2Tiles(headDim, tier, 1024);
          if (!tiles) continue;
          const rope = { pairing: "half", rotaryDim: headDim / 2 + 2 } as const;
          const elements = f16 ? { q: "f16", k: "f16", v: "f16", o: "f16" } as const : F32_ELEMENTS;
          for (const p of [{ rope: null, alibi: false }, { rope, alibi: true }]) {
            const code = flash2Wgsl({ tiles, ...p, elements });
            const info = await device.createShaderModule({ code }).getCompilationInfo();
            assert.deepEqual(
              info.messages.filter((m) => m.type === "error").map((m) =>
                `${m.lineNum}: ${m.message}`
              ),
              [],
              `${tier} D=${headDim} ${flash2Label(tiles)}`,
            );
          }
        }
      }
    } finally {
      device.destroy();
    }
  },
});

Deno.test("flash2 tile records fit their tier and are well formed", () => {
  for (const tier of ["T48", "T32", "T16"] as const) {
    for (let headDim = 16; headDim <= 256; headDim += 4) {
      const all = flash2Candidates(headDim, tier, 1024);
      for (const tiles of all.slice(0, 20)) {
        assert.equal(flash2TilesProblem(tiles), null, flash2Label(tiles));
        assert.ok(tiles.bytes <= TIER_BYTES[tier]);
        assert.equal(tiles.tier, tier);
      }
    }
    // The head dims models use have a record on every tier but 256 on T16.
    for (const headDim of [32, 64, 80, 96, 128]) {
      assert.ok(chooseFlash2Tiles(headDim, tier), `${tier} D=${headDim}`);
    }
  }
  assert.equal(flash2Candidates(6, "T48").length, 0);
  assert.equal(flash2Candidates(260, "T48").length, 0);
  assert.equal(flash2Candidates(12, "T48").length, 0);
  const t = chooseFlash2Tiles(128, "T48", 1024)!;
  assert.match(flash2TilesProblem({ ...t, od4: t.od4 * 2 }) ?? "", /od4/);
  assert.match(flash2TilesProblem({ ...t, bytes: 1 }) ?? "", /bytes must be/);
});

Deno.test("flash2's generated code: loops, barriers and keys", () => {
  const tiles = chooseFlash2Tiles(128, "T48", 1024)!;
  const params = { tiles, rope: null, alibi: false, elements: F32_ELEMENTS };
  const code = flash2Wgsl(params);
  // The K/V tile loop, the careful P·V of a tile with a NaN in V, and the
  // score and P·V loops when they run in chunks.
  const loops = 2 + (tiles.dChunk < 32 ? 1 : 0) + (tiles.kChunk < tiles.bc ? 1 : 0);
  assert.equal(code.match(/\bfor \(/g)?.length, loops);
  // Three barriers per tile, a fourth unless split with two V buffers, one before the store.
  const perTile = tiles.kv === "split" && tiles.doubleV ? 3 : 4;
  assert.equal(code.match(/workgroupBarrier\(\)/g)?.length, perTile + 1);
  assert.doesNotMatch(code, /\bdot\(/); // explicit fma chains
  assert.notEqual(flash2Key(params), flash2Key({ ...params, alibi: true }));
  assert.notEqual(
    flash2Key(params),
    flash2Key({ ...params, tiles: { ...tiles, pad: !tiles.pad } }),
  );
  assert.match(flash2Key(params), /^flash2:d128:/);
});

Deno.test({
  name: "flash2 declines plan fields it does not implement",
  ignore: !hasAdapter && !inCi,
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const device = await adapter.requestDevice();
    try {
      const ctx = directContext(device);
      const { q, k, v } = inputs({ headDim: 64, heads: 2, qSeq: 4, kSeq: 4 });
      const plan = planAttention(q, k, v, { causal: true } satisfies AttentionOptions);
      assert.equal(typeof flash2Params(ctx, plan, F32_ELEMENTS), "object");
      // An option added to the plan after flash2 (say a sliding window) makes it decline.
      assert.match(
        String(flash2Params(ctx, Object.assign({}, plan, { slidingWindow: 128 }), F32_ELEMENTS)),
        /plan field slidingWindow is not implemented by flash2/,
      );
      // Such a field holding "off" is fine.
      assert.equal(
        typeof flash2Params(ctx, Object.assign({}, plan, { softcap: null }), F32_ELEMENTS),
        "object",
      );
      assert.match(
        String(flash2Params(ctx, { ...plan, headDim: 8 }, F32_ELEMENTS)),
        /head dim 8 has no flash2 tiles on tier T/,
      );
    } finally {
      device.destroy();
    }
  },
});

Deno.test("the README's flash2 tile table is the chooser's", async () => {
  const readme = await Deno.readTextFile(new URL("./README.md", import.meta.url));
  const cell = (headDim: number, tier: "T48" | "T32" | "T16") => {
    const t = chooseFlash2Tiles(headDim, tier, tier === "T16" ? 256 : 1024);
    if (!t) return "none: runs flash";
    const kv = t.kv === "shared" ? ", shared" : t.doubleV ? ", K + 2 V" : ", K + V";
    return `${t.workgroup} inv, Br ${t.br} × Bc ${t.bc}, S ${t.tm}×${t.tn}, O ${t.tm}×${
      4 * t.od4
    }${kv}${t.prefetch ? ", pf" : ""}`;
  };
  for (const headDim of [32, 64, 80, 96, 128, 256]) {
    const row = `| ${headDim} | ${cell(headDim, "T48")} | ${cell(headDim, "T32")} | ${
      cell(headDim, "T16")
    } |`;
    const squeeze = (x: string) => x.replace(/ +/g, " ");
    assert.ok(
      readme.split("\n").some((line) => squeeze(line) === row),
      `README lacks the row ${row}`,
    );
  }
});

gpuTest(
  "flash2 splits work over the binding limit (unaligned windows), or refuses it clearly",
  async (t, gpu) => {
    // 16 KiB bindings: each (batch, KV head) slice fits, the tensors do not.
    const cases: Case[] = [
      {
        headDim: 36, // D4 = 9: one invocation per row
        batch: 2,
        heads: 4,
        kvHeads: 2,
        qSeq: 37,
        kSeq: 41,
        options: {
          causal: true,
          alibiSlopes: alibiSlopes(4),
          rope: { frequencies: yarnLike(12, 2) },
        },
      },
      {
        headDim: 32,
        batch: 2,
        heads: 4,
        kvHeads: 2,
        qSeq: 21,
        kSeq: 30,
        options: { layout: "bshd", causal: true },
      },
    ];
    for (const c of cases) await t.step(label(c), () => expectExact(gpu, c));
    await t.step("one slice over the limit", async () => {
      const big = inputs({ headDim: 128, heads: 1, qSeq: 64, kSeq: 64 }).q; // 32 KiB per head
      await assert.rejects(
        () => gpu.attention(big, big, big, { kernel: "flash2" }),
        /Cannot split q and the output to the device's binding limit: one \(batch, KV head\) slice spans 32768 bytes, more than maxStorageBufferBindingSize \(16384 bytes\)/,
      );
    });
  },
  { limits: { maxStorageBufferBindingSize: 16384 } },
);

gpuTest(
  "flash2 splits grids over the workgroup limit",
  async (_t, gpu) => {
    // At most 2 workgroups per dimension: query tiles and (batch, head) units need several dispatches.
    await expectExact(gpu, {
      headDim: 32,
      batch: 2,
      heads: 12,
      kvHeads: 3,
      qSeq: 130,
      kSeq: 70,
      options: { causal: true, alibiSlopes: alibiSlopes(12), layout: "bshd" },
    });
  },
  { limits: { maxComputeWorkgroupsPerDimension: 2 } },
);
