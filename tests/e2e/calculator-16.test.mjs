// The calculator for real visitors (issue 16): no lost work (undo, checked imports, shared links
// as a copy), Swedish input (percent, decimal comma, "resten", whole persons), an error summary,
// a layout that follows its container (680 and 390 px), a sticky bar of figures, accessibility
// (axe-core, skip link, unique names, 16 px fields) and understandable results. Every figure is
// compared with the core's own report for the same model (the wasm module in the same page) or
// computed here, never copied from the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, shots, env, start, stop, open, societyNpv, npvChangedFrom, modelOf, menuItem } from "./page.mjs";

before(start);
after(stop);

const participants = (page, i = 0) => page.locator(`input[data-path="intervention.cohorts[${i}].participants"]`);
const notice = (page) => page.locator("[data-testid=notice]");
const until = (page, fn, arg) => page.waitForFunction(fn, arg);

/** The core's report for a model object, from the wasm module the page itself loaded. */
const coreReport = (page, model) => page.evaluate(async (m) => {
  const ek = await import("./pkg/ekusia.js");
  return ek.evaluate(m);
}, model);
const coreNpv = async (page, model, id = "society") => (await coreReport(page, model)).rows.find((r) => r.id === id).npv;

/** A file for the import input, from text. */
const file = (name, text) => ({ name, mimeType: "application/json", buffer: Buffer.from(text) });

/** A small model of our own (not a bundled example): fewer people get work with the
 * intervention than without, so society's benefit is negative and its cost positive. */
const WORSE = {
  format: "ekusia-model/1.1", name: "Sämre än utan", base: "se-2024", horizon: "5", discount_rate: "0.035",
  intervention: {
    start: { social_assistance: "1" }, cohorts: [{ start_year: "0", participants: "10" }],
    costs: [{ name: "Insats", amount: "100000", years: ["0"], financing: { municipality: "1" } }],
  },
  scenarios: {
    with: { trajectory: [{ year: "1", shares: { employment: "0.05", social_assistance: "rest" } }] },
    without: { trajectory: [{ year: "1", shares: { employment: "0.1", social_assistance: "rest" } }] },
  },
};

/** A share's text as the page must show it in Swedish: times 100 (computed on the digits here),
 * a decimal comma, then " %". */
function percentSv(share) {
  const [int, frac = ""] = share.split(".");
  const f = frac.padEnd(2, "0");
  const whole = String(Number(int + f.slice(0, 2)));
  const rest = f.slice(2).replace(/0+$/, "");
  return `${whole}${rest ? `,${rest}` : ""} %`;
}

test("undo: removing a cohort, resetting, switching example and importing can all be undone", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page = await open(ctx);
  const original = await modelOf(page);
  const npv0 = await societyNpv(page);
  assert.ok(original.intervention.cohorts.length >= 2, "the example has a second cohort to remove");

  // Remove cohort 2: the message names it, "Ångra" brings the model back exactly.
  await page.getByRole("button", { name: "Ta bort kohort 2", exact: true }).click();
  await until(page, (n) => document.querySelector("ekusia-calculator").model.intervention.cohorts.length === n, original.intervention.cohorts.length - 1);
  assert.match(await notice(page).innerText(), /Borttaget: Kohort 2\./);
  assert.notEqual(await societyNpv(page), npv0);
  // The focus moved from the removed button to "Ångra".
  assert.equal(await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.activeElement?.dataset.testid), "notice-undo");
  await page.keyboard.press("Enter");
  await until(page, (n) => document.querySelector("ekusia-calculator").model.intervention.cohorts.length === n, original.intervention.cohorts.length);
  assert.deepEqual(await modelOf(page), original);
  assert.equal(await societyNpv(page), npv0);

  // An edit, then reset: undo brings the edit back.
  await participants(page).fill("77");
  await npvChangedFrom(page, npv0);
  const edited = await modelOf(page);
  await menuItem(page, "Återställ exemplet");
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants !== "77");
  assert.deepEqual(await modelOf(page), original);
  await page.locator("[data-testid=notice-undo]").click();
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants === "77");
  assert.deepEqual(await modelOf(page), edited);
  assert.equal(await societyNpv(page), await coreNpv(page, edited));

  // Another example, then undo.
  const other = await page.locator("[data-testid=example] option").evaluateAll((os) => os.map((o) => o.value).find((v, i) => i > 0 && !v.startsWith("__")));
  await page.locator("[data-testid=example]").selectOption(other);
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants !== "77");
  await page.locator("[data-testid=notice-undo]").click();
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants === "77");
  assert.deepEqual(await modelOf(page), edited);

  // An import, then undo; the picker names the imported model as the visitor's own.
  await page.locator("[data-testid=import-file]").setInputFiles(file("worse.json", JSON.stringify(WORSE)));
  await until(page, () => document.querySelector("ekusia-calculator").model.name === "Sämre än utan");
  assert.equal((await page.locator("[data-testid=example] option:checked").innerText()).trim(), "Din modell: Sämre än utan");
  await page.locator("[data-testid=notice-undo]").click();
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants === "77");
  assert.deepEqual(await modelOf(page), edited);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("an imported file is checked before anything is replaced", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page = await open(ctx);
  const original = await modelOf(page);
  // Not a model: a message, nothing replaced.
  await page.locator("[data-testid=import-file]").setInputFiles(file("trasig.json", "{ inte json"));
  await notice(page).filter({ hasText: "Filen ”trasig.json” kunde inte läsas som en modell" }).waitFor();
  assert.match(await notice(page).innerText(), /Inget har ändrats\./);
  assert.deepEqual(await modelOf(page), original);
  // A model with a problem: the page asks; "Avbryt" keeps the model, "Importera ändå" replaces it.
  const bad = structuredClone(WORSE);
  bad.intervention.cohorts[0].participants = "-5";
  await page.locator("[data-testid=import-file]").setInputFiles(file("fel.json", JSON.stringify(bad)));
  await notice(page).filter({ hasText: "har 1 fel" }).waitFor();
  await page.locator("[data-testid=notice-import-cancel]").click();
  await notice(page).filter({ hasText: "Importen avbröts" }).waitFor();
  assert.deepEqual(await modelOf(page), original);
  await page.locator("[data-testid=import-file]").setInputFiles(file("fel.json", JSON.stringify(bad)));
  await page.locator("[data-testid=notice-import-anyway]").click();
  await until(page, () => document.querySelector("ekusia-calculator").model.name === "Sämre än utan");
  await page.locator("[data-testid=error-summary]").waitFor();
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a shared link opens as a copy, asks before replacing the saved model, and leaves the address clean", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page = await open(ctx);
  await participants(page).fill("55");
  await until(page, () => JSON.parse(localStorage.getItem("ekusia.calculator.v1")).model.intervention.cohorts[0].participants === "55");
  const mine = await modelOf(page);
  const sharedModel = { ...structuredClone(mine), name: "Delad modell" };
  sharedModel.intervention.cohorts[0].participants = "77";
  const link = `${env.base}/index.html#model=${Buffer.from(JSON.stringify(sharedModel)).toString("base64url")}`;

  const page2 = await open(ctx, link);
  assert.equal(await page2.evaluate(() => location.hash), "", "the address is clean");
  assert.equal(await participants(page2).inputValue(), "77");
  assert.equal(await societyNpv(page2), await coreNpv(page2, sharedModel));
  await page2.locator("[data-testid=notice-keep-mine]").waitFor();
  assert.match(await notice(page2).innerText(), /ersätta din sparade modell/);
  // The saved model is untouched while the question stands.
  assert.equal(await page2.evaluate(() => JSON.parse(localStorage.getItem("ekusia.calculator.v1")).model.intervention.cohorts[0].participants), "55");
  // An edit to the copy survives a reload (the question is asked again).
  await participants(page2).fill("78");
  await until(page2, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants === "78");
  await page2.reload();
  await page2.locator("[data-testid=society-npv]").waitFor();
  assert.equal(await participants(page2).inputValue(), "78");
  await page2.locator("[data-testid=notice-keep-mine]").waitFor();
  // "Keep mine": the saved model is back; "Ångra" brings the shared copy back.
  await page2.locator("[data-testid=notice-keep-mine]").click();
  await until(page2, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants === "55");
  assert.deepEqual(await modelOf(page2), mine);
  await page2.locator("[data-testid=notice-undo]").click();
  await until(page2, () => document.querySelector("ekusia-calculator").model.intervention.cohorts[0].participants === "78");
  await page2.reload();
  await page2.locator("[data-testid=society-npv]").waitFor();
  assert.equal(await participants(page2).inputValue(), "78", "after an answer, a reload keeps the later edits");

  // A visitor without a saved model of their own is not asked; the copy is theirs at once.
  const fresh = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page3 = await open(fresh, link);
  await notice(page3).filter({ hasText: "Du har öppnat en delad modell" }).waitFor();
  assert.equal(await page3.locator("[data-testid=notice-keep-mine]").count(), 0);
  assert.equal(await page3.evaluate(() => location.hash), "");
  await page3.reload();
  await page3.locator("[data-testid=society-npv]").waitFor();
  assert.equal(await participants(page3).inputValue(), "77");
  assert.deepEqual([...page.jsErrors, ...page2.jsErrors, ...page3.jsErrors], []);
  await fresh.close();
  await ctx.close();
});

test("switching a scenario between transitions and shares per year keeps both", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page = await open(ctx);
  const original = (await modelOf(page)).scenarios.with;
  assert.ok(original.transitions, "the example's outcome with the intervention is transitions");
  const mode = page.locator('select[data-path="scenarios.with.__mode"]');
  await mode.selectOption("trajectory");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.trajectory);
  await page.locator('input[data-path="scenarios.with.trajectory[0].shares.employment"]').fill("30 %");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.trajectory[0].shares.employment === "0.3");
  const trajectory = (await modelOf(page)).scenarios.with;
  await page.locator("[data-testid=kept-note]").waitFor();
  await mode.selectOption("transitions");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.transitions);
  assert.deepEqual((await modelOf(page)).scenarios.with, original);
  await mode.selectOption("trajectory");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.trajectory);
  assert.deepEqual((await modelOf(page)).scenarios.with, trajectory);
  // Kept across a reload too.
  await mode.selectOption("transitions");
  await page.reload();
  await page.locator("[data-testid=society-npv]").waitFor();
  await page.locator('select[data-path="scenarios.with.__mode"]').selectOption("trajectory");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.trajectory);
  assert.deepEqual((await modelOf(page)).scenarios.with, trajectory);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("Swedish input: percent, decimal comma, tri(10 %; 15 %; 20 %), resten, whole persons, ej meningsfull", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page = await open(ctx);
  const model = await modelOf(page);
  const rate = page.locator('input[data-path="discount_rate"]');
  assert.equal(await rate.inputValue(), percentSv(model.discount_rate));
  const before = await societyNpv(page);
  await rate.fill("4,5 %");
  await npvChangedFrom(page, before);
  let m = await modelOf(page);
  assert.equal(m.discount_rate, "0.045");
  assert.equal(await societyNpv(page), await coreNpv(page, m));
  await rate.fill("5");
  await until(page, () => document.querySelector("ekusia-calculator").model.discount_rate === "0.05");
  // The start: shares in percent and "resten".
  for (const [state, value] of Object.entries(model.intervention.start)) {
    const shown = await page.locator(`input[data-path="intervention.start.${state}"]`).inputValue();
    assert.equal(shown, value === "rest" ? "resten" : percentSv(value), state);
  }
  // A distribution in percent, with ";".
  const share = page.locator('input[data-path="scenarios.with.transitions[0].share"]');
  await share.fill("tri(10 %; 15 %; 20 %)");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.transitions[0].share.mode === "0.15");
  m = await modelOf(page);
  assert.deepEqual(m.scenarios.with.transitions[0].share, { dist: "triangular", min: "0.1", mode: "0.15", max: "0.2" });
  await share.fill("12,5 %");
  await until(page, () => document.querySelector("ekusia-calculator").model.scenarios.with.transitions[0].share === "0.125");
  // A decimal comma in an amount: the model's decimal point, the field's comma after a redraw.
  const amount = page.locator('input[data-path="intervention.costs[0].amount"]');
  await amount.fill("1 800 000,5");
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.costs[0].amount === "1800000.5");
  await page.reload();
  await page.locator("[data-testid=society-npv]").waitFor();
  assert.equal(await page.locator('input[data-path="intervention.costs[0].amount"]').inputValue(), "1800000,5");
  assert.equal(await page.locator('input[data-path="scenarios.with.transitions[0].share"]').inputValue(), "12,5 %");

  // How many must succeed, in whole persons rounded up from the core's decimal.
  await page.locator('[data-toggle="success"]').check();
  await page.locator("th", { hasText: "Antal som måste lyckas" }).waitFor();
  m = await modelOf(page);
  const report = await coreReport(page, m);
  let checked = 0;
  for (const row of report.rows) {
    const cell = page.locator(`[data-testid=summary] tr[data-row="${row.id}"] td[data-value="${row.break_even_successes ?? ""}"]`).last();
    if (row.break_even_successes == null || Number(row.break_even_successes) < 0) continue;
    const [int, frac = ""] = row.break_even_successes.split(".");
    const up = BigInt(int) + (/[1-9]/.test(frac) ? 1n : 0n);
    assert.equal((await cell.innerText()).replace(/\s/g, ""), up.toString(), row.id);
    checked++;
  }
  assert.ok(checked >= 1, "at least one row has a break-even number of persons");

  // A negative benefit-cost ratio is not shown as a number.
  await page.locator("[data-testid=import-file]").setInputFiles(file("worse.json", JSON.stringify(WORSE)));
  await until(page, () => document.querySelector("ekusia-calculator").model.name === "Sämre än utan");
  const worse = await coreReport(page, WORSE);
  assert.ok(Number(worse.rows.find((r) => r.id === "society").bcr) < 0, "the fixture's society has a negative ratio");
  await page.locator("[data-testid=society-bcr]").filter({ hasText: "ej meningsfull" }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("errors: a summary at the top with links to the fields, rows marked, warnings beside the figures", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1200 } });
  const page = await open(ctx);
  const valid = await societyNpv(page);
  const start = (await modelOf(page)).intervention.start;
  const fixed = Object.keys(start).find((s) => start[s] !== "rest");
  const restState = Object.keys(start).find((s) => start[s] === "rest");
  assert.ok(fixed && restState, "the example's start has a share and a rest");
  await participants(page).fill("-5");
  await page.locator(`input[data-path="intervention.start.${restState}"]`).fill("90 %");
  const summary = page.locator("[data-testid=error-summary]");
  await summary.locator("h2", { hasText: "Det finns 2 problem" }).waitFor();
  const items = await summary.locator("li").allInnerTexts();
  assert.equal(items.length, 2);
  assert.ok(items.some((t) => /^Kohort 1 · Antal deltagare: Antal deltagare måste vara minst 0 \(nu -5\)\.$/.test(t)), items.join(" | "));
  // The sum in Swedish, as the core computed it (the fixed share plus 0.9), with a decimal comma.
  const sum = (Math.round((Number(start[fixed]) + 0.9) * 1e6) / 1e6).toString().replace(".", ",");
  assert.ok(items.some((t) => t.startsWith("Utgångsläge:") && t.includes(`summerar till ${sum}`) && t.includes("”resten”")), items.join(" | "));
  assert.equal(await societyNpv(page), valid, "the last valid result stays");
  // The rows involved are marked; a link takes the focus to its field.
  assert.match(await participants(page).evaluate((el) => el.closest("tr").className), /invalid/);
  await summary.locator("a", { hasText: "Kohort 1" }).click();
  assert.equal(await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.activeElement?.dataset.path), "intervention.cohorts[0].participants");
  await participants(page).fill("40");
  await page.locator(`input[data-path="intervention.start.${restState}"]`).fill("resten");
  await summary.waitFor({ state: "hidden" });

  // A cohort outside the horizon: the warning stands beside the headline figures, in Swedish.
  await page.locator('button[data-add="cohort"]').first().click();
  const n = (await modelOf(page)).intervention.cohorts.length;
  await page.locator(`input[data-path="intervention.cohorts[${n - 1}].start_year"]`).fill("30");
  const warning = page.locator("[data-testid=warnings]");
  await warning.filter({ hasText: `Kohort ${n} börjar år 31, utanför tidshorisonten` }).waitFor();
  const beforeTable = await page.evaluate(() => {
    const r = document.querySelector("ekusia-calculator").shadowRoot;
    return Boolean(r.querySelector("[data-testid=warnings]").compareDocumentPosition(r.querySelector("[data-testid=summary]")) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(beforeTable, "the warning comes before the summary table");
  await page.screenshot({ path: path.join(shots, "calculator-16-errors.png") });
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

/** The calculator put in a column of `width` px on the demo page. */
async function inColumn(page, width) {
  await page.evaluate((w) => { document.querySelector("ekusia-calculator").style.cssText = `display:block;width:${w}px`; }, width);
  await page.waitForTimeout(200);
}

test("the layout follows the element's own width: a 680 px column and a 390 px one", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await open(ctx);
  for (const width of [680, 390]) {
    await inColumn(page, width);
    const facts = await page.evaluate(() => {
      const host = document.querySelector("ekusia-calculator");
      const r = host.shadowRoot;
      const box = host.getBoundingClientRect();
      const grid = getComputedStyle(r.querySelector(".grid")).gridTemplateColumns.split(" ").length;
      // Every field of the transitions, each within the element (none off to the side).
      const outside = [...r.querySelectorAll('[data-path^="scenarios.with.transitions"]')].filter((el) => el.matches("input, select"))
        .filter((el) => { const b = el.getBoundingClientRect(); return b.left < box.left - 1 || b.right > box.right + 1 || b.width === 0; }).map((el) => el.dataset.path);
      const headHidden = r.querySelector("[data-testid=summary] thead").getBoundingClientRect().width <= 1;
      const label = getComputedStyle(r.querySelector("[data-testid=summary] td[data-label]"), "::before").content;
      return { grid, outside, overflow: host.scrollWidth - host.clientWidth, headHidden, label };
    });
    assert.equal(facts.grid, 1, `${width}: one column`);
    assert.ok(facts.overflow <= 0, `${width}: the element overflows by ${facts.overflow}px`);
    if (width === 390) {
      assert.deepEqual(facts.outside, [], "every transition field is visible");
      assert.ok(facts.headHidden, "rows are cards, their headings beside each value");
      assert.equal(facts.label, '"Nettonuvärde"');
    } else {
      assert.ok(!facts.headHidden, "at 680 px the summary is a table");
    }
    await page.screenshot({ path: path.join(shots, `calculator-16-column-${width}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2200 } });
  }
  // At 1280 the element sits in two columns (the same page, the column removed).
  await page.evaluate(() => { document.querySelector("ekusia-calculator").style.cssText = ""; });
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector("ekusia-calculator").shadowRoot.querySelector(".grid")).gridTemplateColumns.split(" ").length), 2);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("on a phone: the sticky bar shows society's and the public sector's npv and the change since the last edit", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await open(ctx);
  const before = await modelOf(page);
  const npvs = async () => Object.fromEntries(await Promise.all(["society", "public_sector"].map(async (id) => [id, await page.locator(`[data-testid=sticky-${id}]`).getAttribute("data-value")])));
  const old = await npvs();
  assert.equal(old.society, await coreNpv(page, before));
  assert.equal(old.public_sector, await coreNpv(page, before, "public_sector"));
  await participants(page).fill(String(Number(before.intervention.cohorts[0].participants) + 5));
  await npvChangedFrom(page, old.society);
  const now = await npvs();
  // The change, computed here exactly on the decimals' digits.
  const diff = (a, b) => {
    const scale = Math.max(...[a, b].map((s) => (s.split(".")[1] ?? "").length));
    const big = (s) => { const [i, f = ""] = s.split("."); return BigInt(i + f.padEnd(scale, "0")) * (s.startsWith("-") && BigInt(i) === 0n ? -1n : 1n); };
    const d = big(a) - big(b);
    const t = (d < 0n ? -d : d).toString().padStart(scale + 1, "0");
    return `${d < 0n ? "-" : ""}${scale ? `${t.slice(0, -scale)}.${t.slice(-scale)}` : t}`;
  };
  for (const id of ["society", "public_sector"]) {
    assert.equal(await page.locator(`[data-testid=delta-${id}]`).getAttribute("data-value"), diff(now[id], old[id]), id);
  }
  // Scrolled far down, the bar is still at the top of the screen.
  await page.evaluate(() => window.scrollTo(0, 4000));
  await page.waitForTimeout(150);
  const top = await page.locator("[data-testid=sticky-bar]").evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(Math.abs(top) <= 1, `the bar is at the top (${top})`);
  await page.screenshot({ path: path.join(shots, "calculator-16-phone-sticky.png") });
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

/** axe-core's violations of impact serious or critical on the page (the shadow DOM included). */
async function axeSerious(page) {
  await page.addScriptTag({ path: path.join(root, "node_modules/axe-core/axe.min.js") });
  const result = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" > ")).join("; ")}`));
  return result;
}

test("accessibility: axe finds nothing serious; skip link, unique names, 16 px fields, focus style, live summary", async () => {
  for (const [width, lang] of [[1280, "sv"], [390, "en"]]) {
    const ctx = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(ctx);
    if (lang === "en") {
      await page.getByRole("button", { name: "In English" }).click();
      await page.getByText("Society's net present value", { exact: true }).waitFor();
      // The host page follows.
      assert.equal(await page.locator("h1").innerText(), "Does the intervention pay off – and for whom?");
      assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    }
    // Open the folded parts too, so axe sees them.
    await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.querySelectorAll("details").forEach((d) => { if (!d.classList.contains("menu")) d.open = true; }));
    const violations = await axeSerious(page);
    assert.deepEqual(violations, [], `${width} ${lang}`);
    // Unique accessible names for the inputs and buttons.
    const dupes = await page.evaluate(() => {
      const r = document.querySelector("ekusia-calculator").shadowRoot;
      const name = (el) => (el.getAttribute("aria-label") || [...(el.labels ?? [])].map((l) => l.textContent).join(" ") || el.textContent).replace(/\s+/g, " ").trim();
      const names = [...r.querySelectorAll(".editor input:not([type=checkbox]), .editor select, .editor button")].map(name);
      return names.filter((n, i) => names.indexOf(n) !== i);
    });
    assert.deepEqual(dupes, [], "no two fields or buttons share a name");
    // 16 px fields (phones do not zoom), a visible focus style.
    const small = await page.evaluate(() => [...document.querySelector("ekusia-calculator").shadowRoot.querySelectorAll("input, select")]
      .filter((el) => parseFloat(getComputedStyle(el).fontSize) < 16).map((el) => el.dataset.path ?? el.dataset.testid));
    assert.deepEqual(small, []);
    await participants(page).focus();
    await page.keyboard.press("End");
    const outline = await participants(page).evaluate((el) => getComputedStyle(el).outlineStyle + " " + getComputedStyle(el).outlineWidth);
    assert.match(outline, /^solid [3-9]/);
    // After a pause in typing, a short summary is announced (not the whole panel).
    await page.keyboard.type("1");
    const live = page.locator("[data-testid=live]");
    const npv = await page.locator("[data-testid=sticky-society]").innerText();
    await until(page, (t) => document.querySelector("ekusia-calculator").shadowRoot.querySelector("[data-testid=live]").textContent.includes(t), npv);
    assert.ok((await live.textContent()).length < 200);
    assert.equal(await page.locator(".results-main[aria-live]").count(), 0, "the results panel itself is not a live region");
    // The skip link takes the focus to the results.
    await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.querySelector(".skip").focus());
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.activeElement?.classList.contains("results")), true);
    assert.deepEqual(page.jsErrors, []);
    await ctx.close();
  }
});

test("understandable results: years from 1 or a calendar year, mnkr ticks, line labels, data tables, tornado", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const horizon = Number((await modelOf(page)).horizon);
  const years = await page.locator("[data-testid=chart] text[data-year]").allTextContents();
  assert.ok(years.includes("1") && years.includes(String(horizon)) && !years.includes("0"), "years count from 1");
  assert.ok((await page.locator("[data-testid=chart] text").allTextContents()).includes("mnkr"));
  // Round ticks: equal steps of 1, 2 or 5 × 10^k (in millions).
  const ticks = (await page.locator("[data-testid=chart] text[data-tick]").evaluateAll((ts) => ts.map((t) => Number(t.dataset.tick))));
  const step = ticks[1] - ticks[0];
  assert.ok(ticks.every((t, i) => i === 0 || Math.abs(t - ticks[i - 1] - step) < 1e-9));
  const mant = step / 10 ** Math.floor(Math.log10(step));
  assert.ok([1, 2, 5].some((x) => Math.abs(mant - x) < 1e-9), `step ${step}`);
  // Each line named at its end; a data table beside the chart with a row per year.
  assert.equal(await page.locator("[data-testid=chart] text[data-end]").count(), await page.locator("[data-testid=summary] tbody tr").count());
  assert.equal(await page.locator("[data-testid=chart-table] tbody tr").count(), horizon);
  // A calendar start year: "2025 (år 1)".
  await page.locator('input[data-key="calendar"]').fill("2025");
  await page.locator("[data-testid=chart-table] td", { hasText: "2025 (år 1)" }).first().waitFor({ state: "attached" });
  assert.ok((await page.locator("[data-testid=chart] text").allTextContents()).includes("2025"));

  // The uncertainty analysis: tornado labelled by names, with a legend, a data table; no "100,0 %" below 1.
  await page.locator("[data-testid=example]").selectOption("jobbspar-osakerhet");
  await page.locator("[data-testid=run-sim]").click();
  await page.locator("[data-testid=tornado]").waitFor();
  const labels = await page.locator("[data-testid=tornado] text[data-label]").allTextContents();
  assert.ok(labels.length > 0 && labels.every((l) => !/^(scenarios|intervention|analysis)\./.test(l)), labels.join(" | "));
  assert.ok((await page.locator("[data-testid=tornado] text").allTextContents()).includes("lågt värde"));
  assert.ok((await page.locator("[data-testid=tornado-table] tbody tr").count()) >= 1);
  const pValue = Number(await page.locator("[data-testid=p-positive]").getAttribute("data-value"));
  const pText = await page.locator("[data-testid=p-positive]").innerText();
  if (pValue < 1) assert.notEqual(pText, "100,0 %");
  await page.screenshot({ path: path.join(shots, "calculator-16-uncertainty.png"), fullPage: true });
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a target group's restriction of a per-participant cost is editable", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  await page.locator("[data-testid=import-file]").setInputFiles(path.join(root, "tests/vectors/models/v11-groups.toml"));
  await until(page, () => document.querySelector("ekusia-calculator").model.groups?.length > 1);
  const groups = (await modelOf(page)).groups.length;
  const costs = (await modelOf(page)).intervention.costs;
  const i = costs.findIndex((c) => c.groups);
  assert.ok(i >= 0);
  const boxes = page.locator(`[data-toggle="cost-group"][data-cost="${i}"]`);
  assert.equal(await boxes.count(), groups);
  const before = await societyNpv(page);
  const other = await page.locator(`[data-toggle="cost-group"][data-cost="${i}"]:not(:checked)`).first().getAttribute("data-group");
  await page.locator(`[data-toggle="cost-group"][data-cost="${i}"][data-group="${other}"]`).check();
  await until(page, ([k, g]) => document.querySelector("ekusia-calculator").model.intervention.costs[k].groups?.includes(g), [i, other]);
  await npvChangedFrom(page, before);
  assert.equal(await societyNpv(page), await coreNpv(page, await modelOf(page)));
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("local values: each state's amount per actor and year (the core's), the parameters behind it, the price year", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const model = await modelOf(page);
  const report = await coreReport(page, model);
  await page.locator("[data-testid=local-values]").getByText(`Belopp i ${report.model.price_year} års priser.`).waitFor();
  await page.locator("[data-testid=local-values-details] summary").click();
  const table = page.locator("[data-testid=local-values-table]");
  await table.waitFor();
  const states = await page.evaluate(async (m) => (await import("./pkg/ekusia.js")).describe(m).states.map((s) => s.id), model);
  assert.equal(await table.locator("tbody tr").count(), states.length);
  // One state, checked against a one-person model written here: everyone in that state for a year.
  const id = states.includes("social_assistance") ? "social_assistance" : states[0];
  const own = { format: "ekusia-model/1.1", name: "en person", base: model.base, horizon: "1", discount_rate: "0",
    intervention: { start: { [id]: "1" }, cohorts: [{ start_year: "0", participants: "1" }] } };
  for (const k of ["parameters", "states", "actors", "currency"]) if (model[k] !== undefined) own[k] = model[k];
  const one = await coreReport(page, own);
  const row = table.locator(`tr[data-state-values="${id}"]`);
  for (const r of one.rows) assert.equal(await row.locator(`td[data-row="${r.id}"]`).getAttribute("data-value"), r.years[0].with, r.id);
  // Society is the sum of every actor (exactly, on the digits).
  const sum = (xs) => {
    const scale = Math.max(...xs.map((x) => (x.split(".")[1] ?? "").length));
    const total = xs.reduce((acc, x) => { const neg = x.startsWith("-"); const [i, f = ""] = x.replace("-", "").split("."); return acc + (neg ? -1n : 1n) * BigInt(i + f.padEnd(scale, "0")); }, 0n);
    return Number(total) / 10 ** scale;
  };
  const cells = await row.locator("td[data-row]").evaluateAll((tds) => tds.map((td) => [td.dataset.row, td.dataset.value]));
  const kinds = Object.fromEntries(one.rows.map((r) => [r.id, r.kind]));
  const actors = cells.filter(([rid]) => kinds[rid] !== "aggregate").map(([, v]) => v);
  assert.ok(Math.abs(sum(actors) - Number(cells.find(([rid]) => rid === "society")[1])) < 1e-6);
  // A parameter behind the state: its button takes the focus to its field.
  const first = row.locator("button[data-goto-param]").first();
  const param = await first.getAttribute("data-goto-param");
  await first.click();
  assert.equal(await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.activeElement?.dataset.param), param);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("Excel download from the menu (when the binding has reportXlsx)", async (t) => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const page = await open(ctx);
  const has = await page.evaluate(async () => typeof (await import("./pkg/ekusia.js")).reportXlsx === "function");
  if (!has) {
    assert.equal(await page.locator("[data-testid=xlsx]").count(), 0, "no menu item without the export");
    t.skip("the wasm binding has no reportXlsx yet (another branch adds it)");
    await ctx.close();
    return;
  }
  const [download] = await Promise.all([page.waitForEvent("download"), menuItem(page, "Ladda ner Excel")]);
  assert.equal(download.suggestedFilename(), "ekusia-rapport.xlsx");
  const saved = path.join(shots, "ekusia-rapport.xlsx");
  await download.saveAs(saved);
  assert.equal(readFileSync(saved).subarray(0, 2).toString("latin1"), "PK", "an xlsx file is a zip");
  await ctx.close();
});

test("screenshots at 1280 and 390 px in Swedish and English", async () => {
  for (const width of [1280, 390]) {
    for (const lang of ["sv", "en"]) {
      const ctx = await env.browser.newContext({ viewport: { width, height: width > 500 ? 1000 : 844 } });
      const page = await open(ctx);
      if (lang === "en") {
        await page.getByRole("button", { name: "In English" }).click();
        await page.getByText("Society's net present value", { exact: true }).waitFor();
      }
      await page.screenshot({ path: path.join(shots, `calculator-16-${width}-${lang}-top.png`) });
      await page.screenshot({ path: path.join(shots, `calculator-16-${width}-${lang}.png`), fullPage: true });
      assert.deepEqual(page.jsErrors, []);
      await ctx.close();
    }
  }
});

