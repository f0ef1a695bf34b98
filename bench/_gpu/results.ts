/**
 * The shape of `bench/gpu_results.json` (outside checks read its fields, so
 * they are fixed) and the pure arithmetic around it: rates from times,
 * ratios to the ceilings and to the PyTorch peers, the timing cross-check
 * verdict and a schema check run before anything is written.
 *
 * @module
 */

/** Storage precision of a measured row. */
export type Precision = "f32" | "f16";

/** A decode kernel of @posenc/attention-gpu (the `kernel` option of `decode`). */
export type DecodeKernel = "split" | "keys";

/** How a decode row's split count was set: the rule, 1, or half or twice the rule's count. */
export type SplitMode = "auto" | "1" | "auto/2" | "auto*2";

/** The adapter's own ceilings, measured with raw WebGPU by the same run. */
export interface Ceilings {
  /** TFLOP/s of 8 independent vec4<f32> FMA chains per invocation. */
  fmaF32Tflops: number;
  /** The same with vec4<f16> (null without shader-f16). */
  fmaF16Tflops: number | null;
  /** GB/s of a streaming read (one pass over a large buffer). */
  readGBs: number;
  /** Host µs per raw dispatch: bind group, 16-byte uniform write, encoder, submit. */
  submitUs: number;
  /** Median ms from `mapAsync` of 16 bytes to its resolution. */
  completionMs: number;
  /** Median ms for `onSubmittedWorkDone` on an empty queue to resolve. */
  workDoneMs: number;
  /** Median ms for the `mapAsync` call itself to return (Deno waits for the GPU inside it). */
  completionCallMs: number;
  /** Bytes the read ceiling streamed. */
  readBytes: number;
}

/** One prefill row. */
export interface PrefillRow {
  heads: number;
  seq: number;
  headDim: number;
  causal: boolean;
  precision: Precision;
  tflops: number;
  /** How the time was taken: "timestamp-query" or "wall-clock". */
  source: string;
  /** Seconds per call (best run). */
  seconds: number;
  /** Calls per timed submission. */
  iterations: number;
}

/** One decode row (B = 1). */
export interface DecodeRow {
  kvHeads: number;
  group: number;
  headDim: number;
  length: number;
  precision: Precision;
  gbs: number;
  /** True when a buffer larger than L2 was streamed before each timed call. */
  l2Cold: boolean;
  /** KV splits the kernel used. */
  splits: number;
  /**
   * "auto" (the package's split rule), "1" (forced to one split), or
   * "auto/2" / "auto*2" (forced to half / twice the rule's count).
   */
  splitMode: SplitMode;
  /** The kernel that ran ("split" where "keys" was asked for and fell back: see `asked`). */
  kernel: DecodeKernel;
  /** The kernel asked for, only where it is not the one that ran. */
  asked?: DecodeKernel;
  seconds: number;
  source: string;
}

/** One PyTorch measurement (from bench/_peers/sdpa.py). */
export interface PeerRow {
  name: string;
  kind: "prefill" | "decode";
  heads?: number;
  seq?: number;
  headDim: number;
  causal?: boolean;
  length?: number;
  kvHeads?: number;
  group?: number;
  precision: Precision;
  tflops?: number;
  gbs?: number;
  /** The SDPA backend that ran ("flash", "efficient", "cudnn", "math"). */
  backend?: string;
  l2Cold?: boolean;
}

/** The timing cross-check: the same calls timed by timestamps and by the wall clock. */
export interface CrossCheckRow {
  what: string;
  calls: number;
  /** Seconds per call from timestamp queries (one submission of 2n calls). */
  timestampSeconds: number;
  /** Seconds per call from the wall clock: (T(2n) - T(n)) / n over the same submissions. */
  wallSeconds: number;
  /** timestamp / wall. */
  ratio: number;
  /** Whether the two agree within 10%. */
  agree: boolean;
  /** Seconds per call from the timestamps of the n-call submission. */
  timestampNSeconds?: number;
  /**
   * Seconds per call from the timestamps of both submissions: (2n·t(2n) -
   * n·t(n)) / n, which cancels a fixed cost inside every timed pass.
   */
  timestampDiffSeconds?: number;
  /** That fixed cost: the timed pass of n calls minus n times the difference figure. */
  timestampFixedSeconds?: number;
  /** Which figure to trust, and why (see {@linkcode crossCheckReading}). */
  reading?: string;
}

/** The whole results file. */
export interface GpuResults {
  adapter: {
    description: string;
    isFallbackAdapter: boolean;
    vendor?: string;
    architecture?: string;
    features?: string[];
    tier?: string | null;
  };
  /** True on a software adapter (lavapipe): never quote these numbers as speed. */
  software: boolean;
  /** True for `--quick` (tiny shapes: a check of the script, not a measurement). */
  quick: boolean;
  date: string;
  commit: string;
  deno: string;
  ceilings: Ceilings;
  prefill: PrefillRow[];
  decode: DecodeRow[];
  peers: PeerRow[];
  /** What the peers run said (versions, or why there are none). */
  peersNote: string;
  crossCheck: CrossCheckRow[];
  /** Parts of the run that failed (the others still ran). */
  errors?: string[];
}

/** FLOPs of one attention call (B = 1): 4·H·S²·D, halved under a causal mask. */
export function prefillFlops(heads: number, seq: number, headDim: number, causal: boolean): number {
  const full = 4 * heads * seq * seq * headDim;
  return causal ? full / 2 : full;
}

/** Bytes of K and V one decode call reads (B = 1). */
export function decodeBytes(
  kvHeads: number,
  length: number,
  headDim: number,
  precision: Precision,
): number {
  return 2 * kvHeads * length * headDim * (precision === "f16" ? 2 : 4);
}

/** TFLOP/s of a prefill call taking `seconds`. */
export function prefillTflops(
  shape: { heads: number; seq: number; headDim: number; causal: boolean },
  seconds: number,
): number {
  checkSeconds(seconds);
  return prefillFlops(shape.heads, shape.seq, shape.headDim, shape.causal) / seconds / 1e12;
}

/** GB/s of K/V read by a decode call taking `seconds`. */
export function decodeGBs(
  shape: { kvHeads: number; length: number; headDim: number; precision: Precision },
  seconds: number,
): number {
  checkSeconds(seconds);
  return decodeBytes(shape.kvHeads, shape.length, shape.headDim, shape.precision) / seconds / 1e9;
}

function checkSeconds(seconds: number): void {
  if (!(Number.isFinite(seconds) && seconds > 0)) {
    throw new RangeError(`Invalid seconds: expected a positive finite number, got ${seconds}`);
  }
}

/** a / b, or null when either is missing or b is not positive. */
export function ratio(a: number | null | undefined, b: number | null | undefined): number | null {
  if (a === null || a === undefined || b === null || b === undefined) return null;
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) return null;
  return a / b;
}

/** The fastest peer for a prefill row (same shape, mask and precision), if any. */
export function prefillPeer(row: PrefillRow, peers: readonly PeerRow[]): PeerRow | null {
  let best: PeerRow | null = null;
  for (const p of peers) {
    if (
      p.kind === "prefill" && p.heads === row.heads && p.seq === row.seq &&
      p.headDim === row.headDim && p.causal === row.causal && p.precision === row.precision &&
      p.tflops !== undefined && (best === null || p.tflops > best.tflops!)
    ) best = p;
  }
  return best;
}

/** The fastest peer for a decode row (same length, head dim and precision), if any. */
export function decodePeer(row: DecodeRow, peers: readonly PeerRow[]): PeerRow | null {
  let best: PeerRow | null = null;
  for (const p of peers) {
    if (
      p.kind === "decode" && p.length === row.length && p.headDim === row.headDim &&
      p.precision === row.precision && p.gbs !== undefined &&
      (p.kvHeads === undefined || p.kvHeads === row.kvHeads) &&
      (p.group === undefined || p.group === row.group) &&
      (best === null || p.gbs > best.gbs!)
    ) best = p;
  }
  return best;
}

/**
 * The cross-check row: `timestamp` is the per-call time of one submission of
 * `2n` calls; `wallN` and `wall2n` the wall-clock times of whole submissions
 * of n and 2n calls, whose difference cancels the fixed costs (readback,
 * completion wait) and leaves n calls.
 */
export function crossCheck(
  what: string,
  calls: number,
  timestampSeconds: number,
  wallN: number,
  wall2n: number,
  timestampNSeconds?: number,
): CrossCheckRow {
  const wallSeconds = (wall2n - wallN) / calls;
  const r = wallSeconds > 0 ? timestampSeconds / wallSeconds : Number.NaN;
  const row: CrossCheckRow = {
    what,
    calls,
    timestampSeconds,
    wallSeconds,
    ratio: r,
    agree: Number.isFinite(r) && Math.abs(r - 1) <= 0.1,
  };
  if (timestampNSeconds === undefined) return row;
  const diff = 2 * timestampSeconds - timestampNSeconds;
  const full: CrossCheckRow = {
    ...row,
    timestampNSeconds,
    timestampDiffSeconds: diff,
    timestampFixedSeconds: calls * (timestampNSeconds - diff),
  };
  return { ...full, reading: crossCheckReading(full) };
}

/** Whether x is within 10% of y (y positive). */
function within10(x: number | undefined, y: number): boolean {
  return x !== undefined && y > 0 && Number.isFinite(x) && Math.abs(x / y - 1) <= 0.1;
}

/**
 * Which figure of a cross-check row to trust. The wall-clock difference
 * contains the GPU time of n calls (and any host work or idle gap between
 * them), so it bounds the kernel time from above; the timestamp difference
 * cancels a fixed cost inside each timed pass (clocks ramping up at its
 * start, a begin timestamp written early) that single-call rows carry whole.
 */
export function crossCheckReading(c: CrossCheckRow): string {
  const us = (s: number) => `${(s * 1e6).toFixed(1)} µs`;
  if (!Number.isFinite(c.ratio)) {
    return "no reading: the wall-clock difference is not positive (too few calls for the clock)";
  }
  const fixed = c.timestampFixedSeconds;
  const fixedNote = fixed !== undefined && c.timestampNSeconds !== undefined &&
      fixed > 0.1 * c.calls * c.timestampNSeconds
    ? `; each timed pass carries a fixed ${us(fixed)}, which single-call rows include whole`
    : "";
  if (c.agree) return `agree: either figure${fixedNote}`;
  if (c.ratio > 1) {
    if (within10(c.timestampDiffSeconds, c.wallSeconds)) {
      return `trust the wall clock (${
        us(c.wallSeconds)
      }): the timestamp difference agrees with it, so the timestamps carry a fixed ${
        us(fixed ?? 0)
      } per timed pass; single-call rows (decode, L2-cold) include it`;
    }
    return `trust the wall clock (${
      us(c.wallSeconds)
    }): the timestamps exceed an upper bound of the GPU time, and not by a fixed cost per pass`;
  }
  return `trust the timestamps (${
    us(c.timestampSeconds)
  }) as kernel time: the wall clock also counts host work or idle gaps between calls${fixedNote}`;
}

/** Whether an adapter is a software rasteriser, by its flag or its name. */
export function isSoftwareAdapter(
  info: { description?: string; isFallbackAdapter?: boolean },
): boolean {
  if (info.isFallbackAdapter) return true;
  return /llvmpipe|lavapipe|swiftshader|software|warp/i.test(info.description ?? "");
}

function problem(path: string, want: string, got: unknown): string {
  return `${path}: expected ${want}, got ${JSON.stringify(got)}`;
}

function isNum(x: unknown): x is number {
  return typeof x === "number" && Number.isFinite(x);
}

/**
 * The fields outside checks read, checked on a parsed results object.
 * @returns The problems found (empty when the object is valid).
 */
export function schemaProblems(value: unknown): string[] {
  const out: string[] = [];
  const obj = (x: unknown): x is Record<string, unknown> =>
    x !== null && typeof x === "object" && !Array.isArray(x);
  if (!obj(value)) return [problem("$", "an object", value)];
  const adapter = value.adapter;
  if (!obj(adapter)) out.push(problem("adapter", "an object", adapter));
  else {
    if (typeof adapter.description !== "string") {
      out.push(problem("adapter.description", "a string", adapter.description));
    }
    if (typeof adapter.isFallbackAdapter !== "boolean") {
      out.push(problem("adapter.isFallbackAdapter", "a boolean", adapter.isFallbackAdapter));
    }
  }
  for (const key of ["date", "commit", "deno"]) {
    if (typeof value[key] !== "string") out.push(problem(key, "a string", value[key]));
  }
  const c = value.ceilings;
  if (!obj(c)) out.push(problem("ceilings", "an object", c));
  else {
    for (const key of ["fmaF32Tflops", "readGBs", "submitUs", "completionMs"]) {
      if (!isNum(c[key])) out.push(problem(`ceilings.${key}`, "a finite number", c[key]));
    }
    if (c.fmaF16Tflops !== null && !isNum(c.fmaF16Tflops)) {
      out.push(problem("ceilings.fmaF16Tflops", "a finite number or null", c.fmaF16Tflops));
    }
  }
  const rows = (key: string, check: (row: Record<string, unknown>, at: string) => void) => {
    const list = value[key];
    if (!Array.isArray(list)) return out.push(problem(key, "an array", list));
    list.forEach((row, i) =>
      obj(row) ? check(row, `${key}[${i}]`) : out.push(problem(`${key}[${i}]`, "an object", row))
    );
  };
  const need = (
    row: Record<string, unknown>,
    at: string,
    key: string,
    type: "number" | "boolean" | "string",
  ) => {
    const ok = type === "number"
      ? isNum(row[key])
      : type === "boolean"
      ? typeof row[key] === "boolean"
      : typeof row[key] === "string";
    if (!ok) out.push(problem(`${at}.${key}`, `a ${type}`, row[key]));
  };
  const precision = (row: Record<string, unknown>, at: string) => {
    if (row.precision !== "f32" && row.precision !== "f16") {
      out.push(problem(`${at}.precision`, '"f32" or "f16"', row.precision));
    }
  };
  rows("prefill", (row, at) => {
    for (const key of ["heads", "seq", "headDim", "tflops"]) need(row, at, key, "number");
    need(row, at, "causal", "boolean");
    need(row, at, "source", "string");
    precision(row, at);
  });
  rows("decode", (row, at) => {
    for (const key of ["kvHeads", "group", "headDim", "length", "gbs"]) {
      need(row, at, key, "number");
    }
    need(row, at, "l2Cold", "boolean");
    precision(row, at);
    if (row.kernel !== undefined && row.kernel !== "split" && row.kernel !== "keys") {
      out.push(problem(`${at}.kernel`, '"split" or "keys"', row.kernel));
    }
  });
  rows("peers", (row, at) => {
    need(row, at, "name", "string");
    need(row, at, "headDim", "number");
    precision(row, at);
    if (row.kind === "prefill") {
      for (const key of ["heads", "seq", "tflops"]) need(row, at, key, "number");
      need(row, at, "causal", "boolean");
    } else if (row.kind === "decode") {
      for (const key of ["length", "gbs"]) need(row, at, key, "number");
    } else out.push(problem(`${at}.kind`, '"prefill" or "decode"', row.kind));
  });
  return out;
}
