import assert from "node:assert/strict";
import { formatReport, inspectConfig, parseCliArgs, runCli, UsageError } from "./cli.ts";
import { ropeFromConfig } from "./mod.ts";

const CLI = new URL("./cli.ts", import.meta.url).pathname;
const CONFIGS = new URL("./testdata/configs/", import.meta.url).pathname;
const ROOT = new URL("../../", import.meta.url).pathname;

async function spawn(args: string[], cwd?: string) {
  const output = await new Deno.Command(Deno.execPath(), {
    args,
    ...(cwd ? { cwd } : {}),
    stdout: "piped",
    stderr: "piped",
    env: { NO_COLOR: "1" },
  }).output();
  const decoder = new TextDecoder();
  return {
    code: output.code,
    stdout: decoder.decode(output.stdout),
    stderr: decoder.decode(output.stderr),
  };
}

function cli(...args: string[]) {
  return spawn(["run", "--allow-read", CLI, ...args]);
}

Deno.test("parseCliArgs() reads flags in both spellings and rejects the rest", () => {
  const args = parseCliArgs(["c.json", "--target-length=131072", "--seq-len", "5000", "--json"]);
  assert.deepEqual(args, {
    configPath: "c.json",
    targetLength: 131072,
    seqLen: 5000,
    trainLength: undefined,
    layerType: undefined,
    json: true,
    help: false,
  });
  assert.equal(parseCliArgs(["--train-length", "4_096", "c.json"]).trainLength, 4096);
  assert.equal(
    parseCliArgs(["c.json", "--layer-type", "sliding_attention"]).layerType,
    "sliding_attention",
  );
  assert.equal(parseCliArgs(["--help"]).help, true);
  const bad: [string[], RegExp][] = [
    [[], /missing the config.json path/],
    [["a.json", "b.json"], /expected one config.json path, got 2/],
    [["a.json", "--target-length"], /--target-length needs a value/],
    [["a.json", "--target-length", "--json"], /--target-length needs a value/],
    [["a.json", "--target-length", "0"], /whole number of tokens >= 1, got "0"/],
    [["a.json", "--seq-len", "1e5"], /--seq-len expects a whole number/],
    [["a.json", "--train-length", "-5"], /whole number/],
    [["a.json", "--verbose"], /unknown option --verbose/],
  ];
  for (const [argv, message] of bad) {
    assert.throws(
      () => parseCliArgs(argv),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
    );
  }
});

Deno.test("inspectConfig() defaults: target = max_position_embeddings, seq len = target, train = original", async () => {
  const llama = JSON.parse(await Deno.readTextFile(`${CONFIGS}llama-3.1-8b.json`));
  const report = inspectConfig(llama);
  assert.equal(report.targetLength, 131072);
  assert.equal(report.seqLen, 131072);
  assert.equal(report.trainLength, 8192);
  assert.equal(report.trainLengthFrom, "original_max_position_embeddings");
  const overridden = inspectConfig(llama, { targetLength: 65536, trainLength: 131072 });
  assert.equal(overridden.trainLengthFrom, "--train-length");
  assert.equal(overridden.diagnosis.summary.outOfDistributionPairs, 0); // target < train
  // longrope: seq len decides the table; the default (target) uses the long factors.
  const phi = JSON.parse(await Deno.readTextFile(`${CONFIGS}phi-3-mini-128k-instruct.json`));
  const long = inspectConfig(phi, { targetLength: 131072 });
  const short = inspectConfig(phi, { targetLength: 131072, seqLen: 4096 });
  assert.equal(long.diagnosis.summary.outOfDistributionPairs, 0);
  assert.ok(short.diagnosis.summary.outOfDistributionPairs > 0); // short factors cannot reach 128k
  assert.deepEqual(
    long.diagnosis.pairs.map((p) => p.invFreq),
    [...ropeFromConfig(phi, { seqLen: 131072 }).invFreq],
  );
  assert.throws(
    () => inspectConfig({ head_dim: 64 }),
    /no max_position_embeddings to default to; pass --target-length/,
  );
  assert.throws(
    () => inspectConfig({ head_dim: 64 }, { targetLength: 8192 }),
    /no max_position_embeddings to default to; pass --train-length/,
  );
});

Deno.test("formatReport() shows the setup, warnings, one row per pair and the verdict", async () => {
  const phi = JSON.parse(await Deno.readTextFile(`${CONFIGS}phi-3-mini-128k-instruct.json`));
  const text = formatReport(inspectConfig(phi));
  assert.match(text, /^rope type +longrope$/m);
  assert.match(text, /^head dim +96 \(rotary 96, 48 pairs\)$/m);
  assert.match(
    text,
    /^attention factor +1\.1902 \(multiplies cos and sin; attention logits x1\.4167\)$/m,
  );
  assert.match(text, /^train length +4,096 \(original_max_position_embeddings\)$/m);
  assert.match(text, /^warnings +- config\.rope_scaling\.factor is missing/m);
  assert.match(
    text,
    /^notes +- longrope switches to the long factors once the sequence exceeds 4,096 tokens/m,
  );
  const rows = text.split("\n").filter((line) => /^ *\d+ {2}/.test(line));
  assert.equal(rows.length, 48);
  assert.match(rows[0]!, /^ +0 +6\.283 +6\.283 +1 +652 +- +any +periodic$/);
  assert.match(text, /^verdict +In distribution at 131,072 tokens/m);
});

Deno.test("runCli() turns every bad file into one line on stderr and exit code 1", async (t) => {
  const dir = await Deno.makeTempDir();
  try {
    const write = async (name: string, text: string) => {
      await Deno.writeTextFile(`${dir}/${name}`, text);
      return `${dir}/${name}`;
    };
    const cases: [string, string | null, RegExp][] = [
      ["not JSON", "{ rope_theta: 10000 ", /^error: .*not-json\.json is not valid JSON: /],
      [
        "not an object",
        "[1, 2, 3]",
        /^error: .*: Invalid config: expected a config.json object, got \[1, 2, 3\]$/,
      ],
      [
        "missing head information",
        '{"rope_theta": 10000, "max_position_embeddings": 4096}',
        /missing head information/,
      ],
      [
        "missing a required key",
        '{"head_dim": 64, "max_position_embeddings": 4096, "rope_scaling": {"type": "yarn"}}',
        /missing required key "factor" for rope_type "yarn"$/,
      ],
      [
        "an unknown rope type",
        '{"head_dim": 64, "rope_scaling": {"type": "xpos"}}',
        /Unknown rope_type "xpos"/,
      ],
    ];
    for (const [name, text, message] of cases) {
      await t.step(name, async () => {
        const path = await write(
          `${name.replaceAll(" ", "-").replace("JSON", "json")}.json`,
          text!,
        );
        const result = await runCli([path, "--target-length", "8192"]);
        assert.equal(result.code, 1);
        assert.equal(result.stdout, "");
        assert.equal(result.stderr.split("\n").length, 2, result.stderr); // one line + final newline
        assert.match(result.stderr.trimEnd(), message);
      });
    }
    await t.step("a missing file", async () => {
      const result = await runCli([`${dir}/nope.json`]);
      assert.deepEqual(result, {
        code: 1,
        stdout: "",
        stderr: `error: cannot read ${dir}/nope.json: no such file\n`,
      });
    });
    await t.step("a directory", async () => {
      const result = await runCli([dir]);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /^error: cannot read .*: it is a directory\n$/);
    });
    await t.step("bad arguments exit with 2", async () => {
      const result = await runCli(["a.json", "--target-length", "lots"]);
      assert.equal(result.code, 2);
      assert.match(
        result.stderr,
        /^error: --target-length expects a whole number of tokens >= 1, got "lots" \(see --help\)\n$/,
      );
      assert.equal((await runCli(["--help"])).code, 0);
    });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

// What each shipped config must show at 131072 tokens.
const EXPECTED: Record<string, { type: string; head: string; ood: number; text: RegExp[] }> = {
  "qwen2-vl-7b-instruct.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 24,
    text: [/^mrope section +16, 24, 24 pairs \(temporal, height, width; contiguous\)$/m],
  },
  "qwen2-vl-7b-instruct-rope-parameters.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 24,
    text: [/^mrope section +16, 24, 24 pairs \(temporal, height, width; contiguous\)$/m],
  },
  "qwen2.5-vl-7b-instruct.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 18,
    text: [/^mrope section +16, 24, 24 pairs/m, /train length +128,000/],
  },
  "qwen3-vl-8b-instruct.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 0,
    text: [/^mrope section +24, 20, 20 pairs \(temporal, height, width; interleaved\)$/m],
  },
  "qwen3-vl-8b-instruct-rope-parameters.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 0,
    text: [/^mrope section +24, 20, 20 pairs \(temporal, height, width; interleaved\)$/m],
  },
  "hunyuan-a13b-instruct.json": {
    type: "dynamic",
    head: "128 (rotary 128, 64 pairs)",
    ood: 0,
    text: [/^ntk alpha +1000 \(base 10000 x 1000\^\(128\/126\) = 1\.116e\+7, at every length\)$/m],
  },
  "gemma-3-1b-it.json": {
    type: "default",
    head: "256 (rotary 256, 128 pairs)",
    ood: 48,
    text: [/^local base +10000 \(sliding-window layers, plain RoPE\)$/m],
  },
  "llama-4-scout-17b-16e-instruct.json": {
    type: "llama3",
    head: "128 (rotary 128, 64 pairs)",
    ood: 0,
    text: [/^rope layers +36 of 48 \(no RoPE in layers 3, 7, 11, /m, /read config\.text_config/],
  },
  "llama-3.1-8b.json": {
    type: "llama3",
    head: "128 (rotary 128, 64 pairs)",
    ood: 29,
    text: [/train length +8,192/],
  },
  "qwen2-7b-instruct-yarn.json": {
    type: "yarn",
    head: "128 (rotary 128, 64 pairs)",
    ood: 0,
    text: [
      /^attention factor +1\.1386 \(multiplies cos and sin; attention logits x1\.2965\)$/m,
      /train length +32,768/,
    ],
  },
  "phi-3-mini-128k-instruct.json": {
    type: "longrope",
    head: "96 (rotary 96, 48 pairs)",
    ood: 0,
    text: [/^attention factor +1\.1902 \(/m, /factor is missing/],
  },
  "deepseek-v3.json": {
    type: "yarn",
    head: "64 (rotary 64, 32 pairs)",
    ood: 0,
    text: [/^attention factor +1$/m, /softmax scale .* = 1\.87385/],
  },
  "gpt-oss-20b.json": {
    type: "yarn",
    head: "64 (rotary 64, 32 pairs)",
    ood: 0,
    text: [/^attention factor +1\.3466 \(multiplies cos and sin; attention logits x1\.8133\)$/m],
  },
  "mistral-7b-v0.1.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 4,
    text: [/train length +32,768 \(max_position_embeddings\)/],
  },
  "codellama-7b-hf.json": {
    type: "default",
    head: "128 (rotary 128, 64 pairs)",
    ood: 27,
    text: [/^base +1000000$/m],
  },
};

Deno.test("the CLI reports every shipped config (as a subprocess, table and JSON)", async (t) => {
  const files = [...Deno.readDirSync(CONFIGS)].map((e) => e.name).sort();
  assert.deepEqual(files, Object.keys(EXPECTED).sort());
  for (const file of files) {
    await t.step(file, async () => {
      const expected = EXPECTED[file]!;
      const table = await cli(`${CONFIGS}${file}`, "--target-length", "131072");
      assert.equal(table.code, 0, table.stderr);
      assert.equal(table.stderr, "");
      assert.match(table.stdout, new RegExp(`^rope type +${expected.type}$`, "m"));
      assert.match(
        table.stdout,
        new RegExp(`^head dim +${expected.head.replace(/[()]/g, "\\$&")}$`, "m"),
      );
      assert.match(table.stdout, new RegExp(`, ${expected.ood} out of distribution,`));
      for (const pattern of expected.text) assert.match(table.stdout, pattern);
      const json = await cli(`${CONFIGS}${file}`, "--target-length", "131072", "--json");
      assert.equal(json.code, 0, json.stderr);
      const report = JSON.parse(json.stdout);
      assert.equal(report.ropeType, expected.type);
      assert.equal(report.targetLength, 131072);
      assert.equal(report.diagnosis.summary.outOfDistributionPairs, expected.ood);
      const config = JSON.parse(await Deno.readTextFile(`${CONFIGS}${file}`));
      const direct = inspectConfig(config, { targetLength: 131072 });
      assert.deepEqual(
        report.diagnosis.pairs.map((p: { invFreq: number }) => p.invFreq),
        direct.diagnosis.pairs.map((p) => p.invFreq),
      );
      assert.deepEqual(report.warnings, direct.warnings);
    });
  }
});

Deno.test("the CLI process prints one stderr line and exits non-zero on a bad file", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(`${dir}/bad.json`, "not json at all");
    await Deno.writeTextFile(`${dir}/list.json`, "[]");
    await Deno.writeTextFile(
      `${dir}/nokey.json`,
      '{"head_dim": 64, "max_position_embeddings": 8192, "rope_scaling": {"rope_type": "llama3", "factor": 8}}',
    );
    for (
      const [file, message] of [
        ["bad.json", /is not valid JSON/],
        ["list.json", /expected a config.json object, got \[\]/],
        [
          "nokey.json",
          /missing required keys "low_freq_factor", "high_freq_factor" for rope_type "llama3"/,
        ],
        ["missing.json", /cannot read .*missing.json: no such file/],
      ] as const
    ) {
      const result = await cli(`${dir}/${file}`, "--target-length", "8192");
      assert.equal(result.code, 1, file);
      assert.equal(result.stdout, "");
      const lines = result.stderr.trimEnd().split("\n");
      assert.equal(lines.length, 1, result.stderr);
      assert.match(lines[0]!, /^error: /);
      assert.match(lines[0]!, message);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("deno task inspect runs the CLI from the repository root", async () => {
  const result = await spawn(
    ["task", "--quiet", "inspect", "packages/scaling/testdata/configs/gpt-oss-20b.json", "--json"],
    ROOT,
  );
  assert.equal(result.code, 0, result.stderr);
  const report = JSON.parse(result.stdout);
  assert.equal(report.ropeType, "yarn");
  assert.equal(report.targetLength, 131072); // max_position_embeddings
});

Deno.test("runCli() reads per-layer-type rope_parameters with --layer-type", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = `${dir}/gemma-like.json`;
    await Deno.writeTextFile(
      path,
      JSON.stringify({
        head_dim: 256,
        max_position_embeddings: 131072,
        layer_types: ["sliding_attention", "full_attention"],
        rope_parameters: {
          sliding_attention: { rope_type: "default", rope_theta: 10000 },
          full_attention: {
            rope_type: "proportional",
            rope_theta: 1000000,
            partial_rotary_factor: 0.25,
          },
        },
      }),
    );
    const full = await runCli([path, "--train-length", "8192"]);
    assert.equal(full.code, 0, full.stderr);
    assert.match(full.stdout, /^rope type +proportional \(layer type full_attention\)$/m);
    assert.match(full.stdout, /96 static/);
    assert.match(full.stdout, /using "full_attention" \(pass layerType to choose another\)/);
    const sliding = await runCli([
      path,
      "--train-length",
      "8192",
      "--layer-type",
      "sliding_attention",
    ]);
    assert.match(sliding.stdout, /^rope type +default \(layer type sliding_attention\)$/m);
    const wrong = await runCli([path, "--layer-type", "global"]);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /Invalid layerType: .* got "global"\n$/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("importing the CLI module has no side effects", async () => {
  const module = await import("./cli.ts");
  assert.equal(typeof module.runCli, "function");
  assert.match(module.USAGE, /^Usage: /);
});
