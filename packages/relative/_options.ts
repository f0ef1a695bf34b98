import { formatValue } from "@posenc/tensor/validate";

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The allowed key nearest to `key` (case-insensitive edit distance). */
function closest(key: string, allowed: readonly string[]): string {
  let best = allowed[0]!;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Checks that `options` is undefined or a plain object with no key outside
 * `allowed` (a misspelt `maxDistance` would otherwise silently fall back to
 * the default), and returns it.
 */
export function checkOptions<T extends object>(
  options: T | undefined,
  allowed: readonly (keyof T & string)[],
): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!(allowed as readonly string[]).includes(key)) {
      throw new TypeError(
        `Invalid options: unknown key ${JSON.stringify(key)} (did you mean ${
          JSON.stringify(closest(key, allowed))
        }? expected ${allowed.map((k) => JSON.stringify(k)).join(", ")})`,
      );
    }
  }
  return options;
}

/** Validates a boolean option. */
export function checkBoolean(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new TypeError(`Invalid ${name}: expected a boolean, got ${formatValue(value)}`);
  }
  return value;
}
