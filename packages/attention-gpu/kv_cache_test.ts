import assert from "node:assert/strict";
import { assertAllClose, randomNormal } from "@posenc/tensor";
import { applyRope, ropeFrequencies } from "@posenc/rope";
import { alibiSlopes } from "@posenc/alibi";
import { attentionReference, createGpuAttention, type GpuAttention, type KvCache } from "./mod.ts";
import { gpuTest, hasAdapter, withoutAdapter } from "./_testing.ts";

const inCi = Deno.env.get("CI") === "true";

/** Bad-input checks every backend must word the same way. */
async function badInputs(t: Deno.TestContext, gpu: GpuAttention): Promise<void> {
  const dims = { batch: 2, kvHeads: 2, headDim: 32, maxLength: 8 };
  await t.step("createKvCache options", async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...dims, batch: 0 }, /Invalid batch: expected an integer >= 1, got 0/],
      [{ ...dims, kvHeads: 1.5 }, /Invalid kvHeads: expected an integer/],
      [{ ...dims, headDim: 30 }, /Invalid headDim: expected a multiple of 4 .*got 30/],
      [{ ...dims, headDim: 1024 }, /Invalid headDim: expected an integer in \[4, 512\], got 1024/],
      [{ ...dims, maxLength: 0 }, /Invalid maxLength: expected an integer >= 1, got 0/],
      [{ ...dims, precision: "bf16" }, /Invalid precision: expected one of .*"f16".*got "bf16"/],
    ];
    for (const [options, message] of cases) {
      await assert.rejects(() => gpu.createKvCache(options as never), message);
    }
    await assert.rejects(
      () => gpu.createKvCache(null as never),
      /Invalid options: expected an object, got null/,
    );
  });

  const cache = await gpu.createKvCache(dims);
  const k = randomNormal([2, 2, 3, 32], { seed: 1 });
  const v = randomNormal([2, 2, 3, 32], { seed: 2 });
  await t.step("append shapes", async () => {
    const cases: Array<[unknown, unknown, RegExp]> = [
      [randomNormal([1, 2, 3, 32]), v, /Invalid k: expected batch 2 \(as the cache\), got 1/],
      [k, randomNormal([2, 3, 3, 32]), /Invalid v: expected 2 KV heads \(as the cache\), got 3/],
      [randomNormal([2, 2, 3, 16]), v, /Invalid k: expected head dim 32 \(as the cache\), got 16/],
      [k, randomNormal([2, 2, 4, 32]), /Invalid v: expected 3 tokens \(as k\), got 4/],
      [randomNormal([2, 2, 32]), v, /Invalid k: expected a rank-4 tensor/],
      [[1, 2, 3], v, /Invalid k/],
    ];
    for (const [kk, vv, message] of cases) {
      await assert.rejects(() => cache.append(kk as never, vv as never), message);
    }
    await assert.rejects(
      () => cache.append(k, v, { layout: "sbhd" as never }),
      /Invalid layout: expected one of "bhsd", "bshd", got "sbhd"/,
    );
    assert.equal(cache.length, 0);
  });

  await t.step("append RoPE options", async () => {
    const frequencies = ropeFrequencies(32);
    await assert.rejects(
      () => cache.append(k, v, { rope: { frequencies, rotaryDim: 16 } }),
      /Invalid rope.rotaryDim: expected 32 \(2 x the 16 frequencies\), got 16/,
    );
    await assert.rejects(
      () => cache.append(k, v, { rope: { frequencies: ropeFrequencies(64) } }),
      /Invalid rope.frequencies: rotary dim 64 .* exceeds the head dim 32/,
    );
    await assert.rejects(
      () => cache.append(k, v, { rope: { frequencies, pairing: "neox" as never } }),
      /Invalid rope.pairing: expected one of "half", "interleaved", got "neox"/,
    );
    await assert.rejects(
      () => cache.append(k, v, { rope: { frequencies, positions: [0, 1] } }),
      /Invalid rope.positions/,
    );
    await cache.append(k, v, { rope: { frequencies } });
    await assert.rejects(
      () => cache.append(k, v),
      /Invalid rope: this cache's keys were rotated with other frequencies, pairing or angles; one cache holds keys of one rotation/,
    );
    await assert.rejects(
      () => cache.append(k, v, { rope: { frequencies, pairing: "interleaved" } }),
      /one cache holds keys of one rotation/,
    );
    assert.equal(cache.length, 3);
  });

  await t.step("overflow", async () => {
    await cache.append(k, v, { rope: { frequencies: ropeFrequencies(32) } });
    await assert.rejects(
      () => cache.append(k, v, { rope: { frequencies: ropeFrequencies(32) } }),
      /Cannot append 3 tokens: the KV cache holds 6 of its maxLength 8 tokens \(2 free\); create a larger cache or reset\(\) it/,
    );
    assert.equal(cache.length, 6);
  });

  await t.step("decode arguments", async () => {
    const rope = { frequencies: ropeFrequencies(32) };
    const q = randomNormal([2, 4, 1, 32], { seed: 3 });
    const cases: Array<[unknown, Record<string, unknown>, RegExp]> = [
      [randomNormal([2, 4, 5, 32]), { rope }, /Invalid q: expected 1 to 4 query tokens/],
      [
        randomNormal([1, 4, 1, 32]),
        { rope },
        /Invalid q: expected batch 2 \(as the cache\), got 1/,
      ],
      [randomNormal([2, 3, 1, 32]), { rope }, /Invalid q: its 3 heads are not a multiple/],
      [randomNormal([2, 4, 1, 64]), { rope }, /Invalid q: expected head dim 32/],
      [q, { rope, alibiSlopes: [1, 2] }, /Invalid alibiSlopes: expected 4 slopes/],
      [q, { rope, alibiSlopes: [1, 2, NaN, 4] }, /Invalid alibiSlopes\[2\]: expected a finite/],
      [q, { rope, scale: Infinity }, /Invalid scale: expected a finite number/],
      [q, { queryPositions: [5] }, /Invalid queryPositions: .*no rope was given/],
      [
        q,
        { rope: { frequencies: ropeFrequencies(32, { base: 500000 }) } },
        /Invalid rope: the cached keys were rotated with other frequencies/,
      ],
      [q, { rope, layout: "x" }, /Invalid layout/],
    ];
    for (const [qq, options, message] of cases) {
      await assert.rejects(() => gpu.decode(qq as never, cache, options), message);
    }
    await assert.rejects(
      () => gpu.decode(q, {} as KvCache),
      /Invalid cache: expected a KvCache from createKvCache\(\) of this GpuAttention/,
    );
    const empty = await gpu.createKvCache(dims);
    await assert.rejects(
      () => gpu.decode(q, empty),
      /Invalid q: 1 query tokens, but the KV cache holds 0; append their keys and values first/,
    );
    empty.destroy();
  });

  await t.step("use after destroy", async () => {
    cache.destroy();
    assert.equal(cache.destroyed, true);
    const gone =
      /This KvCache cannot be used: it was destroyed|Invalid cache: this KvCache was destroyed/;
    await assert.rejects(() => cache.append(k, v), gone);
    await assert.rejects(() => cache.download(), gone);
    assert.throws(() => cache.reset(), gone);
    await assert.rejects(() => gpu.decode(randomNormal([2, 4, 1, 32]), cache), gone);
    cache.destroy(); // twice is harmless
  });
}

gpuTest("KV cache and decode: bad inputs get clear errors naming the argument", badInputs);

gpuTest("a cache of another GpuAttention, or of a destroyed one, is refused", async (_t, gpu) => {
  const other = await createGpuAttention();
  const cache = await other.createKvCache({ batch: 1, kvHeads: 1, headDim: 8, maxLength: 4 });
  const k = randomNormal([1, 1, 2, 8], { seed: 1 });
  await cache.append(k, k);
  const q = randomNormal([1, 1, 1, 8], { seed: 2 });
  await assert.rejects(
    () => gpu.decode(q, cache),
    /Invalid cache: this KvCache belongs to another GpuAttention/,
  );
  other.destroy();
  assert.equal(cache.destroyed, true);
  await assert.rejects(
    () => cache.append(k, k),
    /This KvCache cannot be used: its GpuAttention was destroyed or lost its device/,
  );
});

gpuTest(
  "a cache whose (batch, head) slice exceeds one storage binding is refused with the sizes",
  async (_t, gpu) => {
    await assert.rejects(
      () => gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 64, maxLength: 1025 }),
      /Cannot allocate the KV cache: one \(batch, KV head\) slice of maxLength 1025 x headDim 64 f32 values is 262400 bytes, more than the device's storage binding limit of 262144 bytes/,
    );
    // The same slice in f16 fits.
    const cache = await gpu.createKvCache({
      batch: 1,
      kvHeads: 1,
      headDim: 64,
      maxLength: 1025,
      precision: "f16",
    });
    assert.equal(cache.precision, "f16");
    cache.destroy();
  },
  { limits: { maxStorageBufferBindingSize: 262144 } },
);

gpuTest("float16 storage: host conversions round to nearest even", async (_t, gpu) => {
  assert.ok(gpu.info.f16.available, gpu.info.f16.detail);
  assert.match(gpu.info.f16.detail, /self-test round trip of 64 values was exact/);
  // 2049 lies halfway between the float16 neighbours 2048 and 2050: ties to even (2048);
  // 2051 halfway between 2050 and 2052: to 2052. 65520 overflows to Infinity.
  const values = [1, -0.5, 2049, 2051, 65504, 65520, 6e-8, 1e-9];
  const t = gpu.upload({ shape: [values.length], data: Float32Array.from(values) }, {
    precision: "f16",
  });
  assert.equal(t.dtype, "float16");
  const back = await gpu.download(t);
  assert.deepEqual(
    Array.from(back.data),
    [1, -0.5, 2048, 2052, 65504, Infinity, 2 ** -24, 0],
  );
});

gpuTest("gpu.attention with float16 storage equals the reference (2e-2)", async (t, gpu) => {
  const frequencies = ropeFrequencies(64);
  const q = randomNormal([1, 4, 37, 64], { seed: 1 });
  const k = randomNormal([1, 2, 37, 64], { seed: 2 });
  const v = randomNormal([1, 2, 37, 64], { seed: 3 });
  const options = {
    causal: true,
    rope: { frequencies, pairing: "interleaved" as const },
    alibiSlopes: alibiSlopes(4),
  };
  const want = attentionReference(q, k, v, options);
  await t.step("host inputs stored as f16", async () => {
    const out = await gpu.attention(q, k, v, { ...options, precision: "f16" });
    assertAllClose(out, want, { atol: 2e-2, rtol: 0 });
  });
  await t.step("the naive kernel refuses f16 clearly", async () => {
    await assert.rejects(
      () => gpu.attention(q, k, v, { ...options, kernel: "naive", precision: "f16" }),
      /Invalid kernel: the naive kernel takes float32 storage only, got a float16 q; use the flash kernel/,
    );
  });
  await t.step("resident f16 operands give an f16 output", async () => {
    const [qq, kk, vv] = [q, k, v].map((x) => gpu.upload(x, { precision: "f16" }));
    const out = await gpu.attention(qq!, kk!, vv!, options);
    assert.equal(out.dtype, "float16");
    assertAllClose(await gpu.download(out), want, { atol: 2e-2, rtol: 0 });
  });
  await t.step("f16 is not a no-op: the output differs from float32", async () => {
    const f32 = await gpu.attention(q, k, v, options);
    const f16 = await gpu.attention(q, k, v, { ...options, precision: "f16" });
    assert.ok(f32.data.some((x, i) => x !== f16.data[i]));
  });
});

Deno.test({
  name: 'without shader-f16: precision "f16" throws clearly, "auto" falls back to float32',
  ignore: !hasAdapter && !inCi,
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    assert.ok(adapter, "CI=true but no WebGPU adapter was found");
    const device = await adapter.requestDevice(); // no optional features
    const gpu = await createGpuAttention({ device });
    try {
      assert.equal(gpu.info.f16.available, false);
      assert.ok(!gpu.info.features.includes("shader-f16"));
      const missing =
        /Invalid precision: "f16" storage is not available here \(the device has no "shader-f16" feature.*\); use "f32", or "auto" to fall back to float32/;
      const dims = { batch: 1, kvHeads: 1, headDim: 8, maxLength: 4 };
      await assert.rejects(() => gpu.createKvCache({ ...dims, precision: "f16" }), missing);
      const x = randomNormal([1, 1, 2, 8], { seed: 1 });
      assert.throws(() => gpu.upload(x, { precision: "f16" }), missing);
      await assert.rejects(() => gpu.attention(x, x, x, { precision: "f16" }), missing);
      const cache = await gpu.createKvCache({ ...dims, precision: "auto" });
      assert.equal(cache.precision, "f32");
      await cache.append(x, x);
      const out = await gpu.decode(randomNormal([1, 1, 1, 8], { seed: 2 }), cache);
      assertAllClose(
        out,
        attentionReference(randomNormal([1, 1, 1, 8], { seed: 2 }), x, x, {
          causal: true,
        }),
        { atol: 2e-5 },
      );
      assert.equal(gpu.upload(x, { precision: "auto" }).dtype, "float32");
    } finally {
      gpu.destroy();
      device.destroy();
    }
  },
});

Deno.test("the CPU fallback: the same cache and decode, the same errors", async (t) => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      assert.equal(gpu.info.backend, "cpu");
      await t.step("a decode loop equals the reference", async () => {
        const rope = { frequencies: ropeFrequencies(16), pairing: "interleaved" as const };
        const k = randomNormal([1, 2, 6, 16], { seed: 1 });
        const v = randomNormal([1, 2, 6, 16], { seed: 2 });
        const q = randomNormal([1, 4, 6, 16], { seed: 3 });
        const slopes = alibiSlopes(4);
        const want = attentionReference(q, k, v, { causal: true, rope, alibiSlopes: slopes });
        const cache = await gpu.createKvCache({
          batch: 1,
          kvHeads: 2,
          headDim: 16,
          maxLength: 6,
          precision: "auto",
        });
        assert.equal(cache.precision, "f32");
        for (let i = 0; i < 6; i++) {
          const at = (x: typeof k, heads: number) => {
            const data = new Float32Array(heads * 16);
            for (let h = 0; h < heads; h++) {
              data.set(x.data.subarray((h * 6 + i) * 16, (h * 6 + i + 1) * 16), h * 16);
            }
            return { shape: [1, heads, 1, 16], data };
          };
          await cache.append(at(k, 2), at(v, 2), { rope });
          const out = await gpu.decode(at(q, 4), cache, { rope, alibiSlopes: slopes });
          // The CPU backend computes in float32 (attentionCpu), the reference in float64.
          assertAllClose(out, at(want, 4), { atol: 1e-5, message: `token ${i}` });
        }
        const stored = await cache.download();
        assertAllClose(stored.k, applyRope(k, rope.frequencies, { pairing: "interleaved" }), {
          atol: 1e-6,
        });
      });
      await t.step("f16 is refused", async () => {
        await assert.rejects(
          () =>
            gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 8, maxLength: 4, precision: "f16" }),
          /Invalid precision: "f16" storage is not available here/,
        );
      });
      await t.step("bad inputs", (tt) => badInputs(tt, gpu));
    } finally {
      gpu.destroy();
    }
  });
});
