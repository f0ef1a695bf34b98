import assert from "node:assert/strict";
import { ropeInvFreq } from "./_float32.ts";
import { ntkByPartsScaling, yarnScaling } from "./mod.ts";

Deno.test("ntkByPartsScaling() is YaRN's frequencies with attention factor 1", () => {
  for (const factor of [2, 4, 32]) {
    for (const truncate of [true, false]) {
      const options = {
        base: 500000,
        factor,
        originalMaxPositionEmbeddings: 8192,
        betaFast: 16,
        betaSlow: 2,
        truncate,
      };
      const parts = ntkByPartsScaling(128, options);
      assert.deepEqual(parts.invFreq, yarnScaling(128, options).invFreq);
      assert.equal(parts.attentionFactor, 1);
    }
  }
});

Deno.test("ntkByPartsScaling() moves the ramp with betaFast/betaSlow", () => {
  const plain = ropeInvFreq(10000, 64, 128);
  const untouched = (betaFast: number, betaSlow: number) => {
    const { invFreq } = ntkByPartsScaling(128, {
      factor: 8,
      originalMaxPositionEmbeddings: 4096,
      betaFast,
      betaSlow,
    });
    return invFreq.findIndex((v, i) => v !== plain[i]);
  };
  // More required turns (larger betaFast) protect fewer pairs.
  assert.ok(untouched(64, 1) < untouched(32, 1));
  assert.ok(untouched(32, 1) < untouched(8, 1));
});

Deno.test("ntkByPartsScaling() rejects bad input", () => {
  assert.throws(
    () =>
      ntkByPartsScaling(
        64,
        { factor: 2 } as { factor: number; originalMaxPositionEmbeddings: number },
      ),
    {
      name: "TypeError",
      message: "Invalid originalMaxPositionEmbeddings: expected a finite number > 0, got undefined",
    },
  );
  assert.throws(
    () => ntkByPartsScaling(7, { factor: 2, originalMaxPositionEmbeddings: 4096 }),
    /rotaryDim/,
  );
  assert.throws(
    () => ntkByPartsScaling(64, { factor: -2, originalMaxPositionEmbeddings: 4096 }),
    /factor/,
  );
});
