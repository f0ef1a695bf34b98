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

/** One flash2 call with a fixed tile record, its operands on the device. */
export interface DirectCall {
  readonly plan: AttentionPlan;
  /** Encodes one call (the same buffers every time). */
  readonly job: Job;
  readonly output: GPUBuffer;
  readonly element: Element;
  /** Frees the operands, the output and the job's temporaries. */
  destroy(): void;
}

function upload(ctx: GpuContext, t: Tensor, e: Element, label: string): GPUBuffer {
  return ctx.upload(e === "f16" ? toHalf(t.data) : t.data, label);
}

/**
 * Uploads q, k and v in `element` storage and compiles flash2 with `tiles`.
 * Throws when the tile record is malformed or flash2 refuses the call.
 */
export async function prepareDirect(
  ctx: GpuContext,
  tiles: Flash2Tiles,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: AttentionOptions & { element?: Element },
): Promise<DirectCall> {
  const problem = flash2TilesProblem(tiles);
  if (problem) throw new Error(`Internal error: bad flash2 tiles: ${problem}`);
  const element = options.element ?? "f32";
  const plan = planAttention(q, k, v, options);
  const elements: Elements = { q: element, k: element, v: element, o: element };
  const params = flash2Params(ctx, plan, elements, tiles);
  if (typeof params === "string") throw new Error(`flash2 refused the call: ${params}`);
  const pipeline = await flash2Pipeline(ctx, params);
  const bytes = q.data.length * (element === "f16" ? 2 : 4);
  const bufs = {
    q: upload(ctx, q, element, "q"),
    k: upload(ctx, k, element, "k"),
    v: upload(ctx, v, element, "v"),
    o: ctx.buffer(bytes, "output"),
  };
  const job = flash2Job(ctx, plan, params, pipeline, bufs);
  return {
    plan,
    job,
    output: bufs.o,
    element,
    destroy() {
      ctx.release(job);
      for (const b of Object.values(bufs)) b.destroy();
    },
  };
}

/** Runs a prepared call once and reads its output back as float32. */
export async function runDirect(ctx: GpuContext, call: DirectCall): Promise<Tensor> {
  const count = call.plan.qShape.reduce((a, b) => a * b, 1);
  const bytes = count * (call.element === "f16" ? 2 : 4);
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
    if (bytes > 0) encoder.copyBufferToBuffer(call.output, 0, target, 0, Math.ceil(bytes / 4) * 4);
    ctx.device.queue.submit([encoder.finish()]);
    return target;
  });
  const raw = await ctx.read(target, bytes);
  const data = call.element === "f16"
    ? fromHalf(new Uint16Array(raw), count)
    : new Float32Array(raw);
  return { shape: [...call.plan.qShape], data };
}
