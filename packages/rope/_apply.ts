import { attentionDims, LAYOUTS, type Tensor } from "@posenc/tensor";
import {
  checkOneOf,
  checkOptions,
  checkTensor,
  formatValue,
  type OptionKeys,
} from "@posenc/tensor/validate";
import type { ApplyRopeOptions, Pairing, RopeCache, RopeFrequencies } from "./types.ts";
import type { Kernel } from "./_kernel.ts";
import { outputFor } from "./_output.ts";
import { resolvePositions } from "./_positions.ts";
import { rotateResident } from "./_resident.ts";
import { ropeSource } from "./_rope_source.ts";
import {
  CHUNK_FLOATS,
  rotateLongRuns,
  rotateShortRuns,
  rotateTokens,
  type RotationJob,
} from "./_schedules.ts";
import { ANGLE_PRECISIONS, checkRotaryDim } from "./_validate.ts";

/** The pairings, in the order of {@linkcode Pairing}. */
const PAIRINGS: readonly Pairing[] = ["half", "interleaved"];

const APPLY_KEYS: OptionKeys<ApplyRopeOptions> = {
  layout: true,
  pairing: true,
  rotaryDim: true,
  positions: true,
  offset: true,
  inPlace: true,
  out: true,
  angles: true,
};

/**
 * Checks applyRope's arguments and resolves them into a rotation job, or
 * null when x is empty (then `out` is already the answer). Every check comes
 * before anything is written, so a failure leaves x and out untouched.
 */
function planRotation(
  kernel: Kernel,
  x: Tensor,
  rope: RopeFrequencies | RopeCache,
  options: ApplyRopeOptions,
): { out: Tensor; job: RotationJob | null; bhsd: boolean } {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  checkOptions("options", options, { allowed: APPLY_KEYS });
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
  const out = outputFor(input, inPlace, options.out);
  if (input.data.length === 0) return { out, job: null, bhsd: layout === "bhsd" };
  return {
    out,
    bhsd: layout === "bhsd",
    job: {
      kernel,
      src: input.data,
      dst: out.data,
      batch,
      heads,
      seq,
      headDim,
      half: source.half,
      interleaved: pairing === "interleaved",
      batchStride: strides.batch,
      seqStride: strides.seq,
      perBatch: positions.perBatch,
      filler,
    },
  };
}

/** applyRope with an explicit kernel (tests run both kernels through this). */
export function applyRopeWith(
  kernel: Kernel,
  x: Tensor,
  rope: RopeFrequencies | RopeCache,
  options: ApplyRopeOptions,
): Tensor {
  const { out, job, bhsd } = planRotation(kernel, x, rope, options);
  if (job === null) return out;
  // A ropeTensor rotated in place is turned where it lies, with no copy.
  if (rotateResident(job, bhsd)) return out;
  if (!bhsd) rotateTokens(job);
  else if (job.seq * job.headDim <= CHUNK_FLOATS) rotateShortRuns(job);
  else rotateLongRuns(job);
  return out;
}
