import assert from "node:assert/strict";
import { GOLDEN, maxRelDiff, sameBits } from "./_golden.ts";
import { ropeFromConfig, type RopeFromConfigOptions } from "./mod.ts";

function optionsOf(c: (typeof GOLDEN)[number]): RopeFromConfigOptions {
  return {
    ...(c.seq_len === null ? {} : { seqLen: c.seq_len }),
    seqLenKind: c.seq_len_kind === "int" ? "int" : "tensor",
  };
}

const FORMS = ["config_legacy", "config_rope_parameters"] as const;

// Tolerances: invFreq within relative 5e-7 of HF's float32 inv_freq (a few float32 ulps, which
// is what a float64-then-round path can differ by), attentionFactor within relative 1e-6.
Deno.test("ropeFromConfig() matches every golden case in both config forms", async (t) => {
  let bitExact = 0;
  let compared = 0;
  for (const c of GOLDEN) {
    for (const form of FORMS) {
      const config = c[form];
      if (config === null) continue;
      await t.step(`${c.id} (${form})`, () => {
        if (c.validation_error !== null) {
          assert.throws(() => ropeFromConfig(config, optionsOf(c)));
          return;
        }
        const rope = ropeFromConfig(config, optionsOf(c));
        compared++;
        assert.equal(rope.ropeType, c.rope_type);
        assert.equal(rope.headDim, c.derived.head_dim);
        assert.equal(rope.rotaryDim, c.derived.rotary_dim);
        assert.equal(rope.invFreq.length, c.derived.inv_freq_len);
        assert.ok(rope.invFreq.every(Number.isFinite));
        const rel = maxRelDiff(rope.invFreq, c.expected.inv_freq_f32);
        assert.ok(rel <= 5e-7, `invFreq off by rel ${rel}`);
        const af = Math.abs(rope.attentionFactor / c.expected.attention_factor - 1);
        assert.ok(
          af <= 1e-6,
          `attentionFactor ${rope.attentionFactor} vs ${c.expected.attention_factor}`,
        );
        if (
          sameBits(rope.invFreq, c.expected.inv_freq_f32) &&
          rope.attentionFactor === c.expected.attention_factor
        ) bitExact++;
      });
    }
  }
  await t.step("all of them bit for bit", () => {
    const expected = GOLDEN.filter((c) => c.validation_error === null).reduce(
      (n, c) => n + FORMS.filter((form) => c[form] !== null).length,
      0,
    );
    assert.equal(compared, expected);
    assert.ok(compared >= 99);
    assert.equal(bitExact, compared);
  });
});

Deno.test("ropeFromConfig() standardizes legacy configs into HF 5.18's rope_parameters", async (t) => {
  for (const c of GOLDEN) {
    if (c.config_legacy === null || c.validation_error !== null) continue;
    await t.step(c.id, () => {
      const fromLegacy = ropeFromConfig(c.config_legacy, optionsOf(c));
      assert.deepEqual(fromLegacy.ropeParameters, c.config_rope_parameters.rope_parameters);
      const fromNew = ropeFromConfig(c.config_rope_parameters, optionsOf(c));
      assert.deepEqual(fromNew.ropeParameters, c.config_rope_parameters.rope_parameters);
    });
  }
});

// HF's warnings (golden validation_warnings) and ours say the same thing in
// different words: each HF message pattern, with what ours must match.
const MEANINGS: { hf: RegExp; ours: (hf: RegExpExecArray) => RegExp }[] = [
  {
    hf: /factor field must be a float or int >= 1, got None/,
    ours: () => /factor is null: using max_position_embeddings \/ original_max_position_embeddings/,
  },
  {
    hf: /explicitly set RoPE scaling factor .*= None\) does not match/,
    ours: () => /factor is null: using max_position_embeddings \/ original_max_position_embeddings/,
  },
  {
    hf: /factor field must be a float or int >= 1, got ([\d.e+-]+)/,
    ours: (m) => new RegExp(`factor is ${Number(m[1])}: transformers expects a number >= 1`),
  },
  {
    hf: /explicitly set RoPE scaling factor .*= ([\d.]+)\) does not match .*= ([\d.]+)\)/,
    ours: (m) =>
      new RegExp(
        `factor is ${
          Number(m[1])
        } but max_position_embeddings / original_max_position_embeddings is ${Number(m[2])}`,
      ),
  },
  {
    hf: /Please set the `factor` field of `rope_parameters`/,
    ours: () =>
      /factor is missing: using max_position_embeddings \/ original_max_position_embeddings/,
  },
  {
    hf: /Unrecognized keys in `rope_parameters` for 'rope_type'='(\w+)': \{(.*)\}/,
    ours: (m) =>
      new RegExp(
        `rope_type "${m[1]}" does not use: .*${m[2]!.replaceAll("'", '"').split(", ")[0]}`,
      ),
  },
  {
    hf: /beta_fast field must be greater than beta_slow/,
    ours: () => /beta_fast .* is below beta_slow/,
  },
  {
    hf: /high_freq_factor field must be greater than low_freq_factor/,
    ours: () => /high_freq_factor .* should be greater than low_freq_factor/,
  },
  {
    hf: /original_max_position_embeddings field must be an integer/,
    ours: () => /original_max_position_embeddings should be an integer/,
  },
  {
    hf: /original_max_position_embeddings field must be less than max_position_embeddings/,
    ours: () => /original_max_position_embeddings .* should be less than max_position_embeddings/,
  },
  {
    hf: /partial_rotary_factor is None/,
    ours: () => /has no partial_rotary_factor/,
  },
];

// JSON.parse cannot tell 1 from 1.0, so HF's float-only checks on integral
// values are invisible here.
const INVISIBLE = /attention_factor field must be a float greater than 0, got \d+$/;

// Warnings posenc adds on top of HF's (none fire on the golden configs).
const OWN = [
  /has no rope_theta/,
  /an old name of/,
  /head_dim is null/,
  /overrides config\..*partial_rotary_factor/,
  /one entry per layer type/,
  /truncate is (null|ignored)/,
  /is not divisible by num_attention_heads/,
];

Deno.test("ropeFromConfig() warns where HF's validation warns, and only there", async (t) => {
  for (const c of GOLDEN) {
    for (const form of FORMS) {
      const config = c[form];
      if (config === null || c.validation_error !== null) continue;
      await t.step(`${c.id} (${form})`, () => {
        const { warnings } = ropeFromConfig(config, optionsOf(c));
        const explained = new Set<string>();
        for (const message of c.validation_warnings) {
          if (INVISIBLE.test(message)) continue;
          const match = MEANINGS.map((m) => ({ m, exec: m.hf.exec(message) })).find((x) =>
            x.exec !== null
          );
          assert.ok(match, `no known meaning for HF warning: ${message}`);
          const ours = match.m.ours(match.exec!);
          const found = warnings.find((w) => ours.test(w));
          assert.ok(found, `HF warns "${message}", we said ${JSON.stringify(warnings)}`);
          explained.add(found);
        }
        for (const warning of warnings) {
          assert.ok(
            explained.has(warning) || OWN.some((own) => own.test(warning)),
            `we warn "${warning}" where HF does not`,
          );
        }
      });
    }
  }
});
