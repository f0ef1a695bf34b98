/**
 * Formats a value for an error message: strings are quoted, numbers keep
 * their sign and exponent, long arrays are shortened so a message stays on
 * one readable line.
 */
export function formatValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    return Object.is(value, -0) ? "-0" : String(value);
  }
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value) || ArrayBuffer.isView(value)) {
    const items = Array.from(value as ArrayLike<unknown>);
    const shown = items.slice(0, 8).map(formatValue).join(", ");
    const more = items.length > 8 ? `, ... (${items.length} items)` : "";
    const kind = Array.isArray(value) ? "" : value.constructor.name;
    return `${kind}[${shown}${more}]`;
  }
  if (typeof value === "function") {
    return `function ${value.name || "(anonymous)"}`;
  }
  if (typeof value === "object") {
    const name = (value as object).constructor?.name;
    return name && name !== "Object" ? `a ${name}` : "an object";
  }
  return String(value);
}

/** Formats a shape as `[2, 3, 4]`. */
export function formatShape(shape: readonly number[]): string {
  return `[${shape.join(", ")}]`;
}
