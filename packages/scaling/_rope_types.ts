import type { RopeType } from "./types.ts";

/** The keys one rope type requires and accepts in its parameter dict. */
export interface RopeTypeKeys {
  readonly required: readonly string[];
  readonly optional: readonly string[];
}

/**
 * The one table of rope types: each type HF transformers 5.18 can initialise
 * with the keys its `_validate_*_rope_parameters` requires and accepts. The
 * mapped type makes the compiler refuse a table that misses a member of
 * {@linkcode RopeType} or names one it lacks; the reader's list of known
 * types and the validator's key check both come from here.
 */
export const ROPE_TYPE_TABLE: { readonly [T in RopeType]: RopeTypeKeys } = {
  default: { required: ["rope_type"], optional: ["rope_theta"] },
  linear: { required: ["rope_type", "factor"], optional: ["rope_theta"] },
  // `alpha`: Hunyuan's NTK-alpha, read by HunYuan's own rotary embedding.
  dynamic: { required: ["rope_type", "factor"], optional: ["rope_theta", "alpha"] },
  yarn: {
    required: ["rope_type", "factor", "original_max_position_embeddings"],
    optional: [
      "rope_theta",
      "attention_factor",
      "beta_fast",
      "beta_slow",
      "mscale",
      "mscale_all_dim",
      "truncate",
    ],
  },
  longrope: {
    required: ["rope_type", "short_factor", "long_factor", "original_max_position_embeddings"],
    optional: ["rope_theta", "attention_factor", "factor"],
  },
  llama3: {
    required: [
      "rope_type",
      "factor",
      "original_max_position_embeddings",
      "low_freq_factor",
      "high_freq_factor",
      "rope_theta",
    ],
    optional: [],
  },
  proportional: { required: ["rope_type", "rope_theta"], optional: [] },
};

/** Every rope type, in the table's order. */
export const ROPE_TYPES: readonly RopeType[] = Object.keys(ROPE_TYPE_TABLE) as RopeType[];

/** Whether a name is one of the rope types of the table. */
export function isRopeType(name: string): name is RopeType {
  return Object.hasOwn(ROPE_TYPE_TABLE, name);
}

/**
 * Whether a rope type scales from a pretraining context
 * (`original_max_position_embeddings` is one of its required keys: llama3,
 * yarn and longrope).
 */
export function usesOriginalContext(ropeType: RopeType): boolean {
  return ROPE_TYPE_TABLE[ropeType].required.includes("original_max_position_embeddings");
}
