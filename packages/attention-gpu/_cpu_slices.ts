/**
 * The CPU backend's attention on the calling thread in slices: one (batch,
 * KV head) unit at a time, letting the event loop run whenever a slice of
 * time has passed, so a large call leaves timers, I/O and a page responsive
 * instead of freezing them until it ends. The arithmetic per head is
 * attentionCpu's, so the output is bit-identical to one uninterrupted call.
 */

import type { Tensor } from "@posenc/tensor";
import type { AttentionPlan } from "./_plan.ts";
import { cpuFromPlan, type HeadRange } from "./_cpu_attention.ts";

/** Multiply-adds below which a call runs at once: a few milliseconds at most, no yield. */
export const SLICED_MIN_WORK = 1 << 22;

/** How long the calling thread computes before it lets the event loop run. */
const SLICE_MS = 8;

/**
 * Resolves on a later turn of the event loop, after the timers that are due
 * and pending I/O callbacks have run. A message to itself on a fresh
 * MessageChannel, not `setTimeout(0)`: Deno's zero timeout fires ~2 ms
 * later (browsers clamp nested ones to 4 ms), which cost the threaded
 * 1x8x512x64 call a sixth of its time; the message takes ~30 µs. Both
 * ports are closed, so nothing keeps the process alive.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
    port2.close();
  });
}

/** Whether a call is large enough to be computed in slices. */
export function worthSlicing(plan: AttentionPlan): boolean {
  return plan.batch * plan.heads * plan.qSeq * plan.kSeq * plan.headDim >= SLICED_MIN_WORK;
}

/**
 * Computes the heads of `ranges` into `into`, one (batch, KV head) unit per
 * kernel call, yielding between units once {@linkcode SLICE_MS} have passed.
 * q and k must already be rotated (the plan's RoPE is ignored). `live`
 * runs after each yield and throws to abandon the call (a destroyed backend).
 */
export async function attendInSlices(
  plan: AttentionPlan,
  operands: readonly [Tensor, Tensor, Tensor],
  ranges: readonly HeadRange[],
  into: Float32Array,
  live: () => void = () => {},
): Promise<void> {
  const unrotated = { ...plan, rope: null };
  const [q, k, v] = operands;
  let since = performance.now();
  for (const { batch, kv0, kv1 } of ranges) {
    for (let kv = kv0; kv < kv1; kv++) {
      const only = { ranges: [{ batch, kv0: kv, kv1: kv + 1 }], into };
      cpuFromPlan(unrotated, q, k, v, undefined, only);
      if (performance.now() - since >= SLICE_MS) {
        await nextTurn();
        live();
        since = performance.now();
      }
    }
  }
}

/** Every (batch, KV head) unit of a plan, as ranges. */
export function allHeads(plan: AttentionPlan): HeadRange[] {
  return Array.from({ length: plan.batch }, (_, batch) => ({ batch, kv0: 0, kv1: plan.kvHeads }));
}
