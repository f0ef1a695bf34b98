/**
 * What the split-kernel and keys-kernel decode jobs share: the sizes of a
 * call, the binding windows of a run of (batch, KV head) units, the runs
 * that fit, and the uniform values both kernels (and both merges) take.
 */

import type { GpuContext } from "./_context.ts";
import type { CacheChunk } from "./_append_kernel.ts";
import type { DecodeElements } from "./_decode_wgsl.ts";
import type { DecodePlan } from "./_kv_plan.ts";
import { fits, splitRuns, type Window, windowOf } from "./_launch.ts";
import type { TableBinding } from "./_tables.ts";

/** The sizes of a decode call on one kernel, and the windows they give. */
export interface DecodeShape {
  /** Query rows per (batch, KV head) unit. */
  readonly rows: number;
  readonly rowBlocks: number;
  readonly splits: number;
  readonly keysPerSplit: number;
  /** One split: the kernel writes the output itself, with no merge. */
  readonly direct: boolean;
  readonly qBytes: number;
  readonly oBytes: number;
  /** The q (or output) window of units u0 .. u0 + n - 1 at `bytes` per element. */
  window(u0: number, n: number, bytes: number): Window;
  /** Bytes of the partial outputs and their stats for n units. */
  partialBytes(n: number): number;
  /** Where the stats start in the partials of n units, in vec4s. */
  statsOff(n: number): number;
}

/** The sizes of a decode of `plan` with row blocks of `rb` rows and `split`. */
export function decodeShape(
  ctx: GpuContext,
  plan: DecodePlan,
  rb: number,
  elements: DecodeElements,
  split: { splits: number; keysPerSplit: number },
): DecodeShape {
  const limits = ctx.limits;
  const { kvHeads, group, qSeq, headDim: D } = plan;
  const D4 = D / 4;
  const rows = group * qSeq;
  const { splits, keysPerSplit } = split;
  const qs = plan.qStrides;
  return {
    rows,
    rowBlocks: Math.ceil(rows / rb),
    splits,
    keysPerSplit,
    direct: splits === 1,
    qBytes: elements.q === "f16" ? 2 : 4,
    oBytes: elements.o === "f16" ? 2 : 4,
    window: (u0, n, bytes) => {
      const at = (u: number, head: number) => Math.floor(u / kvHeads) * qs.batch + head * qs.heads;
      const u1 = u0 + n - 1;
      const first = at(u0, (u0 % kvHeads) * group);
      const end = at(u1, (u1 % kvHeads) * group + group - 1) + (qSeq - 1) * qs.seq + D;
      return windowOf(first, end, limits, bytes);
    },
    partialBytes: (n) => n * rows * splits * (D4 + 1) * 16,
    statsOff: (n) => n * rows * splits * D4,
  };
}

/**
 * The runs (start within the chunk, count) of a chunk's units whose q and
 * output windows, and partial outputs, fit a binding; at most `maxRun` each.
 */
export function decodeRuns(
  ctx: GpuContext,
  shape: DecodeShape,
  chunk: CacheChunk,
  maxRun: number,
): Array<[number, number]> {
  const limits = ctx.limits;
  const { window, partialBytes, qBytes, oBytes, direct, splits } = shape;
  return splitRuns(
    chunk.n,
    maxRun,
    (a, n) =>
      fits(window(chunk.u0 + a, n, qBytes), limits) &&
      fits(window(chunk.u0 + a, n, oBytes), limits) &&
      (direct || partialBytes(n) <= limits.maxStorageBufferBindingSize),
    (a) =>
      new RangeError(
        `Cannot decode: the queries of one (batch, KV head) span ${
          window(chunk.u0 + a, 1, Math.max(qBytes, oBytes)).size
        } bytes or their ${splits} partial outputs ${
          partialBytes(1)
        } bytes, more than maxStorageBufferBindingSize (${limits.maxStorageBufferBindingSize} bytes)`,
      ),
  );
}

/** Where a run's units start, and their q and output windows. */
export interface DecodeRun {
  readonly u0: number;
  readonly n: number;
  readonly qw: Window;
  readonly ow: Window;
}

/** The run of n units at `a` within the chunk, with its windows. */
export function decodeRun(shape: DecodeShape, chunk: CacheChunk, a: number, n: number): DecodeRun {
  const u0 = chunk.u0 + a;
  return { u0, n, qw: shape.window(u0, n, shape.qBytes), ow: shape.window(u0, n, shape.oBytes) };
}

/** The uniform values both decode kernels take for a run. */
export function decodeValues(
  plan: DecodePlan,
  shape: DecodeShape,
  cache: { readonly length: number },
  chunk: CacheChunk,
  run: DecodeRun,
  table: TableBinding | null,
): Record<DecodeField, number> {
  const qs = plan.qStrides;
  return {
    sq: plan.qSeq,
    group: plan.group,
    rows: shape.rows,
    kvHeads: plan.kvHeads,
    len: cache.length,
    nsplit: shape.splits,
    keysPerSplit: shape.keysPerSplit,
    unitBase: run.u0,
    chunkBase: chunk.u0,
    direct: shape.direct ? 1 : 0,
    statsOff: shape.statsOff(run.n),
    qB: qs.batch / 4,
    qH: qs.heads / 4,
    qS: qs.seq / 4,
    qOff: run.qw.base / 4,
    ...outputValues(plan, run),
    tab: table?.sides[0]?.tab ?? 0,
    tabB: table?.sides[0]?.tabB ?? 0,
    scale2: plan.scale * Math.LOG2E,
  };
}

/** The uniform values both merges take for a run of `items` work items. */
export function mergeValues(
  plan: DecodePlan,
  shape: DecodeShape,
  run: DecodeRun,
  items: number,
  gridX: number,
): Record<MergeField, number> {
  return {
    items,
    nsplit: shape.splits,
    rows: shape.rows,
    group: plan.group,
    kvHeads: plan.kvHeads,
    unitBase: run.u0,
    statsOff: shape.statsOff(run.n),
    gridX,
    ...outputValues(plan, run),
  };
}

type OutputField = "oB" | "oH" | "oS" | "oOff";

/** The uniform fields both decode kernels have. */
type DecodeField =
  | "sq"
  | "group"
  | "rows"
  | "kvHeads"
  | "len"
  | "nsplit"
  | "keysPerSplit"
  | "unitBase"
  | "chunkBase"
  | "direct"
  | "statsOff"
  | "qB"
  | "qH"
  | "qS"
  | "qOff"
  | OutputField
  | "tab"
  | "tabB"
  | "scale2";

/** The uniform fields of both merges. */
type MergeField =
  | "items"
  | "nsplit"
  | "rows"
  | "group"
  | "kvHeads"
  | "unitBase"
  | "statsOff"
  | "gridX"
  | OutputField;

function outputValues(plan: DecodePlan, run: DecodeRun): Record<OutputField, number> {
  const qs = plan.qStrides;
  return { oB: qs.batch / 4, oH: qs.heads / 4, oS: qs.seq / 4, oOff: run.ow.base / 4 };
}
