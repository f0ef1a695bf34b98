import {
  checkAllocation,
  checkInteger,
  checkOptions,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { checkQueryOffset, fillIndex } from "./_shaw.ts";
import type { ShawIndexOptions } from "./types.ts";

const INDEX_KEYS: OptionKeys<ShawIndexOptions> = { maxRelativePosition: true, queryOffset: true };

/**
 * The row of Shaw et al.'s relative embedding tables that each query-key
 * pair uses: `clip(j - i, -k, k) + k` (Shaw, Uszkoreit and Vaswani, 2018;
 * tensor2tensor's `_generate_relative_positions_matrix`), with queries at
 * `queryOffset + i` and keys at `j`. Distances beyond k share the edge rows,
 * so a table has 2k + 1 rows whatever the sequence length.
 *
 * @param queryLength Number of queries: an integer >= 0.
 * @param keyLength Number of keys: an integer >= 0.
 * @param options The clipping distance k and the first query's position.
 * @returns An Int32Array of queryLength * keyLength indices in [0, 2k], row-major.
 * @throws {RangeError} If a length, maxRelativePosition or queryOffset is
 * not a non-negative integer.
 * @throws {TypeError} If an option has the wrong type or is unknown.
 *
 * @example Usage
 * ```ts
 * import { shawRelativeIndex } from "@posenc/relative";
 * import assert from "node:assert/strict";
 *
 * const index = shawRelativeIndex(2, 4, { maxRelativePosition: 1 });
 * assert.deepEqual([...index], [
 *   1, 2, 2, 2, // query 0: keys at distance 0, +1, +2 (clipped), +3 (clipped)
 *   0, 1, 2, 2,
 * ]);
 * ```
 */
export function shawRelativeIndex(
  queryLength: number,
  keyLength: number,
  options: ShawIndexOptions,
): Int32Array {
  const { maxRelativePosition, queryOffset } = checkOptions("options", options, {
    allowed: INDEX_KEYS,
  });
  checkInteger("queryLength", queryLength, { min: 0 });
  checkInteger("keyLength", keyLength, { min: 0 });
  const k = checkInteger("maxRelativePosition", maxRelativePosition, {
    min: 0,
    max: 2 ** 30,
  });
  const offset = checkQueryOffset(queryOffset, queryLength);
  checkAllocation(
    `index [queryLength, keyLength] = [${queryLength}, ${keyLength}]`,
    queryLength * keyLength,
  );
  const out = new Int32Array(queryLength * keyLength);
  fillIndex(out, queryLength, keyLength, offset, k);
  return out;
}
