/** Operands of the GPU calls: host tensors, or live GpuTensors of the calling instance. */

import type { Tensor } from "@posenc/tensor";
import { checkTensor, formatValue } from "@posenc/tensor/validate";
import type { GpuTensor } from "./gpu_tensor.ts";
import { Resident } from "./_resident.ts";

/** A host tensor or a GpuTensor. */
export type Operand = Tensor | GpuTensor;

/**
 * Checks an operand: a host tensor, or a live GpuTensor of this instance.
 * An output of a recording whose submit() has not settled is refused, except
 * as an input of that same `recording`.
 */
export function checkOperand(
  name: string,
  value: unknown,
  owner: object,
  recording: object | null = null,
): Operand {
  if (value instanceof Resident) {
    if (value.owner !== owner) {
      throw new Error(
        `Invalid ${name}: this GpuTensor belongs to another GpuAttention; download it and upload it here`,
      );
    }
    const from = value.recording;
    if (from !== null) {
      // Its own outputs stay usable inside a recording even after destroy(): it frees them later.
      if (from === recording && value.owner === owner) return value;
      throw new Error(
        `Invalid ${name}: this GpuTensor is an output of a recording whose submit() has not resolved yet; await submit() before using it outside that recording`,
      );
    }
    if (value.failure !== null) {
      throw new Error(
        `Invalid ${name}: this GpuTensor was never computed: its recording failed (${value.failure})`,
      );
    }
    if (value.destroyed) {
      throw new Error(`Invalid ${name}: this GpuTensor was destroyed`);
    }
    return value;
  }
  const candidate = value as { shape?: unknown; data?: unknown } | null;
  if (candidate === null || typeof candidate !== "object" || !("data" in candidate)) {
    throw new TypeError(
      `Invalid ${name}: expected a Tensor ({ shape, data: Float32Array }) or a GpuTensor, got ${
        formatValue(value)
      }`,
    );
  }
  return checkTensor(name, value);
}
