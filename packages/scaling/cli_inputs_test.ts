// The CLI on the rough edges a new user meets: the default target of a
// config with scaling added, rounding, JSON's missing Infinity, standard
// input, byte-order marks and flag values.
import assert from "node:assert/strict";
import { formatReport, inspectConfig, parseCliArgs, runCli, UsageError } from "./cli.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const CONFIGS = new URL("./testdata/configs/", import.meta.url).pathname;
const QWEN_YARN = `${CONFIGS}qwen2-7b-instruct-yarn.json`;

async function cliWithInput(input: Uint8Array, ...args: string[]) {
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", CLI, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(input);
  await writer.close();
  const output = await child.output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

function line(text: string, key: string): string {
  const found = text.split("\n").find((l) => l.startsWith(key.padEnd(17)));
  assert.ok(found !== undefined, `no "${key}" line in:\n${text}`);
  return found.slice(17);
}

Deno.test("a config with scaling is checked at the length the scaling reaches", async (t) => {
  const qwen = JSON.parse(await Deno.readTextFile(QWEN_YARN));
  await t.step("Qwen2 with YaRN added: 32,768 x 4, not its own max_position_embeddings", () => {
    const report = inspectConfig(qwen);
    assert.equal(report.targetLength, 131072);
    assert.equal(report.seqLen, 131072);
    assert.equal(report.targetLengthFrom, "original_max_position_embeddings x factor");
    assert.equal(report.diagnosis.summary.untouchedPairs, 24); // YaRN keeps the fast pairs
    assert.equal(report.diagnosis.summary.inDistributionLength, 131072);
    const text = formatReport(report);
    assert.equal(
      line(text, "target length"),
      "131,072 (original_max_position_embeddings x factor: the length the scaling reaches; " +
        "--target-length checks another)",
    );
    assert.match(line(text, "verdict"), /^In distribution at 131,072 tokens/);
  });
  await t.step(
    "max_position_embeddings wins when it is larger (Llama 3.1: 131072 > 8192 x 8)",
    async () => {
      const llama = JSON.parse(await Deno.readTextFile(`${CONFIGS}llama-3.1-8b.json`));
      const report = inspectConfig(llama);
      assert.equal(report.targetLength, 131072);
      assert.equal(report.targetLengthFrom, "max_position_embeddings");
      assert.equal(
        line(formatReport(report), "target length"),
        "131,072 (max_position_embeddings)",
      );
    },
  );
  await t.step("an explicit target length is said to be one", () => {
    const report = inspectConfig(qwen, { targetLength: 65536 });
    assert.equal(report.targetLengthFrom, "--target-length");
    assert.equal(line(formatReport(report), "target length"), "65,536 (--target-length)");
  });
});

Deno.test("numbers are rounded for reading, not printed with float32 noise", async (t) => {
  await t.step("attention factor", async () => {
    const result = await runCli([QWEN_YARN]);
    assert.equal(
      line(result.stdout, "attention factor"),
      "1.1386 (multiplies cos and sin; attention logits x1.2965)",
    );
  });
  await t.step("in-distribution lengths: 8,000,000, not 8,000,007", () => {
    const config = {
      head_dim: 128,
      rope_theta: 1e9,
      max_position_embeddings: 8000,
      rope_scaling: { rope_type: "linear", factor: 1000 },
    };
    const text = formatReport(inspectConfig(config, { targetLength: 8_000_000 }));
    assert.match(line(text, "verdict"), /angles stay within training up to 8,000,000 tokens\)\.$/);
    assert.ok(!text.includes("8,000,007"));
  });
});

Deno.test('--json writes Infinity as the string "Infinity", never as null', async () => {
  const result = await runCli([QWEN_YARN, "--json"]);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(!/\bnull\b/.test(result.stdout));
  const report = JSON.parse(result.stdout);
  assert.equal(report.diagnosis.pairs[0].status, "periodic");
  assert.equal(report.diagnosis.pairs[0].inDistributionLength, "Infinity");
  assert.equal(Number(report.diagnosis.pairs[0].inDistributionLength), Infinity);
  assert.equal(report.diagnosis.summary.inDistributionLength, 131072);
  assert.equal(report.targetLengthFrom, "original_max_position_embeddings x factor");
});

Deno.test("boolean flags read =true and =false, and refuse other values", async () => {
  assert.equal(parseCliArgs(["c.json", "--json=false"]).json, false);
  assert.equal(parseCliArgs(["c.json", "--json=true"]).json, true);
  assert.equal(parseCliArgs(["c.json", "--help=false"]).help, false);
  assert.throws(
    () => parseCliArgs(["c.json", "--json=no"]),
    (e: unknown) =>
      e instanceof UsageError &&
      e.message === "--json takes no value (or =true, =false), got --json=no",
  );
  const text = await runCli([QWEN_YARN, "--json=false"]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^config +/);
  assert.throws(() => JSON.parse(text.stdout));
  const bad = await runCli([QWEN_YARN, "--json=0"]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^error: --json takes no value/);
});

Deno.test("the config can come from standard input, with or without a byte-order mark", async (t) => {
  const bytes = await Deno.readFile(QWEN_YARN);
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
  await t.step("- reads standard input", async () => {
    const result = await cliWithInput(bytes, "-", "--json");
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.config, "(stdin)");
    assert.equal(report.ropeType, "yarn");
  });
  await t.step("a byte-order mark on standard input", async () => {
    const result = await cliWithInput(bom, "-");
    assert.equal(result.code, 0, result.stderr);
    assert.equal(line(result.stdout, "config"), "(stdin)");
  });
  await t.step("a byte-order mark in a file", async () => {
    const path = await Deno.makeTempFile({ suffix: ".json" });
    try {
      await Deno.writeFile(path, bom);
      const result = await runCli([path]);
      assert.equal(result.code, 0, result.stderr);
      assert.match(line(result.stdout, "rope type"), /^yarn$/);
    } finally {
      await Deno.remove(path);
    }
  });
  await t.step("bad JSON on standard input is named as such", async () => {
    const result = await cliWithInput(new TextEncoder().encode("{ nope"), "-");
    assert.equal(result.code, 1);
    assert.match(result.stderr, /^error: \(stdin\) is not valid JSON: /);
  });
});

Deno.test("inspectConfig() names the option that is wrong", async () => {
  const qwen = JSON.parse(await Deno.readTextFile(QWEN_YARN));
  for (
    const [options, name] of [
      [{ targetLength: -1 }, "targetLength"],
      [{ seqLen: 0 }, "seqLen"],
      [{ trainLength: 1.5 }, "trainLength"],
    ] as const
  ) {
    assert.throws(() => inspectConfig(qwen, options), {
      name: "RangeError",
      message: new RegExp(`^Invalid ${name}: expected an integer in \\[1, 9007199254740991\\]`),
    });
  }
  assert.throws(() => inspectConfig(qwen, { targetLenght: 4096 } as never), {
    name: "TypeError",
    message: /unknown key "targetLenght" \(did you mean "targetLength"\?\)/,
  });
});
