// The CLI on the model-specific RoPE settings: M-RoPE sections, NTK-alpha, local base, NoPE layers.
import assert from "node:assert/strict";
import { formatReport, inspectConfig, runCli } from "./cli.ts";

const CONFIGS = new URL("./testdata/configs/", import.meta.url).pathname;

function line(text: string, key: string): string {
  const found = text.split("\n").find((l) => l.startsWith(key.padEnd(17)));
  assert.ok(found !== undefined, `no "${key}" line in:\n${text}`);
  return found.slice(17);
}

Deno.test("CLI shows Qwen2-VL's and Qwen3-VL's M-RoPE sections", async (t) => {
  await t.step("text", async () => {
    const qwen2 = await runCli([`${CONFIGS}qwen2-vl-7b-instruct.json`]);
    assert.equal(qwen2.code, 0);
    assert.equal(
      line(qwen2.stdout, "mrope section"),
      "16, 24, 24 pairs (temporal, height, width; contiguous)",
    );
    assert.match(line(qwen2.stdout, "notes"), /^- M-RoPE: each token has three position ids/);
    const qwen3 = await runCli([`${CONFIGS}qwen3-vl-8b-instruct.json`]);
    assert.equal(
      line(qwen3.stdout, "mrope section"),
      "24, 20, 20 pairs (temporal, height, width; interleaved)",
    );
  });
  await t.step("JSON", async () => {
    const result = await runCli([`${CONFIGS}qwen3-vl-8b-instruct-rope-parameters.json`, "--json"]);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.mropeSection, [24, 20, 20]);
    assert.equal(report.mropeInterleaved, true);
    assert.equal(report.ntkAlpha, undefined);
  });
  await t.step("plain models show none of the model-specific lines", async () => {
    const result = await runCli([`${CONFIGS}llama-3.1-8b.json`]);
    for (const key of ["mrope section", "ntk alpha", "local base", "rope layers"]) {
      assert.ok(!result.stdout.includes(`\n${key.padEnd(17)}`), key);
    }
  });
});

Deno.test("CLI shows Hunyuan's NTK-alpha, Gemma 3's local base and Llama 4's NoPE layers", async () => {
  const hunyuan = await runCli([`${CONFIGS}hunyuan-a13b-instruct.json`]);
  assert.equal(hunyuan.code, 0);
  const scaled = 10000 * 1000 ** (128 / 126);
  assert.equal(
    line(hunyuan.stdout, "ntk alpha"),
    `1000 (base 10000 x 1000^(128/126) = ${scaled.toExponential(3)}, at every length)`,
  );
  // NTK-alpha does not change with the length: no note about dynamic NTK's growing base.
  assert.ok(!/dynamic NTK changes the frequencies/.test(hunyuan.stdout));

  const gemma = await runCli([`${CONFIGS}gemma-3-1b-it.json`]);
  assert.equal(line(gemma.stdout, "local base"), "10000 (sliding-window layers, plain RoPE)");

  const llama4 = await runCli([`${CONFIGS}llama-4-scout-17b-16e-instruct.json`]);
  assert.equal(
    line(llama4.stdout, "rope layers"),
    "36 of 48 (no RoPE in layers 3, 7, 11, 15, 19, 23, 27, 31, 35, 39, 43, 47)",
  );

  const allRotate = formatReport(
    inspectConfig({
      head_dim: 64,
      max_position_embeddings: 4096,
      num_hidden_layers: 2,
      no_rope_layers: [1, 1],
    }),
  );
  assert.equal(line(allRotate, "rope layers"), "2 of 2");
});
