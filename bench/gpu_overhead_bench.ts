/**
 * The host cost of GPU calls (the names are fixed: outside checks read them).
 *
 * Group "gpu call overhead 1x8x16x64": "raw dispatch" (the baseline: a
 * hand-written dispatch of posenc's attention kernel, new bind group,
 * uniform write, encoder, submit), "attention resident" (`gpu.attention` on
 * GpuTensors of 1x8x16x64, awaited) and "decode resident L256"
 * (`gpu.decode`, one token, Hkv = 8, G = 4, D = 128, awaited).
 *
 * Group "decode step 32 layers": per layer, append one token to the layer's
 * KV cache and decode against it (RoPE, GQA, float16 storage where
 * available): "separate calls" (each awaited, the baseline) against
 * "recorded" (one `gpu.record()`, one submit()). The caches hold 4096
 * tokens on a GPU and 256 on a software adapter, where every decode runs on
 * the CPU inside `queue.submit` (a 4096-token step would take seconds per
 * iteration there). Each iteration's outputs are destroyed inside the
 * timing; the wait for the device between steps is outside it.
 *
 * Each per-call iteration is one call, awaited: its promise resolves when
 * the work is submitted, so no iteration waits for the device (Deno's ~11 ms
 * completion floor is never in the timing). On Mesa's lavapipe a
 * `queue.submit` often runs earlier submissions' kernels on the CPU before
 * it returns, so there every per-call figure also holds one kernel: "raw
 * dispatch" runs posenc's own attention kernel to stay comparable, and
 * "decode resident L256" holds a decode kernel (heavier). For the same
 * reason "separate calls" on lavapipe holds 63 of its step's 64 kernels,
 * while the recorded step's kernels run in the wait after it: the step ratio
 * there overstates what a GPU gains. `deno task bench:gpu` records the same
 * figures on a real GPU (bench/_gpu/host_cost.ts says how they are taken).
 *
 *   deno bench -A bench/gpu_overhead_bench.ts
 *
 * @module
 */

import { createGpuAttention } from "@posenc/attention-gpu";
import { callOverhead, decodeStep } from "./_gpu/host_cost.ts";
import { isSoftwareAdapter } from "./_gpu/results.ts";

const adapter = await navigator.gpu?.requestAdapter({ powerPreference: "high-performance" });
if (!adapter) {
  console.warn("No WebGPU adapter: the GPU overhead benches are skipped.");
} else {
  const requiredLimits: Record<string, number> = {};
  for (
    const name of [
      "maxComputeWorkgroupStorageSize",
      "maxComputeInvocationsPerWorkgroup",
      "maxComputeWorkgroupSizeX",
      "maxStorageBufferBindingSize",
      "maxBufferSize",
    ] as const
  ) requiredLimits[name] = adapter.limits[name];
  const requiredFeatures = (["shader-f16"] as const).filter((f) => adapter.features.has(f));
  const device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
  const gpu = await createGpuAttention({ device });
  const software = isSoftwareAdapter(adapter.info);

  const calls = await callOverhead(gpu, device);
  const group = "gpu call overhead 1x8x16x64";
  const contenders = [
    ["raw dispatch", () => calls.raw()],
    ["attention resident", calls.attention],
    ["decode resident L256", calls.decode],
  ] as const;
  for (const [name, call] of contenders) {
    Deno.bench({ name, group, baseline: name === "raw dispatch", fn: async () => await call() });
  }

  const step = await decodeStep(gpu, { layers: 32, length: software ? 256 : 4096 });
  const runs = software ? { n: 8, warmup: 1 } : {};
  const stepGroup = "decode step 32 layers";
  for (
    const [name, run] of [["separate calls", step.separate], ["recorded", step.recorded]] as const
  ) {
    Deno.bench({
      name,
      group: stepGroup,
      baseline: name === "separate calls",
      ...runs,
      async fn(b) {
        b.start();
        const outputs = await run();
        for (const t of outputs) t.destroy();
        b.end();
        await step.settle();
      },
    });
  }

  globalThis.addEventListener("unload", () => {
    calls.close();
    step.close();
    gpu.destroy();
    device.destroy();
  });
}
