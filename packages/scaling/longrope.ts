import type { RopeFrequencies } from "@posenc/rope";
import { checkFinite, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { powf32 } from "./_float32.ts";
import {
  checkBase,
  checkFactorList,
  checkLength,
  checkPositive,
  checkRotaryDim,
  finish,
} from "./_validate.ts";

/** Options for {@linkcode longropeScaling}. */
export interface LongropeScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /** Per-pair divisors used up to `originalMaxPositionEmbeddings` (rotaryDim / 2 numbers > 0). */
  shortFactor: ArrayLike<number>;
  /** Per-pair divisors used beyond `originalMaxPositionEmbeddings` (rotaryDim / 2 numbers > 0). */
  longFactor: ArrayLike<number>;
  /** The pretraining context; longer sequences switch to `longFactor`. */
  originalMaxPositionEmbeddings: number;
  /**
   * The current sequence length (largest position + 1). `longFactor` is
   * used iff it exceeds `originalMaxPositionEmbeddings`; absent (HF's init
   * time) means the short table.
   *
   * @default {undefined}
   */
  seqLen?: number;
  /**
   * The context extension ratio, only used for the default attention factor.
   *
   * @default {maxPositionEmbeddings / originalMaxPositionEmbeddings}
   */
  factor?: number;
  /**
   * The extended context, to derive `factor` when it is absent (Phi-3 style).
   *
   * @default {undefined}
   */
  maxPositionEmbeddings?: number;
  /**
   * An explicit attention factor, used as given.
   *
   * @default {sqrt(1 + ln(factor) / ln(originalMaxPositionEmbeddings)) (1 when factor <= 1)}
   */
  attentionFactor?: number;
}

const OPTION_KEYS: OptionKeys<LongropeScalingOptions> = {
  base: true,
  shortFactor: true,
  longFactor: true,
  originalMaxPositionEmbeddings: true,
  seqLen: true,
  factor: true,
  maxPositionEmbeddings: true,
  attentionFactor: true,
};

/**
 * LongRoPE (Ding et al. 2024; HF rope_type `"longrope"`, `"su"` in early
 * Phi-3 configs; Phi-3/3.5/4): searched per-pair rescale factors,
 * `invFreq[i] = 1 / (ext[i] * base^(2i/d))`, with one list for sequences up
 * to `originalMaxPositionEmbeddings` (`shortFactor`) and another beyond it
 * (`longFactor`), and the attention factor
 * `sqrt(1 + ln(factor) / ln(originalMaxPositionEmbeddings))`, the same for
 * both lists.
 *
 * The switch happens per forward pass in HF (`seqLen > original`): when a
 * generation crosses the threshold the keys already cached were rotated with
 * the short factors, which is why HF's Phi-3 drops the cache and re-prefills
 * once at that point (transformers #33129). vLLM decides once from the
 * engine's max length instead.
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 2.
 * @param options The two factor lists, the threshold, the current length and the attention factor inputs.
 * @returns `rotaryDim / 2` inverse frequencies and LongRoPE's attention factor.
 * @throws {RangeError} If a list has the wrong length or a non-positive entry, or another number is out of range.
 * @throws {TypeError} If a list is not an array of numbers, or an option has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { longropeScaling } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * const options = {
 *   shortFactor: new Array(48).fill(1),
 *   longFactor: new Array(48).fill(4),
 *   originalMaxPositionEmbeddings: 4096,
 *   maxPositionEmbeddings: 131072, // Phi-3-mini-128k: factor 32
 * };
 * const short = longropeScaling(96, { ...options, seqLen: 4096 });
 * const long = longropeScaling(96, { ...options, seqLen: 4097 });
 * assert.equal(short.invFreq[0], 1);
 * assert.equal(long.invFreq[0], 0.25);
 * assert.equal(long.attentionFactor, Math.sqrt(1 + Math.log(32) / Math.log(4096))); // 1.1902...
 * assert.equal(short.attentionFactor, long.attentionFactor);
 * ```
 */
export function longropeScaling(
  rotaryDim: number,
  options: LongropeScalingOptions,
): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  const f32 = Math.fround;
  checkRotaryDim("rotaryDim", rotaryDim);
  const base = checkBase(options.base);
  const pairs = rotaryDim / 2;
  const shortFactor = checkFactorList("shortFactor", options.shortFactor, pairs);
  const longFactor = checkFactorList("longFactor", options.longFactor, pairs);
  const original = checkPositive(
    "originalMaxPositionEmbeddings",
    options.originalMaxPositionEmbeddings,
  );
  const seqLen = options.seqLen === undefined ? undefined : checkLength("seqLen", options.seqLen);
  let attentionFactor: number;
  if (options.attentionFactor !== undefined) {
    attentionFactor = checkFinite("attentionFactor", options.attentionFactor, { min: 0 });
  } else {
    let factor: number;
    if (options.factor !== undefined) {
      factor = checkPositive("factor", options.factor);
    } else if (options.maxPositionEmbeddings !== undefined) {
      factor = checkLength("maxPositionEmbeddings", options.maxPositionEmbeddings) / original;
    } else {
      throw new RangeError(
        "Invalid factor: expected a finite number > 0, or maxPositionEmbeddings to derive it from, or an explicit attentionFactor, got none",
      );
    }
    attentionFactor = factor <= 1 ? 1 : Math.sqrt(1 + Math.log(factor) / Math.log(original));
  }
  const ext = seqLen !== undefined && seqLen > original ? longFactor : shortFactor;
  const b = f32(base);
  const invFreq = new Float32Array(pairs);
  for (let i = 0; i < pairs; i++) {
    invFreq[i] = 1 / f32(f32(ext[i]!) * powf32(b, f32(2 * i / rotaryDim)));
  }
  return finish("longropeScaling", invFreq, attentionFactor);
}
