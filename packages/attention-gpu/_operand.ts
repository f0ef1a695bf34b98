/** Operands of the GPU calls: host tensors, or live GpuTensors of the calling instance. */

import type { Tensor } from "@posenc/tensor";
import { checkTensor, formatValue } from "@posenc/tensor/validate";
import type { GpuTensor } from "./gpu_tensor.ts";
import { Resident } from "./_resident.ts";

/** A host tensor or a GpuTensor. */
export type Operand = Tensor | GpuTensor;

/** Checks an operand: a host tensor, or a live GpuTensor of this instance. */
export function checkOperand(name: string, value: unknown, owner: object): Operand {
  if (value instanceof Resident) {
    if (value.owner !== owner) {
      throw new Error(
        `Invalid ${name}: this GpuTensor belongs to another GpuAttention; download it and upload it here`,
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
