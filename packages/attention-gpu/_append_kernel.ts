/**
 * The KV-cache append kernel: one invocation per vec4 chunk of a new token's
 * key and value. The key chunk is rotated at the token's absolute position
 * (the shared float32 cos/sin table, attention factor included, so only
 * rotated dims are scaled) and both are stored at their cache slot, in the
 * cache's precision: keys are rotated exactly once, when they enter the
 * cache, never again per decode step.
 */

import type { GpuContext, Job } from "./_context.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";
import type { Element } from "./_flash_wgsl.ts";
import { fits, foldGrid, gridCapacity, splitRuns, type Window, windowOf } from "./_launch.ts";
import type { Positions } from "./_plan.ts";
import { loader, type RopeBake, ropeChunk } from "./_rope_wgsl.ts";
import { tableFor } from "./_tables.ts";
import type { RopeSource } from "./_rope_source.ts";

const WG = 256;

/** Everything an append pipeline is specialised on. */
export interface AppendParams {
  readonly headDim: number;
  readonly rope: RopeBake | null;
  /** Storage types of the incoming k and v, and of the cache. */
  readonly k: Element;
  readonly v: Element;
  readonly cache: Element;
}

/** The append kernel's uniforms (strides and window offsets in vec4). */
const APPEND_UNIFORMS = {
  items: "u32",
  kvHeads: "u32",
  unitBase: "u32",
  chunkBase: "u32",
  slot: "u32",
  slots: "u32",
  lmax4: "u32",
  gridX: "u32",
  kB: "u32",
  kH: "u32",
  kS: "u32",
  kOff: "u32",
  vB: "u32",
  vH: "u32",
  vS: "u32",
  vOff: "u32",
  tab: "u32",
  tabB: "u32",
  tokBase: "u32",
  tokCount: "u32",
} as const; // deno-fmt-ignore

/** The uniforms and bindings of an append kernel. */
export function appendLayout(
  p: AppendParams,
): KernelLayout<typeof APPEND_UNIFORMS, "k" | "v" | "kc" | "vc" | "table"> {
  return kernelLayout({
    name: "kv append",
    uniforms: APPEND_UNIFORMS,
    bindings: {
      k: readOnly("K", `array<vec4<${p.k}>>`),
      v: readOnly("V", `array<vec4<${p.v}>>`),
      kc: readWrite("KC", `array<vec4<${p.cache}>>`),
      vc: readWrite("VC", `array<vec4<${p.cache}>>`),
      table: p.rope ? readOnly("T", "array<vec2<f32>>") : null,
    },
  });
}

/** The pipeline key of an append kernel. */
export function appendKey(p: AppendParams): string {
  const rope = p.rope ? `${p.rope.pairing}${p.rope.rotaryDim}` : "none";
  return `kv-append:d${p.headDim}:rope=${rope}:${p.k}${p.v}${p.cache}`;
}

/** Generates the WGSL of an append kernel. */
export function appendWgsl(p: AppendParams): string {
  const D4 = p.headDim / 4;
  const ldK = loader("K", p.k);
  const ldV = loader("V", p.v);
  const f16 = [p.k, p.v, p.cache].includes("f16");
  const put = (value: string) => (p.cache === "f32" ? value : `vec4<f16>(${value})`);
  const rope = p.rope ? ropeChunk(p.rope, ldK, "base", "c", "P.tab + b * P.tabB + s") : "";
  return `// ${appendKey(p)}
${f16 ? "enable f16;" : ""}
${appendLayout(p).wgsl}
@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${WG}u + lid;
  if (idx >= P.items) {
    return;
  }
  let c = idx % ${D4}u;
  let row = idx / ${D4}u;
  let s = P.tokBase + row % P.tokCount;
  let unit = P.unitBase + row / P.tokCount;
  let b = unit / P.kvHeads;
  let h = unit % P.kvHeads;
  let base = b * P.kB + h * P.kH + s * P.kS - P.kOff;
  var x = ${ldK("base + c")};
  ${rope}
  // Token slot + s lives in slot (slot + s) % slots (a ring for window caches).
  let dst = (unit - P.chunkBase) * P.lmax4 + ((P.slot + s) % P.slots) * ${D4}u + c;
  KC[dst] = ${put("x")};
  VC[dst] = ${put(ldV("b * P.vB + h * P.vH + s * P.vS - P.vOff + c"))};
}
`;
}

/** The compiled append pipeline (cached per key). */
export function appendPipeline(ctx: GpuContext, p: AppendParams): Promise<GPUComputePipeline> {
  return ctx.pipeline(appendKey(p), () => appendWgsl(p));
}

/** One storage buffer pair of a cache: units [u0, u0 + n) of [batch * kvHeads]. */
export interface CacheChunk {
  readonly u0: number;
  readonly n: number;
  readonly k: GPUBuffer;
  readonly v: GPUBuffer;
}

/** An append with every argument resolved. */
export interface AppendCall {
  readonly kvHeads: number;
  /** Token slots per (batch, KV head); token j lives in slot j % slots. */
  readonly slots: number;
  /** Tokens appended. */
  readonly n: number;
  /** Leading tokens not written (a ring's later tokens overwrite them at once). */
  readonly skip: number;
  /** Token index of the first appended token. */
  readonly slot: number;
  /** Element strides of the incoming k and v (same shape). */
  readonly strides: { readonly batch: number; readonly heads: number; readonly seq: number };
  readonly rope: {
    readonly frequencies: RopeSource;
    readonly angles: "float32" | "float64";
    readonly positions: Positions;
  } | null;
}

/**
 * The dispatches of an append: per cache chunk, runs of units whose k and v
 * windows fit a binding.
 */
export function appendJob(
  ctx: GpuContext,
  call: AppendCall,
  params: AppendParams,
  pipeline: GPUComputePipeline,
  input: { k: GPUBuffer; v: GPUBuffer },
  chunks: readonly CacheChunk[],
): Job {
  const job: Job = { dispatches: [], temps: [] };
  const { n, strides: st } = call;
  const D = params.headDim;
  const D4 = D / 4;
  if (n === 0) return job;
  const limits = ctx.limits;
  const kBytes = params.k === "f16" ? 2 : 4;
  const vBytes = params.v === "f16" ? 2 : 4;
  const window = (u0: number, count: number, bytes: number): Window => {
    const u1 = u0 + count - 1;
    const at = (u: number) =>
      Math.floor(u / call.kvHeads) * st.batch + (u % call.kvHeads) * st.heads;
    // Only tokens [skip, n) are read.
    return windowOf(at(u0) + call.skip * st.seq, at(u1) + (n - 1) * st.seq + D, limits, bytes);
  };
  let table = null;
  if (call.rope) {
    table = tableFor(ctx, call.rope.frequencies, call.rope.angles, [{
      positions: call.rope.positions,
      seq: n,
    }]);
    if (table.temp) job.temps.push(table.buffer);
  }
  // A dispatch covers runs of units x ranges of tokens that fit the grid.
  const capacity = gridCapacity(WG, limits);
  const tokensPer = Math.min(n - call.skip, Math.max(1, Math.floor(capacity / D4)));
  const maxUnits = Math.max(1, Math.floor(capacity / (tokensPer * D4)));
  const layout = appendLayout(params);
  for (const chunk of chunks) {
    const runs = splitRuns(
      chunk.n,
      maxUnits,
      (a, count) =>
        fits(window(chunk.u0 + a, count, kBytes), limits) &&
        fits(window(chunk.u0 + a, count, vBytes), limits),
      (a) =>
        new RangeError(
          `Cannot append: the new keys of one (batch, KV head) span ${
            window(chunk.u0 + a, 1, Math.max(kBytes, vBytes)).size
          } bytes, more than maxStorageBufferBindingSize (${limits.maxStorageBufferBindingSize} bytes); append fewer tokens at a time`,
        ),
    );
    for (const [a, count] of runs) {
      for (let tokBase = call.skip; tokBase < n; tokBase += tokensPer) {
        const tokCount = Math.min(tokensPer, n - tokBase);
        const u0 = chunk.u0 + a;
        const kw = window(u0, count, kBytes);
        const vw = window(u0, count, vBytes);
        const items = count * tokCount * D4;
        const [gx, gy] = foldGrid(Math.ceil(items / WG), limits);
        const values = {
          items,
          kvHeads: call.kvHeads,
          unitBase: u0,
          chunkBase: chunk.u0,
          slot: call.slot,
          slots: call.slots,
          lmax4: call.slots * D4,
          gridX: gx,
          kB: st.batch / 4,
          kH: st.heads / 4,
          kS: st.seq / 4,
          kOff: kw.base / 4,
          vB: st.batch / 4,
          vH: st.heads / 4,
          vS: st.seq / 4,
          vOff: vw.base / 4,
          tab: table?.sides[0]?.tab ?? 0,
          tabB: table?.sides[0]?.tabB ?? 0,
          tokBase,
          tokCount,
        };
        const bindGroup = ctx.bind(pipeline, layout, values, {
          k: { buffer: input.k, offset: kw.offset, size: kw.size },
          v: { buffer: input.v, offset: vw.offset, size: vw.size },
          kc: { buffer: chunk.k },
          vc: { buffer: chunk.v },
          ...(table ? { table: { buffer: table.buffer } } : {}),
        }, job.temps);
        job.dispatches.push({ pipeline, bindGroup, grid: [gx, gy, 1] });
      }
    }
  }
  return job;
}
