/**
 * ONNX Runtime's native CPU kernels through `npm:onnxruntime-node` (a
 * dev-only peer): one-node RotaryEmbedding and Attention graphs (ai.onnx
 * opset 23) built in memory, sessions that run them, and the kernel time
 * from ORT's own profiler.
 *
 * onnxruntime-node hands inputs to the kernel without copying, but copies
 * every output into a fresh ArrayBuffer: `session.run` is what a user pays,
 * the profiler's kernel time is what the C++ kernel alone costs.
 *
 * @module
 */

import * as ort from "npm:onnxruntime-node@1.30.0";
import { encodeNodeModel, ONNX_FLOAT, ONNX_INT64, type OnnxNodeModel } from "./onnx_model.ts";
import type { Bhsd, Pairing, RopeTables } from "./reference.ts";

/** The onnxruntime-node version the benches pin (kept equal to the import above). */
export const ORT_VERSION = "1.30.0";

/** Session knobs the benches vary. */
export interface OrtSessionOptions {
  /** Intra-op threads; 0 lets ORT choose (its default, one per physical core). @default {0} */
  threads?: number;
  /** Record per-kernel times with ORT's profiler (adds a little overhead per run). @default {false} */
  profile?: boolean;
}

/** A session for a one-node graph whose single output is float32. */
export class OrtOp {
  readonly #session: ort.InferenceSession;
  readonly #output: string;
  readonly #profileDir: string | undefined;

  private constructor(session: ort.InferenceSession, output: string, profileDir?: string) {
    this.#session = session;
    this.#output = output;
    this.#profileDir = profileDir;
  }

  /** Builds the model bytes and opens a CPU session on them. */
  static async create(model: OnnxNodeModel, options: OrtSessionOptions = {}): Promise<OrtOp> {
    const profileDir = options.profile
      ? await Deno.makeTempDir({ prefix: "ort-prof-" })
      : undefined;
    const session = await ort.InferenceSession.create(encodeNodeModel(model), {
      executionProviders: ["cpu"],
      intraOpNumThreads: options.threads ?? 0,
      graphOptimizationLevel: "all",
      ...(profileDir ? { enableProfiling: true, profileFilePrefix: `${profileDir}/ort` } : {}),
    });
    return new OrtOp(session, model.outputs[0]!.name, profileDir);
  }

  /** One `session.run`: the kernel plus onnxruntime-node's copy of the output. */
  async run(feeds: Record<string, ort.Tensor>): Promise<Float32Array> {
    const result = await this.#session.run(feeds);
    return result[this.#output]!.data as Float32Array;
  }

  /**
   * Ends profiling and returns the kernel time of every run so far, in
   * milliseconds (ORT's `<node>_kernel_time` events).
   */
  async kernelTimes(): Promise<number[]> {
    if (!this.#profileDir) throw new Error("Invalid session: it was created without profile: true");
    this.#session.endProfiling();
    const times: number[] = [];
    for await (const entry of Deno.readDir(this.#profileDir)) {
      const path = `${this.#profileDir}/${entry.name}`;
      const events = JSON.parse(await Deno.readTextFile(path)) as {
        cat?: string;
        name?: string;
        dur?: number;
      }[];
      for (const e of events) {
        if (e.cat === "Node" && e.name?.endsWith("_kernel_time") && e.dur !== undefined) {
          times.push(e.dur / 1000);
        }
      }
      await Deno.remove(path);
    }
    return times;
  }

  /** Frees the native session (and its profile folder). */
  async release(): Promise<void> {
    await this.#session.release();
    if (this.#profileDir) await Deno.remove(this.#profileDir, { recursive: true });
  }
}

/** A float32 ORT tensor over `data` (no copy). */
export function floatTensor(data: Float32Array, shape: readonly number[]): ort.Tensor {
  return new ort.Tensor("float32", data, shape);
}

/** ORT's int64 position_ids [batch, seq], the same positions for every batch row. */
export function positionIds(positions: ArrayLike<number>, batch: number): ort.Tensor {
  const ids = new BigInt64Array(batch * positions.length);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < positions.length; s++) {
      ids[b * positions.length + s] = BigInt(positions[s]!);
    }
  }
  return new ort.Tensor("int64", ids, [batch, positions.length]);
}

/**
 * ai.onnx RotaryEmbedding-23 on a bhsd tensor with position_ids; the cos/sin
 * tables are model constants, as in an exported model.
 * Feeds: `x` (float32 [B, H, S, D]) and `position_ids` (int64 [B, S]).
 */
export function rotaryEmbeddingModel(
  dims: Bhsd,
  options: { pairing: Pairing; tables: RopeTables },
): OnnxNodeModel {
  const { batch, heads, seq, headDim } = dims;
  const { tables } = options;
  const x = [batch, heads, seq, headDim];
  return {
    opType: "RotaryEmbedding",
    domain: "",
    opsetVersion: 23,
    nodeInputs: ["x", "cos_cache", "sin_cache", "position_ids"],
    nodeOutputs: ["y"],
    attributes: [{ name: "interleaved", int: options.pairing === "interleaved" ? 1 : 0 }],
    inputs: [
      { name: "x", type: ONNX_FLOAT, shape: x },
      { name: "position_ids", type: ONNX_INT64, shape: [batch, seq] },
    ],
    outputs: [{ name: "y", type: ONNX_FLOAT, shape: x }],
    initializers: [
      { name: "cos_cache", shape: [tables.positions, tables.halfDim], data: tables.cos },
      { name: "sin_cache", shape: [tables.positions, tables.halfDim], data: tables.sin },
    ],
  };
}

/**
 * ai.onnx Attention-23 on bhsd q, k, v (4-D inputs, so no head attributes),
 * `is_causal` as asked, the default scale 1/sqrt(D). Feeds: `q`, `k`, `v`.
 */
export function attentionModel(dims: Bhsd, options: { causal: boolean }): OnnxNodeModel {
  const shape = [dims.batch, dims.heads, dims.seq, dims.headDim];
  return {
    opType: "Attention",
    domain: "",
    opsetVersion: 23,
    nodeInputs: ["q", "k", "v"],
    nodeOutputs: ["y"],
    attributes: [{ name: "is_causal", int: options.causal ? 1 : 0 }],
    inputs: ["q", "k", "v"].map((name) => ({ name, type: ONNX_FLOAT, shape })),
    outputs: [{ name: "y", type: ONNX_FLOAT, shape }],
  };
}

/**
 * ai.onnx Attention-23 for one decode step with grouped-query attention:
 * q [B, H, n, D] against k and v [B, Hkv, L, D] (4-D inputs, so no head
 * attributes; H a multiple of Hkv), not causal (the new tokens see the
 * whole cache), the default scale 1/sqrt(D). Feeds: `q`, `k`, `v`.
 */
export function decodeAttentionModel(
  q: { batch: number; heads: number; seq: number; headDim: number },
  kv: { heads: number; seq: number },
): OnnxNodeModel {
  const qShape = [q.batch, q.heads, q.seq, q.headDim];
  const kvShape = [q.batch, kv.heads, kv.seq, q.headDim];
  return {
    opType: "Attention",
    domain: "",
    opsetVersion: 23,
    nodeInputs: ["q", "k", "v"],
    nodeOutputs: ["y"],
    attributes: [],
    inputs: [
      { name: "q", type: ONNX_FLOAT, shape: qShape },
      { name: "k", type: ONNX_FLOAT, shape: kvShape },
      { name: "v", type: ONNX_FLOAT, shape: kvShape },
    ],
    outputs: [{ name: "y", type: ONNX_FLOAT, shape: qShape }],
  };
}
