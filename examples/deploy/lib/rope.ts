/**
 * Panel 2's numbers: the RoPE score of one query/key pair as a function of
 * their distance, the same with both positions shifted, and RoFormer's
 * long-term decay bound.
 *
 * @module
 */

import { applyRope, relativeDecayBound, ropeFrequencies } from "@posenc/rope";
import { randomNormal, type Tensor, tensor } from "@posenc/tensor";
import type { PanelValues } from "./params.ts";
import { samplePositions } from "./sinusoidal.ts";

/** Points of the score curves at most. */
export const SCORE_POINTS = 2048;

/** One distance of the score curves. */
export interface ScorePoint {
  readonly distance: number;
  /** `RoPE(q, 0) · RoPE(k, distance)`. */
  readonly score: number;
  /** `RoPE(q, shift) · RoPE(k, shift + distance)`: equal to score up to angle rounding. */
  readonly shifted: number;
}

/** Panel 2's data. */
export interface RopeData {
  /** Scores at sampled distances in [0, maxDistance]. */
  readonly scores: readonly ScorePoint[];
  /** `relativeDecayBound(frequencies, maxDistance)`: one value per distance 0..maxDistance. */
  readonly bound: readonly number[];
  /** Largest |score − shifted| over the sampled distances. */
  readonly maxShiftDifference: number;
  /** The unrotated q·k (the score at distance 0). */
  readonly dotAtZero: number;
}

function vectors(values: PanelValues<"rope">): [Float32Array, Float32Array] {
  const { dim, vectors, seed } = values;
  if (vectors === "ones") return [new Float32Array(dim).fill(1), new Float32Array(dim).fill(1)];
  const q = randomNormal([dim], { seed });
  const k = randomNormal([dim], { seed: seed + 1 });
  return [q.data, k.data];
}

/** The same vector at each position, as a [1, 1, positions, dim] tensor. */
function repeated(vector: Float32Array, count: number): Tensor {
  const data = new Float32Array(count * vector.length);
  for (let i = 0; i < count; i++) data.set(vector, i * vector.length);
  return tensor(data, [1, 1, count, vector.length]);
}

function scores(
  q: Float32Array,
  k: Float32Array,
  queryPosition: number,
  keyPositions: readonly number[],
  values: PanelValues<"rope">,
): number[] {
  const frequencies = ropeFrequencies(values.dim, { base: values.base });
  const options = { angles: values.angles } as const;
  const rq =
    applyRope(repeated(q, 1), frequencies, { ...options, positions: [queryPosition] }).data;
  const rk = applyRope(repeated(k, keyPositions.length), frequencies, {
    ...options,
    positions: keyPositions,
  })
    .data;
  return keyPositions.map((_, row) => {
    let sum = 0;
    for (let i = 0; i < q.length; i++) sum += rq[i]! * rk[row * q.length + i]!;
    return sum;
  });
}

/**
 * Computes panel 2.
 *
 * @param values The panel's parameters.
 * @returns The score curves and the decay bound.
 */
export function computeRope(values: PanelValues<"rope">): RopeData {
  const { dim, base, maxDistance, shift } = values;
  const [q, k] = vectors(values);
  const distances = samplePositions(maxDistance + 1, SCORE_POINTS);
  const plain = scores(q, k, 0, distances, values);
  const shifted = scores(q, k, shift, distances.map((d) => shift + d), values);
  const points = distances.map((distance, i) => ({
    distance,
    score: plain[i]!,
    shifted: shifted[i]!,
  }));
  let maxShiftDifference = 0;
  for (const p of points) {
    maxShiftDifference = Math.max(maxShiftDifference, Math.abs(p.score - p.shifted));
  }
  let dotAtZero = 0;
  for (let i = 0; i < dim; i++) dotAtZero += q[i]! * k[i]!;
  return {
    scores: points,
    bound: Array.from(relativeDecayBound(ropeFrequencies(dim, { base }), maxDistance)),
    maxShiftDifference,
    dotAtZero,
  };
}
