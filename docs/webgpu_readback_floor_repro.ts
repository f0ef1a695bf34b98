/**
 * Standalone repro: every wait for GPU completion in Deno's WebGPU takes at
 * least ~10 ms, even when the GPU is idle. Needs only Deno and a WebGPU
 * adapter (a software one such as Mesa lavapipe shows it too):
 *
 *     deno run docs/webgpu_readback_floor_repro.ts [runs]
 *
 * It prints the median over `runs` (default 50) of
 * 1. `await device.queue.onSubmittedWorkDone()` on an empty queue,
 * 2. `await buffer.mapAsync(GPUMapMode.READ)` of a 16-byte buffer after a
 *    16-byte copy into it,
 * 3. for both, how long the call itself takes to return (the part that
 *    actually waits for the GPU), which is what a browser's figure of
 *    0.1-0.5 ms corresponds to.
 *
 * @module
 */

const runs = Number(Deno.args[0] ?? 50);
if (!Number.isInteger(runs) || runs < 1) {
  throw new RangeError(`Invalid runs: expected a positive integer, got ${Deno.args[0]}`);
}

const adapter = await navigator.gpu.requestAdapter();
if (!adapter) throw new Error("No WebGPU adapter (navigator.gpu.requestAdapter() returned null)");
const device = await adapter.requestDevice();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const workDoneReturn: number[] = [];
const workDoneResolve: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = performance.now();
  const done = device.queue.onSubmittedWorkDone();
  workDoneReturn.push(performance.now() - start);
  await done;
  workDoneResolve.push(performance.now() - start);
}

const source = device.createBuffer({
  size: 16,
  usage: GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
});
const readback = device.createBuffer({
  size: 16,
  usage: GPUBufferUsage.COPY_DST | GPUBufferUsage.MAP_READ,
});
const mapReturn: number[] = [];
const mapResolve: number[] = [];
for (let i = 0; i < runs; i++) {
  device.queue.writeBuffer(source, 0, new Uint32Array([i, 0, 0, 0]));
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(source, 0, readback, 0, 16);
  device.queue.submit([encoder.finish()]);
  const start = performance.now();
  const mapped = readback.mapAsync(GPUMapMode.READ);
  mapReturn.push(performance.now() - start);
  await mapped;
  mapResolve.push(performance.now() - start);
  const value = new Uint32Array(readback.getMappedRange())[0];
  readback.unmap();
  if (value !== i) throw new Error(`Readback ${i} read ${value}`);
}

const info = adapter.info;
console.log(
  `Deno ${Deno.version.deno}, adapter: ${info.description || info.device || info.vendor}`,
);
console.log(`median of ${runs} runs, ms:`);
console.log(
  `  onSubmittedWorkDone, empty queue:  resolves after ${median(workDoneResolve).toFixed(3)}` +
    ` (the call returns after ${median(workDoneReturn).toFixed(3)})`,
);
console.log(
  `  mapAsync of 16 bytes after a copy: resolves after ${median(mapResolve).toFixed(3)}` +
    ` (the call returns after ${median(mapReturn).toFixed(3)})`,
);
device.destroy();
