import type { RopeFrequencies } from "@posenc/rope";
import { checkFinite, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { ropeInvFreq } from "./_float32.ts";
import { checkBase, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/** Options for {@linkcode proportionalScaling}. */
export interface ProportionalScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /**
   * The fraction of pairs that rotate (HF's `partial_rotary_factor`): the
   * first `floor(partialRotaryFactor * headDim / 2)` pairs, the highest
   * frequencies.
   *
   * @default {1}
   */
  partialRotaryFactor?: number;
  /**
   * Divides every frequency, like linear scaling.
   *
   * @default {1}
   */
  factor?: number;
}

const OPTION_KEYS: OptionKeys<ProportionalScalingOptions> = {
  base: true,
  partialRotaryFactor: true,
  factor: true,
};

/**
 * Proportional RoPE (HF rope_type `"proportional"`, transformers 5.18, the
 * Gemma 4 family; the "p-RoPE" of Barbero et al. 2024): only the highest
 * `floor(partialRotaryFactor * headDim / 2)` frequencies rotate; the others
 * are exactly 0, so those pairs carry no position at all (semantic
 * channels). Unlike partial rotary elsewhere the exponent's denominator is
 * the head dim, so the kept frequencies equal plain RoPE over the whole
 * head, and `invFreq` always has `headDim / 2` entries: with the half
 * pairing, pair i is (i, i + headDim / 2). Every entry is then divided by
 * `factor`. No attention factor.
 *
 * @param headDim The head dim (also the rotary dim here): an even integer >= 2.
 * @param options Base, rotating fraction and factor.
 * @returns `headDim / 2` inverse frequencies, trailing zeros for the static pairs; attentionFactor 1.
 * @throws {RangeError} If headDim is not an even integer >= 2, base or factor is not a finite number > 0, or partialRotaryFactor is outside [0, 1].
 * @throws {TypeError} If an option has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { proportionalScaling } from "@posenc/scaling";
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const { invFreq } = proportionalScaling(256, { base: 1000000, partialRotaryFactor: 0.25 });
 * assert.equal(invFreq.length, 128);
 * assert.equal(invFreq[31], ropeFrequencies(256, { base: 1000000 }).invFreq[31]);
 * assert.equal(invFreq[32], 0); // pairs 32..127 never rotate
 * ```
 */
export function proportionalScaling(
  headDim: number,
  options: ProportionalScalingOptions = {},
): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  checkRotaryDim("headDim", headDim);
  const base = checkBase(options.base);
  const fraction = checkFinite("partialRotaryFactor", options.partialRotaryFactor ?? 1, {
    min: 0,
    max: 1,
  });
  const factor = Math.fround(checkPositive("factor", options.factor ?? 1));
  // HF: int(partial_rotary_factor * head_dim // 2), a float floor division.
  const rotating = Math.floor(fraction * headDim / 2);
  const invFreq = new Float32Array(headDim / 2);
  invFreq.set(ropeInvFreq(base, rotating, headDim));
  for (let i = 0; i < invFreq.length; i++) invFreq[i] = invFreq[i]! / factor;
  return finish("proportionalScaling", invFreq, 1);
}
