import { ropePowers as powersTable } from "@posenc/rope/float32";

export { powf32 } from "@posenc/rope/float32";

/**
 * HF's default inverse frequencies `1 / base ** (float32(2i) / denominator)`
 * for i < count, each step in float32 as torch takes it.
 */
export function ropeInvFreq(base: number, count: number, denominator: number): Float32Array {
  const powers = powersTable(count, { base, denominator });
  for (let i = 0; i < count; i++) powers[i] = 1 / powers[i]!;
  return powers;
}

/** The float32 powers `base ** (2i / rotaryDim)` themselves (YaRN's `pos_freqs`). */
export function ropePowers(base: number, rotaryDim: number): Float32Array {
  return powersTable(rotaryDim / 2, { base, denominator: rotaryDim });
}
