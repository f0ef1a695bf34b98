import { checkInteger, formatValue } from "@posenc/tensor/validate";
import type { JsonObject } from "./_json.ts";

/** The head dim RoPE sees: `qk_rope_head_dim` (MLA), else `head_dim`, else hidden size / heads. */
export function headDimOf(config: JsonObject, warnings: string[]): number {
  const mla = config.qk_rope_head_dim;
  if (mla !== undefined && mla !== null) {
    return checkInteger("config.qk_rope_head_dim", mla, { min: 1 });
  }
  const headDim = config.head_dim;
  if (headDim !== undefined && headDim !== null && headDim !== 0) {
    return checkInteger("config.head_dim", headDim, { min: 1 });
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
  return Math.floor(h / n);
}

/** The rotated dims: `int(headDim * partial_rotary_factor)`, an even number >= 2. */
export function rotaryDimOf(headDim: number, fraction: unknown, path: string): number {
  if (fraction === undefined || fraction === null) return headDim;
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

/** A length key of the config: an integer >= 1, or undefined when absent or null. */
export function optionalLength(config: JsonObject, key: string): number | undefined {
  const value = config[key];
  if (value === undefined || value === null) return undefined;
  return checkInteger(`config.${key}`, value, { min: 1 });
}
