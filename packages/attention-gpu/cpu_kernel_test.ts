import assert from "node:assert/strict";
import {
  assembleCpuKernel,
  renderCpuKernelModule,
  withoutRelaxedSimd,
} from "./_build_cpu_kernel.ts";
import { type CpuKernel, cpuKernelModules, ScalarCpuKernel, WasmCpuKernel } from "./_cpu_kernel.ts";

Deno.test("_cpu_kernel_wasm.ts is _cpu_kernel.wat assembled (run _build_cpu_kernel.ts after editing the WAT)", async () => {
  const modules = await assembleCpuKernel();
  assert.equal(
    await Deno.readTextFile(new URL("_cpu_kernel_wasm.ts", import.meta.url)),
    renderCpuKernelModule(modules),
  );
});

Deno.test("the plain-SIMD module spells each fused multiply-add as a multiply then an add", () => {
  assert.equal(
    withoutRelaxedSimd(
      "(local.set $a (f32x4.relaxed_madd (local.get $x) (v128.load offset=16 (local.get $k)) (local.get $a)))",
    ),
    "(local.set $a (f32x4.add (f32x4.mul (local.get $x) (v128.load offset=16 (local.get $k))) (local.get $a)))",
  );
  // Nested: the operands are rewritten too.
  assert.equal(
    withoutRelaxedSimd("(f32x4.relaxed_madd (f32x4.relaxed_madd $a $b $c) $d\n  $e)"),
    "(f32x4.add (f32x4.mul (f32x4.add (f32x4.mul $a $b) $c) $d) $e)",
  );
});

Deno.test("the kernel's exp2 is within 2 ulp of 2^x on [-126, 0], 0 below, NaN for NaN", async (t) => {
  const { relaxed, plain } = cpuKernelModules();
  for (const [name, module] of [["relaxed", relaxed], ["plain", plain]] as const) {
    await t.step(name, () => {
      const instance = new WebAssembly.Instance(module!);
      const memory = instance.exports.memory as WebAssembly.Memory;
      const exp2Rows = instance.exports.exp2Rows as (
        p: number,
        bytes: number,
        rows: number,
        shifts: number,
        sums: number,
      ) => void;
      const scalars = new Float32Array(memory.buffer, 4 * 4096, 8);
      const n = 4096;
      const xs = new Float32Array(memory.buffer, 0, n);
      // Dense near 0 (the largest weights), spread down to -126, then the cut-off.
      for (let i = 0; i < n - 8; i++) xs[i] = -((i / (n - 8)) ** 3) * 126;
      xs.set([-126, -126.5, -127, -200, -1e30, -Infinity, Number.NaN, -0], n - 8);
      const input = Float64Array.from(xs);
      scalars[0] = 0; // the shift
      exp2Rows(0, 4 * n, 1, 4 * 4096, 4 * 4097);
      const sum = scalars[1]!;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const x = input[i]!;
        const got = xs[i]!;
        if (Number.isNaN(x)) {
          assert.ok(Number.isNaN(got), "2^NaN is NaN");
          continue;
        }
        if (x < -126) {
          assert.equal(got, 0, `2^${x}`);
          continue;
        }
        const want = 2 ** x;
        const ulp = 2 ** (Math.floor(Math.log2(want)) - 23);
        assert.ok(Math.abs(got - want) <= 2 * ulp, `2^${x}: ${got} vs ${want}`);
        total += got;
      }
      assert.equal(xs[n - 1], 1); // 2^-0
      assert.ok(Number.isNaN(sum)); // the NaN lane spoils the sum
      // Without it, the sum of the lanes (the former NaN now 2^0 = 1).
      xs.set(input.map((x) => Number.isNaN(x) ? 0 : x));
      exp2Rows(0, 4 * n, 1, 4 * 4096, 4 * 4097);
      assert.ok(Math.abs(scalars[1]! - (total + 1)) <= 1e-6 * total);
      // Rows 256 bytes apart, each with its shift subtracted first: 2^(x - shift).
      xs.set([3, 2, 1, 0]);
      xs.set([5, 6, 7, 8], 64);
      scalars.set([3, 8]);
      exp2Rows(0, 16, 2, 4 * 4096, 4 * 4098);
      assert.deepEqual([...xs.subarray(0, 4)], [1, 0.5, 0.25, 0.125]);
      assert.deepEqual([...xs.subarray(64, 68)], [0.125, 0.25, 0.5, 1]);
      assert.deepEqual([...scalars.subarray(2, 4)], [1.875, 1.875]);
    });
  }
});

Deno.test("every kernel's packers lay out k panels and scaled q tiles as attendHead reads them", () => {
  const { relaxed, plain } = cpuKernelModules();
  const kernels: CpuKernel[] = [new ScalarCpuKernel()];
  if (relaxed) kernels.push(new WasmCpuKernel(relaxed, "relaxed-simd"));
  if (plain) kernels.push(new WasmCpuKernel(plain, "simd"));
  assert.equal(kernels.length, 3);
  for (const kernel of kernels) {
    for (const [rows, dp] of [[8, 4], [24, 64], [16, 136]] as const) {
      const from = 64; // float offsets, apart enough not to overlap
      const to = from + rows * dp + 32;
      const mem = kernel.reserve(to + rows * dp);
      const values = Float32Array.from({ length: rows * dp }, (_, i) => Math.sin(i) * 1e3);
      mem.set(values, from);
      kernel.pack.panels(from, to, rows, dp);
      for (let j = 0; j < rows; j++) {
        for (let d = 0; d < dp; d++) {
          assert.equal(mem[to + (j >> 3) * dp * 8 + 8 * d + (j & 7)], values[j * dp + d]);
        }
      }
      const scale = Math.fround(0.125 * Math.LOG2E);
      mem.set(values, from);
      kernel.pack.tiles(from, to, rows, dp, scale);
      for (let i = 0; i < rows; i++) {
        for (let d = 0; d < dp; d++) {
          assert.equal(
            mem[to + (i >> 2) * dp * 4 + 4 * d + (i & 3)],
            Math.fround(values[i * dp + d]! * scale),
          );
        }
      }
    }
  }
});
