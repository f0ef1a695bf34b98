/**
 * T5's relative attention bias in a decoder with a KV cache, with
 * @posenc/relative.
 *
 * T5 (Raffel et al. 2020) learns one scalar per head and distance bucket and
 * adds it to the attention logits. A decoder measures only keys before the
 * query: distances 0-15 get a bucket each, 16-127 share 16 logarithmic
 * buckets, and everything from 128 on shares the last. Prints the decoder
 * bucket of some distances, then the bias row of the token generated at
 * position 11 with 11 tokens in the cache (`queryOffset: 11`), the last row
 * of the bias of all 12 tokens at once, and their largest difference (0).
 *
 * Run: deno run examples/t5_decoder_bias.ts
 *
 * @module
 */

import { t5Bias, t5RelativeBucket } from "@posenc/relative";
import { tensor } from "@posenc/tensor";

const options = { bidirectional: false, numBuckets: 32, maxDistance: 128 };
const distances = [0, 1, 15, 16, 20, 50, 100, 127, 128, 1000];
// Relative position = key minus query: a key `d` tokens back is at -d.
const buckets = distances.map((d) => t5RelativeBucket(-d, options));
console.log(`distances: ${distances.join(" ")}`);
console.log(`decoder buckets: ${buckets.join(" ")}`);

// A stand-in for a checkpoint's relative_attention_bias.weight, [32 buckets, 2 heads]:
// head h gives bucket b the bias -(h + 1) · b / 8.
const heads = 2;
const weight = tensor(
  Array.from({ length: 32 * heads }, (_, i) => -((i % heads) + 1) * Math.floor(i / heads) / 8),
  [32, heads],
);

const length = 12;
// Prefill: all 12 tokens at once, [1, heads, 12, 12].
const full = t5Bias(weight, { queryLength: length, keyLength: length, bidirectional: false });
// Decoding: 11 tokens in the KV cache, the new query sits at position 11.
const step = t5Bias(weight, {
  queryLength: 1,
  keyLength: length,
  queryOffset: length - 1,
  bidirectional: false,
});

const lastRow = (h: number) =>
  full.data.subarray((h * length + length - 1) * length, (h * length + length) * length);
const stepRow = (h: number) => step.data.subarray(h * length, (h + 1) * length);
console.log(`decode step, head 2: ${Array.from(stepRow(1), (v) => v.toFixed(3)).join(" ")}`);
console.log(`full bias last row, head 2: ${Array.from(lastRow(1), (v) => v.toFixed(3)).join(" ")}`);
let difference = 0;
for (let h = 0; h < heads; h++) {
  stepRow(h).forEach((v, j) => difference = Math.max(difference, Math.abs(v - lastRow(h)[j]!)));
}
console.log(`max |decode step - last row| over heads: ${difference}`);
