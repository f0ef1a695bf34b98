/**
 * Panel 4's numbers: what each RoPE scaling method does to the frequencies.
 *
 * @module
 */

import { ropeFrequencies } from "@posenc/rope";
import type { PanelValues } from "./params.ts";

/** One rotation pair of one method. */
export interface ScalingPoint {
  /** Pair index i (0 rotates fastest). */
  readonly pair: number;
  /** Wavelength 2π / θ'_i of the scaled pair, in positions. */
  readonly wavelength: number;
  /** θ'_i / θ_i: 1 means untouched, 1/factor means fully interpolated. */
  readonly ratio: number;
  /**
   * Largest angle reached at the target length over the largest angle seen in
   * training (capped at 2π: a pair that turned a full circle has seen every
   * angle). Above 1, the pair rotates where training never went.
   */
  readonly angleRatio: number;
}

/** One method's curve. */
export interface ScalingCurve {
  readonly method: string;
  readonly label: string;
  readonly attentionFactor: number;
  /** Pairs whose angleRatio exceeds 1: rotations never seen in training. */
  readonly oodPairs: number;
  readonly points: readonly ScalingPoint[];
}

/** Panel 4's data. */
export interface ScalingData {
  /** targetLength / trainLength. */
  readonly factor: number;
  readonly curves: readonly ScalingCurve[];
}

/**
 * Compares the scaling methods for one base, dim and pair of lengths.
 *
 * @param values The panel's parameters.
 * @returns One curve per method.
 */
export function computeScaling(values: PanelValues<"scaling">): ScalingData {
  const { base, dim, trainLength, targetLength } = values;
  const plain = ropeFrequencies(dim, { base }).invFreq;
  const curve = (method: string, label: string, invFreq: Float32Array, attentionFactor: number) => {
    const points = Array.from(invFreq, (theta, pair) => {
      const seen = Math.min(2 * Math.PI, (trainLength - 1) * plain[pair]!);
      return {
        pair,
        wavelength: 2 * Math.PI / theta,
        ratio: theta / plain[pair]!,
        angleRatio: Math.min(2 * Math.PI, (targetLength - 1) * theta) / seen,
      };
    });
    const oodPairs = points.filter((p) => p.angleRatio > 1 + 1e-9).length;
    return { method, label, attentionFactor, oodPairs, points };
  };
  return {
    factor: targetLength / trainLength,
    curves: [curve("default", "RoPE (no scaling)", plain, 1)],
  };
}
