// Bad input every scaling function shares: misspelled option keys, flags
// that are not booleans, dims no model has, and config values that name the
// wrong thing.
import assert from "node:assert/strict";
import { ropeFrequencies } from "@posenc/rope";
import {
  diagnose,
  dynamicNtkScaling,
  linearScaling,
  llama3Scaling,
  longropeScaling,
  ntkAwareScaling,
  ntkByPartsScaling,
  proportionalScaling,
  ropeFromConfig,
  yarnScaling,
} from "./mod.ts";

const methods: [string, (dim: number, options: never) => unknown, Record<string, unknown>][] = [
  ["linearScaling", linearScaling, { factor: 2 }],
  ["ntkAwareScaling", ntkAwareScaling, { factor: 2 }],
  ["dynamicNtkScaling", dynamicNtkScaling, { factor: 2, maxPositionEmbeddings: 4096 }],
  ["yarnScaling", yarnScaling, { factor: 4, originalMaxPositionEmbeddings: 4096 }],
  ["longropeScaling", longropeScaling, {
    shortFactor: [1, 1],
    longFactor: [2, 2],
    originalMaxPositionEmbeddings: 4096,
    factor: 2,
  }],
  ["llama3Scaling", llama3Scaling, { factor: 8, originalMaxPositionEmbeddings: 8192 }],
  ["ntkByPartsScaling", ntkByPartsScaling, { factor: 4, originalMaxPositionEmbeddings: 4096 }],
  ["proportionalScaling", proportionalScaling, { partialRotaryFactor: 0.5 }],
];

Deno.test("every scaling method refuses a misspelled option, naming the closest key", async (t) => {
  for (const [name, method, options] of methods) {
    await t.step(name, () => {
      assert.doesNotThrow(() => method(4, options as never));
      assert.throws(() => method(4, { ...options, bas: 10 } as never), {
        name: "TypeError",
        message:
          /^Invalid options: unknown key "bas" \(did you mean "base"\?\); expected keys among/,
      });
    });
  }
  assert.throws(
    () => yarnScaling(64, { factor: 4, originalMaxPositionEmbeddings: 4096, betafast: 8 } as never),
    /unknown key "betafast" \(did you mean "betaFast"\?\)/,
  );
  assert.throws(
    () =>
      yarnScaling(64, { factor: 4, originalMaxPositionEmbeddings: 4096, truncate: "no" } as never),
    { name: "TypeError", message: 'Invalid truncate: expected true or false, got "no"' },
  );
});

Deno.test("every scaling method refuses a rotary dim no model has, at once", async (t) => {
  for (const [name, method, options] of methods) {
    await t.step(name, () => {
      const dimName = name === "proportionalScaling" ? "headDim" : "rotaryDim";
      assert.throws(() => method(2 ** 31, options as never), {
        name: "RangeError",
        message: `Invalid ${dimName}: expected an even integer in [2, 65536], got 2147483648`,
      });
    });
  }
  assert.equal(linearScaling(65536, { factor: 2 }).invFreq.length, 32768);
});

Deno.test("diagnose() refuses misspelled options", () => {
  assert.throws(
    () =>
      diagnose(ropeFrequencies(8), {
        trainLength: 8,
        targetLength: 8,
        base: 10000,
        targetLenght: 4,
      } as never),
    /unknown key "targetLenght" \(did you mean "targetLength"\?\)/,
  );
});

Deno.test("ropeFromConfig() names the config key behind an odd or huge head dim", async (t) => {
  await t.step("head_dim 7 must be even", () => {
    assert.throws(() => ropeFromConfig({ head_dim: 7, max_position_embeddings: 4096 }), {
      name: "RangeError",
      message:
        "Invalid config.head_dim: expected an even head dim (RoPE rotates pairs of dims), got 7",
    });
  });
  await t.step("hidden_size / num_attention_heads odd", () => {
    assert.throws(() => ropeFromConfig({ hidden_size: 70, num_attention_heads: 10 }), {
      name: "RangeError",
      message: "Invalid config.hidden_size / num_attention_heads (70 / 10): expected an even " +
        "head dim (RoPE rotates pairs of dims), got 7",
    });
  });
  await t.step(
    "an odd head dim is fine when partial_rotary_factor makes the rotary dim even",
    () => {
      assert.equal(ropeFromConfig({ head_dim: 9, partial_rotary_factor: 0.5 }).rotaryDim, 4);
    },
  );
  await t.step("head dims no model has fail at once", () => {
    for (const config of [{ head_dim: 2 ** 31 }, { qk_rope_head_dim: 1e6, head_dim: 128 }]) {
      assert.throws(() => ropeFromConfig(config), {
        name: "RangeError",
        message:
          /^Invalid config\.(head_dim|qk_rope_head_dim): expected an integer in \[1, 65536\]/,
      });
    }
    assert.throws(
      () => ropeFromConfig({ hidden_size: 2 ** 40, num_attention_heads: 1 }),
      {
        name: "RangeError",
        message:
          /^Invalid config\.hidden_size \/ num_attention_heads \(1099511627776 \/ 1\): expected an integer in \[1, 65536\]/,
      },
    );
  });
  await t.step("a rope_theta outside float32 is refused, not turned into NaN", () => {
    assert.throws(() => ropeFromConfig({ head_dim: 64, rope_theta: 1e300 }), {
      name: "RangeError",
      message:
        /^Invalid config\.[a-z_.]*rope_theta: expected a finite number > 0 within float32's normal range, got 1e\+300$/,
    });
  });
  await t.step("misspelled options", () => {
    assert.throws(
      () => ropeFromConfig({ head_dim: 64 }, { seqlen: 4 } as never),
      /unknown key "seqlen" \(did you mean "seqLen"\?\)/,
    );
  });
});
