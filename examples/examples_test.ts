/**
 * Runs every example with the command its header documents (`Run: ...`) and
 * checks that it exits 0 and prints what the header promises, against values
 * computed here from the papers' formulas (not from the examples' code).
 *
 * @module
 */

import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);

interface Run {
  stdout: string;
  stderr: string;
}

/** The `Run: deno ...` line of an example's header, split into arguments. */
async function documentedCommand(file: string): Promise<string[]> {
  const source = await Deno.readTextFile(new URL(file, root));
  const line = source.match(/^ \* Run: (deno .+)$/m)?.[1];
  assert.ok(line, `${file} documents no "Run: deno ..." line`);
  return line.split(/\s+/).slice(1);
}

async function run(
  file: string,
  options: { env?: Record<string, string>; extra?: string[]; after?: string[] } = {},
): Promise<Run> {
  const args = await documentedCommand(file);
  if (options.extra) args.splice(1, 0, ...options.extra); // flags go before the script
  if (options.after) args.push(...options.after); // the script's own arguments
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args,
    cwd: root,
    env: { NO_COLOR: "1", ...options.env },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  const result = { stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
  assert.equal(code, 0, `${args.join(" ")} exited ${code}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** The numbers on the output line that starts with `prefix`. */
function numbers(stdout: string, prefix: string): number[] {
  const line = stdout.split("\n").find((l) => l.startsWith(prefix));
  assert.ok(line !== undefined, `no line starting with ${JSON.stringify(prefix)} in:\n${stdout}`);
  const rest = line.slice(prefix.length);
  return [...rest.matchAll(/-?(?:\d+\.?\d*(?:e[+-]?\d+)?|Infinity)/gi)].map((m) => Number(m[0]));
}

function close(actual: number[], expected: number[], tolerance: number, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: ${actual} vs ${expected}`);
  actual.forEach((a, i) => {
    assert.ok(
      Math.abs(a - expected[i]!) <= tolerance,
      `${what}[${i}]: ${a} vs ${expected[i]} (tolerance ${tolerance})`,
    );
  });
}

Deno.test("examples/sinusoidal_table.ts", async () => {
  const { stdout } = await run("examples/sinusoidal_table.ts");
  const dim = 512;
  const omega = (i: number) => 10000 ** (-2 * i / dim);
  for (let p = 0; p < 4; p++) {
    const expected = [0, 1, 2].flatMap((i) => [Math.sin(p * omega(i)), Math.cos(p * omega(i))]);
    close(numbers(stdout, `PE[${p}, 0..5] = `), expected, 5e-5, `row ${p}`);
  }
  let relative = 0;
  for (let i = 0; i < dim / 2; i++) relative += Math.cos(5 * omega(i));
  close(
    numbers(stdout, "PE(p)·PE(p+5) for p = 0, 100, 100000: "),
    [relative, relative, relative],
    2e-3,
    "dot",
  );
  const [error] = numbers(stdout, "max |R(5)·PE(p) − PE(p+5)| over 64 positions: ");
  assert.ok(error! < 1e-6, `rotation error ${error}`);
  let slow = 0;
  for (let i = 0; i < dim / 2; i++) if (2 * Math.PI / omega(i) > 512) slow++;
  assert.deepEqual(
    numbers(stdout, "frequency pairs that never complete a turn in 512 positions: "),
    [slow, dim / 2],
  );
});

Deno.test("examples/rope_relative_position.ts", async () => {
  const { stdout } = await run("examples/rope_relative_position.ts");
  // q·R((n − m)θ)k summed over "half" pairs (i, i + 64), in float64, from the same seeded vectors.
  const { randomNormal } = await import("@posenc/tensor");
  const q = randomNormal([128], { seed: 1 }).data;
  const k = randomNormal([128], { seed: 2 }).data;
  let expected = 0;
  for (let i = 0; i < 64; i++) {
    const phi = 7 * 10000 ** (-2 * i / 128);
    const [qa, qb, ka, kb] = [q[i]!, q[i + 64]!, k[i]!, k[i + 64]!];
    expected += (qa * ka + qb * kb) * Math.cos(phi) + (qb * ka - qa * kb) * Math.sin(phi);
  }
  const prefix = (angles: string) =>
    `score(q at m, k at m+7), ${angles} angles, m = 0, 100, 100000: `;
  close(numbers(stdout, prefix("float64")), [expected, expected, expected], 1e-4, "float64 scores");
  const float32 = numbers(stdout, prefix("float32"));
  close(float32.slice(0, 2), [expected, expected], 1e-3, "float32 scores near 0");
  // At m = 1e5 float32 angles are off by up to ~1e5 · 2^-24 rad per pair: visible, bounded.
  assert.ok(
    Math.abs(float32[2]! - expected) < 0.5,
    `float32 at m = 1e5: ${float32[2]} vs ${expected}`,
  );
  const [before, after] = numbers(stdout, "|q| = ").filter((_, i) => i !== 1);
  assert.ok(Math.abs(before! - after!) < 1e-5, `norms ${before} and ${after}`);
});

Deno.test("examples/alibi_12_heads.ts", async () => {
  const { stdout } = await run("examples/alibi_12_heads.ts");
  const slopes = [
    ...Array.from({ length: 8 }, (_, h) => 2 ** -(h + 1)),
    ...[0.5, 1.5, 2.5, 3.5].map((e) => 2 ** -e),
  ];
  close(numbers(stdout, "slopes: "), slopes, 1e-6, "slopes");
  for (const head of [1, 9, 12]) {
    const expected = [5, 4, 3, 2, 1, 0].map((d) => -slopes[head - 1]! * d);
    close(
      numbers(stdout, `head ${String(head).padStart(2)} last row: `),
      expected,
      1e-4,
      `head ${head}`,
    );
  }
  close(
    numbers(stdout, "decode step, head 12:  "),
    [5, 4, 3, 2, 1, 0].map((d) => -slopes[11]! * d),
    1e-4,
    "decode row",
  );
});

Deno.test("examples/t5_decoder_bias.ts", async () => {
  const { stdout } = await run("examples/t5_decoder_bias.ts");
  // T5's decoder bucket (Raffel et al.): 16 exact buckets, then 16 logarithmic ones up to 128.
  const bucket = (d: number) =>
    d < 16 ? d : Math.min(31, 16 + Math.floor(Math.log(d / 16) / Math.log(128 / 16) * 16));
  const distances = numbers(stdout, "distances: ");
  assert.equal(distances.length, 10);
  close(numbers(stdout, "decoder buckets: "), distances.map(bucket), 0, "buckets");
  // Head 2's weight gives bucket b the bias -2b/8; the new token at 11 sees keys 11 - j back.
  const row = Array.from({ length: 12 }, (_, j) => -2 * bucket(11 - j) / 8);
  close(numbers(stdout, "decode step, head 2: "), row, 5e-4, "decode row");
  close(numbers(stdout, "full bias last row, head 2: "), row, 5e-4, "full row");
  close(numbers(stdout, "max |decode step - last row| over heads: "), [0], 0, "difference");
});

Deno.test("examples/qwen2_vl_positions.ts", async () => {
  const { stdout } = await run("examples/qwen2_vl_positions.ts");
  // 3 text tokens, a 2 x 3 token image starting at id 3, text resuming at 3 + max(0, 1, 2) + 1.
  const image = Array.from({ length: 6 }, (_, i) => [3, 3 + Math.floor(i / 3), 3 + (i % 3)]);
  const text = [0, 1, 2];
  const after = [6, 7, 8, 9];
  for (const [axis, label] of ["temporal ids: ", "height ids:   ", "width ids:    "].entries()) {
    close(numbers(stdout, label), [...text, ...image.map((ids) => ids[axis]!), ...after], 0, label);
  }
  close(numbers(stdout, "next decoding position: "), [10], 0, "next");
  // Pair i turns by id · base^(-2i/d): pair 0 by the temporal id 3, pair 16 by the row 4,
  // pair 40 by the column 5 (mrope_section [16, 24, 24]).
  const invFreq = (i: number) => 1000000 ** (-2 * i / 128);
  const angles = numbers(stdout, "last image token (ids 3, 4, 5): angles of pairs 0, 16, 40: ");
  close(angles.slice(-3), [3 * invFreq(0), 4 * invFreq(16), 5 * invFreq(40)], 2e-6, "angles");
  close(numbers(stdout, "text tokens: max |M-RoPE - RoPE at their ids|: "), [0], 0, "text");
});

/** The row of the comparison table that starts with `name`. */
function tableRow(stdout: string, name: string): number[] {
  return numbers(stdout, `${name.padEnd(17)} | `);
}

Deno.test("examples/scaling_from_config.ts", async () => {
  const { stdout } = await run("examples/scaling_from_config.ts");
  assert.match(
    stdout,
    /^config: llama3, head dim 128, rotary dim 128, base 500000, attention factor 1\.0000$/m,
  );
  assert.match(stdout, /^trained on 8192 tokens, checked at 131072 \(factor 16\)$/m);
  // Critical pairs: wavelength 2π·base^(2i/d) longer than the 8192 training tokens.
  let critical = 0;
  for (let i = 0; i < 64; i++) if (2 * Math.PI * 500000 ** (2 * i / 128) > 8192) critical++;
  // [out-of-distribution pairs, pairs, slowest pair's slowdown, attention factor]
  close(tableRow(stdout, "plain RoPE"), [critical, 64, 1, 1], 1e-3, "plain RoPE");
  close(tableRow(stdout, "PI (linear)"), [0, 64, 16, 1], 1e-3, "PI");
  close(
    tableRow(stdout, "config (llama3)").slice(1),
    [64, 8, 1],
    1e-3,
    "the config's llama3 factor 8",
  );
  close(tableRow(stdout, "Llama 3"), [0, 64, 16, 1], 1e-3, "Llama 3 at factor 16");
  const yarn = tableRow(stdout, "YaRN");
  close(yarn, [0, 64, 16, 0.1 * Math.log(16) + 1], 1e-3, "YaRN");
  // NTK-aware at the extension ratio under-scales the slow pairs: some stay out of distribution.
  assert.ok(tableRow(stdout, "NTK-aware")[0]! > 0);
});

const adapter = await navigator.gpu?.requestAdapter().catch(() => null) ?? null;
const inCi = Deno.env.get("CI") === "true";
const gpuEnv = { XDG_RUNTIME_DIR: Deno.env.get("XDG_RUNTIME_DIR") ?? "/tmp" };

Deno.test({
  name: "examples/attention_gpu_yarn.ts",
  // Without an adapter it can only fail; in CI (which has Mesa) that failure must show.
  ignore: adapter === null && !inCi,
  async fn() {
    const { stdout } = await run("examples/attention_gpu_yarn.ts", { env: gpuEnv });
    assert.match(stdout, /^adapter: \S/m);
    assert.match(stdout, /^output shape: \[1, 8, 256, 64\]$/m);
    close(
      numbers(stdout, "YaRN attention factor: "),
      [0.1 * Math.log(32) + 1],
      1e-6,
      "attention factor",
    );
    const [diff] = numbers(stdout, "max |GPU - CPU reference|: ");
    assert.ok(diff! <= 2e-5, `GPU vs CPU: ${diff}`);
  },
});

Deno.test({
  name: "examples/decode_loop.ts",
  ignore: adapter === null && !inCi,
  async fn() {
    const { stdout } = await run("examples/decode_loop.ts", { env: gpuEnv });
    assert.match(stdout, /^adapter: \S/m);
    assert.match(stdout, /^cache precision: f32$/m);
    assert.deepEqual(numbers(stdout, "cache length after the prompt: "), [32]);
    assert.deepEqual(numbers(stdout, "cache length after generating 16 tokens: "), [48]);
    const [diff] = numbers(stdout, "max |decode - prefill|: ");
    assert.ok(diff! <= 1e-5, `decode vs prefill: ${diff}`);
  },
});

Deno.test("examples/decode_step_recorded.ts", async (t) => {
  const check = (stdout: string, backend: string) => {
    assert.match(stdout, new RegExp(`^backend: ${backend}$`, "m"));
    assert.deepEqual(numbers(stdout, "layers: "), [8]);
    assert.deepEqual(numbers(stdout, "cache length after the prompt: "), [64]);
    assert.deepEqual(numbers(stdout, "cache length after generating 4 tokens: "), [68]);
    assert.deepEqual(numbers(stdout, "submissions per step: "), [1, 16, 16]);
    const times = numbers(stdout, "host ms per step (steps 2-4): ");
    assert.equal(times.length, 2); // recorded, one by one: printed, not compared (a loaded machine)
    assert.ok(times.every((ms) => ms > 0), `host times: ${times}`);
    const [diff] = numbers(stdout, "max |recorded decode - reference|: ");
    assert.ok(diff! <= 1e-5, `recorded decode vs reference: ${diff}`);
  };
  await t.step("the same code on the CPU fallback", async () => {
    const { stdout } = await run("examples/decode_step_recorded.ts", {
      extra: ["--preload", "examples/testdata/hide_webgpu.ts"],
    });
    check(stdout, "cpu");
  });
  await t.step({
    name: "on WebGPU",
    ignore: adapter === null && !inCi,
    async fn() {
      const { stdout } = await run("examples/decode_step_recorded.ts", { env: gpuEnv });
      check(stdout, "webgpu");
    },
  });
});

Deno.test({
  name: "examples/gpt_oss_layers.ts",
  ignore: adapter === null && !inCi,
  async fn() {
    const { stdout } = await run("examples/gpt_oss_layers.ts", { env: gpuEnv });
    assert.match(stdout, /^adapter: \S/m);
    // 200 prompt tokens + 16 generated; the ring keeps the window of 128.
    assert.deepEqual(numbers(stdout, "sliding cache: "), [216, 128]);
    assert.deepEqual(numbers(stdout, "full cache: "), [216, 216]);
    for (const layer of ["sliding", "full"]) {
      const [diff] = numbers(stdout, `max |decode - attention|, ${layer} layer with sinks: `);
      assert.ok(diff! <= 2e-5, `${layer}: decode vs attention ${diff}`);
    }
  },
});

Deno.test("examples/cpu_fallback.ts", async (t) => {
  await t.step("without WebGPU it says so and runs attentionCpu", async () => {
    const { stdout } = await run("examples/cpu_fallback.ts", {
      extra: ["--preload", "examples/testdata/hide_webgpu.ts"],
    });
    assert.match(stdout, /^backend: cpu$/m);
    assert.match(stdout, /^reason: .*navigator\.gpu/m);
    // The fallback *is* attentionCpu, within 1e-4 of the float64 reference.
    assert.deepEqual(numbers(stdout, "max |output - attentionCpu|: "), [0]);
    const [diff] = numbers(stdout, "max |output - attentionReference|: ");
    assert.ok(diff! <= 1e-4, `CPU vs reference: ${diff}`);
  });
  await t.step("--no-webgpu shows the fallback even where an adapter exists", async () => {
    const { stdout } = await run("examples/cpu_fallback.ts", {
      env: gpuEnv,
      after: ["--no-webgpu"],
    });
    assert.match(stdout, /^backend: cpu$/m);
    assert.match(stdout, /^reason: .*navigator\.gpu/m);
    assert.deepEqual(numbers(stdout, "max |output - attentionCpu|: "), [0]);
  });
  await t.step(
    "its header and the READMEs document --no-webgpu and the --preload trick",
    async () => {
      const header = await Deno.readTextFile(new URL("examples/cpu_fallback.ts", root));
      const readme = await Deno.readTextFile(new URL("examples/README.md", root));
      const command = "deno run --preload examples/testdata/hide_webgpu.ts";
      for (const text of [header, readme]) {
        assert.ok(text.includes("--no-webgpu") && text.includes(command));
      }
      const top = await Deno.readTextFile(new URL("README.md", root));
      assert.ok(top.includes(command));
    },
  );
  await t.step({
    name: "with an adapter it runs on WebGPU",
    ignore: adapter === null && !inCi,
    async fn() {
      const { stdout } = await run("examples/cpu_fallback.ts", { env: gpuEnv });
      assert.match(stdout, /^backend: webgpu$/m);
      assert.match(stdout, /^adapter: \S/m);
      const [diff] = numbers(stdout, "max |output - attentionReference|: ");
      assert.ok(diff! <= 2e-5, `GPU vs CPU: ${diff}`);
    },
  });
});

Deno.test({
  name: "the READMEs' XDG_RUNTIME_DIR line silences Mesa's warning in the GPU examples",
  ignore: adapter === null && !inCi,
  async fn() {
    const bare = {
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      HOME: Deno.env.get("HOME") ?? "/",
    };
    const example = `"${Deno.execPath()}" run examples/cpu_fallback.ts`;
    const shell = async (script: string) => {
      const { code, stderr } = await new Deno.Command("bash", {
        args: ["-c", script],
        cwd: root,
        env: { ...bare, NO_COLOR: "1" },
        clearEnv: true,
      }).output();
      assert.equal(code, 0, new TextDecoder().decode(stderr));
      return new TextDecoder().decode(stderr);
    };
    // What a user sees without the variable (the warning comes from Mesa, not us) ...
    assert.match(await shell(example), /XDG_RUNTIME_DIR is invalid or not set/);
    // ... and with each README's line before the same command.
    for (const readme of ["README.md", "examples/README.md"]) {
      const text = await Deno.readTextFile(new URL(readme, root));
      const line = text.match(/^export XDG_RUNTIME_DIR=.*$/m)?.[0];
      assert.ok(line, `${readme} says how to set XDG_RUNTIME_DIR`);
      assert.doesNotMatch(await shell(`${line}\n${example}`), /XDG_RUNTIME_DIR/, readme);
    }
  },
});

Deno.test("every example has a smoke test here and a row in examples/README.md", async () => {
  const examples: string[] = [];
  for await (const entry of Deno.readDir(new URL("examples/", root))) {
    if (entry.isFile && entry.name.endsWith(".ts") && !entry.name.endsWith("_test.ts")) {
      examples.push(entry.name);
    }
  }
  assert.ok(examples.length > 0);
  const tests = await Deno.readTextFile(new URL("examples/examples_test.ts", root));
  const readme = await Deno.readTextFile(new URL("examples/README.md", root));
  for (const name of examples.sort()) {
    assert.ok(
      tests.includes(`Deno.test("examples/${name}"`) || tests.includes(`name: "examples/${name}"`),
      `${name} has no smoke test in examples_test.ts`,
    );
    assert.ok(
      readme.includes(`](${name})`) && readme.includes(` examples/${name}`),
      `${name} has no row with its run command in examples/README.md`,
    );
  }
});
