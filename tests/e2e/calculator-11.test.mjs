// The calculator's inputs of model format 1.1 in Chromium: the parameters panel, time limits on
// states and target groups; every number the page shows is compared with the command line's
// for the same model, and the model survives export, import and the share link.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { root, shots, env, start, stop, cli, open, societyNpv, npvChangedFrom, modelOf, rowNpvs, cliReport, menuItem } from "./page.mjs";

before(start);
after(stop);

const vector = (name) => path.join(root, "tests/vectors/models", name);
const param = (page, id) => page.locator(`input[data-param="${id}"]`);
const paramValue = (page, id) => page.locator(`[data-param-value="${id}"]`);
const errFor = (page, p) => page.locator(`[data-err-for="${p}"]`);
const stateYears = (page, id) => page.locator(`input[data-key="state:${id}:max_years"]`);
const stateThen = (page, id) => page.locator(`select[data-key="state:${id}:then"]`);
const until = (page, fn, arg) => page.waitForFunction(fn, arg);

/** Imports a model file (TOML or JSON) through the page's import button, and waits for its report. */
async function importModel(page, file) {
  await page.locator("[data-testid=import-file]").setInputFiles(file);
  const expected = JSON.parse(cli(["run", file, "--format", "json"])).rows.find((r) => r.id === "society").npv;
  await until(page, (e) => document.querySelector("ekusia-calculator").shadowRoot.querySelector("[data-testid=society-npv]")?.dataset.value === e, expected);
}

/** The page's rows equal the command line's for the page's model, row by row. */
async function agreesWithCli(page) {
  const report = cliReport(await modelOf(page));
  const shown = await rowNpvs(page);
  assert.deepEqual(shown, Object.fromEntries(report.rows.map((r) => [r.id, r.npv])));
  return report;
}

test("parameters: one edit moves every actor that depends on it; the values beside the fields follow", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  await importModel(page, vector("v11-formulas.toml"));
  // Every parameter is listed with the value the engine evaluated.
  assert.equal(await page.locator("[data-param-row]").count(), 23);
  assert.equal(await param(page, "wage_year").inputValue(), "= wage_month * 12");
  assert.equal(await paramValue(page, "wage_year").innerText(), "= 324 000");
  assert.equal(await paramValue(page, "payroll_tax").innerText(), "= 0,3142");
  const before = await rowNpvs(page);

  // The monthly wage, typed with a space between the digit groups.
  await param(page, "wage_month").fill("28 500");
  await until(page, () => document.querySelector("ekusia-calculator").model.parameters.wage_month === "28500");
  await npvChangedFrom(page, before.society);
  const after = await agreesWithCli(page);
  // Every actor whose flows are formulas of the wage moves: the municipality (case work, tax),
  // the region and the state (taxes), the individual (production) and so the aggregates.
  for (const id of ["municipality", "region", "state", "individual", "public_sector", "society"]) {
    assert.notEqual(after.rows.find((r) => r.id === id).npv, before[id], `${id} follows the wage`);
  }
  assert.equal(await paramValue(page, "wage_year").innerText(), "= 342 000");
  assert.equal(await paramValue(page, "labour_cost").innerText(), "= 449 456,4");

  // A formula with a Swedish decimal comma.
  await param(page, "wage_year").fill("= wage_month * 12,5");
  await until(page, () => document.querySelector("ekusia-calculator").model.parameters.wage_year === "= wage_month * 12.5");
  await until(page, () => document.querySelector("ekusia-calculator").shadowRoot.querySelector('[data-param-value="wage_year"]').textContent === "= 356 250");
  await agreesWithCli(page);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a formula's problem is shown beside its field in the page's language; the last result stays", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  await importModel(page, vector("v11-formulas.toml"));
  const valid = await societyNpv(page);
  const cases = [
    ["wage_year", "= wage_month *", /^Fel i formeln vid position \d+/],
    ["wage_year", "= wage_year * 12", /^Parametrarna beror av sig själva: wage_year → wage_year\.$/],
    ["wage_year", "= wage_mont * 12", /^Okänd parameter 'wage_mont' – menade du 'wage_month'\?$/],
    ["third", "= 1/0", /^Division med noll vid tecken \d+\.$/],
  ];
  for (const [id, text, message] of cases) {
    await param(page, id).fill(text);
    await errFor(page, `parameters.${id}`).filter({ hasText: message }).waitFor();
    assert.match(await errFor(page, `parameters.${id}`).innerText(), message);
    assert.equal(await param(page, id).getAttribute("aria-invalid"), "true");
    assert.ok(await page.locator("[data-testid=invalid-banner]").isVisible());
    assert.equal(await societyNpv(page), valid, "the last valid result is kept");
    if (id === "wage_year" && text.includes("wage_mont ")) {
      await page.locator("[data-testid=parameters]").screenshot({ path: path.join(shots, "calculator-11-param-error-sv.png") });
      // The same problem in English, once the page is.
      await page.getByRole("button", { name: "In English" }).click();
      await errFor(page, "parameters.wage_year").filter({ hasText: /^unknown parameter 'wage_mont' — did you mean 'wage_month'\?$/ }).waitFor();
      await page.getByRole("button", { name: "På svenska" }).click();
      await errFor(page, "parameters.wage_year").filter({ hasText: message }).waitFor();
    }
    await param(page, id).fill(id === "third" ? "= 1/3" : "= wage_month * 12");
    await page.locator("[data-testid=invalid-banner]").waitFor({ state: "detached" });
  }
  assert.equal(await societyNpv(page), valid);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a visitor adds a parameter, uses it in a cost, and removes it", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const before = await societyNpv(page);
  // The model has no parameters of its own; the base's are listed, none removable.
  await page.locator('[data-param-row="pbb"]').waitFor({ state: "attached" });
  assert.equal(await page.locator('[data-param-row] button[aria-label^="Ta bort"]').count(), 0);
  // Folded away until opened, and open it stays while the form is redrawn.
  const baseParams = page.locator("[data-testid=base-parameters]");
  assert.equal(await page.locator('[data-param-row="pbb"]').isVisible(), false);
  await baseParams.locator("summary").click();
  await page.locator('[data-param-row="pbb"]').waitFor();
  assert.match(await baseParams.locator("summary").innerText(), /^Grundens parametrar \(\d{2,3}\)$/);
  await page.locator('[data-new="param-id"]').fill("coach_month");
  await page.locator('[data-new="param-value"]').fill("= 45 000 * 1,5");
  await page.getByRole("button", { name: "Lägg till parameter" }).click();
  await paramValue(page, "coach_month").filter({ hasText: "= 67 500" }).waitFor();
  assert.equal(await page.locator("[data-testid=base-parameters]").evaluate((d) => d.open), true);
  assert.equal((await modelOf(page)).parameters.coach_month, "= 45000 * 1.5");
  assert.equal(await societyNpv(page), before, "a parameter nothing uses changes nothing");
  // The same id again: a word beside the form, nothing replaced.
  await page.locator('[data-new="param-id"]').fill("coach_month");
  await page.getByRole("button", { name: "Lägg till parameter" }).click();
  await page.locator('[data-new-err="param"]').filter({ hasText: "Det finns redan en parameter med det id:t." }).waitFor();

  // A cost written as a formula of it.
  const amount = page.locator('input[data-path="intervention.costs[0].amount"]');
  await amount.fill("= coach_month * 12 * 2");
  await npvChangedFrom(page, before);
  assert.equal((await modelOf(page)).intervention.costs[0].amount, "= coach_month * 12 * 2");
  await agreesWithCli(page);
  // Removed while the cost uses it: the cost's field says so.
  await page.getByRole("button", { name: "Ta bort: coach_month" }).click();
  await errFor(page, "intervention.costs[0].amount").filter({ hasText: /^Okänd parameter 'coach_month'/ }).waitFor();
  assert.equal((await modelOf(page)).parameters, undefined);
  assert.equal(await page.locator('[data-param-row="coach_month"]').count(), 0);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a time limit on a base state changes the result and writes the state into the model", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const before = await societyNpv(page);
  const base = await page.evaluate(async () => {
    const ek = await import("./pkg/ekusia.js");
    return ek.describe(document.querySelector("ekusia-calculator").model).states.find((s) => s.id === "labour_market_programme");
  });
  assert.equal(await stateThen(page, "labour_market_programme").isDisabled(), true);
  await stateYears(page, "labour_market_programme").fill("1");
  await npvChangedFrom(page, before);
  const limited = await societyNpv(page);
  let model = await modelOf(page);
  assert.deepEqual(model.states, [{ id: "labour_market_programme", name: base.name, flows: base.flows, max_years: "1", then: "social_assistance" }]);
  await agreesWithCli(page);
  // The focus stays in the field while the form is redrawn.
  assert.equal(await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.activeElement?.dataset.key), "state:labour_market_programme:max_years");
  // Then somewhere else.
  assert.equal(await stateThen(page, "labour_market_programme").isDisabled(), false);
  await stateThen(page, "labour_market_programme").selectOption("no_income");
  await npvChangedFrom(page, limited);
  assert.equal((await modelOf(page)).states[0].then, "no_income");
  await agreesWithCli(page);
  // No limit: the copy of the base state gives exactly the base's result.
  await stateYears(page, "labour_market_programme").fill("");
  await until(page, (b) => document.querySelector("ekusia-calculator").shadowRoot.querySelector("[data-testid=society-npv]").dataset.value === b, before);
  model = await modelOf(page);
  assert.deepEqual(model.states, [{ id: "labour_market_programme", name: base.name, flows: base.flows }]);

  // The model's own state (a vector with time limits): a shorter limit, and a wrong one.
  await importModel(page, vector("v11-time-limits.toml"));
  assert.equal(await stateYears(page, "sickness").inputValue(), "3");
  const own = await societyNpv(page);
  await stateYears(page, "sickness").fill("1");
  await npvChangedFrom(page, own);
  assert.equal((await modelOf(page)).states[1].max_years, "1");
  await agreesWithCli(page);
  await stateYears(page, "sickness").fill("0");
  await errFor(page, "states[1].max_years").filter({ hasText: "Högst antal år i tillståndet måste vara minst 1 (nu 0)." }).waitFor();
  assert.equal(await stateYears(page, "sickness").getAttribute("aria-invalid"), "true");
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("target groups: add one, give it its own cohorts and outcome, see the groups table", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const before = await societyNpv(page);
  assert.equal(await page.locator("[data-testid=groups]").count(), 0, "no groups table without groups");
  await page.locator('[data-new="group-id"]').fill("unga");
  await page.locator('[data-new="group-name"]').fill("Unga 18–24");
  await page.getByRole("button", { name: "Lägg till målgrupp" }).click();
  await page.locator("[data-testid=groups] tr[data-group=unga]").waitFor();
  // One group that inherits everything is the model as it was.
  assert.equal(await societyNpv(page), before);
  assert.equal(await page.locator("[data-testid=inherits]").count(), 4);
  assert.ok(await page.locator("[data-testid=defaults-note]").first().isVisible());
  let report = await agreesWithCli(page);
  const row = page.locator("[data-testid=groups] tr[data-group=unga]");
  assert.equal(await row.locator("[data-participants]").getAttribute("data-participants"), String(report.model.participants));
  assert.equal(await row.locator('td[data-row="society"]').getAttribute("data-value"), report.rows.find((r) => r.id === "society").pv_effect);

  // Its own cohorts: the top level's are copied to start from, then edited.
  await page.locator('[data-toggle="group-part"][data-group="0"][data-part="cohorts"]').check();
  await page.locator('input[data-path="groups[0].cohorts[0].participants"]').fill("15");
  await until(page, () => document.querySelector("ekusia-calculator").model.groups[0].cohorts[0].participants === "15");
  assert.equal(await page.locator("[data-testid=inherits]").count(), 3);
  // A second group that inherits the top level's cohorts, and its own outcome with the intervention.
  await page.locator('[data-new="group-id"]').fill("aldre");
  await page.locator('[data-new="group-name"]').fill("25 år och äldre");
  await page.getByRole("button", { name: "Lägg till målgrupp" }).click();
  await page.locator("[data-testid=groups] tr[data-group=aldre]").waitFor();
  await page.locator('[data-toggle="group-part"][data-group="1"][data-part="with"]').check();
  const share = page.locator('input[data-path="groups[1].scenarios.with.transitions[0].share"]');
  // The share in percent: the model's "0.15" is "15 %" in the field.
  const topShare = (await modelOf(page)).scenarios.with.transitions[0].share;
  assert.equal(await share.inputValue(), `${String(Number(topShare) * 100).replace(".", ",")} %`);
  const mid = await societyNpv(page);
  await share.fill("40 %");
  await until(page, () => document.querySelector("ekusia-calculator").model.groups[1].scenarios.with.transitions[0].share === "0.4");
  await npvChangedFrom(page, mid);
  report = await agreesWithCli(page);
  // The table is the report's groups section.
  for (const g of report.groups) {
    const tr = page.locator(`[data-testid=groups] tr[data-group="${g.id}"]`);
    assert.equal(await tr.locator("[data-participants]").getAttribute("data-participants"), String(g.participants));
    assert.equal(await tr.locator('td[data-row="society"]').getAttribute("data-value"), g.rows.find((r) => r.id === "society").pv_effect);
    assert.equal(await tr.locator('td[data-row="municipality"]').getAttribute("data-value"), g.rows.find((r) => r.id === "municipality").pv_effect);
  }
  // Its outcome as shares per year instead, with a second year added.
  await page.locator('select[data-path="groups[1].scenarios.with.__mode"]').selectOption("trajectory");
  await page.locator('button[data-add="entry"][data-scenario="groups[1].scenarios.with"]').click();
  await until(page, () => document.querySelector("ekusia-calculator").model.groups[1].scenarios.with.trajectory?.length === 2);
  assert.equal((await modelOf(page)).scenarios.with.transitions.length > 0, true, "the top level's own outcome is untouched");
  await agreesWithCli(page);
  // Removing a group.
  await page.getByRole("button", { name: "Ta bort: 25 år och äldre" }).click();
  await page.locator("[data-testid=groups] tr[data-group=aldre]").waitFor({ state: "detached" });
  assert.equal(await page.locator("[data-testid=groups] tbody tr").count(), 1);
  await agreesWithCli(page);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("export, import and the share link keep parameters, time limits and groups", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 }, acceptDownloads: true });
  const page = await open(ctx);
  await importModel(page, vector("v11-formulas.toml"));
  await param(page, "wage_month").fill("28500");
  await stateYears(page, "employment").fill("3");
  await until(page, () => document.querySelector("ekusia-calculator").model.states[1].then === "social_assistance");
  await page.locator('[data-new="group-id"]').fill("unga");
  await page.getByRole("button", { name: "Lägg till målgrupp" }).click();
  await page.locator('[data-toggle="group-part"][data-group="0"][data-part="start"]').check();
  await page.locator('input[data-path="groups[0].start.employment"]').fill("10 %");
  await page.locator('input[data-path="groups[0].start.social_assistance"]').fill("resten");
  await until(page, () => document.querySelector("ekusia-calculator").model.groups?.[0].start?.social_assistance === "rest");
  await page.locator("[data-testid=groups] tr[data-group=unga]").waitFor();
  const edited = await societyNpv(page);
  const model = await modelOf(page);
  assert.equal(await page.locator("[data-testid=invalid-banner]").count(), 0);

  // Export: the command line reads the file unchanged and gives the page's numbers.
  const [download] = await Promise.all([page.waitForEvent("download"), menuItem(page, "Exportera modell (JSON)")]);
  const file = path.join(shots, "exported-model-11.json");
  await download.saveAs(file);
  const exported = JSON.parse(readFileSync(file, "utf8"));
  assert.deepEqual(exported, { ...model, format: "ekusia-model/1.1" });
  assert.equal(exported.parameters.wage_month, "28500");
  assert.deepEqual([exported.states[1].max_years, exported.states[1].then], ["3", "social_assistance"]);
  assert.equal(exported.groups[0].start.employment, "0.1");
  assert.match(cli(["validate", file]), /^ok:/);
  assert.equal(JSON.parse(cli(["run", file, "--format", "json"])).rows.find((r) => r.id === "society").npv, edited);

  // Reset, then import: everything is back, in the fields too.
  await menuItem(page, "Återställ exemplet");
  await npvChangedFrom(page, edited);
  await page.locator("[data-testid=import-file]").setInputFiles(file);
  await until(page, (e) => document.querySelector("ekusia-calculator").shadowRoot.querySelector("[data-testid=society-npv]").dataset.value === e, edited);
  assert.deepEqual(await modelOf(page), exported);
  assert.equal(await param(page, "wage_month").inputValue(), "28500");
  assert.equal(await stateYears(page, "employment").inputValue(), "3");
  assert.equal(await page.locator('input[data-path="groups[0].start.employment"]').inputValue(), "10 %");
  assert.equal(await page.locator("[data-testid=groups] tbody tr").count(), 1);

  // Share link: a fresh browser opening it has the same model and numbers.
  await page.getByRole("button", { name: "Kopiera delningslänk" }).click();
  const link = await page.locator("[data-testid=share-link]").inputValue();
  const other = await env.browser.newContext();
  const shared = await open(other, link);
  assert.deepEqual(await modelOf(shared), exported);
  assert.equal(await societyNpv(shared), edited);
  assert.deepEqual(await rowNpvs(shared), await rowNpvs(page));
  await other.close();
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("screenshots: the 1.1 sections at 1280 and 390 px, in Swedish and English; every field labelled", async () => {
  for (const [width, height] of [[1280, 1000], [390, 844]]) {
    const ctx = await env.browser.newContext({ viewport: { width, height } });
    const page = await open(ctx);
    // Parameters with names, units, sources, years and qualities; a group with its own start
    // next to one that inherits; a time limit.
    await importModel(page, vector("v11-parameter-places.toml"));
    // A parameter written as a table: its value changes, its name and source stay.
    await param(page, "share_job").fill("= 15 %");
    await paramValue(page, "share_job").filter({ hasText: "= 0,15 andel per år" }).waitFor();
    const shareJob = (await modelOf(page)).parameters.share_job;
    assert.deepEqual([shareJob.value, shareJob.source, shareJob.name.sv], ["= 15 %", "Pilot 2023, Samordningsförbundet", "Andel som får arbete"]);
    // Enter in the add form adds.
    await page.locator('[data-new="param-id"]').fill("extra");
    await page.locator('[data-new="param-value"]').fill("2,5");
    await page.locator('[data-new="param-value"]').press("Enter");
    await paramValue(page, "extra").filter({ hasText: "= 2,5" }).waitFor();
    await page.locator('[data-new="group-id"]').fill("unga");
    await page.locator('[data-new="group-name"]').fill("Unga 18–24");
    await page.getByRole("button", { name: "Lägg till målgrupp" }).click();
    await page.locator('[data-toggle="group-part"][data-group="0"][data-part="start"]').check();
    await page.locator('[data-toggle="group-part"][data-group="0"][data-part="cohorts"]').check();
    await page.locator('input[data-path="groups[0].cohorts[1].participants"]').fill("12");
    await page.locator('[data-new="group-id"]').fill("aldre");
    await page.getByRole("button", { name: "Lägg till målgrupp" }).click();
    await stateYears(page, "studies").fill("2");
    await page.locator("[data-testid=groups] tr[data-group=aldre]").waitFor();
    await agreesWithCli(page);
    for (const lang of ["sv", "en"]) {
      if (lang === "en") {
        await page.getByRole("button", { name: "In English" }).click();
        await page.getByText("Society's net present value").waitFor();
      }
      const name = (part) => path.join(shots, `calculator-11-${part}-${lang}-${width}.png`);
      await page.screenshot({ path: name("page"), fullPage: width > 400 });
      for (const part of ["parameters", "states", "groups-editor", "groups"]) {
        await page.locator(`[data-testid=${part}]`).screenshot({ path: name(part) });
      }
      const unlabeled = await page.evaluate(() => {
        const r = document.querySelector("ekusia-calculator").shadowRoot;
        return [...r.querySelectorAll("input:not([type=file]), select")]
          .filter((el) => !(el.labels?.length || el.getAttribute("aria-label")))
          .map((el) => el.dataset.path ?? el.outerHTML.slice(0, 80));
      });
      assert.deepEqual(unlabeled, []);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `page overflows by ${overflow}px at ${width}px`);
    }
    assert.deepEqual(page.jsErrors, []);
    await ctx.close();
  }
});

test("the success's years is one number, a fixed cost's years a list", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  await page.locator('[data-toggle="success"]').check();
  const years = page.locator('input[data-path="analysis.success.years"]');
  await years.fill("6");
  await until(page, () => document.querySelector("ekusia-calculator").model.analysis.success.years === "6");
  await page.locator('input[data-path="intervention.costs[0].years"]').fill("0; 1, 2 3");
  await until(page, () => document.querySelector("ekusia-calculator").model.intervention.costs[0].years.join() === "0,1,2,3");
  assert.equal(await page.locator("[data-testid=invalid-banner]").count(), 0);
  const report = await agreesWithCli(page);
  assert.equal(report.model.success.years, 6);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});
