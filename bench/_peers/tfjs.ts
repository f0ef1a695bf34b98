/**
 * TensorFlow.js (`npm:@tensorflow/tfjs-core` with its CPU backend, and the
 * WebGPU backend on Deno's `navigator.gpu` when it initialises): RoPE and
 * attention written the way a JS user writes them today, with tfjs ops
 * (rotate_half, matMul -> softmax -> matMul).
 *
 * @module
 */

import * as tf from "npm:@tensorflow/tfjs-core@4.22.0";
import "npm:@tensorflow/tfjs-backend-cpu@4.22.0";
import type { Pairing, RopeTables } from "./reference.ts";

export { tf };

/** The tfjs version the benches pin (kept equal to the imports above). */
export const TFJS_VERSION = "4.22.0";

/** A tfjs backend the benches compare. */
export type TfBackendName = "cpu" | "webgpu";

/** Whether a backend came up, and if not, exactly why. */
export type TfBackendStatus = { ok: true } | { ok: false; reason: string };

// Prod mode: no per-op debug checks, and no "install tfjs-node" banner.
tf.enableProdMode();

let webgpuRegistered: Promise<TfBackendStatus> | undefined;

async function registerWebgpu(): Promise<TfBackendStatus> {
  if (!("gpu" in navigator)) return { ok: false, reason: "navigator.gpu is missing" };
  const adapter = await navigator.gpu.requestAdapter();
  if (!adapter) {
    return {
      ok: false,
      reason: "navigator.gpu.requestAdapter() returned null (no WebGPU adapter; on Debian " +
        "install mesa-vulkan-drivers)",
    };
  }
  // Imported lazily: the backend touches GPU globals when it loads.
  await import("npm:@tensorflow/tfjs-backend-webgpu@4.22.0");
  // tfjs-webgpu hands small ops to the CPU backend by default; the comparison
  // (and the tests) are about its GPU kernels.
  tf.env().set("WEBGPU_CPU_FORWARD", false);
  return { ok: true };
}

/**
 * Makes `backend` the active tfjs backend, initialising it on first use.
 *
 * @returns `{ ok: true }`, or `{ ok: false, reason }` with the error tfjs or
 * WebGPU gave (never throws for an unavailable backend).
 */
export async function useBackend(backend: TfBackendName): Promise<TfBackendStatus> {
  if (tf.getBackend() === backend) return { ok: true };
  try {
    if (backend === "webgpu") {
      webgpuRegistered ??= registerWebgpu();
      const registered = await webgpuRegistered;
      if (!registered.ok) return registered;
    }
    const ok = await tf.setBackend(backend);
    await tf.ready();
    if (!ok || tf.getBackend() !== backend) {
      return { ok: false, reason: `tf.setBackend("${backend}") returned false` };
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * RoPE on a bhsd tensor, HF style: gather the cos/sin rows of the positions,
 * then x * cos + rotate(x) * sin. Run inside `tf.tidy`.
 */
export function tfRope(
  x: tf.Tensor4D,
  tables: { cos: tf.Tensor2D; sin: tf.Tensor2D },
  positions: tf.Tensor1D,
  pairing: Pairing,
): tf.Tensor4D {
  const cos = tf.gather(tables.cos, positions); // [S, D/2]
  const sin = tf.gather(tables.sin, positions);
  const [b, h, s, d] = x.shape;
  if (pairing === "half") {
    const cosFull = tf.concat([cos, cos], 1);
    const sinFull = tf.concat([sin, sin], 1);
    const x1 = tf.slice(x, [0, 0, 0, 0], [b, h, s, d / 2]);
    const x2 = tf.slice(x, [0, 0, 0, d / 2], [b, h, s, d / 2]);
    const rotated = tf.concat([tf.neg(x2), x1], 3);
    return tf.add(tf.mul(x, cosFull), tf.mul(rotated, sinFull));
  }
  const pairs = tf.reshape(x, [b, h, s, d / 2, 2]);
  const even = tf.reshape(tf.slice(pairs, [0, 0, 0, 0, 0], [b, h, s, d / 2, 1]), [b, h, s, d / 2]);
  const odd = tf.reshape(tf.slice(pairs, [0, 0, 0, 0, 1], [b, h, s, d / 2, 1]), [b, h, s, d / 2]);
  const outEven = tf.sub(tf.mul(even, cos), tf.mul(odd, sin));
  const outOdd = tf.add(tf.mul(odd, cos), tf.mul(even, sin));
  return tf.reshape(tf.stack([outEven, outOdd], 4), [b, h, s, d]);
}

/** The cos/sin tables as tfjs tensors on the active backend. */
export function tfRopeTables(tables: RopeTables): { cos: tf.Tensor2D; sin: tf.Tensor2D } {
  return {
    cos: tf.tensor2d(tables.cos, [tables.positions, tables.halfDim]),
    sin: tf.tensor2d(tables.sin, [tables.positions, tables.halfDim]),
  };
}

/** An additive causal mask [S, S]: 0 where key <= query, -Infinity above. */
export function tfCausalMask(seq: number): tf.Tensor2D {
  const mask = new Float32Array(seq * seq);
  for (let i = 0; i < seq; i++) mask.fill(-Infinity, i * seq + i + 1, (i + 1) * seq);
  return tf.tensor2d(mask, [seq, seq]);
}

/**
 * softmax(q k^T * scale + mask) v on bhsd tensors: matMul -> softmax ->
 * matMul, what a JS user writes with tfjs. Run inside `tf.tidy`.
 */
export function tfAttention(
  q: tf.Tensor4D,
  k: tf.Tensor4D,
  v: tf.Tensor4D,
  options: { mask?: tf.Tensor2D; scale?: number },
): tf.Tensor4D {
  const scale = options.scale ?? 1 / Math.sqrt(q.shape[3]);
  let scores: tf.Tensor4D = tf.mul(tf.matMul(q, k, false, true), tf.scalar(scale));
  if (options.mask) scores = tf.add(scores, options.mask);
  return tf.matMul(tf.softmax(scores), v);
}
