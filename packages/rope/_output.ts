import type { Tensor } from "@posenc/tensor";
import { checkTensor } from "@posenc/tensor/validate";

/** Where the result goes: x itself, the caller's `out`, or a new tensor. */
export function outputFor(x: Tensor, inPlace: boolean, out: Tensor | undefined): Tensor {
  if (out === undefined) {
    return inPlace
      ? x
      : { shape: Object.freeze([...x.shape]), data: new Float32Array(x.data.length) };
  }
  if (inPlace) {
    throw new TypeError(
      "Invalid options: expected inPlace or out, not both (inPlace writes into x, out into another tensor)",
    );
  }
  const target = checkTensor("out", out);
  if (
    target.shape.length !== x.shape.length || target.shape.some((d, i) => d !== x.shape[i])
  ) {
    throw new RangeError(
      `Invalid out: expected shape [${x.shape.join(", ")}] (x's), got [${target.shape.join(", ")}]`,
    );
  }
  const a = x.data;
  const b = target.data;
  if (
    a.buffer === b.buffer && a.byteOffset !== b.byteOffset &&
    a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength
  ) {
    throw new RangeError(
      "Invalid out: expected data that does not overlap x's (or is exactly x's), got a view that partly overlaps it",
    );
  }
  return target;
}
