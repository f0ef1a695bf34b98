import { randomNormal } from "@posenc/tensor";
import { planAttention } from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";
import { cpuKernelModules, WasmCpuKernel } from "./_cpu_kernel.ts";
const m = cpuKernelModules();
const real = new WasmCpuKernel(m.relaxed!, "relaxed-simd");
for (const [D, causal] of [[8, false], [64, false], [128, false], [64, true]] as const) {
  const q = randomNormal([1, 8, 512, D], { seed: 1 }),
    k = randomNormal([1, 8, 512, D], { seed: 2 }),
    v = randomNormal([1, 8, 512, D], { seed: 3 });
  const plan = planAttention(q, k, v, { causal });
  let best = Infinity;
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    cpuFromPlan(plan, q, k, v, real);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(D, causal, best.toFixed(2), "ms (min of 25)");
}
