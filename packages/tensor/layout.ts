import { checkOneOf, checkTensor } from "./validate.ts";
import type { Tensor } from "./tensor.ts";

/**
 * Memory order of attention-shaped data (queries, keys, values):
 * - `"bhsd"`: [batch, heads, seq, headDim], as PyTorch's
 *   scaled_dot_product_attention and Hugging Face models after their
 *   transpose; the default everywhere in posenc.
 * - `"bshd"`: [batch, seq, heads, headDim], as Hugging Face projections
 *   before the transpose and ONNX Runtime.
 */
export type Layout = "bhsd" | "bshd";

/** The layouts posenc understands, in the order of {@linkcode Layout}. */
export const LAYOUTS: readonly Layout[] = Object.freeze(["bhsd", "bshd"]);

/** Sizes and element strides of an attention-shaped tensor, whatever its layout. */
export interface AttentionDims {
  /** Number of sequences. */
  readonly batch: number;
  /** Number of heads. */
  readonly heads: number;
  /** Number of tokens per sequence. */
  readonly seq: number;
  /** Size of each head's vector. */
  readonly headDim: number;
  /**
   * Distance in elements between consecutive batch entries, heads and
   * tokens; the head dimension is always contiguous (stride 1).
   */
  readonly strides: {
    readonly batch: number;
    readonly heads: number;
    readonly seq: number;
  };
}

/**
 * Reads batch, heads, seq and headDim of a rank-4 tensor in the given
 * layout, with the strides that address element (b, h, s, d) as
 * `b * strides.batch + h * strides.heads + s * strides.seq + d`.
 *
 * @param t A rank-4 tensor.
 * @param layout How its axes are ordered.
 * @returns Its attention dimensions and strides.
 * @throws {TypeError} If `t` is not a tensor or `layout` is unknown.
 * @throws {RangeError} If `t` is not rank 4.
 *
 * @example Usage
 * ```ts
 * import { attentionDims, zeros } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const q = zeros([2, 16, 8, 64]); // [batch, seq, heads, headDim]
 * const dims = attentionDims(q, "bshd");
 * assert.equal(dims.heads, 8);
 * assert.equal(dims.seq, 16);
 * assert.deepEqual(dims.strides, { batch: 8192, heads: 64, seq: 512 });
 * ```
 */
export function attentionDims(
  t: Tensor,
  layout: Layout = "bhsd",
): AttentionDims {
  checkOneOf("layout", layout, { allowed: LAYOUTS });
  const [batch, a, b, headDim] = checkTensor("tensor", t, { rank: 4 })
    .shape as [number, number, number, number];
  const heads = layout === "bhsd" ? a : b;
  const seq = layout === "bhsd" ? b : a;
  const strides = layout === "bhsd"
    ? { batch: heads * seq * headDim, heads: seq * headDim, seq: headDim }
    : { batch: seq * heads * headDim, heads: headDim, seq: heads * headDim };
  return { batch, heads, seq, headDim, strides };
}
