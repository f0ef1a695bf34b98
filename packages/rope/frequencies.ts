import { checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { checkFloat32Base, checkRotaryDim } from "./_validate.ts";
import { ropePowers } from "./float32.ts";
import type { RopeFrequencies } from "./types.ts";

/** Options for {@linkcode ropeFrequencies}. */
export interface RopeFrequenciesOptions {
  /**
   * The base θ (`rope_theta` in a Hugging Face config): 10000 in the
   * RoFormer paper and Llama 2, 500000 in Llama 3, 1e6 in Qwen2.
   *
   * @default {10000}
   */
  base?: number;
}

const FREQUENCIES_KEYS: OptionKeys<RopeFrequenciesOptions> = { base: true };

/**
 * The standard RoPE frequencies `invFreq[i] = 1 / base^(2i / rotaryDim)`,
 * computed with the float32 steps Hugging Face transformers takes on CPU
 * (exponent `float32(2i) / rotaryDim` in float32, `base ** exponent` by
 * SLEEF's float32 pow as torch calls it, then the float32 reciprocal), so the
 * result equals HF's `inv_freq` bit for bit (see `@posenc/rope/float32`).
 *
 * For partial rotary (GPT-NeoX, Phi) pass the rotary dim, not the head dim:
 * the exponent is taken over the rotated dims only.
 *
 * @param rotaryDim Number of rotated dims: an even integer in [2, 65536].
 * @param options The base.
 * @returns `rotaryDim / 2` inverse frequencies and an attention factor of 1.
 * @throws {RangeError} If rotaryDim is odd, < 2 or > 65536, or base is not a
 * finite number > 0 within float32's normal range (HF rounds it to float32;
 * outside that range the powers would be NaN).
 * @throws {TypeError} If options has an unknown key.
 *
 * @example Usage
 * ```ts
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const { invFreq, attentionFactor } = ropeFrequencies(128, { base: 500000 });
 * assert.equal(invFreq.length, 64);
 * assert.equal(invFreq[0], 1);
 * assert.equal(invFreq[1], 0.8146172165870667); // HF transformers' value for Llama 3 (golden data)
 * assert.equal(attentionFactor, 1);
 * ```
 */
export function ropeFrequencies(
  rotaryDim: number,
  options: RopeFrequenciesOptions = {},
): RopeFrequencies {
  checkOptions("options", options, { allowed: FREQUENCIES_KEYS });
  checkRotaryDim("rotaryDim", rotaryDim);
  const base = checkFloat32Base("base", options.base ?? 10000);
  const powers = ropePowers(rotaryDim / 2, { base, denominator: rotaryDim });
  const invFreq = new Float32Array(powers.length);
  for (let i = 0; i < powers.length; i++) invFreq[i] = 1 / powers[i]!;
  return { invFreq, attentionFactor: 1 };
}
