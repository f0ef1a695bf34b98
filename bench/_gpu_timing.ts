/**
 * GPU rates for benches: `deno bench` times the wall clock of each `fn`,
 * which on a GPU includes submission and synchronisation; the kernels' own
 * time comes from timestamp queries (GpuAttention.profileAttention). This
 * helper records those device times per group and prints them as a table
 * (GFLOP/s for prefill, GB/s for decode) once the bench run ends.
 *
 * @module
 */

/** The shape of an attention call, for its FLOP count. */
export interface AttentionShape {
  readonly batch: number;
  readonly heads: number;
  readonly qSeq: number;
  readonly kSeq: number;
  readonly headDim: number;
  readonly causal: boolean;
}

/** FLOPs of attention: 4·B·H·Sq·Sk·D (QK^T and PV), halved under a causal mask. */
export function attentionFlops(s: AttentionShape): number {
  const full = 4 * s.batch * s.heads * s.qSeq * s.kSeq * s.headDim;
  return s.causal ? full / 2 : full;
}

/** One measured row. */
export interface RateRow {
  readonly group: string;
  readonly name: string;
  /** Best seconds per call seen. */
  readonly seconds: number;
  /** Work per call in the unit's numerator (FLOPs or bytes). */
  readonly work: number;
  readonly unit: "GFLOP/s" | "GB/s";
  /** How the time was taken: "timestamp-query", "wall-clock" or "cpu". */
  readonly source: string;
  readonly baseline: boolean;
}

/** Device rates gathered during a bench run, printed at its end. */
export class RateTable {
  readonly #rows = new Map<string, RateRow>();
  #printing = false;

  /** Records a measurement, keeping the fastest per (group, name). */
  record(row: RateRow): void {
    const key = `${row.group}\u0000${row.name}`;
    const old = this.#rows.get(key);
    if (!old || row.seconds < old.seconds) this.#rows.set(key, row);
  }

  /** The table as Markdown, with each row's speed-up over its group's baseline. */
  render(title: string): string {
    const rows = [...this.#rows.values()];
    const lines = [
      `\n${title}`,
      "",
      "| group | kernel | time/call | rate | vs baseline | timed by |",
      "| --- | --- | ---: | ---: | ---: | --- |",
    ];
    for (const row of rows) {
      const base = rows.find((r) => r.group === row.group && r.baseline);
      const ratio = base ? `${(base.seconds / row.seconds).toFixed(2)}x` : "";
      const rate = row.work / row.seconds / 1e9;
      lines.push(
        `| ${row.group} | ${row.name} | ${formatSeconds(row.seconds)} | ${
          rate.toFixed(rate < 10 ? 2 : 1)
        } ${row.unit} | ${ratio} | ${row.source} |`,
      );
    }
    return lines.join("\n");
  }

  /** Prints the table when the bench process ends (after Deno's own table). */
  printOnUnload(title: string): void {
    if (this.#printing) return;
    this.#printing = true;
    globalThis.addEventListener("unload", () => {
      if (this.#rows.size > 0) console.log(this.render(title));
    });
  }
}

function formatSeconds(s: number): string {
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toFixed(2)} ms`;
  return `${(s * 1e6).toFixed(1)} µs`;
}
