/** Plans and encodes the flash-attention kernel for one attention call. */

import type { GpuContext, Job } from "./_context.ts";
import {
  type Elements,
  F32_ELEMENTS,
  flashKey,
  flashLayout,
  type FlashParams,
  flashWgsl,
  type TILE_UNIFORMS,
} from "./_flash_wgsl.ts";
import { NO_WINDOW } from "./_score_wgsl.ts";
import { fits, foldGrid, splitRuns, type Window, windowOf } from "./_launch.ts";
import type { AttentionPlan } from "./_plan.ts";
import { positionBuffers, type TableBinding } from "./_tables.ts";
import { chooseFlashTiles, MAX_HEAD_DIM } from "./_tiles.ts";

/** The data buffers of a call (whole tensors, element 0 at byte 0). */
export interface AttentionBuffers {
  readonly q: GPUBuffer;
  readonly k: GPUBuffer;
  readonly v: GPUBuffer;
  readonly o: GPUBuffer;
}

/** The kernel parameters of a plan on this device, or a clear error. */
export function flashParams(
  ctx: GpuContext,
  plan: AttentionPlan,
  elements: Elements = F32_ELEMENTS,
): FlashParams {
  const tiles = chooseFlashTiles(
    plan.headDim,
    ctx.tier,
    ctx.limits.maxComputeInvocationsPerWorkgroup,
  );
  if (!tiles) {
    throw new RangeError(
      `Invalid q: head dim ${plan.headDim} is not supported by the flash kernel on this device (tier ${ctx.tier}, ${ctx.limits.maxComputeWorkgroupStorageSize} bytes of workgroup storage): expected a multiple of 4 up to ${
        ctx.tier === "T16" ? 256 : MAX_HEAD_DIM
      }; use kernel: "naive" or attentionReference for other head dims`,
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

/** The optional score inputs of a call on the device: sinks, padding and bias buffers. */
export interface FeatureBuffers {
  readonly sinks: GPUBuffer | null;
  readonly padding: GPUBuffer | null;
  readonly bias: GPUBuffer | null;
}

/**
 * Uploads a plan's sinks (in the kernels' log2 domain), left padding and
 * bias into temporaries of `temps`; a bias larger than one binding is refused.
 */
export function featureBuffers(
  ctx: GpuContext,
  plan: {
    readonly sinks: Float64Array | null;
    readonly leftPadding: Uint32Array | null;
    readonly bias: { readonly data: Float32Array } | null;
  },
  temps: GPUBuffer[],
): FeatureBuffers {
  let sinks: GPUBuffer | null = null;
  let padding: GPUBuffer | null = null;
  let bias: GPUBuffer | null = null;
  if (plan.sinks) {
    sinks = ctx.upload(Float32Array.from(plan.sinks, (x) => x * Math.LOG2E), "sinks");
    temps.push(sinks);
  }
  if (plan.leftPadding) {
    padding = ctx.upload(plan.leftPadding, "left padding");
    temps.push(padding);
  }
  if (plan.bias) {
    const bytes = plan.bias.data.byteLength;
    const limit = ctx.limits.maxStorageBufferBindingSize;
    if (bytes > limit) {
      throw new RangeError(
        `Invalid bias: its ${bytes} bytes exceed the device's storage binding limit of ${limit} bytes (maxStorageBufferBindingSize); broadcast it over batch or heads, or split the call`,
      );
    }
    bias = ctx.upload(plan.bias.data, "bias");
    temps.push(bias);
  }
  return { sinks, padding, bias };
}

/** The bind-group entries of the feature buffers a kernel declares. */
export function featureResources(
  f: FeatureBuffers,
): { sinks?: GPUBufferBinding; padding?: GPUBufferBinding; bias?: GPUBufferBinding } {
  return {
    ...(f.sinks ? { sinks: { buffer: f.sinks } } : {}),
    ...(f.padding ? { padding: { buffer: f.padding } } : {}),
    ...(f.bias ? { bias: { buffer: f.bias } } : {}),
  };
}

/** The compiled pipeline of a kernel (cached per parameter key). */
export function flashPipeline(ctx: GpuContext, params: FlashParams): Promise<GPUComputePipeline> {
  return ctx.pipeline(flashKey(params), () => flashWgsl(params));
}

/** The q, k, v and output windows of a run of (batch, KV head) units. */
export interface TensorWindows {
  readonly q: Window;
  readonly k: Window;
  readonly v: Window;
  readonly o: Window;
}

type TileField = keyof typeof TILE_UNIFORMS;

/**
 * The uniform values the flash and flash2 kernels share for one dispatch:
 * sizes, the tiles and units it covers, vec4 strides and window offsets,
 * RoPE table rows and the log2-domain scale.
 */
export function tileValues(
  plan: AttentionPlan,
  w: TensorWindows,
  table: TableBinding | null,
  at: { numTiles: number; tileBase: number; unitBase: number },
): Record<TileField, number> {
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  return {
    sq: plan.qSeq,
    sk: plan.kSeq,
    group: plan.group,
    kvHeads: plan.kvHeads,
    causal: plan.causal ? 1 : 0,
    numTiles: at.numTiles,
    tileBase: at.tileBase,
    unitBase: at.unitBase,
    qB: qs.batch / 4,
    qH: qs.heads / 4,
    qS: qs.seq / 4,
    qOff: w.q.base / 4,
    kB: ks.batch / 4,
    kH: ks.heads / 4,
    kS: ks.seq / 4,
    kOff: w.k.base / 4,
    vB: ks.batch / 4,
    vH: ks.heads / 4,
    vS: ks.seq / 4,
    vOff: w.v.base / 4,
    oB: qs.batch / 4,
    oH: qs.heads / 4,
    oS: qs.seq / 4,
    oOff: w.o.base / 4,
    qTab: table?.sides[0]?.tab ?? 0,
    qTabB: table?.sides[0]?.tabB ?? 0,
    kTab: table?.sides[1]?.tab ?? 0,
    kTabB: table?.sides[1]?.tabB ?? 0,
    scale2: plan.scale * Math.LOG2E,
  };
}

/** The bindings of q, k, v and the output windows, and of the RoPE table and ALiBi slopes. */
export function tensorResources(
  bufs: AttentionBuffers,
  w: TensorWindows,
  table: TableBinding | null,
  slopes: GPUBuffer | null,
): Record<"q" | "k" | "v" | "o", GPUBufferBinding> & {
  table?: GPUBufferBinding;
  slopes?: GPUBufferBinding;
} {
  return {
    q: { buffer: bufs.q, offset: w.q.offset, size: w.q.size },
    k: { buffer: bufs.k, offset: w.k.offset, size: w.k.size },
    v: { buffer: bufs.v, offset: w.v.offset, size: w.v.size },
    o: { buffer: bufs.o, offset: w.o.offset, size: w.o.size },
    ...(table ? { table: { buffer: table.buffer } } : {}),
    ...(slopes ? { slopes: { buffer: slopes } } : {}),
  };
}

/** The error for a (batch, KV head) slice of `name` wider than a binding. */
export function tooBig(name: string, bytes: number, limit: number): RangeError {
  return new RangeError(
    `Cannot split ${name} to the device's binding limit: one (batch, KV head) slice spans ${bytes} bytes, more than maxStorageBufferBindingSize (${limit} bytes); use the "bhsd" layout (whose head slices are contiguous) or a shorter sequence`,
  );
}

/**
 * The dispatches of a flash call: one per run of (batch, KV head) units whose
 * q, k, v and output windows fit a binding, and per run of at most
 * maxComputeWorkgroupsPerDimension query tiles.
 */
export function flashJob(
  ctx: GpuContext,
  plan: AttentionPlan,
  params: FlashParams,
  pipeline: GPUComputePipeline,
  bufs: AttentionBuffers,
): Job {
  const { batch, kvHeads, group, qSeq, kSeq, headDim: D } = plan;
  const job: Job = { dispatches: [], temps: [] };
  if (batch === 0 || qSeq === 0 || kSeq === 0) return job; // output stays zero-filled
  const limits = ctx.limits;
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  const unitCount = batch * kvHeads;
  const el = params.elements ?? F32_ELEMENTS;
  const bytes = (e: "f32" | "f16") => (e === "f16" ? 2 : 4);
  const qWindow = (u0: number, n: number, elementBytes = bytes(el.q)): Window => {
    const [b0, h0] = [Math.floor(u0 / kvHeads), u0 % kvHeads];
    const u1 = u0 + n - 1;
    const [b1, h1] = [Math.floor(u1 / kvHeads), u1 % kvHeads];
    const first = b0 * qs.batch + h0 * group * qs.heads;
    const end = b1 * qs.batch + (h1 * group + group - 1) * qs.heads + (qSeq - 1) * qs.seq + D;
    return windowOf(first, end, limits, elementBytes);
  };
  const oWindow = (u0: number, n: number): Window => qWindow(u0, n, bytes(el.o));
  const kWindow = (u0: number, n: number, elementBytes = bytes(el.k)): Window => {
    const u1 = u0 + n - 1;
    const first = Math.floor(u0 / kvHeads) * ks.batch + (u0 % kvHeads) * ks.heads;
    const end = Math.floor(u1 / kvHeads) * ks.batch + (u1 % kvHeads) * ks.heads +
      (kSeq - 1) * ks.seq + D;
    return windowOf(first, end, limits, elementBytes);
  };
  const vWindow = (u0: number, n: number): Window => kWindow(u0, n, bytes(el.v));
  // q and o (k and v) cover the same elements: the wider of the two decides what fits.
  const qoWindow = (u0: number, n: number) =>
    (bytes(el.q) >= bytes(el.o) ? qWindow : oWindow)(u0, n);
  const kvWindow = (u0: number, n: number) =>
    (bytes(el.k) >= bytes(el.v) ? kWindow : vWindow)(u0, n);
  const runs = splitRuns(
    unitCount,
    limits.maxComputeWorkgroupsPerDimension,
    (u0, n) => fits(qoWindow(u0, n), limits) && fits(kvWindow(u0, n), limits),
    (u0) => {
      const qw = qoWindow(u0, 1);
      return fits(qw, limits)
        ? tooBig("k and v", kvWindow(u0, 1).size, limits.maxStorageBufferBindingSize)
        : tooBig("q and the output", qw.size, limits.maxStorageBufferBindingSize);
    },
  );

  const { table, slopes } = positionBuffers(ctx, plan, (rope) => [
    { positions: rope.query, seq: qSeq },
    { positions: rope.key, seq: kSeq },
  ], job.temps);
  const features = featureBuffers(ctx, plan, job.temps);
  const bias = plan.bias;

  const tiles = params.tiles;
  const numTiles = Math.ceil((qSeq * group) / tiles.br);
  const maxX = limits.maxComputeWorkgroupsPerDimension;
  const layout = flashLayout(params);
  for (const [u0, n] of runs) {
    const w = { q: qWindow(u0, n), k: kWindow(u0, n), v: vWindow(u0, n), o: oWindow(u0, n) };
    for (let tileBase = 0; tileBase < numTiles; tileBase += maxX) {
      const values = {
        ...tileValues(plan, w, table, { numTiles, tileBase, unitBase: u0 }),
        window: plan.window === null ? NO_WINDOW : Math.min(plan.window, NO_WINDOW),
        cap2: (plan.softcap ?? 1) * Math.LOG2E,
        bB: bias?.batchStride ?? 0,
        bH: bias?.headStride ?? 0,
        bS: bias?.rowStride ?? 0,
      };
      const bindGroup = ctx.bind(pipeline, layout, values, {
        ...tensorResources(bufs, w, table, slopes),
        ...featureResources(features),
      }, job.temps);
      const [x] = foldGrid(Math.min(maxX, numTiles - tileBase), limits);
      job.dispatches.push({ pipeline, bindGroup, grid: [x, n, 1] });
    }
  }
  return job;
}
