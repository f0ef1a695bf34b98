/** The checks of GpuAttention.applyRope's arguments, shared by both backends. */

import { checkBoolean, checkOneOf, checkOptions, formatValue } from "@posenc/tensor/validate";
import { GPU_ROPE_KEYS } from "./_option_keys.ts";
import type { GpuRopeOptions } from "./gpu_call_options.ts";
import type { Operand } from "./_operand.ts";
import { cacheAngles, dimsOf, resolvePositions } from "./_plan.ts";
import {
  checkCachePositions,
  checkSourceArgument,
  halfFrom,
  isCache,
  sourceHalf,
} from "./_rope_source.ts";
import type { RopeCall } from "./_rope_kernel.ts";

/** A RoPE call with its options checked. */
export interface RopeRequest {
  readonly call: RopeCall;
  readonly inPlace: boolean;
}

/** Checks applyRope's frequencies (or RopeCache) and options against the tensor `x`. */
export function planRope(x: Operand, frequencies: unknown, options: GpuRopeOptions): RopeRequest {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  checkOptions("options", options, { allowed: GPU_ROPE_KEYS });
  const layout = checkOneOf("layout", options.layout ?? "bhsd", {
    allowed: ["bhsd", "bshd"] as const,
  });
  const dims = dimsOf("x", x, layout);
  const freq = checkSourceArgument("frequencies", frequencies, options.angles);
  const rotaryDim = 2 * sourceHalf(freq);
  if (options.rotaryDim !== undefined && options.rotaryDim !== rotaryDim) {
    throw new RangeError(
      `Invalid rotaryDim: expected ${rotaryDim} (${halfFrom(freq)}), got ${
        formatValue(options.rotaryDim)
      }`,
    );
  }
  if (rotaryDim > dims.headDim) {
    throw new RangeError(
      `Invalid frequencies: rotary dim ${rotaryDim} (${
        halfFrom(freq, "")
      }) exceeds the head dim ${dims.headDim}`,
    );
  }
  const pairing = checkOneOf("pairing", options.pairing ?? "half", {
    allowed: ["half", "interleaved"] as const,
  });
  const angles = checkOneOf("angles", options.angles ?? cacheAngles(freq), {
    allowed: ["float32", "float64"] as const,
  });
  const positions = resolvePositions(
    "",
    options.positions,
    options.offset,
    dims.seq,
    dims.batch,
    angles,
  );
  if (isCache(freq)) checkCachePositions("positions", freq, positions, dims.seq);
  const inPlace = checkBoolean("inPlace", options.inPlace ?? false);
  return {
    call: {
      layout,
      batch: dims.batch,
      heads: dims.heads,
      seq: dims.seq,
      headDim: dims.headDim,
      frequencies: freq,
      pairing,
      angles,
      positions,
    },
    inPlace,
  };
}
