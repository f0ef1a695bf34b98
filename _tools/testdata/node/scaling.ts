// Run under Node by node_test.ts (bundled): @posenc/scaling's mod.ts on a small example.
import { diagnose, linearScaling, ropeFromConfig } from "@posenc/scaling";

const rope = ropeFromConfig({
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
});
const diagnosis = diagnose(rope, { trainLength: 8192, targetLength: 65536, base: 500000 });
console.log(JSON.stringify({
  ropeType: rope.ropeType,
  rotaryDim: rope.rotaryDim,
  invFreq: Array.from(rope.invFreq),
  linear: Array.from(linearScaling(8, { factor: 4 }).invFreq),
  outOfDistributionPairs: diagnosis.summary.outOfDistributionPairs,
}));
