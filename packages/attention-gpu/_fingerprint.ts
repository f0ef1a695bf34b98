/**
 * Text that identifies a set of RoPE frequencies (the attention factor and
 * every inverse frequency), for the shared RoPE tables and the KV cache's
 * rotation checks. Building it joins every frequency: it is cached per
 * frequencies object and per prefix, and the cache is checked against a
 * copy of the values on every use, so a caller who changes the array in
 * place gets new text, never stale text. The same object yields the same
 * string object, which keeps Map lookups and comparisons cheap.
 */

import type { RopeFrequencies } from "@posenc/rope";

interface Known {
  readonly factor: number;
  readonly invFreq: Float32Array;
  readonly texts: Map<string, string>;
}

const KNOWN = new WeakMap<object, Known>();

function same(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** `${prefix}|${attentionFactor}|${invFreq joined by ","}`. */
export function frequencyFingerprint(prefix: string, frequencies: RopeFrequencies): string {
  let known = KNOWN.get(frequencies);
  if (
    !known || known.factor !== frequencies.attentionFactor ||
    !same(known.invFreq, frequencies.invFreq)
  ) {
    known = {
      factor: frequencies.attentionFactor,
      invFreq: frequencies.invFreq.slice(),
      texts: new Map(),
    };
    KNOWN.set(frequencies, known);
  }
  let text = known.texts.get(prefix);
  if (text === undefined) {
    text = `${prefix}|${known.factor}|${Array.from(known.invFreq).join(",")}`;
    known.texts.set(prefix, text);
  }
  return text;
}
