/**
 * posenc's CPU backend for the peer benches.
 *
 * @module
 */

import { createGpuAttention, type GpuAttention } from "@posenc/attention-gpu";

/**
 * The CPU backend with `threads` threads, made while the adapter is hidden
 * so it is the CPU fallback even where WebGPU exists (as on Deno Deploy,
 * which has none). Never destroyed: the process ends with the bench.
 */
export async function cpuBackend(threads: number): Promise<GpuAttention> {
  const gpu = navigator.gpu;
  if (gpu) {
    Object.defineProperty(gpu, "requestAdapter", {
      value: () => Promise.resolve(null),
      configurable: true,
    });
  }
  try {
    const attention = await createGpuAttention({ fallback: "cpu", threads });
    if (attention.info.backend !== "cpu") throw new Error("expected the CPU fallback");
    return attention;
  } finally {
    if (gpu) delete (gpu as { requestAdapter?: unknown }).requestAdapter;
  }
}
