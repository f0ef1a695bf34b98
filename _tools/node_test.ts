/**
 * The README says the packages run unchanged in Node: this runs each
 * package's mod.ts there. `deno bundle` turns one small example per package
 * (_tools/testdata/node/<package>.ts, importing `@posenc/<package>`) into a
 * plain ES module, which `node` runs; its printed numbers must equal what the
 * same module prints in Deno, and the formulas' values.
 *
 * Without `node` on PATH the test is skipped, except with CI=true, where it fails.
 *
 * @module
 */

import assert from "node:assert/strict";

const root = new URL("../", import.meta.url);
const PACKAGES = [
  "tensor",
  "rope",
  "sinusoidal",
  "alibi",
  "relative",
  "scaling",
  "attention-gpu",
] as const;
type Printed = Record<string, unknown>;

async function nodeVersion(): Promise<string | null> {
  try {
    const { success, stdout } = await new Deno.Command("node", { args: ["--version"] }).output();
    return success ? new TextDecoder().decode(stdout).trim() : null;
  } catch {
    return null;
  }
}

async function runJson(command: string, args: string[]): Promise<Printed> {
  const { code, stdout, stderr } = await new Deno.Command(command, {
    args,
    cwd: root,
    env: { NO_COLOR: "1" },
  }).output();
  const out = new TextDecoder().decode(stdout);
  assert.equal(
    code,
    0,
    `${command} ${args.join(" ")}:\n${out}\n${new TextDecoder().decode(stderr)}`,
  );
  return JSON.parse(out) as Printed;
}

function near(actual: unknown, expected: readonly number[], tolerance: number, what: string): void {
  const values = actual as number[];
  assert.equal(values.length, expected.length, what);
  values.forEach((v, i) =>
    assert.ok(Math.abs(v - expected[i]!) <= tolerance, `${what}[${i}]: ${v}`)
  );
}

/**
 * Equal structure, numbers within 1e-6: the CPU attention kernel's softmax
 * calls Math.exp, whose last bit differs between Node's V8 and Deno's.
 */
function assertSame(actual: unknown, expected: unknown, path: string): void {
  if (typeof actual === "number" && typeof expected === "number") {
    assert.ok(Math.abs(actual - expected) <= 1e-6, `${path}: Node ${actual}, Deno ${expected}`);
  } else if (Array.isArray(actual) && Array.isArray(expected)) {
    assert.equal(actual.length, expected.length, `${path}: length`);
    actual.forEach((a, i) => assertSame(a, expected[i], `${path}[${i}]`));
  } else if (typeof actual === "object" && actual !== null && typeof expected === "object") {
    assert.deepEqual(Object.keys(actual), Object.keys(expected ?? {}), `${path}: keys`);
    for (const [key, value] of Object.entries(actual)) {
      assertSame(value, (expected as Record<string, unknown>)[key], `${path}.${key}`);
    }
  } else {
    assert.equal(actual, expected, path);
  }
}

/** What each example must print, from the formulas (not from the packages). */
const EXPECTED: Record<(typeof PACKAGES)[number], (printed: Printed) => void> = {
  tensor(p) {
    assert.deepEqual(p.shape, [2, 2]);
    assert.deepEqual(p.data, [1, 2, 3, 4]);
    assert.equal(p.diff, 0.5);
    assert.equal((p.random as number[]).length, 4);
  },
  rope(p) {
    near(p.invFreq, [1, 0.1, 0.01, 0.001], 1e-7, "invFreq"); // 10000^(-2i/8)
    let bound = 0; // RoFormer's bound at distance 0: (1/d) Σ_j |Σ_{i<=j} 1|, d/2 = 32 pairs
    for (let j = 1; j <= 32; j++) bound += j;
    near([(p.bound as number[])[0]!], [bound / 32], 1e-9, "bound");
  },
  sinusoidal(p) {
    assert.deepEqual(p.shape, [3, 4]);
    const expected = [0, 1, 2].flatMap((pos) =>
      [0, 1].flatMap((i) => [Math.sin(pos / 10000 ** (i / 2)), Math.cos(pos / 10000 ** (i / 2))])
    );
    near(p.data, expected, 1e-6, "table");
  },
  alibi(p) {
    assert.deepEqual(p.slopes8, [1, 2, 3, 4, 5, 6, 7, 8].map((i) => 2 ** -i));
    assert.equal((p.slopes12 as number[]).length, 12);
  },
  relative(p) {
    // T5's default buckets (32, max distance 128) in float64, at distances away from any
    // boundary: 16 per side, distances under 8 exact, then 8 log-spaced to 128.
    const bucket = (relative: number) => {
      const side = relative > 0 ? 16 : 0;
      const n = Math.abs(relative);
      return side + (n < 8 ? n : Math.min(8 + Math.floor(Math.log(n / 8) / Math.log(16) * 8), 15));
    };
    assert.deepEqual(p.encoder, [-3, 0, 3, -20, 50, -1000].map(bucket));
    assert.deepEqual(p.encoder, [3, 0, 19, 10, 29, 15]);
    assert.deepEqual(p.decoder, [4, 3, 2, 1, 0], "causal: distances 4..0, all exact");
    // [1, 2 heads, 2 queries, 3 keys]: relative positions j - i; head 1 the negatives.
    const head0 = [0, 1].flatMap((i) => [0, 1, 2].map((j) => bucket(j - i) / 4));
    assert.deepEqual(p.bias, [...head0, ...head0.map((v) => -v || 0)]);
    const clip = (i: number, j: number) => Math.max(-2, Math.min(2, j - i)) + 2;
    const index = [0, 1].flatMap((i) => [0, 1, 2, 3].map((j) => clip(i, j)));
    assert.deepEqual(p.shawIndex, index);
    const rows = [[1, 0], [0, 1], [1, 1], [2, -1], [0.5, 3]];
    const q = [[1, 2], [3, 4]];
    assert.deepEqual(
      p.shawLogits,
      index.map((r, e) => q[e >> 2]![0]! * rows[r]![0]! + q[e >> 2]![1]! * rows[r]![1]!),
    );
    const w = [[0.5, 0.25, 0.25, 0], [0, 0, 0.5, 0.5]];
    const values = [0, 1].flatMap((i) =>
      [0, 1].map((d) => w[i]!.reduce((sum, a, j) => sum + a * rows[clip(i, j)]![d]!, 0))
    );
    near(p.shawValues, values, 1e-7, "shawValues");
  },
  scaling(p) {
    assert.equal(p.ropeType, "llama3");
    assert.equal(p.rotaryDim, 128);
    near(p.linear, [1, 0.1, 0.01, 0.001].map((f) => f / 4), 1e-8, "linear");
    assert.equal((p.invFreq as number[]).length, 64);
  },
  "attention-gpu"(p) {
    assert.equal(p.backend, "cpu", "Node has no WebGPU: the CPU fallback runs");
    assert.equal(p.fallbackVsCpu, 0);
    assert.ok((p.cpuVsReference as number) <= 1e-5, `CPU vs reference: ${p.cpuVsReference}`);
    assert.equal((p.output as number[]).length, 2 * 8 * 32);
  },
};

const version = await nodeVersion();
const inCi = Deno.env.get("CI") === "true";
if (version === null && !inCi) console.warn("node_test.ts: no `node` on PATH: skipped");

Deno.test({
  name: "each package's mod.ts runs unchanged in Node",
  ignore: version === null && !inCi,
  async fn(t) {
    assert.ok(version, "CI=true and no `node` on PATH: install Node.js 20 or later");
    const out = await Deno.makeTempDir({ prefix: "posenc-node-" });
    try {
      const entries = PACKAGES.map((name) => `_tools/testdata/node/${name}.ts`);
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: ["bundle", "--platform=browser", "--format=esm", `--outdir=${out}`, ...entries],
        cwd: root,
        env: { NO_COLOR: "1" },
      }).output();
      assert.equal(code, 0, new TextDecoder().decode(stderr));
      // ES modules for Node whatever its version's detection does.
      await Deno.writeTextFile(`${out}/package.json`, '{ "type": "module" }\n');
      for (const name of PACKAGES) {
        await t.step(`@posenc/${name} in Node ${version}`, async () => {
          const file = `${out}/${name}.js`;
          const inNode = await runJson("node", [file]);
          EXPECTED[name](inNode);
          // Deno without WebGPU (as Node) prints the very same numbers.
          const inDeno = await runJson(Deno.execPath(), [
            "run",
            "--preload=examples/testdata/hide_webgpu.ts",
            file,
          ]);
          assertSame(inNode, inDeno, name);
        });
      }
    } finally {
      await Deno.remove(out, { recursive: true });
    }
  },
});
