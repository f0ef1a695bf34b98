/** attentionCpu's driver: packs each head for a CpuKernel and unpacks its output. */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { rotate } from "./_rope_host.ts";
import { type CpuKernel, defaultCpuKernel, SCRATCH_FLOATS } from "./_cpu_kernel.ts";

/** attentionCpu for an already checked plan (also the CPU backend's entry). */
export function cpuFromPlan(
  plan: AttentionPlan,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  kernel: CpuKernel = defaultCpuKernel(),
): Tensor {
  const { batch, group, kvHeads, qSeq, kSeq, headDim: D, causal, scale, alibi } = plan;
  let qr = q;
  let kr = k;
  if (plan.rope) {
    const { frequencies, pairing, angles } = plan.rope;
    const layout = plan.layout;
    qr = rotate(q, frequencies, { layout, pairing, angles, positions: plan.rope.query });
    kr = rotate(k, frequencies, { layout, pairing, angles, positions: plan.rope.key });
  }
  const out = new Float32Array(q.data.length);
  if (qSeq === 0 || kSeq === 0) return { shape: Object.freeze([...q.shape]), data: out };
  // Head dim padded with zeros to whole 8-float chunks; keys to whole panels
  // of 8, queries to whole tiles of 4.
  const dp = (D + 7) & ~7;
  const kPad = (kSeq + 7) & ~7;
  const qPad = (qSeq + 3) & ~3;
  const kAt = SCRATCH_FLOATS;
  const vAt = kAt + kPad * dp;
  const qAt = vAt + kPad * dp;
  const oAt = qAt + qPad * dp;
  const mem = kernel.reserve(oAt + qPad * dp);
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  const qd = qr.data;
  const kd = kr.data;
  const vd = v.data;
  const fround = Math.fround;
  // Logits in base 2: the kernels take 2^x, so q carries log2 e and so do the slopes.
  const s = fround(scale * Math.LOG2E);
  for (let b = 0; b < batch; b++) {
    for (let kvh = 0; kvh < kvHeads; kvh++) {
      const kBase = b * ks.batch + kvh * ks.heads;
      mem.fill(0, kAt, qAt);
      for (let j = 0; j < kSeq; j++) {
        const src = kBase + j * ks.seq;
        // k: panels of 8 keys, [dp][8]; v: rows.
        const panel = kAt + (j >> 3) * dp * 8 + (j & 7);
        for (let d = 0; d < D; d++) mem[panel + 8 * d] = kd[src + d]!;
        mem.set(vd.subarray(src, src + D), vAt + j * dp);
      }
      for (let h = kvh * group; h < (kvh + 1) * group; h++) {
        const qBase = b * qs.batch + h * qs.heads;
        mem.fill(0, qAt, oAt);
        for (let i = 0; i < qSeq; i++) {
          const src = qBase + i * qs.seq;
          // q: tiles of 4 rows, [dp][4], times scale * log2 e.
          const tile = qAt + (i >> 2) * dp * 4 + (i & 3);
          for (let d = 0; d < D; d++) mem[tile + 4 * d] = fround(qd[src + d]! * s);
        }
        kernel.attendHead(
          qAt,
          kAt,
          vAt,
          oAt,
          dp,
          qSeq,
          kSeq,
          causal,
          alibi ? alibi[h]! * Math.LOG2E : 0,
        );
        for (let i = 0; i < qSeq; i++) {
          out.set(mem.subarray(oAt + i * dp, oAt + i * dp + D), qBase + i * qs.seq);
        }
      }
    }
  }
  return { shape: Object.freeze([...q.shape]), data: out };
}
