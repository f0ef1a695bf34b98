/** The KV cache of the CPU fallback: host arrays, keys rotated by @posenc/rope's applyRope. */

import type { Layout, Tensor } from "@posenc/tensor";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { KvAppendOptions, KvCache } from "./kv_cache.ts";
import {
  CACHE_DESTROYED,
  type CacheDims,
  type CacheRopeState,
  checkAppendFits,
  EMPTY_ROPE_STATE,
  nextRopeState,
  OWNER_GONE,
  planAppend,
} from "./_kv_plan.ts";
import { checkOperand } from "./_operand.ts";
import { Resident } from "./_resident.ts";
import { rotate } from "./_rope_host.ts";

/** A KvCache in host memory (float32), for runtimes without WebGPU. */
export class CpuKvCache implements KvCache {
  readonly owner: object;
  readonly batch: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly maxLength: number;
  readonly precision = "f32" as const;
  readonly #k: Float32Array;
  readonly #v: Float32Array;
  readonly #ownerAlive: () => boolean;
  #length = 0;
  #ropeState: CacheRopeState = EMPTY_ROPE_STATE;
  #destroyed = false;

  constructor(owner: object, ownerAlive: () => boolean, dims: CacheDims) {
    this.owner = owner;
    this.#ownerAlive = ownerAlive;
    this.batch = dims.batch;
    this.kvHeads = dims.kvHeads;
    this.headDim = dims.headDim;
    this.maxLength = dims.maxLength;
    const size = dims.batch * dims.kvHeads * dims.maxLength * dims.headDim;
    this.#k = new Float32Array(size);
    this.#v = new Float32Array(size);
  }

  get length(): number {
    return this.#length;
  }

  get destroyed(): boolean {
    return this.#destroyed || !this.#ownerAlive();
  }

  /** Key-rotation state, for decode's checks. */
  get ropeState(): CacheRopeState {
    return this.#ropeState;
  }

  /** Throws if the cache or its owner is gone. */
  live(): void {
    if (this.#destroyed) throw new Error(CACHE_DESTROYED);
    if (!this.#ownerAlive()) throw new Error(OWNER_GONE);
  }

  append(
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: KvAppendOptions = {},
  ): Promise<void> {
    try {
      this.live();
      const ko = checkOperand("k", k, this.owner);
      const vo = checkOperand("v", v, this.owner);
      const plan = planAppend(this, ko, vo, options);
      checkAppendFits(this, this.#length, plan);
      const next = nextRopeState(this.#ropeState, plan);
      const slot = this.#length;
      let kh = host(ko);
      if (plan.rope) {
        kh = rotate(kh, plan.rope.frequencies, {
          layout: plan.layout,
          pairing: plan.rope.pairing,
          angles: plan.rope.angles,
          positions: plan.rope.positions ?? { kind: "range", start: slot },
        });
      }
      const vh = host(vo);
      const D = this.headDim;
      const st = plan.strides;
      for (let b = 0; b < this.batch; b++) {
        for (let h = 0; h < this.kvHeads; h++) {
          for (let s = 0; s < plan.n; s++) {
            const src = b * st.batch + h * st.heads + s * st.seq;
            const dst = ((b * this.kvHeads + h) * this.maxLength + slot + s) * D;
            this.#k.set(kh.data.subarray(src, src + D), dst);
            this.#v.set(vh.data.subarray(src, src + D), dst);
          }
        }
      }
      this.#length = slot + plan.n;
      this.#ropeState = next;
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The cached tokens as tensors in a layout (copies). */
  tensors(layout: Layout): { k: Tensor; v: Tensor } {
    const { batch, kvHeads: H, headDim: D } = this;
    const L = this.#length;
    const shape = Object.freeze(layout === "bhsd" ? [batch, H, L, D] : [batch, L, H, D]);
    const k = new Float32Array(batch * H * L * D);
    const v = new Float32Array(k.length);
    for (let b = 0; b < batch; b++) {
      for (let h = 0; h < H; h++) {
        for (let s = 0; s < L; s++) {
          const src = ((b * H + h) * this.maxLength + s) * D;
          const dst = layout === "bhsd" ? ((b * H + h) * L + s) * D : ((b * L + s) * H + h) * D;
          k.set(this.#k.subarray(src, src + D), dst);
          v.set(this.#v.subarray(src, src + D), dst);
        }
      }
    }
    return { k: { shape, data: k }, v: { shape, data: v } };
  }

  download(): Promise<{ k: Tensor; v: Tensor }> {
    try {
      this.live();
      return Promise.resolve(this.tensors("bhsd"));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  reset(): void {
    this.live();
    this.#length = 0;
    this.#ropeState = EMPTY_ROPE_STATE;
  }

  destroy(): void {
    this.#destroyed = true;
  }
}

function host(x: Tensor | GpuTensor): Tensor {
  return x instanceof Resident ? x.host : x as Tensor;
}
