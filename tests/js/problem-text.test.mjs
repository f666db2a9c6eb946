// Problems in the page's language: the core words every problem from a template in Swedish and English.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));
const errors = JSON.parse(readFileSync(path.join(root, "tests/vectors/errors.json"), "utf8"));
const example = readFileSync(path.join(root, "models/examples/jobbspar-forsorjningsstod.toml"), "utf8");

/** The problems the engine reports for the example after `edit` (on its object form). */
function problemsAfter(edit) {
  const m = ek.toModelObject(example);
  edit(m);
  return ek.validate(m).problems;
}

test("the edits a visitor can make are explained in Swedish, with the values", () => {
  const cases = [
    [(m) => (m.intervention.cohorts[0].participants = "-5"), "participants måste vara minst 0 (nu -5)."],
    [(m) => (m.intervention.cohorts[0].participants = "2.5"), "participants måste vara ett heltal (nu 2.5)."],
    [(m) => (m.scenarios.with.transitions[0].share = "1.2"), "En andel ska ligga mellan 0 och 1 (nu 1.2)."],
    [(m) => (m.intervention.costs[0].amount = "-100"), "amount får inte vara negativt (nu -100); riktningen anges med från/till eller flödets typ."],
    [(m) => (m.discount_rate = "1.5"), "Diskonteringsräntan ska vara minst 0 och under 1 (nu 1.5)."],
    [(m) => (m.intervention.costs[0].financing = { municipality: "0" }), "Minst en aktör måste ha en vikt större än 0, t.ex. financing = { municipality = 1 }."],
    [(m) => (m.intervention.start = { social_assistance: "0.7", employment: "0.2" }),
      'Andelarna summerar till 0.9, inte 1; ändra dem eller låt ett tillstånd ta "rest".'],
    [(m) => (m.scenarios.with.transitions[0].share = { dist: "triangular", min: "0.2", mode: "0.1", max: "0.09" }),
      "Min 0.2 är större än max 0.09."],
  ];
  for (const [edit, sv] of cases) {
    const problems = problemsAfter(edit);
    assert.ok(problems.length >= 1, sv);
    const texts = problems.map((p) => ek.problemText(p, "sv"));
    assert.ok(texts.includes(sv), `${JSON.stringify(problems)} → ${JSON.stringify(texts)}`);
    // In English the engine's own message is shown unchanged.
    assert.deepEqual(problems.map((p) => ek.problemText(p, "en")), problems.map((p) => p.message));
  }
});

test("every problem of every error vector has a Swedish sentence from the core, not the English one", () => {
  for (const c of errors) {
    let problems;
    try {
      ek.evaluate(c.model);
      assert.fail(`${c.name} should fail`);
    } catch (err) {
      problems = err.problems;
    }
    for (const p of problems) {
      const sv = ek.problemText(p, "sv");
      assert.notEqual(sv, p.message, `${c.name}: ${p.message}`);
      assert.equal(ek.problemText(p, "en"), p.message);
      assert.ok(sv.length > 10);
      assert.equal(typeof p.key, "string");
      assert.equal(typeof p.values, "object");
    }
  }
  // A problem made outside the core keeps its own words.
  assert.equal(ek.problemText({ code: "parse", path: "", message: "own words" }, "sv"), "own words");
});

test("money and numbers are formatted by the core, in the model's currency", () => {
  assert.equal(ek.formatMoney("1234567.5", "SEK", "sv"), "1\u00a0234\u00a0568 kr".replaceAll("\u00a0", " "));
  assert.equal(ek.formatMoney("-999.5", "EUR", "sv"), "-1 000 EUR");
  assert.equal(ek.formatMoney("1234567", "SEK", "en"), "SEK 1,234,567");
  assert.equal(ek.formatNumber("6.5491", 2, "sv"), "6,55");
  assert.throws(() => ek.formatMoney("abc", "SEK", "sv"), /not a decimal/);
});
