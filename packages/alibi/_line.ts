import type { AlibiMode } from "./types.ts";

/**
 * Fills `line` (length queryLength + keyLength - 1) with one head's bias as
 * a function of t = j - i', the key position minus the bottom-right aligned
 * query position i' = i + keyLength - queryLength, stored at index
 * t + keyLength - 1. Row i of the [q, k] bias is then the contiguous slice
 * starting at queryLength - 1 - i, so every row is a copy (or a streaming
 * add) of the same float32 numbers, rounded once from slope * t.
 *
 * causal: slope * t for t <= 0, -Infinity after; symmetric: -slope * |t|.
 */
export function fillBiasLine(
  line: Float32Array,
  slope: number,
  keyLength: number,
  mode: AlibiMode,
): void {
  const zero = keyLength - 1;
  // t <= 0 gives +0 on the diagonal for a positive slope (never -0).
  for (let index = 0; index <= zero && index < line.length; index++) {
    line[index] = slope * (index - zero);
  }
  if (mode === "causal") {
    line.fill(-Infinity, zero + 1);
  } else {
    for (let index = zero + 1; index < line.length; index++) line[index] = slope * (zero - index);
  }
}
