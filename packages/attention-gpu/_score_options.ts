/**
 * Checks of the score options (sliding window, sinks, soft-cap, left
 * padding, bias), shared by attention calls and decode calls.
 */

import type { Tensor } from "@posenc/tensor";
import { checkFinite, checkInteger, checkTensor, formatValue } from "@posenc/tensor/validate";

/**
 * A bias value at or below this hides its key (as -Infinity does): the
 * kernels keep every score finite, and a row whose keys are all hidden is 0.
 */
export const BIAS_MASK = -1e30;

/** An additive bias `[1 | batch, 1 | heads, qSeq, kSeq]`, checked. */
export interface ResolvedBias {
  readonly data: Float32Array;
  readonly shape: readonly number[];
  /** Elements between batch rows (0 when the bias is shared by the batch). */
  readonly batchStride: number;
  /** Elements between heads (0 when the bias is shared by the heads). */
  readonly headStride: number;
  /** Elements between query rows (the bias's kSeq). */
  readonly rowStride: number;
}

function checkList(name: string, value: unknown, count: number, what: string): ArrayLike<unknown> {
  const list = value as ArrayLike<unknown> | null;
  if (list === null || typeof list !== "object" || typeof list.length !== "number") {
    throw new TypeError(
      `Invalid ${name}: expected an array of ${count} ${what}, got ${formatValue(value)}`,
    );
  }
  if (list.length !== count) {
    throw new RangeError(`Invalid ${name}: expected ${count} ${what}, got ${list.length}`);
  }
  return list;
}

/** Sink logits, one per query head, or null when none were given. */
export function checkSinks(
  sinks: ArrayLike<number> | undefined,
  heads: number,
): Float64Array | null {
  if (sinks === undefined) return null;
  const list = checkList("sinks", sinks, heads, "logits (one per query head)");
  const out = new Float64Array(heads);
  for (let h = 0; h < heads; h++) out[h] = checkFinite(`sinks[${h}]`, list[h]);
  return out;
}

/** A soft-cap (finite, > 0), or null when none was given. */
export function checkSoftcap(softcap: number | undefined): number | null {
  if (softcap === undefined) return null;
  return checkFinite("softcap", softcap, { min: 0, exclusiveMin: true });
}

/** A sliding window (an integer >= 1), or null when none was given. */
export function checkWindow(
  window: number | undefined,
  name = "slidingWindow",
): number | null {
  if (window === undefined) return null;
  return checkInteger(name, window, { min: 1 });
}

/** Left padding, one count of leading padding keys per batch row (at most `max`), or null. */
export function checkLeftPadding(
  padding: ArrayLike<number> | undefined,
  batch: number,
  max: number,
): Uint32Array | null {
  if (padding === undefined) return null;
  const list = checkList("leftPadding", padding, batch, "integers (one per batch row)");
  const out = new Uint32Array(batch);
  for (let b = 0; b < batch; b++) {
    out[b] = checkInteger(`leftPadding[${b}]`, list[b], { min: 0, max });
  }
  return out;
}

/** An additive bias `[1 | batch, 1 | heads, qSeq, kSeq]`, or null when none was given. */
export function checkBias(
  bias: Tensor | undefined,
  dims: { batch: number; heads: number; qSeq: number; kSeq: number | null },
): ResolvedBias | null {
  if (bias === undefined) return null;
  const t = checkTensor("bias", bias);
  const { batch, heads, qSeq } = dims;
  const s = t.shape;
  // null: any key count (a decode checks it against the cache length in its turn).
  const kSeq = dims.kSeq ?? s[3];
  const expected = `[${batch === 1 ? 1 : `1 or ${batch}`}, ${
    heads === 1 ? 1 : `1 or ${heads}`
  }, ${qSeq}, ${
    dims.kSeq ?? "keys"
  }] ([batch, heads, queries, keys] whatever the layout; dims of 1 broadcast)`;
  if (
    s.length !== 4 || (s[0] !== 1 && s[0] !== batch) || (s[1] !== 1 && s[1] !== heads) ||
    s[2] !== qSeq || s[3] !== kSeq
  ) {
    throw new RangeError(`Invalid bias: expected shape ${expected}, got ${formatValue(s)}`);
  }
  const keys = s[3]!;
  const rowStride = keys;
  const headStride = s[1] === 1 ? 0 : qSeq * keys;
  const batchStride = s[0] === 1 ? 0 : s[1]! * qSeq * keys;
  return { data: t.data, shape: [...s], batchStride, headStride, rowStride };
}
