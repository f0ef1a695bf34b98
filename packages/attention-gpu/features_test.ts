import { alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import {
  attentionCpu,
  type AttentionOptions,
  attentionReference,
  createGpuAttention,
  type GpuAttention,
} from "./mod.ts";
import {
  caseOptions,
  checkCase,
  denseAttention,
  type DenseOptions,
  featureCases,
} from "./_feature_cases.ts";
import { type AttentionPlan, planAttention } from "./_plan.ts";
import { visibleKeys } from "./_reference.ts";
import { gpuTest, withoutAdapter } from "./_testing.ts";

const CASES = featureCases();

/** One combination of options on seeded inputs (bhsd). */
interface Combo {
  readonly name: string;
  readonly batch?: number;
  readonly heads: number;
  readonly kvHeads: number;
  readonly qSeq: number;
  readonly kSeq: number;
  readonly headDim: number;
  /** Multiplies q, for logits large enough to reach a soft-cap. */
  readonly qScale?: number;
  readonly options: (shape: { batch: number; heads: number }) => DenseOptions;
}

function sinksFor(heads: number, seed: number): number[] {
  return Array.from(randomNormal([heads], { seed }).data, (x) => 2 * x);
}

/** A bias with some -Infinity entries, [shapeB, shapeH, q, k]. */
function biasFor(shape: [number, number, number, number], seed: number): Tensor {
  const t = randomNormal(shape, { seed });
  const data = t.data.map((x, i) => (i % 7 === 3 ? -Infinity : x));
  return { shape, data };
}

const COMBOS: Combo[] = [
  {
    name: "window 8, GQA 2",
    heads: 4,
    kvHeads: 2,
    qSeq: 40,
    kSeq: 40,
    headDim: 32,
    options: () => ({ causal: true, slidingWindow: 8 }),
  },
  {
    name: "window 1 (each query sees itself)",
    heads: 2,
    kvHeads: 2,
    qSeq: 17,
    kSeq: 17,
    headDim: 16,
    options: () => ({ causal: true, slidingWindow: 1 }),
  },
  {
    name: "window 5, 3 queries at the end of 40 keys",
    heads: 2,
    kvHeads: 1,
    qSeq: 3,
    kSeq: 40,
    headDim: 16,
    options: () => ({ causal: true, slidingWindow: 5 }),
  },
  {
    name: "window 37 over 300 tokens (key tiles skipped)",
    heads: 2,
    kvHeads: 1,
    qSeq: 300,
    kSeq: 300,
    headDim: 64,
    options: () => ({ causal: true, slidingWindow: 37 }),
  },
  {
    name: "sinks, causal, more queries than keys (rows without keys)",
    heads: 4,
    kvHeads: 2,
    qSeq: 12,
    kSeq: 9,
    headDim: 16,
    options: ({ heads }) => ({ causal: true, sinks: sinksFor(heads, 5) }),
  },
  {
    name: "sinks, non-causal",
    heads: 3,
    kvHeads: 3,
    qSeq: 5,
    kSeq: 70,
    headDim: 32,
    options: ({ heads }) => ({ sinks: sinksFor(heads, 6) }),
  },
  {
    name: "softcap 5 on large logits",
    heads: 2,
    kvHeads: 2,
    qSeq: 20,
    kSeq: 33,
    headDim: 32,
    qScale: 8,
    options: () => ({ softcap: 5 }),
  },
  {
    name: "left padding, a fully padded row",
    batch: 3,
    heads: 2,
    kvHeads: 1,
    qSeq: 24,
    kSeq: 24,
    headDim: 16,
    options: () => ({ causal: true, leftPadding: [0, 7, 24] }),
  },
  {
    name: "bias [1, H, q, k] with -Infinity entries, non-causal",
    batch: 2,
    heads: 4,
    kvHeads: 2,
    qSeq: 10,
    kSeq: 70,
    headDim: 16,
    options: ({ heads }) => ({ bias: biasFor([1, heads, 10, 70], 7) }),
  },
  {
    name: "bias [B, 1, q, k], causal",
    batch: 2,
    heads: 2,
    kvHeads: 2,
    qSeq: 6,
    kSeq: 6,
    headDim: 8,
    options: ({ batch }) => ({ causal: true, bias: biasFor([batch, 1, 6, 6], 8) }),
  },
  {
    name: "everything: window, sinks, softcap, padding, ALiBi, bias, GQA 4",
    batch: 2,
    heads: 8,
    kvHeads: 2,
    qSeq: 70,
    kSeq: 90,
    headDim: 32,
    qScale: 3,
    options: ({ batch, heads }) => ({
      causal: true,
      slidingWindow: 19,
      sinks: sinksFor(heads, 9),
      softcap: 4,
      leftPadding: [3, 30],
      alibiSlopes: alibiSlopes(heads),
      bias: biasFor([batch, heads, 70, 90], 10),
      scale: 0.2,
    }),
  },
];

function comboInputs(c: Combo): { q: Tensor; k: Tensor; v: Tensor; options: DenseOptions } {
  const batch = c.batch ?? 1;
  const q = randomNormal([batch, c.heads, c.qSeq, c.headDim], { seed: 1 });
  if (c.qScale) { for (let i = 0; i < q.data.length; i++) q.data[i] = q.data[i]! * c.qScale; }
  return {
    q,
    k: randomNormal([batch, c.kvHeads, c.kSeq, c.headDim], { seed: 2 }),
    v: randomNormal([batch, c.kvHeads, c.kSeq, c.headDim], { seed: 3 }),
    options: c.options({ batch, heads: c.heads }),
  };
}

Deno.test("attention_features golden cases (HF eager): the reference's masks and outputs", async (t) => {
  for (const c of CASES) {
    await t.step(c.id, () => {
      const options = caseOptions(c);
      const plan: AttentionPlan = planAttention(c.q, c.k, c.v, options);
      const [B, , S] = c.q.shape as [number, number, number];
      const kSeq = c.k.shape[2]!;
      for (let b = 0; b < B; b++) {
        for (let i = 0; i < S; i++) {
          const [lo, hi] = visibleKeys(plan, b, i);
          const ours = Array.from({ length: kSeq }, (_, j) => (j >= lo && j < hi ? "1" : "0"));
          assert.equal(ours.join(""), c.mask[b]![i], `mask of b${b} i${i}`);
          assert.equal(hi <= lo, c.rowsWithoutKeys[b]![i]);
        }
      }
      checkCase(c, attentionReference(c.q, c.k, c.v, options), 2e-5);
    });
  }
});

Deno.test("the reference equals a dense evaluation of every option and combination", async (t) => {
  for (const c of COMBOS) {
    await t.step(c.name, () => {
      const { q, k, v, options } = comboInputs(c);
      assertAllClose(attentionReference(q, k, v, options), denseAttention(q, k, v, options), {
        atol: 1e-6,
        rtol: 0,
      });
    });
  }
});

Deno.test("reference: the options mean what they say", async (t) => {
  const q = randomNormal([1, 2, 6, 8], { seed: 11 });
  const k = randomNormal([1, 2, 6, 8], { seed: 12 });
  const v = randomNormal([1, 2, 6, 8], { seed: 13 });
  await t.step("a window as wide as the sequence is plain causal attention", () => {
    const full = attentionReference(q, k, v, { causal: true });
    assert.deepEqual(attentionReference(q, k, v, { causal: true, slidingWindow: 6 }), full);
    assert.deepEqual(attentionReference(q, k, v, { causal: true, slidingWindow: 1000 }), full);
  });
  await t.step("a window of 1 gives each query its own value", () => {
    const out = attentionReference(q, k, v, { causal: true, slidingWindow: 1 });
    assertAllClose(out, v, { atol: 1e-7, rtol: 0 });
  });
  await t.step("a sink is a key of logit sink_h and value 0 (an extra bias column)", () => {
    const sinks = [0.5, -1.5];
    const k0 = { shape: [1, 2, 7, 8], data: new Float32Array(2 * 7 * 8) };
    const v0 = { shape: [1, 2, 7, 8], data: new Float32Array(2 * 7 * 8) };
    const bias = { shape: [1, 2, 6, 7], data: new Float32Array(2 * 6 * 7) };
    for (let h = 0; h < 2; h++) {
      k0.data.set(k.data.subarray(h * 48, h * 48 + 48), h * 56 + 8);
      v0.data.set(v.data.subarray(h * 48, h * 48 + 48), h * 56 + 8);
      for (let i = 0; i < 6; i++) bias.data[(h * 6 + i) * 7] = sinks[h]!;
    }
    assertAllClose(
      attentionReference(q, k, v, { causal: true, sinks }),
      attentionReference(q, k0, v0, { causal: true, bias }),
      { atol: 1e-6, rtol: 0 },
    );
  });
  await t.step("left padding equals a -Infinity bias on the padded keys", () => {
    const bias = { shape: [1, 1, 6, 6], data: new Float32Array(36) };
    for (let i = 0; i < 6; i++) bias.data.fill(-Infinity, i * 6, i * 6 + 2);
    const out = attentionReference(q, k, v, { causal: true, leftPadding: [2] });
    assert.deepEqual(out, attentionReference(q, k, v, { causal: true, bias }));
    // Queries 0 and 1 see only padding: 0.
    assert.deepEqual([...out.data.subarray(0, 16)], new Array(16).fill(0));
  });
  await t.step("softcap applies to the scaled score, before ALiBi", () => {
    const slopes = [0.5, 0.25];
    const dense = denseAttention(q, k, v, { softcap: 0.3, scale: 2, alibiSlopes: slopes });
    const out = attentionReference(q, k, v, { softcap: 0.3, scale: 2, alibiSlopes: slopes });
    assertAllClose(out, dense, { atol: 1e-6, rtol: 0 });
    const after = attentionReference(q, k, v, { scale: 2, alibiSlopes: slopes });
    assert.ok(Math.abs(out.data[0]! - after.data[0]!) > 1e-3, "the cap changed the result");
  });
  await t.step("sinks: a row that sees no key is 0", () => {
    const out = attentionReference(q, k, v, { causal: true, sinks: [3, 3], leftPadding: [6] });
    assert.ok(out.data.every((x) => x === 0));
  });
});

/** Runs every golden case and combination on one backend's attention. */
async function backendMatches(
  t: Deno.TestContext,
  run: (q: Tensor, k: Tensor, v: Tensor, o: AttentionOptions) => Promise<Tensor> | Tensor,
): Promise<void> {
  for (const c of CASES) {
    await t.step(c.id, async () => {
      checkCase(c, await run(c.q, c.k, c.v, caseOptions(c)), 2e-5);
    });
  }
  for (const c of COMBOS) {
    await t.step(c.name, async () => {
      const { q, k, v, options } = comboInputs(c);
      assertAllClose(await run(q, k, v, options), attentionReference(q, k, v, options), {
        atol: 2e-5,
        rtol: 0,
      });
    });
  }
}

gpuTest("WebGPU flash: golden cases and combinations within 2e-5", async (t, gpu) => {
  await backendMatches(t, (q, k, v, o) => gpu.attention(q, k, v, o));
});

gpuTest("WebGPU flash: bshd, RoPE and resident float16 with the features", async (t, gpu) => {
  const bshd = (x: Tensor): Tensor => {
    const [B, H, S, D] = x.shape as [number, number, number, number];
    const out = new Float32Array(x.data.length);
    for (let b = 0; b < B; b++) {
      for (let h = 0; h < H; h++) {
        for (let s = 0; s < S; s++) {
          out.set(
            x.data.subarray(((b * H + h) * S + s) * D, ((b * H + h) * S + s + 1) * D),
            ((b * S + s) * H + h) * D,
          );
        }
      }
    }
    return { shape: [B, S, H, D], data: out };
  };
  const combo = COMBOS[COMBOS.length - 1]!;
  const { q, k, v, options } = comboInputs(combo);
  const rope = { frequencies: ropeFrequencies(32), pairing: "interleaved" as const };
  const want = attentionReference(q, k, v, { ...options, rope });
  await t.step("bshd with RoPE", async () => {
    const out = await gpu.attention(bshd(q), bshd(k), bshd(v), {
      ...options,
      rope,
      layout: "bshd",
    });
    assertAllClose(out, bshd(want), { atol: 2e-5, rtol: 0 });
  });
  await t.step("float16 storage", async () => {
    if (!gpu.info.f16.available) return;
    const out = await gpu.attention(q, k, v, { ...options, rope, precision: "f16" });
    const scale = Math.max(...want.data.map(Math.abs));
    assertAllClose(out, want, { atol: 2e-2 * scale, rtol: 0 });
  });
  await t.step("the naive kernel refuses the options it lacks", async () => {
    await assert.rejects(
      () => gpu.attention(q, k, v, { causal: true, slidingWindow: 4, kernel: "naive" }),
      { name: "TypeError", message: /the naive kernel does not take slidingWindow/ },
    );
  });
});

Deno.test("attentionCpu: golden cases and combinations within 2e-5", async (t) => {
  await backendMatches(t, (q, k, v, o) => attentionCpu(q, k, v, o));
});

Deno.test("CPU backend (threaded): golden cases and combinations within 2e-5", async (t) => {
  await withoutAdapter(async () => {
    const gpu: GpuAttention = await createGpuAttention({ fallback: "cpu", threads: 2 });
    try {
      await backendMatches(t, (q, k, v, o) => gpu.attention(q, k, v, o));
    } finally {
      gpu.destroy();
    }
  });
});

Deno.test("the feature options reject bad values with clear errors", () => {
  const q = randomNormal([2, 4, 3, 8], { seed: 1 });
  const k = randomNormal([2, 2, 5, 8], { seed: 2 });
  const bad: Array<[AttentionOptions, string, string]> = [
    [
      { slidingWindow: 4 },
      "TypeError",
      "Invalid slidingWindow: a sliding window needs causal: true (it hides the keys before the window; causal hides those after the query)",
    ],
    [
      { causal: true, slidingWindow: 0 },
      "RangeError",
      "Invalid slidingWindow: expected an integer >= 1, got 0",
    ],
    [
      { sinks: [1, 2] },
      "RangeError",
      "Invalid sinks: expected 4 logits (one per query head), got 2",
    ],
    [
      { sinks: [1, 2, NaN, 0] },
      "RangeError",
      "Invalid sinks[2]: expected a finite number, got NaN",
    ],
    [{ softcap: 0 }, "RangeError", "Invalid softcap: expected a finite number > 0, got 0"],
    [
      { leftPadding: [0] },
      "RangeError",
      "Invalid leftPadding: expected 2 integers (one per batch row), got 1",
    ],
    [
      { leftPadding: [0, 6] },
      "RangeError",
      "Invalid leftPadding[1]: expected an integer in [0, 5], got 6",
    ],
    [
      { bias: { shape: [2, 3, 3, 5], data: new Float32Array(90) } },
      "RangeError",
      "Invalid bias: expected shape [1 or 2, 1 or 4, 3, 5] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast), got [2, 3, 3, 5]",
    ],
    [
      { bias: { shape: [3, 5], data: new Float32Array(15) } },
      "RangeError",
      "Invalid bias: expected shape [1 or 2, 1 or 4, 3, 5] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast), got [3, 5]",
    ],
  ];
  for (const [options, name, message] of bad) {
    for (const fn of [attentionReference, attentionCpu]) {
      assert.throws(() => fn(q, k, k, options), { name, message }, message);
    }
  }
});
