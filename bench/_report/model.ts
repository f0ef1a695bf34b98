/**
 * The report's data model and its pure computations: reading `deno bench
 * --json` output, each row's ratio to its group's baseline, throughput, and
 * the notes the peer benches leave (verifications, skipped rows, ORT kernel
 * times).
 *
 * @module
 */

/** One `Deno.bench` entry as `deno bench --json` (format version 1) prints it. */
export interface BenchJsonEntry {
  origin: string;
  group: string | null;
  name: string;
  baseline: boolean;
  results: (
    | { ok: { n: number; min: number; max: number; avg: number; p75: number; p99: number } }
    | { failed: unknown }
  )[];
}

/** A line of the notes file the peer benches append to (JSON lines). */
export type BenchNote =
  | {
    type: "verified";
    group: string;
    name: string;
    /** What it was compared with, e.g. "applyRope" or "float64 reference". */
    against: string;
    maxAbsDiff: number;
    atol: number;
  }
  | { type: "skipped"; group: string; name: string; reason: string }
  | { type: "unavailable"; peer: string; reason: string }
  | {
    type: "kernel";
    group: string;
    name: string;
    runs: number;
    medianMs: number;
    minMs: number;
  }
  | { type: "info"; key: string; value: string };

/** A throughput figure for a row. */
export interface Throughput {
  value: number;
  unit: "GB/s" | "GFLOP/s";
}

/** One contender in a group, ready to print. */
export interface Row {
  name: string;
  baseline: boolean;
  /** Measured iterations (0 for a profiler-only row). */
  n: number;
  avgMs: number;
  minMs: number;
  /** avgMs / the baseline's avgMs; null when the group has no baseline. */
  ratio: number | null;
  throughput: Throughput | null;
  /** Where the number comes from when it is not a `Deno.bench` row. */
  source: "bench" | "profiler";
}

/** A `Deno.bench` group (or an ungrouped bench, under its own name). */
export interface Group {
  /** The bench file's name, e.g. "rope_peers_bench.ts". */
  file: string;
  name: string;
  baseline: string | null;
  rows: Row[];
}

const NS_PER_MS = 1e6;

/** What one `deno bench --json` run wrote to stdout. */
export interface BenchOutput {
  entries: BenchJsonEntry[];
  /** Everything else the bench files printed (before or after the document), trimmed. */
  printed: string;
}

/**
 * Splits `deno bench --json` stdout into its JSON document and whatever the
 * bench files printed around it (e.g. a device-time table at unload).
 *
 * @param stdout The whole standard output of the run.
 * @returns The `benches` entries and the other text.
 * @throws {SyntaxError} When no bench JSON document is found.
 */
export function parseBenchOutput(stdout: string): BenchOutput {
  const start = stdout.search(/^\{\s*"version":/m);
  if (start < 0) throw new SyntaxError("Invalid bench output: no `deno bench --json` document");
  // The document is pretty-printed: it ends at the first "}" alone at the start of a line.
  const close = stdout.slice(start).search(/^\}\s*$/m);
  if (close < 0) throw new SyntaxError("Invalid bench output: the JSON document is cut off");
  const end = start + close + 1;
  const doc = JSON.parse(stdout.slice(start, end)) as {
    version: number;
    benches: BenchJsonEntry[];
  };
  if (doc.version !== 1) {
    throw new SyntaxError(`Invalid bench output: expected JSON version 1, got ${doc.version}`);
  }
  // deno-lint-ignore no-control-regex -- colour codes are what this strips
  const printed = (stdout.slice(0, start) + stdout.slice(end)).replace(/\x1b\[[0-9;]*m/g, "");
  return { entries: doc.benches, printed: printed.trim() };
}

/**
 * The entries of `deno bench --json` stdout (see {@linkcode parseBenchOutput}).
 *
 * @throws {SyntaxError} When no bench JSON document is found.
 */
export function parseBenchJson(stdout: string): BenchJsonEntry[] {
  return parseBenchOutput(stdout).entries;
}

/** How many calls one iteration of a row makes, from a name ending ", 4 calls" (else 1). */
export function callsPerIteration(name: string): number {
  const m = name.match(/, (\d+) calls?$/);
  return m ? Number(m[1]) : 1;
}

/** Parses the JSON-lines notes file (blank lines ignored). */
export function parseNotes(text: string): BenchNote[] {
  return text.split("\n").filter((line) => line.trim() !== "").map((line) =>
    JSON.parse(line) as BenchNote
  );
}

/** B, H, S, D read from a group name such as "rope apply 1x32x4096x128" or "B1 H8 S512 D64". */
export function shapeFromName(name: string): [number, number, number, number] | null {
  // "1x8x512x64" here, "B1 H8 S512 D64" in attention-gpu's own bench.
  const m = name.match(/(\d+)x(\d+)x(\d+)x(\d+)/) ??
    name.match(/\bB(\d+) H(\d+) S(\d+) D(\d+)\b/);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] : null;
}

/**
 * Throughput where it means something: RoPE groups move 2 x 4 bytes per
 * element (read + write), attention groups do 4·B·H·S²·D flops (halved when
 * causal), decode groups read K and V once (GB/s). Other groups get none.
 */
export function throughput(group: string, avgMs: number): Throughput | null {
  // attention-gpu's decode groups: "decode B1 Hkv8 G4 D128 L4096 f16", K and V read once;
  // decode_peers_bench.ts's CPU group is the same with "cpu " in front.
  const decode = group.match(/^(?:cpu )?decode B(\d+) Hkv(\d+) G\d+ D(\d+) L(\d+) (f32|f16)\b/);
  if (decode && avgMs > 0) {
    const [b, hkv, d, l] = decode.slice(1, 5).map(Number) as [number, number, number, number];
    const bytes = 2 * b * hkv * l * d * (decode[5] === "f16" ? 2 : 4);
    return { value: bytes / (avgMs / 1e3) / 1e9, unit: "GB/s" };
  }
  const shape = shapeFromName(group);
  if (!shape || !(avgMs > 0)) return null;
  const [b, h, s, d] = shape;
  const seconds = avgMs / 1e3;
  if (/^rope\b/.test(group)) {
    return { value: (2 * 4 * b * h * s * d) / seconds / 1e9, unit: "GB/s" };
  }
  if (
    (/attention/.test(group) || /\bB\d+ H\d+ S\d+ D\d+\b/.test(group)) && !/decode/i.test(group)
  ) {
    const flops = 4 * b * h * s * s * d * (/causal/.test(group) ? 0.5 : 1);
    return { value: flops / seconds / 1e9, unit: "GFLOP/s" };
  }
  return null;
}

/** The file name of a bench's origin URL. */
export function fileOf(origin: string): string {
  return origin.slice(origin.lastIndexOf("/") + 1);
}

/**
 * Groups the entries (in their order), computes each row's ratio to its
 * group's baseline, and adds the ORT profiler's kernel times as extra rows
 * (ratio against the same baseline, marked as profiler numbers).
 *
 * @throws {Error} When a bench failed: a failed row must never look measured.
 */
export function buildGroups(entries: BenchJsonEntry[], notes: BenchNote[] = []): Group[] {
  const groups = new Map<string, Group>();
  for (const entry of entries) {
    const file = fileOf(entry.origin);
    const name = entry.group ?? entry.name;
    const key = `${file}\u0000${name}`;
    let group = groups.get(key);
    if (!group) {
      group = { file, name, baseline: null, rows: [] };
      groups.set(key, group);
    }
    const result = entry.results[0];
    if (!result || !("ok" in result)) {
      throw new Error(`Bench "${entry.name}" in group "${name}" (${file}) failed`);
    }
    const avgMs = result.ok.avg / NS_PER_MS;
    if (entry.baseline) group.baseline = entry.name;
    group.rows.push({
      name: entry.name,
      baseline: entry.baseline,
      n: result.ok.n,
      avgMs,
      minMs: result.ok.min / NS_PER_MS,
      ratio: null,
      throughput: throughput(name, avgMs / callsPerIteration(entry.name)),
      source: "bench",
    });
  }
  for (const note of notes) {
    if (note.type !== "kernel") continue;
    const group = [...groups.values()].find((g) => g.name === note.group);
    if (!group) continue;
    group.rows.push({
      name: note.name,
      baseline: false,
      n: note.runs,
      avgMs: note.medianMs,
      minMs: note.minMs,
      ratio: null,
      throughput: throughput(note.group, note.medianMs),
      source: "profiler",
    });
  }
  for (const group of groups.values()) {
    const base = group.rows.find((r) => r.baseline);
    for (const row of group.rows) row.ratio = base ? row.avgMs / base.avgMs : null;
  }
  return [...groups.values()];
}

/** The row of `group` called `name`, if both exist. */
export function findRow(groups: Group[], group: string, name: string): Row | undefined {
  return groups.find((g) => g.name === group)?.rows.find((r) => r.name === name);
}
