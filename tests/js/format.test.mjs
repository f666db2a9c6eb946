// The page's one formatting module (wasm/www/calculator/format.js): the core's rules for numbers
// and money (core/src/present.rs), row names and order. The module needs no browser.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const f = await import(path.join(root, "wasm/www/calculator/format.js"));
const report = (name) => JSON.parse(readFileSync(path.join(root, `tests/vectors/reports/${name}.json`), "utf8"));

test("money: the currency after the amount in Swedish ('kr' for SEK), before it in English", () => {
  assert.equal(f.formatMoney("74544263.6", "SEK", "sv"), "74 544 264 kr");
  assert.equal(f.formatMoney("74544263.6", "SEK", "en"), "SEK 74,544,264");
  assert.equal(f.formatMoney("1234567", "EUR", "sv"), "1 234 567 EUR");
  assert.equal(f.formatMoney("1234567", "EUR", "en"), "EUR 1,234,567");
  assert.equal(f.formatMoney("-1234567.2", "SEK", "sv"), "-1 234 567 kr");
  assert.equal(f.formatMoney(-1234567.2, "SEK", "en"), "SEK -1,234,567");
});

test("rounding is half away from zero, on the decimal's digits", () => {
  for (const [value, sv] of [["0.5", "1"], ["-0.5", "-1"], ["2.5", "3"], ["-2.5", "-3"], ["0.49", "0"], ["-0.4", "0"], ["999.5", "1 000"], ["-999.5", "-1 000"]]) {
    assert.equal(f.formatNumber(value, 0, "sv"), sv, value);
  }
  assert.equal(f.formatNumber("1234.565", 2, "sv"), "1 234,57");
  assert.equal(f.formatNumber("1234.565", 2, "en"), "1,234.57");
  assert.equal(f.formatNumber("0.004", 2, "en"), "0.00");
  assert.equal(f.formatNumber("-0.004", 2, "en"), "0.00");
  assert.equal(f.formatNumber("7", 2, "sv"), "7,00");
  // Far beyond a float's 17 digits: still exact.
  assert.equal(f.formatNumber("12345678901234567890123.5", 0, "en"), "12,345,678,901,234,567,890,124");
  // Floats (the simulation's) round their exact binary value: 0.125 is exact, 1.005 is a little below.
  assert.equal(f.formatNumber(0.125, 2, "en"), "0.13");
  assert.equal(f.formatNumber(1.005, 2, "en"), "1.00");
  assert.equal(f.formatNumber(3e21, 0, "en"), "3,000,000,000,000,000,000,000");
});

test("the formatter: a missing value is a dash, shares are percentages", () => {
  const sv = f.formatter("sv", "SEK");
  assert.equal(sv.money(null), "–");
  assert.equal(sv.ratio(undefined), "–");
  assert.equal(sv.ratio("1.23456"), "1,23");
  assert.equal(sv.ratio("12.34", 1), "12,3");
  assert.equal(sv.percent("0.125"), "13 %");
  assert.equal(sv.percent("0.00049", 1), "0,0 %");
  assert.equal(sv.percent(0.5), "50 %");
  assert.equal(sv.unit, "kr");
  assert.equal(f.formatter("sv", "EUR").unit, "EUR");
  assert.equal(f.formatter("en", "SEK").unit, "SEK");
});

test("rows are named and ordered as the core's tables do", () => {
  const r = report("jobbspar-forsorjningsstod");
  const ids = f.orderedRows(r.rows).map((x) => x.id);
  assert.deepEqual(ids.slice(-3), ["public_sector", "society", "individual"]);
  assert.equal(ids.length, r.rows.length);
  const soc = r.rows.find((x) => x.id === "society");
  const pub = r.rows.find((x) => x.id === "public_sector");
  assert.equal(f.rowName(soc, "sv"), "Samhället");
  assert.equal(f.rowName(soc, "en"), "Society");
  assert.equal(f.rowName(pub, "sv"), "Offentlig sektor");
  assert.equal(f.rowName(pub, "en"), "Public sector");
  const actors = [{ id: "municipality", kind: "public", name: { sv: "Kommunen", en: "Municipality" } }];
  const muni = r.rows.find((x) => x.id === "municipality");
  assert.equal(f.rowName(muni, "en", actors), "Municipality");
  assert.equal(f.rowName(muni, "sv"), muni.name, "without the actors: the report's name");
  // The core's names, where a row carries them, win.
  assert.equal(f.rowName({ ...muni, names: { sv: "K", en: "M" } }, "en", actors), "M");
});
