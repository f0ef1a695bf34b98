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

/**
 * Throws a TypeError unless `options` is an object whose keys are all in
 * `allowed`, naming an unknown key and the closest allowed one (a misspelt
 * option would otherwise fall back to its default without a word).
 */
export function checkOptionKeys(options: unknown, allowed: readonly string[]): void {
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (allowed.includes(key)) continue;
    const lower = key.toLowerCase();
    let closest = allowed[0]!;
    for (const candidate of allowed) {
      if (
        editDistance(lower, candidate.toLowerCase()) < editDistance(lower, closest.toLowerCase())
      ) {
        closest = candidate;
      }
    }
    throw new TypeError(
      `Invalid options: unknown key ${JSON.stringify(key)} (did you mean ${
        JSON.stringify(closest)
      }? expected ${allowed.map((k) => JSON.stringify(k)).join(", ")})`,
    );
  }
}
