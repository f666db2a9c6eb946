// The calculator's pure modules for issue 16: percent fields, exact decimal differences, whole
// persons, problems named as the form names things, round chart ticks, the local values' probe.
// Expected values are written out here from the rules (never produced by the code under test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));
const v = await import(path.join(root, "wasm/www/calculator/values.js"));
const { placeOf, problemSentence } = await import(path.join(root, "wasm/www/calculator/problems.js"));
const { formatter, yearLabel } = await import(path.join(root, "wasm/www/calculator/format.js"));
const { niceTicks } = await import(path.join(root, "wasm/www/calculator/charts.js"));
const { probeModel, parametersOf } = await import(path.join(root, "wasm/www/calculator/local.js"));
const { TEXTS } = await import(path.join(root, "wasm/www/calculator/texts.js"));

test("shares and rates are typed and shown in percent, exactly", () => {
  const typed = [
    ["3,5 %", "0.035"], ["3,5", "0.035"], ["15", "0.15"], ["15 %", "0.15"], ["100 %", "1"], ["0,5 %", "0.005"],
    ["12,345 %", "0.12345"], ["1 000 %", "10"], ["-2 %", "-0.02"], ["resten", "rest"], ["Rest", "rest"], ["", ""],
    ["= andel * 2", "= andel * 2"], ["= 22,35 %", "= 22.35 %"],
  ];
  for (const [text, share] of typed) assert.deepEqual(v.parsePercent(text), share, text);
  assert.deepEqual(v.parsePercent("tri(10 %; 15 %; 20 %)"), { dist: "triangular", min: "0.1", mode: "0.15", max: "0.2" });
  assert.deepEqual(v.parsePercent("norm(12,5 %; 2 %)"), { dist: "normal", mean: "0.125", sd: "0.02" });
  const shown = [["0.035", "3,5 %"], ["0.15", "15 %"], ["1", "100 %"], ["0.125", "12,5 %"], ["rest", "resten"], ["0", "0 %"]];
  for (const [share, text] of shown) assert.equal(v.fmtPercent(share, "sv"), text, share);
  assert.equal(v.fmtPercent("0.035", "en"), "3.5 %");
  assert.equal(v.fmtPercent("rest", "en"), "rest");
  assert.equal(v.fmtPercent({ dist: "triangular", min: "0.1", mode: "0.15", max: "0.2" }, "sv"), "tri(10 %; 15 %; 20 %)");
  // What is shown reads back as the same share.
  for (const share of ["0.035", "0.15", "1", "0.0001", "0.333333", "rest"]) assert.equal(v.parsePercent(v.fmtPercent(share, "sv")), share);
});

test("which fields are in percent, and numbers elsewhere with a decimal comma in Swedish", () => {
  for (const p of ["discount_rate", "discount_rate[1].rate", "analysis.attribution", "intervention.start.employment", "groups[0].start.studies",
    "scenarios.with.transitions[2].share", "groups[1].scenarios.without.trajectory[0].shares.employment"]) assert.ok(v.isPercentPath(p), p);
  for (const p of ["horizon", "intervention.costs[0].amount", "intervention.costs[0].financing.municipality", "scenarios.with.transitions[0].from_year", "parameters.wage"]) assert.ok(!v.isPercentPath(p), p);
  assert.equal(v.fmtField("1800000.5", "intervention.costs[0].amount", "sv"), "1800000,5");
  assert.equal(v.fmtField("1800000.5", "intervention.costs[0].amount", "en"), "1800000.5");
  assert.equal(v.fmtField("= a * 1.5", null, "sv"), "= a * 1.5");
  assert.equal(v.fmtField({ dist: "uniform", min: "0.5", max: "1.5" }, null, "sv"), "uni(0,5; 1,5)");
  assert.equal(v.parseField("4,5 %", "discount_rate"), "0.045");
  assert.equal(v.parseField("4,5", "intervention.costs[0].amount"), "4.5");
});

test("exact differences and whole persons on the decimals' digits", () => {
  assert.equal(v.subtractDecimals("69434049.12", "55176171.5"), "14257877.62");
  assert.equal(v.subtractDecimals("-3", "-3.001"), "0.001");
  assert.equal(v.subtractDecimals("1", "2.25"), "-1.25");
  // Beyond a double's precision: 10^20 + 1 − 10^20.
  assert.equal(v.subtractDecimals("100000000000000000001", "100000000000000000000"), "1");
  assert.equal(v.ceilDecimal("12.0001"), "13");
  assert.equal(v.ceilDecimal("12.000"), "12");
  assert.equal(v.ceilDecimal("7"), "7");
  assert.equal(v.shiftDecimal("0.035", 2), "3.5");
  assert.equal(v.shiftDecimal("15", -2), "0.15");
  assert.equal(v.shiftDecimal("abc", 2), null);
});

test("figures for people: ratio, persons, probability, years", () => {
  const sv = formatter("sv", "SEK");
  const en = formatter("en", "SEK");
  assert.equal(sv.bcr("-0.42"), "ej meningsfull");
  assert.equal(en.bcr("-0.42"), "not meaningful");
  assert.equal(sv.bcr("9.8"), "9,80");
  assert.equal(sv.bcr(null), "–");
  assert.equal(sv.persons("12.01"), "13");
  assert.equal(sv.persons("1234.5").replace(/\s/g, " "), "1 235");
  assert.equal(sv.probability(0.9996), "> 99,9 %");
  assert.equal(sv.probability(1), "100,0 %");
  assert.equal(sv.probability(0.0004), "< 0,1 %");
  assert.equal(sv.probability(0), "0,0 %");
  assert.equal(en.probability(0.5), "50.0 %");
  assert.equal(yearLabel(0, null, "sv"), "år 1");
  assert.equal(yearLabel(2, 2025, "sv"), "2027 (år 3)");
  assert.equal(yearLabel(0, 2025, "en"), "2025 (year 1)");
});

test("round chart ticks: steps of 1, 2 or 5 × 10^k covering the range", () => {
  const cases = [[-2.3, 69.4, 20], [0, 1, 0.2], [-7.1, 0, 2], [-0.004, 0.013, 0.005]];
  for (const [lo, hi, step] of cases) {
    const { ticks, step: s } = niceTicks(lo, hi);
    assert.ok(Math.abs(s - step) < 1e-12, `${lo}..${hi}: step ${s}`);
    assert.ok(ticks[0] <= lo && ticks.at(-1) >= hi);
    assert.ok(ticks.includes(0));
  }
});

test("problems say where, as the form names it, and name states by their names", () => {
  const L = (k) => TEXTS.sv[k] ?? k;
  const model = ek.toModelObject(readFileSync(path.join(root, "tests/vectors/models/v11-groups.toml"), "utf8"));
  const d = ek.describe(model);
  const ctx = { lang: "sv", t: L, text: (p) => ek.problemText(p, "sv"), states: d.states, actors: d.actors, model };
  assert.equal(placeOf("intervention.cohorts[1].participants", ctx), "Kohort 2 · Antal deltagare");
  assert.equal(placeOf("scenarios.without.transitions[2].share", ctx), "Utan insatsen, övergång 3 · Andel");
  assert.equal(placeOf(`intervention.costs[0].financing.${d.actors[0].id}`, ctx), `Kostnad ”${model.intervention.costs[0].name}” · Finansiering: ${d.actors[0].name.sv ?? d.actors[0].name}`);
  assert.equal(placeOf("groups[0].cohorts[0].start_year", ctx), `Målgrupp ”${model.groups[0].name.sv ?? model.groups[0].name}” · Kohort 1 · Startår`);
  assert.equal(placeOf("horizon", ctx), "Tidshorisont");
  // A real problem from the core: a transition to a state that is not there names the known
  // states by their Swedish names, not their ids.
  const bad = structuredClone(model);
  bad.scenarios.with.transitions[0].to = "nowhere";
  const problem = ek.validate(bad).problems.find((p) => p.path === "scenarios.with.transitions[0].to");
  assert.ok(problem, "the core names the unknown state");
  const text = problemSentence(problem, ctx);
  const s0 = d.states[0];
  assert.ok(text.includes(s0.name.sv ?? s0.name), text);
  assert.ok(!text.includes(`${s0.id},`), text);
  // Decimal commas in the numbers the core quotes.
  const sum = structuredClone(model);
  sum.intervention.start = { [d.states[0].id]: "0.7", [d.states[1].id]: "0.6" };
  const p2 = ek.validate(sum).problems.find((p) => p.path === "intervention.start");
  assert.match(problemSentence(p2, ctx), /summerar till 1,3\b/);
});

test("local values: the one-person probe, and the parameters a state's formulas name", () => {
  const model = ek.toModelObject(readFileSync(path.join(root, "tests/vectors/models/v11-groups.toml"), "utf8"));
  const probe = probeModel(model, "employment");
  assert.deepEqual(probe.intervention, { start: { employment: "1" }, cohorts: [{ start_year: "0", participants: "1" }] });
  assert.equal(probe.horizon, "1");
  assert.equal(probe.discount_rate, "0");
  assert.equal(probe.groups, undefined);
  assert.equal(probe.scenarios, undefined);
  const params = [{ id: "wage" }, { id: "tax" }, { id: "sa_need" }];
  const state = { flows: [{ amount: "= wage * (1 - tax)" }, { amount: "1000" }, { amount: { dist: "triangular", min: "= sa_need", mode: "1", max: "2" } }] };
  assert.deepEqual(parametersOf(state, params).sort(), ["sa_need", "tax", "wage"]);
  assert.deepEqual(parametersOf({ flows: [{ amount: "= wages * 2" }] }, params), []);
});
