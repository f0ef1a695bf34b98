import assert from "node:assert/strict";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import {
  attentionCpu,
  type AttentionOptions,
  createGpuAttention,
  type GpuAttention,
} from "./mod.ts";
import { withoutAdapter } from "./_testing.ts";
import {
  BufferShelf,
  PoolWorker,
  splitWork,
  THREADED_MIN_WORK,
  worthThreads,
} from "./_cpu_threads.ts";
import { planAttention } from "./_plan.ts";

async function cpuBackend(threads: number | "auto"): Promise<GpuAttention> {
  let gpu: GpuAttention | undefined;
  await withoutAdapter(async () => {
    gpu = await createGpuAttention({ fallback: "cpu", threads });
  });
  return gpu!;
}

interface Case {
  name: string;
  q: number[];
  kv: number[];
  options: AttentionOptions;
}

// Each is big enough to be split (at least THREADED_MIN_WORK multiply-adds).
const CASES: Case[] = [
  { name: "3 heads (odd)", q: [1, 3, 256, 64], kv: [1, 3, 256, 64], options: {} },
  {
    name: "GQA 6 over 3, batch 2, bshd",
    q: [2, 160, 6, 40],
    kv: [2, 224, 3, 40],
    options: { layout: "bshd" },
  },
  {
    name: "causal, q shorter than k, ALiBi, 5 heads",
    q: [1, 5, 160, 64],
    kv: [1, 5, 256, 64],
    options: { causal: true, alibiSlopes: [0.5, 0.25, 0.125, 0.0625, 0.03125] },
  },
  {
    name: "RoPE with positions per batch, GQA 4 over 2, batch 3",
    q: [3, 4, 96, 64],
    kv: [3, 2, 160, 64],
    options: {
      causal: true,
      rope: { frequencies: ropeFrequencies(32), offset: 7 },
      scale: 0.2,
    },
  },
  {
    name: "window, sinks, softcap, left padding per batch row, GQA 2, batch 2",
    q: [2, 4, 128, 64],
    kv: [2, 2, 200, 64],
    options: {
      causal: true,
      slidingWindow: 50,
      sinks: [0.5, -1, 2, 0],
      softcap: 3,
      leftPadding: [0, 60],
    },
  },
];

function inputs(c: Case, seed: number): [Tensor, Tensor, Tensor] {
  return [
    randomNormal(c.q, { seed }),
    randomNormal(c.kv, { seed: seed + 1 }),
    randomNormal(c.kv, { seed: seed + 2 }),
  ];
}

Deno.test("CPU backend threads: bit-identical to 1 thread", async (t) => {
  const backends = [await cpuBackend(1), await cpuBackend(2), await cpuBackend(3)];
  try {
    assert.deepEqual(backends.map((b) => b.info.threads), [1, 2, 3]);
    for (const c of CASES) {
      await t.step(c.name, async () => {
        const [q, k, v] = inputs(c, 11);
        const plan = planAttention(q, k, v, c.options);
        assert.ok(worthThreads(plan, 2), "the case is big enough to be split");
        const want = attentionCpu(q, k, v, c.options);
        for (const gpu of backends) {
          const got = await gpu.attention(q, k, v, c.options);
          assert.deepEqual(got.shape, want.shape);
          assert.deepEqual(got.data, want.data, `threads ${gpu.info.threads}`);
        }
        // A resident q comes back resident, with the same numbers.
        const resident = await backends[2]!.attention(backends[2]!.upload(q), k, v, c.options);
        assert.deepEqual((await backends[2]!.download(resident)).data, want.data);
      });
    }
    await t.step("calls in a row reuse the workers' buffers and stay identical", async () => {
      // The second call of a shape packs into the buffers the first gave back and writes
      // into its outputs' buffers: stale values there must never show.
      const order = [0, 0, 2, 0, 2, 4, 4, 1, 0];
      for (const [i, index] of order.entries()) {
        const c = CASES[index]!;
        const [q, k, v] = inputs(c, 200 + i);
        const want = attentionCpu(q, k, v, c.options);
        for (const gpu of backends.slice(1)) {
          assert.deepEqual((await gpu.attention(q, k, v, c.options)).data, want.data, c.name);
        }
      }
    });
    await t.step("concurrent calls each get their own output", async () => {
      const cases = [...CASES, ...CASES];
      const runs = cases.map((c, i) => {
        const [q, k, v] = inputs(c, 100 + i);
        return {
          want: attentionCpu(q, k, v, c.options),
          got: backends[2]!.attention(q, k, v, c.options),
        };
      });
      for (const { want, got } of runs) assert.deepEqual((await got).data, want.data);
    });
  } finally {
    for (const gpu of backends) gpu.destroy();
  }
});

Deno.test("CPU backend threads: the buffer shelf hands back exact sizes only", () => {
  const shelf = new BufferShelf();
  const a = new ArrayBuffer(64);
  const b = new ArrayBuffer(128);
  shelf.replace([a, b, new ArrayBuffer(0)]);
  assert.equal(shelf.take(32).buffer, b);
  assert.equal(shelf.take(32).length, 32); // none left of that size: a new one
  assert.notEqual(shelf.take(32).buffer, b);
  assert.deepEqual(shelf.drain(), [a]);
  assert.deepEqual(shelf.drain(), []);
  // Only the last job's buffers are kept.
  shelf.replace([a]);
  shelf.replace([b]);
  assert.deepEqual(shelf.drain(), [b]);
});

Deno.test("CPU backend threads: how calls are split", () => {
  const plan = (q: number[], kv: number[]) =>
    planAttention(randomNormal(q), randomNormal(kv), randomNormal(kv), {});
  const p = plan([2, 6, 4, 8], [2, 3, 4, 8]);
  assert.deepEqual(splitWork(p, 3), [
    [{ batch: 0, kv0: 0, kv1: 2 }],
    [{ batch: 0, kv0: 2, kv1: 3 }, { batch: 1, kv0: 0, kv1: 1 }],
    [{ batch: 1, kv0: 1, kv1: 3 }],
  ]);
  // Never more slices than (batch, k/v head) pairs.
  assert.deepEqual(splitWork(plan([1, 4, 4, 8], [1, 2, 4, 8]), 8).length, 2);
  // Small calls and single slices stay on the calling thread.
  assert.equal(worthThreads(p, 4), false);
  const big = plan([1, 2, 256, 64], [1, 2, 256, 64]);
  assert.ok(2 * 256 * 256 * 64 >= THREADED_MIN_WORK);
  assert.equal(worthThreads(big, 2), true);
  assert.equal(worthThreads(big, 1), false);
  assert.equal(worthThreads(plan([1, 4, 256, 64], [1, 1, 256, 64]), 2), false);
});

Deno.test("CPU backend threads: small calls, destroy, errors", async (t) => {
  await t.step("a small call runs on the calling thread with the same result", async () => {
    const gpu = await cpuBackend(2);
    try {
      const q = randomNormal([1, 2, 8, 16], { seed: 1 });
      const k = randomNormal([1, 2, 8, 16], { seed: 2 });
      assert.deepEqual((await gpu.attention(q, k, k)).data, attentionCpu(q, k, k).data);
    } finally {
      gpu.destroy();
    }
  });
  await t.step("destroy rejects calls in flight and later calls", async () => {
    const gpu = await cpuBackend(2);
    const [q, k, v] = inputs(CASES[0]!, 1);
    const inFlight = gpu.attention(q, k, v);
    gpu.destroy();
    await assert.rejects(inFlight, /This GpuAttention cannot be used: it was destroyed/);
    await assert.rejects(() => gpu.attention(q, k, v), /it was destroyed/);
    gpu.destroy();
  });
  await t.step("a worker's error rejects its call with a clear message", async () => {
    const worker = new PoolWorker();
    try {
      const bad = new Float32Array(3);
      await assert.rejects(
        worker.run({
          id: 1,
          group: 1,
          qSeq: 1,
          kSeq: 1,
          headDim: 64,
          causal: false,
          scale: 1,
          window: null,
          softcap: null,
          scratch: [],
          pieces: [{
            q: new Float32Array(64),
            k: bad,
            v: new Float32Array(3),
            alibi: null,
            sinks: null,
            pad: null,
          }],
        }),
        {
          name: "Error",
          message: /^A CPU attention worker failed: malformed slice: q, k, v hold 64, 3, 3/,
        },
      );
    } finally {
      worker.fail("done");
    }
  });
});

Deno.test("createGpuAttention rejects bad threads", async () => {
  const message = (got: string) =>
    `Invalid threads: expected a positive integer or "auto", got ${got}`;
  for (
    const [value, name, got] of [
      [0, "RangeError", "0"],
      [-2, "RangeError", "-2"],
      [1.5, "RangeError", "1.5"],
      [NaN, "RangeError", "NaN"],
      ["4", "TypeError", '"4"'],
      [null, "TypeError", "null"],
    ] as const
  ) {
    await assert.rejects(() => createGpuAttention({ fallback: "cpu", threads: value as never }), {
      name,
      message: message(got),
    });
  }
  const auto = await cpuBackend("auto");
  try {
    const cores = navigator.hardwareConcurrency;
    assert.equal(auto.info.threads, Math.min(cores, 8));
  } finally {
    auto.destroy();
  }
});

Deno.test("a destroyed threaded backend lets the process exit", async () => {
  const script = `
    import { createGpuAttention } from ${JSON.stringify(new URL("./mod.ts", import.meta.url).href)};
    import { randomNormal } from "@posenc/tensor";
    Object.defineProperty(navigator.gpu ?? {}, "requestAdapter", { value: () => Promise.resolve(null) });
    const gpu = await createGpuAttention({ fallback: "cpu", threads: 2 });
    const q = randomNormal([1, 8, 128, 64], { seed: 1 });
    const out = await gpu.attention(q, q, q);
    gpu.destroy();
    console.log(out.data.length);
  `;
  const child = new Deno.Command(Deno.execPath(), {
    args: ["eval", "--ext=ts", script],
    stdout: "piped",
    stderr: "piped",
    signal: AbortSignal.timeout(10_000),
  }).spawn();
  const { code, stdout, stderr } = await child.output();
  const err = new TextDecoder().decode(stderr);
  assert.equal(code, 0, err);
  assert.equal(new TextDecoder().decode(stdout).trim(), String(8 * 128 * 64));
});
