/**
 * flash2's rows in a results object: which prefill rows pair up, and the
 * rule of bench/GPU.md for making flash2 the default, applied to one run.
 *
 * @module
 */

import type { GpuResults, PrefillKernel, PrefillRow } from "./results.ts";

/** The kernel of a prefill row ("flash" for rows written before the field existed). */
export function kernelOf(row: PrefillRow): PrefillKernel {
  return row.kernel ?? "flash";
}

/** flash2's row for a flash row (same shape and precision), if any. */
export function flash2Partner(row: PrefillRow, rows: readonly PrefillRow[]): PrefillRow | null {
  return rows.find((r) =>
    kernelOf(r) === "flash2" && r.heads === row.heads && r.seq === row.seq &&
    r.headDim === row.headDim && r.causal === row.causal && r.precision === row.precision
  ) ?? null;
}

/** Whether flash2 meets the rule for becoming the default, and why (bench/GPU.md states the rule). */
export interface Flash2Verdict {
  meets: boolean;
  /** One sentence per condition, in order. */
  reasons: string[];
}

/**
 * The decision rule of bench/GPU.md applied to one run: flash2 may replace
 * flash as the default only when the run is a full one on a real GPU, every
 * flash2 check passed, and flash2 is at least as fast as flash on every
 * prefill shape and precision.
 */
export function flash2Verdict(r: GpuResults): Flash2Verdict {
  const reasons: string[] = [];
  let meets = true;
  if (r.software || r.quick) {
    meets = false;
    reasons.push("A software or quick run decides nothing.");
  }
  const checks = r.flash2Checks ?? [];
  const failed = checks.filter((c) => !c.ok);
  if (checks.length === 0) {
    meets = false;
    reasons.push("No flash2 correctness check ran.");
  } else if (failed.length > 0) {
    meets = false;
    reasons.push(
      `${failed.length} of ${checks.length} flash2 correctness checks failed: ${
        failed.map((c) => c.what).join("; ")
      }.`,
    );
  } else reasons.push(`All ${checks.length} flash2 correctness checks passed.`);
  const pairs = r.prefill.filter((row) => kernelOf(row) === "flash").map((row) =>
    [row, flash2Partner(row, r.prefill)] as const
  );
  const missing = pairs.filter(([, two]) => two === null);
  const ratios = pairs.flatMap(([one, two]) => (two ? [two.tflops / one.tflops] : []));
  if (pairs.length === 0 || missing.length > 0) {
    meets = false;
    reasons.push(`${missing.length} of ${pairs.length} flash rows have no flash2 row.`);
  } else {
    const slower = pairs.filter(([one, two]) => two!.tflops < one.tflops);
    const low = Math.min(...ratios);
    const high = Math.max(...ratios);
    if (slower.length > 0) meets = false;
    reasons.push(
      `Speed flash2 / flash: ${low.toFixed(2)}x to ${high.toFixed(2)}x over ${pairs.length} rows` +
        (slower.length > 0
          ? `; slower on ${
            slower.map(([one]) =>
              `H${one.heads} S${one.seq} D${one.headDim}${
                one.causal ? " causal" : " not causal"
              } ${one.precision}`
            ).join(", ")
          }.`
          : "; never slower."),
    );
  }
  return { meets, reasons };
}
