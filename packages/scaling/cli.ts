/**
 * `deno run jsr:@posenc/scaling/cli path/to/config.json --target-length 131072`
 *
 * Reads a Hugging Face config.json and prints the model's RoPE (rope type,
 * head and rotary dims, base, attention factor), the warnings the config
 * raised, and the per-pair diagnostics of {@linkcode diagnose}: which
 * rotation pairs turn past any angle seen in training at the target length.
 * `--json` prints the same as JSON.
 *
 * The path `-` reads the config from standard input; a UTF-8 byte-order
 * mark at the start is ignored.
 *
 * Options:
 * - `--target-length N`: the context to check (default: the length the
 *   scaling reaches, `original_max_position_embeddings x factor`, when that
 *   is beyond `max_position_embeddings`, else `max_position_embeddings`; the
 *   output says which).
 * - `--seq-len N`: the sequence length the frequencies are computed for
 *   (matters for dynamic and longrope; default: the target length, i.e. the
 *   frequencies HF uses once the sequence reaches it).
 * - `--train-length N`: the pretraining context the angles are compared with
 *   (default: `original_max_position_embeddings`, else `max_position_embeddings`).
 * - `--layer-type T`: for per-layer-type `rope_parameters`.
 * - `--json`: JSON instead of the table. JSON has no Infinity, so the
 *   unbounded values (a periodic pair's in-distribution length, a static
 *   pair's wavelength) are written as the string `"Infinity"`.
 *   `--json=true` and `--json=false` are accepted; any other value is an error.
 *
 * A file that cannot be read, is not JSON, not an object, or lacks required
 * keys gives one line on stderr and exit code 1; bad arguments exit with 2.
 * Importing this module has no side effects: the functions below are the
 * CLI's logic, and only running it as the main module reads `Deno.args`.
 *
 * ```ts
 * import { inspectConfig, formatReport } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const report = inspectConfig(
 *   { head_dim: 128, max_position_embeddings: 4096, rope_theta: 10000 },
 *   { targetLength: 16384 },
 * );
 * assert.equal(report.ropeType, "default");
 * assert.equal(report.diagnosis.summary.outOfDistributionPairs, 18);
 * assert.match(formatReport(report), /out-of-distribution/);
 * ```
 *
 * @module
 */

import { parseCliArgs, USAGE } from "./_cli_args.ts";
import { formatReport } from "./_cli_format.ts";
import { inspectConfig } from "./_cli_inspect.ts";
import type { CliArgs, CliResult } from "./_cli_types.ts";

export type { CliArgs, CliResult, InspectOptions, InspectReport } from "./_cli_types.ts";
export { parseCliArgs, USAGE, UsageError } from "./_cli_args.ts";
export { inspectConfig } from "./_cli_inspect.ts";
export { formatReport } from "./_cli_format.ts";

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/**
 * Runs the CLI without touching the process: reads the file, builds the
 * report and returns the text and exit code (the main module prints them).
 *
 * @param args The command-line arguments.
 * @returns Output texts and exit code.
 *
 * @example Usage
 * ```ts
 * import { runCli } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const result = await runCli(["no/such/config.json"]);
 * assert.equal(result.code, 1);
 * assert.match(result.stderr, /^error: cannot read no\/such\/config.json: no such file\n$/);
 * ```
 */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  let parsed: CliArgs;
  try {
    parsed = parseCliArgs(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { code: 2, stdout: "", stderr: `error: ${oneLine(message)} (see --help)\n` };
  }
  if (parsed.help) return { code: 0, stdout: USAGE + "\n", stderr: "" };
  const fromStdin = parsed.configPath === "-";
  const path = fromStdin ? "(stdin)" : parsed.configPath;
  let text: string;
  try {
    text = fromStdin
      ? await new Response(Deno.stdin.readable).text()
      : await Deno.readTextFile(resolvePath(path));
  } catch (error) {
    const why = error instanceof Deno.errors.NotFound
      ? "no such file"
      : error instanceof Deno.errors.IsADirectory
      ? "it is a directory"
      : error instanceof Error
      ? error.message
      : String(error);
    return { code: 1, stdout: "", stderr: `error: cannot read ${path}: ${oneLine(why)}\n` };
  }
  let config: unknown;
  try {
    // Editors on Windows save UTF-8 with a byte-order mark; JSON.parse refuses it.
    config = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { code: 1, stdout: "", stderr: `error: ${path} is not valid JSON: ${oneLine(why)}\n` };
  }
  try {
    const report = inspectConfig(config, {
      ...(parsed.targetLength === undefined ? {} : { targetLength: parsed.targetLength }),
      ...(parsed.seqLen === undefined ? {} : { seqLen: parsed.seqLen }),
      ...(parsed.trainLength === undefined ? {} : { trainLength: parsed.trainLength }),
      ...(parsed.layerType === undefined ? {} : { layerType: parsed.layerType }),
    });
    const stdout = parsed.json
      ? JSON.stringify({ config: path, ...report }, jsonValue, 2) + "\n"
      : `${"config".padEnd(17)}${path}\n${formatReport(report)}`;
    return { code: 0, stdout, stderr: "" };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { code: 1, stdout: "", stderr: `error: ${path}: ${oneLine(why)}\n` };
  }
}

// Infinity ("no limit") has no JSON form: write it as the string "Infinity"
// (Number("Infinity") and Python's float("Infinity") read it back), never as
// a null that reads as "missing".
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? String(value) : value;
}

// `deno task inspect` runs from the repository root; resolve a relative path
// against the directory the task was started in when Deno tells us.
function resolvePath(path: string): string {
  if (path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path)) return path;
  const status = Deno.permissions.querySync({ name: "env", variable: "INIT_CWD" });
  const cwd = status.state === "granted" ? Deno.env.get("INIT_CWD") : undefined;
  return cwd ? `${cwd.replace(/\/$/, "")}/${path}` : path;
}

async function writeAll(stream: { write(p: Uint8Array): Promise<number> }, text: string) {
  let bytes = new TextEncoder().encode(text);
  while (bytes.length > 0) bytes = bytes.subarray(await stream.write(bytes));
}

if (import.meta.main) {
  const result = await runCli(Deno.args);
  await writeAll(Deno.stdout, result.stdout);
  await writeAll(Deno.stderr, result.stderr);
  Deno.exit(result.code);
}
