import assert from "node:assert/strict";
import { maxAbsDiff, randomNormal } from "@posenc/tensor";
import { applyRope, ropeFrequencies } from "@posenc/rope";
import { attentionCpu, attentionReference, createGpuAttention } from "./mod.ts";
import { withoutAdapter } from "./_testing.ts";

Deno.test("without an adapter: a clear error, or the CPU fallback when asked", async (t) => {
  await withoutAdapter(async () => {
    await t.step("no fallback: the error says what to install", async () => {
      await assert.rejects(
        () => createGpuAttention(),
        /No WebGPU adapter found .*apt-get install mesa-vulkan-drivers.*\{ fallback: "cpu" \}/,
      );
    });
    await t.step("fallback: attentionCpu behind the same API", async () => {
      const gpu = await createGpuAttention({ fallback: "cpu" });
      assert.equal(gpu.info.backend, "cpu");
      assert.equal(gpu.info.adapter, null);
      assert.equal(gpu.info.tier, null);
      assert.match(gpu.info.fallbackReason ?? "", /No WebGPU adapter found/);
      const q = randomNormal([1, 4, 6, 16], { seed: 1 });
      const k = randomNormal([1, 2, 6, 16], { seed: 2 });
      const v = randomNormal([1, 2, 6, 16], { seed: 3 });
      const options = {
        causal: true,
        rope: { frequencies: ropeFrequencies(8) },
        alibiSlopes: [1, 0.5, 0.25, 0.125],
      };
      const want = attentionCpu(q, k, v, options);
      assert.deepEqual((await gpu.attention(q, k, v, options)).data, want.data);
      assert.ok(maxAbsDiff(want, attentionReference(q, k, v, options)) < 1e-4);
      const resident = await gpu.attention(gpu.upload(q), k, v, { ...options, kernel: "naive" });
      assert.equal(resident.buffer, null);
      assert.deepEqual((await gpu.download(resident)).data, want.data);
      const rotated = await gpu.applyRope(q, ropeFrequencies(8), { offset: 3 });
      assert.deepEqual(
        rotated.data,
        applyRope(q, ropeFrequencies(8), { offset: 3 }).data,
      );
      const timing = await gpu.profileAttention(q, k, v, { iterations: 2 });
      assert.equal(timing.source, "wall-clock");
      await gpu.synchronize();
      gpu.destroy();
      await assert.rejects(() => gpu.attention(q, k, v), /it was destroyed/);
      assert.throws(() => gpu.upload(q), /it was destroyed/);
    });
  });
});

Deno.test("createGpuAttention rejects bad options", async () => {
  await assert.rejects(
    () => createGpuAttention({ fallback: "gpu" as never }),
    { name: "TypeError", message: 'Invalid fallback: expected one of "none", "cpu", got "gpu"' },
  );
  await assert.rejects(
    () => createGpuAttention(null as never),
    { name: "TypeError", message: "Invalid options: expected an object, got null" },
  );
});
