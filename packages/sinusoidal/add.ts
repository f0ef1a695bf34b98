import { type Tensor, tensor } from "@posenc/tensor";
import {
  checkBoolean,
  checkInteger,
  checkOptions,
  checkTensor,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import {
  ANCHOR_EVERY,
  fillRows,
  FORMAT_KEYS,
  MAX_POSITION,
  planTable,
  type TablePlan,
} from "./_plan.ts";
import type { SinusoidalFormatOptions } from "./types.ts";

/** Options for {@linkcode addSinusoidal}. */
export interface AddSinusoidalOptions extends SinusoidalFormatOptions {
  /**
   * Position of the first token of every sequence (tokens already in a KV
   * cache, or fairseq's `padding_idx + 1`). Not allowed with `positions`.
   *
   * @default {0}
   */
  offset?: number;
  /**
   * Explicit position of each token: `seq` values shared by every sequence,
   * or one value per row of `x` (e.g. [batch, seq] flattened, for padded
   * batches). Non-negative integers up to 2^32. Not allowed with `offset`.
   *
   * @default {undefined}
   */
  positions?: ArrayLike<number>;
  /**
   * Adds into `x.data` and returns `x` instead of allocating a new tensor.
   *
   * @default {false}
   */
  inPlace?: boolean;
}

const ADD_KEYS: OptionKeys<AddSinusoidalOptions> = {
  ...FORMAT_KEYS,
  offset: true,
  positions: true,
  inPlace: true,
};

/**
 * Adds sinusoidal position encodings to token embeddings of shape
 * [..., seq, dim], as the Transformer, DistilBERT, Marian and fairseq models
 * do right after the embedding lookup: row s of every sequence gets the
 * table row of its position (`offset + s`, or `positions[s]`).
 *
 * The table is built once for the positions used (see
 * {@linkcode sinusoidalTable} for the variants and their accuracy) and added
 * in float32, as the reference models add it. Models that scale the
 * embeddings first (by sqrt(dim) in the paper and Marian) do so before
 * calling this.
 *
 * @param x Embeddings [..., seq, dim] (rank >= 2, dim >= 1).
 * @param options Variant, positions or offset, and whether to add in place.
 * @returns `x + PE`: a new tensor of the same shape, or `x` itself with `inPlace`.
 * @throws {TypeError} If x is not a tensor, positions is not an array of
 * numbers, layout/exponent is unknown, inPlace is not a boolean, or options
 * has an unknown key.
 * @throws {RangeError} If x has rank < 2 or a last dim of 0, positions has
 * the wrong length or holds a value that is not an integer in [0, 2^32],
 * both offset and positions are given, base is not a finite number > 0, or
 * dim is over 65536.
 *
 * @example Usage
 * ```ts
 * import { addSinusoidal, sinusoidalTable } from "@posenc/sinusoidal";
 * import { assertAllClose, tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const embeddings = tensor(new Float32Array(2 * 3 * 4).fill(1), [2, 3, 4]); // [batch, seq, dim]
 * const out = addSinusoidal(embeddings, { offset: 5 }); // 5 tokens already decoded
 * const pe = sinusoidalTable(3, 4, { offset: 5 });
 * assertAllClose(out.data.subarray(12), pe.data.map((v) => v + 1), { atol: 1e-7 });
 * assert.equal(embeddings.data[0], 1); // the input is unchanged
 * ```
 *
 * @example Explicit positions per token (a left-padded batch)
 * ```ts
 * import { addSinusoidal, sinusoidalTable } from "@posenc/sinusoidal";
 * import { zeros } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const x = zeros([2, 3, 8]);
 * addSinusoidal(x, { positions: [0, 0, 1, 0, 1, 2], inPlace: true });
 * assert.deepEqual(x.data.subarray(8, 16), sinusoidalTable(1, 8).data); // row 1: position 0
 * assert.deepEqual(x.data.subarray(16, 24), sinusoidalTable(1, 8, { offset: 1 }).data);
 * ```
 */
export function addSinusoidal(x: Tensor, options: AddSinusoidalOptions = {}): Tensor {
  const input = checkTensor("x", x);
  checkOptions("options", options, { allowed: ADD_KEYS });
  const inPlace = checkBoolean("inPlace", options.inPlace ?? false);
  const shape = input.shape;
  if (shape.length < 2 || shape[shape.length - 1] === 0) {
    throw new RangeError(
      `Invalid x: expected a tensor [..., seq, dim] of rank >= 2 with dim >= 1, got shape [${
        shape.join(", ")
      }]`,
    );
  }
  const dim = shape[shape.length - 1]!;
  const seq = shape[shape.length - 2]!;
  const rows = input.data.length / dim;
  const plan = planTable(dim, options);
  const data = inPlace ? input.data : input.data.slice();

  if (options.positions !== undefined) {
    if (options.offset !== undefined) {
      throw new RangeError(
        `Invalid offset: expected no offset when positions are given, got ${
          formatValue(options.offset)
        }`,
      );
    }
    addAtPositions(plan, data, rows, seq, options.positions);
  } else {
    const offset = checkInteger("offset", options.offset ?? 0, {
      min: 0,
      max: MAX_POSITION - Math.max(seq - 1, 0),
    });
    const block = seq * dim;
    if (block === data.length) {
      // One sequence: add while computing, with no table in between.
      fillRows(plan, data, 0, offset, seq, true);
    } else {
      const table = new Float32Array(block);
      fillRows(plan, table, 0, offset, seq);
      for (let o = 0; o < data.length; o += block) {
        for (let e = 0; e < block; e++) data[o + e] = data[o + e]! + table[e]!;
      }
    }
  }
  return inPlace ? input : tensor(data, shape);
}

function addAtPositions(
  plan: TablePlan,
  data: Float32Array,
  rows: number,
  seq: number,
  positions: ArrayLike<number>,
): void {
  if (
    positions === null || typeof positions !== "object" || typeof positions.length !== "number"
  ) {
    throw new TypeError(
      `Invalid positions: expected an array of integers, got ${formatValue(positions)}`,
    );
  }
  const count = positions.length;
  if (count !== seq && count !== rows) {
    throw new RangeError(
      `Invalid positions: expected ${seq} values (one per token) or ${rows} (one per row of x), got ${count}`,
    );
  }
  if (count === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    const p = positions[i];
    if (typeof p !== "number" || !Number.isInteger(p) || p < 0 || p > MAX_POSITION) {
      checkInteger(`positions[${i}]`, p, { min: 0, max: MAX_POSITION });
    }
    if (p! < min) min = p!;
    if (p! > max) max = p!;
  }

  const dim = plan.dim;
  // Nearly contiguous positions share one fast table over [min, max]; sparse
  // ones get their rows computed exactly, one anchor each.
  const span = max - min + 1;
  const contiguous = span <= 2 * count + ANCHOR_EVERY;
  const table = new Float32Array((contiguous ? span : count) * dim);
  const rowOf = new Float64Array(count);
  if (contiguous) {
    fillRows(plan, table, 0, min, span);
    for (let i = 0; i < count; i++) rowOf[i] = (positions[i]! - min) * dim;
  } else {
    for (let i = 0; i < count; i++) {
      fillRows(plan, table, i * dim, positions[i]!, 1);
      rowOf[i] = i * dim;
    }
  }
  for (let r = 0; r < rows; r++) {
    const t = rowOf[r % count]!;
    const o = r * dim;
    for (let d = 0; d < dim; d++) data[o + d] = data[o + d]! + table[t + d]!;
  }
}
