import type { RopeFrequencies } from "@posenc/rope";
import { checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { ropeInvFreq } from "./_float32.ts";
import { checkBase, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/** Options for {@linkcode llama3Scaling}. */
export interface Llama3ScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`; 500000 in Llama 3).
   *
   * @default {10000}
   */
  base?: number;
  /** Divisor of the low frequencies: 8 for Llama 3.1, 32 for Llama 3.2 1B/3B. */
  factor: number;
  /** The pretraining context (`original_max_position_embeddings`; 8192 in Llama 3). */
  originalMaxPositionEmbeddings: number;
  /**
   * Pairs with a wavelength above `originalMaxPositionEmbeddings / lowFreqFactor`
   * are divided by `factor`.
   *
   * @default {1}
   */
  lowFreqFactor?: number;
  /**
   * Pairs with a wavelength below `originalMaxPositionEmbeddings / highFreqFactor`
   * are left alone; between the two thresholds a ramp linear in
   * `original / wavelength` blends the two.
   *
   * @default {4}
   */
  highFreqFactor?: number;
}

const OPTION_KEYS: OptionKeys<Llama3ScalingOptions> = {
  base: true,
  factor: true,
  originalMaxPositionEmbeddings: true,
  lowFreqFactor: true,
  highFreqFactor: true,
};

/**
 * Llama 3.1's frequency rule (Meta `apply_scaling`; HF rope_type `"llama3"`;
 * Llama 3.1/3.2/3.3): a piecewise version of NTK-by-parts keyed on the
 * wavelength λ = 2π / θ. Short wavelengths (λ < L / highFreqFactor) keep
 * their frequency, long ones (λ > L / lowFreqFactor) are divided by
 * `factor`, and in between the frequency is blended with
 * `smooth = (L / λ - low) / (high - low)`. No attention factor.
 *
 * Computed in HF's float32 steps (λ as the float32 reciprocal times
 * float32(2π), thresholds compared in float32); bit-exact with transformers.
 * When `highFreqFactor == lowFreqFactor` the blend band is a single
 * wavelength and HF would divide by zero there; like vLLM this uses
 * smooth = 0 instead.
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 2.
 * @param options Base, factor, pretraining context and the two band factors.
 * @returns `rotaryDim / 2` inverse frequencies; attentionFactor 1.
 * @throws {RangeError} If a number is out of range.
 * @throws {TypeError} If an option has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { llama3Scaling } from "@posenc/scaling";
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * // Llama-3.1-8B: pairs 0-28 untouched, 29-34 blended, 35-63 divided by 8.
 * const llama = llama3Scaling(128, {
 *   base: 500000,
 *   factor: 8,
 *   originalMaxPositionEmbeddings: 8192,
 *   lowFreqFactor: 1,
 *   highFreqFactor: 4,
 * });
 * const plain = ropeFrequencies(128, { base: 500000 }).invFreq;
 * assert.equal(llama.invFreq[28], plain[28]);
 * assert.equal(llama.invFreq[35], Math.fround(plain[35]! / 8));
 * assert.ok(llama.invFreq[31]! < plain[31]! && llama.invFreq[31]! > plain[31]! / 8);
 * ```
 */
export function llama3Scaling(rotaryDim: number, options: Llama3ScalingOptions): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  const f32 = Math.fround;
  checkRotaryDim("rotaryDim", rotaryDim);
  const base = checkBase(options.base);
  const factor = checkPositive("factor", options.factor);
  const original = checkPositive(
    "originalMaxPositionEmbeddings",
    options.originalMaxPositionEmbeddings,
  );
  const low = checkPositive("lowFreqFactor", options.lowFreqFactor ?? 1);
  const high = checkPositive("highFreqFactor", options.highFreqFactor ?? 4);
  const longest = f32(original / low); // wavelengths above: divided by factor
  const shortest = f32(original / high); // wavelengths below: untouched
  const factorF = f32(factor);
  const twoPi = f32(2 * Math.PI);
  const band = f32(high - low);
  const invFreq = ropeInvFreq(base, rotaryDim / 2, rotaryDim);
  for (let i = 0; i < invFreq.length; i++) {
    const inv = invFreq[i]!;
    // torch evaluates `2π / inv` as `inv.reciprocal() * 2π`.
    const wavelength = f32(f32(1 / inv) * twoPi);
    const outer = wavelength > longest ? f32(inv / factorF) : inv;
    if (wavelength < shortest || wavelength > longest) {
      invFreq[i] = outer;
      continue;
    }
    const smooth = band === 0
      ? 0
      : f32(f32(f32(f32(1 / wavelength) * f32(original)) - f32(low)) / band);
    invFreq[i] = f32(f32(f32(1 - smooth) * outer) / factorF) + f32(smooth * outer);
  }
  return finish("llama3Scaling", invFreq, 1);
}
