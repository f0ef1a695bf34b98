/**
 * ALiBi (Press et al. 2021) for a 12-head model with @posenc/alibi.
 *
 * 12 is not a power of two, so the slopes are the 8 of an 8-head model
 * (2⁻¹ … 2⁻⁸) followed by the first 4 odd-indexed ones of a 16-head model
 * (2⁻⁰·⁵, 2⁻¹·⁵, 2⁻²·⁵, 2⁻³·⁵), as the authors' code, BLOOM and MPT do.
 * Prints the 12 slopes, then the causal bias that the last of 6 queries adds
 * to its logits for heads 1, 9 and 12 (−slope × distance; the diagonal is 0),
 * and one row of a decoding step (1 query over 6 cached keys), which must match.
 *
 * Run: deno run examples/alibi_12_heads.ts
 *
 * @module
 */

import { alibiBias, alibiSlopes } from "@posenc/alibi";

const heads = 12;
const slopes = alibiSlopes(heads);
console.log(`slopes: ${Array.from(slopes, (s) => s.toPrecision(6)).join(" ")}`);

const length = 6;
const bias = alibiBias(heads, length); // [heads, query, key], causal by default
for (const head of [1, 9, 12]) {
  const row = bias.data.subarray(
    ((head - 1) * length + length - 1) * length,
    ((head - 1) * length + length) * length,
  );
  console.log(
    `head ${String(head).padStart(2)} last row: ${Array.from(row, (v) => v.toFixed(4)).join(" ")}`,
  );
}

// Decoding: one new query against the 6 keys of the cache, bottom-right aligned.
const step = alibiBias(heads, 1, length);
console.log(
  `decode step, head 12:  ${
    Array.from(step.data.subarray(11 * length, 12 * length), (v) => v.toFixed(4)).join(" ")
  }`,
);
