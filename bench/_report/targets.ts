/**
 * The performance targets of DESIGN.md §5 / issue 8, judged from the
 * measured groups: met or missed, and by how much.
 *
 * @module
 */

import { findRow, type Group } from "./model.ts";

/** Names the targets read; the benches keep them stable. */
export const ROPE_BIG_GROUP = "rope apply 1x32x4096x128";
/** The CPU attention groups the 3x target is judged on. */
export const ATTENTION_TARGET_GROUPS = ["attention 1x8x512x64", "attention 1x8x512x64 causal"];
/** Row names the targets compare. */
export const NAMES = {
  copy: "copy",
  ropeInPlace: "applyRope inPlace",
  ortRope: "onnxruntime RotaryEmbedding",
  ortRopeKernel: "onnxruntime RotaryEmbedding (kernel only)",
  attentionCpu: "attentionCpu",
  cpuFallback2: "posenc CPU fallback, 2 threads",
  ortAttention: "onnxruntime Attention",
  ortAttention1: "onnxruntime Attention 1 thread",
} as const;

/** One target's verdict. */
export interface TargetResult {
  target: string;
  measured: string;
  /** null when it could not be judged (a row is missing). */
  met: boolean | null;
  detail: string;
}

function fmt(x: number, digits = 2): string {
  return x.toFixed(digits);
}

function missing(target: string, what: string): TargetResult {
  return { target, measured: "not measured", met: null, detail: `${what} did not run` };
}

/**
 * Evaluates the three targets: applyRope in place >= 0.5x the copy's speed;
 * applyRope in place faster than ORT's RotaryEmbedding (session.run, and for
 * information its kernel alone); the CPU attention fallback (the CPU
 * backend with 2 threads) within 3x of ORT's Attention (its default, 2
 * intra-op threads here) at S=512, D=64 (plain and causal), with the
 * 1-thread comparison (attentionCpu vs ORT on 1 thread) in the detail.
 */
export function evaluateTargets(groups: Group[]): TargetResult[] {
  const results: TargetResult[] = [];

  const copy = findRow(groups, ROPE_BIG_GROUP, NAMES.copy);
  const rope = findRow(groups, ROPE_BIG_GROUP, NAMES.ropeInPlace);
  const t1 = "applyRope in place >= 0.5x the copy's speed, [1, 32, 4096, 128]";
  if (!copy || !rope) results.push(missing(t1, !copy ? "copy" : NAMES.ropeInPlace));
  else {
    const speed = copy.avgMs / rope.avgMs;
    const met = speed >= 0.5;
    results.push({
      target: t1,
      measured: `${fmt(speed)}x the copy's speed`,
      met,
      detail: met
        ? `met with ${fmt(speed / 0.5)}x margin`
        : `missed: ${fmt(0.5 / speed)}x too slow (needs ${fmt(2 * copy.avgMs, 1)} ms, ` +
          `takes ${fmt(rope.avgMs, 1)} ms)`,
    });
  }

  const ort = findRow(groups, ROPE_BIG_GROUP, NAMES.ortRope);
  const t2 = "applyRope in place faster than ONNX Runtime's RotaryEmbedding, [1, 32, 4096, 128]";
  if (!rope || !ort) results.push(missing(t2, !rope ? NAMES.ropeInPlace : NAMES.ortRope));
  else {
    const speedup = ort.avgMs / rope.avgMs;
    const kernel = findRow(groups, ROPE_BIG_GROUP, NAMES.ortRopeKernel);
    const kernelNote = !kernel
      ? ""
      : kernel.avgMs > rope.avgMs
      ? `; also ${fmt(kernel.avgMs / rope.avgMs)}x faster than ORT's kernel alone ` +
        "(profiler, output copy excluded)"
      : `; but ORT's kernel alone (profiler, output copy excluded) is ` +
        `${fmt(rope.avgMs / kernel.avgMs)}x faster than applyRope`;
    results.push({
      target: t2,
      measured: `${fmt(speedup)}x ORT's session.run speed`,
      met: speedup > 1,
      detail: (speedup > 1
        ? `met: ${fmt(speedup)}x faster than session.run`
        : `missed: ${fmt(1 / speedup)}x slower than session.run`) + kernelNote,
    });
  }

  for (const group of ATTENTION_TARGET_GROUPS) {
    const t3 = `CPU attention fallback (2 threads) within 3x of ONNX Runtime's Attention ` +
      `(default threads), ${group}`;
    const cpu = findRow(groups, group, NAMES.cpuFallback2);
    const base = findRow(groups, group, NAMES.ortAttention);
    if (!cpu || !base) {
      results.push(missing(t3, !cpu ? NAMES.cpuFallback2 : NAMES.ortAttention));
      continue;
    }
    const ratio = cpu.avgMs / base.avgMs;
    const met = ratio <= 3;
    const single = findRow(groups, group, NAMES.attentionCpu);
    const base1 = findRow(groups, group, NAMES.ortAttention1);
    const singleNote = single && base1
      ? `; on 1 thread, attentionCpu takes ${fmt(single.avgMs / base1.avgMs)}x ` +
        "ORT's 1-thread time"
      : "";
    results.push({
      target: t3,
      measured: `${fmt(ratio)}x ORT's time`,
      met,
      detail: (met
        ? `met with ${fmt(3 / ratio)}x margin`
        : `missed: ${fmt(ratio / 3)}x over the 3x bound`) + singleNote,
    });
  }
  return results;
}
