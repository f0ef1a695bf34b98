import assert from "node:assert/strict";
import { randomNormal } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { attentionCpu, createGpuAttention, type GpuAttention } from "./mod.ts";
import { withoutAdapter } from "./_testing.ts";

async function cpuBackend(threads: number): Promise<GpuAttention> {
  let gpu: GpuAttention | undefined;
  await withoutAdapter(async () => {
    gpu = await createGpuAttention({ fallback: "cpu", threads });
  });
  return gpu!;
}

// 1 x 8 x 1024 x 64: ~0.5 G multiply-adds, tens of milliseconds or more on one core.
const q = randomNormal([1, 8, 1024, 64], { seed: 1 });
const k = randomNormal([1, 8, 1024, 64], { seed: 2 });
const v = randomNormal([1, 8, 1024, 64], { seed: 3 });
const options = { causal: true, rope: { frequencies: ropeFrequencies(64) } };

for (const threads of [1, 2]) {
  Deno.test(`CPU backend (threads: ${threads}): a large attention() lets timers run while it computes`, async () => {
    const gpu = await cpuBackend(threads);
    try {
      const want = attentionCpu(q, k, v, options);
      let ticks = 0;
      let firstTick: number | null = null;
      const timer = setInterval(() => {
        ticks++;
        firstTick ??= performance.now();
      }, 1);
      const start = performance.now();
      const call = gpu.attention(q, k, v, options);
      // The promise comes back before the work: nothing has been computed yet.
      const returned = performance.now() - start;
      const out = await call;
      const end = performance.now();
      clearInterval(timer);
      assert.ok(firstTick !== null && firstTick < end, "the timer never ran during the call");
      assert.ok(
        ticks >= 2,
        `the timer ran ${ticks} time(s) during a ${(end - start).toFixed(0)} ms call`,
      );
      assert.ok(returned < (end - start) / 2, `attention() took ${returned} ms to return`);
      // Slicing changes nothing in the arithmetic.
      assert.deepEqual(out.data, want.data);
    } finally {
      gpu.destroy();
    }
  });
}
