import { checkFinite, checkInteger, formatValue } from "@posenc/tensor/validate";

/**
 * Largest rotary (or head) dim accepted: 128 times the widest head in use
 * (512), so a wrong argument fails at once instead of computing gigabytes.
 */
export const MAX_ROTARY_DIM = 65536;

/** Throws unless `value` is an even integer in [2, {@linkcode MAX_ROTARY_DIM}] (a rotary dim). */
export function checkRotaryDim(name: string, value: unknown): number {
  const dim = checkInteger(name, value, { min: 2 });
  if (dim > MAX_ROTARY_DIM) {
    throw new RangeError(
      `Invalid ${name}: expected an even integer in [2, ${MAX_ROTARY_DIM}], got ${
        formatValue(value)
      }`,
    );
  }
  if (dim % 2 !== 0) {
    throw new RangeError(
      `Invalid ${name}: expected an even integer >= 2, got ${formatValue(value)}`,
    );
  }
  return dim;
}

/** Throws unless `value` is a finite number > 0. */
export function checkPositive(name: string, value: unknown): number {
  return checkFinite(name, value, { min: 0, exclusiveMin: true });
}

const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;
const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The `base` option (HF's `rope_theta`): 10000 when absent, else a finite
 * number > 0 that float32 holds as a normal number (HF rounds it to float32).
 */
export function checkBase(value: unknown, name = "base"): number {
  const base = checkPositive(name, value ?? 10000);
  if (base < FLOAT32_MIN_NORMAL || base > FLOAT32_MAX) {
    throw new RangeError(
      `Invalid ${name}: expected a finite number > 0 within float32's normal range, got ${
        formatValue(base)
      }`,
    );
  }
  return base;
}

/**
 * Returns the frequencies once every entry is finite: a guard against
 * float32 overflow from extreme (but individually valid) options, so that no
 * method ever hands out NaN or Infinity.
 */
export function finish(
  method: string,
  invFreq: Float32Array,
  attentionFactor: number,
): { invFreq: Float32Array; attentionFactor: number } {
  for (let i = 0; i < invFreq.length; i++) {
    if (!Number.isFinite(invFreq[i]!)) {
      throw new RangeError(
        `${method}: these options overflow float32 (invFreq[${i}] = ${
          invFreq[i]
        }); use a factor and base of sensible size`,
      );
    }
  }
  if (!Number.isFinite(attentionFactor)) {
    throw new RangeError(`${method}: these options give a non-finite attention factor`);
  }
  return { invFreq, attentionFactor };
}

/** Throws unless `value` is an integer >= 1 (a sequence length or a context size). */
export function checkLength(name: string, value: unknown): number {
  return checkInteger(name, value, { min: 1 });
}

/**
 * Throws unless `value` is an array (or typed array) of `length` finite
 * numbers > 0: LongRoPE's per-pair rescale factors.
 */
export function checkFactorList(name: string, value: unknown, length: number): ArrayLike<number> {
  if (!Array.isArray(value) && !(ArrayBuffer.isView(value) && !(value instanceof DataView))) {
    throw new TypeError(
      `Invalid ${name}: expected an array of ${length} numbers > 0, got ${formatValue(value)}`,
    );
  }
  const list = value as ArrayLike<unknown>;
  if (list.length !== length) {
    throw new RangeError(
      `Invalid ${name}: expected ${length} numbers (one per rotation pair, rotaryDim / 2), got ${list.length}`,
    );
  }
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== "number" || !Number.isFinite(item) || item <= 0) {
      const kind = typeof item === "number" ? RangeError : TypeError;
      throw new kind(
        `Invalid ${name}[${i}]: expected a finite number > 0, got ${formatValue(item)}`,
      );
    }
  }
  return list as ArrayLike<number>;
}
