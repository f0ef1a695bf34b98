import { type Tensor, tensor } from "@posenc/tensor";
import {
  checkAllocation,
  checkInteger,
  checkOptions,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { checkNumHeads } from "./_limits.ts";
import { fillBiasLine } from "./_line.ts";
import { checkMode, resolveSlopes } from "./_validate.ts";
import type { AlibiSlopesOptions } from "./slopes.ts";
import type { AlibiMode } from "./types.ts";

/** Options for {@linkcode alibiBias}. */
export interface AlibiBiasOptions extends AlibiSlopesOptions {
  /**
   * Causal (decoder, masks future keys) or symmetric (encoder).
   *
   * @default {"causal"}
   */
  mode?: AlibiMode;
  /**
   * One slope per head, e.g. a model's own list or flash-attention's
   * `alibi_slopes`; `maxBias` must then be left out.
   *
   * @default {alibiSlopes(numHeads, { maxBias })}
   */
  slopes?: ArrayLike<number>;
}

const BIAS_KEYS: OptionKeys<AlibiBiasOptions> = { maxBias: true, mode: true, slopes: true };

/**
 * The ALiBi bias for a square [length, length] attention: see the
 * four-argument form, of which this is `alibiBias(numHeads, length, length, options)`.
 *
 * @param numHeads Number of heads: an integer >= 1.
 * @param length Number of queries and of keys: an integer >= 0.
 * @param options Mode and slopes.
 * @returns A float32 tensor [numHeads, length, length].
 * @throws {RangeError} If numHeads or length is out of range (numHeads <=
 * 65536), the bias would exceed 2 GiB (2^29 elements), maxBias is not a
 * finite number in (0, 126], or slopes do not hold one finite number per head.
 * @throws {TypeError} If mode is unknown or options has an unknown key.
 *
 * @example Usage
 * ```ts
 * import { alibiBias } from "@posenc/alibi";
 * import assert from "node:assert/strict";
 *
 * const bias = alibiBias(1, 3, { slopes: [0.5] }); // [heads, q, k]
 * assert.deepEqual([...bias.data], [
 *   0, -Infinity, -Infinity,
 *   -0.5, 0, -Infinity,
 *   -1, -0.5, 0,
 * ]);
 * ```
 */
export function alibiBias(numHeads: number, length: number, options?: AlibiBiasOptions): Tensor;
/**
 * The ALiBi bias to add to scaled attention logits `q·k/√d`, for every
 * head, query and key: `-slope_h · (i' - j)` with i' the query's position
 * among the keys (bottom-right aligned: i' = i + keyLength - queryLength, as
 * flash-attention aligns it, so decoding with a KV cache gets the right
 * distances). Causal mode puts `-Infinity` on keys after the query;
 * symmetric mode uses `-slope_h · |i' - j|` everywhere. With queryLength >
 * keyLength the first causal rows see no key at all (all `-Infinity`).
 *
 * This materialises [heads, q, k] floats; to bias scores, prefer
 * {@linkcode applyAlibi}, which adds the same numbers without building it.
 *
 * @param numHeads Number of heads: an integer >= 1.
 * @param queryLength Number of queries (new tokens): an integer >= 0.
 * @param keyLength Number of keys (cached plus new tokens): an integer >= 0.
 * @param options Mode and slopes.
 * @returns A float32 tensor [numHeads, queryLength, keyLength].
 * @throws {RangeError} If numHeads or a length is out of range (numHeads <=
 * 65536), the bias would exceed 2 GiB (2^29 elements), maxBias is not a
 * finite number in (0, 126], or slopes do not hold one finite number per head.
 * @throws {TypeError} If mode is unknown or options has an unknown key.
 *
 * @example Decoding one token with 3 tokens in the KV cache
 * ```ts
 * import { alibiBias } from "@posenc/alibi";
 * import assert from "node:assert/strict";
 *
 * const bias = alibiBias(2, 1, 4); // 2 heads, slopes 1/16 and 1/256
 * assert.deepEqual([...bias.data.subarray(0, 4)], [-3 / 16, -2 / 16, -1 / 16, 0]);
 * ```
 *
 * @example Symmetric (encoder) bias
 * ```ts
 * import { alibiBias } from "@posenc/alibi";
 * import assert from "node:assert/strict";
 *
 * const bias = alibiBias(1, 2, 3, { mode: "symmetric", slopes: [1] });
 * // Queries sit at key positions 1 and 2.
 * assert.deepEqual([...bias.data], [-1, 0, -1, -2, -1, 0]);
 * ```
 */
export function alibiBias(
  numHeads: number,
  queryLength: number,
  keyLength: number,
  options?: AlibiBiasOptions,
): Tensor;
export function alibiBias(
  numHeads: number,
  queryLength: number,
  keyLengthOrOptions?: number | AlibiBiasOptions,
  maybeOptions?: AlibiBiasOptions,
): Tensor {
  const square = typeof keyLengthOrOptions !== "number";
  if (square && maybeOptions !== undefined) {
    throw new TypeError(
      `Invalid keyLength: expected an integer >= 0, got ${formatValue(keyLengthOrOptions)}`,
    );
  }
  const options = checkOptions(
    "options",
    square ? keyLengthOrOptions : maybeOptions,
    { allowed: BIAS_KEYS },
  );
  checkNumHeads(numHeads);
  checkInteger(square ? "length" : "queryLength", queryLength, { min: 0 });
  const keyLength = square ? queryLength : checkInteger("keyLength", keyLengthOrOptions, {
    min: 0,
  });
  checkAllocation(
    square
      ? `bias [numHeads, length, length] = [${numHeads}, ${queryLength}, ${queryLength}]`
      : `bias [numHeads, queryLength, keyLength] = [${numHeads}, ${queryLength}, ${keyLength}]`,
    numHeads * queryLength * keyLength,
  );
  const mode = checkMode(options.mode);
  const slopes = resolveSlopes(numHeads, options, "(numHeads)");

  const out = new Float32Array(numHeads * queryLength * keyLength);
  if (out.length > 0) {
    const line = new Float32Array(queryLength + keyLength - 1);
    for (let h = 0; h < numHeads; h++) {
      fillBiasLine(line, slopes[h]!, keyLength, mode);
      for (let i = 0; i < queryLength; i++) {
        const start = queryLength - 1 - i;
        out.set(line.subarray(start, start + keyLength), (h * queryLength + i) * keyLength);
      }
    }
  }
  return tensor(out, [numHeads, queryLength, keyLength]);
}
