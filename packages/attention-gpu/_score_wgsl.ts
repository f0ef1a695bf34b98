/**
 * The WGSL pieces every attention kernel with masks and score features
 * shares: the masked-score sentinel, NaN-aware probabilities and
 * normalisation, the soft-cap, and the pipeline-key fragment of the
 * optional features.
 */

/** Finite "minus infinity" for masked scores (WGSL may assume no Inf). */
export const SENTINEL = -1e30;

/** The `window` uniform of a call without a sliding window (wider than any sequence). */
export const NO_WINDOW = 0x40000000;

/**
 * WGSL helpers every attention kernel with masks or NaN handling shares:
 * `isNan` tests the bits (comparisons and max() may drop a NaN), `capped`
 * soft-caps a log2-domain score (tanh saturates to +-1 in float32 past 9,
 * and the clamp keeps exp-based tanh from overflowing), and `biasHides`
 * says whether a bias value masks its key (at or below -1e30, -Infinity
 * included; a NaN does not mask, it propagates).
 */
export const SCORE_HELPERS = `fn isNan(x: f32) -> bool {
  return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u;
}
fn isNan4(x: vec4<f32>) -> vec4<bool> {
  return (bitcast<vec4<u32>>(x) & vec4<u32>(0x7fffffffu)) > vec4<u32>(0x7f800000u);
}
fn capped(x: f32, cap: f32) -> f32 {
  return select(cap * tanh(clamp(x / cap, -9.0, 9.0)), x, isNan(x));
}
fn biasHides(x: f32) -> bool {
  return x <= ${SENTINEL} && !isNan(x);
}
`;

/** A probability from a score and its tile maximum: 0 when masked, NaN when the score is NaN. */
export function probability(score: string, max: string): string {
  return `select(select(0.0, exp2(${score} - ${max}), ${score} > ${
    SENTINEL / 2
  }), ${score}, isNan(${score}))`;
}

/** 1 / total, 0 for an empty row, NaN when the total is NaN. */
export function inverse(total: string): string {
  return `select(select(0.0, 1.0 / ${total}, ${total} > 0.0), ${total}, isNan(${total}))`;
}

/** The key fragment of the optional score features ("" when none, so old keys stay). */
export function featuresKey(p: {
  softcap?: boolean;
  sinks?: boolean;
  padding?: boolean;
  bias?: boolean;
}): string {
  const on = (["softcap", "sinks", "padding", "bias"] as const).filter((f) => p[f]);
  return on.length === 0 ? "" : `:${on.join("+")}`;
}
