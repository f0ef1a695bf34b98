/**
 * The checked calls the front hands a backend, as types only, so that the
 * front, the backends and the recording can all name them without importing
 * one another.
 */

import type { AttentionPlan } from "./_plan.ts";
import type { Operand } from "./_operand.ts";
import type { Elements } from "./_flash_wgsl.ts";
import type { DecodePlan } from "./_kv_plan.ts";
import type { RopeRequest } from "./_rope_plan.ts";

/** The attention kernels a call may ask for (`kernel` option). */
export type KernelName = "flash" | "flash2" | "naive";

/** An attention call with its arguments checked and its plan made. */
export interface AttentionCall {
  /** q, k and v as the caller passed them (to check again after an await). */
  readonly args: readonly [unknown, unknown, unknown];
  readonly q: Operand;
  readonly k: Operand;
  readonly v: Operand;
  readonly plan: AttentionPlan;
  /** Storage types of q, k, v and the output. */
  readonly elements: Elements;
  readonly kernel: KernelName;
}

/** An applyRope call with its arguments checked. */
export interface RopeCallRequest extends RopeRequest {
  /** x as the caller passed it (to check again after an await). */
  readonly arg: unknown;
  readonly x: Operand;
}

/** A decode call with q, the cache and the options checked (the cache's length not yet). */
export interface DecodeCall<C> {
  /** q as the caller passed it (to check again after an await). */
  readonly arg: unknown;
  readonly q: Operand;
  readonly cache: C;
  readonly plan: DecodePlan;
}
