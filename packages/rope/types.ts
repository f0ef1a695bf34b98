/**
 * The public types of `@posenc/rope`, in a module of their own with no code,
 * so that both the public functions and their private helpers can import
 * them without importing each other.
 *
 * @module
 */

import type { Layout, Tensor } from "@posenc/tensor";

/**
 * The frequencies of a rotary embedding: what every RoPE variant (plain,
 * PI, NTK, YaRN, Llama-3, LongRoPE, ...) boils down to.
 *
 * Pair i of the rotated dims turns by `position * invFreq[i]` radians; cos
 * and sin are multiplied by `attentionFactor` (YaRN's temperature, 1 for
 * most methods), exactly as Hugging Face's `attention_scaling` does, so only
 * the rotated dims of q and k are scaled.
 */
export interface RopeFrequencies {
  /** Inverse frequency per rotation pair: `rotaryDim / 2` float32 values. */
  readonly invFreq: Float32Array;
  /** Multiplies cos and sin (1 unless a scaling method says otherwise). */
  readonly attentionFactor: number;
}

/**
 * How the rotation angle `position * invFreq[i]` is formed:
 * - `"float32"`: rounded to float32 before cos and sin, as Hugging Face
 *   transformers (and so the training of most checkpoints) does. Positions
 *   must be <= 2^24, the largest integer float32 holds exactly.
 * - `"float64"`: the float64 product. More accurate at large positions (at
 *   position 100000 float32 angles are off by up to 0.004 rad), but not the
 *   numbers a model trained with HF saw.
 */
export type AnglePrecision = "float32" | "float64";

/**
 * Precomputed cos and sin for a set of positions: one table that every
 * layer and head shares, as Hugging Face's rotary embedding returns once per
 * forward pass.
 *
 * Row `r` of `cos` and `sin` holds position `positions[r]`, or position `r`
 * when `positions` is absent (a cache built from a count). {@linkcode
 * applyRope} finds each token's position among them.
 */
export interface RopeCache {
  /** `[rows, rotaryDim / 2]` float32: cos of each angle times the attention factor. */
  readonly cos: Tensor;
  /** `[rows, rotaryDim / 2]` float32: sin of each angle times the attention factor. */
  readonly sin: Tensor;
  /**
   * The position of each row, when the cache was built from a list; absent
   * when row `r` holds position `r`.
   *
   * @default {undefined}
   */
  readonly positions?: Float64Array;
  /**
   * The angle precision the tables were computed with, when known;
   * {@linkcode applyRope} rejects a different `angles` option.
   *
   * @default {undefined}
   */
  readonly angles?: AnglePrecision;
}

/**
 * Which dims of a head form the pairs that rotate together:
 * - `"half"`: dim `j` with dim `j + rotaryDim / 2` (Hugging Face's
 *   `rotate_half`; GPT-NeoX, Llama, Mistral, Qwen, Phi, Gemma checkpoints in
 *   HF format, vLLM `is_neox_style`).
 * - `"interleaved"`: dim `2i` with dim `2i + 1` (GPT-J, Meta's original
 *   Llama code with complex numbers, llama.cpp's "normal" mode on Llama
 *   GGUFs, whose q/k rows the converter permutes back, vLLM
 *   `is_neox_style=False`).
 *
 * Pair `i` turns by `position * invFreq[i]` in both.
 */
export type Pairing = "half" | "interleaved";

/** Options for {@linkcode applyRope}. */
export interface ApplyRopeOptions {
  /**
   * Axis order of `x`: `"bhsd"` = [batch, heads, seq, headDim] or
   * `"bshd"` = [batch, seq, heads, headDim].
   *
   * @default {"bhsd"}
   */
  layout?: Layout;
  /**
   * Which dims rotate together; see {@linkcode Pairing}.
   *
   * @default {"half"}
   */
  pairing?: Pairing;
  /**
   * The number of leading dims of each head that rotate; the rest pass
   * through unchanged (partial rotary: GPT-NeoX `rotary_pct`, Phi
   * `partial_rotary_factor`, GPT-J `rotary_dim`). It is fixed by the
   * frequencies (`2 * invFreq.length`) or the cache (`2 * cos.shape[1]`);
   * passing it only checks that it agrees.
   *
   * @default {2 * invFreq.length}
   */
  rotaryDim?: number;
  /**
   * The position of each token: `seq` integers shared by every batch row,
   * or `batch * seq` integers ([batch, seq] row-major) when rows differ,
   * e.g. right-padded batches or packed sequences. Exclusive with `offset`.
   *
   * @default {undefined}
   */
  positions?: ArrayLike<number>;
  /**
   * Position of the first token when `positions` is not given: token `s`
   * sits at `offset + s`. For KV-cache decoding pass the number of tokens
   * already cached. Giving both `positions` and `offset` is an error.
   *
   * @default {0}
   */
  offset?: number;
  /**
   * Writes the result into `x.data` and returns `x` instead of a new tensor.
   *
   * @default {false}
   */
  inPlace?: boolean;
  /**
   * Writes the result into this tensor (x's shape; its data may be x's own,
   * but not a partly overlapping view) and returns it: no allocation, for
   * callers that reuse buffers. Exclusive with `inPlace`.
   *
   * @default {undefined}
   */
  out?: Tensor;
  /**
   * How angles are formed when `rope` is frequencies; see
   * {@linkcode AnglePrecision}. With a cache the cache decides; a different
   * value is an error.
   *
   * @default {"float32"}
   */
  angles?: AnglePrecision;
}
