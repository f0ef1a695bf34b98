/**
 * One decode step on the CPU (one new token, the case every generation loop
 * hits and the only one Deno Deploy can run): RoPE of the new token's q
 * [1, 32, 1, 128] and k [1, 8, 1, 128] at position 4095, and attention of
 * q [1, 32, 1, 128] against a KV cache of L = 4096 tokens (Hkv = 8, D = 128,
 * float32: 32 MiB of keys and values), each against copying the same bytes
 * (the memory limit) and ONNX Runtime's native kernels (RotaryEmbedding;
 * Attention-23 with grouped-query 4-D inputs), with ORT's kernel alone from
 * its profiler when the report asks for notes.
 *
 * The RoPE groups also time `applyRope` on a `ropeTensor` (the token's q or
 * k in the kernel's own WebAssembly memory: no copy in or out).
 *
 * Every contender's output is checked at start-up: RoPE against
 * applyRope's, attention against the float64 attentionReference.
 *
 * @module
 */

import {
  attentionCpu,
  attentionReference,
  type GpuAttention,
  type KvCache,
} from "@posenc/attention-gpu";
import { applyRope, ropeCache, ropeFrequencies, ropeTensor } from "@posenc/rope";
import { randomNormal, type Tensor } from "@posenc/tensor";
import {
  decodeAttentionModel,
  floatTensor,
  OrtOp,
  positionIds,
  rotaryEmbeddingModel,
} from "./_peers/ort.ts";
import type { RopeTables } from "./_peers/reference.ts";
import { noteOrtKernelTime } from "./_notes.ts";
import { verifyClose } from "./_verify.ts";
import { cpuBackend } from "./_peers/cpu_backend.ts";

/** The decode step's sizes: a Llama-3-8B-like layer (32 query heads, 8 KV heads, D = 128). */
const HEADS = 32;
const KV_HEADS = 8;
const HEAD_DIM = 128;
const CACHE_LENGTH = 4096;
const POSITION = CACHE_LENGTH - 1;
const ATOL = 1e-4;

// --- RoPE of one token's q and k ------------------------------------------------------------------

const frequencies = ropeFrequencies(HEAD_DIM);
const cache = ropeCache(frequencies, CACHE_LENGTH);
const tables: RopeTables = {
  positions: CACHE_LENGTH,
  halfDim: HEAD_DIM / 2,
  cos: cache.cos.data,
  sin: cache.sin.data,
};

for (const [label, heads] of [["q", HEADS], ["k", KV_HEADS]] as const) {
  const shape: [number, number, number, number] = [1, heads, 1, HEAD_DIM];
  const group = `rope decode ${label} 1x${heads}x1x${HEAD_DIM}`;
  const x = randomNormal(shape, { seed: heads });
  const work: Tensor = { shape, data: new Float32Array(x.data.length) };
  const options = { offset: POSITION };
  const expected = applyRope(x, cache, options).data;
  verifyClose(
    group,
    "applyRope",
    "applyRope from frequencies",
    applyRope(x, frequencies, options).data,
    expected,
    0,
  );
  work.data.set(x.data);
  verifyClose(
    group,
    "applyRope inPlace",
    "applyRope",
    applyRope(work, cache, { ...options, inPlace: true }).data,
    expected,
    0,
  );
  // The same token in a tensor that lives in the kernel's memory: rotated with no copy.
  const resident = ropeTensor(shape);
  resident.data.set(x.data);
  verifyClose(
    group,
    "applyRope inPlace, ropeTensor",
    "applyRope",
    applyRope(resident, cache, { ...options, inPlace: true }).data,
    expected,
    0,
  );
  const dims = { batch: 1, heads, seq: 1, headDim: HEAD_DIM };
  const model = rotaryEmbeddingModel(dims, { pairing: "half", tables });
  const feeds = { x: floatTensor(x.data, shape), position_ids: positionIds([POSITION], 1) };
  const ort = await OrtOp.create(model);
  verifyClose(
    group,
    "onnxruntime RotaryEmbedding",
    "applyRope",
    await ort.run(feeds),
    expected,
    ATOL,
  );
  await noteOrtKernelTime(group, "onnxruntime RotaryEmbedding (kernel only)", model, feeds, {
    threads: 0,
    runs: 201,
    warmup: 20,
  });

  Deno.bench({
    group,
    name: "copy",
    baseline: true,
    fn() {
      work.data.set(x.data);
    },
  });
  Deno.bench({
    group,
    name: "applyRope inPlace",
    fn() {
      applyRope(work, cache, { offset: POSITION, inPlace: true });
    },
  });
  Deno.bench({
    group,
    name: "applyRope inPlace, ropeTensor",
    fn() {
      applyRope(resident, cache, { offset: POSITION, inPlace: true });
    },
  });
  Deno.bench({
    group,
    name: "applyRope",
    fn() {
      applyRope(x, cache, options);
    },
  });
  Deno.bench({
    group,
    name: "onnxruntime RotaryEmbedding",
    async fn() {
      await ort.run(feeds);
    },
  });
}

// --- Attention of one token against the KV cache --------------------------------------------------

// Named like attention-gpu's own decode groups (the report reads K and V bytes from it), "cpu " apart.
const group = `cpu decode B1 Hkv${KV_HEADS} G${HEADS / KV_HEADS} D${HEAD_DIM} L${CACHE_LENGTH} f32`;
const q = randomNormal([1, HEADS, 1, HEAD_DIM], { seed: 1 });
const k = randomNormal([1, KV_HEADS, CACHE_LENGTH, HEAD_DIM], { seed: 2 });
const v = randomNormal([1, KV_HEADS, CACHE_LENGTH, HEAD_DIM], { seed: 3 });
// One query sees every cached key: causal bottom-right alignment is the plain product.
const expected = attentionReference(q, k, v).data;
const cacheCopy = new Float32Array(2 * k.data.length);

async function filledCache(backend: GpuAttention): Promise<KvCache> {
  const kv = await backend.createKvCache({
    batch: 1,
    kvHeads: KV_HEADS,
    headDim: HEAD_DIM,
    maxLength: CACHE_LENGTH,
    precision: "f32",
  });
  await kv.append(k, v);
  return kv;
}

const backends: [string, GpuAttention][] = [
  ["posenc CPU decode", await cpuBackend(1)],
  ["posenc CPU decode, 2 threads", await cpuBackend(2)],
];
for (const [name, backend] of backends) {
  const kv = await filledCache(backend);
  verifyClose(
    group,
    name,
    "attentionReference",
    (await backend.decode(q, kv)).data,
    expected,
    ATOL,
  );
  Deno.bench({
    group,
    name,
    async fn() {
      await backend.decode(q, kv);
    },
  });
}
verifyClose(
  group,
  "attentionCpu",
  "attentionReference",
  attentionCpu(q, k, v).data,
  expected,
  ATOL,
);

const model = decodeAttentionModel(
  { batch: 1, heads: HEADS, seq: 1, headDim: HEAD_DIM },
  { heads: KV_HEADS, seq: CACHE_LENGTH },
);
const feeds = {
  q: floatTensor(q.data, q.shape),
  k: floatTensor(k.data, k.shape),
  v: floatTensor(v.data, v.shape),
};
const ort = await OrtOp.create(model);
verifyClose(
  group,
  "onnxruntime Attention",
  "attentionReference",
  await ort.run(feeds),
  expected,
  ATOL,
);
await noteOrtKernelTime(group, "onnxruntime Attention (kernel only)", model, feeds, {
  threads: 0,
  runs: 51,
  warmup: 5,
});

Deno.bench({
  group,
  name: "copy",
  baseline: true,
  fn() {
    // The bytes one decode step must read: every cached key and value.
    cacheCopy.set(k.data);
    cacheCopy.set(v.data, k.data.length);
  },
});
Deno.bench({
  group,
  name: "attentionCpu",
  fn() {
    attentionCpu(q, k, v);
  },
});
Deno.bench({
  group,
  name: "onnxruntime Attention",
  async fn() {
    await ort.run(feeds);
  },
});
