import { formatValue } from "@posenc/tensor/validate";

/** Validates a boolean option. */
export function checkBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new TypeError(`Invalid ${name}: expected a boolean, got ${formatValue(value)}`);
  }
  return value;
}
