// Test helper: the golden rope_init cases (testdata/rope_init.json, copied
// from the reference numbers of HF transformers 5.18) and how to compare.

/** One golden case, as much of the schema as the tests read. */
export interface GoldenCase {
  id: string;
  rope_type: string;
  description: string;
  config_legacy: Record<string, unknown> | null;
  config_rope_parameters: Record<string, unknown> & { rope_parameters: Record<string, unknown> };
  derived: { head_dim: number; rotary_dim: number; inv_freq_len: number };
  seq_len: number | null;
  seq_len_kind: "none" | "int" | "tensor_int64";
  expected: {
    inv_freq_f32: number[];
    attention_factor: number;
    inv_freq_f64_emulated: number[];
  };
  validation_warnings: string[];
  validation_error: string | null;
}

/** Every golden case. */
export const GOLDEN: GoldenCase[] = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/rope_init.json", import.meta.url)),
).cases;

/** Largest relative difference (a zero expected value must be matched exactly). */
export function maxRelDiff(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i]!;
    const d = Math.abs(actual[i]! - e);
    worst = Math.max(worst, e === 0 ? (d === 0 ? 0 : Infinity) : d / Math.abs(e));
  }
  return worst;
}

/** Whether two arrays hold the same numbers bit for bit. */
export function sameBits(actual: ArrayLike<number>, expected: ArrayLike<number>): boolean {
  if (actual.length !== expected.length) return false;
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) return false;
  }
  return true;
}
