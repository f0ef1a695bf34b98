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

import { type NumberSpec, parseParams, type Schema, type Values, withLabels } from "./schema.ts";

// The generic parts live in schema.ts; importers of params.ts get them here too.
export { parseParams, withLabels } from "./schema.ts";
export type { ChoiceSpec, IntSpec, NumberSpec, ParamSpec, Schema, Values } from "./schema.ts";

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
 * Panel 4: T5's relative buckets against ALiBi's linear penalty, and one
 * head's T5 bias matrix. numBuckets and maxDistance keep T5's names
 * (`relative_attention_num_buckets`, `relative_attention_max_distance`).
 */
export const RELATIVE = {
  mode: {
    kind: "choice",
    label: "mode",
    choices: [
      { value: "bidirectional", label: "bidirectional (encoder)" },
      { value: "causal", label: "causal (decoder)" },
    ],
    default: "bidirectional",
    help:
      "bidirectional: half the buckets for keys before the query, half for keys after; causal: every later key in bucket 0 (ALiBi: symmetric or causal)",
  },
  numBuckets: {
    kind: "int",
    label: "buckets",
    min: 2,
    max: 256,
    default: 32,
    help:
      "relative_attention_num_buckets: 32 in T5, mT5 and Flan-T5; even and >= 4 when bidirectional",
  },
  maxDistance: {
    kind: "int",
    label: "max distance",
    min: 2,
    max: MAX_LENGTH,
    default: 128,
    help:
      "relative_attention_max_distance: 128 in T5; the logarithmic buckets end here and every farther key shares the last one. The plots run to twice this",
  },
  heads: {
    kind: "int",
    label: "heads",
    min: 1,
    max: 64,
    default: 8,
    help: "ALiBi's slopes for this many heads; the seeded T5 weight has one column per head",
  },
  head: { kind: "int", label: "head shown", min: 1, max: 64, maxFrom: "heads", default: 1 },
  length: {
    kind: "int",
    label: "length",
    min: 1,
    max: 256,
    default: 64,
    help: "queries and keys of the T5 bias matrix",
  },
  seed: {
    kind: "int",
    label: "seed",
    min: 0,
    max: 1_000_000,
    default: 1,
    help:
      "of the N(0, 1) weight [buckets, heads] standing in for a checkpoint's relative_attention_bias",
  },
} as const satisfies Schema;

/**
 * Panel 5: RoPE scaling methods. Lengths here only enter formulas (the work is
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

/** Panel 6: attention weights of a small random sequence. */
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
  relative: RELATIVE,
  scaling: SCALING,
  attention: ATTENTION,
} as const;

/** A panel's name. */
export type PanelName = keyof typeof SCHEMAS;

/** The parsed values of a panel. */
export type PanelValues<P extends PanelName> = Values<(typeof SCHEMAS)[P]>;

/**
 * T5's rules between the mode, numBuckets and maxDistance (those of
 * `t5RelativeBucket`), checked here so that the page marks the control and
 * says in its words what fits: the package's own message names its internals.
 */
function checkT5Buckets(v: PanelValues<"relative">): void {
  const bidirectional = v.mode === "bidirectional";
  if (bidirectional && (v.numBuckets < 4 || v.numBuckets % 2 !== 0)) {
    throw new RangeError(
      `Invalid numBuckets: expected an even integer >= 4 in bidirectional mode (half the buckets for keys before the query, half for keys after), got ${v.numBuckets}`,
    );
  }
  const exact = Math.floor((bidirectional ? v.numBuckets / 2 : v.numBuckets) / 2);
  if (v.maxDistance <= exact) {
    throw new RangeError(
      `Invalid maxDistance: expected an integer > ${exact} (with ${v.numBuckets} ${v.mode} buckets, distances below ${exact} get a bucket each and the logarithmic buckets run from there to maxDistance), got ${v.maxDistance}`,
    );
  }
}

/**
 * Parses a panel's parameters, then applies the rules that tie two of them
 * together (target >= training length; RoFormer's bound within its work
 * budget; T5's buckets and max distance; the attention sequence fits the
 * head dim).
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
  if (panel === "relative") checkT5Buckets(values as PanelValues<"relative">);
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
