// describe(): what a model resolves to, for editors (the calculator's parameters panel, its
// states and their time limits). Its parameters' values are the report's, its definitions and
// flows are the model's as written, and a base state copied from it into the model changes
// nothing — which is how the page writes a time limit on a base state.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));

const index = JSON.parse(readFileSync(path.join(root, "tests/vectors/index.json"), "utf8"));
const text = (file) => readFileSync(path.join(root, file), "utf8");
// The browser reads no files: a model whose base is a file path is for the command line and Python.
const fileBase = (t) => /^base\s*=\s*"[^"]*[./][^"]*"/m.test(t);
const vectors = index.filter((c) => !fileBase(text(c.model)));
const isTable = (def) => def !== null && typeof def === "object" && "value" in def;

test("every vector: the parameters' values are the report's, in its order; definitions as written", () => {
  let seen = 0;
  for (const c of vectors) {
    const model = ek.toModelObject(text(c.model));
    const d = ek.describe(model);
    const report = JSON.parse(text(c.report));
    assert.deepEqual(d.parameters.map((p) => ({ id: p.id, value: p.value })), report.model.parameters, c.model);
    for (const p of d.parameters) {
      const own = model.parameters?.[p.id];
      // A parameter the model does not write is the base's (se-2024 is built on parameters).
      assert.equal(p.base, own === undefined && model.base === "se-2024", `${c.model}: ${p.id}`);
      if (own !== undefined) {
        assert.deepEqual(p.definition, isTable(own) ? own.value : own, `${c.model}: ${p.id}`);
        seen++;
      }
    }
  }
  assert.ok(seen >= 39, `${seen} parameters`);
});

test("a parameter's metadata: name, unit, source, year and quality as written, null where absent", () => {
  const d = ek.describe(text("tests/vectors/models/v11-parameter-places.toml"));
  const by = Object.fromEntries(d.parameters.map((p) => [p.id, p]));
  assert.deepEqual(by.share_job, {
    id: "share_job", value: "0.12", definition: "= 12%",
    name: { sv: "Andel som får arbete", en: "Share finding work" }, unit: "andel per år",
    source: "Pilot 2023, Samordningsförbundet", year: 2023, quality: "assumption", base: false,
  });
  // A table whose value is a distribution: the definition is the distribution, the value its point.
  assert.deepEqual(by.case_work.definition, { dist: "pert", min: "10000", mode: "15000", max: "25000" });
  assert.equal(by.case_work.value, "15000");
  assert.equal(by.case_work.quality, "derived");
  assert.deepEqual([by.wage.name, by.wage.unit, by.wage.source, by.wage.year, by.wage.quality], [null, null, null, null, "verified"]);
  // A distribution parameter: its point value; a formula field stays a formula.
  assert.deepEqual(by.attrib.definition, { dist: "triangular", min: "0.6", mode: "= 0.8", max: "0.9" });
  assert.equal(by.attrib.value, "0.8");
  assert.equal(by.second_cohort.value, "40");
});

test("states carry their flows, time limits and whether the base has them", () => {
  const bare = { format: "ekusia-model/1.1", name: "-", base: "se-2024", intervention: { start: { social_assistance: "1" } } };
  const baseStates = new Set(ek.describe(bare).states.map((s) => s.id));
  // As many as the base file declares, read from its text.
  const declared = readFileSync(path.join(root, "core/bases/se-2024.toml"), "utf8").match(/^\[\[states\]\]$/gm).length;
  assert.equal(baseStates.size, declared);
  assert.ok(baseStates.has("sfi_studies") && baseStates.has("establishment"));
  for (const c of vectors) {
    const model = ek.toModelObject(text(c.model));
    const d = ek.describe(model);
    const own = new Map((model.states ?? []).map((s) => [s.id, s]));
    for (const s of d.states) {
      const mine = own.get(s.id);
      assert.equal(s.base, model.base === "se-2024" && baseStates.has(s.id), `${c.model}: ${s.id}`);
      if (mine) {
        assert.deepEqual([s.name, s.flows, s.max_years, s.then], [mine.name, mine.flows ?? [], mine.max_years ?? null, mine.then ?? null], `${c.model}: ${s.id}`);
      }
    }
  }
  const limited = ek.describe(text("tests/vectors/models/v11-time-limits.toml")).states.find((s) => s.id === "subsidised_employment");
  assert.deepEqual([limited.max_years, limited.then, limited.base], ["2", "trainee", false]);
  // A model state that replaces a base state: the model's flows, and the base has one.
  const over = ek.describe(text("tests/vectors/models/base-override.toml")).states;
  const sa = over.find((s) => s.id === "social_assistance");
  assert.equal(sa.base, true);
  assert.equal(sa.flows[0].amount, "131000");
  assert.equal(over.findIndex((s) => s.id === "social_assistance"), 0, "in the base's place");
});

test("a base state copied from describe() into the model changes nothing; a time limit on it does", () => {
  for (const ex of ek.examples()) {
    const expected = ek.evaluateJson(ex.model);
    for (const s of ek.describe(ex.model).states) {
      assert.equal(s.base, true);
      // The whole state, its time limit included (se-2024 limits subsidised work and establishment).
      const copy = { id: s.id, name: s.name, flows: s.flows, ...(s.max_years === null ? {} : { max_years: s.max_years, then: s.then }) };
      assert.equal(ek.evaluateJson({ ...ex.model, states: [copy] }), expected, `${ex.id}: ${s.id}`);
    }
  }
  const ex = ek.examples().find((e) => e.id === "jobbspar-forsorjningsstod").model;
  const programme = ek.describe(ex).states.find((s) => s.id === "labour_market_programme");
  const limited = { ...ex, states: [{ id: programme.id, name: programme.name, flows: programme.flows, max_years: "1", then: "social_assistance" }] };
  const before = ek.evaluate(ex).rows.find((r) => r.id === "society").npv;
  const after = ek.evaluate(limited).rows.find((r) => r.id === "society").npv;
  assert.notEqual(after, before);
  assert.equal(ek.describe(limited).states.find((s) => s.id === "labour_market_programme").max_years, "1");
});

test("an invalid model has no description: a ModelError with every problem", () => {
  const model = ek.toModelObject(text("tests/vectors/models/v11-formulas.toml"));
  model.parameters.wage_year = "= wage_year * 12";
  assert.throws(() => ek.describe(model), (e) => e.code === "cycle" && e.problems[0].path === "parameters.wage_year");
});
