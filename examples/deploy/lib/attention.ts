/**
 * Panel 6's numbers: attention weights of a small seeded sequence under one
 * positional scheme, from @posenc/attention-gpu: its WebGPU kernel where an
 * adapter exists (browsers with WebGPU, Deno), its CPU reference elsewhere
 * (Deno Deploy, browsers without WebGPU).
 *
 * The kernel returns softmax(q·kᵀ)·v, not the weights; with v = the identity
 * (value j is the unit vector e_j, which needs seq <= headDim) row i of the
 * output *is* row i of the weights, so the picture is the kernel's own.
 *
 * attention-gpu is imported on first use, never at module load, so neither
 * Deno Deploy nor a browser without WebGPU ever evaluates it needlessly.
 *
 * @module
 */

import type { GpuAttention } from "@posenc/attention-gpu";
import { alibiSlopes } from "@posenc/alibi";
import { ropeFrequencies } from "@posenc/rope";
import { yarnScaling } from "@posenc/scaling";
import { addSinusoidal } from "@posenc/sinusoidal";
import { maxAbsDiff, randomNormal, type Tensor, tensor } from "@posenc/tensor";
import type { PanelValues } from "./params.ts";
import type { Heatmap } from "./sinusoidal.ts";

/** YaRN's setting in this panel: a 16-token "training" context stretched 4 times. */
export const YARN = { factor: 4, originalMaxPositionEmbeddings: 16 } as const;

/** Panel 6's data. */
export interface AttentionData {
  /** What computed the weights. */
  readonly backend: "webgpu" | "cpu";
  /** The adapter's description on WebGPU. */
  readonly adapter: string | null;
  /** Why the CPU computed them, when it did. */
  readonly reason: string | null;
  /** The chosen head's [seq, seq] weights (query rows, key columns). */
  readonly weights: Heatmap;
  /** Per head: the mean over queries of Σⱼ wᵢⱼ·|i − j|, how far the head looks. */
  readonly meanDistance: readonly number[];
  /** On WebGPU, the largest |GPU − CPU reference| over all weights (null on the CPU). */
  readonly maxDiffFromReference: number | null;
}

/** The inputs of one draw: q, k, v and the attention options. */
export interface AttentionInputs {
  readonly q: Tensor;
  readonly k: Tensor;
  readonly v: Tensor;
  readonly options: {
    causal: boolean;
    rope?: { frequencies: ReturnType<typeof ropeFrequencies> };
    alibiSlopes?: Float32Array;
  };
}

/**
 * Queries and keys share one random content vector per head plus noise, so
 * with no positions every key looks alike and the scheme alone decides
 * where attention goes; v is the identity that reads the weights out.
 *
 * @param values The panel's parameters.
 * @returns q, k, v [1, heads, seq, headDim] and the options.
 */
export function attentionInputs(values: PanelValues<"attention">): AttentionInputs {
  const { scheme, seq, heads, headDim, causal, seed } = values;
  const content = randomNormal([heads, headDim], { seed, std: 0.7 }).data;
  const noisy = (noiseSeed: number): Tensor => {
    const x = randomNormal([1, heads, seq, headDim], { seed: noiseSeed, std: 0.3 });
    for (let h = 0; h < heads; h++) {
      for (let i = 0; i < seq; i++) {
        for (let d = 0; d < headDim; d++) {
          x.data[(h * seq + i) * headDim + d]! += content[h * headDim + d]!;
        }
      }
    }
    return scheme === "sinusoidal" ? addSinusoidal(x, { inPlace: true }) : x;
  };
  const identity = new Float32Array(heads * seq * headDim);
  for (let h = 0; h < heads; h++) {
    for (let j = 0; j < seq; j++) identity[(h * seq + j) * headDim + j] = 1;
  }
  const options: AttentionInputs["options"] = { causal: causal === "causal" };
  if (scheme === "rope") options.rope = { frequencies: ropeFrequencies(headDim) };
  if (scheme === "rope-yarn") options.rope = { frequencies: yarnScaling(headDim, YARN) };
  if (scheme === "alibi") options.alibiSlopes = alibiSlopes(heads);
  return {
    q: noisy(seed + 1),
    k: noisy(seed + 2),
    v: tensor(identity, [1, heads, seq, headDim]),
    options,
  };
}

let gpu: Promise<GpuAttention> | undefined;

/** One GpuAttention for the page's lifetime (pipelines are cached per instance). */
async function gpuAttention(): Promise<GpuAttention> {
  gpu ??= import("@posenc/attention-gpu").then((m) => m.createGpuAttention({ fallback: "cpu" }));
  return await gpu;
}

function weightsOf(output: Tensor, values: PanelValues<"attention">): Float32Array {
  const { heads, seq, headDim } = values;
  const weights = new Float32Array(heads * seq * seq);
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < seq; i++) {
      const row = (h * seq + i) * headDim;
      weights.set(output.data.subarray(row, row + seq), (h * seq + i) * seq);
    }
  }
  return weights;
}

/**
 * Computes panel 6.
 *
 * @param values The panel's parameters.
 * @param backend `"auto"`: WebGPU when an adapter exists (the page);
 *   `"cpu"`: the reference only, never touching WebGPU (the server).
 * @returns The chosen head's weights and every head's reach.
 */
export async function computeAttention(
  values: PanelValues<"attention">,
  backend: "auto" | "cpu" = "cpu",
): Promise<AttentionData> {
  const { q, k, v, options } = attentionInputs(values);
  const { attentionReference } = await import("@posenc/attention-gpu");
  const reference = weightsOf(attentionReference(q, k, v, options), values);
  let weights = reference;
  let adapter: string | null = null;
  let reason: string | null = "computed on the server (Deno Deploy has no WebGPU)";
  let used: "webgpu" | "cpu" = "cpu";
  if (backend === "auto") {
    const instance = await gpuAttention();
    if (instance.info.backend === "webgpu") {
      weights = weightsOf(await instance.attention(q, k, v, options), values);
      used = "webgpu";
      const info = instance.info.adapter;
      adapter = `${info?.description || info?.vendor || "unnamed adapter"}${
        info?.isFallbackAdapter ? " (software adapter)" : ""
      }`;
      reason = null;
    } else {
      reason = instance.info.fallbackReason ?? "no WebGPU adapter";
    }
  }
  const { heads, seq, head } = values;
  const meanDistance = Array.from({ length: heads }, (_, h) => {
    let total = 0;
    for (let i = 0; i < seq; i++) {
      for (let j = 0; j < seq; j++) total += weights[(h * seq + i) * seq + j]! * Math.abs(i - j);
    }
    return total / seq;
  });
  return {
    backend: used,
    adapter,
    reason,
    weights: {
      positions: Array.from({ length: seq }, (_, i) => i),
      columns: seq,
      values: Array.from(weights.subarray((head - 1) * seq * seq, head * seq * seq)),
    },
    meanDistance,
    maxDiffFromReference: used === "webgpu" ? maxAbsDiff(weights, reference) : null,
  };
}
