/// <reference lib="dom" />
/**
 * One panel's life: controls built from its schema, parameters parsed with
 * the server's rules, the computation, the plots, and the state published for
 * tests and curious users on `window.posencDemo.panels[name]` (also mirrored
 * as `data-state` / `data-revision` on the panel's section).
 *
 * @module
 */

import {
  acceptLink,
  type PanelName,
  type PanelValues,
  parsePanel,
  SCHEMAS,
  withLabels,
} from "../lib/params.ts";
import { buildForm, markInvalid, readForm, syncCaps, writeForm } from "./form.ts";

/** Where a view draws. */
export interface Outputs {
  /** The plots go here (cleared before each render). */
  readonly plots: HTMLElement;
  /** One line of numbers under the controls. */
  readonly summary: HTMLElement;
}

/** What a panel can ask of its controller (the config box uses it). */
export interface PanelHandle {
  /** Sets some controls and redraws. */
  set(values: Readonly<Record<string, string>>): void;
  /** Redraws with the current controls. */
  redraw(): void;
  /** Publishes a refused input shown elsewhere (the config box's own message) as the panel's error. */
  refused(text: string): void;
}

/** A panel's computation and drawing. */
export interface View<P extends PanelName, D> {
  compute(values: PanelValues<P>): D | Promise<D>;
  render(data: D, values: PanelValues<P>, out: Outputs): void;
  /** Extra widgets below the plots, built once. */
  setup?(section: HTMLElement, handle: PanelHandle): void;
  /** What to say while a draw computes (the first WebGPU draw compiles its kernel for seconds). */
  busyMessage?(first: boolean): string | null;
}

/** What a panel publishes after each draw. */
export interface PanelState {
  revision: number;
  state: "idle" | "busy" | "ready" | "error";
  params: unknown;
  data: unknown;
  error: string | null;
}

declare global {
  var posencDemo: { panels: Record<string, PanelState> };
}

globalThis.posencDemo ??= { panels: {} };

const DEBOUNCE_MS = 120;

/** Controls, computation and plots of one section of the page. */
export class Panel<P extends PanelName, D> {
  readonly name: P;
  #section: HTMLElement;
  #view: View<P, D>;
  #form: HTMLFormElement | undefined;
  #outputs: Outputs | undefined;
  #message: HTMLElement | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #run = 0;
  /** The form's values at the last draw, as JSON, to tell a real change from a repeated event. */
  #drawnValues: string | null = null;
  /** What a shared link asked for and did not get, until the next change of a control. */
  #linkNotice: string | null = null;
  #state: PanelState = { revision: 0, state: "idle", params: null, data: null, error: null };

  constructor(section: HTMLElement, name: P, view: View<P, D>) {
    this.#section = section;
    this.name = name;
    this.#view = view;
    globalThis.posencDemo.panels[name] = this.#state;
  }

  /**
   * Builds the panel on first use and draws it.
   *
   * @param initial Parameter values from the URL (strings), if any.
   */
  activate(initial: Readonly<Record<string, string>> = {}): void {
    // A link's bad value must not leave a blank panel: draw without it and say so.
    const { values, problems } = acceptLink(this.name, initial);
    this.#linkNotice = problems.length === 0
      ? null
      : `Not used from the link (defaults shown instead): ${problems.join("; ")}`;
    if (this.#form === undefined) {
      this.#build(values);
    } else if (Object.keys(initial).length > 0) {
      writeForm(this.#form, values);
    } else if (this.#state.revision > 0) {
      return;
    }
    void this.#draw();
  }

  #build(initial: Readonly<Record<string, string>>): void {
    const schema = SCHEMAS[this.name];
    const form = document.createElement("form");
    form.className = "controls";
    form.noValidate = true; // parsePanel gives the messages, in the packages' words
    buildForm(form, schema, initial);
    const message = document.createElement("p");
    message.className = "message";
    message.setAttribute("role", "status");
    const summary = document.createElement("p");
    summary.className = "summary";
    const plots = document.createElement("div");
    plots.className = "plots";
    this.#section.append(form, message, summary, plots);
    const changed = (event: Event) => {
      // A control fires "change" when it loses focus, after its "input" events
      // were drawn: drawing the same values again would put the controls'
      // message back over one shown meanwhile (the config box's refusal).
      if (
        event.type === "change" &&
        JSON.stringify(readForm(form, schema)) === this.#drawnValues
      ) return;
      this.#linkNotice = null;
      this.#schedule();
    };
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.#draw();
    });
    this.#form = form;
    this.#message = message;
    this.#outputs = { plots, summary };
    this.#view.setup?.(this.#section, {
      set: (values) => {
        writeForm(form, values);
        void this.#draw();
      },
      redraw: () => void this.#draw(),
      // A refused input (a bad config.json) is an error state, like a bad control.
      refused: (text) => this.#publish({ state: "error", error: text }),
    });
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#draw(), DEBOUNCE_MS);
  }

  #showMessage(text: string | null, kind: "error" | "info"): void {
    const element = this.#message!;
    element.textContent = text ?? "";
    element.className = `message ${text === null ? "" : kind}`;
    element.setAttribute("role", kind === "error" ? "alert" : "status");
  }

  #publish(update: Partial<PanelState>): void {
    Object.assign(this.#state, update);
    this.#section.dataset.state = this.#state.state;
    this.#section.dataset.revision = String(this.#state.revision);
  }

  async #draw(): Promise<void> {
    clearTimeout(this.#timer);
    const form = this.#form!;
    const schema = SCHEMAS[this.name];
    syncCaps(form, schema);
    const raw = readForm(form, schema);
    this.#drawnValues = JSON.stringify(raw);
    const run = ++this.#run;
    let values: PanelValues<P>;
    try {
      values = parsePanel(this.name, raw);
    } catch (e) {
      // Bad input is the user's to fix: say what is wrong (in the controls' words), keep the last plot.
      const raw = e instanceof Error ? e.message : String(e);
      markInvalid(form, raw);
      const text = withLabels(schema, raw);
      this.#showMessage(text, "error");
      this.#publish({ state: "error", error: text });
      return;
    }
    markInvalid(form, null);
    this.#showMessage(this.#linkNotice, "info");
    this.#publish({ state: "busy", error: null });
    this.#rememberInUrl(raw);
    const busy = this.#view.busyMessage?.(this.#state.revision === 0) ?? null;
    if (busy !== null) {
      const note = document.createElement("p");
      note.className = "busy";
      note.textContent = busy;
      this.#outputs!.plots.replaceChildren(note);
    }
    try {
      const data = await this.#view.compute(values);
      if (run !== this.#run) return; // a newer draw started meanwhile
      const { plots, summary } = this.#outputs!;
      plots.replaceChildren();
      summary.replaceChildren();
      this.#view.render(data, values, this.#outputs!);
      this.#publish({
        state: "ready",
        revision: this.#state.revision + 1,
        params: values,
        data,
        error: null,
      });
    } catch (e) {
      if (run !== this.#run) return;
      const reason = withLabels(schema, e instanceof Error ? e.message : String(e));
      const text = `Could not compute this panel: ${reason}`;
      this.#showMessage(text, "error");
      this.#publish({ state: "error", error: text });
    }
  }

  /** Puts non-default values in the URL hash, so a view can be shared. */
  #rememberInUrl(raw: Readonly<Record<string, string>>): void {
    const schema = SCHEMAS[this.name] as Record<string, { default: unknown }>;
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(raw)) {
      if (value !== String(schema[name]!.default)) query.set(name, value);
    }
    const hash = `#${this.name}${query.size > 0 ? `?${query}` : ""}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  }
}
