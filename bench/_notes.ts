/**
 * Notes the peer benches leave for bench/report.ts: which peers were
 * verified (and how closely), which rows did not run and why, ORT's kernel
 * times. Written as JSON lines to the file named by POSENC_BENCH_NOTES (the
 * report sets it); a plain `deno bench` writes none and skips the extra
 * profiling work.
 *
 * @module
 */

import type { BenchNote } from "./_report/model.ts";
import { OrtOp } from "./_peers/ort.ts";
import type { OnnxNodeModel } from "./_peers/onnx_model.ts";
import type * as ort from "npm:onnxruntime-node@1.30.0";

const NOTES_PATH = Deno.env.get("POSENC_BENCH_NOTES");

/** Whether the report asked for notes (and so for the profiler measurements). */
export const notesWanted: boolean = NOTES_PATH !== undefined && NOTES_PATH !== "";

/** Appends one note (no-op without POSENC_BENCH_NOTES). */
export function note(entry: BenchNote): void {
  if (!notesWanted) return;
  Deno.writeTextFileSync(NOTES_PATH!, JSON.stringify(entry) + "\n", { append: true });
}

/**
 * Times `model`'s kernel with ORT's profiler: `warmup` runs dropped, then
 * the median and the minimum of `runs` kernel times, noted under `name` in
 * `group`. Only when notes are wanted.
 */
export async function noteOrtKernelTime(
  group: string,
  name: string,
  model: OnnxNodeModel,
  feeds: Record<string, ort.Tensor>,
  options: { threads: number; runs: number; warmup: number },
): Promise<void> {
  if (!notesWanted) return;
  const op = await OrtOp.create(model, { threads: options.threads, profile: true });
  try {
    for (let i = 0; i < options.warmup + options.runs; i++) await op.run(feeds);
    const times = (await op.kernelTimes()).slice(options.warmup).sort((a, b) => a - b);
    if (times.length !== options.runs) {
      throw new Error(`ORT profiler gave ${times.length} kernel times for ${options.runs} runs`);
    }
    note({
      type: "kernel",
      group,
      name,
      runs: times.length,
      medianMs: times[Math.floor(times.length / 2)]!,
      minMs: times[0]!,
    });
  } finally {
    await op.release();
  }
}
