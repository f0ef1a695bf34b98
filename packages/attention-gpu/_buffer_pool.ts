/**
 * Data buffers reused instead of created per call: a pool of freed buffers
 * by size (outputs and uploads take from it, freed GpuTensors and a call's
 * temporaries go back to it), and one scratch buffer that grows.
 *
 * WebGPU orders every queue operation: a buffer freed after a submission
 * and handed to a later call is written only by work submitted after the
 * work that read it. An output must start zero-filled like a new buffer, so
 * a reused one is cleared at the start of the next command buffer
 * (`encodeClears`), which is its own call's or an earlier one.
 */

/** Usage of every data buffer: bindable, uploadable, downloadable. */
export const DATA_USAGE = 0x80 | 0x08 | 0x04; // STORAGE | COPY_DST | COPY_SRC

/** Largest buffer the pool keeps (bigger ones cost little to create next to their work). */
const POOL_MAX_BUFFER = 16 * 1024 * 1024;
/** Most bytes the pool holds. */
const POOL_MAX_BYTES = 64 * 1024 * 1024;
/** Smallest scratch buffer. */
const MIN_SCRATCH = 64 * 1024;

/** The pooled and scratch buffers of one device. */
export class BufferPool {
  readonly #device: GPUDevice;
  readonly #free = new Map<number, GPUBuffer[]>();
  #freeBytes = 0;
  readonly #pooled = new WeakSet<GPUBuffer>();
  #clears: GPUBuffer[] = [];
  #scratch: GPUBuffer | null = null;
  /** Outgrown scratch buffers, freed after the next submission. */
  readonly #retired: GPUBuffer[] = [];
  #closed = false;

  constructor(device: GPUDevice) {
    this.#device = device;
  }

  /** A buffer's size as allocated: at least 16 bytes, a multiple of 16. */
  static sizeOf(bytes: number): number {
    return Math.max(16, Math.ceil(bytes / 16) * 16);
  }

  /** A new zero-filled data buffer (the size checked by the caller). */
  create(bytes: number, label: string): GPUBuffer {
    return this.#device.createBuffer({ size: BufferPool.sizeOf(bytes), usage: DATA_USAGE, label });
  }

  /**
   * A data buffer of `bytes` for the caller to fill: from the pool when one
   * of that size is free. With `zeroed`, a reused buffer is cleared by the
   * next command buffer, so it reads as zeros to every dispatch, as a new
   * one does; without, the caller writes its first `bytes` (rounded up to 4)
   * and the rest is zeroed here.
   */
  take(bytes: number, label: string, zeroed: boolean): GPUBuffer {
    const size = BufferPool.sizeOf(bytes);
    const buffer = this.#free.get(size)?.pop();
    if (!buffer) return this.create(bytes, label);
    this.#freeBytes -= size;
    this.#pooled.delete(buffer);
    if (zeroed) this.#clears.push(buffer);
    else {
      // The caller writes `bytes`: the padding after them reads as zeros, as in a new buffer.
      const tail = Math.ceil(bytes / 4) * 4;
      if (tail < size) this.#device.queue.writeBuffer(buffer, tail, new Uint8Array(size - tail));
    }
    return buffer;
  }

  /**
   * Takes back a data buffer nobody will use again (work already submitted
   * may still read it): kept for a later call, or destroyed when the pool
   * is full, closed, or the buffer is not a plain data buffer.
   */
  recycle(buffer: GPUBuffer): void {
    if (this.#pooled.has(buffer)) return;
    const size = buffer.size;
    // Not cleared yet (its call failed before submitting): the next user decides that again.
    const clear = this.#clears.indexOf(buffer);
    if (clear >= 0) this.#clears.splice(clear, 1);
    if (
      this.#closed || buffer.usage !== DATA_USAGE || size > POOL_MAX_BUFFER ||
      this.#freeBytes + size > POOL_MAX_BYTES
    ) {
      buffer.destroy();
      return;
    }
    let list = this.#free.get(size);
    if (!list) {
      list = [];
      this.#free.set(size, list);
    }
    list.push(buffer);
    this.#pooled.add(buffer);
    this.#freeBytes += size;
  }

  /**
   * A scratch buffer of at least `bytes` bytes that every call may reuse
   * (decode's partial outputs): each user writes it before reading it, and
   * WebGPU orders dispatches and submissions, so one call never sees
   * another's data. Not to be freed by the caller. It grows by doubling up
   * to `cap` bytes (one storage binding), so binding it whole stays within
   * the limit for any `bytes` that does.
   */
  scratch(bytes: number, cap: number): GPUBuffer {
    if (!this.#scratch || this.#scratch.size < bytes) {
      // A job being built may bind the old one: it is freed after the next submission.
      if (this.#scratch) this.#retired.push(this.#scratch);
      const grown = Math.min(Math.max(2 * (this.#scratch?.size ?? 0), MIN_SCRATCH), cap);
      this.#scratch = this.create(Math.max(bytes, grown), "scratch");
    }
    return this.#scratch;
  }

  /** Encodes the clears of reused outputs (at the start of a command buffer). */
  encodeClears(encoder: GPUCommandEncoder): void {
    if (this.#clears.length === 0) return;
    for (const buffer of this.#clears) encoder.clearBuffer(buffer);
    this.#clears = [];
  }

  /** After a submission: frees what was waiting for one. */
  submitted(): void {
    for (const buffer of this.#retired.splice(0)) buffer.destroy();
  }

  /** Frees every pooled and scratch buffer; later recycled buffers are destroyed. */
  close(): void {
    this.#closed = true;
    for (const list of this.#free.values()) for (const buffer of list) buffer.destroy();
    this.#free.clear();
    this.#freeBytes = 0;
    this.#scratch?.destroy();
    this.#scratch = null;
    this.submitted();
  }
}
