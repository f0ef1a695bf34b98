/**
 * A recording on WebGPU: every call's pipelines compiled (in parallel),
 * a turn taken on each cache the recording uses, then all jobs built in
 * order and submitted in one command buffer, under one pair of error scopes.
 */

import type { Tensor } from "@posenc/tensor";
import type { GpuContext, Job } from "./_context.ts";
import type { WebGpuKvCache } from "./_kv_cache.ts";
import type { AttentionCall } from "./_attention_front.ts";
import type { AttentionBuilder, WebGpuDecode } from "./_webgpu_calls.ts";
import type { RecordedCall } from "./_recording.ts";
import { appendPipeline } from "./_append_kernel.ts";
import { decodeChoicePipelines } from "./_decode_kernels.ts";
import { checkOperand } from "./_operand.ts";
import { Resident } from "./_resident.ts";
import { ropeJob, ropePipeline } from "./_rope_kernel.ts";

/** One recorded call once its pipelines are ready: checks and a job builder for its turn. */
export interface RecordedStep {
  /** Throws if an operand was destroyed (or the like) since the call was recorded. */
  recheck(): void;
  /**
   * Builds the call's job against the caches as they are now (earlier
   * appends of the recording included); null for no work.
   */
  build(): Job | null;
}

/** What the WebGPU backend lends a recording to prepare its calls. */
export interface RecordingBackend {
  readonly ctx: GpuContext;
  /** The GpuAttention (operands must belong to it). */
  readonly owner: object;
  /** Compiles (or finds) an attention call's pipelines; returns the builder of its job. */
  prepareAttention(call: AttentionCall): Promise<AttentionBuilder>;
  /** The job of a decode against its cache as it is now. */
  decodeJob(
    call: WebGpuDecode,
    pipelines: [GPUComputePipeline, GPUComputePipeline],
    output: GPUBuffer,
  ): Job;
}

/** Compiles (or finds) a recorded call's pipelines; returns its checks and job builder. */
export async function prepareRecorded(
  backend: RecordingBackend,
  c: RecordedCall<WebGpuKvCache, WebGpuDecode>,
  recording: object,
): Promise<RecordedStep> {
  const { ctx, owner } = backend;
  switch (c.kind) {
    case "attention": {
      const { call, output } = c;
      const build = await backend.prepareAttention(call);
      return {
        recheck: () => {
          for (const [i, name] of ["q", "k", "v"].entries()) {
            checkOperand(name, call.args[i], owner, recording);
          }
        },
        build: () => build(call.q, call.k, call.v, output.buffer!),
      };
    }
    case "rope": {
      const { request, output } = c;
      const x = request.x;
      // A recording rotates in place only GpuTensors; a host x is uploaded, then copied rotated.
      const pipeline = await ropePipeline(ctx, request.inPlace);
      return {
        recheck: () => void checkOperand("x", request.arg, owner, recording),
        build: () => {
          const out = request.inPlace ? null : output.buffer!;
          if (x instanceof Resident) return ropeJob(ctx, request.call, pipeline, x.buffer!, out);
          const input = ctx.upload((x as Tensor).data, "x");
          try {
            const job = ropeJob(ctx, request.call, pipeline, input, out);
            job.temps.push(input);
            return job;
          } catch (error) {
            ctx.recycle(input);
            throw error;
          }
        },
      };
    }
    case "append": {
      const { cache, plan, k, v, args } = c.call;
      const params = cache.appendParams(plan, k, v);
      const pipeline = await appendPipeline(ctx, params);
      return {
        recheck: () => {
          checkOperand("k", args[0], owner, recording);
          checkOperand("v", args[1], owner, recording);
        },
        build: () => {
          // Committed at once, so that later calls see the tokens; put back if the recording fails.
          const { job, commit } = cache.appendJobNow(plan, params, pipeline, k, v);
          commit();
          return job;
        },
      };
    }
    case "decode": {
      const { call, output } = c;
      const pipelines = await decodeChoicePipelines(ctx, call.choice);
      return {
        recheck: () => void checkOperand("q", call.arg, owner, recording),
        build: () => backend.decodeJob(call, pipelines, output.buffer!),
      };
    }
  }
}

/**
 * Runs a recording's steps as one submission, in the turn of every cache in
 * `caches` (taken now, so that operations called later wait for it).
 * Nothing is submitted if a check or build throws, and the caches' fill
 * state is then put back.
 */
export function submitRecorded(
  ctx: GpuContext,
  caches: readonly WebGpuKvCache[],
  steps: Promise<RecordedStep>[],
  live: () => void,
): Promise<void> {
  const holds = caches.map((cache) => cache.hold("recording"));
  const all = Promise.all(steps);
  // Never unhandled: awaited below, after the turns.
  all.catch(() => {});
  return (async () => {
    try {
      const [prepared] = await Promise.all([all, ...holds.map((h) => h.ready)]);
      live();
      for (const h of holds) h.check();
      for (const step of prepared) step.recheck();
      const restores = caches.map((cache) => cache.snapshot());
      try {
        await ctx.submitting("the recorded calls", () => {
          const jobs: Job[] = [];
          try {
            for (const step of prepared) {
              const job = step.build();
              if (job) jobs.push(job);
            }
          } catch (error) {
            for (const job of jobs) ctx.release(job);
            throw error;
          }
          ctx.submit(jobs);
        });
      } catch (error) {
        for (const restore of restores) restore();
        throw error;
      }
    } finally {
      for (const h of holds) h.release();
    }
  })();
}
