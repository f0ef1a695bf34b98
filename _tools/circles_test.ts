import assert from "node:assert/strict";
import {
  type DenoInfo,
  describeCircle,
  findCircles,
  type ImportGraph,
  packageGraph,
} from "./circles.ts";

function graph(edges: Record<string, string[]>): ImportGraph {
  return new Map(Object.entries(edges));
}

Deno.test("findCircles: a one-way graph has none", () => {
  assert.deepEqual(
    findCircles(
      graph({ "mod.ts": ["a.ts", "b.ts"], "a.ts": ["_x.ts"], "b.ts": ["_x.ts"], "_x.ts": [] }),
    ),
    [],
  );
  assert.deepEqual(findCircles(graph({})), []);
});

Deno.test("findCircles: a two-file circle and a self import", () => {
  assert.deepEqual(
    findCircles(graph({ "a.ts": ["_a.ts"], "_a.ts": ["a.ts"], "mod.ts": ["a.ts"] })),
    [
      { files: ["_a.ts", "a.ts"], loop: ["_a.ts", "a.ts", "_a.ts"] },
    ],
  );
  assert.deepEqual(findCircles(graph({ "a.ts": ["a.ts"] })), [
    { files: ["a.ts"], loop: ["a.ts", "a.ts"] },
  ]);
});

Deno.test("findCircles: separate circles are reported apart, with every file of each", () => {
  const circles = findCircles(graph({
    "mod.ts": ["c.ts", "x.ts"],
    // c -> d -> e -> c, plus a shortcut d -> c: one component of three files.
    "c.ts": ["d.ts"],
    "d.ts": ["c.ts", "e.ts"],
    "e.ts": ["c.ts"],
    "x.ts": ["y.ts"],
    "y.ts": ["x.ts", "c.ts"],
  }));
  assert.deepEqual(circles, [
    { files: ["c.ts", "d.ts", "e.ts"], loop: ["c.ts", "d.ts", "c.ts"] },
    { files: ["x.ts", "y.ts"], loop: ["x.ts", "y.ts", "x.ts"] },
  ]);
});

Deno.test("findCircles: a long chain closing on itself (no recursion limit)", () => {
  const edges: Record<string, string[]> = {};
  const n = 20_000;
  for (let i = 0; i < n; i++) edges[`f${i}.ts`] = [`f${(i + 1) % n}.ts`];
  const circles = findCircles(graph(edges));
  assert.equal(circles.length, 1);
  assert.equal(circles[0]!.files.length, n);
  assert.equal(circles[0]!.loop.length, n + 1);
});

Deno.test("packageGraph: keeps the package's own files, value and type-only imports alike", () => {
  const pkg = "file:///repo/packages/p/";
  const info: DenoInfo = {
    modules: [
      {
        specifier: `${pkg}mod.ts`,
        dependencies: [{ code: { specifier: `${pkg}a.ts` } }],
      },
      {
        specifier: `${pkg}a.ts`,
        dependencies: [
          { code: { specifier: "file:///repo/packages/tensor/mod.ts" } },
          { code: { specifier: `${pkg}_b.ts` } },
        ],
      },
      // `import type { A } from "./a.ts"` appears under "type", not "code".
      { specifier: `${pkg}_b.ts`, dependencies: [{ type: { specifier: `${pkg}a.ts` } }] },
      { specifier: "file:///repo/packages/tensor/mod.ts", dependencies: [] },
      { specifier: "npm:/some-package@1.0.0" },
    ],
  };
  const found = packageGraph(info, pkg);
  assert.deepEqual(
    found,
    new Map([["mod.ts", ["a.ts"]], ["a.ts", ["_b.ts"]], ["_b.ts", ["a.ts"]]]),
  );
  const circles = findCircles(found);
  assert.deepEqual(circles, [{ files: ["_b.ts", "a.ts"], loop: ["_b.ts", "a.ts", "_b.ts"] }]);
  assert.equal(
    describeCircle("packages/p", circles[0]!),
    "packages/p: import circle of 2 file(s): _b.ts, a.ts\n    e.g. _b.ts -> a.ts -> _b.ts",
  );
});
