import assert from "node:assert/strict";
import { assertAllClose, randomNormal, tensor } from "@posenc/tensor";
import { shawRelativeIndex, shawRelativeLogits, shawRelativeValues } from "./mod.ts";

/** clip(j - i, -k, k) + k in the most literal form. */
function naiveIndex(i: number, j: number, k: number): number {
  return Math.max(-k, Math.min(k, j - i)) + k;
}

function transposeToBshd(data: Float32Array, shape: readonly number[]): Float32Array {
  const [b, h, s, d] = shape as [number, number, number, number];
  const out = new Float32Array(data.length);
  for (let x = 0; x < b; x++) {
    for (let y = 0; y < h; y++) {
      for (let z = 0; z < s; z++) {
        for (let w = 0; w < d; w++) {
          out[((x * s + z) * h + y) * d + w] = data[((x * h + y) * s + z) * d + w]!;
        }
      }
    }
  }
  return out;
}

const CASES = [
  { batch: 2, heads: 3, qLen: 7, kLen: 7, headDim: 8, k: 2, offset: 0 },
  { batch: 1, heads: 2, qLen: 3, kLen: 20, headDim: 5, k: 4, offset: 17 },
  { batch: 1, heads: 1, qLen: 4, kLen: 6, headDim: 3, k: 16, offset: 0 },
  { batch: 1, heads: 2, qLen: 5, kLen: 9, headDim: 4, k: 0, offset: 2 },
];

Deno.test("shawRelativeIndex is clip(j - (queryOffset + i), -k, k) + k", () => {
  for (const { qLen, kLen, k, offset } of CASES) {
    const index = shawRelativeIndex(qLen, kLen, { maxRelativePosition: k, queryOffset: offset });
    for (let i = 0; i < qLen; i++) {
      for (let j = 0; j < kLen; j++) {
        assert.equal(index[i * kLen + j], naiveIndex(offset + i, j, k));
      }
    }
  }
});

Deno.test("shawRelativeLogits and shawRelativeValues equal a naive float64 computation", async (t) => {
  for (const c of CASES) {
    await t.step(JSON.stringify(c), () => {
      const { batch, heads, qLen, kLen, headDim, k, offset } = c;
      const q = randomNormal([batch, heads, qLen, headDim], { seed: 1 });
      const keyTable = randomNormal([2 * k + 1, headDim], { seed: 2 });
      const valueTable = randomNormal([2 * k + 1, headDim], { seed: 3 });
      const weights = randomNormal([batch, heads, qLen, kLen], { seed: 4 });
      const logits = new Float64Array(batch * heads * qLen * kLen);
      const values = new Float64Array(batch * heads * qLen * headDim);
      for (let bh = 0; bh < batch * heads; bh++) {
        for (let i = 0; i < qLen; i++) {
          for (let j = 0; j < kLen; j++) {
            const r = naiveIndex(offset + i, j, k);
            const alpha = weights.data[(bh * qLen + i) * kLen + j]!;
            let dot = 0;
            for (let d = 0; d < headDim; d++) {
              dot += q.data[(bh * qLen + i) * headDim + d]! * keyTable.data[r * headDim + d]!;
              values[(bh * qLen + i) * headDim + d]! += alpha * valueTable.data[r * headDim + d]!;
            }
            logits[(bh * qLen + i) * kLen + j] = dot;
          }
        }
      }
      const options = { keyLength: kLen, queryOffset: offset };
      const actualLogits = shawRelativeLogits(q, keyTable, options);
      assert.deepEqual(actualLogits.shape, [batch, heads, qLen, kLen]);
      assertAllClose(actualLogits, logits, { atol: 1e-6, rtol: 1e-6 });
      const actualValues = shawRelativeValues(weights, valueTable, { queryOffset: offset });
      assert.deepEqual(actualValues.shape, [batch, heads, qLen, headDim]);
      assertAllClose(actualValues, values, { atol: 1e-6, rtol: 1e-6 });

      // The "bshd" layout reads q and writes the values in [batch, seq, heads, headDim].
      const qBshd = tensor(transposeToBshd(q.data, q.shape as number[]), [
        batch,
        qLen,
        heads,
        headDim,
      ]);
      const bshdLogits = shawRelativeLogits(qBshd, keyTable, { ...options, layout: "bshd" });
      assert.deepEqual(bshdLogits.data, actualLogits.data);
      const bshdValues = shawRelativeValues(weights, valueTable, {
        queryOffset: offset,
        layout: "bshd",
      });
      assert.deepEqual(bshdValues.shape, [batch, qLen, heads, headDim]);
      assert.deepEqual(
        bshdValues.data,
        transposeToBshd(actualValues.data, actualValues.shape as number[]),
      );
    });
  }
});

Deno.test("shaw terms of a decoding step equal the last row of the full computation", () => {
  const q = randomNormal([1, 2, 12, 4], { seed: 5 });
  const keyTable = randomNormal([7, 4], { seed: 6 });
  const full = shawRelativeLogits(q, keyTable, { keyLength: 12 });
  const last = tensor(q.data.slice(0), [1, 2, 12, 4]);
  const lastQuery = tensor(
    new Float32Array([...last.data.subarray(44, 48), ...last.data.subarray(92, 96)]),
    [1, 2, 1, 4],
  );
  const step = shawRelativeLogits(lastQuery, keyTable, { keyLength: 12, queryOffset: 11 });
  assert.deepEqual(step.data.subarray(0, 12), full.data.subarray(11 * 12, 12 * 12));
  assert.deepEqual(step.data.subarray(12, 24), full.data.subarray(23 * 12, 24 * 12));
});
