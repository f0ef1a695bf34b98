import { formatValue } from "@posenc/tensor/validate";
import type { JsonObject } from "./_json.ts";
import { ROPE_TYPE_TABLE } from "./_rope_types.ts";
import type { RopeType } from "./types.ts";

/**
 * Keys any rope type may carry: `type` (the legacy name of `rope_type`),
 * `partial_rotary_factor` (read for the rotary dim) and M-RoPE's sections
 * (read by `readMrope`; model configs tell HF's validator to ignore them).
 */
const ANY_TYPE = ["type", "partial_rotary_factor", "mrope_section", "mrope_interleaved"];

/**
 * HF's `_check_received_keys`: a missing required key is an error naming
 * the key and the rope type; keys the type does not use are a warning.
 */
export function checkKeys(
  ropeType: RopeType,
  params: JsonObject,
  path: string,
  warnings: string[],
): void {
  const { required, optional } = ROPE_TYPE_TABLE[ropeType];
  const missing = required.filter((key) => !(key in params));
  if (missing.length > 0) {
    const names = missing.map((key) => JSON.stringify(key)).join(", ");
    throw new TypeError(
      `Invalid config.${path}: missing required key${
        missing.length > 1 ? "s" : ""
      } ${names} for rope_type ${JSON.stringify(ropeType)}`,
    );
  }
  const unused = Object.keys(params).filter((key) =>
    !required.includes(key) && !optional.includes(key) && !ANY_TYPE.includes(key)
  );
  if (unused.length > 0) {
    warnings.push(
      `config.${path} has key${unused.length > 1 ? "s" : ""} that rope_type ${
        JSON.stringify(ropeType)
      } does not use: ${unused.map((key) => JSON.stringify(key)).join(", ")} (ignored)`,
    );
  }
}

/** Reads and checks the numeric values of a standardized parameter dict. */
export class ParamReader {
  readonly #params: JsonObject;
  readonly #path: string;

  constructor(params: JsonObject, path: string) {
    this.#params = params;
    this.#path = path;
  }

  /** The key path as messages show it. */
  name(key: string): string {
    return `config.${this.#path}.${key}`;
  }

  /** The raw value (undefined when absent). */
  raw(key: string): unknown {
    return this.#params[key];
  }

  /** A finite number, or undefined when absent or null. */
  optionalNumber(key: string): number | undefined {
    const value = this.#params[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number") {
      throw new TypeError(
        `Invalid ${this.name(key)}: expected a number, got ${formatValue(value)}`,
      );
    }
    if (!Number.isFinite(value)) {
      throw new RangeError(
        `Invalid ${this.name(key)}: expected a finite number, got ${formatValue(value)}`,
      );
    }
    return value;
  }

  /** A finite number > 0, or undefined when absent or null. */
  optionalPositive(key: string): number | undefined {
    const value = this.optionalNumber(key);
    if (value !== undefined && value <= 0) {
      throw new RangeError(
        `Invalid ${this.name(key)}: expected a finite number > 0, got ${formatValue(value)}`,
      );
    }
    return value;
  }

  /** A finite number > 0 that must be there. */
  positive(key: string): number {
    const value = this.optionalPositive(key);
    if (value === undefined) {
      throw new TypeError(
        `Invalid ${this.name(key)}: expected a finite number > 0, got ${
          formatValue(this.#params[key])
        }`,
      );
    }
    return value;
  }

  /**
   * A scaling factor: > 0 (an error otherwise, since the frequencies would
   * be garbage), with HF's warning when it is below 1.
   */
  factor(key: string, warnings: string[]): number {
    const value = this.positive(key);
    if (value < 1) {
      warnings.push(
        `${
          this.name(key)
        } is ${value}: transformers expects a number >= 1 (a factor < 1 shortens the context)`,
      );
    }
    return value;
  }

  /** A list of numbers > 0 of the given length (LongRoPE's factors). */
  factorList(key: string, length: number): number[] {
    const value = this.#params[key];
    if (!Array.isArray(value) || !value.every((x) => typeof x === "number")) {
      throw new TypeError(
        `Invalid ${this.name(key)}: expected a list of ${length} numbers, got ${
          formatValue(value)
        }`,
      );
    }
    if (value.length !== length) {
      throw new RangeError(
        `Invalid ${
          this.name(key)
        }: expected ${length} numbers (rotary dim / 2), got ${value.length}`,
      );
    }
    const bad = value.findIndex((x: number) => !Number.isFinite(x) || x <= 0);
    if (bad >= 0) {
      throw new RangeError(
        `Invalid ${this.name(key)}[${bad}]: expected a finite number > 0, got ${
          formatValue(value[bad])
        }`,
      );
    }
    return value as number[];
  }
}
