import assert from "node:assert/strict";
import { attentionDims, LAYOUTS, tensor, zeros } from "./mod.ts";

Deno.test("attentionDims() reads both layouts", () => {
  const bhsd = attentionDims(zeros([2, 3, 5, 8]));
  assert.deepEqual(bhsd, {
    batch: 2,
    heads: 3,
    seq: 5,
    headDim: 8,
    strides: { batch: 120, heads: 40, seq: 8 },
  });
  const bshd = attentionDims(zeros([2, 5, 3, 8]), "bshd");
  assert.deepEqual(bshd, {
    batch: 2,
    heads: 3,
    seq: 5,
    headDim: 8,
    strides: { batch: 120, heads: 8, seq: 24 },
  });
});

Deno.test("attentionDims() strides address the same element in both layouts", () => {
  const [B, H, S, D] = [2, 3, 4, 5];
  const bhsd = zeros([B, H, S, D]);
  const bshd = zeros([B, S, H, D]);
  const a = attentionDims(bhsd, "bhsd");
  const b = attentionDims(bshd, "bshd");
  for (let bi = 0; bi < B; bi++) {
    for (let h = 0; h < H; h++) {
      for (let s = 0; s < S; s++) {
        for (let d = 0; d < D; d++) {
          const value = ((bi * 10 + h) * 10 + s) * 10 + d;
          bhsd.data[bi * a.strides.batch + h * a.strides.heads + s * a.strides.seq + d] = value;
          bshd.data[bi * b.strides.batch + h * b.strides.heads + s * b.strides.seq + d] = value;
        }
      }
    }
  }
  // Written through strides, each array must equal a direct row-major fill of its own layout.
  assert.equal(bhsd.data[((1 * H + 2) * S + 3) * D + 4], 1234);
  assert.equal(bshd.data[((1 * S + 3) * H + 2) * D + 4], 1234);
});

Deno.test("attentionDims() rejects wrong rank, layouts and non-tensors", () => {
  assert.throws(() => attentionDims(zeros([2, 3, 4])), {
    name: "RangeError",
    message:
      'Invalid tensor: expected a rank-4 tensor [batch, heads, seq, headDim] (layout "bhsd"), got shape [2, 3, 4]',
  });
  assert.throws(() => attentionDims(zeros([1, 1, 1, 1]), "nchw" as "bhsd"), {
    name: "TypeError",
    message: 'Invalid layout: expected one of "bhsd", "bshd", got "nchw"',
  });
  assert.throws(() => attentionDims({ shape: [1, 2, -1, 4] }), /dimension 2 is -1/);
  assert.throws(() => attentionDims([1, 2] as never, "bshd", { name: "k" }), {
    name: "TypeError",
    message: "Invalid k: expected a tensor with a shape, got [1, 2]",
  });
  assert.deepEqual(LAYOUTS, ["bhsd", "bshd"]);
  assert.equal(attentionDims(tensor(new Float32Array(16), [1, 2, 2, 4])).headDim, 4);
});

Deno.test("attentionDims() needs only a shape (tensors held on a GPU)", () => {
  const onDevice = { shape: [1, 4, 7, 32] as const, buffer: "elsewhere" };
  assert.deepEqual(attentionDims(onDevice, "bshd"), {
    batch: 1,
    heads: 7,
    seq: 4,
    headDim: 32,
    strides: { batch: 896, heads: 32, seq: 224 },
  });
});

Deno.test("attentionDims() refuses misspelled options and a name that is not a string", () => {
  assert.throws(() => attentionDims(zeros([1, 1, 1, 1]), "bhsd", { nmae: "q" } as never), {
    name: "TypeError",
    message: /Invalid options: unknown key "nmae" \(did you mean "name"\?\)/,
  });
  assert.throws(() => attentionDims(zeros([1, 1, 1, 1]), "bhsd", { name: 3 } as never), {
    name: "TypeError",
    message: "Invalid name: expected a string, got 3",
  });
});
