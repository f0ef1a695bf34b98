/// <reference lib="dom" />
/**
 * Observable Plot, pinned, and the few conventions every panel's plots share.
 * The bundler inlines Plot into static/build/app.js, so the page never
 * reaches a CDN (the demo must work offline and on Deno Deploy).
 *
 * @module
 */

import * as Plot from "npm:@observablehq/plot@0.6.17";

export { Plot };
export { fmt } from "../lib/format.ts";

/**
 * A width for one of `columns` plots side by side in the container.
 *
 * @param container Where the plots go.
 * @param columns How many plots share a row.
 * @returns Pixels.
 */
export function plotWidth(container: HTMLElement, columns = 2): number {
  const available = container.clientWidth || 1100;
  const each = (available - 24 * (columns - 1)) / columns;
  // Too narrow for side by side (a phone): one plot per row, as wide as the container.
  return Math.round(Math.min(1100, each >= 340 ? each : available));
}

/**
 * Appends a plot, tagging it with a name so tests and users can find it.
 *
 * @param container Where the plot goes.
 * @param name A stable name (`data-plot` attribute).
 * @param chart What Plot.plot returned.
 */
export function show(container: HTMLElement, name: string, chart: Element): void {
  chart.setAttribute("data-plot", name);
  container.append(chart);
}
