// Run under Node by node_test.ts (bundled): @posenc/relative's mod.ts on a small example.
import {
  shawRelativeIndex,
  shawRelativeLogits,
  shawRelativeValues,
  t5Bias,
  t5Buckets,
  t5RelativeBucket,
} from "@posenc/relative";
import { tensor } from "@posenc/tensor";

// 32 buckets, 2 heads: bucket b holds b / 4 for head 0 and -b / 4 for head 1.
const weight = tensor(Array.from({ length: 64 }, (_, i) => (i % 2 ? -1 : 1) * (i >> 1) / 4), [32, 2]);
const table = tensor([1, 0, 0, 1, 1, 1, 2, -1, 0.5, 3], [5, 2]); // Shaw, k = 2, headDim 2
console.log(JSON.stringify({
  encoder: [-3, 0, 3, -20, 50, -1000].map((d) => t5RelativeBucket(d)),
  decoder: Array.from(t5Buckets(1, 5, { bidirectional: false, queryOffset: 4 })),
  bias: Array.from(t5Bias(weight, { queryLength: 2, keyLength: 3 }).data),
  shawIndex: Array.from(shawRelativeIndex(2, 4, { maxRelativePosition: 2 })),
  shawLogits: Array.from(shawRelativeLogits(tensor([1, 2, 3, 4], [1, 1, 2, 2]), table, { keyLength: 4 }).data),
  shawValues: Array.from(shawRelativeValues(tensor([0.5, 0.25, 0.25, 0, 0, 0, 0.5, 0.5], [1, 1, 2, 4]), table).data),
}));
