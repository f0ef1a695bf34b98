// Run under Node by node_test.ts (bundled): @posenc/attention-gpu's mod.ts on a
// small example. Node has no WebGPU, so createGpuAttention falls back to the CPU.
import { attentionCpu, attentionReference, createGpuAttention } from "@posenc/attention-gpu";
import { maxAbsDiff, randomNormal } from "@posenc/tensor";

const q = randomNormal([1, 2, 8, 32], { seed: 1 });
const k = randomNormal([1, 2, 8, 32], { seed: 2 });
const v = randomNormal([1, 2, 8, 32], { seed: 3 });
const options = { causal: true };
const gpu = await createGpuAttention({ fallback: "cpu" });
try {
  const out = await gpu.attention(q, k, v, options);
  console.log(JSON.stringify({
    backend: gpu.info.backend,
    output: Array.from(out.data),
    cpuVsReference: maxAbsDiff(attentionCpu(q, k, v, options), attentionReference(q, k, v, options)),
    fallbackVsCpu: maxAbsDiff(out, attentionCpu(q, k, v, options)),
  }));
} finally {
  gpu.destroy();
}
