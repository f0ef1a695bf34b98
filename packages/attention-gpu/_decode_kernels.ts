/**
 * The choice between the decode kernels (`kernel` option): "split"
 * (`_decode.ts`) and "keys" (`_decode_keys.ts`). A call asking for "keys"
 * that the keys kernel cannot take runs on "split", and says so.
 */

import type { GpuContext, Job } from "./_context.ts";
import { type CacheView, decodeJob, decodeParams, decodePipelines, splitsFor } from "./_decode.ts";
import { keysJob, keysParams, keysPipelines, keysSplitsFor } from "./_decode_keys.ts";
import type { KeysParams } from "./_decode_keys_wgsl.ts";
import type { DecodeElements, DecodeParams } from "./_decode_wgsl.ts";
import type { DecodePlan } from "./_kv_plan.ts";
import type { DecodeTurn } from "./_decode_plan.ts";

/**
 * Why the keys kernel cannot take a plan's score options or a window cache
 * (it has none of them; the split kernel has all), or null.
 */
function keysRefuses(plan: DecodePlan, cacheWindow: number | null): string | null {
  const option = plan.window !== null
    ? "slidingWindow"
    : plan.sinks
    ? "sinks"
    : plan.softcap !== null
    ? "softcap"
    : plan.leftPadding
    ? "leftPadding"
    : plan.bias
    ? "bias"
    : null;
  if (option) return `it does not take ${option}`;
  return cacheWindow !== null ? "it does not read a window cache's ring" : null;
}

/** A decode kernel with its parameters on this device. */
export type DecodeChoice =
  | { readonly kernel: "split"; readonly params: DecodeParams; readonly fallback: string | null }
  | { readonly kernel: "keys"; readonly params: KeysParams };

/**
 * The kernel a decode runs: the one asked for, or "split" (with the reason
 * in `fallback`) when "keys" cannot take the call. Throws the split
 * kernel's errors (an unsupported head dim on this device).
 */
export function chooseDecodeKernel(
  ctx: GpuContext,
  plan: DecodePlan,
  elements: DecodeElements,
  cacheWindow: number | null = null,
): DecodeChoice {
  let fallback: string | null = null;
  if (plan.kernel === "keys") {
    const keys = keysRefuses(plan, cacheWindow) ?? keysParams(ctx, plan, elements);
    if (typeof keys !== "string") return { kernel: "keys", params: keys };
    fallback = keys;
  }
  return { kernel: "split", params: decodeParams(ctx, plan, elements), fallback };
}

/** The two pipelines of the chosen kernel (the kernel and its merge). */
export function decodeChoicePipelines(
  ctx: GpuContext,
  choice: DecodeChoice,
): Promise<[GPUComputePipeline, GPUComputePipeline]> {
  return choice.kernel === "keys"
    ? keysPipelines(ctx, choice.params)
    : decodePipelines(ctx, choice.params);
}

/** The job of the chosen kernel on the cache as it is now, with its split count. */
export function decodeChoiceJob(
  ctx: GpuContext,
  plan: DecodePlan,
  choice: DecodeChoice,
  pipelines: [GPUComputePipeline, GPUComputePipeline],
  cache: CacheView,
  targetWorkgroups: number,
  bufs: { q: GPUBuffer; o: GPUBuffer },
  turn: DecodeTurn,
): { job: Job; splits: number } {
  if (choice.kernel === "keys") {
    const split = keysSplitsFor(ctx, plan, choice.params, cache.length, targetWorkgroups);
    const job = keysJob(ctx, plan, choice.params, pipelines, cache, split, bufs);
    return { job, splits: split.splits };
  }
  // The split kernel's splits cover the keys its window can see.
  const span = cache.length - turn.first;
  const split = splitsFor(ctx, plan, choice.params, span, targetWorkgroups, turn.window !== null);
  const job = decodeJob(ctx, plan, choice.params, pipelines, cache, split, bufs, turn);
  return { job, splits: split.splits };
}
