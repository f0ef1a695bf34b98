import type { RopeFrequencies } from "@posenc/rope";
import { checkOneOf, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { ropeInvFreq } from "./_float32.ts";
import { checkBase, checkLength, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/**
 * How the sequence length reaches HF's dynamic NTK formula, which decides
 * the dtype of the new base (the results differ by about one float32 ulp):
 *
 * - `"tensor"`: as `dynamic_rope_update` passes it during a forward pass
 *   (`torch.max(position_ids) + 1`, an int64 tensor): the base is computed
 *   with float32 tensor math. What a running HF model uses.
 * - `"int"`: as a Python int (a direct call of the init function): the base
 *   is computed in float64.
 */
export type SeqLenKind = "tensor" | "int";

/** Options for {@linkcode dynamicNtkScaling}. */
export interface DynamicNtkScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /** HF's `rope_scaling.factor`. */
  factor: number;
  /** The trained context L (HF reads `config.max_position_embeddings`). */
  maxPositionEmbeddings: number;
  /**
   * The current sequence length (largest position + 1). Up to
   * `maxPositionEmbeddings` the result is plain RoPE.
   *
   * @default {maxPositionEmbeddings}
   */
  seqLen?: number;
  /**
   * Whether to reproduce HF's runtime (`"tensor"`, float32 base) or its
   * Python-int path (`"int"`, float64 base); see {@linkcode SeqLenKind}.
   *
   * @default {"tensor"}
   */
  seqLenKind?: SeqLenKind;
}

const OPTION_KEYS: OptionKeys<DynamicNtkScalingOptions> = {
  base: true,
  factor: true,
  maxPositionEmbeddings: true,
  seqLen: true,
  seqLenKind: true,
};

/**
 * Dynamic NTK scaling (/u/bloc97 and /u/emozilla; HF rope_type `"dynamic"`):
 * NTK-aware scaling whose strength follows the current sequence length
 * `s = max(seqLen, L)`:
 *
 * `base' = base * (factor * s / L - (factor - 1)) ^ (d / (d - 2))`
 *
 * Up to L it is plain RoPE (so short prompts keep the trained frequencies);
 * beyond, the base grows with every new token. HF recomputes the table in
 * `dynamic_rope_update` whenever the length exceeds the longest seen so far,
 * so during generation the keys already in the KV cache were rotated with
 * older bases while fresh queries use the new one (transformers #25104):
 * see the package README, "Dynamic NTK in a decode loop", for when cached
 * keys must be re-rotated. vLLM's `"dynamic"` is static and not this formula.
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 4.
 * @param options Base, factor, trained length, current length and its kind.
 * @returns `rotaryDim / 2` inverse frequencies; attentionFactor 1.
 * @throws {RangeError} If rotaryDim is not an even integer >= 4, base or factor is not a finite number > 0, or a length is not an integer >= 1.
 * @throws {TypeError} If an option has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { dynamicNtkScaling } from "@posenc/scaling";
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const options = { base: 10000, factor: 2, maxPositionEmbeddings: 4096 };
 * const short = dynamicNtkScaling(128, { ...options, seqLen: 1000 });
 * assert.deepEqual(short.invFreq, ropeFrequencies(128, { base: 10000 }).invFreq);
 *
 * // At twice the trained length the base becomes 10000 * 3^(128/126).
 * const long = dynamicNtkScaling(128, { ...options, seqLen: 8192, seqLenKind: "int" });
 * const lowest = (10000 * 3 ** (128 / 126)) ** (-126 / 128);
 * assert.ok(Math.abs(long.invFreq[63]! / lowest - 1) < 1e-6);
 * ```
 */
export function dynamicNtkScaling(
  rotaryDim: number,
  options: DynamicNtkScalingOptions,
): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  checkRotaryDim("rotaryDim", rotaryDim);
  if (rotaryDim < 4) {
    throw new RangeError(
      `Invalid rotaryDim: expected an even integer >= 4 for dynamic NTK scaling, got ${rotaryDim}`,
    );
  }
  const base = checkBase(options.base);
  const factor = checkPositive("factor", options.factor);
  const trained = checkLength("maxPositionEmbeddings", options.maxPositionEmbeddings);
  const seqLen = options.seqLen === undefined ? trained : checkLength("seqLen", options.seqLen);
  const kind = checkOneOf("seqLenKind", options.seqLenKind ?? "tensor", {
    allowed: ["tensor", "int"] as const,
  });
  const s = Math.max(seqLen, trained);
  const exponent = rotaryDim / (rotaryDim - 2);
  let scaledBase: number;
  if (kind === "int") {
    scaledBase = base * ((factor * s / trained) - (factor - 1)) ** exponent;
  } else {
    const f32 = Math.fround;
    // Tensor math: the int64 length and every Python scalar meet a float32
    // tensor; `pow(tensor, python float)` runs std::pow(float, double).
    const ratio = f32(f32(f32(f32(factor) * f32(s)) / f32(trained)) - f32(factor - 1));
    scaledBase = f32(f32(base) * f32(ratio ** exponent));
  }
  if (!(scaledBase <= 3.4028234663852886e38) || scaledBase <= 0) {
    throw new RangeError(
      `dynamicNtkScaling: the scaled base ${scaledBase} is outside float32's range; use a smaller factor or seqLen`,
    );
  }
  return finish("dynamicNtkScaling", ropeInvFreq(scaledBase, rotaryDim / 2, rotaryDim), 1);
}
