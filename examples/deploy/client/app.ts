/// <reference lib="dom" />
/**
 * The demo page: one tab per panel, chosen by the URL hash
 * (`#rope?dim=64` opens the RoPE panel with a rotary dim of 64).
 *
 * @module
 */

import type { PanelName } from "../lib/params.ts";
import { Panel } from "./panel.ts";
import { alibiView } from "./views/alibi.ts";
import { attentionView } from "./views/attention.ts";
import { relativeView } from "./views/relative.ts";
import { ropeView } from "./views/rope.ts";
import { scalingView } from "./views/scaling.ts";
import { sinusoidalView } from "./views/sinusoidal.ts";

const VIEWS = {
  sinusoidal: sinusoidalView,
  rope: ropeView,
  alibi: alibiView,
  relative: relativeView,
  scaling: scalingView,
  attention: attentionView,
} as const;

const panels = new Map<string, Panel<PanelName, unknown>>();
for (const [name, view] of Object.entries(VIEWS)) {
  const section = document.querySelector<HTMLElement>(`section[data-panel="${name}"]`);
  if (section) panels.set(name, new Panel(section, name as PanelName, view as never));
}

function route(): void {
  const [name = "", query = ""] = location.hash.slice(1).split("?", 2);
  const active = panels.has(name) ? name : panels.keys().next().value!;
  for (const section of document.querySelectorAll<HTMLElement>("section[data-panel]")) {
    section.hidden = section.dataset.panel !== active;
  }
  for (const link of document.querySelectorAll<HTMLElement>("nav a[data-tab]")) {
    if (link.dataset.tab === active) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  panels.get(active)!.activate(Object.fromEntries(new URLSearchParams(query)));
}

addEventListener("hashchange", route);
route();
