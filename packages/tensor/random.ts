import { fillStandardNormal, Xoshiro128 } from "./_random.ts";
import { type Tensor, zeros } from "./tensor.ts";
import { checkFinite, checkInteger } from "./validate.ts";

/** Options for {@linkcode randomNormal}. */
export interface RandomNormalOptions {
  /**
   * Seed of the generator: any safe integer >= 0. The same seed gives the
   * same numbers on every runtime.
   *
   * @default {0}
   */
  seed?: number;
  /**
   * Mean of the distribution.
   *
   * @default {0}
   */
  mean?: number;
  /**
   * Standard deviation of the distribution (>= 0).
   *
   * @default {1}
   */
  std?: number;
}

/**
 * A tensor of normally distributed float32 samples from a seeded generator.
 *
 * Algorithm (fixed; changing it is a breaking change): xoshiro128** seeded
 * by SplitMix32 from `seed`; Marsaglia's polar method turns two uniforms in
 * [-1, 1) (32 bits each) into two normal samples, both used, with the
 * logarithm computed from exactly-rounded IEEE operations rather than
 * `Math.log`, whose last bit differs between JavaScript engines. Each sample
 * is `mean + std * z`, rounded to float32. Deno, browsers and Node therefore
 * produce identical tensors for the same seed, which keeps tests, benches and
 * the demo reproducible.
 *
 * @param shape Dimensions of the result.
 * @param options Seed, mean and standard deviation.
 * @returns A new tensor of the given shape.
 * @throws {RangeError} If the shape, seed, mean or std is invalid.
 *
 * @example Usage
 * ```ts
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const a = randomNormal([2, 3], { seed: 42 });
 * const b = randomNormal([2, 3], { seed: 42 });
 * assert.deepEqual(a.data, b.data);
 * assert.notDeepEqual(a.data, randomNormal([2, 3], { seed: 43 }).data);
 * ```
 */
export function randomNormal(
  shape: readonly number[],
  options: RandomNormalOptions = {},
): Tensor {
  const seed = checkInteger("seed", options.seed ?? 0, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
  });
  const mean = checkFinite("mean", options.mean ?? 0);
  const std = checkFinite("std", options.std ?? 1, { min: 0 });
  const out = zeros(shape);
  const samples = new Float64Array(out.data.length);
  fillStandardNormal(new Xoshiro128(seed), samples, samples.length);
  for (let i = 0; i < samples.length; i++) {
    out.data[i] = mean + std * samples[i]!;
  }
  return out;
}
