import assert from "node:assert/strict";
import {
  buildGroups,
  callsPerIteration,
  findRow,
  type Group,
  parseBenchJson,
  parseBenchOutput,
  parseNotes,
  shapeFromName,
  throughput,
} from "./_report/model.ts";
import {
  evaluateCpuSmallTargets,
  evaluateResidentTargets,
  evaluateTargets,
} from "./_report/targets.ts";
import { renderMarkdown } from "./_report/markdown.ts";
import { axisDecades, renderSvg } from "./_report/svg.ts";
import { formatMs, formatRatio, isPosenc } from "./_report/format.ts";
import {
  HEADLINE_END,
  HEADLINE_START,
  renderHeadline,
  spliceHeadline,
} from "./_report/headline.ts";

const FIXTURE = new URL("./testdata/bench_output.txt", import.meta.url);
const NOTES = new URL("./testdata/notes.jsonl", import.meta.url);

async function fixture(): Promise<{ groups: Group[]; notes: ReturnType<typeof parseNotes> }> {
  const entries = parseBenchJson(await Deno.readTextFile(FIXTURE));
  const notes = parseNotes(await Deno.readTextFile(NOTES));
  return { groups: buildGroups(entries, notes), notes };
}

function close(actual: number | null | undefined, expected: number, rel = 1e-12): void {
  assert.ok(actual !== null && actual !== undefined, "value missing");
  assert.ok(
    Math.abs(actual - expected) <= rel * Math.abs(expected),
    `${actual} is not ${expected}`,
  );
}

Deno.test("parseBenchJson skips what the bench files printed before the document", async () => {
  const entries = parseBenchJson(await Deno.readTextFile(FIXTURE));
  assert.equal(entries.length, 18);
  assert.equal(entries[0]!.name, "copy");
  assert.throws(() => parseBenchJson("no json here"), /no `deno bench --json` document/);
  assert.throws(
    () => parseBenchJson('{\n  "version": 2,\n  "benches": []\n}'),
    /expected JSON version 1, got 2/,
  );
});

Deno.test("parseBenchOutput: keeps what a bench printed after the document", async () => {
  const stdout = (await Deno.readTextFile(FIXTURE)) +
    "\n\x1b[1mDevice time per call\x1b[0m\n\n| group | kernel |\n| --- | --- |\n";
  const { entries, printed } = parseBenchOutput(stdout);
  assert.equal(entries.length, 18);
  assert.equal(
    printed,
    "a line a bench file printed\n\n\nDevice time per call\n\n| group | kernel |\n| --- | --- |",
  );
  assert.throws(
    () => parseBenchOutput('{\n  "version": 1,\n  "benches": ['),
    /the JSON document is cut off/,
  );
});

Deno.test("buildGroups: rows that make several calls per iteration count their work", () => {
  assert.equal(callsPerIteration("flash (WebGPU), 4 calls"), 4);
  assert.equal(callsPerIteration("flash (WebGPU), 1 call"), 1);
  assert.equal(callsPerIteration("posenc flash"), 1);
  const ok = { n: 3, min: 4e7, max: 4e7, avg: 4e7, p75: 4e7, p99: 4e7 };
  const [group] = buildGroups([
    {
      origin: "file:///b/attention_bench.ts",
      group: "B1 H8 S512 D64 causal",
      name: "flash (WebGPU), 4 calls",
      baseline: true,
      results: [{ ok }],
    },
  ]);
  // 4 calls in 40 ms: 10 ms per call.
  close(group!.rows[0]!.throughput?.value, (2 * 8 * 512 * 512 * 64) / 1e-2 / 1e9);
});

Deno.test("buildGroups: ratios to each group's own baseline, groups kept apart by file", async () => {
  const { groups } = await fixture();
  assert.deepEqual(groups.map((g) => `${g.file}: ${g.name}`), [
    "rope_peers_bench.ts: rope apply 1x32x4096x128",
    "rope_peers_bench.ts: rope apply 1x8x512x64",
    "attention_peers_bench.ts: attention 1x8x512x64",
    "attention_peers_bench.ts: attention 1x8x512x64 causal",
    "attention_bench.ts: flash 1x8x512x64 causal <gpu>",
    "attention_bench.ts: ungrouped <x>",
  ]);
  const big = "rope apply 1x32x4096x128";
  close(findRow(groups, big, "copy")?.ratio, 1);
  close(findRow(groups, big, "applyRope inPlace")?.ratio, 2.5);
  close(findRow(groups, big, "onnxruntime RotaryEmbedding")?.ratio, 12.5);
  close(findRow(groups, "rope apply 1x8x512x64", "onnxruntime RotaryEmbedding")?.ratio, 5);
  close(findRow(groups, "attention 1x8x512x64", "attentionCpu")?.ratio, 4);
  close(findRow(groups, "attention 1x8x512x64 causal", "attentionCpu")?.ratio, 2);
  close(findRow(groups, "attention 1x8x512x64", "posenc CPU fallback, 2 threads")?.ratio, 2.5);
  close(findRow(groups, "attention 1x8x512x64", "onnxruntime Attention 1 thread")?.ratio, 1.75);
  close(findRow(groups, "attention 1x8x512x64", "attentionReference")?.ratio, 40);
  // No baseline: no ratio rather than a made-up one.
  assert.equal(findRow(groups, "ungrouped <x>", "ungrouped <x>")?.ratio, null);
});

Deno.test("buildGroups: ORT profiler times become marked rows against the same baseline", async () => {
  const { groups } = await fixture();
  const kernel = findRow(
    groups,
    "rope apply 1x32x4096x128",
    "onnxruntime RotaryEmbedding (kernel only)",
  );
  assert.equal(kernel?.source, "profiler");
  assert.equal(kernel?.n, 11);
  close(kernel?.ratio, 3);
});

Deno.test("buildGroups: a failed bench is an error, never a row", () => {
  assert.throws(
    () =>
      buildGroups([{
        origin: "file:///x/a_bench.ts",
        group: "g",
        name: "broken",
        baseline: true,
        results: [{ failed: { message: "boom" } }],
      }]),
    /Bench "broken" in group "g" \(a_bench.ts\) failed/,
  );
});

Deno.test("throughput: GB/s for RoPE (read + write), GFLOP/s for attention (halved causal)", () => {
  assert.deepEqual(shapeFromName("rope apply 1x32x4096x128 interleaved"), [1, 32, 4096, 128]);
  assert.equal(shapeFromName("no shape"), null);
  assert.deepEqual(shapeFromName("B1 H8 S2048 D128 causal"), [1, 8, 2048, 128]);
  close(throughput("B1 H8 S512 D64 causal", 10)?.value, (2 * 8 * 512 * 512 * 64) / 1e-2 / 1e9);
  close(throughput("rope apply 1x32x4096x128", 4)?.value, (8 * 32 * 4096 * 128) / 4e-3 / 1e9);
  assert.equal(throughput("rope apply 1x32x4096x128", 4)?.unit, "GB/s");
  const full = throughput("attention 1x8x512x64", 10)!;
  const causal = throughput("attention 1x8x512x64 causal", 10)!;
  assert.equal(full.unit, "GFLOP/s");
  close(full.value, (4 * 8 * 512 * 512 * 64) / 1e-2 / 1e9);
  close(causal.value, full.value / 2);
  assert.equal(throughput("attention decode 1x8x4096x128", 1), null);
  // Decode reads K and V once: 2 * B * Hkv * L * D elements of 4 (f32) or 2 (f16) bytes.
  const decode = throughput("decode B1 Hkv8 G4 D128 L4096 f16", 2)!;
  assert.equal(decode.unit, "GB/s");
  close(decode.value, (2 * 8 * 4096 * 128 * 2) / 2e-3 / 1e9);
  close(
    throughput("decode B1 Hkv8 G4 D128 L4096 f32", 2)?.value,
    (2 * 8 * 4096 * 128 * 4) / 2e-3 / 1e9,
  );
  assert.equal(throughput("something else 1x2x3x4", 1), null);
});

Deno.test("evaluateTargets: verdicts and margins from the measured rows", async () => {
  const { groups } = await fixture();
  const [copy, ort, attention, causal] = evaluateTargets(groups);
  // 4 ms copy vs 10 ms in place: 0.4x the copy's speed, 1.25x short of 0.5x.
  assert.equal(copy!.met, false);
  assert.equal(copy!.measured, "0.40x the copy's speed");
  assert.match(copy!.detail, /missed: 1\.25x too slow \(needs 8\.0 ms, takes 10\.0 ms\)/);
  // 50 ms session.run vs 10 ms: met 5x; the 12 ms kernel alone is 1.2x the time.
  assert.equal(ort!.met, true);
  assert.match(ort!.detail, /met: 5\.00x faster than session\.run/);
  assert.match(ort!.detail, /also 1\.20x faster than ORT's kernel alone/);
  // Judged on the 2-thread fallback: 20 ms vs 8 ms is 2.5x, met with 1.2x margin; causal 16
  // ms vs 5 ms is 3.2x, 1.07x over. On 1 thread: attentionCpu 32 ms vs 14 ms, 10 vs 8.
  assert.equal(attention!.met, true);
  assert.equal(attention!.measured, "2.50x ORT's time");
  assert.equal(
    attention!.detail,
    "met with 1.20x margin; on 1 thread, attentionCpu takes 2.29x ORT's 1-thread time",
  );
  assert.match(attention!.target, /fallback \(2 threads\) within 3x .* 1x8x512x64$/);
  assert.equal(causal!.met, false);
  assert.equal(
    causal!.detail,
    "missed: 1.07x over the 3x bound; on 1 thread, attentionCpu takes 1.25x ORT's 1-thread time",
  );
});

Deno.test("evaluateTargets: says so when ORT's kernel alone beats applyRope", async () => {
  const { groups } = await fixture();
  const kernel = findRow(
    groups,
    "rope apply 1x32x4096x128",
    "onnxruntime RotaryEmbedding (kernel only)",
  )!;
  kernel.avgMs = 5;
  const [, ort] = evaluateTargets(groups);
  assert.equal(ort!.met, true);
  assert.match(ort!.detail, /but ORT's kernel alone .* is 2\.00x faster than applyRope/);
});

Deno.test("evaluateTargets: a missing row gives 'not measured', never a verdict", () => {
  const results = evaluateTargets([]);
  assert.equal(results.length, 4);
  for (const r of results) {
    assert.equal(r.met, null);
    assert.match(r.detail, /did not run/);
  }
});

Deno.test("renderMarkdown: machine, targets, one table per group, verifications, what did not run", async () => {
  const { groups, notes } = await fixture();
  const input = {
    date: "2026-11-23T06:00:00Z",
    machine: [["CPU", "AMD EPYC (2 cores)"], ["Deno", "2.9.6"]] as [string, string][],
    groups,
    notes,
    targets: evaluateTargets(groups),
    files: [
      { file: "rope_peers_bench.ts", seconds: 61.2 },
      { file: "attention_peers_bench.ts", seconds: 300 },
      { file: "attention_bench.ts", seconds: 20, printed: "Device time per call\n\n| a | b |" },
    ],
    chart: "results.svg",
  };
  const md = renderMarkdown(input);
  assert.equal(md, renderMarkdown(input), "rendering is deterministic");
  assert.match(md, /^# posenc benchmark results\n/);
  assert.match(md, /\| date \| 2026-11-23T06:00:00Z \|/);
  assert.match(md, /\| CPU \| AMD EPYC \(2 cores\) \|/);
  assert.match(md, /!\[.*\]\(results\.svg\)/);
  assert.match(md, /\| copy \| 4\.00 ms \| 3\.90 ms \| 100 \| 1 \(baseline\) \| 33\.6 GB\/s \|/);
  assert.match(md, /\| applyRope inPlace \| 10\.0 ms \| 9\.50 ms \| 40 \| 2\.5x \| 13\.4 GB\/s \|/);
  assert.match(
    md,
    /\| onnxruntime RotaryEmbedding \(kernel only\) ¹ \| 12\.0 ms \(median\) \| 11\.0 ms \| 11 \| 3x \|/,
  );
  assert.match(
    md,
    /\| attentionCpu \| 32\.0 ms \| 30\.0 ms \| 10 \| 4x \| 16\.8 GFLOP\/s \|/,
  );
  assert.match(md, /## rope_peers_bench\.ts\n\nRan in 61 s\./);
  assert.match(md, /What attention_bench\.ts printed .*\n\nDevice time per call\n\n\| a \| b \|/);
  assert.equal(md.match(/ printed besides/g)?.length, 1);
  assert.match(md, /\*\*missed\*\*/);
  assert.match(md, /\*\*met\*\*/);
  assert.match(
    md,
    /\| rope apply 1x32x4096x128 \| onnxruntime RotaryEmbedding \| applyRope \| 2\.4e-7 \| 1e-5 \|/,
  );
  assert.match(md, /- attention 1x8x2048x128 \/ tfjs cpu: about 40 s per iteration/);
  // The same unavailable peer reported twice is listed once.
  assert.equal(md.match(/- tfjs-webgpu: navigator\.gpu/g)?.length, 1);
  assert.match(md, /ORT kernel only|¹ Kernel time from ONNX Runtime's own profiler/);
  // Every group's table comes under its file's heading, in order.
  assert.ok(md.indexOf("### attention 1x8x512x64\n") > md.indexOf("## attention_peers_bench.ts"));
  assert.ok(md.indexOf("### flash 1x8x512x64 causal <gpu>") > md.indexOf("## attention_bench.ts"));
});

Deno.test("renderSvg: one bar per row, log axis through 1, escaped text", async () => {
  const { groups } = await fixture();
  const svg = renderSvg(groups, "posenc & peers");
  assert.equal(svg, renderSvg(groups, "posenc & peers"));
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /<\/svg>\n$/);
  assert.match(svg, /posenc &amp; peers/);
  assert.match(svg, /flash 1x8x512x64 causal &lt;gpu&gt;/);
  assert.ok(!svg.includes("ungrouped"), "groups without a baseline are not charted");
  const rows = groups.filter((g) => g.baseline).reduce((n, g) => n + g.rows.length, 0);
  // Bars + the background + 4 legend swatches.
  assert.equal(svg.match(/<rect /g)?.length, rows + 1 + 4);
  // In the big RoPE group (ratios 1, 2.5, 12.5 and the profiler's 3) every bar starts at the
  // 1x line and its length grows with log(ratio); the baseline is a 3 px marker on the line.
  const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)].slice(0, 4)
    .map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
  const one = bars[0]!.x + 1.5;
  assert.equal(bars[0]!.width, 3);
  const perDecade = bars[1]!.width / Math.log10(2.5);
  for (const [bar, ratio] of [[bars[2]!, 12.5], [bars[3]!, 3]] as const) {
    assert.equal(bar.x, one);
    assert.ok(Math.abs(bar.width - perDecade * Math.log10(ratio)) < 0.2, `bar of ${ratio}x`);
  }
  assert.deepEqual(axisDecades([0.4, 2, 12.5]), [-1, 2]);
  // A row faster than its baseline gets a bar to the left of the 1x line.
  const faster = renderSvg([{
    file: "f.ts",
    name: "g",
    baseline: "b",
    rows: [
      { ...groups[0]!.rows[0]!, name: "b", baseline: true, ratio: 1 },
      { ...groups[0]!.rows[1]!, name: "fast", baseline: false, ratio: 0.1 },
    ],
  }], "t");
  const [base, fast] = [...faster.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)]
    .map((m) => ({ x: Number(m[1]), width: Number(m[2]) }));
  assert.ok(Math.abs(fast!.x + fast!.width - (base!.x + 1.5)) < 0.2);
  assert.deepEqual(axisDecades([1]), [0, 1]);
  assert.deepEqual(axisDecades([3, 250]), [0, 3]);
});

Deno.test("format: durations and ratios", () => {
  assert.equal(formatMs(0.0123), "12.3 µs");
  assert.equal(formatMs(4), "4.00 ms");
  assert.equal(formatMs(4567), "4.57 s");
  assert.equal(formatRatio(1), "1x");
  assert.equal(formatRatio(0.41234), "0.412x");
  assert.equal(formatRatio(12.5), "12.5x");
  assert.equal(formatRatio(312.4), "312x");
});

Deno.test("renderHeadline: the README's lines come from the measured rows", async () => {
  const { groups } = await fixture();
  const text = renderHeadline(groups, evaluateTargets(groups), "AMD EPYC, 2 cores");
  assert.match(text, /in place on \[1, 32, 4096, 128\] f32: 0\.4x the speed of copying/);
  assert.match(text, /target: at least 0\.5x, missed, 1\.25x too slow/);
  assert.match(text, /- 5x faster than ONNX Runtime's native RotaryEmbedding/);
  assert.match(text, /kernel alone, without that copy, takes 1\.2x applyRope's time; target: met/);
  assert.match(
    text,
    /fallback \(the CPU backend with `threads: 2`, WebAssembly SIMD\), B=1 H=8 S=512 D=64: 2\.5x/,
  );
  assert.match(
    text,
    /S=512 D=64: 2\.5x ONNX Runtime's Attention time on 2 threads \(target: at most 3x, met\); on 1 thread, `attentionCpu` takes 2\.29x ONNX Runtime's 1-thread time; 16x faster than the float64 `attentionReference`\./,
  );
  assert.match(
    text,
    /S=512 D=64 causal: 3\.2x ONNX Runtime's Attention time on 2 threads \(target: at most 3x, missed, 1\.07x over the 3x bound\); on 1 thread, `attentionCpu` takes 1\.25x ONNX Runtime's 1-thread time; 6\.25x faster/,
  );
  assert.match(text, /Measured on AMD EPYC, 2 cores/);
  // deno fmt wraps README prose: no line may start with ">" (it would turn into a quote).
  assert.ok(!/[<>]=/.test(text));
  // No GPU group in the fixture: no GPU line rather than an invented one.
  assert.ok(!text.includes("WebGPU"));
});

Deno.test("spliceHeadline: replaces only the block between the markers", () => {
  const readme = `# x\n\n${HEADLINE_START}\nold\n${HEADLINE_END}\n\nrest\n`;
  const once = spliceHeadline(readme, "- new");
  assert.equal(once, `# x\n\n${HEADLINE_START}\n\n- new\n\n${HEADLINE_END}\n\nrest\n`);
  assert.equal(spliceHeadline(once, "- new"), once, "idempotent");
  assert.throws(() => spliceHeadline("# no markers", "- x"), /expected the markers/);
});

Deno.test("isPosenc: posenc's rows in every bench, peers' rows not", () => {
  for (
    const name of [
      "applyRope inPlace",
      "attentionReference",
      "attentionCpu",
      "posenc CPU fallback, 2 threads",
      "posenc flash (WebGPU)",
      "prefill flash (WebGPU), 4 calls",
      "prefill attentionReference (CPU, float64), 1 call",
      "decode decode kernel, 1 split (no split-K), 2 calls",
      "decode split-K decode, 16 splits (the rule for 256 workgroups), 2 calls",
      "decode flash prefill kernel on a 1-token q, 1 call",
    ]
  ) assert.ok(isPosenc(name), name);
  for (
    const name of ["copy", "onnxruntime Attention", "onnxruntime Attention 1 thread", "tfjs cpu"]
  ) {
    assert.ok(!isPosenc(name), name);
  }
});

/** A measured group of `rows` [name, avgMs], the first the baseline. */
function measured(name: string, rows: [string, number][]): Group {
  return {
    file: "decode_peers_bench.ts",
    name,
    baseline: rows[0]![0],
    rows: rows.map(([row, avgMs], i) => ({
      name: row,
      baseline: i === 0,
      n: 100,
      avgMs,
      minMs: avgMs,
      ratio: avgMs / rows[0]![1],
      throughput: null,
      source: row.includes("kernel only") ? "profiler" as const : "bench" as const,
    })),
  };
}

function smallShapeGroups(): Group[] {
  return [
    measured("rope apply 1x8x512x64", [
      ["copy", 0.025],
      ["applyRope inPlace", 0.1],
      ["onnxruntime RotaryEmbedding (kernel only)", 0.04],
    ]),
    measured("rope apply 1x32x4096x128", [["copy", 8], ["applyRope inPlace", 9]]),
    measured("rope decode q 1x32x1x128", [
      ["copy", 0.0002],
      ["applyRope inPlace", 0.002],
      ["onnxruntime RotaryEmbedding (kernel only)", 0.0015],
    ]),
    measured("rope decode k 1x8x1x128", [
      ["copy", 0.0001],
      ["applyRope inPlace", 0.0015],
      ["onnxruntime RotaryEmbedding (kernel only)", 0.0005],
    ]),
    measured("cpu decode B1 Hkv8 G4 D128 L4096 f32", [
      ["copy", 3],
      ["posenc CPU decode", 24],
      ["posenc CPU decode, 2 threads", 12],
    ]),
  ];
}

Deno.test("evaluateCpuSmallTargets: each small-shape target met or missed with its margin", () => {
  const [speed, kernel, big, ropeQ, ropeK, decode] = evaluateCpuSmallTargets(smallShapeGroups());
  assert.equal(speed!.met, false);
  assert.equal(speed!.measured, "0.25x the copy's speed");
  assert.equal(speed!.detail, "missed: 2.00x too slow (needs 50.0 µs, takes 100 µs)");
  assert.equal(kernel!.met, false);
  assert.equal(kernel!.detail, "missed: 2.50x over its time");
  assert.equal(big!.met, true);
  assert.equal(big!.measured, "0.89x the copy's speed");
  assert.equal(big!.detail, "met with 1.11x margin");
  assert.equal(ropeQ!.met, true);
  assert.match(ropeQ!.target, /one token \[1, 32, 1, 128\] at position 4095/);
  assert.equal(ropeQ!.detail, "met with 1.50x margin");
  assert.equal(ropeK!.met, false);
  assert.equal(ropeK!.detail, "missed: 1.50x over 2x its time");
  // The faster CPU backend is judged, and named.
  assert.equal(decode!.met, false);
  assert.equal(decode!.measured, "0.25x the copy's speed (posenc CPU decode, 2 threads)");
  assert.equal(decode!.detail, "missed: 2.00x too slow (needs 6.00 ms, takes 12.0 ms)");
  assert.ok([speed, kernel, big, ropeQ, ropeK, decode].every((t) => t!.smallShape === true));
});

Deno.test("evaluateCpuSmallTargets: a missed plain-array target quotes the copy-in-and-out floor", () => {
  const groups = smallShapeGroups();
  groups[0] = measured("rope apply 1x8x512x64", [
    ["copy", 0.025],
    ["applyRope inPlace", 0.1],
    ["copy in and out of WebAssembly memory (no rotation)", 0.05],
    ["onnxruntime RotaryEmbedding (kernel only)", 0.04],
  ]);
  const [speed, kernel, big] = evaluateCpuSmallTargets(groups);
  assert.equal(
    speed!.detail,
    "missed: 2.00x too slow (needs 50.0 µs, takes 100 µs); copying the array into WebAssembly " +
      "memory and back alone, with no rotation, takes 50.0 µs (0.50x the copy's speed): a " +
      "ropeTensor skips both copies",
  );
  assert.match(kernel!.detail, /^missed: 2.50x over its time; copying the array .* takes 50.0 µs/);
  // A met target, or a group without the floor row, reads as before.
  assert.equal(big!.detail, "met with 1.11x margin");
  assert.equal(
    evaluateCpuSmallTargets(smallShapeGroups())[1]!.detail,
    "missed: 2.50x over its time",
  );
});

Deno.test("evaluateCpuSmallTargets: a missing group gives 'not measured', never a verdict", () => {
  const results = evaluateCpuSmallTargets([]);
  assert.equal(results.length, 6);
  for (const r of results) {
    assert.equal(r.met, null);
    assert.equal(r.measured, "not measured");
  }
});

Deno.test("evaluateResidentTargets: the RoPE targets again, on the ropeTensor rows", () => {
  const resident = "applyRope inPlace, ropeTensor";
  const groups = [
    measured("rope apply 1x8x512x64", [
      ["copy", 0.025],
      ["applyRope inPlace", 0.1],
      [resident, 0.04],
      ["onnxruntime RotaryEmbedding (kernel only)", 0.05],
    ]),
    measured("rope apply 1x32x4096x128", [["copy", 8], [resident, 5]]),
    measured("rope decode q 1x32x1x128", [
      ["copy", 0.0002],
      [resident, 0.001],
      ["onnxruntime RotaryEmbedding (kernel only)", 0.006],
    ]),
  ];
  const results = evaluateResidentTargets(groups);
  assert.equal(results.length, 5);
  const [speed, kernel, big, ropeQ, ropeK] = results;
  assert.equal(
    speed!.target,
    "applyRope in place on a ropeTensor >= 0.5x the copy's speed, [1, 8, 512, 64]",
  );
  assert.equal(speed!.measured, "0.63x the copy's speed");
  assert.equal(speed!.detail, "met with 1.25x margin");
  assert.equal(kernel!.met, true);
  assert.equal(kernel!.detail, "met with 1.25x margin");
  assert.equal(big!.measured, "1.60x the copy's speed");
  assert.equal(big!.met, true);
  assert.equal(ropeQ!.met, true);
  assert.match(ropeQ!.target, /^decode: applyRope in place on a ropeTensor within 2x/);
  // The k group did not run: not measured, never a verdict.
  assert.equal(ropeK!.met, null);
  assert.ok(results.every((t) => t.smallShape === true));
  // The plain rows' verdicts are untouched by the ropeTensor rows.
  assert.equal(evaluateCpuSmallTargets(groups)[0]!.measured, "0.25x the copy's speed");
});

Deno.test("renderHeadline: lists the measured small-shape targets in words, none when absent", () => {
  const groups = smallShapeGroups();
  const targets = evaluateCpuSmallTargets(groups);
  const text = renderHeadline(groups, targets, "AMD EPYC, 2 cores");
  assert.match(
    text,
    /- The CPU path at small shapes and for one decoded token \(a `ropeTensor` lives/,
  );
  assert.match(
    text,
    / {2}- applyRope in place at least 0\.5x the copy's speed, \[1, 8, 512, 64\]: 0\.25x the copy's speed; missed, 2\.00x too slow \(needs 50\.0 µs, takes 100 µs\)\./,
  );
  assert.match(text, /\[1, 32, 4096, 128\]: 0\.89x the copy's speed; met, with 1\.11x margin\./);
  assert.ok(!/[<>]=/.test(text));
  const none = renderHeadline(groups, evaluateCpuSmallTargets([]), "AMD EPYC, 2 cores");
  assert.ok(!none.includes("small shapes"));
});

Deno.test("throughput: the CPU decode group reads K and V once, like attention-gpu's", () => {
  const bytes = 2 * 8 * 4096 * 128 * 4;
  const cpu = throughput("cpu decode B1 Hkv8 G4 D128 L4096 f32", 10);
  close(cpu!.value, bytes / 0.01 / 1e9);
  assert.equal(cpu!.unit, "GB/s");
});
