import assert from "node:assert/strict";
import { sinusoidalTable } from "@posenc/sinusoidal";
import { computeSinusoidal, HEATMAP_ROWS } from "./sinusoidal.ts";

Deno.test("the sinusoidal heatmap averages runs of positions instead of sampling them", async (t) => {
  for (const layout of ["interleaved", "concat"] as const) {
    await t.step(layout, () => {
      const values = { length: 1000, dim: 64, base: 10000, layout };
      const { heatmap } = computeSinusoidal(values);
      assert.equal(heatmap.positions.length, HEATMAP_ROWS);
      assert.equal(heatmap.spans!.reduce((a, b) => a + b, 0), 2000, "every position in one row");
      const table = sinusoidalTable(2000, 64, { layout });
      let worst = 0;
      heatmap.positions.forEach((start, r) => {
        const span = heatmap.spans![r]!;
        for (let d = 0; d < 64; d++) {
          let sum = 0;
          for (let p = start; p < start + span; p++) sum += table.data[p * 64 + d]!;
          worst = Math.max(worst, Math.abs(heatmap.values[r * 64 + d]! - sum / span));
        }
      });
      assert.ok(worst < 1e-5, `row means differ from the package's table by ${worst}`);
      // The fastest dim turns once per 2π tokens: over 7-8 tokens its mean is small.
      // Sampling one position per row showed it at full amplitude, in false bands.
      const fastest = heatmap.positions.map((_, r) => heatmap.values[r * 64]!);
      assert.ok(Math.max(...fastest.map(Math.abs)) < 0.3);
    });
  }
  await t.step("short tables keep one row per position, the package's own", () => {
    const { heatmap } = computeSinusoidal({
      length: 100,
      dim: 32,
      base: 10000,
      layout: "interleaved",
    });
    assert.deepEqual(heatmap.spans, Array(200).fill(1));
    assert.deepEqual(heatmap.values, Array.from(sinusoidalTable(200, 32).data));
  });
});
