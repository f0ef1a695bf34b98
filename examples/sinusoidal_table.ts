/**
 * Sinusoidal position encodings (Vaswani et al. 2017) with @posenc/sinusoidal.
 *
 * Prints the first rows of a 512-dim table, then the two properties that made
 * the paper choose sinusoids:
 * - `PE(p)·PE(p + k)` depends only on the distance k: printed for p = 0, 100
 *   and 100000 (far beyond any training length), all equal to Σᵢ cos(k·ωᵢ);
 * - `PE(p + k)` is `PE(p)` turned by a fixed rotation per frequency: the
 *   largest error of that rotation over 64 positions is printed (float32 small).
 * And the catch: how many frequency pairs never complete a turn within a
 * 512-token training window (they take new values past it).
 *
 * Run: deno run examples/sinusoidal_table.ts
 *
 * @module
 */

import { sinusoidalTable } from "@posenc/sinusoidal";

const dim = 512;
const k = 5;
const table = sinusoidalTable(4, dim); // [position, dim], rows 0..3
for (let p = 0; p < 4; p++) {
  const row = Array.from(
    table.data.subarray(p * dim, p * dim + 6),
    (v) => v.toFixed(4).padStart(7),
  );
  console.log(`PE[${p}, 0..5] = ${row.join(" ")}`);
}

// The dot product between positions p and p + k, each row built at its offset.
function dotAt(p: number): number {
  const a = sinusoidalTable(1, dim, { offset: p }).data;
  const b = sinusoidalTable(1, dim, { offset: p + k }).data;
  let sum = 0;
  for (let i = 0; i < dim; i++) sum += a[i]! * b[i]!;
  return sum;
}
const dots = [0, 100, 100000].map((p) => dotAt(p));
console.log(`PE(p)·PE(p+${k}) for p = 0, 100, 100000: ${dots.map((d) => d.toFixed(4)).join(" ")}`);

// PE(p + k) = R(k)·PE(p): each (sin, cos) pair turns by k·ω_i, whatever p is.
const rows = sinusoidalTable(64 + k, dim);
let worst = 0;
for (let p = 0; p < 64; p++) {
  for (let i = 0; i < dim / 2; i++) {
    const w = 10000 ** (-2 * i / dim);
    const [s, c] = [rows.data[p * dim + 2 * i]!, rows.data[p * dim + 2 * i + 1]!];
    const turnedSin = s * Math.cos(k * w) + c * Math.sin(k * w);
    const turnedCos = c * Math.cos(k * w) - s * Math.sin(k * w);
    const later = (p + k) * dim + 2 * i;
    worst = Math.max(
      worst,
      Math.abs(turnedSin - rows.data[later]!),
      Math.abs(turnedCos - rows.data[later + 1]!),
    );
  }
}
console.log(`max |R(${k})·PE(p) − PE(p+${k})| over 64 positions: ${worst.toExponential(2)}`);

const trainLength = 512;
let slow = 0;
for (let i = 0; i < dim / 2; i++) if (2 * Math.PI * 10000 ** (2 * i / dim) > trainLength) slow++;
console.log(
  `frequency pairs that never complete a turn in ${trainLength} positions: ${slow} of ${dim / 2}`,
);
