import { checkBoolean, checkInteger, formatValue } from "@posenc/tensor/validate";
import { isObject, type JsonObject } from "./_json.ts";

/** The keys that hold a multimodal model's language-model config when it is nested. */
const LANGUAGE_MODEL_KEYS = [
  "head_dim",
  "hidden_size",
  "num_attention_heads",
  "qk_rope_head_dim",
  "rope_scaling",
  "rope_parameters",
  "rope_theta",
];

/**
 * The part of a config.json that describes the language model. Multimodal
 * configs (Qwen3-VL, Llama 4, Gemma 3 from 4B up) nest it under
 * `text_config`; when the top level has none of the head or RoPE keys and a
 * `text_config` object exists, that object is read, with a warning.
 */
export function languageModelConfig(
  config: JsonObject,
  warnings: string[],
): JsonObject {
  const text = config.text_config;
  if (!isObject(text) || LANGUAGE_MODEL_KEYS.some((key) => config[key] !== undefined)) {
    return config;
  }
  warnings.push(
    "config has no head or RoPE keys at the top level: read config.text_config (the language model of a multimodal config); key names below are relative to it",
  );
  return text;
}

/** M-RoPE's sections as {@linkcode readMrope} returns them. */
export interface MropeFields {
  mropeSection?: readonly number[];
  mropeInterleaved?: boolean;
}

/**
 * Qwen2-VL / Qwen2.5-VL / Qwen3-VL's multimodal RoPE: `mrope_section` (rotation
 * pairs per axis: temporal, height, width; they must add up to rotaryDim / 2)
 * and `mrope_interleaved` (Qwen3-VL: the axes alternate pair by pair instead
 * of taking contiguous runs). Both are read from the RoPE dict (`rope_scaling`
 * or `rope_parameters`), where transformers keeps them.
 */
export function readMrope(
  params: JsonObject,
  path: string,
  rotaryDim: number,
  warnings: string[],
): MropeFields {
  const section = params.mrope_section;
  const interleaved = params.mrope_interleaved;
  if (interleaved !== undefined && interleaved !== null) {
    checkBoolean(`config.${path}.mrope_interleaved`, interleaved);
  }
  if (section === undefined || section === null) {
    if (interleaved !== undefined && interleaved !== null) {
      warnings.push(
        `config.${path}.mrope_interleaved is set but there is no mrope_section: ignored (plain RoPE)`,
      );
    }
    return {};
  }
  const pairs = rotaryDim / 2;
  const expected =
    `3 positive integers (rotation pairs for the temporal, height and width axes) that add up to rotaryDim / 2 = ${pairs}`;
  if (
    !Array.isArray(section) || section.length !== 3 ||
    !section.every((n) => typeof n === "number" && Number.isInteger(n) && n > 0)
  ) {
    throw new TypeError(
      `Invalid config.${path}.mrope_section: expected ${expected}, got ${formatValue(section)}`,
    );
  }
  const sum = section.reduce((a: number, b: number) => a + b, 0);
  if (sum !== pairs) {
    throw new RangeError(
      `Invalid config.${path}.mrope_section: expected ${expected}, got ${
        JSON.stringify(section)
      } (sum ${sum})`,
    );
  }
  return { mropeSection: Object.freeze([...section] as number[]), mropeInterleaved: !!interleaved };
}

/**
 * Llama 4's and SmolLM3's `no_rope_layers`, one flag per layer where 1 means
 * the layer USES RoPE (the name notwithstanding: transformers sets
 * `use_rope = no_rope_layers[layer_idx]`). An empty or null list means the
 * default, every `no_rope_layer_interval`-th layer (4 unless set) without
 * RoPE: layers 3, 7, 11, ... (0-based) are NoPE layers.
 *
 * @returns One boolean per layer (true: the layer rotates), or undefined when the config has neither key.
 */
export function readRopeLayers(config: JsonObject): readonly boolean[] | undefined {
  const flags = config.no_rope_layers;
  const interval = config.no_rope_layer_interval;
  if (flags === undefined && interval === undefined) return undefined;
  const layersValue = config.num_hidden_layers;
  const layers = layersValue === undefined || layersValue === null
    ? undefined
    : checkInteger("config.num_hidden_layers", layersValue, { min: 1 });
  if (Array.isArray(flags) && flags.length > 0) {
    const bad = flags.findIndex((f) => f !== 0 && f !== 1 && typeof f !== "boolean");
    if (bad >= 0) {
      throw new TypeError(
        `Invalid config.no_rope_layers[${bad}]: expected 1 (the layer uses RoPE) or 0 (NoPE), got ${
          formatValue(flags[bad])
        }`,
      );
    }
    if (layers !== undefined && flags.length !== layers) {
      throw new RangeError(
        `Invalid config.no_rope_layers: expected one flag per layer (num_hidden_layers = ${layers}), got ${flags.length}`,
      );
    }
    return Object.freeze(flags.map((f) => f === 1 || f === true));
  }
  if (flags !== undefined && flags !== null && !Array.isArray(flags)) {
    throw new TypeError(
      `Invalid config.no_rope_layers: expected a list of 0/1 flags, one per layer, got ${
        formatValue(flags)
      }`,
    );
  }
  const every = interval === undefined || interval === null
    ? 4
    : checkInteger("config.no_rope_layer_interval", interval, { min: 1 });
  if (layers === undefined) {
    throw new TypeError(
      'Invalid config: "no_rope_layers" is empty, so every no_rope_layer_interval-th layer skips RoPE, which needs "num_hidden_layers", missing',
    );
  }
  return Object.freeze(Array.from({ length: layers }, (_, i) => (i + 1) % every !== 0));
}

/**
 * Gemma 3's legacy `rope_local_base_freq`: the base of the plain RoPE of its
 * sliding-window layers (the global layers use `rope_theta` and the scaling
 * of `rope_scaling`). transformers 5 writes the same as
 * `rope_parameters.sliding_attention`, read through `layerType`.
 */
export function readLocalBase(
  config: JsonObject,
  perLayer: boolean,
  warnings: string[],
): number | undefined {
  const value = config.rope_local_base_freq;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `Invalid config.rope_local_base_freq: expected a finite number > 0 (the sliding layers' RoPE base), got ${
        formatValue(value)
      }`,
    );
  }
  if (perLayer) {
    warnings.push(
      "config.rope_local_base_freq is ignored: config.rope_parameters has one entry per layer type (read the sliding layers with layerType)",
    );
    return undefined;
  }
  return value;
}

/** The top-level keys about RoPE that {@linkcode ropeFromConfig} reads. */
const READ_TOP_LEVEL = new Set([
  "rope_scaling",
  "rope_parameters",
  "rope_theta",
  "partial_rotary_factor",
  "rotary_pct",
  "qk_rope_head_dim",
  "rope_local_base_freq",
  "no_rope_layers",
  "no_rope_layer_interval",
]);

/**
 * Top-level keys that look like RoPE settings (their name says rope or
 * rotary) but that the reader does not use, e.g. GPT-J's `rotary_dim`,
 * GPT-NeoX's `rotary_emb_base` or DeepSeek's `rope_interleave` (a layout,
 * which `applyRope` takes as an option): returned so the caller can warn.
 */
export function unreadRopeKeys(config: JsonObject): string[] {
  return Object.keys(config).filter((key) =>
    /rope|rotary/i.test(key) && !READ_TOP_LEVEL.has(key) && config[key] !== null
  );
}
