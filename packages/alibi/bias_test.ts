import assert from "node:assert/strict";
import { assertAllClose } from "@posenc/tensor";
import { alibiBias, type AlibiMode, alibiSlopes } from "./mod.ts";
import golden from "./testdata/alibi.json" with { type: "json" };

const SHAPES: [number, number][] = [[5, 5], [3, 8], [1, 16], [8, 3], [1, 1], [6, 6]];

Deno.test("alibiBias() causal: 0 on the aligned diagonal, -slope*distance below, -Infinity above", () => {
  for (const [q, k] of SHAPES) {
    const heads = 6;
    const slopes = alibiSlopes(heads);
    const bias = alibiBias(heads, q, k);
    assert.deepEqual(bias.shape, [heads, q, k]);
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < q; i++) {
        const aligned = i + k - q;
        for (let j = 0; j < k; j++) {
          const value = bias.data[(h * q + i) * k + j];
          const where = `q ${q}, k ${k}, head ${h}, query ${i}, key ${j}`;
          if (j === aligned) assert.ok(Object.is(value, 0), where);
          else if (j < aligned) {
            assert.equal(value, Math.fround(-slopes[h]! * (aligned - j)), where);
          } else assert.equal(value, -Infinity, where);
        }
      }
    }
  }
});

Deno.test("alibiBias() causal masks as flash-attention aligns it (bottom-right)", () => {
  const visible = (q: number, k: number) => {
    const bias = alibiBias(1, q, k);
    return Array.from(
      { length: q },
      (_, i) =>
        Array.from(bias.data.subarray(i * k, (i + 1) * k), (v) => v === -Infinity ? 0 : 1).join(""),
    );
  };
  assert.deepEqual(visible(2, 5), ["11110", "11111"]);
  assert.deepEqual(visible(5, 2), ["00", "00", "00", "10", "11"]);
});

Deno.test("alibiBias() symmetric: -slope*|i' - j|, a symmetric matrix when q == k", () => {
  for (const [q, k] of SHAPES) {
    const slopes = [0.5, 0.03125, 1.7];
    const bias = alibiBias(3, q, k, { mode: "symmetric", slopes });
    for (let h = 0; h < 3; h++) {
      for (let i = 0; i < q; i++) {
        for (let j = 0; j < k; j++) {
          const expected = Math.fround(-slopes[h]! * Math.abs(i + k - q - j));
          const value = bias.data[(h * q + i) * k + j]!;
          assert.ok(value === expected, `q ${q}, k ${k}, head ${h}, query ${i}, key ${j}`);
          if (q === k) assert.equal(value, bias.data[(h * q + j) * k + i]);
        }
      }
    }
  }
});

Deno.test("alibiBias(numHeads, length) is the square case", () => {
  for (const mode of ["causal", "symmetric"] as AlibiMode[]) {
    assert.deepEqual(alibiBias(4, 7, { mode }), alibiBias(4, 7, 7, { mode }));
  }
  assert.deepEqual(alibiBias(2, 3).shape, [2, 3, 3]);
});

Deno.test("alibiBias() slopes: default rule, maxBias, or the caller's own", () => {
  const byRule = alibiBias(12, 1, 4, { maxBias: 4 });
  const explicit = alibiBias(12, 1, 4, { slopes: alibiSlopes(12, { maxBias: 4 }) });
  assert.deepEqual(byRule, explicit);
  const custom = alibiBias(2, 1, 3, { slopes: [0.1, 2] });
  assert.deepEqual([...custom.data], [Math.fround(-0.2), Math.fround(-0.1), 0, -4, -2, 0]);
});

Deno.test("alibiBias() decode row reproduces MPT's build_mpt_alibi_tensor", async (t) => {
  // MPT's [heads, 1, L] tensor is slope * (j - (L - 1)): the bias of the last
  // query against L keys, i.e. one decoding step with bottom-right alignment.
  for (const c of golden.mpt_build_mpt_alibi_tensor) {
    await t.step(c.id, () => {
      const bias = alibiBias(c.num_heads, 1, c.sequence_length, { maxBias: c.alibi_bias_max });
      assertAllClose(bias, c.alibi.flat(2), { rtol: 1e-6, atol: 0 });
    });
  }
});

Deno.test("alibiBias() of an empty attention has the right shape", () => {
  assert.deepEqual(alibiBias(3, 0, 5).shape, [3, 0, 5]);
  assert.equal(alibiBias(3, 4, 0).data.length, 0);
});

Deno.test("alibiBias() rejects bad input with the argument's name", () => {
  assert.throws(() => alibiBias(0, 4), {
    name: "RangeError",
    message: "Invalid numHeads: expected an integer >= 1, got 0",
  });
  assert.throws(() => alibiBias(2.5, 4, 4), /Invalid numHeads: expected an integer >= 1, got 2.5/);
  assert.throws(() => alibiBias(2, -1), {
    name: "RangeError",
    message: "Invalid length: expected an integer >= 0, got -1",
  });
  assert.throws(() => alibiBias(2, 1.5, 4), {
    name: "RangeError",
    message: "Invalid queryLength: expected an integer >= 0, got 1.5",
  });
  assert.throws(() => alibiBias(2, 4, NaN), {
    name: "RangeError",
    message: "Invalid keyLength: expected an integer >= 0, got NaN",
  });
  assert.throws(() => alibiBias(2, 4, undefined as unknown as number, {}), {
    name: "TypeError",
    message: "Invalid keyLength: expected an integer >= 0, got undefined",
  });
  assert.throws(() => alibiBias(2, 4, 4, { mode: "bidirectional" as AlibiMode }), {
    name: "TypeError",
    message: 'Invalid mode: expected one of "causal", "symmetric", got "bidirectional"',
  });
  assert.throws(() => alibiBias(2, 4, 4, { slopes: [0.5] }), {
    name: "RangeError",
    message: "Invalid slopes: expected 2 values (one per head (numHeads)), got 1",
  });
  assert.throws(() => alibiBias(2, 4, 4, { slopes: [0.5, NaN] }), {
    name: "RangeError",
    message: "Invalid slopes[1]: expected a finite number, got NaN",
  });
  assert.throws(() => alibiBias(2, 4, 4, { slopes: 0.5 as unknown as number[] }), {
    name: "TypeError",
    message: "Invalid slopes: expected an array of finite numbers, got 0.5",
  });
  assert.throws(() => alibiBias(2, 4, 4, { slopes: [0.5, 0.25], maxBias: 8 }), {
    name: "RangeError",
    message: "Invalid maxBias: expected no maxBias when slopes are given, got 8",
  });
  assert.throws(() => alibiBias(2, 4, 4, { maxBias: NaN }), {
    name: "RangeError",
    message: "Invalid maxBias: expected a finite number > 0, got NaN",
  });
});

Deno.test("alibiBias() refuses a bias over 2 GiB before allocating", () => {
  assert.throws(() => alibiBias(1, 65536), {
    name: "RangeError",
    message: "Invalid bias [numHeads, length, length] = [1, 65536, 65536]: expected at most " +
      "536870912 elements (2 GiB), got 4294967296 elements (16 GiB)",
  });
  assert.throws(
    () => alibiBias(33, 1, 2 ** 24),
    {
      message:
        /^Invalid bias \[numHeads, queryLength, keyLength\] = \[33, 1, 16777216\]: .*\(2\.06 GiB\)$/,
    },
  );
  assert.throws(() => alibiBias(1e9, 1), /Invalid numHeads: expected an integer in \[1, 65536\]/);
});

Deno.test("alibiBias() refuses misspelled options", () => {
  assert.throws(() => alibiBias(2, 4, { mdoe: "symmetric" } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "mdoe" \(did you mean "mode"\?\)/,
  });
  assert.throws(() => alibiBias(2, 4, 4, { slope: [1, 2] } as never), /did you mean "slopes"/);
  assert.throws(() => alibiBias(2, 4, 4, { inPlace: true } as never), /unknown key "inPlace"/);
  assert.throws(
    () => alibiBias(2, 4, 4, { maxBias: 1e6 }),
    /Invalid maxBias: expected at most 126/,
  );
});
