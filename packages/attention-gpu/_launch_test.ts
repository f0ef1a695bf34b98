import assert from "node:assert/strict";
import { foldGrid, splitRuns, windowOf } from "./_launch.ts";
import type { GpuLimits } from "./gpu_setup.ts";

const limits: GpuLimits = {
  maxStorageBufferBindingSize: 1024,
  maxBufferSize: 1 << 30,
  maxComputeWorkgroupStorageSize: 32768,
  maxComputeInvocationsPerWorkgroup: 256,
  maxComputeWorkgroupsPerDimension: 10,
  minStorageBufferOffsetAlignment: 256,
};

Deno.test("windows start at the aligned offset below the first element", () => {
  assert.deepEqual(windowOf(0, 10, limits), { offset: 0, size: 40, base: 0 });
  assert.deepEqual(windowOf(70, 100, limits), { offset: 256, size: 144, base: 64 });
});

Deno.test("runs are as long as the predicate allows and cover everything once", () => {
  const runs = splitRuns(
    23,
    6,
    (start, n) => (start + n) * 10 - start * 10 <= 40,
    () => new Error("x"),
  );
  assert.deepEqual(runs, [[0, 4], [4, 4], [8, 4], [12, 4], [16, 4], [20, 3]]);
  assert.deepEqual(splitRuns(5, 2, () => true, () => new Error("x")), [[0, 2], [2, 2], [4, 1]]);
  assert.throws(() => splitRuns(3, 3, () => false, (s) => new Error(`item ${s}`)), /item 0/);
});

Deno.test("grids fold into two dimensions within the limit", () => {
  assert.deepEqual(foldGrid(7, limits), [7, 1]);
  assert.deepEqual(foldGrid(0, limits), [1, 1]);
  const [x, y] = foldGrid(95, limits);
  assert.ok(x <= 10 && y <= 10 && x * y >= 95);
  assert.throws(() => foldGrid(101, limits), /Cannot dispatch 101 workgroups: more than 10 x 10/);
});
