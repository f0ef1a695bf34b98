/**
 * The start-up check every peer bench runs before timing: a contender's
 * output must equal posenc's on the same inputs within the tolerance, or the
 * bench fails (so every row times the same work).
 *
 * @module
 */

import { assertAllClose, maxAbsDiff } from "@posenc/tensor";
import { note } from "./_notes.ts";

/**
 * Throws (failing the bench file) unless |actual - expected| <= atol
 * everywhere; records the largest difference for the report otherwise.
 */
export function verifyClose(
  group: string,
  name: string,
  against: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  atol: number,
): void {
  assertAllClose(actual, expected, {
    atol,
    rtol: 0,
    message: `${group}: ${name} disagrees with ${against}; refusing to time unequal work`,
  });
  note({ type: "verified", group, name, against, maxAbsDiff: maxAbsDiff(actual, expected), atol });
}
