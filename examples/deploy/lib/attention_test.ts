import assert from "node:assert/strict";
import { alibiSlopes } from "@posenc/alibi";
import { attentionInputs, computeAttention } from "./attention.ts";
import { parsePanel } from "./params.ts";

const adapter = await navigator.gpu?.requestAdapter().catch(() => null) ?? null;
const inCi = Deno.env.get("CI") === "true";

Deno.test("demo attention panel", async (t) => {
  await t.step("the identity-V read-out gives softmax(q·kᵀ/√d) row by row", async () => {
    const values = parsePanel("attention", { scheme: "none", seq: "12", heads: "2", head: "2" });
    const { q, k } = attentionInputs(values);
    const data = await computeAttention(values, "cpu");
    const d = 64;
    for (let i = 0; i < 12; i++) {
      // Causal: query i sees keys 0..i.
      const logits = Array.from({ length: i + 1 }, (_, j) => {
        let dot = 0;
        for (let x = 0; x < d; x++) {
          dot += q.data[((12 + i) * d) + x]! * k.data[((12 + j) * d) + x]!;
        }
        return dot / Math.sqrt(d);
      });
      const max = Math.max(...logits);
      const exp = logits.map((l) => Math.exp(l - max));
      const total = exp.reduce((a, b) => a + b, 0);
      for (let j = 0; j < 12; j++) {
        const expected = j <= i ? exp[j]! / total : 0;
        const actual = data.weights.values[i * 12 + j]!;
        assert.ok(
          Math.abs(actual - expected) < 1e-6,
          `w[${i}, ${j}] = ${actual}, expected ${expected}`,
        );
      }
    }
  });

  await t.step("ALiBi: heads with gentler slopes look farther", async () => {
    const values = parsePanel("attention", { scheme: "alibi", seq: "48", heads: "8" });
    const { meanDistance } = await computeAttention(values, "cpu");
    const slopes = alibiSlopes(8);
    for (let h = 1; h < 8; h++) {
      assert.ok(slopes[h]! < slopes[h - 1]!);
      assert.ok(meanDistance[h]! > meanDistance[h - 1]!, `head ${h + 1}: ${meanDistance}`);
    }
  });

  await t.step("every scheme gives rows that sum to 1 and no weight on masked keys", async () => {
    for (const scheme of ["none", "rope", "rope-yarn", "alibi", "sinusoidal"]) {
      const data = await computeAttention(parsePanel("attention", { scheme, seq: "16" }), "cpu");
      const w = data.weights.values;
      for (let i = 0; i < 16; i++) {
        const row = w.slice(i * 16, (i + 1) * 16);
        assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-5, `${scheme} row ${i}`);
        assert.ok(row.slice(i + 1).every((v) => v === 0), `${scheme} row ${i} is causal`);
      }
      assert.equal(data.backend, "cpu");
      assert.equal(data.maxDiffFromReference, null);
    }
  });

  await t.step({
    name: "with an adapter the page's path runs the WebGPU kernel, equal to the reference",
    ignore: adapter === null && !inCi,
    async fn() {
      for (const scheme of ["rope-yarn", "alibi"]) {
        const values = parsePanel("attention", { scheme, seq: "32", heads: "4", headDim: "32" });
        const gpu = await computeAttention(values, "auto");
        assert.equal(gpu.backend, "webgpu", gpu.reason ?? "");
        assert.ok(gpu.adapter);
        assert.ok(gpu.maxDiffFromReference! <= 2e-5, `${scheme}: ${gpu.maxDiffFromReference}`);
        const cpu = await computeAttention(values, "cpu");
        const diff = gpu.weights.values.reduce(
          (m, v, i) => Math.max(m, Math.abs(v - cpu.weights.values[i]!)),
          0,
        );
        assert.ok(diff <= 2e-5, `${scheme}: ${diff}`);
      }
    },
  });
});
