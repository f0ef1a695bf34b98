import assert from "node:assert/strict";
import { failedTests, readTestRun } from "./test.ts";

const PASSING = [
  "./a_test.ts => one ... ok (1ms)",
  "",
  "ok | 3 passed (2 steps) | 0 failed (6s)",
  "",
].join("\n");

Deno.test("readTestRun: a clean run", () => {
  const run = readTestRun({ ok: true, output: PASSING });
  assert.deepEqual(run, {
    passed: 3,
    failed: 0,
    failures: [],
    crashedAfterSummary: false,
    crashLine: "",
  });
});

Deno.test("readTestRun: a crash after a clean summary is told apart and still counted", () => {
  const output = `${PASSING}\ndouble free or corruption (fasttop)\n`;
  const run = readTestRun({ ok: false, output });
  assert.equal(run.crashedAfterSummary, true);
  assert.equal(run.crashLine, "double free or corruption (fasttop)");
  assert.equal(run.passed, 3);
  assert.equal(run.failed, 1, "a crash is a failure unless a second run passes");
});

Deno.test("readTestRun: failed tests and a crash before any summary", () => {
  const output = [
    " FAILURES ",
    "",
    "bad one => ./a_test.ts:2:6",
    "steps ... inner => ./a_test.ts:3:43",
    "",
    "FAILED | 1 passed | 2 failed (1 step) (8ms)",
    "",
    "error: Test failed",
  ].join("\n");
  const run = readTestRun({ ok: false, output: `\x1b[31m${output}\x1b[0m` });
  assert.equal(run.crashedAfterSummary, false);
  assert.deepEqual([run.passed, run.failed], [1, 2]);
  assert.deepEqual(run.failures, [
    "bad one => ./a_test.ts:2:6",
    "steps ... inner => ./a_test.ts:3:43",
  ]);
  assert.deepEqual(failedTests(output), run.failures);

  const early = readTestRun({ ok: false, output: "error: TS2304 [ERROR]: Cannot find name 'x'." });
  assert.deepEqual([early.passed, early.failed, early.crashedAfterSummary], [0, 1, false]);
});
