/**
 * RoPE's relative-position property with @posenc/rope: rotating a query at
 * position m and a key at position n makes their score depend only on m − n.
 *
 * Prints, for one random q and k (rotary dim 128, base 10000):
 * - the score at distance 7 with the query at m = 0, 100 and 100000, in
 *   float32 angles (what Hugging Face computes) and in float64 angles: equal
 *   up to the rounding of the angle m·θ in float32, which grows with m;
 * - the norm of q before and after rotation (rotations keep it).
 *
 * Run: deno run examples/rope_relative_position.ts
 *
 * @module
 */

import { applyRope, ropeFrequencies } from "@posenc/rope";
import { randomNormal, type Tensor } from "@posenc/tensor";

const rotaryDim = 128;
const distance = 7;
const frequencies = ropeFrequencies(rotaryDim, { base: 10000 });
// One head, one token each: [batch, heads, seq, headDim].
const q = randomNormal([1, 1, 1, rotaryDim], { seed: 1 });
const k = randomNormal([1, 1, 1, rotaryDim], { seed: 2 });

function dot(a: Tensor, b: Tensor): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += a.data[i]! * b.data[i]!;
  return sum;
}

for (const angles of ["float32", "float64"] as const) {
  const scores = [0, 100, 100000].map((m) => {
    const rq = applyRope(q, frequencies, { offset: m, angles });
    const rk = applyRope(k, frequencies, { offset: m + distance, angles });
    return dot(rq, rk);
  });
  console.log(
    `score(q at m, k at m+${distance}), ${angles} angles, m = 0, 100, 100000: ` +
      scores.map((s) => s.toFixed(6)).join(" "),
  );
}

const rotated = applyRope(q, frequencies, { offset: 12345 });
console.log(
  `|q| = ${Math.sqrt(dot(q, q)).toFixed(6)}, |RoPE(q, 12345)| = ${
    Math.sqrt(dot(rotated, rotated)).toFixed(6)
  }`,
);
