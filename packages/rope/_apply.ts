import { attentionDims, LAYOUTS, type Tensor } from "@posenc/tensor";
import { checkOneOf, checkTensor, formatValue } from "@posenc/tensor/validate";
import type { ApplyRopeOptions, Pairing } from "./apply.ts";
import type { AnglePrecision, RopeCache } from "./cache.ts";
import type { RopeFrequencies } from "./frequencies.ts";
import { AngleRows } from "./_angles.ts";
import { viewCache } from "./_cache_view.ts";
import type { Kernel, Tables } from "./_kernel.ts";
import { resolvePositions, type TokenPositions } from "./_positions.ts";
import { ANGLE_PRECISIONS, checkFrequencies, checkRotaryDim } from "./_validate.ts";

/** The pairings, in the order of {@linkcode Pairing}. */
const PAIRINGS: readonly Pairing[] = ["half", "interleaved"];

/**
 * Floats per chunk handed to the kernel: 64 KiB of tensor (and as many
 * tokens' cos/sin rows) stay in L1/L2 between the copy in, the rotation and
 * the copy out.
 */
const CHUNK_FLOATS = 16384;

/**
 * Writes the kernel's cos/sin table rows (`half` values each, from row 0)
 * of `count` tokens from index `first` of the position list (or offset + index).
 */
type FillRows = (first: number, count: number) => void;

interface RopeSource {
  readonly half: number;
  /** How the rotary dim was derived, for error messages. */
  readonly halfFrom: string;
  /**
   * Checks that every token's position can be served (so that a failure
   * comes before anything is written) and returns the filler.
   */
  readonly prepare: (positions: TokenPositions, seq: number) => (tables: Tables) => FillRows;
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
      if (list === null) {
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
      if (positions.list === null && view.first !== null) {
        // offset + s in a cache of consecutive positions: rows are consecutive too.
        const start = positions.offset - view.first;
        if (start >= 0 && start + seq <= view.rows) {
          return ({ cos, sin }) => (first, count) => {
            const from = (start + first) * half;
            cos.set(view.cos.subarray(from, from + count * half));
            sin.set(view.sin.subarray(from, from + count * half));
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
          cos.set(view.cos.subarray(row * half, (row + run) * half), t * half);
          sin.set(view.sin.subarray(row * half, (row + run) * half), t * half);
          t += run;
        }
      };
    },
  };
}

function ropeSource(rope: unknown, angles: AnglePrecision | undefined): RopeSource {
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

/** Where the result goes: x itself, the caller's `out`, or a new tensor. */
function outputFor(x: Tensor, inPlace: boolean, out: Tensor | undefined): Tensor {
  if (out === undefined) {
    return inPlace
      ? x
      : { shape: Object.freeze([...x.shape]), data: new Float32Array(x.data.length) };
  }
  if (inPlace) {
    throw new TypeError(
      "Invalid options: expected inPlace or out, not both (inPlace writes into x, out into another tensor)",
    );
  }
  const target = checkTensor("out", out);
  if (
    target.shape.length !== x.shape.length || target.shape.some((d, i) => d !== x.shape[i])
  ) {
    throw new RangeError(
      `Invalid out: expected shape [${x.shape.join(", ")}] (x's), got [${target.shape.join(", ")}]`,
    );
  }
  const a = x.data;
  const b = target.data;
  if (
    a.buffer === b.buffer && a.byteOffset !== b.byteOffset &&
    a.byteOffset < b.byteOffset + b.byteLength && b.byteOffset < a.byteOffset + a.byteLength
  ) {
    throw new RangeError(
      "Invalid out: expected data that does not overlap x's (or is exactly x's), got a view that partly overlaps it",
    );
  }
  return target;
}

/** applyRope with an explicit kernel (tests run both kernels through this). */
export function applyRopeWith(
  kernel: Kernel,
  x: Tensor,
  rope: RopeFrequencies | RopeCache,
  options: ApplyRopeOptions,
): Tensor {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  const input = checkTensor("x", x, { rank: 4 });
  const layout = checkOneOf("layout", options.layout ?? "bhsd", { allowed: LAYOUTS });
  const pairing = checkOneOf("pairing", options.pairing ?? "half", { allowed: PAIRINGS });
  const angles = options.angles === undefined
    ? undefined
    : checkOneOf("angles", options.angles, { allowed: ANGLE_PRECISIONS });
  const inPlace = options.inPlace ?? false;
  if (typeof inPlace !== "boolean") {
    throw new TypeError(`Invalid inPlace: expected a boolean, got ${formatValue(inPlace)}`);
  }
  const { batch, heads, seq, headDim, strides } = attentionDims(input, layout);
  const source = ropeSource(rope, angles);
  const rotaryDim = 2 * source.half;
  if (options.rotaryDim !== undefined) {
    const given = checkRotaryDim("rotaryDim", options.rotaryDim);
    if (given !== rotaryDim) {
      throw new RangeError(
        `Invalid rotaryDim: expected ${rotaryDim} (${source.halfFrom}), got ${given}`,
      );
    }
  }
  if (rotaryDim > headDim) {
    throw new RangeError(
      `Invalid rotaryDim: expected at most headDim = ${headDim} (the last dim of x), got ${rotaryDim} (${source.halfFrom})`,
    );
  }
  // With a cache the positions only need to exist in it; it checked their range when built.
  const positions = resolvePositions(
    options.positions,
    options.offset,
    batch,
    seq,
    "invFreq" in rope && (angles ?? "float32") === "float32",
  );
  const filler = source.prepare(positions, seq);

  const src = input.data;
  const out = outputFor(input, inPlace, options.out);
  const dst = out.data;
  if (src.length === 0) return out;

  const interleaved = pairing === "interleaved";
  const half = source.half;
  const groups = positions.perBatch ? batch : 1;
  if (layout === "bhsd") {
    // Every (batch, head) is a run of seq rows of headDim floats, one after
    // another; a group (the whole tensor, or one batch row with its own
    // positions) is a sequence of runs that share the table.
    const runs = positions.perBatch ? heads : batch * heads;
    const runFloats = seq * headDim;
    if (runFloats <= CHUNK_FLOATS) {
      // Short sequences: one table for all of seq, several runs per kernel call.
      const perCall = Math.min(runs, Math.floor(CHUNK_FLOATS / runFloats));
      const fill = filler(kernel.prepare(seq * half, perCall * runFloats, half));
      for (let group = 0; group < groups; group++) {
        fill(group * seq, seq);
        const base = group * runs * runFloats;
        for (let run = 0; run < runs; run += perCall) {
          const count = Math.min(perCall, runs - run);
          kernel.rotate(
            src,
            dst,
            base + run * runFloats,
            seq,
            1,
            count,
            headDim,
            half,
            interleaved,
          );
        }
      }
      return out;
    }
    // Long sequences: blocks of tokens, each block's table shared by every run.
    const block = Math.max(1, Math.floor(CHUNK_FLOATS / headDim));
    const fill = filler(kernel.prepare(block * half, block * headDim, half));
    for (let group = 0; group < groups; group++) {
      for (let start = 0; start < seq; start += block) {
        const count = Math.min(block, seq - start);
        fill(group * seq + start, count);
        const base = group * runs * runFloats + start * headDim;
        for (let run = 0; run < runs; run++) {
          kernel.rotate(src, dst, base + run * runFloats, count, 1, 1, headDim, half, interleaved);
        }
      }
    }
    return out;
  }
  // bshd: a token's heads are contiguous and share its table row.
  const tokenFloats = heads * headDim;
  const block = Math.max(1, Math.min(seq, Math.floor(CHUNK_FLOATS / tokenFloats)));
  const fill = filler(kernel.prepare(block * half, block * tokenFloats, half));
  for (let group = 0; group < groups; group++) {
    const firstBatch = positions.perBatch ? group : 0;
    const endBatch = positions.perBatch ? group + 1 : batch;
    for (let start = 0; start < seq; start += block) {
      const count = Math.min(block, seq - start);
      fill(group * seq + start, count);
      for (let b = firstBatch; b < endBatch; b++) {
        const offset = b * strides.batch + start * strides.seq;
        kernel.rotate(src, dst, offset, count, heads, 1, headDim, half, interleaved);
      }
    }
  }
  return out;
}
