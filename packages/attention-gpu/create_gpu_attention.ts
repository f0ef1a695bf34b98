import { checkInteger, checkOneOf, checkOptions, formatValue } from "@posenc/tensor/validate";
import { CREATE_OPTION_KEYS, LIMIT_KEYS } from "./_option_keys.ts";
import type { GpuAttention } from "./gpu_attention.ts";
import type { GpuAttentionOptions, GpuLimitCaps, GpuLimits } from "./gpu_setup.ts";
import { GpuContext } from "./_context.ts";
import { CpuAttention } from "./_cpu_backend.ts";
import { WebGpuAttention } from "./_webgpu_backend.ts";
import { f16SelfTest, type F16Status } from "./_f16.ts";

const NO_WEBGPU =
  "This runtime has no WebGPU (navigator.gpu is undefined; Deno Deploy, for one, has none)";
const NO_ADAPTER = "No WebGPU adapter found (navigator.gpu.requestAdapter() returned null)";
const INSTALL =
  "Install a GPU driver with Vulkan, Metal or D3D12 support; on Debian or Ubuntu without a GPU, `apt-get install mesa-vulkan-drivers` provides Mesa's software adapter (lavapipe). " +
  'Or pass { fallback: "cpu" } to run attention on the CPU (attentionCpu, WebAssembly SIMD)';

const REQUESTED_LIMITS = [
  "maxComputeWorkgroupStorageSize",
  "maxComputeInvocationsPerWorkgroup",
  "maxComputeWorkgroupSizeX",
  "maxStorageBufferBindingSize",
  "maxBufferSize",
  "maxStorageBuffersPerShaderStage",
] as const;

const F16_MISSING =
  'the device has no "shader-f16" feature (the adapter lacks it, or a device passed in did not request it)';

/**
 * Workgroups decode aims for: two per SM of a 132-SM H100 on hardware
 * (smaller GPUs just run more waves; each split still streams >= 256 keys),
 * two per thread on a software rasteriser that runs workgroups on CPU threads.
 */
function defaultDecodeWorkgroups(software: boolean): number {
  if (!software) return 256;
  const threads = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
    ?.hardwareConcurrency;
  return 2 * Math.max(1, Math.floor(threads ?? 1));
}

function effectiveLimits(device: GPUDevice, caps: GpuLimitCaps): GpuLimits {
  const l = device.limits;
  const cap = (name: keyof GpuLimitCaps, value: number, min: number, multiple = 1) => {
    const c = caps[name];
    if (c === undefined) return value;
    checkInteger(`limits.${name}`, c, { min });
    if (c % multiple !== 0) {
      throw new RangeError(
        `Invalid limits.${name}: expected a multiple of ${multiple}, got ${formatValue(c)}`,
      );
    }
    return Math.min(value, c);
  };
  return {
    maxStorageBufferBindingSize: cap(
      "maxStorageBufferBindingSize",
      l.maxStorageBufferBindingSize,
      256,
      4,
    ),
    maxBufferSize: l.maxBufferSize,
    maxComputeWorkgroupStorageSize: cap(
      "maxComputeWorkgroupStorageSize",
      l.maxComputeWorkgroupStorageSize,
      16384,
    ),
    maxComputeInvocationsPerWorkgroup: Math.min(
      l.maxComputeInvocationsPerWorkgroup,
      l.maxComputeWorkgroupSizeX,
    ),
    maxComputeWorkgroupsPerDimension: cap(
      "maxComputeWorkgroupsPerDimension",
      l.maxComputeWorkgroupsPerDimension,
      1,
    ),
    minStorageBufferOffsetAlignment: l.minStorageBufferOffsetAlignment,
  };
}

/** Most threads `"auto"` picks: past this, copies and messages outweigh the split. */
const AUTO_THREADS_CAP = 8;

function resolveThreads(value: unknown): number {
  if (value === "auto") {
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
      ?.hardwareConcurrency;
    return Number.isInteger(cores) && cores! > 0 ? Math.min(cores!, AUTO_THREADS_CAP) : 1;
  }
  if (typeof value !== "number") {
    throw new TypeError(
      `Invalid threads: expected a positive integer or "auto", got ${formatValue(value)}`,
    );
  }
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(
      `Invalid threads: expected a positive integer or "auto", got ${formatValue(value)}`,
    );
  }
  return value;
}

/**
 * Opens WebGPU attention: requests a device from the adapter (with the
 * adapter's full workgroup-storage, invocation and buffer limits and, when
 * present, timestamp queries) or wraps the given device, and picks the
 * kernels' tier from its workgroup storage.
 *
 * Without an adapter it throws an Error that says what to install, unless
 * `fallback: "cpu"` asks for the CPU backend instead (attentionCpu's
 * float32 WebAssembly SIMD kernel; attentionReference stays the float64
 * reference).
 *
 * @param options Device or adapter, CPU fallback, limit caps.
 * @returns A ready {@linkcode GpuAttention}.
 * @throws {Error} If no adapter exists (and no fallback was asked for) or the device request fails.
 * @throws {RangeError} If a limit cap is out of range.
 *
 * @example Usage
 * ```ts
 * import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
 * import { assertAllClose, randomNormal } from "@posenc/tensor";
 * import assert from "node:assert/strict";
 *
 * // Runs on WebGPU where an adapter exists, else on the CPU (attentionCpu).
 * const gpu = await createGpuAttention({ fallback: "cpu" });
 * try {
 *   const q = randomNormal([1, 4, 16, 64], { seed: 1 });
 *   const k = randomNormal([1, 2, 16, 64], { seed: 2 }); // GQA: 2 KV heads for 4 query heads
 *   const v = randomNormal([1, 2, 16, 64], { seed: 3 });
 *   const out = await gpu.attention(q, k, v, { causal: true });
 *   assertAllClose(out, attentionReference(q, k, v, { causal: true }), { atol: 2e-5 });
 *   assert.ok(["webgpu", "cpu"].includes(gpu.info.backend));
 * } finally {
 *   gpu.destroy();
 * }
 * ```
 */
export async function createGpuAttention(
  options: GpuAttentionOptions = {},
): Promise<GpuAttention> {
  if (options === null || typeof options !== "object") {
    throw new TypeError(`Invalid options: expected an object, got ${formatValue(options)}`);
  }
  checkOptions("options", options, { allowed: CREATE_OPTION_KEYS });
  const fallback = checkOneOf("fallback", options.fallback ?? "none", {
    allowed: ["none", "cpu"] as const,
  });
  const caps = options.limits ?? {};
  if (caps === null || typeof caps !== "object") {
    throw new TypeError(`Invalid limits: expected an object, got ${formatValue(caps)}`);
  }
  checkOptions("limits", caps, { allowed: LIMIT_KEYS });
  const decodeOverride = options.decodeWorkgroups === undefined
    ? undefined
    : checkInteger("decodeWorkgroups", options.decodeWorkgroups, { min: 1 });
  const threads = options.threads === undefined ? 1 : resolveThreads(options.threads);
  let device = options.device;
  let owns = false;
  let adapterInfo: GPUAdapterInfo | undefined;
  if (!device) {
    let adapter: GPUAdapter | null | undefined = options.adapter;
    let reason = NO_ADAPTER;
    if (!adapter) {
      const gpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
      if (!gpu) reason = NO_WEBGPU;
      else adapter = await gpu.requestAdapter();
    }
    if (!adapter) {
      if (fallback === "cpu") return new CpuAttention(reason, threads);
      throw new Error(`${reason}. ${INSTALL}.`);
    }
    const requiredLimits: Record<string, number> = {};
    for (const name of REQUESTED_LIMITS) requiredLimits[name] = adapter.limits[name];
    const requiredFeatures: GPUFeatureName[] = [];
    if (adapter.features.has("timestamp-query")) requiredFeatures.push("timestamp-query");
    if (adapter.features.has("shader-f16")) requiredFeatures.push("shader-f16");
    try {
      device = await adapter.requestDevice({ requiredLimits, requiredFeatures });
    } catch (error) {
      throw new Error(
        `Requesting a WebGPU device failed: ${
          error instanceof Error ? error.message : String(error)
        }`,
        { cause: error },
      );
    }
    owns = true;
    adapterInfo = adapter.info;
  }
  adapterInfo ??= device.adapterInfo;
  const software = adapterInfo.isFallbackAdapter ?? false;
  const decodeWorkgroups = decodeOverride ?? defaultDecodeWorkgroups(software);
  let limits: GpuLimits;
  try {
    limits = effectiveLimits(device, caps);
  } catch (error) {
    if (owns) device.destroy();
    throw error;
  }
  // Never throws: a failed or rejected self-test is a verdict, not an error.
  const f16: F16Status = device.features.has("shader-f16")
    ? await f16SelfTest(device)
    : { available: false, detail: F16_MISSING };
  const ctx = new GpuContext(device, owns, limits, f16.available);
  const features = [];
  if (ctx.timestamps) features.push("timestamp-query");
  if (f16.available) features.push("shader-f16");
  return new WebGpuAttention(ctx, {
    backend: "webgpu",
    adapter: {
      vendor: adapterInfo.vendor,
      architecture: adapterInfo.architecture,
      device: adapterInfo.device,
      description: adapterInfo.description,
      isFallbackAdapter: software,
    },
    features,
    f16: Object.freeze({ ...f16 }),
    decodeWorkgroups,
    tier: ctx.tier,
    limits: ctx.limits,
    fallbackReason: null,
    threads: null,
  });
}
