import { checkOneOf, checkOptions, formatValue, type OptionKeys } from "./validate.ts";
import { sizeOf } from "./tensor.ts";

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

/** Anything with a shape: a `Tensor`, or a tensor that lives elsewhere (on a GPU). */
export interface Shaped {
  /** Dimensions, outermost first. */
  readonly shape: readonly number[];
}

/** Options for {@linkcode attentionDims}. */
export interface AttentionDimsOptions {
  /**
   * The argument's name, used in error messages (e.g. `"q"`).
   *
   * @default {"tensor"}
   */
  name?: string;
}

const DIMS_KEYS: OptionKeys<AttentionDimsOptions> = { name: true };

function axesText(layout: Layout): string {
  return layout === "bhsd" ? "[batch, heads, seq, headDim]" : "[batch, seq, heads, headDim]";
}

/**
 * Reads batch, heads, seq and headDim of a rank-4 shape in the given
 * layout, with the strides that address element (b, h, s, d) as
 * `b * strides.batch + h * strides.heads + s * strides.seq + d`. Only the
 * shape is read, so it works for tensors held on a GPU too.
 *
 * @param t A tensor, or anything with a rank-4 `shape`.
 * @param layout How its axes are ordered.
 * @param options The argument's name for error messages.
 * @returns Its attention dimensions and strides.
 * @throws {TypeError} If `t` has no shape array or `layout` is unknown.
 * @throws {RangeError} If the shape is not rank 4 or has invalid dims.
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
 * assert.throws(
 *   () => attentionDims(zeros([16, 64]), "bhsd", { name: "q" }),
 *   { message: 'Invalid q: expected a rank-4 tensor [batch, heads, seq, headDim] (layout "bhsd"), got shape [16, 64]' },
 * );
 * ```
 */
export function attentionDims(
  t: Shaped,
  layout: Layout = "bhsd",
  options: AttentionDimsOptions = {},
): AttentionDims {
  checkOneOf("layout", layout, { allowed: LAYOUTS });
  checkOptions("options", options, { allowed: DIMS_KEYS });
  const name = options.name ?? "tensor";
  if (typeof name !== "string") {
    throw new TypeError(`Invalid name: expected a string, got ${formatValue(name)}`);
  }
  const shape = (t as Partial<Shaped> | null)?.shape;
  if (!Array.isArray(shape)) {
    throw new TypeError(`Invalid ${name}: expected a tensor with a shape, got ${formatValue(t)}`);
  }
  if (shape.length !== 4) {
    throw new RangeError(
      `Invalid ${name}: expected a rank-4 tensor ${
        axesText(layout)
      } (layout "${layout}"), got shape ${formatValue(shape)}`,
    );
  }
  sizeOf(shape);
  const [batch, a, b, headDim] = shape as [number, number, number, number];
  const heads = layout === "bhsd" ? a : b;
  const seq = layout === "bhsd" ? b : a;
  const strides = layout === "bhsd"
    ? { batch: heads * seq * headDim, heads: seq * headDim, seq: headDim }
    : { batch: seq * heads * headDim, heads: headDim, seq: heads * headDim };
  return { batch, heads, seq, headDim, strides };
}
