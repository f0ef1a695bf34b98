/**
 * Number formatting shared by the page's summaries and axes.
 *
 * @module
 */

/**
 * Formats a number for the page: integers in full with thousands separators
 * (16,384, not 16380; 1,000,000, not 1.000e+6), other numbers to `digits`
 * significant digits but never rounding away an integer digit (123,457 for 123456.78), and
 * an exponent only for tiny magnitudes.
 *
 * @param value The number.
 * @param digits Significant digits of a non-integer.
 * @returns The text.
 */
export function fmt(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isSafeInteger(value)) return value.toLocaleString("en-US");
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential(digits - 1);
  const integerDigits = Math.abs(value) >= 1 ? Math.floor(Math.log10(Math.abs(value))) + 1 : 1;
  return value.toLocaleString("en-US", {
    maximumSignificantDigits: Math.min(21, Math.max(digits, integerDigits)),
  });
}
