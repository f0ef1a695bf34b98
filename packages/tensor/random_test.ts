import assert from "node:assert/strict";
import { randomNormal } from "./mod.ts";
import { fillStandardNormal, portableLog, Xoshiro128 } from "./_random.ts";

Deno.test("randomNormal() gives the documented algorithm's numbers", () => {
  // Pinned from this implementation and reproduced independently in Python
  // (same xoshiro128**/SplitMix32/polar method, libm log): any change to the
  // algorithm breaks reproducibility for users and must fail here.
  assert.deepEqual([...randomNormal([8], { seed: 0 }).data], [
    -0.5867395997047424,
    1.3688077926635742,
    0.0497201569378376,
    -1.3023443222045898,
    0.020685279741883278,
    -0.3097575902938843,
    0.07220140844583511,
    1.0932265520095825,
  ]);
  assert.deepEqual([...randomNormal([4], { seed: 2 ** 40 + 5, mean: 1, std: 2 }).data], [
    2.3204686641693115,
    -0.4737177789211273,
    1.6858938932418823,
    1.9444667100906372,
  ]);
});

Deno.test("randomNormal() is reproducible, seed-dependent and shaped", () => {
  const a = randomNormal([3, 5, 7], { seed: 123 });
  assert.deepEqual(a.shape, [3, 5, 7]);
  assert.deepEqual(a.data, randomNormal([3, 5, 7], { seed: 123 }).data);
  assert.notDeepEqual(a.data, randomNormal([3, 5, 7], { seed: 124 }).data);
  // A longer draw starts with the same numbers (prefix property).
  assert.deepEqual(
    randomNormal([10], { seed: 9 }).data.subarray(0, 5),
    randomNormal([5], { seed: 9 }).data,
  );
  assert.equal(randomNormal([0]).data.length, 0);
});

Deno.test("randomNormal() has the requested mean and standard deviation", () => {
  const n = 200_000;
  for (const [mean, std] of [[0, 1], [3, 0.5]] as const) {
    const { data } = randomNormal([n], { seed: 5, mean, std });
    let sum = 0;
    for (const v of data) sum += v;
    const m = sum / n;
    let sq = 0;
    for (const v of data) sq += (v - m) ** 2;
    const s = Math.sqrt(sq / (n - 1));
    assert.ok(Math.abs(m - mean) < 5 * std / Math.sqrt(n), `mean ${m}`);
    assert.ok(Math.abs(s / std - 1) < 0.01, `std ${s}`);
    // Tails: about 4.55% of a normal lies beyond 2 sigma.
    const beyond = data.filter((v) => Math.abs(v - mean) > 2 * std).length / n;
    assert.ok(Math.abs(beyond - 0.0455) < 0.003, `tail ${beyond}`);
  }
  assert.ok(randomNormal([4], { std: 0, mean: 2 }).data.every((v) => v === 2));
});

Deno.test("randomNormal() rejects bad options", () => {
  assert.throws(() => randomNormal([2], { seed: -1 }), {
    name: "RangeError",
    message: /Invalid seed: expected an integer in \[0, 9007199254740991\], got -1/,
  });
  assert.throws(() => randomNormal([2], { seed: 1.5 }), /Invalid seed/);
  assert.throws(
    () => randomNormal([2], { std: -1 }),
    /Invalid std: expected a finite number >= 0, got -1/,
  );
  assert.throws(() => randomNormal([2], { std: NaN }), /Invalid std/);
  assert.throws(() => randomNormal([2], { mean: Infinity }), /Invalid mean/);
  assert.throws(() => randomNormal([-2]), /dimension 0 is -2/);
});

Deno.test("portableLog() agrees with Math.log to a few ulp over the polar method's range", () => {
  let worst = 0;
  for (let i = 1; i <= 20_000; i++) {
    const x = (i / 20_000) ** 3; // dense near 0, where the polar method's s can land
    const ulp = Math.abs(Math.log(x)) * Number.EPSILON;
    worst = Math.max(
      worst,
      Math.abs(portableLog(x) - Math.log(x)) / Math.max(ulp, Number.MIN_VALUE),
    );
  }
  assert.ok(worst <= 4, `worst error ${worst} ulp`);
  assert.equal(portableLog(1), 0);
  assert.equal(portableLog(2 ** -60), -60 * Math.LN2);
});

Deno.test("randomNormal() draws in chunks with the same numbers as one pass", () => {
  // 2 * 65536 + 5 samples cross two chunk boundaries; one fillStandardNormal
  // pass over all of them is the algorithm's definition.
  const n = 2 * 65536 + 5;
  const oneDraw = new Float64Array(n);
  fillStandardNormal(new Xoshiro128(77), oneDraw, n);
  assert.deepEqual(randomNormal([n], { seed: 77 }).data, Float32Array.from(oneDraw));
});

Deno.test("randomNormal() refuses sizes, options and values it cannot honour", async (t) => {
  await t.step("a size no tensor should have fails at once", () => {
    assert.throws(() => randomNormal([1e9]), {
      name: "RangeError",
      message: /Invalid shape \[1000000000\]: expected at most 536870912 elements \(2 GiB\)/,
    });
  });
  await t.step("options that are not an object, or misspelled", () => {
    assert.throws(() => randomNormal([2], null as unknown as undefined), {
      name: "TypeError",
      message: "Invalid options: expected an options object, got null",
    });
    assert.throws(() => randomNormal([2], { sed: 5 } as never), {
      name: "TypeError",
      message: /Invalid options: unknown key "sed" \(did you mean "seed"\?\)/,
    });
  });
  await t.step("a mean or std whose samples overflow float32", () => {
    for (const options of [{ mean: 1e300 }, { std: 1e300 }, { mean: -1e38, std: 3e37 }]) {
      assert.throws(() => randomNormal([4], options), {
        name: "RangeError",
        message:
          /Invalid mean and std: expected \|mean\| \+ 10 \* std <= 3\.40282346638528\d*e\+38/,
      });
    }
    // The bound is not too strict: the largest allowed values stay finite.
    const { data } = randomNormal([10000], { mean: 3e38, std: 3e36, seed: 3 });
    assert.ok(data.every(Number.isFinite));
  });
});
