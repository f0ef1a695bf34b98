/**
 * A worker of the CPU backend's pool (see `_cpu_threads.ts`): computes the
 * packed pieces it is sent with attentionCpu's kernel, compiled once per
 * worker on first use, into the scratch buffers it was given where their
 * sizes fit, and sends the outputs and the spent inputs back by transfer.
 */

import {
  attendPiece,
  BufferShelf,
  pieceBuffers,
  type SliceJob,
  type SliceResult,
} from "./_cpu_threads.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<SliceJob>) => void) | null;
  postMessage(message: SliceResult, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;

scope.onmessage = (event) => {
  const job = event.data;
  const scratch = new BufferShelf();
  scratch.replace(job.scratch);
  let outputs: Float32Array[];
  try {
    outputs = job.pieces.map((piece) => attendPiece(job, piece, scratch));
  } catch (error) {
    scope.postMessage({
      id: job.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return;
  }
  // The inputs go back too: the next job packs into them instead of new buffers.
  const spent = pieceBuffers(job.pieces);
  scope.postMessage({ id: job.id, outputs, spent }, [
    ...outputs.map((o) => o.buffer as ArrayBuffer),
    ...spent,
  ]);
};
