/**
 * Float32 arithmetic exactly as PyTorch's CPU kernels perform it: the
 * building blocks that make posenc's frequency tables equal Hugging Face's
 * `inv_freq` bit for bit.
 *
 * `+ - * /` of float32 values are correctly rounded in both worlds (a float64
 * result rounded once with `Math.fround` is the float32 result). `pow` is
 * not: torch's vectorised CPU kernel calls SLEEF's `Sleef_powf8_u10` (AVX2
 * with fused multiply-adds), which is within 1 ulp but not always correctly
 * rounded, so `Math.fround(Math.pow(x, y))` misses about 1% of RoPE table
 * entries. {@linkcode powf32} replays SLEEF's algorithm operation for
 * operation.
 *
 * @example Usage
 * ```ts
 * import { powf32, ropePowers } from "@posenc/rope/float32";
 * import assert from "node:assert/strict";
 *
 * // torch.tensor(37/64).float() with base 1e6: SLEEF gives the lower neighbour.
 * const e = Math.fround(74 / 128);
 * assert.equal(powf32(1e6, e), 2942.72705078125);
 * assert.equal(Math.fround(Math.pow(1e6, e)), 2942.727294921875);
 * assert.equal(ropePowers(64, { base: 1e6 })[37], 2942.72705078125);
 * ```
 *
 * @module
 */

import { checkFinite, checkInteger, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { powf32 as sleefPow } from "./_sleef.ts";
import { checkFloat32Base, FLOAT32_MAX, MAX_ROTARY_DIM } from "./_validate.ts";

/**
 * `x ** y` in float32 as torch computes it on CPU (SLEEF
 * `Sleef_powf8_u10`). Both arguments are first rounded to float32, as torch
 * does when a Python scalar meets a float32 tensor. Defined for the domain
 * of RoPE's `base ** exponent`: `x` a positive normal float32 (in
 * [1.1754943508222875e-38, 3.4028234663852886e38]) and `y` finite in
 * float32; outside it SLEEF's algorithm gives NaN or garbage, so it is
 * refused. A result beyond float32's range is Infinity or 0, as in C's `powf`.
 *
 * @param x The base: a finite number > 0 within float32's normal range.
 * @param y The exponent: a number whose float32 rounding is finite.
 * @returns The float32 power, as a number.
 * @throws {RangeError} If x or y is outside that domain.
 *
 * @example Usage
 * ```ts
 * import { powf32 } from "@posenc/rope/float32";
 * import assert from "node:assert/strict";
 *
 * assert.equal(powf32(4, 0.5), 2);
 * assert.equal(powf32(10000, Math.fround(2 / 128)), Math.fround(10000 ** Math.fround(2 / 128)));
 * ```
 */
export function powf32(x: number, y: number): number {
  const base = Math.fround(checkFloat32Base("x", x));
  return sleefPow(base, Math.fround(checkFinite("y", y, { min: -FLOAT32_MAX, max: FLOAT32_MAX })));
}

/** Options for {@linkcode ropePowers}. */
export interface RopePowersOptions {
  /**
   * The RoPE base θ.
   *
   * @default {10000}
   */
  base?: number;
  /**
   * The exponent's denominator: the rotary dim, or the head dim for
   * Hugging Face's "proportional" RoPE.
   *
   * @default {2 * count}
   */
  denominator?: number;
}

const POWERS_KEYS: OptionKeys<RopePowersOptions> = { base: true, denominator: true };

/**
 * The float32 table `base ** (float32(2i) / denominator)` for i < count, each
 * step as Hugging Face computes it on CPU (exponent divided in float32,
 * power by SLEEF): YaRN's `pos_freqs`; its reciprocals are RoPE's `inv_freq`.
 *
 * @param count Number of entries (rotation pairs), an integer in [0, 32768].
 * @param options The base and the exponent's denominator.
 * @returns `count` float32 powers, starting at 1.
 * @throws {RangeError} If count, base or denominator is invalid (the base
 * must be a finite number > 0 within float32's normal range).
 * @throws {TypeError} If options has an unknown key.
 *
 * @example Usage
 * ```ts
 * import { ropePowers } from "@posenc/rope/float32";
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const powers = ropePowers(32, { base: 10000 });
 * const { invFreq } = ropeFrequencies(64, { base: 10000 });
 * assert.equal(powers[0], 1);
 * assert.equal(invFreq[5], Math.fround(1 / powers[5]!));
 * ```
 */
export function ropePowers(count: number, options: RopePowersOptions = {}): Float32Array {
  checkOptions("options", options, { allowed: POWERS_KEYS });
  checkInteger("count", count, { min: 0 });
  if (count > MAX_ROTARY_DIM / 2) {
    checkInteger("count", count, { min: 0, max: MAX_ROTARY_DIM / 2 });
  }
  const base = Math.fround(checkFloat32Base("base", options.base ?? 10000));
  const denominator = checkFinite("denominator", options.denominator ?? 2 * count, {
    min: 0,
    exclusiveMin: true,
  });
  if (count > 0 && !Number.isFinite(Math.fround(2 * (count - 1) / denominator))) {
    throw new RangeError(
      `Invalid denominator: expected one that keeps the exponents 2i / denominator finite in ` +
        `float32 (i < count = ${count}), got ${denominator}`,
    );
  }
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = sleefPow(base, Math.fround(2 * i / denominator));
  return out;
}
