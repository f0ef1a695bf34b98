/**
 * The types that name a sinusoidal variant, shared by the table, the adder
 * and their private helpers.
 *
 * @module
 */

/**
 * Where the sin and cos of each frequency go in a row:
 * - `"interleaved"`: sin at column 2k, cos at 2k + 1 (the paper, Hugging
 *   Face DistilBERT/XLM).
 * - `"concat"`: all sines first, then all cosines (Hugging Face Marian and
 *   Pegasus, tensor2tensor, fairseq).
 */
export type SinusoidalLayout = "interleaved" | "concat";

/**
 * How frequency k of `dim / 2` falls from 1 to about 1/base:
 * - `"vaswani"`: `base^(-2k / dim)` (the paper, Hugging Face); the last
 *   frequency is `base^(-(dim - 2) / dim)`.
 * - `"tensor2tensor"`: `exp(-k ln(base) / (dim / 2 - 1))` (tensor2tensor's
 *   `get_timing_signal_1d`, fairseq); the last frequency is exactly 1/base.
 */
export type SinusoidalExponent = "vaswani" | "tensor2tensor";

/** The options that pick a sinusoidal variant, shared by the table and the adder. */
export interface SinusoidalFormatOptions {
  /**
   * The longest wavelength's scale (`max_timescale` in tensor2tensor).
   *
   * @default {10000}
   */
  base?: number;
  /**
   * Column order: sin/cos interleaved or in two halves.
   *
   * @default {"interleaved"}
   */
  layout?: SinusoidalLayout;
  /**
   * Frequency spacing: the paper's `2k / dim` or tensor2tensor's `k / (dim/2 - 1)`.
   *
   * @default {"vaswani"}
   */
  exponent?: SinusoidalExponent;
}
