/** The KV cache of the CPU fallback: host arrays, keys rotated by @posenc/rope's applyRope. */

import type { Layout, Tensor } from "@posenc/tensor";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { KvAppendOptions, KvCache } from "./kv_cache.ts";
import { type AppendPlan, type CacheDims, planAppend } from "./_kv_plan.ts";
import { KvCacheBase } from "./_kv_cache_base.ts";
import { checkOperand } from "./_operand.ts";
import { Resident } from "./_resident.ts";
import { rotate } from "./_rope_host.ts";

/** A KvCache in host memory (float32), for runtimes without WebGPU. */
export class CpuKvCache extends KvCacheBase implements KvCache {
  readonly precision = "f32" as const;
  readonly #k: Float32Array;
  readonly #v: Float32Array;

  constructor(owner: object, ownerAlive: () => boolean, dims: CacheDims) {
    super(owner, ownerAlive, dims);
    const size = dims.batch * dims.kvHeads * dims.maxLength * dims.headDim;
    this.#k = new Float32Array(size);
    this.#v = new Float32Array(size);
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
      this.write(planAppend(this, ko, vo, options), ko, vo);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Writes a checked append at the current length (throws, writing nothing, if it does not fit). */
  write(plan: AppendPlan, ko: Tensor | GpuTensor, vo: Tensor | GpuTensor): void {
    const { slot, commit } = this.reserve(plan);
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
    commit();
  }

  /** The cached tokens as tensors in a layout (copies). */
  tensors(layout: Layout): { k: Tensor; v: Tensor } {
    const { batch, kvHeads: H, headDim: D } = this;
    const L = this.length;
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
    this.clear();
  }

  destroy(): void {
    this.markDestroyed();
  }
}

function host(x: Tensor | GpuTensor): Tensor {
  return x instanceof Resident ? x.host : x as Tensor;
}
