/**
 * What a sliding window saves (Mistral's 4096, the sliding layers of
 * gpt-oss and Gemma 2/3): full causal attention against `slidingWindow:
 * 128` on the same q, k and v, B=1, H=8, D=64, in each group the full
 * attention as the baseline.
 *
 * - attentionCpu (WebAssembly SIMD, one thread), prefill at S = 8192;
 * - WebGPU flash prefill at S = 8192 on a GPU; on a software adapter
 *   (Mesa lavapipe, where a full causal S = 8192 prefill takes tens of
 *   seconds) at S = 2048, said in the group name;
 * - WebGPU decode of one token at L = 8192 (Hkv = 2, G = 4): the full
 *   cache, the same cache with `slidingWindow: 128` (only the window's keys
 *   are read), and a ring cache of window 128 (`createKvCache({ window })`,
 *   131 slots instead of 8192).
 *
 * The work of a window layer grows with the window, not with the
 * sequence: about S x 128 scores instead of S^2 / 2 for prefill, so the
 * expected ratio at S = 8192 is ~32x for the arithmetic (less where the
 * fixed costs per call weigh), and 8192 / 128 = 64x fewer keys for decode.
 *
 *   deno bench -A packages/attention-gpu/window_bench.ts
 *
 * @module
 */

import { attentionCpu, createGpuAttention } from "./mod.ts";
import { randomNormal } from "@posenc/tensor";

const W = 128;
const [H, D] = [8, 64];

{
  const S = 8192;
  const q = randomNormal([1, H, S, D], { seed: 1 });
  const k = randomNormal([1, H, S, D], { seed: 2 });
  const v = randomNormal([1, H, S, D], { seed: 3 });
  const group = `attentionCpu B1 H${H} S${S} D${D}`;
  Deno.bench({
    group,
    name: "full causal",
    baseline: true,
    n: 1,
    warmup: 0,
    fn() {
      attentionCpu(q, k, v, { causal: true });
    },
  });
  Deno.bench({
    group,
    name: `slidingWindow ${W}`,
    n: 3,
    warmup: 1,
    fn() {
      attentionCpu(q, k, v, { causal: true, slidingWindow: W });
    },
  });
}

const gpu = await createGpuAttention({ fallback: "cpu" });
if (gpu.info.backend === "webgpu") {
  const software = gpu.info.adapter?.isFallbackAdapter ?? true;
  const S = software ? 2048 : 8192;
  const dims = [1, H, S, D];
  const [q, k, v] = [1, 2, 3].map((seed) => gpu.upload(randomNormal(dims, { seed })));
  const group = `WebGPU flash prefill B1 H${H} S${S} D${D}${
    software ? " (software adapter: S=2048, not 8192)" : ""
  }`;
  for (
    const [name, options] of [
      ["full causal", { causal: true }],
      [`slidingWindow ${W}`, { causal: true, slidingWindow: W }],
    ] as const
  ) {
    // Compiles the pipeline outside the timed runs.
    await gpu.profileAttention(q!, k!, v!, { ...options, iterations: 1, warmup: false });
    Deno.bench({
      group,
      name,
      baseline: name === "full causal",
      ...(software ? { n: 2, warmup: 0 } : { n: 10, warmup: 2 }),
      async fn() {
        await gpu.profileAttention(q!, k!, v!, { ...options, iterations: 1, warmup: false });
      },
    });
  }

  const L = 8192;
  const [kvHeads, g] = [2, 4];
  const kk = randomNormal([1, kvHeads, L, D], { seed: 4 });
  const vv = randomNormal([1, kvHeads, L, D], { seed: 5 });
  const qq = gpu.upload(randomNormal([1, kvHeads * g, 1, D], { seed: 6 }));
  const full = await gpu.createKvCache({ batch: 1, kvHeads, headDim: D, maxLength: L });
  const ring = await gpu.createKvCache({ batch: 1, kvHeads, headDim: D, window: W });
  await full.append(kk, vv);
  await ring.append(kk, vv);
  const decodeGroup = `WebGPU decode B1 Hkv${kvHeads} G${g} D${D} L${L}`;
  const contenders = [
    { name: "full cache", cache: full, options: {} },
    { name: `full cache, slidingWindow ${W}`, cache: full, options: { slidingWindow: W } },
    { name: `ring cache of window ${W}`, cache: ring, options: {} },
  ];
  for (const c of contenders) {
    await gpu.profileDecode(qq, c.cache, { ...c.options, iterations: 1 });
    Deno.bench({
      group: decodeGroup,
      name: c.name,
      baseline: c.name === "full cache",
      n: 20,
      warmup: 2,
      async fn() {
        await gpu.profileDecode(qq, c.cache, { ...c.options, iterations: 4, warmup: false });
      },
    });
  }
} else {
  console.warn("No WebGPU adapter: only attentionCpu is benchmarked.");
}
