import { checkInteger } from "@posenc/tensor/validate";

/**
 * Most heads accepted: 512 times the largest head count in use (128), so a
 * wrong argument fails at once instead of allocating gigabytes.
 */
export const MAX_ALIBI_HEADS = 65536;

/**
 * Largest maxBias: the smallest slope, 2^-maxBias, must stay a normal
 * float32 (2^-126 and up); beyond it slopes lose precision and then become 0.
 */
export const MAX_ALIBI_MAX_BIAS = 126;

/** Checks a head count: an integer in [1, {@linkcode MAX_ALIBI_HEADS}]. */
export function checkNumHeads(numHeads: number): number {
  checkInteger("numHeads", numHeads, { min: 1 });
  if (numHeads > MAX_ALIBI_HEADS) {
    checkInteger("numHeads", numHeads, { min: 1, max: MAX_ALIBI_HEADS });
  }
  return numHeads;
}
