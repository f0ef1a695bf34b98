/**
 * Argument checks shared by the posenc packages, so that every package
 * rejects bad input the same way: a `TypeError` for a value of the wrong
 * type, a `RangeError` for a value out of range, and always a message of the
 * form `Invalid <name>: expected <what>, got <value>`.
 *
 * @example Usage
 * ```ts
 * import { checkInteger } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checkInteger("numHeads", 12, { min: 1 }), 12);
 * assert.throws(
 *   () => checkInteger("numHeads", 0.5, { min: 1 }),
 *   { name: "RangeError", message: "Invalid numHeads: expected an integer >= 1, got 0.5" },
 * );
 * ```
 *
 * @module
 */

import { formatShape, formatValue } from "./_format.ts";
import { sizeOf, type Tensor } from "./tensor.ts";

export {
  checkAllocation,
  type CheckAllocationOptions,
  MAX_ALLOCATION_BYTES,
} from "./_allocation.ts";

export { formatValue };

/** Bounds for {@linkcode checkInteger} and {@linkcode checkFinite}. */
export interface RangeOptions {
  /**
   * Smallest allowed value (inclusive).
   *
   * @default {undefined}
   */
  min?: number;
  /**
   * Largest allowed value (inclusive).
   *
   * @default {undefined}
   */
  max?: number;
  /**
   * Makes `min` exclusive: `{ min: 0, exclusiveMin: true }` means "> 0".
   *
   * @default {false}
   */
  exclusiveMin?: boolean;
}

function describeRange(kind: string, options: RangeOptions): string {
  const { min, max, exclusiveMin = false } = options;
  if (min !== undefined && max !== undefined && !exclusiveMin) {
    return `${kind} in [${min}, ${max}]`;
  }
  const parts: string[] = [];
  if (min !== undefined) parts.push(`${exclusiveMin ? ">" : ">="} ${min}`);
  if (max !== undefined) parts.push(`<= ${max}`);
  return parts.length === 0 ? kind : `${kind} ${parts.join(" and ")}`;
}

function inRange(value: number, options: RangeOptions): boolean {
  const { min, max, exclusiveMin = false } = options;
  if (min !== undefined && (exclusiveMin ? value <= min : value < min)) {
    return false;
  }
  return max === undefined || value <= max;
}

/**
 * Returns `value` if it is an integer within the bounds, else throws.
 *
 * @param name The argument's name, as the caller wrote it.
 * @param value The value to check.
 * @param options Inclusive bounds.
 * @returns The value, typed as a number.
 * @throws {TypeError} If the value is not a number.
 * @throws {RangeError} If it is fractional, not finite or out of bounds.
 *
 * @example Usage
 * ```ts
 * import { checkInteger } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checkInteger("length", 8, { min: 0 }), 8);
 * assert.throws(() => checkInteger("length", -1, { min: 0 }), RangeError);
 * assert.throws(() => checkInteger("length", "8"), TypeError);
 * ```
 */
export function checkInteger(name: string, value: unknown, options: RangeOptions = {}): number {
  if (typeof value === "number" && Number.isInteger(value) && inRange(value, options)) return value;
  // The message is only built on failure: these checks sit on hot paths.
  const message = `Invalid ${name}: expected ${describeRange("an integer", options)}, got ${
    formatValue(value)
  }`;
  throw typeof value === "number" ? new RangeError(message) : new TypeError(message);
}

/**
 * Returns `value` if it is a finite number within the bounds, else throws.
 * NaN and ±Infinity are always rejected.
 *
 * @param name The argument's name, as the caller wrote it.
 * @param value The value to check.
 * @param options Bounds; `exclusiveMin` turns `min` into a strict bound.
 * @returns The value, typed as a number.
 * @throws {TypeError} If the value is not a number.
 * @throws {RangeError} If it is NaN, infinite or out of bounds.
 *
 * @example Usage
 * ```ts
 * import { checkFinite } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checkFinite("base", 10000, { min: 0, exclusiveMin: true }), 10000);
 * assert.throws(
 *   () => checkFinite("base", NaN, { min: 0, exclusiveMin: true }),
 *   { message: "Invalid base: expected a finite number > 0, got NaN" },
 * );
 * ```
 */
export function checkFinite(name: string, value: unknown, options: RangeOptions = {}): number {
  if (typeof value === "number" && Number.isFinite(value) && inRange(value, options)) return value;
  const message = `Invalid ${name}: expected ${describeRange("a finite number", options)}, got ${
    formatValue(value)
  }`;
  throw typeof value === "number" ? new RangeError(message) : new TypeError(message);
}

/** Options for {@linkcode checkOneOf}. */
export interface OneOfOptions<T extends string> {
  /** The accepted values. */
  allowed: readonly T[];
}

/**
 * Returns `value` if it is one of the allowed strings, else throws a
 * `TypeError` that lists them.
 *
 * @typeParam T The union of allowed strings.
 * @param name The argument's name, as the caller wrote it.
 * @param value The value to check.
 * @param options The allowed values.
 * @returns The value, narrowed to the union.
 * @throws {TypeError} If the value is not one of `allowed`.
 *
 * @example Usage
 * ```ts
 * import { checkOneOf } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * const layout = checkOneOf("layout", "bshd", { allowed: ["bhsd", "bshd"] as const });
 * assert.equal(layout, "bshd");
 * assert.throws(
 *   () => checkOneOf("layout", "nchw", { allowed: ["bhsd", "bshd"] }),
 *   { message: 'Invalid layout: expected one of "bhsd", "bshd", got "nchw"' },
 * );
 * ```
 */
export function checkOneOf<T extends string>(
  name: string,
  value: unknown,
  options: OneOfOptions<T>,
): T {
  if (
    typeof value === "string" &&
    (options.allowed as readonly string[]).includes(value)
  ) {
    return value as T;
  }
  const list = options.allowed.map((v) => JSON.stringify(v)).join(", ");
  throw new TypeError(
    `Invalid ${name}: expected one of ${list}, got ${formatValue(value)}`,
  );
}

/** Options for {@linkcode checkTensor}. */
export interface CheckTensorOptions {
  /**
   * Required number of dimensions, or the list of accepted ranks.
   *
   * @default {undefined}
   */
  rank?: number | readonly number[];
}

/**
 * Returns `value` if it is a well-formed {@linkcode Tensor}: an object with
 * an array `shape` of non-negative integers and a `Float32Array` `data`
 * whose length is the shape's size, with the required rank.
 *
 * @param name The argument's name, as the caller wrote it.
 * @param value The value to check.
 * @param options Required rank.
 * @returns The value, typed as a tensor.
 * @throws {TypeError} If it is not a tensor-shaped object.
 * @throws {RangeError} If its rank or size is wrong.
 *
 * @example Usage
 * ```ts
 * import { tensor } from "@posenc/tensor";
 * import { checkTensor } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * const x = tensor([1, 2, 3, 4], [2, 2]);
 * assert.equal(checkTensor("x", x, { rank: 2 }), x);
 * assert.throws(
 *   () => checkTensor("x", x, { rank: 4 }),
 *   { message: "Invalid x: expected a tensor of rank 4, got shape [2, 2]" },
 * );
 * ```
 */
export function checkTensor(
  name: string,
  value: unknown,
  options: CheckTensorOptions = {},
): Tensor {
  const candidate = value as Partial<Tensor> | null;
  if (
    candidate === null || typeof candidate !== "object" ||
    !Array.isArray(candidate.shape) ||
    !(candidate.data instanceof Float32Array)
  ) {
    throw new TypeError(
      `Invalid ${name}: expected a tensor ({ shape: number[], data: Float32Array }), got ${
        formatValue(value)
      }`,
    );
  }
  const shape = candidate.shape;
  const size = sizeOf(shape);
  if (candidate.data.length !== size) {
    throw new RangeError(
      `Invalid ${name}: shape ${
        formatShape(shape)
      } needs ${size} elements, but data has ${candidate.data.length}`,
    );
  }
  const { rank } = options;
  if (rank !== undefined) {
    const ranks = typeof rank === "number" ? [rank] : rank;
    if (!ranks.includes(shape.length)) {
      throw new RangeError(
        `Invalid ${name}: expected a tensor of rank ${ranks.join(" or ")}, got shape ${
          formatShape(shape)
        }`,
      );
    }
  }
  return candidate as Tensor;
}

/**
 * Every key of an options type, each mapped to `true`: writing the record
 * lets the compiler prove that a list of accepted keys is complete (a key
 * added to the type but not to the record fails to type-check).
 *
 * @typeParam T The options type.
 */
export type OptionKeys<T> = { readonly [K in keyof Required<T>]: true };

/** Options for {@linkcode checkOptions}. */
export interface CheckOptionsOptions {
  /** The keys the options object may have (an array or an {@linkcode OptionKeys} record). */
  allowed: readonly string[] | Readonly<Record<string, true>>;
}

/**
 * Returns `value` if it is `undefined` or a plain object whose every own key
 * is allowed, else throws a `TypeError` naming the unknown key and the
 * closest allowed one, so a misspelled option (`casual` for `causal`) is
 * never silently ignored.
 *
 * @typeParam T The options type.
 * @param name The argument's name, as the caller wrote it (e.g. "options").
 * @param value The options object to check.
 * @param options The allowed keys.
 * @returns The value, or an empty object for `undefined`.
 * @throws {TypeError} If the value is not an object or has an unknown key.
 *
 * @example Usage
 * ```ts
 * import { checkOptions } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * const allowed = ["causal", "layout"];
 * assert.deepEqual(checkOptions("options", { causal: true }, { allowed }), { causal: true });
 * assert.throws(
 *   () => checkOptions("options", { casual: true }, { allowed }),
 *   {
 *     name: "TypeError",
 *     message: 'Invalid options: unknown key "casual" (did you mean "causal"?); ' +
 *       'expected keys among "causal", "layout"',
 *   },
 * );
 * ```
 */
export function checkOptions<T extends object>(
  name: string,
  value: T | undefined,
  options: CheckOptionsOptions,
): T {
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TypeError(`Invalid ${name}: expected an options object, got ${formatValue(value)}`);
  }
  const record = Array.isArray(options.allowed) ? undefined : options.allowed;
  // A plain loop with no allocation: this check sits on hot paths (applyRope).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    if (
      record === undefined
        ? (options.allowed as readonly string[]).includes(key)
        : Object.hasOwn(record, key)
    ) continue;
    const allowed = record === undefined
      ? options.allowed as readonly string[]
      : Object.keys(record);
    const near = closestName(key, allowed);
    const hint = near === undefined ? "" : ` (did you mean ${JSON.stringify(near)}?)`;
    throw new TypeError(
      `Invalid ${name}: unknown key ${JSON.stringify(key)}${hint}; expected keys among ${
        allowed.map((k) => JSON.stringify(k)).join(", ")
      }`,
    );
  }
  return value;
}

/**
 * Returns `value` if it is `true` or `false`, else throws a `TypeError`
 * (a string such as `"false"` is truthy and must never be read as a flag).
 *
 * @param name The argument's name, as the caller wrote it.
 * @param value The value to check.
 * @returns The value, typed as a boolean.
 * @throws {TypeError} If the value is not a boolean.
 *
 * @example Usage
 * ```ts
 * import { checkBoolean } from "@posenc/tensor/validate";
 * import assert from "node:assert/strict";
 *
 * assert.equal(checkBoolean("inPlace", true), true);
 * assert.throws(
 *   () => checkBoolean("inPlace", "false"),
 *   { name: "TypeError", message: 'Invalid inPlace: expected true or false, got "false"' },
 * );
 * ```
 */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value === "boolean") return value;
  throw new TypeError(`Invalid ${name}: expected true or false, got ${formatValue(value)}`);
}

/** The allowed name nearest to `key` by edit distance (case-insensitive), if any is close. */
function closestName(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  // Past a third of the name's length a suggestion is a guess, not a spelling fix.
  if (bestDistance <= Math.max(2, Math.floor(key.length / 3))) return best;
  // A shortened name (`maxRelativePos`) is still a clear reference to the long one.
  const lower = key.toLowerCase();
  return lower.length < 3
    ? undefined
    : allowed.find((candidate) => candidate.toLowerCase().startsWith(lower));
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      rows[i]!.push(d);
    }
  }
  return rows[a.length]![b.length]!;
}
