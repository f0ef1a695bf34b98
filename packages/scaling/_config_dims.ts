import { checkInteger, formatValue } from "@posenc/tensor/validate";
import type { JsonObject } from "./_json.ts";
import { MAX_ROTARY_DIM } from "./_validate.ts";

/** The head dim RoPE sees, and the config keys it came from (for messages). */
export interface HeadDim {
  readonly headDim: number;
  /** E.g. "config.head_dim" or "config.hidden_size / num_attention_heads (4096 / 32)". */
  readonly from: string;
}

/** An integer >= 1 and at most {@linkcode MAX_ROTARY_DIM}, a size no model exceeds. */
function checkDim(name: string, value: unknown): number {
  const dim = checkInteger(name, value, { min: 1 });
  return dim > MAX_ROTARY_DIM ? checkInteger(name, dim, { min: 1, max: MAX_ROTARY_DIM }) : dim;
}

/** The head dim RoPE sees: `qk_rope_head_dim` (MLA), else `head_dim`, else hidden size / heads. */
export function headDimOf(config: JsonObject, warnings: string[]): HeadDim {
  const mla = config.qk_rope_head_dim;
  if (mla !== undefined && mla !== null) {
    const from = "config.qk_rope_head_dim";
    return { headDim: checkDim(from, mla), from };
  }
  const headDim = config.head_dim;
  if (headDim !== undefined && headDim !== null && headDim !== 0) {
    const from = "config.head_dim";
    return { headDim: checkDim(from, headDim), from };
  }
  if (headDim === null) {
    warnings.push(
      "config.head_dim is null: using hidden_size / num_attention_heads (transformers' yarn, dynamic and longrope code would fail on it)",
    );
  }
  const { hidden_size: hidden, num_attention_heads: heads } = config;
  if (hidden === undefined || hidden === null || heads === undefined || heads === null) {
    throw new TypeError(
      'Invalid config: missing head information: expected "head_dim", or "hidden_size" and "num_attention_heads"',
    );
  }
  const h = checkInteger("config.hidden_size", hidden, { min: 1 });
  const n = checkInteger("config.num_attention_heads", heads, { min: 1 });
  if (h % n !== 0) {
    warnings.push(
      `config.hidden_size ${h} is not divisible by num_attention_heads ${n}: head dim taken as floor(${h} / ${n}) = ${
        Math.floor(h / n)
      }, as in transformers`,
    );
  }
  const from = `config.hidden_size / num_attention_heads (${h} / ${n})`;
  return { headDim: checkDim(from, Math.floor(h / n)), from };
}

/** The rotated dims: `int(headDim * partial_rotary_factor)`, an even number >= 2. */
export function rotaryDimOf(head: HeadDim, fraction: unknown, path: string): number {
  const { headDim } = head;
  if (fraction === undefined || fraction === null) return checkEvenHeadDim(head);
  if (typeof fraction !== "number") {
    throw new TypeError(
      `Invalid config.${path}.partial_rotary_factor: expected a number in (0, 1], got ${
        formatValue(fraction)
      }`,
    );
  }
  if (!(fraction > 0 && fraction <= 1)) {
    throw new RangeError(
      `Invalid config.${path}.partial_rotary_factor: expected a number in (0, 1], got ${
        formatValue(fraction)
      }`,
    );
  }
  const rotaryDim = Math.trunc(headDim * fraction);
  if (rotaryDim < 2 || rotaryDim % 2 !== 0) {
    throw new RangeError(
      `Invalid config.${path}.partial_rotary_factor: head dim ${headDim} x ${fraction} gives ${rotaryDim} rotated dims, expected an even number >= 2`,
    );
  }
  return rotaryDim;
}

/**
 * Returns the head dim if it is even: RoPE turns pairs of dims, and a model
 * rotating all of them (no partial_rotary_factor) needs an even count.
 */
export function checkEvenHeadDim(head: HeadDim): number {
  if (head.headDim % 2 === 0) return head.headDim;
  throw new RangeError(
    `Invalid ${head.from}: expected an even head dim (RoPE rotates pairs of dims), got ${head.headDim}`,
  );
}

/** A length key of the config: an integer >= 1, or undefined when absent or null. */
export function optionalLength(config: JsonObject, key: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  return checkInteger(`config.${key}`, value, { min: 1 });
}
