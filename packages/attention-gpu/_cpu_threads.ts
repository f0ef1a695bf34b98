/**
 * The CPU backend's worker pool: an attention call split over (batch, k/v
 * head) slices, each packed into its own contiguous tensors so a worker gets
 * only the heads it needs (moved with postMessage transfers; no
 * SharedArrayBuffer, which browsers allow only cross-origin isolated).
 */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { cpuFromPlan, type HeadRange } from "./_cpu_attention.ts";
import { rotate } from "./_rope_host.ts";
import { attendInSlices } from "./_cpu_slices.ts";

/**
 * Multiply-adds (batch x heads x qSeq x kSeq x headDim) below which a call
 * stays on the calling thread, where posting and copying the slices eat
 * what a second thread saves. Measured here with 2 threads, the break-even
 * moved between runs from about 4M multiply-adds (0.8 ms of kernel time) to
 * about 8M (1.1 ms); at 16M 2 threads took 1.5-2.6 ms against 2.1-3.4 ms.
 */
export const THREADED_MIN_WORK = 1 << 23;

/** Query heads [kv0 * group, kv1 * group) of one batch, and their k/v heads [kv0, kv1). */
export type Piece = HeadRange;

/** One piece packed as contiguous bhsd tensors with batch 1. */
export interface PackedPiece {
  readonly q: Float32Array;
  readonly k: Float32Array;
  readonly v: Float32Array;
  readonly alibi: Float32Array | null;
  /** The piece's query heads' sink logits. */
  readonly sinks: Float64Array | null;
  /** The piece's batch row's left padding. */
  readonly pad: number | null;
}

/** What a worker is asked to compute: the plan's scalars and its packed pieces. */
export interface SliceJob {
  readonly id: number;
  readonly group: number;
  readonly qSeq: number;
  readonly kSeq: number;
  readonly headDim: number;
  readonly causal: boolean;
  readonly scale: number;
  readonly window: number | null;
  readonly softcap: number | null;
  readonly pieces: readonly PackedPiece[];
  /**
   * Buffers of earlier outputs, given back for the worker to write this
   * job's outputs into (fresh large buffers cost page faults: ~1 ms a call
   * at 1x8x512x64 on a VM).
   */
  readonly scratch: readonly ArrayBuffer[];
}

/**
 * A worker's answer: one output per piece (bhsd, batch 1) and the job's q,
 * k and v buffers given back for the next job to pack into; or why it failed.
 */
export type SliceResult =
  | {
    readonly id: number;
    readonly outputs: readonly Float32Array[];
    readonly spent: readonly ArrayBuffer[];
  }
  | { readonly id: number; readonly error: string };

/**
 * Buffers kept for reuse, taken by exact size: a call of the same shape as
 * the last one allocates nothing. Only the last job's buffers are kept, so
 * what a pool holds stays one call's share whatever shapes came before.
 */
export class BufferShelf {
  #buffers: ArrayBuffer[] = [];

  /** Keeps `buffers` (empty ones aside) in place of whatever was kept. */
  replace(buffers: Iterable<ArrayBuffer>): void {
    this.#buffers = [...buffers].filter((buffer) => buffer.byteLength > 0);
  }

  /** A kept buffer of exactly `floats` floats, else a new one. */
  take(floats: number): Float32Array {
    const bytes = floats * 4;
    const i = this.#buffers.findIndex((b) => b.byteLength === bytes);
    if (i < 0) return new Float32Array(floats);
    return new Float32Array(this.#buffers.splice(i, 1)[0]!);
  }

  /** Removes and returns every kept buffer. */
  drain(): ArrayBuffer[] {
    return this.#buffers.splice(0);
  }
}

/** The calling thread's share and each worker's, as lists of pieces (empty lists dropped). */
export function splitWork(plan: AttentionPlan, threads: number): Piece[][] {
  const units = plan.batch * plan.kvHeads;
  const parts = Math.min(threads, units);
  const slices: Piece[][] = [];
  for (let p = 0; p < parts; p++) {
    const start = Math.floor((p * units) / parts);
    const end = Math.floor(((p + 1) * units) / parts);
    const pieces: Piece[] = [];
    for (let u = start; u < end;) {
      const batch = Math.floor(u / plan.kvHeads);
      const kv0 = u % plan.kvHeads;
      const kv1 = Math.min(plan.kvHeads, kv0 + (end - u));
      pieces.push({ batch, kv0, kv1 });
      u += kv1 - kv0;
    }
    slices.push(pieces);
  }
  return slices;
}

/** Whether a call is big enough, and splittable, to be worth the workers. */
export function worthThreads(plan: AttentionPlan, threads: number): boolean {
  const work = plan.batch * plan.heads * plan.qSeq * plan.kSeq * plan.headDim;
  // A bias stays on the calling thread (its rows would be copied per piece).
  return plan.bias === null && threads > 1 && plan.batch * plan.kvHeads > 1 &&
    work >= THREADED_MIN_WORK;
}

function gather(
  source: Float32Array,
  strides: AttentionPlan["qStrides"],
  batch: number,
  h0: number,
  h1: number,
  seq: number,
  D: number,
  shelf: BufferShelf | undefined,
): Float32Array {
  const floats = (h1 - h0) * seq * D;
  const out = shelf ? shelf.take(floats) : new Float32Array(floats);
  let at = 0;
  for (let h = h0; h < h1; h++) {
    const base = batch * strides.batch + h * strides.heads;
    if (strides.seq === D) {
      out.set(source.subarray(base, base + seq * D), at);
      at += seq * D;
      continue;
    }
    for (let i = 0; i < seq; i++, at += D) {
      const row = base + i * strides.seq;
      out.set(source.subarray(row, row + D), at);
    }
  }
  return out;
}

/** The operands a plan's kernel reads: q and k rotated when the plan has RoPE. */
export function rotated(plan: AttentionPlan, q: Tensor, k: Tensor): [Tensor, Tensor] {
  if (!plan.rope) return [q, k];
  const { frequencies, pairing, angles, layout } = { ...plan.rope, layout: plan.layout };
  return [
    rotate(q, frequencies, { layout, pairing, angles, positions: plan.rope.query }),
    rotate(k, frequencies, { layout, pairing, angles, positions: plan.rope.key }),
  ];
}

/** Copies a piece's heads out of (already rotated) q, k, v, into buffers from `shelf` where it has them. */
export function packPiece(
  plan: AttentionPlan,
  piece: Piece,
  q: Tensor,
  k: Tensor,
  v: Tensor,
  shelf?: BufferShelf,
): PackedPiece {
  const { group, qSeq, kSeq, headDim: D } = plan;
  const { batch, kv0, kv1 } = piece;
  return {
    q: gather(q.data, plan.qStrides, batch, kv0 * group, kv1 * group, qSeq, D, shelf),
    k: gather(k.data, plan.kStrides, batch, kv0, kv1, kSeq, D, shelf),
    v: gather(v.data, plan.kStrides, batch, kv0, kv1, kSeq, D, shelf),
    alibi: plan.alibi ? plan.alibi.slice(kv0 * group, kv1 * group) : null,
    sinks: plan.sinks ? plan.sinks.slice(kv0 * group, kv1 * group) : null,
    pad: plan.leftPadding ? plan.leftPadding[batch]! : null,
  };
}

/** Attention of one packed piece: cpuFromPlan on a batch-1 bhsd plan, so per-head arithmetic is unchanged. */
export function attendPiece(
  job: Omit<SliceJob, "id" | "pieces" | "scratch">,
  piece: PackedPiece,
  shelf?: BufferShelf,
): Float32Array {
  const { group, qSeq, kSeq, headDim: D, causal, scale, window, softcap } = job;
  const kvHeads = piece.k.length / (kSeq * D);
  const heads = kvHeads * group;
  if (
    !Number.isInteger(kvHeads) || kvHeads < 1 || piece.q.length !== heads * qSeq * D ||
    piece.v.length !== piece.k.length
  ) {
    throw new RangeError(
      `malformed slice: q, k, v hold ${piece.q.length}, ${piece.k.length}, ${piece.v.length} floats for qSeq ${qSeq}, kSeq ${kSeq}, head dim ${D}, group ${group}`,
    );
  }
  const qShape = Object.freeze([1, heads, qSeq, D]);
  const kShape = Object.freeze([1, kvHeads, kSeq, D]);
  const plan: AttentionPlan = {
    layout: "bhsd",
    batch: 1,
    heads,
    kvHeads,
    group,
    qSeq,
    kSeq,
    headDim: D,
    qShape,
    qStrides: { batch: heads * qSeq * D, heads: qSeq * D, seq: D },
    kStrides: { batch: kvHeads * kSeq * D, heads: kSeq * D, seq: D },
    causal,
    scale,
    rope: null,
    alibi: piece.alibi,
    window,
    sinks: piece.sinks,
    softcap,
    leftPadding: piece.pad === null ? null : Uint32Array.of(piece.pad),
    bias: null,
  };
  // Every row of the output is written, so a reused buffer needs no clearing.
  const into = shelf?.take(piece.q.length);
  return cpuFromPlan(
    plan,
    { shape: qShape, data: piece.q },
    { shape: kShape, data: piece.k },
    { shape: kShape, data: piece.v },
    undefined,
    into && { ranges: [{ batch: 0, kv0: 0, kv1: kvHeads }], into },
  ).data;
}

/** Writes a piece's output (bhsd, batch 1) into the call's output in the plan's layout. */
export function scatterPiece(
  plan: AttentionPlan,
  piece: Piece,
  output: Float32Array,
  out: Float32Array,
): void {
  const { group, qSeq, headDim: D, qStrides: s } = plan;
  let at = 0;
  for (let h = piece.kv0 * group; h < piece.kv1 * group; h++) {
    const base = piece.batch * s.batch + h * s.heads;
    if (s.seq === D) {
      out.set(output.subarray(at, at + qSeq * D), base);
      at += qSeq * D;
      continue;
    }
    for (let i = 0; i < qSeq; i++, at += D) out.set(output.subarray(at, at + D), base + i * s.seq);
  }
}

/** The q, k and v buffers of packed pieces: sent to a worker, and handed back for reuse. */
export function pieceBuffers(pieces: readonly PackedPiece[]): ArrayBuffer[] {
  return pieces.flatMap((p) => [p.q.buffer, p.k.buffer, p.v.buffer] as ArrayBuffer[]);
}

function transfers(job: SliceJob): ArrayBuffer[] {
  const list = [...job.scratch, ...pieceBuffers(job.pieces)];
  for (const p of job.pieces) {
    if (p.alibi) list.push(p.alibi.buffer as ArrayBuffer);
    if (p.sinks) list.push(p.sinks.buffer as ArrayBuffer);
  }
  return list;
}

/** A job's answer on the calling thread: its outputs and its spent q, k, v buffers. */
interface SliceDone {
  readonly outputs: readonly Float32Array[];
  readonly spent: readonly ArrayBuffer[];
}

interface Pending {
  resolve(done: SliceDone): void;
  reject(error: Error): void;
}

/** One module Worker running `_cpu_worker.ts`, with its calls in flight. */
export class PoolWorker {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #failure: string | null = null;
  /**
   * The last job's buffers (its spent inputs and its outputs, once read):
   * the next job packs into them and hands the rest over as scratch.
   */
  readonly spare: BufferShelf = new BufferShelf();

  constructor() {
    this.#worker = new Worker(new URL("./_cpu_worker.ts", import.meta.url), { type: "module" });
    this.#worker.onmessage = (event: MessageEvent<SliceResult>) => {
      const result = event.data;
      const pending = this.#pending.get(result.id);
      if (!pending) return;
      this.#pending.delete(result.id);
      if ("error" in result) {
        pending.reject(new Error(`A CPU attention worker failed: ${result.error}`));
      } else pending.resolve(result);
    };
    this.#worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`A CPU attention worker failed: ${event.message || "an uncaught error"}`);
    };
  }

  get failure(): string | null {
    return this.#failure;
  }

  run(job: SliceJob): Promise<SliceDone> {
    if (this.#failure) return Promise.reject(new Error(this.#failure));
    return new Promise((resolve, reject) => {
      this.#pending.set(job.id, { resolve, reject });
      this.#worker.postMessage(job, transfers(job));
    });
  }

  /** Terminates the worker and rejects its calls in flight with `message`. */
  fail(message: string): void {
    if (this.#failure) return;
    this.#failure = message;
    this.#worker.terminate();
    for (const pending of this.#pending.values()) pending.reject(new Error(message));
    this.#pending.clear();
  }
}

/** `size` workers, started on first use; a worker that failed is replaced on the next call. */
export class CpuPool {
  readonly #workers: (PoolWorker | undefined)[];
  #nextId = 0;

  constructor(size: number) {
    this.#workers = new Array(size).fill(undefined);
  }

  /**
   * Attention of `plan` with the work split between the calling thread and
   * the workers; the kernel and per-head arithmetic are attentionCpu's, so
   * the output is bit-identical to a single-threaded call.
   */
  async attention(plan: AttentionPlan, q: Tensor, k: Tensor, v: Tensor): Promise<Tensor> {
    const [qr, kr] = rotated(plan, q, k);
    const out = new Float32Array(q.data.length);
    const shape = Object.freeze([...q.shape]);
    const [own, ...shares] = splitWork(plan, this.#workers.length + 1);
    const scalars = {
      group: plan.group,
      qSeq: plan.qSeq,
      kSeq: plan.kSeq,
      headDim: plan.headDim,
      causal: plan.causal,
      scale: plan.scale,
      window: plan.window,
      softcap: plan.softcap,
    };
    const runs = shares.map((pieces, w) => {
      let worker = this.#workers[w];
      if (!worker || worker.failure) worker = this.#workers[w] = new PoolWorker();
      const job: SliceJob = {
        id: this.#nextId++,
        ...scalars,
        pieces: pieces.map((piece) => packPiece(plan, piece, qr, kr, v, worker.spare)),
        scratch: worker.spare.drain(),
      };
      return worker.run(job).then(({ outputs, spent }) => {
        pieces.forEach((piece, i) => scatterPiece(plan, piece, outputs[i]!, out));
        worker.spare.replace([...spent, ...outputs.map((o) => o.buffer as ArrayBuffer)]);
      });
    });
    // The calling thread's share runs while the workers run theirs, read in
    // place (no copies) from the rotated operands, in slices between turns
    // of the event loop (the workers' answers arrive on it too).
    await attendInSlices(plan, [qr, kr, v], own!, out);
    await Promise.all(runs);
    return { shape, data: out };
  }

  /** Terminates every worker; calls in flight reject with `message`. */
  destroy(message: string): void {
    for (const worker of this.#workers) worker?.fail(message);
    this.#workers.fill(undefined);
  }
}
