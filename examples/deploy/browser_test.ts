/**
 * The demo in a real browser: Debian's Chromium, headless, driven by
 * playwright-core. Each panel is opened from its tab, one control is changed,
 * the test waits for the redraw and checks the plotted numbers against the
 * packages called here in Deno; a bad value must give a readable message.
 * Any console error or failed request fails the test. Screenshots go to
 * .test-report/demo/ (git-ignored).
 *
 * Without Chromium the test is skipped, except in CI (CI=true), where it fails.
 * CHROMIUM_PATH overrides the executable.
 *
 * @module
 */

import assert from "node:assert/strict";
import { Buffer } from "node:buffer";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BrowserContext, chromium, type Page } from "npm:playwright-core@1.65.1";
import { alibiSlopes } from "@posenc/alibi";
import { t5Bias, t5RelativeBucket } from "@posenc/relative";
import { relativeDecayBound, ropeFrequencies } from "@posenc/rope";
import { diagnose, linearScaling, ropeFromConfig } from "@posenc/scaling";
import { sinusoidalTable } from "@posenc/sinusoidal";
import { maxAbsDiff, randomNormal } from "@posenc/tensor";
import gptOss from "../configs/gpt-oss-20b.json" with { type: "json" };
import type { PanelState } from "./client/panel.ts";
import type { AlibiData } from "./lib/alibi.ts";
import { type AttentionData, computeAttention } from "./lib/attention.ts";
import type { PanelValues } from "./lib/params.ts";
import type { RelativeData } from "./lib/relative.ts";
import type { RopeData } from "./lib/rope.ts";
import type { ScalingData } from "./lib/scaling.ts";
import type { SinusoidalData } from "./lib/sinusoidal.ts";
import { createHandler } from "./server.ts";

const LAUNCH_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/**
 * Where screenshots go: .test-report/demo/ (git-ignored), or the folder in
 * DEMO_SCREENSHOTS, relative to the working directory (`deno task
 * demo:screenshots` retakes the curated set in docs/demo/).
 */
const SCREENSHOTS = screenshotFolder(Deno.env.get("DEMO_SCREENSHOTS"));

function screenshotFolder(folder: string | undefined): URL {
  if (!folder) return new URL("../../.test-report/demo/", import.meta.url);
  return pathToFileURL(resolve(folder) + "/");
}

function findChromium(): string | null {
  const candidates = [
    Deno.env.get("CHROMIUM_PATH"),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ];
  for (const path of candidates) {
    if (!path) continue;
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // not there: try the next one
    }
  }
  return null;
}

const executable = findChromium();
const inCi = Deno.env.get("CI") === "true";
if (executable === null && !inCi) {
  console.warn(
    "browser_test.ts: no Chromium found (apt-get install chromium, or CHROMIUM_PATH): skipped",
  );
}

/** The part of a panel's published state a test reads. */
type Snapshot<D> = Omit<PanelState, "data"> & { data: D };

async function snapshot<D>(page: Page, panel: string): Promise<Snapshot<D>> {
  return await page.evaluate((name) => {
    // Typed arrays travel as plain arrays (-Infinity and NaN survive Playwright's transfer).
    const plain = (value: unknown): unknown =>
      ArrayBuffer.isView(value)
        ? Array.from(value as unknown as ArrayLike<number>)
        : Array.isArray(value)
        ? value.map(plain)
        : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
        : value;
    return plain(globalThis.posencDemo.panels[name]!);
  }, panel) as Snapshot<D>;
}

/** Waits until the panel has drawn more than `after` times, and returns its state. */
async function drawn<D>(page: Page, panel: string, after: number): Promise<Snapshot<D>> {
  try {
    await page.waitForFunction(
      ([name, revision]) => {
        const state = globalThis.posencDemo?.panels[name as string];
        return state !== undefined && state.state === "ready" &&
          state.revision > (revision as number);
      },
      [panel, after] as const,
    );
  } catch (e) {
    // Say what the page shows instead of a bare timeout.
    const state = await page.evaluate((name) => globalThis.posencDemo?.panels[name], panel);
    throw new Error(
      `${panel} did not redraw: state ${state?.state}, revision ${state?.revision}, error ${state?.error}`,
      { cause: e },
    );
  }
  return await snapshot<D>(page, panel);
}

/**
 * Waits until the panel shows an error (other than `previous`), and returns
 * the message on the page.
 */
async function refused(page: Page, panel: string, previous: string | null = null): Promise<string> {
  await page.waitForFunction(
    ([name, before]) => {
      const state = globalThis.posencDemo?.panels[name as string];
      return state?.state === "error" && state.error !== before;
    },
    [panel, previous] as const,
  );
  // The message shown on the page (under the controls, or next to the config box) is the state's.
  const error = (await snapshot(page, panel)).error!;
  const shown = await page.locator(`section[data-panel="${panel}"] .message.error`)
    .allTextContents();
  assert.ok(shown.includes(error), `${JSON.stringify(error)} is not on the page: ${shown}`);
  return error;
}

async function setControl(page: Page, panel: string, name: string, value: string): Promise<void> {
  const control = page.locator(`section[data-panel="${panel}"] [name="${name}"]`);
  if (await control.evaluate((e) => e.tagName) === "SELECT") await control.selectOption(value);
  else await control.fill(value);
}

async function openTab(page: Page, panel: string): Promise<void> {
  await page.click(`nav a[data-tab="${panel}"]`);
  await page.locator(`section[data-panel="${panel}"]`).waitFor({ state: "visible" });
}

async function plotCount(page: Page, panel: string): Promise<number> {
  return await page.locator(`section[data-panel="${panel}"] [data-plot]`).count();
}

async function screenshot(page: Page, panel: string, name = panel): Promise<void> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  // A clip of the full page rather than locator.screenshot(), whose wait for a
  // "stable" element never ends in a GPU-enabled headless Chromium.
  const box = await page.locator(`section[data-panel="${panel}"]`).boundingBox();
  assert.ok(box, `section ${panel} is not visible`);
  // boundingBox() is in viewport coordinates, a full-page clip in the page's:
  // once an earlier step has scrolled, the clip must move by the scroll.
  const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
  const clip = { ...box, x: box.x + scroll.x, y: box.y + scroll.y };
  // The pointer rests where the last click left it, which after scrolling can be
  // over a plot: move it off the page so no pointer tip is open, and hide tips
  // anyway (a tip is Plot's <g aria-label="tip">). The control just typed into
  // keeps its focus ring unless blurred.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({
    path: fileURLToPath(new URL(`${name}.png`, SCREENSHOTS)),
    fullPage: true,
    clip,
    animations: "disabled",
    style: '[aria-label="tip"] { visibility: hidden !important; }',
  });
}

/** Collects console errors, page errors, failed requests and HTTP errors. */
function watch(page: Page, problems: string[]): void {
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

Deno.test({
  name: "demo in headless Chromium",
  ignore: executable === null && !inCi,
  async fn(t) {
    if (executable === null) {
      throw new Error(
        "CI=true and no Chromium: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH",
      );
    }
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, createHandler());
    const origin = `http://127.0.0.1:${server.addr.port}`;
    const profile = await Deno.makeTempDir({ prefix: "posenc-chromium-" });
    let context: BrowserContext | undefined;
    const problems: string[] = [];
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: executable,
        args: LAUNCH_FLAGS,
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
      });
      const page = context.pages()[0] ?? await context.newPage();
      page.setDefaultTimeout(30_000); // generous: deno test runs files in parallel on few cores
      watch(page, problems);
      await page.goto(`${origin}/`);

      await t.step(
        "sinusoidal: change the training length, plot the table and dot products",
        async () => {
          await openTab(page, "sinusoidal");
          const first = await drawn<SinusoidalData>(page, "sinusoidal", 0);
          assert.deepEqual(first.params, {
            length: 256,
            dim: 128,
            base: 10000,
            layout: "interleaved",
          });
          assert.equal(await plotCount(page, "sinusoidal"), 2);

          await setControl(page, "sinusoidal", "length", "100");
          const { data, revision } = await drawn<SinusoidalData>(
            page,
            "sinusoidal",
            first.revision,
          );
          // 2 × 100 positions fit the heatmap: it is the whole table, as the package computes it in Deno.
          assert.deepEqual(data.heatmap.positions, Array.from({ length: 200 }, (_, i) => i));
          assert.ok(maxAbsDiff(data.heatmap.values, sinusoidalTable(200, 128).data) < 1e-6);
          const fromZero = data.dot.filter((d) => d.from === 0);
          const fromTrain = data.dot.filter((d) => d.from === 100);
          assert.ok(Math.abs(fromZero[0]!.dot - 64) < 1e-4, "PE(p)·PE(p) = dim / 2");
          assert.ok(
            maxAbsDiff(fromZero.map((d) => d.dot), fromTrain.map((d) => d.dot)) < 1e-3,
            "relative",
          );
          let relative = 0; // Σ cos(k ωᵢ) at the far peak, from the formula
          for (let i = 0; i < 64; i++) {
            relative += Math.cos(data.farPeak.distance * 10000 ** (-i / 64));
          }
          assert.ok(Math.abs(data.farPeak.dot - relative) < 1e-3);
          assert.ok(data.farPeak.distance >= 100);
          await screenshot(page, "sinusoidal");

          await setControl(page, "sinusoidal", "length", "70000");
          assert.equal(
            await refused(page, "sinusoidal"),
            "Invalid training length: expected an integer in [2, 65536], got 70000",
          );
          assert.equal(await plotCount(page, "sinusoidal"), 2, "the last plot stays");
          await setControl(page, "sinusoidal", "length", "256");
          await drawn(page, "sinusoidal", revision);
        },
      );

      await t.step("rope: change the rotary dim, plot scores and RoFormer's bound", async () => {
        await openTab(page, "rope");
        const first = await drawn<RopeData>(page, "rope", 0);
        assert.equal(await plotCount(page, "rope"), 2);
        await setControl(page, "rope", "dim", "64");
        const { data, params, revision } = await drawn<RopeData>(page, "rope", first.revision);
        assert.equal((params as { dim: number }).dim, 64);
        assert.ok(maxAbsDiff(data.bound, relativeDecayBound(ropeFrequencies(64), 512)) < 1e-9);
        assert.equal(data.bound.length, 513);
        assert.equal(data.scores[0]!.score, 64);
        const { invFreq } = ropeFrequencies(64);
        for (
          const { distance, score, shifted } of data.scores.filter((p) => p.distance % 50 === 0)
        ) {
          const expected = 2 * invFreq.reduce((sum, f) => sum + Math.cos(distance * f), 0);
          assert.ok(Math.abs(score - expected) < 1e-3, `score at ${distance}`);
          assert.ok(Math.abs(shifted - expected) < 1e-3, `shifted score at ${distance}`);
        }
        assert.ok(data.maxShiftDifference < 1e-3);
        await screenshot(page, "rope");

        await setControl(page, "rope", "maxDistance", "70000");
        assert.equal(
          await refused(page, "rope"),
          "Invalid max distance: expected an integer in [1, 65536], got 70000",
        );
        await setControl(page, "rope", "maxDistance", "512");
        await drawn(page, "rope", revision);
      });

      await t.step("alibi: change the head count, plot slopes and the bias matrix", async () => {
        await openTab(page, "alibi");
        const first = await drawn<AlibiData>(page, "alibi", 0);
        assert.equal(first.data.slopes.length, 12);
        await setControl(page, "alibi", "heads", "8");
        const { data, revision } = await drawn<AlibiData>(page, "alibi", first.revision);
        assert.deepEqual(data.slopes, [
          1 / 2,
          1 / 4,
          1 / 8,
          1 / 16,
          1 / 32,
          1 / 64,
          1 / 128,
          1 / 256,
        ]);
        assert.deepEqual(data.slopes, Array.from(alibiSlopes(8)));
        // Head 1, last query row of 32: −slope·distance, the diagonal 0.
        const last = data.bias.values.slice(31 * 32, 32 * 32);
        assert.deepEqual(
          last,
          Array.from({ length: 32 }, (_, j) => Math.fround(-0.5 * (31 - j)) || 0),
        );
        assert.equal(data.bias.values[1], -Infinity, "future keys are masked");
        assert.equal(data.lastRow.length, 8 * 32);
        assert.equal(await plotCount(page, "alibi"), 3);
        await screenshot(page, "alibi");

        await setControl(page, "alibi", "head", "20");
        assert.equal(
          await refused(page, "alibi"),
          "Invalid head shown: expected an integer in [1, 8], got 20",
        );
        await setControl(page, "alibi", "head", "1");
        await drawn(page, "alibi", revision);
      });

      await t.step(
        "relative: T5's buckets against ALiBi's line, one head's T5 bias matrix",
        async () => {
          await openTab(page, "relative");
          const first = await drawn<RelativeData>(page, "relative", 0);
          assert.deepEqual(first.params, {
            mode: "bidirectional",
            numBuckets: 32,
            maxDistance: 128,
            heads: 8,
            head: 1,
            length: 64,
            seed: 1,
          });
          assert.equal(await plotCount(page, "relative"), 4);
          /** Every plotted position's bucket, ALiBi's line and the T5 matrix against the packages. */
          const check = (data: RelativeData, bidirectional: boolean) => {
            const options = { bidirectional, numBuckets: 32, maxDistance: 128 };
            assert.equal(data.range, 256);
            const plotted = data.buckets.flatMap((r) =>
              Array.from({ length: r.to - r.from + 1 }, () => r.bucket)
            );
            assert.deepEqual(
              plotted,
              Array.from({ length: 513 }, (_, i) => t5RelativeBucket(i - 256, options)),
            );
            assert.ok(data.buckets.length <= 32);
            assert.equal(data.slope, alibiSlopes(8)[0]);
            assert.deepEqual(
              data.alibi,
              (bidirectional ? [-256, 0, 256] : [-256, 0]).map((relative) => ({
                relative,
                bias: -0.5 * Math.abs(relative) || 0,
              })),
            );
            const weight = randomNormal([32, 8], { seed: 1 });
            const bias = t5Bias(weight, {
              queryLength: 64,
              keyLength: 64,
              bidirectional,
              maxDistance: 128,
            });
            // Head 1: the first [64, 64] plane.
            assert.deepEqual(data.bias.values, Array.from(bias.data.subarray(0, 64 * 64)));
          };
          check(first.data, true);
          const summary = page.locator('section[data-panel="relative"] .summary');
          // T5's last bucket starts well before the max distance: at 91 of 128.
          assert.match(
            (await summary.textContent())!,
            /^Keys before the query: distances 0–7 get a bucket each, 7 logarithmic buckets cover 8–90 \(the widest 27 distances\), and from 91 on every key shares bucket 15\. ALiBi head 1 of 8 \(slope 0\.5\) tells every distance apart/,
          );

          await setControl(page, "relative", "mode", "causal");
          const causal = await drawn<RelativeData>(page, "relative", first.revision);
          check(causal.data, false);
          assert.equal(causal.data.buckets.at(-1)!.bucket, 0, "every later key in bucket 0");
          assert.match(page.url(), /#relative\?mode=causal$/);

          await setControl(page, "relative", "maxDistance", "10");
          const tooNear = await refused(page, "relative");
          assert.equal(
            tooNear,
            "Invalid max distance: expected an integer > 16 (with 32 causal buckets, distances below 16 get a bucket each and the logarithmic buckets run from there to max distance), got 10",
          );
          assert.equal(
            await page.locator('section[data-panel="relative"] [name="maxDistance"]')
              .getAttribute("aria-invalid"),
            "true",
          );
          assert.equal(await plotCount(page, "relative"), 4, "the last plot stays");
          await setControl(page, "relative", "maxDistance", "128");
          await setControl(page, "relative", "mode", "bidirectional");
          await setControl(page, "relative", "numBuckets", "33");
          assert.equal(
            await refused(page, "relative", tooNear),
            "Invalid buckets: expected an even integer >= 4 in bidirectional mode (half the buckets for keys before the query, half for keys after), got 33",
          );
          await setControl(page, "relative", "numBuckets", "32");
          const ready = await page.waitForFunction(() => {
            const panel = globalThis.posencDemo.panels.relative!;
            const params = panel.params as { mode: string; numBuckets: number } | null;
            return panel.state === "ready" && params?.mode === "bidirectional" &&
              params.numBuckets === 32;
          });
          await ready.dispose();
          check((await snapshot<RelativeData>(page, "relative")).data, true);
          assert.match(page.url(), /#relative$/);
          await screenshot(page, "relative");
        },
      );

      await t.step("scaling: change the target length, load a config.json", async () => {
        await openTab(page, "scaling");
        const first = await drawn<ScalingData>(page, "scaling", 0);
        assert.deepEqual(first.params, {
          base: 10000,
          dim: 128,
          trainLength: 4096,
          targetLength: 32768,
        });
        assert.equal(await plotCount(page, "scaling"), 2);

        await setControl(page, "scaling", "targetLength", "65536");
        const second = await drawn<ScalingData>(page, "scaling", first.revision);
        assert.equal(second.data.factor, 16);
        const options = { trainLength: 4096, targetLength: 65536, base: 10000 };
        const plain = diagnose(ropeFrequencies(128), options);
        assert.equal(second.data.curves[0]!.oodPairs, plain.summary.outOfDistributionPairs);
        const pi = diagnose(linearScaling(128, { factor: 16 }), options);
        assert.deepEqual(
          second.data.curves[1]!.points.map((p) => p.scale),
          pi.pairs.map((p) => p.scale),
        );
        assert.match(page.url(), /#scaling\?targetLength=65536$/);

        // A config.json, read in the browser by ropeFromConfig.
        const box = page.locator('section[data-panel="scaling"] .config-box');
        await box.locator("select[name=preset]").selectOption("gpt-oss-20b (YaRN)");
        await box.locator("button[name=analyze]").click();
        const third = await drawn<ScalingData>(page, "scaling", second.revision);
        assert.deepEqual(third.params, {
          base: 150000,
          dim: 64,
          trainLength: 4096,
          targetLength: 131072,
        });
        const config = third.data.config!;
        assert.equal(config.ropeType, "yarn");
        const rope = ropeFromConfig(gptOss, { seqLen: 131072 });
        assert.equal(config.attentionFactor, rope.attentionFactor);
        const diagnosis = diagnose(rope, { trainLength: 4096, targetLength: 131072, base: 150000 });
        assert.equal(config.curve.oodPairs, diagnosis.summary.outOfDistributionPairs);
        assert.deepEqual(
          config.curve.points.map((p) => p.scale),
          diagnosis.pairs.map((p) => p.scale),
        );
        assert.match((await box.locator(".config-report").textContent())!, /yarn, head dim 64/);
        await screenshot(page, "scaling");

        await box.locator("textarea").fill("{ not json");
        await box.locator("button[name=analyze]").click();
        const notJson = await refused(page, "scaling");
        assert.match(notJson, /^config\.json is not valid JSON: /);
        // Next to the box, where the user is looking, not above the controls.
        assert.equal(await box.locator(".message.error").textContent(), notJson);
        await box.locator("textarea").fill('{"rope_theta": 10000}');
        await box.locator("button[name=analyze]").click();
        const noHead = await refused(page, "scaling", notJson);
        assert.match(noHead, /^Invalid config: missing head information/);

        await setControl(page, "scaling", "dim", "7");
        assert.equal(
          await refused(page, "scaling", noHead),
          "Invalid rotary dim: expected an even integer in [2, 1024], got 7",
        );
        assert.equal(await plotCount(page, "scaling"), 2, "the last plot stays");
      });

      await t.step("attention: change the scheme, plot weights computed on the CPU", async () => {
        await openTab(page, "attention");
        const first = await drawn<AttentionData>(page, "attention", 0);
        assert.equal(await plotCount(page, "attention"), 2);
        await setControl(page, "attention", "scheme", "alibi");
        const { data, params, revision } = await drawn<AttentionData>(
          page,
          "attention",
          first.revision,
        );
        // --disable-gpu: no adapter, so the page must say it computed on the CPU.
        assert.equal(data.backend, "cpu");
        assert.match(data.reason!, /adapter|WebGPU/i);
        assert.equal(
          await page.locator('section[data-panel="attention"] .backend').textContent(),
          "CPU",
        );
        const expected = await computeAttention(params as PanelValues<"attention">, "cpu");
        assert.ok(maxAbsDiff(data.weights.values, expected.weights.values) < 1e-6);
        assert.ok(maxAbsDiff(data.meanDistance, expected.meanDistance) < 1e-6);
        // ALiBi: a gentler slope looks farther.
        assert.ok(data.meanDistance[3]! > data.meanDistance[0]!);
        await screenshot(page, "attention");

        await setControl(page, "attention", "seq", "65");
        assert.equal(
          await refused(page, "attention"),
          "Invalid sequence: expected an integer in [2, 64], got 65",
        );
        await setControl(page, "attention", "seq", "24");
        await drawn(page, "attention", revision);
      });

      await t.step(
        "scaling: a config.json is compared at its own factor, and only with its own controls",
        async () => {
          await openTab(page, "scaling");
          const box = page.locator('section[data-panel="scaling"] .config-box');
          const summary = page.locator('section[data-panel="scaling"] .summary');
          const report = box.locator(".config-report");
          const before = (await snapshot(page, "scaling")).revision;
          // The box holds the last step's typed text: replacing it asks first.
          page.once("dialog", (dialog) => void dialog.accept());
          await box.locator("select[name=preset]").selectOption("Llama-3.1-8B (llama3)");
          await box.locator("button[name=analyze]").click();
          const llama = await drawn<ScalingData>(page, "scaling", before);
          // Pretraining 8192 x its factor 8: the length its scaling reaches.
          assert.deepEqual(llama.params, {
            base: 500000,
            dim: 128,
            trainLength: 8192,
            targetLength: 65536,
          });
          assert.equal(llama.data.factor, 8);
          assert.equal(llama.data.factorSource, "config");
          const llama3 = llama.data.curves.find((c) => c.method === "llama3")!;
          assert.deepEqual(
            llama3.points.map((p) => p.scale),
            llama.data.config!.curve.points.map((p) => p.scale),
            '"Llama 3" and "config.json (llama3)" are one curve',
          );
          assert.match((await summary.textContent())!, /^Factor 8 \(the config\.json's own; /);
          assert.match(
            (await report.textContent())!,
            /llama3, head dim 128, rotary dim 128, factor 8, base 500,000, /,
          );

          // A longer target keeps the config (and its factor): both still agree.
          await setControl(page, "scaling", "targetLength", "131072");
          const far = await drawn<ScalingData>(page, "scaling", llama.revision);
          assert.equal(far.data.factor, 8);
          const farLlama3 = far.data.curves.find((c) => c.method === "llama3")!;
          assert.equal(farLlama3.oodPairs, far.data.config!.curve.oodPairs);
          assert.ok(far.data.config!.curve.oodPairs > 0);
          const verdict = (await report.textContent())!;
          assert.match(verdict, /original pretraining \(8,192 tokens\)/);
          assert.match(
            verdict,
            /Long-context training at the target length .*\(as Llama 3\.1 and Qwen2 had\) covers them/,
          );

          // Changing a control the config set removes it: no curve of another setup mixes in.
          await setControl(page, "scaling", "dim", "64");
          const mixed = await drawn<ScalingData>(page, "scaling", far.revision);
          assert.equal(mixed.data.config, null);
          assert.equal(mixed.data.curves.length, 6);
          assert.match(
            (await box.locator(".config-message").textContent())!,
            /^Removed the config\.json: you changed the rotary dim/,
          );

          // Numbers in full: 32768 / 2 is 16,384 (not 16380).
          await setControl(page, "scaling", "trainLength", "2");
          await setControl(page, "scaling", "targetLength", "32768");
          await page.waitForFunction(() =>
            globalThis.posencDemo.panels.scaling!.params !== null &&
            (globalThis.posencDemo.panels.scaling!.params as { targetLength: number })
                .targetLength === 32768 &&
            (globalThis.posencDemo.panels.scaling!.params as { trainLength: number })
                .trainLength === 2
          );
          assert.match(
            (await summary.textContent())!,
            /^Factor 16,384 \(32,768 \/ 2\)\. Pairs out of distribution at 32,768 tokens/,
          );

          // Messages in the controls' words, not code names.
          await setControl(page, "scaling", "trainLength", "8192");
          await setControl(page, "scaling", "targetLength", "4096");
          assert.equal(
            await refused(page, "scaling"),
            "Invalid target length: expected an integer >= training length (8192), got 4096",
          );

          // A config whose values do not all fit the controls applies none of them.
          const last = (await snapshot(page, "scaling")).params;
          await box.locator("textarea").fill(
            '{"head_dim": 128, "rope_theta": 1e10, "max_position_embeddings": 8192}',
          );
          await box.locator("button[name=analyze]").click();
          const tooBig = await refused(
            page,
            "scaling",
            "Invalid target length: expected an integer >= training length (8192), got 4096",
          );
          assert.equal(
            tooBig,
            "Invalid base θ: expected a finite number > 1 and <= 1000000000, got 10000000000",
          );
          assert.equal(await box.locator(".message.error").textContent(), tooBig);
          // The control typed into last fires "change" as it loses focus: with its value already
          // drawn, that must not redraw and put its message back over the config's.
          await page.locator('section[data-panel="scaling"] [name="targetLength"]')
            .dispatchEvent("change");
          await page.waitForTimeout(400); // past the 120 ms debounce of a redraw
          assert.equal((await snapshot(page, "scaling")).error, tooBig);
          assert.equal(
            await page.locator('section[data-panel="scaling"] [name="base"]').inputValue(),
            String((last as { base: number }).base),
          );
          assert.deepEqual((await snapshot(page, "scaling")).params, last);

          // Llama 4 Scout's 10M context fits whole.
          await box.locator("textarea").fill(
            '{"head_dim": 128, "rope_theta": 500000, "max_position_embeddings": 10485760}',
          );
          const beforeScout = (await snapshot(page, "scaling")).revision;
          await box.locator("button[name=analyze]").click();
          const scout = await drawn<ScalingData>(page, "scaling", beforeScout);
          assert.deepEqual(scout.params, {
            base: 500000,
            dim: 128,
            trainLength: 10485760,
            targetLength: 16777216,
          });
          assert.equal(scout.data.config!.trainLength, 10485760);
          assert.equal(
            await box.locator(".message.error").count(),
            0,
            "a good config clears the last error",
          );

          // A file too large, then a good one: the stale error goes.
          const file = box.locator("input[type=file]");
          await file.setInputFiles({
            name: "big.json",
            mimeType: "application/json",
            buffer: Buffer.from(" ".repeat(70000)),
          });
          assert.equal(
            await refused(page, "scaling"),
            "config.json too large: at most 65536 bytes, got 70,000",
          );
          const mistral = Buffer.from(
            await Deno.readFile(
              new URL("../configs/mistral-7b-v0.1.json", import.meta.url),
            ),
          );
          const beforeFile = (await snapshot(page, "scaling")).revision;
          await file.setInputFiles({
            name: "config.json",
            mimeType: "application/json",
            buffer: mistral,
          });
          const fromFile = await drawn<ScalingData>(page, "scaling", beforeFile);
          assert.equal(fromFile.data.config!.ropeType, "default");
          assert.equal(await box.locator(".config-message").textContent(), "");

          // The example dropdown asks before replacing the user's text.
          const pasted = '{"head_dim": 64, "rope_theta": 10000, "max_position_embeddings": 2048}';
          await box.locator("textarea").fill(pasted);
          page.once("dialog", (dialog) => void dialog.dismiss());
          await box.locator("select[name=preset]").selectOption("gpt-oss-20b (YaRN)");
          assert.equal(await box.locator("textarea").inputValue(), pasted);
          assert.match(
            (await box.locator(".config-message").textContent())!,
            /^Kept your config\.json/,
          );
          page.once("dialog", (dialog) => void dialog.accept());
          await box.locator("select[name=preset]").selectOption("Qwen2-7B-Instruct + YaRN");
          assert.match(await box.locator("textarea").inputValue(), /"rope_theta": 1000000/);
          const beforeQwen = (await snapshot(page, "scaling")).revision;
          await box.locator("button[name=analyze]").click();
          await drawn(page, "scaling", beforeQwen);
          assert.match((await report.textContent())!, /base 1,000,000/);
          await box.locator("button[name=clear]").click();
        },
      );

      await t.step("alibi: the help and the summary name the steepest head truly", async () => {
        await page.goto(`${origin}/#alibi`);
        await openTab(page, "alibi");
        await page.waitForFunction(() => globalThis.posencDemo.panels.alibi!.state === "ready");
        await setControl(page, "alibi", "heads", "12");
        await page.waitForFunction(() =>
          (globalThis.posencDemo.panels.alibi!.params as { heads: number } | null)?.heads === 12
        );
        const slopes = Array.from(alibiSlopes(12));
        const steepest = slopes.indexOf(Math.max(...slopes)) + 1;
        assert.equal(steepest, 9);
        assert.equal(
          await page.locator('section[data-panel="alibi"] .steepest').textContent(),
          "head 9",
        );
        const help = await page.locator('section[data-panel="alibi"] label:has([name="head"])')
          .getAttribute("title");
        assert.doesNotMatch(help!, /1 is the steepest/);
        assert.match(help!, /head 9 \(1\/√2\) is the steepest/);
      });

      await t.step("sinusoidal: long tables are averaged per row, not sampled", async () => {
        await page.goto(`${origin}/#sinusoidal?length=1000`);
        const state = await page.waitForFunction(() => {
          const panel = globalThis.posencDemo.panels.sinusoidal!;
          return panel.state === "ready" && (panel.params as { length: number }).length === 1000;
        });
        await state.dispose();
        const { data } = await snapshot<SinusoidalData>(page, "sinusoidal");
        assert.equal(data.heatmap.positions.length, 256);
        const fastest = data.heatmap.positions.map((_, r) =>
          Math.abs(data.heatmap.values[r * 128]!)
        );
        assert.ok(Math.max(...fastest) < 0.3, "no false bands in the fastest dim");
        assert.match(
          (await page.locator('section[data-panel="sinusoidal"] [data-plot="table"]')
            .textContent())!,
          /256 rows, each the mean of 7–8 positions/,
        );
      });

      await t.step(
        "a shared link with a bad value draws the defaults and says what it dropped",
        async () => {
          await page.goto("about:blank");
          await page.goto(`${origin}/#attention?scheme=foo&seq=10`);
          const { params } = await drawn<AttentionData>(page, "attention", 0);
          assert.equal((params as { scheme: string }).scheme, "rope");
          assert.equal((params as { seq: number }).seq, 10, "the link's good values are kept");
          assert.equal(await plotCount(page, "attention"), 2, "not a blank panel");
          assert.equal(
            await page.locator('section[data-panel="attention"] .message').textContent(),
            'Not used from the link (defaults shown instead): Invalid positions: expected one of "rope", "rope-yarn", "alibi", "sinusoidal", "none", got "foo"',
          );
        },
      );

      await t.step(
        "inputs have borders of at least 3:1 contrast; the page has a <noscript>",
        async () => {
          await openTab(page, "rope");
          const ratios = await page.evaluate(() => {
            const luminance = (color: string) => {
              const [r, g, b] = color.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((c) => {
                const v = Number(c) / 255;
                return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
              });
              return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
            };
            const against = luminance(
              getComputedStyle(document.querySelector("section:not([hidden])")!).backgroundColor,
            );
            return [
              ...document.querySelectorAll(
                "section:not([hidden]) input, section:not([hidden]) select",
              ),
            ]
              .map((e) => {
                const l = luminance(getComputedStyle(e).borderTopColor);
                return (Math.max(l, against) + 0.05) / (Math.min(l, against) + 0.05);
              });
          });
          assert.ok(ratios.length > 0);
          for (const ratio of ratios) {
            assert.ok(ratio >= 3, `border contrast ${ratio.toFixed(2)}:1`);
          }
          assert.match(await page.locator("noscript").innerHTML(), /JavaScript/);
        },
      );

      await t.step("a 390 px wide phone: no sideways scroll, every tab reachable", async () => {
        await page.setViewportSize({ width: 390, height: 844 });
        try {
          for (
            const panel of ["sinusoidal", "rope", "alibi", "relative", "scaling", "attention"]
          ) {
            await page.goto(`${origin}/#${panel}`);
            await page.waitForFunction(
              (name) => globalThis.posencDemo.panels[name]?.state === "ready",
              panel,
            );
            for (const tab of await page.locator("nav a[data-tab]").all()) {
              const box = (await tab.boundingBox())!;
              assert.ok(
                box.x >= 0 && box.x + box.width <= 390,
                `${await tab.textContent()} tab at ${box.x}`,
              );
            }
            const width = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(width <= 390, `${panel}: the page is ${width} px wide`);
          }
          await openTab(page, "attention");
        } finally {
          await page.setViewportSize({ width: 1280, height: 900 });
        }
      });

      await t.step("the largest allowed sizes draw, in bounded time, without error", async () => {
        const cases: [string, Record<string, number>][] = [
          ["sinusoidal", { length: 65536, dim: 1024 }],
          ["rope", { dim: 128, maxDistance: 65536 }],
          ["rope", { dim: 1024, maxDistance: 4096 }],
          ["alibi", { heads: 64, length: 512, head: 64 }],
          ["relative", { numBuckets: 256, maxDistance: 65536, heads: 64, head: 64, length: 256 }],
          ["scaling", { dim: 1024, trainLength: 16777216, targetLength: 16777216 }],
          ["attention", { seq: 64, heads: 8, head: 8, headDim: 128 }],
        ];
        for (const [panel, values] of cases) {
          const before = (await snapshot(page, panel)).revision;
          const query = new URLSearchParams(Object.entries(values).map(([k, v]) => [k, String(v)]));
          await page.goto(`${origin}/#${panel}?${query}`);
          const { params } = await drawn(page, panel, before);
          for (const [name, value] of Object.entries(values)) {
            assert.equal((params as Record<string, number>)[name], value, `${panel} ${name}`);
          }
        }
      });

      await t.step("no console errors, page errors or failed requests", () => {
        assert.deepEqual(problems, []);
      });
    } finally {
      await context?.close();
      await server.shutdown();
      await Deno.remove(profile, { recursive: true });
    }
  },
});

// The same page in a Chromium that may use WebGPU: without --disable-gpu and
// with --enable-unsafe-webgpu, headless Chromium offers its SwiftShader
// adapter, so the attention panel runs attention-gpu's WGSL kernels through
// Chromium's own WebGPU (Dawn/Tint), not Deno's.
Deno.test({
  name: "demo in headless Chromium with WebGPU (SwiftShader): attention on the GPU",
  ignore: executable === null && !inCi,
  async fn() {
    if (executable === null) throw new Error("CI=true and no Chromium: install Debian's chromium");
    const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, createHandler());
    const profile = await Deno.makeTempDir({ prefix: "posenc-chromium-gpu-" });
    let context: BrowserContext | undefined;
    const problems: string[] = [];
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: executable,
        args: [...LAUNCH_FLAGS.filter((f) => f !== "--disable-gpu"), "--enable-unsafe-webgpu"],
        viewport: { width: 1280, height: 900 },
        deviceScaleFactor: 1,
      });
      const page = context.pages()[0] ?? await context.newPage();
      page.setDefaultTimeout(60_000); // SwiftShader compiles the pipelines on the CPU
      watch(page, problems);
      await page.goto(`http://127.0.0.1:${server.addr.port}/#attention?scheme=rope-yarn`);
      // Seconds of pipeline compilation on SwiftShader: the panel says so instead of staying empty.
      await page.locator('section[data-panel="attention"] .plots .busy').filter({
        hasText: /^Compiling the kernel… /,
      }).waitFor();
      const { data, params } = await drawn<AttentionData>(page, "attention", 0);
      assert.equal(data.backend, "webgpu", `no WebGPU in Chromium: ${data.reason}`);
      assert.match(
        await page.locator('section[data-panel="attention"] .backend').textContent() ?? "",
        /^WebGPU: /,
      );
      assert.ok(
        data.maxDiffFromReference! <= 2e-5,
        `GPU vs CPU in the page: ${data.maxDiffFromReference}`,
      );
      const expected = await computeAttention(params as PanelValues<"attention">, "cpu");
      assert.ok(maxAbsDiff(data.weights.values, expected.weights.values) <= 2e-5);

      // ALiBi on the GPU too: slopes in-kernel instead of RoPE in the loads.
      await setControl(page, "attention", "scheme", "alibi");
      const alibi = await drawn<AttentionData>(page, "attention", 1);
      assert.equal(alibi.data.backend, "webgpu");
      assert.ok(
        alibi.data.maxDiffFromReference! <= 2e-5,
        `ALiBi: ${alibi.data.maxDiffFromReference}`,
      );
      const alibiExpected = await computeAttention(alibi.params as PanelValues<"attention">, "cpu");
      assert.ok(maxAbsDiff(alibi.data.weights.values, alibiExpected.weights.values) <= 2e-5);
      await screenshot(page, "attention", "attention-webgpu");
      assert.deepEqual(problems, []);
    } finally {
      await context?.close();
      await server.shutdown();
      await Deno.remove(profile, { recursive: true });
    }
  },
});
