/**
 * The flash-attention prefill kernel, generated from one parameter record.
 *
 * One workgroup owns `br` query rows of one (batch, KV head): row r of tile t
 * is the flat index t*br + r over (position, head-in-group) pairs, so with GQA
 * every K/V tile loaded into workgroup memory serves all G query heads that
 * share it. Per K/V tile of `bc` keys: load K (RoPE fused into the load) and,
 * with separate buffers, V -> scores in registers (scale * log2 e already in
 * Q, ALiBi and the causal mask added in-kernel) -> per-row tile maxima through
 * workgroup memory -> probabilities relative to the tile maximum (masked ones
 * exactly 0) -> the owners of output rows fold the tile into their running
 * (max, sum, O) in registers (FA2 online softmax, one rescale per tile).
 * Every fixed-count loop is unrolled in the text; only the loop over K/V tiles
 * is a real loop, with a workgroup-uniform bound.
 */

import type { FlashTiles } from "./_tiles.ts";
import { type RopeBake, ropeChunk } from "./_rope_wgsl.ts";

/** Everything a flash pipeline is specialised on. */
export interface FlashParams {
  readonly tiles: FlashTiles;
  readonly rope: RopeBake | null;
  readonly alibi: boolean;
}

/** Finite "minus infinity" for masked scores (WGSL may assume no Inf). */
export const SENTINEL = -1e30;

/** Field order of the flash kernel's uniform block (all 4-byte words). */
export const FLASH_UNIFORMS = [
  "sq",
  "sk",
  "group",
  "kvHeads",
  "causal",
  "numTiles",
  "tileBase",
  "unitBase",
  "qB",
  "qH",
  "qS",
  "qOff",
  "kB",
  "kH",
  "kS",
  "kOff",
  "vB",
  "vH",
  "vS",
  "vOff",
  "oB",
  "oH",
  "oS",
  "oOff",
  "qTab",
  "qTabB",
  "kTab",
  "kTabB",
  "scale2",
  "pad0",
  "pad1",
  "pad2",
] as const; // deno-fmt-ignore

/** Bindings a flash kernel declares, in binding-number order. */
export function flashBindings(p: FlashParams): string[] {
  const names = ["params", "q", "k", "v", "o"];
  if (p.rope) names.push("table");
  if (p.alibi) names.push("slopes");
  return names;
}

/** A stable key for the pipeline cache. */
export function flashKey(p: FlashParams): string {
  const t = p.tiles;
  const rope = p.rope ? `${p.rope.pairing}${p.rope.rotaryDim}` : "none";
  return `flash:d${t.headDim}:wg${t.workgroup}:${t.br}x${t.bc}:s${t.tm}x${t.tn}:o${t.om}x${t.od4}:` +
    `${t.sharedKV ? "kv" : "k+v"}:${t.pad ? "pad" : "nopad"}:rope=${rope}:alibi=${p.alibi}`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/** Generates the WGSL source of a flash kernel. */
export function flashWgsl(p: FlashParams): string {
  const t = p.tiles;
  const D4 = t.headDim / 4;
  const WG = t.workgroup;
  const BR = t.br;
  const BC = t.bc;
  const QST = D4 + (t.pad ? 1 : 0); // row stride of Qs and Ks, in vec4
  const VST = t.sharedKV ? QST : D4;
  const PST = BC + 1;
  const NTC = BC / t.tn; // invocations across keys in the score block
  const NOC = D4 / t.od4; // invocations across output columns
  const names = flashBindings(p);
  const binding = (name: string) => names.indexOf(name);
  const vbuf = t.sharedKV ? "Ks" : "Vs";

  const uniforms = FLASH_UNIFORMS.map((f) => `  ${f}: ${f === "scale2" ? "f32" : "u32"},`).join(
    "\n",
  );

  // Loads `count` rows of a tile, element e -> (row e / D4, chunk e % D4). A
  // real loop: loads are not the hot part, and unrolling them (with RoPE
  // inside) multiplies the code the driver compiles.
  const tileLoad = (
    count: number,
    body: (r: string, c: string) => string,
  ): string =>
    `for (var e = lid; e < ${count * D4}u; e += ${WG}u) {
    let r = e / ${D4}u;
    let c = e % ${D4}u;
    ${body("r", "c")}
  }`;

  const ropeQ = p.rope ? ropeChunk(p.rope, "Q", "base", "c", "P.qTab + b * P.qTabB + pos") : "";
  const ropeK = p.rope ? ropeChunk(p.rope, "K", "base", "c", "P.kTab + b * P.kTabB + key") : "";

  const loadQ = tileLoad(BR, (r, c) =>
    `let flat = row0 + ${r};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = Q[base + ${c}];
      ${ropeQ}
    }
    Qs[${r} * ${QST}u + ${c}] = x * P.scale2;`);

  const loadK = tileLoad(BC, (r, c) =>
    `let key = k0 + ${r};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = K[base + ${c}];
      ${ropeK}
    }
    Ks[${r} * ${QST}u + ${c}] = x;`);

  const loadV = tileLoad(BC, (r, c) =>
    `let key = k0 + ${r};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = V[b * P.vB + kvh * P.vH + key * P.vS - P.vOff + ${c}];
    }
    ${vbuf}[${r} * ${VST}u + ${c}] = x;`);

  const M = range(t.tm);
  const N = range(t.tn);
  const OM = range(t.om);
  const OC = range(t.od4);

  // Score block: s_m_n for rows tr*tm + m and keys tc + n*NTC.
  const scoreDecl = M.flatMap((m) => N.map((n) => `var s${m}_${n} = 0.0;`)).join(" ");
  const scoreLoop = range(D4).map((c) => {
    const qs = M.map((m) => `let q${m} = Qs[qr${m} + ${c}u];`).join(" ");
    const ks = N.map((n) => `let k${n} = Ks[kr${n} + ${c}u];`).join(" ");
    const fmas = M.flatMap((m) => N.map((n) => `s${m}_${n} += dot(q${m}, k${n});`)).join(" ");
    return `{ ${qs} ${ks} ${fmas} }`;
  }).join("\n      ");

  const maskLines = M.flatMap((m) =>
    N.map((n) => {
      const alibi = p.alibi ? ` - sl${m} * f32(abs(qp${m} - i32(key${n})))` : "";
      return `s${m}_${n} = select(${SENTINEL}, s${m}_${n}${alibi}, ok${m} && key${n} < P.sk && (P.causal == 0u || i32(key${n}) <= qp${m}));`;
    })
  ).join("\n      ");

  const partialMax = M.map((m) =>
    `Mx[(tr * ${t.tm}u + ${m}u) * ${NTC}u + tc] = max(${
      N.map((n) => `s${m}_${n}`).reduce((a, b) => `max(${a}, ${b})`)
    }, ${SENTINEL});`
  ).join("\n      ");

  const tileMax = (row: string, name: string) =>
    `let ${name} = ${
      range(NTC).map((j) => `Mx[${row} * ${NTC}u + ${j}u]`).reduce((a, b) => `max(${a}, ${b})`)
    };`;

  const probs = M.map((m) => {
    const row = `(tr * ${t.tm}u + ${m}u)`;
    const ps = N.map((n) =>
      `let p${n} = select(0.0, exp2(s${m}_${n} - tmax), s${m}_${n} > ${SENTINEL / 2});
        Ps[${row} * ${PST}u + tc + ${n * NTC}u] = p${n};`
    ).join("\n        ");
    return `{
        ${tileMax(row, "tmax")}
        ${ps}
        Sm[${row} * ${NTC}u + tc] = ${N.map((n) => `p${n}`).join(" + ")};
      }`;
  }).join("\n      ");

  const oDecl = OM.flatMap((m) => OC.map((c) => `var o${m}_${c} = vec4<f32>(0.0);`)).join(" ");
  const statDecl = OM.map((m) => `var m${m} = ${SENTINEL}; var l${m} = 0.0;`).join(" ");

  const rescale = OM.map((m) => {
    const row = `orow${m}`;
    return `{
        ${tileMax(row, "tmax")}
        let tsum = ${range(NTC).map((j) => `Sm[${row} * ${NTC}u + ${j}u]`).join(" + ")};
        let mnew = max(m${m}, tmax);
        let alpha = exp2(m${m} - mnew);
        beta${m} = exp2(tmax - mnew);
        l${m} = l${m} * alpha + tsum * beta${m};
        m${m} = mnew;
        ${OC.map((c) => `o${m}_${c} *= alpha;`).join(" ")}
      }`;
  }).join("\n      ");

  const pv = range(BC).map((k) => {
    const ps = OM.map((m) => `let p${m} = Ps[orow${m} * ${PST}u + ${k}u] * beta${m};`).join(" ");
    const vs = OC.map((c) => `let v${c} = ${vbuf}[${k * VST}u + oc + ${c * NOC}u];`).join(" ");
    const fm = OM.flatMap((m) => OC.map((c) => `o${m}_${c} += p${m} * v${c};`)).join(" ");
    return `{ ${ps} ${vs} ${fm} }`;
  }).join("\n      ");

  const store = OM.map((m) =>
    `{
    let flat = row0 + orow${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff + oc;
      let inv = select(0.0, 1.0 / l${m}, l${m} > 0.0);
      ${OC.map((c) => `O[base + ${c * NOC}u] = o${m}_${c} * inv;`).join("\n      ")}
    }
  }`
  ).join("\n  ");

  const rowSetup = M.map((m) =>
    `let flat${m} = row0 + tr * ${t.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${
      p.alibi ? `\n  let sl${m} = SL[kvh * P.group + flat${m} % P.group];` : ""
    }`
  ).join("\n  ");

  return `// ${flashKey(p)}
struct Params {
${uniforms}
}
@group(0) @binding(${binding("params")}) var<uniform> P: Params;
@group(0) @binding(${binding("q")}) var<storage, read> Q: array<vec4<f32>>;
@group(0) @binding(${binding("k")}) var<storage, read> K: array<vec4<f32>>;
@group(0) @binding(${binding("v")}) var<storage, read> V: array<vec4<f32>>;
@group(0) @binding(${binding("o")}) var<storage, read_write> O: array<vec4<f32>>;
${p.rope ? `@group(0) @binding(${binding("table")}) var<storage, read> T: array<vec2<f32>>;` : ""}
${p.alibi ? `@group(0) @binding(${binding("slopes")}) var<storage, read> SL: array<f32>;` : ""}

var<workgroup> Qs: array<vec4<f32>, ${BR * QST}>;
var<workgroup> Ks: array<vec4<f32>, ${BC * QST}>;
${t.sharedKV ? "" : `var<workgroup> Vs: array<vec4<f32>, ${BC * D4}>;`}
var<workgroup> Ps: array<f32, ${BR * PST}>;
var<workgroup> Mx: array<f32, ${BR * NTC}>;
var<workgroup> Sm: array<f32, ${BR * NTC}>;

@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${BR}u;

  ${loadQ}

  let tr = lid / ${NTC}u;
  let tc = lid % ${NTC}u;
  ${M.map((m) => `let qr${m} = (tr * ${t.tm}u + ${m}u) * ${QST}u;`).join(" ")}
  ${N.map((n) => `let kr${n} = (tc + ${n * NTC}u) * ${QST}u;`).join(" ")}
  ${rowSetup}
  let orr = lid / ${NOC}u;
  let oc = lid % ${NOC}u;
  ${OM.map((m) => `let orow${m} = orr * ${t.om}u + ${m}u;`).join(" ")}
  ${oDecl}
  ${statDecl}
  ${OM.map((m) => `var beta${m} = 0.0;`).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${BR}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${BC - 1}u) / ${BC}u;
  for (var kt = 0u; kt < tiles; kt++) {
    let k0 = kt * ${BC}u;
    ${loadK}
    ${t.sharedKV ? "" : loadV}
    workgroupBarrier();
    {
      ${scoreDecl}
      ${scoreLoop}
      ${N.map((n) => `let key${n} = k0 + tc + ${n * NTC}u;`).join(" ")}
      ${maskLines}
      ${partialMax}
      workgroupBarrier();
      ${probs}
    }
    ${t.sharedKV ? loadV : ""}
    workgroupBarrier();
    {
      ${rescale}
      ${pv}
    }
    workgroupBarrier();
  }

  ${store}
}
`;
}
