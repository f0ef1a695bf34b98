import { checkInteger, formatValue } from "@posenc/tensor/validate";

/** Throws unless `value` is an even integer >= 2 (a rotary dim). */
export function checkRotaryDim(name: string, value: unknown): number {
  const dim = checkInteger(name, value, { min: 2 });
  if (dim % 2 !== 0) {
    throw new RangeError(
      `Invalid ${name}: expected an even integer >= 2, got ${formatValue(value)}`,
    );
  }
  return dim;
}
