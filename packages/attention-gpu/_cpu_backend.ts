/** GpuAttention on the CPU (attentionCpu's kernel), for runtimes without WebGPU. */

import type { Tensor } from "@posenc/tensor";
import type { GpuInfo } from "./gpu_setup.ts";
import type { GpuDecodeTiming, GpuProfileOptions, GpuTiming } from "./gpu_call_options.ts";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { GpuDecodeProfileOptions, KvCache } from "./kv_cache.ts";
import {
  type AttentionCall,
  AttentionFront,
  type DecodeCall,
  DESTROYED,
  type RopeCallRequest,
} from "./_attention_front.ts";
import { queryPositions } from "./_decode.ts";
import { type Elements, F32_ELEMENTS } from "./_flash_wgsl.ts";
import { CpuKvCache } from "./_kv_cache_cpu.ts";
import type { CacheDims } from "./_kv_plan.ts";
import { checkDecodeFits } from "./_decode_plan.ts";
import { planAttention } from "./_plan.ts";
import { cpuFromPlan } from "./_cpu_attention.ts";
import { CpuPool, rotated, worthThreads } from "./_cpu_threads.ts";
import { allHeads, attendInSlices, nextTurn, worthSlicing } from "./_cpu_slices.ts";
import { Resident } from "./_resident.ts";
import { checkOperand, type Operand } from "./_operand.ts";
import type { RecordedCall } from "./_recording.ts";
import { rotate } from "./_rope_host.ts";

/** A bias [b, h, n, L] without its first `first` key columns. */
function keysFrom(bias: Tensor, first: number): Tensor {
  if (first === 0) return bias;
  const [b, h, n, L] = bias.shape as [number, number, number, number];
  const keys = L - first;
  const data = new Float32Array(b * h * n * keys);
  for (let row = 0; row < b * h * n; row++) {
    data.set(bias.data.subarray(row * L + first, (row + 1) * L), row * keys);
  }
  return { shape: [b, h, n, keys], data };
}

/** GpuAttention on the CPU (attentionCpu's kernel), for runtimes without WebGPU. */
export class CpuAttention extends AttentionFront<CpuKvCache, DecodeCall<CpuKvCache>> {
  readonly info: GpuInfo;
  protected readonly cacheClass = CpuKvCache;
  #destroyed = false;
  readonly #threads: number;
  #pool: CpuPool | null = null;

  constructor(reason: string, threads = 1) {
    super();
    this.#threads = threads;
    this.info = Object.freeze({
      backend: "cpu",
      adapter: null,
      features: Object.freeze([]),
      f16: Object.freeze({
        available: false,
        detail: "the CPU fallback stores float32 only",
      }),
      decodeWorkgroups: null,
      tier: null,
      limits: null,
      fallbackReason: reason,
      threads,
    });
  }

  protected failure(): string | null {
    return this.#destroyed ? DESTROYED : null;
  }

  #host(x: Operand): Tensor {
    return x instanceof Resident ? x.host : x as Tensor;
  }

  /** A result in the kind of the operand it answers (a GpuTensor for a GpuTensor). */
  #like(operand: Operand, out: Tensor): Tensor | GpuTensor {
    return operand instanceof Resident ? new Resident(this, out.shape, out.data, this.alive) : out;
  }

  /** Everything is float32 here; a call's `precision` only applies to WebGPU uploads. */
  protected elementsOf(): Elements {
    return F32_ELEMENTS;
  }

  protected async runAttention(call: AttentionCall): Promise<Tensor | GpuTensor> {
    const { plan } = call;
    const [q, k, v] = [this.#host(call.q), this.#host(call.k), this.#host(call.v)];
    if (!worthSlicing(plan)) return this.#like(call.q, cpuFromPlan(plan, q, k, v));
    // A large call returns its promise first, then computes in slices between
    // turns of the event loop (timers and I/O keep running).
    await nextTurn();
    this.live(); // destroyed meanwhile: the call is rejected, as a call in flight on workers is
    if (worthThreads(plan, this.#threads)) {
      this.#pool ??= new CpuPool(this.#threads - 1);
      return this.#like(call.q, await this.#pool.attention(plan, q, k, v));
    }
    const out = new Float32Array(q.data.length);
    await attendInSlices(plan, [...rotated(plan, q, k), v], allHeads(plan), out, () => this.live());
    return this.#like(call.q, { shape: Object.freeze([...q.shape]), data: out });
  }

  protected async timeAttention(
    call: AttentionCall,
    iterations: number,
    warmup: boolean,
    options: GpuProfileOptions,
  ): Promise<GpuTiming> {
    const [q, k, v] = call.args as [Tensor | GpuTensor, Tensor | GpuTensor, Tensor | GpuTensor];
    const { iterations: _, warmup: __, ...once } = options;
    if (warmup) await this.attention(q, k, v, once);
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await this.attention(q, k, v, once);
    return {
      seconds: (performance.now() - start) / 1000 / iterations,
      iterations,
      source: "wall-clock",
    };
  }

  protected runRope(request: RopeCallRequest): Promise<Tensor | GpuTensor> {
    const { x, call, inPlace } = request;
    const host = this.#host(x);
    const out = rotate(host, call.frequencies, {
      layout: call.layout,
      pairing: call.pairing,
      angles: call.angles,
      positions: call.positions,
    });
    if (inPlace) {
      host.data.set(out.data);
      return Promise.resolve(x);
    }
    return Promise.resolve(this.#like(x, out));
  }

  protected store(tensor: Tensor): GpuTensor {
    return new Resident(this, tensor.shape, new Float32Array(tensor.data), this.alive);
  }

  protected read(t: Resident): Promise<Tensor> {
    return Promise.resolve({ shape: t.shape, data: new Float32Array(t.host.data) });
  }

  protected idle(): Promise<void> {
    return Promise.resolve();
  }

  protected makeCache(dims: CacheDims): Promise<KvCache> {
    return Promise.resolve(new CpuKvCache(this, this.alive, dims));
  }

  protected prepareDecode(call: DecodeCall<CpuKvCache>): DecodeCall<CpuKvCache> {
    return call;
  }

  protected runDecode(call: DecodeCall<CpuKvCache>): Promise<Tensor | GpuTensor> {
    return Promise.resolve(this.#like(call.q, this.#decodeNow(call)));
  }

  /** A decode against the cache as it is now. */
  #decodeNow(call: DecodeCall<CpuKvCache>): Tensor {
    const { plan, cache } = call;
    const turn = checkDecodeFits(plan, cache.length, cache.ropeState, cache.window);
    let q = this.#host(call.q);
    if (plan.rope) {
      q = rotate(q, plan.rope.frequencies, {
        layout: plan.layout,
        pairing: plan.rope.pairing,
        angles: plan.rope.angles,
        positions: queryPositions(plan, cache.length),
      });
    }
    // The tokens the cache holds, from token index `first` (a window cache
    // holds its ring): padding and the bias's keys move by as much.
    const { k, v } = cache.tensors(plan.layout);
    const first = cache.held().first;
    const attention = planAttention(q, k, v, {
      layout: plan.layout,
      causal: true,
      scale: plan.scale,
      ...(plan.alibi ? { alibiSlopes: plan.alibi } : {}),
      ...(turn.window !== null ? { slidingWindow: turn.window } : {}),
      ...(plan.sinks ? { sinks: plan.sinks } : {}),
      ...(plan.softcap !== null ? { softcap: plan.softcap } : {}),
      ...(plan.leftPadding
        ? {
          leftPadding: Array.from(
            plan.leftPadding,
            (pad) => Math.min(Math.max(0, pad - first), cache.length - first),
          ),
        }
        : {}),
      ...(plan.bias ? { bias: keysFrom(plan.bias, first) } : {}),
    });
    return cpuFromPlan(attention, q, k, v);
  }

  protected async timeDecode(
    call: DecodeCall<CpuKvCache>,
    iterations: number,
    warmup: boolean,
    options: GpuDecodeProfileOptions,
  ): Promise<GpuDecodeTiming> {
    const q = call.arg as Tensor | GpuTensor;
    const { iterations: _, warmup: __, ...once } = options;
    if (warmup) await this.decode(q, call.cache, once);
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await this.decode(q, call.cache, once);
    return {
      seconds: (performance.now() - start) / 1000 / iterations,
      iterations,
      source: "wall-clock",
      splits: 1,
    };
  }

  protected recordedOutput(
    shape: readonly number[],
    _element: "f32" | "f16",
    recording: object,
  ): Resident {
    const size = shape.reduce((a, b) => a * b, 1);
    return new Resident(this, shape, new Float32Array(size), this.alive).awaitRecording(recording);
  }

  protected decodeElement(): "f32" {
    return "f32";
  }

  /**
   * Runs the calls now, in order, on the calling thread (so no other call
   * can come between them); on a failure, undoes what ran: the caches'
   * fill state and in-place rotations are put back.
   */
  protected runRecording(
    calls: readonly RecordedCall<CpuKvCache, DecodeCall<CpuKvCache>>[],
    recording: object,
  ): Promise<void> {
    const undo: Array<() => void> = [];
    try {
      this.live();
      for (const c of calls) this.#recheck(c, recording);
      for (const c of calls) {
        if (c.kind === "attention") {
          const { plan } = c.call;
          const [q, k, v] = [this.#host(c.call.q), this.#host(c.call.k), this.#host(c.call.v)];
          c.output.host.data.set(cpuFromPlan(plan, q, k, v).data);
        } else if (c.kind === "rope") {
          const { x, call, inPlace } = c.request;
          const target = inPlace ? (x as Resident).host.data : c.output.host.data;
          if (inPlace) {
            const before = target.slice();
            undo.push(() => target.set(before));
          }
          target.set(
            rotate(this.#host(x), call.frequencies, {
              layout: call.layout,
              pairing: call.pairing,
              angles: call.angles,
              positions: call.positions,
            }).data,
          );
        } else if (c.kind === "append") {
          undo.push(c.call.cache.snapshot());
          c.call.cache.write(c.call.plan, c.call.k, c.call.v);
        } else {
          c.output.host.data.set(this.#decodeNow(c.call).data);
        }
      }
      return Promise.resolve();
    } catch (error) {
      for (const u of undo.reverse()) u();
      return Promise.reject(error);
    }
  }

  /** Throws if a recorded call's operands or cache were destroyed since it was recorded. */
  #recheck(c: RecordedCall<CpuKvCache, DecodeCall<CpuKvCache>>, recording: object): void {
    if (c.kind === "attention") this.checkOperands(c.call.args, recording);
    else if (c.kind === "rope") checkOperand("x", c.request.arg, this, recording);
    else if (c.kind === "append") {
      c.call.cache.live();
      checkOperand("k", c.call.args[0], this, recording);
      checkOperand("v", c.call.args[1], this, recording);
    } else {
      c.call.cache.live();
      checkOperand("q", c.call.arg, this, recording);
    }
  }

  destroy(): void {
    this.#destroyed = true;
    this.#pool?.destroy(`This GpuAttention cannot be used: ${DESTROYED}`);
    this.#pool = null;
  }
}
