import assert from "node:assert/strict";
import { assertAllClose, randomNormal } from "@posenc/tensor";
import { attentionReference } from "@posenc/attention-gpu";
import {
  attentionModel,
  decodeAttentionModel,
  floatTensor,
  OrtOp,
  positionIds,
  rotaryEmbeddingModel,
} from "./_peers/ort.ts";
import {
  attentionReference64,
  type Bhsd,
  defaultInvFreq,
  type Pairing,
  ropeReference,
  ropeTables,
} from "./_peers/reference.ts";
import {
  tf,
  tfAttention,
  type TfBackendName,
  tfCausalMask,
  tfRope,
  tfRopeTables,
  useBackend,
} from "./_peers/tfjs.ts";

const ROPE_DIMS: Bhsd = { batch: 2, heads: 3, seq: 5, headDim: 8 };
// Out of order and repeated: a peer that ignored position_ids would fail.
const POSITIONS = [7, 3, 0, 11, 3];
const TABLES = ropeTables(defaultInvFreq(ROPE_DIMS.headDim), 12);
const ATTENTION_DIMS: Bhsd = { batch: 1, heads: 2, seq: 9, headDim: 16 };
const PAIRINGS: Pairing[] = ["half", "interleaved"];

function shapeOf(d: Bhsd): number[] {
  return [d.batch, d.heads, d.seq, d.headDim];
}

function attentionInputs(): [Float32Array, Float32Array, Float32Array] {
  const shape = shapeOf(ATTENTION_DIMS);
  return [1, 2, 3].map((seed) => randomNormal(shape, { seed }).data) as [
    Float32Array,
    Float32Array,
    Float32Array,
  ];
}

Deno.test("reference: RoPE rotates pairs and keeps each pair's norm", () => {
  const x = randomNormal(shapeOf(ROPE_DIMS), { seed: 9 }).data;
  for (const pairing of PAIRINGS) {
    const y = ropeReference(x, ROPE_DIMS, TABLES, { pairing, positions: POSITIONS });
    const half = ROPE_DIMS.headDim / 2;
    for (let row = 0; row < x.length; row += ROPE_DIMS.headDim) {
      for (let i = 0; i < half; i++) {
        const [a, b] = pairing === "half"
          ? [row + i, row + i + half]
          : [row + 2 * i, row + 2 * i + 1];
        assert.ok(Math.abs(Math.hypot(y[a]!, y[b]!) - Math.hypot(x[a]!, x[b]!)) < 1e-6);
      }
    }
    // Position 0 (the third token) is the identity.
    const token = 2 * ROPE_DIMS.headDim;
    assert.deepEqual(
      Array.from(y.subarray(token, token + ROPE_DIMS.headDim)),
      Array.from(x.subarray(token, token + ROPE_DIMS.headDim)),
    );
  }
});

Deno.test("reference: attention rows are convex combinations of v; causal row 0 is v[0]", () => {
  const [q, k, v] = attentionInputs();
  const { seq, headDim } = ATTENTION_DIMS;
  const causal = attentionReference64(q, k, v, ATTENTION_DIMS, { causal: true });
  assert.deepEqual(Array.from(causal.subarray(0, headDim)), Array.from(v.subarray(0, headDim)));
  const full = attentionReference64(q, k, v, ATTENTION_DIMS, { causal: false });
  for (let e = 0; e < headDim; e++) {
    let min = Infinity;
    let max = -Infinity;
    for (let j = 0; j < seq; j++) {
      min = Math.min(min, v[j * headDim + e]!);
      max = Math.max(max, v[j * headDim + e]!);
    }
    assert.ok(full[e]! >= min && full[e]! <= max);
  }
  // Equal scores (q = 0) average the visible values.
  const zero = new Float32Array(q.length);
  const mean = attentionReference64(zero, k, v, ATTENTION_DIMS, { causal: true });
  const row = 3;
  const expected = (v[0]! + v[headDim]! + v[2 * headDim]! + v[3 * headDim]!) / 4;
  assert.ok(Math.abs(mean[row * headDim]! - expected) < 1e-12);
});

Deno.test("onnxruntime RotaryEmbedding equals the reference", async (t) => {
  const x = randomNormal(shapeOf(ROPE_DIMS), { seed: 5 }).data;
  for (const pairing of PAIRINGS) {
    await t.step(pairing, async () => {
      const op = await OrtOp.create(rotaryEmbeddingModel(ROPE_DIMS, { pairing, tables: TABLES }), {
        threads: 1,
      });
      try {
        const y = await op.run({
          x: floatTensor(x, shapeOf(ROPE_DIMS)),
          position_ids: positionIds(POSITIONS, ROPE_DIMS.batch),
        });
        const expected = ropeReference(x, ROPE_DIMS, TABLES, { pairing, positions: POSITIONS });
        assertAllClose(y, expected, { atol: 1e-5, rtol: 0 });
      } finally {
        await op.release();
      }
    });
  }
});

Deno.test("onnxruntime Attention equals the reference, causal and not", async (t) => {
  const [q, k, v] = attentionInputs();
  const shape = shapeOf(ATTENTION_DIMS);
  for (const causal of [false, true]) {
    await t.step(causal ? "causal" : "full", async () => {
      const op = await OrtOp.create(attentionModel(ATTENTION_DIMS, { causal }));
      try {
        const y = await op.run({
          q: floatTensor(q, shape),
          k: floatTensor(k, shape),
          v: floatTensor(v, shape),
        });
        assertAllClose(y, attentionReference64(q, k, v, ATTENTION_DIMS, { causal }), {
          atol: 1e-4,
          rtol: 0,
        });
      } finally {
        await op.release();
      }
    });
  }
});

Deno.test("onnxruntime Attention for one decode step (GQA, 4-D) equals the reference", async () => {
  const q = randomNormal([1, 6, 1, 16], { seed: 1 });
  const k = randomNormal([1, 2, 11, 16], { seed: 2 });
  const v = randomNormal([1, 2, 11, 16], { seed: 3 });
  const op = await OrtOp.create(
    decodeAttentionModel({ batch: 1, heads: 6, seq: 1, headDim: 16 }, { heads: 2, seq: 11 }),
  );
  try {
    const y = await op.run({
      q: floatTensor(q.data, q.shape),
      k: floatTensor(k.data, k.shape),
      v: floatTensor(v.data, v.shape),
    });
    // Query head h reads k/v head floor(h / 3); one query sees every key.
    assertAllClose(y, attentionReference(q, k, v).data, { atol: 1e-5, rtol: 0 });
  } finally {
    await op.release();
  }
});

Deno.test("onnxruntime profiler reports one kernel time per run", async () => {
  const [q, k, v] = attentionInputs();
  const shape = shapeOf(ATTENTION_DIMS);
  const op = await OrtOp.create(attentionModel(ATTENTION_DIMS, { causal: true }), {
    threads: 1,
    profile: true,
  });
  try {
    const feeds = { q: floatTensor(q, shape), k: floatTensor(k, shape), v: floatTensor(v, shape) };
    for (let i = 0; i < 3; i++) await op.run(feeds);
    const times = await op.kernelTimes();
    assert.equal(times.length, 3);
    for (const ms of times) assert.ok(ms > 0 && ms < 1000, `kernel time ${ms} ms`);
  } finally {
    await op.release();
  }
});

async function checkTfjs(t: Deno.TestContext, backend: TfBackendName): Promise<void> {
  const status = await useBackend(backend);
  if (!status.ok) {
    // Same rule as the GPU tests: CI always has an adapter, so a failure there is a bug.
    if (backend === "webgpu" && Deno.env.get("CI") !== "true") {
      console.warn(`tfjs-webgpu unavailable, skipped: ${status.reason}`);
      return;
    }
    assert.fail(`tfjs ${backend} did not initialise: ${status.reason}`);
  }
  const x = randomNormal(shapeOf(ROPE_DIMS), { seed: 5 }).data;
  for (const pairing of PAIRINGS) {
    await t.step(`${backend} RoPE ${pairing}`, async () => {
      const tables = tfRopeTables(TABLES);
      const xt = tf.tensor4d(x, shapeOf(ROPE_DIMS) as [number, number, number, number]);
      const pos = tf.tensor1d(POSITIONS, "int32");
      const y = tf.tidy(() => tfRope(xt, tables, pos, pairing));
      const data = await y.data() as Float32Array;
      tf.dispose([y, xt, pos, tables.cos, tables.sin]);
      assertAllClose(data, ropeReference(x, ROPE_DIMS, TABLES, { pairing, positions: POSITIONS }), {
        atol: 1e-5,
        rtol: 0,
      });
    });
  }
  const [q, k, v] = attentionInputs();
  const shape = shapeOf(ATTENTION_DIMS) as [number, number, number, number];
  for (const causal of [false, true]) {
    await t.step(`${backend} attention ${causal ? "causal" : "full"}`, async () => {
      const [qt, kt, vt] = [q, k, v].map((a) => tf.tensor4d(a, shape)) as [
        tf.Tensor4D,
        tf.Tensor4D,
        tf.Tensor4D,
      ];
      const mask = causal ? tfCausalMask(ATTENTION_DIMS.seq) : undefined;
      const y = tf.tidy(() => tfAttention(qt, kt, vt, mask ? { mask } : {}));
      const data = await y.data() as Float32Array;
      tf.dispose([y, qt, kt, vt, ...(mask ? [mask] : [])]);
      assertAllClose(data, attentionReference64(q, k, v, ATTENTION_DIMS, { causal }), {
        atol: 1e-4,
        rtol: 0,
      });
    });
  }
}

Deno.test("tfjs CPU RoPE and attention equal the reference", (t) => checkTfjs(t, "cpu"));

Deno.test("tfjs WebGPU RoPE and attention equal the reference", (t) => checkTfjs(t, "webgpu"));
