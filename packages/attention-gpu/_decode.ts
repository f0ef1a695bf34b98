/** Plans and encodes a decode call: the split kernel, then (with several splits) the merge. */

import type { GpuContext, Job } from "./_context.ts";
import type { CacheChunk } from "./_append_kernel.ts";
import { chooseDecodeTiles, decodeSplits, evenSplits } from "./_decode_tiles.ts";
import {
  type DecodeElements,
  type DecodeParams,
  MERGE_WORKGROUP,
  mergeKey,
  mergeLayout,
  mergeWgsl,
  splitKey,
  splitLayout,
  splitWgsl,
} from "./_decode_wgsl.ts";
import { foldGrid, gridCapacity } from "./_launch.ts";
import {
  decodeRun,
  decodeRuns,
  decodeShape,
  decodeValues,
  mergeValues,
} from "./_decode_job_common.ts";
import type { DecodePlan } from "./_kv_plan.ts";
import type { DecodeTurn } from "./_decode_plan.ts";
import { featureBuffers, featureResources } from "./_flash.ts";
import { NO_WINDOW } from "./_score_wgsl.ts";
import type { Positions } from "./_plan.ts";
import { positionBuffers } from "./_tables.ts";

/** The split-kernel parameters of a plan on this device, or a clear error. */
export function decodeParams(
  ctx: GpuContext,
  plan: DecodePlan,
  elements: DecodeElements,
): DecodeParams {
  const rows = plan.group * plan.qSeq;
  const tiles = chooseDecodeTiles(
    plan.headDim,
    rows,
    ctx.tier,
    ctx.limits.maxComputeInvocationsPerWorkgroup,
  );
  if (!tiles) {
    throw new RangeError(
      `Invalid q: head dim ${plan.headDim} is not supported by the decode kernel on this device (tier ${ctx.tier}, ${ctx.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage, ${ctx.limits.maxComputeInvocationsPerWorkgroup} invocations)`,
    );
  }
  return {
    tiles,
    rope: plan.rope ? { pairing: plan.rope.pairing, rotaryDim: plan.rope.rotaryDim } : null,
    alibi: plan.alibi !== null,
    elements,
    softcap: plan.softcap !== null,
    sinks: plan.sinks !== null,
    padding: plan.leftPadding !== null,
    bias: plan.bias !== null,
  };
}

/** The split and merge pipelines (cached per key). */
export function decodePipelines(
  ctx: GpuContext,
  params: DecodeParams,
): Promise<[GPUComputePipeline, GPUComputePipeline]> {
  const D = params.tiles.headDim;
  const o = params.elements.o;
  return Promise.all([
    ctx.pipeline(splitKey(params), () => splitWgsl(params)),
    ctx.pipeline(mergeKey(D, o), () => mergeWgsl(D, o)),
  ]);
}

/** The cache as a decode sees it. */
export interface CacheView {
  readonly batch: number;
  readonly kvHeads: number;
  /** Token slots per (batch, KV head); token j lives in slot j % slots. */
  readonly slots: number;
  readonly length: number;
  readonly chunks: readonly CacheChunk[];
}

/**
 * The number of splits a decode of this plan uses on this cache: the
 * caller's `splits` (checked against the keys it reads and the grid limit),
 * else {@linkcode decodeSplits}'s rule. `length` is the number of keys the
 * call reads: the cache length, or from the first key in its window
 * (`windowed`).
 */
export function splitsFor(
  ctx: GpuContext,
  plan: DecodePlan,
  params: DecodeParams,
  length: number,
  targetWorkgroups: number,
  windowed = false,
): { splits: number; keysPerSplit: number } {
  const maxDim = ctx.limits.maxComputeWorkgroupsPerDimension;
  if (plan.splits !== undefined) {
    const most = Math.min(length, maxDim);
    if (plan.splits > most) {
      throw new RangeError(
        `Invalid splits: expected at most ${most} (${
          windowed ? `the ${length} keys of the window` : `the cache length ${length}`
        }${
          maxDim < length ? ` and maxComputeWorkgroupsPerDimension ${maxDim}` : ""
        }), got ${plan.splits}`,
      );
    }
    return evenSplits(length, plan.splits);
  }
  const rowBlocks = Math.ceil((plan.group * plan.qSeq) / params.tiles.rb);
  return decodeSplits(length, plan.batch * plan.kvHeads * rowBlocks, targetWorkgroups, maxDim);
}

/** Where the query tokens sit for RoPE: explicit, or the cache's last qSeq slots. */
export function queryPositions(plan: DecodePlan, length: number): Positions {
  return plan.rope?.queryPositions ?? { kind: "range", start: length - plan.qSeq };
}

/**
 * The dispatches of a decode call: per cache chunk and run of (batch, KV
 * head) units whose q and output windows (and partial outputs) fit a
 * binding, the split kernel, then the merge kernel when there are several
 * splits. All of them go into one compute pass.
 */
export function decodeJob(
  ctx: GpuContext,
  plan: DecodePlan,
  params: DecodeParams,
  pipelines: [GPUComputePipeline, GPUComputePipeline],
  cache: CacheView,
  split: { splits: number; keysPerSplit: number },
  bufs: { q: GPUBuffer; o: GPUBuffer },
  turn: DecodeTurn,
): Job {
  const job: Job = { dispatches: [], temps: [] };
  const [splitPipe, mergePipe] = pipelines;
  const limits = ctx.limits;
  const { qSeq, headDim: D } = plan;
  const D4 = D / 4;
  const shape = decodeShape(ctx, plan, params.tiles.rb, params.elements, split);
  const { rows, rowBlocks, splits, direct } = shape;

  const { table, slopes } = positionBuffers(ctx, plan, () => [{
    positions: queryPositions(plan, cache.length),
    seq: qSeq,
  }], job.temps);
  const features = featureBuffers(ctx, { ...plan, bias: turn.bias }, job.temps);
  const maxDim = limits.maxComputeWorkgroupsPerDimension;
  const splitKernel = splitLayout(params);
  const mergeKernel = mergeLayout(params.elements.o);
  const mergeRunMax = Math.max(1, Math.floor(gridCapacity(MERGE_WORKGROUP, limits) / (rows * D4)));
  for (const chunk of cache.chunks) {
    for (const [a, n] of decodeRuns(ctx, shape, chunk, Math.min(maxDim, mergeRunMax))) {
      const run = decodeRun(shape, chunk, a, n);
      const { qw, ow } = run;
      // Partial outputs live in the context's scratch buffer, reused by every call.
      const partial = direct ? ctx.dummy() : ctx.scratch(shape.partialBytes(n));
      const values = {
        ...decodeValues(plan, shape, cache, chunk, run, table),
        first: turn.first,
        slots: cache.slots,
        window: turn.window === null ? NO_WINDOW : Math.min(turn.window, NO_WINDOW),
        cap2: (plan.softcap ?? 1) * Math.LOG2E,
        bB: turn.bias?.batchStride ?? 0,
        bH: turn.bias?.headStride ?? 0,
        bS: turn.bias?.rowStride ?? 0,
      };
      job.dispatches.push({
        pipeline: splitPipe,
        bindGroup: ctx.bind(splitPipe, splitKernel, values, {
          q: { buffer: bufs.q, offset: qw.offset, size: qw.size },
          k: { buffer: chunk.k },
          v: { buffer: chunk.v },
          o: { buffer: bufs.o, offset: ow.offset, size: ow.size },
          w: { buffer: partial },
          ...(table ? { table: { buffer: table.buffer } } : {}),
          ...(slopes ? { slopes: { buffer: slopes } } : {}),
          ...featureResources(features),
        }, job.temps),
        grid: [splits, n, rowBlocks],
      });
      if (direct) continue;
      const items = n * rows * D4;
      const [gx, gy] = foldGrid(Math.ceil(items / MERGE_WORKGROUP), limits);
      job.dispatches.push({
        pipeline: mergePipe,
        bindGroup: ctx.bind(mergePipe, mergeKernel, mergeValues(plan, shape, run, items, gx), {
          w: { buffer: partial },
          o: { buffer: bufs.o, offset: ow.offset, size: ow.size },
        }, job.temps),
        grid: [gx, gy, 1],
      });
    }
  }
  return job;
}
