/** The CPU reference computation, shared by attentionReference and the CPU fallback. */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { BIAS_MASK } from "./_score_options.ts";
import { rotate } from "./_rope_host.ts";

/**
 * The keys [lo, hi) query row i of batch row b may see: the causal limit,
 * the sliding window and the left padding (bottom-right aligned queries).
 */
export function visibleKeys(plan: AttentionPlan, b: number, i: number): [number, number] {
  const { kSeq, qSeq, causal, window, leftPadding } = plan;
  const aligned = i + kSeq - qSeq;
  const hi = causal ? Math.min(kSeq, Math.max(0, aligned + 1)) : kSeq;
  let lo = leftPadding ? leftPadding[b]! : 0;
  if (window !== null) lo = Math.max(lo, aligned - window + 1);
  return [Math.min(lo, hi), hi];
}

/** The reference for an already checked plan (also the CPU fallback's entry). */
export function referenceFromPlan(plan: AttentionPlan, q: Tensor, k: Tensor, v: Tensor): Tensor {
  const { batch, heads, group, qSeq, kSeq, headDim: D, scale, alibi, sinks, softcap, bias } = plan;
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
        const [lo, hi] = visibleKeys(plan, b, i);
        const qBase = b * qs.batch + h * qs.heads + i * qs.seq;
        const biasRow = bias ? b * bias.batchStride + h * bias.headStride + i * bias.rowStride : 0;
        // The sink joins the maximum and the denominator, never the values.
        let max = sinks ? sinks[h]! : -Infinity;
        let seen = 0;
        for (let j = lo; j < hi; j++) {
          const kBase = b * ks.batch + kvh * ks.heads + j * ks.seq;
          let dot = 0;
          for (let d = 0; d < D; d++) dot += qd[qBase + d]! * kd[kBase + d]!;
          let logit = scale * dot;
          if (softcap !== null) logit = softcap * Math.tanh(logit / softcap);
          logit -= slope * Math.abs(aligned - j);
          if (bias) {
            const add = bias.data[biasRow + j]!;
            // A bias of -Infinity (or at most BIAS_MASK) hides the key.
            if (add <= BIAS_MASK) {
              logits[j] = -Infinity;
              continue;
            }
            logit += add;
          }
          logits[j] = logit;
          seen++;
          if (logit > max) max = logit;
        }
        if (seen === 0) continue; // no key: the row stays 0
        acc.fill(0);
        let sum = sinks ? Math.exp(sinks[h]! - max) : 0;
        for (let j = lo; j < hi; j++) {
          if (logits[j] === -Infinity) continue;
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
