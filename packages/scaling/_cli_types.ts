/**
 * The public types of the CLI's parts (arguments, inspection, result), in a
 * module of their own so that each part imports them without importing
 * another part.
 *
 * @module
 */

import type { RopeConfig } from "./config.ts";
import type { Diagnosis } from "./diagnose.ts";

/** Parsed command line of the CLI. */
export interface CliArgs {
  /** The config.json path (the one positional argument). */
  readonly configPath: string;
  /** `--target-length`, if given. */
  readonly targetLength: number | undefined;
  /** `--seq-len`, if given. */
  readonly seqLen: number | undefined;
  /** `--train-length`, if given. */
  readonly trainLength: number | undefined;
  /** `--layer-type`, if given. */
  readonly layerType: string | undefined;
  /** `--json`. */
  readonly json: boolean;
  /** `-h` / `--help`. */
  readonly help: boolean;
}

/** Options for {@linkcode inspectConfig}. */
export interface InspectOptions {
  /**
   * The context to check: an integer >= 1. By default the length the
   * config's scaling reaches, `original_max_position_embeddings * factor`,
   * when that exceeds `max_position_embeddings` (a Qwen2 config with YaRN
   * added keeps max_position_embeddings at the original 32768), else
   * `max_position_embeddings`.
   *
   * @default {max(max_position_embeddings, original_max_position_embeddings * factor)}
   */
  targetLength?: number;
  /**
   * The sequence length the frequencies are computed for.
   *
   * @default {targetLength}
   */
  seqLen?: number;
  /**
   * The pretraining context.
   *
   * @default {original_max_position_embeddings ?? max_position_embeddings}
   */
  trainLength?: number;
  /**
   * Entry of a per-layer-type `rope_parameters`.
   *
   * @default {"full_attention"}
   */
  layerType?: string;
}

/** What the CLI prints, as data. */
export interface InspectReport {
  /** The rope type after standardization. */
  readonly ropeType: RopeConfig["ropeType"];
  /** The head dim RoPE sees. */
  readonly headDim: number;
  /** The rotated dims. */
  readonly rotaryDim: number;
  /** The base θ. */
  readonly base: number;
  /** Multiplies cos and sin. */
  readonly attentionFactor: number;
  /** The layer type read, for per-layer-type configs. */
  readonly layerType: string | undefined;
  /** The sequence length the frequencies were computed for. */
  readonly seqLen: number;
  /** The training context used, and the config key it came from (or "--train-length"). */
  readonly trainLength: number;
  /** Where trainLength came from. */
  readonly trainLengthFrom: string;
  /** The checked context. */
  readonly targetLength: number;
  /**
   * Where targetLength came from: "--target-length", "max_position_embeddings",
   * or "original_max_position_embeddings x factor" (the length the scaling reaches).
   */
  readonly targetLengthFrom: string;
  /** The config's warnings. */
  readonly warnings: readonly string[];
  /** Facts about the model worth knowing next to its RoPE (e.g. DeepSeek's softmax scale). */
  readonly notes: readonly string[];
  /** The per-pair diagnostics. */
  readonly diagnosis: Diagnosis;
  /** M-RoPE's rotation pairs per axis (temporal, height, width), when the config has them. */
  readonly mropeSection?: readonly number[];
  /** With mropeSection: whether the axes alternate pair by pair (Qwen3-VL). */
  readonly mropeInterleaved?: boolean;
  /** Hunyuan's NTK-alpha, when the config has it. */
  readonly ntkAlpha?: number;
  /** Gemma 3's base for its sliding-window layers, when the config has it. */
  readonly localBase?: number;
  /** Per layer, whether it rotates (Llama 4's `no_rope_layers`), when the config says. */
  readonly ropeLayers?: readonly boolean[];
}

/** The CLI's outcome: what to print and the exit code. */
export interface CliResult {
  /** 0 on success, 1 for a bad config file, 2 for bad arguments. */
  readonly code: number;
  /** Text for standard output. */
  readonly stdout: string;
  /** Text for standard error: one line when something is wrong. */
  readonly stderr: string;
}
