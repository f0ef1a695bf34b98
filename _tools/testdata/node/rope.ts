// Run under Node by node_test.ts (bundled): @posenc/rope's mod.ts on a small example.
import { relativeDecayBound, ropeFrequencies } from "@posenc/rope";

const frequencies = ropeFrequencies(8);
console.log(JSON.stringify({
  invFreq: Array.from(frequencies.invFreq),
  bound: Array.from(relativeDecayBound(ropeFrequencies(64), 4)),
}));
