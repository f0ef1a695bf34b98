/**
 * Plans and encodes the register-tiled prefill kernel ("flash2") for one
 * attention call, or says why it cannot take the call (the backend then runs
 * the flash kernel).
 */

import type { GpuContext, Job } from "./_context.ts";
import { type AttentionBuffers, tensorResources, tileValues, tooBig } from "./_flash.ts";
import type { Elements } from "./_flash_wgsl.ts";
import { fits, foldGrid, splitRuns, type Window, windowOf } from "./_launch.ts";
import type { AttentionPlan } from "./_plan.ts";
import { positionBuffers } from "./_tables.ts";
import { chooseFlash2Tiles, FLASH2_HEAD_DIMS, type Flash2Tiles } from "./_flash2_tiles.ts";
import { flash2Key, flash2Layout, type Flash2Params } from "./_flash2_layout.ts";
import { flash2Wgsl } from "./_flash2_wgsl.ts";

/**
 * The plan fields flash2 implements. A field outside this list that holds a
 * value (an attention option added after flash2: a sliding window, sinks, a
 * soft-cap...) makes flash2 refuse the call, so it runs on the flash kernel
 * rather than silently ignoring the option.
 */
const KNOWN_PLAN_FIELDS: ReadonlySet<string> = new Set([
  "layout",
  "batch",
  "heads",
  "kvHeads",
  "group",
  "qSeq",
  "kSeq",
  "headDim",
  "qShape",
  "qStrides",
  "kStrides",
  "causal",
  "scale",
  "rope",
  "alibi",
]);

/** A value that means "option not used". */
function unset(value: unknown): boolean {
  return value === null || value === undefined || value === false || value === 0;
}

/**
 * The flash2 parameters of a plan on this device, or the reason flash2 does
 * not take it (an option it does not implement, or a head dim without a tile
 * record on this tier). `tiles` replaces the tier's choice (tests, tuning).
 */
export function flash2Params(
  ctx: GpuContext,
  plan: AttentionPlan,
  elements: Elements,
  tiles?: Flash2Tiles,
): Flash2Params | string {
  for (const [field, value] of Object.entries(plan)) {
    if (!KNOWN_PLAN_FIELDS.has(field) && !unset(value)) {
      return `the option behind plan field ${field} is not implemented by flash2`;
    }
  }
  const chosen = tiles ?? chooseFlash2Tiles(
    plan.headDim,
    ctx.tier,
    ctx.limits.maxComputeInvocationsPerWorkgroup,
  );
  if (!chosen) {
    return `head dim ${plan.headDim} has no flash2 tiles on tier ${ctx.tier} (${FLASH2_HEAD_DIMS}, within the tier's workgroup storage)`;
  }
  return {
    tiles: chosen,
    rope: plan.rope ? { pairing: plan.rope.pairing, rotaryDim: plan.rope.rotaryDim } : null,
    alibi: plan.alibi !== null,
    elements,
  };
}

/** The compiled pipeline of a flash2 kernel (cached per parameter key). */
export function flash2Pipeline(
  ctx: GpuContext,
  params: Flash2Params,
): Promise<GPUComputePipeline> {
  return ctx.pipeline(flash2Key(params), () => flash2Wgsl(params));
}

/**
 * The dispatches of a flash2 call: one per run of (batch, KV head) units
 * whose q, k, v and output windows fit a binding, and per run of at most
 * maxComputeWorkgroupsPerDimension query tiles (as the flash kernel's).
 */
export function flash2Job(
  ctx: GpuContext,
  plan: AttentionPlan,
  params: Flash2Params,
  pipeline: GPUComputePipeline,
  bufs: AttentionBuffers,
): Job {
  const { batch, kvHeads, group, qSeq, kSeq, headDim: D } = plan;
  const job: Job = { dispatches: [], temps: [] };
  if (batch === 0 || qSeq === 0 || kSeq === 0) return job; // output stays zero-filled
  const limits = ctx.limits;
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  const el = params.elements;
  const bytes = (e: "f32" | "f16") => (e === "f16" ? 2 : 4);
  // Elements [first, end) of units u0 .. u0 + n - 1 on the q side (heads * group) or the k side.
  const span = (u0: number, n: number, side: "q" | "k"): [number, number] => {
    const s = side === "q" ? qs : ks;
    const heads = side === "q" ? group : 1;
    const seq = side === "q" ? qSeq : kSeq;
    const u1 = u0 + n - 1;
    const at = (u: number, h: number) =>
      Math.floor(u / kvHeads) * s.batch + ((u % kvHeads) * heads + h) * s.heads;
    return [at(u0, 0), at(u1, heads - 1) + (seq - 1) * s.seq + D];
  };
  const window = (u0: number, n: number, side: "q" | "k", e: "f32" | "f16"): Window => {
    const [first, end] = span(u0, n, side);
    return windowOf(first, end, limits, bytes(e));
  };
  const widest = (a: "f32" | "f16", b: "f32" | "f16") => (bytes(a) >= bytes(b) ? a : b);
  const runs = splitRuns(
    batch * kvHeads,
    limits.maxComputeWorkgroupsPerDimension,
    (u0, n) =>
      fits(window(u0, n, "q", widest(el.q, el.o)), limits) &&
      fits(window(u0, n, "k", widest(el.k, el.v)), limits),
    (u0) => {
      const qw = window(u0, 1, "q", widest(el.q, el.o));
      return fits(qw, limits)
        ? tooBig(
          "k and v",
          window(u0, 1, "k", widest(el.k, el.v)).size,
          limits.maxStorageBufferBindingSize,
        )
        : tooBig("q and the output", qw.size, limits.maxStorageBufferBindingSize);
    },
  );

  const { table, slopes } = positionBuffers(ctx, plan, (rope) => [
    { positions: rope.query, seq: qSeq },
    { positions: rope.key, seq: kSeq },
  ], job.temps);

  const numTiles = Math.ceil((qSeq * group) / params.tiles.br);
  const maxX = limits.maxComputeWorkgroupsPerDimension;
  const layout = flash2Layout(params);
  for (const [u0, n] of runs) {
    const w = {
      q: window(u0, n, "q", el.q),
      k: window(u0, n, "k", el.k),
      v: window(u0, n, "k", el.v),
      o: window(u0, n, "q", el.o),
    };
    for (let tileBase = 0; tileBase < numTiles; tileBase += maxX) {
      const values = tileValues(plan, w, table, { numTiles, tileBase, unitBase: u0 });
      const bindGroup = ctx.bind(
        pipeline,
        layout,
        values,
        tensorResources(bufs, w, table, slopes),
        job.temps,
      );
      const [x] = foldGrid(Math.min(maxX, numTiles - tileBase), limits);
      job.dispatches.push({ pipeline, bindGroup, grid: [x, n, 1] });
    }
  }
  return job;
}

/**
 * The job builder of a flash2 call, once its pipeline is compiled, or null
 * when flash2 does not take the call (the caller uses the flash kernel).
 */
export async function prepareFlash2(
  ctx: GpuContext,
  plan: AttentionPlan,
  elements: Elements,
): Promise<((bufs: AttentionBuffers) => Job) | null> {
  const params = flash2Params(ctx, plan, elements);
  if (typeof params === "string") return null;
  const pipeline = await flash2Pipeline(ctx, params);
  return (bufs) => flash2Job(ctx, plan, params, pipeline, bufs);
}
