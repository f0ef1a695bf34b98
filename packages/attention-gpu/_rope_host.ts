/**
 * RoPE on the host, from @posenc/rope (one source of truth for its
 * numerics): the (cos, sin) tables the GPU kernels read and the rotation the
 * CPU reference applies.
 */

import type { Layout, Tensor } from "@posenc/tensor";
import { applyRope, ropeCache, type RopeFrequencies } from "@posenc/rope";
import type { Positions } from "./_plan.ts";
import { isCache, type RopeSource } from "./_rope_source.ts";

/** The positions of a table: a list, or `count` consecutive ones from `start`. */
export type TablePositions = Float64Array | { readonly start: number; readonly count: number };

/**
 * Rows of interleaved (cos, sin) float32 pairs, `rotaryDim / 2` pairs per
 * position, each times the attention factor: `ropeCache`'s tables, zipped
 * so a kernel reads one vec2 per pair.
 */
export function ropeTable(
  frequencies: RopeFrequencies,
  positions: TablePositions,
  angles: "float32" | "float64",
): Float32Array {
  const list = positions instanceof Float64Array
    ? positions
    : positions.start === 0
    ? positions.count
    : Float64Array.from({ length: positions.count }, (_, r) => positions.start + r);
  const { cos, sin } = ropeCache(frequencies, list, { angles });
  const out = new Float32Array(cos.data.length * 2);
  for (let i = 0; i < cos.data.length; i++) {
    out[2 * i] = cos.data[i]!;
    out[2 * i + 1] = sin.data[i]!;
  }
  return out;
}

/** Options of {@linkcode rotate}. */
export interface RotateOptions {
  readonly layout: Layout;
  readonly pairing: "half" | "interleaved";
  readonly positions: Positions;
  readonly angles: "float32" | "float64";
}

/** Rotates q or k with @posenc/rope's applyRope (with a cache, its own angles). */
export function rotate(x: Tensor, frequencies: RopeSource, options: RotateOptions): Tensor {
  const { layout, pairing, positions } = options;
  const base = isCache(frequencies)
    ? { layout, pairing }
    : { layout, pairing, angles: options.angles };
  return positions.kind === "range"
    ? applyRope(x, frequencies, { ...base, offset: positions.start })
    : applyRope(x, frequencies, { ...base, positions: positions.list });
}
