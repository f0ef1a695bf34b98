/**
 * WGSL text that rotates one vec4 chunk of a query or key row while it is
 * loaded: shared by the flash kernel (fused into its tile loads) and any
 * kernel that reads rows through a table of (cos, sin) pairs.
 *
 * The table `T` holds one row of `rotaryDim / 2` vec2(cos, sin) per position,
 * already multiplied by the frequencies' attentionFactor (as Hugging Face and
 * @posenc/rope do), so pass-through dims are never scaled.
 */

import type { Pairing } from "@posenc/rope";

/** RoPE as baked into a kernel. */
export interface RopeBake {
  readonly pairing: Pairing;
  readonly rotaryDim: number;
}

/**
 * Statements that replace the vec4 variable `x` (chunk `c` of a row starting
 * at vec4 index `base` of array `src`) by its rotation with table row `row`.
 * `c`, `base` and `row` are u32 expressions evaluated once each.
 */
export function ropeChunk(
  rope: RopeBake,
  src: string,
  base: string,
  c: string,
  row: string,
): string {
  const r = rope.rotaryDim;
  const rh = r / 2;
  row = `(${row})`;
  base = `(${base})`;
  c = `(${c})`;
  if (rope.pairing === "interleaved" && r % 4 === 0) {
    // Both pairs of the chunk sit inside it: (x, y) and (z, w).
    return `if (${c} < ${r / 4}u) {
      let tb = ${row} * ${rh}u + ${c} * 2u;
      let a = T[tb];
      let e = T[tb + 1u];
      x = vec4<f32>(x.x * a.x - x.y * a.y, x.y * a.x + x.x * a.y,
                    x.z * e.x - x.w * e.y, x.w * e.x + x.z * e.y);
    }`;
  }
  if (rope.pairing === "half" && rh % 4 === 0) {
    // The partner chunk is a whole vec4 R/8 chunks away.
    const h4 = rh / 4;
    return `if (${c} < ${2 * h4}u) {
      let lo = ${c} < ${h4}u;
      let pc = select(${c} - ${h4}u, ${c} + ${h4}u, lo);
      let p = ${src}[${base} + pc];
      let tb = ${row} * ${rh}u + select(${c} - ${h4}u, ${c}, lo) * 4u;
      let t0 = T[tb];
      let t1 = T[tb + 1u];
      let t2 = T[tb + 2u];
      let t3 = T[tb + 3u];
      let sg = select(1.0, -1.0, lo);
      x = x * vec4<f32>(t0.x, t1.x, t2.x, t3.x) + (sg * p) * vec4<f32>(t0.y, t1.y, t2.y, t3.y);
    }`;
  }
  // General case (pairs straddle vec4 chunks): one component at a time.
  const lines: string[] = [];
  for (let cc = 0; cc < 4; cc++) {
    if (rope.pairing === "interleaved") {
      const partner = cc ^ 1;
      const sign = cc % 2 === 0 ? "-" : "+";
      lines.push(`{
        let d = ${c} * 4u + ${cc}u;
        if (d < ${r}u) {
          let t = T[${row} * ${rh}u + d / 2u];
          y[${cc}] = x[${cc}] * t.x ${sign} x[${partner}] * t.y;
        }
      }`);
    } else {
      lines.push(`{
        let d = ${c} * 4u + ${cc}u;
        if (d < ${r}u) {
          let lo = d < ${rh}u;
          let pd = select(d - ${rh}u, d + ${rh}u, lo);
          let t = T[${row} * ${rh}u + select(d - ${rh}u, d, lo)];
          let p = ${src}[${base} + pd / 4u][pd % 4u];
          y[${cc}] = x[${cc}] * t.x + select(1.0, -1.0, lo) * p * t.y;
        }
      }`);
    }
  }
  return `if (${c} * 4u < ${r}u) {
      var y = x;
      ${lines.join("\n      ")}
      x = y;
    }`;
}
