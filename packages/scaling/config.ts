import type { RopeFrequencies } from "@posenc/rope";
import { checkInteger, checkOneOf, formatValue } from "@posenc/tensor/validate";
import { readRopeParameters } from "./_config_read.ts";
import { checkKeys, ParamReader } from "./_config_validate.ts";
import { ropeInvFreq } from "./_float32.ts";
import { isObject, type JsonObject } from "./_json.ts";
import { usesOriginalContext } from "./_rope_types.ts";
import { dynamicNtkScaling, type SeqLenKind } from "./dynamic_ntk.ts";
import { linearScaling } from "./linear.ts";
import { llama3Scaling } from "./llama3.ts";
import { longropeScaling } from "./longrope.ts";
import { proportionalScaling } from "./proportional.ts";
import { finish } from "./_validate.ts";
import type { RopeType } from "./types.ts";
import { yarnScaling } from "./yarn.ts";

/** Options for {@linkcode ropeFromConfig}. */
export interface RopeFromConfigOptions {
  /**
   * The current sequence length (largest position + 1). It matters for
   * `"dynamic"` (the NTK base grows past `max_position_embeddings`) and
   * `"longrope"` (long factors past `original_max_position_embeddings`);
   * absent means HF's init time (plain table, short factors).
   *
   * @default {undefined}
   */
  seqLen?: number;
  /**
   * For `"dynamic"`: reproduce HF's runtime (`"tensor"`, float32 base) or
   * its Python-int path (`"int"`, float64 base).
   *
   * @default {"tensor"}
   */
  seqLenKind?: SeqLenKind;
  /**
   * For configs whose `rope_parameters` holds one dict per layer type
   * (transformers 5 with `layer_types`, e.g. `"full_attention"` and
   * `"sliding_attention"`): which one to read. Defaults to
   * `"full_attention"` when present (with a warning naming the others).
   *
   * @default {"full_attention"}
   */
  layerType?: string;
}

/**
 * The RoPE of a model, read from its config.json: frequencies ready for
 * `applyRope` (this is a {@linkcode RopeFrequencies}), the dims they apply
 * to, and what the reader noticed.
 */
export interface RopeConfig extends RopeFrequencies {
  /** The rope type after HF's standardization (aliases such as "su" resolved). */
  readonly ropeType: RopeType;
  /**
   * The head dim RoPE sees: `head_dim`, else `hidden_size / num_attention_heads`;
   * for DeepSeek's MLA, `qk_rope_head_dim` (as HF's DeepseekV3Config sets it).
   */
  readonly headDim: number;
  /**
   * The rotated dims: `int(headDim * partial_rotary_factor)`; `headDim` for
   * "proportional", whose extra pairs have frequency 0. invFreq has
   * `rotaryDim / 2` entries.
   */
  readonly rotaryDim: number;
  /** Inverse frequency per rotation pair (float32, as HF's `inv_freq`). */
  readonly invFreq: Float32Array;
  /** Multiplies cos and sin (HF's `attention_scaling`). */
  readonly attentionFactor: number;
  /** Questionable values, in HF's validation spirit; never printed by the library. */
  readonly warnings: readonly string[];
  /** The base θ used (`rope_theta`). */
  readonly base: number;
  /** `max_position_embeddings`, when the config has it. */
  readonly maxPositionEmbeddings: number | undefined;
  /**
   * The pretraining context for llama3, yarn and longrope (after
   * standardization), else the config's top-level value when present.
   */
  readonly originalMaxPositionEmbeddings: number | undefined;
  /** The layer type read from a per-layer-type `rope_parameters`, if any. */
  readonly layerType: string | undefined;
  /** The standardized parameter dict, as transformers 5.18 holds it in `config.rope_parameters`. */
  readonly ropeParameters: Readonly<Record<string, unknown>>;
}

function headDimOf(config: JsonObject, warnings: string[]): number {
  const mla = config.qk_rope_head_dim;
  if (mla !== undefined && mla !== null) {
    return checkInteger("config.qk_rope_head_dim", mla, { min: 1 });
  }
  const headDim = config.head_dim;
  if (headDim !== undefined && headDim !== null && headDim !== 0) {
    return checkInteger("config.head_dim", headDim, { min: 1 });
  }
  if (headDim === null) {
    warnings.push(
      "config.head_dim is null: using hidden_size / num_attention_heads (transformers' yarn, dynamic and longrope code would fail on it)",
    );
  }
  const { hidden_size: hidden, num_attention_heads: heads } = config;
  if (hidden === undefined || hidden === null || heads === undefined || heads === null) {
    throw new TypeError(
      'Invalid config: missing head information: expected "head_dim", or "hidden_size" and "num_attention_heads"',
    );
  }
  const h = checkInteger("config.hidden_size", hidden, { min: 1 });
  const n = checkInteger("config.num_attention_heads", heads, { min: 1 });
  if (h % n !== 0) {
    warnings.push(
      `config.hidden_size ${h} is not divisible by num_attention_heads ${n}: head dim taken as floor(${h} / ${n}) = ${
        Math.floor(h / n)
      }, as in transformers`,
    );
  }
  return Math.floor(h / n);
}

function rotaryDimOf(headDim: number, fraction: unknown, path: string): number {
  if (fraction === undefined || fraction === null) return headDim;
  if (typeof fraction !== "number") {
    throw new TypeError(
      `Invalid config.${path}.partial_rotary_factor: expected a number in (0, 1], got ${
        formatValue(fraction)
      }`,
    );
  }
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(
      `Invalid config.${path}.partial_rotary_factor: expected a number in (0, 1], got ${
        formatValue(fraction)
      }`,
    );
  }
  const rotaryDim = Math.trunc(headDim * fraction);
  if (rotaryDim < 2 || rotaryDim % 2 !== 0) {
    throw new RangeError(
      `Invalid config.${path}.partial_rotary_factor: head dim ${headDim} x ${fraction} gives ${rotaryDim} rotated dims, expected an even number >= 2`,
    );
  }
  return rotaryDim;
}

function optionalLength(config: JsonObject, key: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  return checkInteger(`config.${key}`, value, { min: 1 });
}

function missing(key: string, ropeType: RopeType, why: string): TypeError {
  return new TypeError(
    `Invalid config: rope_type ${JSON.stringify(ropeType)} needs "${key}" ${why}, which is missing`,
  );
}

/**
 * Reads the RoPE of a model from its Hugging Face config.json object and
 * returns its frequencies exactly as transformers 5.18 computes them (every
 * golden case bit for bit, in both config forms).
 *
 * Accepted forms: the legacy one (`rope_theta` plus `rope_scaling` with
 * `type` or `rope_type`, top-level `partial_rotary_factor` and
 * `original_max_position_embeddings`) and transformers 5's
 * `rope_parameters`, including its per-layer-type nesting (pick with
 * `layerType`). Head dim from `head_dim`, else `hidden_size /
 * num_attention_heads` (`qk_rope_head_dim` for DeepSeek's MLA). The
 * parameters are standardized and validated as transformers does: a missing
 * required key is an error naming the key and the rope type, and values
 * transformers only warns about are returned in `warnings` (nothing is
 * printed). Values that would make the frequencies meaningless (a factor
 * <= 0, a string, a factor list of the wrong length) are errors here,
 * where transformers warns and then fails or computes garbage.
 *
 * @param config A parsed config.json.
 * @param options The current sequence length (for "dynamic" and "longrope") and, for per-layer configs, the layer type.
 * @returns The frequencies with the rope type, dims, context lengths, standardized parameters and warnings.
 * @throws {TypeError} If the config is not an object, lacks a required key (the message names it and the rope type) or has a value of the wrong type.
 * @throws {RangeError} If the rope type is unknown (named in the message) or a value is out of range.
 *
 * @example Usage
 * ```ts
 * import { ropeFromConfig } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * // Llama-3.1-8B's config.json (the RoPE-related part)
 * const rope = ropeFromConfig({
 *   hidden_size: 4096,
 *   num_attention_heads: 32,
 *   max_position_embeddings: 131072,
 *   rope_theta: 500000.0,
 *   rope_scaling: {
 *     factor: 8.0,
 *     low_freq_factor: 1.0,
 *     high_freq_factor: 4.0,
 *     original_max_position_embeddings: 8192,
 *     rope_type: "llama3",
 *   },
 * });
 * assert.equal(rope.ropeType, "llama3");
 * assert.equal(rope.headDim, 128);
 * assert.equal(rope.invFreq.length, 64);
 * assert.equal(rope.attentionFactor, 1);
 * assert.deepEqual(rope.warnings, []);
 * ```
 */
export function ropeFromConfig(config: unknown, options: RopeFromConfigOptions = {}): RopeConfig {
  if (!isObject(config)) {
    throw new TypeError(
      `Invalid config: expected a config.json object, got ${formatValue(config)}`,
    );
  }
  const seqLen = options.seqLen === undefined
    ? undefined
    : checkInteger("seqLen", options.seqLen, { min: 1 });
  const seqLenKind = checkOneOf("seqLenKind", options.seqLenKind ?? "tensor", {
    allowed: ["tensor", "int"] as const,
  });
  const { ropeType, params, path, layerType, warnings } = readRopeParameters(
    config,
    options.layerType,
  );
  checkKeys(ropeType, params, path, warnings);
  const read = new ParamReader(params, path);
  const headDim = headDimOf(config, warnings);
  const base = read.positive("rope_theta");
  const maxPositionEmbeddings = optionalLength(config, "max_position_embeddings");
  const usesOriginal = usesOriginalContext(ropeType);
  const originalMaxPositionEmbeddings = usesOriginal
    ? read.positive("original_max_position_embeddings")
    : optionalLength(config, "original_max_position_embeddings");
  const rotaryDim = ropeType === "proportional"
    ? headDim
    : rotaryDimOf(headDim, params.partial_rotary_factor, path);

  let frequencies: RopeFrequencies;
  switch (ropeType) {
    case "default":
      frequencies = finish(
        "ropeFromConfig",
        ropeInvFreq(base, rotaryDim / 2, rotaryDim),
        1,
      );
      break;
    case "linear":
      frequencies = linearScaling(rotaryDim, { base, factor: read.factor("factor", warnings) });
      break;
    case "dynamic": {
      const factor = read.factor("factor", warnings);
      if (maxPositionEmbeddings === undefined) {
        throw missing("max_position_embeddings", ropeType, "(the length it scales from)");
      }
      frequencies = dynamicNtkScaling(rotaryDim, {
        base,
        factor,
        maxPositionEmbeddings,
        ...(seqLen === undefined ? {} : { seqLen }),
        seqLenKind,
      });
      break;
    }
    case "yarn":
      frequencies = yarnFromParams(read, {
        rotaryDim,
        base,
        original: originalMaxPositionEmbeddings!,
        maxPositionEmbeddings,
        perLayer: layerType !== undefined,
        warnings,
      });
      break;
    case "longrope":
      frequencies = longropeFromParams(read, {
        rotaryDim,
        base,
        original: originalMaxPositionEmbeddings!,
        maxPositionEmbeddings,
        seqLen,
        warnings,
      });
      break;
    case "llama3":
      frequencies = llama3FromParams(read, {
        rotaryDim,
        base,
        original: originalMaxPositionEmbeddings!,
        maxPositionEmbeddings,
        warnings,
      });
      break;
    case "proportional": {
      const fraction = read.optionalNumber("partial_rotary_factor");
      if (fraction === undefined) {
        warnings.push(
          `config.${path} has no partial_rotary_factor: every pair rotates (1.0), which makes "proportional" plain RoPE`,
        );
      }
      const factor = read.optionalPositive("factor");
      frequencies = proportionalScaling(headDim, {
        base,
        ...(fraction === undefined ? {} : { partialRotaryFactor: fraction }),
        ...(factor === undefined ? {} : { factor }),
      });
      break;
    }
  }
  return {
    ropeType,
    headDim,
    rotaryDim,
    invFreq: frequencies.invFreq,
    attentionFactor: frequencies.attentionFactor,
    warnings,
    base,
    maxPositionEmbeddings,
    originalMaxPositionEmbeddings,
    layerType,
    ropeParameters: params,
  };
}

interface Context {
  rotaryDim: number;
  base: number;
  original: number;
  maxPositionEmbeddings: number | undefined;
  warnings: string[];
}

function yarnFromParams(
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
    if (typeof rawTruncate !== "boolean") {
      throw new TypeError(
        `Invalid ${read.name("truncate")}: expected a boolean, got ${formatValue(rawTruncate)}`,
      );
    }
    truncate = rawTruncate;
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

function longropeFromParams(
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

function llama3FromParams(read: ParamReader, context: Context): RopeFrequencies {
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
