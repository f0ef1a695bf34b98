// Sizes no model has fail at once, values outside float32 are refused rather
// than turned into NaN, and misspelled option keys are named.
import assert from "node:assert/strict";
import { zeros } from "@posenc/tensor";
import {
  applyRope,
  mropePositions,
  multimodalRopeCache,
  relativeDecayBound,
  ropeCache,
  ropeFrequencies,
} from "./mod.ts";
import { powf32, ropePowers } from "./float32.ts";

Deno.test("ropeFrequencies() refuses a rotary dim no model has, at once", () => {
  assert.throws(() => ropeFrequencies(2 ** 31), {
    name: "RangeError",
    message: "Invalid rotaryDim: expected an even integer in [2, 65536], got 2147483648",
  });
  assert.equal(ropeFrequencies(65536).invFreq.length, 32768);
});

Deno.test("ropeFrequencies() refuses a base whose powers float32 cannot hold", () => {
  for (const base of [1e300, 1e39, 1e-39, 5e-324]) {
    assert.throws(() => ropeFrequencies(64, { base }), {
      name: "RangeError",
      message: `Invalid base: expected a finite number > 0 within float32's normal range, got ${
        String(base)
      }`,
    });
  }
  // The edges of the range still give finite frequencies.
  for (const base of [3.4028234663852886e38, 1.1754943508222875e-38]) {
    assert.ok(ropeFrequencies(64, { base }).invFreq.every(Number.isFinite));
  }
  assert.throws(() => ropeFrequencies(64, { bas: 10 } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "bas" \(did you mean "base"\?\)/,
  });
});

Deno.test("powf32() refuses input outside float32's domain instead of returning NaN", () => {
  for (
    const [x, y, name] of [
      [1e300, 0.5, "x"],
      [3.5e38, 0.5, "x"],
      [1e-50, 0.5, "x"],
      [
        1e-40,
        0.5,
        "x",
      ],
      [2, 1e39, "y"],
      [2, -1e39, "y"],
    ] as const
  ) {
    assert.throws(() => powf32(x, y), {
      name: "RangeError",
      message: new RegExp(`^Invalid ${name}: `),
    });
  }
  // A result beyond float32 overflows to Infinity or 0, as C's powf does.
  assert.equal(powf32(2, 128), Infinity);
  assert.equal(powf32(2, -150), 0);
  assert.equal(powf32(1.1754943508222875e-38, 1), 1.1754943508222875e-38);
});

Deno.test("ropePowers() checks its count, base, denominator and option keys", () => {
  assert.throws(() => ropePowers(2 ** 20), {
    name: "RangeError",
    message: "Invalid count: expected an integer in [0, 32768], got 1048576",
  });
  assert.throws(() => ropePowers(4, { base: 1e300 }), /within float32's normal range/);
  assert.throws(() => ropePowers(4, { denominator: 1e-300 }), {
    name: "RangeError",
    message: /^Invalid denominator: expected one that keeps the exponents 2i \/ denominator finite/,
  });
  assert.throws(() => ropePowers(4, { denom: 8 } as never), /did you mean "denominator"/);
});

Deno.test("ropeCache() refuses a table over 2 GiB before allocating", () => {
  const frequencies = ropeFrequencies(128);
  assert.throws(() => ropeCache(frequencies, 2 ** 24 + 1), {
    name: "RangeError",
    message: "Invalid cache [positions, pairs] = [16777217, 64]: expected at most 536870912 " +
      "elements (2 GiB), got 1073741888 elements (4 GiB)",
  });
  assert.throws(
    () => ropeCache(frequencies, 2 ** 30, { angles: "float64" }),
    /^RangeError: Invalid cache \[positions, pairs\] = \[1073741824, 64\]/,
  );
  assert.throws(() => ropeCache(frequencies, 4, { angle: "float64" } as never), {
    name: "TypeError",
    message: /unknown key "angle" \(did you mean "angles"\?\)/,
  });
});

Deno.test("relativeDecayBound() refuses hours of work at once", () => {
  const frequencies = ropeFrequencies(128);
  const started = performance.now();
  assert.throws(() => relativeDecayBound(frequencies, 1e9), {
    name: "RangeError",
    message: /^Invalid maxDistance: expected at most 1048575 for 64 pairs .* got 1000000000$/,
  });
  assert.ok(performance.now() - started < 1000);
  assert.equal(relativeDecayBound(ropeFrequencies(4), 10).length, 11);
});

Deno.test("applyRope() refuses misspelled option keys", () => {
  const x = zeros([1, 1, 2, 8]);
  const frequencies = ropeFrequencies(8);
  assert.throws(() => applyRope(x, frequencies, { layuot: "bshd" } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "layuot" \(did you mean "layout"\?\)/,
  });
  assert.throws(() => applyRope(x, frequencies, { offest: 3 } as never), /did you mean "offset"/);
  assert.throws(
    () => applyRope(x, frequencies, { inplace: true } as never),
    /did you mean "inPlace"/,
  );
});

Deno.test("mropePositions() refuses prompts no model has and ids that would wrap", () => {
  assert.throws(() => mropePositions([{ text: 1e9 }]), {
    name: "RangeError",
    message:
      "Invalid segments[0].text: the prompt would have 1000000000 tokens, expected at most " +
      "2^24 = 16777216",
  });
  assert.throws(() => mropePositions([{ text: 4 }, { image: [1, 2 ** 20, 2 ** 20] }]), {
    name: "RangeError",
    message: /^Invalid segments\[1\]\.image: the prompt would have 274877906948 tokens/,
  });
  assert.throws(
    () => mropePositions([{ video: [4, 2, 2], secondsPerGrid: 1e9, tokensPerSecond: 2 }]),
    {
      name: "RangeError",
      message: /^Invalid segments\[0\]: its ids would reach 6\d{9}, expected at most 2\^31 - 1/,
    },
  );
  assert.throws(() => mropePositions([{ txt: 3 } as never]), /expected \{ text \}, \{ image \}/);
  assert.throws(() => mropePositions([{ text: 3, image: [1, 2, 2] } as never]), {
    name: "TypeError",
    message: /^Invalid segments\[0\]: unknown key "image"; expected keys among "text"$/,
  });
  assert.throws(
    () =>
      multimodalRopeCache(ropeFrequencies(8), mropePositions([{ text: 2 }]), {
        section: [2, 1, 1],
        angle: "float64",
      } as never),
    /unknown key "angle" \(did you mean "angles"\?\)/,
  );
});
