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
  options: { env?: Record<string, string>; extra?: string[] } = {},
): Promise<Run> {
  const args = await documentedCommand(file);
  if (options.extra) args.splice(1, 0, ...options.extra); // flags go before the script
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
