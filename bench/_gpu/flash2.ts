/**
 * flash2 on the adapter that is timed: correctness checks against
 * attentionReference with the tier's own tile records (a T48 record runs
 * first on the GPU this script measures: the test suite's software adapter
 * has 32 KiB of workgroup storage), and a sweep that times the leading tile
 * records of the tier's ranking on large shapes, each checked before it is
 * timed, so one run on a real GPU says which record to make the default.
 *
 * The sweep builds the kernel through the package's private modules (a tile
 * record is not a public option); everything else goes through the public API.
 *
 * @module
 */

import { alibiSlopes } from "@posenc/alibi";
import {
  type AttentionOptions,
  attentionReference,
  type GpuAttention,
} from "@posenc/attention-gpu";
import { ropeFrequencies } from "@posenc/rope";
import { randomNormal, type Tensor, tensor } from "@posenc/tensor";
import { fromHalf, toHalf } from "../../packages/attention-gpu/_f16.ts";
import {
  directContext,
  prepareDirect,
  runDirect,
  uploadDirect,
} from "../../packages/attention-gpu/_flash2_direct.ts";
import {
  flash2Candidates,
  flash2Label,
  type Flash2Tiles,
} from "../../packages/attention-gpu/_flash2_tiles.ts";
import {
  againstFlash,
  benchData,
  flash2TilesOf,
  type Log,
  maxDiff,
  prefillLabel,
} from "./attention.ts";
import { type BenchPlan, callsFor, type PrefillShape } from "./plan.ts";
import { type Flash2CheckRow, prefillTflops, type SweepRow } from "./results.ts";

/** One small correctness case. */
interface CheckCase {
  name: string;
  headDim: number;
  heads: number;
  kvHeads: number;
  qSeq: number;
  kSeq: number;
  batch?: number;
  options: AttentionOptions;
}

/** Cases that cover what flash2 implements: GQA, odd lengths, both masks, RoPE, ALiBi, layouts. */
export const CHECK_CASES: readonly CheckCase[] = [
  {
    name: "D128 H8/2 q45 k77 causal alibi rope",
    headDim: 128,
    heads: 8,
    kvHeads: 2,
    qSeq: 45,
    kSeq: 77,
    options: {
      causal: true,
      alibiSlopes: alibiSlopes(8),
      rope: { frequencies: ropeFrequencies(128) },
    },
  },
  {
    name: "D128 H4/4 q100 k7 causal (rows that see no key)",
    headDim: 128,
    heads: 4,
    kvHeads: 4,
    qSeq: 100,
    kSeq: 7,
    options: { causal: true, scale: 0.05 },
  },
  {
    name: "D64 B2 H8/1 q37 k130 bshd causal rope interleaved",
    headDim: 64,
    heads: 8,
    kvHeads: 1,
    qSeq: 37,
    kSeq: 130,
    batch: 2,
    options: {
      layout: "bshd",
      causal: true,
      rope: { frequencies: ropeFrequencies(64), pairing: "interleaved" },
    },
  },
  {
    name: "D80 H6/6 q7 k41 causal alibi partial rotary (32 of 80)",
    headDim: 80,
    heads: 6,
    kvHeads: 6,
    qSeq: 7,
    kSeq: 41,
    options: {
      causal: true,
      alibiSlopes: alibiSlopes(6),
      rope: { frequencies: ropeFrequencies(32) },
    },
  },
  {
    name: "D96 H4/1 q70 k70 not causal",
    headDim: 96,
    heads: 4,
    kvHeads: 1,
    qSeq: 70,
    kSeq: 70,
    options: {},
  },
];

function inputsOf(c: CheckCase, seed: number): [Tensor, Tensor, Tensor] {
  const batch = c.batch ?? 1;
  const shape = (heads: number, seq: number) =>
    c.options.layout === "bshd" ? [batch, seq, heads, c.headDim] : [batch, heads, seq, c.headDim];
  return [
    randomNormal(shape(c.heads, c.qSeq), { seed }),
    randomNormal(shape(c.kvHeads, c.kSeq), { seed: seed + 1 }),
    randomNormal(shape(c.kvHeads, c.kSeq), { seed: seed + 2 }),
  ];
}

/** A tensor rounded to float16 and back (what f16 storage holds). */
function rounded(x: Tensor): Tensor {
  return tensor(fromHalf(toHalf(x.data), x.data.length), x.shape);
}

/**
 * flash2's correctness on the adapter, through the public API with the
 * tier's own records: its output against flash's at every prefill shape of
 * the plan (f32, within 2e-5), then against attentionReference on small
 * cases: within 2e-5 in f32; in f16 storage, against the reference on the
 * f16-rounded inputs within 2e-5 + 2^-11 · |reference| (the output is
 * rounded to f16 too). Pass an instance of its own (on the same device), so
 * these calls leave nothing in the timed instance's buffer pool or caches.
 */
export async function measureFlash2Checks(
  gpu: GpuAttention,
  plan: BenchPlan,
  log: Log,
): Promise<Flash2CheckRow[]> {
  const rows: Flash2CheckRow[] = await againstFlash(gpu, plan, log);
  for (const [i, c] of CHECK_CASES.entries()) {
    const [q, k, v] = inputsOf(c, 10 * i + 1);
    const precisions = gpu.info.f16.available && i === 0
      ? ["f32", "f16"] as const
      : ["f32"] as const;
    for (const precision of precisions) {
      const out = await gpu.attention(q, k, v, { ...c.options, kernel: "flash2", precision });
      const f16 = precision === "f16";
      const want = f16
        ? attentionReference(rounded(q), rounded(k), rounded(v), c.options)
        : attentionReference(q, k, v, c.options);
      let worstExcess = 0;
      for (let j = 0; j < want.data.length; j++) {
        const bound = 2e-5 + (f16 ? 2 ** -11 * Math.abs(want.data[j]!) : 0);
        const excess = Math.abs(out.data[j]! - want.data[j]!) - bound;
        if (!(excess <= worstExcess)) worstExcess = excess;
      }
      const row: Flash2CheckRow = {
        what: `flash2 vs attentionReference, ${c.name}, ${precision}`,
        tiles: flash2TilesOf(gpu, c.headDim),
        maxAbsDiff: maxDiff(out.data, want.data),
        tolerance: f16 ? "2e-5 + 2^-11 · abs(reference) (f16 output)" : "2e-5",
        ok: worstExcess <= 0,
      };
      rows.push(row);
      log(
        `  ${row.what}: max |diff| ${row.maxAbsDiff.toExponential(2)} ${
          row.ok ? "ok" : "FAILED"
        } (${row.tiles})`,
      );
    }
  }
  return rows;
}

/**
 * The records a sweep times for a head dim: the tier's default, the default
 * written out whole (no score or P·V loop) and in smaller chunks, the best
 * record with the largest register tile, then the best record of each other
 * structure (KV mode, workgroup, rows x keys).
 */
export function sweepRecords(
  headDim: number,
  tier: "T48" | "T32" | "T16",
  maxInvocations: number,
  count: number,
): Flash2Tiles[] {
  const all = flash2Candidates(headDim, tier, maxInvocations);
  if (all.length === 0) return [];
  const d4 = headDim / 4;
  const first = all[0]!;
  const out: Flash2Tiles[] = [];
  const seen = new Set<string>();
  const add = (t: Flash2Tiles) => {
    const label = flash2Label(t);
    if (out.length < count && !seen.has(label)) {
      seen.add(label);
      out.push(t);
    }
  };
  add(first);
  add({ ...first, dChunk: d4, kChunk: first.bc });
  if (d4 % 4 === 0) add({ ...first, dChunk: 4, kChunk: Math.min(first.bc, 16) });
  // The largest register tile the ranking allows (most multiply-adds per workgroup load).
  const acc = (t: Flash2Tiles) => t.tm * t.tn + 4 * t.tm * t.od4;
  const most = Math.max(...all.map(acc));
  add(all.find((t) => acc(t) === most)!);
  const structures = new Set<string>();
  for (const t of all) {
    const structure = `${t.kv}${t.doubleV}${t.prefetch}:${t.workgroup}:${t.tm}x${t.tn}`;
    if (structures.has(structure)) continue;
    structures.add(structure);
    add(t);
  }
  return out;
}

/** Times each sweep record on each sweep shape in f32, after checking it on a small case. */
export async function measureFlash2Sweep(
  device: GPUDevice,
  gpu: GpuAttention,
  plan: BenchPlan,
  log: Log,
): Promise<SweepRow[]> {
  const tier = gpu.info.tier;
  const invocations = gpu.info.limits?.maxComputeInvocationsPerWorkgroup ?? 256;
  if (!tier) return [];
  const ctx = directContext(device);
  const rows: SweepRow[] = [];
  for (const shape of plan.sweepShapes) {
    const records = sweepRecords(shape.headDim, tier, invocations, plan.sweepRecords);
    const check = CHECK_CASES.find((c) => c.headDim === shape.headDim) ?? {
      ...CHECK_CASES[0]!,
      headDim: shape.headDim,
      options: { causal: true, alibiSlopes: alibiSlopes(8) },
    };
    const [cq, ck, cv] = inputsOf(check, 7);
    const want = attentionReference(cq, ck, cv, check.options);
    const small = uploadDirect(ctx, cq, ck, cv, check.options);
    const big = bigOperands(ctx, shape);
    try {
      for (const [i, tiles] of records.entries()) {
        rows.push(await sweepOne(ctx, shape, tiles, i === 0, small, big, want, plan, log));
      }
    } finally {
      small.destroy();
      big.destroy();
    }
  }
  return rows;
}

function bigOperands(ctx: ReturnType<typeof directContext>, shape: PrefillShape) {
  const dims = [1, shape.heads, shape.seq, shape.headDim];
  const size = dims.reduce((a, b) => a * b, 1);
  const [q, k, v] = [1, 2, 3].map((seed) => tensor(benchData(size, seed), dims));
  return uploadDirect(ctx, q!, k!, v!, { causal: shape.causal });
}

async function sweepOne(
  ctx: ReturnType<typeof directContext>,
  shape: PrefillShape,
  tiles: Flash2Tiles,
  isDefault: boolean,
  small: ReturnType<typeof uploadDirect>,
  big: ReturnType<typeof uploadDirect>,
  want: Tensor,
  plan: BenchPlan,
  log: Log,
): Promise<SweepRow> {
  const label = flash2Label(tiles);
  const checked = await prepareDirect(ctx, tiles, small);
  let maxAbsDiff: number;
  try {
    maxAbsDiff = maxDiff((await runDirect(ctx, checked)).data, want.data);
  } finally {
    checked.release();
  }
  const ok = maxAbsDiff <= 2e-5;
  const call = await prepareDirect(ctx, tiles, big);
  let best = Infinity;
  try {
    const first = await ctx.profile(call.job, 1, true);
    const iterations = callsFor(first.seconds, plan.prefillTargetSeconds);
    for (let run = 0; run < plan.sweepRuns; run++) {
      best = Math.min(best, (await ctx.profile(call.job, iterations, false)).seconds);
    }
  } finally {
    call.release();
  }
  const row: SweepRow = {
    ...shape,
    tiles: label,
    isDefault,
    tflops: prefillTflops(shape, best),
    seconds: best,
    maxAbsDiff,
    ok,
  };
  log(
    `  sweep ${prefillLabel(shape)} ${label}${isDefault ? " (default)" : ""}: ${
      (best * 1e3).toFixed(3)
    } ms, ${row.tflops.toFixed(3)} TFLOP/s, check ${maxAbsDiff.toExponential(2)} ${
      ok ? "ok" : "FAILED"
    }`,
  );
  return row;
}
