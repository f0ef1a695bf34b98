/**
 * A recording on WebGPU: every call's pipelines compiled (in parallel),
 * a turn taken on each cache the recording uses, then all jobs built in
 * order and submitted in one command buffer, under one pair of error scopes.
 */

import type { GpuContext, Job } from "./_context.ts";
import type { WebGpuKvCache } from "./_kv_cache.ts";

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
