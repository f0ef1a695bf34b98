import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import {
  attentionReference,
  createGpuAttention,
  type GpuAttention,
  type GpuTensor,
  type KvCache,
} from "./mod.ts";
import { gpuTest, hasAdapter, withoutAdapter } from "./_testing.ts";

const close = { atol: 2e-5, rtol: 0 };
const D = 32;
const rope = { frequencies: ropeFrequencies(D), pairing: "half" as const };
const dims = { batch: 1, kvHeads: 2, headDim: D, maxLength: 16 };

function concat(a: Tensor, b: Tensor): Tensor {
  const [B, H, La] = a.shape as [number, number, number, number];
  const Lb = b.shape[2]!;
  const data = new Float32Array(B * H * (La + Lb) * D);
  for (let h = 0; h < B * H; h++) {
    data.set(a.data.subarray(h * La * D, (h + 1) * La * D), h * (La + Lb) * D);
    data.set(b.data.subarray(h * Lb * D, (h + 1) * Lb * D), (h * (La + Lb) + La) * D);
  }
  return { shape: [B, H, La + Lb, D], data };
}

/** What every backend must do the same way. */
async function recordingBehaviour(t: Deno.TestContext, gpu: GpuAttention): Promise<void> {
  await t.step("a layer loop in one submission equals the reference", async () => {
    const layers = 3;
    const prompt = Array.from({ length: layers }, (_, i) => ({
      k: randomNormal([1, 2, 5, D], { seed: 10 + i }),
      v: randomNormal([1, 2, 5, D], { seed: 20 + i }),
    }));
    const caches: KvCache[] = [];
    for (const p of prompt) {
      const cache = await gpu.createKvCache(dims);
      await cache.append(p.k, p.v, { rope });
      caches.push(cache);
    }
    const q = gpu.upload(randomNormal([1, 4, 1, D], { seed: 1 })); // GQA: 2 query heads per KV head
    const kt = randomNormal([1, 2, 1, D], { seed: 2 });
    const vt = gpu.upload(randomNormal([1, 2, 1, D], { seed: 3 }));

    const step = gpu.record();
    assert.equal(step.state, "recording");
    const outputs = caches.map((cache) => {
      step.append(cache, kt, vt, { rope });
      return step.decode(q, cache, { rope });
    });
    assert.equal(step.calls, 2 * layers);
    assert.ok(caches.every((c) => c.length === 5)); // nothing ran yet
    const submitted = step.submit();
    assert.equal(step.state, "submitting");
    await submitted;
    assert.equal(step.state, "submitted");
    assert.ok(caches.every((c) => c.length === 6));

    const qHost = await gpu.download(q);
    const vHost = await gpu.download(vt);
    for (let i = 0; i < layers; i++) {
      const k = concat(prompt[i]!.k, kt);
      const v = concat(prompt[i]!.v, vHost);
      const want = attentionReference(qHost, k, v, { rope, causal: true });
      assertAllClose(await gpu.download(outputs[i]!), want, close);
    }
    for (const cache of caches) cache.destroy();
  });

  await t.step("calls chain inside a recording; outputs are GpuTensors", async () => {
    const x = randomNormal([1, 2, 6, D], { seed: 4 });
    const k = randomNormal([1, 2, 6, D], { seed: 5 });
    const resident = gpu.upload(x);
    const step = gpu.record();
    const rotated = step.applyRope(x, rope.frequencies, { offset: 0 }); // host input
    const rotatedK = step.applyRope(gpu.upload(k), rope.frequencies, { offset: 0 });
    const out = step.attention(rotated, rotatedK, k, { causal: true }); // a recorded input
    const inPlace = step.applyRope(resident, rope.frequencies, { inPlace: true });
    assert.equal(inPlace, resident);
    await step.submit();
    const want = attentionReference(x, k, k, { causal: true, rope });
    assertAllClose(await gpu.download(out), want, close);
    assertAllClose(
      await gpu.download(resident),
      await gpu.applyRope(x, rope.frequencies),
      { atol: 1e-6, rtol: 0 },
    );
    assert.equal(out.dtype, "float32"); // a GpuTensor, though q came from a host tensor
    assert.deepEqual(out.shape, [1, 2, 6, D]);
  });

  await t.step("outputs cannot be used before submit() resolves", async () => {
    const q = randomNormal([1, 2, 3, D], { seed: 6 });
    const step = gpu.record();
    const out = step.attention(q, q, q);
    const notYet =
      /this GpuTensor is an output of a recording whose submit\(\) has not resolved yet/;
    await assert.rejects(() => gpu.download(out), notYet);
    await assert.rejects(() => gpu.attention(out, q, q), notYet);
    assert.throws(() => gpu.record().attention(out, q, q), notYet); // another recording
    const submitted = step.submit();
    await assert.rejects(() => gpu.download(out), notYet);
    await submitted;
    assertAllClose(await gpu.download(out), attentionReference(q, q, q), close);
  });

  await t.step("destroying an output before submit frees it after", async () => {
    const q = randomNormal([1, 2, 3, D], { seed: 7 });
    const step = gpu.record();
    const rotated = step.applyRope(q, rope.frequencies);
    const out = step.attention(rotated, rotated, q);
    rotated.destroy(); // still computed and read by the attention
    assert.equal(rotated.destroyed, true);
    await step.submit();
    const r = await gpu.applyRope(q, rope.frequencies);
    assertAllClose(await gpu.download(out), attentionReference(r, r, q), close);
    await assert.rejects(() => gpu.download(rotated), /this GpuTensor was destroyed/);
  });

  await t.step("misuse gets clear errors", async () => {
    const q = randomNormal([1, 2, 1, D], { seed: 8 });
    const cache = await gpu.createKvCache(dims);
    const step = gpu.record();
    assert.throws(
      () => step.attention(q, randomNormal([1, 2, 3, 16]), q),
      /Invalid k: expected head dim 32 \(as q\), got 16/,
    );
    assert.throws(() => step.decode(q, {} as KvCache), /Invalid cache: expected a KvCache/);
    assert.throws(
      () => step.applyRope(q, rope.frequencies, { inPlace: true }),
      /Invalid inPlace: a recording writes in place only into a GpuTensor/,
    );
    assert.equal(step.calls, 0); // refused calls are not recorded
    await step.submit(); // an empty recording is fine
    assert.throws(
      () => step.attention(q, q, q),
      /This recording cannot take more calls: it was submitted/,
    );
    await assert.rejects(
      () => step.submit(),
      /This recording cannot be submitted: it was submitted already/,
    );

    const dropped = gpu.record();
    const out = dropped.attention(q, q, q);
    dropped.discard();
    assert.equal(dropped.state, "discarded");
    await assert.rejects(
      () => gpu.download(out),
      /its recording failed \(it was discarded before submit\(\)\)/,
    );
    await assert.rejects(() => dropped.submit(), /it was discarded already/);

    cache.destroy();
    assert.throws(
      () => gpu.record().append(cache, q, q),
      /Invalid cache: this KvCache was destroyed/,
    );
  });

  await t.step("all or nothing: a failing call runs none", async () => {
    const q = randomNormal([1, 4, 1, D], { seed: 9 });
    const kv = randomNormal([1, 2, 1, D], { seed: 10 });
    const roomy = await gpu.createKvCache(dims);
    const full = await gpu.createKvCache({ ...dims, maxLength: 1 });
    await full.append(kv, kv);
    const step = gpu.record();
    step.append(roomy, kv, kv);
    const out = step.decode(q, roomy);
    step.append(full, kv, kv); // checked when submitted: no room
    await assert.rejects(
      () => step.submit(),
      /Cannot append 1 tokens: the KV cache holds 1 of its maxLength 1 tokens/,
    );
    assert.equal(step.state, "failed");
    assert.equal(roomy.length, 0);
    assert.equal(full.length, 1);
    await assert.rejects(() => gpu.download(out), /its recording failed \(Cannot append 1 tokens/);

    const gone = gpu.record();
    gone.append(roomy, kv, kv);
    roomy.destroy();
    await assert.rejects(() => gone.submit(), /This KvCache cannot be used: it was destroyed/);
    full.destroy();
  });

  await t.step("recordings and eager calls on a cache run in call order", async () => {
    const q = randomNormal([1, 4, 1, D], { seed: 11 });
    const k = [12, 13, 14].map((seed) => randomNormal([1, 2, 1, D], { seed }));
    const cache = await gpu.createKvCache(dims);
    const first = cache.append(k[0]!, k[0]!); // not awaited: the recording comes after it
    const step = gpu.record();
    step.append(cache, k[1]!, k[1]!);
    const out = step.decode(q, cache);
    const submitted = step.submit();
    const later = cache.append(k[2]!, k[2]!); // after the recording
    await Promise.all([first, submitted, later]);
    assert.equal(cache.length, 3);
    const keys = concat(k[0]!, k[1]!);
    assertAllClose(
      await gpu.download(out),
      attentionReference(q, keys, keys, { causal: true }),
      close,
    );
    cache.destroy();
  });

  await t.step("a recording of another instance's objects is refused", async () => {
    const other = await createGpuAttention({ fallback: "cpu" });
    try {
      const q = randomNormal([1, 2, 1, D], { seed: 15 });
      const cache = await other.createKvCache(dims);
      assert.throws(
        () => gpu.record().decode(q, cache),
        /Invalid cache: (this KvCache belongs to another GpuAttention|expected a KvCache)/,
      );
      assert.throws(
        () => gpu.record().attention(other.upload(q), q, q),
        /Invalid q: this GpuTensor belongs to another GpuAttention/,
      );
    } finally {
      other.destroy();
    }
  });
}

gpuTest("a recording runs many calls in one submission (WebGPU)", async (t, gpu) => {
  await recordingBehaviour(t, gpu);
});

Deno.test({
  name: "destroy() while a recording compiles its pipelines rejects it as destroyed",
  ignore: !hasAdapter && Deno.env.get("CI") !== "true",
  async fn() {
    const gpu = await createGpuAttention();
    try {
      const q = randomNormal([1, 2, 1, D], { seed: 16 });
      const step = gpu.record();
      const out: GpuTensor = step.attention(q, q, q, { alibiSlopes: [0.5, 0.25] });
      const submitted = step.submit(); // its pipeline is still compiling
      gpu.destroy();
      const destroyed = /This GpuAttention cannot be used: it was destroyed/;
      await assert.rejects(() => submitted, destroyed);
      assert.equal(out.destroyed, true);
      assert.throws(() => gpu.record(), destroyed);
    } finally {
      gpu.destroy();
    }
  },
});

Deno.test("a recording on the CPU fallback runs the calls in order, same semantics", async (t) => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      assert.equal(gpu.info.backend, "cpu");
      await recordingBehaviour(t, gpu);
      const q = randomNormal([1, 2, 1, D], { seed: 17 });
      const step = gpu.record();
      step.attention(q, q, q);
      gpu.destroy();
      await assert.rejects(
        () => step.submit(),
        /This GpuAttention cannot be used: it was destroyed/,
      );
    } finally {
      gpu.destroy();
    }
  });
});
