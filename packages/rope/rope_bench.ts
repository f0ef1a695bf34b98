import { randomNormal, type Tensor } from "@posenc/tensor";
import { applyRope, ropeCache, type RopeFrequencies, ropeFrequencies, ropeTensor } from "./mod.ts";
import { instantiateSimd, simdKernelModules } from "./_kernel.ts";

/**
 * What a straightforward port of the formula does: Math.cos and Math.sin
 * for every element, results in a new array (the baseline applyRope must
 * beat by orders of magnitude).
 */
function naiveRope(x: Tensor, frequencies: RopeFrequencies): Float32Array {
  const [batch, heads, seq, headDim] = x.shape as [number, number, number, number];
  const half = frequencies.invFreq.length;
  const out = new Float32Array(x.data.length);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < heads; h++) {
      for (let s = 0; s < seq; s++) {
        const row = ((b * heads + h) * seq + s) * headDim;
        for (let d = 0; d < headDim; d++) {
          if (d >= 2 * half) {
            out[row + d] = x.data[row + d]!;
            continue;
          }
          const i = d % half;
          const angle = Math.fround(s * frequencies.invFreq[i]!);
          const rotated = d < half ? -x.data[row + d + half]! : x.data[row + d - half]!;
          out[row + d] = x.data[row + d]! * Math.cos(angle) + rotated * Math.sin(angle);
        }
      }
    }
  }
  return out;
}

function applyGroup(shape: [number, number, number, number], naive: boolean): void {
  const group = `rope apply ${shape.join("x")}`;
  const x = randomNormal(shape, { seed: 1 });
  const target = new Float32Array(x.data.length);
  const out = { shape: x.shape, data: new Float32Array(x.data.length) };
  const frequencies = ropeFrequencies(shape[3]);
  const cache = ropeCache(frequencies, shape[2]);
  Deno.bench("copy", { group, baseline: true }, () => {
    target.set(x.data);
  });
  Deno.bench("applyRope inPlace", { group }, () => {
    applyRope(x, frequencies, { inPlace: true });
  });
  Deno.bench("applyRope inPlace, ropeCache", { group }, () => {
    applyRope(x, cache, { inPlace: true });
  });
  const resident = ropeTensor(shape);
  resident.data.set(x.data);
  Deno.bench("applyRope inPlace, ropeTensor, ropeCache", { group }, () => {
    applyRope(resident, cache, { inPlace: true });
  });
  Deno.bench("applyRope inPlace, interleaved", { group }, () => {
    applyRope(x, frequencies, { inPlace: true, pairing: "interleaved" });
  });
  Deno.bench("applyRope inPlace, bshd", { group }, () => {
    applyRope(x, frequencies, { inPlace: true, layout: "bshd" });
  });
  Deno.bench("applyRope, out", { group }, () => {
    applyRope(x, frequencies, { out });
  });
  // Last: a fresh result per call, whose page faults cost more than the rotation.
  Deno.bench("applyRope", { group }, () => {
    applyRope(x, frequencies);
  });
  if (naive) {
    Deno.bench("naive", { group, n: 3, warmup: 1 }, () => {
      naiveRope(x, frequencies);
    });
  }
}

applyGroup([1, 32, 4096, 128], true);
applyGroup([1, 8, 512, 64], true);

{
  // The kernel's rotation alone, on 16 KiB of x and its table rows, all in L1: no copies,
  // no table fill, no argument checks. Baseline: copying the same 16 KiB.
  const group = "rotation alone, 16 KiB in L1";
  const memory = new WebAssembly.Memory({ initial: 2 });
  const kernel = instantiateSimd(simdKernelModules()!, memory);
  const heap = new Float32Array(memory.buffer);
  const [x, cos, sin, row] = [65536, 0, 16384, 512]; // byte addresses; a row of 128 floats
  heap.set(randomNormal([4096], { seed: 1 }).data, x / 4);
  // True cos and sin: rotations keep norms, so a million calls meet no denormals (which are
  // slow) and no overflow.
  for (let i = 0; i < 2048; i++) {
    heap[cos / 4 + i] = Math.cos(i / 7);
    heap[sin / 4 + i] = Math.sin(i / 7);
  }
  const source = heap.slice(x / 4, x / 4 + 4096);
  const target = new Float32Array(4096);
  Deno.bench("copy 16 KiB", { group, baseline: true }, () => {
    target.set(source);
  });
  // bhsd: 4 heads (runs of 8 tokens) share each token's table row.
  Deno.bench("rotateHalf, 4 heads x 8 tokens", { group }, () => {
    kernel.rotateHalf(x, cos, sin, 8, row, 4, 8 * row, 1, 0, 64);
  });
  Deno.bench("rotateHalf, 1 head x 32 tokens", { group }, () => {
    kernel.rotateHalf(x, cos, sin, 32, row, 1, 0, 1, 0, 64);
  });
  Deno.bench("rotateInterleaved, 4 heads x 8 tokens", { group }, () => {
    kernel.rotateInterleaved(x, cos, sin, 8, row, 4, 8 * row, 1, 0, 64);
  });
}

{
  const group = "ropeCache 4096 positions x 64 pairs";
  const frequencies = ropeFrequencies(128);
  Deno.bench("Math.cos/Math.sin per entry", { group, baseline: true }, () => {
    const half = frequencies.invFreq.length;
    const cos = new Float32Array(4096 * half);
    const sin = new Float32Array(4096 * half);
    for (let p = 0; p < 4096; p++) {
      for (let i = 0; i < half; i++) {
        const angle = Math.fround(p * frequencies.invFreq[i]!);
        cos[p * half + i] = Math.cos(angle);
        sin[p * half + i] = Math.sin(angle);
      }
    }
  });
  Deno.bench("ropeCache float32 angles", { group }, () => {
    ropeCache(frequencies, 4096);
  });
  Deno.bench("ropeCache float64 angles", { group }, () => {
    ropeCache(frequencies, 4096, { angles: "float64" });
  });
}
