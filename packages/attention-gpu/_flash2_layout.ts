/**
 * What a flash2 pipeline is specialised on, its pipeline key, and its
 * uniforms and bindings (declared once with `kernelLayout`).
 */

import { type Elements, elementsKey, F32_ELEMENTS, TILE_UNIFORMS } from "./_flash_wgsl.ts";
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

/** The flash2 kernel's uniforms: exactly the ones it shares with the flash kernel. */
const FLASH2_UNIFORMS = TILE_UNIFORMS;

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
