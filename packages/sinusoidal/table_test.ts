import assert from "node:assert/strict";
import { assertAllClose, maxAbsDiff } from "@posenc/tensor";
import { type SinusoidalExponent, type SinusoidalLayout, sinusoidalTable } from "./mod.ts";
import { fillRows, planTable } from "./_plan.ts";
import golden from "./testdata/sinusoidal.json" with { type: "json" };

/**
 * Each reference's own loop, literally, in float64 (one Math.sin per
 * element): Hugging Face DistilBERT (interleaved), Marian (concat, sentinel
 * ceil(d/2)), tensor2tensor/fairseq (concat, zero pad column).
 */
function referenceTable(
  length: number,
  dim: number,
  { base = 10000, layout = "interleaved", exponent = "vaswani", offset = 0 }: {
    base?: number;
    layout?: SinusoidalLayout;
    exponent?: SinusoidalExponent;
    offset?: number;
  } = {},
): Float64Array {
  const out = new Float64Array(length * dim);
  const half = Math.floor(dim / 2);
  for (let r = 0; r < length; r++) {
    const pos = offset + r;
    const row = out.subarray(r * dim, (r + 1) * dim);
    if (exponent === "vaswani") {
      // position_enc[pos][j] = pos / base^(2 * (j // 2) / dim)
      const angle = (j: number) => pos / Math.pow(base, (2 * Math.floor(j / 2)) / dim);
      const sentinel = dim % 2 === 0 ? dim / 2 : half + 1;
      for (let j = 0; j < dim; j++) {
        const value = j % 2 === 0 ? Math.sin(angle(j)) : Math.cos(angle(j));
        // interleaved: out[:, 0::2] = sin, out[:, 1::2] = cos
        // concat (Marian): out[:, :sentinel] = sin(enc[:, 0::2]), out[:, sentinel:] = cos(enc[:, 1::2])
        const column = layout === "interleaved"
          ? j
          : (j % 2 === 0 ? j / 2 : sentinel + (j - 1) / 2);
        row[column] = value;
      }
    } else {
      const increment = Math.log(base) / Math.max(half - 1, 1);
      for (let k = 0; k < half; k++) {
        const angle = pos * Math.exp(-k * increment);
        row[layout === "interleaved" ? 2 * k : k] = Math.sin(angle);
        row[layout === "interleaved" ? 2 * k + 1 : half + k] = Math.cos(angle);
      }
    }
  }
  return out;
}

Deno.test("sinusoidalTable() matches the golden tables of HF and fairseq", async (t) => {
  for (const c of golden.vaswani_interleaved) {
    await t.step(c.id, () => {
      const table = sinusoidalTable(c.max_len, c.d);
      assert.deepEqual(table.shape, [c.max_len, c.d]);
      assertAllClose(table, c.f64.flat(), { atol: 1e-6, rtol: 0 });
      assertAllClose(table, c.f32.flat(), { atol: 1e-6, rtol: 0 });
    });
  }
  for (const c of golden.concat_sin_cos) {
    await t.step(c.id, () => {
      const exponent = c.id.startsWith("fairseq/") ? "tensor2tensor" : "vaswani";
      const table = sinusoidalTable(c.max_len, c.d, { layout: "concat", exponent });
      const expected = "f64" in c ? c.f64 : c.f32;
      assertAllClose(table, expected.flat(), { atol: 1e-6, rtol: 0 });
    });
  }
});

Deno.test("sinusoidalTable() equals each reference's own formula, odd dims included", async (t) => {
  const layouts: SinusoidalLayout[] = ["interleaved", "concat"];
  const exponents: SinusoidalExponent[] = ["vaswani", "tensor2tensor"];
  for (const layout of layouts) {
    for (const exponent of exponents) {
      await t.step(`${layout} ${exponent}`, () => {
        for (const dim of [1, 2, 3, 4, 5, 7, 8, 9, 16, 33, 64]) {
          for (const base of [10000, 500]) {
            const options = { layout, exponent, base, offset: 3 };
            const table = sinusoidalTable(150, dim, options);
            assertAllClose(table.data, referenceTable(150, dim, options), {
              atol: 1e-7,
              rtol: 0,
              message: `dim ${dim}, base ${base}`,
            });
          }
        }
      });
    }
  }
  await t.step("an odd dim: HF's sin-only column or tensor2tensor's zero column", () => {
    const hf = sinusoidalTable(5, 7);
    const t2t = sinusoidalTable(5, 7, { layout: "concat", exponent: "tensor2tensor" });
    for (let p = 0; p < 5; p++) {
      assert.equal(hf.data[p * 7 + 6], Math.fround(Math.sin(p / 10000 ** (6 / 7))));
      assert.equal(t2t.data[p * 7 + 6], 0);
    }
  });
});

Deno.test("sinusoidalTable() layouts hold the same numbers: concat = even columns, then odd", () => {
  const interleaved = sinusoidalTable(40, 16);
  const concat = sinusoidalTable(40, 16, { layout: "concat" });
  for (let p = 0; p < 40; p++) {
    for (let k = 0; k < 8; k++) {
      assert.equal(concat.data[p * 16 + k], interleaved.data[p * 16 + 2 * k]);
      assert.equal(concat.data[p * 16 + 8 + k], interleaved.data[p * 16 + 2 * k + 1]);
    }
  }
});

Deno.test("sinusoidalTable() exponents: Vaswani ends at base^(-(d-2)/d), tensor2tensor at 1/base", () => {
  const p = 1000;
  const vaswani = sinusoidalTable(1, 512, { layout: "concat", offset: p });
  const t2t = sinusoidalTable(1, 512, { layout: "concat", exponent: "tensor2tensor", offset: p });
  assert.equal(vaswani.data[255], Math.fround(Math.sin(p * 10000 ** (-510 / 512))));
  assert.equal(t2t.data[255], Math.fround(Math.sin(p / 10000)));
  assert.equal(t2t.data[0], Math.fround(Math.sin(p)));
  // dim 2 has one frequency: tensor2tensor's guard max(h - 1, 1) makes it 1.
  const tiny = sinusoidalTable(3, 2, { exponent: "tensor2tensor" });
  assert.equal(tiny.data[4], Math.fround(Math.sin(2)));
});

Deno.test("sinusoidalTable() recurrence stays within float64 rounding of the exact formula", async (t) => {
  // The public table is float32; run the same fill into float64 to see the
  // recurrence's own error, far below what float32 can show.
  // The reference forms each angle p / base^(2k/d) in float64 itself, so it is
  // uncertain by about p * 2^-52; the recurrence adds < 3e-14 to that.
  const check = (dim: number, offset: number, length: number) => {
    const plan = planTable(dim, {});
    const actual = new Float64Array(length * dim);
    fillRows(plan, actual, 0, offset, length);
    const exact = referenceTable(length, dim, { offset });
    const diff = maxAbsDiff(actual, exact);
    const atol = (offset + length) * 2 ** -52 + 3e-14;
    assert.ok(diff <= atol, `max |diff| ${diff} > ${atol} (dim ${dim}, offset ${offset})`);
  };
  await t.step("8192 rows from 0: max error 1.8e-12", () => check(64, 0, 8192));
  await t.step("4096 rows from 1e6: max error 2.2e-10", () => check(64, 1e6, 4096));
  await t.step("2048 rows from 0: bit-identical to float32 of the exact formula", () => {
    // What HF DistilBERT stores: float32 of the float64 table.
    const table = sinusoidalTable(2048, 128);
    const exact = referenceTable(2048, 128);
    assert.deepEqual(table.data, Float32Array.from(exact));
  });
});

Deno.test("sinusoidalTable() far beyond training: finite and accurate at offset 1e6 and 2^32", () => {
  for (const offset of [1e6, 2 ** 32 - 99]) {
    const table = sinusoidalTable(100, 256, { offset });
    assert.ok(table.data.every(Number.isFinite));
    // Independent float64 evaluation: p / 10000^(2k/d), no recurrence.
    const expected = new Float64Array(100 * 256);
    for (let r = 0; r < 100; r++) {
      for (let k = 0; k < 128; k++) {
        const angle = (offset + r) / Math.pow(10000, (2 * k) / 256);
        expected[r * 256 + 2 * k] = Math.sin(angle);
        expected[r * 256 + 2 * k + 1] = Math.cos(angle);
      }
    }
    assertAllClose(table, expected, { atol: 1e-6, rtol: 0, message: `offset ${offset}` });
  }
});

Deno.test("sinusoidalTable() PE(p + k) is a fixed rotation of PE(p), for every p", async (t) => {
  const dim = 32;
  const cases: { layout: SinusoidalLayout; exponent: SinusoidalExponent }[] = [
    { layout: "interleaved", exponent: "vaswani" },
    { layout: "concat", exponent: "vaswani" },
    { layout: "concat", exponent: "tensor2tensor" },
  ];
  for (const { layout, exponent } of cases) {
    await t.step(`${layout} ${exponent}`, () => {
      const omega = (i: number) =>
        exponent === "vaswani" ? 10000 ** (-2 * i / dim) : Math.exp(-i * Math.log(10000) / 15);
      const sinCol = (i: number) => layout === "interleaved" ? 2 * i : i;
      const cosCol = (i: number) => layout === "interleaved" ? 2 * i + 1 : dim / 2 + i;
      const table = sinusoidalTable(600, dim, { layout, exponent, offset: 12345 });
      for (const k of [1, 7, 100, 499]) {
        for (let i = 0; i < dim / 2; i++) {
          // [sin(a + b), cos(a + b)] = [[cos b, sin b], [-sin b, cos b]] [sin a, cos a], b = k ω_i.
          const cb = Math.cos(k * omega(i));
          const sb = Math.sin(k * omega(i));
          for (let p = 0; p + k < 600; p++) {
            const s = table.data[p * dim + sinCol(i)]!;
            const c = table.data[p * dim + cosCol(i)]!;
            const s2 = table.data[(p + k) * dim + sinCol(i)]!;
            const c2 = table.data[(p + k) * dim + cosCol(i)]!;
            assert.ok(Math.abs(s2 - (cb * s + sb * c)) < 2e-7, `sin, k ${k}, i ${i}, p ${p}`);
            assert.ok(Math.abs(c2 - (-sb * s + cb * c)) < 2e-7, `cos, k ${k}, i ${i}, p ${p}`);
          }
        }
      }
    });
  }
});

Deno.test("sinusoidalTable() returns an empty table for length 0", () => {
  const table = sinusoidalTable(0, 16);
  assert.deepEqual(table.shape, [0, 16]);
  assert.equal(table.data.length, 0);
});

Deno.test("sinusoidalTable() rejects bad input with the argument's name", () => {
  assert.throws(() => sinusoidalTable(-1, 8), {
    name: "RangeError",
    message: "Invalid length: expected an integer in [0, 4294967297], got -1",
  });
  assert.throws(() => sinusoidalTable(2.5, 8), /Invalid length: expected an integer/);
  assert.throws(() => sinusoidalTable("8" as unknown as number, 8), {
    name: "TypeError",
    message: 'Invalid length: expected an integer in [0, 4294967297], got "8"',
  });
  assert.throws(() => sinusoidalTable(8, 0), {
    name: "RangeError",
    message: "Invalid dim: expected an integer >= 1, got 0",
  });
  assert.throws(() => sinusoidalTable(8, 6.5), /Invalid dim: expected an integer >= 1, got 6.5/);
  for (const base of [NaN, 0, -10000, Infinity]) {
    assert.throws(() => sinusoidalTable(8, 8, { base }), {
      name: "RangeError",
      message: `Invalid base: expected a finite number > 0, got ${base}`,
    });
  }
  assert.throws(
    () => sinusoidalTable(8, 8, { layout: "halves" as SinusoidalLayout }),
    {
      name: "TypeError",
      message: 'Invalid layout: expected one of "interleaved", "concat", got "halves"',
    },
  );
  assert.throws(
    () => sinusoidalTable(8, 8, { exponent: "t5" as SinusoidalExponent }),
    {
      name: "TypeError",
      message: 'Invalid exponent: expected one of "vaswani", "tensor2tensor", got "t5"',
    },
  );
  assert.throws(() => sinusoidalTable(8, 8, { offset: -1 }), {
    name: "RangeError",
    message: "Invalid offset: expected an integer in [0, 4294967289], got -1",
  });
  assert.throws(() => sinusoidalTable(8, 8, { offset: 0.5 }), /Invalid offset/);
  assert.throws(() => sinusoidalTable(8, 8, { offset: 2 ** 32 }), /Invalid offset/);
});

Deno.test("sinusoidalTable() refuses sizes no model has before allocating", () => {
  assert.throws(() => sinusoidalTable(2 ** 31, 2), {
    name: "RangeError",
    message: "Invalid table [length, dim] = [2147483648, 2]: expected at most 536870912 " +
      "elements (2 GiB), got 4294967296 elements (16 GiB)",
  });
  assert.throws(() => sinusoidalTable(0, 2 ** 30), {
    name: "RangeError",
    message: "Invalid dim: expected an integer in [1, 65536], got 1073741824",
  });
  assert.equal(sinusoidalTable(1, 65536).data.length, 65536);
});

Deno.test("sinusoidalTable() refuses misspelled options", () => {
  assert.throws(() => sinusoidalTable(4, 8, { bas: 10 } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "bas" \(did you mean "base"\?\)/,
  });
  assert.throws(() => sinusoidalTable(4, 8, { inPlace: true } as never), /unknown key "inPlace"/);
  assert.throws(() => sinusoidalTable(4, 8, null as never), {
    name: "TypeError",
    message: "Invalid options: expected an options object, got null",
  });
});
