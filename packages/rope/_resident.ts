import {
  instantiateSimd,
  PAGE_BYTES,
  type SimdFunctions,
  simdKernelModules,
  type TableRegion,
  tableRegionFloats,
  tablesAt,
} from "./_kernel.ts";
import type { RotationJob } from "./_schedules.ts";

/**
 * Floats of each of the cos and sin tables a resident memory fills at a
 * time: 8 KiB each, so that both stay in L1 while the rows they turn stream
 * past (32 tokens of a 128-dim head per block).
 */
export const RESIDENT_TABLE_FLOATS = 2048;

/**
 * A tensor's own WebAssembly memory: the tensor's floats from byte 0, then
 * the angle state and the cos/sin tables, with the kernel instantiated over
 * it. The memory's maximum is its initial size, so it can never grow, and a
 * view of it never detaches.
 */
class ResidentMemory {
  readonly #functions: SimdFunctions;
  readonly #buffer: ArrayBuffer;
  /** Bytes of the tensor region (from 0). */
  readonly dataBytes: number;
  /** Float offset where the tables region starts (16-byte aligned). */
  readonly #tablesAt: number;
  /** Floats from #tablesAt to the end of the memory. */
  readonly #tableSpace: number;
  #last: { half: number; tableFloats: number; region: TableRegion } | null = null;

  constructor(functions: SimdFunctions, buffer: ArrayBuffer, dataFloats: number) {
    this.#functions = functions;
    this.#buffer = buffer;
    this.dataBytes = dataFloats * 4;
    this.#tablesAt = Math.ceil(dataFloats / 4) * 4;
    this.#tableSpace = buffer.byteLength / 4 - this.#tablesAt;
  }

  /** Tokens whose table rows of `half` values fit at once (0 if not even one). */
  blockTokens(half: number, seq: number): number {
    let tokens = Math.min(seq, Math.max(1, Math.floor(RESIDENT_TABLE_FLOATS / half)));
    while (tokens > 0 && tableRegionFloats(tokens * half, half) > this.#tableSpace) {
      tokens = Math.floor(tokens / 2);
    }
    return tokens;
  }

  region(half: number, tableFloats: number): TableRegion {
    const last = this.#last;
    if (last !== null && last.half === half && last.tableFloats === tableFloats) {
      return last.region;
    }
    const region = tablesAt(
      this.#buffer,
      this.#functions.angleRows,
      this.#tablesAt,
      tableFloats,
      half,
    );
    this.#last = { half, tableFloats, region };
    return region;
  }

  /**
   * Rotates the job's tensor where it lies, `byteOffset` bytes into the
   * memory: blocks of tokens, each block's table rows written once and
   * read by every row of those tokens.
   */
  rotate(job: RotationJob, bhsd: boolean, byteOffset: number): boolean {
    const { seq, half } = job;
    const block = this.blockTokens(half, seq);
    if (block === 0) return false;
    const { tables, cosBytes, sinBytes } = this.region(half, block * half);
    const fill = job.filler(tables);
    const rotate = job.interleaved ? this.#functions.rotateInterleaved : this.#functions.rotateHalf;
    const rowBytes = job.headDim * 4;
    const groups = job.perBatch ? job.batch : 1;
    if (bhsd) {
      // Every (batch, head) is a run of seq rows; a group's runs share the table rows.
      // Four runs at a time share each table load; the last (runs % 4) go one by one.
      const runs = job.perBatch ? job.heads : job.batch * job.heads;
      const runBytes = seq * rowBytes;
      const fours = runs >> 2;
      const rest = runs & 3;
      for (let group = 0; group < groups; group++) {
        for (let start = 0; start < seq; start += block) {
          const count = Math.min(block, seq - start);
          fill(group * seq + start, count);
          const at = byteOffset + group * runs * runBytes + start * rowBytes;
          if (fours > 0) {
            rotate(at, cosBytes, sinBytes, count, rowBytes, 4, runBytes, fours, 4 * runBytes, half);
          }
          if (rest > 0) {
            const last = at + fours * 4 * runBytes;
            rotate(last, cosBytes, sinBytes, count, rowBytes, rest, runBytes, 1, 0, half);
          }
        }
      }
    } else {
      // A token's heads are contiguous and share its table row; batch rows without
      // positions of their own share the table too.
      const tokenBytes = job.seqStride * 4;
      const batchBytes = job.batchStride * 4;
      const outer = job.perBatch ? 1 : job.batch;
      for (let group = 0; group < groups; group++) {
        for (let start = 0; start < seq; start += block) {
          const count = Math.min(block, seq - start);
          fill(group * seq + start, count);
          const at = byteOffset + group * batchBytes + start * tokenBytes;
          rotate(
            at,
            cosBytes,
            sinBytes,
            count,
            tokenBytes,
            job.heads,
            rowBytes,
            outer,
            batchBytes,
            half,
          );
        }
      }
    }
    return true;
  }
}

/** The memory behind each resident tensor's buffer. */
const RESIDENT = new WeakMap<ArrayBufferLike, ResidentMemory>();

/** Floats of the tables region a tensor of this shape may need: tables for its longest axis. */
function reservedTableFloats(shape: readonly number[]): number {
  const [, a = 1, b = 1, headDim = 2] = shape;
  const half = Math.max(1, Math.floor(headDim / 2));
  // bhsd's seq is shape[2], bshd's shape[1]: either may be the one rotated.
  const tokens = Math.max(1, Math.min(Math.max(a, b), Math.floor(RESIDENT_TABLE_FLOATS / half)));
  return tableRegionFloats(tokens * half, half) + 8;
}

/**
 * A view of `size` floats at the start of a new, fixed-size WebAssembly
 * memory with the SIMD kernel over it, or null where WebAssembly SIMD is
 * unavailable.
 *
 * @throws {RangeError} If the memory would exceed WebAssembly's 4 GiB or
 * the runtime cannot allocate it.
 */
export function residentFloats(size: number, shape: readonly number[]): Float32Array | null {
  const modules = simdKernelModules();
  if (modules === null) return null;
  const bytes = (Math.ceil(size / 4) * 4 + reservedTableFloats(shape)) * 4;
  const pages = Math.max(1, Math.ceil(bytes / PAGE_BYTES));
  if (pages > 65536) {
    throw new RangeError(
      `Invalid shape [${shape.join(", ")}]: expected at most ${
        Math.floor((65536 * PAGE_BYTES - reservedTableFloats(shape) * 4) / 4)
      } elements (a WebAssembly memory holds 4 GiB), got ${size}`,
    );
  }
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  } catch (error) {
    throw new RangeError(
      `Invalid shape [${
        shape.join(", ")
      }]: the runtime could not allocate ${pages} WebAssembly pages (${bytes} bytes) for it`,
      { cause: error },
    );
  }
  const buffer = memory.buffer as ArrayBuffer;
  RESIDENT.set(buffer, new ResidentMemory(instantiateSimd(modules, memory), buffer, size));
  return new Float32Array(buffer, 0, size);
}

/** Whether `data` lies in the tensor region of a resident memory. */
export function isResident(data: Float32Array): boolean {
  const memory = RESIDENT.get(data.buffer);
  return memory !== undefined && data.byteOffset + data.byteLength <= memory.dataBytes;
}

/**
 * Rotates the job in place, with no copy, when its tensor lies in a
 * resident memory (and is rotated in place); returns false, having written
 * nothing, for everything else, which the copying schedules take.
 */
export function rotateResident(job: RotationJob, bhsd: boolean): boolean {
  const { src, dst } = job;
  if (src.buffer !== dst.buffer || src.byteOffset !== dst.byteOffset) return false;
  const memory = RESIDENT.get(src.buffer);
  if (memory === undefined || src.byteOffset + src.byteLength > memory.dataBytes) return false;
  return memory.rotate(job, bhsd, src.byteOffset);
}
