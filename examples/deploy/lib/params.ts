/**
 * The demo's parameters: one schema per panel, with the bounds that keep every
 * computation small enough for a browser tab and a Deno Deploy isolate. The
 * server parses query strings with it and the page parses its form with it,
 * so both refuse the same values with the same message.
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

/** The largest length that sizes an array anywhere in the demo. */
export const MAX_LENGTH = 65536;
/** The largest model or rotary dimension. */
export const MAX_DIM = 1024;
/**
 * The longest context of the scaling panel and of a config.json: 2²⁴ tokens,
 * past Llama 4 Scout's 10485760. These lengths only enter formulas (the work is
 * O(dim)), so they may go far beyond {@linkcode MAX_LENGTH}.
 */
export const MAX_SCALING_LENGTH = 2 ** 24;
/**
 * RoFormer's decay bound costs maxDistance × dim/2 complex additions: this
 * caps it near half a second in a browser (all of 65536 distances at dim 128).
 */
export const MAX_DECAY_WORK = 2 ** 22;

const BASE: NumberSpec = {
  kind: "number",
  label: "base θ",
  min: 1,
  exclusiveMin: true,
  max: 1e9,
  default: 10000,
  help: "rope_theta: 10,000 (Llama 2), 500,000 (Llama 3), 1,000,000 (Qwen2)",
};

/** Panel 1: the sinusoidal table and the dot product between positions. */
export const SINUSOIDAL = {
  length: {
    kind: "int",
    label: "training length",
    min: 2,
    max: MAX_LENGTH,
    default: 256,
    help: "positions seen in training; the plots run to twice this",
  },
  dim: { kind: "int", label: "model dim", min: 2, max: MAX_DIM, even: true, default: 128 },
  base: { ...BASE, help: "10000 in Vaswani et al." },
  layout: {
    kind: "choice",
    label: "layout",
    choices: [
      { value: "interleaved", label: "interleaved (sin, cos, sin, ...)" },
      { value: "concat", label: "concat ([sin | cos], Marian)" },
    ],
    default: "interleaved",
  },
} as const satisfies Schema;

/** Panel 2: RoPE scores against relative distance, and the decay bound. */
export const ROPE = {
  dim: { kind: "int", label: "rotary dim", min: 2, max: MAX_DIM, even: true, default: 128 },
  base: BASE,
  maxDistance: {
    kind: "int",
    label: "max distance",
    min: 1,
    max: MAX_LENGTH,
    default: 512,
  },
  shift: {
    kind: "int",
    label: "shift both by",
    min: 0,
    max: 1_000_000,
    default: 1000,
    help: "query at position shift, keys at shift + distance",
  },
  angles: {
    kind: "choice",
    label: "angles",
    choices: [
      { value: "float32", label: "float32 (as HF)" },
      { value: "float64", label: "float64" },
    ],
    default: "float32",
  },
  vectors: {
    kind: "choice",
    label: "q and k",
    choices: [
      { value: "ones", label: "all ones (RoFormer's figure)" },
      { value: "random", label: "random normal" },
    ],
    default: "ones",
  },
  seed: { kind: "int", label: "seed", min: 0, max: 1_000_000, default: 1 },
} as const satisfies Schema;

/** Panel 3: ALiBi's per-head bias. */
export const ALIBI = {
  heads: { kind: "int", label: "heads", min: 1, max: 64, default: 12 },
  length: { kind: "int", label: "length", min: 1, max: 512, default: 32 },
  head: {
    kind: "int",
    label: "head shown",
    min: 1,
    max: 64,
    maxFrom: "heads",
    default: 1,
    help:
      "the first 2ᵏ heads (2ᵏ the largest power of two <= heads) have geometrically falling slopes from 2^(−max bias/2ᵏ); heads past them take the in-between slopes of 2ᵏ⁺¹ heads, steepest first, so with 12 heads head 9 (1/√2) is the steepest",
  },
  mode: {
    kind: "choice",
    label: "mode",
    choices: [
      { value: "causal", label: "causal (decoder)" },
      { value: "symmetric", label: "symmetric (encoder)" },
    ],
    default: "causal",
  },
  maxBias: {
    kind: "number",
    label: "max bias",
    min: 0,
    exclusiveMin: true,
    max: 64,
    default: 8,
    help: "8 in the paper; MPT's alibi_bias_max",
  },
} as const satisfies Schema;

/**
 * Panel 4: RoPE scaling methods. Lengths here only enter formulas (the work is
 * O(dim)), so they go to {@linkcode MAX_SCALING_LENGTH}: 131072 is Llama 3.1's.
 */
export const SCALING = {
  base: BASE,
  dim: { kind: "int", label: "rotary dim", min: 2, max: MAX_DIM, even: true, default: 128 },
  trainLength: {
    kind: "int",
    label: "training length",
    min: 2,
    max: MAX_SCALING_LENGTH,
    default: 4096,
  },
  targetLength: {
    kind: "int",
    label: "target length",
    min: 2,
    max: MAX_SCALING_LENGTH,
    default: 32768,
  },
} as const satisfies Schema;

/** `POST /api/config`'s query: the context to check the config at. */
export const CONFIG = {
  targetLength: { ...SCALING.targetLength, default: 131072 },
} as const satisfies Schema;

/** Panel 5: attention weights of a small random sequence. */
export const ATTENTION = {
  scheme: {
    kind: "choice",
    label: "positions",
    choices: [
      { value: "rope", label: "RoPE" },
      { value: "rope-yarn", label: "RoPE + YaRN (factor 4)" },
      { value: "alibi", label: "ALiBi" },
      { value: "sinusoidal", label: "sinusoidal (added to q, k)" },
      { value: "none", label: "none (NoPE)" },
    ],
    default: "rope",
  },
  seq: { kind: "int", label: "sequence", min: 2, max: 64, default: 24 },
  heads: { kind: "int", label: "heads", min: 1, max: 8, default: 4 },
  head: { kind: "int", label: "head shown", min: 1, max: 8, maxFrom: "heads", default: 1 },
  headDim: { kind: "int", label: "head dim", min: 32, max: 128, oneOf: [32, 64, 128], default: 64 },
  causal: {
    kind: "choice",
    label: "mask",
    choices: [{ value: "causal", label: "causal" }, { value: "none", label: "none" }],
    default: "causal",
  },
  seed: { kind: "int", label: "seed", min: 0, max: 1_000_000, default: 7 },
} as const satisfies Schema;

/** Every panel's schema by name (the API route and the page's tab share it). */
export const SCHEMAS = {
  sinusoidal: SINUSOIDAL,
  rope: ROPE,
  alibi: ALIBI,
  scaling: SCALING,
  attention: ATTENTION,
} as const;

/** A panel's name. */
export type PanelName = keyof typeof SCHEMAS;

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

/** The parsed values of a panel. */
export type PanelValues<P extends PanelName> = Values<(typeof SCHEMAS)[P]>;

/**
 * Parses a panel's parameters, then applies the rules that tie two of them
 * together (target >= training length; RoFormer's bound within its work
 * budget; the attention sequence fits the head dim).
 *
 * @param panel The panel's name.
 * @param input Query parameters or form values.
 * @returns The values.
 * @throws {TypeError | RangeError} With a message naming the parameter.
 */
export function parsePanel<P extends PanelName>(
  panel: P,
  input: URLSearchParams | Readonly<Record<string, string>>,
): PanelValues<P> {
  const values = parseParams(SCHEMAS[panel], input) as PanelValues<P>;
  if (panel === "scaling") {
    const v = values as PanelValues<"scaling">;
    if (v.targetLength < v.trainLength) {
      throw new RangeError(
        `Invalid targetLength: expected an integer >= trainLength (${v.trainLength}), got ${v.targetLength}`,
      );
    }
  }
  if (panel === "rope") {
    const v = values as PanelValues<"rope">;
    const cap = Math.floor(MAX_DECAY_WORK / (v.dim / 2));
    if (v.maxDistance > cap) {
      throw new RangeError(
        `Invalid maxDistance: expected an integer <= ${cap} at rotary dim ${v.dim} (maxDistance × dim/2 <= ${MAX_DECAY_WORK}), got ${v.maxDistance}`,
      );
    }
  }
  if (panel === "attention") {
    // The weights are read out of the kernel through an identity V, which needs seq <= headDim.
    const v = values as PanelValues<"attention">;
    if (v.seq > v.headDim) {
      throw new RangeError(
        `Invalid seq: expected an integer <= headDim (${v.headDim}), got ${v.seq}`,
      );
    }
  }
  return values;
}

/**
 * A message in the page's words: the code name of a parameter
 * (`targetLength`) becomes its control's label (`target length`).
 *
 * @param schema The panel's parameters.
 * @param message A message from {@linkcode parsePanel}.
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

/**
 * Takes a shared link's values for a panel, dropping each one the panel
 * would refuse (an unknown name, a value out of range) so that the rest still
 * draws, and says what was dropped in the controls' words.
 *
 * @param panel The panel.
 * @param input The link's values (strings).
 * @returns The values kept and one message per value dropped.
 */
export function acceptLink<P extends PanelName>(
  panel: P,
  input: Readonly<Record<string, string>>,
): { values: Record<string, string>; problems: string[] } {
  const schema = SCHEMAS[panel];
  const values: Record<string, string> = { ...input };
  const problems: string[] = [];
  while (true) {
    try {
      parsePanel(panel, values);
      return { values, problems };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      problems.push(withLabels(schema, message));
      const unknown = message.match(/^Unknown parameter "([^"]*)"/)?.[1];
      const named = message.match(/^Invalid (\w+):/)?.[1];
      const culprit = unknown ?? named;
      if (culprit !== undefined && Object.hasOwn(values, culprit)) delete values[culprit];
      // A rule between two values, one of them a default: drop the link's values.
      else return { values: {}, problems };
    }
  }
}
