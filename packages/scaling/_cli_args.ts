import type { CliArgs } from "./_cli_types.ts";

/** Usage text printed by `--help`. */
export const USAGE: string =
  `Usage: deno run --allow-read jsr:@posenc/scaling/cli <config.json> [options]

Prints a model's RoPE setup and which rotation pairs leave the angles seen in training.

<config.json> may be - to read standard input.

Options:
  --target-length N   context to check (default: original_max_position_embeddings x factor
                      when the config's scaling reaches beyond max_position_embeddings, else
                      max_position_embeddings)
  --seq-len N         sequence length for the frequencies (dynamic, longrope; default: target length)
  --train-length N    pretraining context (default: original_max_position_embeddings, else max_position_embeddings)
  --layer-type T      entry of a per-layer-type rope_parameters (default: full_attention)
  --json              print JSON instead of a table (Infinity is written as "Infinity")
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

/** A flag that takes no value: `--json`, or `--json=true` / `--json=false`. */
function parseFlag(flag: string, inline: string | undefined): boolean {
  if (inline === undefined || inline === "true") return true;
  if (inline === "false") return false;
  throw new UsageError(`${flag} takes no value (or =true, =false), got ${flag}=${inline}`);
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
        json = parseFlag(flag, inline);
        break;
      case "-h":
      case "--help":
        help = parseFlag(flag, inline);
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
