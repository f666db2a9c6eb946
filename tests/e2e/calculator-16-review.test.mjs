// What a review of the calculator as a first-time visitor and as an analyst found (1280 and
// 390 px, a 680 px column, Swedish and English): each fix with the browser test that shows it.
// Figures come from the page's own report or the core in the same page, never copied here.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import { shots, env, start, stop, open, npvChangedFrom, societyNpv, menuItem } from "./page.mjs";

before(start);
after(stop);

const inShadow = (page, fn, arg) => page.evaluate(([f, a]) => new Function("r", "a", `return (${f})(r, a);`)(document.querySelector("ekusia-calculator").shadowRoot, a), [fn.toString(), arg]);

async function english(page) {
  await page.getByRole("button", { name: "In English" }).click();
  await page.getByText("Society's net present value", { exact: true }).waitFor();
}

test("the whole stylesheet applies: no stray brace drops the rules after it (the share link field)", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(ctx);
  const facts = await inShadow(page, (r) => {
    const rules = [...r.querySelector("style").sheet.cssRules];
    return { link: rules.some((x) => x.selectorText === ".link"), code: rules.some((x) => x.selectorText === "code") };
  });
  assert.deepEqual(facts, { link: true, code: true });
  await page.getByRole("button", { name: "Kopiera delningslänk" }).click();
  const widths = await inShadow(page, (r) => {
    const input = r.querySelector("[data-testid=share-link]");
    return [input.getBoundingClientRect().width, input.closest("label").getBoundingClientRect().width];
  });
  assert.ok(Math.abs(widths[0] - widths[1]) <= 1, `the link field spans its box (${widths})`);
  await ctx.close();
});

/** The chart's end labels: each inside the drawing, none overlapping another, each tied by a
 * leader to the last point of its own line. */
const endLabels = (page) => inShadow(page, (r) => {
  const svg = r.querySelector("[data-testid=chart]");
  const vb = svg.viewBox.baseVal;
  const lines = [...svg.querySelectorAll("polyline:not([data-leader])")];
  return [...svg.querySelectorAll("text[data-end]")].map((t) => {
    const b = t.getBBox();
    const id = t.dataset.end;
    const leader = svg.querySelector(`polyline[data-leader="${CSS.escape(id)}"]`);
    const line = lines.find((l) => l.querySelector("title")?.textContent === t.querySelector("title")?.textContent);
    const last = line?.points.getItem(line.points.numberOfItems - 1);
    const first = leader?.points.getItem(0), end = leader?.points.getItem(leader.points.numberOfItems - 1);
    return { id, box: [b.x, b.y, b.x + b.width, b.y + b.height], vb: [vb.x, vb.y, vb.x + vb.width, vb.y + vb.height],
      stroke: leader?.getAttribute("stroke"), lineStroke: line?.getAttribute("stroke"),
      start: first && last ? [first.x - last.x, first.y - last.y] : null, gap: end ? b.x - end.x : null, mid: end ? end.y - (b.y + b.height / 2) : null };
  });
});

test("the chart's line names: inside the drawing, apart, and tied to their lines in the lines' colours", async () => {
  for (const [width, column] of [[1280, null], [390, null], [1280, 680]]) {
    const ctx = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(ctx);
    if (column) {
      await page.evaluate((w) => { document.querySelector("ekusia-calculator").style.cssText = `display:block;width:${w}px`; }, column);
      await page.waitForTimeout(300);
    }
    const labels = await endLabels(page);
    assert.ok(labels.length >= 2);
    for (const l of labels) {
      const tag = `${width}/${column}: ${l.id}`;
      assert.ok(l.box[0] >= l.vb[0] && l.box[2] <= l.vb[2] + 0.5 && l.box[1] >= l.vb[1] && l.box[3] <= l.vb[3], `${tag} inside ${l.box} ${l.vb}`);
      assert.equal(l.stroke, l.lineStroke, `${tag}: the leader has its line's colour`);
      assert.ok(Math.hypot(...l.start) < 0.2, `${tag}: the leader starts where the line ends (${l.start})`);
      assert.ok(l.gap >= 0 && l.gap < 6 && Math.abs(l.mid) < 6, `${tag}: the leader ends at its name (${l.gap}, ${l.mid})`);
    }
    for (let i = 0; i < labels.length; i++) {
      for (let j = i + 1; j < labels.length; j++) {
        const [a, b] = [labels[i].box, labels[j].box];
        const overlap = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        assert.ok(overlap <= 1.5, `${labels[i].id} and ${labels[j].id} overlap by ${overlap}`);
      }
    }
    await page.locator("ekusia-calculator >> [data-testid=chart]").screenshot({ path: path.join(shots, `calculator-16-review-chart-${column ?? width}.png`) });
    await ctx.close();
  }
});

test("the tornado on a phone: no line crosses a label, the base case's label stays inside", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await open(ctx);
  await page.locator("[data-testid=example]").selectOption("jobbspar-osakerhet");
  await page.locator("[data-testid=runs]").fill("500");
  await page.locator("[data-testid=run-sim]").click();
  await page.locator("[data-testid=tornado]").waitFor();
  const facts = await inShadow(page, (r) => {
    const svg = r.querySelector("[data-testid=tornado]");
    const vb = svg.viewBox.baseVal;
    const segments = [...svg.querySelectorAll("[data-testid=base-line], [data-testid=zero-line]")].flatMap((el) => {
      if (el.tagName === "line") return [[Number(el.getAttribute("x1")), Number(el.getAttribute("y1")), Number(el.getAttribute("y2"))]];
      return [...el.getAttribute("d").matchAll(/M([\d.]+) ([\d.]+)V([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
    });
    const crossed = [...svg.querySelectorAll("text[data-label]")].filter((t) => {
      const b = t.getBBox();
      return segments.some(([x, y1, y2]) => x >= b.x && x <= b.x + b.width && Math.min(y2, b.y + b.height) > Math.max(y1, b.y));
    }).map((t) => t.textContent);
    const base = svg.querySelector("[data-testid=base-label]").getBBox();
    return { narrow: svg.classList.contains("narrow"), segments: segments.length, crossed, base: [base.x, base.x + base.width], vb: [vb.x, vb.x + vb.width] };
  });
  assert.ok(facts.narrow, "the phone gets the narrow tornado");
  assert.ok(facts.segments > 0);
  assert.deepEqual(facts.crossed, []);
  assert.ok(facts.base[0] >= facts.vb[0] && facts.base[1] <= facts.vb[1], `the base label is inside (${facts.base})`);
  await page.locator("ekusia-calculator >> [data-testid=tornado]").screenshot({ path: path.join(shots, "calculator-16-review-tornado-390.png") });
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("at 1280 px the summary and the simulation tables show every column, in Swedish and English", async () => {
  for (const lang of ["sv", "en"]) {
    const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(ctx);
    if (lang === "en") await english(page);
    await page.locator("[data-testid=example]").selectOption("jobbspar-osakerhet");
    await page.locator("[data-testid=runs]").fill("500");
    await page.locator("[data-testid=run-sim]").click();
    await page.locator("[data-testid=sim-table]").waitFor();
    const hidden = await inShadow(page, (r) => ["summary", "sim-table"].map((id) => {
      const box = r.querySelector(`[data-testid=${id}]`).closest(".scroll");
      return [id, box.scrollWidth - box.clientWidth];
    }).filter(([, over]) => over > 1));
    assert.deepEqual(hidden, [], `${lang}: a table scrolls sideways at 1280 px`);
    await page.locator("ekusia-calculator >> [data-testid=sim-table]").screenshot({ path: path.join(shots, `calculator-16-review-sim-table-${lang}.png`) });
    await ctx.close();
  }
  // The bundled example whose Arbetsförmedlingen ratio is negative, in English: still every column.
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(ctx);
  await english(page);
  const over = await inShadow(page, (r) => { const box = r.querySelector("[data-testid=summary]").closest(".scroll"); return box.scrollWidth - box.clientWidth; });
  assert.ok(over <= 1, `the English summary scrolls by ${over}px`);
  await ctx.close();
});

test("the English page has no Swedish words of its own: texts, the group form, the parameters' units", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(ctx);
  // Every English text of the page (the language button excepted: it names Swedish in Swedish).
  const swedish = await page.evaluate(async () => Object.entries((await import("./calculator/texts.js")).TEXTS.en)
    .filter(([k, v]) => k !== "lang" && /[åäöÅÄÖ]/.test(v)).map(([k, v]) => `${k}: ${v}`));
  assert.deepEqual(swedish, []);
  // Nor a Swedish text left untranslated (the same words in both tables), units aside.
  const same = await page.evaluate(async () => { const { TEXTS } = await import("./calculator/texts.js"); return Object.keys(TEXTS.en).filter((k) => k !== "ms" && TEXTS.en[k] === TEXTS.sv[k]); });
  assert.deepEqual(same, []);
  await english(page);
  await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.querySelectorAll("details").forEach((d) => { if (!d.classList.contains("menu")) d.open = true; }));
  for (const field of ["group-id", "param-id"]) {
    const label = await inShadow(page, (r, f) => r.querySelector(`[data-new="${f}"]`).labels[0].textContent, field);
    assert.ok(!/[åäö]|Parameterns|Målgrupp/i.test(label), label);
  }
  // The values beside the base's parameters: their units in English too.
  const units = await inShadow(page, (r) => [...r.querySelectorAll("[data-param-value]")].map((e) => e.textContent).filter((t) => t.trim()));
  assert.ok(units.length > 10);
  assert.deepEqual(units.filter((t) => /[åäö]|\bkr\b|andel|dagar|veckor|gånger|personer/i.test(t)), []);
  assert.ok(units.some((t) => /SEK\/(year|month)$/.test(t)), units.slice(0, 5).join(" | "));
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("the change since the last edit is the visitor's own: none after switching to another model", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await open(ctx);
  const participants = page.locator('input[data-path="intervention.cohorts[0].participants"]');
  let before = await societyNpv(page);
  await participants.fill(String(Number(await participants.inputValue()) + 3));
  await npvChangedFrom(page, before);
  await page.locator("[data-testid=delta-society]").waitFor();
  before = await societyNpv(page);
  await page.locator("[data-testid=example]").selectOption("jobbspar-osakerhet");
  await npvChangedFrom(page, before);
  assert.equal(await page.locator("[data-testid=delta-society]").count(), 0, "no change shown between two different models");
  assert.equal(await page.locator(".sb-note").count(), 0);
  before = await societyNpv(page);
  await page.locator('input[data-path="intervention.cohorts[0].participants"]').fill("1");
  await npvChangedFrom(page, before);
  await page.locator("[data-testid=delta-society]").waitFor();
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a transition's card gives its from and to states the same room, and on a phone their whole names", async () => {
  for (const [width, column] of [[1280, null], [1280, 680], [390, null]]) {
    const ctx = await env.browser.newContext({ viewport: { width, height: 900 } });
    const page = await open(ctx);
    if (column) {
      await page.evaluate((w) => { document.querySelector("ekusia-calculator").style.cssText = `display:block;width:${w}px`; }, column);
      await page.waitForTimeout(300);
    }
    const facts = await inShadow(page, (r) => {
      const sel = (k) => r.querySelector(`select[data-path="scenarios.with.transitions[0].${k}"]`);
      // The chosen state's name, measured in the select's own font, against the room it has (less the arrow).
      const ctx2d = document.createElement("canvas").getContext("2d");
      const cut = [...r.querySelectorAll('select[data-path*=".transitions["]')].filter((s) => {
        const cs = getComputedStyle(s);
        ctx2d.font = `${cs.fontSize} ${cs.fontFamily}`;
        return ctx2d.measureText(s.selectedOptions[0]?.textContent ?? "").width > s.clientWidth - 28;
      }).map((s) => s.selectedOptions[0]?.textContent);
      return { widths: ["from", "to"].map((k) => sel(k).getBoundingClientRect().width), cut };
    });
    const [a, b] = facts.widths;
    assert.ok(Math.abs(a - b) / a < 0.25, `${width}/${column}: from and to ${facts.widths}`);
    if (width === 390) assert.deepEqual(facts.cut, [], "every state's name fits its select on a phone");
    await ctx.close();
  }
});

test("text typed where a number goes: the Swedish sentence has no English in it", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(ctx);
  const share = page.locator('input[data-path="scenarios.with.transitions[0].share"]');
  await share.fill("abc");
  const summary = page.locator("[data-testid=error-summary]");
  await summary.locator("li").first().waitFor();
  const items = await summary.locator("li").allInnerTexts();
  const item = items.find((t) => t.includes("abc"));
  assert.ok(item, items.join(" | "));
  assert.ok(!/expected|found/.test(item), item);
  assert.match(item, /”abc” är inget tal/);
  // The same problem in English stays the core's English.
  await english(page);
  const en = await page.locator("[data-testid=error-summary] li").allInnerTexts();
  assert.ok(en.some((t) => /expected a number, found "abc"/i.test(t)), en.join(" | "));
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("Excel: a model with problems says so and points to the list; a valid one downloads and says so", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await open(ctx);
  const texts = await page.evaluate(async () => (await import("./calculator/texts.js")).TEXTS.sv);
  let downloads = 0;
  page.on("download", () => { downloads++; });
  await page.locator('input[data-path="intervention.cohorts[0].participants"]').fill("-5");
  await page.locator("[data-testid=error-summary] li").first().waitFor();
  await menuItem(page, "Ladda ner Excel");
  await page.locator("[data-testid=notice]").filter({ hasText: texts.xlsxInvalid }).waitFor();
  assert.equal(await page.evaluate(() => document.querySelector("ekusia-calculator").shadowRoot.activeElement?.dataset.testid), "error-summary");
  await page.waitForTimeout(500);
  assert.equal(downloads, 0, "nothing is downloaded while the model has problems");
  await page.locator('input[data-path="intervention.cohorts[0].participants"]').fill("40");
  await page.locator("[data-testid=error-summary]").waitFor({ state: "hidden" });
  const [download] = await Promise.all([page.waitForEvent("download"), menuItem(page, "Ladda ner Excel")]);
  assert.equal(download.suggestedFilename(), "ekusia-rapport.xlsx");
  await page.locator("[data-testid=notice]").filter({ hasText: texts.xlsxDone }).waitFor();
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});

test("a problem names its field as the form does, and a share out of range is said in percent", async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await open(ctx);
  const texts = await page.evaluate(async () => (await import("./calculator/texts.js")).TEXTS);
  const label = (lang, key) => texts[lang][key].replace(/ \(.*\)$/, "");
  await page.locator('input[data-path="horizon"]').fill("0");
  await page.locator('input[data-path="scenarios.with.transitions[0].share"]').fill("150 %");
  const summary = page.locator("[data-testid=error-summary]");
  await summary.locator("li").nth(1).waitFor();
  let items = await summary.locator("li").allInnerTexts();
  assert.ok(items.some((t) => t.includes(`${label("sv", "horizon")} måste vara minst 1 (nu 0).`)), items.join(" | "));
  assert.ok(items.some((t) => t.includes("mellan 0 % och 100 % (nu 150 %)")), items.join(" | "));
  assert.ok(items.every((t) => !/\bhorizon\b|\b1\.5\b|1,5\)/.test(t)), items.join(" | "));
  await english(page);
  items = await page.locator("[data-testid=error-summary] li").allInnerTexts();
  assert.ok(items.some((t) => t.includes(`${label("en", "horizon")} must be at least 1`)), items.join(" | "));
  assert.ok(items.some((t) => t.includes("between 0 % and 100 % (now 150 %)")), items.join(" | "));
  assert.deepEqual(page.jsErrors, []);
  await ctx.close();
});
