import type { RopeFrequencies } from "@posenc/rope";
import {
  checkInteger,
  checkOneOf,
  checkOptions,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import {
  languageModelConfig,
  readLocalBase,
  readMrope,
  readRopeLayers,
  unreadRopeKeys,
} from "./_config_extras.ts";
import {
  llama3FromParams,
  longropeFromParams,
  missing,
  ntkAlphaFromParams,
  yarnFromParams,
} from "./_config_params.ts";
import { checkEvenHeadDim, headDimOf, optionalLength, rotaryDimOf } from "./_config_dims.ts";
import { readRopeParameters } from "./_config_read.ts";
import { checkKeys, ParamReader } from "./_config_validate.ts";
import { ropeInvFreq } from "./_float32.ts";
import { isObject, type JsonObject } from "./_json.ts";
import { usesOriginalContext } from "./_rope_types.ts";
import { dynamicNtkScaling, type SeqLenKind } from "./dynamic_ntk.ts";
import { linearScaling } from "./linear.ts";
import { proportionalScaling } from "./proportional.ts";
import { checkBase, finish } from "./_validate.ts";
import type { RopeType } from "./types.ts";

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

const OPTION_KEYS: OptionKeys<RopeFromConfigOptions> = {
  seqLen: true,
  seqLenKind: true,
  layerType: true,
};

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
  /**
   * Multimodal RoPE (Qwen2-VL, Qwen2.5-VL, Qwen3-VL): `mrope_section`, the
   * rotation pairs given to the temporal, height and width position ids, in
   * that order; they add up to `rotaryDim / 2`. Absent for plain RoPE.
   */
  readonly mropeSection?: readonly number[];
  /**
   * With {@linkcode RopeConfig.mropeSection}: `mrope_interleaved` (Qwen3-VL),
   * true when the three axes alternate pair by pair rather than taking
   * contiguous runs of pairs (Qwen2-VL, Qwen2.5-VL: false).
   */
  readonly mropeInterleaved?: boolean;
  /**
   * Hunyuan's NTK-alpha (`alpha` in a `"dynamic"` dict): the frequencies use
   * the base `rope_theta · alpha^(rotaryDim / (rotaryDim - 2))` at every
   * length, and `factor` is not used. Absent otherwise.
   */
  readonly ntkAlpha?: number;
  /**
   * Gemma 3's `rope_local_base_freq` (legacy form): the base of the plain
   * RoPE of its sliding-window layers. Absent when the config has none.
   */
  readonly localBase?: number;
  /** With {@linkcode RopeConfig.localBase}: the sliding layers' inverse frequencies (float32, `rotaryDim / 2`). */
  readonly localInvFreq?: Float32Array;
  /**
   * Llama 4's (and SmolLM3's) per-layer RoPE switch, from `no_rope_layers`:
   * entry i is true when layer i rotates. In the config a 1 means the layer
   * USES RoPE despite the key's name; an empty list means every
   * `no_rope_layer_interval`-th layer (default 4) skips it. Absent when the
   * config has neither key (every layer rotates).
   */
  readonly ropeLayers?: readonly boolean[];
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
 * Model-specific settings come back as optional fields: Qwen2-VL / Qwen2.5-VL /
 * Qwen3-VL's `mrope_section` and `mrope_interleaved` (`mropeSection`,
 * `mropeInterleaved`), Hunyuan's NTK-alpha (`ntkAlpha`), Gemma 3's
 * `rope_local_base_freq` (`localBase`, `localInvFreq`) and Llama 4's
 * `no_rope_layers` (`ropeLayers`). A multimodal config whose top level has no
 * head or RoPE keys is read from its `text_config`. No RoPE key is dropped
 * silently: one the reader does not use is named in `warnings`.
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
 *
 * @example Multimodal RoPE: Qwen3-VL keeps its interleaved sections
 * ```ts
 * import { ropeFromConfig } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * // Qwen3-VL-8B-Instruct's config.json (the RoPE-related part): the language model is nested.
 * const rope = ropeFromConfig({
 *   text_config: {
 *     head_dim: 128,
 *     max_position_embeddings: 262144,
 *     rope_theta: 5000000,
 *     rope_scaling: { mrope_interleaved: true, mrope_section: [24, 20, 20], rope_type: "default" },
 *   },
 * });
 * assert.deepEqual(rope.mropeSection, [24, 20, 20]); // temporal, height, width pairs
 * assert.equal(rope.mropeInterleaved, true);
 * assert.match(rope.warnings[0]!, /read config\.text_config/);
 * ```
 *
 * @example Per-layer settings: Gemma 3's sliding layers, Llama 4's layers without RoPE
 * ```ts
 * import { ropeFromConfig } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * const gemma3 = ropeFromConfig({ head_dim: 256, rope_theta: 1000000, rope_local_base_freq: 10000 });
 * assert.equal(gemma3.localBase, 10000);
 * assert.equal(gemma3.localInvFreq!.length, 128);
 *
 * // no_rope_layers[i] = 1 means layer i USES RoPE; [] means every 4th layer does not.
 * const llama4 = ropeFromConfig({ head_dim: 128, num_hidden_layers: 8, no_rope_layers: [] });
 * assert.deepEqual(llama4.ropeLayers, [true, true, true, false, true, true, true, false]);
 * ```
 */
export function ropeFromConfig(config: unknown, options: RopeFromConfigOptions = {}): RopeConfig {
  if (!isObject(config)) {
    throw new TypeError(
      `Invalid config: expected a config.json object, got ${formatValue(config)}`,
    );
  }
  checkOptions("options", options, { allowed: OPTION_KEYS });
  if (options.layerType !== undefined && typeof options.layerType !== "string") {
    throw new TypeError(
      `Invalid layerType: expected a string, got ${formatValue(options.layerType)}`,
    );
  }
  const seqLen = options.seqLen === undefined
    ? undefined
    : checkInteger("seqLen", options.seqLen, { min: 1 });
  const seqLenKind = checkOneOf("seqLenKind", options.seqLenKind ?? "tensor", {
    allowed: ["tensor", "int"] as const,
  });
  const early: string[] = [];
  const model = languageModelConfig(config, early);
  const read0 = readRopeParameters(model, options.layerType);
  const { ropeType, params, path, layerType } = read0;
  const warnings = [...early, ...read0.warnings];
  checkKeys(ropeType, params, path, warnings);
  const read = new ParamReader(params, path);
  const head = headDimOf(model, warnings);
  const headDim = head.headDim;
  const base = checkBase(read.positive("rope_theta"), read.name("rope_theta"));
  const maxPositionEmbeddings = optionalLength(model, "max_position_embeddings");
  const usesOriginal = usesOriginalContext(ropeType);
  const originalMaxPositionEmbeddings = usesOriginal
    ? read.positive("original_max_position_embeddings")
    : optionalLength(model, "original_max_position_embeddings");
  const rotaryDim = ropeType === "proportional"
    ? checkEvenHeadDim(head)
    : rotaryDimOf(head, params.partial_rotary_factor, path);

  let frequencies: RopeFrequencies;
  let ntkAlpha: number | undefined;
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
      ntkAlpha = read.optionalPositive("alpha");
      if (ntkAlpha !== undefined) {
        frequencies = ntkAlphaFromParams(read, ntkAlpha, {
          rotaryDim,
          base,
          factor,
          maxPositionEmbeddings,
          seqLen,
          warnings,
        });
        break;
      }
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
  const extras = readExtras(model, params, { path, rotaryDim, layerType, warnings });
  if (ntkAlpha !== undefined) extras.ntkAlpha = ntkAlpha;
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
    ...extras,
  };
}

type Extras = {
  -readonly [
    K in
      | "mropeSection"
      | "mropeInterleaved"
      | "ntkAlpha"
      | "localBase"
      | "localInvFreq"
      | "ropeLayers"
  ]?: RopeConfig[K];
};

/** The model-specific extras: M-RoPE sections, sliding layers' base, per-layer switch. */
function readExtras(
  model: JsonObject,
  params: JsonObject,
  context: { path: string; rotaryDim: number; layerType: string | undefined; warnings: string[] },
): Extras {
  const { path, rotaryDim, layerType, warnings } = context;
  const extras: Extras = readMrope(params, path, rotaryDim, warnings);
  const localBase = readLocalBase(model, layerType !== undefined, warnings);
  if (localBase !== undefined) {
    extras.localBase = localBase;
    extras.localInvFreq = finish(
      "ropeFromConfig",
      ropeInvFreq(localBase, rotaryDim / 2, rotaryDim),
      1,
    ).invFreq;
  }
  const ropeLayers = readRopeLayers(model);
  if (ropeLayers !== undefined) extras.ropeLayers = ropeLayers;
  const unread = unreadRopeKeys(model);
  if (unread.length > 0) {
    warnings.push(
      `config has RoPE key${unread.length > 1 ? "s" : ""} that ropeFromConfig does not read: ${
        unread.map((key) => JSON.stringify(key)).join(", ")
      } (ignored; check that the frequencies match the model)`,
    );
  }
  return extras;
}
