import { formatValue } from "@posenc/tensor/validate";
import type { AnglePrecision, RopeCache, RopeFrequencies } from "./types.ts";
import { AngleRows } from "./_angles.ts";
import { viewCache } from "./_cache_view.ts";
import type { Tables } from "./_kernel.ts";
import type { TokenPositions } from "./_positions.ts";
import { checkFrequencies } from "./_validate.ts";

/**
 * Writes the kernel's cos/sin table rows (`half` values each, from row 0)
 * of `count` tokens from index `first` of the position list (or offset + index).
 */
export type FillRows = (first: number, count: number) => void;

/** Where the cos/sin rows of each token come from: frequencies or a cache. */
export interface RopeSource {
  readonly half: number;
  /** How the rotary dim was derived, for error messages. */
  readonly halfFrom: string;
  /**
   * Checks that every token's position can be served (so that a failure
   * comes before anything is written) and returns the filler.
   */
  readonly prepare: (positions: TokenPositions, seq: number) => (tables: Tables) => FillRows;
}

/**
 * Copies `length` floats from `from[start]` to `to[at]`. A few rows (one
 * decode token's) go by a loop: a subarray view costs more than the copy.
 */
function copyRows(
  from: Float32Array,
  start: number,
  length: number,
  to: Float32Array,
  at: number,
): void {
  if (length <= 256) {
    for (let i = 0; i < length; i++) to[at + i] = from[start + i]!;
  } else {
    to.set(from.subarray(start, start + length), at);
  }
}

function positionAt(positions: TokenPositions, token: number): number {
  return positions.list === null ? positions.offset + token : positions.list[token]!;
}

function fromFrequencies(frequencies: RopeFrequencies, angles: AnglePrecision): RopeSource {
  const { invFreq, attentionFactor } = frequencies;
  return {
    half: invFreq.length,
    halfFrom: "2 × rope.invFreq.length",
    prepare: (positions) => (tables) => {
      const { cos, sin } = tables;
      const rows = new AngleRows(invFreq, attentionFactor, angles, tables.angles);
      const list = positions.list;
      if (list === null || positions.consecutive) {
        return (first, count) => rows.writeRun(positions.offset + first, count, cos, sin, 0);
      }
      return (first, count) => {
        // Runs of consecutive positions go through the recurrence together.
        for (let t = 0; t < count;) {
          const start = list[first + t]!;
          let run = 1;
          while (t + run < count && list[first + t + run] === start + run) run++;
          rows.writeRun(start, run, cos, sin, t);
          t += run;
        }
      };
    },
  };
}

function fromCache(cache: RopeCache, angles: AnglePrecision | undefined): RopeSource {
  const view = viewCache("rope", cache);
  if (angles !== undefined && view.angles !== undefined && angles !== view.angles) {
    throw new RangeError(
      `Invalid angles: expected ${
        formatValue(view.angles)
      } (the precision the cache was built with) or nothing, got ${formatValue(angles)}`,
    );
  }
  return {
    half: view.half,
    halfFrom: "2 × rope.cos.shape[1]",
    prepare: (positions, seq) => {
      const half = view.half;
      if (positions.consecutive && view.first !== null) {
        // offset + s in a cache of consecutive positions: rows are consecutive too.
        const start = positions.offset - view.first;
        if (start >= 0 && start + seq <= view.rows) {
          return ({ cos, sin }) => (first, count) => {
            const from = (start + first) * half;
            copyRows(view.cos, from, count * half, cos, 0);
            copyRows(view.sin, from, count * half, sin, 0);
          };
        }
      }
      // Look every token up before anything is written, so a miss leaves x untouched.
      const count = positions.list === null ? seq : positions.list.length;
      const rows = new Int32Array(count);
      for (let token = 0; token < count; token++) {
        const position = positionAt(positions, token);
        const row = view.rowOf(position);
        if (row < 0) {
          const name = positions.list === null ? "offset" : `positions[${token}]`;
          const got = positions.list === null
            ? `position ${position} (offset ${positions.offset} + token ${token})`
            : formatValue(position);
          throw new RangeError(
            `Invalid ${name}: expected a position the cache holds (${view.describe()}), got ${got}`,
          );
        }
        rows[token] = row;
      }
      return ({ cos, sin }) => (first, count) => {
        // Runs of consecutive rows (the usual case) are one copy.
        for (let t = 0; t < count;) {
          const row = rows[first + t]!;
          let run = 1;
          while (t + run < count && rows[first + t + run] === row + run) run++;
          copyRows(view.cos, row * half, run * half, cos, t * half);
          copyRows(view.sin, row * half, run * half, sin, t * half);
          t += run;
        }
      };
    },
  };
}

/** Checks `rope` (frequencies or a cache) and returns where its cos/sin rows come from. */
export function ropeSource(rope: unknown, angles: AnglePrecision | undefined): RopeSource {
  if (rope !== null && typeof rope === "object") {
    if ("invFreq" in rope) {
      return fromFrequencies(checkFrequencies("rope", rope), angles ?? "float32");
    }
    if ("cos" in rope && "sin" in rope) return fromCache(rope as RopeCache, angles);
  }
  throw new TypeError(
    `Invalid rope: expected RopeFrequencies ({ invFreq, attentionFactor }) or a RopeCache ({ cos, sin }), got ${
      formatValue(rope)
    }`,
  );
}
