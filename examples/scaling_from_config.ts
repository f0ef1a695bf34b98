/**
 * A model's config.json and the RoPE scaling methods, with @posenc/scaling.
 *
 * Reads a Hugging Face config.json (Llama-3.1-8B's by default), prints what
 * ropeFromConfig finds in it (rope type, head and rotary dims, base,
 * attention factor, warnings), then compares, for the same base, rotary dim
 * and training length, plain RoPE, PI, NTK-aware, Dynamic NTK, YaRN, Llama 3
 * and the config's own frequencies at the target length: how many rotation
 * pairs turn past any angle seen in training (out of distribution), how much
 * the slowest pair is slowed down, and the attention factor (YaRN's
 * temperature on q and k).
 *
 * Run: deno run --allow-read examples/scaling_from_config.ts examples/configs/llama-3.1-8b.json --target-length 131072
 *
 * @module
 */

import { type RopeFrequencies, ropeFrequencies } from "@posenc/rope";
import {
  diagnose,
  dynamicNtkScaling,
  linearScaling,
  llama3Scaling,
  ntkAwareScaling,
  ropeFromConfig,
  yarnScaling,
} from "@posenc/scaling";

const args = [...Deno.args];
const flag = args.indexOf("--target-length");
const targetArg = flag >= 0 ? args.splice(flag, 2)[1] : undefined;
const path = args[0] ?? new URL("./configs/llama-3.1-8b.json", import.meta.url);
const config = JSON.parse(await Deno.readTextFile(path));

const rope = ropeFromConfig(config); // frequencies at the config's own context
console.log(
  `config: ${rope.ropeType}, head dim ${rope.headDim}, rotary dim ${rope.rotaryDim}, ` +
    `base ${rope.base}, attention factor ${rope.attentionFactor.toFixed(4)}`,
);
for (const warning of rope.warnings) console.log(`warning: ${warning}`);

// The context the model was pretrained on, and the one we want.
const trainLength = rope.originalMaxPositionEmbeddings ?? rope.maxPositionEmbeddings!;
const targetLength = Number(targetArg ?? rope.maxPositionEmbeddings ?? 4 * trainLength);
const factor = targetLength / trainLength;
console.log(`trained on ${trainLength} tokens, checked at ${targetLength} (factor ${factor})`);

const { base, rotaryDim } = rope;
const methods: [string, RopeFrequencies][] = [
  [`config (${rope.ropeType})`, ropeFromConfig(config, { seqLen: targetLength })],
  ["plain RoPE", ropeFrequencies(rotaryDim, { base })],
  ["PI (linear)", linearScaling(rotaryDim, { base, factor })],
  ["NTK-aware", ntkAwareScaling(rotaryDim, { base, factor })],
  // Dynamic NTK at the target length, with HF's documented example factor 2.
  [
    "Dynamic NTK",
    dynamicNtkScaling(rotaryDim, {
      base,
      factor: 2,
      maxPositionEmbeddings: trainLength,
      seqLen: targetLength,
    }),
  ],
  ["YaRN", yarnScaling(rotaryDim, { base, factor, originalMaxPositionEmbeddings: trainLength })],
  [
    "Llama 3",
    llama3Scaling(rotaryDim, { base, factor, originalMaxPositionEmbeddings: trainLength }),
  ],
];
console.log(
  `${"method".padEnd(17)} | ${"out-of-distribution pairs".padEnd(25)} | ${
    "slowest pair slowed".padEnd(19)
  } | attention factor`,
);
for (const [name, frequencies] of methods) {
  const { pairs, summary } = diagnose(frequencies, { trainLength, targetLength, base });
  const slowest = `${pairs[pairs.length - 1]!.scale.toFixed(3)}x`;
  const ood = `${summary.outOfDistributionPairs} of ${summary.pairs}`;
  console.log(
    `${name.padEnd(17)} | ${ood.padEnd(25)} | ${slowest.padEnd(19)} | ${
      frequencies.attentionFactor.toFixed(4)
    }`,
  );
}
