// Test-only helpers (excluded from publishing): an independent, deliberately
// plain float64 port of the RoPE formulas, and layout transposes.

import type { Tensor } from "@posenc/tensor";

/** What {@linkcode referenceRope} needs to know. */
export interface ReferenceOptions {
  invFreq: ArrayLike<number>;
  attentionFactor?: number;
  pairing: "half" | "interleaved";
  /** Position of token s of batch row b. */
  positionOf: (b: number, s: number) => number;
  angles?: "float32" | "float64";
}

/**
 * RoPE on a [batch, heads, seq, headDim] tensor, straight from the
 * definition: pair (j, j + R/2) or (2i, 2i + 1) turns by position * invFreq[i],
 * cos and sin times the attention factor, all in float64.
 */
export function referenceRope(x: Tensor, options: ReferenceOptions): Float64Array {
  const [batch, heads, seq, headDim] = x.shape as [number, number, number, number];
  const { invFreq, pairing, positionOf } = options;
  const factor = options.attentionFactor ?? 1;
  const half = invFreq.length;
  const out = Float64Array.from(x.data);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let s = 0; s < seq; s++) {
        const row = ((b * heads + h) * seq + s) * headDim;
        const p = positionOf(b, s);
        for (let i = 0; i < half; i++) {
          const product = p * invFreq[i]!;
          const angle = options.angles === "float64" ? product : Math.fround(product);
          const c = Math.cos(angle) * factor;
          const sn = Math.sin(angle) * factor;
          const [u, v] = pairing === "half"
            ? [row + i, row + i + half]
            : [row + 2 * i, row + 2 * i + 1];
          const a = x.data[u]!;
          const bb = x.data[v]!;
          out[u] = a * c - bb * sn;
          out[v] = bb * c + a * sn;
        }
      }
    }
  }
  return out;
}

/** Swaps axes 1 and 2 of a rank-4 tensor: bhsd <-> bshd. */
export function swapAxes12(x: Tensor): Tensor {
  const [n0, n1, n2, n3] = x.shape as [number, number, number, number];
  const out = new Float32Array(x.data.length);
  for (let a = 0; a < n0; a++) {
    for (let b = 0; b < n1; b++) {
      for (let c = 0; c < n2; c++) {
        const from = ((a * n1 + b) * n2 + c) * n3;
        const to = ((a * n2 + c) * n1 + b) * n3;
        out.set(x.data.subarray(from, from + n3), to);
      }
    }
  }
  return { shape: [n0, n2, n1, n3], data: out };
}

/** Distance between two float32 values in units in the last place. */
export function ulpDistance(a: number, b: number): number {
  const view = new DataView(new ArrayBuffer(8));
  const ordered = (v: number) => {
    view.setFloat32(0, v);
    const bits = view.getInt32(0);
    return bits < 0 ? -(bits & 0x7fffffff) : bits;
  };
  return Math.abs(ordered(a) - ordered(b));
}
