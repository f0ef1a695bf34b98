/**
 * The "keys" decode kernels, generated from one parameter record: a split
 * kernel built for memory bandwidth and its log-sum-exp merge.
 *
 * Split kernel (one workgroup per split, (batch, KV head) and block of query
 * rows; shapes in `_decode_keys_tiles.ts`), per tile of `tk` keys:
 * 1. every invocation copies `vk` load units of K into workgroup memory
 *    (coalesced 16-byte loads) and loads the same units of V into registers,
 *    so the whole tile is in flight at once;
 * 2. invocation t < tk computes the dot products of key t with every query
 *    row from workgroup memory (q is read as a broadcast), adds ALiBi and the
 *    mask, and raises the row's running maximum with a workgroup atomicMax
 *    (no per-key reduction across invocations, no per-tile max reduction);
 * 3. everyone reads the new maxima, rescales its state once, and the score
 *    invocations write exp2(s - max) to workgroup memory;
 * 4. invocation (c, g) adds p x V for load unit c of its keys from registers.
 * Three barriers per tile. At the end the key groups' outputs and sums are
 * added through workgroup memory, and the workgroup writes either the
 * normalised output (one split) or its partial output with (max, sum).
 * Scores are in the log2 domain (q pre-multiplied by scale * log2 e); masked
 * probabilities are exactly 0. A float16 cache is read as vec4<u32> (8
 * halves) and widened exactly with unpack2x16float.
 *
 * Merge kernel: one workgroup per (unit, row) and block of 8 vec4 of the
 * head dim; its 256 invocations are 8 chunks x 32 lanes over the splits
 * (four independent loads per step, online log-sum-exp: 128 splits take one
 * step), merged pairwise through workgroup memory in 5 rounds.
 */

import type { KeysTiles } from "./_decode_keys_tiles.ts";
import type { DecodeElements } from "./_decode_wgsl.ts";
import type { Element } from "./_flash_wgsl.ts";
import { inverse, probability, SCORE_HELPERS, SENTINEL } from "./_score_wgsl.ts";
import { loader, type RopeBake, ropeChunk } from "./_rope_wgsl.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";

/** Everything a keys-kernel pipeline is specialised on. */
export interface KeysParams {
  readonly tiles: KeysTiles;
  readonly rope: RopeBake | null;
  readonly alibi: boolean;
  readonly elements: DecodeElements;
}

/** The keys kernel's uniforms (q/o strides and offsets in vec4, cache offsets in load units). */
const KEYS_UNIFORMS = {
  sq: "u32",
  group: "u32",
  rows: "u32",
  kvHeads: "u32",
  len: "u32",
  nsplit: "u32",
  keysPerSplit: "u32",
  unitBase: "u32",
  chunkBase: "u32",
  lmaxU: "u32",
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
} as const; // deno-fmt-ignore

/** The merge kernel's uniforms (strides and window offsets in vec4). */
const KEYS_MERGE_UNIFORMS = {
  items: "u32", nsplit: "u32", rows: "u32", group: "u32", kvHeads: "u32",
  unitBase: "u32", statsOff: "u32", gridX: "u32",
  oB: "u32", oH: "u32", oS: "u32", oOff: "u32",
} as const; // deno-fmt-ignore

/** The WGSL element of the cache arrays: 4 floats, or 8 halves as 4 words. */
function cacheType(t: KeysTiles): string {
  return t.kv === "f16" ? "vec4<u32>" : "vec4<f32>";
}

/** The uniforms and bindings of the keys kernel (`W`: partial outputs and their statistics). */
export function keysLayout(
  p: KeysParams,
): KernelLayout<typeof KEYS_UNIFORMS, "q" | "k" | "v" | "o" | "w" | "table" | "slopes"> {
  const e = p.elements;
  const kv = cacheType(p.tiles);
  return kernelLayout({
    name: "decode keys",
    uniforms: KEYS_UNIFORMS,
    bindings: {
      q: readOnly("Q", `array<vec4<${e.q}>>`),
      k: readOnly("K", `array<${kv}>`),
      v: readOnly("V", `array<${kv}>`),
      o: readWrite("O", `array<vec4<${e.o}>>`),
      w: readWrite("W", "array<vec4<f32>>"),
      table: p.rope ? readOnly("T", "array<vec2<f32>>") : null,
      slopes: p.alibi ? readOnly("SL", "array<f32>") : null,
    },
  });
}

/** The uniforms and bindings of the keys merge kernel. */
export function keysMergeLayout(
  o: Element,
): KernelLayout<typeof KEYS_MERGE_UNIFORMS, "w" | "o"> {
  return kernelLayout({
    name: "decode keys merge",
    uniforms: KEYS_MERGE_UNIFORMS,
    bindings: {
      w: readOnly("W", "array<vec4<f32>>"),
      o: readWrite("O", `array<vec4<${o}>>`),
    },
  });
}

/** A stable key for the pipeline cache. */
export function keysKey(p: KeysParams): string {
  const t = p.tiles;
  const rope = p.rope ? `${p.rope.pairing}${p.rope.rotaryDim}` : "none";
  const e = p.elements;
  return `decode-keys:d${t.headDim}:${t.kv}:wg${t.wg}:tk${t.tk}:rb${t.rb}:rope=${rope}` +
    `:alibi=${p.alibi}:${e.q}${e.kv}${e.o}`;
}

/**
 * The merge kernel's shape for a head dim: a workgroup takes `chunks`
 * vec4 of one row's output (so a row is `blocks` workgroups) and `lanes`
 * lanes over the splits, 256 invocations in all.
 */
export function keysMergeShape(
  headDim: number,
): { chunks: number; lanes: number; blocks: number; workgroup: number } {
  const d4 = headDim / 4;
  const chunks = [8, 4, 2, 1].find((c) => d4 % c === 0)!;
  const lanes = 256 / chunks;
  return { chunks, lanes, blocks: d4 / chunks, workgroup: 256 };
}

/** The merge kernel's key. */
export function keysMergeKey(headDim: number, o: Element): string {
  return `decode-keys-merge:d${headDim}:${o}`;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function store(o: Element, value: string): string {
  return o === "f32" ? value : `vec4<f16>(${value})`;
}

/** The largest of 4, 2, 1 that divides n (unroll factor of the dot-product loop). */
function unrollFor(n: number): number {
  return [4, 2, 1].find((u) => n % u === 0)!;
}

/** Generates the WGSL of the keys kernel. */
export function keysWgsl(p: KeysParams): string {
  const t = p.tiles;
  const { wg: WG, tk: TK, rb: RB, de: DE, kg: KG, vk: VK, sg: SG, rh: RH } = t;
  const D4 = t.headDim / 4;
  const J = t.e / 4; // vec4 chunks per load unit
  const RS = DE + 1; // padded row stride of the K tile, in units
  const e = p.elements;
  const ldQ = loader("Q", e.q);
  const anyF16 = [e.q, e.o].includes("f16");
  const R = range(RB);
  const JJ = range(J);
  const half = t.kv === "f16";
  // vec4<f32> chunk j of a load unit `u` (a vec4<u32> of halves, or a vec4<f32>).
  const widen = (u: string, j: number) =>
    half ? `vec4<f32>(unpack2x16float(${u}.${"xz"[j]}), unpack2x16float(${u}.${"yw"[j]}))` : u;

  const rope = p.rope ? ropeChunk(p.rope, ldQ, "base", "cc", "P.tab + b * P.tabB + tq") : "";

  // 1. The tile: K units into workgroup memory, V units into registers.
  const load = range(VK).map((i) =>
    `let ki${i} = kvBase + min(k0 + g + ${i * KG}u, kEnd - 1u) * ${DE}u + c;
    Ks[(g + ${i * KG}u) * ${RS}u + c] = K[ki${i}];
    let v${i} = V[ki${i}];`
  ).join("\n    ");

  // 2. Scores of key k0 + lid % tk with rows rg * rh + r, from workgroup memory.
  const H = range(RH);
  const ragged = SG * RH !== RB; // the last group has fewer rows
  const rowOf = (r: number) => (SG === 1 ? `${r}u` : `(rg * ${RH}u + ${r}u)`);
  const qRow = (r: number) => (ragged ? `min(${rowOf(r)}, ${RB - 1}u)` : rowOf(r));
  const U = unrollFor(DE);
  const dots = range(U).map((du) => {
    const chunks = JJ.map((j) => `let x${du}_${j} = ${widen(`Ks[kr + u + ${du}u]`, j)};`).join(" ");
    const sums = H.map((r) =>
      `s${r} += ${
        JJ.map((j) => `dot(Qs[${qRow(r)} * ${D4}u + (u + ${du}u) * ${J}u + ${j}u], x${du}_${j})`)
          .join(" + ")
      };`
    ).join(" ");
    return `${chunks}\n        ${sums}`;
  }).join("\n        ");
  const alibi = p.alibi
    ? `s -= SL[kvh * P.group + min(f, P.rows - 1u) % P.group] * f32(i32(qp) - i32(key));`
    : "";
  // Only a score above the row's maximum so far raises it: after the first tiles, few do.
  const mask = H.map((r) =>
    `{
        let row = ${rowOf(r)};
        let f = row0 + row;
        let qp = P.len - P.sq + f / P.group;
        var s = s${r};
        ${alibi}
        s${r} = select(${SENTINEL}, s, key < kEnd && f < P.rows && key <= qp);
        ${ragged ? `if (row < ${RB}u && ` : "if ("}s${r} > unordered(atomicLoad(&Mx[row]))) {
          atomicMax(&Mx[row], ordered(s${r}));
        }
      }`
  ).join("\n      ");

  // 3. The new maxima: rescale, then probabilities of the score invocations.
  const rescale = R.map((r) =>
    `{
      let mn = unordered(atomicLoad(&Mx[${r}u]));
      let al = exp2(m${r} - mn);
      m${r} = mn;
      l${r} *= al;
      ${JJ.map((j) => `a${r}_${j} *= al;`).join(" ")}
    }`
  ).join("\n    ");
  const probs = H.map((r) => {
    // A NaN score's probability is NaN (comparisons would drop it).
    const write = `Ps[kl * ${RB}u + row] = ${
      probability(`s${r}`, SG === 1 ? `m${r}` : "unordered(atomicLoad(&Mx[row]))")
    };`;
    return `{
        let row = ${rowOf(r)};
        ${ragged ? `if (row < ${RB}u) { ${write} }` : write}
      }`;
  }).join("\n      ");

  // 4. P·V from registers.
  const pv = range(VK).map((i) =>
    `{
      let pb = (g + ${i * KG}u) * ${RB}u;
      ${JJ.map((j) => `let w${j} = ${widen(`v${i}`, j)};`).join(" ")}
      ${
      R.map((r) =>
        // A masked key's probability of exactly 0 adds exactly 0, even for a NaN in V.
        `{ let pr = Ps[pb + ${r}u]; l${r} += pr; ${
          JJ.map((j) => `a${r}_${j} += select(pr * w${j}, vec4<f32>(0.0), pr == 0.0);`).join(" ")
        } }`
      ).join("\n      ")
    }
    }`
  ).join("\n    ");

  const combine = R.map((r) =>
    JJ.map((j) => {
      const x = `${r * D4}u + c * ${J}u + ${j}u`;
      return `Qs[${x}] = a${r}_${j} + select(vec4<f32>(0.0), Qs[${x}], gi > 0u);`;
    }).join(" ")
  ).join("\n      ");
  const sums = R.map((r) => `Ps[${r}u] = l${r} + select(0.0, Ps[${r}u], gi > 0u);`).join(" ");

  return `// ${keysKey(p)}
${anyF16 ? "enable f16;" : ""}
${keysLayout(p).wgsl}
${SCORE_HELPERS}
var<workgroup> Ks: array<${cacheType(t)}, ${TK * RS}>;
var<workgroup> Qs: array<vec4<f32>, ${RB * D4}>;
var<workgroup> Ps: array<f32, ${Math.max(TK * RB, RB)}>;
var<workgroup> Mx: array<atomic<u32>, ${RB}>;

// f32 <-> u32 keeping the order, so atomicMax on u32 is a max of floats.
fn ordered(x: f32) -> u32 {
  let b = bitcast<u32>(x);
  return select(b | 0x80000000u, ~b, (b & 0x80000000u) != 0u);
}
fn unordered(u: u32) -> f32 {
  return bitcast<f32>(select(~u, u & 0x7fffffffu, (u & 0x80000000u) != 0u));
}

@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let split = wid.x;
  let unit = P.unitBase + wid.y;
  let row0 = wid.z * ${RB}u;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let c = lid % ${DE}u;
  let g = lid / ${DE}u;
  let kvBase = (unit - P.chunkBase) * P.lmaxU;

  // q of the row block, rotated and scaled, in workgroup memory.
  for (var i = lid; i < ${RB * D4}u; i += ${WG}u) {
    let f = row0 + i / ${D4}u;
    let cc = i % ${D4}u;
    var x = vec4<f32>(0.0);
    if (f < P.rows) {
      let tq = f / P.group;
      let h = kvh * P.group + f % P.group;
      let base = b * P.qB + h * P.qH + tq * P.qS - P.qOff;
      x = ${ldQ("base + cc")};
      ${rope}
    }
    Qs[i] = x * P.scale2;
  }
  if (lid < ${RB}u) {
    atomicStore(&Mx[lid], ordered(${SENTINEL}));
  }
  ${R.map((r) => `var m${r} = ${SENTINEL}; var l${r} = 0.0;`).join("\n  ")}
  ${H.map((r) => `var s${r} = 0.0;`).join(" ")}
  let kl = lid % ${TK}u; // the score invocation's key in the tile
  let rg = lid / ${TK}u; // and its group of rows
  ${R.flatMap((r) => JJ.map((j) => `var a${r}_${j} = vec4<f32>(0.0);`)).join(" ")}

  // This split's keys, cut at the last one any row of the block sees (uniform per workgroup).
  let kBegin = split * P.keysPerSplit;
  let lastRow = min(row0 + ${RB}u, P.rows) - 1u;
  let kEnd = min(min(P.len, kBegin + P.keysPerSplit), P.len - P.sq + lastRow / P.group + 1u);
  workgroupBarrier();
  for (var k0 = kBegin; k0 < kEnd; k0 += ${TK}u) {
    ${load}
    workgroupBarrier();
    if (lid < ${TK * SG}u) {
      ${H.map((r) => `s${r} = 0.0;`).join(" ")}
      let kr = kl * ${RS}u;
      for (var u = 0u; u < ${DE}u; u += ${U}u) {
        ${dots}
      }
      let key = k0 + kl;
      ${mask}
    }
    workgroupBarrier();
    ${rescale}
    if (lid < ${TK * SG}u) {
      ${probs}
    }
    workgroupBarrier();
    ${pv}
  }

  // The key groups' outputs and sums, added in workgroup memory (Qs and Ps are free now).
  workgroupBarrier();
  for (var gi = 0u; gi < ${KG}u; gi++) {
    if (g == gi) {
      ${combine}
      if (c == 0u) {
        ${sums}
      }
    }
    workgroupBarrier();
  }
  for (var i = lid; i < ${RB * D4}u; i += ${WG}u) {
    let r = i / ${D4}u;
    let cc = i % ${D4}u;
    let f = row0 + r;
    if (f < P.rows) {
      let total = Ps[r];
      if (P.direct != 0u) {
        let tq = f / P.group;
        let h = kvh * P.group + f % P.group;
        O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + cc] = ${
    store(e.o, `Qs[i] * ${inverse("total")}`)
  };
      } else {
        let row = (unit - P.unitBase) * P.rows + f;
        W[(row * P.nsplit + split) * ${D4}u + cc] = Qs[i];
        if (cc == 0u) {
          W[P.statsOff + row * P.nsplit + split] =
            vec4<f32>(unordered(atomicLoad(&Mx[r])), total, 0.0, 0.0);
        }
      }
    }
  }
}
`;
}

/** Generates the WGSL of the keys merge kernel. */
export function keysMergeWgsl(headDim: number, o: Element): string {
  const D4 = headDim / 4;
  const { chunks: CW, lanes: SL, workgroup: MW, blocks: NB } = keysMergeShape(headDim);
  const steps = range(4);
  const none = `vec4<f32>(${SENTINEL}, 0.0, 0.0, 0.0)`;
  const rounds: string[] = [];
  for (let stride = SL / 2; stride >= 1; stride /= 2) {
    rounds.push(`if (sl < ${stride}u) {
    let other = lid + ${stride * CW}u;
    let x = Sm[lid];
    let y = Sm[other];
    let mx = max(x.x, y.x);
    let wx = exp2(x.x - mx);
    let wy = exp2(y.x - mx);
    Am[lid] = Am[lid] * wx + Am[other] * wy;
    Sm[lid] = vec2<f32>(mx, x.y * wx + y.y * wy);
  }
  workgroupBarrier();`);
  }
  return `// ${keysMergeKey(headDim, o)}
${o === "f16" ? "enable f16;" : ""}
${keysMergeLayout(o).wgsl}
${SCORE_HELPERS}
var<workgroup> Am: array<vec4<f32>, ${MW}>;
var<workgroup> Sm: array<vec2<f32>, ${MW}>;

@compute @workgroup_size(${MW})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  let item = wid.y * P.gridX + wid.x;
  if (item >= P.items) {
    return;
  }
  let row = item / ${NB}u;
  let c = (item % ${NB}u) * ${CW}u + lid % ${CW}u;
  let sl = lid / ${CW}u;
  let stats = P.statsOff + row * P.nsplit;
  let part = row * P.nsplit;
  let last = P.nsplit - 1u;
  var m = ${SENTINEL};
  var l = 0.0;
  var a = vec4<f32>(0.0);
  // Four splits per step, loaded independently; missing ones weigh exactly 0.
  for (var s = sl; s < P.nsplit; s += ${4 * SL}u) {
    ${
    steps.map((k) =>
      `let ok${k} = s + ${k * SL}u < P.nsplit;
    let i${k} = min(s + ${k * SL}u, last);
    let st${k} = select(${none}, W[stats + i${k}], ok${k});
    let w${k} = select(vec4<f32>(0.0), W[(part + i${k}) * ${D4}u + c], ok${k});`
    ).join("\n    ")
  }
    let mn = max(max(m, max(st0.x, st1.x)), max(st2.x, st3.x));
    let sc = exp2(m - mn);
    ${steps.map((k) => `let e${k} = exp2(st${k}.x - mn);`).join(" ")}
    a = a * sc + ${steps.map((k) => `e${k} * w${k}`).join(" + ")};
    l = l * sc + ${steps.map((k) => `e${k} * st${k}.y`).join(" + ")};
    m = mn;
  }
  Am[lid] = a;
  Sm[lid] = vec2<f32>(m, l);
  workgroupBarrier();
  // The lanes' states merged pairwise (log-sum-exp), ${Math.log2(SL)} rounds.
  ${rounds.join("\n  ")}
  if (sl == 0u) {
    let total = Sm[lid].y;
    let unit = P.unitBase + row / P.rows;
    let f = row % P.rows;
    let b = unit / P.kvHeads;
    let h = (unit % P.kvHeads) * P.group + f % P.group;
    let tq = f / P.group;
    O[b * P.oB + h * P.oH + tq * P.oS - P.oOff + c] = ${store(o, `Am[lid] * ${inverse("total")}`)};
  }
}
`;
}
