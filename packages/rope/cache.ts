import {
  checkAllocation,
  checkInteger,
  checkOneOf,
  checkOptions,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import type { AnglePrecision, RopeCache, RopeFrequencies } from "./types.ts";
import { AngleRows } from "./_angles.ts";
import { checkPositionList } from "./_positions.ts";
import { BUILT_CACHES } from "./_cache_view.ts";
import { defaultKernel } from "./_kernel.ts";
import { ANGLE_PRECISIONS, checkFrequencies, MAX_FLOAT32_POSITION } from "./_validate.ts";

/** Rows computed at a time by {@linkcode ropeCache} before copying them out. */
const CACHE_BLOCK_ROWS = 512;

/** The keys of {@linkcode RopeCacheOptions}. */
const CACHE_KEYS: OptionKeys<RopeCacheOptions> = { angles: true };

/** Options for {@linkcode ropeCache}. */
export interface RopeCacheOptions {
  /**
   * How the angle is formed; see {@linkcode AnglePrecision}.
   *
   * @default {"float32"}
   */
  angles?: AnglePrecision;
}

/**
 * Computes the cos and sin tables of a set of positions once, to share
 * between layers, heads, queries and keys (pass the cache to
 * {@linkcode applyRope} in place of the frequencies).
 *
 * The values are what Hugging Face computes: with float32 angles,
 * `cos = fround(fround(cos(fround(p * invFreq[i]))) * fround(attentionFactor))`
 * (likewise sin), within an ulp of torch's own float32 cos.
 *
 * @param frequencies The RoPE frequencies (from {@linkcode ropeFrequencies} or `@posenc/scaling`).
 * @param positions A count `n` (positions 0 to n - 1, row = position) or an
 * explicit list of non-negative integer positions (row r = positions[r]).
 * @param options The angle precision.
 * @returns Tables of shape `[rows, rotaryDim / 2]`.
 * @throws {TypeError} If frequencies or positions have the wrong type, or
 * options has an unknown key.
 * @throws {RangeError} If a position is negative, fractional, or above 2^24
 * with float32 angles, or the cos or sin table would exceed 2 GiB
 * (positions x pairs > 2^29).
 *
 * @example Usage
 * ```ts
 * import { applyRope, ropeCache, ropeFrequencies } from "@posenc/rope";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const frequencies = ropeFrequencies(64);
 * const cache = ropeCache(frequencies, 2048); // positions 0..2047
 * assert.deepEqual(cache.cos.shape, [2048, 32]);
 * assert.equal(cache.cos.data[0], 1); // position 0: no rotation
 *
 * const q = randomNormal([1, 4, 16, 64], { seed: 1 });
 * const fromCache = applyRope(q, cache, { offset: 100 });
 * const direct = applyRope(q, frequencies, { offset: 100 });
 * assert.deepEqual(fromCache.data, direct.data);
 * ```
 */
export function ropeCache(
  frequencies: RopeFrequencies,
  positions: number | ArrayLike<number>,
  options: RopeCacheOptions = {},
): RopeCache {
  const { invFreq, attentionFactor } = checkFrequencies("frequencies", frequencies);
  checkOptions("options", options, { allowed: CACHE_KEYS });
  const angles = checkOneOf("angles", options.angles ?? "float32", {
    allowed: ANGLE_PRECISIONS,
  });
  const float32 = angles === "float32";
  let list: Float64Array | undefined;
  let rows: number;
  if (typeof positions === "number") {
    rows = checkInteger("positions", positions, { min: 0 });
    // A count n holds positions 0..n-1, so n itself may be one past the limit.
    if (float32 && rows > MAX_FLOAT32_POSITION + 1) {
      throw new RangeError(
        `Invalid positions: expected a count <= 2^24 + 1 with angles "float32" (positions must ` +
          `stay <= 2^24, the largest integer float32 holds exactly; pass angles: "float64" for ` +
          `larger positions), got ${formatValue(rows)}`,
      );
    }
  } else if (positions !== null && typeof positions === "object") {
    list = checkPositionList("positions", positions, float32);
    rows = list.length;
  } else {
    throw new TypeError(
      `Invalid positions: expected a count or an array of non-negative integers, got ${
        formatValue(positions)
      }`,
    );
  }
  const half = invFreq.length;
  checkAllocation(`cache [positions, pairs] = [${rows}, ${half}]`, rows * half);
  const cos = new Float32Array(rows * half);
  const sin = new Float32Array(rows * half);
  // Computed in blocks in the kernel's tables (where its SIMD code can step
  // them), then copied out.
  const block = Math.max(1, Math.min(rows, CACHE_BLOCK_ROWS));
  const tables = defaultKernel().prepare(block * half, 0, half);
  const angleRows = new AngleRows(invFreq, attentionFactor, angles, tables.angles);
  for (let start = 0; start < rows; start += block) {
    const count = Math.min(block, rows - start);
    if (list === undefined) {
      angleRows.writeRun(start, count, tables.cos, tables.sin, 0);
    } else {
      for (let t = 0; t < count;) {
        const first = list[start + t]!;
        let run = 1;
        while (t + run < count && list[start + t + run] === first + run) run++;
        angleRows.writeRun(first, run, tables.cos, tables.sin, t);
        t += run;
      }
    }
    cos.set(tables.cos.subarray(0, count * half), start * half);
    sin.set(tables.sin.subarray(0, count * half), start * half);
  }
  const shape = Object.freeze([rows, half]);
  const cosTensor = Object.freeze({ shape, data: cos });
  const sinTensor = Object.freeze({ shape, data: sin });
  // Frozen: applyRope indexes a cache once and trusts its shape from then on.
  const cache: RopeCache = Object.freeze(
    list === undefined
      ? { cos: cosTensor, sin: sinTensor, angles }
      : { cos: cosTensor, sin: sinTensor, positions: list, angles },
  );
  BUILT_CACHES.add(cache);
  return cache;
}
