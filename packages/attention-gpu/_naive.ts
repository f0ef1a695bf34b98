/**
 * The naive three-pass attention: scores = scale * Q K^T + bias (masked
 * entries a finite sentinel) written to a global buffer, a row softmax in
 * place, then P V. It materialises the score matrix, so it is memory-bound
 * and kept only as the bench baseline and a second opinion in tests (with
 * RoPE, q and k are first rotated by the standalone RoPE kernel). Rows are
 * processed in chunks whose scores fit one storage binding. A NaN score
 * spoils its row, and a masked key's probability of 0 never meets its V,
 * as in the reference.
 */

import type { GpuContext, Job } from "./_context.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";
import { foldGrid, gridCapacity } from "./_launch.ts";
import type { AttentionPlan } from "./_plan.ts";
import type { AttentionBuffers } from "./_flash.ts";
import { inverse, SCORE_HELPERS, SENTINEL } from "./_score_wgsl.ts";

const WG = 256;
const SOFTMAX_WG = 64;

/** The uniforms the three naive passes share (strides in elements). */
const NAIVE_UNIFORMS = {
  rowBase: "u32",
  rows: "u32",
  sq: "u32",
  sk: "u32",
  heads: "u32",
  group: "u32",
  causal: "u32",
  alibi: "u32",
  qB: "u32",
  qH: "u32",
  qS: "u32",
  dim: "u32",
  kB: "u32",
  kH: "u32",
  kS: "u32",
  gridX: "u32",
  scale: "f32",
} as const; // deno-fmt-ignore

const F32_ARRAY = "array<f32>";

/** The uniforms and bindings of each naive pass. */
const NAIVE_LAYOUTS = {
  scores: kernelLayout({
    name: "naive scores",
    uniforms: NAIVE_UNIFORMS,
    bindings: {
      q: readOnly("Q", F32_ARRAY),
      k: readOnly("K", F32_ARRAY),
      slopes: readOnly("SL", F32_ARRAY),
      scores: readWrite("S", F32_ARRAY),
    },
  }),
  softmax: kernelLayout({
    name: "naive softmax",
    uniforms: NAIVE_UNIFORMS,
    bindings: { scores: readWrite("S", F32_ARRAY) },
  }),
  pv: kernelLayout({
    name: "naive pv",
    uniforms: NAIVE_UNIFORMS,
    bindings: {
      scores: readOnly("S", F32_ARRAY),
      v: readOnly("V", F32_ARRAY),
      o: readWrite("O", F32_ARRAY),
    },
  }),
};

// (b, h, i) of a global query row.
const ROW = `
fn rowCoords(r: u32) -> vec3<u32> {
  return vec3<u32>(r / (P.heads * P.sq), (r / P.sq) % P.heads, r % P.sq);
}`;

/** WGSL of the three passes. */
export function naiveWgsl(pass: "scores" | "softmax" | "pv"): string {
  if (pass === "scores") {
    return `// naive:scores
${NAIVE_LAYOUTS.scores.wgsl}${ROW}
@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${WG}u + lid;
  if (idx >= P.rows * P.sk) {
    return;
  }
  let c = rowCoords(P.rowBase + idx / P.sk);
  let j = idx % P.sk;
  let kvh = c.y / P.group;
  let aligned = i32(c.z) + i32(P.sk) - i32(P.sq);
  var value = ${SENTINEL};
  if (P.causal == 0u || i32(j) <= aligned) {
    let qb = c.x * P.qB + c.y * P.qH + c.z * P.qS;
    let kb = c.x * P.kB + kvh * P.kH + j * P.kS;
    var dot = 0.0;
    for (var d = 0u; d < P.dim; d++) {
      dot += Q[qb + d] * K[kb + d];
    }
    value = P.scale * dot;
    if (P.alibi != 0u) {
      value -= SL[c.y] * f32(abs(aligned - i32(j)));
    }
  }
  S[idx] = value;
}
`;
  }
  if (pass === "softmax") {
    return `// naive:softmax
${NAIVE_LAYOUTS.softmax.wgsl}${SCORE_HELPERS}
var<workgroup> red: array<f32, ${SOFTMAX_WG}>;
@compute @workgroup_size(${SOFTMAX_WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let row = wid.y * P.gridX + wid.x;
  if (row >= P.rows) {
    return;
  }
  let base = row * P.sk;
  var m = ${SENTINEL};
  for (var j = lid; j < P.sk; j += ${SOFTMAX_WG}u) {
    m = max(m, S[base + j]);
  }
  red[lid] = m;
  workgroupBarrier();
  for (var w = ${SOFTMAX_WG / 2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = max(red[lid], red[lid + w]);
    }
    workgroupBarrier();
  }
  m = red[0];
  workgroupBarrier();
  var sum = 0.0;
  for (var j = lid; j < P.sk; j += ${SOFTMAX_WG}u) {
    let s = S[base + j];
    sum += select(select(0.0, exp(s - m), s > ${SENTINEL / 2}), s, isNan(s));
  }
  red[lid] = sum;
  workgroupBarrier();
  for (var w = ${SOFTMAX_WG / 2}u; w > 0u; w = w / 2u) {
    if (lid < w) {
      red[lid] = red[lid] + red[lid + w];
    }
    workgroupBarrier();
  }
  let total = red[0];
  let inv = ${inverse("total")};
  for (var j = lid; j < P.sk; j += ${SOFTMAX_WG}u) {
    let s = S[base + j];
    S[base + j] = select(select(0.0, exp(s - m) * inv, s > ${SENTINEL / 2}), s, isNan(s));
  }
}
`;
  }
  return `// naive:pv
${NAIVE_LAYOUTS.pv.wgsl}${ROW}
@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${WG}u + lid;
  if (idx >= P.rows * P.dim) {
    return;
  }
  let local = idx / P.dim;
  let d = idx % P.dim;
  let c = rowCoords(P.rowBase + local);
  let kvh = c.y / P.group;
  let vb = c.x * P.kB + kvh * P.kH + d;
  var acc = 0.0;
  for (var j = 0u; j < P.sk; j++) {
    let p = S[local * P.sk + j];
    acc += select(p * V[vb + j * P.kS], 0.0, p == 0.0);
  }
  O[c.x * P.qB + c.y * P.qH + c.z * P.qS + d] = acc;
}
`;
}

/** The three pipelines (cached). */
export function naivePipelines(ctx: GpuContext): Promise<GPUComputePipeline[]> {
  return Promise.all(
    (["scores", "softmax", "pv"] as const).map((pass) =>
      ctx.pipeline(`naive:${pass}`, () => naiveWgsl(pass))
    ),
  );
}

/**
 * The naive passes over q, k (already rotated when RoPE is on), v into o.
 * Every tensor must fit one binding; the score matrix is split into chunks
 * of rows that do.
 */
export function naiveJob(
  ctx: GpuContext,
  plan: AttentionPlan,
  pipelines: GPUComputePipeline[],
  bufs: AttentionBuffers,
): Job {
  const job: Job = { dispatches: [], temps: [] };
  const { batch, heads, qSeq, kSeq, headDim: D } = plan;
  const rowsTotal = batch * heads * qSeq;
  if (rowsTotal === 0 || kSeq === 0) return job;
  const limits = ctx.limits;
  const maxBinding = limits.maxStorageBufferBindingSize;
  for (const [name, buffer] of [["q", bufs.q], ["k", bufs.k], ["v", bufs.v]] as const) {
    if (buffer.size > maxBinding) {
      throw new RangeError(
        `Cannot run the naive kernel: ${name} (${buffer.size} bytes) exceeds maxStorageBufferBindingSize (${maxBinding} bytes); it is a small-size baseline, use the flash kernel`,
      );
    }
  }
  const rowBytes = kSeq * 4;
  if (rowBytes > maxBinding) {
    throw new RangeError(
      `Cannot run the naive kernel: one row of ${kSeq} scores exceeds maxStorageBufferBindingSize (${maxBinding} bytes)`,
    );
  }
  const capacity = gridCapacity(WG, limits);
  const chunkRows = Math.max(
    1,
    Math.min(
      rowsTotal,
      Math.floor(maxBinding / rowBytes),
      Math.floor(capacity / kSeq),
      Math.floor(capacity / D),
      limits.maxComputeWorkgroupsPerDimension ** 2,
    ),
  );
  const scores = ctx.buffer(chunkRows * rowBytes, "naive scores");
  job.temps.push(scores);
  const slopes = ctx.upload(plan.alibi ?? new Float32Array(1), "alibi slopes");
  job.temps.push(slopes);
  const [scoresPipe, softmaxPipe, pvPipe] = pipelines as [
    GPUComputePipeline,
    GPUComputePipeline,
    GPUComputePipeline,
  ];
  const qs = plan.qStrides;
  const ks = plan.kStrides;
  for (let rowBase = 0; rowBase < rowsTotal; rowBase += chunkRows) {
    const rows = Math.min(chunkRows, rowsTotal - rowBase);
    const base = {
      rowBase,
      rows,
      sq: qSeq,
      sk: kSeq,
      heads,
      group: plan.group,
      causal: plan.causal ? 1 : 0,
      alibi: plan.alibi ? 1 : 0,
      qB: qs.batch,
      qH: qs.heads,
      qS: qs.seq,
      dim: D,
      kB: ks.batch,
      kH: ks.heads,
      kS: ks.seq,
      scale: plan.scale,
    };
    const [gScores, gSoftmax, gPv] = [rows * kSeq / WG, rows, rows * D / WG].map((n) =>
      foldGrid(Math.ceil(n), limits)
    ) as [[number, number], [number, number], [number, number]];
    const dispatch = <B extends string>(
      pipeline: GPUComputePipeline,
      layout: KernelLayout<typeof NAIVE_UNIFORMS, B>,
      [gx, gy]: [number, number],
      resources: { readonly [name in B]: GPUBufferBinding },
    ) =>
      job.dispatches.push({
        pipeline,
        bindGroup: ctx.bind(pipeline, layout, { ...base, gridX: gx }, resources, job.temps),
        grid: [gx, gy, 1],
      });
    dispatch(scoresPipe, NAIVE_LAYOUTS.scores, gScores, {
      q: { buffer: bufs.q },
      k: { buffer: bufs.k },
      slopes: { buffer: slopes },
      scores: { buffer: scores },
    });
    dispatch(softmaxPipe, NAIVE_LAYOUTS.softmax, gSoftmax, { scores: { buffer: scores } });
    dispatch(pvPipe, NAIVE_LAYOUTS.pv, gPv, {
      scores: { buffer: scores },
      v: { buffer: bufs.v },
      o: { buffer: bufs.o },
    });
  }
  return job;
}
