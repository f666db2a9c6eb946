// Values typed in the calculator's fields (wasm/www/calculator/values.js), in Swedish habits:
// decimal commas and digit groups in numbers and in formulas, formulas with a leading "=",
// distributions; each reaches the model in the core's grammar, and the core evaluates what the
// visitor meant.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const v = await import(path.join(root, "wasm/www/calculator/values.js"));
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));

test("formulas typed in Swedish habits become the core's grammar", () => {
  const cases = [
    ["= wage_month * 12", "= wage_month * 12"],
    ["= wage_month * 12,5", "= wage_month * 12.5"],
    ["  = 22,35 %  ", "= 22.35 %"],
    ["= min(a, b)", "= min(a, b)"],
    ["= min(lön * 1,1; 29 000)", "= min(lön * 1.1, 29000)"],
    ["= round(third * 100; 2)", "= round(third * 100, 2)"],
    ["= 1 000 000 / 3", "= 1000000 / 3"],
    ["=x", "=x"],
  ];
  for (const [typed, model] of cases) {
    assert.equal(v.parseParam(typed), model, typed);
    assert.equal(v.parseValue(typed), model, typed);
    assert.equal(v.isFormula(typed), true);
  }
  // Numbers and distributions as before; a distribution's field may be a formula.
  assert.equal(v.parseParam("1 234,5"), "1234.5");
  assert.equal(v.parseValue("0,25"), "0.25");
  assert.deepEqual(v.parseParam("tri(0,6; = 0,8; 0,9)"), { dist: "triangular", min: "0.6", mode: "= 0.8", max: "0.9" });
  assert.deepEqual(v.parseParam("uni(0,02; = late * 1,5)"), { dist: "uniform", min: "0.02", max: "= late * 1.5" });
  assert.equal(v.isFormula("12"), false);
  assert.equal(v.isFormula({ dist: "normal" }), false);
});

test("what a field shows reads back as the same value", () => {
  const values = ["27000", "= wage_month * 12", "= min(a, b) * 1.1", { dist: "pert", min: "1", mode: "= a", max: "3" }, { dist: "normal", mean: "5", sd: "1" }];
  for (const value of values) assert.deepEqual(v.parseParam(v.fmtParam(value)), value);
});

test("the core evaluates a Swedish-habit formula to what the visitor meant", () => {
  const model = ek.toModelObject(readFileSync(path.join(root, "tests/vectors/models/v11-formulas.toml"), "utf8"));
  const valueOf = (typed) => {
    const m = structuredClone(model);
    m.parameters.capped = v.parseParam(typed);
    return ek.evaluate(m).model.parameters.find((p) => p.id === "capped").value;
  };
  assert.equal(valueOf("= min(wage_month * 1,1; 29 000)"), "29000");
  assert.equal(valueOf("= min(wage_month * 1,05; 29 000)"), "28350");
  assert.equal(valueOf("= wage_month * 12,5"), "337500");
  assert.equal(valueOf("= 22,35 %"), "0.2235");
});
