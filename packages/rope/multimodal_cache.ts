import {
  checkBoolean,
  checkInteger,
  checkOneOf,
  checkOptions,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { ropeCache } from "./cache.ts";
import type { AnglePrecision, RopeCache, RopeFrequencies } from "./types.ts";
import { BUILT_CACHES } from "./_cache_view.ts";
import { checkPositionList } from "./_positions.ts";
import { ANGLE_PRECISIONS, checkFrequencies } from "./_validate.ts";

/** Options for {@linkcode multimodalRopeCache}. */
export interface MultimodalRopeCacheOptions {
  /**
   * Rotation pairs per axis, [temporal, height, width]: the config's
   * `mrope_section` (e.g. [16, 24, 24] for Qwen2-VL-7B), summing to
   * rotaryDim / 2.
   */
  section: readonly [number, number, number] | readonly number[];
  /**
   * How pairs are assigned to axes: `false` gives contiguous blocks
   * (Qwen2-VL, Qwen2.5-VL: the first section[0] pairs temporal, then
   * height, then width); `true` interleaves them (Qwen3-VL's
   * `apply_interleaved_mrope`: pair i is height when i % 3 == 1 and
   * i < 3·section[1], width when i % 3 == 2 and i < 3·section[2], else
   * temporal).
   *
   * @default {false}
   */
  interleaved?: boolean;
  /**
   * How the angles are formed; see {@linkcode AnglePrecision}.
   *
   * @default {"float32"}
   */
  angles?: AnglePrecision;
}

const OPTION_KEYS: OptionKeys<MultimodalRopeCacheOptions> = {
  section: true,
  interleaved: true,
  angles: true,
};

/** The axis (0 temporal, 1 height, 2 width) of every rotation pair. */
function pairAxes(section: readonly number[], half: number, interleaved: boolean): Uint8Array {
  const axes = new Uint8Array(half);
  for (let i = 0; i < half; i++) {
    if (interleaved) {
      axes[i] = i % 3 === 1 && i < 3 * section[1]! ? 1 : i % 3 === 2 && i < 3 * section[2]! ? 2 : 0;
    } else {
      axes[i] = i < section[0]! ? 0 : i < section[0]! + section[1]! ? 1 : 2;
    }
  }
  return axes;
}

function checkSection(value: unknown, half: number): number[] {
  if (!Array.isArray(value) || value.length !== 3) {
    throw new TypeError(
      `Invalid section: expected 3 pair counts [temporal, height, width], got ${
        formatValue(value)
      }`,
    );
  }
  const section = value.map((count, i) => checkInteger(`section[${i}]`, count, { min: 0 }));
  const sum = section[0]! + section[1]! + section[2]!;
  if (sum !== half) {
    throw new RangeError(
      `Invalid section: expected pair counts summing to rotaryDim / 2 = ${half} (the ` +
        `frequencies' length), got ${formatValue(value)} (sum ${sum})`,
    );
  }
  return section;
}

/**
 * The cos/sin cache of multimodal RoPE (M-RoPE, Qwen2-VL): each token has
 * three position ids (temporal, height, width) and each rotation pair turns
 * by one of them, chosen by `section`. Row t of the result rotates token t,
 * so `applyRope(x, cache)` applies it unchanged to
 * a sequence of `positions[0].length` tokens.
 *
 * Every angle is what {@linkcode ropeCache} computes for that axis's
 * position (same float32 rounding), so the numbers are HF's
 * `Qwen2VLRotaryEmbedding` + `apply_multimodal_rotary_pos_emb` (or Qwen3-VL's
 * interleaved form), and text-only prompts, whose three ids agree, give
 * exactly `ropeCache(frequencies, ids)`.
 *
 * @param frequencies The RoPE frequencies (from {@linkcode ropeFrequencies} or `@posenc/scaling`).
 * @param positions Three rows (temporal, height, width) of one non-negative
 * integer id per token, e.g. from {@linkcode mropePositions}.
 * @param options The section per axis, interleaving and angle precision.
 * @returns A cache of `[tokens, rotaryDim / 2]` tables whose row t is token t.
 * @throws {TypeError} If an argument has the wrong type or an option is unknown.
 * @throws {RangeError} If the rows differ in length, an id is not a
 * non-negative integer (<= 2^24 with float32 angles), or the section does
 * not sum to rotaryDim / 2.
 *
 * @example An image of 2 × 3 tokens between text
 * ```ts
 * import { applyRope, mropePositions, multimodalRopeCache, ropeFrequencies } from "@posenc/rope";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const frequencies = ropeFrequencies(128, { base: 1000000 });
 * const positions = mropePositions([{ text: 5 }, { image: [1, 4, 6] }, { text: 3 }]);
 * const cache = multimodalRopeCache(frequencies, positions, { section: [16, 24, 24] });
 * assert.deepEqual(cache.cos.shape, [14, 64]);
 *
 * const q = randomNormal([1, 2, 14, 128], { seed: 1 }); // [batch, heads, tokens, headDim]
 * const rotated = applyRope(q, cache); // token t uses row t
 * assert.deepEqual(rotated.shape, q.shape);
 * ```
 */
export function multimodalRopeCache(
  frequencies: RopeFrequencies,
  positions: readonly ArrayLike<number>[],
  options: MultimodalRopeCacheOptions,
): RopeCache {
  const { invFreq } = checkFrequencies("frequencies", frequencies);
  checkOptions("options", options, { allowed: OPTION_KEYS });
  const half = invFreq.length;
  const section = checkSection(options.section, half);
  const interleaved = checkBoolean("interleaved", options.interleaved ?? false);
  const angles = checkOneOf("angles", options.angles ?? "float32", { allowed: ANGLE_PRECISIONS });
  if (!Array.isArray(positions) || positions.length !== 3) {
    throw new TypeError(
      `Invalid positions: expected 3 rows of ids (temporal, height, width), got ${
        formatValue(positions)
      }`,
    );
  }
  const rows = positions.map((row, axis) =>
    checkPositionList(`positions[${axis}]`, row, angles === "float32")
  );
  const tokens = rows[0]!.length;
  rows.forEach((row, axis) => {
    if (row.length !== tokens) {
      throw new RangeError(
        `Invalid positions[${axis}]: expected ${tokens} ids (as positions[0]), got ${row.length}`,
      );
    }
  });

  // One ordinary cache per axis that some pair uses, then each pair's
  // column taken from its axis: the angles are ropeCache's own.
  const axes = pairAxes(section, half, interleaved);
  const perAxis = [0, 1, 2].map((axis) =>
    axes.includes(axis) ? ropeCache(frequencies, rows[axis]!, { angles }) : null
  );
  const cos = new Float32Array(tokens * half);
  const sin = new Float32Array(tokens * half);
  for (let i = 0; i < half; i++) {
    const source = perAxis[axes[i]!]!;
    for (let t = 0; t < tokens; t++) {
      cos[t * half + i] = source.cos.data[t * half + i]!;
      sin[t * half + i] = source.sin.data[t * half + i]!;
    }
  }
  const shape = Object.freeze([tokens, half]);
  const cache: RopeCache = Object.freeze({
    cos: Object.freeze({ shape, data: cos }),
    sin: Object.freeze({ shape, data: sin }),
    angles,
  });
  // Built from ropeCache's finite values: applyRope needs no scan.
  BUILT_CACHES.add(cache);
  return cache;
}
