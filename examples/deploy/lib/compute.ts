/**
 * Every panel's computation by name: the server's API routes and the page
 * call the same functions, so both show the same numbers.
 *
 * @module
 */

import { computeAlibi } from "./alibi.ts";
import { computeAttention } from "./attention.ts";
import type { PanelName, PanelValues } from "./params.ts";
import { computeRope } from "./rope.ts";
import { computeScaling } from "./scaling.ts";
import { computeSinusoidal } from "./sinusoidal.ts";

/** A panel's computation: parsed parameters in, plain (JSON-friendly) data out. */
export type Compute<P extends PanelName> = (values: PanelValues<P>) => unknown;

/** The panels whose packages have landed. */
export const COMPUTE: { readonly [P in PanelName]?: Compute<P> } = {
  sinusoidal: computeSinusoidal,
  rope: computeRope,
  alibi: computeAlibi,
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
  const compute = COMPUTE[panel] as Compute<P> | undefined;
  if (compute === undefined) throw new Error(`Panel ${panel} is not available`);
  return await compute(values);
}
