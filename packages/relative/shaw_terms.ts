import { attentionDims, type Tensor, tensor } from "@posenc/tensor";
import {
  checkAllocation,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkTensor,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import { LAYOUTS } from "@posenc/tensor";
import { checkQueryOffset, tableRadius } from "./_shaw.ts";
import type { ShawLogitsOptions, ShawValuesOptions } from "./types.ts";

const LOGITS_KEYS: OptionKeys<ShawLogitsOptions> = {
  keyLength: true,
  queryOffset: true,
  layout: true,
};
const VALUES_KEYS: OptionKeys<ShawValuesOptions> = { queryOffset: true, layout: true };

/** Rows `[lo, hi]` of a radius-k table that the query at `query` reaches among keys 0..keyLength-1. */
function reachedRows(query: number, keyLength: number, k: number): [number, number] {
  const clip = (d: number) => (d < -k ? -k : d > k ? k : d) + k;
  return [clip(-query), clip(keyLength - 1 - query)];
}

/**
 * The relative term Shaw et al. (2018) add to the attention logits:
 * `q_i · a^K_ij` with `a^K_ij = keyTable[clip(j - i, -k, k) + k]`, one table
 * shared by all heads (as in the paper and tensor2tensor's
 * `dot_product_attention_relative`, whose `_relative_attention_inner(q,
 * a^K, transpose=True)` this equals). Add it to `q·kᵀ` before the 1/√d
 * scaling and the softmax; the full logit is `q_i·(k_j + a^K_ij) / √d`.
 *
 * Each query needs only its dot products with the table rows its keys
 * reach, so the cost is queries × (rows + keys) rather than queries × keys
 * × headDim. Products are summed in float64 and rounded once to float32.
 *
 * @param q Queries [batch, heads, queryLength, headDim] (or `"bshd"`).
 * @param keyTable The relative key embeddings a^K: float32 [2k + 1, headDim].
 * @param options Key count, the first query's position (KV-cache decoding)
 * and the layout of q.
 * @returns A float32 tensor [batch, heads, queryLength, keyLength].
 * @throws {RangeError} If q is not rank 4, keyTable has an even row count or
 * another head dimension, or keyLength or queryOffset is out of range.
 * @throws {TypeError} If q or keyTable is not a tensor, or an option is
 * unknown or has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { shawRelativeLogits } from "@posenc/relative";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const q = tensor([1, 2, 3, 4], [1, 1, 2, 2]); // 2 queries, headDim 2
 * const keyTable = tensor([1, 0, 0, 1, 1, 1], [3, 2]); // k = 1: distances -1, 0, +1
 * const logits = shawRelativeLogits(q, keyTable, { keyLength: 2 });
 * // Query 0 (1, 2): keys at distance 0 and +1; query 1 (3, 4): -1 and 0.
 * assert.deepEqual([...logits.data], [2, 3, 3, 4]);
 * ```
 */
export function shawRelativeLogits(
  q: Tensor,
  keyTable: Tensor,
  options: ShawLogitsOptions,
): Tensor {
  const { keyLength, queryOffset, layout } = checkOptions("options", options, {
    allowed: LOGITS_KEYS,
  });
  const order = checkOneOf("layout", layout ?? "bhsd", { allowed: LAYOUTS });
  checkTensor("q", q);
  const { batch, heads, seq, headDim, strides } = attentionDims(q, order, { name: "q" });
  const k = tableRadius("keyTable", keyTable, headDim);
  const kLen = checkInteger("keyLength", keyLength, { min: 0 });
  const offset = checkQueryOffset(queryOffset, seq);
  const table = keyTable.data;
  const data = q.data;
  checkAllocation(
    `logits [batch, heads, queries, keyLength] = [${batch}, ${heads}, ${seq}, ${kLen}]`,
    batch * heads * seq * kLen,
  );
  const out = new Float32Array(batch * heads * seq * kLen);
  const dots = new Float64Array(2 * k + 1);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < seq; i++) {
        const query = offset + i;
        const base = b * strides.batch + h * strides.heads + i * strides.seq;
        const [lo, hi] = reachedRows(query, kLen, k);
        for (let r = lo; r <= hi && kLen > 0; r++) {
          let sum = 0;
          const row = r * headDim;
          for (let d = 0; d < headDim; d++) sum += data[base + d]! * table[row + d]!;
          dots[r] = Math.fround(sum);
        }
        const outRow = ((b * heads + h) * seq + i) * kLen;
        for (let j = 0; j < kLen; j++) {
          const distance = j - query;
          out[outRow + j] = dots[(distance < -k ? -k : distance > k ? k : distance) + k]!;
        }
      }
    }
  }
  return tensor(out, [batch, heads, seq, kLen]);
}

/**
 * The relative term Shaw et al. (2018) add to the attention output:
 * `Σ_j α_ij a^V_ij` with `a^V_ij = valueTable[clip(j - i, -k, k) + k]`, one
 * table shared by all heads (tensor2tensor's `_relative_attention_inner(α,
 * a^V, transpose=False)`). Add it to `α·V`; the full output is
 * `Σ_j α_ij (v_j + a^V_ij)`.
 *
 * The weights of keys that share a table row are summed first (all keys
 * beyond distance k share the edge rows), so the cost is queries × (keys +
 * rows × headDim). Sums are float64, rounded once to float32.
 *
 * @param weights Attention weights α (after the softmax), float32
 * [batch, heads, queryLength, keyLength].
 * @param valueTable The relative value embeddings a^V: float32 [2k + 1, headDim].
 * @param options The first query's position and the layout of the result.
 * @returns A float32 tensor [batch, heads, queryLength, headDim] (or `"bshd"`).
 * @throws {RangeError} If weights is not rank 4, valueTable has an even row
 * count, or queryOffset is out of range.
 * @throws {TypeError} If an argument is not a tensor, or an option is
 * unknown or has the wrong type.
 *
 * @example Usage
 * ```ts
 * import { shawRelativeValues } from "@posenc/relative";
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const weights = tensor([0.5, 0.5], [1, 1, 1, 2]); // 1 query, 2 keys
 * const valueTable = tensor([1, 0, 0, 1, 1, 1], [3, 2]); // k = 1, headDim 2
 * const out = shawRelativeValues(weights, valueTable);
 * // The query at 0: key 0 at distance 0 (row 1), key 1 at +1 (row 2).
 * assert.deepEqual([...out.data], [0.5, 1]);
 * ```
 */
export function shawRelativeValues(
  weights: Tensor,
  valueTable: Tensor,
  options?: ShawValuesOptions,
): Tensor {
  const { queryOffset, layout } = checkOptions("options", options, { allowed: VALUES_KEYS });
  const order = checkOneOf("layout", layout ?? "bhsd", { allowed: LAYOUTS });
  checkTensor("weights", weights, { rank: 4 });
  const [batch, heads, seq, kLen] = weights.shape as [number, number, number, number];
  checkTensor("valueTable", valueTable, { rank: 2 });
  const headDim = valueTable.shape[1]!;
  const k = tableRadius("valueTable", valueTable, headDim);
  const offset = checkQueryOffset(queryOffset, seq);
  const shape = order === "bhsd" ? [batch, heads, seq, headDim] : [batch, seq, heads, headDim];
  const { strides } = attentionDims({ shape }, order);
  const table = valueTable.data;
  const alpha = weights.data;
  checkAllocation(`output ${formatValue(shape)}`, batch * heads * seq * headDim);
  const out = new Float32Array(batch * heads * seq * headDim);
  const bins = new Float64Array(2 * k + 1);
  const acc = new Float64Array(headDim);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < seq; i++) {
        const query = offset + i;
        const [lo, hi] = reachedRows(query, kLen, k);
        bins.fill(0);
        const row = ((b * heads + h) * seq + i) * kLen;
        for (let j = 0; j < kLen; j++) {
          const distance = j - query;
          bins[(distance < -k ? -k : distance > k ? k : distance) + k]! += alpha[row + j]!;
        }
        acc.fill(0);
        for (let r = lo; r <= hi && kLen > 0; r++) {
          const weight = bins[r]!;
          const tableRow = r * headDim;
          for (let d = 0; d < headDim; d++) acc[d]! += weight * table[tableRow + d]!;
        }
        const base = b * strides.batch + h * strides.heads + i * strides.seq;
        for (let d = 0; d < headDim; d++) out[base + d] = acc[d]!;
      }
    }
  }
  return tensor(out, shape);
}
