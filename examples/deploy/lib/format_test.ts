import assert from "node:assert/strict";
import { fmt } from "./format.ts";

Deno.test("fmt() writes integers in full and never rounds away integer digits", () => {
  assert.equal(fmt(32768 / 2), "16,384"); // was "16380"
  assert.equal(fmt(524288), "524,288"); // was "524300"
  assert.equal(fmt(1e6), "1,000,000"); // rope_theta, was "1.000e+6"
  assert.equal(fmt(500000), "500,000");
  assert.equal(fmt(16777216), "16,777,216");
  assert.equal(fmt(1234.5678), "1,235");
  assert.equal(fmt(123456.78), "123,457");
  assert.equal(fmt(1.1386294361119891), "1.139");
  assert.equal(fmt(0.5), "0.5");
  assert.equal(fmt(-2.5849625007211565, 3), "-2.58");
  assert.equal(fmt(0), "0");
  assert.equal(fmt(2.5e-7, 2), "2.5e-7");
  assert.equal(fmt(Infinity), "Infinity");
  assert.equal(fmt(NaN), "NaN");
});
