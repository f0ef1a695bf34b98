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
import { type BrowserContext, chromium, type Page } from "npm:playwright-core@1.65.1";
import { ropeFrequencies } from "@posenc/rope";
import { diagnose, linearScaling, ropeFromConfig } from "@posenc/scaling";
import gptOss from "../configs/gpt-oss-20b.json" with { type: "json" };
import type { PanelState } from "./client/panel.ts";
import type { ScalingData } from "./lib/scaling.ts";
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
const SCREENSHOTS = new URL("../../.test-report/demo/", import.meta.url);

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
  await page.waitForFunction(
    ([name, revision]) => {
      const state = globalThis.posencDemo?.panels[name as string];
      return state !== undefined && state.state === "ready" &&
        state.revision > (revision as number);
    },
    [panel, after] as const,
  );
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
  return (await page.locator(`section[data-panel="${panel}"] .message.error`).textContent()) ?? "";
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

async function screenshot(page: Page, panel: string): Promise<void> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  await page.locator(`section[data-panel="${panel}"]`).screenshot({
    path: decodeURIComponent(new URL(`${panel}.png`, SCREENSHOTS).pathname),
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
      page.setDefaultTimeout(15_000);
      page.on("console", (message) => {
        if (message.type() === "error") problems.push(`console error: ${message.text()}`);
      });
      page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
      page.on("requestfailed", (request) => problems.push(`request failed: ${request.url()}`));
      page.on("response", (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      await page.goto(`${origin}/`);

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
        assert.match(await refused(page, "scaling"), /^config\.json is not valid JSON: /);
        const notJson = await page.locator('section[data-panel="scaling"] .message').textContent();
        await box.locator("textarea").fill('{"rope_theta": 10000}');
        await box.locator("button[name=analyze]").click();
        const noHead = await refused(page, "scaling", notJson);
        assert.match(noHead, /^Invalid config: missing head information/);

        await setControl(page, "scaling", "dim", "7");
        assert.equal(
          await refused(page, "scaling", noHead),
          "Invalid dim: expected an even integer in [2, 1024], got 7",
        );
        assert.equal(await plotCount(page, "scaling"), 2, "the last plot stays");
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
