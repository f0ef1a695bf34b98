import assert from "node:assert/strict";
import { tensor } from "./mod.ts";
import {
  checkAllocation,
  checkBoolean,
  checkFinite,
  checkInteger,
  checkOneOf,
  checkOptions,
  checkTensor,
  formatValue,
  MAX_ALLOCATION_BYTES,
  type OptionKeys,
} from "./validate.ts";

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

Deno.test("checkOptions() refuses unknown keys and suggests the closest allowed one", async (t) => {
  const allowed = ["causal", "layout", "scale", "inPlace"];
  await t.step("accepts undefined and known keys", () => {
    assert.deepEqual(checkOptions("options", undefined, { allowed }), {});
    const options = { causal: true, scale: 0.5 };
    assert.equal(checkOptions("options", options, { allowed }), options);
  });
  await t.step("names a misspelling and the key it resembles", () => {
    for (
      const [key, near] of [["casual", "causal"], ["layuot", "layout"], ["Scale", "scale"], [
        "inplace",
        "inPlace",
      ]]
    ) {
      assert.throws(() => checkOptions("options", { [key!]: 1 }, { allowed }), {
        name: "TypeError",
        message: new RegExp(`unknown key "${key}" \\(did you mean "${near}"\\?\\)`),
      });
    }
  });
  await t.step("gives no suggestion for a name unlike any allowed one", () => {
    assert.throws(() => checkOptions("opts", { fallback: 1 }, { allowed }), {
      message: 'Invalid opts: unknown key "fallback"; expected keys among "causal", "layout", ' +
        '"scale", "inPlace"',
    });
  });
  await t.step("suggests the long name a shortened key starts", () => {
    assert.throws(
      () => checkOptions("options", { inPl: true }, { allowed }),
      /unknown key "inPl" \(did you mean "inPlace"\?\)/,
    );
    assert.throws(
      () => checkOptions("options", { maxRelativePos: 3 }, { allowed: ["maxRelativePosition"] }),
      /unknown key "maxRelativePos" \(did you mean "maxRelativePosition"\?\)/,
    );
    // Two letters say too little to suggest anything.
    assert.throws(() => checkOptions("options", { ca: 1 }, { allowed }), {
      message: /unknown key "ca"; expected/,
    });
  });
  await t.step("accepts an OptionKeys record", () => {
    interface Example {
      causal?: boolean;
      scale?: number;
    }
    const keys: OptionKeys<Example> = { causal: true, scale: true };
    assert.throws(() => checkOptions("options", { sacle: 1 }, { allowed: keys }), /"scale"/);
  });
  await t.step("rejects values that are not options objects", () => {
    for (const bad of [null, 5, "causal", [1]]) {
      assert.throws(
        () => checkOptions("options", bad as unknown as object, { allowed }),
        { name: "TypeError", message: /^Invalid options: expected an options object, got / },
      );
    }
  });
});

Deno.test("checkBoolean() refuses truthy strings and numbers", () => {
  assert.equal(checkBoolean("inPlace", false), false);
  for (const bad of ["false", 0, 1, null, undefined]) {
    assert.throws(() => checkBoolean("inPlace", bad), { name: "TypeError" });
  }
});

Deno.test("checkAllocation() refuses buffers over 2 GiB before anything is allocated", () => {
  assert.equal(MAX_ALLOCATION_BYTES, 2 ** 31);
  assert.equal(checkAllocation("x", 2 ** 29), 2 ** 29); // exactly 2 GiB of float32
  assert.throws(() => checkAllocation("table [length, dim] = [2147483648, 2]", 2 ** 32), {
    name: "RangeError",
    message: "Invalid table [length, dim] = [2147483648, 2]: expected at most 536870912 " +
      "elements (2 GiB), got 4294967296 elements (16 GiB)",
  });
  assert.equal(checkAllocation("x", 2 ** 28, { bytesPerElement: 8 }), 2 ** 28);
  assert.throws(
    () => checkAllocation("x", 2 ** 28 + 1, { bytesPerElement: 8 }),
    /expected at most 268435456 elements \(2 GiB\), got 268435457 elements \(2 GiB\)/,
  );
  assert.throws(() => checkAllocation("x", Infinity), /got Infinity elements/);
});
