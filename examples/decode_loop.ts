/**
 * A generation loop with a KV cache on WebGPU, with @posenc/attention-gpu.
 *
 * One attention layer shaped like Qwen2-7B's (28 query heads sharing 4
 * key/value heads, head dim 128, base 1e6 with its YaRN x4 setting read from
 * config.json) processes a 32-token prompt, then generates 16 tokens the way
 * an inference engine does: each step appends the new token's key and value
 * to the cache (the key is rotated once, at its absolute position) and runs
 * split-K decode for its query alone. Random projections stand in for the
 * model's weights.
 *
 * Prints the adapter, the cache's storage precision, the cache length after
 * the prompt and after generating, and the largest difference between the
 * decode outputs and the last rows of one causal prefill over the whole
 * sequence (within 1e-5 in float32): decoding token by token gives the
 * numbers attention over everything gives.
 *
 * Needs a WebGPU adapter (on Debian without a GPU: `apt-get install
 * mesa-vulkan-drivers`).
 *
 * Run: deno run examples/decode_loop.ts
 *
 * @module
 */

import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
import { ropeFromConfig } from "@posenc/scaling";
import { randomNormal, type Tensor } from "@posenc/tensor";

const rope = {
  frequencies: ropeFromConfig({
    hidden_size: 3584,
    num_attention_heads: 28,
    num_key_value_heads: 4,
    max_position_embeddings: 32768,
    rope_theta: 1000000,
    rope_scaling: { type: "yarn", factor: 4, original_max_position_embeddings: 32768 },
  }),
};
const [heads, kvHeads, headDim] = [28, 4, 128];
const [promptLength, newTokens] = [32, 16];
const total = promptLength + newTokens;

// Every token's q, k and v, as the model's projections would produce them, [1, heads, seq, D].
const q = randomNormal([1, heads, total, headDim], { seed: 1 });
const k = randomNormal([1, kvHeads, total, headDim], { seed: 2 });
const v = randomNormal([1, kvHeads, total, headDim], { seed: 3 });

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

const gpu = await createGpuAttention(); // throws, saying what to install, without an adapter
try {
  const cache = await gpu.createKvCache({ batch: 1, kvHeads, headDim, maxLength: total });
  // The prompt: its keys and values go in at positions 0..31 (its own outputs would come from
  // gpu.attention over the prompt; generation only needs the cache).
  await cache.append(tokens(k, 0, promptLength), tokens(v, 0, promptLength), { rope });
  console.log(`adapter: ${gpu.info.adapter?.description || gpu.info.adapter?.vendor}`);
  console.log(`cache precision: ${cache.precision}`);
  console.log(`cache length after the prompt: ${cache.length}`);

  // One causal prefill over all 48 tokens: what decoding must reproduce row by row.
  const prefill = attentionReference(q, k, v, { causal: true, rope });
  let worst = 0;
  for (let t = promptLength; t < total; t++) {
    // The new token's key and value first, then its query against everything cached.
    await cache.append(tokens(k, t, t + 1), tokens(v, t, t + 1), { rope });
    const out = await gpu.decode(tokens(q, t, t + 1), cache, { rope });
    const expected = tokens(prefill, t, t + 1);
    for (let i = 0; i < out.data.length; i++) {
      worst = Math.max(worst, Math.abs(out.data[i]! - expected.data[i]!));
    }
  }
  console.log(`cache length after generating ${newTokens} tokens: ${cache.length}`);
  console.log(`max |decode - prefill|: ${worst.toExponential(2)}`);
  cache.destroy();
} finally {
  gpu.destroy();
}
