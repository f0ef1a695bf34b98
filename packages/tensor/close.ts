import { formatShape, formatValue } from "./_format.ts";
import type { Tensor } from "./tensor.ts";
import { checkBoolean, checkFinite, checkOptions, type OptionKeys } from "./validate.ts";

/** Tolerances for {@linkcode allClose} and {@linkcode assertAllClose}. */
export interface CloseOptions {
  /**
   * Relative tolerance: an element is close when
   * `|actual - expected| <= atol + rtol * |expected|` (NumPy's rule).
   *
   * @default {1e-5}
   */
  rtol?: number;
  /**
   * Absolute tolerance.
   *
   * @default {1e-8}
   */
  atol?: number;
  /**
   * Treats NaN as equal to NaN.
   *
   * @default {false}
   */
  equalNan?: boolean;
}

/** Options for {@linkcode assertAllClose}. */
export interface AssertCloseOptions extends CloseOptions {
  /**
   * Text put before the report, to say what was compared.
   *
   * @default {undefined}
   */
  message?: string;
}

/** What can be compared: a tensor or any array-like of numbers. */
export type Numeric = Tensor | ArrayLike<number>;

interface Operand {
  readonly values: ArrayLike<number>;
  readonly shape: readonly number[] | undefined;
}

function operand(name: string, value: Numeric): Operand {
  if (value === null || typeof value !== "object") {
    throw new TypeError(
      `Invalid ${name}: expected a tensor or an array of numbers, got ${formatValue(value)}`,
    );
  }
  if ("data" in value && "shape" in value) {
    return { values: value.data, shape: value.shape };
  }
  if (typeof (value as ArrayLike<number>).length !== "number") {
    throw new TypeError(
      `Invalid ${name}: expected a tensor or an array of numbers, got ${formatValue(value)}`,
    );
  }
  return { values: value as ArrayLike<number>, shape: undefined };
}

function operands(actual: Numeric, expected: Numeric): [Operand, Operand] {
  const a = operand("actual", actual);
  const e = operand("expected", expected);
  if (a.shape && e.shape && formatShape(a.shape) !== formatShape(e.shape)) {
    throw new RangeError(
      `Cannot compare tensors of different shapes: actual ${formatShape(a.shape)}, expected ${
        formatShape(e.shape)
      }`,
    );
  }
  if (a.values.length !== e.values.length) {
    throw new RangeError(
      `Cannot compare arrays of different lengths: actual has ${a.values.length} elements, expected has ${e.values.length}`,
    );
  }
  return [a, e];
}

const CLOSE_KEYS: OptionKeys<CloseOptions> = { rtol: true, atol: true, equalNan: true };
const ASSERT_CLOSE_KEYS: OptionKeys<AssertCloseOptions> = { ...CLOSE_KEYS, message: true };

function tolerances(
  options: AssertCloseOptions,
  allowed: OptionKeys<CloseOptions> | OptionKeys<AssertCloseOptions>,
): { rtol: number; atol: number; equalNan: boolean } {
  checkOptions("options", options, { allowed });
  return {
    rtol: checkFinite("rtol", options.rtol ?? 1e-5, { min: 0 }),
    atol: checkFinite("atol", options.atol ?? 1e-8, { min: 0 }),
    equalNan: checkBoolean("equalNan", options.equalNan ?? false),
  };
}

/** How far an element is outside its tolerance: <= 0 when close, Infinity for a NaN mismatch. */
function excess(
  a: number,
  e: number,
  rtol: number,
  atol: number,
  equalNan: boolean,
): number {
  if (a === e) return -Infinity; // also equal infinities
  if (Number.isNaN(a) || Number.isNaN(e)) {
    return equalNan && Number.isNaN(a) && Number.isNaN(e) ? -Infinity : Infinity;
  }
  const diff = Math.abs(a - e);
  if (!Number.isFinite(diff)) return Infinity; // an infinity against a finite value
  return diff - (atol + rtol * Math.abs(e));
}

/**
 * Whether every element of `actual` is within `atol + rtol * |expected|` of
 * the same element of `expected` (NumPy's `allclose` rule; NaN is never
 * close unless `equalNan`; equal infinities are close).
 *
 * @param actual The values to check.
 * @param expected The reference values.
 * @param options Tolerances.
 * @returns `true` if all elements are close.
 * @throws {RangeError} If shapes or lengths differ, or a tolerance is negative or NaN.
 *
 * @example Usage
 * ```ts
 * import { allClose } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * assert.equal(allClose([1, 2, 3], [1, 2, 3.000001]), true);
 * assert.equal(allClose([1, 2, 3], [1, 2, 3.1]), false);
 * assert.equal(allClose([1, 2, 3], [1, 2, 3.1], { atol: 0.2 }), true);
 * ```
 */
export function allClose(
  actual: Numeric,
  expected: Numeric,
  options: CloseOptions = {},
): boolean {
  const [a, e] = operands(actual, expected);
  const { rtol, atol, equalNan } = tolerances(options, CLOSE_KEYS);
  for (let i = 0; i < a.values.length; i++) {
    if (excess(a.values[i]!, e.values[i]!, rtol, atol, equalNan) > 0) {
      return false;
    }
  }
  return true;
}

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const dim = shape[axis]!;
    index[axis] = flat % dim;
    flat = Math.floor(flat / dim);
  }
  return index;
}

/**
 * Throws unless {@linkcode allClose} holds. The error (named
 * `AssertionError`) reports how many elements differ and the worst one: its
 * index (multi-dimensional when a shape is known), both values, the absolute
 * difference and the tolerance it exceeded.
 *
 * @param actual The values to check.
 * @param expected The reference values.
 * @param options Tolerances and an optional leading message.
 * @throws {Error} An `AssertionError` if some element is not close.
 * @throws {RangeError} If shapes or lengths differ, or a tolerance is negative or NaN.
 *
 * @example Usage
 * ```ts
 * import { assertAllClose, tensor } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * const expected = tensor([0, 1, 2, 3], [2, 2]);
 * assertAllClose(tensor([0, 1, 2, 3.0000001], [2, 2]), expected, { atol: 1e-6 });
 * assert.throws(
 *   () => assertAllClose(tensor([0, 1, 2.5, 3], [2, 2]), expected, { atol: 1e-6, rtol: 0 }),
 *   /worst at index \[1, 0\].*actual 2\.5, expected 2/,
 * );
 * ```
 */
export function assertAllClose(
  actual: Numeric,
  expected: Numeric,
  options: AssertCloseOptions = {},
): void {
  const [a, e] = operands(actual, expected);
  const { rtol, atol, equalNan } = tolerances(options, ASSERT_CLOSE_KEYS);
  if (options.message !== undefined && typeof options.message !== "string") {
    throw new TypeError(`Invalid message: expected a string, got ${formatValue(options.message)}`);
  }
  let mismatches = 0;
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.values.length; i++) {
    const over = excess(a.values[i]!, e.values[i]!, rtol, atol, equalNan);
    if (over > 0) {
      mismatches++;
      if (worst < 0 || over > worstExcess) {
        worst = i;
        worstExcess = over;
      }
    }
  }
  if (mismatches === 0) return;
  const av = a.values[worst]!;
  const ev = e.values[worst]!;
  const shape = a.shape ?? e.shape;
  const where = shape && shape.length > 1
    ? `[${unravel(worst, shape).join(", ")}] (flat ${worst})`
    : `[${worst}]`;
  const allowed = atol + rtol * Math.abs(ev);
  const lead = options.message ? `${options.message}: ` : "";
  const error = new Error(
    `${lead}${mismatches} of ${a.values.length} elements are not close (rtol ${rtol}, atol ${atol}); ` +
      `worst at index ${where}: actual ${formatValue(av)}, expected ${formatValue(ev)}, ` +
      `|diff| ${formatValue(Math.abs(av - ev))} > allowed ${formatValue(allowed)}`,
  );
  error.name = "AssertionError";
  throw error;
}

/**
 * The largest absolute element-wise difference between two arrays of equal
 * length. Equal elements (equal infinities included) differ by 0; a NaN on
 * either side makes the result NaN, so a broken computation is never
 * reported as a small error.
 *
 * @param a First operand.
 * @param b Second operand.
 * @returns max |a[i] - b[i]| (0 for empty arrays).
 * @throws {RangeError} If shapes or lengths differ.
 *
 * @example Usage
 * ```ts
 * import { maxAbsDiff } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * assert.equal(maxAbsDiff([1, 2, 3], [1, 2.5, 2]), 1);
 * assert.ok(Number.isNaN(maxAbsDiff([1, NaN], [1, 2])));
 * ```
 */
export function maxAbsDiff(a: Numeric, b: Numeric): number {
  const [x, y] = operands(a, b);
  let max = 0;
  for (let i = 0; i < x.values.length; i++) {
    const u = x.values[i]!;
    const v = y.values[i]!;
    if (u === v) continue;
    const diff = Math.abs(u - v);
    if (Number.isNaN(diff)) return NaN;
    if (diff > max) max = diff;
  }
  return max;
}
