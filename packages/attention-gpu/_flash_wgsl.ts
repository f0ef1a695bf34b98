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
 * Soft-capping, a bias tensor, the sliding window and left padding act on
 * the scores in registers; a sink starts each row's running state as a key
 * with no value. Only the key tiles a workgroup's rows can see are visited
 * (causal end, window start, padding start). A NaN score is carried into its
 * row's sum (a max() or comparison would drop it). NaNs of V are zeroed in
 * workgroup memory (a masked key's probability of 0 must not make them NaN)
 * and a tile that had one re-reads V to mark the output columns of the rows
 * that see it: a NaN in q, k or v reaches the output as in the reference.
 * Every fixed-count loop is unrolled in the text; only the loop over K/V tiles
 * is a real loop, with a workgroup-uniform bound.
 */

import type { FlashTiles } from "./_tiles.ts";
import { loader, type RopeBake, ropeChunk } from "./_rope_wgsl.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";
import { featuresKey, inverse, probability, SCORE_HELPERS, SENTINEL } from "./_score_wgsl.ts";

export { SENTINEL };

/** Storage element type of one operand. */
export type Element = "f32" | "f16";

/** Storage element types of q, k, v and the output. */
export interface Elements {
  readonly q: Element;
  readonly k: Element;
  readonly v: Element;
  readonly o: Element;
}

/** All four operands in float32. */
export const F32_ELEMENTS: Elements = Object.freeze({ q: "f32", k: "f32", v: "f32", o: "f32" });

/** The key fragment of a set of elements ("" when all are f32, so old keys stay). */
export function elementsKey(e: Elements): string {
  const all = [e.q, e.k, e.v, e.o];
  return all.every((x) => x === "f32") ? "" : `:${all.join("")}`;
}

/** Everything a flash pipeline is specialised on. */
export interface FlashParams {
  readonly tiles: FlashTiles;
  readonly rope: RopeBake | null;
  readonly alibi: boolean;
  /**
   * Storage types (float16 operands are widened on load, the output narrowed
   * on store; all arithmetic is float32).
   *
   * @default {F32_ELEMENTS}
   */
  readonly elements?: Elements;
  /** `softcap` in-kernel (the cap is a uniform). @default {false} */
  readonly softcap?: boolean;
  /** A sink logit per query head (binding `SK`). @default {false} */
  readonly sinks?: boolean;
  /** Left padding per batch row (binding `PD`). @default {false} */
  readonly padding?: boolean;
  /** An additive bias tensor (binding `BI`). @default {false} */
  readonly bias?: boolean;
}

/**
 * The uniforms the flash and flash2 kernels share, in struct order (strides
 * and window offsets in vec4).
 */
export const TILE_UNIFORMS = {
  sq: "u32",
  sk: "u32",
  group: "u32",
  kvHeads: "u32",
  causal: "u32",
  numTiles: "u32",
  tileBase: "u32",
  unitBase: "u32",
  qB: "u32",
  qH: "u32",
  qS: "u32",
  qOff: "u32",
  kB: "u32",
  kH: "u32",
  kS: "u32",
  kOff: "u32",
  vB: "u32",
  vH: "u32",
  vS: "u32",
  vOff: "u32",
  oB: "u32",
  oH: "u32",
  oS: "u32",
  oOff: "u32",
  qTab: "u32",
  qTabB: "u32",
  kTab: "u32",
  kTabB: "u32",
  scale2: "f32",
} as const; // deno-fmt-ignore

/** The flash kernel's uniforms: the shared ones, then its features'. */
const FLASH_UNIFORMS = {
  ...TILE_UNIFORMS,
  window: "u32",
  cap2: "f32",
  bB: "u32",
  bH: "u32",
  bS: "u32",
} as const; // deno-fmt-ignore

/** The uniforms and bindings of a flash kernel. */
export function flashLayout(
  p: FlashParams,
): KernelLayout<
  typeof FLASH_UNIFORMS,
  "q" | "k" | "v" | "o" | "table" | "slopes" | "sinks" | "padding" | "bias"
> {
  const el = p.elements ?? F32_ELEMENTS;
  return kernelLayout({
    name: "flash",
    uniforms: FLASH_UNIFORMS,
    bindings: {
      q: readOnly("Q", `array<vec4<${el.q}>>`),
      k: readOnly("K", `array<vec4<${el.k}>>`),
      v: readOnly("V", `array<vec4<${el.v}>>`),
      o: readWrite("O", `array<vec4<${el.o}>>`),
      table: p.rope ? readOnly("T", "array<vec2<f32>>") : null,
      slopes: p.alibi ? readOnly("SL", "array<f32>") : null,
      sinks: p.sinks ? readOnly("SK", "array<f32>") : null,
      padding: p.padding ? readOnly("PD", "array<u32>") : null,
      bias: p.bias ? readOnly("BI", "array<f32>") : null,
    },
  });
}

/** A stable key for the pipeline cache. */
export function flashKey(p: FlashParams): string {
  const t = p.tiles;
  const rope = p.rope ? `${p.rope.pairing}${p.rope.rotaryDim}` : "none";
  return `flash:d${t.headDim}:wg${t.workgroup}:${t.br}x${t.bc}:s${t.tm}x${t.tn}:o${t.om}x${t.od4}:` +
    `${t.sharedKV ? "kv" : "k+v"}:${t.pad ? "pad" : "nopad"}:rope=${rope}:alibi=${p.alibi}` +
    elementsKey(p.elements ?? F32_ELEMENTS) + featuresKey(p);
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
  const vbuf = t.sharedKV ? "Ks" : "Vs";
  const el = p.elements ?? F32_ELEMENTS;
  const ldQ = loader("Q", el.q);
  const ldK = loader("K", el.k);
  const ldV = loader("V", el.v);
  const anyF16 = [el.q, el.k, el.v, el.o].includes("f16");

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

  const ropeQ = p.rope ? ropeChunk(p.rope, ldQ, "base", "c", "P.qTab + b * P.qTabB + pos") : "";
  const ropeK = p.rope ? ropeChunk(p.rope, ldK, "base", "c", "P.kTab + b * P.kTabB + key") : "";

  const loadQ = tileLoad(BR, (r, c) =>
    `let flat = row0 + ${r};
    let pos = flat / P.group;
    var x = vec4<f32>(0.0);
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.qB + h * P.qH + pos * P.qS - P.qOff;
      x = ${ldQ(`base + ${c}`)};
      ${ropeQ}
    }
    Qs[${r} * ${QST}u + ${c}] = x * P.scale2;`);

  const loadK = tileLoad(BC, (r, c) =>
    `let key = k0 + ${r};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
      x = ${ldK(`base + ${c}`)};
      ${ropeK}
    }
    Ks[${r} * ${QST}u + ${c}] = x;`);

  const vAt = (key: string, c: string) => `b * P.vB + kvh * P.vH + ${key} * P.vS - P.vOff + ${c}`;
  // NaNs of V are zeroed here and the tile is flagged (see nanPass).
  const loadV = tileLoad(BC, (r, c) =>
    `let key = k0 + ${r};
    var x = vec4<f32>(0.0);
    if (key < P.sk) {
      x = ${ldV(vAt("key", c))};
    }
    let bad = isNan4(x);
    if (any(bad)) {
      atomicMax(&NanTile, kt + 1u);
    }
    ${vbuf}[${r} * ${VST}u + ${c}] = select(x, vec4<f32>(0.0), bad);`);

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

  // Score order: scale (in Q), soft-cap, ALiBi and bias, then the masks.
  const maskLines = M.flatMap((m) =>
    N.map((n) => {
      const x = `s${m}_${n}`;
      const cap = p.softcap ? `${x} = capped(${x}, P.cap2);\n      ` : "";
      const alibi = p.alibi ? ` - sl${m} * f32(abs(qp${m} - i32(key${n})))` : "";
      const bias = p.bias ? `let b${m}_${n} = BI[br${m} + min(key${n}, P.sk - 1u)];\n      ` : "";
      const biasAdd = p.bias ? ` + b${m}_${n} * ${Math.LOG2E}` : "";
      const pad = p.padding ? ` && key${n} >= padB` : "";
      const hides = p.bias ? ` && !biasHides(b${m}_${n})` : "";
      return `${cap}${bias}${x} = select(${SENTINEL}, ${x}${alibi}${biasAdd}, ok${m} && key${n} < P.sk && (P.causal == 0u || i32(key${n}) <= qp${m}) && i32(key${n}) > qp${m} - i32(P.window)${pad}${hides});`;
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
      `let p${n} = ${probability(`s${m}_${n}`, "tmax")};
        Ps[${row} * ${PST}u + tc + ${n * NTC}u] = p${n};`
    ).join("\n        ");
    return `{
        ${tileMax(row, "tmax")}
        ${ps}
        Sm[${row} * ${NTC}u + tc] = ${N.map((n) => `p${n}`).join(" + ")};
      }`;
  }).join("\n      ");

  const oDecl = OM.flatMap((m) => OC.map((c) => `var o${m}_${c} = vec4<f32>(0.0);`)).join(" ");
  // A sink is a key with no value: it starts the row's running max and sum.
  const statDecl = OM.map((m) =>
    p.sinks
      ? `var m${m} = SK[kvh * P.group + (row0 + orow${m}) % P.group]; var l${m} = 1.0;`
      : `var m${m} = ${SENTINEL}; var l${m} = 0.0;`
  ).join(" ");

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

  // Only in a tile whose V had a NaN: the output columns of rows that give a
  // key with one a probability > 0 become NaN (0 * NaN stays out of masked rows).
  const nanPass = `if (atomicLoad(&NanTile) == kt + 1u) {
        for (var kk = 0u; kk < ${BC}u; kk++) {
          let key = k0 + kk;
          if (key < P.sk) {
            ${OC.map((c) => `let v${c} = ${ldV(vAt("key", `oc + ${c * NOC}u`))};`).join(" ")}
            ${
    OM.map((m) =>
      `{
              let seen = vec4<bool>(Ps[orow${m} * ${PST}u + kk] > 0.0);
              ${
        OC.map((c) => `o${m}_${c} = select(o${m}_${c}, v${c}, isNan4(v${c}) & seen);`).join(" ")
      }
            }`
    ).join("\n            ")
  }
          }
        }
      }`;

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
      let inv = ${inverse(`l${m}`)};
      ${
      OC.map((c) =>
        el.o === "f32"
          ? `O[base + ${c * NOC}u] = o${m}_${c} * inv;`
          : `O[base + ${c * NOC}u] = vec4<f16>(o${m}_${c} * inv);`
      ).join("\n      ")
    }
    }
  }`
  ).join("\n  ");

  const rowSetup = M.map((m) =>
    `let flat${m} = row0 + tr * ${t.tm}u + ${m}u;
  let pos${m} = flat${m} / P.group;
  let ok${m} = pos${m} < P.sq;
  let qp${m} = i32(pos${m}) + i32(P.sk) - i32(P.sq);${
      p.alibi ? `\n  let sl${m} = SL[kvh * P.group + flat${m} % P.group];` : ""
    }${
      p.bias
        ? `\n  let br${m} = b * P.bB + (kvh * P.group + flat${m} % P.group) * P.bH + min(pos${m}, P.sq - 1u) * P.bS;`
        : ""
    }`
  ).join("\n  ");

  return `// ${flashKey(p)}
${anyF16 ? "enable f16;" : ""}
${flashLayout(p).wgsl}
${SCORE_HELPERS}
var<workgroup> Qs: array<vec4<f32>, ${BR * QST}>;
var<workgroup> Ks: array<vec4<f32>, ${BC * QST}>;
${t.sharedKV ? "" : `var<workgroup> Vs: array<vec4<f32>, ${BC * D4}>;`}
var<workgroup> Ps: array<f32, ${BR * PST}>;
var<workgroup> Mx: array<f32, ${BR * NTC}>;
var<workgroup> Sm: array<f32, ${BR * NTC}>;
var<workgroup> NanTile: atomic<u32>;

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

  // Keys past the last visible one, before the first row's window or in the
  // padding are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${BR}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  ${p.padding ? "let padB = PD[b];" : ""}
  let firstKey = i32(row0 / P.group) + i32(P.sk) - i32(P.sq) - i32(P.window) + 1;
  let kvBegin = ${p.padding ? "max(u32(max(firstKey, 0)), padB)" : "u32(max(firstKey, 0))"};
  let tiles = (kvEnd + ${BC - 1}u) / ${BC}u;
  for (var kt = kvBegin / ${BC}u; kt < tiles; kt++) {
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
      ${nanPass}
    }
    workgroupBarrier();
  }

  ${store}
}
`;
}
