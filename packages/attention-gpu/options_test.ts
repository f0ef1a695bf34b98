import assert from "node:assert/strict";
import { randomNormal } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { attentionCpu, attentionReference, createGpuAttention, type GpuAttention } from "./mod.ts";
import { gpuTest, withoutAdapter } from "./_testing.ts";

const q = randomNormal([1, 2, 3, 8], { seed: 1 });
const k = randomNormal([1, 1, 3, 8], { seed: 2 });
const frequencies = ropeFrequencies(8);

/** Asserts a TypeError naming the unknown key and, when close, the valid one. */
function refused(name: string, key: string, near: string | null): RegExp {
  const hint = near ? ` \\(did you mean "${near}"\\?\\)` : "";
  return new RegExp(
    `^Invalid ${name.replace(".", "\\.")}: unknown key "${key}"${hint}; expected keys among `,
  );
}

Deno.test("attentionReference and attentionCpu refuse unknown option keys", async (t) => {
  for (const [fn, label] of [[attentionReference, "reference"], [attentionCpu, "cpu"]] as const) {
    await t.step(label, () => {
      // A misspelled causal never computes non-causal attention.
      assert.throws(() => fn(q, k, k, { casual: true } as never), {
        name: "TypeError",
        message: refused("options", "casual", "causal"),
      });
      for (
        const [key, near] of [["layuot", "layout"], ["sliding_window", "slidingWindow"], [
          "sink",
          "sinks",
        ]]
      ) {
        assert.throws(() => fn(q, k, k, { [key!]: 1 } as never), {
          name: "TypeError",
          message: refused("options", key!, near ?? null),
        });
      }
      assert.throws(() => fn(q, k, k, { rope: { frequencies, ofset: 2 } } as never), {
        name: "TypeError",
        message: refused("rope", "ofset", "offset"),
      });
      assert.throws(() => fn(q, k, k, { causal: "true" } as never), {
        name: "TypeError",
        message: 'Invalid causal: expected true or false, got "true"',
      });
    });
  }
});

/** Every options object of a GpuAttention's methods refuses an unknown key. */
async function everyMethod(t: Deno.TestContext, gpu: GpuAttention): Promise<void> {
  const cache = await gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 8, maxLength: 8 });
  await cache.append(k, k);
  const cases: Array<[string, () => Promise<unknown> | unknown, RegExp]> = [
    [
      "attention",
      () => gpu.attention(q, k, k, { casual: true } as never),
      refused("options", "casual", "causal"),
    ],
    [
      "attention rope",
      () => gpu.attention(q, k, k, { rope: { frequencies, paring: "half" } } as never),
      refused("rope", "paring", "pairing"),
    ],
    [
      "profileAttention",
      () => gpu.profileAttention(q, k, k, { iteration: 2 } as never),
      refused("options", "iteration", "iterations"),
    ],
    [
      "applyRope",
      () => gpu.applyRope(q, frequencies, { inplace: true } as never),
      refused("options", "inplace", "inPlace"),
    ],
    [
      "upload",
      () => gpu.upload(q, { precison: "f32" } as never),
      refused("options", "precison", "precision"),
    ],
    [
      "createKvCache",
      () =>
        gpu.createKvCache({ batch: 1, kvHeads: 1, headDim: 8, maxLength: 8, windows: 4 } as never),
      refused("options", "windows", "window"),
    ],
    [
      "append",
      () => cache.append(k, k, { layuot: "bshd" } as never),
      refused("options", "layuot", "layout"),
    ],
    [
      "append rope",
      () => cache.append(k, k, { rope: { frequencies, position: [0, 1, 2] } } as never),
      refused("rope", "position", "positions"),
    ],
    [
      "decode",
      () => gpu.decode(q, cache, { slidingWindw: 2 } as never),
      refused("options", "slidingWindw", "slidingWindow"),
    ],
    [
      "decode rope",
      () => gpu.decode(q, cache, { rope: { frequencies, positions: [2] } } as never),
      /^Invalid rope: unknown key "positions"; a decode's query positions are the option queryPositions/,
    ],
    [
      "profileDecode",
      () => gpu.profileDecode(q, cache, { warmUp: false } as never),
      refused("options", "warmUp", "warmup"),
    ],
  ];
  for (const [name, call, message] of cases) {
    await t.step(name, async () => {
      await assert.rejects(async () => await call(), { name: "TypeError", message });
    });
  }
  assert.equal(cache.length, 3, "no refused append wrote anything");
  cache.destroy();
}

Deno.test("the CPU backend refuses unknown option keys on every method", async (t) => {
  await withoutAdapter(async () => {
    await assert.rejects(() => createGpuAttention({ fallbak: "cpu" } as never), {
      name: "TypeError",
      message: refused("options", "fallbak", "fallback"),
    });
    await assert.rejects(
      () => createGpuAttention({ fallback: "cpu", limits: { maxBufferSize: 1 } } as never),
      { name: "TypeError", message: refused("limits", "maxBufferSize", null) },
    );
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      await everyMethod(t, gpu);
    } finally {
      gpu.destroy();
    }
  });
});

gpuTest("WebGPU refuses unknown option keys on every method", (t, gpu) => everyMethod(t, gpu));
