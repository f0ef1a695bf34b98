import assert from "node:assert/strict";
import { assertAllClose, type Layout, randomNormal, type Tensor } from "@posenc/tensor";
import {
  type AnglePrecision,
  applyRope,
  type Pairing,
  ropeCache,
  type RopeFrequencies,
  ropeFrequencies,
} from "./mod.ts";
import { referenceRope, swapAxes12 } from "./_test_reference.ts";

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

function scaled(frequencies: RopeFrequencies, attentionFactor: number): RopeFrequencies {
  return { invFreq: frequencies.invFreq, attentionFactor };
}

interface Config {
  name: string;
  shape: [number, number, number, number]; // bhsd
  rotaryDim: number;
  base?: number;
  pairing: Pairing;
  attentionFactor?: number;
  positions?: (batch: number, seq: number) => number[];
  offset?: number;
  angles?: AnglePrecision;
}

const mixed = (batch: number, seq: number) =>
  Array.from(
    { length: batch * seq },
    (_, i) => (Math.floor(i / seq) % 2 === 0 ? 7 : 0) + (i % seq),
  );

const CONFIGS: Config[] = [
  {
    name: "half, full hd8, mixed per-row positions",
    shape: [2, 3, 5, 8],
    rotaryDim: 8,
    pairing: "half",
    positions: mixed,
  },
  {
    name: "interleaved (GPT-J), partial 8 of 16, mixed positions",
    shape: [2, 3, 5, 16],
    rotaryDim: 8,
    pairing: "interleaved",
    positions: mixed,
  },
  {
    name: "half, partial 32 of 80 (Phi-2), offset 100",
    shape: [1, 2, 7, 80],
    rotaryDim: 32,
    pairing: "half",
    offset: 100,
  },
  {
    name: "half, 6 of 10 (pairs not a multiple of 4)",
    shape: [2, 2, 9, 10],
    rotaryDim: 6,
    pairing: "half",
    positions: mixed,
  },
  {
    name: "interleaved, 10 of 12 (rotary dim 2 mod 4)",
    shape: [1, 3, 9, 12],
    rotaryDim: 10,
    pairing: "interleaved",
    offset: 3,
  },
  { name: "half, rotary dim 2", shape: [1, 1, 4, 2], rotaryDim: 2, pairing: "half" },
  {
    name: "half, hd128, YaRN-like factor 1.1386, 300 tokens (several blocks)",
    shape: [1, 2, 300, 128],
    rotaryDim: 128,
    pairing: "half",
    attentionFactor: 1.138629436111989,
  },
  {
    name: "interleaved, hd64, base 500000, shuffled positions",
    shape: [2, 2, 6, 64],
    rotaryDim: 64,
    base: 500000,
    pairing: "interleaved",
    positions: (b, s) => Array.from({ length: b * s }, (_, i) => (i * 37) % 101),
  },
  {
    name: "interleaved, 300 tokens of 64 dims, mixed per-row positions (token blocks)",
    shape: [2, 2, 300, 64],
    rotaryDim: 64,
    pairing: "interleaved",
    positions: mixed,
  },
  {
    name: "half, 1000 tokens at offset 50000 (recurrence over many anchors)",
    shape: [1, 1, 1000, 64],
    rotaryDim: 64,
    pairing: "half",
    offset: 50000,
  },
  {
    name: "half, positions next to 2^24 with float32 angles",
    shape: [1, 1, 10, 32],
    rotaryDim: 32,
    pairing: "half",
    offset: 2 ** 24 - 9,
  },
  {
    name: "interleaved, positions near 1e9 with float64 angles",
    shape: [1, 2, 5, 16],
    rotaryDim: 16,
    pairing: "interleaved",
    offset: 1e9,
    angles: "float64",
  },
  {
    name: "half, float64 angles, mixed positions",
    shape: [2, 1, 5, 8],
    rotaryDim: 8,
    pairing: "half",
    positions: mixed,
    angles: "float64",
  },
];

Deno.test("applyRope() equals a plain float64 port of the formula", async (t) => {
  for (const config of CONFIGS) {
    await t.step(config.name, () => {
      const [batch, , seq] = config.shape;
      const frequencies = scaled(
        ropeFrequencies(config.rotaryDim, { base: config.base ?? 10000 }),
        config.attentionFactor ?? 1,
      );
      const positions = config.positions?.(batch, seq);
      const x = randomNormal(config.shape, { seed: config.shape.reduce((a, b) => a * 7 + b) });
      const expected = referenceRope(x, {
        invFreq: frequencies.invFreq,
        attentionFactor: frequencies.attentionFactor,
        pairing: config.pairing,
        angles: config.angles ?? "float32",
        positionOf: (b, s) =>
          positions === undefined
            ? (config.offset ?? 0) + s
            : positions[positions.length === seq ? s : b * seq + s]!,
      });
      for (const layout of ["bhsd", "bshd"] as Layout[]) {
        const input = layout === "bhsd" ? x : swapAxes12(x);
        const out = applyRope(input, frequencies, {
          layout,
          pairing: config.pairing,
          rotaryDim: config.rotaryDim,
          ...(positions === undefined ? {} : { positions }),
          ...(config.offset === undefined ? {} : { offset: config.offset }),
          ...(config.angles === undefined ? {} : { angles: config.angles }),
        });
        assertAllClose(layout === "bhsd" ? out : swapAxes12(out), expected, {
          atol: 2e-6,
          rtol: 0,
          message: layout,
        });
      }
    });
  }
});

Deno.test("RoPE scores depend only on the distance m - n", async (t) => {
  const dim = 128;
  const frequencies = ropeFrequencies(dim);
  const q = randomNormal([1, 1, 1, dim], { seed: 3 });
  const k = randomNormal([1, 1, 1, dim], { seed: 4 });
  const size = norm(q.data) * norm(k.data);
  const score = (m: number, n: number, angles: AnglePrecision) =>
    dot(
      applyRope(q, frequencies, { offset: m, angles }).data,
      applyRope(k, frequencies, { offset: n, angles }).data,
    );
  const near = [[0, 0], [5, 2], [2, 5], [100, 37], [0, 64]] as const;
  const far = [...near, [4095, 0], [0, 4095]] as const;
  const worstDrift = (
    shift: number,
    angles: AnglePrecision,
    pairs: readonly (readonly [number, number])[] = near,
  ) =>
    Math.max(
      ...pairs.map(([m, n]) =>
        Math.abs(score(m + shift, n + shift, angles) - score(m, n, angles)) / size
      ),
    );
  await t.step("float64 angles: shifts up to 1e5", () => {
    for (const shift of [1, 17, 1000, 12345, 1e5]) {
      const drift = worstDrift(shift, "float64", far);
      assert.ok(drift < 1e-7, `shift ${shift}: relative drift ${drift}`);
    }
  });
  await t.step("float32 angles: shifts up to 1e3", () => {
    for (const shift of [1, 17, 999, 1000]) {
      const drift = worstDrift(shift, "float32");
      // Angles carry float32 rounding (up to 3e-5 rad near position 1100), hence a looser bound.
      assert.ok(drift < 3e-6, `shift ${shift}: relative drift ${drift}`);
    }
  });
  await t.step("float32 angles drift at 1e5, as in Hugging Face: why float64 exists", () => {
    assert.ok(worstDrift(1e5, "float32") > 1e-5);
  });
  await t.step("but the score does change with the distance", () => {
    assert.ok(Math.abs(score(10, 0, "float64") - score(0, 0, "float64")) / size > 1e-2);
  });
});

Deno.test("applyRope() keeps each head's norm and leaves dims past rotaryDim untouched", () => {
  const x = randomNormal([2, 4, 33, 96], { seed: 11 });
  for (const pairing of ["half", "interleaved"] as Pairing[]) {
    for (const factor of [1, 1.25]) {
      const frequencies = scaled(ropeFrequencies(64), factor);
      const out = applyRope(x, frequencies, { pairing, offset: 12345 });
      for (let row = 0; row < x.data.length; row += 96) {
        const before = x.data.subarray(row, row + 96);
        const after = out.data.subarray(row, row + 96);
        // The attention factor scales the rotated dims only.
        const rotatedNorm = norm(after.subarray(0, 64)) / factor;
        assert.ok(Math.abs(rotatedNorm - norm(before.subarray(0, 64))) < 1e-5 * 8);
        assert.deepEqual(after.subarray(64), before.subarray(64));
      }
    }
  }
});

Deno.test("applyRope() rotates by nothing at position 0", () => {
  const x = randomNormal([1, 3, 1, 16], { seed: 5 });
  assert.deepEqual(applyRope(x, ropeFrequencies(16)).data, x.data);
  assert.deepEqual(applyRope(x, ropeFrequencies(16), { pairing: "interleaved" }).data, x.data);
});

Deno.test("applyRope() variants that must agree bit for bit", async (t) => {
  const frequencies = scaled(ropeFrequencies(48, { base: 1e6 }), 1.1);
  const x = randomNormal([3, 4, 21, 64], { seed: 21 });
  const positions = Array.from({ length: 3 * 21 }, (_, i) => (i * 13) % 50);
  for (const pairing of ["half", "interleaved"] as Pairing[]) {
    const plain = applyRope(x, frequencies, { pairing, positions });
    await t.step(`${pairing}: bshd equals bhsd`, () => {
      const out = applyRope(swapAxes12(x), frequencies, { pairing, positions, layout: "bshd" });
      assert.deepEqual(swapAxes12(out).data, plain.data);
    });
    await t.step(`${pairing}: inPlace equals a new tensor, and x is kept otherwise`, () => {
      const copy: Tensor = { shape: x.shape, data: Float32Array.from(x.data) };
      assert.equal(applyRope(copy, frequencies, { pairing, positions, inPlace: true }), copy);
      assert.deepEqual(copy.data, plain.data);
      assert.notDeepEqual(x.data, plain.data);
      assert.deepEqual(x.data, randomNormal([3, 4, 21, 64], { seed: 21 }).data);
    });
    await t.step(`${pairing}: out receives what a new tensor would`, () => {
      const out: Tensor = { shape: [3, 4, 21, 64], data: new Float32Array(x.data.length).fill(7) };
      assert.equal(applyRope(x, frequencies, { pairing, positions, out }), out);
      assert.deepEqual(out.data, plain.data);
      const self: Tensor = { shape: x.shape, data: Float32Array.from(x.data) };
      const alias: Tensor = { shape: x.shape, data: new Float32Array(self.data.buffer) };
      applyRope(self, frequencies, { pairing, positions, out: alias });
      assert.deepEqual(self.data, plain.data);
    });
    await t.step(`${pairing}: [batch, seq] positions equal one call per batch row`, () => {
      for (let b = 0; b < 3; b++) {
        const size = 4 * 21 * 64;
        const row: Tensor = { shape: [1, 4, 21, 64], data: x.data.slice(b * size, (b + 1) * size) };
        const out = applyRope(row, frequencies, {
          pairing,
          positions: positions.slice(b * 21, (b + 1) * 21),
        });
        assert.deepEqual(out.data, plain.data.subarray(b * size, (b + 1) * size));
      }
    });
    await t.step(`${pairing}: offset equals explicit positions`, () => {
      const fromOffset = applyRope(x, frequencies, { pairing, offset: 4090 });
      const explicit = applyRope(x, frequencies, {
        pairing,
        positions: Array.from({ length: 21 }, (_, s) => 4090 + s),
      });
      assert.deepEqual(fromOffset.data, explicit.data);
    });
    for (const angles of ["float32", "float64"] as AnglePrecision[]) {
      await t.step(`${pairing}: a ${angles} cache equals the frequencies`, () => {
        const direct = applyRope(x, frequencies, { pairing, positions, angles });
        const counted = ropeCache(frequencies, 50, { angles });
        assert.deepEqual(applyRope(x, counted, { pairing, positions }).data, direct.data);
        const listed = ropeCache(frequencies, [
          49,
          3,
          12,
          ...Array.from({ length: 50 }, (_, i) => i),
        ], {
          angles,
        });
        assert.deepEqual(applyRope(x, listed, { pairing, positions, angles }).data, direct.data);
        const shifted = ropeCache(frequencies, Array.from({ length: 30 }, (_, i) => 4080 + i), {
          angles,
        });
        assert.deepEqual(
          applyRope(x, shifted, { pairing, offset: 4085, angles }).data,
          applyRope(x, frequencies, { pairing, offset: 4085, angles }).data,
        );
      });
    }
  }
});

Deno.test("interleaved pairing is half pairing on de-interleaved dims (DeepSeek's permutation)", () => {
  const dim = 32;
  const rotary = 24;
  const x = randomNormal([2, 3, 7, dim], { seed: 8 });
  // Evens of the rotary prefix first, then its odds; the rest stays.
  const order = [
    ...Array.from({ length: rotary / 2 }, (_, i) => 2 * i),
    ...Array.from({ length: rotary / 2 }, (_, i) => 2 * i + 1),
    ...Array.from({ length: dim - rotary }, (_, i) => rotary + i),
  ];
  const permute = (t: Tensor, inverse: boolean): Tensor => {
    const out = new Float32Array(t.data.length);
    for (let row = 0; row < t.data.length; row += dim) {
      for (let d = 0; d < dim; d++) {
        if (inverse) out[row + order[d]!] = t.data[row + d]!;
        else out[row + d] = t.data[row + order[d]!]!;
      }
    }
    return { shape: t.shape, data: out };
  };
  const frequencies = ropeFrequencies(rotary);
  const interleaved = applyRope(x, frequencies, { pairing: "interleaved", offset: 9 });
  const half = applyRope(permute(x, false), frequencies, { pairing: "half", offset: 9 });
  assert.deepEqual(permute(half, true).data, interleaved.data);
});
