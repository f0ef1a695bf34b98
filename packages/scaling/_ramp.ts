import { checkBoolean } from "@posenc/tensor/validate";
import { ropePowers } from "./_float32.ts";
import { checkPositive } from "./_validate.ts";

/**
 * The pair index where a pair completes `rotations` full turns within
 * `trainLength` tokens (YaRN's inverse of r = L / λ), in float64 as HF.
 */
function correctionDim(rotations: number, rotaryDim: number, base: number, trainLength: number) {
  return (rotaryDim * Math.log(trainLength / (rotations * 2 * Math.PI))) / (2 * Math.log(base));
}

/**
 * YaRN's correction range `[low, high]` in pair-index units: pairs up to
 * `low` complete more than `betaFast` turns in training and keep their
 * frequency, pairs from `high` on complete fewer than `betaSlow` and are
 * fully interpolated. Floored/ceiled unless `truncate` is false (gpt-oss),
 * then clamped to [0, rotaryDim - 1] as HF does.
 */
export function correctionRange(
  rotaryDim: number,
  base: number,
  trainLength: number,
  betaFast: number,
  betaSlow: number,
  truncate: boolean,
): [low: number, high: number] {
  let low = correctionDim(betaFast, rotaryDim, base, trainLength);
  let high = correctionDim(betaSlow, rotaryDim, base, trainLength);
  if (truncate) {
    low = Math.floor(low);
    high = Math.ceil(high);
  }
  return [Math.max(low, 0), Math.min(high, rotaryDim - 1)];
}

/**
 * The NTK-by-parts blend of HF's `_compute_yarn_parameters`, in its float32
 * steps: a linear ramp over pair indices from `low` to `high` mixes the
 * original frequency (extrapolation) into the frequency divided by `factor`
 * (interpolation).
 */
export function blendedInvFreq(
  rotaryDim: number,
  base: number,
  factor: number,
  low: number,
  high: number,
): Float32Array {
  const f32 = Math.fround;
  if (low === high) high += 0.001; // HF's guard against a zero-width ramp
  const lowF = f32(low);
  const width = f32(high - low);
  const factorF = f32(factor);
  const powers = ropePowers(base, rotaryDim);
  const invFreq = new Float32Array(powers.length);
  for (let j = 0; j < powers.length; j++) {
    const ramp = Math.min(Math.max(f32(f32(j - lowF) / width), 0), 1);
    const extrapolationWeight = f32(1 - ramp);
    const extrapolated = f32(1 / powers[j]!);
    const interpolated = f32(1 / f32(factorF * powers[j]!));
    invFreq[j] = f32(interpolated * f32(1 - extrapolationWeight)) +
      f32(extrapolated * extrapolationWeight);
  }
  return invFreq;
}

/** Validates betaFast/betaSlow/truncate (defaults 32, 1, true) and returns the ramp's ends. */
export function rampEnds(
  rotaryDim: number,
  base: number,
  trainLength: number,
  options: { betaFast?: number; betaSlow?: number; truncate?: boolean },
): [low: number, high: number] {
  const betaFast = checkPositive("betaFast", options.betaFast ?? 32);
  const betaSlow = checkPositive("betaSlow", options.betaSlow ?? 1);
  const truncate = checkBoolean("truncate", options.truncate ?? true);
  return correctionRange(rotaryDim, base, trainLength, betaFast, betaSlow, truncate);
}
