import assert from "node:assert/strict";
import { maxAbsDiff, randomNormal, tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { attentionCpu, type AttentionOptions, attentionReference } from "./mod.ts";
import { type Case, inputs, label, yarnLike } from "./_test_cases.ts";
import { planAttention } from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";
import {
  type CpuKernel,
  cpuKernelModules,
  defaultCpuKernel,
  ScalarCpuKernel,
  WasmCpuKernel,
} from "./_cpu_kernel.ts";

const modules = cpuKernelModules();
/** Every kernel this runtime can run: Deno has relaxed SIMD, so all three. */
const KERNELS: CpuKernel[] = [
  ...(modules.relaxed ? [new WasmCpuKernel(modules.relaxed, "relaxed-simd")] : []),
  ...(modules.plain ? [new WasmCpuKernel(modules.plain, "simd")] : []),
  new ScalarCpuKernel(),
];

const ALIBI8 = Array.from({ length: 8 }, (_, h) => 2 ** -(h + 1));

const CASES: Case[] = [
  // Head dims: multiples of 8, of 4 only (D=36, 20) and odd ones, padded in the kernel.
  { heads: 2, qSeq: 70, kSeq: 70, headDim: 32, options: { causal: true } },
  { heads: 2, qSeq: 65, kSeq: 65, headDim: 64 },
  { heads: 2, qSeq: 33, kSeq: 129, headDim: 80, options: { causal: true } },
  { heads: 1, qSeq: 40, kSeq: 40, headDim: 96, options: { layout: "bshd" } },
  { heads: 2, qSeq: 19, kSeq: 67, headDim: 128, options: { causal: true } },
  { heads: 1, qSeq: 9, kSeq: 73, headDim: 256 },
  { heads: 2, qSeq: 31, kSeq: 31, headDim: 72, options: { causal: true } },
  { heads: 2, qSeq: 13, kSeq: 21, headDim: 36 },
  { heads: 3, qSeq: 7, kSeq: 11, headDim: 5, options: { causal: true } },
  { heads: 1, qSeq: 1, kSeq: 1, headDim: 1 },
  // Decode-like rows and q longer than k (the first rows see no key under the mask).
  { heads: 4, qSeq: 1, kSeq: 200, headDim: 64, options: { causal: true } },
  { heads: 2, qSeq: 70, kSeq: 9, headDim: 16, options: { causal: true } },
  { heads: 2, qSeq: 70, kSeq: 9, headDim: 16 },
  // GQA groups 1, 4, 8, both layouts, batch 2.
  { batch: 2, heads: 8, kvHeads: 8, qSeq: 17, kSeq: 23, headDim: 32, options: { layout: "bshd" } },
  {
    batch: 2,
    heads: 8,
    kvHeads: 2,
    qSeq: 17,
    kSeq: 23,
    headDim: 32,
    options: { layout: "bshd", causal: true },
  },
  { batch: 2, heads: 8, kvHeads: 1, qSeq: 17, kSeq: 23, headDim: 32, options: { causal: true } },
  // ALiBi, with and without the mask, q shorter than k.
  {
    heads: 8,
    kvHeads: 2,
    qSeq: 37,
    kSeq: 90,
    headDim: 64,
    options: { causal: true, alibiSlopes: ALIBI8 },
  },
  { heads: 8, qSeq: 37, kSeq: 90, headDim: 24, options: { alibiSlopes: ALIBI8, layout: "bshd" } },
  // A scale that spreads the logits: softmax far from uniform.
  { heads: 2, qSeq: 30, kSeq: 100, headDim: 64, options: { scale: 1, causal: true } },
  // RoPE: both pairings, explicit positions (per batch row), offsets, partial rotary, YaRN factor.
  {
    batch: 2,
    heads: 4,
    kvHeads: 2,
    qSeq: 5,
    kSeq: 12,
    headDim: 64,
    options: {
      causal: true,
      rope: {
        frequencies: ropeFrequencies(64),
        positions: Array.from({ length: 24 }, (_, i) => 3 * i + (i >= 12 ? 7 : 0)),
      },
    },
  },
  {
    heads: 4,
    qSeq: 6,
    kSeq: 10,
    headDim: 48,
    options: {
      layout: "bshd",
      rope: {
        frequencies: yarnLike(32, 8),
        pairing: "interleaved",
        positions: [0, 1, 2, 3, 10, 11, 12, 13, 14, 15],
        queryPositions: [40, 41, 42, 43, 44, 45],
      },
    },
  },
  {
    heads: 2,
    qSeq: 40,
    kSeq: 40,
    headDim: 64,
    options: {
      causal: true,
      alibiSlopes: [0.25, 0.0625],
      rope: { frequencies: ropeFrequencies(64, { base: 500000 }), offset: 1000 },
    },
  },
  {
    heads: 2,
    qSeq: 8,
    kSeq: 20,
    headDim: 32,
    options: { rope: { frequencies: ropeFrequencies(32), pairing: "interleaved", offset: 3 } },
  },
];

Deno.test("attentionCpu equals attentionReference within 1e-4 on every kernel", async (t) => {
  for (const c of CASES) {
    await t.step(label(c), () => {
      const { q, k, v } = inputs(c);
      const options: AttentionOptions = c.options ?? {};
      const want = attentionReference(q, k, v, options);
      const plan = planAttention(q, k, v, options);
      for (const kernel of KERNELS) {
        const got = cpuFromPlan(plan, q, k, v, kernel);
        assert.deepEqual(got.shape, want.shape);
        const err = maxAbsDiff(got, want);
        assert.ok(err < 1e-4, `${kernel.name}: max |diff| ${err}`);
      }
      const out = attentionCpu(q, k, v, options);
      assert.ok(maxAbsDiff(out, want) < 1e-4);
    });
  }
});

Deno.test("attentionCpu: rows that see no key are 0, empty sequences give zeros", () => {
  const q = randomNormal([1, 2, 10, 8], { seed: 4 });
  const k = randomNormal([1, 2, 3, 8], { seed: 5 });
  const v = randomNormal([1, 2, 3, 8], { seed: 6 });
  for (const kernel of KERNELS) {
    const out = cpuFromPlan(planAttention(q, k, v, { causal: true }), q, k, v, kernel);
    for (let h = 0; h < 2; h++) {
      // kSeq - qSeq = -7: rows 0..6 see nothing, row 7 sees key 0 only.
      const rows = out.data.subarray(h * 80, h * 80 + 56);
      assert.ok(rows.every((x) => x === 0), kernel.name);
      assert.deepEqual(
        [...out.data.subarray(h * 80 + 56, h * 80 + 64)],
        [...v.data.subarray(h * 24, h * 24 + 8)],
      );
    }
  }
  const none = attentionCpu(q, randomNormal([1, 2, 0, 8]), randomNormal([1, 2, 0, 8]));
  assert.deepEqual(none.shape, [1, 2, 10, 8]);
  assert.ok(none.data.every((x) => x === 0));
});

Deno.test("attentionCpu: large logits stay finite (online softmax rescaling)", () => {
  // Logits up to ~1e3 apart: a naive exp would overflow float32.
  const q = randomNormal([1, 1, 50, 16], { seed: 7, std: 10 });
  const k = randomNormal([1, 1, 150, 16], { seed: 8, std: 10 });
  const v = randomNormal([1, 1, 150, 16], { seed: 9 });
  const want = attentionReference(q, k, v, { scale: 1 });
  for (const kernel of KERNELS) {
    const got = cpuFromPlan(planAttention(q, k, v, { scale: 1 }), q, k, v, kernel);
    assert.ok(got.data.every(Number.isFinite), kernel.name);
    assert.ok(maxAbsDiff(got, want) < 1e-4, kernel.name);
  }
});

Deno.test("attentionCpu: a NaN score spoils its rows as in the reference, never silently", () => {
  const q = randomNormal([1, 1, 6, 8], { seed: 10 });
  const k = randomNormal([1, 1, 6, 8], { seed: 11 });
  const v = randomNormal([1, 1, 6, 8], { seed: 12 });
  k.data[3 * 8 + 2] = Number.NaN; // key 3
  const want = attentionReference(q, k, v, { causal: true });
  for (const kernel of KERNELS) {
    const got = cpuFromPlan(planAttention(q, k, v, { causal: true }), q, k, v, kernel);
    for (let i = 0; i < 6 * 8; i++) {
      // Rows 0-2 do not see key 3: finite and equal; rows 3-5 are NaN in both.
      assert.equal(Number.isNaN(got.data[i]!), Number.isNaN(want.data[i]!), `${kernel.name} ${i}`);
      assert.equal(Number.isNaN(got.data[i]!), i >= 24, `${kernel.name} ${i}`);
    }
  }
});

Deno.test("attentionCpu: the same results after the kernel's memory grows", () => {
  // A long sequence grows the WebAssembly memory; a short call after it reuses it.
  const big = inputs({ heads: 1, qSeq: 8, kSeq: 3000, headDim: 128 });
  const small = inputs({ heads: 2, qSeq: 5, kSeq: 6, headDim: 8 });
  for (const { q, k, v } of [small, big, small]) {
    assert.ok(maxAbsDiff(attentionCpu(q, k, v), attentionReference(q, k, v)) < 1e-4);
  }
});

Deno.test("attentionCpu rejects bad input with the reference's messages", () => {
  const q = randomNormal([1, 4, 3, 8]);
  const k = randomNormal([1, 2, 3, 8]);
  assert.throws(() => attentionCpu(null as never, k, k), {
    name: "TypeError",
    message: "Invalid q: expected a tensor ({ shape: number[], data: Float32Array }), got null",
  });
  assert.throws(() => attentionCpu(q, randomNormal([1, 2, 3, 4]), k), {
    name: "RangeError",
    message: "Invalid k: expected head dim 8 (as q), got 4",
  });
  assert.throws(() => attentionCpu(q, randomNormal([1, 3, 3, 8]), randomNormal([1, 3, 3, 8])), {
    name: "RangeError",
    message: /^Invalid k: q has 4 heads, which is not a multiple of k's 3 heads/,
  });
  assert.throws(() => attentionCpu(q, k, randomNormal([1, 2, 4, 8])), {
    name: "RangeError",
    message: "Invalid v: expected 3 tokens (as k), got 4",
  });
  assert.throws(() => attentionCpu(q, k, k, { alibiSlopes: [1, 2] }), {
    name: "RangeError",
    message: "Invalid alibiSlopes: expected 4 slopes (one per query head), got 2",
  });
  assert.throws(() => attentionCpu(q, k, k, { scale: Number.NaN }), {
    name: "RangeError",
    message: /^Invalid scale: expected a finite number/,
  });
  assert.throws(() => attentionCpu(q, k, k, null as never), {
    name: "TypeError",
    message: "Invalid options: expected an object, got null",
  });
  assert.throws(
    () => attentionCpu(q, k, k, { rope: { frequencies: ropeFrequencies(16) } }),
    { name: "RangeError", message: /^Invalid rope.frequencies: rotary dim 16 .* head dim 8/ },
  );
  assert.throws(() => attentionCpu(tensor([1, 2], [2]), k, k), {
    name: "RangeError",
    message: /^Invalid q/,
  });
});

Deno.test("Deno runs the relaxed-SIMD kernel by default", () => {
  assert.ok(modules.relaxed !== null && modules.plain !== null);
  assert.equal(defaultCpuKernel().name, "relaxed-simd");
});
