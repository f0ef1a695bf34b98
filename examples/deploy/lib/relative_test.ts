import assert from "node:assert/strict";
import { alibiBias, alibiSlopes } from "@posenc/alibi";
import { t5Bias, t5RelativeBucket } from "@posenc/relative";
import { randomNormal } from "@posenc/tensor";
import { parsePanel, RELATIVE, withLabels } from "./params.ts";
import { bucketRuns, computeRelative } from "./relative.ts";

const CASES: Record<string, string>[] = [
  {},
  { mode: "causal" },
  { numBuckets: "8", maxDistance: "20", heads: "12", head: "9" },
  { mode: "causal", numBuckets: "2", maxDistance: "2", heads: "1" },
  { mode: "causal", numBuckets: "256", maxDistance: "65536", heads: "64", head: "64" },
  { numBuckets: "64", maxDistance: "17", length: "256", seed: "42", heads: "3", head: "3" },
];

Deno.test("computeRelative() plots @posenc/relative's buckets and bias and ALiBi's line", async (t) => {
  for (const input of CASES) {
    await t.step(JSON.stringify(input), () => {
      const values = parsePanel("relative", input);
      const { mode, numBuckets, maxDistance, heads, head, length, seed } = values;
      const bidirectional = mode === "bidirectional";
      const options = { bidirectional, numBuckets, maxDistance };
      const data = computeRelative(values);
      assert.equal(data.range, 2 * maxDistance);

      // The runs cover [-range, range] left to right, each position in the package's bucket.
      assert.equal(data.buckets[0]!.from, -data.range);
      assert.equal(data.buckets.at(-1)!.to, data.range);
      assert.ok(data.buckets.length <= numBuckets, `${data.buckets.length} runs`);
      let next = -data.range;
      for (const { from, to, bucket } of data.buckets) {
        assert.equal(from, next);
        assert.ok(to >= from);
        // Every position of short ranges; the ends and a stride of long ones.
        const step = Math.max(1, Math.floor((to - from) / 64));
        for (let d = from; d <= to; d += step) {
          assert.equal(bucket, t5RelativeBucket(d, options), `relative position ${d}`);
        }
        assert.equal(bucket, t5RelativeBucket(to, options), `relative position ${to}`);
        next = to + 1;
      }
      // The exact buckets: a run each, at distances 1 to maxExact - 1 before the query.
      const sideBuckets = bidirectional ? numBuckets / 2 : numBuckets;
      assert.equal(data.maxExact, Math.floor(sideBuckets / 2));
      for (let d = 1; d < data.maxExact; d++) {
        assert.ok(data.buckets.some((r) => r.from === -d && r.to === -d && r.bucket === d));
      }

      // ALiBi: the package's slope, -slope · distance at both ends of the range.
      const slope = alibiSlopes(heads)[head - 1]!;
      assert.equal(data.slope, slope);
      const row = alibiBias(1, 1, data.range + 1, { mode: "causal", slopes: [slope] }).data;
      const far = data.alibi.find((p) => p.relative === -data.range)!;
      assert.ok(Math.abs(far.bias - row[0]!) <= 1e-6 * Math.abs(row[0]!), `${far.bias}`);
      assert.deepEqual(data.alibi.find((p) => p.relative === 0), { relative: 0, bias: 0 });
      assert.equal(data.alibi.length, bidirectional ? 3 : 2, "causal ALiBi masks later keys");

      // T5's bias: the chosen head's slice of t5Bias over the whole seeded weight.
      const weight = randomNormal([numBuckets, heads], { seed });
      const full = t5Bias(weight, {
        queryLength: length,
        keyLength: length,
        bidirectional,
        maxDistance,
      });
      const plane = length * length;
      assert.deepEqual(
        data.bias.values,
        Array.from(full.data.subarray((head - 1) * plane, head * plane)),
      );
      assert.deepEqual(data.bias.positions, Array.from({ length }, (_, i) => i));
      assert.deepEqual(
        data.weight,
        Array.from({ length: numBuckets }, (_, b) => weight.data[b * heads + head - 1]),
      );
    });
  }
});

Deno.test("bucketRuns() groups equal neighbours", () => {
  assert.deepEqual(bucketRuns([3, 3, 2, 0, 0, 0], -2), [
    { from: -2, to: -1, bucket: 3 },
    { from: 0, to: 0, bucket: 2 },
    { from: 1, to: 3, bucket: 0 },
  ]);
  assert.deepEqual(bucketRuns([], 0), []);
});

Deno.test("the relative panel refuses exactly what t5RelativeBucket refuses, in the controls' words", () => {
  for (const mode of ["bidirectional", "causal"] as const) {
    for (let numBuckets = 2; numBuckets <= 24; numBuckets++) {
      for (let maxDistance = 2; maxDistance <= 16; maxDistance++) {
        const input = { mode, numBuckets: String(numBuckets), maxDistance: String(maxDistance) };
        let packageError: unknown = null;
        try {
          t5RelativeBucket(0, { bidirectional: mode === "bidirectional", numBuckets, maxDistance });
        } catch (e) {
          packageError = e;
        }
        const what = JSON.stringify(input);
        if (packageError === null) parsePanel("relative", input);
        else assert.throws(() => parsePanel("relative", input), RangeError, what);
      }
    }
  }
  const message = (input: Record<string, string>) => {
    try {
      parsePanel("relative", input);
    } catch (e) {
      return withLabels(RELATIVE, (e as Error).message);
    }
    throw new Error("accepted");
  };
  assert.equal(
    message({ numBuckets: "33" }),
    "Invalid buckets: expected an even integer >= 4 in bidirectional mode (half the buckets for keys before the query, half for keys after), got 33",
  );
  assert.equal(
    message({ maxDistance: "8" }),
    "Invalid max distance: expected an integer > 8 (with 32 bidirectional buckets, distances below 8 get a bucket each and the logarithmic buckets run from there to max distance), got 8",
  );
  assert.equal(
    message({ mode: "causal", maxDistance: "16" }),
    "Invalid max distance: expected an integer > 16 (with 32 causal buckets, distances below 16 get a bucket each and the logarithmic buckets run from there to max distance), got 16",
  );
  assert.equal(
    message({ numBuckets: "512" }),
    "Invalid buckets: expected an integer in [2, 256], got 512",
  );
  assert.equal(
    message({ heads: "4", head: "5" }),
    "Invalid head shown: expected an integer in [1, 4], got 5",
  );
});
