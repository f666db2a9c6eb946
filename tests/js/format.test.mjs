// The page's one formatting module (wasm/www/calculator/format.js): the core's words for numbers,
// money and row names, in the model's currency, chosen for the page's language; row order.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));
const f = await import(path.join(root, "wasm/www/calculator/format.js"));
const report = (name) => JSON.parse(readFileSync(path.join(root, `tests/vectors/reports/${name}.json`), "utf8"));

test("money in the model's currency: after the amount in Swedish ('kr' for SEK), before it in English", () => {
  const cases = [
    ["sv", "SEK", "74544263.6", "74 544 264 kr"],
    ["en", "SEK", "74544263.6", "SEK 74,544,264"],
    ["sv", "EUR", "1234567", "1 234 567 EUR"],
    ["en", "EUR", "1234567", "EUR 1,234,567"],
    ["sv", "SEK", "-999.5", "-1 000 kr"],
    ["en", "SEK", -1234567.2, "SEK -1,234,567"],
  ];
  for (const [lang, currency, value, text] of cases) assert.equal(f.formatter(lang, currency).money(value), text);
  assert.equal(f.formatter("sv", "SEK").unit, "kr");
  assert.equal(f.formatter("sv", "EUR").unit, "EUR");
  assert.equal(f.formatter("en", "SEK").unit, "SEK");
});

test("numbers: the core's rounding, on the decimal's digits; a float as its shortest text", () => {
  const sv = f.formatter("sv", "SEK");
  const en = f.formatter("en", "SEK");
  assert.equal(sv.number("1234.565", 2), "1 234,57");
  assert.equal(en.number("1234.565", 2), "1,234.57");
  assert.equal(en.number("12345678901234567890123.5"), "12,345,678,901,234,567,890,124");
  assert.equal(en.number(1.005, 2), "1.01");
  // Floats String() would write with an exponent (an axis near zero, a huge histogram edge).
  assert.equal(en.number(5e-7, 1), "0.0");
  assert.equal(en.number(-5e-7, 1), "0.0");
  assert.equal(en.money(3.5e22), "SEK 35,000,000,000,000,000,000,000");
});

test("the formatter: a missing value is a dash, shares are percentages, ratios two decimals", () => {
  const sv = f.formatter("sv", "SEK");
  assert.equal(sv.money(null), "–");
  assert.equal(sv.ratio(undefined), "–");
  assert.equal(sv.ratio("1.23456"), "1,23");
  assert.equal(sv.ratio("12.34", 1), "12,3");
  assert.equal(sv.percent("0.125"), "13 %");
  assert.equal(sv.percent("0.00049", 1), "0,0 %");
  assert.equal(sv.percent(0.5), "50 %");
});

test("rows are named by the core and ordered as its tables", () => {
  const r = report("jobbspar-forsorjningsstod");
  const ids = f.orderedRows(r.rows).map((x) => x.id);
  assert.deepEqual(ids.slice(-3), ["public_sector", "society", "individual"]);
  assert.equal(ids.length, r.rows.length);
  const row = (id) => r.rows.find((x) => x.id === id);
  assert.equal(f.rowName(row("society"), "sv"), "Samhället");
  assert.equal(f.rowName(row("society"), "en"), "Society");
  assert.equal(f.rowName(row("public_sector"), "en"), "Public sector");
  assert.equal(f.rowName(row("municipality"), "en"), "Municipality");
  // A simulation's rows too.
  const sim = ek.simulate(readFileSync(path.join(root, "models/examples/jobbspar-osakerhet.toml"), "utf8"), 100, 1);
  assert.equal(f.rowName(sim.rows.find((x) => x.id === "public_sector"), "sv"), "Offentlig sektor");
});

test("a parameter's value: its own decimals, at most 6 below 1 and 2 from 1 on, rounded by the core", () => {
  const sv = f.formatter("sv", "SEK");
  const en = f.formatter("en", "SEK");
  const cases = [
    ["27000", "27 000", "27,000"],
    ["0.3142", "0,3142", "0.3142"],
    ["425800.8", "425 800,8", "425,800.8"],
    ["0.3333333333333333333333333333", "0,333333", "0.333333"],
    ["46285.714", "46 285,71", "46,285.71"],
    ["-25999", "-25 999", "-25,999"],
    ["0", "0", "0"],
  ];
  for (const [value, s, e] of cases) {
    assert.equal(sv.param(value), s, value);
    assert.equal(en.param(value), e, value);
  }
  assert.equal(sv.param(null), f.NONE);
});

test("payback as years and months (the core's format::duration): months rounded half up, '0 mån', '–'", () => {
  const cases = [
    ["38.4", "3 år 2 mån", "3 years 2 months"],
    ["38.5", "3 år 3 mån", "3 years 3 months"],
    ["12", "1 år", "1 year"],
    ["13", "1 år 1 mån", "1 year 1 month"],
    ["5.2", "5 mån", "5 months"],
    ["0", "0 mån", "0 months"],
    ["0.4", "0 mån", "0 months"],
    ["11.5", "1 år", "1 year"],
    ["1", "1 mån", "1 month"],
    ["24", "2 år", "2 years"],
    ["25", "2 år 1 mån", "2 years 1 month"],
    // On the decimal's digits, not a float near them.
    ["38.49999999999999999999", "3 år 2 mån", "3 years 2 months"],
    [38.5, "3 år 3 mån", "3 years 3 months"],
  ];
  for (const [months, sv, en] of cases) {
    assert.equal(f.duration(months, "sv"), sv, `${months} sv`);
    assert.equal(f.duration(months, "en"), en, `${months} en`);
    assert.equal(f.formatter("sv", "SEK").duration(months), sv);
    assert.equal(f.formatter("en", "GBP").duration(months), en);
  }
  assert.equal(f.duration(null, "sv"), "–");
  assert.equal(f.formatter("en", "SEK").duration(undefined), "–");
  // Every payback in the vectors, in both languages, is years and months of its payback_months.
  for (const name of ["v11-swedish-figures", "v11-breakdowns", "v11-outcomes"]) {
    for (const row of report(name).rows) {
      if (row.payback_months == null) { assert.equal(row.payback_year, null); continue; }
      const whole = Math.round(Number(row.payback_months));
      assert.match(f.duration(row.payback_months, "sv"), /^(\d+ år)?( ?\d+ mån)?$/);
      const [y, m] = [Math.floor(whole / 12), whole % 12];
      assert.equal(f.duration(row.payback_months, "en"), [y ? `${y} year${y === 1 ? "" : "s"}` : "", m || !y ? `${m} month${m === 1 ? "" : "s"}` : ""].filter(Boolean).join(" "));
    }
  }
});

test("efficiency never reads 100 % below 1: whole percent, else one decimal cut", () => {
  const sv = f.formatter("sv", "SEK");
  const en = f.formatter("en", "SEK");
  assert.equal(sv.reached("0.4916469162584786738118621922"), "49 %");
  assert.equal(sv.reached("0.995"), "99,5 %");
  assert.equal(sv.reached("0.99999"), "99,9 %");
  assert.equal(en.reached("0.9996"), "99.9 %");
  assert.equal(sv.reached(0.9951), "99,5 %");
  assert.equal(sv.reached("0.994"), "99 %");
  assert.equal(sv.reached("1"), "100 %");
  assert.equal(sv.reached("1.004"), "100 %");
  assert.equal(sv.reached("1.25"), "125 %");
  assert.equal(sv.reached("-0.1"), "-10 %");
  assert.equal(sv.reached(null), "–");
});

test("breakdown entries by category in words, else the flow type", () => {
  const cases = [
    [{ type: "transfer", category: "tax" }, "skatter", "taxes"],
    [{ type: "transfer", category: "benefits" }, "ersättningar", "benefits"],
    [{ type: "production", category: "production" }, "produktion", "production"],
    [{ type: "resource", category: "care" }, "vård", "care"],
    [{ type: "resource", category: "case_work" }, "handläggning", "case work"],
    [{ type: "resource", category: "programmes" }, "arbetsmarknadsprogram", "labour-market programmes"],
    [{ type: "resource", category: "education" }, "utbildning", "education"],
    [{ type: "transfer", category: "subsidies" }, "subventioner", "subsidies"],
    [{ type: "resource", category: "community_care" }, "community care", "community care"],
    [{ type: "transfer", category: null }, "transfereringar", "transfers"],
    [{ type: "resource", category: null }, "resurser", "resources"],
    [{ type: "production", category: null }, "produktion", "production"],
  ];
  for (const [entry, sv, en] of cases) {
    assert.equal(f.categoryLabel(entry, "sv"), sv);
    assert.equal(f.categoryLabel(entry, "en"), en);
  }
  // Every key of the breakdown vector has a label.
  for (const b of report("v11-breakdowns").rows[0].breakdown) assert.ok(f.categoryLabel(b, "sv").length > 0);
});
