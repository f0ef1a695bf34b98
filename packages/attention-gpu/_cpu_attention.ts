/** attentionCpu's driver: packs each head for a CpuKernel and unpacks its output. */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { rotate } from "./_rope_host.ts";
import { type CpuKernel, defaultCpuKernel, SCRATCH_FLOATS } from "./_cpu_kernel.ts";

/** Query heads [kv0 * group, kv1 * group) of one batch, with their k/v heads [kv0, kv1). */
export interface HeadRange {
  readonly batch: number;
  readonly kv0: number;
  readonly kv1: number;
}

/**
 * attentionCpu for an already checked plan (also the CPU backend's entry).
 * With `only`, computes just those heads into `into` (the rest of it is left
 * as it is): the threaded backend's share of the calling thread.
 */
export function cpuFromPlan(
  plan: AttentionPlan,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  kernel: CpuKernel = defaultCpuKernel(),
  only?: { readonly ranges: readonly HeadRange[]; readonly into: Float32Array },
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
  const out = only?.into ?? new Float32Array(q.data.length);
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
  // Whole heads move in one copy where rows are contiguous and need no pad.
  const kRows = ks.seq === D && D === dp;
  const qRows = qs.seq === D && D === dp;
  const ranges = only?.ranges ??
    Array.from({ length: batch }, (_, b) => ({ batch: b, kv0: 0, kv1: kvHeads }));
  for (const { batch: b, kv0, kv1 } of ranges) {
    for (let kvh = kv0; kvh < kv1; kvh++) {
      const kBase = b * ks.batch + kvh * ks.heads;
      // k: panels of 8 keys, [dp][8]; pad keys and dims are 0.
      for (let j = 0; j < kPad; j++) {
        const panel = kAt + (j >> 3) * dp * 8 + (j & 7);
        const src = kBase + j * ks.seq;
        const real = j < kSeq ? D : 0;
        for (let d = 0; d < real; d++) mem[panel + 8 * d] = kd[src + d]!;
        for (let d = real; d < dp; d++) mem[panel + 8 * d] = 0;
      }
      // v: rows of dp; pad rows are 0 (they meet probabilities of 0, and 0 * NaN is NaN).
      if (kRows) mem.set(vd.subarray(kBase, kBase + kSeq * D), vAt);
      else {
        for (let j = 0; j < kSeq; j++) {
          const src = kBase + j * ks.seq;
          const dst = vAt + j * dp;
          for (let d = 0; d < D; d++) mem[dst + d] = vd[src + d]!;
          for (let d = D; d < dp; d++) mem[dst + d] = 0;
        }
      }
      mem.fill(0, vAt + kSeq * dp, vAt + kPad * dp);
      for (let h = kvh * group; h < (kvh + 1) * group; h++) {
        const qBase = b * qs.batch + h * qs.heads;
        // q: tiles of 4 rows, [dp][4], times scale * log2 e; pad rows and dims are 0.
        for (let i = 0; i < qPad; i++) {
          const tile = qAt + (i >> 2) * dp * 4 + (i & 3);
          const src = qBase + i * qs.seq;
          const real = i < qSeq ? D : 0;
          for (let d = 0; d < real; d++) mem[tile + 4 * d] = fround(qd[src + d]! * s);
          for (let d = real; d < dp; d++) mem[tile + 4 * d] = 0;
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
        if (qRows) out.set(mem.subarray(oAt, oAt + qSeq * D), qBase);
        else {
          for (let i = 0; i < qSeq; i++) {
            const src = oAt + i * dp;
            const dst = qBase + i * qs.seq;
            for (let d = 0; d < D; d++) out[dst + d] = mem[src + d]!;
          }
        }
      }
    }
  }
  return { shape: Object.freeze([...q.shape]), data: out };
}
