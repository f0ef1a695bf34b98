// ropeFromConfig on the model-specific RoPE settings: Qwen2-VL / Qwen2.5-VL / Qwen3-VL's
// multimodal sections, Hunyuan's NTK-alpha, Gemma 3's local base, Llama 4's no_rope_layers.
import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { ropeFromConfig } from "./mod.ts";

async function config(name: string): Promise<Record<string, unknown>> {
  const url = new URL(`./testdata/configs/${name}.json`, import.meta.url);
  return JSON.parse(await Deno.readTextFile(url));
}

Deno.test("ropeFromConfig() keeps Qwen2-VL's and Qwen2.5-VL's M-RoPE sections", async (t) => {
  const plain = ropeInvFreq(1000000, 64, 128);
  for (
    const name of [
      "qwen2-vl-7b-instruct",
      "qwen2-vl-7b-instruct-rope-parameters",
      "qwen2.5-vl-7b-instruct",
    ]
  ) {
    await t.step(name, async () => {
      const rope = ropeFromConfig(await config(name));
      assert.equal(rope.ropeType, "default");
      assert.equal(rope.rotaryDim, 128);
      assert.deepEqual(rope.mropeSection, [16, 24, 24]);
      assert.equal(rope.mropeInterleaved, false);
      assert.deepEqual(rope.invFreq, plain); // the sections share plain RoPE's frequencies
      assert.equal(rope.attentionFactor, 1);
      assert.ok(!rope.warnings.some((w) => /does not (use|read)/.test(w)), rope.warnings.join());
      assert.ok(Object.isFrozen(rope.mropeSection));
    });
  }
  await t.step(
    'the legacy type "mrope" is named in a warning, as an alias of default',
    async () => {
      const rope = ropeFromConfig(await config("qwen2-vl-7b-instruct"));
      assert.match(rope.warnings.join("\n"), /"mrope", an old name of "default"/);
      assert.equal(rope.maxPositionEmbeddings, 32768);
      const qwen25 = ropeFromConfig(await config("qwen2.5-vl-7b-instruct"));
      assert.equal(qwen25.maxPositionEmbeddings, 128000);
    },
  );
});

Deno.test("ropeFromConfig() reads Qwen3-VL's interleaved sections under text_config", async (t) => {
  for (const name of ["qwen3-vl-8b-instruct", "qwen3-vl-8b-instruct-rope-parameters"]) {
    await t.step(name, async () => {
      const rope = ropeFromConfig(await config(name));
      assert.equal(rope.ropeType, "default");
      assert.equal(rope.headDim, 128);
      assert.equal(rope.base, 5000000);
      assert.equal(rope.maxPositionEmbeddings, 262144);
      assert.deepEqual(rope.mropeSection, [24, 20, 20]);
      assert.equal(rope.mropeInterleaved, true);
      assert.deepEqual(rope.invFreq, ropeInvFreq(5000000, 64, 128));
      assert.deepEqual(rope.warnings, [
        "config has no head or RoPE keys at the top level: read config.text_config (the language model of a multimodal config); key names below are relative to it",
      ]);
    });
  }
  await t.step("a top level with RoPE keys is read as it is", () => {
    const rope = ropeFromConfig({
      head_dim: 64,
      rope_theta: 10000,
      text_config: { head_dim: 128, rope_theta: 5 },
    });
    assert.equal(rope.headDim, 64);
    assert.deepEqual(rope.warnings, []);
  });
});

Deno.test("ropeFromConfig() checks mrope_section and mrope_interleaved", async (t) => {
  const base = { head_dim: 128, rope_theta: 1000000 };
  const withSection = (scaling: Record<string, unknown>) => ({
    ...base,
    rope_scaling: { rope_type: "default", ...scaling },
  });
  const expected =
    "expected 3 positive integers (rotation pairs for the temporal, height and width axes) that add up to rotaryDim / 2 = 64";
  await t.step("a sum other than rotaryDim / 2", () => {
    assert.throws(() => ropeFromConfig(withSection({ mrope_section: [16, 24, 16] })), {
      name: "RangeError",
      message: `Invalid config.rope_scaling.mrope_section: ${expected}, got [16,24,16] (sum 56)`,
    });
  });
  await t.step("not three positive integers", () => {
    for (const bad of [[32, 32], [16, 24, 24, 0], [16, 24.5, 23.5], [0, 32, 32], "16,24,24", {}]) {
      const prefix = `Invalid config.rope_scaling.mrope_section: ${expected}, got `;
      assert.throws(
        () => ropeFromConfig(withSection({ mrope_section: bad })),
        (e: unknown) => e instanceof TypeError && e.message.startsWith(prefix),
        JSON.stringify(bad),
      );
    }
  });
  await t.step("the sum follows a partial rotary factor", () => {
    const rope = ropeFromConfig(
      withSection({ mrope_section: [8, 12, 12], partial_rotary_factor: 0.5 }),
    );
    assert.equal(rope.rotaryDim, 64);
    assert.deepEqual(rope.mropeSection, [8, 12, 12]);
  });
  await t.step("rope_parameters names its own path", () => {
    assert.throws(
      () => ropeFromConfig({ ...base, rope_parameters: { mrope_section: [1, 2, 3] } }),
      /^RangeError: Invalid config\.rope_parameters\.mrope_section: .* \(sum 6\)$/,
    );
  });
  await t.step('type "mrope" without sections', () => {
    assert.throws(() => ropeFromConfig({ ...base, rope_scaling: { type: "mrope" } }), {
      name: "TypeError",
      message:
        'Invalid config.rope_scaling: missing required key "mrope_section" for rope type "mrope"',
    });
  });
  await t.step("mrope_interleaved must be a boolean", () => {
    assert.throws(
      () => ropeFromConfig(withSection({ mrope_section: [16, 24, 24], mrope_interleaved: 1 })),
      {
        name: "TypeError",
        message: "Invalid config.rope_scaling.mrope_interleaved: expected true or false, got 1",
      },
    );
  });
  await t.step("mrope_interleaved without sections is a warning, not silence", () => {
    const rope = ropeFromConfig(withSection({ mrope_interleaved: true }));
    assert.equal(rope.mropeSection, undefined);
    assert.equal(rope.mropeInterleaved, undefined);
    assert.deepEqual(rope.warnings, [
      "config.rope_scaling.mrope_interleaved is set but there is no mrope_section: ignored (plain RoPE)",
    ]);
  });
  await t.step("plain configs have no M-RoPE fields", () => {
    const rope = ropeFromConfig(base);
    assert.ok(!("mropeSection" in rope) && !("mropeInterleaved" in rope));
    assert.ok(!("ntkAlpha" in rope) && !("localBase" in rope) && !("ropeLayers" in rope));
  });
});

Deno.test("ropeFromConfig() reads Hunyuan's NTK-alpha", async (t) => {
  await t.step("Hunyuan-A13B: base 10000 · 1000^(128/126) at every length", async () => {
    const hunyuan = await config("hunyuan-a13b-instruct");
    const rope = ropeFromConfig(hunyuan);
    assert.equal(rope.ropeType, "dynamic");
    assert.equal(rope.ntkAlpha, 1000);
    assert.equal(rope.base, 10000); // rope_theta, before alpha
    assert.equal(rope.attentionFactor, 1);
    const scaled = 10000 * 1000 ** (128 / 126);
    assert.deepEqual(rope.invFreq, ropeInvFreq(scaled, 64, 128));
    // Independently, in float64: 1 / scaled^(2i / 128), within float32 rounding.
    for (let i = 0; i < 64; i++) {
      const exact = 1 / scaled ** (2 * i / 128);
      assert.ok(Math.abs(rope.invFreq[i]! / exact - 1) < 1e-6, `pair ${i}`);
    }
    assert.deepEqual(rope.warnings, [
      'config.rope_scaling has keys that rope_type "dynamic" does not use: "beta_fast", "beta_slow", "mscale", "mscale_all_dim" (ignored)',
    ]);
    // NTK-alpha does not change with the sequence length (no per-length recomputation).
    const long = ropeFromConfig(hunyuan, { seqLen: 65536 });
    assert.deepEqual(long.invFreq, rope.invFreq);
    assert.match(long.warnings.join("\n"), /seqLen 65536 exceeds max_position_embeddings 32768/);
  });
  await t.step("a factor other than 1 is named as unused", () => {
    const rope = ropeFromConfig({
      head_dim: 64,
      max_position_embeddings: 4096,
      rope_theta: 10000,
      rope_scaling: { type: "dynamic", alpha: 4, factor: 2 },
    });
    assert.deepEqual(rope.invFreq, ropeInvFreq(10000 * 4 ** (64 / 62), 32, 64));
    assert.match(rope.warnings.join("\n"), /factor \(2\) is not used/);
  });
  await t.step("a bad alpha", () => {
    assert.throws(
      () =>
        ropeFromConfig({
          head_dim: 64,
          rope_theta: 10000,
          rope_scaling: { type: "dynamic", alpha: -1, factor: 1 },
        }),
      {
        name: "RangeError",
        message: "Invalid config.rope_scaling.alpha: expected a finite number > 0, got -1",
      },
    );
  });
});

Deno.test("ropeFromConfig() reads Gemma 3's local base for its sliding layers", async (t) => {
  await t.step("gemma-3-1b-it", async () => {
    const rope = ropeFromConfig(await config("gemma-3-1b-it"));
    assert.equal(rope.ropeType, "default");
    assert.equal(rope.base, 1000000);
    assert.deepEqual(rope.invFreq, ropeInvFreq(1000000, 128, 256));
    assert.equal(rope.localBase, 10000);
    assert.deepEqual(rope.localInvFreq, ropeInvFreq(10000, 128, 256));
    assert.deepEqual(rope.warnings, []);
  });
  await t.step("the local base keeps plain RoPE under a scaled global RoPE", () => {
    const rope = ropeFromConfig({
      head_dim: 256,
      rope_theta: 1000000,
      rope_local_base_freq: 10000,
      rope_scaling: { rope_type: "linear", factor: 8 },
    });
    assert.equal(rope.invFreq[1], Math.fround(ropeInvFreq(1000000, 128, 256)[1]! / 8));
    assert.deepEqual(rope.localInvFreq, ropeInvFreq(10000, 128, 256));
  });
  await t.step("a bad value, and the per-layer form", () => {
    assert.throws(
      () => ropeFromConfig({ head_dim: 64, rope_local_base_freq: "10k" }),
      /^RangeError: Invalid config\.rope_local_base_freq: expected a finite number > 0/,
    );
    const rope = ropeFromConfig({
      head_dim: 64,
      layer_types: ["sliding_attention", "full_attention"],
      rope_local_base_freq: 10000,
      rope_parameters: {
        full_attention: { rope_type: "default", rope_theta: 1000000 },
        sliding_attention: { rope_type: "default", rope_theta: 10000 },
      },
    });
    assert.equal(rope.localBase, undefined);
    assert.match(rope.warnings.join("\n"), /rope_local_base_freq is ignored/);
  });
});

Deno.test("ropeFromConfig() exposes Llama 4's no_rope_layers per layer", async (t) => {
  await t.step("Llama 4 Scout: an empty list is every 4th layer without RoPE", async () => {
    const rope = ropeFromConfig(await config("llama-4-scout-17b-16e-instruct"));
    assert.equal(rope.ropeType, "llama3");
    assert.equal(rope.ropeLayers?.length, 48);
    const nope = rope.ropeLayers!.flatMap((uses, i) => uses ? [] : [i]);
    assert.deepEqual(nope, [3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47]);
  });
  await t.step("an explicit list: 1 means the layer uses RoPE", () => {
    const rope = ropeFromConfig({
      head_dim: 64,
      num_hidden_layers: 4,
      no_rope_layers: [1, 0, 1, 1],
    });
    assert.deepEqual(rope.ropeLayers, [true, false, true, true]);
  });
  await t.step("the interval alone", () => {
    const rope = ropeFromConfig({ head_dim: 64, num_hidden_layers: 6, no_rope_layer_interval: 3 });
    assert.deepEqual(rope.ropeLayers, [true, true, false, true, true, false]);
  });
  await t.step("bad lists", () => {
    assert.throws(
      () => ropeFromConfig({ head_dim: 64, num_hidden_layers: 2, no_rope_layers: [1, 2] }),
      {
        name: "TypeError",
        message:
          "Invalid config.no_rope_layers[1]: expected 1 (the layer uses RoPE) or 0 (NoPE), got 2",
      },
    );
    assert.throws(
      () => ropeFromConfig({ head_dim: 64, num_hidden_layers: 3, no_rope_layers: [1, 0] }),
      {
        name: "RangeError",
        message:
          "Invalid config.no_rope_layers: expected one flag per layer (num_hidden_layers = 3), got 2",
      },
    );
    assert.throws(
      () => ropeFromConfig({ head_dim: 64, no_rope_layers: [] }),
      /^TypeError: Invalid config: "no_rope_layers" is empty, .* needs "num_hidden_layers", missing$/,
    );
  });
});

Deno.test("ropeFromConfig() warns on RoPE keys it does not read", () => {
  const rope = ropeFromConfig({
    hidden_size: 4096,
    num_attention_heads: 16,
    rotary_dim: 64, // GPT-J
    rope_interleave: true, // DeepSeek's layout
    rope_theta: 10000,
  });
  assert.deepEqual(rope.warnings, [
    'config has RoPE keys that ropeFromConfig does not read: "rotary_dim", "rope_interleave" (ignored; check that the frequencies match the model)',
  ]);
  // Unused keys inside the RoPE dict are named too.
  const scaled = ropeFromConfig({
    head_dim: 64,
    rope_scaling: { rope_type: "linear", factor: 2, finetuned: true },
  });
  assert.match(scaled.warnings.join("\n"), /does not use: "finetuned" \(ignored\)/);
});

Deno.test("ropeFromConfig() names a top-level rope_theta that the RoPE dict overrides", () => {
  const rope = ropeFromConfig({
    head_dim: 64,
    rope_theta: 10000,
    rope_parameters: { rope_type: "default", rope_theta: 500000 },
  });
  assert.equal(rope.base, 500000);
  assert.deepEqual(rope.warnings, [
    "config.rope_theta (10000) differs from config.rope_parameters.rope_theta (500000): the latter is used, as in transformers",
  ]);
  const same = ropeFromConfig({
    head_dim: 64,
    rope_theta: 500000,
    rope_parameters: { rope_type: "default", rope_theta: 500000 },
  });
  assert.deepEqual(same.warnings, []);
});

Deno.test("ropeFromConfig(): Qwen2-VL's sections and frequencies give transformers' M-RoPE cos", async () => {
  const golden = JSON.parse(
    await Deno.readTextFile(new URL("./testdata/mrope_qwen2_vl_cos.json", import.meta.url)),
  );
  const { mropeSection, base, headDim, interleaved } = golden.args;
  assert.equal(interleaved, false);
  const rope = ropeFromConfig({
    head_dim: headDim,
    rope_theta: base,
    rope_scaling: { type: "mrope", mrope_section: mropeSection },
  });
  assert.deepEqual(rope.mropeSection, mropeSection);
  const [, tokens, dim] = golden.cosShape as number[];
  assert.equal(dim, rope.rotaryDim);
  const pairs = dim! / 2;
  // Contiguous sections: pair j follows the axis whose run of pairs holds it.
  const axisOf = (j: number): number => {
    let end = 0;
    for (let axis = 0; axis < 3; axis++) {
      end += rope.mropeSection![axis]!;
      if (j < end) return axis;
    }
    throw new Error(`pair ${j} outside the sections`);
  };
  let worst = 0;
  for (let s = 0; s < tokens!; s++) {
    for (let c = 0; c < dim!; c++) {
      const j = c % pairs; // rotate_half: columns j and j + pairs share pair j
      const position = golden.positions[axisOf(j)][s];
      const angle = Math.fround(position * rope.invFreq[j]!); // float32, as torch's matmul
      const diff = Math.abs(Math.fround(Math.cos(angle)) - golden.cos[s * dim! + c]);
      worst = Math.max(worst, diff);
    }
  }
  assert.ok(worst <= 2e-6, `largest difference ${worst}`);
});
