/**
 * Every RoPE context-extension method as Hugging Face transformers computes
 * it (Position Interpolation, NTK-aware, Dynamic NTK, NTK-by-parts, YaRN,
 * Llama 3, LongRoPE, proportional), a reader for models' config.json, and
 * diagnostics that show which rotation pairs leave the range of angles seen
 * in training.
 *
 * ```ts
 * import { diagnose, ropeFromConfig, yarnScaling } from "@posenc/scaling";
 * import assert from "node:assert/strict";
 *
 * const yarn = yarnScaling(128, { base: 10000, factor: 4, originalMaxPositionEmbeddings: 4096 });
 * assert.equal(yarn.attentionFactor, 0.1 * Math.log(4) + 1);
 *
 * const rope = ropeFromConfig({ head_dim: 128, max_position_embeddings: 4096, rope_theta: 10000 });
 * const report = diagnose(rope, { trainLength: 4096, targetLength: 16384, base: 10000 });
 * assert.ok(report.summary.outOfDistributionPairs > 0); // plain RoPE breaks past 4096 tokens
 * const fixed = diagnose(yarn, { trainLength: 4096, targetLength: 16384, base: 10000 });
 * assert.equal(fixed.summary.outOfDistributionPairs, 0); // YaRN with factor 4 does not
 * ```
 *
 * @module
 */

export * from "./linear.ts";
export * from "./ntk_aware.ts";
export * from "./dynamic_ntk.ts";
export * from "./ntk_by_parts.ts";
export * from "./yarn.ts";
export * from "./llama3.ts";
export * from "./longrope.ts";
export * from "./proportional.ts";
export * from "./types.ts";
export * from "./config.ts";
export * from "./diagnose.ts";
export type { RopeFrequencies } from "@posenc/rope";
