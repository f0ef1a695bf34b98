/** The CPU reference computation, shared by attentionReference and the CPU fallback. */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { rotate } from "./_rope_host.ts";

/** The reference for an already checked plan (also the CPU fallback's entry). */
export function referenceFromPlan(plan: AttentionPlan, q: Tensor, k: Tensor, v: Tensor): Tensor {
  const { batch, heads, group, qSeq, kSeq, headDim: D, causal, scale, alibi } = plan;
  let qr = q;
  let kr = k;
  if (plan.rope) {
    const { frequencies, pairing, angles } = plan.rope;
    qr = rotate(q, frequencies, {
      layout: plan.layout,
      pairing,
      angles,
      positions: plan.rope.query,
    });
    kr = rotate(k, frequencies, { layout: plan.layout, pairing, angles, positions: plan.rope.key });
  }
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  const out = new Float32Array(q.data.length);
  const logits = new Float64Array(kSeq);
  const acc = new Float64Array(D);
  const qd = qr.data;
  const kd = kr.data;
  const vd = v.data;
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      const kvh = Math.floor(h / group);
      const slope = alibi ? alibi[h]! : 0;
      for (let i = 0; i < qSeq; i++) {
        const aligned = i + kSeq - qSeq;
        const visible = causal ? Math.min(kSeq, Math.max(0, aligned + 1)) : kSeq;
        const qBase = b * qs.batch + h * qs.heads + i * qs.seq;
        if (visible === 0) continue; // no key: the row stays 0
        let max = -Infinity;
        for (let j = 0; j < visible; j++) {
          const kBase = b * ks.batch + kvh * ks.heads + j * ks.seq;
          let dot = 0;
          for (let d = 0; d < D; d++) dot += qd[qBase + d]! * kd[kBase + d]!;
          const logit = scale * dot - slope * Math.abs(aligned - j);
          logits[j] = logit;
          if (logit > max) max = logit;
        }
        acc.fill(0);
        let sum = 0;
        for (let j = 0; j < visible; j++) {
          const p = Math.exp(logits[j]! - max);
          sum += p;
          const vBase = b * ks.batch + kvh * ks.heads + j * ks.seq;
          for (let d = 0; d < D; d++) acc[d] = acc[d]! + p * vd[vBase + d]!;
        }
        for (let d = 0; d < D; d++) out[qBase + d] = acc[d]! / sum;
      }
    }
  }
  return { shape: Object.freeze([...q.shape]), data: out };
}
