import type { RopeFrequencies } from "@posenc/rope";
import { checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { blendedInvFreq, rampEnds } from "./_ramp.ts";
import { checkBase, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/** Options for {@linkcode ntkByPartsScaling}. */
export interface NtkByPartsScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /** The extension factor s: fully interpolated pairs turn s times slower. */
  factor: number;
  /** The context the model was trained on (`original_max_position_embeddings`). */
  originalMaxPositionEmbeddings: number;
  /**
   * Pairs that complete more than this many turns in training keep their
   * frequency (the paper's β).
   *
   * @default {32}
   */
  betaFast?: number;
  /**
   * Pairs that complete fewer than this many turns are fully interpolated
   * (the paper's α).
   *
   * @default {1}
   */
  betaSlow?: number;
  /**
   * Floor/ceil the ramp's ends to whole pair indices, as HF does by default;
   * gpt-oss sets `truncate: false`.
   *
   * @default {true}
   */
  truncate?: boolean;
}

const OPTION_KEYS: OptionKeys<NtkByPartsScalingOptions> = {
  base: true,
  factor: true,
  originalMaxPositionEmbeddings: true,
  betaFast: true,
  betaSlow: true,
  truncate: true,
};

/**
 * NTK-by-parts interpolation (bloc97; YaRN paper §3.2): YaRN's frequencies
 * without its attention temperature. Pairs that turn many times within the
 * training context (high frequencies, pair index <= low) are left alone, pairs
 * that never complete a turn (index >= high) are divided by `factor` as in
 * PI, and a linear ramp over the pair index blends the two between.
 *
 * Equal, frequency for frequency, to {@linkcode yarnScaling} (HF's float32
 * steps); only `attentionFactor` differs (always 1 here).
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 2.
 * @param options Base, factor, training length and the ramp's ends.
 * @returns `rotaryDim / 2` inverse frequencies; attentionFactor 1.
 * @throws {RangeError} If a number is out of range (see the options).
 * @throws {TypeError} If an option has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { ntkByPartsScaling, yarnScaling } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * const options = { base: 10000, factor: 4, originalMaxPositionEmbeddings: 4096 };
 * const parts = ntkByPartsScaling(128, options);
 * assert.equal(parts.invFreq[0], 1); // high frequencies untouched
 * assert.equal(parts.invFreq[63], Math.fround(1 / Math.fround(4 * 10000 ** (126 / 128))));
 * assert.deepEqual(parts.invFreq, yarnScaling(128, options).invFreq);
 * assert.equal(parts.attentionFactor, 1);
 * ```
 */
export function ntkByPartsScaling(
  rotaryDim: number,
  options: NtkByPartsScalingOptions,
): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  checkRotaryDim("rotaryDim", rotaryDim);
  const base = checkBase(options.base);
  const factor = checkPositive("factor", options.factor);
  const trained = checkPositive(
    "originalMaxPositionEmbeddings",
    options.originalMaxPositionEmbeddings,
  );
  const [low, high] = rampEnds(rotaryDim, base, trained, options);
  return finish("ntkByPartsScaling", blendedInvFreq(rotaryDim, base, factor, low, high), 1);
}
