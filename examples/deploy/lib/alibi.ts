/**
 * Panel 3's numbers: ALiBi's slopes for a head count, one head's bias
 * matrix, and every head's bias along the last query's row.
 *
 * @module
 */

import { alibiBias, alibiSlopes } from "@posenc/alibi";
import type { Heatmap } from "./sinusoidal.ts";
import type { PanelValues } from "./params.ts";

/** Panel 3's data. */
export interface AlibiData {
  /** One slope per head, the steepest first. */
  readonly slopes: readonly number[];
  /**
   * The chosen head's [length, length] bias (query rows, key columns);
   * masked entries are -Infinity (null in the server's JSON).
   */
  readonly bias: Heatmap;
  /** The last query's bias toward each key, per head: `-slope · distance`. */
  readonly lastRow: readonly {
    readonly head: number;
    readonly distance: number;
    readonly bias: number;
  }[];
}

/**
 * Computes panel 3.
 *
 * @param values The panel's parameters.
 * @returns Slopes, one head's matrix and every head's last row.
 */
export function computeAlibi(values: PanelValues<"alibi">): AlibiData {
  const { heads, length, head, mode, maxBias } = values;
  const slopes = alibiSlopes(heads, { maxBias });
  // Only the head on show: [1, length, length] instead of all heads' matrices.
  const bias = alibiBias(1, length, { mode, slopes: [slopes[head - 1]!] });
  // The last query row of every head (1 query over `length` keys, bottom-right aligned).
  const rows = alibiBias(heads, 1, length, { mode, slopes });
  const lastRow = [];
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < length; j++) {
      lastRow.push({ head: h + 1, distance: length - 1 - j, bias: rows.data[h * length + j]! });
    }
  }
  return {
    slopes: Array.from(slopes),
    bias: {
      positions: Array.from({ length }, (_, i) => i),
      columns: length,
      values: Array.from(bias.data),
    },
    lastRow,
  };
}
