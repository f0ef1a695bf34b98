import assert from "node:assert/strict";
import {
  assertAllClose,
  type Numeric,
  randomNormal,
  type Tensor,
  tensor,
  zeros,
} from "@posenc/tensor";
import { addSinusoidal, type SinusoidalFormatOptions, sinusoidalTable } from "./mod.ts";

/** Sums agree to float32 rounding: the rows above come from the recurrence, the expected ones from anchors. */
function assertSum(actual: Numeric, expected: Numeric): void {
  assertAllClose(actual, expected, { atol: 2.4e-7, rtol: 1.2e-7 });
}

/** x + PE row by row, with PE rows of the given positions (one per row of x). */
function expectedSum(
  x: Tensor,
  positionOfRow: (row: number) => number,
  options: SinusoidalFormatOptions = {},
): Float32Array {
  const dim = x.shape[x.shape.length - 1]!;
  const out = new Float32Array(x.data.length);
  for (let r = 0; r < x.data.length / dim; r++) {
    const pe = sinusoidalTable(1, dim, { ...options, offset: positionOfRow(r) }).data;
    for (let d = 0; d < dim; d++) out[r * dim + d] = x.data[r * dim + d]! + pe[d]!;
  }
  return out;
}

Deno.test("addSinusoidal() adds table row offset + s to token s of every sequence", async (t) => {
  await t.step("rank 3 [batch, seq, dim], offset 0", () => {
    const x = randomNormal([3, 17, 24], { seed: 1 });
    assertSum(addSinusoidal(x).data, expectedSum(x, (r) => r % 17));
  });
  await t.step("rank 4, offset 1e6, concat tensor2tensor", () => {
    const x = randomNormal([2, 2, 5, 10], { seed: 2 });
    const options = { layout: "concat", exponent: "tensor2tensor" } as const;
    const out = addSinusoidal(x, { ...options, offset: 1e6 });
    assert.deepEqual(out.shape, [2, 2, 5, 10]);
    assertSum(out.data, expectedSum(x, (r) => 1e6 + (r % 5), options));
  });
  await t.step("rank 2 [seq, dim], odd dim", () => {
    const x = randomNormal([70, 7], { seed: 3 });
    assertSum(addSinusoidal(x, { offset: 9 }).data, expectedSum(x, (r) => 9 + r));
  });
});

Deno.test("addSinusoidal() with explicit positions", async (t) => {
  const x = randomNormal([2, 4, 16], { seed: 4 });
  await t.step("shared by every sequence", () => {
    const positions = [3, 4, 5, 6];
    const out = addSinusoidal(x, { positions });
    assertSum(out.data, expectedSum(x, (r) => positions[r % 4]!));
  });
  await t.step("one per row, left-padded (fairseq make_positions with padding_idx 1)", () => {
    const positions = new Int32Array([1, 1, 2, 3, 2, 3, 4, 5]);
    const out = addSinusoidal(x, { positions, layout: "concat", exponent: "tensor2tensor" });
    assertSum(
      out.data,
      expectedSum(x, (r) => positions[r]!, { layout: "concat", exponent: "tensor2tensor" }),
    );
  });
  await t.step("sparse and far apart (each row computed exactly)", () => {
    const positions = [0, 2 ** 32, 123456789, 7];
    const out = addSinusoidal(x, { positions });
    assertSum(out.data, expectedSum(x, (r) => positions[r % 4]!));
  });
  await t.step("empty sequences", () => {
    const empty = zeros([3, 0, 8]);
    assert.deepEqual(addSinusoidal(empty, { positions: [] }).shape, [3, 0, 8]);
    assert.equal(addSinusoidal(empty).data.length, 0);
  });
});

Deno.test("addSinusoidal() leaves x alone unless inPlace", () => {
  const x = tensor(new Float32Array(3 * 4).fill(0.5), [3, 4]);
  const out = addSinusoidal(x);
  assert.notEqual(out, x);
  assert.ok(x.data.every((v) => v === 0.5));
  const same = addSinusoidal(x, { inPlace: true });
  assert.equal(same, x);
  assert.deepEqual(x.data, out.data);
});

Deno.test("addSinusoidal() rejects bad input with the argument's name", () => {
  const x = zeros([2, 3, 8]);
  assert.throws(() => addSinusoidal(zeros([8])), {
    name: "RangeError",
    message:
      "Invalid x: expected a tensor [..., seq, dim] of rank >= 2 with dim >= 1, got shape [8]",
  });
  assert.throws(() => addSinusoidal(zeros([4, 0])), /Invalid x: .* got shape \[4, 0\]/);
  assert.throws(
    () => addSinusoidal({ shape: [2, 2], data: [1, 2, 3, 4] } as unknown as Tensor),
    { name: "TypeError", message: /^Invalid x: expected a tensor/ },
  );
  assert.throws(() => addSinusoidal(x, { positions: [0, 1] }), {
    name: "RangeError",
    message: "Invalid positions: expected 3 values (one per token) or 6 (one per row of x), got 2",
  });
  assert.throws(() => addSinusoidal(x, { positions: [0, -1, 2] }), {
    name: "RangeError",
    message: "Invalid positions[1]: expected an integer in [0, 4294967296], got -1",
  });
  assert.throws(
    () => addSinusoidal(x, { positions: [0, 1, 2.5] }),
    /Invalid positions\[2\]: expected an integer in \[0, 4294967296\], got 2.5/,
  );
  assert.throws(
    () => addSinusoidal(x, { positions: [0, NaN, 2] }),
    /Invalid positions\[1\]: .* got NaN/,
  );
  assert.throws(() => addSinusoidal(x, { positions: 3 as unknown as number[] }), {
    name: "TypeError",
    message: "Invalid positions: expected an array of integers, got 3",
  });
  assert.throws(() => addSinusoidal(x, { positions: [0, 1, 2], offset: 4 }), {
    name: "RangeError",
    message: "Invalid offset: expected no offset when positions are given, got 4",
  });
  assert.throws(() => addSinusoidal(x, { offset: -2 }), {
    name: "RangeError",
    message: "Invalid offset: expected an integer in [0, 4294967294], got -2",
  });
  assert.throws(() => addSinusoidal(x, { base: 0 }), /Invalid base: expected a finite number > 0/);
});

Deno.test("addSinusoidal() refuses misspelled options and a flag that is not a boolean", () => {
  const x = zeros([1, 2, 4]);
  assert.throws(() => addSinusoidal(x, { inPlace: "false" } as never), {
    name: "TypeError",
    message: 'Invalid inPlace: expected true or false, got "false"',
  });
  assert.deepEqual([...x.data], new Array(8).fill(0)); // nothing was written
  assert.throws(() => addSinusoidal(x, { offest: 3 } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "offest" \(did you mean "offset"\?\)/,
  });
  assert.throws(() => addSinusoidal(x, { positon: [0, 1] } as never), /did you mean "positions"/);
  assert.throws(() => addSinusoidal(zeros([1, 70000]), {}), {
    name: "RangeError",
    message: "Invalid dim: expected an integer in [1, 65536], got 70000",
  });
});
