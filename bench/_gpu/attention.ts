/**
 * The attention tables of `deno task bench:gpu`, through the public API of
 * @posenc/attention-gpu only (upload, profileAttention, createKvCache,
 * profileDecode): prefill TFLOP/s, decode GB/s with L2 evicted between timed
 * calls, and the cross-check of timestamp against wall-clock time.
 *
 * @module
 */

import type { GpuAttention, GpuTensor, KvCache } from "@posenc/attention-gpu";
import { type Tensor, tensor } from "@posenc/tensor";
import type { StreamingRead } from "./ceilings.ts";
import {
  type BenchPlan,
  callsFor,
  type DecodeShape,
  type PrefillShape,
  variantSplits,
} from "./plan.ts";
import {
  crossCheck,
  type CrossCheckRow,
  decodeGBs,
  type DecodeKernel,
  type DecodeRow,
  type Precision,
  type PrefillRow,
  prefillTflops,
} from "./results.ts";

/** Progress lines go here. */
export type Log = (line: string) => void;

/**
 * Deterministic values in [-1, 1) (xorshift32): random enough for timing,
 * and far faster than Gaussian samples at the 67M elements of the largest
 * K/V cache.
 */
export function benchData(length: number, seed: number): Float32Array {
  const out = new Float32Array(length);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x / 2147483648 - 1;
  }
  return out;
}

function precisions(gpu: GpuAttention, plan: BenchPlan, log: Log): Precision[] {
  return plan.precisions.filter((p) => {
    if (p === "f16" && !gpu.info.f16.available) {
      log(`  f16 skipped: ${gpu.info.f16.detail}`);
      return false;
    }
    return true;
  });
}

/** The label of a prefill shape, e.g. "H16 S8192 D128 causal". */
export function prefillLabel(s: PrefillShape): string {
  return `H${s.heads} S${s.seq} D${s.headDim}${s.causal ? " causal" : " not causal"}`;
}

/** The prefill table: each shape and precision, best of `plan.prefillRuns` submissions. */
export async function measurePrefill(
  gpu: GpuAttention,
  plan: BenchPlan,
  log: Log,
): Promise<PrefillRow[]> {
  const rows: PrefillRow[] = [];
  const kinds = precisions(gpu, plan, log);
  for (const shape of plan.prefill) {
    const dims = [1, shape.heads, shape.seq, shape.headDim];
    const size = dims.reduce((a, b) => a * b, 1);
    const host = [1, 2, 3].map((seed) => tensor(benchData(size, seed), dims));
    for (const precision of kinds) {
      const [q, k, v] = host.map((t) => gpu.upload(t, { precision })) as [
        GpuTensor,
        GpuTensor,
        GpuTensor,
      ];
      try {
        const options = { causal: shape.causal };
        const first = await gpu.profileAttention(q, k, v, { ...options, iterations: 1 });
        const iterations = callsFor(first.seconds, plan.prefillTargetSeconds);
        let best = Infinity;
        let source: string = first.source;
        for (let run = 0; run < plan.prefillRuns; run++) {
          const t = await gpu.profileAttention(q, k, v, {
            ...options,
            iterations,
            warmup: false,
          });
          best = Math.min(best, t.seconds);
          source = t.source;
        }
        const row: PrefillRow = {
          ...shape,
          precision,
          tflops: prefillTflops(shape, best),
          source,
          seconds: best,
          iterations,
        };
        rows.push(row);
        log(
          `  ${prefillLabel(shape)} ${precision}: ${(best * 1e3).toFixed(3)} ms, ${
            row.tflops.toFixed(3)
          } TFLOP/s (${iterations} calls/submission, ${source})`,
        );
      } finally {
        for (const t of [q, k, v]) t.destroy();
      }
    }
  }
  return rows;
}

/** Host K/V of the longest decode length; shorter lengths view its start. */
function decodeHost(shapes: readonly DecodeShape[]): (s: DecodeShape) => [Tensor, Tensor] {
  const longest = Math.max(...shapes.map((s) => s.kvHeads * s.length * s.headDim));
  const data = benchData(longest, 5);
  return (s) => {
    const dims = [1, s.kvHeads, s.length, s.headDim];
    const view = data.subarray(0, s.kvHeads * s.length * s.headDim);
    // K and V share values: the kernel reads both buffers either way.
    return [tensor(view, dims), tensor(view, dims)];
  };
}

/** A filled cache and its query, for one decode shape. */
async function decodeSetup(
  gpu: GpuAttention,
  shape: DecodeShape,
  precision: Precision,
  kv: [Tensor, Tensor],
): Promise<{ cache: KvCache; q: GpuTensor }> {
  const cache = await gpu.createKvCache({
    batch: 1,
    kvHeads: shape.kvHeads,
    headDim: shape.headDim,
    maxLength: shape.length,
    precision,
  });
  await cache.append(kv[0], kv[1]);
  const heads = shape.kvHeads * shape.group;
  const q = gpu.upload(tensor(benchData(heads * shape.headDim, 4), [1, heads, 1, shape.headDim]), {
    precision,
  });
  return { cache, q };
}

/**
 * The decode table: each length and precision, for each variant of the plan
 * (kernel and split mode). Each timed call is a submission of its own,
 * preceded by a streaming read of `flush` (larger than L2) when given, so
 * that K and V come from memory, not from L2. The longest length also gets
 * a timing cross-check per kernel.
 */
export async function measureDecode(
  gpu: GpuAttention,
  device: GPUDevice,
  plan: BenchPlan,
  flush: StreamingRead | null,
  log: Log,
): Promise<{ rows: DecodeRow[]; crossCheck: CrossCheckRow[] }> {
  const rows: DecodeRow[] = [];
  const checks: CrossCheckRow[] = [];
  const host = decodeHost(plan.decode);
  const longest = plan.decode.reduce((a, b) => (b.length > a.length ? b : a));
  const kernels = [...new Set(plan.decodeVariants.map((v) => v.kernel))];
  for (const precision of precisions(gpu, plan, log)) {
    for (const shape of plan.decode) {
      const { cache, q } = await decodeSetup(gpu, shape, precision, host(shape));
      try {
        const auto = new Map<DecodeKernel, number>();
        for (const { kernel, splitMode } of plan.decodeVariants) {
          const forced = variantSplits(splitMode, auto.get(kernel), shape.length);
          const options = { kernel, ...(forced === undefined ? {} : { splits: forced }) };
          await gpu.profileDecode(q, cache, { ...options, iterations: 1 }); // compiles
          let best = Infinity;
          let splits = 0;
          let source = "";
          let ran: DecodeKernel = kernel;
          for (let run = 0; run < plan.decodeRuns; run++) {
            if (flush) await flush.flush(device);
            const t = await gpu.profileDecode(q, cache, {
              ...options,
              iterations: 1,
              warmup: false,
            });
            best = Math.min(best, t.seconds);
            splits = t.splits;
            source = t.source;
            ran = t.kernel ?? kernel;
          }
          if (splitMode === "auto") auto.set(kernel, splits);
          const row: DecodeRow = {
            ...shape,
            precision,
            gbs: decodeGBs({ ...shape, precision }, best),
            l2Cold: flush !== null,
            splits,
            splitMode,
            kernel: ran,
            ...(ran === kernel ? {} : { asked: kernel }),
            seconds: best,
            source,
          };
          rows.push(row);
          log(
            `  L${shape.length} ${precision} ${kernel} ${
              splitMode === "auto" ? "auto" : splitMode
            }: ${(best * 1e6).toFixed(1)} µs, ${
              row.gbs.toFixed(1)
            } GB/s (${splits} splits, ${source})${
              ran === kernel ? "" : ` - ran the ${ran} kernel: ${kernel} cannot take this call`
            }`,
          );
        }
        if (shape === longest) {
          for (const kernel of kernels) {
            const check = await crossCheckOf(
              `decode L${shape.length} ${precision}, ${kernel} kernel, automatic split`,
              plan.crossCheckCalls,
              (iterations) => gpu.profileDecode(q, cache, { kernel, iterations, warmup: false }),
            );
            checks.push(check);
            log(`  cross-check: ${formatCheck(check)}`);
          }
        }
      } finally {
        cache.destroy();
        q.destroy();
      }
    }
  }
  return { rows, crossCheck: checks };
}

/** The prefill cross-check on the largest causal shape of the plan, per precision. */
export async function measurePrefillCrossCheck(
  gpu: GpuAttention,
  plan: BenchPlan,
  log: Log,
): Promise<CrossCheckRow[]> {
  const causal = plan.prefill.filter((s) => s.causal);
  const shape = causal.reduce((a, b) =>
    b.heads * b.seq * b.seq * b.headDim > a.heads * a.seq * a.seq * a.headDim ? b : a
  );
  const dims = [1, shape.heads, shape.seq, shape.headDim];
  const size = dims.reduce((a, b) => a * b, 1);
  const checks: CrossCheckRow[] = [];
  for (const precision of precisions(gpu, plan, () => {})) {
    const [q, k, v] = [1, 2, 3].map((seed) =>
      gpu.upload(tensor(benchData(size, seed), dims), { precision })
    ) as [GpuTensor, GpuTensor, GpuTensor];
    try {
      const first = await gpu.profileAttention(q, k, v, { causal: true, iterations: 1 });
      // At most about a quarter second per submission of n calls.
      const n = Math.min(plan.crossCheckCalls, callsFor(first.seconds, 0.25));
      const check = await crossCheckOf(
        `prefill ${prefillLabel(shape)} ${precision}`,
        n,
        (iterations) => gpu.profileAttention(q, k, v, { causal: true, iterations, warmup: false }),
      );
      checks.push(check);
      log(`  cross-check: ${formatCheck(check)}`);
    } finally {
      for (const t of [q, k, v]) t.destroy();
    }
  }
  return checks;
}

/**
 * Times submissions of n and 2n calls on the wall clock (their difference
 * cancels the fixed cost of submitting and reading back) and by timestamps
 * (the 2n submission's per-call figure, and the n submission's, whose
 * difference cancels a fixed cost inside the timed pass); best of three each.
 */
async function crossCheckOf(
  what: string,
  n: number,
  profile: (iterations: number) => Promise<{ seconds: number; source: string }>,
): Promise<CrossCheckRow> {
  let wallN = Infinity;
  let wall2n = Infinity;
  let stamp = Infinity;
  let stampN = Infinity;
  let timestamps = true;
  for (let run = 0; run < 3; run++) {
    let start = performance.now();
    const tn = await profile(n);
    wallN = Math.min(wallN, (performance.now() - start) / 1e3);
    start = performance.now();
    const t = await profile(2 * n);
    wall2n = Math.min(wall2n, (performance.now() - start) / 1e3);
    stamp = Math.min(stamp, t.seconds);
    stampN = Math.min(stampN, tn.seconds);
    timestamps &&= t.source === "timestamp-query" && tn.source === "timestamp-query";
  }
  return crossCheck(what, n, stamp, wallN, wall2n, timestamps ? stampN : undefined);
}

/** One line for the log. */
export function formatCheck(c: CrossCheckRow): string {
  const diff = c.timestampDiffSeconds === undefined
    ? ""
    : `, timestamp difference ${(c.timestampDiffSeconds * 1e6).toFixed(1)} µs`;
  return `${c.what}: timestamps ${(c.timestampSeconds * 1e6).toFixed(1)} µs, wall clock ${
    (c.wallSeconds * 1e6).toFixed(1)
  } µs per call${diff}, ratio ${c.ratio.toFixed(3)}${
    c.agree ? "" : " (disagree by more than 10%)"
  }${c.reading ? `: ${c.reading}` : ""}`;
}
