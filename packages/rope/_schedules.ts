import type { Kernel, Tables } from "./_kernel.ts";
import type { FillRows } from "./_rope_source.ts";

/**
 * Floats per chunk handed to the kernel: 64 KiB of tensor (and as many
 * tokens' cos/sin rows) stay in L1/L2 between the copy in, the rotation and
 * the copy out.
 */
export const CHUNK_FLOATS = 16384;

/** A checked rotation: what every schedule needs to drive the kernel. */
export interface RotationJob {
  readonly kernel: Kernel;
  readonly src: Float32Array;
  readonly dst: Float32Array;
  readonly batch: number;
  readonly heads: number;
  readonly seq: number;
  readonly headDim: number;
  /** Rotary dim / 2: the cos and sin values per token. */
  readonly half: number;
  readonly interleaved: boolean;
  /** Floats between consecutive batch rows and tokens (bshd). */
  readonly batchStride: number;
  readonly seqStride: number;
  /** Whether every batch row has its own positions (then each row is a group with its own table). */
  readonly perBatch: boolean;
  /** Binds the kernel's tables and returns the writer of table rows. */
  readonly filler: (tables: Tables) => FillRows;
}

/**
 * bhsd with short sequences (one head's run of `seq * headDim` floats fits a
 * chunk): one table for all of seq, several runs per kernel call. Every
 * (batch, head) is a run of seq rows of headDim floats, one after another; a
 * group (the whole tensor, or one batch row with its own positions) is a
 * sequence of runs that share the table.
 */
export function rotateShortRuns(job: RotationJob): void {
  const { kernel, seq, headDim, half, interleaved } = job;
  const runs = job.perBatch ? job.heads : job.batch * job.heads;
  const groups = job.perBatch ? job.batch : 1;
  const runFloats = seq * headDim;
  const perCall = Math.min(runs, Math.floor(CHUNK_FLOATS / runFloats));
  const fill = job.filler(kernel.prepare(seq * half, perCall * runFloats, half));
  for (let group = 0; group < groups; group++) {
    fill(group * seq, seq);
    const base = group * runs * runFloats;
    for (let run = 0; run < runs; run += perCall) {
      const count = Math.min(perCall, runs - run);
      kernel.rotate(
        job.src,
        job.dst,
        base + run * runFloats,
        seq,
        1,
        count,
        headDim,
        half,
        interleaved,
      );
    }
  }
}

/**
 * bhsd with long sequences: blocks of tokens, each block's table rows
 * written once and shared by every head's run. Four heads' blocks go to the
 * kernel together, which turns them with one load of each table row.
 */
export function rotateLongRuns(job: RotationJob): void {
  const { kernel, seq, headDim, half, interleaved } = job;
  const runs = job.perBatch ? job.heads : job.batch * job.heads;
  const groups = job.perBatch ? job.batch : 1;
  const runFloats = seq * headDim;
  const together = Math.min(4, runs);
  const block = Math.max(1, Math.floor(CHUNK_FLOATS / (together * headDim)));
  const fill = job.filler(kernel.prepare(block * half, together * block * headDim, half));
  for (let group = 0; group < groups; group++) {
    for (let start = 0; start < seq; start += block) {
      const count = Math.min(block, seq - start);
      fill(group * seq + start, count);
      const base = group * runs * runFloats + start * headDim;
      for (let run = 0; run < runs; run += together) {
        kernel.rotate(
          job.src,
          job.dst,
          base + run * runFloats,
          count,
          1,
          Math.min(together, runs - run),
          headDim,
          half,
          interleaved,
          runFloats,
        );
      }
    }
  }
}

/** bshd: a token's heads are contiguous and share its table row. */
export function rotateTokens(job: RotationJob): void {
  const { kernel, batch, heads, seq, headDim, half, interleaved } = job;
  const groups = job.perBatch ? batch : 1;
  const tokenFloats = heads * headDim;
  const block = Math.max(1, Math.min(seq, Math.floor(CHUNK_FLOATS / tokenFloats)));
  const fill = job.filler(kernel.prepare(block * half, block * tokenFloats, half));
  for (let group = 0; group < groups; group++) {
    const firstBatch = job.perBatch ? group : 0;
    const endBatch = job.perBatch ? group + 1 : batch;
    for (let start = 0; start < seq; start += block) {
      const count = Math.min(block, seq - start);
      fill(group * seq + start, count);
      for (let b = firstBatch; b < endBatch; b++) {
        const offset = b * job.batchStride + start * job.seqStride;
        kernel.rotate(job.src, job.dst, offset, count, heads, 1, headDim, half, interleaved);
      }
    }
  }
}
