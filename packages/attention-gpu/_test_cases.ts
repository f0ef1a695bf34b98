/**
 * Shared inputs of the attention tests (not published): seeded tensors,
 * YaRN-like frequencies, ALiBi slopes.
 */

import { randomNormal, type Tensor } from "@posenc/tensor";
import { type RopeFrequencies, ropeFrequencies } from "@posenc/rope";
import type { AttentionOptions } from "./mod.ts";

/** One attention configuration. */
export interface Case {
  readonly batch?: number;
  readonly heads: number;
  readonly kvHeads?: number;
  readonly qSeq: number;
  readonly kSeq: number;
  readonly headDim: number;
  readonly options?: AttentionOptions;
  readonly seed?: number;
}

/** The shape of an operand in a layout. */
export function shapeOf(
  layout: "bhsd" | "bshd",
  batch: number,
  heads: number,
  seq: number,
  headDim: number,
): number[] {
  return layout === "bhsd" ? [batch, heads, seq, headDim] : [batch, seq, heads, headDim];
}

/** Seeded q, k, v for a case. */
export function inputs(c: Case): { q: Tensor; k: Tensor; v: Tensor } {
  const layout = c.options?.layout ?? "bhsd";
  const batch = c.batch ?? 1;
  const kvHeads = c.kvHeads ?? c.heads;
  const seed = c.seed ?? 1;
  return {
    q: randomNormal(shapeOf(layout, batch, c.heads, c.qSeq, c.headDim), { seed }),
    k: randomNormal(shapeOf(layout, batch, kvHeads, c.kSeq, c.headDim), { seed: seed + 1 }),
    v: randomNormal(shapeOf(layout, batch, kvHeads, c.kSeq, c.headDim), { seed: seed + 2 }),
  };
}

/** A readable label for a case. */
export function label(c: Case): string {
  const o = c.options ?? {};
  const f = o.rope?.frequencies;
  const rope = !o.rope
    ? ""
    : !f
    ? ` rope=${o.rope.pairing ?? "half"}/cache`
    : ` rope=${o.rope.pairing ?? "half"}/${2 * f.invFreq.length}` +
      (f.attentionFactor !== 1 ? `x${f.attentionFactor.toFixed(3)}` : "");
  return `D${c.headDim} B${c.batch ?? 1} H${c.heads}/${
    c.kvHeads ?? c.heads
  } q${c.qSeq} k${c.kSeq} ${o.layout ?? "bhsd"}${o.causal ? " causal" : ""}${
    o.alibiSlopes ? ` alibi${o.alibiSlopes.length}` : ""
  }${rope}`;
}

/**
 * YaRN-shaped frequencies built by hand: high-frequency pairs kept, low ones
 * divided by `factor`, a linear ramp between, and the temperature
 * 0.1 ln(factor) + 1 as attentionFactor (applied to the rotated dims only).
 */
export function yarnLike(rotaryDim: number, factor: number, base = 10000): RopeFrequencies {
  const plain = ropeFrequencies(rotaryDim, { base }).invFreq;
  const half = plain.length;
  const invFreq = plain.map((f, i) => {
    const ramp = Math.min(1, Math.max(0, (i - half / 4) / (half / 2)));
    return f * (1 - ramp) + (f / factor) * ramp;
  });
  return { invFreq, attentionFactor: 0.1 * Math.log(factor) + 1 };
}

/** Tokens [start, start + count) of a rank-4 attention tensor, in its layout. */
export function sliceSeq(
  x: Tensor,
  layout: "bhsd" | "bshd",
  start: number,
  count: number,
): Tensor {
  const [batch, a, b, d] = x.shape as [number, number, number, number];
  const heads = layout === "bhsd" ? a : b;
  const seq = layout === "bhsd" ? b : a;
  const out = new Float32Array(batch * heads * count * d);
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < heads; h++) {
      for (let s = 0; s < count; s++) {
        const src = layout === "bhsd"
          ? ((n * heads + h) * seq + start + s) * d
          : ((n * seq + start + s) * heads + h) * d;
        const dst = layout === "bhsd"
          ? ((n * heads + h) * count + s) * d
          : ((n * count + s) * heads + h) * d;
        out.set(x.data.subarray(src, src + d), dst);
      }
    }
  }
  return { shape: shapeOf(layout, batch, heads, count, d), data: out };
}
