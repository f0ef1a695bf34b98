import { checkInteger, formatValue } from "@posenc/tensor/validate";
import { MAX_FLOAT32_POSITION } from "./_validate.ts";

/**
 * The largest position allowed: with float32 angles 2^24 (float32 holds no
 * larger integer exactly, so HF's `position_ids.float()` would silently
 * merge neighbours), else the largest safe integer.
 */
export function maxPosition(float32: boolean): number {
  return float32 ? MAX_FLOAT32_POSITION : Number.MAX_SAFE_INTEGER;
}

function tooLarge(name: string, value: number, max: number, subject: string): RangeError {
  return new RangeError(
    `Invalid ${name}: expected an integer in [0, ${max}] with angles "float32" (${subject} must ` +
      `stay <= 2^24, the largest integer float32 holds exactly; pass angles: "float64" for ` +
      `larger positions), got ${formatValue(value)}`,
  );
}

/** Checks one position: a non-negative safe integer, <= 2^24 with float32 angles. */
export function checkPosition(name: string, value: unknown, float32: boolean): number {
  if (
    typeof value === "number" && Number.isInteger(value) && value >= 0 &&
    value <= (float32 ? MAX_FLOAT32_POSITION : Number.MAX_SAFE_INTEGER)
  ) {
    return value;
  }
  const position = checkInteger(name, value, { min: 0 });
  if (float32 && position > MAX_FLOAT32_POSITION) {
    throw tooLarge(name, position, MAX_FLOAT32_POSITION, "a position");
  }
  if (position > Number.MAX_SAFE_INTEGER) {
    throw new RangeError(
      `Invalid ${name}: expected an integer in [0, 2^53 - 1], got ${formatValue(position)}`,
    );
  }
  return position;
}

type IntegerArray = Int8Array | Uint8Array | Int16Array | Uint16Array | Int32Array | Uint32Array;

function isIntegerArray(value: object): value is IntegerArray {
  return value instanceof Int32Array || value instanceof Uint32Array ||
    value instanceof Int16Array || value instanceof Uint16Array || value instanceof Int8Array ||
    value instanceof Uint8Array;
}

/**
 * Copies `from` into `to` and says whether every entry is in [0, max]. A
 * plain loop: V8's `set` across element types goes entry by entry through
 * a generic path, ~10x slower.
 */
function copyIntegers(from: IntegerArray, to: Float64Array, max: number): boolean {
  let inRange = true;
  for (let i = 0; i < from.length; i++) {
    const position = from[i]!;
    inRange &&= position >= 0 && position <= max;
    to[i] = position;
  }
  return inRange;
}

/** Copies and checks an explicit list of positions, naming the first bad index. */
export function checkPositionList(
  name: string,
  value: unknown,
  float32: boolean,
): Float64Array {
  if (
    value === null || typeof value !== "object" ||
    typeof (value as ArrayLike<number>).length !== "number"
  ) {
    throw new TypeError(
      `Invalid ${name}: expected an array of non-negative integers, got ${formatValue(value)}`,
    );
  }
  const list = value as ArrayLike<unknown>;
  const positions = new Float64Array(list.length);
  const max = float32 ? MAX_FLOAT32_POSITION : Number.MAX_SAFE_INTEGER;
  if (isIntegerArray(value)) {
    // Integers by type (the usual Int32Array of position ids) need only a
    // range check; an entry out of range is named by the loop below.
    if (copyIntegers(value, positions, max)) return positions;
  }
  for (let i = 0; i < list.length; i++) {
    const entry = list[i];
    // The common case without building a name per entry.
    if (typeof entry === "number" && Number.isInteger(entry) && entry >= 0 && entry <= max) {
      positions[i] = entry;
      continue;
    }
    if (typeof entry === "object" && entry !== null) {
      throw new TypeError(
        `Invalid ${name}[${i}]: expected an integer >= 0 (positions are flat: pass [batch, seq] ` +
          `row-major, e.g. positionIds.flat()), got ${formatValue(entry)}`,
      );
    }
    positions[i] = checkPosition(`${name}[${i}]`, entry, float32);
  }
  return positions;
}

/** Where each token of an attention tensor sits. */
export interface TokenPositions {
  /** Explicit positions (`seq` entries, or `batch * seq` when `perBatch`), or null for `offset + s`. */
  readonly list: Float64Array | null;
  /** First position when `list` is null or `consecutive`. */
  readonly offset: number;
  /**
   * Whether token s of every batch row sits at `offset + s` (always when
   * `list` is null; for a list, a prefill's 0..seq-1 or a decode step's p):
   * the table rows are then one run, read without a per-token lookup. The
   * list stays for error messages.
   */
  readonly consecutive: boolean;
  /** Whether every batch row has its own positions. */
  readonly perBatch: boolean;
}

/**
 * Reads applyRope's `positions` and `offset` options for a tensor of
 * `batch` sequences of `seq` tokens. Giving both is an error: which of
 * "positions are absolute" and "positions are relative to offset" a caller
 * meant cannot be told, and a silent wrong guess rotates by the wrong angle.
 */
export function resolvePositions(
  positions: ArrayLike<number> | undefined,
  offset: number | undefined,
  batch: number,
  seq: number,
  float32: boolean,
): TokenPositions {
  if (positions !== undefined && offset !== undefined) {
    throw new TypeError(
      `Invalid options: expected positions or offset, not both (got positions ${
        formatValue(positions)
      } and offset ${formatValue(offset)}); add the offset to the positions yourself`,
    );
  }
  if (positions === undefined) {
    const start = checkPosition("offset", offset ?? 0, false);
    const lastToken = Math.max(seq - 1, 0);
    const max = maxPosition(float32);
    if (start + lastToken > max) {
      if (float32) throw tooLarge("offset", start, max - lastToken, "the last token's position");
      throw new RangeError(
        `Invalid offset: expected an integer in [0, 2^53 - ${seq}] (offset + seq - 1 must be a safe integer), got ${
          formatValue(start)
        }`,
      );
    }
    return { list: null, offset: start, perBatch: false, consecutive: true };
  }
  const list = checkPositionList("positions", positions, float32);
  if (list.length !== seq && list.length !== batch * seq) {
    throw new RangeError(
      `Invalid positions: expected ${seq} entries (one per token, shared by the batch) or ${
        batch * seq
      } (batch × seq, row-major), got ${list.length}`,
    );
  }
  const first = list[0] ?? 0;
  let consecutive = true;
  for (let i = 0, s = 0; i < list.length && consecutive; i++, s = s + 1 === seq ? 0 : s + 1) {
    consecutive = list[i] === first + s;
  }
  return {
    list,
    offset: consecutive ? first : 0,
    perBatch: !consecutive && list.length !== seq,
    consecutive,
  };
}
