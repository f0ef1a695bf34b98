/**
 * The types shared by the bias builder, the in-place adder and their private
 * helpers.
 *
 * @module
 */

/**
 * Which keys a query sees and how distance is measured:
 * - `"causal"`: decoders (BLOOM, MPT, the paper's language models). Query i
 *   sees keys j <= i' with bias `-slope·(i' - j)`; keys after it get
 *   `-Infinity`, so the bias doubles as the causal mask.
 * - `"symmetric"`: encoders and bidirectional attention (Press's
 *   encoder form, data2vec 2.0; flash-attention without `causal`): every key
 *   gets `-slope·|i' - j|`.
 *
 * i' = i + keyLength - queryLength is the query's position among the keys
 * (bottom-right alignment, as flash-attention): with a KV cache the new
 * queries are the last tokens. With queryLength = keyLength, i' = i.
 */
export type AlibiMode = "causal" | "symmetric";
