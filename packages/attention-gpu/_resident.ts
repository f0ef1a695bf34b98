/** The implementation behind GpuTensor, private to the package. */

import type { Tensor } from "@posenc/tensor";
import type { GpuDtype, GpuTensor } from "./gpu_tensor.ts";

/** A GpuTensor owned by one GpuAttention (identified by `owner`). */
export class Resident implements GpuTensor {
  readonly shape: readonly number[];
  readonly dtype: GpuDtype = "float32";
  readonly owner: object;
  readonly #buffer: GPUBuffer | null;
  readonly #host: Float32Array | null;
  readonly #ownerAlive: () => boolean;
  #destroyed = false;

  constructor(
    owner: object,
    shape: readonly number[],
    storage: GPUBuffer | Float32Array,
    ownerAlive: () => boolean,
  ) {
    this.owner = owner;
    this.#ownerAlive = ownerAlive;
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

  /** The host copy (CPU fallback) as a tensor view. */
  get host(): Tensor {
    return { shape: this.shape, data: this.#host! };
  }

  destroy(): void {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#buffer?.destroy();
  }
}

/** Whether a value is one of our resident tensors. */
export function isResident(value: unknown): value is Resident {
  return value instanceof Resident;
}
