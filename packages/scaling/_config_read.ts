import { formatValue } from "@posenc/tensor/validate";
import { isObject, type JsonObject } from "./_json.ts";
import { isRopeType, ROPE_TYPES, usesOriginalContext } from "./_rope_types.ts";
import type { RopeType } from "./types.ts";

/** Old names still found in published config.json files. */
const ALIASES: Record<string, RopeType> = {
  su: "longrope", // early Phi-3 configs (HF's Phi3Config renames it)
  mrope: "default", // Qwen2-VL: multimodal sections over plain RoPE frequencies
};

/** What {@linkcode readRopeParameters} extracts from a config. */
export interface RopeParameters {
  /** The canonical rope type (aliases resolved). */
  ropeType: RopeType;
  /** The standardized parameter dict, as HF 5.18 holds it in `config.rope_parameters`. */
  params: JsonObject;
  /** How messages name the dict: `rope_scaling`, `rope_parameters` or `rope_parameters.<layer>`. */
  path: string;
  /** The layer type picked from a per-layer-type dict, if any. */
  layerType: string | undefined;
  /** Warnings raised while reading. */
  warnings: string[];
}

function copyDict(value: unknown, path: string): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) {
    throw new TypeError(
      `Invalid config.${path}: expected an object or null, got ${formatValue(value)}`,
    );
  }
  return { ...value };
}

function pickLayer(
  nested: JsonObject,
  layerType: string | undefined,
  warnings: string[],
): string {
  const available = Object.keys(nested);
  const list = available.map((k) => JSON.stringify(k)).join(", ");
  if (layerType !== undefined) {
    if (!available.includes(layerType)) {
      throw new RangeError(
        `Invalid layerType: config.rope_parameters has entries for ${list}, got ${
          formatValue(layerType)
        }`,
      );
    }
    return layerType;
  }
  if (available.includes("full_attention")) {
    if (available.length > 1) {
      warnings.push(
        `config.rope_parameters has one entry per layer type (${list}); using "full_attention" (pass layerType to choose another)`,
      );
    }
    return "full_attention";
  }
  throw new RangeError(
    `Invalid layerType: config.rope_parameters has one entry per layer type (${list}); pass layerType to pick one`,
  );
}

/**
 * Finds the RoPE parameters of a config.json object in either form and
 * standardizes them as transformers 5.18 does (`convert_rope_params_to_dict`
 * then `standardize_rope_params`): a truthy `rope_scaling` wins over
 * `rope_parameters`; `rope_type` defaults to `type`, then "default";
 * `rope_theta` to the top-level value, then 10000; a top-level
 * `partial_rotary_factor` overwrites the dict's; and for llama3, yarn and
 * longrope a top-level `original_max_position_embeddings` (Phi-3) overwrites
 * the dict's, which otherwise defaults to `max_position_embeddings`.
 */
export function readRopeParameters(
  config: JsonObject,
  layerTypeOption: string | undefined,
): RopeParameters {
  const warnings: string[] = [];
  const scaling = config.rope_scaling;
  const useScaling = isObject(scaling) && Object.keys(scaling).length > 0;
  const source = useScaling ? "rope_scaling" : "rope_parameters";
  let dict = copyDict(useScaling ? scaling : config.rope_parameters, source);
  if (!useScaling && scaling !== undefined && scaling !== null && !isObject(scaling)) {
    throw new TypeError(
      `Invalid config.rope_scaling: expected an object or null, got ${formatValue(scaling)}`,
    );
  }

  let path = source;
  let layerType: string | undefined;
  const layerTypes = Array.isArray(config.layer_types) ? config.layer_types : undefined;
  const keys = Object.keys(dict);
  const perLayer = layerTypes !== undefined && keys.length > 0 &&
    keys.every((key) => layerTypes.includes(key));
  if (perLayer) {
    layerType = pickLayer(dict, layerTypeOption, warnings);
    path = `${source}.${layerType}`;
    dict = copyDict(dict[layerType], path);
  } else if (layerTypeOption !== undefined) {
    warnings.push(
      `layerType ${
        JSON.stringify(layerTypeOption)
      } ignored: config.${source} is one dict for all layers`,
    );
  }

  const rawType = dict.rope_type ?? dict.type ?? "default";
  if (typeof rawType !== "string") {
    throw new TypeError(
      `Invalid config.${path}.rope_type: expected a string, got ${formatValue(rawType)}`,
    );
  }
  if (dict.rope_type === undefined) dict.rope_type = rawType;
  let ropeType: RopeType;
  if (isRopeType(rawType)) {
    ropeType = rawType;
  } else if (Object.hasOwn(ALIASES, rawType)) {
    ropeType = ALIASES[rawType]!;
    if (rawType === "mrope" && (dict.mrope_section === undefined || dict.mrope_section === null)) {
      // Qwen2-VL's rotary embedding reads the sections unconditionally.
      throw new TypeError(
        `Invalid config.${path}: missing required key "mrope_section" for rope type "mrope"`,
      );
    }
    warnings.push(
      `config.${path} names rope type ${JSON.stringify(rawType)}, an old name of ${
        JSON.stringify(ropeType)
      }; read as ${JSON.stringify(ropeType)}`,
    );
    dict.rope_type = ropeType;
  } else {
    throw new RangeError(
      `Unknown rope_type ${JSON.stringify(rawType)} in config.${path}: expected one of ${
        ROPE_TYPES.map((t) => JSON.stringify(t)).join(", ")
      } (or the aliases "su", "mrope")`,
    );
  }

  if (dict.rope_theta === undefined || dict.rope_theta === null) {
    if (config.rope_theta !== undefined && config.rope_theta !== null) {
      dict.rope_theta = config.rope_theta;
    } else {
      dict.rope_theta = 10000;
      warnings.push(
        "config has no rope_theta: using 10000, transformers' default (check the model card: many models use another base)",
      );
    }
  } else if (
    // One dict per layer type may hold its own base on purpose (Gemma 3's sliding layers).
    !perLayer && config.rope_theta !== undefined && config.rope_theta !== null &&
    config.rope_theta !== dict.rope_theta
  ) {
    warnings.push(
      `config.rope_theta (${
        formatValue(config.rope_theta)
      }) differs from config.${path}.rope_theta (${
        formatValue(dict.rope_theta)
      }): the latter is used, as in transformers`,
    );
  }

  const topFraction = config.partial_rotary_factor ?? config.rotary_pct;
  if (topFraction !== undefined && topFraction !== null) {
    if (
      dict.partial_rotary_factor !== undefined && dict.partial_rotary_factor !== topFraction
    ) {
      warnings.push(
        `config.partial_rotary_factor (${
          formatValue(topFraction)
        }) overrides config.${path}.partial_rotary_factor (${
          formatValue(dict.partial_rotary_factor)
        }), as in transformers`,
      );
    }
    dict.partial_rotary_factor = topFraction;
  }

  if (usesOriginalContext(ropeType)) {
    const top = config.original_max_position_embeddings;
    if (!perLayer && top !== undefined && top !== null) {
      dict.original_max_position_embeddings = top;
    } else if (
      dict.original_max_position_embeddings === undefined &&
      config.max_position_embeddings !== undefined
    ) {
      dict.original_max_position_embeddings = config.max_position_embeddings;
    }
  }
  return { ropeType, params: dict, path, layerType, warnings };
}
