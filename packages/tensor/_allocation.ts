// Lives apart from validate.ts so that tensor.ts can use it without an
// import cycle (validate.ts needs tensor.ts's sizeOf).

/**
 * The most bytes one posenc function allocates for one buffer: 2 GiB
 * (2^29 float32 elements, e.g. a [1, 32, 131072, 128] attention tensor).
 * It is above every real model's working set per tensor and below what
 * JavaScript engines can reliably allocate, so a size no model has fails at
 * once with a message instead of V8's "Array buffer allocation failed", an
 * out-of-memory crash or minutes of work.
 */
export const MAX_ALLOCATION_BYTES: number = 2 ** 31;

/** Options for {@linkcode checkAllocation}. */
export interface CheckAllocationOptions {
  /**
   * Bytes per element of the buffer (4 for a `Float32Array`, 8 for a
   * `Float64Array`).
   *
   * @default {4}
   */
  bytesPerElement?: number;
}

/**
 * Returns `elements` if a buffer of that many elements stays within
 * {@linkcode MAX_ALLOCATION_BYTES}, else throws a `RangeError` that names
 * what would be allocated and both sizes. Call it before allocating, with
 * the product of the arguments that set the size.
 *
 * @param name What would be allocated, with the arguments that size it
 * (e.g. "bias [numHeads, queryLength, keyLength] = [1, 65536, 65536]").
 * @param elements The number of elements the buffer would hold.
 * @param options The element size.
 * @returns The element count.
 * @throws {RangeError} If the buffer would exceed the limit.
 *
 * @example Usage
 * ```ts
 * import { checkAllocation } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checkAllocation("table [length, dim]", 4096 * 128), 524288);
 * assert.throws(
 *   () => checkAllocation("bias [1, 65536, 65536]", 65536 * 65536),
 *   {
 *     name: "RangeError",
 *     message: "Invalid bias [1, 65536, 65536]: expected at most 536870912 elements " +
 *       "(2 GiB), got 4294967296 elements (16 GiB)",
 *   },
 * );
 * ```
 */
export function checkAllocation(
  name: string,
  elements: number,
  options: CheckAllocationOptions = {},
): number {
  const bytesPerElement = options.bytesPerElement ?? 4;
  if (elements * bytesPerElement <= MAX_ALLOCATION_BYTES) return elements;
  const limit = Math.floor(MAX_ALLOCATION_BYTES / bytesPerElement);
  throw new RangeError(
    `Invalid ${name}: expected at most ${limit} elements (${
      formatBytes(MAX_ALLOCATION_BYTES)
    }), got ${elements} elements (${formatBytes(elements * bytesPerElement)})`,
  );
}

/** Bytes as GiB or MiB with up to three significant digits. */
function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 2 ** 30 ? ["GiB", 2 ** 30] : ["MiB", 2 ** 20];
  return `${Number((bytes / size).toPrecision(3))} ${unit}`;
}
