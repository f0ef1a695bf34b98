/**
 * The cost of the relative terms against the plain work they are added to:
 * t5Bias against filling the same number of floats, Shaw's logits and
 * values against q·kᵀ and α·V (naive loops over the same shapes), so each
 * reads as a ratio to its baseline in the same run.
 *
 * @module
 */

import { randomNormal } from "@posenc/tensor";
import { shawRelativeLogits, shawRelativeValues, t5Bias } from "./mod.ts";

const heads = 8;
const length = 512;
const headDim = 64;
const weight = randomNormal([32, heads], { seed: 1 });

Deno.bench("baseline: fill [1, 8, 512, 512] floats", { group: "t5", baseline: true }, () => {
  new Float32Array(heads * length * length).fill(1);
});
Deno.bench("t5Bias [1, 8, 512, 512]", { group: "t5" }, () => {
  t5Bias(weight, { queryLength: length, keyLength: length });
});

const q = randomNormal([1, heads, length, headDim], { seed: 2 });
const k = randomNormal([1, heads, length, headDim], { seed: 3 });
const table = randomNormal([2 * 16 + 1, headDim], { seed: 4 });
const weights = randomNormal([1, heads, length, length], { seed: 5 });

function qkT(): Float32Array {
  const out = new Float32Array(heads * length * length);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < length; i++) {
      const qi = (h * length + i) * headDim;
      for (let j = 0; j < length; j++) {
        const kj = (h * length + j) * headDim;
        let sum = 0;
        for (let d = 0; d < headDim; d++) sum += q.data[qi + d]! * k.data[kj + d]!;
        out[(h * length + i) * length + j] = sum;
      }
    }
  }
  return out;
}

Deno.bench("baseline: naive q·kᵀ", { group: "shaw", baseline: true }, () => {
  qkT();
});
Deno.bench("shawRelativeLogits (k = 16)", { group: "shaw" }, () => {
  shawRelativeLogits(q, table, { keyLength: length });
});
Deno.bench("shawRelativeValues (k = 16)", { group: "shaw" }, () => {
  shawRelativeValues(weights, table);
});
