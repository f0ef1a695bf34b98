import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, randomNormal, tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { attentionReference, createGpuAttention, type GpuTensor } from "./mod.ts";
import { type Case, inputs, label, yarnLike } from "./_test_cases.ts";
import { gpuTest, hasAdapter } from "./_testing.ts";

const close = { atol: 2e-5, rtol: 0 };

gpuTest("info describes the adapter, tier and features", async (_t, gpu) => {
  const info = gpu.info;
  assert.equal(info.backend, "webgpu");
  assert.ok(info.adapter && typeof info.adapter.description === "string");
  assert.ok(info.tier === "T48" || info.tier === "T32" || info.tier === "T16");
  assert.ok(info.limits && info.limits.maxStorageBufferBindingSize >= 134217728);
  assert.equal(info.fallbackReason, null);
  assert.equal(info.threads, null);
  for (const feature of info.features) {
    assert.ok(["timestamp-query", "shader-f16"].includes(feature));
  }
  assert.equal(info.features.includes("shader-f16"), info.f16.available);
  await gpu.synchronize(); // an idle queue resolves
});

gpuTest(
  "limit caps lower the tier",
  async (_t, gpu) => {
    assert.equal(gpu.info.tier, "T16");
    assert.equal(gpu.info.limits?.maxComputeWorkgroupStorageSize, 16384);
    await Promise.resolve();
  },
  { limits: { maxComputeWorkgroupStorageSize: 16384 } },
);

gpuTest(
  "threads is for the CPU fallback: ignored on WebGPU",
  async (_t, gpu) => {
    assert.equal(gpu.info.backend, "webgpu");
    assert.equal(gpu.info.threads, null);
    const q = randomNormal([1, 4, 128, 64], { seed: 1 });
    assertAllClose(await gpu.attention(q, q, q), attentionReference(q, q, q), close);
  },
  { threads: 2 },
);

gpuTest("resident tensors chain without readback", async (t, gpu) => {
  const c: Case = { headDim: 64, heads: 4, kvHeads: 2, qSeq: 64, kSeq: 64 };
  const { q, k, v } = inputs(c);
  await t.step("upload and download round-trip exactly", async () => {
    const back = await gpu.download(gpu.upload(q));
    assert.deepEqual(back.shape, q.shape);
    assert.deepEqual(back.data, q.data);
  });
  await t.step("a resident q gives a resident output; k and v may be host tensors", async () => {
    const out: GpuTensor = await gpu.attention(gpu.upload(q), k, gpu.upload(v), { causal: true });
    assert.equal(out.dtype, "float32");
    assert.ok(out.buffer !== null);
    assert.deepEqual(out.shape, q.shape);
    assertAllClose(await gpu.download(out), attentionReference(q, k, v, { causal: true }), close);
    out.destroy();
    assert.equal(out.destroyed, true);
    await assert.rejects(() => gpu.download(out), /Invalid t: this GpuTensor was destroyed/);
  });
  await t.step("RoPE on the device, then attention, equals fused RoPE attention", async () => {
    const frequencies = yarnLike(64, 8);
    const rq = await gpu.applyRope(gpu.upload(q), frequencies, { offset: 0 });
    const rk = await gpu.applyRope(gpu.upload(k), frequencies, { offset: 0 });
    const out = await gpu.attention(rq, rk, v, { causal: true });
    const fused = await gpu.attention(q, k, v, { causal: true, rope: { frequencies } });
    assertAllClose(await gpu.download(out), fused, close);
  });
  await t.step("concurrent calls do not interfere", async () => {
    const variants = [
      { causal: true },
      { rope: { frequencies: yarnLike(64, 4), offset: 5000 } },
      { alibiSlopes: alibiSlopes(4), causal: true },
    ];
    const outs = await Promise.all(variants.map((o) => gpu.attention(q, k, v, o)));
    outs.forEach((out, i) => assertAllClose(out, attentionReference(q, k, v, variants[i]), close));
  });
  await t.step("the same resident tensor may be q, k and v", async () => {
    const x = gpu.upload(q);
    const out = await gpu.attention(x, x, x);
    assertAllClose(await gpu.download(out), attentionReference(q, q, q), close);
  });
});

gpuTest("profileAttention times calls", async (_t, gpu) => {
  const { q, k, v } = inputs({ headDim: 32, heads: 2, qSeq: 64, kSeq: 64 });
  const timing = await gpu.profileAttention(gpu.upload(q), k, v, { causal: true, iterations: 3 });
  assert.equal(timing.iterations, 3);
  assert.ok(timing.seconds > 0 && Number.isFinite(timing.seconds));
  assert.equal(
    timing.source,
    gpu.info.features.includes("timestamp-query") ? "timestamp-query" : "wall-clock",
  );
  const naive = await gpu.profileAttention(q, k, v, { kernel: "naive", iterations: 1 });
  assert.ok(naive.seconds > 0);
  await assert.rejects(
    () => gpu.profileAttention(q, k, v, { iterations: 0 }),
    /Invalid iterations: expected an integer >= 1, got 0/,
  );
});

gpuTest("bad input gets a clear error", async (t, gpu) => {
  const q = randomNormal([1, 4, 8, 32], { seed: 1 });
  const k = randomNormal([1, 2, 8, 32], { seed: 2 });
  const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
    [
      "head dim mismatch",
      () => gpu.attention(q, randomNormal([1, 2, 8, 16]), randomNormal([1, 2, 8, 16])),
      /Invalid k: expected head dim 32 \(as q\), got 16/,
    ],
    [
      "heads not divisible by kv heads",
      () => gpu.attention(q, randomNormal([1, 3, 8, 32]), randomNormal([1, 3, 8, 32])),
      /Invalid k: q has 4 heads, which is not a multiple of k's 3 heads/,
    ],
    [
      "k/v length mismatch",
      () => gpu.attention(q, k, randomNormal([1, 2, 9, 32])),
      /Invalid v: expected 8 tokens \(as k\), got 9/,
    ],
    [
      "wrong rank",
      () => gpu.attention(tensor([1, 2], [1, 2]), k, k),
      /Invalid q: expected a rank-4 tensor \[batch, heads, seq, headDim\]/,
    ],
    [
      "not a tensor",
      () => gpu.attention(q, [1, 2, 3] as never, k),
      /Invalid k: expected a Tensor \(\{ shape, data: Float32Array \}\) or a GpuTensor/,
    ],
    [
      "ALiBi slopes of the wrong count",
      () => gpu.attention(q, k, k, { alibiSlopes: alibiSlopes(6) }),
      /Invalid alibiSlopes: expected 4 slopes \(one per query head\), got 6/,
    ],
    [
      "unknown kernel",
      () => gpu.attention(q, k, k, { kernel: "fast" as never }),
      /Invalid kernel: expected one of "flash", "flash2", "naive", got "fast"/,
    ],
    [
      "positions and offset together",
      () =>
        gpu.attention(q, k, k, {
          rope: {
            frequencies: ropeFrequencies(32),
            offset: 1,
            positions: [0, 1, 2, 3, 4, 5, 6, 7],
          },
        }),
      /Invalid rope: expected positions or offset, got both/,
    ],
    [
      "rotary dim above the head dim",
      () => gpu.applyRope(q, ropeFrequencies(64)),
      /Invalid frequencies: rotary dim 64 \(2 x 32 frequencies\) exceeds the head dim 32/,
    ],
    [
      "float32 positions beyond 2^24",
      () => gpu.applyRope(q, ropeFrequencies(32), { offset: 2 ** 24 }),
      /Invalid offset: the last token would sit at position 16777223, above 16777216/,
    ],
    [
      "head dim the flash kernel cannot take",
      () =>
        gpu.attention(
          randomNormal([1, 1, 4, 6]),
          randomNormal([1, 1, 4, 6]),
          randomNormal([1, 1, 4, 6]),
        ),
      /Invalid q: head dim 6 is not supported by the flash kernel on this device .* use kernel: "naive" or attentionReference/,
    ],
  ];
  for (const [name, run, message] of cases) {
    await t.step(name, async () => {
      await assert.rejects(run, message);
    });
  }
  await t.step("the naive kernel takes any head dim", async () => {
    const [a, b, c] = [1, 2, 3].map((seed) => randomNormal([1, 2, 5, 6], { seed })) as [
      ReturnType<typeof randomNormal>,
      ReturnType<typeof randomNormal>,
      ReturnType<typeof randomNormal>,
    ];
    const out = await gpu.attention(a, b, c, { kernel: "naive", causal: true });
    assertAllClose(out, attentionReference(a, b, c, { causal: true }), close);
  });
});

gpuTest(
  "work over the binding limit is split (unaligned windows), or refused clearly",
  async (t, gpu) => {
    // 16 KiB bindings: each (batch, KV head) slice fits, the tensors do not.
    const cases: Case[] = [
      {
        headDim: 36,
        batch: 2,
        heads: 4,
        kvHeads: 2,
        qSeq: 37,
        kSeq: 41,
        options: {
          causal: true,
          alibiSlopes: alibiSlopes(4),
          rope: { frequencies: ropeFrequencies(12) },
        },
      },
    ];
    for (const c of cases) {
      await t.step(label(c), async () => {
        const { q, k, v } = inputs(c);
        const want = attentionReference(q, k, v, c.options);
        assertAllClose(await gpu.attention(q, k, v, c.options), want, close);
      });
    }
    await t.step("one slice over the limit", async () => {
      const big = randomNormal([1, 1, 64, 128], { seed: 1 }); // 32 KiB per head
      await assert.rejects(
        () => gpu.attention(big, big, big),
        /Cannot split q and the output to the device's binding limit: one \(batch, KV head\) slice spans 32768 bytes, more than maxStorageBufferBindingSize \(16384 bytes\)/,
      );
      await assert.rejects(
        () => gpu.attention(big, big, big, { kernel: "naive" }),
        /Cannot run the naive kernel: q \(32768 bytes\) exceeds maxStorageBufferBindingSize \(16384 bytes\)/,
      );
    });
  },
  { limits: { maxStorageBufferBindingSize: 16384 } },
);

gpuTest(
  "grids over the workgroup limit are split and folded",
  async (t, gpu) => {
    // At most 2 workgroups per dimension: query tiles, (batch, head) units
    // and the naive and RoPE grids all need several dispatches.
    const c: Case = {
      headDim: 32,
      batch: 2,
      heads: 12,
      kvHeads: 3,
      qSeq: 130,
      kSeq: 70,
      options: { causal: true, alibiSlopes: alibiSlopes(12), layout: "bshd" },
    };
    const { q, k, v } = inputs(c);
    const want = attentionReference(q, k, v, c.options);
    await t.step("flash", async () => {
      assertAllClose(await gpu.attention(q, k, v, c.options), want, close);
    });
    await t.step("naive", async () => {
      assertAllClose(await gpu.attention(q, k, v, { ...c.options, kernel: "naive" }), want, close);
    });
  },
  { limits: { maxComputeWorkgroupsPerDimension: 2 } },
);

Deno.test({
  name: "use after destroy and foreign tensors throw clear errors",
  ignore: !hasAdapter && Deno.env.get("CI") !== "true",
  async fn() {
    const gpu = await createGpuAttention();
    const other = await createGpuAttention();
    try {
      const q = randomNormal([1, 2, 4, 32], { seed: 1 });
      const foreign = other.upload(q);
      await assert.rejects(
        () => gpu.attention(foreign, q, q),
        /Invalid q: this GpuTensor belongs to another GpuAttention/,
      );
      const mine = gpu.upload(q);
      gpu.destroy();
      assert.equal(mine.destroyed, true);
      const destroyed =
        /This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention\(\)/;
      await assert.rejects(() => gpu.attention(q, q, q), destroyed);
      await assert.rejects(() => gpu.applyRope(q, ropeFrequencies(32)), destroyed);
      await assert.rejects(() => gpu.download(mine), destroyed);
      await assert.rejects(() => gpu.synchronize(), destroyed);
      await assert.rejects(() => gpu.profileAttention(q, q, q), destroyed);
      assert.throws(() => gpu.upload(q), destroyed);
      gpu.destroy(); // twice is fine
    } finally {
      gpu.destroy();
      other.destroy();
    }
  },
});

Deno.test({
  name: "a caller's device stays the caller's; its loss is reported",
  ignore: !hasAdapter && Deno.env.get("CI") !== "true",
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const device = await adapter.requestDevice();
    try {
      const first = await createGpuAttention({ device });
      assert.equal(first.info.tier, "T16"); // a default device has 16 KiB of workgroup storage
      first.destroy();
      const second = await createGpuAttention({ device });
      const q = randomNormal([1, 1, 8, 16], { seed: 2 });
      assertAllClose(await second.attention(q, q, q), attentionReference(q, q, q), close);
      device.destroy();
      await device.lost;
      await assert.rejects(
        () => second.attention(q, q, q),
        /the WebGPU device was lost \(destroyed/,
      );
    } finally {
      device.destroy();
    }
  },
});
