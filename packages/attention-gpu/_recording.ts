/**
 * GpuRecording on top of a backend: the calls are checked when recorded
 * (by the same checks as the eager calls) and handed to the backend in
 * order at submit().
 */

import type { Tensor } from "@posenc/tensor";
import type { RopeCache, RopeFrequencies } from "@posenc/rope";
import type { GpuTensor } from "./gpu_tensor.ts";
import type { GpuDecodeOptions, KvAppendOptions, KvCache } from "./kv_cache.ts";
import type { GpuAttentionCallOptions, GpuRopeOptions } from "./gpu_call_options.ts";
import type { GpuRecording, GpuRecordingState } from "./gpu_recording.ts";
import type { AttentionCall, RopeCallRequest } from "./_calls.ts";
import type { Operand } from "./_operand.ts";
import type { AppendPlan } from "./_kv_plan.ts";
import { Resident } from "./_resident.ts";

/** An append checked when recorded (the cache's length is checked at submit). */
export interface AppendCall<C> {
  readonly cache: C;
  /** k and v as the caller passed them (to check again at submit). */
  readonly args: readonly [unknown, unknown];
  readonly k: Operand;
  readonly v: Operand;
  readonly plan: AppendPlan;
}

/** One recorded call with its checked arguments and, for most, its output. */
export type RecordedCall<C, D> =
  | { readonly kind: "attention"; readonly call: AttentionCall; readonly output: Resident }
  | { readonly kind: "rope"; readonly request: RopeCallRequest; readonly output: Resident }
  | { readonly kind: "append"; readonly call: AppendCall<C> }
  | { readonly kind: "decode"; readonly call: D; readonly output: Resident };

/** What a recording asks of its GpuAttention (the front and its backend). */
export interface RecordingHost<C, D> {
  /** Throws when the GpuAttention cannot run calls. */
  live(): void;
  attention(
    args: readonly [unknown, unknown, unknown],
    options: GpuAttentionCallOptions,
    recording: object,
  ): AttentionCall;
  rope(
    x: unknown,
    frequencies: RopeFrequencies | RopeCache,
    options: GpuRopeOptions,
    recording: object,
  ): RopeCallRequest;
  append(
    cache: unknown,
    args: readonly [unknown, unknown],
    options: KvAppendOptions,
    recording: object,
  ): AppendCall<C>;
  decode(q: unknown, cache: unknown, options: GpuDecodeOptions, recording: object): D;
  /** A new output of the recording (pending until it settles). */
  output(shape: readonly number[], element: "f32" | "f16", recording: object): Resident;
  /** The output of a recorded decode. */
  decodeOutput(call: D, recording: object): Resident;
  /**
   * Runs the calls in order, all or nothing; called synchronously by
   * submit() so that the recording takes its turn on its caches at once.
   */
  run(calls: readonly RecordedCall<C, D>[], recording: object): Promise<void>;
}

/** The GpuRecording of one GpuAttention. */
export class Recording<C, D> implements GpuRecording {
  readonly #host: RecordingHost<C, D>;
  readonly #calls: RecordedCall<C, D>[] = [];
  #state: GpuRecordingState = "recording";

  constructor(host: RecordingHost<C, D>) {
    this.#host = host;
  }

  get state(): GpuRecordingState {
    return this.#state;
  }

  get calls(): number {
    return this.#calls.length;
  }

  #open(): void {
    if (this.#state !== "recording") {
      throw new Error(
        `This recording cannot take more calls: it was ${
          this.#state === "submitting" ? "submitted" : this.#state
        }; start a new one with gpu.record()`,
      );
    }
    this.#host.live();
  }

  attention(
    q: Tensor | GpuTensor,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: GpuAttentionCallOptions = {},
  ): GpuTensor {
    this.#open();
    const call = this.#host.attention([q, k, v], options, this);
    const output = this.#host.output(call.plan.qShape, call.elements.o, this);
    this.#calls.push({ kind: "attention", call, output });
    return output;
  }

  applyRope(
    x: Tensor | GpuTensor,
    frequencies: RopeFrequencies | RopeCache,
    options: GpuRopeOptions = {},
  ): GpuTensor {
    this.#open();
    const request = this.#host.rope(x, frequencies, options, this);
    if (request.inPlace && !(request.x instanceof Resident)) {
      throw new TypeError(
        "Invalid inPlace: a recording writes in place only into a GpuTensor; upload x first or leave inPlace false",
      );
    }
    const output = request.x instanceof Resident && request.inPlace
      ? request.x
      : this.#host.output(request.x.shape, "f32", this);
    this.#calls.push({ kind: "rope", request, output });
    return output;
  }

  append(
    cache: KvCache,
    k: Tensor | GpuTensor,
    v: Tensor | GpuTensor,
    options: KvAppendOptions = {},
  ): void {
    this.#open();
    this.#calls.push({ kind: "append", call: this.#host.append(cache, [k, v], options, this) });
  }

  decode(q: Tensor | GpuTensor, cache: KvCache, options: GpuDecodeOptions = {}): GpuTensor {
    this.#open();
    const call = this.#host.decode(q, cache, options, this);
    const output = this.#host.decodeOutput(call, this);
    this.#calls.push({ kind: "decode", call, output });
    return output;
  }

  submit(): Promise<void> {
    if (this.#state !== "recording") {
      return Promise.reject(
        new Error(
          `This recording cannot be submitted: it was ${
            this.#state === "submitting" ? "submitted" : this.#state
          } already; start a new one with gpu.record()`,
        ),
      );
    }
    this.#state = "submitting";
    let running: Promise<void>;
    try {
      running = this.#host.run(this.#calls, this);
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      () => this.#settle("submitted", null),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.#settle("failed", message);
        throw error;
      },
    );
  }

  discard(): void {
    if (this.#state !== "recording") return;
    this.#settle("discarded", "it was discarded before submit()");
  }

  #settle(state: GpuRecordingState, failure: string | null): void {
    this.#state = state;
    for (const call of this.#calls) {
      // An in-place rotation's output is its input: that tensor was valid before.
      if (call.kind === "append" || (call.kind === "rope" && call.request.inPlace)) continue;
      call.output.settle(failure);
    }
  }
}
