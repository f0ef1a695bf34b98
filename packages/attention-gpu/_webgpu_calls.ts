/** The WebGPU backend's call types, as types only, shared by the backend and its recording. */

import type { DecodeCall } from "./_calls.ts";
import type { Job } from "./_job.ts";
import type { WebGpuKvCache } from "./_kv_cache.ts";
import type { DecodeChoice } from "./_decode_kernels.ts";
import type { Operand } from "./_operand.ts";

/** A decode call checked against its cache, with its kernel parameters, before its turn. */
export interface WebGpuDecode extends DecodeCall<WebGpuKvCache> {
  readonly elements: { q: "f32" | "f16"; kv: "f32" | "f16"; o: "f32" | "f16" };
  /** The kernel that runs it ("keys" may fall back to "split"). */
  readonly choice: DecodeChoice;
}

/** Builds a call's job from its operands and output buffer, synchronously. */
export type AttentionBuilder = (q: Operand, k: Operand, v: Operand, output: GPUBuffer) => Job;
