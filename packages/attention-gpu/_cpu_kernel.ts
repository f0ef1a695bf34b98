/**
 * The kernels behind attentionCpu: the WebAssembly SIMD module of
 * `_cpu_kernel.wat` (relaxed SIMD where the runtime validates it, else plain
 * SIMD) and a scalar TypeScript twin for runtimes without WebAssembly SIMD.
 * Both read the same packed operands (see `_cpu_kernel.wat`'s header).
 */

import { CPU_KERNEL_PLAIN_BASE64, CPU_KERNEL_RELAXED_BASE64 } from "./_cpu_kernel_wasm.ts";

/** Floats of the scratch area at the start of a kernel's memory (the tile and row stats). */
export const SCRATCH_FLOATS = 512;

/**
 * The masks and score features of one `attendHead` call, in the kernel's
 * base-2 domain (see `_cpu_kernel.wat`'s header). Every field is optional.
 */
export interface HeadFeatures {
  /** Key position of query row 0 (kSeq - qSeq unless the rows are a slice). */
  readonly shift?: number;
  /** Sliding window (0: none). */
  readonly window?: number;
  /** Leading keys hidden from every row. */
  readonly pad?: number;
  /** Soft-cap times log2 e (0: none). */
  readonly cap?: number;
  /** Sink logit times log2 e (-Infinity: none). */
  readonly sink?: number;
  /** Float offset of row 0's bias (times log2 e, -Infinity hides a key); 0: none. */
  readonly bias?: number;
  /** Floats between bias rows (at least kSeq rounded up to 8). */
  readonly biasStride?: number;
}

/** See {@linkcode CpuKernel.pack}. */
export interface CpuPackers {
  panels(from: number, to: number, rows: number, dp: number): void;
  tiles(from: number, to: number, rows: number, dp: number, scale: number): void;
}

/** One attention kernel over packed operands (offsets in floats into its memory). */
export interface CpuKernel {
  /** "relaxed-simd" (fused multiply-add), "simd" (plain f32x4) or "js" (scalar). */
  readonly name: "relaxed-simd" | "simd" | "js";
  /** A view of the kernel's memory holding at least `floats` floats (valid until the next call). */
  reserve(floats: number): Float32Array;
  /**
   * Packers of the kernel's own memory (float offsets): `rows` rows of `dp`
   * floats at `from` into panels of 8 keys, [rows / 8][dp][8] (`rows` a
   * multiple of 8), or into tiles of 4 queries times `scale` (one float32
   * product each), [rows / 4][dp][4] (`rows` a multiple of 4): the layouts
   * `attendHead` reads.
   */
  readonly pack: CpuPackers;
  /**
   * One query head against one k/v head, as `_cpu_kernel.wat`'s
   * `attendHead`: logits in base 2 (q and the slope carry log2 e).
   */
  attendHead(
    q: number,
    k: number,
    v: number,
    o: number,
    dp: number,
    qSeq: number,
    kSeq: number,
    causal: boolean,
    slope: number,
    features?: HeadFeatures,
  ): void;
}

type AttendHead = (
  q: number,
  k: number,
  v: number,
  o: number,
  s: number,
  dp: number,
  qSeq: number,
  kSeq: number,
  causal: number,
  slope: number,
  shift: number,
  window: number,
  pad: number,
  cap: number,
  sink: number,
  bias: number,
  biasStride: number,
) => void;

/** The WebAssembly kernel: a thin wrapper over the module's `attendHead`. */
export class WasmCpuKernel implements CpuKernel {
  readonly name: "relaxed-simd" | "simd";
  readonly pack: CpuPackers;
  #memory: WebAssembly.Memory;
  #attend: AttendHead;
  #view: Float32Array;

  constructor(module: WebAssembly.Module, name: "relaxed-simd" | "simd") {
    const instance = new WebAssembly.Instance(module);
    this.name = name;
    this.#memory = instance.exports.memory as WebAssembly.Memory;
    this.#attend = instance.exports.attendHead as AttendHead;
    this.#view = new Float32Array(this.#memory.buffer);
    type Packer = (from: number, to: number, rows: number, dp: number, scale?: number) => void;
    const panels = instance.exports.packPanels as Packer;
    const tiles = instance.exports.packTiles as Packer;
    this.pack = {
      panels: (from, to, rows, dp) => panels(4 * from, 4 * to, rows, dp),
      tiles: (from, to, rows, dp, scale) => tiles(4 * from, 4 * to, rows, dp, scale),
    };
  }

  reserve(floats: number): Float32Array {
    const bytes = floats * 4;
    const have = this.#memory.buffer.byteLength;
    if (bytes > have) {
      const pages = Math.ceil((bytes - have) / 65536);
      try {
        this.#memory.grow(pages);
      } catch {
        throw new RangeError(
          `Invalid q, k, v: one head's packed operands need ${bytes} bytes, more than the CPU kernel's WebAssembly memory can hold`,
        );
      }
    }
    if (this.#view.buffer !== this.#memory.buffer) {
      this.#view = new Float32Array(this.#memory.buffer);
    }
    return this.#view;
  }

  attendHead(
    q: number,
    k: number,
    v: number,
    o: number,
    dp: number,
    qSeq: number,
    kSeq: number,
    causal: boolean,
    slope: number,
    f: HeadFeatures = {},
  ): void {
    this.#attend(
      4 * q,
      4 * k,
      4 * v,
      4 * o,
      0,
      dp,
      qSeq,
      kSeq,
      causal ? 1 : 0,
      slope,
      f.shift ?? kSeq - qSeq,
      f.window ?? 0,
      f.pad ?? 0,
      f.cap ?? 0,
      f.sink ?? -Infinity,
      4 * (f.bias ?? 0),
      4 * (f.biasStride ?? 0),
    );
  }
}

/**
 * The scalar kernel: the same packed layout read one row at a time, with
 * float64 logits (base 2) and sums, and the same masks and features.
 */
export class ScalarCpuKernel implements CpuKernel {
  readonly name = "js" as const;
  #memory = new Float32Array(SCRATCH_FLOATS);
  #logits = new Float64Array(0);
  #acc = new Float64Array(0);

  reserve(floats: number): Float32Array {
    if (this.#memory.length < floats) this.#memory = new Float32Array(floats);
    return this.#memory;
  }

  readonly pack: CpuPackers = {
    panels: (from, to, rows, dp) => {
      const mem = this.#memory;
      for (let j = 0; j < rows; j++) {
        const panel = to + (j >> 3) * dp * 8 + (j & 7);
        for (let d = 0; d < dp; d++) mem[panel + 8 * d] = mem[from + j * dp + d]!;
      }
    },
    tiles: (from, to, rows, dp, scale) => {
      const mem = this.#memory;
      const fround = Math.fround;
      for (let i = 0; i < rows; i++) {
        const tile = to + (i >> 2) * dp * 4 + (i & 3);
        for (let d = 0; d < dp; d++) mem[tile + 4 * d] = fround(mem[from + i * dp + d]! * scale);
      }
    },
  };

  attendHead(
    q: number,
    k: number,
    v: number,
    o: number,
    dp: number,
    qSeq: number,
    kSeq: number,
    causal: boolean,
    slope: number,
    f: HeadFeatures = {},
  ): void {
    const mem = this.#memory;
    if (this.#logits.length < kSeq) this.#logits = new Float64Array(kSeq);
    if (this.#acc.length < dp) this.#acc = new Float64Array(dp);
    const logits = this.#logits;
    const acc = this.#acc;
    const f32 = Math.fround;
    const shift = f.shift ?? kSeq - qSeq;
    const window = f.window ?? 0;
    const cap = f.cap ?? 0;
    const sink = f.sink ?? -Infinity;
    const bias = f.bias ?? 0;
    for (let i = 0; i < qSeq; i++) {
      const aligned = i + shift;
      const limit = causal ? Math.min(kSeq, aligned + 1) : kSeq;
      const lo = Math.max(f.pad ?? 0, window ? aligned - window + 1 : 0);
      const row = o + i * dp;
      const biasRow = bias + i * (f.biasStride ?? 0);
      const qRow = q + (i >> 2) * dp * 4 + (i & 3);
      let max = sink;
      let seen = 0;
      for (let j = lo; j < limit; j++) {
        const kCol = k + (j >> 3) * dp * 8 + (j & 7);
        let dot = 0;
        for (let d = 0; d < dp; d++) dot += mem[qRow + 4 * d]! * mem[kCol + 8 * d]!;
        let logit = cap === 0 ? dot : cap * Math.tanh(dot / cap);
        if (slope !== 0) logit -= f32(slope) * Math.abs(aligned - j);
        if (bias !== 0) logit += mem[biasRow + j]!;
        logits[j] = logit;
        if (logit !== -Infinity) seen++;
        if (logit > max) max = logit;
      }
      if (seen === 0) {
        mem.fill(0, row, row + dp);
        continue;
      }
      acc.fill(0);
      let sum = sink === -Infinity ? 0 : Math.exp((sink - max) * Math.LN2);
      for (let j = lo; j < limit; j++) {
        if (logits[j] === -Infinity) continue;
        const p = Math.exp((logits[j]! - max) * Math.LN2);
        sum += p;
        const vRow = v + j * dp;
        for (let d = 0; d < dp; d++) acc[d] = acc[d]! + p * mem[vRow + d]!;
      }
      for (let d = 0; d < dp; d++) mem[row + d] = acc[d]! / sum;
    }
  }
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let modules: { relaxed: WebAssembly.Module | null; plain: WebAssembly.Module | null } | undefined;

function compile(base64: string): WebAssembly.Module | null {
  if (typeof WebAssembly !== "object") return null;
  const bytes = decode(base64);
  try {
    return WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    // A content security policy may forbid compiling WebAssembly.
    return null;
  }
}

/**
 * The compiled kernel modules: `relaxed` where the runtime validates
 * relaxed SIMD, `plain` where it has SIMD; null where it lacks them.
 */
export function cpuKernelModules(): {
  relaxed: WebAssembly.Module | null;
  plain: WebAssembly.Module | null;
} {
  modules ??= {
    relaxed: compile(CPU_KERNEL_RELAXED_BASE64),
    plain: compile(CPU_KERNEL_PLAIN_BASE64),
  };
  return modules;
}

let preferred: CpuKernel | undefined;

/** The fastest kernel this runtime has: relaxed SIMD, then plain SIMD, then scalar. */
export function defaultCpuKernel(): CpuKernel {
  if (!preferred) {
    const { relaxed, plain } = cpuKernelModules();
    preferred = relaxed
      ? new WasmCpuKernel(relaxed, "relaxed-simd")
      : plain
      ? new WasmCpuKernel(plain, "simd")
      : new ScalarCpuKernel();
  }
  return preferred;
}
