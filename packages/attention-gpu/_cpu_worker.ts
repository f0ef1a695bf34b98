/**
 * A worker of the CPU backend's pool (see `_cpu_threads.ts`): computes the
 * packed pieces it is sent with attentionCpu's kernel, compiled once per
 * worker on first use, and sends their outputs back by transfer.
 */

import { attendPiece, type SliceJob, type SliceResult } from "./_cpu_threads.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<SliceJob>) => void) | null;
  postMessage(message: SliceResult, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const job = event.data;
  let outputs: Float32Array[];
  try {
    outputs = job.pieces.map((piece) => attendPiece(job, piece));
  } catch (error) {
    scope.postMessage({
      id: job.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  scope.postMessage({ id: job.id, outputs }, outputs.map((o) => o.buffer as ArrayBuffer));
};
