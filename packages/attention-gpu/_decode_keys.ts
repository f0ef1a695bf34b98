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
import { fits, foldGrid, splitRuns, type Window, windowOf } from "./_launch.ts";
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
  const { kvHeads, group, qSeq, headDim: D } = plan;
  const D4 = D / 4;
  const rows = group * qSeq;
  const tiles = params.tiles;
  const rowBlocks = Math.ceil(rows / tiles.rb);
  const { splits, keysPerSplit } = split;
  const direct = splits === 1;
  const qs = plan.qStrides;
  const qBytes = params.elements.q === "f16" ? 2 : 4;
  const oBytes = params.elements.o === "f16" ? 2 : 4;
  const window = (u0: number, n: number, bytes: number): Window => {
    const at = (u: number, head: number) => Math.floor(u / kvHeads) * qs.batch + head * qs.heads;
    const u1 = u0 + n - 1;
    const first = at(u0, (u0 % kvHeads) * group);
    const end = at(u1, (u1 % kvHeads) * group + group - 1) + (qSeq - 1) * qs.seq + D;
    return windowOf(first, end, limits, bytes);
  };
  const partialBytes = (n: number) => n * rows * splits * (D4 + 1) * 16;

  const { table, slopes } = positionBuffers(ctx, plan, () => [{
    positions: queryPositions(plan, cache.length),
    seq: qSeq,
  }], job.temps);
  const maxDim = limits.maxComputeWorkgroupsPerDimension;
  const keysKernel = keysLayout(params);
  const mergeKernel = keysMergeLayout(params.elements.o);
  // The merge takes `blocks` workgroups per row, in a folded 2-D grid.
  const blocks = keysMergeShape(D).blocks;
  const mergeRunMax = Math.max(1, Math.floor((maxDim * maxDim) / (rows * blocks)));
  for (const chunk of cache.chunks) {
    const runs = splitRuns(
      chunk.n,
      Math.min(maxDim, mergeRunMax),
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
    for (const [a, n] of runs) {
      const u0 = chunk.u0 + a;
      const qw = window(u0, n, qBytes);
      const ow = window(u0, n, oBytes);
      const statsOff = n * rows * splits * D4;
      let partial = ctx.dummy();
      if (!direct) {
        partial = ctx.buffer(partialBytes(n), "decode partials");
        job.temps.push(partial);
      }
      const values = {
        sq: qSeq,
        group,
        rows,
        kvHeads,
        len: cache.length,
        nsplit: splits,
        keysPerSplit,
        unitBase: u0,
        chunkBase: chunk.u0,
        lmaxU: cache.slots * tiles.de,
        direct: direct ? 1 : 0,
        statsOff,
        qB: qs.batch / 4,
        qH: qs.heads / 4,
        qS: qs.seq / 4,
        qOff: qw.base / 4,
        oB: qs.batch / 4,
        oH: qs.heads / 4,
        oS: qs.seq / 4,
        oOff: ow.base / 4,
        tab: table?.sides[0]?.tab ?? 0,
        tabB: table?.sides[0]?.tabB ?? 0,
        scale2: plan.scale * Math.LOG2E,
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
      const merge = {
        items,
        nsplit: splits,
        rows,
        group,
        kvHeads,
        unitBase: u0,
        statsOff,
        gridX: gx,
        oB: qs.batch / 4,
        oH: qs.heads / 4,
        oS: qs.seq / 4,
        oOff: ow.base / 4,
      };
      job.dispatches.push({
        pipeline: mergePipe,
        bindGroup: ctx.bind(mergePipe, mergeKernel, merge, {
          w: { buffer: partial },
          o: { buffer: bufs.o, offset: ow.offset, size: ow.size },
        }, job.temps),
        grid: [gx, gy, 1],
      });
    }
  }
  return job;
}
