/**
 * Rotary position embeddings (RoPE, Su et al. 2021) exactly as Hugging Face
 * transformers computes them.
 *
 * ```ts
 * import { ropeFrequencies } from "@posenc/rope";
 * import assert from "node:assert/strict";
 *
 * const frequencies = ropeFrequencies(64, { base: 10000 });
 * assert.equal(frequencies.invFreq.length, 32);
 * ```
 *
 * @module
 */

export * from "./frequencies.ts";
