import type { RopeFrequencies } from "@posenc/rope";
import { checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { ropeInvFreq } from "./_float32.ts";
import { checkBase, checkPositive, checkRotaryDim, finish } from "./_validate.ts";

/** Options for {@linkcode ntkAwareScaling}. */
export interface NtkAwareScalingOptions {
  /**
   * The RoPE base θ (`rope_theta`).
   *
   * @default {10000}
   */
  base?: number;
  /** The scale s: the lowest frequency is divided by exactly s. */
  factor: number;
}

const OPTION_KEYS: OptionKeys<NtkAwareScalingOptions> = {
  base: true,
  factor: true,
};

/**
 * NTK-aware scaling (/u/bloc97, 2023): instead of dividing every frequency
 * by s, raise the base to `base * s^(d / (d - 2))`. The highest frequency
 * (pair 0) is untouched, the lowest (pair d/2 - 1) is divided by exactly s,
 * and the pairs between are interpolated geometrically less and less.
 *
 * HF has no fixed NTK-aware rope_type: its `"dynamic"` type applies this
 * formula with a length-dependent s ({@linkcode dynamicNtkScaling}). The new
 * base is computed in float64 (as HF's dynamic init does with a Python int
 * length), then the table is built with HF's float32 steps, so
 * `ntkAwareScaling(d, { factor: a })` equals HF dynamic at any length where
 * `factor * seqLen / maxPositionEmbeddings - (factor - 1) = a` with the int
 * path. The YaRN paper notes that NTK-aware needs s larger than the nominal
 * extension ratio: some low-frequency pairs still leave the trained range
 * (see {@linkcode diagnose}).
 *
 * @param rotaryDim Number of rotated dims: an even integer >= 4 (d - 2 > 0).
 * @param options The base and the scale.
 * @returns `rotaryDim / 2` inverse frequencies; attentionFactor 1.
 * @throws {RangeError} If rotaryDim is not an even integer >= 4, or base or factor is not a finite number > 0.
 * @throws {TypeError} If base or factor is not a number.
 *
 * @example Usage
 * ```ts
 * import { ntkAwareScaling } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * const { invFreq } = ntkAwareScaling(128, { base: 10000, factor: 4 });
 * assert.equal(invFreq[0], 1); // highest frequency untouched
 * const plainLowest = 10000 ** (-126 / 128);
 * assert.ok(Math.abs(invFreq[63]! / (plainLowest / 4) - 1) < 1e-6); // lowest divided by 4
 * ```
 */
export function ntkAwareScaling(
  rotaryDim: number,
  options: NtkAwareScalingOptions,
): RopeFrequencies {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  checkRotaryDim("rotaryDim", rotaryDim);
  if (rotaryDim < 4) {
    throw new RangeError(
      `Invalid rotaryDim: expected an even integer >= 4 for NTK-aware scaling, got ${rotaryDim}`,
    );
  }
  const base = checkBase(options.base);
  const factor = checkPositive("factor", options.factor);
  const scaledBase = base * factor ** (rotaryDim / (rotaryDim - 2));
  if (!(scaledBase <= 3.4028234663852886e38)) {
    throw new RangeError(
      `ntkAwareScaling: base * factor^(d / (d - 2)) = ${scaledBase} overflows float32; use a smaller factor`,
    );
  }
  return finish("ntkAwareScaling", ropeInvFreq(scaledBase, rotaryDim / 2, rotaryDim), 1);
}
