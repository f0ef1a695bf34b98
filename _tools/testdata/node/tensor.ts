// Run under Node by node_test.ts (bundled): @posenc/tensor's mod.ts on a small example.
import { maxAbsDiff, randomNormal, tensor } from "@posenc/tensor";

const t = tensor([1, 2, 3, 4], [2, 2]);
const r = randomNormal([4], { seed: 1 });
console.log(JSON.stringify({
  shape: t.shape,
  data: Array.from(t.data),
  random: Array.from(r.data),
  diff: maxAbsDiff(t, tensor([1, 2, 3, 4.5], [2, 2])),
}));
