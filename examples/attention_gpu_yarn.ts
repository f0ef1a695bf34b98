/**
 * Attention on the GPU with RoPE + YaRN, with @posenc/attention-gpu and
 * @posenc/scaling.
 *
 * Builds YaRN frequencies as gpt-oss-20b configures them (head dim 64, base
 * 150000, factor 32 over a 4096-token pretraining context), then runs causal
 * flash attention on WebGPU over 256 tokens with 8 query heads sharing 2
 * key/value heads (GQA), RoPE fused into the kernel's q and k loads. Prints
 * the adapter, YaRN's attention factor (0.1·ln 32 + 1: it multiplies the
 * rotated q and k), and the largest difference from the float64 CPU
 * reference (within 2e-5 in float32).
 *
 * Needs a WebGPU adapter: on Debian without a GPU, `apt-get install
 * mesa-vulkan-drivers` gives Mesa's software one. Without any, see
 * cpu_fallback.ts.
 *
 * Run: deno run examples/attention_gpu_yarn.ts
 *
 * @module
 */

import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
import { yarnScaling } from "@posenc/scaling";
import { maxAbsDiff, randomNormal } from "@posenc/tensor";

const frequencies = yarnScaling(64, {
  base: 150000,
  factor: 32,
  originalMaxPositionEmbeddings: 4096,
  betaFast: 32,
  betaSlow: 1,
  truncate: false,
});
const q = randomNormal([1, 8, 256, 64], { seed: 1 }); // [batch, heads, seq, headDim]
const k = randomNormal([1, 2, 256, 64], { seed: 2 }); // 2 KV heads: groups of 4 query heads
const v = randomNormal([1, 2, 256, 64], { seed: 3 });
const options = { causal: true, rope: { frequencies } };

const gpu = await createGpuAttention(); // throws, saying what to install, without an adapter
try {
  const out = await gpu.attention(q, k, v, options);
  const reference = attentionReference(q, k, v, options);
  console.log(`adapter: ${gpu.info.adapter?.description || gpu.info.adapter?.vendor}`);
  console.log(`output shape: [${out.shape.join(", ")}]`);
  console.log(`YaRN attention factor: ${frequencies.attentionFactor.toFixed(6)}`);
  console.log(`max |GPU - CPU reference|: ${maxAbsDiff(out, reference).toExponential(2)}`);
} finally {
  gpu.destroy();
}
