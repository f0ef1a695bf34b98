/**
 * Splitting work to the device's limits: storage bindings are windows of at
 * most maxStorageBufferBindingSize bytes at aligned offsets, and a grid has
 * at most maxComputeWorkgroupsPerDimension workgroups per dimension.
 */

import type { EffectiveLimits } from "./_context.ts";

/** A binding window over a buffer of f32 elements. */
export interface Window {
  /** Byte offset of the binding (aligned). */
  readonly offset: number;
  /** Byte size of the binding. */
  readonly size: number;
  /** The first element of the window: kernels subtract it from absolute indices. */
  readonly base: number;
}

/**
 * The window covering elements [first, end) of a buffer, starting at the
 * aligned offset at or below `first`.
 */
export function windowOf(first: number, end: number, limits: EffectiveLimits): Window {
  const alignment = Math.max(16, limits.minStorageBufferOffsetAlignment);
  const offset = Math.floor((first * 4) / alignment) * alignment;
  const size = Math.max(4, end * 4 - offset);
  return { offset, size, base: offset / 4 };
}

/** Whether a window fits one storage binding. */
export function fits(w: Window, limits: EffectiveLimits): boolean {
  return w.size <= limits.maxStorageBufferBindingSize;
}

/**
 * Splits `count` items into consecutive runs [start, start + n) as long as
 * possible such that `ok(start, n)` holds (ok must be monotone in n), at
 * most `maxRun` items each. Throws `tooBig(start)` when even one item fails.
 */
export function splitRuns(
  count: number,
  maxRun: number,
  ok: (start: number, n: number) => boolean,
  tooBig: (start: number) => Error,
): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = 0;
  while (start < count) {
    const left = Math.min(count - start, maxRun);
    if (!ok(start, 1)) throw tooBig(start);
    let lo = 1; // known good
    let hi = left;
    if (ok(start, hi)) {
      lo = hi;
    } else {
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (ok(start, mid)) lo = mid;
        else hi = mid;
      }
    }
    runs.push([start, lo]);
    start += lo;
  }
  return runs;
}

/**
 * Folds a 1-D count of workgroups into an (x, y) grid within the per-dimension
 * limit; kernels rebuild the linear index as `y * x_count + x` and drop the
 * overshoot.
 */
export function foldGrid(workgroups: number, limits: EffectiveLimits): [number, number] {
  const max = limits.maxComputeWorkgroupsPerDimension;
  if (workgroups <= max) return [Math.max(1, workgroups), 1];
  const y = Math.ceil(workgroups / max);
  if (y > max) {
    throw new RangeError(
      `Cannot dispatch ${workgroups} workgroups: more than ${max} x ${max}, the device's 2-D grid limit`,
    );
  }
  return [Math.ceil(workgroups / y), y];
}

/** Largest number of items a folded 2-D grid of `workgroupSize` invocations can cover. */
export function gridCapacity(workgroupSize: number, limits: EffectiveLimits): number {
  const max = limits.maxComputeWorkgroupsPerDimension;
  return max * max * workgroupSize;
}
