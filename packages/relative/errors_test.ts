import assert from "node:assert/strict";
import { tensor, zeros } from "@posenc/tensor";
import {
  shawRelativeIndex,
  shawRelativeLogits,
  shawRelativeValues,
  t5Bias,
  t5Buckets,
  t5RelativeBucket,
} from "./mod.ts";

Deno.test("T5 rejects bad bucketing parameters, naming the argument", () => {
  assert.throws(() => t5RelativeBucket(1, { numBuckets: 31 }), {
    name: "RangeError",
    message: /^Invalid numBuckets: expected an even integer .* got 31$/,
  });
  assert.throws(() => t5RelativeBucket(1, { numBuckets: 2 }), {
    name: "RangeError",
    message: "Invalid numBuckets: expected an integer >= 4, got 2",
  });
  assert.throws(() => t5RelativeBucket(1, { numBuckets: 1, bidirectional: false }), {
    name: "RangeError",
    message: "Invalid numBuckets: expected an integer >= 2, got 1",
  });
  // Odd counts are fine for a decoder (no halves to split).
  assert.equal(t5RelativeBucket(-3, { numBuckets: 7, bidirectional: false, maxDistance: 10 }), 3);
  assert.throws(() => t5RelativeBucket(1, { maxDistance: 8 }), {
    name: "RangeError",
    message: /^Invalid maxDistance: expected an integer > 8 .* got 8$/,
  });
  assert.throws(() => t5RelativeBucket(1, { bidirectional: false, maxDistance: 16 }), {
    message: /^Invalid maxDistance: expected an integer > 16 /,
  });
  assert.throws(() => t5RelativeBucket(1, { maxDistance: 100.5 }), RangeError);
  assert.throws(() => t5RelativeBucket(1, { bidirectional: "yes" as unknown as boolean }), {
    name: "TypeError",
    message: 'Invalid bidirectional: expected true or false, got "yes"',
  });
});

Deno.test("T5 rejects non-integer positions and lengths", () => {
  assert.throws(() => t5RelativeBucket(1.5), {
    name: "RangeError",
    message: /^Invalid relativePosition: expected an integer .* got 1.5$/,
  });
  assert.throws(() => t5RelativeBucket(NaN), { message: /^Invalid relativePosition/ });
  assert.throws(() => t5Buckets(2.5, 3), { message: /^Invalid queryLength/ });
  assert.throws(() => t5Buckets(2, -1), { message: /^Invalid keyLength/ });
  assert.throws(() => t5Buckets(2, 3, { queryOffset: -1 }), { message: /^Invalid queryOffset/ });
});

Deno.test("unknown option keys name the closest valid one", () => {
  assert.throws(() => t5RelativeBucket(1, { max_distance: 64 } as never), {
    name: "TypeError",
    message: /^Invalid options: unknown key "max_distance" \(did you mean "maxDistance"\?/,
  });
  assert.throws(() => t5Buckets(1, 1, { queryOfset: 3 } as never), {
    message: /did you mean "queryOffset"/,
  });
  assert.throws(
    () => t5Bias(zeros([32, 2]), { queryLength: 1, keyLength: 1, numBuckets: 32 } as never),
    { name: "TypeError", message: /unknown key "numBuckets"/ },
  );
  assert.throws(() => shawRelativeIndex(1, 1, { maxRelativePos: 3 } as never), {
    message: /did you mean "maxRelativePosition"/,
  });
});

Deno.test("t5Bias checks the weight's shape", () => {
  assert.throws(() => t5Bias(zeros([32]), { queryLength: 1, keyLength: 1 }), {
    name: "RangeError",
    message: "Invalid weight: expected a tensor of rank 2, got shape [32]",
  });
  assert.throws(() => t5Bias(zeros([31, 4]), { queryLength: 1, keyLength: 1 }), {
    name: "RangeError",
    message: /^Invalid weight: expected shape \[numBuckets, heads\] .* got shape \[31, 4\]$/,
  });
  assert.throws(() => t5Bias({ shape: [2, 2] } as never, { queryLength: 1, keyLength: 1 }), {
    name: "TypeError",
    message: /^Invalid weight/,
  });
  assert.throws(() => t5Bias(zeros([32, 2]), undefined as never), { name: "TypeError" });
  assert.throws(() => t5Bias(zeros([32, 2]), { keyLength: 1 } as never), {
    message: /^Invalid queryLength/,
  });
});

Deno.test("Shaw functions check their tables and options", () => {
  const q = zeros([1, 2, 3, 4]);
  assert.throws(() => shawRelativeIndex(2, 2, {} as never), {
    name: "TypeError",
    message: "Invalid maxRelativePosition: expected an integer in [0, 1073741824], got undefined",
  });
  assert.throws(() => shawRelativeIndex(2, 2, { maxRelativePosition: -1 }), RangeError);
  assert.throws(() => shawRelativeLogits(q, zeros([4, 4]), { keyLength: 3 }), {
    name: "RangeError",
    message:
      /^Invalid keyTable: expected shape \[2 \* maxRelativePosition \+ 1, 4\] .* got shape \[4, 4\]$/,
  });
  assert.throws(() => shawRelativeLogits(q, zeros([5, 3]), { keyLength: 3 }), {
    message: /^Invalid keyTable: .* got shape \[5, 3\]$/,
  });
  assert.throws(() => shawRelativeLogits(zeros([3, 4]), zeros([5, 4]), { keyLength: 3 }), {
    message: /^Invalid q: expected a rank-4 tensor/,
  });
  assert.throws(() => shawRelativeLogits(q, zeros([5, 4]), {} as never), {
    message: /^Invalid keyLength/,
  });
  assert.throws(
    () => shawRelativeLogits(q, zeros([5, 4]), { keyLength: 3, layout: "nchw" as never }),
    {
      message: /^Invalid layout/,
    },
  );
  assert.throws(() => shawRelativeValues(zeros([1, 2, 3]), zeros([5, 4])), {
    message: "Invalid weights: expected a tensor of rank 4, got shape [1, 2, 3]",
  });
  assert.throws(() => shawRelativeValues(zeros([1, 2, 3, 3]), tensor([1, 2], [2, 1])), {
    message: /^Invalid valueTable: /,
  });
  assert.throws(
    () => shawRelativeValues(zeros([1, 2, 3, 3]), zeros([3, 2]), { queryOffset: 0.5 }),
    {
      message: /^Invalid queryOffset/,
    },
  );
});

Deno.test("results over 2 GiB are refused before anything is allocated", () => {
  const limit =
    /expected at most 536870912 elements \(2 GiB\), got 4294967296 elements \(16 GiB\)$/;
  assert.throws(() => t5Buckets(65536, 65536), {
    name: "RangeError",
    message: new RegExp(
      /^Invalid buckets \[queryLength, keyLength\] = \[65536, 65536\]: /.source + limit.source,
    ),
  });
  assert.throws(() => t5Bias(zeros([32, 1]), { queryLength: 65536, keyLength: 65536 }), {
    name: "RangeError",
    message: new RegExp(
      /^Invalid bias \[1, heads, queryLength, keyLength\] = \[1, 1, 65536, 65536\]: /.source +
        limit.source,
    ),
  });
  assert.throws(() => shawRelativeIndex(65536, 65536, { maxRelativePosition: 4 }), {
    name: "RangeError",
    message: /^Invalid index \[queryLength, keyLength\] = \[65536, 65536\]: expected at most/,
  });
  assert.throws(
    () => shawRelativeLogits(zeros([1, 1, 4, 2]), zeros([3, 2]), { keyLength: 2 ** 30 }),
    {
      name: "RangeError",
      message: /^Invalid logits \[batch, heads, queries, keyLength\] = \[1, 1, 4, 1073741824\]: /,
    },
  );
});

Deno.test("option keys: misspellings and shortened names are named, null is refused", () => {
  assert.throws(() => t5Buckets(2, 2, { bidirectonal: false } as never), {
    name: "TypeError",
    message:
      /^Invalid options: unknown key "bidirectonal" \(did you mean "bidirectional"\?\); expected keys among "bidirectional", "numBuckets", "maxDistance", "queryOffset"$/,
  });
  assert.throws(
    () => shawRelativeValues(zeros([1, 1, 1, 1]), zeros([1, 1]), { layuot: "bshd" } as never),
    {
      name: "TypeError",
      message: /did you mean "layout"/,
    },
  );
  assert.throws(() => t5RelativeBucket(1, null as never), {
    name: "TypeError",
    message: "Invalid options: expected an options object, got null",
  });
});
