/**
 * Half-precision storage: host conversions (round to nearest even, no
 * dependency on Float16Array, which older browsers lack) and the start-up
 * self-test that decides whether this adapter's f16 is trusted. Deno once
 * ran f16 shaders that silently wrote zeros (denoland/deno#23125), so the
 * feature flag alone is not proof.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float16 bit pattern nearest to `x` (ties to even; overflow to ±Infinity). */
export function halfBits(x: number): number {
  f32[0] = x;
  const bits = u32[0]!;
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  let mant = bits & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  const e = exp - 112; // rebias 127 -> 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    // Subnormal half: mant16 = (1.mant) * 2^(e - 1) / 2^-24, a right shift by 14 - e.
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    const rest = mant & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rest > mid || (rest === mid && (half & 1) === 1)) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rest = mant & 0x1fff;
  // A carry out of the mantissa bumps the exponent, up to Infinity: still correct.
  if (rest > 0x1000 || (rest === 0x1000 && (half & 1) === 1)) half++;
  return sign | half;
}

/** The value of a float16 bit pattern. */
export function halfValue(h: number): number {
  const sign = (h & 0x8000) !== 0 ? -1 : 1;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 0x1f) return mant !== 0 ? NaN : sign * Infinity;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** float32 values to float16 bits, padded to an even count (writeBuffer needs 4-byte sizes). */
export function toHalf(data: Float32Array): Uint16Array {
  const out = new Uint16Array(data.length + (data.length % 2));
  for (let i = 0; i < data.length; i++) out[i] = halfBits(data[i]!);
  return out;
}

/** float16 bits to float32 values. */
export function fromHalf(bits: Uint16Array, count = bits.length): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = halfValue(bits[i]!);
  return out;
}

/** Whether f16 storage may be used on this device, and why. */
export interface F16Status {
  readonly available: boolean;
  readonly detail: string;
}

const SELF_TEST_COUNT = 64;

/** Inputs of the self-test: exact in float16, as are their images x * 3 + 0.25. */
function selfTestInputs(): Float32Array {
  return Float32Array.from({ length: SELF_TEST_COUNT }, (_, i) => (i - 31) * 0.125);
}

/**
 * The self-test kernel: vec4<f16> loads converted to f32, arithmetic in f32,
 * results stored both as f32 and converted back to f16 (the operations the
 * attention kernels use on f16 storage).
 */
export const F16_SELF_TEST_WGSL = `enable f16;
@group(0) @binding(0) var<storage, read> X: array<vec4<f16>>;
@group(0) @binding(1) var<storage, read_write> Y: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> Z: array<vec4<f16>>;
@compute @workgroup_size(${SELF_TEST_COUNT / 4})
fn main(@builtin(local_invocation_index) i: u32) {
  let x = vec4<f32>(X[i]) * 3.0 + 0.25;
  Y[i] = x;
  Z[i] = vec4<f16>(x);
}
`;

/**
 * Compares what the self-test kernel returned with the exact answers; the
 * detail names the first mismatch (all zeros is the symptom of Deno #23125).
 */
export function judgeF16(asF32: Float32Array, asF16: Uint16Array): F16Status {
  const inputs = selfTestInputs();
  for (let i = 0; i < SELF_TEST_COUNT; i++) {
    const want = inputs[i]! * 3 + 0.25;
    const got32 = asF32[i];
    const got16 = asF16[i] === undefined ? undefined : halfValue(asF16[i]!);
    if (got32 !== want || got16 !== want) {
      const zeros = asF32.every((x) => x === 0);
      return {
        available: false,
        detail:
          `the shader-f16 self-test failed: value ${i} should be ${want}, read back ${got32} (f32) and ${got16} (f16)${
            zeros ? "; every value was 0, the symptom of denoland/deno#23125" : ""
          }`,
      };
    }
  }
  return {
    available: true,
    detail: `shader-f16 enabled; the self-test round trip of ${SELF_TEST_COUNT} values was exact`,
  };
}

/** Runs the self-test on a device that has "shader-f16" enabled. */
export async function f16SelfTest(device: GPUDevice): Promise<F16Status> {
  const STORAGE = 0x80;
  const COPY_SRC = 0x04;
  const COPY_DST = 0x08;
  const MAP_READ = 0x01;
  const buffers: GPUBuffer[] = [];
  const make = (size: number, usage: number) => {
    const b = device.createBuffer({ size, usage, label: "f16 self-test" });
    buffers.push(b);
    return b;
  };
  device.pushErrorScope("validation");
  try {
    const module = device.createShaderModule({ code: F16_SELF_TEST_WGSL, label: "f16 self-test" });
    const pipeline = await device.createComputePipelineAsync({
      layout: "auto",
      compute: { module, entryPoint: "main" },
    });
    const x = make(SELF_TEST_COUNT * 2, STORAGE | COPY_DST);
    const y = make(SELF_TEST_COUNT * 4, STORAGE | COPY_SRC);
    const z = make(SELF_TEST_COUNT * 2, STORAGE | COPY_SRC);
    const ry = make(SELF_TEST_COUNT * 4, MAP_READ | COPY_DST);
    const rz = make(SELF_TEST_COUNT * 2, MAP_READ | COPY_DST);
    const input = toHalf(selfTestInputs());
    device.queue.writeBuffer(x, 0, input.buffer as ArrayBuffer, input.byteOffset, input.byteLength);
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(
      0,
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: [x, y, z].map((buffer, binding) => ({ binding, resource: { buffer } })),
      }),
    );
    pass.dispatchWorkgroups(1);
    pass.end();
    encoder.copyBufferToBuffer(y, 0, ry, 0, SELF_TEST_COUNT * 4);
    encoder.copyBufferToBuffer(z, 0, rz, 0, SELF_TEST_COUNT * 2);
    device.queue.submit([encoder.finish()]);
    await Promise.all([ry.mapAsync(MAP_READ), rz.mapAsync(MAP_READ)]);
    const asF32 = new Float32Array(ry.getMappedRange().slice(0));
    const asF16 = new Uint16Array(rz.getMappedRange().slice(0));
    const error = await device.popErrorScope();
    if (error) {
      return {
        available: false,
        detail: `the shader-f16 self-test was rejected: ${error.message}`,
      };
    }
    return judgeF16(asF32, asF16);
  } catch (error) {
    await device.popErrorScope().catch(() => null);
    return {
      available: false,
      detail: `the shader-f16 self-test failed to run: ${
        error instanceof Error ? error.message : String(error)
      }`,
    };
  } finally {
    for (const b of buffers) b.destroy();
  }
}
