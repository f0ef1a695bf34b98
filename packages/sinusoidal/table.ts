import { type Tensor, zeros } from "@posenc/tensor";
import {
  checkAllocation,
  checkInteger,
  checkOptions,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { fillRows, FORMAT_KEYS, MAX_POSITION, planTable } from "./_plan.ts";
import type { SinusoidalFormatOptions } from "./types.ts";

/** Options for {@linkcode sinusoidalTable}. */
export interface SinusoidalTableOptions extends SinusoidalFormatOptions {
  /**
   * Position of the first row (e.g. the number of tokens already decoded,
   * or fairseq's `padding_idx + 1`).
   *
   * @default {0}
   */
  offset?: number;
}

const TABLE_KEYS: OptionKeys<SinusoidalTableOptions> = { ...FORMAT_KEYS, offset: true };

/**
 * The fixed sinusoidal position encodings of Vaswani et al. (2017), one row
 * per position: row r holds `sin(p·ω_k)` and `cos(p·ω_k)` of position
 * `p = offset + r` for each frequency ω_k.
 *
 * The default (`layout: "interleaved"`, `exponent: "vaswani"`) is the paper's
 * formula and Hugging Face DistilBERT's table; `layout: "concat"` gives
 * Marian's; `layout: "concat", exponent: "tensor2tensor"` gives
 * tensor2tensor's and fairseq's.
 *
 * Angles are formed in float64, so positions far beyond any training length
 * (offset 1e6 and more) stay accurate to float32's resolution. The cost is a
 * few multiplies per element: each frequency's sin and cos advance row by
 * row by an angle-addition rotation, re-anchored with exact Math.sin and
 * Math.cos every 64 rows, so rounding never accumulates (drift < 3e-14).
 *
 * An odd `dim` is filled as each reference fills it: with the Vaswani
 * exponent the last frequency gets a sin column only (Hugging Face
 * DistilBERT, Marian); with the tensor2tensor exponent the last column is
 * zero (tensor2tensor, fairseq).
 *
 * @param length Number of rows (positions): an integer >= 0.
 * @param dim Number of columns (the model dim): an integer in [1, 65536].
 * @param options Variant (base, layout, exponent) and first position.
 * @returns A float32 tensor of shape [length, dim].
 * @throws {RangeError} If length, dim or offset is not an integer in range
 * (positions must stay <= 2^32, dim <= 65536), the table would exceed 2 GiB
 * (2^29 elements), or base is not a finite number > 0.
 * @throws {TypeError} If layout or exponent is not one of the names above,
 * or options has an unknown key.
 *
 * @example Usage
 * ```ts
 * import { sinusoidalTable } from "@posenc/sinusoidal";
 * import assert from "node:assert/strict";
 *
 * const pe = sinusoidalTable(128, 512); // [position, dim]
 * assert.deepEqual(pe.shape, [128, 512]);
 * // Position 3, frequency k = 1: sin and cos of 3 / 10000^(2/512).
 * const angle = 3 / 10000 ** (2 / 512);
 * assert.equal(pe.data[3 * 512 + 2], Math.fround(Math.sin(angle)));
 * assert.equal(pe.data[3 * 512 + 3], Math.fround(Math.cos(angle)));
 * ```
 *
 * @example fairseq's table, rows from position padding_idx + 1
 * ```ts
 * import { sinusoidalTable } from "@posenc/sinusoidal";
 * import assert from "node:assert/strict";
 *
 * const pe = sinusoidalTable(4, 8, { layout: "concat", exponent: "tensor2tensor", offset: 2 });
 * // Its last frequency is exactly 1/10000; its cos block starts at column 4.
 * assert.equal(pe.data[3], Math.fround(Math.sin(2 / 10000)));
 * assert.equal(pe.data[7], Math.fround(Math.cos(2 / 10000)));
 * ```
 */
export function sinusoidalTable(
  length: number,
  dim: number,
  options: SinusoidalTableOptions = {},
): Tensor {
  checkOptions("options", options, { allowed: TABLE_KEYS });
  checkInteger("length", length, { min: 0, max: MAX_POSITION + 1 });
  const plan = planTable(dim, options);
  checkAllocation(`table [length, dim] = [${length}, ${dim}]`, length * dim);
  const offset = checkInteger("offset", options.offset ?? 0, {
    min: 0,
    max: MAX_POSITION - Math.max(length - 1, 0),
  });
  const table = zeros([length, dim]);
  fillRows(plan, table.data, 0, offset, length);
  return table;
}
