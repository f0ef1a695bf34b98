/**
 * gpt-oss's two kinds of attention layer, decoding with two KV caches, with
 * @posenc/attention-gpu.
 *
 * gpt-oss-20b alternates a sliding-window layer (each token sees the last
 * 128) with a full-attention layer, and every layer has a learned "sink"
 * logit per head that joins the softmax's denominator (it lets a head attend
 * to nothing). Both use its YaRN x32 RoPE (base 150000), 64 query heads
 * sharing 8 key/value heads of 64 dims. One layer pair here: a 200-token
 * prompt goes through each layer's prefill (`slidingWindow: 128` and `sinks`
 * on the first) and into its cache, then 16 tokens are generated the way an
 * inference engine does, appending each token's key and value and decoding
 * its query. The sliding layer's cache is a ring (`createKvCache({ window:
 * 128 })`): it keeps the window's tokens only, however long the sequence.
 * Random projections stand in for the weights (and for the second layer's
 * input, which would be the first layer's output).
 *
 * Prints the adapter, the tokens each cache has seen and keeps, and for each
 * layer the largest difference between its decode outputs and the last rows
 * of one windowed (or full) causal attention with sinks over the whole
 * sequence on the CPU (within 2e-5 in float32).
 *
 * Needs a WebGPU adapter (on Debian without a GPU: `apt-get install
 * mesa-vulkan-drivers`).
 *
 * Run: deno run examples/gpt_oss_layers.ts
 *
 * @module
 */

import {
  type AttentionOptions,
  attentionReference,
  createGpuAttention,
} from "@posenc/attention-gpu";
import { ropeFromConfig } from "@posenc/scaling";
import { randomNormal, type Tensor } from "@posenc/tensor";

// The fields of gpt-oss-20b's config.json that attention reads.
const rope = {
  frequencies: ropeFromConfig({
    hidden_size: 2880,
    num_attention_heads: 64,
    num_key_value_heads: 8,
    head_dim: 64,
    max_position_embeddings: 131072,
    rope_theta: 150000,
    rope_scaling: {
      rope_type: "yarn",
      factor: 32,
      original_max_position_embeddings: 4096,
      beta_fast: 32,
      beta_slow: 1,
      truncate: false,
    },
  }),
};
const [heads, kvHeads, headDim, slidingWindow] = [64, 8, 64, 128];
const [promptLength, newTokens] = [200, 16];
const total = promptLength + newTokens;

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

/** One layer: its inputs for every token, its sinks and its mask. */
function layer(seed: number, options: AttentionOptions) {
  return {
    q: randomNormal([1, heads, total, headDim], { seed }),
    k: randomNormal([1, kvHeads, total, headDim], { seed: seed + 1 }),
    v: randomNormal([1, kvHeads, total, headDim], { seed: seed + 2 }),
    // Learned per head in the model; small logits like its trained ones here.
    sinks: Array.from(randomNormal([heads], { seed: seed + 3 }).data, (x) => x * 0.5),
    options,
  };
}

const layers = [
  { name: "sliding", ...layer(1, { slidingWindow }) },
  { name: "full", ...layer(5, {}) },
];

const gpu = await createGpuAttention(); // throws, saying what to install, without an adapter
try {
  console.log(`adapter: ${gpu.info.adapter?.description || gpu.info.adapter?.vendor}`);
  const caches = [
    // The ring needs no maxLength: it keeps the last 128 tokens of any sequence.
    await gpu.createKvCache({ batch: 1, kvHeads, headDim, window: slidingWindow }),
    await gpu.createKvCache({ batch: 1, kvHeads, headDim, maxLength: total }),
  ];
  const worst = [0, 0];
  for (const [i, l] of layers.entries()) {
    const options = { ...l.options, sinks: l.sinks, rope };
    // The prompt: one prefill (its outputs feed the next layer in a model), then into the cache.
    const q = tokens(l.q, 0, promptLength);
    await gpu.attention(q, tokens(l.k, 0, promptLength), tokens(l.v, 0, promptLength), {
      ...options,
      causal: true,
    });
    await caches[i]!.append(tokens(l.k, 0, promptLength), tokens(l.v, 0, promptLength), { rope });
  }
  for (let t = promptLength; t < total; t++) {
    for (const [i, l] of layers.entries()) {
      const cache = caches[i]!;
      await cache.append(tokens(l.k, t, t + 1), tokens(l.v, t, t + 1), { rope });
      // The sliding cache's decode uses its window; the full one sees everything.
      const out = await gpu.decode(tokens(l.q, t, t + 1), cache, { sinks: l.sinks, rope });
      // What decoding must reproduce: row t of attention over tokens 0..t.
      const expected = attentionReference(
        tokens(l.q, t, t + 1),
        tokens(l.k, 0, t + 1),
        tokens(l.v, 0, t + 1),
        {
          ...l.options,
          sinks: l.sinks,
          rope,
          causal: true,
        },
      );
      for (let j = 0; j < out.data.length; j++) {
        worst[i] = Math.max(worst[i]!, Math.abs(out.data[j]! - expected.data[j]!));
      }
    }
  }
  for (const [i, l] of layers.entries()) {
    const kept = (await caches[i]!.download()).k.shape[2];
    console.log(`${l.name} cache: ${caches[i]!.length} tokens seen, ${kept} kept`);
  }
  console.log(`max |decode - attention|, sliding layer with sinks: ${worst[0]!.toExponential(2)}`);
  console.log(`max |decode - attention|, full layer with sinks: ${worst[1]!.toExponential(2)}`);
  for (const cache of caches) cache.destroy();
} finally {
  gpu.destroy();
}
