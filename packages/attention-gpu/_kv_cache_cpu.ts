/**
 * The KV cache of the CPU fallback: host arrays, keys rotated by
 * @posenc/rope's applyRope, and a second copy packed in a CPU kernel's own
 * memory, so a decode step reads the cache where the kernel can, without
 * copying or repacking 2 x L x D floats per head on every call.
 */

import type { Layout, Tensor } from "@posenc/tensor";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { KvAppendOptions, KvCache } from "./kv_cache.ts";
import { type AppendPlan, type CacheDims, planAppend } from "./_kv_plan.ts";
import { KvCacheBase } from "./_kv_cache_base.ts";
import { checkOperand } from "./_operand.ts";
import { Resident } from "./_resident.ts";
import { rotate } from "./_rope_host.ts";
import { markResident, type ResidentKv } from "./_cpu_attention.ts";
import {
  type CpuKernel,
  cpuKernelModules,
  ScalarCpuKernel,
  SCRATCH_FLOATS,
  WasmCpuKernel,
} from "./_cpu_kernel.ts";

/** Where a cache's packed copy lives in its kernel's memory (floats). */
interface Packed {
  readonly kernel: CpuKernel;
  readonly dp: number;
  readonly kAt: number;
  readonly vAt: number;
  readonly headFloats: number;
  readonly end: number;
}

/**
 * A kernel of its own with room for the packed keys and values of `dims`,
 * or null where its WebAssembly memory cannot grow that far (the cache then
 * works from its host arrays alone, as attentionCpu does). A window cache
 * has none: its ring is small, and its tokens are not in slot order.
 */
function packedStore(dims: CacheDims): Packed | null {
  if (dims.window !== null) return null;
  const { relaxed, plain } = cpuKernelModules();
  const kernel = relaxed
    ? new WasmCpuKernel(relaxed, "relaxed-simd")
    : plain
    ? new WasmCpuKernel(plain, "simd")
    : new ScalarCpuKernel();
  const dp = (dims.headDim + 7) & ~7;
  const headFloats = ((dims.slots + 7) & ~7) * dp;
  const area = dims.batch * dims.kvHeads * headFloats;
  const kAt = SCRATCH_FLOATS;
  const vAt = kAt + area;
  const end = vAt + area;
  // wasm32 addresses 4 GiB; leave room for a decode's queries and outputs.
  if (end * 4 > 2 ** 31) return null;
  try {
    kernel.reserve(end);
  } catch {
    return null;
  }
  return { kernel, dp, kAt, vAt, headFloats, end };
}

/** A KvCache in host memory (float32), for runtimes without WebGPU. */
export class CpuKvCache extends KvCacheBase implements KvCache {
  readonly precision = "f32" as const;
  readonly #k: Float32Array;
  readonly #v: Float32Array;
  readonly #packed: Packed | null;

  constructor(owner: object, ownerAlive: () => boolean, dims: CacheDims) {
    super(owner, ownerAlive, dims);
    const size = dims.batch * dims.kvHeads * dims.slots * dims.headDim;
    this.#k = new Float32Array(size);
    this.#v = new Float32Array(size);
    this.#packed = packedStore(dims);
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
    const { slot, skip, commit } = this.reserve(plan);
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
        // Token slot + s lives in slot (slot + s) % slots (a ring for a window cache).
        for (let s = skip; s < plan.n; s++) {
          const src = b * st.batch + h * st.heads + s * st.seq;
          const dst = ((b * this.kvHeads + h) * this.slots + (slot + s) % this.slots) * D;
          this.#k.set(kh.data.subarray(src, src + D), dst);
          this.#v.set(vh.data.subarray(src, src + D), dst);
        }
      }
    }
    this.#pack(slot, plan.n);
    commit();
  }

  /** Copies tokens [slot, slot + n) of the host arrays into the packed copy. */
  #pack(slot: number, n: number): void {
    const packed = this.#packed;
    if (packed === null) return;
    const { dp, headFloats } = packed;
    const D = this.headDim;
    const mem = packed.kernel.reserve(packed.end);
    for (let u = 0; u < this.batch * this.kvHeads; u++) {
      const kAt = packed.kAt + u * headFloats;
      const vAt = packed.vAt + u * headFloats;
      for (let s = slot; s < slot + n; s++) {
        const src = (u * this.slots + s) * D;
        // Keys: panels of 8 keys, [dp][8]; values: rows of dp. Pad dims stay 0.
        const panel = kAt + (s >> 3) * dp * 8 + (s & 7);
        for (let d = 0; d < D; d++) mem[panel + 8 * d] = this.#k[src + d]!;
        for (let d = D; d < dp; d++) mem[panel + 8 * d] = 0;
        mem.set(this.#v.subarray(src, src + D), vAt + s * dp);
        mem.fill(0, vAt + s * dp + D, vAt + (s + 1) * dp);
      }
    }
  }

  /**
   * The last `count` tokens the cache holds (by default all it holds: every
   * token, or a window cache's ring), in order, as tensors in a layout. A
   * full plain cache in bhsd hands out views of its arrays (the decode step
   * only reads them); otherwise copies. The keys are marked as packed in
   * this cache's kernel, so attention on them reads the packed copy (see
   * cpuFromPlan).
   *
   * @param copy Always copy (for download, whose tensors the caller owns).
   */
  tensors(layout: Layout, copy = false, count = this.held().count): { k: Tensor; v: Tensor } {
    const { batch, kvHeads: H, headDim: D, slots } = this;
    const L = count;
    const first = this.length - L;
    const shape = Object.freeze(layout === "bhsd" ? [batch, H, L, D] : [batch, L, H, D]);
    let k: Float32Array;
    let v: Float32Array;
    if (!copy && layout === "bhsd" && L === slots && this.window === null) {
      k = this.#k;
      v = this.#v;
    } else {
      k = new Float32Array(batch * H * L * D);
      v = new Float32Array(k.length);
      for (let b = 0; b < batch; b++) {
        for (let h = 0; h < H; h++) {
          const head = (b * H + h) * slots * D;
          if (layout === "bhsd" && this.window === null) {
            // A head's tokens are contiguous in both: one copy per head.
            const dst = (b * H + h) * L * D;
            k.set(this.#k.subarray(head, head + L * D), dst);
            v.set(this.#v.subarray(head, head + L * D), dst);
            continue;
          }
          for (let s = 0; s < L; s++) {
            const src = head + ((first + s) % slots) * D;
            const dst = layout === "bhsd" ? ((b * H + h) * L + s) * D : ((b * L + s) * H + h) * D;
            k.set(this.#k.subarray(src, src + D), dst);
            v.set(this.#v.subarray(src, src + D), dst);
          }
        }
      }
    }
    const packed = this.#packed;
    if (!copy && packed !== null) {
      const resident: ResidentKv = {
        kernel: packed.kernel,
        batch,
        kvHeads: H,
        headDim: D,
        length: L,
        kAt: packed.kAt,
        vAt: packed.vAt,
        headFloats: packed.headFloats,
        end: packed.end,
      };
      markResident(k, resident);
    }
    return { k: { shape, data: k }, v: { shape, data: v } };
  }

  download(): Promise<{ k: Tensor; v: Tensor }> {
    try {
      this.live();
      // A window cache gives its window's tokens.
      const count = Math.min(this.length, this.window ?? Infinity);
      return Promise.resolve(this.tensors("bhsd", true, count));
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
