import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { ropeFromConfig, yarnScaling } from "./mod.ts";

const LLAMA31 = {
  hidden_size: 4096,
  num_attention_heads: 32,
  max_position_embeddings: 131072,
  rope_theta: 500000.0,
  rope_scaling: {
    factor: 8.0,
    low_freq_factor: 1.0,
    high_freq_factor: 4.0,
    original_max_position_embeddings: 8192,
    rope_type: "llama3",
  },
};

function withScaling(scaling: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    head_dim: 64,
    max_position_embeddings: 16384,
    rope_theta: 10000,
    rope_scaling: scaling,
    ...extra,
  };
}

Deno.test("ropeFromConfig() reads the same model from the legacy and the new form", () => {
  const { rope_scaling, rope_theta, ...rest } = LLAMA31;
  const modern = { ...rest, rope_parameters: { ...rope_scaling, rope_theta } };
  const a = ropeFromConfig(LLAMA31);
  const b = ropeFromConfig(modern);
  assert.deepEqual(a.invFreq, b.invFreq);
  assert.deepEqual(a.ropeParameters, b.ropeParameters);
  assert.equal(a.base, 500000);
  assert.equal(a.maxPositionEmbeddings, 131072);
  assert.equal(a.originalMaxPositionEmbeddings, 8192);
  assert.equal(a.layerType, undefined);
});

Deno.test("ropeFromConfig() follows HF's key precedence", async (t) => {
  await t.step("a non-empty rope_scaling wins over rope_parameters", () => {
    const config = withScaling({ type: "linear", factor: 2 }, {
      rope_parameters: { rope_type: "linear", factor: 4 },
    });
    assert.equal(ropeFromConfig(config).invFreq[0], 0.5);
    assert.equal(ropeFromConfig({ ...config, rope_scaling: {} }).invFreq[0], 0.25);
    assert.equal(ropeFromConfig({ ...config, rope_scaling: null }).invFreq[0], 0.25);
  });
  await t.step("type is an alias of rope_type; no type at all is default", () => {
    assert.equal(ropeFromConfig(withScaling({ type: "dynamic", factor: 2 })).ropeType, "dynamic");
    assert.equal(ropeFromConfig({ head_dim: 64 }).ropeType, "default");
  });
  await t.step(
    "a top-level partial_rotary_factor (or GPT-NeoX rotary_pct) overrides the dict's",
    () => {
      const config = {
        head_dim: 128,
        partial_rotary_factor: 0.5,
        rope_parameters: { rope_type: "default", rope_theta: 10000, partial_rotary_factor: 0.25 },
      };
      const rope = ropeFromConfig(config);
      assert.equal(rope.rotaryDim, 64);
      assert.match(rope.warnings[0]!, /partial_rotary_factor \(0\.5\) overrides/);
      assert.equal(ropeFromConfig({ head_dim: 128, rotary_pct: 0.25 }).rotaryDim, 32);
    },
  );
  await t.step("a top-level original_max_position_embeddings (Phi-3) overrides the dict's", () => {
    const scaling = { type: "yarn", factor: 4, original_max_position_embeddings: 2048 };
    const rope = ropeFromConfig(withScaling(scaling, { original_max_position_embeddings: 4096 }));
    assert.equal(rope.originalMaxPositionEmbeddings, 4096);
    const expected = yarnScaling(64, { factor: 4, originalMaxPositionEmbeddings: 4096 });
    assert.deepEqual(rope.invFreq, expected.invFreq);
  });
  await t.step("yarn without original_max_position_embeddings uses max_position_embeddings", () => {
    const rope = ropeFromConfig(withScaling({ rope_type: "yarn", factor: 4 }));
    assert.equal(rope.originalMaxPositionEmbeddings, 16384);
  });
  await t.step("no rope_theta anywhere: 10000, with a warning", () => {
    const rope = ropeFromConfig({ hidden_size: 4096, num_attention_heads: 32 });
    assert.equal(rope.base, 10000);
    assert.deepEqual(rope.invFreq, ropeInvFreq(10000, 64, 128));
    assert.match(rope.warnings[0]!, /no rope_theta: using 10000/);
  });
});

Deno.test("ropeFromConfig() resolves old rope type names", () => {
  const lists = { short_factor: new Array(32).fill(1), long_factor: new Array(32).fill(2) };
  const su = ropeFromConfig(
    withScaling({ type: "su", ...lists }, { original_max_position_embeddings: 4096 }),
    {
      seqLen: 5000,
    },
  );
  assert.equal(su.ropeType, "longrope");
  assert.equal(su.invFreq[0], 0.5);
  assert.match(su.warnings.join("\n"), /"su", an old name of "longrope"/);
  const mrope = ropeFromConfig({
    hidden_size: 3584,
    num_attention_heads: 28,
    rope_theta: 1000000,
    rope_scaling: { type: "mrope", mrope_section: [16, 24, 24] },
  });
  assert.equal(mrope.ropeType, "default");
  assert.equal(mrope.rotaryDim, 128);
  assert.ok(!mrope.warnings.some((w) => /does not use/.test(w))); // mrope_section is expected
  assert.deepEqual(mrope.mropeSection, [16, 24, 24]); // and kept
});

Deno.test("ropeFromConfig() picks a layer type from per-layer rope_parameters", () => {
  const config = {
    head_dim: 128,
    max_position_embeddings: 32768,
    layer_types: ["sliding_attention", "full_attention"],
    rope_parameters: {
      sliding_attention: { rope_type: "default", rope_theta: 10000 },
      full_attention: { rope_type: "linear", factor: 8, rope_theta: 1000000 },
    },
  };
  const full = ropeFromConfig(config);
  assert.equal(full.layerType, "full_attention");
  assert.equal(full.ropeType, "linear");
  assert.equal(full.base, 1000000);
  assert.match(full.warnings[0]!, /one entry per layer type .* using "full_attention"/);
  const sliding = ropeFromConfig(config, { layerType: "sliding_attention" });
  assert.equal(sliding.ropeType, "default");
  assert.deepEqual(sliding.warnings, []);
  assert.throws(() => ropeFromConfig(config, { layerType: "global" }), {
    name: "RangeError",
    message:
      'Invalid layerType: config.rope_parameters has entries for "sliding_attention", "full_attention", got "global"',
  });
  const noFull = {
    ...config,
    layer_types: ["local", "global"],
    rope_parameters: {
      local: { rope_type: "default" },
      global: { rope_type: "default" },
    },
  };
  assert.throws(() => ropeFromConfig(noFull), /pass layerType to pick one/);
  // HF ignores a per-layer yarn truncate (it reads the outer dict): so do we, loudly.
  const yarn = ropeFromConfig({
    ...config,
    rope_parameters: {
      ...config.rope_parameters,
      full_attention: { rope_type: "yarn", factor: 4, truncate: false },
    },
  });
  assert.match(yarn.warnings.join("\n"), /truncate is ignored by transformers for per-layer/);
  assert.deepEqual(
    yarn.invFreq,
    yarnScaling(128, { factor: 4, originalMaxPositionEmbeddings: 32768, truncate: true }).invFreq,
  );
});

Deno.test("ropeFromConfig() finds head dims as HF does", () => {
  assert.equal(ropeFromConfig({ hidden_size: 3072, num_attention_heads: 32 }).headDim, 96);
  assert.equal(
    ropeFromConfig({ head_dim: 256, hidden_size: 3072, num_attention_heads: 8 }).headDim,
    256,
  );
  // DeepSeek MLA: only qk_rope_head_dim dims rotate
  assert.equal(
    ropeFromConfig({ hidden_size: 7168, num_attention_heads: 128, qk_rope_head_dim: 64 }).headDim,
    64,
  );
  const nullHead = ropeFromConfig({ head_dim: null, hidden_size: 4096, num_attention_heads: 32 });
  assert.equal(nullHead.headDim, 128);
  assert.match(nullHead.warnings.join("\n"), /head_dim is null/);
  const odd = ropeFromConfig({ hidden_size: 4100, num_attention_heads: 32 });
  assert.equal(odd.headDim, 128);
  assert.match(odd.warnings.join("\n"), /not divisible/);
  // Phi-2: head 80 x 0.4 -> 32 rotated dims
  assert.equal(
    ropeFromConfig({ hidden_size: 2560, num_attention_heads: 32, partial_rotary_factor: 0.4 })
      .rotaryDim,
    32,
  );
});

Deno.test("ropeFromConfig() rejects configs it cannot read, naming what is wrong", async (t) => {
  const cases: [string, unknown, RegExp | { name: string; message: string }][] = [
    ["a non-object config", [1, 2], {
      name: "TypeError",
      message: "Invalid config: expected a config.json object, got [1, 2]",
    }],
    ["null", null, {
      name: "TypeError",
      message: "Invalid config: expected a config.json object, got null",
    }],
    ["a string", "config.json", /Invalid config: expected a config.json object, got "config.json"/],
    ["missing head information", { rope_theta: 10000 }, {
      name: "TypeError",
      message:
        'Invalid config: missing head information: expected "head_dim", or "hidden_size" and "num_attention_heads"',
    }],
    [
      "a string head_dim",
      { head_dim: "128" },
      /Invalid config.head_dim: expected an integer >= 1, got "128"/,
    ],
    ["an unknown rope_type", withScaling({ rope_type: "xpos", factor: 2 }), {
      name: "RangeError",
      message:
        'Unknown rope_type "xpos" in config.rope_scaling: expected one of "default", "linear", "dynamic", "yarn", "longrope", "llama3", "proportional" (or the aliases "su", "mrope")',
    }],
    [
      "a non-string rope_type",
      withScaling({ rope_type: 3 }),
      /Invalid config.rope_scaling.rope_type: expected a string, got 3/,
    ],
    [
      "rope_scaling of the wrong type",
      withScaling("linear" as unknown as Record<string, unknown>),
      {
        name: "TypeError",
        message: 'Invalid config.rope_scaling: expected an object or null, got "linear"',
      },
    ],
    ["linear without factor", withScaling({ rope_type: "linear" }), {
      name: "TypeError",
      message: 'Invalid config.rope_scaling: missing required key "factor" for rope_type "linear"',
    }],
    ["llama3 without the band factors", withScaling({ rope_type: "llama3", factor: 8 }), {
      name: "TypeError",
      message:
        'Invalid config.rope_scaling: missing required keys "low_freq_factor", "high_freq_factor" for rope_type "llama3"',
    }],
    [
      "longrope without lists",
      withScaling({ type: "longrope" }),
      /missing required keys "short_factor", "long_factor" for rope_type "longrope"/,
    ],
    ["a string factor", withScaling({ rope_type: "linear", factor: "4" }), {
      name: "TypeError",
      message: 'Invalid config.rope_scaling.factor: expected a number, got "4"',
    }],
    ["a NaN factor", withScaling({ rope_type: "yarn", factor: NaN }), {
      name: "RangeError",
      message: "Invalid config.rope_scaling.factor: expected a finite number, got NaN",
    }],
    [
      "an infinite factor",
      withScaling({ rope_type: "dynamic", factor: Infinity }),
      /factor: expected a finite number, got Infinity/,
    ],
    [
      "a zero factor",
      withScaling({ rope_type: "linear", factor: 0 }),
      /factor: expected a finite number > 0, got 0/,
    ],
    [
      "a null linear factor",
      withScaling({ rope_type: "linear", factor: null }),
      /Invalid config.rope_scaling.factor: expected a finite number > 0, got null/,
    ],
    [
      "a bad rope_theta",
      { head_dim: 64, rope_theta: "1e4" },
      /Invalid config.rope_parameters.rope_theta: expected a number, got "1e4"/,
    ],
    [
      "a partial_rotary_factor above 1",
      { head_dim: 64, partial_rotary_factor: 2 },
      /partial_rotary_factor: expected a number in \(0, 1\], got 2/,
    ],
    [
      "an odd rotary dim",
      { head_dim: 100, partial_rotary_factor: 0.33 },
      /head dim 100 x 0.33 gives 33 rotated dims, expected an even number >= 2/,
    ],
    [
      "a short factor list of the wrong length",
      withScaling({
        rope_type: "longrope",
        short_factor: new Array(31).fill(1),
        long_factor: new Array(32).fill(1),
        factor: 4,
      }),
      {
        name: "RangeError",
        message:
          "Invalid config.rope_scaling.short_factor: expected 32 numbers (rotary dim / 2), got 31",
      },
    ],
    [
      "a factor list with strings",
      withScaling({
        rope_type: "longrope",
        short_factor: new Array(32).fill("1"),
        long_factor: new Array(32).fill(1),
        factor: 4,
      }),
      /Invalid config.rope_scaling.short_factor: expected a list of 32 numbers/,
    ],
    ["dynamic without max_position_embeddings", {
      head_dim: 64,
      rope_scaling: { rope_type: "dynamic", factor: 2 },
    }, {
      name: "TypeError",
      message:
        'Invalid config: rope_type "dynamic" needs "max_position_embeddings" (the length it scales from), which is missing',
    }],
    ["yarn with a null factor and no max_position_embeddings", {
      head_dim: 64,
      rope_scaling: { rope_type: "yarn", factor: null, original_max_position_embeddings: 4096 },
    }, /needs "max_position_embeddings" \(factor is null, so it derives it\)/],
    [
      "a negative attention factor",
      withScaling({ rope_type: "yarn", factor: 4, attention_factor: -1 }),
      /attention_factor: expected a number >= 0, got -1/,
    ],
    [
      "a string truncate",
      withScaling({ rope_type: "yarn", factor: 4, truncate: "no" }),
      /truncate: expected true or false, got "no"/,
    ],
    [
      "a string max_position_embeddings",
      { head_dim: 64, max_position_embeddings: "4096" },
      /config.max_position_embeddings: expected an integer >= 1/,
    ],
  ];
  for (const [name, config, expected] of cases) {
    await t.step(name, () => {
      assert.throws(() => ropeFromConfig(config), expected as RegExp);
    });
  }
  await t.step("bad options", () => {
    assert.throws(
      () => ropeFromConfig(LLAMA31, { seqLen: 0 }),
      /Invalid seqLen: expected an integer >= 1, got 0/,
    );
    assert.throws(
      () => ropeFromConfig(LLAMA31, { seqLenKind: "float64" as "int" }),
      /Invalid seqLenKind/,
    );
  });
});

Deno.test("ropeFromConfig() returns questionable values as warnings, not errors", async (t) => {
  const warns = (config: unknown) => ropeFromConfig(config).warnings.join("\n");
  await t.step("unused keys", () => {
    assert.match(
      warns(withScaling({ type: "yarn", factor: 4, finetuned: true })),
      /config.rope_scaling has key that rope_type "yarn" does not use: "finetuned" \(ignored\)/,
    );
    assert.match(
      warns({
        head_dim: 64,
        rope_parameters: {
          rope_type: "proportional",
          rope_theta: 1e4,
          partial_rotary_factor: 0.5,
          factor: 2,
        },
      }),
      /does not use: "factor"/,
    );
  });
  await t.step("a factor below 1", () => {
    assert.match(
      warns(withScaling({ type: "linear", factor: 0.5 })),
      /factor is 0.5: transformers expects a number >= 1/,
    );
  });
  await t.step("yarn factor vs the two lengths", () => {
    assert.match(
      warns(withScaling({ type: "yarn", factor: 4, original_max_position_embeddings: 2048 })),
      /factor is 4 but max_position_embeddings \/ original_max_position_embeddings is 8/,
    );
    // A ratio of 1 (Qwen2.5-style configs) is exempt, as in HF.
    assert.equal(
      warns(withScaling({ type: "yarn", factor: 4, original_max_position_embeddings: 16384 })),
      "",
    );
  });
  await t.step("yarn betas in the wrong order", () => {
    assert.match(
      warns(withScaling({ type: "yarn", factor: 4, beta_fast: 1, beta_slow: 32 })),
      /beta_fast \(1\) is below beta_slow \(32\)/,
    );
  });
  await t.step("llama3 bands", () => {
    const base = { rope_type: "llama3", factor: 8, original_max_position_embeddings: 8192 };
    assert.match(
      warns(withScaling({ ...base, low_freq_factor: 4, high_freq_factor: 1 })),
      /should be greater than low_freq_factor/,
    );
    assert.match(
      warns(
        withScaling({
          ...base,
          original_max_position_embeddings: 32768,
          low_freq_factor: 1,
          high_freq_factor: 4,
        }),
      ),
      /\(32768\) should be less than max_position_embeddings \(16384\)/,
    );
  });
  await t.step("proportional without partial_rotary_factor", () => {
    assert.match(
      warns({ head_dim: 64, rope_parameters: { rope_type: "proportional", rope_theta: 1e4 } }),
      /no partial_rotary_factor/,
    );
  });
  await t.step("yarn truncate null reads as false", () => {
    const rope = ropeFromConfig(withScaling({ type: "yarn", factor: 4, truncate: null }));
    assert.match(rope.warnings.join("\n"), /truncate is null/);
    assert.deepEqual(
      rope.invFreq,
      yarnScaling(64, { factor: 4, originalMaxPositionEmbeddings: 16384, truncate: false }).invFreq,
    );
  });
});

Deno.test("ropeFromConfig() output is finite for every rope type, at many lengths", () => {
  const lists = { short_factor: new Array(32).fill(1.5), long_factor: new Array(32).fill(8) };
  const scalings = [
    null,
    { type: "linear", factor: 4 },
    { type: "dynamic", factor: 4 },
    { type: "yarn", factor: 4 },
    { type: "longrope", ...lists },
    {
      type: "llama3",
      factor: 8,
      low_freq_factor: 1,
      high_freq_factor: 4,
      original_max_position_embeddings: 2048,
    },
  ];
  for (const scaling of scalings) {
    for (const seqLen of [1, 16384, 16385, 1 << 20]) {
      const rope = ropeFromConfig(withScaling(scaling as Record<string, unknown>), { seqLen });
      assert.ok(
        rope.invFreq.every((v) => Number.isFinite(v) && v > 0),
        `${scaling?.type} ${seqLen}`,
      );
      assert.ok(Number.isFinite(rope.attentionFactor));
    }
  }
});
