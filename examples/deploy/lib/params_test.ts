import assert from "node:assert/strict";
import { acceptLink, SCALING, withLabels } from "./params.ts";

Deno.test("withLabels() puts the controls' labels in place of code names", () => {
  assert.equal(
    withLabels(
      SCALING,
      "Invalid targetLength: expected an integer >= trainLength (4096), got 100",
    ),
    "Invalid target length: expected an integer >= training length (4096), got 100",
  );
  assert.equal(
    withLabels(SCALING, "Invalid dim: expected an even integer in [2, 1024], got 7"),
    "Invalid rotary dim: expected an even integer in [2, 1024], got 7",
  );
  assert.match(withLabels(SCALING, 'Unknown parameter "dims": expected one of base'), /dims/);
});

Deno.test("acceptLink() drops the values a panel refuses and keeps the rest", () => {
  assert.deepEqual(acceptLink("attention", { scheme: "foo", seq: "10" }), {
    values: { seq: "10" },
    problems: [
      'Invalid positions: expected one of "rope", "rope-yarn", "alibi", "sinusoidal", "none", got "foo"',
    ],
  });
  const { values, problems } = acceptLink("rope", { foo: "1", dim: "7", base: "500000" });
  assert.deepEqual(values, { base: "500000" });
  assert.equal(problems.length, 2);
  assert.match(problems[0]!, /^Unknown parameter "foo"/);
  assert.equal(problems[1], "Invalid rotary dim: expected an even integer in [2, 1024], got 7");
  // A rule between a link value and a default: nothing from the link is used.
  assert.deepEqual(acceptLink("scaling", { trainLength: "65536" }).values, {});
  assert.deepEqual(acceptLink("scaling", { dim: "64" }), { values: { dim: "64" }, problems: [] });
});
