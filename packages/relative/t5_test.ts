import assert from "node:assert/strict";
import { assertAllClose, tensor } from "@posenc/tensor";
import { t5Bias, t5Buckets, t5RelativeBucket } from "./mod.ts";

interface BucketCase {
  family: "t5_bucket";
  id: string;
  args: { bidirectional: boolean; numBuckets: number; maxDistance: number };
  relativePosition: number[];
  bucket: number[];
}
interface BiasCase {
  family: "t5_bias";
  id: string;
  args: {
    bidirectional: boolean;
    numBuckets: number;
    maxDistance: number;
    qLen: number;
    kLen: number;
    queryOffset: number;
  };
  weight: number[];
  bias: number[];
  biasShape: number[];
}

// Hugging Face transformers' own T5Attention functions (see meta in the file).
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/t5_golden.json", import.meta.url)),
) as { cases: (BucketCase | BiasCase)[] };

Deno.test("t5RelativeBucket equals HF's _relative_position_bucket on every golden case", async (t) => {
  const cases = golden.cases.filter((c): c is BucketCase => c.family === "t5_bucket");
  assert.ok(cases.length >= 2);
  for (const c of cases) {
    await t.step(c.id, () => {
      const actual = c.relativePosition.map((r) => t5RelativeBucket(r, c.args));
      assert.deepEqual(actual, c.bucket);
    });
  }
});

Deno.test("t5Bias equals HF's compute_bias on every golden case", async (t) => {
  const cases = golden.cases.filter((c): c is BiasCase => c.family === "t5_bias");
  assert.ok(cases.length >= 2);
  for (const c of cases) {
    await t.step(c.id, () => {
      const { numBuckets, qLen, kLen, queryOffset, bidirectional, maxDistance } = c.args;
      const heads = c.weight.length / numBuckets;
      const bias = t5Bias(tensor(c.weight, [numBuckets, heads]), {
        queryLength: qLen,
        keyLength: kLen,
        queryOffset,
        bidirectional,
        maxDistance,
      });
      assert.deepEqual(bias.shape, c.biasShape);
      assertAllClose(bias, c.bias, { atol: 1e-6, rtol: 0 });
    });
  }
});

const CONFIGS = [
  { bidirectional: true, numBuckets: 32, maxDistance: 128 },
  { bidirectional: false, numBuckets: 32, maxDistance: 128 },
  { bidirectional: true, numBuckets: 64, maxDistance: 256 },
  { bidirectional: false, numBuckets: 8, maxDistance: 20 },
  { bidirectional: true, numBuckets: 4, maxDistance: 2 },
] as const;

Deno.test("t5RelativeBucket properties", async (t) => {
  for (const config of CONFIGS) {
    const name = JSON.stringify(config);
    await t.step(
      `${name}: non-decreasing in distance, exact below maxExact, last bucket far out`,
      () => {
        const side = config.bidirectional ? config.numBuckets / 2 : config.numBuckets;
        const maxExact = Math.floor(side / 2);
        let previous = -1;
        for (let distance = 0; distance <= 4 * config.maxDistance; distance++) {
          const bucket = t5RelativeBucket(-distance, config);
          assert.ok(bucket >= previous, `distance ${distance}: ${bucket} < ${previous}`);
          assert.ok(bucket < side);
          if (distance < maxExact) assert.equal(bucket, distance);
          if (distance >= config.maxDistance) assert.equal(bucket, side - 1);
          previous = bucket;
        }
      },
    );
    await t.step(`${name}: future keys`, () => {
      for (let distance = 1; distance <= 3 * config.maxDistance; distance++) {
        if (config.bidirectional) {
          // A key after the query takes the mirror bucket in the second half.
          assert.equal(
            t5RelativeBucket(distance, config),
            t5RelativeBucket(-distance, config) + config.numBuckets / 2,
          );
        } else {
          assert.equal(t5RelativeBucket(distance, config), 0);
        }
      }
    });
  }
});

Deno.test("t5RelativeBucket lands on the integer where the log ratio is exact", () => {
  // log(r / 8) / log(16) * 8 is exactly 2, 4 and 6 at r = 16, 32, 64: float32
  // rounding must not pull these below the integer.
  const options = { bidirectional: true, numBuckets: 32, maxDistance: 128 };
  assert.deepEqual([16, 32, 64].map((r) => t5RelativeBucket(-r, options)), [10, 12, 14]);
  assert.deepEqual([15, 31, 63].map((r) => t5RelativeBucket(-r, options)), [9, 11, 13]);
  // Causal: log(r / 16) / log(8) * 16 is 16/3·k; r = 32 gives 16/3 -> 5.
  assert.equal(t5RelativeBucket(-32, { bidirectional: false }), 21);
  assert.equal(t5RelativeBucket(-128, { bidirectional: false }), 31);
  assert.equal(t5RelativeBucket(-127, { bidirectional: false }), 31);
});

Deno.test("t5RelativeBucket takes the float32 side where float64 would round down", () => {
  // 18 buckets, bidirectional: 9 per side, maxExact 4, 5 logarithmic buckets up to 128.
  // At r = 8, 16, 64 the exact value 5·log(r/4)/log(32) is the integer 1, 2, 4: torch's
  // float32 ops give exactly that, float64 gives 0.99999..., 1.99999..., 3.99999....
  const options = { bidirectional: true, numBuckets: 18, maxDistance: 128 };
  const float64 = (r: number) => 4 + Math.trunc(Math.log(r / 4) / Math.log(128 / 4) * 5);
  assert.deepEqual([8, 16, 64].map(float64), [4, 5, 7]);
  assert.deepEqual([8, 16, 64].map((r) => t5RelativeBucket(-r, options)), [5, 6, 8]);
  assert.deepEqual([8, 16, 64].map((r) => t5RelativeBucket(r, options)), [14, 15, 17]);
});

Deno.test("t5Buckets and t5Bias with a KV-cache queryOffset", async (t) => {
  await t.step("buckets are t5RelativeBucket of j - (queryOffset + i)", () => {
    const options = { bidirectional: false, queryOffset: 37 };
    const buckets = t5Buckets(3, 45, options);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 45; j++) {
        assert.equal(buckets[i * 45 + j], t5RelativeBucket(j - 37 - i, { bidirectional: false }));
      }
    }
  });
  await t.step("the new token's bias is the last row of the full bias", () => {
    const weight = tensor(Array.from({ length: 32 * 3 }, (_, i) => Math.sin(i)), [32, 3]);
    const full = t5Bias(weight, { queryLength: 50, keyLength: 50, bidirectional: false });
    const step = t5Bias(weight, {
      queryLength: 1,
      keyLength: 50,
      queryOffset: 49,
      bidirectional: false,
    });
    for (let h = 0; h < 3; h++) {
      const last = full.data.subarray((h * 50 + 49) * 50, (h * 50 + 50) * 50);
      assert.deepEqual(step.data.subarray(h * 50, h * 50 + 50), last);
    }
  });
  await t.step("empty", () => {
    assert.equal(t5Buckets(0, 5).length, 0);
    const bias = t5Bias(tensor(new Float32Array(64), [32, 2]), { queryLength: 3, keyLength: 0 });
    assert.deepEqual(bias.shape, [1, 2, 3, 0]);
  });
});
