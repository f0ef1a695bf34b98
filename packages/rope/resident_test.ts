import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor, tensor } from "@posenc/tensor";
import {
  applyRope,
  type ApplyRopeOptions,
  mropePositions,
  multimodalRopeCache,
  type Pairing,
  type RopeCache,
  ropeCache,
  type RopeFrequencies,
  ropeFrequencies,
  ropeTensor,
} from "./mod.ts";
import { applyRopeWith } from "./_apply.ts";
import { ScalarKernel, SimdKernel } from "./_kernel.ts";
import { isResident, RESIDENT_TABLE_FLOATS } from "./_resident.ts";
import golden from "./testdata/rope_apply.json" with { type: "json" };

/**
 * Asserts equal bits and, on a mismatch, names the first one (a deep-equal
 * diff of thousands of floats takes longer to print than the test to run).
 */
function assertSameBits(actual: Float32Array, expected: Float32Array): void {
  assert.equal(actual.length, expected.length, "length");
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      assert.fail(`element ${i}: got ${actual[i]}, expected ${expected[i]}`);
    }
  }
}

/** A ropeTensor holding a copy of `x`. */
function residentCopy(x: Tensor): Tensor {
  const t = ropeTensor(x.shape);
  t.data.set(x.data);
  return t;
}

/**
 * Runs `fn` with the copying SIMD kernel disabled: anything that reaches it
 * throws, so a passing call proves the tensor was rotated where it lies.
 */
function withoutCopies<T>(fn: () => T): T {
  const rotate = Object.getOwnPropertyDescriptor(SimdKernel.prototype, "rotate")!;
  Object.defineProperty(SimdKernel.prototype, "rotate", {
    ...rotate,
    value: () => {
      throw new Error("the copying kernel ran");
    },
  });
  try {
    return fn();
  } finally {
    Object.defineProperty(SimdKernel.prototype, "rotate", rotate);
  }
}

/** Rotates a resident copy of x in place (with copies forbidden) and returns its data. */
function rotateResident(
  x: Tensor,
  rope: RopeFrequencies | RopeCache,
  options: ApplyRopeOptions,
): Float32Array {
  const t = residentCopy(x);
  const out = withoutCopies(() => applyRope(t, rope, { ...options, inPlace: true }));
  assert.equal(out, t);
  return t.data;
}

Deno.test("ropeTensor() is zeros whose data lies in kernel memory", () => {
  const t = ropeTensor([1, 32, 1, 128]);
  assert.deepEqual(t.shape, [1, 32, 1, 128]);
  assert.ok(Object.isFrozen(t.shape));
  assert.equal(t.data.length, 4096);
  assert.ok(t.data.every((v) => v === 0));
  assert.ok(isResident(t.data));
  assert.equal(t.data.byteOffset, 0);
  // One 64 KiB page: the 16 KiB tensor and its tables.
  assert.equal(t.data.buffer.byteLength, 65536);
  assert.ok(!isResident(new Float32Array(4096)));
  // A view reaching past the tensor (into the tables) is not one.
  assert.ok(!isResident(new Float32Array(t.data.buffer, 0, 4097)));
  assert.ok(isResident(t.data.subarray(128, 256)));
});

Deno.test("ropeTensor() rejects what is not a rank-4 shape", () => {
  assert.throws(() => ropeTensor([1, 2, 3]), {
    name: "RangeError",
    message:
      "Invalid shape: expected 4 dimensions ([batch, heads, seq, headDim] or [batch, seq, heads, headDim]), got [1, 2, 3]",
  });
  assert.throws(() => ropeTensor("1x2x3x4" as unknown as number[]), /expected 4 dimensions/);
  assert.throws(() => ropeTensor([1, 2, -3, 4]), /dimension 2 is -3/);
  assert.throws(() => ropeTensor([1, 2, 3.5, 4]), RangeError);
  assert.throws(
    () => ropeTensor([1, 1024, 1024, 1024]),
    /at most \d+ elements \(a WebAssembly memory holds 4 GiB\), got 1073741824/,
  );
  const empty = ropeTensor([1, 0, 4, 64]);
  assert.equal(empty.data.length, 0);
  assert.equal(applyRope(empty, ropeFrequencies(64), { inPlace: true }), empty);
});

Deno.test("applyRope() rotates a ropeTensor in place with the same bits as every other path", async (t) => {
  const scalar = new ScalarKernel();
  const frequencies = { invFreq: ropeFrequencies(36).invFreq, attentionFactor: 1.07 };
  const scattered = Array.from({ length: 260 }, (_, i) => (i * 7919) % 5000);
  const ropes: [string, RopeFrequencies | RopeCache, ApplyRopeOptions][] = [
    ["frequencies, float32 angles", frequencies, { offset: 3000 }],
    ["frequencies, float64 angles", frequencies, { offset: 3000, angles: "float64" }],
    ["a cache from a count", ropeCache(frequencies, 5000), { offset: 1200 }],
    ["a cache from a list", ropeCache(frequencies, scattered), {}],
  ];
  // 130 tokens: more than one block of table rows (RESIDENT_TABLE_FLOATS / 18 pairs).
  assert.ok(130 > RESIDENT_TABLE_FLOATS / 18);
  for (const pairing of ["half", "interleaved"] as Pairing[]) {
    for (const layout of ["bhsd", "bshd"] as const) {
      for (const [name, rope, extra] of ropes) {
        await t.step(`${pairing}, ${layout}, ${name}`, () => {
          // 36 of 44 dims rotate (partial rotary, 18 pairs: steps of 8, 4 and 1 pair).
          for (const heads of [1, 3, 4, 6, 9]) {
            const dims = layout === "bhsd" ? [2, heads, 130, 44] : [2, 130, heads, 44];
            const x = randomNormal(dims, { seed: heads });
            const positions = "cos" in rope && extra.offset === undefined
              ? { positions: scattered }
              : {};
            const options: ApplyRopeOptions = { pairing, layout, ...extra, ...positions };
            const expected = applyRope(x, rope, options).data;
            assertSameBits(rotateResident(x, rope, options), expected);
            assertSameBits(applyRopeWith(scalar, x, rope, options).data, expected);
          }
        });
      }
      await t.step(`${pairing}, ${layout}, positions of each batch row`, () => {
        // 70 tokens: two blocks of table rows (RESIDENT_TABLE_FLOATS / 32 pairs).
        const dims = layout === "bhsd" ? [3, 5, 70, 64] : [3, 70, 5, 64];
        const x = randomNormal(dims, { seed: 7 });
        const positions = Array.from({ length: 210 }, (_, i) => (i * 13) % 97);
        for (const rope of [ropeFrequencies(64), ropeCache(ropeFrequencies(64), 100)]) {
          const options: ApplyRopeOptions = { pairing, layout, positions };
          assertSameBits(rotateResident(x, rope, options), applyRope(x, rope, options).data);
        }
      });
    }
  }
  await t.step("a multimodal cache", () => {
    const ids = mropePositions([{ text: 3 }, { image: [1, 4, 4] }, { text: 2 }]);
    const cache = multimodalRopeCache(ropeFrequencies(64, { base: 1e6 }), ids, {
      section: [8, 12, 12],
    });
    const x = randomNormal([1, 4, 9, 64], { seed: 8 });
    assertSameBits(rotateResident(x, cache, {}), applyRope(x, cache).data);
  });
  await t.step("one decoded token of 32 and 8 heads at position 4095", () => {
    const cache = ropeCache(ropeFrequencies(128), 4096);
    for (const heads of [32, 8]) {
      const x = randomNormal([1, heads, 1, 128], { seed: heads });
      const options = { offset: 4095 };
      assertSameBits(rotateResident(x, cache, options), applyRope(x, cache, options).data);
    }
  });
});

Deno.test("applyRope() in a ropeTensor matches Hugging Face on every golden case", () => {
  for (const c of golden.cases) {
    const frequencies = {
      invFreq: Float32Array.from(c.inv_freq_f32),
      attentionFactor: c.attention_scaling,
    };
    const options = { pairing: c.pairing as Pairing, positions: c.position_ids };
    const q = tensor(c.q, c.shape);
    assertAllClose({ shape: q.shape, data: rotateResident(q, frequencies, options) }, c.q_embed, {
      atol: 2e-6,
      rtol: 0,
      message: c.id,
    });
  }
});

Deno.test("views into a ropeTensor rotate in place; views past it and other uses copy", () => {
  const frequencies = ropeFrequencies(64);
  const buffer = ropeTensor([1, 64, 8, 64]);
  const x = randomNormal([1, 20, 8, 64], { seed: 3 });
  const expected = applyRope(x, frequencies, { layout: "bshd", offset: 7 }).data;
  // The first 20 tokens, and 20 tokens from the middle, as tensors of their own.
  for (const start of [0, 30 * 8 * 64]) {
    const view = { shape: x.shape, data: buffer.data.subarray(start, start + x.data.length) };
    view.data.set(x.data);
    withoutCopies(() => applyRope(view, frequencies, { layout: "bshd", offset: 7, inPlace: true }));
    assertSameBits(view.data, expected);
  }
  // Without inPlace (or with out) x is read, not written; the result is a new tensor.
  const source = residentCopy(x);
  const fresh = applyRope(source, frequencies, { layout: "bshd", offset: 7 });
  assertSameBits(fresh.data, expected);
  assertSameBits(source.data, x.data);
  const out = ropeTensor(x.shape);
  applyRope(source, frequencies, { layout: "bshd", offset: 7, out });
  assertSameBits(out.data, expected);
  // A view of the whole memory covers the tables too: it takes the copying path, unharmed.
  const small = residentCopy(randomNormal([1, 1, 2, 4], { seed: 4 }));
  const whole = new Float32Array(small.data.buffer, 0, 16384);
  const wide = { shape: [1, 1, 4096, 4], data: whole };
  const before = Float32Array.from(whole);
  applyRope(wide, ropeFrequencies(4), { inPlace: true });
  assertSameBits(whole, applyRope({ shape: wide.shape, data: before }, ropeFrequencies(4)).data);
});

Deno.test("a failed applyRope leaves a ropeTensor untouched", () => {
  const x = residentCopy(randomNormal([1, 2, 3, 8], { seed: 5 }));
  const before = Float32Array.from(x.data);
  const cache = ropeCache(ropeFrequencies(8), 4);
  assert.throws(() => applyRope(x, cache, { offset: 2, inPlace: true }), /position 4/);
  assert.throws(() => applyRope(x, ropeFrequencies(10), { inPlace: true }), /rotaryDim/);
  assertSameBits(x.data, before);
});

Deno.test("a ropeTensor's data never detaches, whatever else the kernels do", () => {
  const q = ropeTensor([1, 4, 1, 64]);
  const buffer = q.data.buffer as ArrayBuffer;
  const frequencies = ropeFrequencies(64);
  q.data.fill(1);
  // Large calls grow the copying kernel's memory; more ropeTensors make more memories.
  applyRope(randomNormal([1, 2, 3000, 64], { seed: 6 }), frequencies, { layout: "bshd" });
  const others = [ropeTensor([1, 64, 64, 64]), ropeTensor([2, 2, 2, 2])];
  for (let position = 0; position < 50; position++) {
    applyRope(q, frequencies, { offset: position, inPlace: true });
    applyRope(others[0]!, frequencies, { offset: position, inPlace: true });
  }
  assert.equal(buffer.detached, false);
  assert.equal(q.data.buffer, buffer);
  assert.equal(q.data.length, 256);
  assert.ok(q.data.some((v) => v !== 1));
});
