/**
 * The decode kernels, generated from one parameter record: a split kernel
 * (one workgroup per split of the cache, per (batch, KV head) and block of
 * query rows) and a log-sum-exp merge of the splits' partial outputs.
 *
 * Split kernel, per tile of kp * ku keys:
 * 1. each lane group streams ku key rows (its lr lanes read consecutive vec4
 *    chunks: coalesced) and the matching value rows into registers, and
 *    writes one partial dot per (key, query row) to workgroup memory;
 * 2. each invocation sums the lr partials of one score (a transpose-reduce;
 *    no subgroups needed), adds ALiBi and the causal mask;
 * 3. each lane group folds its own keys into its own running (max, sum,
 *    output slice) per query row (online softmax), so no cross-group maxima
 *    are needed per tile.
 * At the end the groups' states are merged through workgroup memory, and the
 * workgroup writes either the normalised output (one split) or its partial
 * output with (max, sum) for the merge kernel. Scores are in the log2 domain
 * (q pre-multiplied by scale * log2 e); masked probabilities are exactly 0.
 * Splits cover only the keys some query can see (from the first query's
 * window start), and a ring cache is read in order (token j in slot
 * j % slots). A sink enters the state of split 0's first lane group only,
 * so the merge counts it once; a NaN in q, k or v reaches the output as in
 * the reference (a masked key's probability of 0 never multiplies its V).
 */

import type { DecodeTiles } from "./_decode_tiles.ts";
import type { Element } from "./_flash_wgsl.ts";
import { featuresKey, inverse, probability, SCORE_HELPERS, SENTINEL } from "./_score_wgsl.ts";
import { loader, type RopeBake, ropeChunk } from "./_rope_wgsl.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";

/** Storage element types of the decode operands. */
export interface DecodeElements {
  readonly q: Element;
  /** Keys and values (the cache's precision). */
  readonly kv: Element;
  readonly o: Element;
}

/** Everything a split-kernel pipeline is specialised on. */
export interface DecodeParams {
  readonly tiles: DecodeTiles;
  readonly rope: RopeBake | null;
  readonly alibi: boolean;
  readonly elements: DecodeElements;
  /** `softcap` in-kernel. @default {false} */
  readonly softcap?: boolean;
  /** A sink logit per query head (binding `SK`). @default {false} */
  readonly sinks?: boolean;
  /** Left padding per batch row (binding `PD`). @default {false} */
  readonly padding?: boolean;
  /** An additive bias over the cache's token indices (binding `BI`). @default {false} */
  readonly bias?: boolean;
}

/** The split kernel's uniforms (strides and window offsets in vec4). */
const SPLIT_UNIFORMS = {
  sq: "u32",
  group: "u32",
  rows: "u32",
  kvHeads: "u32",
  len: "u32",
  first: "u32",
  slots: "u32",
  nsplit: "u32",
  keysPerSplit: "u32",
  unitBase: "u32",
  chunkBase: "u32",
  direct: "u32",
  statsOff: "u32",
  qB: "u32",
  qH: "u32",
  qS: "u32",
  qOff: "u32",
  oB: "u32",
  oH: "u32",
  oS: "u32",
  oOff: "u32",
  tab: "u32",
  tabB: "u32",
  scale2: "f32",
  window: "u32",
  cap2: "f32",
  bB: "u32",
  bH: "u32",
  bS: "u32",
} as const; // deno-fmt-ignore

/** The merge kernel's uniforms (strides and window offsets in vec4). */
const MERGE_UNIFORMS = {
  items: "u32", nsplit: "u32", rows: "u32", group: "u32", kvHeads: "u32",
  unitBase: "u32", statsOff: "u32", gridX: "u32",
  oB: "u32", oH: "u32", oS: "u32", oOff: "u32",
} as const; // deno-fmt-ignore

/** The uniforms and bindings of a split kernel (`W`: partial outputs and their statistics). */
export function splitLayout(
  p: DecodeParams,
): KernelLayout<
  typeof SPLIT_UNIFORMS,
  "q" | "k" | "v" | "o" | "w" | "table" | "slopes" | "sinks" | "padding" | "bias"
> {
  const e = p.elements;
  return kernelLayout({
    name: "decode",
    uniforms: SPLIT_UNIFORMS,
    bindings: {
      q: readOnly("Q", `array<vec4<${e.q}>>`),
      k: readOnly("K", `array<vec4<${e.kv}>>`),
      v: readOnly("V", `array<vec4<${e.kv}>>`),
      o: readWrite("O", `array<vec4<${e.o}>>`),
      w: readWrite("W", "array<vec4<f32>>"),
      table: p.rope ? readOnly("T", "array<vec2<f32>>") : null,
      slopes: p.alibi ? readOnly("SL", "array<f32>") : null,
      sinks: p.sinks ? readOnly("SK", "array<f32>") : null,
      padding: p.padding ? readOnly("PD", "array<u32>") : null,
      bias: p.bias ? readOnly("BI", "array<f32>") : null,
    },
  });
}

/** The uniforms and bindings of the merge kernel. */
export function mergeLayout(o: Element): KernelLayout<typeof MERGE_UNIFORMS, "w" | "o"> {
  return kernelLayout({
    name: "decode merge",
    uniforms: MERGE_UNIFORMS,
    bindings: {
      w: readOnly("W", "array<vec4<f32>>"),
      o: readWrite("O", `array<vec4<${o}>>`),
    },
  });
}

/** Invocations of the merge kernel's workgroups. */
export const MERGE_WORKGROUP = 64;

/** A stable key for the pipeline cache. */
export function splitKey(p: DecodeParams): string {
  const t = p.tiles;
  const rope = p.rope ? `${p.rope.pairing}${p.rope.rotaryDim}` : "none";
  const e = p.elements;
  return `decode:d${t.headDim}:c${t.c}:lr${t.lr}:kp${t.kp}:ku${t.ku}:rb${t.rb}:rope=${rope}` +
    `:alibi=${p.alibi}:${e.q}${e.kv}${e.o}` + featuresKey(p);
}

/** The merge kernel's key. */
export function mergeKey(headDim: number, o: Element): string {
  return `decode-merge:d${headDim}:${o}`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function sum(terms: string[]): string {
  return terms.length === 0 ? "0.0" : terms.join(" + ");
}

function store(o: Element, value: string): string {
  return o === "f32" ? value : `vec4<f16>(${value})`;
}

/** Generates the WGSL of the split kernel. */
export function splitWgsl(p: DecodeParams): string {
  const t = p.tiles;
  const { c: C, lr: LR, kp: KP, ku: KU, rb: RB, workgroup: WG } = t;
  const D4 = t.headDim / 4;
  const S = KP * KU * RB; // scores per tile
  const SP = S + 1;
  const TK = KP * KU;
  const e = p.elements;
  const ldQ = loader("Q", e.q);
  const ldK = loader("K", e.kv);
  const ldV = loader("V", e.kv);
  const anyF16 = [e.q, e.kv, e.o].includes("f16");
  const R = range(RB);
  const I = range(C);
  const U = range(KU);

  const rope = p.rope ? ropeChunk(p.rope, ldQ, "base", "cc", "P.tab + b * P.tabB + t") : "";
  const loadQ = R.map((r) =>
    `${I.map((i) => `var q${r}_${i} = vec4<f32>(0.0);`).join(" ")}
  {
    let f = row0 + ${r}u;
    if (f < P.rows) {
      let t = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + t * P.qS - P.qOff;
      ${
      I.map((i) =>
        `{
        let cc = lr + ${i * LR}u;
        var x = ${ldQ("base + cc")};
        ${rope}
        q${r}_${i} = x * P.scale2;
      }`
      ).join("\n      ")
    }
    }
  }`
  ).join("\n  ");

  // A sink starts the state of split 0's first lane group (counted once).
  const state = R.map((r) =>
    `${
      p.sinks
        ? `let sink${r} = split == 0u && kp == 0u;
  var m${r} = select(${SENTINEL}, SK[kvh * P.group + min(row0 + ${r}u, P.rows - 1u) % P.group], sink${r});
  var l${r} = select(0.0, 1.0, sink${r});`
        : `var m${r} = ${SENTINEL}; var l${r} = 0.0;`
    } ${I.map((i) => `var a${r}_${i} = vec4<f32>(0.0);`).join(" ")}`
  ).join("\n  ");

  // Phase 1: rows of K and V into registers, partial dots to workgroup memory.
  const phase1 = U.map((u) => {
    const dots = R.map((r) =>
      `Red[lr * ${SP}u + kp * ${RB}u + ${u * KP * RB + r}u] = ${
        sum(I.map((i) => `dot(q${r}_${i}, k${u}_${i})`))
      };`
    ).join("\n      ");
    return `let kr${u} = kvBase + (min(k0 + ${u * KP}u + kp, kEnd - 1u) % P.slots) * ${D4}u;
      ${I.map((i) => `let k${u}_${i} = ${ldK(`kr${u} + ${i * LR}u`)};`).join(" ")}
      ${I.map((i) => `let v${u}_${i} = ${ldV(`kr${u} + ${i * LR}u`)};`).join(" ")}
      ${dots}`;
  }).join("\n      ");

  // Phase 2: one score per invocation, summed over the lanes of its row;
  // then soft-cap, ALiBi and bias, then the masks.
  const needHead = p.alibi || p.bias;
  const cap = p.softcap ? "s = capped(s, P.cap2);" : "";
  const alibi =
    (needHead ? `let h = kvh * P.group + min(f, P.rows - 1u) % P.group;\n          ` : "") +
    (p.alibi ? "s -= SL[h] * f32(i32(qp) - i32(key));" : "");
  const bias = p.bias
    ? `let bv = BI[b * P.bB + h * P.bH + (min(f, P.rows - 1u) / P.group) * P.bS + min(key, P.len - 1u)];
          s += bv * ${Math.LOG2E};`
    : "";
  const pad = p.padding ? " && key >= padB" : "";
  const hides = p.bias ? " && !biasHides(bv)" : "";
  const phase2 = range(Math.ceil(S / WG)).map((j) => {
    const guard = (j + 1) * WG > S;
    return `{
        let i = lid + ${j * WG}u;
        ${guard ? `if (i < ${S}u) {` : "{"}
          var s = ${sum(range(LR).map((l) => `Red[${l * SP}u + i]`))};
          let key = k0 + i / ${RB}u;
          let f = row0 + i % ${RB}u;
          let qp = P.len - P.sq + f / P.group;
          ${cap}
          ${alibi}
          ${bias}
          Sc[i] = select(${SENTINEL}, s, key < kEnd && f < P.rows && key <= qp && i32(key) > i32(qp) - i32(P.window)${pad}${hides});
        }
      }`;
  }).join("\n      ");

  // Phase 3: this group's keys into its running state, per query row. A
  // probability of exactly 0 (a masked key) adds exactly 0, even for a NaN in V.
  const pv = (i: number) =>
    sum(U.map((u) => `select(p${u} * v${u}_${i}, vec4<f32>(0.0), p${u} == 0.0)`));
  const phase3 = R.map((r) => {
    const s = U.map((u) => `s${u}`);
    return `{
        ${U.map((u) => `let s${u} = Sc[kp * ${RB}u + ${u * KP * RB + r}u];`).join(" ")}
        let mx = max(m${r}, ${s.reduce((a, b) => `max(${a}, ${b})`)});
        let alpha = exp2(m${r} - mx);
        ${U.map((u) => `let p${u} = ${probability(`s${u}`, "mx")};`).join(" ")}
        l${r} = l${r} * alpha + ${sum(U.map((u) => `p${u}`))};
        m${r} = mx;
        ${I.map((i) => `a${r}_${i} = a${r}_${i} * alpha + ${pv(i)};`).join("\n        ")}
      }`;
  }).join("\n      ");

  // The lane groups' states merged into X (rescaled to the row maximum), Ls and Ms.
  const rescale = R.map((r) =>
    `{
    let mr = ${range(KP).map((g) => `Mk[${g * RB + r}u]`).reduce((a, b) => `max(${a}, ${b})`)};
    let g = exp2(m${r} - mr);
    l${r} *= g;
    ${I.map((i) => `a${r}_${i} *= g;`).join(" ")}
    if (lid == 0u) {
      Ms[${r}u] = mr;
    }
  }`
  ).join("\n  ");
  const rounds = range(KP).map((g) =>
    `if (kp == ${g}u) {
    ${
      R.flatMap((r) =>
        I.map((i) => {
          const idx = `${r * D4}u + lr + ${i * LR}u`;
          return g === 0 ? `X[${idx}] = a${r}_${i};` : `X[${idx}] += a${r}_${i};`;
        })
      ).join("\n    ")
    }
    if (lr == 0u) {
      ${R.map((r) => (g === 0 ? `Ls[${r}u] = l${r};` : `Ls[${r}u] += l${r};`)).join(" ")}
    }
  }
  workgroupBarrier();`
  ).join("\n  ");

  const finalWrite = range(Math.ceil((RB * D4) / WG)).map((j) => {
    const guard = (j + 1) * WG > RB * D4;
    return `{
    let e = lid + ${j * WG}u;
    let r = e / ${D4}u;
    let cc = e % ${D4}u;
    let f = row0 + r;
    if (${guard ? `e < ${RB * D4}u && ` : ""}f < P.rows) {
      if (P.direct != 0u) {
        let t = f / P.group;
        let h = kvh * P.group + f % P.group;
        let total = Ls[r];
        O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${
      store(e.o, `X[e] * ${inverse("total")}`)
    };
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${D4}u + cc] = X[e];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] = vec4<f32>(Ms[r], Ls[r], 0.0, 0.0);
        }
      }
    }
  }`;
  }).join("\n  ");

  return `// ${splitKey(p)}
${anyF16 ? "enable f16;" : ""}
${splitLayout(p).wgsl}
${SCORE_HELPERS}
var<workgroup> Red: array<f32, ${LR * SP}>;
var<workgroup> Sc: array<f32, ${S}>;
var<workgroup> X: array<vec4<f32>, ${RB * D4}>;
var<workgroup> Mk: array<f32, ${KP * RB}>;
var<workgroup> Ms: array<f32, ${RB}>;
var<workgroup> Ls: array<f32, ${RB}>;

@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let split = wid.x;
  let unit = P.unitBase + wid.y;
  let row0 = wid.z * ${RB}u;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let kp = lid / ${LR}u;
  let lr = lid % ${LR}u;
  let kvBase = (unit - P.chunkBase) * P.slots * ${D4}u + lr;

  ${loadQ}
  ${state}

  // This split's keys (of those from the first visible one), cut at the last
  // one any row of the block sees and after the padding (uniform per workgroup).
  ${p.padding ? "let padB = PD[b];" : ""}
  let kSplit = P.first + split * P.keysPerSplit;
  let kBegin = ${p.padding ? "max(kSplit, padB)" : "kSplit"};
  let lastRow = min(row0 + ${RB}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kSplit + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  for (var k0 = kBegin; k0 < kEnd; k0 += ${TK}u) {
      ${phase1}
    workgroupBarrier();
      ${phase2}
    workgroupBarrier();
      ${phase3}
  }

  if (lr == 0u) {
    ${R.map((r) => `Mk[kp * ${RB}u + ${r}u] = m${r};`).join(" ")}
  }
  workgroupBarrier();
  ${rescale}
  ${rounds}
  ${finalWrite}
}
`;
}

/** Generates the WGSL of the merge kernel. */
export function mergeWgsl(headDim: number, o: Element): string {
  const D4 = headDim / 4;
  return `// ${mergeKey(headDim, o)}
${o === "f16" ? "enable f16;" : ""}
${mergeLayout(o).wgsl}
${SCORE_HELPERS}
@compute @workgroup_size(${MERGE_WORKGROUP})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let idx = (wid.y * P.gridX + wid.x) * ${MERGE_WORKGROUP}u + lid;
  if (idx >= P.items) {
    return;
  }
  let row = idx / ${D4}u;
  let cc = idx % ${D4}u;
  let stats = P.statsOff + row * P.nsplit;
  var mx = ${SENTINEL};
  for (var s = 0u; s < P.nsplit; s++) {
    mx = max(mx, W[stats + s].x);
  }
  var acc = vec4<f32>(0.0);
  var total = 0.0;
  for (var s = 0u; s < P.nsplit; s++) {
    let st = W[stats + s];
    let w = exp2(st.x - mx);
    total += w * st.y;
    acc += w * W[(row * P.nsplit + s) * ${D4}u + cc];
  }
  let unit = P.unitBase + row / P.rows;
  let f = row % P.rows;
  let b = unit / P.kvHeads;
  let h = (unit % P.kvHeads) * P.group + f % P.group;
  let t = f / P.group;
  O[b * P.oB + h * P.oH + t * P.oS - P.oOff + cc] = ${store(o, `acc * ${inverse("total")}`)};
}
`;
}
