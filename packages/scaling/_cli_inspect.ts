import { checkInteger, checkOptions, type OptionKeys } from "@posenc/tensor/validate";
import { num, tokens } from "./_cli_text.ts";
import type { InspectOptions, InspectReport } from "./_cli_types.ts";
import { type RopeConfig, ropeFromConfig } from "./config.ts";
import { diagnose } from "./diagnose.ts";

const OPTION_KEYS: OptionKeys<InspectOptions> = {
  targetLength: true,
  seqLen: true,
  trainLength: true,
  layerType: true,
};

/** A length option: undefined, or a whole number of tokens >= 1. */
function optionalLength(name: string, value: unknown): number | undefined {
  return value === undefined
    ? undefined
    : checkInteger(name, value, { min: 1, max: Number.MAX_SAFE_INTEGER });
}

/**
 * The default context to check, and where it came from: the length the
 * scaling reaches (`original_max_position_embeddings * factor`) when the
 * config declares it beyond `max_position_embeddings`, else the latter.
 */
function defaultTarget(rope: RopeConfig): [length: number | undefined, from: string] {
  const original = rope.originalMaxPositionEmbeddings;
  const factor = rope.ropeParameters.factor;
  const max = rope.maxPositionEmbeddings;
  if (original !== undefined && typeof factor === "number" && factor > 1) {
    const reach = Math.round(original * factor);
    if (max === undefined || reach > max) {
      return [reach, "original_max_position_embeddings x factor"];
    }
  }
  return [max, "max_position_embeddings"];
}

/**
 * The CLI's report for a parsed config.json: {@linkcode ropeFromConfig}
 * at `seqLen`, then {@linkcode diagnose} from `trainLength` to `targetLength`.
 *
 * @param config A parsed config.json.
 * @param options Target, sequence and training lengths; layer type.
 * @returns The report the CLI prints.
 * @throws {TypeError} If the config is not an object or lacks a required
 * key, or options has an unknown key.
 * @throws {RangeError} If a value is out of range (a length option that is
 * not a whole number >= 1 is named as given: targetLength, seqLen,
 * trainLength), or a length has no default (no max_position_embeddings).
 *
 * @example Usage
 * ```ts
 * import { inspectConfig } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const report = inspectConfig({
 *   head_dim: 64,
 *   max_position_embeddings: 131072,
 *   rope_theta: 150000,
 *   rope_scaling: {
 *     rope_type: "yarn",
 *     factor: 32,
 *     original_max_position_embeddings: 4096,
 *     beta_fast: 32,
 *     beta_slow: 1,
 *     truncate: false,
 *   },
 * });
 * assert.equal(report.trainLength, 4096);
 * assert.equal(report.targetLength, 131072);
 * assert.equal(report.diagnosis.summary.outOfDistributionPairs, 0);
 * ```
 */
export function inspectConfig(config: unknown, options: InspectOptions = {}): InspectReport {
  checkOptions("options", options, { allowed: OPTION_KEYS });
  const targetOption = optionalLength("targetLength", options.targetLength);
  const seqLenOption = optionalLength("seqLen", options.seqLen);
  const trainOption = optionalLength("trainLength", options.trainLength);
  const peek = ropeFromConfig(
    config,
    options.layerType === undefined ? {} : { layerType: options.layerType },
  );
  const [defaultLength, defaultFrom] = defaultTarget(peek);
  const targetLength = targetOption ?? defaultLength;
  const targetLengthFrom = targetOption === undefined ? defaultFrom : "--target-length";
  if (targetLength === undefined) {
    throw new RangeError(
      "Invalid targetLength: the config has no max_position_embeddings to default to; pass --target-length",
    );
  }
  const seqLen = seqLenOption ?? targetLength;
  const rope = ropeFromConfig(config, {
    seqLen,
    ...(options.layerType === undefined ? {} : { layerType: options.layerType }),
  });
  let trainLength: number | undefined = trainOption;
  let trainLengthFrom = "--train-length";
  if (trainLength === undefined) {
    if (rope.originalMaxPositionEmbeddings !== undefined) {
      trainLength = rope.originalMaxPositionEmbeddings;
      trainLengthFrom = "original_max_position_embeddings";
    } else if (rope.maxPositionEmbeddings !== undefined) {
      trainLength = rope.maxPositionEmbeddings;
      trainLengthFrom = "max_position_embeddings";
    } else {
      throw new RangeError(
        "Invalid trainLength: the config has no max_position_embeddings to default to; pass --train-length",
      );
    }
  }
  const notes: string[] = [];
  const params = rope.ropeParameters;
  const mscaleAllDim = params.mscale_all_dim;
  const factor = params.factor;
  if (
    rope.ropeType === "yarn" && typeof mscaleAllDim === "number" && mscaleAllDim !== 0 &&
    typeof factor === "number" && factor > 1
  ) {
    const m = 0.1 * mscaleAllDim * Math.log(factor) + 1;
    notes.push(
      `DeepSeek-style attention (mscale_all_dim set) also multiplies the softmax scale by (0.1 x ${mscaleAllDim} x ln ${factor} + 1)^2 = ${
        num(m * m, 6)
      } in the model code, outside RoPE`,
    );
  }
  if (rope.ropeType === "dynamic" && rope.ntkAlpha === undefined) {
    notes.push(
      "dynamic NTK changes the frequencies as the sequence grows: keys cached at shorter lengths keep the old rotation (transformers #25104)",
    );
  }
  if (rope.ropeType === "longrope") {
    notes.push(
      `longrope switches to the long factors once the sequence exceeds ${
        tokens(rope.originalMaxPositionEmbeddings!)
      } tokens; keys cached before the switch used the short ones (HF re-prefills, transformers #33129)`,
    );
  }
  if (rope.mropeSection !== undefined) {
    notes.push(
      "M-RoPE: each token has three position ids (temporal, height, width) and each pair turns with one of them; text tokens have all three equal, so for text the table below holds as is",
    );
  }
  return {
    ropeType: rope.ropeType,
    headDim: rope.headDim,
    rotaryDim: rope.rotaryDim,
    base: rope.base,
    attentionFactor: rope.attentionFactor,
    layerType: rope.layerType,
    seqLen,
    trainLength,
    trainLengthFrom,
    targetLength,
    targetLengthFrom,
    warnings: rope.warnings,
    notes,
    diagnosis: diagnose(rope, { trainLength, targetLength, base: rope.base }),
    ...(rope.mropeSection === undefined ? {} : { mropeSection: rope.mropeSection }),
    ...(rope.mropeInterleaved === undefined ? {} : { mropeInterleaved: rope.mropeInterleaved }),
    ...(rope.ntkAlpha === undefined ? {} : { ntkAlpha: rope.ntkAlpha }),
    ...(rope.localBase === undefined ? {} : { localBase: rope.localBase }),
    ...(rope.ropeLayers === undefined ? {} : { ropeLayers: rope.ropeLayers }),
  };
}
