/**
 * Test inputs of the attention features (not published): the golden cases of
 * Hugging Face's eager attention (testdata/attention_features.json) and a
 * dense, independent evaluation of every option to check them against.
 */

import type { Tensor } from "@posenc/tensor";
import type { AttentionOptions } from "./mod.ts";

/** One golden case: HF's output for q, k, v under the options of `args`. */
export interface FeatureCase {
  readonly id: string;
  readonly impl: string;
  readonly args: {
    readonly causal: boolean;
    readonly slidingWindow: number | null;
    readonly softcap: number | null;
    readonly leftPadding: number[] | null;
    readonly scale: number;
    readonly sinks: number[] | null;
  };
  /** Per batch row and query, a string of 0/1 per key: what HF's mask allowed. */
  readonly mask: string[][];
  readonly rowsWithoutKeys: boolean[][];
  readonly q: Tensor;
  readonly k: Tensor;
  readonly v: Tensor;
  /** HF's output; NaN where HF gave NaN (rows without keys only). */
  readonly out: Tensor;
}

interface RawCase {
  id: string;
  impl: string;
  args: FeatureCase["args"];
  mask: string[][];
  rowsWithoutKeys: boolean[][];
  q: number[];
  qShape: number[];
  k: number[];
  kShape: number[];
  v: number[];
  vShape: number[];
  out: (number | null)[];
  outShape: number[];
}

/** The golden attention_features cases. */
export function featureCases(): FeatureCase[] {
  const url = new URL("./testdata/attention_features.json", import.meta.url);
  const raw = JSON.parse(Deno.readTextFileSync(url)) as { cases: RawCase[] };
  const t = (data: (number | null)[], shape: number[]): Tensor => ({
    shape,
    data: Float32Array.from(data, (x) => (x === null ? NaN : x)),
  });
  return raw.cases.map((c) => ({
    id: c.id,
    impl: c.impl,
    args: c.args,
    mask: c.mask,
    rowsWithoutKeys: c.rowsWithoutKeys,
    q: t(c.q, c.qShape),
    k: t(c.k, c.kShape),
    v: t(c.v, c.vShape),
    out: t(c.out, c.outShape),
  }));
}

/** A golden case's arguments as posenc options. */
export function caseOptions(c: FeatureCase): AttentionOptions {
  const a = c.args;
  return {
    causal: a.causal,
    scale: a.scale,
    ...(a.slidingWindow !== null ? { slidingWindow: a.slidingWindow } : {}),
    ...(a.softcap !== null ? { softcap: a.softcap } : {}),
    ...(a.leftPadding !== null ? { leftPadding: a.leftPadding } : {}),
    ...(a.sinks !== null ? { sinks: a.sinks } : {}),
  };
}

/**
 * Compares an output with a golden case: rows HF computed within `atol`,
 * rows that see no key exactly 0 (posenc's rule; HF gives a mean of V or NaN).
 */
export function checkCase(c: FeatureCase, actual: Tensor, atol: number): void {
  const [B, H, S, D] = c.out.shape as [number, number, number, number];
  let worst = 0;
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      for (let i = 0; i < S; i++) {
        const base = ((b * H + h) * S + i) * D;
        for (let d = 0; d < D; d++) {
          const got = actual.data[base + d]!;
          if (c.rowsWithoutKeys[b]![i]) {
            if (got !== 0) {
              throw new Error(`${c.id}: row b${b} h${h} i${i} sees no key but is ${got}, not 0`);
            }
            continue;
          }
          const err = Math.abs(got - c.out.data[base + d]!);
          if (!(err <= atol)) {
            throw new Error(
              `${c.id}: b${b} h${h} i${i} d${d}: got ${got}, HF ${
                c.out.data[base + d]
              } (|diff| ${err} > ${atol})`,
            );
          }
          worst = Math.max(worst, err);
        }
      }
    }
  }
}

/** The options a dense evaluation takes: those of AttentionOptions, no RoPE. */
export type DenseOptions = Omit<AttentionOptions, "rope" | "layout">;

/**
 * Attention written the obvious way from the option texts, in float64, bhsd:
 * every score, then soft-cap, ALiBi, bias and the masks, then a softmax whose
 * denominator holds the sink. Independent of the plan and the kernels.
 */
export function denseAttention(q: Tensor, k: Tensor, v: Tensor, o: DenseOptions): Tensor {
  const [B, H, Sq, D] = q.shape as [number, number, number, number];
  const [, Hk, Sk] = k.shape as [number, number, number];
  const scale = o.scale ?? 1 / Math.sqrt(D);
  const out = new Float32Array(q.data.length);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = Math.floor(h / (H / Hk));
      for (let i = 0; i < Sq; i++) {
        const p = i + Sk - Sq;
        const scores: number[] = [];
        for (let j = 0; j < Sk; j++) {
          let visible = true;
          if (o.causal && j > p) visible = false;
          if (o.slidingWindow !== undefined && !(p - o.slidingWindow < j)) visible = false;
          if (o.leftPadding && j < o.leftPadding[b]!) visible = false;
          let s = 0;
          for (let d = 0; d < D; d++) {
            s += q.data[((b * H + h) * Sq + i) * D + d]! *
              k.data[((b * Hk + kh) * Sk + j) * D + d]!;
          }
          s *= scale;
          if (o.softcap !== undefined) s = o.softcap * Math.tanh(s / o.softcap);
          if (o.alibiSlopes) s -= o.alibiSlopes[h]! * Math.abs(p - j);
          if (o.bias) {
            const [bb, bh] = o.bias.shape as [number, number];
            const add = o.bias.data[
              (((bb === 1 ? 0 : b) * bh + (bh === 1 ? 0 : h)) * Sq + i) * Sk + j
            ]!;
            if (add === -Infinity) visible = false;
            s += add;
          }
          scores.push(visible ? s : -Infinity);
        }
        const sink = o.sinks ? o.sinks[h]! : -Infinity;
        const max = Math.max(sink, ...scores);
        if (scores.every((s) => s === -Infinity)) continue; // no key: 0
        const weights = scores.map((s) => Math.exp(s - max));
        const total = weights.reduce((a, w) => a + w, 0) + Math.exp(sink - max);
        for (let d = 0; d < D; d++) {
          let acc = 0;
          for (let j = 0; j < Sk; j++) {
            if (weights[j]! > 0) acc += weights[j]! * v.data[((b * Hk + kh) * Sk + j) * D + d]!;
          }
          out[((b * H + h) * Sq + i) * D + d] = acc / total;
        }
      }
    }
  }
  return { shape: q.shape, data: out };
}
