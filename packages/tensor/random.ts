import { fillStandardNormal, Xoshiro128 } from "./_random.ts";
import { type Tensor, zeros } from "./tensor.ts";
import { checkFinite, checkInteger, checkOptions, type OptionKeys } from "./validate.ts";

const OPTION_KEYS: OptionKeys<RandomNormalOptions> = { seed: true, mean: true, std: true };

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * A bound on |z| for every standard normal sample the generator can give:
 * the polar method's z is at most sqrt(-2 ln s) with s >= 2^-62 (its
 * smallest non-zero radius), 9.27.
 */
const MAX_ABS_SAMPLE = 10;

/** Samples drawn per pass (a 512 KiB float64 scratch). */
const CHUNK = 65536;

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
   * Standard deviation of the distribution (>= 0; with the mean, small
   * enough that no sample overflows float32: |mean| + 10 * std <= 3.4e38).
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
 * @throws {TypeError} If options is not an object or has an unknown key, or
 * the shape is not an array.
 * @throws {RangeError} If the shape is invalid or over 2^29 elements (2 GiB,
 * `MAX_ALLOCATION_BYTES`), or the seed, mean or std is invalid: mean and std
 * must keep every sample within float32 (|mean| + 10 * std <= 3.4e38).
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
  checkOptions("options", options, { allowed: OPTION_KEYS });
  const seed = checkInteger("seed", options.seed ?? 0, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
  });
  const mean = checkFinite("mean", options.mean ?? 0);
  const std = checkFinite("std", options.std ?? 1, { min: 0 });
  if (Math.abs(mean) + MAX_ABS_SAMPLE * std > FLOAT32_MAX) {
    throw new RangeError(
      `Invalid mean and std: expected |mean| + ${MAX_ABS_SAMPLE} * std <= ${FLOAT32_MAX} ` +
        `(float32's largest value, so that no sample overflows), got mean ${mean}, std ${std}`,
    );
  }
  const out = zeros(shape);
  // Drawn in chunks so the float64 scratch stays small whatever the shape.
  const chunk = new Float64Array(Math.min(out.data.length, CHUNK));
  const random = new Xoshiro128(seed);
  for (let start = 0; start < out.data.length; start += chunk.length) {
    const count = Math.min(chunk.length, out.data.length - start);
    fillStandardNormal(random, chunk, count);
    for (let i = 0; i < count; i++) out.data[start + i] = mean + std * chunk[i]!;
  }
  return out;
}
