import type { RopeFrequencies } from "@posenc/rope";
import { checkBoolean } from "@posenc/tensor/validate";
import type { ParamReader } from "./_config_validate.ts";
import { ropeInvFreq } from "./_float32.ts";
import { finish } from "./_validate.ts";
import { llama3Scaling } from "./llama3.ts";
import { longropeScaling } from "./longrope.ts";
import type { RopeType } from "./types.ts";
import { yarnScaling } from "./yarn.ts";

/** The error for a key a rope type needs (named with the type and why). */
export function missing(key: string, ropeType: RopeType, why: string): TypeError {
  return new TypeError(
    `Invalid config: rope_type ${JSON.stringify(ropeType)} needs "${key}" ${why}, which is missing`,
  );
}

/** What every per-type reader gets besides the parameter dict. */
export interface Context {
  rotaryDim: number;
  base: number;
  original: number;
  maxPositionEmbeddings: number | undefined;
  warnings: string[];
}

/** YaRN from its parameter dict, with transformers' defaults and warnings. */
export function yarnFromParams(
  read: ParamReader,
  context: Context & { perLayer: boolean },
): RopeFrequencies {
  const { rotaryDim, base, original, maxPositionEmbeddings, warnings } = context;
  const implicit = maxPositionEmbeddings === undefined
    ? undefined
    : maxPositionEmbeddings / original;
  let factor: number;
  if (read.raw("factor") === null) {
    if (implicit === undefined) {
      throw missing("max_position_embeddings", "yarn", "(factor is null, so it derives it)");
    }
    factor = implicit;
    warnings.push(
      `${
        read.name("factor")
      } is null: using max_position_embeddings / original_max_position_embeddings = ${implicit}, as transformers 5 does (transformers 4.x fails on it)`,
    );
  } else {
    factor = read.factor("factor", warnings);
    if (implicit !== undefined && implicit !== factor && implicit !== 1) {
      warnings.push(
        `${
          read.name("factor")
        } is ${factor} but max_position_embeddings / original_max_position_embeddings is ${implicit}: the explicit factor is used; check original_max_position_embeddings`,
      );
    }
  }
  const attentionFactor = read.optionalNumber("attention_factor");
  if (attentionFactor !== undefined && attentionFactor < 0) {
    throw new RangeError(
      `Invalid ${read.name("attention_factor")}: expected a number >= 0, got ${attentionFactor}`,
    );
  }
  // HF reads `beta or default`: null and 0 mean the default.
  const betaFast = read.optionalNumber("beta_fast") || undefined;
  const betaSlow = read.optionalNumber("beta_slow") || undefined;
  if (betaFast !== undefined && betaFast < 0) {
    throw new RangeError(
      `Invalid ${read.name("beta_fast")}: expected a number > 0, got ${betaFast}`,
    );
  }
  if (betaSlow !== undefined && betaSlow < 0) {
    throw new RangeError(
      `Invalid ${read.name("beta_slow")}: expected a number > 0, got ${betaSlow}`,
    );
  }
  if ((betaFast ?? 32) < (betaSlow ?? 1)) {
    warnings.push(
      `${read.name("beta_fast")} (${betaFast ?? "default 32"}) is below beta_slow (${
        betaSlow ?? "default 1"
      }): the ramp runs backwards`,
    );
  }
  const mscale = read.optionalNumber("mscale");
  const mscaleAllDim = read.optionalNumber("mscale_all_dim");
  const rawTruncate = read.raw("truncate");
  let truncate = true;
  if (rawTruncate === null) {
    truncate = false;
    warnings.push(`${read.name("truncate")} is null, which transformers reads as false`);
  } else if (rawTruncate !== undefined) {
    truncate = checkBoolean(read.name("truncate"), rawTruncate);
  }
  if (context.perLayer && rawTruncate !== undefined) {
    // transformers reads `config.rope_parameters.get("truncate", True)`: the
    // outer, per-layer dict, which never holds it.
    warnings.push(
      `${
        read.name("truncate")
      } is ignored by transformers for per-layer rope_parameters (it always truncates); ignored here too`,
    );
    truncate = true;
  }
  return yarnScaling(rotaryDim, {
    base,
    factor,
    originalMaxPositionEmbeddings: original,
    truncate,
    ...(betaFast === undefined ? {} : { betaFast }),
    ...(betaSlow === undefined ? {} : { betaSlow }),
    ...(mscale === undefined ? {} : { mscale }),
    ...(mscaleAllDim === undefined ? {} : { mscaleAllDim }),
    ...(attentionFactor === undefined ? {} : { attentionFactor }),
  });
}

/** LongRoPE from its parameter dict (factor lists of rotaryDim / 2). */
export function longropeFromParams(
  read: ParamReader,
  context: Context & { seqLen: number | undefined },
): RopeFrequencies {
  const { rotaryDim, base, original, maxPositionEmbeddings, seqLen, warnings } = context;
  const shortFactor = read.factorList("short_factor", rotaryDim / 2);
  const longFactor = read.factorList("long_factor", rotaryDim / 2);
  let factor = read.optionalPositive("factor");
  if (factor === undefined) {
    if (maxPositionEmbeddings !== undefined) {
      factor = maxPositionEmbeddings / original;
      warnings.push(
        `${
          read.name("factor")
        } is missing: using max_position_embeddings / original_max_position_embeddings = ${factor} for the attention factor (transformers recommends setting factor)`,
      );
    }
  } else if (factor < 1) {
    warnings.push(`${read.name("factor")} is ${factor}: transformers expects a number >= 1`);
  }
  const attentionFactor = read.optionalNumber("attention_factor");
  if (attentionFactor !== undefined && attentionFactor < 0) {
    throw new RangeError(
      `Invalid ${read.name("attention_factor")}: expected a number >= 0, got ${attentionFactor}`,
    );
  }
  if (factor === undefined && attentionFactor === undefined) {
    throw missing(
      "max_position_embeddings",
      "longrope",
      "(with no factor and no attention_factor it derives the attention factor from it)",
    );
  }
  return longropeScaling(rotaryDim, {
    base,
    shortFactor,
    longFactor,
    originalMaxPositionEmbeddings: original,
    ...(seqLen === undefined ? {} : { seqLen }),
    ...(factor === undefined ? {} : { factor }),
    ...(attentionFactor === undefined ? {} : { attentionFactor }),
  });
}

/** Llama 3 from its parameter dict, with transformers' warnings. */
export function llama3FromParams(read: ParamReader, context: Context): RopeFrequencies {
  const { rotaryDim, base, original, maxPositionEmbeddings, warnings } = context;
  const factor = read.factor("factor", warnings);
  const lowFreqFactor = read.positive("low_freq_factor");
  const highFreqFactor = read.positive("high_freq_factor");
  if (highFreqFactor <= lowFreqFactor) {
    warnings.push(
      `${
        read.name("high_freq_factor")
      } (${highFreqFactor}) should be greater than low_freq_factor (${lowFreqFactor}): the blend band is empty`,
    );
  }
  if (!Number.isInteger(original)) {
    warnings.push(
      `${read.name("original_max_position_embeddings")} should be an integer, got ${original}`,
    );
  }
  if (maxPositionEmbeddings !== undefined && original >= maxPositionEmbeddings) {
    warnings.push(
      `${
        read.name("original_max_position_embeddings")
      } (${original}) should be less than max_position_embeddings (${maxPositionEmbeddings})`,
    );
  }
  return llama3Scaling(rotaryDim, {
    base,
    factor,
    originalMaxPositionEmbeddings: original,
    lowFreqFactor,
    highFreqFactor,
  });
}

/**
 * Hunyuan's NTK-alpha (an `alpha` in a `"dynamic"` dict): plain RoPE with the
 * base `rope_theta · alpha^(d / (d - 2))`, d the rotary dim, at every length
 * (HunYuan's rotary embedding in transformers, and vLLM's
 * DynamicNTKAlphaRotaryEmbedding); `factor` plays no part.
 */
export function ntkAlphaFromParams(
  read: ParamReader,
  alpha: number,
  context: Omit<Context, "original"> & { factor: number; seqLen: number | undefined },
): RopeFrequencies {
  const { rotaryDim, base, factor, maxPositionEmbeddings, seqLen, warnings } = context;
  if (factor !== 1) {
    warnings.push(
      `${read.name("factor")} (${factor}) is not used: with ${
        read.name("alpha")
      } set the frequencies are NTK-alpha's, at every length`,
    );
  }
  if (
    seqLen !== undefined && maxPositionEmbeddings !== undefined && seqLen > maxPositionEmbeddings
  ) {
    warnings.push(
      `seqLen ${seqLen} exceeds max_position_embeddings ${maxPositionEmbeddings}: transformers' dynamic update would then recompute factor-based dynamic NTK frequencies, dropping alpha; these are NTK-alpha's (as vLLM and Hunyuan's own code keep them)`,
    );
  }
  const scaledBase = base * alpha ** (rotaryDim / (rotaryDim - 2));
  return finish("ropeFromConfig", ropeInvFreq(scaledBase, rotaryDim / 2, rotaryDim), 1);
}
