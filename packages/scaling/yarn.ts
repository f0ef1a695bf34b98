import type { RopeFrequencies } from "@posenc/rope";
import { checkFinite, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { blendedInvFreq, rampEnds } from "./_ramp.ts";
import { checkBase, checkLength, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/** Options for {@linkcode yarnScaling}. */
export interface YarnScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /**
   * The extension factor s. When absent it is derived, as HF does for
   * `"factor": null`, from `maxPositionEmbeddings / originalMaxPositionEmbeddings`.
   *
   * @default {maxPositionEmbeddings / originalMaxPositionEmbeddings}
   */
  factor?: number;
  /** The context the model was pretrained on (`original_max_position_embeddings`). */
  originalMaxPositionEmbeddings: number;
  /**
   * The extended context (`max_position_embeddings`); only read to derive a
   * missing `factor`.
   *
   * @default {undefined}
   */
  maxPositionEmbeddings?: number;
  /**
   * Pairs that complete more than this many turns in training keep their
   * frequency.
   *
   * @default {32}
   */
  betaFast?: number;
  /**
   * Pairs that complete fewer than this many turns are fully interpolated.
   *
   * @default {1}
   */
  betaSlow?: number;
  /**
   * DeepSeek's numerator weight: with `mscaleAllDim` (both non-zero) the
   * attention factor is `(0.1 mscale ln s + 1) / (0.1 mscaleAllDim ln s + 1)`.
   * Alone it has no effect (as in HF).
   *
   * @default {undefined}
   */
  mscale?: number;
  /**
   * DeepSeek's denominator weight; see `mscale`.
   *
   * @default {undefined}
   */
  mscaleAllDim?: number;
  /**
   * An explicit attention factor, used as given.
   *
   * @default {0.1 * ln(factor) + 1 (1 when factor <= 1)}
   */
  attentionFactor?: number;
  /**
   * Floor/ceil the ramp's ends to whole pair indices; gpt-oss sets false.
   *
   * @default {true}
   */
  truncate?: boolean;
}

/** YaRN's `get_mscale`: `0.1 * m * ln(s) + 1`, or 1 when s <= 1. */
function mscaleOf(scale: number, m = 1): number {
  return scale <= 1 ? 1 : 0.1 * m * Math.log(scale) + 1;
}

const OPTION_KEYS: OptionKeys<YarnScalingOptions> = {
  base: true,
  factor: true,
  originalMaxPositionEmbeddings: true,
  maxPositionEmbeddings: true,
  betaFast: true,
  betaSlow: true,
  mscale: true,
  mscaleAllDim: true,
  attentionFactor: true,
  truncate: true,
};

/**
 * YaRN (Peng et al. 2023; HF rope_type `"yarn"`; Qwen2/2.5, DeepSeek-V2/V3,
 * gpt-oss): NTK-by-parts frequencies ({@linkcode ntkByPartsScaling}) plus an
 * attention temperature. The `attentionFactor` (the paper's √(1/t) =
 * 0.1 ln s + 1) multiplies cos and sin, so attention logits grow by its
 * square, compensating the entropy rise of longer contexts.
 *
 * Numerics follow HF's `_compute_yarn_parameters`: float32 table and blend,
 * float64 correction range and attention factor; bit-exact with transformers
 * on every golden case. (So `factor: 1` gives plain RoPE up to one float32
 * rounding in the ramp pairs, exactly as HF does.) DeepSeek-V3 (mscale = mscaleAllDim = 1) gets
 * attentionFactor 1 here, while its model code scales the softmax by
 * `(0.1 ln s + 1)^2` on its own.
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 2.
 * @param options See {@linkcode YarnScalingOptions}.
 * @returns `rotaryDim / 2` inverse frequencies and YaRN's attention factor.
 * @throws {RangeError} If a number is out of range, or neither factor nor maxPositionEmbeddings is given.
 * @throws {TypeError} If an option has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { yarnScaling } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * // Qwen2-7B-Instruct's long-context setting.
 * const qwen = yarnScaling(128, {
 *   base: 1000000,
 *   factor: 4,
 *   originalMaxPositionEmbeddings: 32768,
 * });
 * assert.equal(qwen.invFreq[0], 1);
 * assert.equal(qwen.attentionFactor, 0.1 * Math.log(4) + 1); // 1.1386...
 *
 * // DeepSeek-V3: mscale == mscaleAllDim cancels the temperature.
 * const deepseek = yarnScaling(64, {
 *   factor: 40,
 *   originalMaxPositionEmbeddings: 4096,
 *   mscale: 1,
 *   mscaleAllDim: 1,
 * });
 * assert.equal(deepseek.attentionFactor, 1);
 * ```
 */
export function yarnScaling(rotaryDim: number, options: YarnScalingOptions): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  checkRotaryDim("rotaryDim", rotaryDim);
  const base = checkBase(options.base);
  const trained = checkPositive(
    "originalMaxPositionEmbeddings",
    options.originalMaxPositionEmbeddings,
  );
  let factor: number;
  if (options.factor !== undefined) {
    factor = checkPositive("factor", options.factor);
  } else if (options.maxPositionEmbeddings !== undefined) {
    factor = checkLength("maxPositionEmbeddings", options.maxPositionEmbeddings) / trained;
  } else {
    throw new RangeError(
      "Invalid factor: expected a finite number > 0, or maxPositionEmbeddings to derive it from, got neither",
    );
  }
  const mscale = options.mscale === undefined ? 0 : checkFinite("mscale", options.mscale);
  const mscaleAllDim = options.mscaleAllDim === undefined
    ? 0
    : checkFinite("mscaleAllDim", options.mscaleAllDim);
  let attentionFactor: number;
  if (options.attentionFactor !== undefined) {
    attentionFactor = checkFinite("attentionFactor", options.attentionFactor, { min: 0 });
  } else if (mscale && mscaleAllDim) {
    attentionFactor = mscaleOf(factor, mscale) / mscaleOf(factor, mscaleAllDim);
  } else {
    attentionFactor = mscaleOf(factor);
  }
  const [low, high] = rampEnds(rotaryDim, base, trained, options);
  return finish("yarnScaling", blendedInvFreq(rotaryDim, base, factor, low, high), attentionFactor);
}
