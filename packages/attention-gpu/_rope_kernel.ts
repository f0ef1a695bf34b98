/**
 * The standalone RoPE kernel: one invocation per rotation pair (and, when not
 * in place, per pass-through element), over rows of `headDim` elements in
 * the input's memory order. Pairing and rotary dim are uniforms, so one
 * pipeline (two with in-place) serves every configuration; the (cos, sin)
 * table comes from the host, exactly the float32 values @posenc/rope uses.
 */

import type { GpuContext, Job } from "./_context.ts";
import { packUniforms } from "./_context.ts";
import { fits, foldGrid, gridCapacity, splitRuns, windowOf } from "./_launch.ts";
import type { Positions } from "./_plan.ts";
import { tableFor } from "./_tables.ts";
import type { RopeFrequencies } from "@posenc/rope";

const WG = 256;

/** Field order of the RoPE kernel's uniform block. */
export const ROPE_UNIFORMS = [
  "items",
  "perRow",
  "rh",
  "interleaved",
  "heads",
  "seq",
  "bshd",
  "rowBase",
  "xB",
  "xH",
  "xS",
  "xOff",
  "oB",
  "oH",
  "oS",
  "oOff",
  "tab",
  "tabB",
  "gridX",
  "pad0",
] as const; // deno-fmt-ignore

/** WGSL of the RoPE kernel, in place (one read_write binding) or not. */
export function ropeWgsl(inPlace: boolean): string {
  const fields = ROPE_UNIFORMS.map((f) => `  ${f}: u32,`).join("\n");
  const out = inPlace ? "X" : "Y";
  return `// rope:${inPlace ? "inplace" : "copy"}
struct Params {
${fields}
}
@group(0) @binding(0) var<uniform> P: Params;
@group(0) @binding(1) var<storage, ${inPlace ? "read_write" : "read"}> X: array<f32>;
@group(0) @binding(2) var<storage, read> T: array<vec2<f32>>;
${inPlace ? "" : "@group(0) @binding(3) var<storage, read_write> Y: array<f32>;"}

@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${WG}u + lid;
  if (idx >= P.items) {
    return;
  }
  let r = P.rowBase + idx / P.perRow;
  let j = idx % P.perRow;
  var b: u32;
  var h: u32;
  var s: u32;
  if (P.bshd != 0u) {
    h = r % P.heads;
    s = (r / P.heads) % P.seq;
    b = r / (P.heads * P.seq);
  } else {
    s = r % P.seq;
    h = (r / P.seq) % P.heads;
    b = r / (P.seq * P.heads);
  }
  let xi = b * P.xB + h * P.xH + s * P.xS - P.xOff;
  let oi = b * P.oB + h * P.oH + s * P.oS - P.oOff;
  if (j < P.rh) {
    var d0 = j;
    var d1 = j + P.rh;
    if (P.interleaved != 0u) {
      d0 = 2u * j;
      d1 = d0 + 1u;
    }
    let t = T[(P.tab + b * P.tabB + s) * P.rh + j];
    let a = X[xi + d0];
    let c = X[xi + d1];
    ${out}[oi + d0] = a * t.x - c * t.y;
    ${out}[oi + d1] = c * t.x + a * t.y;
  } else {
    let d = 2u * P.rh + (j - P.rh);
    ${out}[oi + d] = X[xi + d];
  }
}
`;
}

/** The pipeline of the RoPE kernel. */
export function ropePipeline(ctx: GpuContext, inPlace: boolean): Promise<GPUComputePipeline> {
  return ctx.pipeline(`rope:${inPlace ? "inplace" : "copy"}`, () => ropeWgsl(inPlace));
}

/** A RoPE call: a contiguous [batch, heads, seq, headDim] or [batch, seq, heads, headDim] tensor. */
export interface RopeCall {
  readonly layout: "bhsd" | "bshd";
  readonly batch: number;
  readonly heads: number;
  readonly seq: number;
  readonly headDim: number;
  readonly frequencies: RopeFrequencies;
  readonly pairing: "half" | "interleaved";
  readonly angles: "float32" | "float64";
  readonly positions: Positions;
}

/**
 * Dispatches rotating `input` into `output` (the same buffer in place),
 * split into runs of rows whose windows fit a binding and whose items fit
 * the grid.
 */
export function ropeJob(
  ctx: GpuContext,
  call: RopeCall,
  pipeline: GPUComputePipeline,
  input: GPUBuffer,
  output: GPUBuffer | null,
): Job {
  const job: Job = { dispatches: [], temps: [] };
  const { batch, heads, seq, headDim: D } = call;
  const rows = batch * heads * seq;
  if (rows === 0 || D === 0) return job;
  const rh = call.frequencies.invFreq.length;
  const perRow = rh + (output ? D - 2 * rh : 0);
  const limits = ctx.limits;
  const table = tableFor(ctx, call.frequencies, call.angles, [{
    positions: call.positions,
    seq,
  }]);
  if (table.temp) job.temps.push(table.buffer);
  const side = table.sides[0]!;
  const strides = call.layout === "bhsd"
    ? { b: heads * seq * D, h: seq * D, s: D }
    : { b: seq * heads * D, h: D, s: heads * D };
  const maxRows = Math.max(1, Math.floor(gridCapacity(WG, limits) / Math.max(1, perRow)));
  const runs = splitRuns(
    rows,
    maxRows,
    (r0, n) => fits(windowOf(r0 * D, (r0 + n) * D, limits), limits),
    () =>
      new RangeError(
        `Cannot rotate: one row of ${D} elements exceeds the device's maxStorageBufferBindingSize`,
      ),
  );
  for (const [r0, n] of runs) {
    const w = windowOf(r0 * D, (r0 + n) * D, limits);
    const items = n * perRow;
    const [gx, gy] = foldGrid(Math.ceil(items / WG), limits);
    const values: Record<string, number> = {
      items,
      perRow,
      rh,
      interleaved: call.pairing === "interleaved" ? 1 : 0,
      heads,
      seq,
      bshd: call.layout === "bshd" ? 1 : 0,
      rowBase: r0,
      xB: strides.b,
      xH: strides.h,
      xS: strides.s,
      xOff: w.base,
      oB: strides.b,
      oH: strides.h,
      oS: strides.s,
      oOff: w.base,
      tab: side.tab,
      tabB: side.tabB,
      gridX: gx,
    };
    const uniform = ctx.uniform(packUniforms(ROPE_UNIFORMS, values), "rope params");
    job.temps.push(uniform);
    const entries: GPUBindGroupEntry[] = [
      { binding: 0, resource: { buffer: uniform } },
      { binding: 1, resource: { buffer: input, offset: w.offset, size: w.size } },
      { binding: 2, resource: { buffer: table.buffer } },
    ];
    if (output) {
      entries.push({ binding: 3, resource: { buffer: output, offset: w.offset, size: w.size } });
    }
    const bindGroup = ctx.device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries,
    });
    job.dispatches.push({ pipeline, bindGroup, grid: [gx, gy, 1] });
  }
  return job;
}
