/** Plans and encodes a decode call on the "keys" kernel, then (with several splits) its merge. */

import type { GpuContext, Job } from "./_context.ts";
import { type CacheView, queryPositions } from "./_decode.ts";
import { chooseKeysTiles, keysSplits } from "./_decode_keys_tiles.ts";
import {
  keysKey,
  keysLayout,
  keysMergeKey,
  keysMergeLayout,
  keysMergeShape,
  keysMergeWgsl,
  type KeysParams,
  keysWgsl,
} from "./_decode_keys_wgsl.ts";
import { evenSplits } from "./_decode_tiles.ts";
import type { DecodeElements } from "./_decode_wgsl.ts";
import type { DecodePlan } from "./_kv_plan.ts";
import { foldGrid } from "./_launch.ts";
import {
  decodeRun,
  decodeRuns,
  decodeShape,
  decodeValues,
  mergeValues,
} from "./_decode_job_common.ts";
import { positionBuffers } from "./_tables.ts";

/**
 * The keys-kernel parameters of a plan on this device, or the reason the
 * kernel cannot take it (the caller then runs the split kernel).
 */
export function keysParams(
  ctx: GpuContext,
  plan: DecodePlan,
  elements: DecodeElements,
): KeysParams | string {
  const tiles = chooseKeysTiles(
    plan.headDim,
    plan.group * plan.qSeq,
    elements.kv,
    ctx.tier,
    ctx.limits.maxComputeInvocationsPerWorkgroup,
  );
  if (typeof tiles === "string") return tiles;
  const merge = keysMergeShape(plan.headDim).workgroup;
  if (merge > ctx.limits.maxComputeInvocationsPerWorkgroup) {
    return `its merge kernel needs ${merge} invocations per workgroup`;
  }
  const rows = plan.group * plan.qSeq;
  const maxDim = ctx.limits.maxComputeWorkgroupsPerDimension;
  if (
    Math.ceil(rows / tiles.rb) > maxDim ||
    rows * keysMergeShape(plan.headDim).blocks > maxDim * maxDim
  ) {
    return `${rows} query rows per KV head exceed its grid (maxComputeWorkgroupsPerDimension ${maxDim})`;
  }
  return {
    tiles,
    rope: plan.rope ? { pairing: plan.rope.pairing, rotaryDim: plan.rope.rotaryDim } : null,
    alibi: plan.alibi !== null,
    elements,
  };
}

/** The keys kernel and its merge (cached per key). */
export function keysPipelines(
  ctx: GpuContext,
  params: KeysParams,
): Promise<[GPUComputePipeline, GPUComputePipeline]> {
  const D = params.tiles.headDim;
  const o = params.elements.o;
  return Promise.all([
    ctx.pipeline(keysKey(params), () => keysWgsl(params)),
    ctx.pipeline(keysMergeKey(D, o), () => keysMergeWgsl(D, o)),
  ]);
}

/**
 * The splits of a keys decode: the caller's `splits` (checked against the
 * length and grid limit), else {@linkcode keysSplits}'s rule.
 */
export function keysSplitsFor(
  ctx: GpuContext,
  plan: DecodePlan,
  params: KeysParams,
  length: number,
  targetWorkgroups: number,
): { splits: number; keysPerSplit: number } {
  const maxDim = ctx.limits.maxComputeWorkgroupsPerDimension;
  if (plan.splits !== undefined) {
    const most = Math.min(length, maxDim);
    if (plan.splits > most) {
      throw new RangeError(
        `Invalid splits: expected at most ${most} (the cache length ${length}${
          maxDim < length ? ` and maxComputeWorkgroupsPerDimension ${maxDim}` : ""
        }), got ${plan.splits}`,
      );
    }
    return evenSplits(length, plan.splits);
  }
  const t = params.tiles;
  const rowBlocks = Math.ceil((plan.group * plan.qSeq) / t.rb);
  return keysSplits(
    length,
    plan.batch * plan.kvHeads * rowBlocks,
    targetWorkgroups,
    maxDim,
    t.tk,
  );
}

/**
 * The dispatches of a keys decode: per cache chunk and run of (batch, KV
 * head) units whose q and output windows (and partial outputs) fit a
 * binding, the keys kernel, then the merge when there are several splits.
 */
export function keysJob(
  ctx: GpuContext,
  plan: DecodePlan,
  params: KeysParams,
  pipelines: [GPUComputePipeline, GPUComputePipeline],
  cache: CacheView,
  split: { splits: number; keysPerSplit: number },
  bufs: { q: GPUBuffer; o: GPUBuffer },
): Job {
  const job: Job = { dispatches: [], temps: [] };
  const [keysPipe, mergePipe] = pipelines;
  const limits = ctx.limits;
  const tiles = params.tiles;
  const shape = decodeShape(ctx, plan, tiles.rb, params.elements, split);
  const { rows, rowBlocks, splits, direct } = shape;

  const { table, slopes } = positionBuffers(ctx, plan, () => [{
    positions: queryPositions(plan, cache.length),
    seq: plan.qSeq,
  }], job.temps);
  const maxDim = limits.maxComputeWorkgroupsPerDimension;
  const keysKernel = keysLayout(params);
  const mergeKernel = keysMergeLayout(params.elements.o);
  // The merge takes `blocks` workgroups per row, in a folded 2-D grid.
  const blocks = keysMergeShape(plan.headDim).blocks;
  const mergeRunMax = Math.max(1, Math.floor((maxDim * maxDim) / (rows * blocks)));
  for (const chunk of cache.chunks) {
    for (const [a, n] of decodeRuns(ctx, shape, chunk, Math.min(maxDim, mergeRunMax))) {
      const run = decodeRun(shape, chunk, a, n);
      const { qw, ow } = run;
      let partial = ctx.dummy();
      if (!direct) {
        partial = ctx.buffer(shape.partialBytes(n), "decode partials");
        job.temps.push(partial);
      }
      const values = {
        ...decodeValues(plan, shape, cache, chunk, run, table),
        lmaxU: cache.slots * tiles.de,
      };
      job.dispatches.push({
        pipeline: keysPipe,
        bindGroup: ctx.bind(keysPipe, keysKernel, values, {
          q: { buffer: bufs.q, offset: qw.offset, size: qw.size },
          k: { buffer: chunk.k },
          v: { buffer: chunk.v },
          o: { buffer: bufs.o, offset: ow.offset, size: ow.size },
          w: { buffer: partial },
          ...(table ? { table: { buffer: table.buffer } } : {}),
          ...(slopes ? { slopes: { buffer: slopes } } : {}),
        }, job.temps),
        grid: [splits, n, rowBlocks],
      });
      if (direct) continue;
      const items = n * rows * blocks;
      const [gx, gy] = foldGrid(items, limits);
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
