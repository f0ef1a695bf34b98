import assert from "node:assert/strict";
import { tensor } from "./mod.ts";
import { checkFinite, checkInteger, checkOneOf, checkTensor, formatValue } from "./validate.ts";

Deno.test("checkInteger() accepts integers in range and names the argument otherwise", () => {
  assert.equal(checkInteger("n", 0), 0);
  assert.equal(checkInteger("n", 5, { min: 1, max: 5 }), 5);
  assert.throws(() => checkInteger("n", 6, { min: 1, max: 5 }), {
    name: "RangeError",
    message: "Invalid n: expected an integer in [1, 5], got 6",
  });
  assert.throws(() => checkInteger("n", 0, { min: 0, exclusiveMin: true }), {
    message: "Invalid n: expected an integer > 0, got 0",
  });
  assert.throws(() => checkInteger("n", 9, { max: 8 }), {
    message: "Invalid n: expected an integer <= 8, got 9",
  });
  assert.throws(() => checkInteger("n", NaN), RangeError);
  assert.throws(() => checkInteger("n", null), {
    name: "TypeError",
    message: "Invalid n: expected an integer, got null",
  });
});

Deno.test("checkFinite() rejects NaN, infinities and out-of-range values", () => {
  assert.equal(checkFinite("x", -2.5), -2.5);
  assert.throws(() => checkFinite("x", Infinity), {
    message: "Invalid x: expected a finite number, got Infinity",
  });
  assert.throws(() => checkFinite("factor", 0.5, { min: 1 }), {
    message: "Invalid factor: expected a finite number >= 1, got 0.5",
  });
  assert.throws(() => checkFinite("x", "1"), {
    name: "TypeError",
    message: 'Invalid x: expected a finite number, got "1"',
  });
});

Deno.test("checkOneOf() lists the allowed values", () => {
  assert.equal(checkOneOf("mode", "causal", { allowed: ["causal", "symmetric"] }), "causal");
  assert.throws(() => checkOneOf("mode", 3, { allowed: ["causal", "symmetric"] }), {
    name: "TypeError",
    message: 'Invalid mode: expected one of "causal", "symmetric", got 3',
  });
});

Deno.test("checkTensor() checks the object, its size and its rank", () => {
  const x = tensor([1, 2, 3, 4, 5, 6], [1, 2, 3]);
  assert.equal(checkTensor("x", x), x);
  assert.equal(checkTensor("x", x, { rank: [2, 3] }), x);
  assert.throws(() => checkTensor("x", x, { rank: [2, 4] }), {
    message: "Invalid x: expected a tensor of rank 2 or 4, got shape [1, 2, 3]",
  });
  assert.throws(() => checkTensor("q", { shape: [2], data: [1, 2] }), {
    name: "TypeError",
    message:
      /Invalid q: expected a tensor \(\{ shape: number\[\], data: Float32Array \}\), got an object/,
  });
  assert.throws(() => checkTensor("q", { shape: [-1], data: new Float32Array(0) }), RangeError);
});

Deno.test("formatValue() keeps messages short and unambiguous", () => {
  assert.equal(formatValue("a"), '"a"');
  assert.equal(formatValue(-0), "-0");
  assert.equal(formatValue(undefined), "undefined");
  assert.equal(formatValue([1, 2]), "[1, 2]");
  assert.equal(
    formatValue(new Float32Array(10)),
    "Float32Array[0, 0, 0, 0, 0, 0, 0, 0, ... (10 items)]",
  );
  assert.equal(formatValue(new Map()), "a Map");
  assert.equal(formatValue({}), "an object");
  assert.equal(formatValue(10n), "10n");
});
