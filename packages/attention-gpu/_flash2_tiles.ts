/**
 * Tiles of the register-tiled prefill kernel ("flash2"), per head dim and
 * workgroup-storage tier.
 *
 * Each invocation owns the same `tm` query rows in both products: a `tm` x
 * `tn` block of scores (keys strided by `nt`, the invocations per row) and a
 * `tm` x `4 * od4` block of the output (vec4 columns strided by `nt`). So
 * `nt = bc / tn = headDim / 4 / od4`, and a row's running max, sum and
 * rescale factor live in the registers of the `nt` invocations that share it;
 * only the row maxima of a tile and the probabilities cross invocations,
 * through workgroup memory.
 *
 * Nothing here was tuned on a GPU: the ranking is a model (multiply-adds per
 * issued instruction, registers, latency hiding), and `bench/gpu.ts` times
 * the leading candidates on the adapter it runs on.
 */

import { type Tier, TIER_BYTES } from "./_tiles.ts";

/**
 * Where K and V tiles live in workgroup memory.
 * - `"shared"`: one buffer; V replaces K once the scores are done. With
 *   `prefetch`, V's global loads are issued before the scores and the next
 *   K's before P·V, into registers; without, each is loaded where it is stored.
 * - `"split"`: a K buffer and a V buffer (two V buffers with `doubleV`); with
 *   `prefetch`, the next tile's K and V are read into registers during P·V.
 */
export type KvMode = "shared" | "split";

/** Everything that fixes the shape of one flash2 kernel. */
export interface Flash2Tiles {
  readonly tier: Tier;
  readonly headDim: number;
  /** Invocations per workgroup. */
  readonly workgroup: number;
  /** Query rows per workgroup ((position, head-in-group) pairs). */
  readonly br: number;
  /** Keys per K/V tile. */
  readonly bc: number;
  /** Query rows per invocation (scores and output). */
  readonly tm: number;
  /** Keys per invocation. */
  readonly tn: number;
  /** Output vec4 columns per invocation. */
  readonly od4: number;
  readonly kv: KvMode;
  /** Two V buffers, so a tile's P·V never waits for the next tile's loads (split only). */
  readonly doubleV: boolean;
  /** Global loads of K and V issued ahead into registers (see `KvMode`). */
  readonly prefetch: boolean;
  /** Q and K/V rows padded by one vec4 against bank conflicts. */
  readonly pad: boolean;
  /** vec4 steps of the score loop per iteration (headDim / 4: no loop). */
  readonly dChunk: number;
  /** Keys of the P·V loop per iteration (bc: no loop). */
  readonly kChunk: number;
  /** Workgroup storage the kernel declares, in bytes. */
  readonly bytes: number;
}

/** Head dims the kernel is generated for: multiples of 4 from 16 to 256. */
export const FLASH2_HEAD_DIMS = "a multiple of 4 from 16 to 256";

/** Invocations that share one query row (= key stride = output column stride). */
export function rowThreads(t: Pick<Flash2Tiles, "bc" | "tn">): number {
  return t.bc / t.tn;
}

/** Workgroup bytes of a tile record, as the generated WGSL declares them. */
export function flash2Bytes(
  t: Pick<Flash2Tiles, "headDim" | "br" | "bc" | "tm" | "tn" | "kv" | "doubleV" | "pad">,
): number {
  const rowBytes = (t.headDim / 4 + (t.pad ? 1 : 0)) * 16;
  const q = t.br * rowBytes;
  const kv = t.kv === "shared" ? t.bc * rowBytes : t.bc * rowBytes * (t.doubleV ? 3 : 2);
  // Probabilities: per key, br rows and one vector of padding (min(tm, 4) rows) against conflicts.
  const p = t.bc * (t.br + Math.min(t.tm, 4)) * 4;
  const mx = t.br * (t.bc / t.tn) * 4;
  const flags = t.doubleV ? 8 : 4; // one NaN flag per V buffer
  return q + kv + p + mx + flags;
}

/** vec4 loads of K (and as many of V) per invocation per tile (the last one guarded if partial). */
export function loadsPerTile(t: Pick<Flash2Tiles, "headDim" | "bc" | "workgroup">): number {
  return Math.ceil((t.bc * t.headDim) / 4 / t.workgroup);
}

/** A rough register count per invocation (accumulators, operands, prefetch, bookkeeping). */
export function flash2Registers(t: Omit<Flash2Tiles, "bytes" | "tier">): number {
  const acc = t.tm * t.tn + 4 * t.tm * t.od4;
  const operands = 4 * (t.tm + t.tn);
  const loads = loadsPerTile(t);
  const prefetch = !t.prefetch ? 0 : t.kv === "shared" ? 4 * loads : 8 * loads;
  return acc + operands + prefetch + 3 * t.tm + 24;
}

/**
 * The model's estimate of the share of issued instructions that are
 * multiply-adds (per invocation and K/V tile), discounted for latency that is
 * left exposed: global loads without prefetch, and barriers.
 */
export function flash2Efficiency(t: Omit<Flash2Tiles, "bytes" | "tier">): number {
  const d4 = t.headDim / 4;
  const nt = t.bc / t.tn;
  const w = Math.min(t.tm, 4);
  const fma = 2 * t.tm * t.tn * t.headDim;
  const lds = (t.tm + t.tn) * d4 + t.bc * (t.tm / w + t.od4);
  const softmax = t.tm * t.tn * 8 + t.tm * (nt + 8) + 4 * t.tm * t.od4;
  const loads = loadsPerTile(t) * 2 * 4;
  const barriers = t.kv === "split" && t.doubleV ? 3 : 4;
  // An exposed load costs about a global-memory latency shared by the warps of the SM
  // (shared K/V without prefetch exposes two per tile: V, then the next K).
  const exposed = t.prefetch ? 0 : t.kv === "shared" ? 2 : 1;
  const stall = (exposed * 400) / Math.max(1, t.workgroup / 32);
  const sync = barriers * (20 + t.workgroup / 8);
  return fma / (fma + lds + softmax + loads + stall + sync);
}

function divides(n: number, d: number): boolean {
  return n % d === 0;
}

/** Every tile record that fits a tier and the model's register cap, best first. */
export function flash2Candidates(
  headDim: number,
  tier: Tier,
  maxInvocations = 256,
): Flash2Tiles[] {
  if (
    !Number.isInteger(headDim) || headDim % 4 !== 0 || headDim < 16 || headDim > 256
  ) return [];
  const d4 = headDim / 4;
  const budget = TIER_BYTES[tier];
  const out: Array<{ tiles: Flash2Tiles; score: number[] }> = [];
  for (const workgroup of [64, 128, 256]) {
    if (workgroup > maxInvocations) continue;
    for (const nt of [1, 2, 4, 8, 16, 32]) {
      if (!divides(d4, nt) || !divides(workgroup, nt)) continue;
      const od4 = d4 / nt;
      for (const tm of [1, 2, 4, 8]) {
        const br = (workgroup / nt) * tm;
        if (br < 8 || br > 128) continue;
        for (const tn of [1, 2, 4, 8]) {
          const bc = nt * tn;
          if (bc < 8 || bc > 64) continue;
          for (const kv of ["shared", "split"] as const) {
            for (const doubleV of kv === "split" ? [true, false] : [false]) {
              for (const prefetch of [true, false]) {
                for (const pad of [true, false]) {
                  const shape = {
                    headDim,
                    workgroup,
                    br,
                    bc,
                    tm,
                    tn,
                    od4,
                    kv,
                    doubleV,
                    prefetch,
                    pad,
                    dChunk: defaultDChunk(d4),
                    kChunk: Math.min(bc, 32),
                  };
                  const bytes = flash2Bytes(shape);
                  const regs = flash2Registers(shape);
                  if (bytes > budget || regs > 160) continue;
                  const tiles: Flash2Tiles = { tier, ...shape, bytes };
                  const score = [
                    regs <= 128 ? 1 : 0,
                    Math.round(flash2Efficiency(shape) * 100),
                    bc >= 32 ? 1 : 0,
                    workgroup >= 128 ? 1 : 0,
                    pad ? 1 : 0,
                    -regs,
                  ];
                  out.push({ tiles, score });
                }
              }
            }
          }
        }
      }
    }
  }
  out.sort((a, b) => compare(b.score, a.score));
  return out.map((c) => c.tiles);
}

/** The score loop is written out whole up to 16 vec4 steps, else in chunks of 8 (or fewer). */
function defaultDChunk(d4: number): number {
  if (d4 <= 16) return d4;
  for (const c of [8, 4, 2]) if (divides(d4, c)) return c;
  return 1;
}

/**
 * The tiles of the flash2 kernel for a head dim on a tier, or undefined when
 * no record fits (the caller falls back to the flash kernel).
 */
export function chooseFlash2Tiles(
  headDim: number,
  tier: Tier,
  maxInvocations = 256,
): Flash2Tiles | undefined {
  return flash2Candidates(headDim, tier, maxInvocations)[0];
}

/** A short label of a tile record, e.g. "wg128 32x32 t2x4 o4 shared+pf pad c8/32". */
export function flash2Label(t: Flash2Tiles): string {
  const kv = `${t.kv}${t.doubleV ? "2v" : ""}${t.prefetch ? "+pf" : ""}`;
  return `wg${t.workgroup} ${t.br}x${t.bc} t${t.tm}x${t.tn} o${t.od4} ${kv}${
    t.pad ? " pad" : ""
  } c${t.dChunk}/${t.kChunk}`;
}

/** Checks a hand-made tile record (tests and the tuning sweep); returns a reason or null. */
export function flash2TilesProblem(t: Flash2Tiles): string | null {
  const d4 = t.headDim / 4;
  const nt = t.bc / t.tn;
  const ints = [t.headDim, t.workgroup, t.br, t.bc, t.tm, t.tn, t.od4, t.dChunk, t.kChunk];
  if (!ints.every((x) => Number.isInteger(x) && x > 0)) return "non-positive or fractional size";
  if (!Number.isInteger(d4) || !Number.isInteger(nt)) return "headDim or bc does not divide";
  if (nt * t.od4 !== d4) return `bc / tn (${nt}) times od4 must be headDim / 4 (${d4})`;
  if ((t.br / t.tm) * nt !== t.workgroup) return "workgroup must be (br / tm) * (bc / tn)";
  if (!divides(t.br, t.tm)) return "tm must divide br";
  if (![1, 2, 4, 8].includes(t.tm)) return "tm must be 1, 2, 4 or 8";
  if (!divides(d4, t.dChunk) || !divides(t.bc, t.kChunk)) return "chunks must divide";
  if (t.kv === "shared" && t.doubleV) return "shared K/V has one buffer (doubleV is split only)";
  if (t.bytes !== flash2Bytes(t)) return `bytes must be ${flash2Bytes(t)}`;
  return null;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! - b[i]!;
  }
  return 0;
}
