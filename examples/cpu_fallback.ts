/**
 * Falling back to the CPU where there is no WebGPU adapter (Deno Deploy, a
 * CI machine without Mesa, a browser without WebGPU), with
 * @posenc/attention-gpu.
 *
 * `createGpuAttention({ fallback: "cpu" })` returns the same API backed by
 * attentionCpu (a float32 flash kernel in WebAssembly SIMD) when
 * `navigator.gpu` is missing or `requestAdapter()` returns null;
 * `info.backend` and `info.fallbackReason` say which one runs. Prints the
 * backend (and why), then runs causal ALiBi attention for 12 heads over 64
 * tokens and checks it against attentionCpu and the float64
 * attentionReference.
 *
 * Run: deno run examples/cpu_fallback.ts
 *
 * Where an adapter exists it runs on WebGPU. To see the fallback there, pass
 * `--no-webgpu` (the example then hides `navigator.gpu`, as on Deno Deploy),
 * or preload the same trick the tests use:
 * `deno run --preload examples/testdata/hide_webgpu.ts examples/cpu_fallback.ts`.
 *
 * @module
 */

import { attentionCpu, attentionReference, createGpuAttention } from "@posenc/attention-gpu";
import { alibiSlopes } from "@posenc/alibi";
import { maxAbsDiff, randomNormal } from "@posenc/tensor";

if (Deno.args.includes("--no-webgpu")) {
  // Play a runtime without WebGPU: navigator.gpu reads as undefined, as on Deno Deploy.
  Object.defineProperty(Object.getPrototypeOf(navigator), "gpu", {
    configurable: true,
    get: () => undefined,
  });
}

const attention = await createGpuAttention({ fallback: "cpu" });
try {
  const { backend, adapter, fallbackReason } = attention.info;
  console.log(`backend: ${backend}`);
  console.log(
    backend === "webgpu"
      ? `adapter: ${adapter?.description || adapter?.vendor}`
      : `reason: ${fallbackReason}`,
  );

  const q = randomNormal([1, 12, 64, 64], { seed: 1 });
  const k = randomNormal([1, 12, 64, 64], { seed: 2 });
  const v = randomNormal([1, 12, 64, 64], { seed: 3 });
  const options = { causal: true, alibiSlopes: alibiSlopes(12) };
  const out = await attention.attention(q, k, v, options);
  console.log(
    `max |output - attentionCpu|: ${
      maxAbsDiff(out, attentionCpu(q, k, v, options)).toExponential(2)
    }`,
  );
  console.log(
    `max |output - attentionReference|: ${
      maxAbsDiff(out, attentionReference(q, k, v, options)).toExponential(2)
    }`,
  );
} finally {
  attention.destroy();
}
