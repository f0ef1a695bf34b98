/**
 * Runs the flash2 kernel with a given tile record on a device, outside a
 * GpuAttention (not published): the tests use it to prove every structural
 * variant exact on the adapter at hand, and `bench/gpu.ts` to time the
 * leading tile records on a real GPU.
 */

import type { Tensor } from "@posenc/tensor";
import type { AttentionOptions } from "./attention_options.ts";
import { GpuContext, type Job } from "./_context.ts";
import { fromHalf, toHalf } from "./_f16.ts";
import type { AttentionBuffers } from "./_flash.ts";
import type { Element, Elements } from "./_flash_wgsl.ts";
import { type AttentionPlan, planAttention } from "./_plan.ts";
import { flash2Job, flash2Params, flash2Pipeline } from "./_flash2.ts";
import type { Flash2Tiles } from "./_flash2_tiles.ts";
import { flash2TilesProblem } from "./_flash2_tiles.ts";

/** A context over a device the caller owns, with the device's own limits. */
export function directContext(device: GPUDevice): GpuContext {
  const l = device.limits;
  return new GpuContext(device, false, {
    maxStorageBufferBindingSize: l.maxStorageBufferBindingSize,
    maxBufferSize: l.maxBufferSize,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
    maxComputeWorkgroupsPerDimension: l.maxComputeWorkgroupsPerDimension,
    minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
  }, device.features.has("shader-f16"));
}

/** q, k, v and an output buffer on the device, and the plan of a call over them. */
export interface DirectOperands {
  readonly plan: AttentionPlan;
  readonly element: Element;
  readonly buffers: AttentionBuffers;
  /** Frees the four buffers. */
  destroy(): void;
}

/** One flash2 call with a fixed tile record over uploaded operands. */
export interface DirectCall {
  readonly operands: DirectOperands;
  /** Encodes one call (the same buffers every time). */
  readonly job: Job;
  /** Frees the job's temporaries (not the operands). */
  release(): void;
}

function upload(ctx: GpuContext, t: Tensor, e: Element, label: string): GPUBuffer {
  return ctx.upload(e === "f16" ? toHalf(t.data) : t.data, label);
}

/** Plans a call and uploads q, k and v in `element` storage (default f32). */
export function uploadDirect(
  ctx: GpuContext,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttentionOptions & { element?: Element },
): DirectOperands {
  const element = options.element ?? "f32";
  const plan = planAttention(q, k, v, options);
  const buffers = {
    q: upload(ctx, q, element, "q"),
    k: upload(ctx, k, element, "k"),
    v: upload(ctx, v, element, "v"),
    o: ctx.buffer(q.data.length * (element === "f16" ? 2 : 4), "output"),
  };
  return {
    plan,
    element,
    buffers,
    destroy() {
      for (const b of Object.values(buffers)) b.destroy();
    },
  };
}

/**
 * Compiles flash2 with `tiles` and builds the call over `operands`. Throws
 * when the tile record is malformed or flash2 declines the call.
 */
export async function prepareDirect(
  ctx: GpuContext,
  tiles: Flash2Tiles,
  operands: DirectOperands,
): Promise<DirectCall> {
  const problem = flash2TilesProblem(tiles);
  if (problem) throw new Error(`Internal error: bad flash2 tiles: ${problem}`);
  const e = operands.element;
  const elements: Elements = { q: e, k: e, v: e, o: e };
  const params = flash2Params(ctx, operands.plan, elements, tiles);
  if (typeof params === "string") throw new Error(`flash2 declined the call: ${params}`);
  const pipeline = await flash2Pipeline(ctx, params);
  const job = flash2Job(ctx, operands.plan, params, pipeline, operands.buffers);
  return { operands, job, release: () => ctx.release(job) };
}

/** Runs a prepared call once and reads its output back as float32. */
export async function runDirect(ctx: GpuContext, call: DirectCall): Promise<Tensor> {
  const { plan, element, buffers } = call.operands;
  const count = plan.qShape.reduce((a, b) => a * b, 1);
  const bytes = count * (element === "f16" ? 2 : 4);
  const target = await ctx.guarded("the flash2 dispatch", () => {
    // Not ctx.submit: that frees the temporaries, and a prepared call runs again.
    const encoder = ctx.device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    ctx.encode(pass, call.job);
    pass.end();
    const target = ctx.device.createBuffer({
      size: Math.max(16, Math.ceil(bytes / 16) * 16),
      usage: 0x01 | 0x08, // MAP_READ | COPY_DST
    });
    if (bytes > 0) encoder.copyBufferToBuffer(buffers.o, 0, target, 0, Math.ceil(bytes / 4) * 4);
    ctx.device.queue.submit([encoder.finish()]);
    return target;
  });
  const raw = await ctx.read(target, bytes);
  const data = element === "f16" ? fromHalf(new Uint16Array(raw), count) : new Float32Array(raw);
  return { shape: [...plan.qShape], data };
}
