/**
 * The register-tiled prefill kernel ("flash2"), generated from one parameter
 * record.
 *
 * A workgroup owns `br` query rows of one (batch, KV head), rows being
 * (position, head-in-group) pairs as in the flash kernel, so a K/V tile serves
 * every query head of a GQA group. Invocation (tr, tc) owns rows
 * `tr * tm .. tr * tm + tm - 1` in both products: scores for keys
 * `tc + n * nt` and output vec4 columns `tc + c * nt`. Per K/V tile:
 *
 * 1. barrier; scores S = Q·Kᵀ in `tm * tn` registers (Q already scaled by
 *    `scale * log2 e`, explicit fma chains), ALiBi, the mask only on tiles
 *    that cross the causal diagonal or the end of k; each invocation's row
 *    maxima go to workgroup memory;
 * 2. barrier; every invocation of a row reads the same `nt` partial maxima,
 *    so all of them agree on the running max without another exchange:
 *    probabilities, the running sum (a per-invocation partial, summed once
 *    at the end) and the output rescale stay in registers; probabilities go
 *    to workgroup memory transposed (`Pt[key][rows]`, one vector of an
 *    invocation's rows per key, each key's row padded by one vector);
 * 3. barrier; O += P·V from `Pt` and the V tile, `tm * od4` vec4 accumulators;
 * 4. a fourth barrier only when the next tile's loads would overwrite what
 *    P·V still reads (see `KvMode`).
 *
 * Workgroup arrays are indexed with a per-invocation part fixed before the
 * loop and a constant (or once-per-iteration) part, so the index clamps that
 * naga adds to dynamic workgroup indices are computed once, not per load.
 * Global loads of a tile are issued together (or a tile ahead, in registers)
 * so their latencies overlap; keys past the end are read from the last row
 * (clamped: every load stays in bounds), masked in the scores, and zeroed in
 * V on the one tile that crosses the end.
 *
 * NaNs reach the output as in the reference: a NaN score becomes a NaN
 * probability (so its row's sum and output), and a V tile holding a NaN or
 * an infinity (its loaded values' sum is not finite) is flagged and runs a
 * careful P·V that skips products with a probability of exactly 0.
 */

import { inverse, probability, SCORE_HELPERS, SENTINEL } from "./_score_wgsl.ts";
import { loader, ropeChunk } from "./_rope_wgsl.ts";
import { flash2Key, flash2Layout, type Flash2Params } from "./_flash2_layout.ts";

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

const LANES = ["x", "y", "z", "w"];

/** Generates the WGSL source of a flash2 kernel. */
export function flash2Wgsl(p: Flash2Params): string {
  const t = p.tiles;
  const el = p.elements;
  const D4 = t.headDim / 4;
  const WG = t.workgroup;
  const BR = t.br;
  const BC = t.bc;
  const TM = t.tm;
  const TN = t.tn;
  const OD4 = t.od4;
  const NT = BC / TN;
  const DCH = t.dChunk;
  const NG = D4 / DCH;
  const KCH = t.kChunk;
  const NGK = BC / KCH;
  const W = Math.min(TM, 4); // rows per probability vector
  const NW = TM / W;
  const PVEC = W === 1 ? "f32" : `vec${W}<f32>`;
  const NL = Math.ceil((BC * D4) / WG); // vec4 of a K (or V) tile per invocation
  // The last chunk covers part of the tile when the workgroup does not divide it.
  const partial = (i: number) => (i + 1) * WG > BC * D4;
  const guard = (i: number, body: string) =>
    partial(i)
      ? `if (lid + ${i * WG}u < ${BC * D4}u) {
      ${body}
    }`
      : body;
  const NQ = (BR * D4) / WG;
  const shared = t.kv === "shared";
  const NVB = t.doubleV ? 2 : 1;
  const ldQ = loader("Q", el.q);
  const ldK = loader("K", el.k);
  const ldV = loader("V", el.v);
  const anyF16 = [el.q, el.k, el.v, el.o].includes("f16");
  const M = range(TM);
  const N = range(TN);
  const C = range(OD4);
  const ZERO = "vec4<f32>(0.0)";

  const g = (expr: string) => (NG === 1 ? "0u" : expr);
  const gk = (expr: string) => (NGK === 1 ? "0u" : expr);

  // --- Tile loads. Chunk i of an invocation is element lid + i * WG of the
  // tile: row ldr_i, vec4 column ldc_i (both fixed for the whole kernel).
  const loadIndex = range(NL).map((i) =>
    `let ldr${i} = (lid + ${i * WG}u) / ${D4}u; let ldc${i} = (lid + ${i * WG}u) % ${D4}u;
  let ldrg${i} = ${gk(`ldr${i} / ${KCH}u`)}; let ldrj${i} = ldr${i} % ${KCH}u;
  let ldcg${i} = ${g(`ldc${i} / ${DCH}u`)}; let ldcj${i} = ldc${i} % ${DCH}u;`
  ).join("\n  ");

  /** Issues the global loads of chunks `is` of a K or V tile starting at key `start`. */
  const issue = (kind: "K" | "V", tag: string, start: string, is: number[]) =>
    is.map((i) => {
      const key = `${tag}k${i}`;
      const row = kind === "K"
        ? `b * P.kB + kvh * P.kH + min(${key}, P.sk - 1u) * P.kS - P.kOff`
        : `b * P.vB + kvh * P.vH + min(${key}, P.sk - 1u) * P.vS - P.vOff`;
      return `let ${key} = ${start} + ldr${i}; let ${tag}x${i} = ${
        (kind === "K" ? ldK : ldV)(`${row} + ldc${i}`)
      };`;
    }).join("\n    ");

  const ropeK = p.rope ? ropeChunk(p.rope, ldK, "base", "c", "P.kTab + b * P.kTabB + key") : "";

  /**
   * Stores chunks `is` of a tile starting at key `start` into workgroup
   * memory (`target(i)` an lvalue). Keys past the end were read from the
   * last row (clamped): K needs no zeroing there, as the mask replaces those
   * scores, but V does (p = 0 times a non-finite value is NaN), only on the
   * tile that crosses the end of k (a workgroup-uniform branch).
   */
  const store = (
    kind: "K" | "V",
    tag: string,
    is: number[],
    target: (i: number) => string,
    start: string,
    flag = "0u",
  ) => {
    if (kind === "V") {
      const plain = is.map((i) => guard(i, `${target(i)} = ${tag}x${i};`)).join("\n      ");
      const zeroed = is.map((i) =>
        guard(i, `${target(i)} = select(${ZERO}, ${tag}x${i}, ${tag}k${i} < P.sk);`)
      ).join("\n      ");
      // A NaN or infinity among the values flags the tile for the careful P·V (a sum keeps them).
      const sum = is.map((i) => `${tag}x${i}`).join(" + ");
      return `if (${start} + ${BC}u <= P.sk) {
      ${plain}
    } else {
      ${zeroed}
    }
    if (!finite4(${sum})) {
      atomicMax(&Bad[${flag}], (${start}) / ${BC}u + 1u);
    }`;
    }
    return is.map((i) => {
      if (!p.rope) return guard(i, `${target(i)} = ${tag}x${i};`);
      return guard(
        i,
        `{
      var x = ${tag}x${i};
      let key = ${tag}k${i};
      let c = ldc${i};
      if (key < P.sk) {
        let base = b * P.kB + kvh * P.kH + key * P.kS - P.kOff;
        ${ropeK}
      }
      ${target(i)} = x;
    }`,
      );
    }).join("\n    ");
  };

  const kTarget = (i: number) => `Ks[ldrg${i}][ldrj${i}].g[ldcg${i}][ldcj${i}]`;
  // V rows: buffer `buffer` (of NVB), then key group and key.
  const vTarget = (buffer: string) => (i: number) => {
    if (shared) return kTarget(i);
    const outer = NVB === 1 ? `ldrg${i}` : NGK === 1 ? buffer : `${buffer} * ${NGK}u + ldrg${i}`;
    return `Vs[${outer}][ldrj${i}].g[ldcg${i}][ldcj${i}]`;
  };

  /** The NaN flag of a V buffer (one per buffer: with two, a tile's flag outlives the next's). */
  const flagOf = (buffer: string) => (NVB === 2 ? buffer : "0u");

  /** Loads and stores a whole tile in batches of 8 vec4 in flight (no prefetch). */
  const batchedLoad = (kinds: Array<"K" | "V">, start: string, vbuf: string) => {
    const out: string[] = [];
    const batch = 8 / kinds.length;
    for (let i0 = 0; i0 < NL; i0 += batch) {
      const is = range(Math.min(batch, NL - i0)).map((i) => i0 + i);
      out.push(`{
    ${kinds.map((kind) => issue(kind, kind === "K" ? "ka" : "va", start, is)).join("\n    ")}
    ${
        kinds.map((kind) =>
          kind === "K"
            ? store("K", "ka", is, kTarget, start)
            : store("V", "va", is, vTarget(vbuf), start, flagOf(vbuf))
        ).join("\n    ")
      }
  }`);
    }
    return out.join("\n  ");
  };

  // --- Q: loaded once, rotated, scaled by scale * log2 e.
  const ropeQ = p.rope ? ropeChunk(p.rope, ldQ, "base", "c", "P.qTab + b * P.qTabB + pos") : "";
  const loadQ = range(NQ).map((i) =>
    `{
    let e = lid + ${i * WG}u;
    let r = e / ${D4}u;
    let c = e % ${D4}u;
    let flat = row0 + r;
    let pos = flat / P.group;
    let h = kvh * P.group + flat % P.group;
    let base = b * P.qB + h * P.qH + min(pos, P.sq - 1u) * P.qS - P.qOff;
    var x = ${ldQ("base + c")};
    ${p.rope ? `if (pos < P.sq) {\n      ${ropeQ}\n    }` : ""}
    Qs[r].g[${g(`c / ${DCH}u`)}][c % ${DCH}u] = select(${ZERO}, x, pos < P.sq) * P.scale2;
  }`
  ).join("\n  ");

  // --- Scores.
  const fmaDot = (a: string, b: string, acc: string) =>
    LANES.reduce((inner, l) => `fma(${a}.${l}, ${b}.${l}, ${inner})`, acc);
  const scoreStep = (gv: string, j: number) =>
    `{ ${M.map((m) => `let qv${m} = Qs[qr${m}].g[${gv}][${j}u];`).join(" ")}
        ${N.map((n) => `let kv${n} = Ks[kg${n}][kj${n}].g[${gv}][${j}u];`).join(" ")}
        ${
      M.flatMap((m) => N.map((n) => `s${m}_${n} = ${fmaDot(`qv${m}`, `kv${n}`, `s${m}_${n}`)};`))
        .join("\n        ")
    } }`;
  const scoreBody = (gv: string) => range(DCH).map((j) => scoreStep(gv, j)).join("\n      ");
  const scores = NG === 1 ? scoreBody("0u") : `for (var gd = 0u; gd < ${NG}u; gd++) {
      ${scoreBody("gd")}
    }`;

  const alibiLines = p.alibi
    ? M.flatMap((m) => N.map((n) => `s${m}_${n} -= sl${m} * f32(abs(qp${m} - i32(ky${n})));`)).join(
      "\n    ",
    )
    : "";
  const maskLines = M.flatMap((m) =>
    N.map((n) =>
      `s${m}_${n} = select(${SENTINEL}, s${m}_${n}, ky${n} < P.sk && (P.causal == 0u || i32(ky${n}) <= qp${m}));`
    )
  ).join("\n      ");
  const partialMax = M.map((m) =>
    `Mx[qr${m}][tc] = ${N.map((n) => `s${m}_${n}`).reduce((a, b) => `max(${a}, ${b})`)};`
  ).join("\n    ");

  // --- Online softmax: every invocation of a row reads the same partial maxima.
  const rowMax = (m: number) =>
    range(NT).map((j) => `Mx[qr${m}][${j}u]`).reduce((a, b) => `max(${a}, ${b})`);
  const softmax = M.map((m) =>
    `{
      let mnew = max(mx${m}, ${rowMax(m)});
      let alpha = exp2(mx${m} - mnew);
      mx${m} = mnew;
      ${N.map((n) => `s${m}_${n} = ${probability(`s${m}_${n}`, "mnew")};`).join("\n      ")}
      sm${m} = sm${m} * alpha + ${N.map((n) => `s${m}_${n}`).join(" + ")};
      ${C.map((c) => `o${m}_${c} *= alpha;`).join(" ")}
    }`
  ).join("\n    ");
  const probVec = (w: number, n: number) => {
    const parts = range(W).map((i) => `s${w * W + i}_${n}`);
    return W === 1 ? parts[0]! : `${PVEC}(${parts.join(", ")})`;
  };
  const probStores = N.flatMap((n) =>
    range(NW).map((w) => `Pt[kg${n}][kj${n}][pr${w}] = ${probVec(w, n)};`)
  ).join("\n    ");

  // --- O += P·V.
  const vRow = (gv: string, j: number) => {
    if (shared) return `Ks[${gv}][${j}u]`;
    const outer = NVB === 1 ? gv : NGK === 1 ? "vb" : `vb * ${NGK}u + ${gv}`;
    return `Vs[${outer}][${j}u]`;
  };
  const pOf = (m: number) => (W === 1 ? `pw${m}` : `pw${Math.floor(m / W)}.${LANES[m % W]}`);
  const pvStep = (gv: string, j: number) =>
    `{ ${range(NW).map((w) => `let pw${w} = Pt[${gv}][${j}u][pr${w}];`).join(" ")}
        ${C.map((c) => `let vv${c} = ${vRow(gv, j)}.g[vg${c}][vj${c}];`).join(" ")}
        ${
      M.flatMap((m) => C.map((c) => `o${m}_${c} = fma(vec4<f32>(${pOf(m)}), vv${c}, o${m}_${c});`))
        .join("\n        ")
    } }`;
  const pvBody = (gv: string) => range(KCH).map((j) => pvStep(gv, j)).join("\n      ");
  const fastPv = NGK === 1 ? pvBody("0u") : `for (var gp = 0u; gp < ${NGK}u; gp++) {
      ${pvBody("gp")}
    }`;
  // A tile whose V holds a NaN or an infinity: a masked key's probability of 0
  // must leave its row untouched (0 * NaN is NaN), so those products are
  // skipped; rows that give the key a probability > 0 get the NaN, as in the
  // reference. A real loop: the case is rare and its speed does not matter.
  const vRowAt = shared
    ? "Ks[cg][cj]"
    : `Vs[${NVB === 1 ? "cg" : NGK === 1 ? "vb" : `vb * ${NGK}u + cg`}][cj]`;
  const carefulPv = `for (var kc = 0u; kc < ${BC}u; kc++) {
        let cg = kc / ${KCH}u;
        let cj = kc % ${KCH}u;
        ${range(NW).map((w) => `let pw${w} = Pt[cg][cj][pr${w}];`).join(" ")}
        ${C.map((c) => `let vv${c} = ${vRowAt}.g[vg${c}][vj${c}];`).join(" ")}
        ${
    M.flatMap((m) =>
      C.map((c) =>
        `o${m}_${c} = select(fma(vec4<f32>(${pOf(m)}), vv${c}, o${m}_${c}), o${m}_${c}, ${
          pOf(m)
        } == 0.0);`
      )
    ).join("\n        ")
  }
      }`;
  const pv = `if (atomicLoad(&Bad[${flagOf("vb")}]) == kt + 1u) {
      ${carefulPv}
    } else {
      ${fastPv}
    }`;

  // --- Where each tile's K and V come from, per mode.
  const all = range(NL);
  let prologue = "";
  let top = "";
  let afterScores = "";
  let beforePv = "";
  let afterPv = "";
  const barrierD = !(t.kv === "split" && t.doubleV);
  if (shared && !t.prefetch) {
    prologue = batchedLoad(["K"], "0u", "0u");
    afterScores = batchedLoad(["V"], "key0", "0u");
    afterPv = batchedLoad(["K"], `key0 + ${BC}u`, "0u");
  } else if (shared) {
    prologue = `{
    ${issue("K", "ka", "0u", all)}
    ${store("K", "ka", all, kTarget, "0u")}
  }`;
    top = issue("V", "va", "key0", all);
    afterScores = store("V", "va", all, vTarget(""), "key0", "0u");
    beforePv = issue("K", "kn", `key0 + ${BC}u`, all);
    afterPv = store("K", "kn", all, kTarget, `key0 + ${BC}u`);
  } else if (t.prefetch) {
    prologue = `{
    ${issue("K", "ka", "0u", all)}
    ${issue("V", "va", "0u", all)}
    ${store("K", "ka", all, kTarget, "0u")}
    ${store("V", "va", all, vTarget("0u"), "0u", flagOf("0u"))}
  }`;
    beforePv = `${issue("K", "kn", `key0 + ${BC}u`, all)}
    ${issue("V", "vn", `key0 + ${BC}u`, all)}`;
    afterPv = `${store("K", "kn", all, kTarget, `key0 + ${BC}u`)}
    ${store("V", "vn", all, vTarget("(vb ^ 1u)"), `key0 + ${BC}u`, flagOf("(vb ^ 1u)"))}`;
  } else {
    top = batchedLoad(["K", "V"], "key0", "vb");
  }

  const store0 = M.map((m) =>
    `{
    let l = ${range(NT).map((j) => `Mx[qr${m}][${j}u]`).join(" + ")};
    let flat = row0 + qr${m};
    let pos = flat / P.group;
    if (pos < P.sq) {
      let h = kvh * P.group + flat % P.group;
      let base = b * P.oB + h * P.oH + pos * P.oS - P.oOff;
      let inv = ${inverse("l")};
      ${
      C.map((c) =>
        el.o === "f32"
          ? `O[base + vc${c}] = o${m}_${c} * inv;`
          : `O[base + vc${c}] = vec4<f16>(o${m}_${c} * inv);`
      ).join("\n      ")
    }
    }
  }`
  ).join("\n  ");

  return `// ${flash2Key(p)}
${anyF16 ? "enable f16;" : ""}
${flash2Layout(p).wgsl}
struct TileRow {
  g: array<array<vec4<f32>, ${DCH}>, ${NG}>,${t.pad ? "\n  pad: vec4<f32>," : ""}
}
var<workgroup> Qs: array<TileRow, ${BR}>;
var<workgroup> Ks: array<array<TileRow, ${KCH}>, ${NGK}>;
${shared ? "" : `var<workgroup> Vs: array<array<TileRow, ${KCH}>, ${NVB * NGK}>;`}
var<workgroup> Pt: array<array<array<${PVEC}, ${BR / W + 1}>, ${KCH}>, ${NGK}>;
var<workgroup> Mx: array<array<f32, ${NT}>, ${BR}>;
// Per V buffer: 1 + the last tile whose V held a NaN or an infinity (0: none).
var<workgroup> Bad: array<atomic<u32>, ${NVB}>;

${SCORE_HELPERS}
fn finite4(x: vec4<f32>) -> bool {
  return all((bitcast<vec4<u32>>(x) & vec4<u32>(0x7f800000u)) != vec4<u32>(0x7f800000u));
}

@compute @workgroup_size(${WG})
fn main(@builtin(local_invocation_index) lid: u32, @builtin(workgroup_id) wid: vec3<u32>) {
  // Tiles run last-first: under a causal mask the longest ones start first.
  let tile = P.numTiles - 1u - (P.tileBase + wid.x);
  let unit = P.unitBase + wid.y;
  let b = unit / P.kvHeads;
  let kvh = unit % P.kvHeads;
  let row0 = tile * ${BR}u;

  ${loadQ}

  let tr = lid / ${NT}u;
  let tc = lid % ${NT}u;
  ${
    M.map((m) =>
      `let qr${m} = tr * ${TM}u + ${m}u;
  let qp${m} = i32((row0 + qr${m}) / P.group) + i32(P.sk) - i32(P.sq);${
        p.alibi ? `\n  let sl${m} = SL[kvh * P.group + (row0 + qr${m}) % P.group];` : ""
      }`
    ).join("\n  ")
  }
  ${
    N.map((n) =>
      `let kl${n} = tc + ${n * NT}u; let kg${n} = ${
        gk(`kl${n} / ${KCH}u`)
      }; let kj${n} = kl${n} % ${KCH}u;`
    ).join("\n  ")
  }
  ${
    C.map((c) =>
      `let vc${c} = tc + ${c * NT}u; let vg${c} = ${
        g(`vc${c} / ${DCH}u`)
      }; let vj${c} = vc${c} % ${DCH}u;`
    ).join("\n  ")
  }
  ${range(NW).map((w) => `let pr${w} = tr * ${NW}u + ${w}u;`).join(" ")}
  ${loadIndex}
  ${M.map((m) => `var mx${m} = ${SENTINEL}; var sm${m} = 0.0;`).join(" ")}
  ${M.flatMap((m) => C.map((c) => `var o${m}_${c} = ${ZERO};`)).join(" ")}

  // Keys past the last visible one are never loaded (uniform per workgroup).
  var kvEnd = P.sk;
  if (P.causal != 0u) {
    let lastPos = (min(row0 + ${BR}u, P.sq * P.group) - 1u) / P.group;
    kvEnd = u32(clamp(i32(lastPos) + i32(P.sk) - i32(P.sq) + 1, 0, i32(P.sk)));
  }
  let tiles = (kvEnd + ${BC - 1}u) / ${BC}u;
  // The first row's last visible key: tiles past it need the causal mask.
  let minQp = i32(row0 / P.group) + i32(P.sk) - i32(P.sq);
  ${prologue}
  for (var kt = 0u; kt < tiles; kt++) {
    let key0 = kt * ${BC}u;
    let vb = ${NVB === 2 ? "kt & 1u" : "0u"};
    ${top}
    workgroupBarrier();
    ${M.flatMap((m) => N.map((n) => `var s${m}_${n} = 0.0;`)).join(" ")}
    ${scores}
    ${N.map((n) => `let ky${n} = key0 + kl${n};`).join(" ")}
    ${alibiLines}
    if (key0 + ${BC}u > P.sk || (P.causal != 0u && i32(key0) + ${BC - 1} > minQp)) {
      ${maskLines}
    }
    ${partialMax}
    workgroupBarrier();
    ${afterScores}
    ${softmax}
    ${probStores}
    workgroupBarrier();
    ${beforePv}
    ${pv}
    ${barrierD ? "workgroupBarrier();" : ""}
    ${afterPv}
  }

  ${M.map((m) => `Mx[qr${m}][tc] = sm${m};`).join(" ")}
  workgroupBarrier();
  ${store0}
}
`;
}
