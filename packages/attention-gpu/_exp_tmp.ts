import wabtInit from "npm:wabt@1.0.39";
import { randomNormal } from "@posenc/tensor";
import { planAttention } from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";
import { WasmCpuKernel } from "./_cpu_kernel.ts";
const wabt = await wabtInit();
const path = Deno.args[0] ?? "_cpu_kernel.wat";
const src = await Deno.readTextFile(path);
const mod = wabt.parseWat("x.wat", src, { simd: true, relaxed_simd: true, bulk_memory: true });
mod.validate();
const kernel = new WasmCpuKernel(
  new WebAssembly.Module(mod.toBinary({}).buffer as Uint8Array<ArrayBuffer>),
  "relaxed-simd",
);
for (const [D, causal] of [[8, false], [64, false], [64, true]] as const) {
  const q = randomNormal([1, 8, 512, D], { seed: 1 }),
    k = randomNormal([1, 8, 512, D], { seed: 2 }),
    v = randomNormal([1, 8, 512, D], { seed: 3 });
  const plan = planAttention(q, k, v, { causal });
  let best = Infinity;
  for (let i = 0; i < 25; i++) {
    const t0 = performance.now();
    cpuFromPlan(plan, q, k, v, kernel);
    best = Math.min(best, performance.now() - t0);
  }
  console.log(path, D, causal, best.toFixed(2), "ms");
}
