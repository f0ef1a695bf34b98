import assert from "node:assert/strict";
import { ropeFrequencies } from "@posenc/rope";
import {
  diagnose,
  dynamicNtkScaling,
  linearScaling,
  llama3Scaling,
  longropeScaling,
  ntkAwareScaling,
  proportionalScaling,
  type RopeFrequencies,
  yarnScaling,
} from "./mod.ts";

const TRAIN = 4096;

function ood(frequencies: RopeFrequencies, targetLength: number, base = 10000): number {
  return diagnose(frequencies, { trainLength: TRAIN, targetLength, base }).summary
    .outOfDistributionPairs;
}

Deno.test("diagnose() shows plain RoPE breaking past its training length", () => {
  const plain = ropeFrequencies(128, { base: 10000 });
  const atTrain = diagnose(plain, { trainLength: TRAIN, targetLength: TRAIN, base: 10000 });
  assert.equal(atTrain.summary.outOfDistributionPairs, 0);
  const past = diagnose(plain, { trainLength: TRAIN, targetLength: 4 * TRAIN, base: 10000 });
  const { summary } = past;
  // Exactly the pairs that never complete a turn in training go out of distribution.
  assert.equal(summary.outOfDistributionPairs, summary.criticalPairs);
  assert.equal(summary.criticalPairs + summary.periodicPairs, 64);
  assert.equal(summary.inDistributionLength, TRAIN);
  assert.equal(summary.maxAngleRatio, 4);
  assert.equal(summary.untouchedPairs, 64);
  for (const pair of past.pairs) {
    assert.equal(pair.scale, 1);
    assert.equal(pair.angleRatio, 4);
    assert.equal(pair.status === "periodic", pair.plainWavelength <= TRAIN);
    assert.equal(pair.status === "periodic", pair.trainRotations >= 1);
  }
  assert.match(
    summary.verdict,
    /18 of 64 pairs \(pairs 46-63\) turn past any angle seen in training/,
  );
  // One token past training is already out of distribution.
  assert.equal(ood(plain, TRAIN + 1), summary.criticalPairs);
});

Deno.test("diagnose(): PI with factor >= target / train has no out-of-distribution pair", () => {
  for (const factor of [2, 4, 8, 32]) {
    const pi = linearScaling(128, { factor });
    assert.equal(ood(pi, factor * TRAIN), 0, `factor ${factor}`);
    assert.equal(ood(pi, factor * TRAIN / 2), 0);
    assert.ok(ood(pi, factor * TRAIN + 1) > 0);
    const report = diagnose(pi, { trainLength: TRAIN, targetLength: factor * TRAIN, base: 10000 });
    assert.equal(report.summary.inDistributionLength, factor * TRAIN);
    assert.equal(report.summary.untouchedPairs, 0);
  }
});

Deno.test("diagnose(): YaRN leaves high frequencies untouched and stays in distribution up to s x train", () => {
  for (const factor of [2, 4, 16, 32]) {
    const yarn = yarnScaling(128, { factor, originalMaxPositionEmbeddings: TRAIN });
    const report = diagnose(yarn, {
      trainLength: TRAIN,
      targetLength: factor * TRAIN,
      base: 10000,
    });
    assert.equal(report.summary.outOfDistributionPairs, 0);
    assert.equal(report.summary.inDistributionLength, factor * TRAIN);
    assert.ok(report.summary.untouchedPairs >= 20);
    for (const pair of report.pairs.slice(0, 20)) {
      assert.equal(pair.scale, 1);
      assert.equal(pair.status, "periodic");
    }
    assert.ok(ood(yarn, 2 * factor * TRAIN) > 0);
  }
});

Deno.test("diagnose(): NTK-aware needs a factor above the extension ratio (YaRN paper §3.1)", () => {
  const target = 8 * TRAIN;
  const ntk = ntkAwareScaling(128, { factor: 8 });
  const report = diagnose(ntk, { trainLength: TRAIN, targetLength: target, base: 10000 });
  assert.equal(report.pairs[0]!.scale, 1); // high frequency untouched
  assert.ok(report.summary.outOfDistributionPairs > 0);
  assert.ok(report.summary.inDistributionLength < target);
  // The lowest pair is divided by exactly the factor, so it alone is fine.
  assert.notEqual(report.pairs[63]!.status, "out-of-distribution");
  let factor = 8;
  while (ood(ntkAwareScaling(128, { factor }), target) > 0) factor *= 1.25;
  assert.ok(factor > 8);
  // Dynamic NTK at the target length behaves like NTK-aware with alpha = f T / L - (f - 1).
  const dynamic = dynamicNtkScaling(128, {
    factor: 2,
    maxPositionEmbeddings: TRAIN,
    seqLen: target,
  });
  assert.equal(
    diagnose(dynamic, { trainLength: TRAIN, targetLength: target, base: 10000 }).pairs[0]!.scale,
    1,
  );
});

Deno.test("diagnose(): Llama 3.1 is in distribution up to factor x original", () => {
  const llama = llama3Scaling(128, {
    base: 500000,
    factor: 8,
    originalMaxPositionEmbeddings: 8192,
  });
  const options = { trainLength: 8192, base: 500000 };
  assert.equal(
    diagnose(llama, { ...options, targetLength: 65536 }).summary.outOfDistributionPairs,
    0,
  );
  const at128k = diagnose(llama, { ...options, targetLength: 131072 });
  assert.equal(at128k.summary.inDistributionLength, 65536);
  assert.equal(at128k.summary.outOfDistributionPairs, 29); // the divided band, pairs 35-63
  assert.deepEqual(at128k.summary.outOfDistribution, Array.from({ length: 29 }, (_, i) => 35 + i));
});

Deno.test("diagnose(): proportional RoPE's zero frequencies are static, never out of distribution", () => {
  const p = proportionalScaling(128, { base: 10000, partialRotaryFactor: 0.25 });
  const report = diagnose(p, { trainLength: TRAIN, targetLength: 1 << 20, base: 10000 });
  assert.equal(report.summary.staticPairs, 48);
  assert.equal(report.summary.criticalPairs, 0); // the 16 rotating pairs are fast
  assert.equal(report.summary.outOfDistributionPairs, 0);
  assert.equal(report.pairs[63]!.wavelength, Infinity);
  assert.match(report.summary.verdict, /Every rotating pair completes a full turn/);
});

Deno.test("diagnose() definitions hold pair by pair", () => {
  const yarn = yarnScaling(64, { factor: 8, originalMaxPositionEmbeddings: TRAIN });
  for (const targetLength of [1000, TRAIN, 20000, 32768, 50000]) {
    const report = diagnose(yarn, { trainLength: TRAIN, targetLength, base: 10000 });
    let previous = 0;
    for (const p of report.pairs) {
      assert.ok(Math.abs(p.wavelength - 2 * Math.PI / p.invFreq) <= 1e-9 * p.wavelength);
      assert.ok(Math.abs(p.trainAngle - TRAIN * p.plainInvFreq) <= 1e-12 * p.trainAngle);
      assert.ok(Math.abs(p.targetAngle - targetLength * p.invFreq) <= 1e-12 * p.targetAngle);
      if (p.status === "in-range" || p.status === "out-of-distribution") {
        assert.equal(p.status === "out-of-distribution", targetLength > p.inDistributionLength);
      }
      assert.ok(p.scale >= previous);
      previous = p.scale;
    }
    // More context never means fewer problem pairs.
    assert.ok(ood(yarn, targetLength) <= ood(yarn, targetLength + 10000));
  }
});

Deno.test("diagnose() rejects bad input", () => {
  const ok = { trainLength: 4096, targetLength: 8192, base: 10000 };
  const plain = ropeFrequencies(8);
  assert.throws(() => diagnose(null as unknown as RopeFrequencies, ok), {
    name: "TypeError",
    message:
      "Invalid frequencies: expected RopeFrequencies with a non-empty Float32Array invFreq, got null",
  });
  assert.throws(
    () => diagnose({ invFreq: [1, 0.1] as unknown as Float32Array, attentionFactor: 1 }, ok),
    /non-empty Float32Array invFreq, got \[1, 0.1\]/,
  );
  assert.throws(
    () => diagnose({ invFreq: new Float32Array(0), attentionFactor: 1 }, ok),
    TypeError,
  );
  assert.throws(
    () => diagnose({ invFreq: new Float32Array([1, NaN]), attentionFactor: 1 }, ok),
    {
      name: "RangeError",
      message: "Invalid frequencies.invFreq[1]: expected a finite number >= 0, got NaN",
    },
  );
  assert.throws(() => diagnose({ ...plain, attentionFactor: NaN }, ok), /attentionFactor/);
  assert.throws(
    () => diagnose(plain, { ...ok, trainLength: 0 }),
    /Invalid trainLength: expected an integer >= 1, got 0/,
  );
  assert.throws(() => diagnose(plain, { ...ok, targetLength: 1.5 }), /Invalid targetLength/);
  assert.throws(() => diagnose(plain, { ...ok, base: -1 }), /Invalid base/);
  assert.throws(
    () => diagnose(plain, { trainLength: 4096, targetLength: 8192 } as typeof ok),
    /Invalid base/,
  );
});

Deno.test("diagnose() reads lengths through float32's rounding: 8,000,000, not 8,000,007", () => {
  // PI by 1000 from 8000 tokens reaches 8e6; float32 frequencies put the
  // scale a few ulps off 1000, and the old floor(x * (1 + 1e-6)) printed 8,000,007.
  const frequencies = linearScaling(128, { factor: 1000, base: 1e9 });
  const report = diagnose(frequencies, { trainLength: 8000, targetLength: 8_000_000, base: 1e9 });
  assert.ok(report.summary.criticalPairs > 0);
  assert.equal(report.summary.outOfDistributionPairs, 0);
  assert.equal(report.summary.inDistributionLength, 8_000_000);
  assert.match(report.summary.verdict, /angles stay within training up to 8,000,000 tokens/);
  // One token more is past it, for the same pairs.
  const beyond = diagnose(frequencies, { trainLength: 8000, targetLength: 8_000_001, base: 1e9 });
  assert.equal(beyond.summary.outOfDistributionPairs, report.summary.criticalPairs);
  // Lengths that are not round stay exact (LongRoPE's per-pair factors).
  const longrope = longropeScaling(4, {
    shortFactor: [1, 1],
    longFactor: [1, 36.92236328125],
    originalMaxPositionEmbeddings: 4096,
    seqLen: 8192,
    factor: 32,
    base: 1e9,
  });
  const exact = diagnose(longrope, { trainLength: 4096, targetLength: 8192, base: 1e9 });
  assert.equal(exact.pairs[1]!.inDistributionLength, 151_234); // 4096 x 36.92236328125
});

Deno.test("diagnose(): the verdict says it measures the original pretraining's angles", () => {
  const { summary } = diagnose(ropeFrequencies(128), {
    trainLength: 8192,
    targetLength: 131072,
    base: 500000,
  });
  assert.match(summary.verdict, /the largest angle of the original pretraining \(8,192 tokens\)/);
  assert.match(summary.verdict, /new to the pretrained model/);
  assert.match(summary.verdict, /Long-context training at the target length .* covers them/);
});
