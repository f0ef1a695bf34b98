/**
 * attentionCpu against the float64 attentionReference, per shape: the
 * WebAssembly SIMD kernel (relaxed, and plain SIMD) and the scalar path.
 * ONNX Runtime and tfjs are in bench/attention_peers_bench.ts.
 *
 * @module
 */

import { attentionCpu, type AttentionOptions, attentionReference } from "./mod.ts";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { planAttention } from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";
import { cpuKernelModules, ScalarCpuKernel, WasmCpuKernel } from "./_cpu_kernel.ts";

const modules = cpuKernelModules();
const plain = modules.plain ? new WasmCpuKernel(modules.plain, "simd") : null;
const scalar = new ScalarCpuKernel();

interface Shape {
  heads: number;
  kvHeads: number;
  seq: number;
  headDim: number;
  options: AttentionOptions;
  label: string;
}

const SHAPES: Shape[] = [
  { heads: 8, kvHeads: 8, seq: 512, headDim: 64, options: {}, label: "" },
  { heads: 8, kvHeads: 8, seq: 512, headDim: 64, options: { causal: true }, label: " causal" },
  { heads: 8, kvHeads: 8, seq: 512, headDim: 128, options: { causal: true }, label: " causal" },
  {
    heads: 8,
    kvHeads: 2,
    seq: 512,
    headDim: 64,
    options: { causal: true, rope: { frequencies: ropeFrequencies(64) } },
    label: " causal GQA 4 rope",
  },
  { heads: 8, kvHeads: 8, seq: 2048, headDim: 64, options: { causal: true }, label: " causal" },
];

for (const s of SHAPES) {
  const group = `attentionCpu 1x${s.heads}x${s.seq}x${s.headDim}${s.label}`;
  const q: Tensor = randomNormal([1, s.heads, s.seq, s.headDim], { seed: 1 });
  const k: Tensor = randomNormal([1, s.kvHeads, s.seq, s.headDim], { seed: 2 });
  const v: Tensor = randomNormal([1, s.kvHeads, s.seq, s.headDim], { seed: 3 });
  const plan = planAttention(q, k, v, s.options);
  const slow = s.seq > 512 ? { n: 1, warmup: 0 } : { n: 5, warmup: 1 };
  Deno.bench({
    group,
    name: "attentionReference",
    baseline: true,
    ...slow,
    fn() {
      attentionReference(q, k, v, s.options);
    },
  });
  Deno.bench({
    group,
    name: "attentionCpu",
    fn() {
      attentionCpu(q, k, v, s.options);
    },
  });
  if (plain) {
    Deno.bench({
      group,
      name: "attentionCpu, plain SIMD (no relaxed madd)",
      fn() {
        cpuFromPlan(plan, q, k, v, plain);
      },
    });
  }
  Deno.bench({
    group,
    name: "attentionCpu, scalar path",
    ...slow,
    fn() {
      cpuFromPlan(plan, q, k, v, scalar);
    },
  });
}
