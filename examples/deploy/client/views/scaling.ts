/// <reference lib="dom" />
/**
 * Panel 5: per-pair interpolation and out-of-distribution angle of each RoPE
 * scaling method, plus a box that reads a model's config.json in the browser
 * with @posenc/scaling's ropeFromConfig.
 *
 * @module
 */

import gptOss from "../../../configs/gpt-oss-20b.json" with { type: "json" };
import llama31 from "../../../configs/llama-3.1-8b.json" with { type: "json" };
import mistral from "../../../configs/mistral-7b-v0.1.json" with { type: "json" };
import qwen2 from "../../../configs/qwen2-7b-instruct-yarn.json" with { type: "json" };
import { type PanelValues, parsePanel, SCALING, withLabels } from "../../lib/params.ts";
import {
  computeConfig,
  computeScaling,
  type ConfigReport,
  type ScalingData,
} from "../../lib/scaling.ts";
import type { PanelHandle, View } from "../panel.ts";
import { fmt, Plot, plotWidth, show } from "../plot.ts";

/** The page refuses larger configs, as the server does (real ones are a few KiB). */
export const MAX_CONFIG_CHARS = 65536;

const PRESETS: Readonly<Record<string, unknown>> = {
  "Llama-3.1-8B (llama3)": llama31,
  "Qwen2-7B-Instruct + YaRN": qwen2,
  "gpt-oss-20b (YaRN)": gptOss,
  "Mistral-7B-v0.1 (plain)": mistral,
};

const COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#b07aa1", "#111111"];

/** The config.json the user loaded, and the controls it set (its curve is only theirs). */
interface Loaded {
  readonly config: unknown;
  readonly base: number;
  readonly dim: number;
  readonly trainLength: number;
}
let loaded: Loaded | undefined = undefined;
/** The config box's own message line (errors show next to the box, not above the controls). */
let boxMessage: HTMLElement | undefined;

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function say(text: string | null, kind: "error" | "info" = "info"): void {
  if (!boxMessage) return;
  boxMessage.textContent = text ?? "";
  boxMessage.className = `message config-message ${text === null ? "" : kind}`;
  boxMessage.setAttribute("role", kind === "error" ? "alert" : "status");
}

/**
 * The controls a config sets: its base, rotary dim and pretraining length, and
 * the length its scaling reaches (pretraining × its factor; without a factor,
 * its max_position_embeddings or 4 × training), within the panel's bounds.
 */
function controlsFor(probe: ConfigReport): Record<string, string> {
  const reach = probe.factor !== null
    ? Math.round(probe.trainLength * probe.factor)
    : Math.max(probe.maxPositionEmbeddings ?? 0, probe.trainLength * 4);
  const target = Math.min(Math.max(reach, probe.trainLength), SCALING.targetLength.max);
  return {
    base: String(probe.base),
    dim: String(probe.rotaryDim),
    trainLength: String(probe.trainLength),
    targetLength: String(target),
  };
}

function setupConfigBox(section: HTMLElement, handle: PanelHandle): void {
  const box = document.createElement("div");
  box.className = "config-box";
  box.innerHTML = `
    <h3>Load a model's config.json</h3>
    <p>Paste a Hugging Face <code>config.json</code> (or pick a file): <code>ropeFromConfig</code>
    reads it here, in your browser, the controls take its base, rotary dim, training length and the
    length its scaling reaches, every method is compared at its factor, and its curve joins the
    plots. Changing the base, rotary dim or training length removes it (its curve is for its own).</p>
    <div class="row">
      <select name="preset" aria-label="example configs"></select>
      <input type="file" name="file" accept=".json,application/json" aria-label="config.json file">
      <button type="button" name="analyze">Analyze config.json</button>
      <button type="button" name="clear" class="secondary">Remove it</button>
    </div>
    <textarea name="config" spellcheck="false" aria-label="config.json"></textarea>
    <p class="message config-message" role="status"></p>
    <p class="config-report" aria-live="polite"></p>`;
  section.append(box);
  const preset = box.querySelector<HTMLSelectElement>("select[name=preset]")!;
  const text = box.querySelector<HTMLTextAreaElement>("textarea")!;
  const report = box.querySelector<HTMLElement>(".config-report")!;
  boxMessage = box.querySelector<HTMLElement>(".config-message")!;
  for (const name of Object.keys(PRESETS)) preset.add(new Option(name, name));
  let shown = preset.value;
  /** The text is the user's (typed, pasted or from a file), not the example's. */
  let edited = false;
  const showPreset = () => {
    text.value = JSON.stringify(PRESETS[preset.value], null, 2);
    shown = preset.value;
    edited = false;
  };
  showPreset();
  text.addEventListener("input", () => edited = true);
  preset.addEventListener("change", () => {
    // Never replace what the user pasted without asking.
    if (edited && !confirm(`Replace your config.json in the box with ${preset.value}'s?`)) {
      preset.value = shown;
      say("Kept your config.json: pick the example again to replace it.");
      return;
    }
    showPreset();
    say(null);
  });

  const analyze = () => {
    report.textContent = "";
    say(null);
    if (text.value.length > MAX_CONFIG_CHARS) {
      fail(`config.json too large: at most ${MAX_CONFIG_CHARS} characters`);
      return;
    }
    let config: unknown;
    let controls: Record<string, string>;
    try {
      config = JSON.parse(text.value);
      // Read it once to learn its lengths; the panel then recomputes at its target.
      controls = controlsFor(computeConfig(config, 1));
      // All of its values fit the controls, or none is applied.
      parsePanel("scaling", controls);
    } catch (e) {
      const message = e instanceof SyntaxError
        ? `config.json is not valid JSON: ${e.message}`
        : withLabels(SCALING, (e as Error).message);
      fail(message);
      return;
    }
    loaded = {
      config,
      base: Number(controls.base),
      dim: Number(controls.dim),
      trainLength: Number(controls.trainLength),
    };
    handle.set(controls);
  };
  const fail = (message: string) => {
    say(message, "error");
    handle.refused(message);
  };

  box.querySelector<HTMLInputElement>("input[type=file]")!.addEventListener(
    "change",
    async (event) => {
      const file = (event.target as HTMLInputElement).files?.[0];
      if (!file) return;
      say(null); // a new file: the last file's error no longer holds
      if (file.size > MAX_CONFIG_CHARS) {
        fail(`config.json too large: at most ${MAX_CONFIG_CHARS} bytes, got ${fmt(file.size)}`);
        return;
      }
      text.value = await file.text();
      edited = true;
      analyze();
    },
  );
  box.querySelector("button[name=analyze]")!.addEventListener("click", analyze);
  box.querySelector("button[name=clear]")!.addEventListener("click", () => {
    loaded = undefined;
    report.textContent = "";
    say(null);
    handle.redraw();
  });
}

function describeConfig(data: ScalingData): string {
  const c = data.config;
  if (c === null) return "";
  const warnings = c.warnings.length > 0 ? ` Warnings: ${c.warnings.map(escape).join("; ")}.` : "";
  const factor = c.factor === null ? "" : `, factor ${fmt(c.factor)}`;
  return `<strong>config.json</strong>: ${escape(c.ropeType)}, head dim ${c.headDim}, ` +
    `rotary dim ${c.rotaryDim}${factor}, base ${fmt(c.base)}, ` +
    `attention factor ${fmt(c.attentionFactor)}, pretrained on ${fmt(c.trainLength)} tokens. ` +
    `${escape(c.curve.verdict)}${warnings}`;
}

/** Drops the config when a control it set changes: its curve would mix with the new controls' curves. */
function configFor(values: PanelValues<"scaling">): unknown {
  if (loaded === undefined) return undefined;
  const changed = (["base", "dim", "trainLength"] as const).filter((k) => values[k] !== loaded![k]);
  if (changed.length === 0) return loaded.config;
  loaded = undefined;
  say(
    `Removed the config.json: you changed the ${
      changed.map((k) => SCALING[k].label).join(" and ")
    } it had set, and its curve holds only for its own. Analyze it again to bring it back.`,
  );
  return undefined;
}

/** Panel 5's view. */
export const scalingView: View<"scaling", ScalingData> = {
  compute: (values) => computeScaling(values, configFor(values)),
  setup: setupConfigBox,
  render(data, values, { plots, summary }) {
    const curves = data.config ? [...data.curves, data.config.curve] : data.curves;
    const labels = curves.map((c) => c.label);
    const rows = curves.flatMap((c) => c.points.map((p) => ({ ...p, method: c.label })));
    const width = plotWidth(plots);
    const color = { domain: labels, range: COLORS.slice(0, labels.length), legend: true };
    const ood = curves.map((c) => `${escape(c.label)} <strong>${c.oodPairs}</strong>`).join(", ");
    const factorNote = data.factorSource === "config"
      ? `the config.json's own; ${fmt(values.targetLength)} / ${fmt(values.trainLength)} = ${
        fmt(values.targetLength / values.trainLength)
      }`
      : `${fmt(values.targetLength)} / ${fmt(values.trainLength)}`;
    summary.innerHTML = `Factor <strong>${fmt(data.factor)}</strong> (${factorNote}). ` +
      `Pairs out of distribution at ${fmt(values.targetLength)} tokens: ${ood}. ` +
      `YaRN's attention factor: <strong>${
        fmt(data.curves.find((c) => c.method === "yarn")!.attentionFactor)
      }</strong>.`;
    const report = document.querySelector<HTMLElement>(
      'section[data-panel="scaling"] .config-report',
    );
    if (report) report.innerHTML = describeConfig(data);
    const critical = data.firstCriticalPair;
    const periodicBand = critical === null ? [] : [{ x1: -0.5, x2: critical - 0.5 }];
    show(
      plots,
      "scale",
      Plot.plot({
        title: "How much slower each pair turns",
        subtitle: "plain θᵢ / scaled θᵢ: 1 = untouched (extrapolated), factor = fully interpolated",
        width,
        height: 360,
        x: { label: "pair i (fast → slow) →" },
        y: {
          type: "log",
          label: "↑ θᵢ / θ′ᵢ",
          grid: true,
          tickFormat: (d: number) => `${fmt(d, 3)}×`,
        },
        color,
        marks: [
          Plot.ruleY([1, data.factor], { stroke: "#999", strokeDasharray: "4,3" }),
          Plot.line(rows, { x: "pair", y: "scale", stroke: "method", strokeWidth: 2 }),
          Plot.tip(rows, Plot.pointerX({ x: "pair", y: "scale", stroke: "method" })),
        ],
      }),
    );
    show(
      plots,
      "angle",
      Plot.plot({
        title: "Largest angle at the target length vs. in training",
        subtitle: "above 1 on a pair that never turned in training: out of distribution",
        width,
        height: 360,
        x: { label: "pair i (fast → slow) →" },
        y: {
          type: "log",
          label: "↑ target angle / trained angle",
          grid: true,
          tickFormat: (d: number) => fmt(d, 3),
        },
        color,
        marks: [
          Plot.rectX(periodicBand, { x1: "x1", x2: "x2", fill: "#eef1f4" }),
          Plot.text(periodicBand, {
            x: (d: { x2: number }) => d.x2 / 2,
            frameAnchor: "top",
            dy: 4,
            text: () => "periodic: every angle seen",
            fill: "#5b6675",
          }),
          Plot.ruleY([1], { stroke: "#b3261e", strokeDasharray: "4,3" }),
          Plot.line(rows, { x: "pair", y: "angleRatio", stroke: "method", strokeWidth: 2 }),
          Plot.tip(rows, Plot.pointerX({ x: "pair", y: "angleRatio", stroke: "method" })),
        ],
      }),
    );
  },
};
