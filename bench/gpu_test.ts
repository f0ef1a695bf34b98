import assert from "node:assert/strict";
import { benchData, prefillLabel } from "./_gpu/attention.ts";
import { fmaShader, median } from "./_gpu/ceilings.ts";
import {
  crossCheckVerdict,
  decodeComparison,
  decodeTarget,
  formatNumber,
  formatRatio,
  renderGpuResults,
} from "./_gpu/markdown.ts";
import { parsePeersOutput } from "./_gpu/peers.ts";
import { callsFor, FULL_PLAN, QUICK_PLAN, variantSplits } from "./_gpu/plan.ts";
import {
  crossCheck,
  decodeBytes,
  decodeGBs,
  decodePeer,
  type GpuResults,
  isSoftwareAdapter,
  prefillFlops,
  prefillPeer,
  prefillTflops,
  ratio,
  schemaProblems,
} from "./_gpu/results.ts";

function sample(): GpuResults {
  return {
    adapter: { description: "NVIDIA H200", isFallbackAdapter: false, vendor: "nvidia" },
    software: false,
    quick: false,
    date: "2026-12-04T00:00:00.000Z",
    commit: "abc",
    deno: "2.9.6",
    ceilings: {
      fmaF32Tflops: 40,
      fmaF16Tflops: 60,
      readGBs: 4000,
      submitUs: 100,
      completionMs: 11,
      workDoneMs: 11,
      completionCallMs: 0.1,
      readBytes: 2 ** 30,
    },
    prefill: [{
      heads: 16,
      seq: 8192,
      headDim: 128,
      causal: true,
      precision: "f32",
      tflops: 10,
      source: "timestamp-query",
      seconds: 0.0275,
      iterations: 2,
    }],
    decode: [{
      kvHeads: 8,
      group: 4,
      headDim: 128,
      length: 65536,
      precision: "f16",
      gbs: 2000,
      l2Cold: true,
      splits: 32,
      splitMode: "auto",
      kernel: "split",
      seconds: 0.000134,
      source: "timestamp-query",
    }, {
      kvHeads: 8,
      group: 4,
      headDim: 128,
      length: 65536,
      precision: "f16",
      gbs: 3200,
      l2Cold: true,
      splits: 128,
      splitMode: "auto",
      kernel: "keys",
      seconds: 0.0000839,
      source: "timestamp-query",
    }, {
      kvHeads: 8,
      group: 4,
      headDim: 128,
      length: 65536,
      precision: "f16",
      gbs: 3400,
      l2Cold: true,
      splits: 256,
      splitMode: "auto*2",
      kernel: "keys",
      seconds: 0.000079,
      source: "timestamp-query",
    }],
    peers: [
      {
        name: "PyTorch SDPA (efficient)",
        kind: "prefill",
        backend: "efficient",
        heads: 16,
        seq: 8192,
        headDim: 128,
        causal: true,
        precision: "f32",
        tflops: 40,
      },
      {
        name: "PyTorch SDPA (math)",
        kind: "prefill",
        backend: "math",
        heads: 16,
        seq: 8192,
        headDim: 128,
        causal: true,
        precision: "f32",
        tflops: 5,
      },
      {
        name: "PyTorch SDPA (flash)",
        kind: "decode",
        backend: "flash",
        kvHeads: 8,
        group: 4,
        headDim: 128,
        length: 65536,
        precision: "f16",
        gbs: 4000,
        l2Cold: true,
      },
    ],
    peersNote: "PyTorch 2.11 (CUDA 12.8) on NVIDIA H200",
    crossCheck: [crossCheck("decode L65536 f16", 20, 134e-6, 0.020, 0.0227)],
  };
}

Deno.test("bench:gpu rates and ratios", async (t) => {
  await t.step("prefill FLOPs are 4·H·S²·D, halved when causal", () => {
    assert.equal(prefillFlops(8, 512, 64, false), 4 * 8 * 512 * 512 * 64);
    assert.equal(prefillFlops(8, 512, 64, true), 2 * 8 * 512 * 512 * 64);
    const shape = { heads: 16, seq: 8192, headDim: 128, causal: true };
    assert.ok(Math.abs(prefillTflops(shape, 0.01) - 27.487790694) < 1e-6);
  });
  await t.step("decode bytes count K and V once, 2 or 4 bytes an element", () => {
    assert.equal(decodeBytes(8, 1024, 128, "f32"), 2 * 8 * 1024 * 128 * 4);
    assert.equal(decodeBytes(8, 1024, 128, "f16"), 2 * 8 * 1024 * 128 * 2);
    const gbs = decodeGBs({ kvHeads: 8, length: 65536, headDim: 128, precision: "f16" }, 1e-4);
    assert.ok(Math.abs(gbs - 2684.35456) < 1e-6);
  });
  await t.step("a time that is not positive and finite is an error, not Infinity", () => {
    const shape = { heads: 1, seq: 1, headDim: 1, causal: false };
    assert.throws(() => prefillTflops(shape, 0), /Invalid seconds/);
    assert.throws(() => prefillTflops(shape, Number.NaN), /Invalid seconds/);
  });
  await t.step("ratio is null where a side is missing or the divisor is not positive", () => {
    assert.equal(ratio(2, 4), 0.5);
    assert.equal(ratio(2, null), null);
    assert.equal(ratio(undefined, 4), null);
    assert.equal(ratio(2, 0), null);
    assert.equal(ratio(Number.NaN, 4), null);
  });
  await t.step("the cross-check tells a fixed cost per timed pass from wrong timestamps", () => {
    // 20 calls: 510 µs each by the wall clock; timestamps carry 5.84 ms per pass on top.
    const fixed = crossCheck(
      "fixed",
      20,
      510e-6 + 5.84e-3 / 40,
      0.02,
      0.0302,
      510e-6 + 5.84e-3 / 20,
    );
    assert.ok(Math.abs(fixed.timestampDiffSeconds! - 510e-6) < 1e-12);
    assert.ok(Math.abs(fixed.timestampFixedSeconds! - 5.84e-3) < 1e-9);
    assert.equal(fixed.agree, false);
    assert.match(
      fixed.reading!,
      /^trust the wall clock \(510\.0 µs\): the timestamp difference agrees/,
    );
    // Timestamps high by a factor, not a fixed cost: the wall clock is the bound.
    const wrong = crossCheck("wrong", 20, 656e-6, 0.02, 0.0302, 656e-6);
    assert.match(wrong.reading!, /exceed an upper bound of the GPU time, and not by a fixed cost/);
    // Timestamps below the wall clock: host work between calls.
    const host = crossCheck("host", 20, 400e-6, 0.02, 0.0302, 400e-6);
    assert.match(host.reading!, /^trust the timestamps \(400\.0 µs\) as kernel time/);
    const agree = crossCheck("ok", 20, 505e-6, 0.02, 0.0302, 505e-6);
    assert.equal(agree.reading, "agree: either figure");
    assert.equal(crossCheck("old", 20, 505e-6, 0.02, 0.0302).reading, undefined);
  });
  await t.step("the cross-check subtracts the n-call wall time and bounds the ratio at 10%", () => {
    const ok = crossCheck("x", 10, 0.001, 0.012, 0.0225);
    assert.ok(Math.abs(ok.wallSeconds - 0.00105) < 1e-12);
    assert.ok(Math.abs(ok.ratio - 0.001 / 0.00105) < 1e-12);
    assert.equal(ok.agree, true);
    const off = crossCheck("y", 10, 0.000656, 0.010, 0.0151);
    assert.ok(Math.abs(off.ratio - 0.000656 / 0.00051) < 1e-9);
    assert.equal(off.agree, false);
    const broken = crossCheck("z", 10, 0.001, 0.02, 0.01);
    assert.ok(Number.isNaN(broken.ratio));
    assert.equal(broken.agree, false);
  });
  await t.step("calls per submission aim at the target, within 1 and the cap", () => {
    assert.equal(callsFor(0.01, 0.05), 5);
    assert.equal(callsFor(1, 0.05), 1);
    assert.equal(callsFor(1e-6, 0.05), 20);
    assert.equal(callsFor(0, 0.05), 1);
  });
  await t.step("the median of odd and even lists", () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.throws(() => median([]), RangeError);
  });
});

Deno.test("bench:gpu peers and adapters", async (t) => {
  const r = sample();
  await t.step("a row's peer is the fastest of the same shape, mask and precision", () => {
    assert.equal(prefillPeer(r.prefill[0]!, r.peers)?.backend, "efficient");
    assert.equal(prefillPeer({ ...r.prefill[0]!, precision: "f16" }, r.peers), null);
    assert.equal(prefillPeer({ ...r.prefill[0]!, causal: false }, r.peers), null);
    assert.equal(decodePeer(r.decode[0]!, r.peers)?.gbs, 4000);
    assert.equal(decodePeer(r.decode[1]!, r.peers)?.gbs, 4000);
    assert.equal(decodePeer({ ...r.decode[0]!, length: 1024 }, r.peers), null);
  });
  await t.step("sdpa.py's output parses into rows and a note", () => {
    const out = parsePeersOutput(JSON.stringify({
      torch: "2.11.0",
      cuda: "12.8",
      device: "NVIDIA H200",
      peers: r.peers,
    }));
    assert.equal(out.peers.length, 3);
    assert.equal(out.note, "PyTorch 2.11.0 (CUDA 12.8) on NVIDIA H200");
    assert.throws(() => parsePeersOutput("{}"), /expected a "peers" array/);
  });
  await t.step("software adapters are told by their flag or their name", () => {
    assert.equal(
      isSoftwareAdapter({ description: "NVIDIA H200", isFallbackAdapter: false }),
      false,
    );
    assert.equal(isSoftwareAdapter({ description: "x", isFallbackAdapter: true }), true);
    assert.equal(isSoftwareAdapter({ description: "llvmpipe (LLVM 15.0.6, 256 bits)" }), true);
    assert.equal(isSoftwareAdapter({ description: "SwiftShader Device" }), true);
  });
});

Deno.test("bench:gpu results schema", async (t) => {
  await t.step("a full results object has no problems", () => {
    assert.deepEqual(schemaProblems(JSON.parse(JSON.stringify(sample()))), []);
  });
  await t.step("each missing or mistyped field is named", () => {
    const bad = JSON.parse(JSON.stringify(sample()));
    delete bad.adapter.isFallbackAdapter;
    bad.ceilings.readGBs = null; // NaN becomes null in JSON: a failed ceiling is caught
    bad.prefill[0].causal = "yes";
    bad.decode[0].precision = "bf16";
    bad.decode[1].kernel = "flash";
    bad.peers[0].kind = "other";
    delete bad.commit;
    assert.deepEqual(schemaProblems(bad), [
      "adapter.isFallbackAdapter: expected a boolean, got undefined",
      "commit: expected a string, got undefined",
      "ceilings.readGBs: expected a finite number, got null",
      'prefill[0].causal: expected a boolean, got "yes"',
      'decode[0].precision: expected "f32" or "f16", got "bf16"',
      'decode[1].kernel: expected "split" or "keys", got "flash"',
      'peers[0].kind: expected "prefill" or "decode", got "other"',
    ]);
    assert.deepEqual(schemaProblems([]), ["$: expected an object, got []"]);
  });
  await t.step("fmaF16Tflops may be null (no shader-f16)", () => {
    const r = sample();
    r.ceilings.fmaF16Tflops = null;
    assert.deepEqual(schemaProblems(JSON.parse(JSON.stringify(r))), []);
  });
});

Deno.test("bench:gpu markdown", async (t) => {
  await t.step("numbers keep about three significant digits", () => {
    assert.equal(formatNumber(4402.7), "4403");
    assert.equal(formatNumber(47.13), "47.1");
    assert.equal(formatNumber(2.234), "2.23");
    assert.equal(formatNumber(0.01234), "0.0123");
    assert.equal(formatNumber(Number.NaN), "-");
    assert.equal(formatRatio(0.256), "0.26x");
    assert.equal(formatRatio(null), "-");
  });
  await t.step("rows show the ratio to the ceiling and to the fastest peer", () => {
    const md = renderGpuResults(sample());
    assert.match(md, /^# WebGPU attention on NVIDIA H200/);
    assert.match(
      md,
      /\| H16 S8192 D128 causal \| f32 \| 27\.5 \| 10\.0 \| 0\.25x \| 40\.0 \(efficient\) \| 0\.25x \| timestamp-query \|/,
    );
    assert.match(
      md,
      /\| 65536 \| f16 \| split \| 32 \(auto\) \| 134 \| 2000 \| 0\.50x \| 4000 \(flash\) \| 0\.50x \| yes \|/,
    );
    assert.match(
      md,
      /\| 65536 \| f16 \| keys \| 256 \(auto x 2\) \| 79\.0 \| 3400 \| 0\.85x \| 4000 \(flash\) \| 0\.85x \| yes \|/,
    );
    assert.doesNotMatch(md, /Software adapter/);
    assert.match(md, /agree within 10% on every row/);
  });
  await t.step("the keys kernel against the split kernel, per length, with the target", () => {
    const md = renderGpuResults(sample());
    assert.match(
      md,
      /\| 65536 \| f16 \| 2000 \(32\) \| 3200 \(128\) \| 1\.60x \| 3400 \(256\) \| 4000 \(flash\) \| 0\.80x \| 3000 \| met \|/,
    );
    assert.equal(decodeTarget(16384, "f16"), 2200);
    assert.equal(decodeTarget(65536, "f32"), 3000);
    assert.equal(decodeTarget(4096, "f16"), null); // PyTorch or better
    assert.ok(Number.isNaN(decodeTarget(16384, "f32")!)); // no target
    // Without a keys row (an older run), no comparison table.
    const old = sample();
    old.decode = old.decode.filter((r) => r.kernel === "split");
    assert.deepEqual(decodeComparison(old), []);
  });
  await t.step("software and quick runs say so at the top", () => {
    const md = renderGpuResults({ ...sample(), software: true, quick: true });
    assert.match(md, /Software adapter: these numbers check that the script runs; never quote/);
    assert.match(md, /Quick mode: tiny shapes/);
  });
  await t.step("the verdict names the rows that disagree", () => {
    const off = crossCheck("decode L65536 f32", 20, 656e-6, 0.02, 0.0302);
    assert.equal(
      crossCheckVerdict([off]),
      "1 of 1 rows disagree by more than 10%: decode L65536 f32. See bench/GPU.md for which figure to trust.",
    );
    assert.equal(crossCheckVerdict([]), "No cross-check ran.");
  });
});

Deno.test("bench:gpu plans and kernels", async (t) => {
  await t.step("the full plan has the shapes of the attention-gpu issues", () => {
    assert.deepEqual(FULL_PLAN.prefill.map(prefillLabel), [
      "H8 S512 D64 causal",
      "H8 S2048 D64 causal",
      "H8 S2048 D128 causal",
      "H16 S8192 D128 causal",
      "H16 S8192 D128 not causal",
      "H32 S4096 D64 causal",
    ]);
    assert.deepEqual(FULL_PLAN.decode.map((d) => d.length), [1024, 4096, 16384, 65536]);
    assert.ok(FULL_PLAN.decode.every((d) => d.kvHeads === 8 && d.group === 4 && d.headDim === 128));
    assert.equal(FULL_PLAN.ceilings.fmaWorkgroups, 8448);
    assert.equal(FULL_PLAN.ceilings.readBytes, 2 ** 30);
    assert.ok(FULL_PLAN.flushBytes >= 256 * 2 ** 20);
    assert.equal(QUICK_PLAN.quick, true);
    // Both decode kernels, each "auto" before the variants derived from it.
    assert.deepEqual(
      FULL_PLAN.decodeVariants.map((v) => `${v.kernel} ${v.splitMode}`),
      ["split auto", "split 1", "keys auto", "keys 1", "keys auto/2", "keys auto*2"],
    );
  });
  await t.step("split variants derive from the automatic count", () => {
    assert.equal(variantSplits("auto", 64, 16384), undefined);
    assert.equal(variantSplits("1", undefined, 16384), 1);
    assert.equal(variantSplits("auto/2", 64, 16384), 32);
    assert.equal(variantSplits("auto/2", 1, 256), 1);
    assert.equal(variantSplits("auto*2", 64, 16384), 128);
    assert.equal(variantSplits("auto*2", 200, 300), 300); // at most one key per split
    assert.throws(() => variantSplits("auto*2", undefined, 300), /automatic row measured first/);
  });
  await t.step("the FMA kernel runs 8 independent vec4 chains", () => {
    for (const p of ["f32", "f16"] as const) {
      const code = fmaShader(p);
      assert.equal(code.match(/= fma\(a\d, m, c\);/g)?.length, 8);
      assert.equal(code.includes("enable f16;"), p === "f16");
    }
  });
  await t.step("bench data is deterministic and within [-1, 1)", () => {
    const a = benchData(10000, 3);
    assert.deepEqual(a, benchData(10000, 3));
    assert.notDeepEqual(a, benchData(10000, 4));
    assert.ok(a.every((x) => x >= -1 && x < 1));
    const mean = a.reduce((s, x) => s + x, 0) / a.length;
    assert.ok(Math.abs(mean) < 0.05);
  });
});

Deno.test("bench:gpu --quick runs end to end on the adapter at hand", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const script = new URL("./gpu.ts", import.meta.url).pathname;
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", script, "--quick", "--no-peers", "--out-dir", dir],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const text = new TextDecoder().decode(out.stdout) + new TextDecoder().decode(out.stderr);
    assert.equal(out.code, 0, text);
    const results = JSON.parse(await Deno.readTextFile(`${dir}/gpu_results.json`));
    assert.deepEqual(schemaProblems(results), []);
    assert.equal(results.quick, true);
    assert.equal(results.errors, undefined);
    // Every shape and precision of the plan measured (f16 where the adapter has it).
    const precisions = results.adapter.features.includes("shader-f16") ? 2 : 1;
    assert.equal(results.prefill.length, QUICK_PLAN.prefill.length * precisions);
    const variants = QUICK_PLAN.decodeVariants.length;
    assert.equal(results.decode.length, QUICK_PLAN.decode.length * variants * precisions);
    // Every row ran the kernel it asked for (the quick shapes suit both kernels).
    assert.ok(results.decode.every((r: { asked?: string }) => r.asked === undefined));
    assert.deepEqual(
      [...new Set(results.decode.map((r: { kernel: string }) => r.kernel))],
      ["split", "keys"],
    );
    assert.ok(results.prefill.every((r: { tflops: number }) => r.tflops > 0));
    assert.ok(results.decode.every((r: { gbs: number; l2Cold: boolean }) => r.gbs > 0 && r.l2Cold));
    // Prefill, and decode per kernel, per precision; all with the timestamp difference.
    assert.equal(results.crossCheck.length, 3 * precisions);
    assert.ok(
      results.crossCheck.every((c: { reading?: string }) => typeof c.reading === "string"),
    );
    assert.ok(results.ceilings.completionMs > 0 && results.ceilings.fmaF32Tflops > 0);
    const md = await Deno.readTextFile(`${dir}/GPU_RESULTS.md`);
    assert.match(md, /Quick mode: tiny shapes/);
    assert.equal(/Software adapter/.test(md), results.software);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
