import type { Layout, Tensor } from "@posenc/tensor";
import type { AnglePrecision, Pairing, RopeCache, RopeFrequencies } from "@posenc/rope";

/**
 * RoPE applied to q and k inside attention: the same rotation as
 * `@posenc/rope`'s `applyRope` (float32 angles, cos and sin times the
 * frequencies' attentionFactor, so only the rotated dims are scaled).
 *
 * Positions: by default keys sit at `offset + j` and queries at
 * `offset + kSeq - qSeq + i` (bottom-right alignment: the queries are the
 * last tokens of the key sequence). `positions` gives the keys' positions
 * explicitly (`kSeq` integers shared by the batch, or `batch * kSeq`), and
 * the queries then take the last `qSeq` of each row of them unless
 * `queryPositions` says otherwise. Positions move only the rotation: the
 * causal mask and ALiBi distances follow token indices (bottom-right
 * aligned), as flash-attention's `causal` and `alibi_slopes` do.
 *
 * `cache` replaces `frequencies` with a precomputed `RopeCache` (exactly
 * one of the two): positions then index its rows, which is how M-RoPE
 * (Qwen2-VL's `multimodalRopeCache`) runs fused in attention.
 *
 * @example M-RoPE through a multimodal cache
 * ```ts
 * import { attentionReference } from "@posenc/attention-gpu";
 * import { applyRope, mropePositions, multimodalRopeCache, ropeFrequencies } from "@posenc/rope";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 *
 * // 2 text tokens, a 4 x 4 patch image (2 x 2 tokens), 1 text token; sections of 16 pairs.
 * const positions = mropePositions([{ text: 2 }, { image: [1, 4, 4] }, { text: 1 }]);
 * const cache = multimodalRopeCache(ropeFrequencies(32), positions, { section: [4, 6, 6] });
 * const q = randomNormal([1, 2, 7, 32], { seed: 1 });
 * const k = randomNormal([1, 2, 7, 32], { seed: 2 });
 * const out = attentionReference(q, k, k, { causal: true, rope: { cache } });
 * const want = attentionReference(applyRope(q, cache), applyRope(k, cache), k, { causal: true });
 * assertAllClose(out, want, { atol: 1e-6 });
 * ```
 */
export interface AttentionRopeOptions {
  /**
   * The frequencies (from `@posenc/rope`'s `ropeFrequencies` or
   * `@posenc/scaling`). Exclusive with `cache`.
   *
   * @default {undefined}
   */
  readonly frequencies?: RopeFrequencies;
  /**
   * A precomputed `RopeCache` in place of `frequencies` (exactly one of the
   * two): `ropeCache(frequencies, n)`, or `multimodalRopeCache` for M-RoPE
   * (Qwen2-VL), whose row t rotates token t. A token's position is then an
   * index into the cache's rows, as `@posenc/rope`'s `applyRope` reads a
   * cache (the row holding that position when the cache lists positions); a
   * position past the cache is a RangeError. The cos and sin are used as
   * they are (they already include the attention factor), the rotary dim is
   * `2 * cache.cos.shape[1]`, and `angles` must be omitted (the cache fixed
   * them when built).
   *
   * @default {undefined}
   */
  readonly cache?: RopeCache;
  /**
   * Which dims rotate together: `"half"` pairs `i` with `i + rotaryDim / 2`
   * (Hugging Face `rotate_half`, Llama, NeoX), `"interleaved"` pairs `2i`
   * with `2i + 1` (GPT-J, Meta's complex form).
   *
   * @default {"half"}
   */
  readonly pairing?: Pairing;
  /**
   * Number of leading dims of each head that rotate (the rest pass through);
   * fixed by the frequencies, so passing it only checks that it agrees.
   *
   * @default {2 * frequencies.invFreq.length}
   */
  readonly rotaryDim?: number;
  /**
   * Positions of the keys: `kSeq` non-negative integers shared by every
   * batch row, or `batch * kSeq` ([batch, kSeq] row-major). Exclusive with
   * `offset`.
   *
   * @default {undefined}
   */
  readonly positions?: ArrayLike<number>;
  /**
   * Positions of the queries: `qSeq` or `batch * qSeq` integers. By default
   * the last `qSeq` key positions of each row.
   *
   * @default {undefined}
   */
  readonly queryPositions?: ArrayLike<number>;
  /**
   * Position of the first key when `positions` is not given (the number of
   * tokens before this chunk).
   *
   * @default {0}
   */
  readonly offset?: number;
  /**
   * How the angle `position * invFreq[i]` is formed: `"float32"` as Hugging
   * Face does (positions <= 2^24), or `"float64"`.
   *
   * @default {"float32"}
   */
  readonly angles?: AnglePrecision;
}

/** Options shared by {@linkcode attentionReference} and `GpuAttention.attention`. */
export interface AttentionOptions {
  /**
   * Axis order of q, k, v and the output: `"bhsd"` = [batch, heads, seq,
   * headDim] or `"bshd"` = [batch, seq, heads, headDim].
   *
   * @default {"bhsd"}
   */
  readonly layout?: Layout;
  /**
   * Masks key j for query i when j > i + kSeq - qSeq (bottom-right
   * alignment, as flash-attention): with qSeq > kSeq the first rows see no
   * key and are 0.
   *
   * @default {false}
   */
  readonly causal?: boolean;
  /**
   * Multiplies q·k, exactly once.
   *
   * @default {1 / Math.sqrt(headDim)}
   */
  readonly scale?: number;
  /**
   * Rotary position embedding applied to q and k first.
   *
   * @default {undefined}
   */
  readonly rope?: AttentionRopeOptions;
  /**
   * One ALiBi slope per query head (e.g. `@posenc/alibi`'s `alibiSlopes`):
   * adds `-slope * |i + kSeq - qSeq - j|` to the scaled logit, as
   * flash-attention's `alibi_slopes` does; under a causal mask that is
   * `slope * (j - i')` on every visible key.
   *
   * @default {undefined}
   */
  readonly alibiSlopes?: ArrayLike<number>;
  /**
   * Sliding-window attention (Mistral, Gemma 2/3, gpt-oss): with `causal`,
   * the query at position `p = i + kSeq - qSeq` sees key j only when
   * `p - slidingWindow < j <= p`, i.e. itself and the `slidingWindow - 1`
   * keys before it (Hugging Face's `sliding_window_causal_mask_function`).
   * Needs `causal: true`. Kernels skip the keys outside the window, so the
   * work grows with the window, not with the sequence.
   *
   * @default {undefined}
   */
  readonly slidingWindow?: number;
  /**
   * Attention sinks (gpt-oss): one logit per query head that joins the
   * softmax's denominator without a value, so a row's weights are
   * `exp(s_j - m) / (Σ_j exp(s_j - m) + exp(sink_h - m))`, m the maximum of
   * the row's visible logits and the sink. A row that sees no key is 0.
   *
   * @default {undefined}
   */
  readonly sinks?: ArrayLike<number>;
  /**
   * Logit soft-capping (Gemma 2): each scaled logit `s` becomes
   * `softcap * tanh(s / softcap)`, before ALiBi, `bias` and the masks.
   *
   * @default {undefined}
   */
  readonly softcap?: number;
  /**
   * Left padding per batch row (batched generation of prompts of different
   * lengths): `batch` integers, the number of leading keys of each row that
   * are padding and are hidden from every query of that row. A query row
   * that sees no key is 0. RoPE positions are unchanged (pass
   * `rope.positions` to start each row's positions after its padding).
   *
   * @default {undefined}
   */
  readonly leftPadding?: ArrayLike<number>;
  /**
   * An additive bias on the logits (T5's relative buckets, Shaw-style or
   * learned biases, an additive mask): a rank-4 tensor `[1 | batch, 1 | heads,
   * qSeq, kSeq]` in this axis order whatever the layout (dims of 1
   * broadcast). It is added after the scale and `softcap`, with ALiBi, before
   * the masks; `-Infinity` (or any value at or below -1e30) hides a key, and a
   * row whose every key is hidden is 0.
   *
   * @default {undefined}
   */
  readonly bias?: Tensor;
}
