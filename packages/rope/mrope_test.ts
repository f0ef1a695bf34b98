import assert from "node:assert/strict";
import { assertAllClose, randomNormal, tensor } from "@posenc/tensor";
import {
  applyRope,
  mropePositions,
  multimodalRopeCache,
  ropeCache,
  ropeFrequencies,
} from "./mod.ts";

interface MropeCase {
  id: string;
  args: { mropeSection: number[]; base: number; headDim: number; interleaved: boolean };
  positions: number[][];
  q: number[];
  qShape: number[];
  k: number[];
  kShape: number[];
  cos: number[];
  cosShape: number[];
  qOut: number[];
  kOut: number[];
}

// Qwen2VLRotaryEmbedding + apply_multimodal_rotary_pos_emb of transformers (see meta).
const golden = JSON.parse(
  await Deno.readTextFile(new URL("./testdata/mrope_golden.json", import.meta.url)),
) as { cases: MropeCase[] };

Deno.test("multimodalRopeCache + applyRope equal HF's M-RoPE on every golden case", async (t) => {
  assert.ok(golden.cases.length >= 1);
  for (const c of golden.cases) {
    await t.step(c.id, () => {
      const { mropeSection, base, headDim, interleaved } = c.args;
      const frequencies = ropeFrequencies(headDim, { base });
      const cache = multimodalRopeCache(frequencies, c.positions, {
        section: mropeSection,
        interleaved,
      });
      const tokens = c.positions[0]!.length;
      const half = headDim / 2;
      assert.deepEqual(cache.cos.shape, [tokens, half]);
      // HF's cos is [1, tokens, headDim]: the half table repeated for both halves.
      const cosHalves = new Float32Array(tokens * headDim);
      for (let s = 0; s < tokens; s++) {
        for (let i = 0; i < half; i++) {
          cosHalves[s * headDim + i] = cache.cos.data[s * half + i]!;
          cosHalves[s * headDim + half + i] = cache.cos.data[s * half + i]!;
        }
      }
      assertAllClose(cosHalves, c.cos, { atol: 2e-6, rtol: 0 });
      const q = applyRope(tensor(c.q, c.qShape), cache);
      const k = applyRope(tensor(c.k, c.kShape), cache);
      assertAllClose(q, c.qOut, { atol: 2e-6, rtol: 0 });
      assertAllClose(k, c.kOut, { atol: 2e-6, rtol: 0 });
    });
  }
});

Deno.test("mropePositions reproduces the golden layout (text 5, image 1x4x6, text 3)", () => {
  const positions = mropePositions([{ text: 5 }, { image: [1, 4, 6] }, { text: 3 }]);
  assert.deepEqual(positions.map((row) => [...row]), golden.cases[0]!.positions);
});

Deno.test("mropePositions follows get_rope_index", async (t) => {
  await t.step("an image first, two blocks in a row, merge size 1", () => {
    const [tt, h, w] = mropePositions([
      { image: [1, 2, 2], spatialMergeSize: 1 },
      { image: [1, 2, 4] },
      { text: 1 },
    ]);
    // The 2x2 image (merge 1) ends at id 1; the 2x4 image (merge 2: 1x2 tokens) at 2 + 1.
    assert.deepEqual([...tt], [0, 0, 0, 0, 2, 2, 4]);
    assert.deepEqual([...h], [0, 0, 1, 1, 2, 2, 4]);
    assert.deepEqual([...w], [0, 1, 0, 1, 2, 3, 4]);
  });
  await t.step("a Qwen2-VL video: temporal id = frame step", () => {
    const [tt, h, w] = mropePositions([{ text: 1 }, { video: [3, 2, 2] }, { text: 1 }]);
    // 3 frames of 1x1 token; text resumes after the largest id, the temporal 3.
    assert.deepEqual([...tt], [0, 1, 2, 3, 4]);
    assert.deepEqual([...h], [0, 1, 1, 1, 4]);
    assert.deepEqual([...w], [0, 1, 1, 1, 4]);
  });
  await t.step(
    "a Qwen2.5-VL video: trunc(step · secondsPerGrid · tokensPerSecond) in float32",
    () => {
      const [tt] = mropePositions([
        { video: [4, 2, 2], secondsPerGrid: 0.7, tokensPerSecond: 2 },
        { text: 1 },
      ]);
      const expected = [0, 1, 2, 3].map((s) =>
        Math.trunc(Math.fround(Math.fround(s * Math.fround(0.7)) * 2))
      );
      assert.deepEqual([...tt], [...expected, 5]);
      assert.deepEqual(expected, [0, 1, 2, 4]);
    },
  );
  await t.step("bad segments", () => {
    assert.throws(() => mropePositions([{ image: [1, 3, 4] }]), {
      name: "RangeError",
      message: "Invalid segments[0].image[1]: expected a multiple of spatialMergeSize 2, got 3",
    });
    assert.throws(() => mropePositions([{ text: 1.5 }]), {
      message: /^Invalid segments\[0\]\.text: expected an integer >= 0/,
    });
    assert.throws(() => mropePositions([{ image: [1, 4, 4], spatial_merge_size: 2 } as never]), {
      name: "TypeError",
      message:
        /^Invalid segments\[0\]: unknown key "spatial_merge_size" \(did you mean "spatialMergeSize"\?/,
    });
    assert.throws(() => mropePositions([{ video: [2, 4, 4], secondsPerGrid: 1 }]), {
      message: /^Invalid segments\[0\]: expected secondsPerGrid and tokensPerSecond together/,
    });
    assert.throws(() => mropePositions([{ audio: 3 } as never]), TypeError);
  });
});

Deno.test("multimodalRopeCache of text-only ids equals ropeCache", async (t) => {
  const frequencies = ropeFrequencies(128, { base: 1000000 });
  const ids = Array.from({ length: 300 }, (_, i) => 1000 + 7 * i);
  for (const interleaved of [false, true]) {
    await t.step(`interleaved ${interleaved}`, () => {
      const cache = multimodalRopeCache(frequencies, [ids, ids, Int32Array.from(ids)], {
        section: [24, 20, 20],
        interleaved,
      });
      const plain = ropeCache(frequencies, ids);
      assert.deepEqual(cache.cos.data, plain.cos.data);
      assert.deepEqual(cache.sin.data, plain.sin.data);
    });
  }
});

Deno.test("each pair takes its section's axis", async (t) => {
  const frequencies = ropeFrequencies(16, { base: 100 }); // 8 pairs
  const positions = [[3, 9], [40, 41], [500, 700]];
  const axisCaches = positions.map((row) => ropeCache(frequencies, row));
  const check = (section: number[], interleaved: boolean, expectedAxes: number[]) => {
    const cache = multimodalRopeCache(frequencies, positions, { section, interleaved });
    for (let t = 0; t < 2; t++) {
      for (let i = 0; i < 8; i++) {
        const source = axisCaches[expectedAxes[i]!]!;
        assert.equal(cache.cos.data[t * 8 + i], source.cos.data[t * 8 + i]);
        assert.equal(cache.sin.data[t * 8 + i], source.sin.data[t * 8 + i]);
      }
    }
  };
  await t.step("contiguous (Qwen2-VL)", () => check([2, 3, 3], false, [0, 0, 1, 1, 1, 2, 2, 2]));
  await t.step("interleaved (Qwen3-VL)", () => {
    // i % 3 == 1 and i < 3·3 -> height; i % 3 == 2 and i < 3·2 -> width.
    check([3, 3, 2], true, [0, 1, 2, 0, 1, 2, 0, 1]);
  });
  await t.step("applyRope uses row t for token t", () => {
    const cache = multimodalRopeCache(frequencies, positions, { section: [2, 3, 3] });
    const x = randomNormal([1, 1, 2, 16], { seed: 3 });
    const rotated = applyRope(x, cache);
    const manual = new Float32Array(32);
    for (let t = 0; t < 2; t++) {
      for (let i = 0; i < 8; i++) {
        const c = cache.cos.data[t * 8 + i]!;
        const s = cache.sin.data[t * 8 + i]!;
        const a = x.data[t * 16 + i]!;
        const b = x.data[t * 16 + 8 + i]!;
        manual[t * 16 + i] = Math.fround(Math.fround(a * c) - Math.fround(b * s));
        manual[t * 16 + 8 + i] = Math.fround(Math.fround(b * c) + Math.fround(a * s));
      }
    }
    assertAllClose(rotated, manual, { atol: 1e-7, rtol: 0 });
  });
});

Deno.test("multimodalRopeCache rejects bad input, naming the argument", () => {
  const frequencies = ropeFrequencies(16);
  assert.throws(() => multimodalRopeCache(frequencies, [[0], [0], [0]], { section: [2, 3, 2] }), {
    name: "RangeError",
    message: /^Invalid section: expected pair counts summing to rotaryDim \/ 2 = 8/,
  });
  assert.throws(() => multimodalRopeCache(frequencies, [[0], [0], [0]], { section: [4, 4] }), {
    name: "TypeError",
    message: /^Invalid section: expected 3 pair counts/,
  });
  assert.throws(
    () => multimodalRopeCache(frequencies, [[0, 1], [0], [0]], { section: [2, 3, 3] }),
    {
      name: "RangeError",
      message: "Invalid positions[1]: expected 2 ids (as positions[0]), got 1",
    },
  );
  assert.throws(() => multimodalRopeCache(frequencies, [[0], [0.5], [0]], { section: [2, 3, 3] }), {
    message: /^Invalid positions\[1\]\[0\]/,
  });
  assert.throws(() => multimodalRopeCache(frequencies, [[0], [0]], { section: [2, 3, 3] }), {
    name: "TypeError",
    message: /^Invalid positions: expected 3 rows/,
  });
  assert.throws(
    () =>
      multimodalRopeCache(
        frequencies,
        [[0], [0], [0]],
        { section: [2, 3, 3], interleave: true } as never,
      ),
    { name: "TypeError", message: /unknown key "interleave" \(did you mean "interleaved"\?/ },
  );
  assert.throws(
    () => multimodalRopeCache(frequencies, [[0], [0], [0]], undefined as never),
    TypeError,
  );
});
