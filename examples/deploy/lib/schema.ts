/**
 * The demo's parameter schemas in general: the kinds of parameter (integer,
 * number, choice), the parser that both the server and the page run on them,
 * and the rewording of its messages in the controls' labels. The panels'
 * own schemas and the rules between their parameters are in params.ts.
 *
 * Messages follow the packages' wording (`Invalid <name>: expected <what>,
 * got <value>`), so a user sees one style everywhere.
 *
 * @module
 */

import { checkFinite, checkInteger, checkOneOf, formatValue } from "@posenc/tensor/validate";

/** An integer parameter. */
export interface IntSpec {
  readonly kind: "int";
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly default: number;
  /** Rotation pairs and sin/cos pairs need an even count. */
  readonly even?: boolean;
  /** Only these values (a select in the page). */
  readonly oneOf?: readonly number[];
  /** Another parameter of the same panel that caps this one (e.g. head <= heads). */
  readonly maxFrom?: string;
  readonly help?: string;
}

/** A real-valued parameter. */
export interface NumberSpec {
  readonly kind: "number";
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly exclusiveMin?: boolean;
  readonly default: number;
  readonly help?: string;
}

/** A choice among named options. */
export interface ChoiceSpec<C extends string = string> {
  readonly kind: "choice";
  readonly label: string;
  readonly choices: readonly { readonly value: C; readonly label: string }[];
  readonly default: C;
  readonly help?: string;
}

/** Any parameter. */
export type ParamSpec = IntSpec | NumberSpec | ChoiceSpec;

/** A panel's parameters by name. */
export type Schema = Readonly<Record<string, ParamSpec>>;

/** The parsed values of a schema: numbers, and the choices' string unions. */
export type Values<S extends Schema> = {
  -readonly [K in keyof S]: S[K] extends ChoiceSpec<infer C> ? C : number;
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function describeInt(spec: IntSpec, max: number): string {
  if (spec.oneOf) return `one of ${spec.oneOf.join(", ")}`;
  return `${spec.even ? "an even integer" : "an integer"} in [${spec.min}, ${max}]`;
}

function describeNumber(spec: NumberSpec): string {
  return spec.exclusiveMin
    ? `a finite number > ${spec.min} and <= ${spec.max}`
    : `a finite number in [${spec.min}, ${spec.max}]`;
}

function parseOne(name: string, spec: ParamSpec, raw: string, max: number): number | string {
  if (spec.kind === "choice") {
    return checkOneOf(name, raw, { allowed: spec.choices.map((c) => c.value) });
  }
  // Number("") is 0 and Number("0x10") is 16: accept decimal literals only.
  if (!NUMBER.test(raw.trim())) {
    const what = spec.kind === "int" ? describeInt(spec, max) : describeNumber(spec);
    throw new TypeError(`Invalid ${name}: expected ${what}, got ${formatValue(raw)}`);
  }
  const value = Number(raw);
  if (spec.kind === "number") {
    const options = spec.exclusiveMin
      ? { min: spec.min, max: spec.max, exclusiveMin: true }
      : { min: spec.min, max: spec.max };
    return checkFinite(name, value, options);
  }
  if (
    !Number.isInteger(value) || value < spec.min || value > max ||
    (spec.even === true && value % 2 !== 0) ||
    (spec.oneOf !== undefined && !spec.oneOf.includes(value))
  ) {
    throw new RangeError(`Invalid ${name}: expected ${describeInt(spec, max)}, got ${raw.trim()}`);
  }
  return checkInteger(name, value);
}

/**
 * Parses a panel's parameters. Missing ones take their default; unknown names,
 * malformed numbers and out-of-range values throw.
 *
 * @param schema The panel's schema.
 * @param input Query parameters or the page's form values (strings).
 * @returns The values, typed by the schema.
 * @throws {TypeError} For an unknown parameter, a malformed number or an unknown choice.
 * @throws {RangeError} For a value outside its bounds.
 */
export function parseParams<S extends Schema>(
  schema: S,
  input: URLSearchParams | Readonly<Record<string, string>>,
): Values<S> {
  const entries = input instanceof URLSearchParams ? [...input] : Object.entries(input);
  const raw = new Map<string, string>();
  for (const [name, value] of entries) {
    if (!Object.hasOwn(schema, name)) {
      const known = Object.keys(schema).join(", ");
      throw new TypeError(`Unknown parameter ${formatValue(name)}: expected one of ${known}`);
    }
    if (raw.has(name)) throw new TypeError(`Invalid ${name}: given more than once`);
    raw.set(name, value);
  }
  const values: Record<string, number | string> = {};
  // Parameters without `maxFrom` first, so that `head` can be checked against `heads`.
  const names = Object.keys(schema).sort((a, b) =>
    Number(schema[a]!.kind === "int" && schema[a]!.maxFrom !== undefined) -
    Number(schema[b]!.kind === "int" && schema[b]!.maxFrom !== undefined)
  );
  for (const name of names) {
    const spec = schema[name]!;
    const text = raw.get(name) ?? String(spec.default);
    const cap = spec.kind === "int" && spec.maxFrom !== undefined
      ? Math.min(spec.max, values[spec.maxFrom] as number)
      : spec.kind === "choice"
      ? 0
      : spec.max;
    values[name] = parseOne(name, spec, text, cap);
  }
  // Back in the schema's order, so responses list parameters as the page does.
  return Object.fromEntries(Object.keys(schema).map((name) => [name, values[name]])) as Values<S>;
}

/**
 * A message in the page's words: the code name of a parameter
 * (`targetLength`) becomes its control's label (`target length`).
 *
 * @param schema The panel's parameters.
 * @param message A message from {@linkcode parseParams} or a package.
 * @returns The message with labels.
 */
export function withLabels(schema: Schema, message: string): string {
  // "Unknown parameter" lists the names a URL may use: keep them.
  if (message.startsWith("Unknown parameter")) return message;
  let text = message.replace(
    /^Invalid (\w+):/,
    (match, name: string) =>
      Object.hasOwn(schema, name) ? `Invalid ${schema[name]!.label}:` : match,
  );
  // Only camelCase names elsewhere: "dim" or "head" are also plain words in a message.
  for (const [name, spec] of Object.entries(schema)) {
    if (/[A-Z]/.test(name)) text = text.replace(new RegExp(`\\b${name}\\b`, "g"), spec.label);
  }
  return text;
}
