/**
 * Prefill attention: the flash kernel (float32 and float16 storage) vs the
 * naive three-pass WebGPU kernel vs the CPU reference, per shape (B=1, H=8, S=512 and 2048, D=64 and 128,
 * causal), on whatever adapter Deno finds.
 *
 * Decode (one new token against a KV cache): the split-K decode kernel (the
 * automatic split count) vs the same kernel forced to one split vs the
 * flash prefill kernel given a 1-token q vs the CPU reference, for
 * B=1, Hkv=8, G=4 (32 query heads), D=128, L = 1024, 4096, 16384, with
 * float32 and float16 storage.
 *
 * `deno bench` reports each fn's wall time (the GPU fns submit and wait for
 * the queue); the table printed at the end gives the device time per call
 * from timestamp queries: GFLOP/s = 4·B·H·Sq·Sk·D / t (halved for causal)
 * for prefill, and for decode GB/s of K/V read = 2·B·Hkv·L·D·bytes / t
 * (bytes = 4 for f32, 2 for f16). On a software adapter (Mesa lavapipe)
 * only the ranking means anything.
 *
 *   deno bench -A bench/attention_bench.ts                  everything (~5 min on lavapipe)
 *   deno bench -A --filter decode bench/attention_bench.ts  decode groups only
 *
 * @module
 */

import { attentionReference, createGpuAttention } from "@posenc/attention-gpu";
import { randomNormal } from "@posenc/tensor";
import { attentionFlops, type AttentionShape, RateTable } from "./_gpu_timing.ts";

const gpu = await createGpuAttention({ fallback: "cpu" });
const table = new RateTable();
const adapter = gpu.info.adapter?.description ?? "none (CPU fallback)";
table.printOnUnload(
  `Attention, device time per call (${adapter}, tier ${gpu.info.tier ?? "-"}, decode workgroups ${
    gpu.info.decodeWorkgroups ?? "-"
  }, f16: ${gpu.info.f16.available})`,
);
if (gpu.info.backend !== "webgpu") {
  console.warn("No WebGPU adapter: only the CPU reference is benchmarked.");
}
// The software adapter needs seconds per call at S=2048; a real GPU does not.
const software = gpu.info.adapter?.isFallbackAdapter ?? true;

for (const seq of [512, 2048]) {
  for (const headDim of [64, 128]) {
    const shape: AttentionShape = {
      batch: 1,
      heads: 8,
      qSeq: seq,
      kSeq: seq,
      headDim,
      causal: true,
    };
    const dims = [1, 8, seq, headDim];
    const q = randomNormal(dims, { seed: 1 });
    const k = randomNormal(dims, { seed: 2 });
    const v = randomNormal(dims, { seed: 3 });
    const group = `B1 H8 S${seq} D${headDim} causal`;
    const flops = attentionFlops(shape);
    const long = seq >= 2048 && software;
    // Several calls per submission (one compute pass) amortise submission; one
    // at S=2048 on a software adapter. Its pipelines were compiled by the S=512
    // group's warmup (pipelines depend on D, not S); the table keeps the best run.
    const calls = long ? 1 : 4;
    const runs = long ? { n: 1, warmup: 0 } : { n: 3, warmup: 1 };

    if (gpu.info.backend === "webgpu") {
      const f32 = [gpu.upload(q), gpu.upload(k), gpu.upload(v)] as const;
      const contenders = [
        { name: "flash", kernel: "flash" as const, operands: f32 },
        { name: "naive", kernel: "naive" as const, operands: f32 },
      ];
      if (gpu.info.f16.available) {
        const f16 = [q, k, v].map((x) => gpu.upload(x, { precision: "f16" }));
        contenders.push({
          name: "flash f16",
          kernel: "flash",
          operands: [f16[0]!, f16[1]!, f16[2]!] as const,
        });
      }
      for (const { name, kernel, operands } of contenders) {
        const [gq, gk, gv] = operands;
        // Compile and warm outside the timed runs.
        await gpu.profileAttention(gq, gk, gv, {
          causal: true,
          kernel,
          iterations: 1,
          warmup: false,
        });
        Deno.bench({
          name: `prefill ${name} (WebGPU), ${calls} call${calls > 1 ? "s" : ""}`,
          group,
          baseline: name === "naive",
          ...runs,
          async fn() {
            const t = await gpu.profileAttention(gq, gk, gv, {
              causal: true,
              kernel,
              iterations: calls,
              warmup: false,
            });
            table.record({
              group,
              name,
              seconds: t.seconds,
              work: flops,
              unit: "GFLOP/s",
              source: t.source,
              baseline: name === "naive",
            });
          },
        });
      }
    }
    Deno.bench({
      name: `prefill attentionReference (CPU, float64), ${calls} call${calls > 1 ? "s" : ""}`,
      group,
      baseline: gpu.info.backend !== "webgpu",
      ...runs,
      fn() {
        const start = performance.now();
        for (let i = 0; i < calls; i++) attentionReference(q, k, v, { causal: true });
        table.record({
          group,
          name: "attentionReference (CPU)",
          seconds: (performance.now() - start) / 1000 / calls,
          work: flops,
          unit: "GFLOP/s",
          source: "cpu",
          baseline: false,
        });
      },
    });
  }
}

// Decode: the cache is filled once per (L, precision); q is one token per query head.
const DECODE = { batch: 1, kvHeads: 8, group: 4, headDim: 128 } as const;
// Pipelines are compiled by each group's first profile call, so software runs skip warmup.
const decodeCalls = software ? 2 : 20;
const decodeRuns = software ? { n: 3, warmup: 0 } : { n: 20, warmup: 5 };
// The prefill kernel streams all of K/V in one workgroup per head on a 1-token q: slow.
const flashCalls = software ? 1 : 20;
const flashRuns = software ? { n: 1, warmup: 0 } : decodeRuns;
for (const length of [1024, 4096, 16384]) {
  const { batch, kvHeads, group: g, headDim } = DECODE;
  const q = randomNormal([batch, kvHeads * g, 1, headDim], { seed: 4 });
  const k = randomNormal([batch, kvHeads, length, headDim], { seed: 5 });
  const v = randomNormal([batch, kvHeads, length, headDim], { seed: 6 });
  for (const precision of ["f32", "f16"] as const) {
    if (gpu.info.backend !== "webgpu") break;
    if (precision === "f16" && !gpu.info.f16.available) {
      console.warn(`No float16 storage here (${gpu.info.f16.detail}): f16 groups skipped.`);
      break;
    }
    const group = `decode B${batch} Hkv${kvHeads} G${g} D${headDim} L${length} ${precision}`;
    const bytes = 2 * batch * kvHeads * length * headDim * (precision === "f16" ? 2 : 4);
    const cache = await gpu.createKvCache({
      batch,
      kvHeads,
      headDim,
      maxLength: length,
      precision,
    });
    await cache.append(k, v);
    const gq = gpu.upload(q, { precision });
    // The automatic split count, found (and the pipelines compiled) before timing.
    const auto = await gpu.profileDecode(gq, cache, { iterations: 1 });
    // The count the README's rule gives a 132-SM GPU (decodeWorkgroups 256), so that a
    // software adapter (whose own rule picks 1 split) still times the split-K path.
    const wide = Math.min(Math.ceil(256 / (batch * kvHeads)), Math.ceil(length / 256));
    const contenders: Array<{ name: string; splits: number | undefined }> = [
      {
        name: `decode kernel, 1 split (no split-K${auto.splits === 1 ? "; automatic here" : ""})`,
        splits: 1,
      },
    ];
    if (auto.splits > 1) {
      contenders.push({
        name: `split-K decode, ${auto.splits} splits (automatic)`,
        splits: undefined,
      });
    }
    if (wide !== auto.splits && wide > 1) {
      contenders.push({
        name: `split-K decode, ${wide} splits (the rule for 256 workgroups)`,
        splits: wide,
      });
    }
    for (const c of contenders) {
      const baseline = c.splits === 1;
      const splits = c.splits;
      Deno.bench({
        name: `decode ${c.name}, ${decodeCalls} calls`,
        group,
        baseline,
        ...decodeRuns,
        async fn() {
          const t = await gpu.profileDecode(gq, cache, {
            iterations: decodeCalls,
            warmup: false,
            ...(splits ? { splits } : {}),
          });
          table.record({
            group,
            name: c.name,
            seconds: t.seconds,
            work: bytes,
            unit: "GB/s",
            source: t.source,
            baseline,
          });
        },
      });
    }
    // What a 1-token call of the prefill kernel does on the same K/V (no cache, no split).
    const [rk, rv] = [gpu.upload(k, { precision }), gpu.upload(v, { precision })];
    await gpu.profileAttention(gq, rk, rv, { causal: true, iterations: 1, warmup: false });
    Deno.bench({
      name: `decode flash prefill kernel on a 1-token q, ${flashCalls} call${
        flashCalls > 1 ? "s" : ""
      }`,
      group,
      ...flashRuns,
      async fn() {
        const t = await gpu.profileAttention(gq, rk, rv, {
          causal: true,
          iterations: flashCalls,
          warmup: false,
        });
        table.record({
          group,
          name: "flash prefill kernel, 1-token q",
          seconds: t.seconds,
          work: bytes,
          unit: "GB/s",
          source: t.source,
          baseline: false,
        });
      },
    });
    if (precision === "f32") {
      Deno.bench({
        name: "decode attentionReference (CPU, float64), 1 call",
        group,
        n: software ? 1 : 3,
        warmup: 0,
        fn() {
          const start = performance.now();
          attentionReference(q, k, v, { causal: true });
          table.record({
            group,
            name: "attentionReference (CPU)",
            seconds: (performance.now() - start) / 1000,
            work: bytes,
            unit: "GB/s",
            source: "cpu",
            baseline: false,
          });
        },
      });
    }
  }
}
