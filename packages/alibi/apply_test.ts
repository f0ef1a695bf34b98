import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor, zeros } from "@posenc/tensor";
import { alibiBias, type AlibiMode, alibiSlopes, applyAlibi } from "./mod.ts";
import golden from "./testdata/alibi.json" with { type: "json" };

/** Row-wise softmax in float64 over `length` logits starting at `start`. */
function softmax(logits: ArrayLike<number>, start: number, length: number): number[] {
  let max = -Infinity;
  for (let j = 0; j < length; j++) max = Math.max(max, logits[start + j]!);
  const exps = Array.from({ length }, (_, j) => Math.exp(logits[start + j]! - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

Deno.test("applyAlibi(scores) equals scores + alibiBias broadcast over the batch", async (t) => {
  const shapes: [number, number, number, number][] = [[2, 4, 5, 5], [3, 6, 2, 9], [1, 3, 7, 4]];
  for (const [batch, heads, q, k] of shapes) {
    for (const mode of ["causal", "symmetric"] as AlibiMode[]) {
      await t.step(`[${batch}, ${heads}, ${q}, ${k}] ${mode}`, () => {
        const scores = randomNormal([batch, heads, q, k], { seed: q * 100 + k });
        const slopes = Array.from({ length: heads }, (_, h) => 0.3 / (h + 1));
        for (const options of [{ mode }, { mode, slopes }]) {
          const bias = alibiBias(heads, q, k, options);
          const expected = new Float32Array(scores.data.length);
          for (let i = 0; i < expected.length; i++) {
            expected[i] = scores.data[i]! + bias.data[i % bias.data.length]!;
          }
          const out = applyAlibi(scores, options);
          assert.deepEqual(out.shape, [batch, heads, q, k]);
          assert.deepEqual(out.data, expected);
        }
      });
    }
  }
});

Deno.test("applyAlibi() writes in place only when asked", () => {
  const scores = randomNormal([1, 2, 3, 3], { seed: 9 });
  const before = scores.data.slice();
  const out = applyAlibi(scores);
  assert.notEqual(out, scores);
  assert.deepEqual(scores.data, before);
  const same = applyAlibi(scores, { inPlace: true });
  assert.equal(same, scores);
  assert.deepEqual(scores.data, out.data);
});

Deno.test("applyAlibi() softmax equals Press's row-constant slope*j trick on visible keys", () => {
  // Press's code adds slope * j to every row and relies on the causal mask:
  // slope * j = -slope * (i' - j) + slope * i', and the row constant cancels.
  const [heads, q, k] = [8, 6, 11];
  const scores = randomNormal([1, heads, q, k], { seed: 3 });
  const slopes = alibiSlopes(heads);
  const ours = applyAlibi(scores);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < q; i++) {
      const row = (h * q + i) * k;
      const visible = i + k - q + 1;
      const press = Array.from(
        { length: visible },
        (_, j) => scores.data[row + j]! + slopes[h]! * j,
      );
      assertAllClose(softmax(ours.data, row, visible), softmax(press, 0, visible), {
        atol: 1e-6,
        message: `head ${h}, query ${i}`,
      });
      for (let j = visible; j < k; j++) assert.equal(ours.data[row + j], -Infinity);
    }
  }
});

Deno.test("applyAlibi() handles BLOOM's left-padded batches without mask-derived positions", async (t) => {
  for (const c of golden.bloom_build_alibi_tensor) {
    const heads = c.num_heads;
    const slopes = alibiSlopes(heads);
    const masks = c.attention_mask;
    const length = masks[0]!.length;
    await t.step(`${c.id}: BLOOM's tensor rebuilt from slopes and mask`, () => {
      // alibi[b * heads + h][0][j] = slope_h * ((cumsum(mask[b]) - 1) * mask[b])[j]
      const rebuilt: number[] = [];
      for (const mask of masks) {
        let cumsum = 0;
        const keyPositions = mask.map((m) => (cumsum += m, (cumsum - 1) * m));
        for (let h = 0; h < heads; h++) {
          for (const p of keyPositions) rebuilt.push(Math.fround(slopes[h]! * p));
        }
      }
      // BLOOM's float32 slopes drift from the float64 rule (README: <= 4.8e-7 rel).
      assertAllClose(rebuilt, c.alibi.flat(2), { rtol: 1e-6, atol: 0 });
    });
    await t.step(`${c.id}: same attention as BLOOM on every real token`, () => {
      for (let b = 0; b < masks.length; b++) {
        const mask = masks[b]!;
        const scores = randomNormal([1, heads, length, length], { seed: b + 1 });
        // Ours: distance bias, causal mask, padded keys masked as usual.
        const ours = applyAlibi(scores);
        // BLOOM: golden key-position bias, causal mask and padding mask.
        for (let h = 0; h < heads; h++) {
          const bloomRow = c.alibi[b * heads + h]![0]!;
          for (let i = 0; i < length; i++) {
            if (mask[i] === 0) continue; // padded queries are discarded
            const row = (h * length + i) * length;
            const bloom = Array.from(
              { length },
              (_, j) => j > i || mask[j] === 0 ? -Infinity : scores.data[row + j]! + bloomRow[j]!,
            );
            const masked = Array.from(
              { length },
              (_, j) => mask[j] === 0 ? -Infinity : ours.data[row + j]!,
            );
            assertAllClose(softmax(masked, 0, length), softmax(bloom, 0, length), {
              atol: 1e-6,
              message: `batch ${b}, head ${h}, query ${i}`,
            });
          }
        }
      }
    });
  }
});

Deno.test("applyAlibi() takes empty dims and zero heads", () => {
  assert.deepEqual(applyAlibi(zeros([2, 0, 4, 4])).shape, [2, 0, 4, 4]);
  assert.deepEqual(applyAlibi(zeros([2, 3, 0, 4])).shape, [2, 3, 0, 4]);
  assert.deepEqual(applyAlibi(zeros([2, 3, 4, 0])).shape, [2, 3, 4, 0]);
});

Deno.test("applyAlibi() rejects bad input with the argument's name", () => {
  const scores = zeros([2, 4, 3, 3]);
  assert.throws(() => applyAlibi(zeros([4, 3, 3])), {
    name: "RangeError",
    message: "Invalid scores: expected a tensor of rank 4, got shape [4, 3, 3]",
  });
  assert.throws(
    () => applyAlibi({ shape: [1, 1, 1, 1], data: [0] } as unknown as Tensor),
    { name: "TypeError", message: /^Invalid scores: expected a tensor/ },
  );
  assert.throws(
    () => applyAlibi({ shape: [1, 1, 2, 2], data: new Float32Array(3) }),
    {
      name: "RangeError",
      message: "Invalid scores: shape [1, 1, 2, 2] needs 4 elements, but data has 3",
    },
  );
  assert.throws(() => applyAlibi(scores, { slopes: alibiSlopes(8) }), {
    name: "RangeError",
    message: "Invalid slopes: expected 4 values (one per head of scores [2, 4, 3, 3]), got 8",
  });
  assert.throws(() => applyAlibi(scores, { slopes: [1, 2, Infinity, 4] }), {
    name: "RangeError",
    message: "Invalid slopes[2]: expected a finite number, got Infinity",
  });
  assert.throws(() => applyAlibi(scores, { mode: "alibi" as AlibiMode }), {
    name: "TypeError",
    message: 'Invalid mode: expected one of "causal", "symmetric", got "alibi"',
  });
  assert.throws(() => applyAlibi(scores, { maxBias: -1 }), {
    name: "RangeError",
    message: "Invalid maxBias: expected a finite number > 0, got -1",
  });
  assert.throws(() => applyAlibi(scores, { slopes: alibiSlopes(4), maxBias: 4 }), {
    name: "RangeError",
    message: "Invalid maxBias: expected no maxBias when slopes are given, got 4",
  });
});

Deno.test("applyAlibi() refuses misspelled options and a flag that is not a boolean", () => {
  const scores = zeros([1, 2, 3, 3]);
  assert.throws(() => applyAlibi(scores, { inPlace: "false" } as never), {
    name: "TypeError",
    message: 'Invalid inPlace: expected true or false, got "false"',
  });
  assert.ok(scores.data.every((v) => v === 0)); // nothing was written
  assert.throws(() => applyAlibi(scores, { casual: true } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "casual"; expected keys among/,
  });
  assert.throws(() => applyAlibi(scores, { mdoe: "causal" } as never), /did you mean "mode"/);
});
