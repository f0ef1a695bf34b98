/** The implementation behind GpuTensor, private to the package. */

import type { Tensor } from "@posenc/tensor";
import type { GpuDtype, GpuTensor } from "./gpu_tensor.ts";

/** How a resident tensor gives its buffer back when destroyed (WebGPU: to the pool). */
export type ReleaseBuffer = (buffer: GPUBuffer) => void;

/** A GpuTensor owned by one GpuAttention (identified by `owner`). */
export class Resident implements GpuTensor {
  readonly shape: readonly number[];
  readonly dtype: GpuDtype;
  readonly owner: object;
  readonly #buffer: GPUBuffer | null;
  readonly #host: Float32Array | null;
  readonly #ownerAlive: () => boolean;
  readonly #release: ReleaseBuffer;
  #destroyed = false;
  #freed = false;
  /** The recording that computes this tensor, until its submit() settles. */
  #recording: object | null = null;
  /** Why the recording that was to compute this tensor did not. */
  #failure: string | null = null;

  constructor(
    owner: object,
    shape: readonly number[],
    storage: GPUBuffer | Float32Array,
    ownerAlive: () => boolean,
    dtype: GpuDtype = "float32",
    release: ReleaseBuffer = (buffer) => buffer.destroy(),
  ) {
    this.owner = owner;
    this.dtype = dtype;
    this.#ownerAlive = ownerAlive;
    this.#release = release;
    this.shape = Object.freeze([...shape]);
    this.#buffer = storage instanceof Float32Array ? null : storage;
    this.#host = storage instanceof Float32Array ? storage : null;
  }

  get buffer(): GPUBuffer | null {
    return this.#buffer;
  }

  get destroyed(): boolean {
    return this.#destroyed || !this.#ownerAlive();
  }

  /** Bytes per element of the storage. */
  get elementBytes(): 2 | 4 {
    return this.dtype === "float16" ? 2 : 4;
  }

  /** The host copy (CPU fallback) as a tensor view. */
  get host(): Tensor {
    return { shape: this.shape, data: this.#host! };
  }

  /** The recording whose submit() computes this tensor and has not settled yet, or null. */
  get recording(): object | null {
    return this.#recording;
  }

  /** Why the recording that was to compute this tensor failed, or null. */
  get failure(): string | null {
    return this.#failure;
  }

  /** Marks this tensor as an output of `recording`, valid once its submit() resolves. */
  awaitRecording(recording: object): this {
    this.#recording = recording;
    return this;
  }

  /**
   * The recording settled: the tensor is valid (`failure` null) or never
   * will be; its storage is freed now if destroy() came while it was pending.
   */
  settle(failure: string | null): void {
    this.#recording = null;
    if (failure !== null) {
      this.#failure = failure;
      this.#destroyed = true;
    }
    if (this.#destroyed) this.#free();
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    // Its recording still writes (and may read) the buffer: freed when the recording settles.
    if (this.#recording === null) this.#free();
  }

  #free(): void {
    if (this.#freed) return;
    this.#freed = true;
    if (this.#buffer) this.#release(this.#buffer);
  }
}

/** Whether a value is one of our resident tensors. */
export function isResident(value: unknown): value is Resident {
  return value instanceof Resident;
}
