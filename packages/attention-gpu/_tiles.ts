/**
 * Tile sizes of the flash-attention kernel, chosen from the adapter's
 * workgroup-storage tier (its maxComputeWorkgroupStorageSize): T48 = 48 KiB (NVIDIA under
 * wgpu), T32 = 32 KiB (Apple, mobile, Mesa's lavapipe), T16 = the WebGPU
 * default 16 KiB. Tiles come from the tier's nominal budget, not from the
 * exact limit, so a tier always runs the same, tested kernels.
 */

/** A workgroup-storage tier. */
export type Tier = "T48" | "T32" | "T16";

/** Budget in bytes of each tier. */
export const TIER_BYTES: Readonly<Record<Tier, number>> = Object.freeze({
  T48: 49152,
  T32: 32768,
  T16: 16384,
});

/** The tier an adapter with this much workgroup storage gets. */
export function tierFor(workgroupStorageBytes: number): Tier {
  if (workgroupStorageBytes >= TIER_BYTES.T48) return "T48";
  if (workgroupStorageBytes >= TIER_BYTES.T32) return "T32";
  return "T16";
}

/**
 * Everything that fixes the shape of one flash kernel. Each invocation owns a
 * `tm` x `tn` block of scores (rows x keys) and a `om` x `od4` block of the
 * output (rows x vec4 columns); keys and output columns are strided across
 * invocations so that neighbouring lanes touch neighbouring words.
 */
export interface FlashTiles {
  readonly tier: Tier;
  readonly headDim: number;
  /** Invocations per workgroup. */
  readonly workgroup: number;
  /** Query rows per workgroup (rows are (position, head-in-group) pairs). */
  readonly br: number;
  /** Keys per K/V tile. */
  readonly bc: number;
  readonly tm: number;
  readonly tn: number;
  readonly om: number;
  readonly od4: number;
  /** K and V share one workgroup buffer (V is loaded after the scores). */
  readonly sharedKV: boolean;
  /** Q and K rows padded by one vec4 against bank conflicts. */
  readonly pad: boolean;
  /** Workgroup storage the kernel declares, in bytes. */
  readonly bytes: number;
}

/** Workgroup bytes of a candidate, as the generated WGSL declares them. */
export function flashBytes(
  t: Pick<FlashTiles, "headDim" | "br" | "bc" | "tn" | "sharedKV" | "pad">,
): number {
  const d4 = t.headDim / 4;
  const padded = (d4 + (t.pad ? 1 : 0)) * 16;
  const q = t.br * padded;
  const k = t.bc * padded;
  const v = t.sharedKV ? 0 : t.bc * d4 * 16;
  const p = t.br * (t.bc + 1) * 4;
  const stats = 2 * t.br * (t.bc / t.tn) * 4;
  return q + k + v + p + stats;
}

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) if (n % i === 0) out.push(i);
  return out;
}

/** The per-invocation score block: prefers 4 keys, squarish blocks, <= 16 scores. */
function scoreBlock(br: number, bc: number, workgroup: number): [number, number] | undefined {
  const per = (br * bc) / workgroup;
  if (!Number.isInteger(per) || per < 1 || per > 16) return undefined;
  let best: [number, number] | undefined;
  let bestCost = Infinity;
  for (const tn of divisors(bc)) {
    const tm = per / tn;
    if (!Number.isInteger(tm) || br % tm !== 0) continue;
    // Shared-memory loads per FMA fall with tm + tn at fixed tm * tn.
    const cost = (tm + tn) * 10 + Math.abs(tn - 4);
    if (cost < bestCost) {
      bestCost = cost;
      best = [tm, tn];
    }
  }
  return best;
}

/** The per-invocation output block: rows x vec4 columns, at most 64 floats. */
function outputBlock(br: number, d4: number, workgroup: number): [number, number] | undefined {
  const per = (br * d4) / workgroup;
  if (!Number.isInteger(per) || per < 1 || per > 16) return undefined;
  let best: [number, number] | undefined;
  let bestCost = Infinity;
  for (const od4 of divisors(d4)) {
    const om = per / od4;
    if (!Number.isInteger(om) || br % om !== 0) continue;
    const cost = (om + od4) * 10 + Math.abs(od4 - 4);
    if (cost < bestCost) {
      bestCost = cost;
      best = [om, od4];
    }
  }
  return best;
}

/** Largest head dim the kernels are generated for. */
export const MAX_HEAD_DIM = 512;

/**
 * Chooses the tiles of the flash kernel for a head dim on a tier, or returns
 * undefined when no candidate fits (the caller turns that into an error).
 *
 * Order of preference: the largest Br x Bc tile (fewer barriers and K/V
 * reloads per FLOP), then Br >= Bc (K/V reuse), then >= 32 keys per tile, then
 * >= 4 FMAs per workgroup-memory load in the score loop (NVIDIA issues about
 * one shared load per four FMAs), then 128 invocations (four warps: several
 * workgroups per SM), then more FMAs per load, then separate K and V buffers,
 * then padding.
 */
export function chooseFlashTiles(
  headDim: number,
  tier: Tier,
  maxInvocations = 256,
): FlashTiles | undefined {
  // The search visits a few hundred candidates: every call would pay it, so it runs once per key.
  const key = `${headDim}|${tier}|${maxInvocations}`;
  if (!CHOSEN.has(key)) CHOSEN.set(key, searchFlashTiles(headDim, tier, maxInvocations));
  return CHOSEN.get(key);
}

const CHOSEN = new Map<string, FlashTiles | undefined>();

function searchFlashTiles(
  headDim: number,
  tier: Tier,
  maxInvocations: number,
): FlashTiles | undefined {
  if (!Number.isInteger(headDim) || headDim % 4 !== 0 || headDim < 4 || headDim > MAX_HEAD_DIM) {
    return undefined;
  }
  const budget = TIER_BYTES[tier];
  const d4 = headDim / 4;
  let best: FlashTiles | undefined;
  let bestScore: number[] | undefined;
  for (const workgroup of [128, 64, 256, 32]) {
    if (workgroup > maxInvocations) continue;
    for (const br of [64, 32, 16, 8, 4]) {
      for (const bc of [64, 32, 16, 8, 4]) {
        const s = scoreBlock(br, bc, workgroup);
        const o = outputBlock(br, d4, workgroup);
        if (!s || !o) continue;
        for (const sharedKV of [false, true]) {
          for (const pad of [true, false]) {
            const [tm, tn] = s;
            const [om, od4] = o;
            const bytes = flashBytes({ headDim, br, bc, tn, sharedKV, pad });
            if (bytes > budget) continue;
            // FMAs per vec4 read from workgroup memory in the score loop.
            const intensity = (4 * tm * tn) / (tm + tn);
            const score = [
              br * bc,
              br >= bc ? 1 : 0,
              bc >= 32 ? 1 : 0,
              intensity >= 4 ? 1 : 0,
              workgroup === 128 ? 2 : workgroup === 64 ? 1 : 0,
              intensity,
              sharedKV ? 0 : 1,
              pad ? 1 : 0,
            ];
            if (!bestScore || greater(score, bestScore)) {
              bestScore = score;
              best = Object.freeze({
                tier,
                headDim,
                workgroup,
                br,
                bc,
                tm,
                tn,
                om,
                od4,
                sharedKV,
                pad,
                bytes,
              });
            }
          }
        }
      }
    }
  }
  return best;
}

function greater(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  }
  return false;
}
