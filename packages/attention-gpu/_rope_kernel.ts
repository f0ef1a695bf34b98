/**
 * The standalone RoPE kernel: one invocation per rotation pair (and, when not
 * in place, per pass-through element), over rows of `headDim` elements in
 * the input's memory order. Pairing and rotary dim are uniforms, so one
 * pipeline (two with in-place) serves every configuration; the (cos, sin)
 * table comes from the host, exactly the float32 values @posenc/rope uses.
 */

import type { GpuContext, Job } from "./_context.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";
import { fits, foldGrid, gridCapacity, splitRuns, windowOf } from "./_launch.ts";
import type { Positions } from "./_plan.ts";
import { tableFor } from "./_tables.ts";
import { type RopeSource, sourceHalf } from "./_rope_source.ts";

const WG = 256;

/** The RoPE kernel's uniforms (strides and window offsets in elements). */
const ROPE_UNIFORMS = {
  items: "u32",
  perRow: "u32",
  rh: "u32",
  interleaved: "u32",
  heads: "u32",
  seq: "u32",
  bshd: "u32",
  rowBase: "u32",
  xB: "u32",
  xH: "u32",
  xS: "u32",
  xOff: "u32",
  oB: "u32",
  oH: "u32",
  oS: "u32",
  oOff: "u32",
  tab: "u32",
  tabB: "u32",
  gridX: "u32",
} as const; // deno-fmt-ignore

/** The uniforms and bindings of the RoPE kernel: in place it writes `X`, else `Y`. */
export function ropeLayout(
  inPlace: boolean,
): KernelLayout<typeof ROPE_UNIFORMS, "x" | "table" | "y"> {
  return kernelLayout({
    name: "rope",
    uniforms: ROPE_UNIFORMS,
    bindings: {
      x: inPlace ? readWrite("X", "array<f32>") : readOnly("X", "array<f32>"),
      table: readOnly("T", "array<vec2<f32>>"),
      y: inPlace ? null : readWrite("Y", "array<f32>"),
    },
  });
}

/** WGSL of the RoPE kernel, in place (one read_write binding) or not. */
export function ropeWgsl(inPlace: boolean): string {
  const out = inPlace ? "X" : "Y";
  return `// rope:${inPlace ? "inplace" : "copy"}
${ropeLayout(inPlace).wgsl}
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
  readonly frequencies: RopeSource;
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
  const rh = sourceHalf(call.frequencies);
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
  const layout = ropeLayout(output === null);
  for (const [r0, n] of runs) {
    const w = windowOf(r0 * D, (r0 + n) * D, limits);
    const items = n * perRow;
    const [gx, gy] = foldGrid(Math.ceil(items / WG), limits);
    const values = {
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
    const bindGroup = ctx.bind(pipeline, layout, values, {
      x: { buffer: input, offset: w.offset, size: w.size },
      table: { buffer: table.buffer },
      ...(output ? { y: { buffer: output, offset: w.offset, size: w.size } } : {}),
    }, job.temps);
    job.dispatches.push({ pipeline, bindGroup, grid: [gx, gy, 1] });
  }
  return job;
}
