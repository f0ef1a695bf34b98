/**
 * Panel 5's numbers: what each RoPE scaling method does to every rotation
 * pair (@posenc/scaling's diagnose), and a model's config.json read by
 * ropeFromConfig.
 *
 * @module
 */

import { type RopeFrequencies, ropeFrequencies } from "@posenc/rope";
import {
  diagnose,
  type Diagnosis,
  dynamicNtkScaling,
  linearScaling,
  llama3Scaling,
  ntkAwareScaling,
  type PairStatus,
  ropeFromConfig,
  yarnScaling,
} from "@posenc/scaling";
import { MAX_DIM, MAX_SCALING_LENGTH, type PanelValues } from "./params.ts";

/** Dynamic NTK's `factor` (α): HF's documented example value. */
export const DYNAMIC_FACTOR = 2;

/** The methods compared, in legend order. */
export const METHODS = [
  { method: "default", label: "RoPE (no scaling)" },
  { method: "linear", label: "PI (linear)" },
  { method: "ntk", label: "NTK-aware" },
  { method: "dynamic", label: "Dynamic NTK (α = 2)" },
  { method: "yarn", label: "YaRN" },
  { method: "llama3", label: "Llama 3" },
] as const;

/** One rotation pair of one method. */
export interface ScalingPoint {
  /** Pair index i (0 turns fastest). */
  readonly pair: number;
  /** Plain RoPE's frequency over the method's: 1 = untouched, factor = fully interpolated. */
  readonly scale: number;
  /** Largest angle at the target length over the largest seen in training. */
  readonly angleRatio: number;
  /** diagnose's verdict for the pair. */
  readonly status: PairStatus;
}

/** One method's (or a config's) curve. */
export interface ScalingCurve {
  readonly method: string;
  readonly label: string;
  /** Multiplies cos and sin (YaRN's temperature; 1 for the others). */
  readonly attentionFactor: number;
  /** Pairs that turn past anything seen in training at the target length. */
  readonly oodPairs: number;
  /** The longest context at which no pair leaves the trained angles. */
  readonly inDistributionLength: number;
  readonly verdict: string;
  readonly points: readonly ScalingPoint[];
}

/** What a config.json says, read by ropeFromConfig and diagnosed. */
export interface ConfigReport {
  readonly ropeType: string;
  readonly headDim: number;
  readonly rotaryDim: number;
  readonly base: number;
  readonly attentionFactor: number;
  /** The pretraining context: original_max_position_embeddings, else max_position_embeddings. */
  readonly trainLength: number;
  /** max_position_embeddings, if present. */
  readonly maxPositionEmbeddings: number | null;
  /** The scaling's own factor (`rope_scaling.factor`), null for plain RoPE or none given. */
  readonly factor: number | null;
  readonly targetLength: number;
  readonly warnings: readonly string[];
  readonly curve: ScalingCurve;
}

/** Panel 5's data. */
export interface ScalingData {
  /** The methods' factor: the loaded config's own, else targetLength / trainLength. */
  readonly factor: number;
  /** Where the factor comes from. */
  readonly factorSource: "config" | "lengths";
  /** The first pair that never completes a turn in training (null if none). */
  readonly firstCriticalPair: number | null;
  readonly curves: readonly ScalingCurve[];
  /** The loaded config.json's curve, when one is loaded. */
  readonly config: ConfigReport | null;
}

function curve(method: string, label: string, diagnosis: Diagnosis): ScalingCurve {
  const { summary } = diagnosis;
  return {
    method,
    label,
    attentionFactor: diagnosis.attentionFactor,
    oodPairs: summary.outOfDistributionPairs,
    inDistributionLength: summary.inDistributionLength,
    verdict: summary.verdict,
    points: diagnosis.pairs.map((p) => ({
      pair: p.pair,
      scale: p.scale,
      angleRatio: p.angleRatio,
      status: p.status,
    })),
  };
}

function frequencies(
  method: (typeof METHODS)[number]["method"],
  values: PanelValues<"scaling">,
  factor: number,
): RopeFrequencies {
  const { base, dim, trainLength, targetLength } = values;
  switch (method) {
    case "default":
      return ropeFrequencies(dim, { base });
    case "linear":
      return linearScaling(dim, { base, factor });
    case "ntk":
      return ntkAwareScaling(dim, { base, factor });
    case "dynamic":
      // Its factor is a knob on top of the length ratio (HF's example value is 2),
      // not the ratio itself: the sequence length brings that in.
      return dynamicNtkScaling(dim, {
        base,
        factor: DYNAMIC_FACTOR,
        maxPositionEmbeddings: trainLength,
        seqLen: targetLength,
      });
    case "yarn":
      return yarnScaling(dim, { base, factor, originalMaxPositionEmbeddings: trainLength });
    case "llama3":
      return llama3Scaling(dim, { base, factor, originalMaxPositionEmbeddings: trainLength });
  }
}

/** Keys that size an array (dims) or a context (lengths), and the demo's bound on each. */
const SIZE_KEYS: Readonly<Record<string, { max: number; what: string }>> = {
  head_dim: { max: MAX_DIM, what: "dims" },
  qk_rope_head_dim: { max: MAX_DIM, what: "dims" },
  max_position_embeddings: { max: MAX_SCALING_LENGTH, what: "lengths" },
  original_max_position_embeddings: { max: MAX_SCALING_LENGTH, what: "lengths" },
};

/**
 * Refuses a config whose sizes pass the panel's bounds before anything is
 * allocated: a 55-byte body with `"head_dim": 30000000` must not build a
 * 15-million-pair table. Every nested object is checked (rope_scaling,
 * rope_parameters and its per-layer-type dicts), since that is where
 * ropeFromConfig may read them.
 *
 * @param config The parsed config.json.
 * @param path Where `config` sits, for the message.
 * @throws {RangeError} Naming the key, the bound and the value.
 */
export function checkConfigSizes(config: unknown, path = "config", depth = 0): void {
  if (config === null || typeof config !== "object" || depth > 8) return;
  const entries = Object.entries(config);
  for (const [key, value] of entries) {
    const bound = Object.hasOwn(SIZE_KEYS, key) ? SIZE_KEYS[key]! : undefined;
    if (bound !== undefined && typeof value === "number" && !(value <= bound.max)) {
      throw new RangeError(
        `Invalid ${path}.${key}: expected at most ${bound.max} (the demo's bound on ${bound.what}), got ${value}`,
      );
    }
    if (value !== null && typeof value === "object") {
      checkConfigSizes(value, `${path}.${key}`, depth + 1);
    }
  }
  // Without head_dim, the head dim is hidden_size / num_attention_heads.
  const record = config as Record<string, unknown>;
  const { hidden_size: hidden, num_attention_heads: heads } = record;
  if (
    (record.head_dim === undefined || record.head_dim === null) &&
    typeof hidden === "number" && typeof heads === "number" && heads >= 1 &&
    !(hidden / heads <= MAX_DIM)
  ) {
    throw new RangeError(
      `Invalid ${path}.hidden_size: hidden_size / num_attention_heads is the head dim, expected at most ${MAX_DIM} (the demo's bound on dims), got ${hidden} / ${heads}`,
    );
  }
}

/**
 * Reads a model's config.json with ropeFromConfig (frequencies for a
 * sequence of `targetLength` tokens, which matters for Dynamic NTK and
 * LongRoPE) and diagnoses it from its pretraining context to `targetLength`.
 *
 * @param config The parsed config.json.
 * @param targetLength The context to check.
 * @returns What the config says and its curve.
 * @throws {RangeError} For sizes past the demo's bounds ({@linkcode checkConfigSizes}).
 * @throws {TypeError | RangeError | Error} ropeFromConfig's errors for a bad config.
 */
export function computeConfig(config: unknown, targetLength: number): ConfigReport {
  checkConfigSizes(config);
  const rope = ropeFromConfig(config, { seqLen: targetLength });
  const trainLength = rope.originalMaxPositionEmbeddings ?? rope.maxPositionEmbeddings;
  if (trainLength === undefined) {
    throw new TypeError(
      'Invalid config: expected "original_max_position_embeddings" or "max_position_embeddings" to know the training length',
    );
  }
  const diagnosis = diagnose(rope, { trainLength, targetLength, base: rope.base });
  return {
    ropeType: rope.ropeType,
    headDim: rope.headDim,
    rotaryDim: rope.rotaryDim,
    base: rope.base,
    attentionFactor: rope.attentionFactor,
    trainLength,
    maxPositionEmbeddings: rope.maxPositionEmbeddings ?? null,
    factor: typeof rope.ropeParameters.factor === "number" && rope.ropeType !== "default"
      ? rope.ropeParameters.factor
      : null,
    targetLength,
    warnings: rope.warnings,
    curve: curve("config", `config.json (${rope.ropeType})`, diagnosis),
  };
}

/**
 * Compares the scaling methods for one base, rotary dim and pair of lengths.
 * Their factor is the loaded config's own when it has one (so "Llama 3" and
 * a Llama 3.1 config.json draw the same curve), else the one that stretches
 * the training length to the target.
 *
 * @param values The panel's parameters.
 * @param config A parsed config.json to add as a curve, if any.
 * @returns One curve per method (and the config's).
 */
export function computeScaling(values: PanelValues<"scaling">, config?: unknown): ScalingData {
  const { base, trainLength, targetLength } = values;
  const options = { trainLength, targetLength, base };
  const report = config === undefined ? null : computeConfig(config, targetLength);
  const factor = report?.factor ?? targetLength / trainLength;
  const curves = METHODS.map(({ method, label }) =>
    curve(method, label, diagnose(frequencies(method, values, factor), options))
  );
  const plain = diagnose(ropeFrequencies(values.dim, { base }), options);
  return {
    factor,
    factorSource: report?.factor == null ? "lengths" : "config",
    firstCriticalPair: plain.summary.firstCriticalPair,
    curves,
    config: report,
  };
}
