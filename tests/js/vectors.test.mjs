// The shared golden vectors through the WebAssembly package (node's test runner).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));

const index = JSON.parse(readFileSync(path.join(root, "tests/vectors/index.json"), "utf8"));
const errors = JSON.parse(readFileSync(path.join(root, "tests/vectors/errors.json"), "utf8"));

// The browser reads no files: a model whose base is a file path (not a bundled base) is
// checked by the command line and Python only.
const fileBase = (text) => /^base\s*=\s*"[^"]*[./][^"]*"/m.test(text);

for (const c of index) {
  const model = readFileSync(path.join(root, c.model), "utf8");
  if (fileBase(model)) continue;
  test(`vector ${c.model} is byte-identical`, () => {
    const expected = readFileSync(path.join(root, c.report), "utf8");
    assert.equal(ek.evaluateJson(model), expected);
    // A JS object in JSON form gives the same bytes.
    assert.equal(ek.evaluateJson(ek.toModelObject(model)), expected);
    assert.equal(ek.evaluate(model).rows.at(-1).npv, JSON.parse(expected).rows.at(-1).npv);
  });
}

for (const c of errors) {
  test(`error vector: ${c.name}`, () => {
    assert.throws(
      () => ek.evaluate(c.model),
      (err) => {
        assert.ok(err instanceof Error, "an Error object, not a string");
        assert.deepEqual(err.problems.map((p) => ({ code: p.code, path: p.path })), c.problems);
        assert.equal(err.code, c.problems[0].code);
        assert.equal(err.path, c.problems[0].path);
        assert.ok(err.message.includes(c.message_contains), err.message);
        return true;
      },
    );
    // validate() makes the static checks; an overflow only shows when the model is evaluated.
    const v = ek.validate(c.model);
    if (c.problems[0].code !== "overflow") assert.deepEqual(v.problems.map((p) => ({ code: p.code, path: p.path })), c.problems);
  });
}

test("bases, schema, examples and version", () => {
  assert.deepEqual(ek.bases().map((b) => b.name), ["se-2024"]);
  assert.equal(ek.schema().additionalProperties, false);
  const ex = ek.examples();
  assert.equal(ex.length, 5);
  // Each example's JSON form evaluates to its golden vector.
  for (const e of ex) {
    const expected = readFileSync(path.join(root, `tests/vectors/reports/${e.id}.json`), "utf8");
    assert.equal(ek.evaluateJson(e.model), expected);
  }
  const cargo = readFileSync(path.join(root, "Cargo.toml"), "utf8");
  assert.equal(ek.version(), /\nversion = "([^"]+)"/.exec(cargo)[1]);
});

test("non-models are errors, not crashes", () => {
  assert.throws(() => ek.evaluate(42), (e) => e instanceof Error && e.code === "parse");
  assert.throws(() => ek.evaluate(""), (e) => e instanceof Error && typeof e.code === "string");
  assert.throws(() => ek.evaluate("{".repeat(100000)), (e) => e instanceof Error && e.code === "parse");
});

test("simulation: the reference's numbers and the native build's, bit for bit", () => {
  const m = readFileSync(path.join(root, "tests/vectors/simulation/uniform-triangular.toml"), "utf8");
  const ref = JSON.parse(readFileSync(path.join(root, "tests/vectors/simulation/uniform-triangular.seed7.runs3000.json"), "utf8"));
  assert.deepEqual(ek.simulate(m, 3000, 7), ref);
  const u = readFileSync(path.join(root, "models/examples/jobbspar-osakerhet.toml"), "utf8");
  const native = readFileSync(path.join(root, "tests/vectors/simulation/jobbspar-osakerhet.seed3.runs2000.native.json"), "utf8");
  assert.deepEqual(ek.simulate(u, 2000, 3), JSON.parse(native));
  // The kernel's less travelled paths (scaled shares, time limits, groups, a drawn rate).
  const k = readFileSync(path.join(root, "tests/vectors/simulation/kernel-paths.toml"), "utf8");
  const kNative = readFileSync(path.join(root, "tests/vectors/simulation/kernel-paths.seed5.runs3001.native.json"), "utf8");
  assert.deepEqual(ek.simulate(k, 3001, 5), JSON.parse(kNative));
  assert.throws(() => ek.simulate(u, 0, 1), (e) => e instanceof Error && e.code === "limit" && e.path === "runs");
  assert.throws(() => ek.simulate(u, 1.5, 1), (e) => e instanceof Error && e.code === "invalid_range");
});

test("sensitivity through WebAssembly is the exact tornado", () => {
  const u = readFileSync(path.join(root, "models/examples/jobbspar-osakerhet.toml"), "utf8");
  const s = ek.sensitivity(u);
  assert.equal(s.method, "distributions");
  assert.equal(s.rows[0].path, "scenarios.with.transitions[1].share");
  assert.equal(s.rows[0].label, "scenarios.with.transitions[from=social_assistance,to=employment].share");
  assert.equal(s.npv, ek.evaluate(u).rows.at(-1).npv);
  // Any row's tornado: its npv is the report's, and the top bar's low end is that row's npv
  // with the value set there by its readable label.
  const m = ek.sensitivity(u, { row: "municipality" });
  const municipality = (report) => report.rows.find((r) => r.id === "municipality").npv;
  assert.equal(m.row, "municipality");
  assert.equal(m.npv, municipality(ek.evaluate(u)));
  const top = m.rows[0];
  assert.equal(municipality(ek.evaluate(ek.setValue(u, top.label, top.low))), top.npv_low);
  assert.throws(() => ek.sensitivity(u, { row: "municipalty" }), (e) => e.code === "unknown_reference");
});

test("setValue and getValue name values by what they are, as Python and the command line do", () => {
  const model = {
    format: "ekusia-model/1.1", name: "t", base: "se-2024", horizon: 5,
    intervention: { start: { social_assistance: 1 }, cohorts: [{ start_year: 0, participants: 10 }],
      costs: [{ name: "Coach", amount: 100000, financing: { municipality: 1 } }] },
    scenarios: { with: { transitions: [
      { from: "social_assistance", to: "studies", share: 0.05 },
      { from: "social_assistance", to: "employment", share: 0.1 },
    ] } },
  };
  const p = "scenarios.with.transitions[from=social_assistance,to=employment].share";
  assert.equal(ek.getValue(model, p), "0.1");
  const edited = ek.setValue(model, p, "0.12");
  assert.equal(edited.scenarios.with.transitions[1].share, "0.12");
  assert.equal(edited.scenarios.with.transitions[0].share, "0.05");
  // The same edit by position gives the same report.
  const byIndex = ek.setValue(model, "scenarios.with.transitions[1].share", "0.12");
  assert.deepEqual(ek.evaluate(edited), ek.evaluate(byIndex));
  assert.equal(ek.getValue(model, "intervention.costs[name=Coach].amount"), "100000");
  assert.equal(typeof ek.getValue(model, "parameters[id=municipal_tax].value"), "string"); // the base's
  assert.throws(() => ek.setValue(model, "scenarios.with.transitions[from=social_assistance,to=employmnt].share", "0.1"),
    (e) => e.code === "schema" && e.message.includes("from=social_assistance,to=employment"));
  assert.throws(() => ek.setValue(model, p, NaN), (e) => e.code === "schema");
});
