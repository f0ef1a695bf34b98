import assert from "node:assert/strict";
import { sizeOf, tensor, zeros } from "./mod.ts";

Deno.test("sizeOf() multiplies dimensions", () => {
  assert.equal(sizeOf([2, 3, 4]), 24);
  assert.equal(sizeOf([5]), 5);
  assert.equal(sizeOf([]), 1);
  assert.equal(sizeOf([3, 0, 7]), 0);
});

Deno.test("sizeOf() rejects bad dimensions with the axis and value", async (t) => {
  for (
    const [shape, pattern] of [
      [[2, -1], /dimension 1 is -1, expected a non-negative integer/],
      [[2.5], /dimension 0 is 2.5/],
      [[NaN], /dimension 0 is NaN/],
      [[Infinity, 2], /dimension 0 is Infinity/],
      [[2, "3"], /dimension 1 is "3"/],
    ] as const
  ) {
    await t.step(String(shape), () => {
      assert.throws(() => sizeOf(shape as unknown as number[]), {
        name: "RangeError",
        message: pattern,
      });
    });
  }
  await t.step("not an array", () => {
    assert.throws(() => sizeOf(3 as unknown as number[]), {
      name: "TypeError",
      message: /Invalid shape: expected an array/,
    });
  });
  await t.step("too many elements", () => {
    assert.throws(() => sizeOf([2 ** 30, 2 ** 30, 2 ** 30]), /more elements than can be addressed/);
  });
});

Deno.test("tensor() wraps a Float32Array without copying", () => {
  const data = new Float32Array([1, 2, 3, 4, 5, 6]);
  const t = tensor(data, [3, 2]);
  assert.equal(t.data, data);
  assert.deepEqual(t.shape, [3, 2]);
  data[0] = 9;
  assert.equal(t.data[0], 9);
});

Deno.test("tensor() copies other array-likes into float32", () => {
  const t = tensor([0.1, 2, 3], [3]);
  assert.ok(t.data instanceof Float32Array);
  assert.equal(t.data[0], Math.fround(0.1));
  const fromF64 = tensor(new Float64Array([1.5, 2.5]), [2]);
  assert.deepEqual([...fromF64.data], [1.5, 2.5]);
});

Deno.test("tensor() freezes a copy of the shape", () => {
  const shape = [2, 2];
  const t = tensor([1, 2, 3, 4], shape);
  shape[0] = 7;
  assert.deepEqual(t.shape, [2, 2]);
  assert.ok(Object.isFrozen(t.shape));
});

Deno.test("tensor() rejects a size mismatch and non-arrays", () => {
  assert.throws(() => tensor([1, 2, 3], [2, 2]), {
    name: "RangeError",
    message: "Invalid data for shape [2, 2]: expected 4 elements, got 3 elements",
  });
  assert.throws(() => tensor(new Float32Array(4), [2, -2]), RangeError);
  assert.throws(() => tensor(null as unknown as number[], [1]), {
    name: "TypeError",
    message: /Invalid data: expected a Float32Array or an array of numbers, got null/,
  });
});

Deno.test("zeros() allocates a zero-filled tensor of the shape", () => {
  const t = zeros([2, 3]);
  assert.equal(t.data.length, 6);
  assert.ok(t.data.every((v) => v === 0));
  assert.deepEqual(zeros([]).data, new Float32Array(1));
  assert.throws(() => zeros([1.5]), RangeError);
});

Deno.test("zeros() names the shape instead of leaking engine errors", async (t) => {
  await t.step("no shape", () => {
    assert.throws(() => zeros(undefined as unknown as number[]), {
      name: "TypeError",
      message: "Invalid shape: expected an array of non-negative integers, got undefined",
    });
  });
  await t.step("more than 2 GiB is refused before allocating", () => {
    assert.throws(() => zeros([1e9]), {
      name: "RangeError",
      message: "Invalid shape [1000000000]: expected at most 536870912 elements (2 GiB), " +
        "got 1000000000 elements (3.73 GiB)",
    });
    assert.throws(() => zeros([2 ** 20, 2 ** 20]), /expected at most 536870912 elements/);
  });
});

Deno.test("tensor() refuses data that is not numbers instead of storing NaN", async (t) => {
  await t.step("BigInts", () => {
    assert.throws(() => tensor([1n, 2n] as unknown as number[], [2]), {
      name: "TypeError",
      message: "Invalid data[0]: expected a number, got 1n",
    });
    assert.throws(() => tensor(new BigInt64Array(2) as unknown as number[], [2]), {
      name: "TypeError",
      message: /Invalid data: expected a Float32Array or an array of numbers, got BigInt64Array/,
    });
  });
  await t.step("strings and objects", () => {
    assert.throws(() => tensor(["a", {}] as unknown as number[], [2]), {
      name: "TypeError",
      message: 'Invalid data[0]: expected a number, got "a"',
    });
    assert.throws(() => tensor([1, {}] as unknown as number[], [2]), {
      name: "TypeError",
      message: "Invalid data[1]: expected a number, got an object",
    });
  });
  await t.step("NaN is a number and is kept; typed arrays are converted", () => {
    assert.ok(Number.isNaN(tensor([NaN], [1]).data[0]));
    assert.deepEqual([...tensor(new Int32Array([3, -4]), [2]).data], [3, -4]);
    assert.deepEqual([...tensor(new Float64Array([0.1]), [1]).data], [Math.fround(0.1)]);
  });
});
