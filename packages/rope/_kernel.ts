import { ANGLE_ROWS_WASM_BASE64, KERNEL_WASM_BASE64 } from "./_kernel_wasm.ts";

/**
 * Where a kernel keeps the float64 state of the angle recurrence (see
 * AngleRows), and a fast way to step it over consecutive positions.
 */
export interface AngleSpace {
  /** cos (first half) and sin (second half) of the last position's angles. */
  readonly state: Float64Array;
  /** cos (first half) and sin (second half) of each frequency: one position's turn. */
  readonly steps: Float64Array;
  /** The frequencies. */
  readonly freq: Float32Array;
  /**
   * Steps the state `count` times (positions `first`, `first + 1`, ...) and
   * writes each position's row, from table row `row` on, exactly as
   * AngleRows' fast path does: float32 angles need `(first + count - 1) *
   * max(freq) < 2^17`.
   */
  run(first: number, count: number, row: number, float32: boolean, factor: number): void;
}

/** The cos and sin tables a kernel reads, and its angle space if it has one. */
export interface Tables {
  readonly cos: Float32Array;
  readonly sin: Float32Array;
  readonly angles: AngleSpace | null;
}

/**
 * What applyRope needs from a rotation kernel. The driver fills the cos/sin
 * tables for a block of tokens, then asks the kernel to rotate chunks of the
 * tensor that use them.
 */
export interface Kernel {
  /** "wasm" (SIMD) or "js" (scalar fallback). */
  readonly name: "wasm" | "js";
  /**
   * Makes room for two tables of `tableFloats` floats, a chunk of
   * `chunkFloats` and the angle state of `half` frequencies, and returns the
   * tables to fill. They stay valid until the next call.
   */
  prepare(tableFloats: number, chunkFloats: number, half: number): Tables;
  /**
   * Rotates `reps` runs of `ntok` tokens of `hpt` rows of `headDim` floats,
   * the first at `src[offset]`, the next `runStride` floats further on
   * (consecutive when `runStride` is the run's length, the default), into
   * `dst` at the same offsets (`dst` may be `src`). Token t of every run
   * uses table row t, `half = rotaryDim / 2` cos and sin values. Dims past
   * the rotary dim are copied unchanged.
   */
  rotate(
    src: Float32Array,
    dst: Float32Array,
    offset: number,
    ntok: number,
    hpt: number,
    reps: number,
    headDim: number,
    half: number,
    interleaved: boolean,
    runStride?: number,
  ): void;
}

/**
 * The scalar kernel: plain TypeScript for runtimes without WebAssembly SIMD
 * (or where a content security policy forbids compiling it). Each product
 * is rounded to float32 before the sum, as PyTorch and the SIMD kernel do,
 * so both kernels give identical bits.
 */
export class ScalarKernel implements Kernel {
  readonly name = "js" as const;
  #cos = new Float32Array(0);
  #sin = new Float32Array(0);

  prepare(tableFloats: number): Tables {
    if (this.#cos.length < tableFloats) {
      this.#cos = new Float32Array(tableFloats);
      this.#sin = new Float32Array(tableFloats);
    }
    return { cos: this.#cos, sin: this.#sin, angles: null };
  }

  rotate(
    src: Float32Array,
    dst: Float32Array,
    offset: number,
    ntok: number,
    hpt: number,
    reps: number,
    headDim: number,
    half: number,
    interleaved: boolean,
    runStride: number = ntok * hpt * headDim,
  ): void {
    const cos = this.#cos;
    const sin = this.#sin;
    const fround = Math.fround;
    for (let run = 0; run < reps; run++) {
      let row = offset + run * runStride;
      for (let t = 0, tab = 0; t < ntok; t++, tab += half) {
        for (let k = 0; k < hpt; k++, row += headDim) {
          for (let i = 0; i < half; i++) {
            // half: (row + i, row + half + i); interleaved: (row + 2i, row + 2i + 1).
            const u = interleaved ? row + 2 * i : row + i;
            const v = interleaved ? u + 1 : u + half;
            const a = src[u]!;
            const b = src[v]!;
            const c = cos[tab + i]!;
            const s = sin[tab + i]!;
            dst[u] = fround(a * c) - fround(b * s);
            dst[v] = fround(b * c) + fround(a * s);
          }
          if (dst !== src) {
            for (let d = 2 * half; d < headDim; d++) dst[row + d] = src[row + d]!;
          }
        }
      }
    }
  }
}

/**
 * The rotation of `_kernel.wat`: `outer` blocks of `ntok` tokens of `rows`
 * rows, in place; every row of token t uses table row t. Addresses and
 * strides in bytes.
 */
type WasmRotate = (
  x: number,
  cos: number,
  sin: number,
  ntok: number,
  tokStride: number,
  rows: number,
  rowStride: number,
  outer: number,
  outerStride: number,
  half: number,
) => void;

type WasmAngleRows = (
  state: number,
  steps: number,
  freq: number,
  half: number,
  first: number,
  count: number,
  cos: number,
  sin: number,
  factor: number,
  float32: number,
) => void;

/** Bytes in a WebAssembly memory page. */
export const PAGE_BYTES = 65536;

/** The compiled SIMD modules: the rotation and the angle rows, which share one memory. */
export interface SimdModules {
  readonly rotation: WebAssembly.Module;
  readonly angleRows: WebAssembly.Module;
}

/** The SIMD kernel's functions, instantiated over one memory. */
export interface SimdFunctions {
  readonly rotateHalf: WasmRotate;
  readonly rotateInterleaved: WasmRotate;
  readonly angleRows: WasmAngleRows;
}

/** Instantiates both modules over `memory` (the caller's: it decides whether it may grow). */
export function instantiateSimd(modules: SimdModules, memory: WebAssembly.Memory): SimdFunctions {
  const imports = { env: { memory } };
  const rotation = new WebAssembly.Instance(modules.rotation, imports).exports;
  const angles = new WebAssembly.Instance(modules.angleRows, imports).exports;
  return {
    rotateHalf: rotation.rotateHalf as WasmRotate,
    rotateInterleaved: rotation.rotateInterleaved as WasmRotate,
    angleRows: angles.angleRows as WasmAngleRows,
  };
}

/** Rounds a float count up to a multiple of 4, so that regions stay 16-byte aligned. */
function align(floats: number): number {
  return Math.ceil(floats / 4) * 4;
}

/** Floats that {@linkcode tablesAt} takes for tables of `tableFloats` and `half` frequencies. */
export function tableRegionFloats(tableFloats: number, half: number): number {
  return 8 * half + align(half) + 2 * align(tableFloats);
}

/** The cos/sin tables and angle space laid out from float `at` of a memory. */
export interface TableRegion {
  readonly tables: Tables;
  readonly cosBytes: number;
  readonly sinBytes: number;
}

/**
 * Lays out, from float `at` (a multiple of 4) of `buffer`, the angle state
 * (float64 cos and sin of `half` angles), the steps (the same for one
 * position's turn), the frequencies, then the cos and sin tables of
 * `tableFloats` each: {@linkcode tableRegionFloats} floats in all.
 */
export function tablesAt(
  buffer: ArrayBufferLike,
  angleRows: WasmAngleRows,
  at: number,
  tableFloats: number,
  half: number,
): TableRegion {
  const stateBytes = at * 4;
  const stepsBytes = stateBytes + 16 * half;
  const freqBytes = stateBytes + 32 * half;
  const cosBytes = freqBytes + 4 * align(half);
  const sinBytes = cosBytes + 4 * align(tableFloats);
  const tables: Tables = {
    cos: new Float32Array(buffer, cosBytes, tableFloats),
    sin: new Float32Array(buffer, sinBytes, tableFloats),
    angles: {
      state: new Float64Array(buffer, stateBytes, 2 * half),
      steps: new Float64Array(buffer, stepsBytes, 2 * half),
      freq: new Float32Array(buffer, freqBytes, half),
      run: (first, count, row, float32, factor) =>
        angleRows(
          stateBytes,
          stepsBytes,
          freqBytes,
          half,
          first,
          count,
          cosBytes + row * half * 4,
          sinBytes + row * half * 4,
          factor,
          float32 ? 1 : 0,
        ),
    },
  };
  return { tables, cosBytes, sinBytes };
}

/**
 * The WebAssembly SIMD kernel (`_kernel.wat`, `_angle_rows.wat`) over a
 * memory of its own. WebAssembly can only address its own memory, so each
 * chunk of the tensor (a few tens of KiB, sized to stay in L1/L2) is copied
 * in, rotated with f32x4 arithmetic and copied back: the tensor still
 * crosses main memory once each way, as an in-place loop's would. The angle
 * tables are computed there too, two pairs at a time. (Tensors made by
 * `ropeTensor` live in a kernel memory of their own and skip the copies.)
 *
 * Memory: angle state, steps and frequencies, then the cos and sin tables,
 * then the chunk; every region 16-byte aligned for the vector loads.
 */
export class SimdKernel implements Kernel {
  readonly name = "wasm" as const;
  readonly #memory: WebAssembly.Memory;
  readonly #functions: SimdFunctions;
  #heap: Float32Array;
  #cosBytes = 0;
  #sinBytes = 0;
  #chunkAt = 0;
  /** The chunk region as a view (the whole of it), for calls that fill it. */
  #chunk: Float32Array = new Float32Array(0);
  #last: {
    tableFloats: number;
    chunkFloats: number;
    half: number;
    buffer: ArrayBufferLike;
    tables: Tables;
  } | null = null;

  constructor(modules: SimdModules) {
    this.#memory = new WebAssembly.Memory({ initial: 1 });
    this.#functions = instantiateSimd(modules, this.#memory);
    this.#heap = new Float32Array(this.#memory.buffer);
  }

  prepare(tableFloats: number, chunkFloats: number, half: number): Tables {
    // Small calls (one decode token) are dominated by fixed costs: the same
    // request as last time gets the same tables, without making five typed
    // array views again.
    const last = this.#last;
    if (
      last !== null && last.tableFloats === tableFloats && last.chunkFloats === chunkFloats &&
      last.half === half && last.buffer === this.#memory.buffer
    ) {
      return last.tables;
    }
    this.#chunkAt = tableRegionFloats(tableFloats, half);
    const bytes = (this.#chunkAt + chunkFloats) * 4;
    if (bytes > this.#memory.buffer.byteLength) {
      this.#memory.grow(Math.ceil((bytes - this.#memory.buffer.byteLength) / PAGE_BYTES));
      this.#heap = new Float32Array(this.#memory.buffer);
    }
    const buffer = this.#memory.buffer;
    const region = tablesAt(buffer, this.#functions.angleRows, 0, tableFloats, half);
    this.#cosBytes = region.cosBytes;
    this.#sinBytes = region.sinBytes;
    this.#last = { tableFloats, chunkFloats, half, buffer, tables: region.tables };
    this.#chunk = this.#heap.subarray(this.#chunkAt, this.#chunkAt + chunkFloats);
    return region.tables;
  }

  rotate(
    src: Float32Array,
    dst: Float32Array,
    offset: number,
    ntok: number,
    hpt: number,
    reps: number,
    headDim: number,
    half: number,
    interleaved: boolean,
    runStride?: number,
  ): void {
    const heap = this.#heap;
    const at = this.#chunkAt;
    const runFloats = ntok * hpt * headDim;
    const length = reps * runFloats;
    // Runs apart in the tensor (several heads' blocks of tokens) are packed in the chunk.
    const gather = runStride !== undefined && runStride !== runFloats && reps > 1;
    if (gather) {
      for (let run = 0, from = offset; run < reps; run++, from += runStride) {
        heap.set(src.subarray(from, from + runFloats), at + run * runFloats);
      }
    } else {
      // A whole tensor in one chunk (one decode token) needs no subarray views.
      const whole = offset === 0 && length === src.length;
      heap.set(whole ? src : src.subarray(offset, offset + length), at);
    }
    const rotate = interleaved ? this.#functions.rotateInterleaved : this.#functions.rotateHalf;
    const rowBytes = headDim * 4;
    if (hpt === 1) {
      // Runs of ntok rows (bhsd heads): token t of every run uses table row t.
      rotate(
        at * 4,
        this.#cosBytes,
        this.#sinBytes,
        ntok,
        rowBytes,
        reps,
        ntok * rowBytes,
        1,
        0,
        half,
      );
    } else {
      // Tokens of hpt rows (bshd): a token's heads share its table row.
      const tokenBytes = hpt * rowBytes;
      rotate(
        at * 4,
        this.#cosBytes,
        this.#sinBytes,
        ntok,
        tokenBytes,
        hpt,
        rowBytes,
        reps,
        ntok * tokenBytes,
        half,
      );
    }
    if (gather) {
      for (let run = 0, to = offset; run < reps; run++, to += runStride) {
        dst.set(heap.subarray(at + run * runFloats, at + (run + 1) * runFloats), to);
      }
      return;
    }
    const chunk = this.#chunk;
    dst.set(length === chunk.length ? chunk : heap.subarray(at, at + length), offset);
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

let simdModules: SimdModules | null | undefined;

/** The compiled SIMD modules, or null where WebAssembly SIMD is unavailable. */
export function simdKernelModules(): SimdModules | null {
  if (simdModules === undefined) {
    try {
      const rotation = decodeBase64(KERNEL_WASM_BASE64);
      const angleRows = decodeBase64(ANGLE_ROWS_WASM_BASE64);
      simdModules = WebAssembly.validate(rotation) && WebAssembly.validate(angleRows)
        ? {
          rotation: new WebAssembly.Module(rotation),
          angleRows: new WebAssembly.Module(angleRows),
        }
        : null;
    } catch {
      // No WebAssembly at all, or a content security policy that forbids compiling it.
      simdModules = null;
    }
  }
  return simdModules;
}

let kernel: Kernel | undefined;

/** The fastest kernel this runtime supports, created once. */
export function defaultKernel(): Kernel {
  if (kernel === undefined) {
    const modules = simdKernelModules();
    kernel = modules === null ? new ScalarKernel() : new SimdKernel(modules);
  }
  return kernel;
}
