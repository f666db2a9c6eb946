// The calculator's 1.1 outputs in Chromium: payback in years and months, where the value comes
// from (breakdown by category and cost by item, per row), milestones, potential and efficiency,
// outcomes with their net cost per unit (the ICER of a two-strategy model). Models from the
// vectors are imported through the page's import; every figure shown is compared with the
// command line's JSON for the same model.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { root, shots, env, start, stop, cli, open, modelOf, cliReport } from "./page.mjs";

before(start);
after(stop);

const vector = (name) => path.join(root, "tests/vectors/models", name);
const shadow = (page, fn, arg) => page.evaluate(([src, a]) => new Function("r", "a", `return (${src})(r, a)`)(document.querySelector("ekusia-calculator").shadowRoot, a), [fn.toString(), arg]);

/** Imports a model file through the page's import button; the command line's report of the
 * model the page then holds. */
async function importModel(page, file) {
  await page.locator("[data-testid=import-file]").setInputFiles(file);
  const expected = JSON.parse(cli(["run", file, "--format", "json"])).rows.find((r) => r.id === "society").npv;
  await page.waitForFunction((e) => document.querySelector("ekusia-calculator").shadowRoot.querySelector("[data-testid=society-npv]")?.dataset.value === e, expected);
  return cliReport(await modelOf(page));
}

/** Payback as the page must write it (SPEC §8.6, the core's format::duration). */
function duration(months, lang) {
  if (months == null) return "–";
  const w = Math.round(Number(months)), y = Math.floor(w / 12), m = w % 12;
  const yr = lang === "sv" ? `${y} år` : `${y} year${y === 1 ? "" : "s"}`;
  const mo = lang === "sv" ? `${m} mån` : `${m} month${m === 1 ? "" : "s"}`;
  return y === 0 ? mo : m === 0 ? yr : `${yr} ${mo}`;
}

/** The breakdown bars shown: value, sign and category, in order. */
const barsShown = (page, testid = "breakdown") => shadow(page, (r, id) => [...r.querySelectorAll(`[data-testid=${id}] .bd-bar`)]
  .map((b) => ({ value: b.dataset.value, sign: b.classList.contains("neg") ? "neg" : "pos", category: b.dataset.category ?? null })), testid);

async function breakdownAgrees(page, row) {
  const entries = row.breakdown.filter((b) => Number(b.pv_effect) !== 0);
  const shown = await barsShown(page);
  assert.deepEqual(shown, entries.map((b) => ({ value: b.pv_effect, sign: Number(b.pv_effect) < 0 ? "neg" : "pos", category: b.category ?? "" })), row.id);
  const costs = row.cost_breakdown.filter((c) => Number(c.pv_cost) !== 0).map((c) => ({ value: c.pv_cost, sign: "pos", category: null }));
  assert.deepEqual(await barsShown(page, "cost-breakdown"), costs, `${row.id} costs`);
}

test("Swedish figures: payback in years and months, milestones, potential, efficiency, breakdown per row", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const report = await importModel(page, vector("v11-swedish-figures.toml"));
  const soc = report.rows.find((r) => r.id === "society");
  assert.equal(await page.locator("[data-testid=society-payback]").innerText(), duration(soc.payback_months, "sv"));
  assert.match(await page.locator("[data-testid=society-payback]").innerText(), /^\d+ år( \d+ mån)?$|^\d+ mån$/);
  for (const r of report.rows) {
    const tr = page.locator(`[data-testid=summary] tr[data-row="${r.id}"]`);
    assert.equal((await tr.locator("td[data-months]").innerText()).replace(/\u00a0/g, " "), duration(r.payback_months, "sv"), r.id);
    // Milestones: npv after each milestone year, the command line's decimals.
    const ms = await page.locator(`[data-testid=milestones] tr[data-row="${r.id}"] td[data-years]`).evaluateAll((tds) => tds.map((td) => [Number(td.dataset.years), td.dataset.value]));
    assert.deepEqual(ms, r.milestones.map((m) => [m.years, m.npv]));
    // Potential and efficiency.
    const p = page.locator(`[data-testid=potential] tr[data-row="${r.id}"]`);
    assert.equal(await p.locator("td[data-value]").getAttribute("data-value"), r.potential ?? "");
    assert.equal(await p.locator("td[data-efficiency]").getAttribute("data-efficiency"), r.efficiency ?? "");
    assert.ok(!(Number(r.efficiency) < 1 && (await p.locator("td[data-efficiency]").innerText()) === "100 %"));
  }
  const ths = await page.locator("[data-testid=milestones] th").allInnerTexts();
  assert.deepEqual(ths.slice(1), soc.milestones.map((m) => `Nettonuvärde efter år ${m.years}`));
  await page.getByText("Effektivitet: hur stor del av den möjliga vinsten som nåddes.").waitFor();

  // The breakdown: society by default, then each row from the list.
  assert.equal(await page.locator("[data-testid=breakdown-row]").inputValue(), "society");
  await breakdownAgrees(page, soc);
  for (const r of report.rows) {
    await page.locator("[data-testid=breakdown-row]").selectOption(r.id);
    await breakdownAgrees(page, r);
    if (r.pv_cost_per_participant != null && Number(r.pv_cost) > 0) {
      assert.equal(await page.locator("[data-testid=cost-per-participant]").getAttribute("data-value"), r.pv_cost_per_participant);
    }
  }
  // The municipality gains benefits and taxes (right); the labels are words, not ids.
  await page.locator("[data-testid=breakdown-row]").selectOption("municipality");
  const labels = await page.locator("[data-testid=breakdown] .bd-label").allInnerTexts();
  assert.deepEqual(labels.map((l) => l.split(" ")[0]), ["ersättningar", "handläggning", "skatter"]);
  // The choice survives a recompute and the language switch; English words and payback.
  await page.getByRole("button", { name: "In English" }).click();
  await page.getByText("Where the value comes from").waitFor();
  assert.equal(await page.locator("[data-testid=breakdown-row]").inputValue(), "municipality");
  assert.deepEqual((await page.locator("[data-testid=breakdown] .bd-label").allInnerTexts()).map((l) => l.split(/\s+/)[0]), ["benefits", "case", "taxes"]);
  assert.equal(await page.locator("[data-testid=society-payback]").innerText(), duration(soc.payback_months, "en"));
  assert.match(await page.locator("[data-testid=society-payback]").innerText(), /^\d+ years?( \d+ months?)?$|^\d+ months?$/);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("breakdowns: gains right, losses left, zero entries left out, for every row", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const report = await importModel(page, vector("v11-breakdowns.toml"));
  let signs = 0;
  for (const r of report.rows) {
    await page.locator("[data-testid=breakdown-row]").selectOption(r.id);
    await breakdownAgrees(page, r);
    signs += r.breakdown.filter((b) => Number(b.pv_effect) < 0).length;
    // The table under the chart holds the same entries and the row's pv_effect.
    const table = await page.locator("[data-testid=breakdown-table] td[data-value]").evaluateAll((tds) => tds.map((td) => td.dataset.value));
    if (table.length) assert.deepEqual(table, [...r.breakdown.filter((b) => Number(b.pv_effect) !== 0).map((b) => b.pv_effect), r.pv_effect]);
  }
  assert.ok(signs > 0, "the vector has losses, drawn to the left");
  // A loss's bar ends left of the zero line and a gain's starts at it.
  const geometry = await shadow(page, (r) => {
    const zero = r.querySelector("[data-testid=breakdown] .bd-pos").getBoundingClientRect().left;
    return [...r.querySelectorAll("[data-testid=breakdown] .bd-bar")].map((b) => {
      const box = b.getBoundingClientRect();
      return { neg: b.classList.contains("neg"), left: box.left - zero, right: box.right - zero };
    });
  });
  for (const g of geometry) assert.ok(g.neg ? g.right <= 1 : g.left >= -1, JSON.stringify(g));
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("outcomes: effect and present value with the unit, net cost per unit per row", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const report = await importModel(page, vector("v11-outcomes.toml"));
  assert.equal(await page.locator("[data-testid=outcome]").count(), report.outcomes.length);
  for (const o of report.outcomes) {
    const sec = page.locator(`[data-testid=outcome][data-outcome="${o.id}"]`);
    assert.equal(await sec.locator("[data-testid=outcome-effect]").getAttribute("data-value"), o.effect);
    assert.equal(await sec.locator("[data-testid=outcome-pv]").getAttribute("data-value"), o.pv_effect);
    if (o.unit) assert.ok((await sec.locator("[data-testid=outcome-pv]").innerText()).endsWith(` ${o.unit.sv}`));
    const shown = await sec.locator("tr[data-row]").evaluateAll((trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.row, tr.querySelector("td[data-value]").dataset.value || null])));
    assert.deepEqual(shown, o.net_cost_per_unit);
  }
  assert.match(await page.locator('[data-outcome="in_work"] th').nth(1).innerText(), /^Nettokostnad per personår$/);
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a two-strategy Markov model: the payer's net cost per life year is the ICER", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 1600 } });
  const page = await open(ctx);
  const report = await importModel(page, vector("v11-markov-hiv.toml"));
  const icer = report.outcomes[0].net_cost_per_unit.nhs;
  assert.equal(icer.slice(0, 7), "6275.95");
  const cell = page.locator('[data-outcome="life_years"] tr[data-row="nhs"] td[data-value]');
  assert.equal(await cell.getAttribute("data-value"), icer);
  assert.equal((await cell.innerText()).replace(/\s/g, " "), "6 276 GBP");
  assert.equal(await page.locator('[data-outcome="life_years"] th').nth(1).innerText(), "Nettokostnad per levnadsår");
  await page.getByRole("button", { name: "In English" }).click();
  await page.getByText("Outcomes that are not money").waitFor();
  assert.equal(await cell.innerText(), "GBP 6,276");
  assert.equal(await page.locator('[data-outcome="life_years"] th').nth(1).innerText(), "Net cost per unit (life years)");
  assert.match(await page.locator('[data-outcome="life_years"] [data-testid=outcome-effect]').innerText(), /^Effect: 946\.2 life years$/);
  // No payback: a dash, not "0 months".
  assert.equal(await page.locator("[data-testid=society-payback]").innerText(), duration(report.rows.find((r) => r.id === "society").payback_months, "en"));
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("screenshots: the 1.1 outputs at 1280 and 390 px in Swedish and English; nothing off its track", async () => {
  for (const [width, height] of [[1280, 1000], [390, 844]]) {
    const ctx = await env.browser.newContext({ viewport: { width, height } });
    const page = await open(ctx);
    for (const [model, parts] of [["v11-swedish-figures.toml", ["breakdown-section", "milestones", "potential"]], ["v11-breakdowns.toml", ["breakdown-section"]], ["v11-markov-hiv.toml", ["outcome"]]]) {
      await importModel(page, vector(model));
      if (model === "v11-breakdowns.toml") await page.locator("[data-testid=breakdown-row]").selectOption("individual");
      for (const lang of ["sv", "en"]) {
        const other = lang === "en" ? "In English" : "På svenska";
        if ((await page.locator('button[data-action="lang"]').innerText()) === other) await page.getByRole("button", { name: other }).click();
        await page.locator(`[data-testid=breakdown-section] h3`).filter({ hasText: lang === "sv" ? "Var värdet kommer ifrån" : "Where the value comes from" }).waitFor();
        const stem = model.replace(/\.toml$/, "").replace(/^v11-/, "");
        for (const part of parts) {
          // A table with its scrolling box, so what a phone cuts off shows.
          const el = page.locator(`[data-testid=${part}]`).first();
          await (part === "milestones" || part === "potential" ? el.locator("xpath=..") : el).screenshot({ path: path.join(shots, `calculator-12-${stem}-${part}-${lang}-${width}.png`) });
        }
        if (model === "v11-swedish-figures.toml") {
          await page.locator("[data-testid=chart]").scrollIntoViewIfNeeded();
          await page.screenshot({ path: path.join(shots, `calculator-12-page-${lang}-${width}.png`) });
        }
        // Every amount inside its track, every label inside its row; no page overflow.
        const off = await shadow(page, (r) => [...r.querySelectorAll(".bd-row")].flatMap((row) => {
          const track = row.querySelector(".bd-track").getBoundingClientRect();
          return [...row.querySelectorAll(".bd-amount, .bd-bar")].filter((el) => {
            const b = el.getBoundingClientRect();
            return b.left < track.left - 1 || b.right > track.right + 1;
          }).map((el) => `${row.querySelector(".bd-label").textContent}: ${el.textContent || el.dataset.value}`);
        }));
        assert.deepEqual(off, [], `${model} ${lang} ${width}`);
        // The new tables fit without scrolling sideways, on a phone too.
        const wide = await shadow(page, (r) => [...r.querySelectorAll("table.fit")].filter((t) => t.parentElement.scrollWidth > t.parentElement.clientWidth + 1).map((t) => t.dataset.testid));
        assert.deepEqual(wide, [], `${model} ${lang} ${width}: tables wider than the column`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `page overflows by ${overflow}px at ${width}px`);
      }
    }
    assert.deepEqual(page.jsErrors, []);
    await ctx.close();
  }
});
