import { alibiBias, alibiSlopes } from "@posenc/alibi";
import assert from "node:assert/strict";
import { assertAllClose, randomNormal, type Tensor, tensor } from "@posenc/tensor";
import { ropeFrequencies } from "@posenc/rope";
import { attentionReference } from "./mod.ts";

/** Element (b, h, s, d) of a tensor in a layout. */
function at(x: Tensor, layout: "bhsd" | "bshd", b: number, h: number, s: number, d: number) {
  const [, a1, a2, D] = x.shape as [number, number, number, number];
  const index = layout === "bhsd"
    ? ((b * a1 + h) * a2 + s) * D + d
    : ((b * a1 + s) * a2 + h) * D + d;
  return x.data[index]!;
}

/**
 * softmax(scale * Q K^T + bias) V written the obvious way: the full score
 * matrix with -Infinity for masked keys and an explicit bias matrix.
 */
function straightforward(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  o: {
    layout?: "bhsd" | "bshd";
    causal?: boolean;
    scale?: number;
    bias?: (h: number, i: number, j: number) => number;
  } = {},
): Tensor {
  const layout = o.layout ?? "bhsd";
  const [B] = q.shape as [number];
  const H = layout === "bhsd" ? q.shape[1]! : q.shape[2]!;
  const Hk = layout === "bhsd" ? k.shape[1]! : k.shape[2]!;
  const Sq = layout === "bhsd" ? q.shape[2]! : q.shape[1]!;
  const Sk = layout === "bhsd" ? k.shape[2]! : k.shape[1]!;
  const D = q.shape[3]!;
  const scale = o.scale ?? 1 / Math.sqrt(D);
  const out = new Float32Array(q.data.length);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < H; h++) {
      const kh = Math.floor(h / (H / Hk));
      for (let i = 0; i < Sq; i++) {
        const scores: number[] = [];
        for (let j = 0; j < Sk; j++) {
          let s = 0;
          for (let d = 0; d < D; d++) s += at(q, layout, b, h, i, d) * at(k, layout, b, kh, j, d);
          s = scale * s + (o.bias ? o.bias(h, i, j) : 0);
          scores.push(o.causal && j > i + Sk - Sq ? -Infinity : s);
        }
        const max = Math.max(...scores);
        const weights = scores.map((s) => (max === -Infinity ? 0 : Math.exp(s - max)));
        const total = weights.reduce((a, w) => a + w, 0);
        for (let d = 0; d < D; d++) {
          let acc = 0;
          for (let j = 0; j < Sk; j++) acc += weights[j]! * at(v, layout, b, kh, j, d);
          const index = layout === "bhsd"
            ? ((b * H + h) * Sq + i) * D + d
            : ((b * Sq + i) * H + h) * D + d;
          out[index] = total === 0 ? 0 : acc / total;
        }
      }
    }
  }
  return { shape: q.shape, data: out };
}

function rand(shape: number[], seed: number): Tensor {
  return randomNormal(shape, { seed });
}

const tight = { atol: 1e-6, rtol: 0 };

Deno.test("attentionReference equals the straightforward softmax(QK^T)V", async (t) => {
  await t.step("plain, non-causal", () => {
    const [q, k, v] = [rand([2, 3, 5, 8], 1), rand([2, 3, 7, 8], 2), rand([2, 3, 7, 8], 3)];
    assertAllClose(attentionReference(q, k, v), straightforward(q, k, v), tight);
  });
  await t.step("causal, q shorter than k (bottom-right)", () => {
    const [q, k, v] = [rand([1, 2, 3, 4], 4), rand([1, 2, 6, 4], 5), rand([1, 2, 6, 4], 6)];
    const opts = { causal: true };
    assertAllClose(attentionReference(q, k, v, opts), straightforward(q, k, v, opts), tight);
  });
  await t.step("causal, q longer than k: the first rows are zeros", () => {
    const [q, k, v] = [rand([1, 1, 5, 4], 7), rand([1, 1, 2, 4], 8), rand([1, 1, 2, 4], 9)];
    const out = attentionReference(q, k, v, { causal: true });
    assertAllClose(out, straightforward(q, k, v, { causal: true }), tight);
    assert.deepEqual([...out.data.subarray(0, 12)], new Array(12).fill(0));
    assert.ok(out.data.every(Number.isFinite));
  });
  await t.step("ALiBi equals adding @posenc/alibi's bias tensor (causal and symmetric)", () => {
    const [q, k, v] = [rand([1, 12, 5, 8], 30), rand([1, 4, 9, 8], 31), rand([1, 4, 9, 8], 32)];
    const slopes = alibiSlopes(12);
    for (const causal of [true, false]) {
      const bias = alibiBias(12, 5, 9, { mode: causal ? "causal" : "symmetric", slopes });
      // The causal bias carries the mask as -Infinity.
      const fromTensor = straightforward(q, k, v, {
        bias: (h, i, j) => bias.data[(h * 5 + i) * 9 + j]!,
      });
      assertAllClose(
        attentionReference(q, k, v, { causal, alibiSlopes: slopes }),
        fromTensor,
        tight,
      );
    }
  });
  await t.step("ALiBi, causal and not, GQA, bshd, custom scale", () => {
    const slopes = alibiSlopes(6);
    const [q, k, v] = [rand([2, 4, 6, 8], 10), rand([2, 5, 3, 8], 11), rand([2, 5, 3, 8], 12)];
    for (const causal of [false, true]) {
      const bias = (h: number, i: number, j: number) => -slopes[h]! * Math.abs(i + 5 - 4 - j);
      assertAllClose(
        attentionReference(q, k, v, { layout: "bshd", causal, scale: 0.3, alibiSlopes: slopes }),
        straightforward(q, k, v, { layout: "bshd", causal, scale: 0.3, bias }),
        tight,
      );
    }
  });
});

Deno.test("attentionReference has the properties of attention", async (t) => {
  await t.step("each row is a probability distribution over the visible keys", () => {
    // With V = identity (headDim = kSeq, v_j = e_j) the output rows are the weights.
    const Sk = 6;
    const eye = new Float32Array(Sk * Sk);
    for (let j = 0; j < Sk; j++) eye[j * Sk + j] = 1;
    const v = tensor(eye, [1, 1, Sk, Sk]);
    const q = rand([1, 1, 4, Sk], 1);
    const k = rand([1, 1, Sk, Sk], 2);
    const out = attentionReference(q, k, v, { causal: true, alibiSlopes: [0.25] });
    for (let i = 0; i < 4; i++) {
      const row = out.data.subarray(i * Sk, (i + 1) * Sk);
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-6);
      assert.ok(row.every((w) => w >= 0));
      // Query i sits at position i + 2 and sees keys 0..i+2 only: masked weights are exactly 0.
      for (let j = i + 3; j < Sk; j++) assert.equal(row[j], 0);
    }
  });
  await t.step("permuting keys and values together changes nothing (no mask)", () => {
    const [q, k, v] = [rand([1, 2, 3, 4], 3), rand([1, 2, 5, 4], 4), rand([1, 2, 5, 4], 5)];
    const order = [3, 0, 4, 2, 1];
    const permute = (x: Tensor) => {
      const data = new Float32Array(x.data.length);
      for (let h = 0; h < 2; h++) {
        order.forEach((from, to) => {
          data.set(x.data.subarray((h * 5 + from) * 4, (h * 5 + from + 1) * 4), (h * 5 + to) * 4);
        });
      }
      return tensor(data, x.shape);
    };
    assertAllClose(
      attentionReference(q, permute(k), permute(v)),
      attentionReference(q, k, v),
      tight,
    );
  });
  await t.step("causal ALiBi equals Press's key-only bias slope * j (shift invariance)", () => {
    const [q, k, v] = [rand([1, 3, 5, 8], 6), rand([1, 3, 9, 8], 7), rand([1, 3, 9, 8], 8)];
    const slopes = alibiSlopes(3);
    assertAllClose(
      attentionReference(q, k, v, { causal: true, alibiSlopes: slopes }),
      straightforward(q, k, v, { causal: true, bias: (h, _i, j) => slopes[h]! * j }),
      tight,
    );
  });
  await t.step("GQA equals multi-head attention with repeated k/v heads", () => {
    const [q, k, v] = [rand([1, 6, 4, 8], 9), rand([1, 2, 7, 8], 10), rand([1, 2, 7, 8], 11)];
    const repeat = (x: Tensor) => {
      const data = new Float32Array(6 * 7 * 8);
      for (let h = 0; h < 6; h++) {
        data.set(x.data.subarray(Math.floor(h / 3) * 56, Math.floor(h / 3) * 56 + 56), h * 56);
      }
      return tensor(data, [1, 6, 7, 8]);
    };
    const opts = { causal: true, alibiSlopes: alibiSlopes(6) };
    assert.deepEqual(
      attentionReference(q, k, v, opts).data,
      attentionReference(q, repeat(k), repeat(v), opts).data,
    );
  });
  await t.step("a short q equals the last rows of the full causal attention", () => {
    const [q, k, v] = [rand([1, 2, 8, 4], 12), rand([1, 2, 8, 4], 13), rand([1, 2, 8, 4], 14)];
    const rope = { frequencies: ropeFrequencies(4) };
    const full = attentionReference(q, k, v, { causal: true, rope, alibiSlopes: [0.5, 0.1] });
    const last = new Float32Array(2 * 3 * 4);
    for (let h = 0; h < 2; h++) last.set(q.data.subarray((h * 8 + 5) * 4, (h * 8 + 8) * 4), h * 12);
    const part = attentionReference(tensor(last, [1, 2, 3, 4]), k, v, {
      causal: true,
      rope,
      alibiSlopes: [0.5, 0.1],
    });
    for (let h = 0; h < 2; h++) {
      assert.deepEqual(
        part.data.subarray(h * 12, h * 12 + 12),
        full.data.subarray((h * 8 + 5) * 4, (h * 8 + 8) * 4),
      );
    }
  });
  await t.step("bshd is bhsd transposed", () => {
    const [q, k, v] = [rand([2, 3, 4, 8], 15), rand([2, 3, 5, 8], 16), rand([2, 3, 5, 8], 17)];
    const toBshd = (x: Tensor) => {
      const [B, H, S, D] = x.shape as [number, number, number, number];
      const data = new Float32Array(x.data.length);
      for (let b = 0; b < B; b++) {
        for (let h = 0; h < H; h++) {
          for (let s = 0; s < S; s++) {
            data.set(
              x.data.subarray(((b * H + h) * S + s) * D, ((b * H + h) * S + s + 1) * D),
              ((b * S + s) * H + h) * D,
            );
          }
        }
      }
      return tensor(data, [B, S, H, D]);
    };
    const rope = { frequencies: ropeFrequencies(4), pairing: "interleaved" as const };
    const opts = { causal: true, rope, alibiSlopes: alibiSlopes(3) };
    assert.deepEqual(
      attentionReference(toBshd(q), toBshd(k), toBshd(v), { ...opts, layout: "bshd" }).data,
      toBshd(attentionReference(q, k, v, opts)).data,
    );
  });
  await t.step("the scale is applied exactly once", () => {
    const [q, k, v] = [rand([1, 2, 4, 8], 18), rand([1, 2, 6, 8], 19), rand([1, 2, 6, 8], 20)];
    const scaled = tensor(q.data.map((x) => x * 0.5), q.shape);
    assertAllClose(
      attentionReference(q, k, v, { scale: 0.5 }),
      attentionReference(scaled, k, v, { scale: 1 }),
      { atol: 1e-6, rtol: 0 },
    );
    // Default: 1 / sqrt(headDim).
    assertAllClose(
      attentionReference(q, k, v),
      attentionReference(q, k, v, { scale: 1 / Math.sqrt(8) }),
      tight,
    );
  });
  await t.step("RoPE scores depend on relative positions only (offset shift)", () => {
    const [q, k, v] = [rand([1, 2, 5, 16], 21), rand([1, 2, 5, 16], 22), rand([1, 2, 5, 16], 23)];
    const frequencies = ropeFrequencies(16);
    const base = attentionReference(q, k, v, { causal: true, rope: { frequencies } });
    const shifted = attentionReference(q, k, v, {
      causal: true,
      rope: { frequencies, offset: 1000 },
    });
    // float32 angles round differently at 1000: equal to ~1e-5, not bit for bit.
    assertAllClose(shifted, base, { atol: 1e-4, rtol: 0 });
    const explicit = attentionReference(q, k, v, {
      causal: true,
      rope: { frequencies, positions: [1000, 1001, 1002, 1003, 1004] },
    });
    assert.deepEqual(explicit.data, shifted.data);
  });
  await t.step("YaRN's attentionFactor scales only the rotated dims of q and k", () => {
    // At position 0 the rotation is the identity, so cos = factor and sin = 0:
    // the logit is scale * (factor^2 * q_rot·k_rot + q_pass·k_pass).
    const D = 8;
    const R = 4;
    const factor = 1.3;
    const q = rand([1, 1, 1, D], 24);
    const keys = 3;
    const k = rand([1, 1, keys, D], 25);
    const eye = new Float32Array(keys * D);
    for (let j = 0; j < keys; j++) eye[j * D + j] = 1;
    const v = tensor(eye, [1, 1, keys, D]);
    const frequencies = { invFreq: ropeFrequencies(R).invFreq, attentionFactor: factor };
    const out = attentionReference(q, k, v, {
      scale: 0.5,
      rope: { frequencies, positions: [0, 0, 0], queryPositions: [0] },
    });
    const f32 = Math.fround(factor);
    const logit = (j: number) => {
      let rot = 0;
      let pass = 0;
      for (let d = 0; d < D; d++) {
        const product = Math.fround(q.data[d]! * f32) * Math.fround(k.data[j * D + d]! * f32);
        if (d < R) rot += product;
        else pass += q.data[d]! * k.data[j * D + d]!;
      }
      return 0.5 * (rot + pass);
    };
    for (let j = 1; j < keys; j++) {
      const want = logit(j) - logit(0);
      assert.ok(Math.abs(Math.log(out.data[j]! / out.data[0]!) - want) < 1e-5);
    }
    // Scaling the whole logit by factor^2 would be wrong with partial rotary.
    const whole = (j: number) => {
      let dot = 0;
      for (let d = 0; d < D; d++) dot += q.data[d]! * k.data[j * D + d]!;
      return 0.5 * factor * factor * dot;
    };
    assert.ok(Math.abs(Math.log(out.data[1]! / out.data[0]!) - (whole(1) - whole(0))) > 1e-3);
  });
});

Deno.test("attentionReference rejects bad input clearly", async (t) => {
  const q = rand([1, 4, 3, 8], 1);
  const k = rand([1, 2, 3, 8], 2);
  const cases: Array<[string, () => unknown, { name: string; message: string }]> = [
    [
      "batch mismatch",
      () => attentionReference(q, rand([2, 2, 3, 8], 3), rand([2, 2, 3, 8], 3)),
      { name: "RangeError", message: "Invalid k: expected batch 1 (as q), got 2" },
    ],
    [
      "head dim mismatch",
      () => attentionReference(q, k, rand([1, 2, 3, 4], 3)),
      { name: "RangeError", message: "Invalid v: expected head dim 8 (as q), got 4" },
    ],
    [
      "heads not divisible",
      () => attentionReference(rand([1, 5, 3, 8], 1), k, k),
      {
        name: "RangeError",
        message:
          "Invalid k: q has 5 heads, which is not a multiple of k's 2 heads (grouped-query attention needs q heads divisible by k/v heads)",
      },
    ],
    [
      "k/v lengths differ",
      () => attentionReference(q, k, rand([1, 2, 4, 8], 3)),
      { name: "RangeError", message: "Invalid v: expected 3 tokens (as k), got 4" },
    ],
    [
      "unknown layout",
      () => attentionReference(q, k, k, { layout: "nchw" as never }),
      { name: "TypeError", message: 'Invalid layout: expected one of "bhsd", "bshd", got "nchw"' },
    ],
    [
      "scale not finite",
      () => attentionReference(q, k, k, { scale: NaN }),
      { name: "RangeError", message: "Invalid scale: expected a finite number, got NaN" },
    ],
    [
      "causal not a boolean",
      () => attentionReference(q, k, k, { causal: 1 as never }),
      { name: "TypeError", message: "Invalid causal: expected true or false, got 1" },
    ],
    [
      "a slope is NaN",
      () => attentionReference(q, k, k, { alibiSlopes: [1, NaN, 1, 1] }),
      { name: "RangeError", message: "Invalid alibiSlopes[1]: expected a finite number, got NaN" },
    ],
    [
      "rotaryDim disagrees with the frequencies",
      () =>
        attentionReference(q, k, k, { rope: { frequencies: ropeFrequencies(4), rotaryDim: 8 } }),
      {
        name: "RangeError",
        message: "Invalid rope.rotaryDim: expected 4 (2 x the 2 frequencies), got 8",
      },
    ],
    [
      "positions of the wrong count",
      () =>
        attentionReference(q, k, k, {
          rope: { frequencies: ropeFrequencies(4), positions: [0, 1] },
        }),
      {
        name: "RangeError",
        message:
          "Invalid rope.positions: expected 3 positions (one per token) or 3 (batch x tokens), got 2",
      },
    ],
    [
      "a negative position",
      () =>
        attentionReference(q, k, k, {
          rope: { frequencies: ropeFrequencies(4), positions: [0, -1, 2] },
        }),
      {
        name: "RangeError",
        message: "Invalid rope.positions[1]: expected an integer in [0, 16777216], got -1",
      },
    ],
    [
      "q longer than k with RoPE at offset 0",
      () =>
        attentionReference(rand([1, 2, 5, 8], 1), k, k, {
          rope: { frequencies: ropeFrequencies(4) },
        }),
      {
        name: "RangeError",
        message:
          "Invalid rope.offset: q has 5 tokens and k 3, so bottom-right aligned queries would start at position -2; pass rope.offset >= 2 or rope.queryPositions",
      },
    ],
    [
      "frequencies that are not frequencies",
      () => attentionReference(q, k, k, { rope: { frequencies: { invFreq: [1, 2] } as never } }),
      {
        name: "TypeError",
        message:
          "Invalid rope.frequencies: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got an object",
      },
    ],
    [
      "not a tensor",
      () => attentionReference({ shape: [1] } as never, k, k),
      {
        name: "TypeError",
        message:
          "Invalid q: expected a tensor ({ shape: number[], data: Float32Array }), got an object",
      },
    ],
  ];
  for (const [name, run, error] of cases) {
    await t.step(name, () => assert.throws(run, error));
  }
});
