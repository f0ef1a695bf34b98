/**
 * The public types that the config reader and its private helpers share.
 *
 * @module
 */

/** The rope types of HF transformers 5.18 (`rope_type` / `type` in a config). */
export type RopeType =
  | "default"
  | "linear"
  | "dynamic"
  | "yarn"
  | "longrope"
  | "llama3"
  | "proportional";
