import type { RopeFrequencies } from "@posenc/rope";
import { checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { ropeInvFreq } from "./_float32.ts";
import { checkBase, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/** Options for {@linkcode linearScaling}. */
export interface LinearScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /** The interpolation factor s (`rope_scaling.factor`): positions are divided by s. */
  factor: number;
}

const OPTION_KEYS: OptionKeys<LinearScalingOptions> = {
  base: true,
  factor: true,
};

/**
 * Position Interpolation (Chen et al. 2023; /u/kaiokendev), HF rope_type
 * `"linear"`: every frequency is divided by `factor`, which is the same as
 * squeezing positions `m` into `m / factor`, so a model trained on L tokens
 * sees angles from its training range up to `factor * L` tokens.
 *
 * Computed as HF does: the float32 default table divided in float32 by
 * `float32(factor)`; bit-exact with transformers. (vLLM divides the positions
 * instead, which rounds differently in float32.)
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 2.
 * @param options The base and the factor.
 * @returns `rotaryDim / 2` inverse frequencies; attentionFactor 1.
 * @throws {RangeError} If rotaryDim is not an even integer >= 2, or base or factor is not a finite number > 0.
 * @throws {TypeError} If base or factor is not a number.
 *
 * @example Usage
 * ```ts
 * import { linearScaling } from "@posenc/scaling";
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const plain = ropeFrequencies(128, { base: 10000 });
 * const pi = linearScaling(128, { base: 10000, factor: 4 });
 * assert.equal(pi.invFreq[0], 0.25); // every pair turns 4x slower
 * assert.equal(pi.invFreq[10], Math.fround(plain.invFreq[10]! / 4));
 * assert.equal(pi.attentionFactor, 1);
 * ```
 */
export function linearScaling(rotaryDim: number, options: LinearScalingOptions): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  checkRotaryDim("rotaryDim", rotaryDim);
  const base = checkBase(options.base);
  const factor = Math.fround(checkPositive("factor", options.factor));
  const invFreq = ropeInvFreq(base, rotaryDim / 2, rotaryDim);
  for (let i = 0; i < invFreq.length; i++) invFreq[i] = invFreq[i]! / factor;
  return finish("linearScaling", invFreq, 1);
}
