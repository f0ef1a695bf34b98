import assert from "node:assert/strict";
import { allClose, assertAllClose, maxAbsDiff, tensor } from "./mod.ts";

Deno.test("allClose() follows NumPy's rule", async (t) => {
  await t.step("default tolerances rtol 1e-5, atol 1e-8", () => {
    assert.equal(allClose([1000], [1000.009]), true);
    assert.equal(allClose([1000], [1000.02]), false);
    assert.equal(allClose([0], [1e-9]), true);
    assert.equal(allClose([0], [1e-7]), false);
  });
  await t.step("tolerance is relative to expected (second operand)", () => {
    assert.equal(allClose([1.09], [1], { rtol: 0.1, atol: 0 }), true);
    assert.equal(allClose([1], [0.9], { rtol: 0.1, atol: 0 }), false);
  });
  await t.step("NaN and infinities", () => {
    assert.equal(allClose([NaN], [NaN]), false);
    assert.equal(allClose([NaN], [NaN], { equalNan: true }), true);
    assert.equal(allClose([NaN], [1], { equalNan: true }), false);
    assert.equal(allClose([Infinity, -Infinity], [Infinity, -Infinity]), true);
    assert.equal(allClose([Infinity], [1e38], { rtol: 1 }), false);
  });
  await t.step("tensors and arrays mix", () => {
    assert.equal(allClose(tensor([1, 2], [2]), [1, 2]), true);
    assert.equal(allClose([], []), true);
  });
});

Deno.test("allClose() rejects shape mismatches and bad tolerances", () => {
  assert.throws(() => allClose(tensor([1, 2, 3, 4], [2, 2]), tensor([1, 2, 3, 4], [4])), {
    name: "RangeError",
    message: "Cannot compare tensors of different shapes: actual [2, 2], expected [4]",
  });
  assert.throws(
    () => allClose([1, 2], [1]),
    /different lengths: actual has 2 elements, expected has 1/,
  );
  assert.throws(
    () => allClose([1], [1], { rtol: NaN }),
    /Invalid rtol: expected a finite number >= 0, got NaN/,
  );
  assert.throws(() => allClose([1], [1], { atol: -1 }), /Invalid atol/);
  assert.throws(() => allClose(5 as never, [1]), { name: "TypeError", message: /Invalid actual/ });
});

Deno.test("assertAllClose() passes quietly when close", () => {
  assertAllClose(tensor([1, 2, 3], [3]), tensor([1, 2, 3], [3]), { rtol: 0, atol: 0 });
  assertAllClose([1, 2], [1.0000001, 2], { atol: 1e-6 });
});

Deno.test("assertAllClose() reports the worst element with index, values and tolerances", () => {
  const expected = tensor([0, 1, 2, 3, 4, 5], [2, 3]);
  const actual = tensor([0, 1.01, 2, 3, 4.5, 5], [2, 3]);
  try {
    assertAllClose(actual, expected, { rtol: 0, atol: 1e-3, message: "rope q" });
    assert.fail("expected an AssertionError");
  } catch (error) {
    assert.ok(error instanceof Error);
    assert.equal(error.name, "AssertionError");
    assert.match(error.message, /^rope q: 2 of 6 elements are not close \(rtol 0, atol 0\.001\); /);
    assert.match(error.message, /worst at index \[1, 1\] \(flat 4\): actual 4\.5, expected 4, /);
    assert.match(error.message, /\|diff\| 0\.5 > allowed 0\.001$/);
  }
});

Deno.test("assertAllClose() treats NaN as the worst mismatch", () => {
  assert.throws(
    () => assertAllClose([1, NaN, 3], [1.5, 2, 3], { atol: 0.1 }),
    /worst at index \[1\]: actual NaN, expected 2/,
  );
  assertAllClose([NaN], [NaN], { equalNan: true });
  assert.throws(() => assertAllClose([1], [1, 2]), RangeError);
});

Deno.test("maxAbsDiff() is the largest difference and NaN-aware", () => {
  assert.equal(maxAbsDiff([1, 2, 3], [1, 2.5, 2]), 1);
  assert.equal(maxAbsDiff(tensor([1, 2], [2]), tensor([1, 2], [2])), 0);
  assert.equal(maxAbsDiff([], []), 0);
  assert.equal(maxAbsDiff([Infinity], [Infinity]), 0);
  assert.equal(maxAbsDiff([Infinity], [0]), Infinity);
  assert.ok(Number.isNaN(maxAbsDiff([NaN], [NaN])));
  assert.ok(Number.isNaN(maxAbsDiff([0, 1], [0, NaN])));
  assert.throws(() => maxAbsDiff([1], [1, 2]), RangeError);
});

Deno.test("allClose() and assertAllClose() refuse misspelled options and wrong types", () => {
  assert.throws(() => allClose([1], [1], { rtl: 1 } as never), {
    name: "TypeError",
    message: /Invalid options: unknown key "rtl" \(did you mean "rtol"\?\)/,
  });
  // `message` belongs to the assertion only.
  assert.throws(() => allClose([1], [1], { message: "x" } as never), /unknown key "message"/);
  assert.throws(() => assertAllClose([1], [1], { atl: 0 } as never), /did you mean "atol"/);
  assert.throws(() => allClose([NaN], [NaN], { equalNan: "yes" } as never), {
    name: "TypeError",
    message: 'Invalid equalNan: expected true or false, got "yes"',
  });
  assert.throws(() => assertAllClose([1], [1], { message: 5 } as never), {
    name: "TypeError",
    message: "Invalid message: expected a string, got 5",
  });
});
