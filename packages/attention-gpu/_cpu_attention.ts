/** attentionCpu's driver: packs each head for a CpuKernel and unpacks its output. */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { BIAS_MASK } from "./_score_options.ts";
import { rotate } from "./_rope_host.ts";
import {
  type CpuKernel,
  defaultCpuKernel,
  type HeadFeatures,
  SCRATCH_FLOATS,
} from "./_cpu_kernel.ts";

/** Query rows per kernel call when a bias is packed (its rows for them, kSeq floats each). */
const BIAS_ROWS = 64;

/** The kernel's masks and features for query head h of batch row b (base 2; no bias). */
export function headFeatures(plan: AttentionPlan, b: number, h: number): HeadFeatures {
  return {
    shift: plan.kSeq - plan.qSeq,
    window: plan.window ?? 0,
    pad: plan.leftPadding ? plan.leftPadding[b]! : 0,
    cap: plan.softcap === null ? 0 : plan.softcap * Math.LOG2E,
    sink: plan.sinks ? plan.sinks[h]! * Math.LOG2E : -Infinity,
  };
}

/**
 * One head's kernel call; with a bias, one call per slice of BIAS_ROWS
 * query rows, each with its rows of the bias packed at `biasAt` (times
 * log2 e; a hidden key -Infinity).
 */
function attend(
  kernel: CpuKernel,
  plan: AttentionPlan,
  b: number,
  h: number,
  at: { q: number; k: number; v: number; o: number; bias: number },
  dp: number,
  rows: { count: number; causal: boolean; slope: number; features: HeadFeatures },
): void {
  const bias = plan.bias;
  if (!bias) {
    kernel.attendHead(
      at.q,
      at.k,
      at.v,
      at.o,
      dp,
      rows.count,
      plan.kSeq,
      rows.causal,
      rows.slope,
      rows.features,
    );
    return;
  }
  const kSeq = plan.kSeq;
  const kPad = (kSeq + 7) & ~7;
  const shift = rows.features.shift ?? kSeq - rows.count;
  const mem = kernel.reserve(at.bias + BIAS_ROWS * kPad);
  for (let r0 = 0; r0 < rows.count; r0 += BIAS_ROWS) {
    const n = Math.min(BIAS_ROWS, rows.count - r0);
    for (let i = 0; i < n; i++) {
      const src = b * bias.batchStride + h * bias.headStride + (r0 + i) * bias.rowStride;
      const dst = at.bias + i * kPad;
      for (let j = 0; j < kSeq; j++) {
        const x = bias.data[src + j]!;
        mem[dst + j] = x <= BIAS_MASK ? -Infinity : x * Math.LOG2E;
      }
      mem.fill(0, dst + kSeq, dst + kPad);
    }
    // Rows r0.. are tiles r0 / 4.. of q and rows r0.. of o; row r0 sits at key position r0 + shift.
    kernel.attendHead(
      at.q + r0 * dp,
      at.k,
      at.v,
      at.o + r0 * dp,
      dp,
      n,
      kSeq,
      rows.causal,
      rows.slope,
      {
        ...rows.features,
        shift: shift + r0,
        bias: at.bias,
        biasStride: kPad,
      },
    );
  }
}

/**
 * Keys and values kept packed in a kernel's own memory (the CPU KV cache's
 * copy), so a decode step packs only its queries: no copy or repacking of
 * the cache per call. Head `u = b * kvHeads + h` has its key panels at
 * `kAt + u * headFloats` and its value rows at `vAt + u * headFloats`, in
 * `attendHead`'s layout, with the pad dims zero.
 */
export interface ResidentKv {
  readonly kernel: CpuKernel;
  readonly batch: number;
  readonly kvHeads: number;
  readonly headDim: number;
  /** Tokens cached when these tensors were taken. */
  readonly length: number;
  readonly kAt: number;
  readonly vAt: number;
  /** Floats per head in each of the two areas: capacity rounded up to 8 keys, times dp. */
  readonly headFloats: number;
  /** The first float past both areas (where the queries and outputs go). */
  readonly end: number;
}

/** Tensors handed out by the CPU KV cache, mapped to its resident copy of them. */
const RESIDENT = new WeakMap<Float32Array, ResidentKv>();

/**
 * Marks `k` (a tensor of the cache's keys) as having a resident packed copy:
 * {@linkcode cpuFromPlan} then attends to that copy instead of packing k and v.
 */
export function markResident(k: Float32Array, resident: ResidentKv): void {
  RESIDENT.set(k, resident);
}

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
  const resident = only === undefined && !plan.rope ? RESIDENT.get(k.data) : undefined;
  if (
    resident && resident.length === kSeq && resident.batch === batch &&
    resident.kvHeads === kvHeads && resident.headDim === D && qSeq > 0 && kSeq > 0
  ) {
    return attendResident(plan, q, resident);
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
  const biasAt = oAt + qPad * dp;
  // k and q rows are staged as rows of dp after everything else, then packed
  // by the kernel (SIMD transposes in the WebAssembly one).
  const stageAt = biasAt + (plan.bias ? BIAS_ROWS * kPad : 0);
  const mem = kernel.reserve(stageAt + Math.max(kPad, qPad) * dp);
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  const qd = qr.data;
  const kd = kr.data;
  const vd = v.data;
  // Logits in base 2: the kernels take 2^x, so q carries log2 e and so do the slopes.
  const s = Math.fround(scale * Math.LOG2E);
  // Whole heads move in one copy where rows are contiguous and need no pad.
  const qRows = qs.seq === D && D === dp;
  const ranges = only?.ranges ??
    Array.from({ length: batch }, (_, b) => ({ batch: b, kv0: 0, kv1: kvHeads }));
  for (const { batch: b, kv0, kv1 } of ranges) {
    for (let kvh = kv0; kvh < kv1; kvh++) {
      const kBase = b * ks.batch + kvh * ks.heads;
      // k: panels of 8 keys, [dp][8]; v: rows of dp. Pad keys and dims are 0
      // (pad keys meet probabilities of 0, and 0 * NaN is NaN).
      stageRows(mem, stageAt, kd, kBase, ks.seq, kSeq, D, dp, kPad);
      kernel.pack.panels(stageAt, kAt, kPad, dp);
      stageRows(mem, vAt, vd, kBase, ks.seq, kSeq, D, dp, kPad);
      for (let h = kvh * group; h < (kvh + 1) * group; h++) {
        const qBase = b * qs.batch + h * qs.heads;
        // q: tiles of 4 rows, [dp][4], times scale * log2 e; pad rows and dims are 0.
        stageRows(mem, stageAt, qd, qBase, qs.seq, qSeq, D, dp, qPad);
        kernel.pack.tiles(stageAt, qAt, qPad, dp, s);
        attend(kernel, plan, b, h, { q: qAt, k: kAt, v: vAt, o: oAt, bias: biasAt }, dp, {
          count: qSeq,
          causal,
          slope: alibi ? alibi[h]! * Math.LOG2E : 0,
          features: headFeatures(plan, b, h),
        });
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

/**
 * Copies `count` rows of `D` floats (row i at `from[base + i * stride]`) to
 * `mem[at]` as rows of `dp` floats, zeros in the padded dims and in the rows
 * from `count` to `padRows`: one copy when the rows are contiguous and
 * unpadded.
 */
function stageRows(
  mem: Float32Array,
  at: number,
  from: Float32Array,
  base: number,
  stride: number,
  count: number,
  D: number,
  dp: number,
  padRows: number,
): void {
  if (stride === D && D === dp) mem.set(from.subarray(base, base + count * D), at);
  else {
    for (let i = 0; i < count; i++) {
      const row = base + i * stride;
      mem.set(from.subarray(row, row + D), at + i * dp);
      mem.fill(0, at + i * dp + D, at + (i + 1) * dp);
    }
  }
  mem.fill(0, at + count * dp, at + padRows * dp);
}

/**
 * Attention against a resident packed cache. With one query token and no
 * ALiBi (a plain decode step) the `group` query heads that share a k/v head
 * are the rows of one call: its single token sees every key, so the rows
 * need no causal limit, and the kernel's 4-row tiles are full instead of
 * holding one row and three of padding. Each row is computed on its own, so
 * the result has the same bits as one call per head.
 */
function attendResident(plan: AttentionPlan, q: Tensor, r: ResidentKv): Tensor {
  const { batch, group, kvHeads, qSeq, kSeq, headDim: D, causal, scale, alibi } = plan;
  const kernel = r.kernel;
  const dp = (D + 7) & ~7;
  const kPad = (kSeq + 7) & ~7;
  // Heads merge into rows only where every row gets the same masks and logits'
  // extras: no ALiBi, sinks, bias or window (their rows' positions differ).
  const merged = qSeq === 1 && alibi === null && plan.sinks === null && plan.bias === null &&
    plan.window === null;
  const rows = merged ? group : qSeq;
  const rowsPad = (rows + 3) & ~3;
  const qAt = r.end;
  const oAt = qAt + rowsPad * dp;
  const biasAt = oAt + rowsPad * dp;
  const stageAt = biasAt + (plan.bias ? BIAS_ROWS * kPad : 0);
  const mem = kernel.reserve(stageAt + rowsPad * dp);
  const qs = plan.qStrides;
  const qd = q.data;
  const out = new Float32Array(qd.length);
  const s = Math.fround(scale * Math.LOG2E);
  for (let b = 0; b < batch; b++) {
    for (let kvh = 0; kvh < kvHeads; kvh++) {
      const u = b * kvHeads + kvh;
      const kAt = r.kAt + u * r.headFloats;
      const vAt = r.vAt + u * r.headFloats;
      // Keys past the length in the last panel: zero, so stale values (even NaN) meet p = 0.
      for (let j = kSeq; j < kPad; j++) {
        const panel = kAt + (j >> 3) * dp * 8 + (j & 7);
        for (let d = 0; d < dp; d++) mem[panel + 8 * d] = 0;
      }
      mem.fill(0, vAt + kSeq * dp, vAt + kPad * dp);
      const heads = merged ? 1 : group;
      for (let call = 0; call < heads; call++) {
        // Row i is query head kvh * group + i (merged) or token i of head kvh * group + call.
        const h = kvh * group + call;
        const qBase = b * qs.batch + h * qs.heads;
        stageRows(mem, stageAt, qd, qBase, merged ? qs.heads : qs.seq, rows, D, dp, rowsPad);
        kernel.pack.tiles(stageAt, qAt, rowsPad, dp, s);
        attend(kernel, plan, b, h, { q: qAt, k: kAt, v: vAt, o: oAt, bias: biasAt }, dp, {
          count: rows,
          causal: causal && !merged,
          slope: alibi ? alibi[h]! * Math.LOG2E : 0,
          // Merged rows are one query token: each at the last key position.
          features: { ...headFeatures(plan, b, h), ...(merged ? { shift: kSeq - 1 } : {}) },
        });
        for (let i = 0; i < rows; i++) {
          const head = merged ? kvh * group + i : h;
          const dst = b * qs.batch + head * qs.heads + (merged ? 0 : i) * qs.seq;
          out.set(mem.subarray(oAt + i * dp, oAt + i * dp + D), dst);
        }
      }
    }
  }
  return { shape: Object.freeze([...q.shape]), data: out };
}
