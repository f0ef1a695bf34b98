/**
 * Sinusoidal position encodings (Vaswani et al., 2017) as the Transformer,
 * BERT-family, Marian, tensor2tensor and fairseq models compute them: the
 * table, and adding it to token embeddings. Angles are formed in float64
 * and the table is built with an exactly re-anchored rotation recurrence,
 * so it is both accurate at any position and fast.
 *
 * ```ts
 * import { addSinusoidal, sinusoidalTable } from "@posenc/sinusoidal";
 * import { zeros } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const pe = sinusoidalTable(1024, 512); // the paper's table: sin at 2k, cos at 2k + 1
 * assert.deepEqual(pe.shape, [1024, 512]);
 * assert.equal(pe.data[0], 0); // sin(0)
 * assert.equal(pe.data[1], 1); // cos(0)
 *
 * const x = addSinusoidal(zeros([2, 1024, 512])); // [batch, seq, dim]
 * assert.deepEqual(x.data.subarray(1024 * 512), pe.data);
 * ```
 *
 * @module
 */

export * from "./types.ts";
export * from "./table.ts";
export * from "./add.ts";
