/**
 * The performance targets, judged from the measured groups: met or missed,
 * and by how much. The first four are the original ones (RoPE against the
 * copy and ONNX Runtime at [1, 32, 4096, 128], CPU attention within 3x of
 * ONNX Runtime); {@linkcode evaluateCpuSmallTargets} adds the CPU path at
 * small shapes and for one decoded token, and
 * {@linkcode evaluateResidentTargets} judges its RoPE targets again on a
 * `ropeTensor` (the tensor in the kernel's own memory, rotated without
 * copies).
 *
 * @module
 */

import { formatMs } from "./format.ts";
import { findRow, type Group } from "./model.ts";

/** Names the targets read; the benches keep them stable. */
export const ROPE_BIG_GROUP = "rope apply 1x32x4096x128";
/** The CPU attention groups the 3x target is judged on. */
export const ATTENTION_TARGET_GROUPS = ["attention 1x8x512x64", "attention 1x8x512x64 causal"];
/** Row names the targets compare. */
export const NAMES = {
  copy: "copy",
  ropeInPlace: "applyRope inPlace",
  ropeResident: "applyRope inPlace, ropeTensor",
  copyInOut: "copy in and out of WebAssembly memory (no rotation)",
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
  /** Set on the small-shape CPU targets ({@linkcode evaluateCpuSmallTargets}), which the README lists. */
  smallShape?: true;
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

/** decode_peers_bench.ts's groups, which the small-shape targets read. */
export const ROPE_SMALL_GROUP = "rope apply 1x8x512x64";
/** RoPE of one decoded token's q and k at position 4095. */
export const ROPE_DECODE_GROUPS = ["rope decode q 1x32x1x128", "rope decode k 1x8x1x128"];
/** Attention of one token against a CPU KV cache of 4096 tokens. */
export const CPU_DECODE_GROUP = "cpu decode B1 Hkv8 G4 D128 L4096 f32";
/** The posenc rows of the CPU decode group (the faster one is judged). */
export const CPU_DECODE_ROWS = ["posenc CPU decode", "posenc CPU decode, 2 threads"];

/** A "posenc at >= `min`x the copy's speed" verdict. */
function speedVersusCopy(
  target: string,
  groups: Group[],
  group: string,
  names: readonly string[],
  min: number,
): TargetResult {
  const copy = findRow(groups, group, NAMES.copy);
  const rows = names.map((n) => findRow(groups, group, n)).filter((r) => r !== undefined);
  if (!copy || rows.length === 0) return missing(target, !copy ? NAMES.copy : names.join(" / "));
  const best = rows.reduce((a, b) => (b.avgMs < a.avgMs ? b : a));
  const speed = copy.avgMs / best.avgMs;
  const met = speed >= min;
  const which = names.length > 1 ? ` (${best.name})` : "";
  return {
    target,
    measured: `${fmt(speed)}x the copy's speed${which}`,
    met,
    detail: met
      ? `met with ${fmt(speed / min)}x margin`
      : `missed: ${fmt(min / speed)}x too slow (needs ${formatMs(copy.avgMs / min)}, ` +
        `takes ${formatMs(best.avgMs)})`,
  };
}

/** A "posenc's time within `max` times the peer's" verdict (max 1: faster than the peer). */
function timeVersusPeer(
  target: string,
  groups: Group[],
  group: string,
  name: string,
  peer: string,
  max: number,
): TargetResult {
  const ours = findRow(groups, group, name);
  const theirs = findRow(groups, group, peer);
  if (!ours || !theirs) return missing(target, !ours ? name : peer);
  const ratio = ours.avgMs / theirs.avgMs;
  const met = max === 1 ? ratio < 1 : ratio <= max;
  const bound = max === 1 ? "its time" : `${max}x its time`;
  return {
    target,
    measured: `${fmt(ratio)}x the time of ${peer} (${formatMs(ours.avgMs)} vs ${
      formatMs(theirs.avgMs)
    })`,
    met,
    detail: met
      ? `met with ${fmt(max / ratio)}x margin`
      : `missed: ${fmt(ratio / max)}x over ${bound}`,
  };
}

/**
 * The CPU path at small shapes and for one decoded token: applyRope in place
 * at [1, 8, 512, 64] at >= 0.5x the copy's speed and faster than ORT's
 * RotaryEmbedding kernel alone; at [1, 32, 4096, 128] at >= 0.8x the copy's
 * speed; one token's RoPE (q and k at position 4095) within 2x of ORT's
 * kernel alone per call; the CPU decode step reading its KV cache of 4096
 * tokens at >= 0.5x the speed of copying the cache's bytes (the faster of
 * the 1- and 2-thread CPU backends).
 */
export function evaluateCpuSmallTargets(groups: Group[]): TargetResult[] {
  const results = ropeSmallTargets(groups, NAMES.ropeInPlace, "applyRope in place", true);
  results.push(
    speedVersusCopy(
      "decode: CPU attention of q [1, 32, 1, 128] reads its KV cache (L = 4096, Hkv = 8, " +
        "D = 128, f32) at >= 0.5x the speed of copying the cache's bytes",
      groups,
      CPU_DECODE_GROUP,
      CPU_DECODE_ROWS,
      0.5,
    ),
  );
  return results.map((r) => ({ ...r, smallShape: true as const }));
}

/**
 * Adds to a missed target of the plain-array rows what copying the array
 * into WebAssembly memory and back costs alone (the bench's floor row):
 * where that is already over the target's time, no kernel can meet it on
 * a caller's own array, and the reader should know.
 */
function withCopyFloor(result: TargetResult, groups: Group[], group: string): TargetResult {
  const copy = findRow(groups, group, NAMES.copy);
  const floor = findRow(groups, group, NAMES.copyInOut);
  if (result.met !== false || !copy || !floor) return result;
  return {
    ...result,
    detail: `${result.detail}; copying the array into WebAssembly memory and back alone, ` +
      `with no rotation, takes ${formatMs(floor.avgMs)} (${
        fmt(copy.avgMs / floor.avgMs)
      }x the copy's speed): a ropeTensor skips both copies`,
  };
}

/**
 * The RoPE targets of {@linkcode evaluateCpuSmallTargets} for the row
 * `row`, worded with `subject`: in place at [1, 8, 512, 64] (>= 0.5x the
 * copy, faster than ORT's kernel alone), at [1, 32, 4096, 128] (>= 0.8x),
 * and one decoded token's q and k (within 2x of ORT's kernel alone). With
 * `copyFloor` (a caller's own array), a missed shape target also quotes
 * what copying into WebAssembly memory and back costs alone.
 */
function ropeSmallTargets(
  groups: Group[],
  row: string,
  subject: string,
  copyFloor = false,
): TargetResult[] {
  const floor = (group: string, result: TargetResult): TargetResult =>
    copyFloor ? withCopyFloor(result, groups, group) : result;
  const results = [
    floor(
      ROPE_SMALL_GROUP,
      speedVersusCopy(
        `${subject} >= 0.5x the copy's speed, [1, 8, 512, 64]`,
        groups,
        ROPE_SMALL_GROUP,
        [row],
        0.5,
      ),
    ),
    floor(
      ROPE_SMALL_GROUP,
      timeVersusPeer(
        `${subject} faster than ONNX Runtime's RotaryEmbedding kernel alone, [1, 8, 512, 64]`,
        groups,
        ROPE_SMALL_GROUP,
        row,
        NAMES.ortRopeKernel,
        1,
      ),
    ),
    floor(
      ROPE_BIG_GROUP,
      speedVersusCopy(
        `${subject} >= 0.8x the copy's speed, [1, 32, 4096, 128]`,
        groups,
        ROPE_BIG_GROUP,
        [row],
        0.8,
      ),
    ),
  ];
  for (const group of ROPE_DECODE_GROUPS) {
    const shape = group.slice(group.lastIndexOf(" ") + 1).replaceAll("x", ", ");
    results.push(
      timeVersusPeer(
        `decode: ${subject} within 2x of ONNX Runtime's RotaryEmbedding kernel alone, ` +
          `one token [${shape}] at position 4095`,
        groups,
        group,
        row,
        NAMES.ortRopeKernel,
        2,
      ),
    );
  }
  return results;
}

/**
 * The RoPE targets of {@linkcode evaluateCpuSmallTargets} judged on the
 * `ropeTensor` rows: the same calls on a tensor whose data is the kernel's
 * own WebAssembly memory, so nothing is copied in or out (what a decode loop
 * that owns its buffers would use; the plain rows are a caller's own
 * Float32Array).
 */
export function evaluateResidentTargets(groups: Group[]): TargetResult[] {
  return ropeSmallTargets(groups, NAMES.ropeResident, "applyRope in place on a ropeTensor")
    .map((r) => ({ ...r, smallShape: true as const }));
}
