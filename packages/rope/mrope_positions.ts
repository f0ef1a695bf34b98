import { checkFinite, checkInteger, checkOptions, formatValue } from "@posenc/tensor/validate";
import { MAX_FLOAT32_POSITION } from "./_validate.ts";

/** A run of text tokens: each gets one id, the same on all three axes. */
export interface MropeTextSegment {
  /** Number of text tokens: an integer >= 0. */
  readonly text: number;
}

/** An image: its patch grid, as the processor's `image_grid_thw` gives it. */
export interface MropeImageSegment {
  /**
   * `[t, h, w]` in patches before merging (`image_grid_thw`); the image
   * takes `t · (h / m) · (w / m)` tokens, m the spatial merge size.
   */
  readonly image: readonly [number, number, number];
  /**
   * Patches merged per side into one token (`spatial_merge_size`).
   *
   * @default {2}
   */
  readonly spatialMergeSize?: number;
}

/** A video: its patch grid (`video_grid_thw`) and, for Qwen2.5-VL, its timing. */
export interface MropeVideoSegment {
  /** `[t, h, w]` in patches before merging (`video_grid_thw`). */
  readonly video: readonly [number, number, number];
  /**
   * Patches merged per side into one token (`spatial_merge_size`).
   *
   * @default {2}
   */
  readonly spatialMergeSize?: number;
  /**
   * Qwen2.5-VL: seconds per temporal grid step (`second_per_grid_ts`,
   * temporal_patch_size / fps). Given together with `tokensPerSecond`, the
   * temporal id of step s is `trunc(s · secondsPerGrid · tokensPerSecond)`
   * in float32; without both it is s (Qwen2-VL).
   *
   * @default {undefined}
   */
  readonly secondsPerGrid?: number;
  /**
   * Qwen2.5-VL: temporal ids per second (`vision_config.tokens_per_second`,
   * 2 in the released checkpoints). Given together with `secondsPerGrid`.
   *
   * @default {undefined}
   */
  readonly tokensPerSecond?: number;
}

/** One part of a multimodal prompt, in token order. */
export type MropeSegment = MropeTextSegment | MropeImageSegment | MropeVideoSegment;

/** Temporal, height and width ids of every token: three rows of equal length. */
export type MropePositions = readonly [Int32Array, Int32Array, Int32Array];

const f32 = Math.fround;

/**
 * Most tokens a prompt may have: 2^24, the positions float32 angles hold
 * exactly, 128 times the longest multimodal context in use. A larger count
 * is a wrong argument, refused before gigabytes of ids are built.
 */
const MAX_TOKENS = MAX_FLOAT32_POSITION;

/** Largest id: the rows are Int32Array, which would wrap silently beyond it. */
const MAX_ID = 2 ** 31 - 1;

/** Throws unless `tokens` more tokens keep the prompt within {@linkcode MAX_TOKENS}. */
function checkTokens(name: string, total: number, tokens: number): void {
  if (total + tokens > MAX_TOKENS) {
    throw new RangeError(
      `Invalid ${name}: the prompt would have ${
        total + tokens
      } tokens, expected at most 2^24 = ${MAX_TOKENS}`,
    );
  }
}

/** Throws unless every id of the segment fits the Int32Array rows. */
function checkLargestId(name: string, largest: number): void {
  if (largest > MAX_ID) {
    throw new RangeError(
      `Invalid ${name}: its ids would reach ${largest}, expected at most 2^31 - 1 (Int32Array rows)`,
    );
  }
}

/** Checks a grid and returns [t, h / m, w / m]. */
function mergedGrid(name: string, grid: unknown, merge: unknown): [number, number, number] {
  if (!Array.isArray(grid) || grid.length !== 3) {
    throw new TypeError(`Invalid ${name}: expected [t, h, w], got ${formatValue(grid)}`);
  }
  const m = checkInteger(`${name.replace(/\.\w+$/, "")}.spatialMergeSize`, merge ?? 2, { min: 1 });
  const t = checkInteger(`${name}[0]`, grid[0], { min: 1 });
  const dims = [1, 2].map((axis) => {
    const size = checkInteger(`${name}[${axis}]`, grid[axis], { min: m });
    if (size % m !== 0) {
      throw new RangeError(
        `Invalid ${name}[${axis}]: expected a multiple of spatialMergeSize ${m}, got ${size}`,
      );
    }
    return size / m;
  });
  return [t, dims[0]!, dims[1]!];
}

/** Temporal ids of the grid's steps: s, or Qwen2.5-VL's scaled float32 form. */
function temporalIds(name: string, segment: MropeVideoSegment | null, steps: number): number[] {
  const seconds = segment?.secondsPerGrid;
  const rate = segment?.tokensPerSecond;
  if (seconds === undefined && rate === undefined) {
    return Array.from({ length: steps }, (_, s) => s);
  }
  if (seconds === undefined || rate === undefined) {
    throw new TypeError(
      `Invalid ${name}: expected secondsPerGrid and tokensPerSecond together (Qwen2.5-VL) or ` +
        `neither (Qwen2-VL), got only ${
          seconds === undefined ? "tokensPerSecond" : "secondsPerGrid"
        }`,
    );
  }
  checkFinite(`${name}.secondsPerGrid`, seconds, { min: 0 });
  checkFinite(`${name}.tokensPerSecond`, rate, { min: 0 });
  // HF: arange(t) * second_per_grid_t * tokens_per_second in float32, then .long().
  const step = f32(seconds);
  return Array.from({ length: steps }, (_, s) => Math.trunc(f32(f32(s * step) * f32(rate))));
}

/**
 * The three-axis position ids (temporal, height, width) of a multimodal
 * prompt, as Qwen2-VL's `get_rope_index` builds them (Qwen2.5-VL's for
 * videos given `secondsPerGrid` and `tokensPerSecond`):
 *
 * - text tokens count up with the same id on every axis;
 * - an image or video of `t × h × w` patches becomes `t · (h/m) · (w/m)`
 *   tokens (m = spatialMergeSize) in (t, row, column) order, whose ids are
 *   `start + [temporal, row, column]`, `start` being where the block begins;
 * - whatever follows a block resumes at the largest id so far + 1, so a
 *   4 × 4 image costs the position budget of 4 text tokens, not 16.
 *
 * Decoding after the prompt continues from the largest id + 1 on all
 * three axes (HF's `rope_deltas`).
 *
 * @param segments Text runs, images and videos in token order.
 * @returns Three Int32Array rows of one id per token, to pass to
 * {@linkcode multimodalRopeCache}.
 * @throws {TypeError} If a segment is not one of the three kinds or a video
 * has only one of its timing fields.
 * @throws {RangeError} If a count or grid entry is not a positive integer,
 * h or w is not a multiple of the spatial merge size, the prompt would have
 * more than 2^24 tokens, or an id would exceed 2^31 - 1.
 *
 * @example Text, an image of 4 × 6 patches (2 × 3 tokens), text
 * ```ts
 * import { mropePositions } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const [t, h, w] = mropePositions([{ text: 2 }, { image: [1, 4, 6] }, { text: 2 }]);
 * assert.deepEqual([...t], [0, 1, 2, 2, 2, 2, 2, 2, 5, 6]);
 * assert.deepEqual([...h], [0, 1, 2, 2, 2, 3, 3, 3, 5, 6]);
 * assert.deepEqual([...w], [0, 1, 2, 3, 4, 2, 3, 4, 5, 6]);
 * ```
 */
export function mropePositions(segments: readonly MropeSegment[]): MropePositions {
  if (!Array.isArray(segments)) {
    throw new TypeError(`Invalid segments: expected an array, got ${formatValue(segments)}`);
  }
  const rows: [number[], number[], number[]] = [[], [], []];
  let next = 0;
  segments.forEach((segment: unknown, index) => {
    const name = `segments[${index}]`;
    if (segment === null || typeof segment !== "object") {
      throw new TypeError(
        `Invalid ${name}: expected { text }, { image } or { video }, got ${formatValue(segment)}`,
      );
    }
    if ("text" in segment) {
      checkOptions(name, segment, { allowed: ["text"] });
      const count = checkInteger(`${name}.text`, segment.text, { min: 0 });
      checkTokens(`${name}.text`, rows[0].length, count);
      checkLargestId(`${name}.text`, next + count - 1);
      for (let i = 0; i < count; i++) for (const row of rows) row.push(next + i);
      next += count;
      return;
    }
    const video = "video" in segment;
    if (!video && !("image" in segment)) {
      throw new TypeError(
        `Invalid ${name}: expected { text }, { image } or { video }, got ${formatValue(segment)}`,
      );
    }
    checkOptions(name, segment, {
      allowed: video
        ? ["video", "spatialMergeSize", "secondsPerGrid", "tokensPerSecond"]
        : ["image", "spatialMergeSize"],
    });
    const grid = video
      ? (segment as MropeVideoSegment).video
      : (segment as MropeImageSegment).image;
    const [steps, height, width] = mergedGrid(
      `${name}.${video ? "video" : "image"}`,
      grid,
      (segment as MropeImageSegment).spatialMergeSize,
    );
    checkTokens(`${name}.${video ? "video" : "image"}`, rows[0].length, steps * height * width);
    const temporal = temporalIds(name, video ? segment as MropeVideoSegment : null, steps);
    checkLargestId(name, next + Math.max(temporal[steps - 1]!, height - 1, width - 1));
    let largest = next - 1;
    for (let s = 0; s < steps; s++) {
      for (let r = 0; r < height; r++) {
        for (let c = 0; c < width; c++) {
          rows[0].push(next + temporal[s]!);
          rows[1].push(next + r);
          rows[2].push(next + c);
        }
      }
      largest = Math.max(largest, next + temporal[s]!);
    }
    next = Math.max(largest, next + height - 1, next + width - 1) + 1;
  });
  return [Int32Array.from(rows[0]), Int32Array.from(rows[1]), Int32Array.from(rows[2])];
}
