import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { attentionReference, createGpuAttention, type GpuAttention } from "./mod.ts";
import { GpuContext, type Job } from "./_context.ts";
import { kernelLayout, readWrite } from "./_kernel_layout.ts";
import { gpuTest, hasAdapter, withoutAdapter } from "./_testing.ts";

const close = { atol: 2e-5, rtol: 0 };
const gpuOnly = { ignore: !hasAdapter && Deno.env.get("CI") !== "true" };
/** What a call cut short by destroy() says: the instance's message, or its cache's. */
const destroyed =
  /^(This GpuAttention cannot be used: it was destroyed; create a new one with createGpuAttention\(\)|This KvCache cannot be used: its GpuAttention was destroyed or lost its device)$/;

/** The calls of every kind, issued on a fresh instance (no pipeline compiled yet). */
async function issueCalls(gpu: GpuAttention): Promise<Promise<unknown>[]> {
  const q = randomNormal([1, 2, 4, 32], { seed: 1 });
  const cache = await gpu.createKvCache({ batch: 1, kvHeads: 2, headDim: 32, maxLength: 8 });
  return [
    gpu.attention(q, q, q),
    gpu.attention(gpu.upload(q), q, q, { causal: true, alibiSlopes: [0.5, 0.25] }),
    gpu.applyRope(q, ropeFrequencies(32)),
    cache.append(q, q),
    gpu.decode(randomNormal([1, 2, 1, 32], { seed: 2 }), cache),
  ];
}

Deno.test({
  name: "destroy() right after calls, before their pipelines compile: they reject as destroyed",
  ...gpuOnly,
  async fn(t) {
    await t.step("an instance that owns its device", async () => {
      const gpu = await createGpuAttention();
      const calls = await issueCalls(gpu);
      gpu.destroy();
      for (const result of await Promise.allSettled(calls)) {
        assert.equal(result.status, "rejected");
        assert.match((result as PromiseRejectedResult).reason.message, destroyed);
      }
    });
    await t.step("an instance on the caller's device", async () => {
      const adapter = await navigator.gpu.requestAdapter();
      const device = await adapter!.requestDevice();
      try {
        const gpu = await createGpuAttention({ device });
        const calls = await issueCalls(gpu);
        gpu.destroy();
        for (const result of await Promise.allSettled(calls)) {
          assert.equal(result.status, "rejected");
          assert.match((result as PromiseRejectedResult).reason.message, destroyed);
        }
      } finally {
        device.destroy();
      }
    });
  },
});

/** A tensor whose data lives on a SharedArrayBuffer. */
function shared(t: Tensor): Tensor {
  const data = new Float32Array(new SharedArrayBuffer(t.data.byteLength));
  data.set(t.data);
  return { shape: t.shape, data };
}

async function sharedMemory(gpu: GpuAttention): Promise<void> {
  const frequencies = ropeFrequencies(32);
  const [q, k, v] = [1, 2, 3].map((seed) => randomNormal([1, 4, 6, 32], { seed }));
  const [qs, ks, vs] = [q!, k!, v!].map(shared);
  const options = { causal: true, rope: { frequencies } };
  const want = attentionReference(q!, k!, v!, options);
  assertAllClose(await gpu.attention(qs!, ks!, vs!, options), want, close);
  assertAllClose(await gpu.download(gpu.upload(qs!)), q!, { atol: 0, rtol: 0 });

  const cache = await gpu.createKvCache({ batch: 1, kvHeads: 4, headDim: 32, maxLength: 8 });
  await cache.append(ks!, vs!);
  const q1 = randomNormal([1, 4, 1, 32], { seed: 4 });
  assertAllClose(
    await gpu.decode(shared(q1), cache),
    attentionReference(q1, k!, v!, { causal: true }),
    close,
  );
  const x = shared(q!);
  await gpu.applyRope(x, frequencies, { inPlace: true });
  assertAllClose(x, await gpu.applyRope(q!, frequencies), { atol: 1e-6, rtol: 0 });
  cache.destroy();
}

gpuTest("tensors on a SharedArrayBuffer work on WebGPU", async (_t, gpu) => {
  await sharedMemory(gpu);
});

Deno.test("tensors on a SharedArrayBuffer work on the CPU fallback", async () => {
  await withoutAdapter(async () => {
    const gpu = await createGpuAttention({ fallback: "cpu" });
    try {
      await sharedMemory(gpu);
    } finally {
      gpu.destroy();
    }
  });
});

gpuTest(
  "a freed output's buffer is reused and reads as zeros where nothing writes",
  async (_t, gpu) => {
    const q = gpu.upload(randomNormal([1, 2, 4, 32], { seed: 5 }));
    const k = randomNormal([1, 2, 4, 32], { seed: 6 });
    const first = await gpu.attention(q, k, k);
    const buffer = first.buffer;
    first.destroy();
    // No keys: the flash kernel has nothing to dispatch, the output must stay zero.
    const none = { shape: [1, 2, 0, 32], data: new Float32Array(0) };
    const second = await gpu.attention(q, none, none);
    assert.equal(second.buffer, buffer);
    assert.ok((await gpu.download(second)).data.every((x) => x === 0));
    second.destroy();
    const third = await gpu.attention(q, k, k);
    assertAllClose(
      await gpu.download(third),
      attentionReference(await gpu.download(q), k, k),
      close,
    );
  },
);

Deno.test({
  name: "GpuContext: bind groups cached by frame position, uniforms written per frame, errors",
  ...gpuOnly,
  async fn() {
    const adapter = await navigator.gpu.requestAdapter();
    const device = await adapter!.requestDevice();
    try {
      const ctx = new GpuContext(device, false, device.limits as never);
      const layout = kernelLayout({
        name: "fill",
        uniforms: { value: "u32", index: "u32" },
        bindings: { out: readWrite("O", "array<u32>") },
      });
      const pipeline = await ctx.pipeline(
        "test fill",
        () => `${layout.wgsl}@compute @workgroup_size(1) fn main() { O[P.index] = P.value; }`,
      );
      const out = ctx.buffer(16, "out");
      const fill = (pairs: Array<[number, number]>) =>
        ctx.submitting("the fill", () => {
          const job: Job = { dispatches: [], temps: [] };
          for (const [index, value] of pairs) {
            const bindGroup = ctx.bind(
              pipeline,
              layout,
              { value, index },
              { out: { buffer: out } },
              job.temps,
            );
            job.dispatches.push({ pipeline, bindGroup, grid: [1, 1, 1] });
          }
          ctx.submit(job);
        });
      const read = async () =>
        new Uint32Array(await ctx.read(ctx.gather([{ buffer: out, offset: 0, size: 16 }]), 16));

      await fill([[0, 7], [1, 8]]); // two dispatches of one frame: two uniform blocks
      assert.deepEqual([...await read()], [7, 8, 0, 0]);
      const created = ctx.bindGroupsCreated;
      assert.equal(created, 2);
      await fill([[2, 9], [3, 10]]); // the same positions, new values: no new bind group
      assert.deepEqual([...await read()], [7, 8, 9, 10]);
      assert.equal(ctx.bindGroupsCreated, created);

      // A dispatch WebGPU rejects still becomes an Error (not a console warning).
      const limit = device.limits.maxComputeWorkgroupsPerDimension;
      await assert.rejects(
        () =>
          ctx.submitting("an oversized dispatch", () => {
            const job: Job = { dispatches: [], temps: [] };
            const bindGroup = ctx.bind(pipeline, layout, { value: 1, index: 0 }, {
              out: { buffer: out },
            }, job.temps);
            job.dispatches.push({ pipeline, bindGroup, grid: [limit + 1, 1, 1] });
            ctx.submit(job);
          }),
        /Internal error: WebGPU rejected an oversized dispatch/,
      );
      // A job built in a frame must be submitted in it.
      await assert.rejects(
        () =>
          ctx.submitting("a forgotten job", () => {
            ctx.bind(pipeline, layout, { value: 1, index: 0 }, { out: { buffer: out } }, []);
          }),
        /Internal error: a frame packed uniform blocks it did not submit/,
      );
      await fill([[0, 11]]);
      assert.deepEqual([...await read()], [11, 8, 9, 10]);
      ctx.dispose();
    } finally {
      device.destroy();
    }
  },
});
