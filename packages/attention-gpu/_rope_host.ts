/**
 * RoPE on the host: the (cos, sin) tables the GPU kernels read and the
 * rotation the CPU reference applies. Interim private implementation with
 * @posenc/rope's documented numerics, until its applyRope/ropeCache land.
 */

import type { Layout, Tensor } from "@posenc/tensor";
import type { RopeFrequencies } from "@posenc/rope";
import type { Positions } from "./_plan.ts";

/** The positions of a table: a list, or `count` consecutive ones from `start`. */
export type TablePositions = Float64Array | { readonly start: number; readonly count: number };

/**
 * Rows of interleaved (cos, sin) float32 pairs, `rotaryDim / 2` pairs per
 * position, each times the attention factor.
 */
export function ropeTable(
  frequencies: RopeFrequencies,
  positions: TablePositions,
  angles: "float32" | "float64",
): Float32Array {
  const { invFreq } = frequencies;
  const factor = Math.fround(frequencies.attentionFactor);
  const half = invFreq.length;
  const count = positions instanceof Float64Array ? positions.length : positions.count;
  const out = new Float32Array(count * half * 2);
  for (let r = 0; r < count; r++) {
    const p = positions instanceof Float64Array ? positions[r]! : positions.start + r;
    for (let i = 0; i < half; i++) {
      const product = p * invFreq[i]!;
      const angle = angles === "float32" ? Math.fround(product) : product;
      out[(r * half + i) * 2] = Math.fround(Math.cos(angle)) * factor;
      out[(r * half + i) * 2 + 1] = Math.fround(Math.sin(angle)) * factor;
    }
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

/** Rotates q or k as @posenc/rope's applyRope does (products rounded to float32, then the sum). */
export function rotate(x: Tensor, frequencies: RopeFrequencies, options: RotateOptions): Tensor {
  const [batch, a, b, headDim] = x.shape as [number, number, number, number];
  const heads = options.layout === "bhsd" ? a : b;
  const seq = options.layout === "bhsd" ? b : a;
  const half = frequencies.invFreq.length;
  const out = new Float32Array(x.data);
  const pos = options.positions;
  for (let bi = 0; bi < batch; bi++) {
    for (let s = 0; s < seq; s++) {
      const p = pos.kind === "range" ? pos.start + s : pos.list[(pos.perBatch ? bi * seq : 0) + s]!;
      const table = ropeTable(frequencies, new Float64Array([p]), options.angles);
      for (let h = 0; h < heads; h++) {
        const base = options.layout === "bhsd"
          ? ((bi * heads + h) * seq + s) * headDim
          : ((bi * seq + s) * heads + h) * headDim;
        for (let i = 0; i < half; i++) {
          const d0 = options.pairing === "half" ? i : 2 * i;
          const d1 = options.pairing === "half" ? i + half : 2 * i + 1;
          const c = table[2 * i]!;
          const sn = table[2 * i + 1]!;
          const x0 = x.data[base + d0]!;
          const x1 = x.data[base + d1]!;
          out[base + d0] = Math.fround(x0 * c) - Math.fround(x1 * sn);
          out[base + d1] = Math.fround(x1 * c) + Math.fround(x0 * sn);
        }
      }
    }
  }
  return { shape: x.shape, data: out };
}
