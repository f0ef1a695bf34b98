import type { RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOptions, formatValue, type OptionKeys } from "@posenc/tensor/validate";
import { ropeInvFreq } from "./_float32.ts";
import { checkBase } from "./_validate.ts";

/** Options for {@linkcode diagnose}. */
export interface DiagnoseOptions {
  /**
   * The context the model was pretrained on with plain RoPE: usually
   * `original_max_position_embeddings`, else `max_position_embeddings`.
   */
  trainLength: number;
  /** The context you want to run at. */
  targetLength: number;
  /** The base θ of the plain RoPE the model was trained with (`rope_theta`). */
  base: number;
}

/**
 * Where a rotation pair stands at the target length:
 *
 * - `"periodic"`: it completed at least one full turn within the training
 *   context, so it has seen every angle; longer contexts add nothing new.
 * - `"in-range"`: it never completed a turn in training, but at the target
 *   length it still stays within the largest angle seen in training.
 * - `"out-of-distribution"`: it never completed a turn in training and at
 *   the target length it turns past anything seen in training. These pairs
 *   are what breaks extrapolation.
 * - `"static"`: frequency 0 (proportional RoPE's non-rotating pairs).
 */
export type PairStatus = "periodic" | "in-range" | "out-of-distribution" | "static";

/** The diagnosis of one rotation pair; angles in radians, lengths in tokens. */
export interface PairDiagnosis {
  /** Pair index i (dims i and i + rotaryDim/2 in the half layout). */
  readonly pair: number;
  /** The scaled inverse frequency (radians per token). */
  readonly invFreq: number;
  /** Plain RoPE's inverse frequency for this pair: `1 / base^(2i / rotaryDim)` (HF's float32 value). */
  readonly plainInvFreq: number;
  /** Tokens per full turn with the scaled frequency: `2π / invFreq` (Infinity when static). */
  readonly wavelength: number;
  /** Tokens per full turn in plain RoPE: `2π / plainInvFreq`. */
  readonly plainWavelength: number;
  /**
   * `plainInvFreq / invFreq`: how many times slower than plain RoPE the pair
   * turns. 1 = untouched (extrapolated), s = positions interpolated by s.
   */
  readonly scale: number;
  /** Full turns completed within the training context: `trainLength / plainWavelength`. */
  readonly trainRotations: number;
  /** Largest angle seen in training: `trainLength * plainInvFreq`. */
  readonly trainAngle: number;
  /** Largest angle at the target length: `targetLength * invFreq`. */
  readonly targetAngle: number;
  /** `targetAngle / trainAngle`: above 1 the pair turns further than in training. */
  readonly angleRatio: number;
  /**
   * The longest context (whole tokens) whose angles this pair saw in
   * training, for a pair that never completed a turn: `trainLength * scale`
   * read through float32's rounding, i.e. the roundest whole number within a
   * relative 1e-6 of it (8,000,000 rather than 8,000,007 for a scale of 1000
   * that float32 frequencies put a few ulps off). `status` is
   * out-of-distribution exactly when `targetLength > inDistributionLength`.
   * Infinity for periodic and static pairs.
   */
  readonly inDistributionLength: number;
  /** See {@linkcode PairStatus}. */
  readonly status: PairStatus;
}

/** Counts and limits over all pairs. */
export interface DiagnosisSummary {
  /** Number of rotation pairs (rotaryDim / 2). */
  readonly pairs: number;
  /** Pairs that keep plain RoPE's frequency (scale within 1e-6 of 1). */
  readonly untouchedPairs: number;
  /** Pairs that complete at least one turn within the training context. */
  readonly periodicPairs: number;
  /**
   * Pairs that never complete a turn in training (plain wavelength longer
   * than trainLength): the only ones that can leave the trained range.
   */
  readonly criticalPairs: number;
  /** The first critical pair (lower-frequency pairs follow), or null. */
  readonly firstCriticalPair: number | null;
  /** Critical pairs that turn past their largest trained angle at the target length. */
  readonly outOfDistributionPairs: number;
  /** Their indices. */
  readonly outOfDistribution: readonly number[];
  /** Pairs with frequency 0. */
  readonly staticPairs: number;
  /** The largest `angleRatio` among critical pairs (1 when there are none). */
  readonly maxAngleRatio: number;
  /**
   * The longest context at which no pair leaves the trained angles: the
   * smallest `inDistributionLength` (Infinity when no pair is critical).
   */
  readonly inDistributionLength: number;
  /** One or two sentences an ML engineer can act on. */
  readonly verdict: string;
}

/** What {@linkcode diagnose} returns. */
export interface Diagnosis {
  /** The training context the angles are compared with. */
  readonly trainLength: number;
  /** The context being checked. */
  readonly targetLength: number;
  /** Twice the number of pairs. */
  readonly rotaryDim: number;
  /** The frequencies' attention factor (multiplies cos and sin; logits by its square). */
  readonly attentionFactor: number;
  /** One entry per rotation pair, highest frequency first. */
  readonly pairs: readonly PairDiagnosis[];
  /** Totals and the verdict. */
  readonly summary: DiagnosisSummary;
}

// Frequencies are float32: a pair exactly at the boundary (PI with factor
// target/train) may overshoot its trained angle by an ulp of rounding.
const TOLERANCE = 1e-6;

/**
 * The whole number of tokens up to which a pair stays within its trained
 * angles, `length = trainLength * scale`, read through float32's rounding:
 * the roundest integer (fewest significant digits) within a relative
 * {@linkcode TOLERANCE} of it. A scale of exactly 1000 computed from float32
 * frequencies lands a few ulps off, and 8,000,000 is the honest answer where
 * floor(8e6 * (1 + 1e-6)) would print 8,000,007.
 */
function roundestLength(length: number): number {
  const low = Math.ceil(length * (1 - TOLERANCE));
  const high = Math.floor(length * (1 + TOLERANCE));
  if (high <= low) return high;
  for (let step = 10 ** Math.floor(Math.log10(high)); step >= 1; step /= 10) {
    const candidate = Math.floor(high / step) * step;
    if (candidate >= low) return candidate;
  }
  return high;
}

function formatTokens(n: number): string {
  return Number.isFinite(n) ? Math.floor(n).toLocaleString("en-US") : "any length";
}

function range(indices: readonly number[]): string {
  if (indices.length === 0) return "none";
  const contiguous = indices.every((v, k) => k === 0 || v === indices[k - 1]! + 1);
  if (indices.length === 1) return `pair ${indices[0]}`;
  return contiguous
    ? `pairs ${indices[0]}-${indices[indices.length - 1]}`
    : `pairs ${indices.join(", ")}`;
}

function verdictOf(summary: Omit<DiagnosisSummary, "verdict">, options: DiagnoseOptions): string {
  const train = formatTokens(options.trainLength);
  const target = formatTokens(options.targetLength);
  if (summary.criticalPairs === 0) {
    return `Every rotating pair completes a full turn within ${train} tokens, so no angle at ${target} tokens is new.`;
  }
  if (summary.outOfDistributionPairs === 0) {
    return `In distribution at ${target} tokens: the ${summary.criticalPairs} pairs that never complete a turn within ${train} tokens are slowed enough (angles stay within training up to ${
      formatTokens(summary.inDistributionLength)
    } tokens).`;
  }
  return `${summary.outOfDistributionPairs} of ${summary.pairs} pairs (${
    range(summary.outOfDistribution)
  }) turn past any angle seen in training at ${target} tokens, up to ${
    summary.maxAngleRatio.toFixed(2)
  }x the largest angle of the original pretraining (${train} tokens): beyond ${
    formatTokens(summary.inDistributionLength)
  } tokens these angles are new to the pretrained model. Long-context training at the target length with these frequencies (as Llama 3.1 and Qwen2 had) covers them; without it, expect degraded attention there.`;
}

const OPTION_KEYS: OptionKeys<DiagnoseOptions> = {
  trainLength: true,
  targetLength: true,
  base: true,
};

/**
 * Explains what a RoPE scaling does to each rotation pair, and whether a
 * model can run at `targetLength` without meeting rotation angles it never
 * saw in training.
 *
 * Definitions (angles in radians, lengths in tokens, pair i of
 * `invFreq.length`): the model was trained with plain RoPE
 * (`plainInvFreq[i] = 1 / base^(2i / rotaryDim)`, HF's float32 values) on
 * `trainLength` tokens, so the largest angle pair i saw is `trainAngle =
 * trainLength * plainInvFreq[i]` (the YaRN paper's convention `r = L / λ`;
 * it exceeds the largest relative distance, trainLength - 1, by one token's
 * angle). At the target the largest angle is `targetAngle = targetLength *
 * invFreq[i]`. A pair whose `trainAngle >= 2π` has seen every phase
 * (periodic); one whose `trainAngle < 2π` is critical, and it is out of
 * distribution when `targetAngle > trainAngle`, i.e. when `targetLength`
 * exceeds `trainLength * scale` (read to the roundest whole number within a
 * relative 1e-6, for float32 rounding: `inDistributionLength`). That is why plain RoPE breaks past its training length
 * (its critical pairs all go out of distribution), why PI with
 * `factor >= target / train` and YaRN do not, and why NTK-aware scaling
 * needs a factor larger than the extension ratio.
 *
 * @param frequencies Any {@linkcode RopeFrequencies}, e.g. from {@linkcode ropeFromConfig}.
 * @param options The training context, the target context and the base of the plain RoPE trained with.
 * @returns Per-pair diagnostics and a summary with a verdict.
 * @throws {TypeError} If frequencies is not a RopeFrequencies or an option has the wrong type.
 * @throws {RangeError} If a length is not an integer >= 1, the base is not a finite number > 0, or a frequency is negative or not finite.
 *
 * @example Usage
 * ```ts
 * import { diagnose, linearScaling } from "@posenc/scaling";
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const options = { trainLength: 4096, targetLength: 16384, base: 10000 };
 * const plain = diagnose(ropeFrequencies(128, { base: 10000 }), options);
 * assert.equal(plain.summary.firstCriticalPair, 46); // 10000^(92/128) * 2π > 4096
 * assert.equal(plain.summary.outOfDistributionPairs, 18); // pairs 46-63
 * assert.equal(plain.summary.inDistributionLength, 4096);
 *
 * const pi = diagnose(linearScaling(128, { base: 10000, factor: 4 }), options);
 * assert.equal(pi.summary.outOfDistributionPairs, 0);
 * assert.equal(pi.pairs[63]!.scale, 4);
 * ```
 */
export function diagnose(frequencies: RopeFrequencies, options: DiagnoseOptions): Diagnosis {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  const invFreq = (frequencies as Partial<RopeFrequencies> | null)?.invFreq;
  if (!(invFreq instanceof Float32Array) || invFreq.length === 0) {
    throw new TypeError(
      `Invalid frequencies: expected RopeFrequencies with a non-empty Float32Array invFreq, got ${
        formatValue(invFreq ?? frequencies)
      }`,
    );
  }
  const attentionFactor = frequencies.attentionFactor;
  if (typeof attentionFactor !== "number" || !Number.isFinite(attentionFactor)) {
    throw new TypeError(
      `Invalid frequencies.attentionFactor: expected a finite number, got ${
        formatValue(attentionFactor)
      }`,
    );
  }
  const trainLength = checkInteger("trainLength", options.trainLength, { min: 1 });
  const targetLength = checkInteger("targetLength", options.targetLength, { min: 1 });
  if (options.base === undefined) {
    throw new TypeError(
      "Invalid base: expected the rope_theta plain RoPE was trained with (a finite number > 0), got undefined",
    );
  }
  const base = checkBase(options.base);
  const n = invFreq.length;
  const plain = ropeInvFreq(base, n, 2 * n);
  const pairs: PairDiagnosis[] = [];
  for (let i = 0; i < n; i++) {
    const inv = invFreq[i]!;
    if (!Number.isFinite(inv) || inv < 0) {
      throw new RangeError(
        `Invalid frequencies.invFreq[${i}]: expected a finite number >= 0, got ${inv}`,
      );
    }
    const plainInv = plain[i]!;
    const trainAngle = trainLength * plainInv;
    const targetAngle = targetLength * inv;
    const scale = inv === 0 ? Infinity : plainInv / inv;
    let status: PairStatus;
    if (inv === 0) status = "static";
    else if (trainAngle >= 2 * Math.PI) status = "periodic";
    else if (targetLength > roundestLength(trainLength * scale)) status = "out-of-distribution";
    else status = "in-range";
    pairs.push({
      pair: i,
      invFreq: inv,
      plainInvFreq: plainInv,
      wavelength: inv === 0 ? Infinity : 2 * Math.PI / inv,
      plainWavelength: 2 * Math.PI / plainInv,
      scale,
      trainRotations: trainAngle / (2 * Math.PI),
      trainAngle,
      targetAngle,
      angleRatio: targetAngle / trainAngle,
      inDistributionLength: status === "periodic" || status === "static"
        ? Infinity
        : roundestLength(trainLength * scale),
      status,
    });
  }
  const critical = pairs.filter((p) =>
    p.status === "in-range" || p.status === "out-of-distribution"
  );
  const outOfDistribution = pairs.filter((p) => p.status === "out-of-distribution").map((p) =>
    p.pair
  );
  const partial = {
    pairs: n,
    untouchedPairs: pairs.filter((p) => Math.abs(p.scale - 1) <= TOLERANCE).length,
    periodicPairs: pairs.filter((p) => p.status === "periodic").length,
    criticalPairs: critical.length,
    firstCriticalPair: critical.length > 0 ? critical[0]!.pair : null,
    outOfDistributionPairs: outOfDistribution.length,
    outOfDistribution,
    staticPairs: pairs.filter((p) => p.status === "static").length,
    maxAngleRatio: critical.reduce((m, p) => Math.max(m, p.angleRatio), critical.length ? 0 : 1),
    inDistributionLength: critical.reduce((m, p) => Math.min(m, p.inDistributionLength), Infinity),
  };
  return {
    trainLength,
    targetLength,
    rotaryDim: 2 * n,
    attentionFactor,
    pairs,
    summary: { ...partial, verdict: verdictOf(partial, options) },
  };
}
