/**
 * Attention with every positional-encoding scheme on WebGPU: WGSL kernels
 * generated in TypeScript for RoPE (both pairings, partial rotary, YaRN's
 * attention factor), ALiBi computed in-kernel, causal masks with
 * bottom-right alignment and grouped-query attention; a float64 CPU
 * reference (what the kernels are tested against) and a fast float32 CPU
 * attention in WebAssembly SIMD, which is the fallback where no adapter
 * exists.
 *
 * ```ts
 * import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
 * import { ropeFrequencies } from "@posenc/rope";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 *
 * const gpu = await createGpuAttention({ fallback: "cpu" }); // CPU where there is no adapter
 * try {
 *   const q = randomNormal([1, 8, 32, 64], { seed: 1 });
 *   const k = randomNormal([1, 8, 32, 64], { seed: 2 });
 *   const v = randomNormal([1, 8, 32, 64], { seed: 3 });
 *   const options = { causal: true, rope: { frequencies: ropeFrequencies(64) } };
 *   const out = await gpu.attention(q, k, v, options);
 *   assertAllClose(out, attentionReference(q, k, v, options), { atol: 2e-5 });
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 *
 * @module
 */

export * from "./attention_options.ts";
export * from "./reference.ts";
export * from "./attention_cpu.ts";
export * from "./gpu_tensor.ts";
export * from "./gpu_setup.ts";
export * from "./gpu_call_options.ts";
export * from "./gpu_attention.ts";
export * from "./gpu_recording.ts";
export * from "./create_gpu_attention.ts";
export * from "./kv_cache.ts";
