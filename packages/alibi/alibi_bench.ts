import { randomNormal } from "@posenc/tensor";
import { alibiSlopes, applyAlibi } from "./mod.ts";

const [BATCH, HEADS, QUERIES, KEYS] = [1, 32, 2048, 2048];
const scores = randomNormal([BATCH, HEADS, QUERIES, KEYS], { seed: 1 });
const target = new Float32Array(scores.data.length);
const slopes = alibiSlopes(HEADS);

/** A straightforward port: the bias formula and the mask per element, into a new array. */
function naive(data: Float32Array): Float32Array {
  const out = new Float32Array(data.length);
  for (let b = 0; b < BATCH; b++) {
    for (let h = 0; h < HEADS; h++) {
      for (let i = 0; i < QUERIES; i++) {
        const aligned = i + KEYS - QUERIES;
        for (let j = 0; j < KEYS; j++) {
          const at = ((b * HEADS + h) * QUERIES + i) * KEYS + j;
          out[at] = j > aligned ? -Infinity : data[at]! - slopes[h]! * Math.abs(aligned - j);
        }
      }
    }
  }
  return out;
}

// Applying in place again and again keeps every value finite (or -Infinity):
// the visible scores only move by the bias each time.
const group = `alibi apply ${BATCH}x${HEADS}x${QUERIES}x${KEYS}`;
Deno.bench({
  group,
  name: "copy",
  baseline: true,
  fn: () => target.set(scores.data),
});
Deno.bench({
  group,
  name: "applyAlibi inPlace",
  fn: () => void applyAlibi(scores, { inPlace: true }),
});
Deno.bench({
  group,
  name: "applyAlibi inPlace symmetric",
  fn: () => void applyAlibi(scores, { inPlace: true, mode: "symmetric" }),
});
Deno.bench({ group, name: "applyAlibi", fn: () => void applyAlibi(scores) });
Deno.bench({ group, name: "naive", fn: () => void naive(scores.data) });
