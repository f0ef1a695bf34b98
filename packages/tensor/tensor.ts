import { formatShape, formatValue } from "./_format.ts";
import { checkAllocation } from "./_allocation.ts";

/**
 * A dense, row-major, contiguous float32 array with a shape: the one data
 * type every posenc package reads and writes.
 *
 * It is an interface, not a class, so any `{ shape, data }` object works,
 * including ones built by other libraries or sent between workers.
 */
export interface Tensor {
  /** Dimensions, outermost first. `[]` is a scalar with one element. */
  readonly shape: readonly number[];
  /** The elements in row-major order; `data.length` equals the product of `shape`. */
  readonly data: Float32Array;
}

/**
 * Number of elements of a tensor with this shape: the product of its
 * dimensions (1 for the scalar shape `[]`).
 *
 * @param shape Dimensions; each must be a non-negative integer.
 * @returns The product of the dimensions.
 * @throws {RangeError} If a dimension is negative, fractional, not finite or
 * the product exceeds `Number.MAX_SAFE_INTEGER`.
 *
 * @example Usage
 * ```ts
 * import { sizeOf } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * assert.equal(sizeOf([2, 3, 4]), 24);
 * assert.equal(sizeOf([]), 1);
 * assert.throws(() => sizeOf([2, -1]), RangeError);
 * ```
 */
export function sizeOf(shape: readonly number[]): number {
  if (!Array.isArray(shape)) {
    throw new TypeError(
      `Invalid shape: expected an array of non-negative integers, got ${formatValue(shape)}`,
    );
  }
  let size = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const dim = shape[axis];
    if (typeof dim !== "number" || !Number.isInteger(dim) || dim < 0) {
      throw new RangeError(
        `Invalid shape ${formatValue(shape)}: dimension ${axis} is ${
          formatValue(dim)
        }, expected a non-negative integer`,
      );
    }
    size *= dim;
  }
  if (!Number.isSafeInteger(size)) {
    throw new RangeError(
      `Invalid shape ${formatShape(shape)}: it has more elements than can be addressed`,
    );
  }
  return size;
}

/**
 * Wraps data in a {@linkcode Tensor} after checking that its length matches
 * the shape.
 *
 * A `Float32Array` is used as it is (no copy: writes through the tensor are
 * visible in the array and the other way round); any other array-like of
 * numbers is copied into a new `Float32Array`.
 *
 * @param data The elements in row-major order.
 * @param shape Dimensions; their product must equal `data.length`.
 * @returns A tensor whose `shape` is a frozen copy of `shape`.
 * @throws {TypeError} If data is not an array-like of numbers (a string,
 * an object or a BigInt among them).
 * @throws {RangeError} If the shape is invalid or does not match the data
 * length, or a copy would exceed 2 GiB (`MAX_ALLOCATION_BYTES`).
 *
 * @example Usage
 * ```ts
 * import { tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const t = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
 * assert.deepEqual(t.shape, [2, 3]);
 * assert.equal(t.data[4], 5);
 * assert.throws(() => tensor([1, 2, 3], [2, 2]), /3 elements/);
 * ```
 */
export function tensor(
  data: Float32Array | ArrayLike<number>,
  shape: readonly number[],
): Tensor {
  const size = sizeOf(shape);
  if (
    data === null || typeof data !== "object" || typeof data.length !== "number"
  ) {
    throw new TypeError(
      `Invalid data: expected a Float32Array or an array of numbers, got ${formatValue(data)}`,
    );
  }
  if (data.length !== size) {
    throw new RangeError(
      `Invalid data for shape ${
        formatShape(shape)
      }: expected ${size} elements, got ${data.length} elements`,
    );
  }
  const values = data instanceof Float32Array ? data : copyNumbers(data, size);
  return { shape: Object.freeze([...shape]), data: values };
}

/**
 * A tensor of the given shape filled with zeros.
 *
 * @param shape Dimensions; each must be a non-negative integer.
 * @returns A new tensor backed by a fresh `Float32Array`.
 * @throws {TypeError} If the shape is not an array.
 * @throws {RangeError} If the shape is invalid or has more than 2^29
 * elements (2 GiB, `MAX_ALLOCATION_BYTES` of `@posenc/tensor/validate`).
 *
 * @example Usage
 * ```ts
 * import { zeros } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const t = zeros([2, 2]);
 * assert.deepEqual([...t.data], [0, 0, 0, 0]);
 * ```
 */
export function zeros(shape: readonly number[]): Tensor {
  const size = sizeOf(shape);
  checkAllocation(`shape ${formatShape(shape)}`, size);
  return { shape: Object.freeze([...shape]), data: new Float32Array(size) };
}

/**
 * Copies an array-like of numbers into a new Float32Array, refusing what
 * would silently become NaN (strings, objects) or throw a bare engine error
 * (BigInts). NaN itself is a number and is kept.
 */
function copyNumbers(data: ArrayLike<number>, size: number): Float32Array {
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    throw new TypeError(
      `Invalid data: expected a Float32Array or an array of numbers, got ${formatValue(data)}`,
    );
  }
  checkAllocation("data", size);
  const values = new Float32Array(size);
  if (ArrayBuffer.isView(data)) {
    values.set(data);
    return values;
  }
  for (let i = 0; i < size; i++) {
    const value = data[i];
    if (typeof value !== "number") {
      throw new TypeError(`Invalid data[${i}]: expected a number, got ${formatValue(value)}`);
    }
    values[i] = value;
  }
  return values;
}
