/// <reference lib="dom" />
/**
 * Builds a panel's controls from its parameter schema, so the page's inputs
 * carry the same bounds the server enforces (and parsePanel re-checks them
 * before anything is computed).
 *
 * @module
 */

import { fmt } from "../lib/format.ts";
import type { IntSpec, ParamSpec, Schema } from "../lib/params.ts";

function describe(spec: ParamSpec): string {
  if (spec.kind === "choice") return spec.help ?? "";
  const range = spec.kind === "int" && spec.oneOf
    ? spec.oneOf.join(", ")
    : `${spec.kind === "number" && spec.exclusiveMin ? ">" : ""}${fmt(spec.min)} to ${
      fmt(spec.max)
    }`;
  return [spec.help, range].filter(Boolean).join("; ");
}

function control(
  name: string,
  spec: ParamSpec,
  value: string,
): HTMLInputElement | HTMLSelectElement {
  if (spec.kind === "choice" || (spec.kind === "int" && spec.oneOf)) {
    const select = document.createElement("select");
    const options = spec.kind === "choice"
      ? spec.choices
      : (spec as IntSpec).oneOf!.map((n) => ({ value: String(n), label: String(n) }));
    for (const option of options) select.add(new Option(option.label, option.value));
    select.value = value;
    select.name = name;
    return select;
  }
  const input = document.createElement("input");
  input.type = "number";
  input.name = name;
  input.required = true;
  input.min = String(spec.min);
  input.max = String(spec.max);
  input.step = spec.kind === "number" ? "any" : spec.even ? "2" : "1";
  input.value = value;
  return input;
}

/**
 * Fills a form with one labelled control per parameter.
 *
 * @param form The (empty) form.
 * @param schema The panel's parameters.
 * @param values Initial values as strings (from the URL), defaults otherwise.
 */
export function buildForm(
  form: HTMLFormElement,
  schema: Schema,
  values: Readonly<Record<string, string>>,
): void {
  for (const [name, spec] of Object.entries(schema)) {
    const label = document.createElement("label");
    label.title = describe(spec);
    label.append(spec.label);
    label.append(control(name, spec, values[name] ?? String(spec.default)));
    form.append(label);
  }
  syncCaps(form, schema);
}

/** Keeps `max` of dependent inputs (head <= heads) in step with the input they follow. */
export function syncCaps(form: HTMLFormElement, schema: Schema): void {
  for (const [name, spec] of Object.entries(schema)) {
    if (spec.kind !== "int" || spec.maxFrom === undefined) continue;
    const input = form.elements.namedItem(name) as HTMLInputElement | null;
    const cap = Number((form.elements.namedItem(spec.maxFrom) as HTMLInputElement | null)?.value);
    if (input && Number.isInteger(cap)) input.max = String(Math.min(spec.max, cap));
  }
}

/** The form's values as strings, keyed by parameter name. */
export function readForm(form: HTMLFormElement, schema: Schema): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of Object.keys(schema)) {
    const element = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (element) values[name] = element.value;
  }
  return values;
}

/**
 * Sets controls from values (a loaded config.json sets base, dim and lengths).
 *
 * @param form The form.
 * @param values New values as strings; others keep theirs.
 */
export function writeForm(form: HTMLFormElement, values: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(values)) {
    const element = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
    if (element) element.value = value;
  }
}

/** Marks the control a message names as invalid (and clears the others). */
export function markInvalid(form: HTMLFormElement, message: string | null): void {
  const match = message?.match(/^Invalid (\w+):/);
  for (const element of form.querySelectorAll("input, select")) {
    const name = (element as HTMLInputElement).name;
    element.setAttribute("aria-invalid", String(match?.[1] === name));
  }
}
