/**
 * The repository's one proof: `deno task test` runs every stage below and
 * ends with a single plain line `N passed, M failed` that CI reads. N counts
 * the tests that passed (unit, doc examples, GPU, browser); M counts failed
 * tests plus every failed static stage, so a formatting slip or a slow type
 * can never hide behind green tests.
 *
 * Usage:
 *   deno run -A _tools/test.ts             every stage
 *   deno run -A _tools/test.ts --static    fmt, lint, check, doc lint only
 *   deno run -A _tools/test.ts -- <args>   extra arguments for `deno test`
 *
 * @module
 */

import { entryPoints } from "./workspace.ts";

interface StageResult {
  name: string;
  ok: boolean;
  seconds: number;
}

// deno-lint-ignore no-control-regex -- colour codes are what this strips
const ANSI = /\x1b\[[0-9;]*m/g;
const SUMMARY = /(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/;

async function run(
  name: string,
  args: string[],
  capture = false,
): Promise<StageResult & { output: string }> {
  console.log(`\n=== ${name}: deno ${args.join(" ")}`);
  const start = performance.now();
  const child = new Deno.Command(Deno.execPath(), {
    args,
    stdout: capture ? "piped" : "inherit",
    stderr: capture ? "piped" : "inherit",
  }).spawn();
  let output = "";
  if (capture) {
    // Tee both streams: show them live, keep the text to read the summary.
    const decoder = new TextDecoder();
    const pump = async (stream: ReadableStream<Uint8Array>, sink: typeof Deno.stdout) => {
      for await (const chunk of stream) {
        await sink.write(chunk);
        output += decoder.decode(chunk, { stream: true });
      }
    };
    await Promise.all([pump(child.stdout, Deno.stdout), pump(child.stderr, Deno.stderr)]);
  }
  const { success } = await child.status;
  return { name, ok: success, seconds: (performance.now() - start) / 1000, output };
}

async function main(): Promise<number> {
  const args = [...Deno.args];
  const separator = args.indexOf("--");
  const testArgs = separator >= 0 ? args.splice(separator).slice(1) : [];
  const staticOnly = args.includes("--static");

  const stages: StageResult[] = [];
  stages.push(await run("format", ["fmt", "--check"]));
  stages.push(await run("lint", ["lint"]));
  stages.push(await run("type check", ["check", "--quiet", "."]));
  stages.push(await run("doc lint", ["doc", "--lint", ...await entryPoints()]));

  let passed = 0;
  let failed = 0;
  let failures: string[] = [];
  if (!staticOnly) {
    const test = await run("tests", ["test", "-A", "--doc", "--parallel", ...testArgs], true);
    stages.push(test);
    const summary = test.output.replace(ANSI, "").match(SUMMARY);
    if (summary) {
      passed = Number(summary[1]);
      failed = Number(summary[2]);
    }
    // A crash before the summary (a type error in a test file) still counts as a failure.
    if (!test.ok && failed === 0) failed = 1;
    failures = failedTests(test.output.replace(ANSI, ""));
    stages.push(await run("publish dry run", ["publish", "--dry-run", "--allow-dirty"]));
  }

  console.log("\n=== stages");
  for (const stage of stages) {
    console.log(`${stage.ok ? "ok    " : "FAILED"} ${stage.name} (${stage.seconds.toFixed(1)} s)`);
  }
  // CI keeps only the tail of the log: repeat the failed tests' names here.
  for (const name of failures) console.log(`FAILED test: ${name}`);
  const failedStages = stages.filter((s) => !s.ok && s.name !== "tests").length;
  failed += failedStages;
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

/** The names deno test lists under its closing FAILURES heading. */
export function failedTests(output: string): string[] {
  const lines = output.split("\n");
  const heading = lines.findLastIndex((line) => line.trim() === "FAILURES");
  if (heading < 0) return [];
  const names: string[] = [];
  for (const line of lines.slice(heading + 2)) {
    if (line.trim() === "" || /^(ok|FAILED) \|/.test(line)) break;
    names.push(line.trim());
  }
  return names;
}

if (import.meta.main) Deno.exit(await main());
