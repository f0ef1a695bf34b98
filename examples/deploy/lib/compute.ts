/**
 * Every panel's computation by name, for the server's API routes. The page's
 * views call the same lib/ functions, so both show the same numbers (only the
 * attention panel differs: WebGPU in the page when it can, the CPU here).
 *
 * @module
 */

import { computeAlibi } from "./alibi.ts";
import { computeAttention } from "./attention.ts";
import type { PanelName, PanelValues } from "./params.ts";
import { computeRelative } from "./relative.ts";
import { computeRope } from "./rope.ts";
import { computeScaling } from "./scaling.ts";
import { computeSinusoidal } from "./sinusoidal.ts";

/** A panel's computation: parsed parameters in, plain (JSON-friendly) data out. */
export type Compute<P extends PanelName> = (values: PanelValues<P>) => unknown;

/** Every panel's computation. */
export const COMPUTE: { readonly [P in PanelName]: Compute<P> } = {
  sinusoidal: computeSinusoidal,
  rope: computeRope,
  alibi: computeAlibi,
  relative: computeRelative,
  scaling: computeScaling,
  // The server computes on the CPU: it never touches WebGPU (Deno Deploy has none).
  attention: (values) => computeAttention(values, "cpu"),
};

/**
 * Runs a panel's computation.
 *
 * @param panel The panel.
 * @param values Its parsed parameters.
 * @returns The panel's data.
 */
export async function computePanel<P extends PanelName>(
  panel: P,
  values: PanelValues<P>,
): Promise<unknown> {
  return await (COMPUTE[panel] as Compute<P>)(values);
}
