/**
 * Multimodal RoPE (M-RoPE) for a Qwen2-VL prompt of text and an image, with
 * @posenc/rope.
 *
 * Qwen2-VL gives every token three position ids (temporal, height, width):
 * text tokens count up with the same id on all three, an image's tokens
 * share its temporal id and count its rows and columns, and the text after
 * it resumes at the largest id + 1. The rotation pairs of each head are
 * split between the axes by the config's `mrope_section` ([16, 24, 24] for
 * Qwen2-VL-7B: pairs 0-15 temporal, 16-39 height, 40-63 width).
 *
 * The prompt: 3 text tokens, an image of 4 × 6 patches (2 × 2 patches
 * merged per token: 2 × 3 = 6 tokens), 4 text tokens. Prints the three id
 * rows, the next decoding position, and the angle (atan2 of the cache's sin and cos)
 * of pairs 0, 16 and 40 for the last image token, which turn by its
 * temporal, row and column id times invFreq (base 1e6, head dim 128). Then
 * rotates queries and keys with `applyRope` and prints the largest
 * difference between a text token's rotation and plain RoPE at its id (0).
 *
 * Run: deno run examples/qwen2_vl_positions.ts
 *
 * @module
 */

import { applyRope, mropePositions, multimodalRopeCache, ropeFrequencies } from "@posenc/rope";
import { randomNormal } from "@posenc/tensor";

const positions = mropePositions([{ text: 3 }, { image: [1, 4, 6] }, { text: 4 }]);
const [temporal, height, width] = positions;
console.log(`temporal ids: ${temporal.join(" ")}`);
console.log(`height ids:   ${height.join(" ")}`);
console.log(`width ids:    ${width.join(" ")}`);
// Generation continues after the largest id on all three axes (HF's rope_deltas).
const next = Math.max(...temporal, ...height, ...width) + 1;
console.log(`next decoding position: ${next}`);

const headDim = 128;
const frequencies = ropeFrequencies(headDim, { base: 1000000 });
const cache = multimodalRopeCache(frequencies, positions, { section: [16, 24, 24] });
const half = headDim / 2;
const lastImageToken = 3 + 6 - 1;
const angle = (pair: number) =>
  Math.atan2(
    cache.sin.data[lastImageToken * half + pair]!,
    cache.cos.data[lastImageToken * half + pair]!,
  );
console.log(
  `last image token (ids ${temporal[lastImageToken]}, ${height[lastImageToken]}, ${
    width[lastImageToken]
  }): angles of pairs 0, 16, 40: ${[0, 16, 40].map((p) => angle(p).toFixed(6)).join(" ")}`,
);

// Queries and keys of 4 heads for the 13 tokens: token t uses cache row t.
const tokens = temporal.length;
const q = randomNormal([1, 4, tokens, headDim], { seed: 1 });
const k = randomNormal([1, 4, tokens, headDim], { seed: 2 });
const qRotated = applyRope(q, cache);
const kRotated = applyRope(k, cache);

// Text tokens carry one id on all axes: their rotation is plain RoPE at that id.
const plain = applyRope(q, frequencies, { positions: temporal });
let difference = 0;
for (let h = 0; h < 4; h++) {
  for (const t of [0, 1, 2, 9, 10, 11, 12]) {
    for (let d = 0; d < headDim; d++) {
      const index = (h * tokens + t) * headDim + d;
      difference = Math.max(difference, Math.abs(qRotated.data[index]! - plain.data[index]!));
    }
  }
}
console.log(`text tokens: max |M-RoPE - RoPE at their ids|: ${difference}`);
console.log(`rotated q and k: [${qRotated.shape.join(", ")}] and [${kRotated.shape.join(", ")}]`);
