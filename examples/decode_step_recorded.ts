/**
 * A model's decode step over many layers in one submission, with
 * `gpu.record()` of @posenc/attention-gpu.
 *
 * Eight attention layers shaped like Llama 3 8B's (32 query heads sharing 8
 * key/value heads, head dim 128, RoPE base 500000), each with its own KV
 * cache holding a 64-token prompt, generate 4 tokens. Per step and layer
 * the new token's key and value go into that layer's cache and its query
 * attends to the cache: 16 calls, all recorded into one GpuRecording and
 * submitted once; the outputs stay on the device and only the last layer's
 * is read back (a readback waits for the device, about 11 ms in Deno
 * whatever the work: pay it once per step). Random projections stand in for
 * the model's weights, so every layer's q, k and v come from the host here.
 *
 * Prints the backend (WebGPU, or the CPU fallback where there is no
 * adapter: the same code runs on both), the number of layers, the cache
 * length after the prompt and after generating, the submissions per step,
 * the host time of a recorded step next to the same calls made one by one
 * (the first step, which compiles the kernels, left out),
 * and the largest difference between every layer's decode outputs and the
 * last rows of one causal attention over that layer's whole sequence
 * (within 1e-5 in float32).
 *
 * Run: deno run examples/decode_step_recorded.ts
 *
 * @module
 */

import {
  attentionReference,
  createGpuAttention,
  type GpuTensor,
  type KvCache,
} from "@posenc/attention-gpu";
import { ropeFrequencies } from "@posenc/rope";
import { randomNormal, type Tensor } from "@posenc/tensor";

const [layers, heads, kvHeads, headDim] = [8, 32, 8, 128];
const [promptLength, newTokens] = [64, 4];
const total = promptLength + newTokens;
const rope = { frequencies: ropeFrequencies(headDim, { base: 500000 }), pairing: "half" as const };

// Every layer's q, k and v for every token, [1, heads, seq, D], as its projections would give them.
const model = Array.from({ length: layers }, (_, l) => ({
  q: randomNormal([1, heads, total, headDim], { seed: 3 * l + 1 }),
  k: randomNormal([1, kvHeads, total, headDim], { seed: 3 * l + 2 }),
  v: randomNormal([1, kvHeads, total, headDim], { seed: 3 * l + 3 }),
}));

/** Tokens [from, to) of a [1, h, seq, D] tensor. */
function tokens(x: Tensor, from: number, to: number): Tensor {
  const [, h, seq, d] = x.shape as [number, number, number, number];
  const out = new Float32Array(h * (to - from) * d);
  for (let head = 0; head < h; head++) {
    out.set(
      x.data.subarray((head * seq + from) * d, (head * seq + to) * d),
      head * (to - from) * d,
    );
  }
  return { shape: [1, h, to - from, d], data: out };
}

const gpu = await createGpuAttention({ fallback: "cpu" }); // the CPU where there is no adapter
try {
  const dims = { batch: 1, kvHeads, headDim, maxLength: total };
  const caches: KvCache[] = [];
  for (const { k, v } of model) {
    const cache = await gpu.createKvCache(dims);
    await cache.append(tokens(k, 0, promptLength), tokens(v, 0, promptLength), { rope });
    caches.push(cache);
  }
  console.log(`backend: ${gpu.info.backend}`);
  console.log(`layers: ${layers}`);
  console.log(`cache length after the prompt: ${caches[0]!.length}`);

  const outputs: GpuTensor[][] = []; // [step][layer]
  let recordedMs = 0;
  for (let t = promptLength; t < total; t++) {
    // The layer loop of one step: 2 calls per layer, recorded, nothing run yet.
    const started = performance.now();
    const step = gpu.record();
    const out = model.map(({ q, k, v }, l) => {
      step.append(caches[l]!, tokens(k, t, t + 1), tokens(v, t, t + 1), { rope });
      return step.decode(tokens(q, t, t + 1), caches[l]!, { rope });
    });
    await step.submit(); // one submission; the outputs stay on the device
    if (t > promptLength) recordedMs += performance.now() - started; // the first compiles kernels
    await gpu.download(out[layers - 1]!); // the one readback of the step (the next token's logits)
    outputs.push(out);
  }
  console.log(`cache length after generating ${newTokens} tokens: ${caches[0]!.length}`);
  console.log(`submissions per step: 1 recorded (${2 * layers} calls one by one: ${2 * layers})`);

  // The same calls one by one, on fresh caches, for the host time only.
  const separate: KvCache[] = [];
  for (const { k, v } of model) {
    const cache = await gpu.createKvCache(dims);
    await cache.append(tokens(k, 0, promptLength), tokens(v, 0, promptLength), { rope });
    separate.push(cache);
  }
  await gpu.synchronize();
  let separateMs = 0;
  for (let t = promptLength; t < total; t++) {
    const started = performance.now();
    for (const [l, { q, k, v }] of model.entries()) {
      await separate[l]!.append(tokens(k, t, t + 1), tokens(v, t, t + 1), { rope });
      (await gpu.decode(gpu.upload(tokens(q, t, t + 1)), separate[l]!, { rope })).destroy();
    }
    if (t > promptLength) separateMs += performance.now() - started;
    await gpu.synchronize();
  }
  console.log(
    `host ms per step (steps 2-${newTokens}): recorded ${
      (recordedMs / (newTokens - 1)).toFixed(2)
    }, one by one ${(separateMs / (newTokens - 1)).toFixed(2)}`,
  );

  // Every layer's outputs against one causal attention over its whole sequence.
  let worst = 0;
  for (const [l, { q, k, v }] of model.entries()) {
    const want = attentionReference(q, k, v, { causal: true, rope });
    for (let s = 0; s < newTokens; s++) {
      const got = await gpu.download(outputs[s]![l]!);
      const row = tokens(want, promptLength + s, promptLength + s + 1);
      for (let i = 0; i < got.data.length; i++) {
        worst = Math.max(worst, Math.abs(got.data[i]! - row.data[i]!));
      }
    }
  }
  console.log(`max |recorded decode - reference|: ${worst.toExponential(2)}`);
  for (const cache of [...caches, ...separate]) cache.destroy();
} finally {
  gpu.destroy();
}
