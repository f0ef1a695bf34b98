/**
 * Float64 references the peers are proven against in the tests: small,
 * obviously correct loops, independent of posenc and of every peer.
 *
 * @module
 */

/** Which elements RoPE rotates together: i with i + r/2, or 2i with 2i + 1. */
export type Pairing = "half" | "interleaved";

/** cos/sin tables [positions, rotaryDim / 2] shared by every contender. */
export interface RopeTables {
  readonly positions: number;
  readonly halfDim: number;
  readonly cos: Float32Array;
  readonly sin: Float32Array;
}

/**
 * cos/sin of the float32 angle fround(position * invFreq), as Hugging Face
 * forms it (so peers, posenc and the reference all rotate by the same angle;
 * the angle's own rounding is larger than the tolerances at position 4095).
 *
 * @param invFreq Inverse frequencies, rotaryDim / 2 of them.
 * @param positions Table rows: positions 0 .. positions - 1.
 * @returns Float32 tables, row-major [positions, invFreq.length].
 */
export function ropeTables(invFreq: Float32Array, positions: number): RopeTables {
  const halfDim = invFreq.length;
  const cos = new Float32Array(positions * halfDim);
  const sin = new Float32Array(positions * halfDim);
  for (let p = 0; p < positions; p++) {
    for (let i = 0; i < halfDim; i++) {
      const angle = Math.fround(p * invFreq[i]!);
      cos[p * halfDim + i] = Math.cos(angle);
      sin[p * halfDim + i] = Math.sin(angle);
    }
  }
  return { positions, halfDim, cos, sin };
}

/** Hugging Face's default inverse frequencies base^(-2i/d), in float64 then rounded once. */
export function defaultInvFreq(rotaryDim: number, base = 10000): Float32Array {
  const out = new Float32Array(rotaryDim / 2);
  for (let i = 0; i < out.length; i++) out[i] = 1 / Math.pow(base, (2 * i) / rotaryDim);
  return out;
}

/** Shape of a bhsd attention-shaped tensor. */
export interface Bhsd {
  batch: number;
  heads: number;
  seq: number;
  headDim: number;
}

/**
 * RoPE on a bhsd tensor in float64, full rotary, one position per token
 * (shared by the batch), reading the shared tables.
 *
 * @returns A new Float64Array of x's length.
 */
export function ropeReference(
  x: Float32Array,
  dims: Bhsd,
  tables: RopeTables,
  options: { pairing: Pairing; positions: ArrayLike<number> },
): Float64Array {
  const { batch, heads, seq, headDim } = dims;
  const half = headDim / 2;
  if (tables.halfDim !== half) throw new RangeError("tables must cover the full head dim");
  const out = new Float64Array(x.length);
  for (let bh = 0; bh < batch * heads; bh++) {
    for (let s = 0; s < seq; s++) {
      const row = (bh * seq + s) * headDim;
      const t = options.positions[s]! * half;
      for (let i = 0; i < half; i++) {
        const c = tables.cos[t + i]!;
        const n = tables.sin[t + i]!;
        const [a, b] = options.pairing === "half" ? [row + i, row + i + half] : [
          row + 2 * i,
          row + 2 * i + 1,
        ];
        out[a] = x[a]! * c - x[b]! * n;
        out[b] = x[b]! * c + x[a]! * n;
      }
    }
  }
  return out;
}

/**
 * softmax(q k^T * scale [+ causal mask]) v on bhsd tensors in float64, the
 * textbook three passes. Causal masks key j > query i (q and k equally long).
 *
 * @returns A new Float64Array of q's length.
 */
export function attentionReference64(
  q: Float32Array,
  k: Float32Array,
  v: Float32Array,
  dims: Bhsd,
  options: { causal: boolean; scale?: number },
): Float64Array {
  const { batch, heads, seq, headDim } = dims;
  const scale = options.scale ?? 1 / Math.sqrt(headDim);
  const out = new Float64Array(q.length);
  const scores = new Float64Array(seq);
  for (let bh = 0; bh < batch * heads; bh++) {
    const base = bh * seq * headDim;
    for (let i = 0; i < seq; i++) {
      const keys = options.causal ? i + 1 : seq;
      let max = -Infinity;
      for (let j = 0; j < keys; j++) {
        let dot = 0;
        for (let e = 0; e < headDim; e++) {
          dot += q[base + i * headDim + e]! * k[base + j * headDim + e]!;
        }
        scores[j] = dot * scale;
        if (scores[j]! > max) max = scores[j]!;
      }
      let sum = 0;
      for (let j = 0; j < keys; j++) {
        scores[j] = Math.exp(scores[j]! - max);
        sum += scores[j]!;
      }
      for (let e = 0; e < headDim; e++) {
        let acc = 0;
        for (let j = 0; j < keys; j++) acc += scores[j]! * v[base + j * headDim + e]!;
        out[base + i * headDim + e] = acc / sum;
      }
    }
  }
  return out;
}
