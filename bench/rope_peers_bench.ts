/**
 * RoPE on the CPU: posenc's applyRope against the memory limit (copying the
 * same bytes) and against what users would pick instead: ONNX Runtime's
 * native RotaryEmbedding kernel (ai.onnx opset 23, position_ids input) and
 * tfjs ops. Shapes [1, 32, 4096, 128] (64 MiB, beyond L3: a memory figure)
 * and [1, 8, 512, 64] (1 MiB, cache-resident), both pairings, positions
 * given explicitly as position ids 0..S-1 to every contender.
 *
 * `applyRope inPlace` rotates a Float32Array of the caller's (the kernel
 * copies it through its WebAssembly memory); `applyRope inPlace,
 * ropeTensor` rotates the same values in a tensor made by `ropeTensor`,
 * which lives in that memory and is rotated with no copy. `copy in and out
 * of WebAssembly memory (no rotation)` times that copying alone: the floor
 * of the first, whatever the kernel.
 *
 * Every contender's output is checked against applyRope's at start-up.
 *
 * @module
 */

import { applyRope, ropeCache, ropeFrequencies, ropeTensor } from "@posenc/rope";
import { randomNormal, type Tensor } from "@posenc/tensor";
import { floatTensor, OrtOp, positionIds, rotaryEmbeddingModel } from "./_peers/ort.ts";
import { type Bhsd, type Pairing, ropeReference, type RopeTables } from "./_peers/reference.ts";
import { tf, tfRope, tfRopeTables, useBackend } from "./_peers/tfjs.ts";
import { note, noteOrtKernelTime } from "./_notes.ts";
import { verifyClose } from "./_verify.ts";

const SHAPES: [number, number, number, number][] = [[1, 32, 4096, 128], [1, 8, 512, 64]];
const PAIRINGS: Pairing[] = ["half", "interleaved"];
const ATOL = 1e-5;

/**
 * What any WebAssembly kernel must do to a caller's own Float32Array before
 * and after rotating it, and nothing else: copy it into the kernel's memory
 * and back, in chunks that stay in cache. A floor for `applyRope inPlace`
 * on such an array (the report quotes it next to the targets).
 */
const COPY_IN_OUT = "copy in and out of WebAssembly memory (no rotation)";
const CHUNK = 16384;
const kernelMemory = new Float32Array(new WebAssembly.Memory({ initial: 1, maximum: 1 }).buffer);
function copyInAndOut(data: Float32Array): void {
  for (let at = 0; at < data.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, data.length);
    kernelMemory.set(data.subarray(at, end));
    data.set(kernelMemory.subarray(0, end - at), at);
  }
}

const tfCpu = await useBackend("cpu");
if (!tfCpu.ok) note({ type: "unavailable", peer: "tfjs cpu", reason: tfCpu.reason });

for (const shape of SHAPES) {
  const [batch, heads, seq, headDim] = shape;
  const dims: Bhsd = { batch, heads, seq, headDim };
  const big = batch * heads * seq * headDim > 4 * 2 ** 20;
  const x = randomNormal(shape, { seed: 1 });
  const work: Tensor = { shape, data: new Float32Array(x.data.length) };
  const resident = ropeTensor(shape);
  const cache = ropeCache(ropeFrequencies(headDim), seq);
  const positions = Int32Array.from({ length: seq }, (_, i) => i);
  // Every peer reads posenc's own cos/sin tables: the same angles, bit for bit.
  const tables: RopeTables = {
    positions: seq,
    halfDim: headDim / 2,
    cos: cache.cos.data,
    sin: cache.sin.data,
  };
  const feeds = { x: floatTensor(x.data, shape), position_ids: positionIds(positions, batch) };

  for (const pairing of PAIRINGS) {
    const group = `rope apply ${shape.join("x")}${pairing === "half" ? "" : " interleaved"}`;
    const options = { pairing, positions };
    const expected = applyRope(x, cache, options).data;
    verifyClose(
      group,
      "applyRope",
      "float64 reference",
      expected,
      ropeReference(x.data, dims, tables, options),
      ATOL,
    );
    work.data.set(x.data);
    verifyClose(
      group,
      "applyRope inPlace",
      "applyRope",
      applyRope(work, cache, { ...options, inPlace: true }).data,
      expected,
      ATOL,
    );

    resident.data.set(x.data);
    verifyClose(
      group,
      "applyRope inPlace, ropeTensor",
      "applyRope",
      applyRope(resident, cache, { ...options, inPlace: true }).data,
      expected,
      0,
    );

    const model = rotaryEmbeddingModel(dims, { pairing, tables });
    const ort = await OrtOp.create(model);
    const ort1 = await OrtOp.create(model, { threads: 1 });
    verifyClose(
      group,
      "onnxruntime RotaryEmbedding",
      "applyRope",
      await ort.run(feeds),
      expected,
      ATOL,
    );
    verifyClose(
      group,
      "onnxruntime RotaryEmbedding 1 thread",
      "applyRope",
      await ort1.run(feeds),
      expected,
      ATOL,
    );
    const kernelRuns = { runs: big ? 11 : 51, warmup: 3 };
    await noteOrtKernelTime(group, "onnxruntime RotaryEmbedding (kernel only)", model, feeds, {
      threads: 0,
      ...kernelRuns,
    });
    await noteOrtKernelTime(
      group,
      "onnxruntime RotaryEmbedding 1 thread (kernel only)",
      model,
      feeds,
      { threads: 1, ...kernelRuns },
    );

    Deno.bench({
      group,
      name: "copy",
      baseline: true,
      fn() {
        work.data.set(x.data);
      },
    });
    Deno.bench({
      group,
      name: "applyRope inPlace",
      fn() {
        applyRope(work, cache, { ...options, inPlace: true });
      },
    });
    Deno.bench({
      group,
      name: COPY_IN_OUT,
      fn() {
        copyInAndOut(work.data);
      },
    });
    Deno.bench({
      group,
      name: "applyRope inPlace, ropeTensor",
      fn() {
        applyRope(resident, cache, { ...options, inPlace: true });
      },
    });
    Deno.bench({
      group,
      name: "applyRope",
      fn() {
        applyRope(x, cache, options);
      },
    });
    Deno.bench({
      group,
      name: "onnxruntime RotaryEmbedding",
      async fn() {
        await ort.run(feeds);
      },
    });
    Deno.bench({
      group,
      name: "onnxruntime RotaryEmbedding 1 thread",
      async fn() {
        await ort1.run(feeds);
      },
    });

    if (tfCpu.ok) {
      const tfTables = tfRopeTables(tables);
      const tfX = tf.tensor4d(x.data, shape);
      const tfPositions = tf.tensor1d(positions, "int32");
      const run = (): Float32Array => {
        const y = tf.tidy(() => tfRope(tfX, tfTables, tfPositions, pairing));
        const data = y.dataSync() as Float32Array;
        y.dispose();
        return data;
      };
      const start = performance.now();
      verifyClose(group, "tfjs cpu", "applyRope", run(), expected, ATOL);
      const seconds = (performance.now() - start) / 1000;
      if (big) {
        // Seconds per iteration at 64 MiB: Deno.bench's minimum of three runs per group would
        // add most of a minute each, for a peer already timed on the small shape.
        note({
          type: "skipped",
          group,
          name: "tfjs cpu",
          reason: `verified, but not timed: its one start-up run took ${seconds.toFixed(1)} s ` +
            "(Deno.bench would need at least three); see the [1, 8, 512, 64] groups",
        });
        tf.dispose([tfX, tfPositions, tfTables.cos, tfTables.sin]);
      } else {
        Deno.bench({
          group,
          name: "tfjs cpu",
          fn() {
            run();
          },
        });
      }
    }
  }
}
