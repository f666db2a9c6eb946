// Hostile input through the JS package: every failure is an Error with a code and a path,
// never a silent default, a bare TypeError or a trap.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));
const example = readFileSync(path.join(root, "models/examples/jobbspar-forsorjningsstod.toml"), "utf8");

function failure(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected an error");
}

test("NaN, Infinity, undefined and functions are schema errors with their path, not silent defaults", () => {
  for (const bad of [NaN, Infinity, -Infinity, undefined, () => 1]) {
    const m = ek.toModelObject(example);
    m.intervention.cohorts[0].participants = bad;
    const e = failure(() => ek.evaluate(m));
    assert.equal(e.code, "schema", String(bad));
    assert.equal(e.path, "intervention.cohorts[0].participants");
    assert.equal(e.problems[0].path, e.path);
  }
});

test("a BigInt is an exact number in a model; a seed beyond 2^53 - 1 is a limit error", () => {
  const m = ek.toModelObject(example);
  m.intervention.cohorts[0].participants = 40n;
  const a = ek.evaluate(m);
  m.intervention.cohorts[0].participants = "40";
  assert.deepEqual(a, ek.evaluate(m));
  const e = failure(() => ek.simulate(example, 10, 2n ** 64n));
  assert.equal(e.code, "limit");
  assert.equal(e.path, "seed");
  const f = failure(() => ek.simulate(example, 10, 2 ** 53));
  assert.equal(f.code, "limit");
  assert.equal(f.path, "seed");
  assert.ok(ek.simulate(example, 10, Number.MAX_SAFE_INTEGER).rows.length > 0);
});

test("deep nesting is a limit error, duplicate JSON keys a parse error with the path", () => {
  let deep = {};
  const top = deep;
  for (let i = 0; i < 10_000; i++) deep = deep.x = {};
  assert.equal(failure(() => ek.evaluate(top)).code, "limit");
  const json = JSON.stringify(ek.toModelObject(example)).replace('"name":', '"name":"first","name":');
  const e = failure(() => ek.evaluate(json));
  assert.equal(e.code, "parse");
  assert.equal(e.path, "name");
});

test("every number form gets one code: out of range is limit, not a number is schema", () => {
  const codes = (v) => {
    const m = ek.toModelObject(example);
    m.horizon = v;
    return failure(() => ek.evaluate(m)).code;
  };
  assert.equal(codes("8e28"), "limit");
  assert.equal(codes(8e28), "limit");
  assert.equal(codes("--5"), "schema");
  assert.equal(codes("abc"), "schema");
});
