/**
 * Test helpers (not published): GPU tests run on whatever adapter Deno finds
 * (Mesa's lavapipe on CPU-only machines); without one they are skipped with
 * a message on a developer's machine and FAIL when CI=true, where a skip
 * would hide a broken kernel.
 */

import { createGpuAttention, type GpuAttention, type GpuAttentionOptions } from "./mod.ts";

const inCi = Deno.env.get("CI") === "true";
const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
const adapter = gpu ? await gpu.requestAdapter() : null;
// The probe's adapter is not used again: each test requests its own.

/** Whether GPU tests run here. */
export const hasAdapter: boolean = adapter !== null;

if (!hasAdapter && !inCi) {
  console.warn(
    "No WebGPU adapter: GPU tests are skipped (on Debian: apt-get install mesa-vulkan-drivers). " +
      "With CI=true they fail instead.",
  );
}

/**
 * Registers a GPU test: it gets one GpuAttention shared by its steps and
 * destroyed at the end.
 */
export function gpuTest(
  name: string,
  fn: (t: Deno.TestContext, gpu: GpuAttention) => Promise<void>,
  options: GpuAttentionOptions = {},
): void {
  Deno.test({
    name,
    ignore: !hasAdapter && !inCi,
    async fn(t) {
      if (!hasAdapter) {
        throw new Error(
          "CI=true but no WebGPU adapter was found: install mesa-vulkan-drivers (lavapipe)",
        );
      }
      const attention = await createGpuAttention(options);
      try {
        await fn(t, attention);
        await attention.synchronize();
      } finally {
        attention.destroy();
      }
    },
  });
}

/** Runs `fn` while navigator.gpu (if any) finds no adapter. */
export async function withoutAdapter(fn: () => Promise<void>): Promise<void> {
  const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu) return await fn();
  Object.defineProperty(gpu, "requestAdapter", {
    value: () => Promise.resolve(null),
    configurable: true,
    writable: true,
  });
  try {
    await fn();
  } finally {
    delete (gpu as { requestAdapter?: unknown }).requestAdapter;
  }
}
