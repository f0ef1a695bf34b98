/**
 * `deno run jsr:@posenc/scaling/cli path/to/config.json --target-length 131072`
 *
 * Reads a Hugging Face config.json and prints the model's RoPE (rope type,
 * head and rotary dims, base, attention factor), the warnings the config
 * raised, and the per-pair diagnostics of {@linkcode diagnose}: which
 * rotation pairs turn past any angle seen in training at the target length.
 * `--json` prints the same as JSON.
 *
 * Options:
 * - `--target-length N`: the context to check (default: `max_position_embeddings`).
 * - `--seq-len N`: the sequence length the frequencies are computed for
 *   (matters for dynamic and longrope; default: the target length, i.e. the
 *   frequencies HF uses once the sequence reaches it).
 * - `--train-length N`: the pretraining context the angles are compared with
 *   (default: `original_max_position_embeddings`, else `max_position_embeddings`).
 * - `--layer-type T`: for per-layer-type `rope_parameters`.
 * - `--json`: JSON instead of the table.
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

import { type RopeConfig, ropeFromConfig } from "./config.ts";
import { diagnose, type Diagnosis, type PairDiagnosis } from "./diagnose.ts";

/** Parsed command line of the CLI. */
export interface CliArgs {
  /** The config.json path (the one positional argument). */
  readonly configPath: string;
  /** `--target-length`, if given. */
  readonly targetLength: number | undefined;
  /** `--seq-len`, if given. */
  readonly seqLen: number | undefined;
  /** `--train-length`, if given. */
  readonly trainLength: number | undefined;
  /** `--layer-type`, if given. */
  readonly layerType: string | undefined;
  /** `--json`. */
  readonly json: boolean;
  /** `-h` / `--help`. */
  readonly help: boolean;
}

/** Usage text printed by `--help`. */
export const USAGE: string =
  `Usage: deno run --allow-read jsr:@posenc/scaling/cli <config.json> [options]

Prints a model's RoPE setup and which rotation pairs leave the angles seen in training.

Options:
  --target-length N   context to check (default: max_position_embeddings)
  --seq-len N         sequence length for the frequencies (dynamic, longrope; default: target length)
  --train-length N    pretraining context (default: original_max_position_embeddings, else max_position_embeddings)
  --layer-type T      entry of a per-layer-type rope_parameters (default: full_attention)
  --json              print JSON instead of a table
  -h, --help          this text`;

/** A command line that cannot be run (exit code 2). */
export class UsageError extends Error {
  /**
   * Creates the error.
   *
   * @param message What is wrong with the arguments.
   */
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function parseLength(flag: string, text: string | undefined): number {
  if (text === undefined || text.startsWith("--")) {
    throw new UsageError(`${flag} needs a value, e.g. ${flag} 131072`);
  }
  const digits = text.replaceAll("_", "");
  const value = Number(digits);
  if (!/^\d+$/.test(digits) || !Number.isSafeInteger(value) || value < 1) {
    throw new UsageError(
      `${flag} expects a whole number of tokens >= 1, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/**
 * Parses the CLI's arguments.
 *
 * @param args The arguments after the script name (`Deno.args`).
 * @returns The parsed options.
 * @throws {UsageError} On an unknown flag, a missing or malformed value, or not exactly one config path.
 *
 * @example Usage
 * ```ts
 * import { parseCliArgs } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const args = parseCliArgs(["config.json", "--target-length", "131072", "--json"]);
 * assert.equal(args.configPath, "config.json");
 * assert.equal(args.targetLength, 131072);
 * assert.equal(args.json, true);
 * assert.throws(() => parseCliArgs(["a.json", "--target-length", "lots"]), /whole number/);
 * ```
 */
export function parseCliArgs(args: readonly string[]): CliArgs {
  const paths: string[] = [];
  let targetLength: number | undefined;
  let seqLen: number | undefined;
  let trainLength: number | undefined;
  let layerType: string | undefined;
  let json = false;
  let help = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq >= 0 ? arg.slice(0, eq) : arg;
    const inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? args[++i];
    switch (flag) {
      case "--target-length":
        targetLength = parseLength(flag, value());
        break;
      case "--seq-len":
        seqLen = parseLength(flag, value());
        break;
      case "--train-length":
        trainLength = parseLength(flag, value());
        break;
      case "--layer-type": {
        const text = value();
        if (text === undefined || text === "") throw new UsageError("--layer-type needs a value");
        layerType = text;
        break;
      }
      case "--json":
        json = true;
        break;
      case "-h":
      case "--help":
        help = true;
        break;
      default:
        if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
        paths.push(arg);
    }
  }
  if (!help && paths.length !== 1) {
    throw new UsageError(
      paths.length === 0
        ? "missing the config.json path"
        : `expected one config.json path, got ${paths.length}`,
    );
  }
  return { configPath: paths[0] ?? "", targetLength, seqLen, trainLength, layerType, json, help };
}

/** Options for {@linkcode inspectConfig}. */
export interface InspectOptions {
  /**
   * The context to check.
   *
   * @default {max_position_embeddings}
   */
  targetLength?: number;
  /**
   * The sequence length the frequencies are computed for.
   *
   * @default {targetLength}
   */
  seqLen?: number;
  /**
   * The pretraining context.
   *
   * @default {original_max_position_embeddings ?? max_position_embeddings}
   */
  trainLength?: number;
  /**
   * Entry of a per-layer-type `rope_parameters`.
   *
   * @default {"full_attention"}
   */
  layerType?: string;
}

/** What the CLI prints, as data. */
export interface InspectReport {
  /** The rope type after standardization. */
  readonly ropeType: RopeConfig["ropeType"];
  /** The head dim RoPE sees. */
  readonly headDim: number;
  /** The rotated dims. */
  readonly rotaryDim: number;
  /** The base θ. */
  readonly base: number;
  /** Multiplies cos and sin. */
  readonly attentionFactor: number;
  /** The layer type read, for per-layer-type configs. */
  readonly layerType: string | undefined;
  /** The sequence length the frequencies were computed for. */
  readonly seqLen: number;
  /** The training context used, and the config key it came from (or "--train-length"). */
  readonly trainLength: number;
  /** Where trainLength came from. */
  readonly trainLengthFrom: string;
  /** The checked context. */
  readonly targetLength: number;
  /** The config's warnings. */
  readonly warnings: readonly string[];
  /** Facts about the model worth knowing next to its RoPE (e.g. DeepSeek's softmax scale). */
  readonly notes: readonly string[];
  /** The per-pair diagnostics. */
  readonly diagnosis: Diagnosis;
}

/**
 * The CLI's report for a parsed config.json: {@linkcode ropeFromConfig}
 * at `seqLen`, then {@linkcode diagnose} from `trainLength` to `targetLength`.
 *
 * @param config A parsed config.json.
 * @param options Target, sequence and training lengths; layer type.
 * @returns The report the CLI prints.
 * @throws {TypeError} If the config is not an object or lacks a required key.
 * @throws {RangeError} If a value is out of range, or a length has no default (no max_position_embeddings).
 *
 * @example Usage
 * ```ts
 * import { inspectConfig } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const report = inspectConfig({
 *   head_dim: 64,
 *   max_position_embeddings: 131072,
 *   rope_theta: 150000,
 *   rope_scaling: {
 *     rope_type: "yarn",
 *     factor: 32,
 *     original_max_position_embeddings: 4096,
 *     beta_fast: 32,
 *     beta_slow: 1,
 *     truncate: false,
 *   },
 * });
 * assert.equal(report.trainLength, 4096);
 * assert.equal(report.targetLength, 131072);
 * assert.equal(report.diagnosis.summary.outOfDistributionPairs, 0);
 * ```
 */
export function inspectConfig(config: unknown, options: InspectOptions = {}): InspectReport {
  const peek = ropeFromConfig(config, options.layerType ? { layerType: options.layerType } : {});
  const targetLength = options.targetLength ?? peek.maxPositionEmbeddings;
  if (targetLength === undefined) {
    throw new RangeError(
      "Invalid targetLength: the config has no max_position_embeddings to default to; pass --target-length",
    );
  }
  const seqLen = options.seqLen ?? targetLength;
  const rope = ropeFromConfig(config, {
    seqLen,
    ...(options.layerType ? { layerType: options.layerType } : {}),
  });
  let trainLength: number | undefined = options.trainLength;
  let trainLengthFrom = "--train-length";
  if (trainLength === undefined) {
    if (rope.originalMaxPositionEmbeddings !== undefined) {
      trainLength = rope.originalMaxPositionEmbeddings;
      trainLengthFrom = "original_max_position_embeddings";
    } else if (rope.maxPositionEmbeddings !== undefined) {
      trainLength = rope.maxPositionEmbeddings;
      trainLengthFrom = "max_position_embeddings";
    } else {
      throw new RangeError(
        "Invalid trainLength: the config has no max_position_embeddings to default to; pass --train-length",
      );
    }
  }
  const notes: string[] = [];
  const params = rope.ropeParameters;
  const mscaleAllDim = params.mscale_all_dim;
  const factor = params.factor;
  if (
    rope.ropeType === "yarn" && typeof mscaleAllDim === "number" && mscaleAllDim !== 0 &&
    typeof factor === "number" && factor > 1
  ) {
    const m = 0.1 * mscaleAllDim * Math.log(factor) + 1;
    notes.push(
      `DeepSeek-style attention (mscale_all_dim set) also multiplies the softmax scale by (0.1 x ${mscaleAllDim} x ln ${factor} + 1)^2 = ${
        num(m * m, 6)
      } in the model code, outside RoPE`,
    );
  }
  if (rope.ropeType === "dynamic") {
    notes.push(
      "dynamic NTK changes the frequencies as the sequence grows: keys cached at shorter lengths keep the old rotation (transformers #25104)",
    );
  }
  if (rope.ropeType === "longrope") {
    notes.push(
      `longrope switches to the long factors once the sequence exceeds ${
        tokens(rope.originalMaxPositionEmbeddings!)
      } tokens; keys cached before the switch used the short ones (HF re-prefills, transformers #33129)`,
    );
  }
  return {
    ropeType: rope.ropeType,
    headDim: rope.headDim,
    rotaryDim: rope.rotaryDim,
    base: rope.base,
    attentionFactor: rope.attentionFactor,
    layerType: rope.layerType,
    seqLen,
    trainLength,
    trainLengthFrom,
    targetLength,
    warnings: rope.warnings,
    notes,
    diagnosis: diagnose(rope, { trainLength, targetLength, base: rope.base }),
  };
}

function num(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return "any";
  if (value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3)) {
    return value.toExponential(digits - 1);
  }
  return Number(value.toPrecision(digits)).toString();
}

function tokens(value: number): string {
  return Number.isFinite(value) ? Math.floor(value).toLocaleString("en-US") : "any";
}

const COLUMNS = [
  "pair",
  "plain wavelength",
  "wavelength",
  "scale",
  "turns in training",
  "target/trained angle",
  "in distribution up to",
  "status",
];

function row(p: PairDiagnosis): string[] {
  const critical = p.status === "in-range" || p.status === "out-of-distribution";
  return [
    String(p.pair),
    num(p.plainWavelength),
    num(p.wavelength),
    num(p.scale),
    num(p.trainRotations, 3),
    critical ? p.angleRatio.toFixed(2) : "-",
    tokens(p.inDistributionLength),
    p.status,
  ];
}

/**
 * Formats a report as the CLI's readable text: a header, the warnings, one
 * table row per rotation pair, the verdict and a legend.
 *
 * @param report A report from {@linkcode inspectConfig}.
 * @returns Multi-line text, ending with a newline.
 *
 * @example Usage
 * ```ts
 * import { formatReport, inspectConfig } from "@posenc/scaling/cli";
 * import assert from "node:assert/strict";
 *
 * const text = formatReport(
 *   inspectConfig({ head_dim: 64, max_position_embeddings: 2048 }, { targetLength: 4096 }),
 * );
 * assert.match(text, /^rope type +default$/m);
 * assert.match(text, /no rope_theta/); // the warning is shown
 * ```
 */
export function formatReport(report: InspectReport): string {
  const { diagnosis } = report;
  const s = diagnosis.summary;
  const header: [string, string][] = [
    ["rope type", report.ropeType + (report.layerType ? ` (layer type ${report.layerType})` : "")],
    [
      "head dim",
      `${report.headDim} (rotary ${report.rotaryDim}, ${s.pairs} pairs)`,
    ],
    ["base", String(report.base)],
    [
      "attention factor",
      report.attentionFactor === 1
        ? "1"
        : `${report.attentionFactor} (cos and sin x${num(report.attentionFactor)}, logits x${
          num(report.attentionFactor ** 2)
        })`,
    ],
    ["seq len", `${tokens(report.seqLen)} (the frequencies below are HF's at this length)`],
    ["train length", `${tokens(report.trainLength)} (${report.trainLengthFrom})`],
    ["target length", tokens(report.targetLength)],
  ];
  const lines = header.map(([k, v]) => `${k.padEnd(17)}${v}`);
  if (report.warnings.length === 0) lines.push(`${"warnings".padEnd(17)}none`);
  else report.warnings.forEach((w, i) => lines.push(`${(i ? "" : "warnings").padEnd(17)}- ${w}`));
  report.notes.forEach((n, i) => lines.push(`${(i ? "" : "notes").padEnd(17)}- ${n}`));
  lines.push("");
  const rows = [COLUMNS, ...diagnosis.pairs.map(row)];
  const widths = COLUMNS.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows) {
    lines.push(
      r.map((cell, c) => c === r.length - 1 ? cell : cell.padStart(widths[c]!)).join("  "),
    );
  }
  lines.push("");
  lines.push(
    `summary          ${s.periodicPairs} periodic, ${s.criticalPairs} critical (never a full turn in training), ${s.outOfDistributionPairs} out of distribution, ${s.untouchedPairs} untouched${
      s.staticPairs ? `, ${s.staticPairs} static` : ""
    }`,
  );
  lines.push(`verdict          ${s.verdict}`);
  lines.push("");
  lines.push(
    "wavelength = tokens per full turn (2π / frequency); scale = plain / scaled frequency (1 = untouched);",
  );
  lines.push(
    "turns in training = train length / plain wavelength; a pair under 1 turn never saw every angle, and it is",
  );
  lines.push(
    "out of distribution when target length x frequency exceeds train length x plain frequency.",
  );
  return lines.join("\n") + "\n";
}

/** The CLI's outcome: what to print and the exit code. */
export interface CliResult {
  /** 0 on success, 1 for a bad config file, 2 for bad arguments. */
  readonly code: number;
  /** Text for standard output. */
  readonly stdout: string;
  /** Text for standard error: one line when something is wrong. */
  readonly stderr: string;
}

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
  const path = parsed.configPath;
  let text: string;
  try {
    text = await Deno.readTextFile(resolvePath(path));
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
    config = JSON.parse(text);
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

// Infinity ("no limit") has no JSON form: write null.
function jsonValue(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
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
