// The calculator's results for the 1.1 outputs (wasm/www/calculator/results.js), drawn from the
// vectors' reports in Node: the breakdown's bars (one per entry that is not exactly 0, gains
// right, losses left), the cost by item, the milestones, potential and efficiency, the outcomes
// with their net cost per unit, and payback as years and months.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ek = await import(path.join(root, "wasm/www/pkg/ekusia.js"));
await ek.load(readFileSync(path.join(root, "wasm/www/pkg/ekusia_wasm_bg.wasm")));
const f = await import(path.join(root, "wasm/www/calculator/format.js"));
const res = await import(path.join(root, "wasm/www/calculator/results.js"));
const { TEXTS } = await import(path.join(root, "wasm/www/calculator/texts.js"));
const report = (name) => JSON.parse(readFileSync(path.join(root, `tests/vectors/reports/${name}.json`), "utf8"));
const view = (r, lang = "sv", breakdownRow) => ({ report: r, lang, t: (k) => TEXTS[lang][k], fmt: f.formatter(lang, r.model.currency), breakdownRow });
const all = (html, re) => [...html.matchAll(re)];

test("the breakdown: a bar per entry that is not 0, its sign, its words and its amount", () => {
  const r = report("v11-breakdowns");
  for (const row of r.rows) {
    const html = res.breakdownBody(view(r, "sv", row.id));
    const entries = row.breakdown.filter((b) => Number(b.pv_effect) !== 0);
    const bars = all(html, /class="bd-bar (pos|neg)" data-value="([^"]*)" data-type="(\w+)" data-category="(\w*)"/g);
    assert.equal(bars.length, entries.length, row.id);
    bars.forEach((m, i) => {
      assert.equal(m[2], entries[i].pv_effect);
      assert.equal(m[1], Number(entries[i].pv_effect) < 0 ? "neg" : "pos");
      assert.equal(m[4], entries[i].category ?? "");
    });
    for (const b of entries) assert.ok(html.includes(`${f.formatter("sv", r.model.currency).money(b.pv_effect)}</span>`), `${row.id}: amount at the bar`);
    // The cost by item: the items the row pays.
    const items = row.cost_breakdown.filter((c) => Number(c.pv_cost) !== 0);
    assert.equal(all(html, /data-testid="cost-breakdown"/g).length, items.length ? 1 : 0);
    if (!items.length) assert.match(html, /data-testid="no-costs"/);
  }
  // Society by default; its transfers cancel out, so its bars are production and resources.
  const soc = res.breakdownBody(view(r));
  assert.match(soc, /Samhället: Nuvärde av effekterna/);
  assert.ok(!/data-type="transfer"/.test(soc));
  // An unknown row falls back to society.
  assert.equal(res.breakdownBody(view(r, "sv", "gone")), soc);
  const en = res.breakdownBody(view(report("v11-swedish-figures"), "en", "municipality"));
  assert.match(en, /benefits <span class="sub">transfers<\/span>/);
  assert.match(en, /case work <span class="sub">resources<\/span>/);
  assert.ok(!/>care </.test(en), "an entry of exactly 0 is left out");
});

test("payback in the cards and the summary as years and months", () => {
  const r = report("v11-swedish-figures");
  const soc = r.rows.find((x) => x.id === "society");
  for (const lang of ["sv", "en"]) {
    const html = res.reportHtml(view(r, lang));
    assert.ok(html.includes(`>${f.duration(soc.payback_months, lang)}</div>`));
    for (const row of r.rows) assert.ok(html.includes(`class="wrap" data-label="${lang === "sv" ? "Åter\u00adbetal\u00adnings\u00adtid" : "Payback time"}" data-months="${row.payback_months ?? ""}">${f.duration(row.payback_months, lang).replace(/(\d) /g, "$1\u00a0")}</td>`), row.id);
  }
  assert.match(res.reportHtml(view(r, "sv")), /år \d+ mån|\d+ år/);
});

test("milestones, potential and efficiency, outcomes and net cost per unit", () => {
  const r = report("v11-swedish-figures");
  const html = res.reportHtml(view(r));
  for (const row of r.rows) {
    for (const m of row.milestones) assert.ok(html.includes(`data-years="${m.years}" data-value="${m.npv}"`));
    assert.ok(html.includes(`data-efficiency="${row.efficiency ?? ""}">${f.formatter("sv", "SEK").reached(row.efficiency)}</td>`));
  }
  assert.match(html, /Nettonuvärde efter år 1/);
  assert.match(html, /Effektivitet: hur stor del av den möjliga vinsten som nåddes/);
  // No milestones, no success, no outcomes: no such sections.
  const plain = res.reportHtml(view(report("base-override")));
  assert.ok(!/data-testid="(milestones|outcome)"/.test(plain));

  const hiv = report("v11-markov-hiv");
  const sv = res.reportHtml(view(hiv, "sv"));
  assert.match(sv, /Nettokostnad per levnadsår/);
  assert.ok(sv.includes(`data-value="${hiv.outcomes[0].net_cost_per_unit.nhs}">6 276 GBP</td>`));
  const en = res.reportHtml(view(hiv, "en"));
  assert.match(en, /Net cost per unit \(life years\)/);
  assert.ok(en.includes(">GBP 6,276</td>"));
  assert.match(en, /Effect: <strong class="nw">946\.2 life years<\/strong>/);
  // An outcome without a unit, and one whose net cost is null.
  const out = res.outcomesSection(view(report("v11-outcomes"), "sv"));
  assert.match(out, /Nettokostnad per enhet/);
  assert.equal(all(out, /data-testid="outcome"/g).length, 4);
  assert.match(out, /data-outcome="abroad"[\s\S]*data-value="">–<\/td>/);
});

test("the core's warnings in the page's language, years counted from 1", () => {
  // A model whose cohort, per-participant cost and fixed cost fall outside a 3-year horizon: the
  // core's own warnings, each rewritten; the years the page shows are the core's plus one.
  const model = {
    format: "ekusia-model/1.1", name: "w", horizon: 3,
    intervention: {
      start: { a: "1" },
      cohorts: [{ start_year: 0, participants: 10 }, { start_year: 5, participants: 10 }, { start_year: 2, participants: 10 }],
      costs: [
        { name: "Plats", per_participant: 100, cohort_year: 1, financing: { m: 1 } },
        { name: "Start", amount: 100, years: [0, 4], financing: { m: 1 } },
      ],
    },
    actors: [{ id: "m", name: "M", kind: "public" }],
    states: [{ id: "a", name: "A" }],
  };
  const warnings = ek.evaluate(model).warnings;
  assert.equal(warnings.length, 3, warnings.join("\n"));
  const sv = warnings.map((w) => res.warningText(w, { lang: "sv" }));
  const en = warnings.map((w) => res.warningText(w, { lang: "en" }));
  assert.ok(sv.some((w) => w.includes("börjar år 6") && w.includes("(år 1–3)")), sv.join("\n"));
  assert.ok(sv.some((w) => w === "Kostnaden ”Plats” för kohorten som börjar år 3 faller år 4, utanför tidshorisonten, och räknas inte med."), sv.join("\n"));
  assert.ok(sv.some((w) => w === "Kostnaden ”Start” år 5 ligger utanför tidshorisonten och räknas inte med."), sv.join("\n"));
  assert.ok(en.some((w) => w === 'The cost "Start" in year 5 is outside the horizon and is left out.'), en.join("\n"));
  for (const w of sv) assert.doesNotMatch(w, /outside|ignored/);
});
