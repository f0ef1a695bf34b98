import assert from "node:assert/strict";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { type AttentionOptions, attentionReference, type GpuAttention } from "./mod.ts";
import { sliceSeq } from "./_test_cases.ts";
import { gpuTest } from "./_testing.ts";

const [B, H, HK, S, D] = [2, 4, 2, 70, 32];

/** Inputs with one NaN in q, k or v (the rest finite), bhsd. */
function poisoned(where: "q" | "k" | "v"): { q: Tensor; k: Tensor; v: Tensor } {
  const q = randomNormal([B, H, S, D], { seed: 1 });
  const k = randomNormal([B, HK, S, D], { seed: 2 });
  const v = randomNormal([B, HK, S, D], { seed: 3 });
  // Batch 1, head (or KV head) 1, token 40, dim 5.
  const target = { q, k, v }[where];
  const heads = where === "q" ? H : HK;
  target.data[((1 * heads + 1) * S + 40) * D + 5] = NaN;
  return { q, k, v };
}

/** Asserts NaN exactly where the reference has NaN, and agreement elsewhere. */
function sameNaNs(actual: Tensor, want: Tensor, label: string): void {
  let nans = 0;
  for (let i = 0; i < want.data.length; i++) {
    const w = want.data[i]!;
    const a = actual.data[i]!;
    if (Number.isNaN(w)) nans++;
    assert.equal(
      Number.isNaN(a),
      Number.isNaN(w),
      `${label}: element ${i} is ${a}, reference ${w}`,
    );
    if (!Number.isNaN(w)) {
      assert.ok(Math.abs(a - w) <= 2e-5, `${label}: element ${i}: ${a} vs ${w}`);
    }
  }
  assert.ok(nans > 0, `${label}: the reference has NaNs`);
}

const OPTIONS: Array<[string, AttentionOptions]> = [
  ["causal", { causal: true }],
  ["non-causal", {}],
  ["window 9, sinks, softcap", {
    causal: true,
    slidingWindow: 9,
    sinks: [1, 0, -1, 2],
    softcap: 5,
  }],
];

gpuTest(
  "a NaN in q, k or v reaches the WebGPU output as in the reference (prefill)",
  async (t, gpu) => {
    for (const where of ["q", "k", "v"] as const) {
      for (const [name, options] of OPTIONS) {
        await t.step(`NaN in ${where}, ${name}`, async () => {
          const { q, k, v } = poisoned(where);
          const want = attentionReference(q, k, v, options);
          sameNaNs(await gpu.attention(q, k, v, options), want, name);
          // The naive kernel too, where it takes the options.
          if (options.slidingWindow === undefined) {
            const naive = await gpu.attention(q, k, v, { ...options, kernel: "naive" });
            sameNaNs(naive, want, `naive, ${name}`);
          }
        });
      }
    }
  },
);

async function decodeNaN(
  gpu: GpuAttention,
  where: "q" | "k" | "v",
  splits: number,
  kernel: "split" | "keys" = "split",
) {
  const { q, k, v } = poisoned(where);
  const cache = await gpu.createKvCache({ batch: B, kvHeads: HK, headDim: D, maxLength: S });
  await cache.append(k, v);
  // The last 3 tokens' queries: the NaN in q sits at token 40, so decode its row too.
  const qn = sliceSeq(q, "bhsd", 38, 3);
  const short = { k: sliceSeq(k, "bhsd", 0, 41), v: sliceSeq(v, "bhsd", 0, 41) };
  const small = await gpu.createKvCache({ batch: B, kvHeads: HK, headDim: D, maxLength: 41 });
  await small.append(short.k, short.v);
  const want = attentionReference(qn, short.k, short.v, { causal: true });
  sameNaNs(await gpu.decode(qn, small, { splits, kernel }), want, `${kernel} ${where}, ${splits}`);
  cache.destroy();
  small.destroy();
}

gpuTest(
  "a NaN in q, k or v reaches the WebGPU output as in the reference (decode)",
  async (t, gpu) => {
    for (const where of ["q", "k", "v"] as const) {
      for (const splits of [1, 4]) {
        for (const kernel of ["split", "keys"] as const) {
          await t.step(
            `NaN in ${where}, ${splits} splits, ${kernel} kernel`,
            () => decodeNaN(gpu, where, splits, kernel),
          );
        }
      }
    }
  },
);
