import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import { applyRope, type RopeFrequencies, ropeFrequencies } from "@posenc/rope";
import type { GpuRopeOptions } from "./mod.ts";
import { shapeOf, yarnLike } from "./_test_cases.ts";
import { gpuTest } from "./_testing.ts";

/** What @posenc/rope's applyRope gives for the same options (the truth, on the CPU). */
function expected(x: Tensor, frequencies: RopeFrequencies, options: GpuRopeOptions): Tensor {
  const { inPlace: _inPlace, ...rest } = options;
  return applyRope(x, frequencies, rest);
}

const CASES: Array<
  { name: string; shape: number[]; rotary: number; options: GpuRopeOptions; factor?: number }
> = [
  {
    name: "half, full rotary, bhsd",
    shape: shapeOf("bhsd", 2, 3, 17, 64),
    rotary: 64,
    options: {},
  },
  {
    name: "interleaved, partial rotary, bshd, offset",
    shape: shapeOf("bshd", 1, 5, 9, 80),
    rotary: 32,
    options: { layout: "bshd", pairing: "interleaved", offset: 4093 },
  },
  {
    name: "half, partial rotary 20 of 36, per-batch positions, YaRN factor",
    shape: shapeOf("bhsd", 2, 2, 4, 36),
    rotary: 20,
    factor: 4,
    options: { positions: [0, 7, 3, 100000, 9, 9, 1, 2] },
  },
  {
    name: "interleaved, float64 angles, far positions",
    shape: shapeOf("bhsd", 1, 2, 3, 32),
    rotary: 32,
    options: {
      pairing: "interleaved",
      positions: [1_000_000, 2_000_000, 16_777_216],
      angles: "float64",
    },
  },
];

gpuTest("GPU RoPE equals @posenc/rope's applyRope (1e-6)", async (t, gpu) => {
  for (const c of CASES) {
    const frequencies = c.factor ? yarnLike(c.rotary, c.factor) : ropeFrequencies(c.rotary);
    const x = randomNormal(c.shape, { seed: 11 });
    const want = expected(x, frequencies, c.options);
    await t.step(`${c.name}: host tensor`, async () => {
      const out = await gpu.applyRope(x, frequencies, c.options);
      assert.notEqual(out, x);
      assertAllClose(out, want, { atol: 1e-6, rtol: 0 });
    });
    await t.step(`${c.name}: resident, copy and in place`, async () => {
      const gx = gpu.upload(x);
      const copy = await gpu.applyRope(gx, frequencies, c.options);
      assert.notEqual(copy, gx);
      assertAllClose(await gpu.download(copy), want, { atol: 1e-6, rtol: 0 });
      const same = await gpu.applyRope(gx, frequencies, { ...c.options, inPlace: true });
      assert.equal(same, gx);
      assertAllClose(await gpu.download(gx), want, { atol: 1e-6, rtol: 0 });
    });
  }
  await t.step("host tensor in place writes into x.data", async () => {
    const x = randomNormal([1, 2, 5, 16], { seed: 3 });
    const want = expected(x, ropeFrequencies(16), { offset: 2 });
    const out = await gpu.applyRope(x, ropeFrequencies(16), { offset: 2, inPlace: true });
    assert.equal(out, x);
    assertAllClose(x, want, { atol: 1e-6, rtol: 0 });
  });
  await t.step("pass-through dims are copied unchanged", async () => {
    const x = randomNormal([1, 1, 3, 12], { seed: 4 });
    const out = await gpu.applyRope(x, ropeFrequencies(4), { offset: 5 });
    for (let s = 0; s < 3; s++) {
      assert.deepEqual(
        out.data.subarray(s * 12 + 4, s * 12 + 12),
        x.data.subarray(s * 12 + 4, s * 12 + 12),
      );
    }
  });
});

gpuTest(
  "GPU RoPE split over a tiny grid and binding limit",
  async (_t, gpu) => {
    // 2 x 2 workgroups of 256 and 8 KiB bindings force many dispatches.
    const x = randomNormal([2, 4, 50, 40], { seed: 5 });
    const frequencies = yarnLike(24, 8);
    const options: GpuRopeOptions = { pairing: "interleaved", offset: 3 };
    const out = await gpu.applyRope(x, frequencies, options);
    assertAllClose(out, expected(x, frequencies, options), { atol: 1e-6, rtol: 0 });
  },
  { limits: { maxComputeWorkgroupsPerDimension: 2, maxStorageBufferBindingSize: 8192 } },
);
