import type { Tensor } from "@posenc/tensor";
import { tensor } from "@posenc/tensor";
import { checkBoolean, checkOptions, checkTensor, type OptionKeys } from "@posenc/tensor/validate";
import { fillBiasLine } from "./_line.ts";
import { checkMode, resolveSlopes } from "./_validate.ts";
import type { AlibiMode } from "./types.ts";
import type { AlibiSlopesOptions } from "./slopes.ts";

/** Options for {@linkcode applyAlibi}. */
export interface ApplyAlibiOptions extends AlibiSlopesOptions {
  /**
   * One slope per head; `maxBias` must then be left out.
   *
   * @default {alibiSlopes(heads, { maxBias })}
   */
  slopes?: ArrayLike<number>;
  /**
   * Causal (masks keys after each query with -Infinity) or symmetric.
   *
   * @default {"causal"}
   */
  mode?: AlibiMode;
  /**
   * Writes into `scores.data` and returns `scores` instead of a new tensor.
   *
   * @default {false}
   */
  inPlace?: boolean;
}

const APPLY_KEYS: OptionKeys<ApplyAlibiOptions> = {
  maxBias: true,
  slopes: true,
  mode: true,
  inPlace: true,
};

/**
 * Adds the ALiBi bias to attention scores [batch, heads, queryLength,
 * keyLength] (scaled logits `q·k/√d`, as BLOOM, MPT and flash-attention add
 * it): exactly the numbers of {@linkcode alibiBias}, broadcast over the
 * batch, without materialising them. In causal mode keys after each
 * (bottom-right aligned) query are set to -Infinity.
 *
 * The bias is distance-based, so left padding needs no special positions
 * (unlike BLOOM's key-position form): mask the padded keys as usual.
 *
 * Every row is a streaming add of one precomputed float32 line per head,
 * so this runs near memory speed.
 *
 * @param scores Attention logits [batch, heads, queryLength, keyLength].
 * @param options Slopes (default: {@linkcode alibiSlopes} of the head
 * count), mode, and whether to write in place.
 * @returns `scores + bias`: a new tensor, or `scores` itself with `inPlace`.
 * @throws {TypeError} If scores is not a tensor, mode is unknown, inPlace
 * is not a boolean, or options has an unknown key.
 * @throws {RangeError} If scores is not rank 4, slopes do not hold one
 * finite number per head, or maxBias is not a finite number in (0, 126].
 *
 * @example Usage
 * ```ts
 * import { alibiBias, applyAlibi } from "@posenc/alibi";
 * import { randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const scores = randomNormal([2, 4, 5, 5], { seed: 1 }); // [batch, heads, q, k]
 * const biased = applyAlibi(scores);
 * const bias = alibiBias(4, 5, 5);
 * // Batch 1, head 2, query 3, key 1: score + bias.
 * const at = ((1 * 4 + 2) * 5 + 3) * 5 + 1;
 * assert.equal(biased.data[at], Math.fround(scores.data[at]! + bias.data[(2 * 5 + 3) * 5 + 1]!));
 * assert.equal(biased.data[((1 * 4 + 2) * 5 + 3) * 5 + 4], -Infinity); // a future key
 * ```
 */
export function applyAlibi(scores: Tensor, options: ApplyAlibiOptions = {}): Tensor {
  const input = checkTensor("scores", scores, { rank: 4 });
  const [batch, heads, queryLength, keyLength] = input.shape as [number, number, number, number];
  checkOptions("options", options, { allowed: APPLY_KEYS });
  const mode = checkMode(options.mode);
  const inPlace = checkBoolean("inPlace", options.inPlace ?? false);
  const src = input.data;
  const out = inPlace ? src : new Float32Array(src.length);
  if (heads > 0) {
    const slopes = resolveSlopes(heads, options, `of scores [${input.shape.join(", ")}]`);
    if (src.length > 0) {
      addBias(src, out, slopes, batch, queryLength, keyLength, mode);
    }
  }
  return inPlace ? input : tensor(out, input.shape);
}

function addBias(
  src: Float32Array,
  out: Float32Array,
  slopes: Float64Array,
  batch: number,
  queryLength: number,
  keyLength: number,
  mode: AlibiMode,
): void {
  const heads = slopes.length;
  const block = queryLength * keyLength;
  const line = new Float32Array(queryLength + keyLength - 1);
  const causal = mode === "causal";
  const copy = src !== out;
  for (let h = 0; h < heads; h++) {
    fillBiasLine(line, slopes[h]!, keyLength, mode);
    for (let b = 0; b < batch; b++) {
      const base = (b * heads + h) * block;
      for (let i = 0; i < queryLength; i++) {
        const row = base + i * keyLength;
        // Keys before `end` are at or before the aligned query; in causal
        // mode the rest are -Infinity and need no read at all.
        const visible = causal
          ? Math.min(keyLength, Math.max(0, i + keyLength - queryLength + 1))
          : keyLength;
        const end = row + visible;
        // A native copy of the row, then the add in cache, beats one loop
        // reading `src` and writing `out`.
        if (copy) out.set(src.subarray(row, end), row);
        let from = queryLength - 1 - i;
        for (let j = row; j < end; j++, from++) out[j]! += line[from]!;
        if (visible < keyLength) out.fill(-Infinity, end, row + keyLength);
      }
    }
  }
}
