import assert from "node:assert/strict";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { type Pairing, ropeFrequencies, ropeTensor } from "./mod.ts";
import { applyRopeWith } from "./_apply.ts";
import { AngleRows } from "./_angles.ts";
import { defaultKernel, ScalarKernel, SimdKernel, simdKernelModules } from "./_kernel.ts";
import { KERNEL_WASM_BASE64 } from "./_kernel_wasm.ts";
import { FIXED_HALVES } from "./_kernel_fixed.ts";
import { assembleKernel, generatedKernelWat, renderKernelModule } from "./_build_kernel.ts";

Deno.test("_kernel_wasm.ts is _kernel.wat assembled (run _build_kernel.ts after editing the WAT)", async () => {
  assert.equal(
    await Deno.readTextFile(new URL("_kernel.wat", import.meta.url)),
    await generatedKernelWat(),
    "_kernel.wat's GENERATED section is stale: run _build_kernel.ts",
  );
  const bytes = await assembleKernel();
  assert.equal(
    await Deno.readTextFile(new URL("_kernel_wasm.ts", import.meta.url)),
    renderKernelModule(bytes),
  );
  assert.ok(KERNEL_WASM_BASE64.length > 0);
});

Deno.test("Deno gets the SIMD kernel by default", () => {
  assert.ok(simdKernelModules() !== null);
  assert.equal(defaultKernel().name, "wasm");
});

Deno.test("the SIMD and scalar kernels give identical bits", async (t) => {
  const simd = new SimdKernel(simdKernelModules()!);
  const scalar = new ScalarKernel();
  for (const pairing of ["half", "interleaved"] as Pairing[]) {
    // Every rotary width from 1 to 17 pairs: steps of 8 and 4 pairs, single pairs and their
    // mixes; 3 and 6 heads: rows that share a table row go four at a time, the rest one by one.
    for (let half = 1; half <= 17; half++) {
      await t.step(`${pairing}, rotaryDim ${2 * half} of ${2 * half + 3}`, () => {
        const headDim = 2 * half + 3;
        const frequencies = { invFreq: ropeFrequencies(2 * half).invFreq, attentionFactor: 1.07 };
        for (
          const [x, layout] of [
            [randomNormal([2, 3, 9, headDim], { seed: half }), "bhsd"],
            [randomNormal([2, 3, 9, headDim], { seed: half }), "bshd"],
            [randomNormal([1, 6, 5, headDim], { seed: half }), "bhsd"],
            [randomNormal([1, 5, 6, headDim], { seed: half }), "bshd"],
          ] as const
        ) {
          const options = { pairing, layout, offset: 1000 * half };
          const a = applyRopeWith(simd, x, frequencies, options);
          const b = applyRopeWith(scalar, x, frequencies, options);
          assert.deepEqual(a.data, b.data);
          const inPlace: Tensor = { shape: x.shape, data: Float32Array.from(x.data) };
          applyRopeWith(scalar, inPlace, frequencies, { ...options, inPlace: true });
          assert.deepEqual(inPlace.data, a.data);
        }
      });
    }
  }
  await t.step("the head sizes with unrolled functions of their own (half 16, 32, 64)", () => {
    for (const half of FIXED_HALVES) {
      // Partial rotary (8 dims past the rotated ones stay as they are); 1 to 9 rows per
      // token: fours and singles; both pairings (interleaved keeps the generic loop).
      const headDim = 2 * half + 8;
      const frequencies = ropeFrequencies(2 * half);
      for (const pairing of ["half", "interleaved"] as Pairing[]) {
        for (let heads = 1; heads <= 9; heads++) {
          for (const layout of ["bhsd", "bshd"] as const) {
            const shape = layout === "bhsd" ? [2, heads, 7, headDim] : [2, 7, heads, headDim];
            const x = randomNormal(shape, { seed: half + heads });
            const options = { pairing, layout, offset: 4093 };
            const expected = applyRopeWith(scalar, x, frequencies, options).data;
            assert.deepEqual(applyRopeWith(simd, x, frequencies, options).data, expected);
            const resident = ropeTensor(shape);
            resident.data.set(x.data);
            applyRopeWith(simd, resident, frequencies, { ...options, inPlace: true });
            assert.deepEqual(resident.data, expected);
          }
        }
      }
    }
  });
  await t.step("long sequences in token blocks, with per-row positions", () => {
    const frequencies = ropeFrequencies(36);
    const positions = Array.from({ length: 1400 }, (_, i) => (i * 7) % 1000);
    for (const pairing of ["half", "interleaved"] as Pairing[]) {
      for (const layout of ["bhsd", "bshd"] as const) {
        const x = randomNormal(layout === "bhsd" ? [2, 3, 700, 40] : [2, 700, 3, 40], { seed: 4 });
        const options = { pairing, layout, positions };
        assert.deepEqual(
          applyRopeWith(simd, x, frequencies, options).data,
          applyRopeWith(scalar, x, frequencies, options).data,
        );
      }
      // bhsd long runs go four heads at a time: 6 heads are a four and a two; in place too.
      const x = randomNormal([1, 6, 700, 40], { seed: 5 });
      const options = { pairing, offset: 90 };
      const expected = applyRopeWith(scalar, x, frequencies, options).data;
      assert.deepEqual(applyRopeWith(simd, x, frequencies, options).data, expected);
      const inPlace: Tensor = { shape: x.shape, data: Float32Array.from(x.data) };
      applyRopeWith(simd, inPlace, frequencies, { ...options, inPlace: true });
      assert.deepEqual(inPlace.data, expected);
    }
  });
  await t.step("tokens wider than a chunk grow the WebAssembly memory", () => {
    // 40 heads of 512 dims: one bshd token is 20480 floats, more than the 16384-float chunk.
    const x = randomNormal([1, 3, 40, 512], { seed: 9 });
    const frequencies = ropeFrequencies(512);
    const options = { layout: "bshd" as const, pairing: "half" as const, offset: 5 };
    assert.deepEqual(
      applyRopeWith(simd, x, frequencies, options).data,
      applyRopeWith(scalar, x, frequencies, options).data,
    );
  });
});

Deno.test("the SIMD angle rows equal the TypeScript ones bit for bit", async (t) => {
  const simd = new SimdKernel(simdKernelModules()!);
  for (const half of [1, 2, 5, 32, 64]) {
    for (const angles of ["float32", "float64"] as const) {
      for (const factor of [1, 1.1386294361119891]) {
        await t.step(`${half} pairs, ${angles} angles, attention factor ${factor}`, () => {
          const { invFreq } = ropeFrequencies(2 * half, { base: 500000 });
          // Consecutive runs across anchors, jumps, repeats and large positions.
          const positions = [
            ...Array.from({ length: 700 }, (_, i) => i),
            5,
            6,
            7,
            120000,
            120001,
            2 ** 24 - 1,
            2 ** 24,
          ];
          const rows = positions.length;
          const tables = simd.prepare(rows * half, 0, half);
          const fast = new AngleRows(invFreq, factor, angles, tables.angles);
          const plain = new AngleRows(invFreq, factor, angles);
          const cos = new Float32Array(rows * half);
          const sin = new Float32Array(rows * half);
          for (let r = 0; r < rows;) {
            let run = 1;
            while (r + run < rows && positions[r + run] === positions[r]! + run) run++;
            fast.writeRun(positions[r]!, run, tables.cos, tables.sin, r);
            plain.writeRun(positions[r]!, run, cos, sin, r);
            r += run;
          }
          assert.deepEqual(tables.cos, cos);
          assert.deepEqual(tables.sin, sin);
        });
      }
    }
  }
});
