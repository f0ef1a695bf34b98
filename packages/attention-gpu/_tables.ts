/**
 * RoPE (cos, sin) tables on the device. Kernels find the row of a token as
 * `tab + b * tabB + s` (batch b, token s). Consecutive positions use one
 * table per set of frequencies, indexed by absolute position and kept on the
 * device (it grows by doubling), so prefill chunks and decode steps share it;
 * explicit position lists get a table of their own rows per call, and so do
 * RopeCaches (their rows gathered by position).
 */

import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import type { GpuContext } from "./_context.ts";
import type { Positions } from "./_plan.ts";
import { ropeTable } from "./_rope_host.ts";
import { frequencyFingerprint } from "./_fingerprint.ts";
import { gatherCacheTable, isCache, type RopeSource, sourceHalf } from "./_rope_source.ts";

/** Where one side's rows start in the table. */
export interface TableSide {
  readonly tab: number;
  readonly tabB: number;
}

/** A table buffer and the row addressing of each side. */
export interface TableBinding {
  readonly buffer: GPUBuffer;
  /** Freed after the call (per-call tables); shared tables are not. */
  readonly temp: boolean;
  readonly sides: TableSide[];
}

/** One side's positions and token count. */
export interface SideSpec {
  readonly positions: Positions;
  readonly seq: number;
}

/** Largest shared absolute-position table kept per set of frequencies. */
const SHARED_TABLE_BYTES = 32 * 1024 * 1024;
const MIN_SHARED_ROWS = 1024;

function fingerprint(frequencies: RopeFrequencies, angles: string): string {
  return frequencyFingerprint(`rope-table|${angles}`, frequencies);
}

function tooLarge(rows: number, bytes: number, limit: number): RangeError {
  return new RangeError(
    `Cannot bind the RoPE table: ${rows} positions need ${bytes} bytes, more than the device's maxStorageBufferBindingSize of ${limit} bytes; rotate in smaller batches`,
  );
}

/** The table binding for the given sides (queries and keys, or one tensor). */
export function tableFor(
  ctx: GpuContext,
  source: RopeSource,
  angles: "float32" | "float64",
  sides: readonly SideSpec[],
): TableBinding {
  const rowBytes = sourceHalf(source) * 8;
  const limit = Math.min(ctx.limits.maxStorageBufferBindingSize, ctx.limits.maxBufferSize);
  // A cache's rows are gathered per call (never the shared table, which is keyed by frequencies).
  const frequencies = isCache(source) ? null : source;
  if (frequencies !== null && sides.every((s) => s.positions.kind === "range")) {
    const starts = sides.map((s) => (s.positions as { start: number }).start);
    const lo = Math.min(...starts);
    const hi = Math.max(...sides.map((s, i) => starts[i]! + s.seq));
    let rows = MIN_SHARED_ROWS;
    while (rows < hi) rows *= 2;
    if (rows * rowBytes <= Math.min(SHARED_TABLE_BYTES, limit)) {
      const key = fingerprint(frequencies, angles);
      let shared = ctx.cached<{ rows: number; buffer: GPUBuffer } | null>(key, () => null);
      if (!shared || shared.rows < hi) {
        const data = ropeTable(frequencies, { start: 0, count: rows }, angles);
        // The old buffer is not destroyed: work already submitted may read it; GC frees it.
        shared = { rows, buffer: ctx.upload(data, "rope table") };
        ctx.setCached(key, shared);
      }
      return { buffer: shared.buffer, temp: false, sides: starts.map((tab) => ({ tab, tabB: 0 })) };
    }
    // Far positions: a table of just the rows in use.
    const count = Math.max(1, hi - lo);
    if (count * rowBytes > limit) throw tooLarge(count, count * rowBytes, limit);
    const data = ropeTable(frequencies, { start: lo, count }, angles);
    return {
      buffer: ctx.upload(data, "rope table"),
      temp: true,
      sides: starts.map((start) => ({ tab: start - lo, tabB: 0 })),
    };
  }
  const lists: Float64Array[] = [];
  const out: TableSide[] = [];
  let total = 0;
  for (const side of sides) {
    const p = side.positions;
    const list = p.kind === "list"
      ? p.list
      : Float64Array.from({ length: side.seq }, (_, s) => p.start + s);
    out.push({ tab: total, tabB: p.kind === "list" && p.perBatch ? side.seq : 0 });
    lists.push(list);
    total += list.length;
  }
  const all = new Float64Array(Math.max(1, total));
  let at = 0;
  for (const list of lists) {
    all.set(list, at);
    at += list.length;
  }
  if (all.length * rowBytes > limit) throw tooLarge(all.length, all.length * rowBytes, limit);
  const data = frequencies === null
    ? gatherCacheTable(source as RopeCache, all.subarray(0, total))
    : ropeTable(frequencies, all, angles);
  return {
    buffer: ctx.upload(data, "rope table"),
    temp: true,
    sides: out,
  };
}

/**
 * A call's RoPE table (for `sides`, when the plan has RoPE) and ALiBi slopes
 * (when it has ALiBi), each null when unused; per-call buffers go to `temps`.
 */
export function positionBuffers<
  R extends { frequencies: RopeSource; angles: "float32" | "float64" },
>(
  ctx: GpuContext,
  plan: { readonly rope: R | null; readonly alibi: Float32Array | null },
  sides: (rope: R) => readonly SideSpec[],
  temps: GPUBuffer[],
): { table: TableBinding | null; slopes: GPUBuffer | null } {
  let table: TableBinding | null = null;
  if (plan.rope) {
    table = tableFor(ctx, plan.rope.frequencies, plan.rope.angles, sides(plan.rope));
    if (table.temp) temps.push(table.buffer);
  }
  let slopes: GPUBuffer | null = null;
  if (plan.alibi) {
    // ALiBi in the kernel's log2 domain: the bias is slope * log2(e) * distance.
    slopes = ctx.upload(plan.alibi.map((s) => s * Math.LOG2E), "alibi slopes");
    temps.push(slopes);
  }
  return { table, slopes };
}
