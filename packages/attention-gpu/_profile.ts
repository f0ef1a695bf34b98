/** Timing a job on the device: timestamp queries around one compute pass, else the wall clock. */

import type { Job } from "./_job.ts";

/** What timing needs of the context (GpuContext has it; kept structural so neither imports the other). */
export interface ProfileHost {
  readonly device: GPUDevice;
  readonly timestamps: boolean;
  encoder(): GPUCommandEncoder;
  encode(pass: GPUComputePassEncoder, job: Job): void;
  finish(encoder: GPUCommandEncoder): void;
  idle(): Promise<void>;
}

const READBACK_USAGE = 0x01 | 0x08; // MAP_READ | COPY_DST
const QUERY_RESOLVE_USAGE = 0x200 | 0x04; // QUERY_RESOLVE | COPY_SRC
const MAP_READ = 0x01;

/**
 * Times `iterations` runs of a job encoded into one compute pass (after one
 * untimed run with `warmup`); with timestamp queries the pass's GPU time,
 * else the wall clock from submission to completion. The job is not freed.
 */
export async function profileJob(
  ctx: ProfileHost,
  job: Job,
  iterations: number,
  warmup: boolean,
): Promise<{ seconds: number; source: "timestamp-query" | "wall-clock" }> {
  const device = ctx.device;
  if (warmup) {
    const encoder = ctx.encoder();
    const pass = encoder.beginComputePass();
    ctx.encode(pass, job);
    pass.end();
    ctx.finish(encoder);
    await ctx.idle();
  }
  const encoder = ctx.encoder();
  let querySet: GPUQuerySet | undefined;
  let resolve: GPUBuffer | undefined;
  let readback: GPUBuffer | undefined;
  if (ctx.timestamps) {
    querySet = device.createQuerySet({ type: "timestamp", count: 2 });
    resolve = device.createBuffer({ size: 16, usage: QUERY_RESOLVE_USAGE });
    readback = device.createBuffer({ size: 16, usage: READBACK_USAGE });
  }
  const pass = encoder.beginComputePass(
    querySet
      ? { timestampWrites: { querySet, beginningOfPassWriteIndex: 0, endOfPassWriteIndex: 1 } }
      : {},
  );
  for (let i = 0; i < iterations; i++) ctx.encode(pass, job);
  pass.end();
  if (querySet && resolve && readback) {
    encoder.resolveQuerySet(querySet, 0, 2, resolve, 0);
    encoder.copyBufferToBuffer(resolve, 0, readback, 0, 16);
  }
  const start = performance.now();
  ctx.finish(encoder);
  await ctx.idle();
  const wall = (performance.now() - start) / 1000;
  try {
    if (readback) {
      await readback.mapAsync(MAP_READ);
      const [t0, t1] = new BigUint64Array(readback.getMappedRange().slice(0));
      readback.unmap();
      const ns = Number(t1! - t0!);
      // Some drivers report 0 for passes they cannot time: fall back to the wall clock.
      if (ns > 0) return { seconds: ns / 1e9 / iterations, source: "timestamp-query" };
    }
    return { seconds: wall / iterations, source: "wall-clock" };
  } finally {
    querySet?.destroy();
    resolve?.destroy();
    readback?.destroy();
  }
}
