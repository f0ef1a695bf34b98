/**
 * What a flash2 pipeline is specialised on, its pipeline key, and its
 * uniforms and bindings (declared once with `kernelLayout`).
 */

import { type Elements, elementsKey, F32_ELEMENTS } from "./_flash_wgsl.ts";
import { type KernelLayout, kernelLayout, readOnly, readWrite } from "./_kernel_layout.ts";
import type { RopeBake } from "./_rope_wgsl.ts";
import { flash2Label, type Flash2Tiles } from "./_flash2_tiles.ts";

/** Everything a flash2 pipeline is specialised on. */
export interface Flash2Params {
  readonly tiles: Flash2Tiles;
  readonly rope: RopeBake | null;
  readonly alibi: boolean;
  /** Storage types (f16 widened on load, narrowed on store; math in f32). */
  readonly elements: Elements;
}

/** The flash2 kernel's uniforms (strides and window offsets in vec4), as the flash kernel's. */
const FLASH2_UNIFORMS = {
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

/** The uniforms and bindings of a flash2 kernel. */
export function flash2Layout(
  p: Flash2Params,
): KernelLayout<typeof FLASH2_UNIFORMS, "q" | "k" | "v" | "o" | "table" | "slopes"> {
  const el = p.elements;
  return kernelLayout({
    name: "flash2",
    uniforms: FLASH2_UNIFORMS,
    bindings: {
      q: readOnly("Q", `array<vec4<${el.q}>>`),
      k: readOnly("K", `array<vec4<${el.k}>>`),
      v: readOnly("V", `array<vec4<${el.v}>>`),
      o: readWrite("O", `array<vec4<${el.o}>>`),
      table: p.rope ? readOnly("T", "array<vec2<f32>>") : null,
      slopes: p.alibi ? readOnly("SL", "array<f32>") : null,
    },
  });
}

/** A stable key for the pipeline cache. */
export function flash2Key(p: Flash2Params): string {
  const rope = p.rope ? `${p.rope.pairing}${p.rope.rotaryDim}` : "none";
  return `flash2:d${p.tiles.headDim}:${flash2Label(p.tiles).replaceAll(" ", ":")}:rope=${rope}:` +
    `alibi=${p.alibi}${elementsKey(p.elements ?? F32_ELEMENTS)}`;
}
