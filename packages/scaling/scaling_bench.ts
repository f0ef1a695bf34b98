import { ropeFrequencies } from "@posenc/rope";
import { diagnose, ropeFromConfig } from "./mod.ts";
import { powf32 } from "./_float32.ts";

// Realistic config.json objects (head dim 128 unless the model says otherwise).
const lists = {
  short_factor: Array.from({ length: 48 }, (_, i) => 1 + i / 100),
  long_factor: Array.from({ length: 48 }, (_, i) => 1 + i),
};
const CONFIGS: Record<string, Record<string, unknown>> = {
  default: {
    hidden_size: 4096,
    num_attention_heads: 32,
    rope_theta: 10000,
    max_position_embeddings: 4096,
  },
  linear: {
    hidden_size: 4096,
    num_attention_heads: 32,
    max_position_embeddings: 16384,
    rope_scaling: { type: "linear", factor: 4 },
  },
  dynamic: {
    hidden_size: 4096,
    num_attention_heads: 32,
    max_position_embeddings: 4096,
    rope_scaling: { type: "dynamic", factor: 2 },
  },
  yarn: {
    hidden_size: 3584,
    num_attention_heads: 28,
    max_position_embeddings: 32768,
    rope_theta: 1000000,
    rope_scaling: { type: "yarn", factor: 4, original_max_position_embeddings: 32768 },
  },
  longrope: {
    hidden_size: 3072,
    num_attention_heads: 32,
    max_position_embeddings: 131072,
    original_max_position_embeddings: 4096,
    rope_scaling: { type: "longrope", ...lists },
  },
  llama3: {
    hidden_size: 4096,
    num_attention_heads: 32,
    max_position_embeddings: 131072,
    rope_theta: 500000,
    rope_scaling: {
      rope_type: "llama3",
      factor: 8,
      low_freq_factor: 1,
      high_freq_factor: 4,
      original_max_position_embeddings: 8192,
    },
  },
  proportional: {
    head_dim: 256,
    max_position_embeddings: 8192,
    rope_parameters: {
      rope_type: "proportional",
      rope_theta: 1000000,
      partial_rotary_factor: 0.25,
    },
  },
};

for (const [type, config] of Object.entries(CONFIGS)) {
  Deno.bench({
    group: "ropeFromConfig",
    name: type,
    baseline: type === "default",
    fn: () => {
      ropeFromConfig(config, { seqLen: 100000 });
    },
  });
}

Deno.bench({
  group: "table of 64 float32 powers",
  name: "Math.fround(Math.pow) (correctly rounded, not torch's)",
  baseline: true,
  fn: () => {
    let s = 0;
    for (let i = 0; i < 64; i++) s += Math.fround(Math.pow(500000, Math.fround(i / 64)));
    if (s === 0) throw new Error("unreachable");
  },
});
Deno.bench({
  group: "table of 64 float32 powers",
  name: "powf32 (SLEEF emulation, torch's bits)",
  fn: () => {
    let s = 0;
    for (let i = 0; i < 64; i++) s += powf32(500000, Math.fround(i / 64));
    if (s === 0) throw new Error("unreachable");
  },
});

Deno.bench({
  group: "frequencies, head dim 128",
  name: "@posenc/rope ropeFrequencies",
  baseline: true,
  fn: () => {
    ropeFrequencies(128, { base: 500000 });
  },
});
const llama = ropeFromConfig(CONFIGS.llama3);
Deno.bench({
  group: "frequencies, head dim 128",
  name: "diagnose (64 pairs)",
  fn: () => {
    diagnose(llama, { trainLength: 8192, targetLength: 131072, base: 500000 });
  },
});
