/**
 * What `deno task bench:gpu` measures: the shapes of the prefill and decode
 * tables and the sizes of the ceiling runs, full (a real GPU, under five
 * minutes on an H200) or quick (tiny shapes that check the script on a
 * software adapter in a minute or two).
 *
 * @module
 */

import type { CeilingSizes } from "./ceilings.ts";
import type { DecodeKernel, Precision, SplitMode } from "./results.ts";

/** One prefill shape (B = 1, self-attention: q, k and v of [1, H, S, D]). */
export interface PrefillShape {
  heads: number;
  seq: number;
  headDim: number;
  causal: boolean;
}

/** One decode shape (B = 1, one query token per head, kvHeads·group query heads). */
export interface DecodeShape {
  kvHeads: number;
  group: number;
  headDim: number;
  length: number;
}

/**
 * One decode measurement per length and precision: a kernel (the `kernel`
 * option of `decode`) and how its split count is set: the package's rule
 * ("auto"), one split, or half / twice the rule's count (which tells
 * whether the rule of the keys kernel should move).
 */
export interface DecodeVariant {
  kernel: DecodeKernel;
  splitMode: SplitMode;
}

/** Everything one run does. */
export interface BenchPlan {
  quick: boolean;
  prefill: PrefillShape[];
  decode: DecodeShape[];
  /** Measured in this order; an "auto" row comes before the variants derived from it. */
  decodeVariants: DecodeVariant[];
  precisions: Precision[];
  ceilings: CeilingSizes;
  /** Timed runs per prefill shape (best kept). */
  prefillRuns: number;
  /** Seconds of GPU work one timed prefill submission aims for. */
  prefillTargetSeconds: number;
  /** L2-cold timed decode calls per row (best kept). */
  decodeRuns: number;
  /** Bytes streamed between timed decode calls to evict L2 (0: no flush). */
  flushBytes: number;
  /** Calls n of the cross-check (submissions of n and 2n calls). */
  crossCheckCalls: number;
}

const DECODE_HEADS = { kvHeads: 8, group: 4, headDim: 128 } as const;

/** Today's split kernel (automatic, 1 split) and the keys kernel (automatic, 1, half, twice). */
const DECODE_VARIANTS: DecodeVariant[] = [
  { kernel: "split", splitMode: "auto" },
  { kernel: "split", splitMode: "1" },
  { kernel: "keys", splitMode: "auto" },
  { kernel: "keys", splitMode: "1" },
  { kernel: "keys", splitMode: "auto/2" },
  { kernel: "keys", splitMode: "auto*2" },
];

/** The plan for a real GPU (the shapes of the attention-gpu issues). */
export const FULL_PLAN: BenchPlan = {
  quick: false,
  prefill: [
    { heads: 8, seq: 512, headDim: 64, causal: true },
    { heads: 8, seq: 2048, headDim: 64, causal: true },
    { heads: 8, seq: 2048, headDim: 128, causal: true },
    { heads: 16, seq: 8192, headDim: 128, causal: true },
    { heads: 16, seq: 8192, headDim: 128, causal: false },
    { heads: 32, seq: 4096, headDim: 64, causal: true },
  ],
  decode: [1024, 4096, 16384, 65536].map((length) => ({ ...DECODE_HEADS, length })),
  decodeVariants: DECODE_VARIANTS,
  precisions: ["f32", "f16"],
  ceilings: {
    fmaWorkgroups: 8448,
    fmaIterations: 4096,
    readBytes: 2 ** 30,
    runs: 5,
    submits: 200,
    waits: 20,
  },
  prefillRuns: 5,
  prefillTargetSeconds: 0.05,
  decodeRuns: 10,
  flushBytes: 256 * 2 ** 20,
  crossCheckCalls: 20,
};

/** Tiny shapes for a software adapter: proves the script, measures nothing. */
export const QUICK_PLAN: BenchPlan = {
  quick: true,
  prefill: [
    { heads: 2, seq: 64, headDim: 64, causal: true },
    { heads: 2, seq: 128, headDim: 64, causal: false },
    { heads: 2, seq: 128, headDim: 128, causal: true },
  ],
  decode: [256, 1024].map((length) => ({ ...DECODE_HEADS, length })),
  decodeVariants: DECODE_VARIANTS,
  precisions: ["f32", "f16"],
  ceilings: {
    fmaWorkgroups: 64,
    fmaIterations: 256,
    readBytes: 32 * 2 ** 20,
    runs: 2,
    submits: 50,
    waits: 10,
  },
  prefillRuns: 2,
  prefillTargetSeconds: 0.005,
  decodeRuns: 2,
  flushBytes: 8 * 2 ** 20,
  crossCheckCalls: 4,
};

/**
 * The forced split count of a variant, from the "auto" count of the same
 * kernel and length (undefined: the rule decides).
 */
export function variantSplits(
  mode: SplitMode,
  auto: number | undefined,
  length: number,
): number | undefined {
  if (mode === "auto") return undefined;
  if (mode === "1") return 1;
  if (auto === undefined) {
    throw new Error(`Internal error: the ${mode} variant needs the automatic row measured first`);
  }
  return mode === "auto/2" ? Math.max(1, Math.round(auto / 2)) : Math.min(length, 2 * auto);
}

/** Calls per timed submission so that one submission takes about `target` seconds. */
export function callsFor(secondsPerCall: number, target: number, max = 20): number {
  if (!(secondsPerCall > 0)) return 1;
  return Math.max(1, Math.min(max, Math.round(target / secondsPerCall)));
}
