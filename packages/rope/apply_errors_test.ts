import assert from "node:assert/strict";
import { type Tensor, zeros } from "@posenc/tensor";
import {
  applyRope,
  type ApplyRopeOptions,
  relativeDecayBound,
  type RopeCache,
  ropeCache,
  type RopeFrequencies,
  ropeFrequencies,
} from "./mod.ts";

const frequencies = ropeFrequencies(8);
const x = zeros([2, 3, 5, 8]); // batch 2, heads 3, seq 5, headDim 8

type ErrorName = "TypeError" | "RangeError";

function rejects(run: () => unknown, name: ErrorName, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof Error);
    assert.equal(error.name, name);
    assert.equal(error.message, message);
    return true;
  });
}

function applyRejects(
  options: ApplyRopeOptions,
  name: ErrorName,
  message: string,
  rope: RopeFrequencies | RopeCache = frequencies,
  input: Tensor = x,
): void {
  rejects(() => applyRope(input, rope, options), name, message);
}

Deno.test("applyRope() rejects a bad x", () => {
  const expected = "Invalid x: expected a tensor ({ shape: number[], data: Float32Array }), got";
  rejects(
    () => applyRope([1, 2] as unknown as Tensor, frequencies),
    "TypeError",
    `${expected} [1, 2]`,
  );
  rejects(() => applyRope(null as unknown as Tensor, frequencies), "TypeError", `${expected} null`);
  rejects(
    () =>
      applyRope({ shape: [1, 1, 2, 8], data: Array(16).fill(0) } as unknown as Tensor, frequencies),
    "TypeError",
    `${expected} an object`,
  );
  rejects(
    () => applyRope(zeros([3, 5, 8]), frequencies),
    "RangeError",
    "Invalid x: expected a tensor of rank 4, got shape [3, 5, 8]",
  );
  rejects(
    () => applyRope({ shape: [1, 1, 2, 8], data: new Float32Array(8) }, frequencies),
    "RangeError",
    "Invalid x: shape [1, 1, 2, 8] needs 16 elements, but data has 8",
  );
});

Deno.test("applyRope() rejects bad frequencies", () => {
  const bad = (rope: unknown) => applyRope(x, rope as RopeFrequencies);
  rejects(
    () => bad(null),
    "TypeError",
    "Invalid rope: expected RopeFrequencies ({ invFreq, attentionFactor }) or a RopeCache ({ cos, sin }), got null",
  );
  rejects(
    () => bad({ base: 10000 }),
    "TypeError",
    "Invalid rope: expected RopeFrequencies ({ invFreq, attentionFactor }) or a RopeCache ({ cos, sin }), got an object",
  );
  rejects(
    () => bad({ invFreq: [1, 0.1], attentionFactor: 1 }),
    "TypeError",
    "Invalid rope.invFreq: expected a Float32Array, got [1, 0.1]",
  );
  rejects(
    () => bad({ invFreq: Float32Array.from([1, NaN]), attentionFactor: 1 }),
    "RangeError",
    "Invalid rope.invFreq[1]: expected a finite number >= 0, got NaN",
  );
  rejects(
    () => bad({ invFreq: Float32Array.from([1, -0.5]), attentionFactor: 1 }),
    "RangeError",
    "Invalid rope.invFreq[1]: expected a finite number >= 0, got -0.5",
  );
  rejects(
    () => bad({ invFreq: new Float32Array(0), attentionFactor: 1 }),
    "RangeError",
    "Invalid rope.invFreq: expected at least 1 value, got 0",
  );
  for (const factor of [0, -1, NaN, Infinity]) {
    rejects(
      () => bad({ invFreq: frequencies.invFreq, attentionFactor: factor }),
      "RangeError",
      `Invalid rope.attentionFactor: expected a finite number > 0, got ${factor}`,
    );
  }
  rejects(
    () => bad({ invFreq: frequencies.invFreq }),
    "TypeError",
    "Invalid rope.attentionFactor: expected a finite number > 0, got undefined",
  );
});

Deno.test("applyRope() rejects odd, oversized or inconsistent rotary dims", () => {
  applyRejects(
    { rotaryDim: 7 },
    "RangeError",
    "Invalid rotaryDim: expected an even integer >= 2, got 7",
  );
  applyRejects(
    { rotaryDim: 0 },
    "RangeError",
    "Invalid rotaryDim: expected an integer >= 2, got 0",
  );
  applyRejects(
    { rotaryDim: 16 },
    "RangeError",
    "Invalid rotaryDim: expected 8 (2 × rope.invFreq.length), got 16",
    frequencies,
    zeros([1, 1, 2, 16]),
  );
  applyRejects(
    { rotaryDim: 4 },
    "RangeError",
    "Invalid rotaryDim: expected 8 (2 × rope.cos.shape[1]), got 4",
    ropeCache(frequencies, 8),
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rotaryDim: expected at most headDim = 4 (the last dim of x), got 8 (2 × rope.invFreq.length)",
    frequencies,
    zeros([1, 1, 2, 4]),
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rotaryDim: expected at most headDim = 6 (the last dim of x), got 8 (2 × rope.cos.shape[1])",
    ropeCache(frequencies, 4),
    zeros([1, 1, 2, 6]),
  );
});

Deno.test("applyRope() rejects unknown options", () => {
  applyRejects(
    { layout: "nchw" as "bhsd" },
    "TypeError",
    'Invalid layout: expected one of "bhsd", "bshd", got "nchw"',
  );
  applyRejects(
    { pairing: "neox" as "half" },
    "TypeError",
    'Invalid pairing: expected one of "half", "interleaved", got "neox"',
  );
  applyRejects(
    { angles: "bf16" as "float32" },
    "TypeError",
    'Invalid angles: expected one of "float32", "float64", got "bf16"',
  );
  applyRejects(
    { inPlace: "yes" as unknown as boolean },
    "TypeError",
    'Invalid inPlace: expected a boolean, got "yes"',
  );
  rejects(
    () => applyRope(x, frequencies, null as unknown as ApplyRopeOptions),
    "TypeError",
    "Invalid options: expected an object, got null",
  );
});

Deno.test("applyRope() rejects a bad out", () => {
  applyRejects(
    { out: zeros([2, 3, 5, 8]), inPlace: true },
    "TypeError",
    "Invalid options: expected inPlace or out, not both (inPlace writes into x, out into another tensor)",
  );
  applyRejects(
    { out: zeros([2, 5, 3, 8]) },
    "RangeError",
    "Invalid out: expected shape [2, 3, 5, 8] (x's), got [2, 5, 3, 8]",
  );
  applyRejects(
    { out: { shape: [2, 3, 5, 8], data: new Float64Array(240) } as unknown as Tensor },
    "TypeError",
    "Invalid out: expected a tensor ({ shape: number[], data: Float32Array }), got an object",
  );
  const buffer = new Float32Array(240 + 8);
  const input: Tensor = { shape: [2, 3, 5, 8], data: buffer.subarray(0, 240) };
  applyRejects(
    { out: { shape: [2, 3, 5, 8], data: buffer.subarray(8) } },
    "RangeError",
    "Invalid out: expected data that does not overlap x's (or is exactly x's), got a view that partly overlaps it",
    frequencies,
    input,
  );
});

Deno.test("applyRope() rejects positions of the wrong count or value", () => {
  applyRejects(
    { positions: [1, 2, 3] },
    "RangeError",
    "Invalid positions: expected 5 entries (one per token, shared by the batch) or 10 (batch × seq, row-major), got 3",
  );
  applyRejects(
    { positions: [0, 1, -1, 3, 4] },
    "RangeError",
    "Invalid positions[2]: expected an integer >= 0, got -1",
  );
  applyRejects(
    { positions: [0, 1.5, 2, 3, 4] },
    "RangeError",
    "Invalid positions[1]: expected an integer >= 0, got 1.5",
  );
  applyRejects(
    { positions: [0, 1, 2, NaN, 4] },
    "RangeError",
    "Invalid positions[3]: expected an integer >= 0, got NaN",
  );
  applyRejects(
    { positions: [0, 1, 2, 3, 4, 0, 1, 2, 3, Infinity] },
    "RangeError",
    "Invalid positions[9]: expected an integer >= 0, got Infinity",
  );
  applyRejects(
    { positions: [0, 1, 2, "3", 4] as unknown as number[] },
    "TypeError",
    'Invalid positions[3]: expected an integer >= 0, got "3"',
  );
  applyRejects(
    { positions: 5 as unknown as number[] },
    "TypeError",
    "Invalid positions: expected an array of non-negative integers, got 5",
  );
  applyRejects(
    { positions: [[0, 1, 2, 3, 4], [0, 1, 2, 3, 4]] as unknown as number[] },
    "TypeError",
    "Invalid positions[0]: expected an integer >= 0 (positions are flat: pass [batch, seq] row-major, e.g. positionIds.flat()), got [0, 1, 2, 3, 4]",
  );
  applyRejects(
    { positions: [0, 1, 2, 3, 2 ** 53], angles: "float64" },
    "RangeError",
    "Invalid positions[4]: expected an integer in [0, 2^53 - 1], got 9007199254740992",
  );
});

Deno.test("applyRope() names the bad entry of integer typed-array positions too", () => {
  applyRejects(
    { positions: Int32Array.from([0, 1, 2, -7, 4]) },
    "RangeError",
    "Invalid positions[3]: expected an integer >= 0, got -7",
  );
  applyRejects(
    { positions: Int8Array.from([0, 1, 2, 3, 4, 0, 1, -1, 3, 4]) },
    "RangeError",
    "Invalid positions[7]: expected an integer >= 0, got -1",
  );
  applyRejects(
    { positions: Uint32Array.from([0, 1, 2, 3, 2 ** 24 + 1]) },
    "RangeError",
    'Invalid positions[4]: expected an integer in [0, 16777216] with angles "float32" (a position must stay <= 2^24, the largest integer float32 holds exactly; pass angles: "float64" for larger positions), got 16777217',
  );
});

Deno.test("applyRope() rejects positions beyond 2^24 with float32 angles, and takes them with float64", () => {
  applyRejects(
    { positions: [0, 1, 2, 3, 2 ** 24 + 1] },
    "RangeError",
    'Invalid positions[4]: expected an integer in [0, 16777216] with angles "float32" (a position must stay <= 2^24, the largest integer float32 holds exactly; pass angles: "float64" for larger positions), got 16777217',
  );
  applyRejects(
    { offset: 2 ** 24 - 3 },
    "RangeError",
    'Invalid offset: expected an integer in [0, 16777212] with angles "float32" (the last token\'s position must stay <= 2^24, the largest integer float32 holds exactly; pass angles: "float64" for larger positions), got 16777213',
  );
  // The limit itself is fine, and float64 angles go on.
  applyRope(x, frequencies, { offset: 2 ** 24 - 4 });
  applyRope(x, frequencies, { positions: [0, 1, 2, 3, 2 ** 24 + 1], angles: "float64" });
  applyRope(x, frequencies, { offset: 2 ** 40, angles: "float64" });
});

Deno.test("applyRope() rejects bad offsets, and offset together with positions", () => {
  for (const offset of [-1, 0.5, NaN, Infinity]) {
    applyRejects(
      { offset },
      "RangeError",
      `Invalid offset: expected an integer >= 0, got ${offset}`,
    );
  }
  applyRejects(
    { offset: "3" as unknown as number },
    "TypeError",
    'Invalid offset: expected an integer >= 0, got "3"',
  );
  applyRejects(
    { offset: 2 ** 53 - 3, angles: "float64" },
    "RangeError",
    "Invalid offset: expected an integer in [0, 2^53 - 5] (offset + seq - 1 must be a safe integer), got 9007199254740989",
  );
  applyRejects(
    { positions: [0, 1, 2, 3, 4], offset: 0 },
    "TypeError",
    "Invalid options: expected positions or offset, not both (got positions [0, 1, 2, 3, 4] and offset 0); add the offset to the positions yourself",
  );
});

Deno.test("applyRope() rejects positions a cache does not hold, and leaves x untouched", () => {
  applyRejects(
    {},
    "RangeError",
    "Invalid offset: expected a position the cache holds (positions 0 to 3), got position 4 (offset 0 + token 4)",
    ropeCache(frequencies, 4),
  );
  applyRejects(
    { offset: 6 },
    "RangeError",
    "Invalid offset: expected a position the cache holds (positions 0 to 7), got position 8 (offset 6 + token 2)",
    ropeCache(frequencies, 8),
  );
  applyRejects(
    { offset: 10 },
    "RangeError",
    "Invalid offset: expected a position the cache holds (positions 10 to 12), got position 13 (offset 10 + token 3)",
    ropeCache(frequencies, [10, 11, 12]),
  );
  applyRejects(
    { positions: [0, 1, 2, 3, 4] },
    "RangeError",
    "Invalid positions[4]: expected a position the cache holds (positions [0, 1, 2, 3, 5, 9]), got 4",
    ropeCache(frequencies, [0, 1, 2, 3, 5, 9]),
  );
  const data = Float32Array.from({ length: x.data.length }, (_, i) => i);
  const target = { shape: x.shape, data: data.slice() };
  rejects(
    () => applyRope(target, ropeCache(frequencies, 4), { inPlace: true }),
    "RangeError",
    "Invalid offset: expected a position the cache holds (positions 0 to 3), got position 4 (offset 0 + token 4)",
  );
  assert.deepEqual(target.data, data);
});

Deno.test("applyRope() rejects malformed caches and a conflicting angle precision", () => {
  applyRejects(
    { angles: "float32" },
    "RangeError",
    'Invalid angles: expected "float64" (the precision the cache was built with) or nothing, got "float32"',
    ropeCache(frequencies, 8, { angles: "float64" }),
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rope: expected cos and sin of the same shape, got [8, 4] and [8, 3]",
    { cos: zeros([8, 4]), sin: zeros([8, 3]) },
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rope.cos: expected a tensor of rank 2, got shape [8, 4, 1]",
    { cos: zeros([8, 4, 1]), sin: zeros([8, 4, 1]) },
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rope.cos: expected at least 1 column, got shape [8, 0]",
    { cos: zeros([8, 0]), sin: zeros([8, 0]) },
  );
  const poisoned = { cos: zeros([8, 4]), sin: zeros([8, 4]) };
  poisoned.sin.data[9] = NaN;
  applyRejects(
    {},
    "RangeError",
    "Invalid rope.sin: expected finite values, got NaN at row 2, column 1",
    poisoned,
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rope.positions: expected 8 entries (one per row of cos), got 3",
    { cos: zeros([8, 4]), sin: zeros([8, 4]), positions: new Float64Array(3) },
  );
  applyRejects(
    {},
    "RangeError",
    "Invalid rope.positions[1]: expected an integer >= 0, got -2",
    { cos: zeros([2, 4]), sin: zeros([2, 4]), positions: Float64Array.from([0, -2]) },
  );
  applyRejects(
    {},
    "TypeError",
    'Invalid rope.angles: expected one of "float32", "float64", got "fp8"',
    { cos: zeros([8, 4]), sin: zeros([8, 4]), angles: "fp8" as "float32" },
  );
});

Deno.test("ropeCache() rejects bad arguments", () => {
  rejects(
    () => ropeCache(frequencies, -1),
    "RangeError",
    "Invalid positions: expected an integer >= 0, got -1",
  );
  rejects(
    () => ropeCache(frequencies, 1.5),
    "RangeError",
    "Invalid positions: expected an integer >= 0, got 1.5",
  );
  rejects(
    () => ropeCache(frequencies, 2 ** 24 + 2),
    "RangeError",
    'Invalid positions: expected a count <= 2^24 + 1 with angles "float32" (positions must stay <= 2^24, the largest integer float32 holds exactly; pass angles: "float64" for larger positions), got 16777218',
  );
  rejects(
    () => ropeCache(frequencies, [0, -3]),
    "RangeError",
    "Invalid positions[1]: expected an integer >= 0, got -3",
  );
  rejects(
    () => ropeCache(frequencies, "8" as unknown as number),
    "TypeError",
    'Invalid positions: expected a count or an array of non-negative integers, got "8"',
  );
  rejects(
    () => ropeCache({} as RopeFrequencies, 8),
    "TypeError",
    "Invalid frequencies: expected RopeFrequencies ({ invFreq: Float32Array, attentionFactor: number }), got an object",
  );
  rejects(
    () => ropeCache(frequencies, 8, { angles: "f32" as "float32" }),
    "TypeError",
    'Invalid angles: expected one of "float32", "float64", got "f32"',
  );
});

Deno.test("relativeDecayBound() rejects bad arguments", () => {
  for (const distance of [-1, 1.5]) {
    rejects(
      () => relativeDecayBound(frequencies, distance),
      "RangeError",
      `Invalid maxDistance: expected an integer in [0, 4294967296], got ${distance}`,
    );
  }
  rejects(
    () => relativeDecayBound(frequencies, "3" as unknown as number),
    "TypeError",
    'Invalid maxDistance: expected an integer in [0, 4294967296], got "3"',
  );
  rejects(
    () => relativeDecayBound({ invFreq: new Float64Array(4) } as unknown as RopeFrequencies, 3),
    "TypeError",
    "Invalid frequencies.invFreq: expected a Float32Array, got Float64Array[0, 0, 0, 0]",
  );
});
