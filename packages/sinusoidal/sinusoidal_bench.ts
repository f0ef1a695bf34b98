import { randomNormal } from "@posenc/tensor";
import { addSinusoidal, sinusoidalTable } from "./mod.ts";

const LENGTH = 8192;
const DIM = 1024;

/** The formula as a straightforward port writes it: Math.sin or Math.cos per element. */
function naiveTable(length: number, dim: number): Float32Array {
  const out = new Float32Array(length * dim);
  for (let p = 0; p < length; p++) {
    for (let j = 0; j < dim; j++) {
      const angle = p / Math.pow(10000, (2 * Math.floor(j / 2)) / dim);
      out[p * dim + j] = j % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
    }
  }
  return out;
}

/** The naive formula with the frequencies hoisted out: still two Math calls per pair. */
function hoistedTable(length: number, dim: number): Float32Array {
  const out = new Float32Array(length * dim);
  const omega = new Float64Array(dim / 2).map((_, k) => Math.pow(10000, (-2 * k) / dim));
  for (let p = 0; p < length; p++) {
    for (let k = 0; k < dim / 2; k++) {
      const angle = p * omega[k]!;
      out[p * dim + 2 * k] = Math.sin(angle);
      out[p * dim + 2 * k + 1] = Math.cos(angle);
    }
  }
  return out;
}

const group = `sinusoidal table ${LENGTH}x${DIM}`;
Deno.bench({
  group,
  name: "naive (Math.sin/Math.cos per element)",
  baseline: true,
  fn: () => void naiveTable(LENGTH, DIM),
});
Deno.bench({
  group,
  name: "naive, frequencies hoisted",
  fn: () => void hoistedTable(LENGTH, DIM),
});
Deno.bench({ group, name: "sinusoidalTable", fn: () => void sinusoidalTable(LENGTH, DIM) });
Deno.bench({
  group,
  name: "allocate and fill the same bytes",
  fn: () => void new Float32Array(LENGTH * DIM).fill(1),
});

const x = randomNormal([1, LENGTH, DIM], { seed: 1 });
const copy = new Float32Array(x.data.length);
const addGroup = `addSinusoidal 1x${LENGTH}x${DIM}`;
Deno.bench({
  group: addGroup,
  name: "copy (Float32Array.prototype.set)",
  baseline: true,
  fn: () => copy.set(x.data),
});
Deno.bench({
  group: addGroup,
  name: "addSinusoidal inPlace",
  fn: () => void addSinusoidal(x, { inPlace: true }),
});
Deno.bench({ group: addGroup, name: "addSinusoidal", fn: () => void addSinusoidal(x) });
