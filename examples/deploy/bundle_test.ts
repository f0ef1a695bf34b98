import assert from "node:assert/strict";
import { staleFiles } from "./build.ts";

Deno.test("demo bundle static/build/ matches its sources", async () => {
  const stale = await staleFiles();
  assert.deepEqual(
    stale,
    [],
    `static/build/ was built from other sources (${
      stale.join(", ")
    }): run \`deno task demo:build\` and commit static/build/`,
  );
});
