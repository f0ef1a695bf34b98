import assert from "node:assert/strict";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { alibiSlopes } from "@posenc/alibi";
import { attentionCpu, createGpuAttention } from "./mod.ts";
import { withoutAdapter } from "./_testing.ts";

/** Tokens [from, to) of a bhsd tensor. */
function tokens(x: Tensor, from: number, to: number): Tensor {
  const [b, h, s, d] = x.shape as [number, number, number, number];
  const n = to - from;
  const data = new Float32Array(b * h * n * d);
  for (let r = 0; r < b * h; r++) {
    data.set(x.data.subarray((r * s + from) * d, (r * s + to) * d), r * n * d);
  }
  return { shape: [b, h, n, d], data };
}

Deno.test("CPU KV cache: decode reads its packed copy and equals attentionCpu bit for bit", async (t) => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      assert.equal(gpu.info.backend, "cpu");
      const cases = [
        { name: "GQA 4, one token, full cache", b: 1, hkv: 2, g: 4, d: 16, cap: 40, n: 1 },
        {
          name: "GQA 3, one token, partly filled, D not a multiple of 8",
          b: 2,
          hkv: 2,
          g: 3,
          d: 12,
          cap: 64,
          n: 1,
        },
        {
          name: "MHA, 3 tokens (causal rows), partly filled",
          b: 1,
          hkv: 3,
          g: 1,
          d: 16,
          cap: 50,
          n: 3,
        },
        {
          name: "GQA 2 with ALiBi, one token",
          b: 1,
          hkv: 2,
          g: 2,
          d: 8,
          cap: 33,
          n: 1,
          alibi: true,
        },
      ];
      for (const c of cases) {
        await t.step(c.name, async () => {
          const length = c.name.includes("full") ? c.cap : c.cap - 5;
          const k = randomNormal([c.b, c.hkv, length, c.d], { seed: 1 });
          const v = randomNormal([c.b, c.hkv, length, c.d], { seed: 2 });
          const q = randomNormal([c.b, c.hkv * c.g, c.n, c.d], { seed: 3 });
          const cache = await gpu.createKvCache({
            batch: c.b,
            kvHeads: c.hkv,
            headDim: c.d,
            maxLength: c.cap,
          });
          // Two appends: the packed copy must follow each.
          await cache.append(tokens(k, 0, 7), tokens(v, 0, 7));
          await cache.append(tokens(k, 7, length), tokens(v, 7, length));
          const options = c.alibi ? { alibiSlopes: alibiSlopes(c.hkv * c.g) } : {};
          const want = attentionCpu(q, k, v, { ...options, causal: true });
          assert.deepEqual((await gpu.decode(q, cache, options)).data, want.data);
          // download() is a copy the caller owns, not the cache's own arrays.
          const { k: got } = await cache.download();
          got.data.fill(NaN);
          assert.deepEqual((await gpu.decode(q, cache, options)).data, want.data);
        });
      }
      await t.step("after reset, stale keys past the new length are never read", async () => {
        const cache = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 8, maxLength: 16 });
        const nan: Tensor = { shape: [1, 1, 16, 8], data: new Float32Array(128).fill(NaN) };
        await cache.append(nan, nan);
        cache.reset();
        const k = randomNormal([1, 1, 5, 8], { seed: 4 });
        const v = randomNormal([1, 1, 5, 8], { seed: 5 });
        const q = randomNormal([1, 2, 1, 8], { seed: 6 });
        await cache.append(k, v);
        const out = await gpu.decode(q, cache);
        assert.ok(out.data.every(Number.isFinite));
        assert.deepEqual(out.data, attentionCpu(q, k, v, { causal: true }).data);
      });
    } finally {
      gpu.destroy();
    }
  });
});
