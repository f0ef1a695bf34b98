import { checkInteger, checkTensor, formatValue } from "@posenc/tensor/validate";
import type { Tensor } from "@posenc/tensor";

/** Checks a Shaw table [2k + 1, headDim] and returns k. */
export function tableRadius(name: string, table: Tensor, headDim: number): number {
  checkTensor(name, table, { rank: 2 });
  const [rows, dim] = table.shape as [number, number];
  if (rows % 2 !== 1 || dim !== headDim) {
    throw new RangeError(
      `Invalid ${name}: expected shape [2 * maxRelativePosition + 1, ${headDim}] (an odd row ` +
        `count, one row per clipped distance -k..k, and the head dimension), got shape ${
          formatValue(table.shape)
        }`,
    );
  }
  return (rows - 1) / 2;
}

/** Checks queryOffset against the query count. */
export function checkQueryOffset(value: unknown, queryLength: number): number {
  return checkInteger("queryOffset", value ?? 0, {
    min: 0,
    max: Number.MAX_SAFE_INTEGER - queryLength,
  });
}

/** Fills `out[i * keyLength + j]` with clip(j - (queryOffset + i), -k, k) + k. */
export function fillIndex(
  out: Int32Array,
  queryLength: number,
  keyLength: number,
  queryOffset: number,
  k: number,
): void {
  for (let i = 0; i < queryLength; i++) {
    const query = queryOffset + i;
    const row = i * keyLength;
    for (let j = 0; j < keyLength; j++) {
      const distance = j - query;
      out[row + j] = (distance < -k ? -k : distance > k ? k : distance) + k;
    }
  }
}
