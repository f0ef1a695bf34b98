/**
 * The tiny tensor interface every posenc package shares: a row-major
 * `Float32Array` with a shape, constructors, a seeded normal generator that
 * gives identical numbers on every runtime, attention layouts, and the
 * tolerance assertions posenc's own tests use.
 *
 * ```ts
 * import { allClose, attentionDims, randomNormal, tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const q = randomNormal([1, 8, 128, 64], { seed: 1 }); // [batch, heads, seq, headDim]
 * const { heads, seq, headDim } = attentionDims(q, "bhsd");
 * assert.deepEqual([heads, seq, headDim], [8, 128, 64]);
 *
 * const x = tensor([0.1, 0.2, 0.3], [3]);
 * assert.ok(allClose(x, [0.1, 0.2, 0.3000001], { rtol: 1e-6 }));
 * ```
 *
 * @module
 */

export * from "./tensor.ts";
export * from "./random.ts";
export * from "./layout.ts";
export * from "./close.ts";
