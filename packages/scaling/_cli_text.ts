/** A number for the CLI's text: `digits` significant digits, exponent form when very large or small, "any" for infinity. */
export function num(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return "any";
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) {
    return value.toExponential(digits - 1);
  }
  return Number(value.toPrecision(digits)).toString();
}

/** A token count with thousands separators, "any" for infinity. */
export function tokens(value: number): string {
  return Number.isFinite(value) ? Math.floor(value).toLocaleString("en-US") : "any";
}
