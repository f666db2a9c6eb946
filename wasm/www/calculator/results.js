// The results as HTML: the headline cards, the summary per actor, the target groups, the chart,
// where the value comes from (breakdown by category and cost by item, for a chosen row), short
// and medium term (milestones), the possible gain and efficiency, the outcomes that are not
// money, and the warnings;
// and the uncertainty analysis from the worker (probabilities, quantiles, histogram, tornado).
// Every figure and row name is written by format.js.
import { esc } from "./html.js";
import { orderedRows, rowName, localName, categoryLabel, flowTypeLabel, yearLabel } from "./format.js";
import { cumulativeChart, histogram, tornado, bars } from "./charts.js";

// `v`, the view every function here reads: { report, lang, t, fmt, breakdownRow } (breakdownRow:
// the row whose breakdown is shown, society when unset or gone).

// A payback such as "2 år 11 mån" may break between the years and the months, never inside either.
const keep = (text) => text.replace(/(\d) /g, "$1\u00a0");

const neg = (d) => (Number(d) < 0 ? ' class="neg"' : "");

function card(label, value, attrs = "") {
  return `<div class="card"><div class="label">${label}</div><div class="value"${attrs}>${value}</div></div>`;
}

/** The report: the cards for society and the public sector, the summary table, the chart. */
export function reportHtml(v) {
  const { report: r, t: L, fmt } = v;
  const name = (x) => rowName(x, v.lang);
  const soc = r.rows.find((x) => x.id === "society");
  const pub = r.rows.find((x) => x.id === "public_sector");
  let h = `<div class="figures"><div class="headline">
      ${card(L("society"), fmt.money(soc.npv), ` data-testid="society-npv" data-value="${esc(soc.npv)}"${neg(soc.npv)}`)}
      ${card(esc(name(pub)), fmt.money(pub.npv), ` data-testid="public-npv" data-value="${esc(pub.npv)}"${neg(pub.npv)}`)}
      ${card(L("bcr"), fmt.bcr(soc.bcr), ' data-testid="society-bcr"')}
      ${card(L("payback"), fmt.duration(soc.payback_months), ` data-testid="society-payback" data-months="${esc(soc.payback_months ?? "")}"`)}</div>`;
  // Warnings belong beside the figures they qualify, not under the chart.
  if (r.warnings.length) h += `<div class="warnings" data-testid="warnings"><strong>${L("warningsNear")}:</strong><ul>${r.warnings.map((w) => `<li>${esc(warningText(w, v))}</li>`).join("")}</ul></div>`;
  // The break-even column when the model measures in successes (the core's tables do the same).
  const hasSuccess = r.model.success != null;
  const rows = orderedRows(r.rows);
  const totalCost = Number(soc.pv_cost);
  h += `<div class="scroll"><table class="cards" data-testid="summary"><thead><tr><th>${L("actor")}</th><th>${L("npv")}</th><th>${L("bcr")}</th><th>${L("payback")}</th>${hasSuccess ? `<th>${L("breakEven")}</th>` : ""}<th>${L("pays")}</th><th>${L("fair")}</th></tr></thead><tbody>`;
  for (const x of rows) {
    // The share of the cost each payer carries now; the aggregates and the individual pay none.
    const pays = x.kind === "aggregate" || x.kind === "individual" || !(totalCost > 0) ? fmt.none : fmt.percent(Number(x.pv_cost) / totalCost);
    h += `<tr class="${x.kind === "aggregate" ? "agg" : ""}" data-row="${esc(x.id)}"><td>${esc(name(x))}</td><td${neg(x.npv)} data-label="${esc(L("npv"))}" data-value="${esc(x.npv)}">${fmt.money(x.npv)}</td><td class="wrap" data-label="${esc(L("bcr"))}">${fmt.bcr(x.bcr)}</td><td class="wrap" data-label="${esc(L("payback"))}" data-months="${esc(x.payback_months ?? "")}">${keep(fmt.duration(x.payback_months))}</td>${hasSuccess ? `<td data-label="${esc(L("breakEven"))}" data-value="${esc(x.break_even_successes ?? "")}">${fmt.persons(x.break_even_successes)}</td>` : ""}<td data-label="${esc(L("pays"))}">${pays}</td><td data-label="${esc(L("fair"))}">${fmt.percent(x.fair_cost_share)}</td></tr>`;
  }
  h += `</tbody></table></div><p class="muted">${L("fairHelp")}</p>${groupsTable(v)}`;
  h += `<h3>${L("chart")}</h3>${cumulativeChart(rows, r.model.horizon, { fmt, name, t: L, calendar: v.calendar, narrow: v.narrow })}<p class="muted">${L("chartNote")} <span data-testid="timing"></span></p>`;
  h += chartTable(v, rows);
  h += breakdownSection(v) + milestonesTable(v) + potentialTable(v) + outcomesSection(v);
  return `${h}</div>`;
}

/** A warning of the core in the page's language, its years counted from 1 as everywhere on the
 * page (the core counts cohort years from 0). The core words three warnings, all about things
 * outside the horizon; anything else is shown as the core wrote it. */
export function warningText(w, v) {
  const sv = v.lang === "sv";
  const yr = (n) => Number(n) + 1;
  let m = /^(\S+) starts in year (\d+), outside the horizon \(years 0 to (\d+)\), and was ignored$/.exec(w);
  if (m) {
    const place = (v.place && v.place(m[1])) || m[1];
    return sv
      ? `${place} börjar år ${yr(m[2])}, utanför tidshorisonten (år 1–${yr(m[3])}), och räknas inte med.`
      : `${place} starts in year ${yr(m[2])}, outside the horizon (years 1–${yr(m[3])}), and is left out.`;
  }
  m = /^cost '(.*)' for the cohort starting in year (\d+) falls in year (\d+), outside the horizon, and was ignored$/.exec(w);
  if (m) {
    return sv
      ? `Kostnaden ”${m[1]}” för kohorten som börjar år ${yr(m[2])} faller år ${yr(m[3])}, utanför tidshorisonten, och räknas inte med.`
      : `The cost "${m[1]}" for the cohort starting in year ${yr(m[2])} falls in year ${yr(m[3])}, outside the horizon, and is left out.`;
  }
  m = /^cost '(.*)' in year (\d+) is outside the horizon and was ignored$/.exec(w);
  if (m) {
    return sv
      ? `Kostnaden ”${m[1]}” år ${yr(m[2])} ligger utanför tidshorisonten och räknas inte med.`
      : `The cost "${m[1]}" in year ${yr(m[2])} is outside the horizon and is left out.`;
  }
  return w;
}

/** The chart's data: each row's cumulative discounted net per year, years down the side. */
function chartTable(v, rows) {
  const { report: r, fmt } = v;
  const head = [v.t("year"), ...rows.map((x) => esc(rowName(x, v.lang)))];
  let body = "";
  for (let t = 0; t < r.model.horizon; t++) {
    body += `<tr><td>${esc(yearLabel(t, v.calendar, v.lang))}</td>${rows.map((x) => `<td${neg(x.years[t]?.cumulative_pv_net)}>${fmt.money(x.years[t]?.cumulative_pv_net)}</td>`).join("")}</tr>`;
  }
  return dataTable(v, "chart-table", head, body, v.t("chartTable"));
}

/** A table in a disclosure, the data of the chart above it (for screen readers and copying). */
const dataTable = (v, testid, head, body, caption = "") =>
  `<details class="data"><summary>${v.t("asTable")}${caption ? `<span class="vh">: ${esc(caption)}</span>` : ""}</summary><div class="scroll"><table data-testid="${testid}">${caption ? `<caption class="vh">${esc(caption)}</caption>` : ""}<thead><tr>${head.map((x) => `<th>${x}</th>`).join("")}</tr></thead><tbody>${body}</tbody></table></div></details>`;

/** Where the value comes from (SPEC §8.5): a selector of the row (society first, the public
 * sector, each actor), and the row's breakdown and cost by item (`breakdownBody`). */
export function breakdownSection(v) {
  const { report: r, t: L } = v;
  const rows = breakdownRows(r.rows);
  const chosen = chosenRow(v);
  const opts = rows.map((x) => `<option value="${esc(x.id)}"${x.id === chosen.id ? " selected" : ""}>${esc(rowName(x, v.lang))}</option>`).join("");
  return `<section data-testid="breakdown-section"><h3>${L("breakdown")}</h3>
    <div class="field inline"><label>${L("showFor")} <select data-testid="breakdown-row">${opts}</select></label></div>
    <p class="muted">${L("breakdownHint")}</p><div class="bd-body" aria-live="polite">${breakdownBody(v)}</div></section>`;
}

// The rows a breakdown can be shown for: society, the public sector, then the actors.
const breakdownRows = (rows) => [...rows.filter((x) => x.id === "society"), ...rows.filter((x) => x.kind === "aggregate" && x.id !== "society"), ...orderedRows(rows).filter((x) => x.kind !== "aggregate")];
const chosenRow = (v) => v.report.rows.find((x) => x.id === v.breakdownRow) ?? breakdownRows(v.report.rows)[0];

/** The chosen row's breakdown by category as bars (entries of exactly 0 left out) with its data
 * table, then its cost by item (items it pays none of left out) and its cost per participant. */
export function breakdownBody(v) {
  const { t: L, fmt } = v;
  const row = chosenRow(v);
  const name = esc(rowName(row, v.lang));
  const entries = (row.breakdown ?? []).filter((b) => Number(b.pv_effect) !== 0);
  let h = "";
  if (!entries.length) h += `<p class="muted" data-testid="no-effects">${L("noEffects")}</p>`;
  else {
    const parts = entries.map((b) => ({
      label: categoryLabel(b, v.lang), sub: b.category ? flowTypeLabel(b.type, v.lang) : L("noCategory"), value: b.pv_effect,
      attrs: ` data-type="${esc(b.type)}" data-category="${esc(b.category ?? "")}"`,
    }));
    h += bars(parts, { fmt, label: `${L("breakdown")}: ${rowName(row, v.lang)}`, testid: "breakdown" });
    const body = parts.map((p, i) => `<tr><td>${esc(p.label)}</td><td>${esc(flowTypeLabel(entries[i].type, v.lang))}</td><td${neg(p.value)} data-value="${esc(p.value)}">${fmt.money(p.value)}</td></tr>`).join("")
      + `<tr class="agg"><td>${L("total")}</td><td></td><td${neg(row.pv_effect)} data-value="${esc(row.pv_effect)}">${fmt.money(row.pv_effect)}</td></tr>`;
    h += dataTable(v, "breakdown-table", [L("category"), L("flowType"), `${name}: ${L("pvEffect")}`], body);
  }
  h += `<h4>${L("costByItem")}: ${name}</h4>`;
  const items = (row.cost_breakdown ?? []).filter((c) => Number(c.pv_cost) !== 0);
  if (!items.length) return `${h}<p class="muted" data-testid="no-costs">${L("noCosts")}</p>`;
  h += bars(items.map((c) => ({ label: c.name, value: c.pv_cost })), { fmt, label: `${L("costByItem")}: ${rowName(row, v.lang)}`, testid: "cost-breakdown", kind: "cost" });
  const total = Number(row.pv_cost);
  const body = items.map((c) => `<tr><td>${esc(c.name)}</td><td data-value="${esc(c.pv_cost)}">${fmt.money(c.pv_cost)}</td><td>${total > 0 ? fmt.percent(Number(c.pv_cost) / total) : fmt.none}</td></tr>`).join("")
    + `<tr class="agg"><td>${L("total")}</td><td data-value="${esc(row.pv_cost)}">${fmt.money(row.pv_cost)}</td><td></td></tr>`;
  h += dataTable(v, "cost-table", [L("costItem"), L("pvCost"), L("shareOfCost")], body);
  if (row.pv_cost_per_participant != null) h += `<p class="muted">${L("costPerParticipant")}: <span data-testid="cost-per-participant" data-value="${esc(row.pv_cost_per_participant)}">${fmt.money(row.pv_cost_per_participant)}</span></p>`;
  return h;
}

/** Short and medium term (SPEC §8.6): each row's npv after the model's milestone years. */
export function milestonesTable(v) {
  const { report: r, t: L, fmt } = v;
  const first = r.rows[0]?.milestones ?? [];
  if (!first.length) return "";
  let h = `<h3>${L("milestones")}</h3><p class="muted">${L("milestonesHint")}</p><div class="scroll"><table class="fit" data-testid="milestones"><thead><tr><th>${L("actor")}</th>`;
  h += first.map((m) => `<th>${L("npvAfter")} ${v.calendar != null ? `${m.years} (${v.calendar + m.years - 1})` : m.years}</th>`).join("") + "</tr></thead><tbody>";
  for (const x of orderedRows(r.rows)) {
    h += `<tr class="${x.kind === "aggregate" ? "agg" : ""}" data-row="${esc(x.id)}"><td>${esc(rowName(x, v.lang))}</td>`;
    h += x.milestones.map((m) => `<td${neg(m.npv)} data-years="${m.years}" data-value="${esc(m.npv)}">${fmt.money(m.npv)}</td>`).join("") + "</tr>";
  }
  return `${h}</tbody></table></div>`;
}

/** The possible gain and the share of it reached (SPEC §8.6), when the model has a success. */
export function potentialTable(v) {
  const { report: r, t: L, fmt } = v;
  if (r.model.success == null) return "";
  let h = `<h3>${L("potential")}</h3><p class="muted">${L("potentialHint")}</p><div class="scroll"><table class="fit" data-testid="potential"><thead><tr><th>${L("actor")}</th><th>${L("possibleGain")}<div class="sub">${L("pvEffect")}</div></th><th>${L("efficiency")}</th></tr></thead><tbody>`;
  // Three columns, so the table fits a phone: the possible gain with what was reached under it.
  for (const x of orderedRows(r.rows)) {
    h += `<tr class="${x.kind === "aggregate" ? "agg" : ""}" data-row="${esc(x.id)}"><td>${esc(rowName(x, v.lang))}</td><td data-value="${esc(x.potential ?? "")}"><div${neg(x.potential)}>${fmt.money(x.potential)}</div><div class="sub${Number(x.pv_effect) < 0 ? " neg" : ""}">${fmt.money(x.pv_effect)}</div></td><td data-efficiency="${esc(x.efficiency ?? "")}">${fmt.reached(x.efficiency)}</td></tr>`;
  }
  return `${h}</tbody></table></div>`;
}

/** The outcomes that are not money (SPEC §8.4): each one's effect over the horizon and its
 * present value in its unit, and every row's net cost per unit (the payer's is the ICER when
 * with and without are two strategies). */
export function outcomesSection(v) {
  const { report: r, t: L, fmt } = v;
  if (!r.outcomes?.length) return "";
  let h = `<h3>${L("outcomesResult")}</h3><p class="muted">${L("netCostHint")}</p>`;
  for (const o of r.outcomes) {
    const unit = o.unit ? localName(o.unit, v.lang) : "";
    const u = unit ? ` ${esc(unit)}` : "";
    h += `<section class="outcome" data-testid="outcome" data-outcome="${esc(o.id)}"><h4>${esc(localName(o.names ?? o.name, v.lang))}</h4>`;
    h += `<p><span data-testid="outcome-effect" data-value="${esc(o.effect)}">${L("effect")}: <strong class="nw">${fmt.number(o.effect, 1)}${u}</strong></span> <span class="sub">(${L("withShort")} <span class="nw">${fmt.number(o.with, 1)}</span>, ${L("withoutShort")} <span class="nw">${fmt.number(o.without, 1)}</span>)</span> · <span data-testid="outcome-pv" data-value="${esc(o.pv_effect)}">${L("presentValue")}: <strong class="nw">${fmt.number(o.pv_effect, 1)}${u}</strong></span></p>`;
    const head = unit ? L("netCostPer").replace("{unit}", esc(unit)) : L("netCostPerUnit");
    h += `<div class="scroll"><table class="fit" data-testid="net-cost"><thead><tr><th>${L("actor")}</th><th>${head}</th></tr></thead><tbody>`;
    for (const x of orderedRows(r.rows)) {
      const c = o.net_cost_per_unit?.[x.id] ?? null;
      h += `<tr class="${x.kind === "aggregate" ? "agg" : ""}" data-row="${esc(x.id)}"><td>${esc(rowName(x, v.lang))}</td><td data-value="${esc(c ?? "")}">${fmt.money(c)}</td></tr>`;
    }
    h += `</tbody></table></div></section>`;
  }
  return h;
}

/** The report's target groups (SPEC §8.3), when the model has any: each group with its
 * participants under its name, and the present value of the effects for society and the
 * municipality (else the first public actor), each in total with the amount per participant
 * under it (three columns, so the table fits a phone). */
export function groupsTable(v) {
  const { report: r, t: L, fmt } = v;
  if (!r.groups?.length) return "";
  const soc = r.rows.find((x) => x.id === "society");
  const local = r.rows.find((x) => x.id === "municipality") ?? r.rows.find((x) => x.kind === "public");
  const cols = [soc, local].filter(Boolean);
  let h = `<h3>${L("byGroup")}</h3><div class="scroll"><table data-testid="groups"><thead><tr><th>${L("group")}<div class="sub">${L("participants")}</div></th>`;
  h += cols.map((c) => `<th>${esc(rowName(c, v.lang))}<div class="sub">${L("pvEffect")}</div><div class="sub">${L("perParticipant")}</div></th>`).join("");
  h += `</tr></thead><tbody>`;
  for (const g of r.groups) {
    h += `<tr data-group="${esc(g.id)}"><td>${esc(rowName(g, v.lang))}<div class="sub" data-participants="${g.participants}">${fmt.number(g.participants)}</div></td>`;
    for (const c of cols) {
      const x = g.rows.find((y) => y.id === c.id);
      h += `<td data-row="${esc(c.id)}" data-value="${esc(x.pv_effect)}"><div${neg(x.pv_effect)}>${fmt.money(x.pv_effect)}</div><div class="sub${Number(x.pv_effect_per_participant) < 0 ? " neg" : ""}" data-per-participant="${esc(x.pv_effect_per_participant ?? "")}">${fmt.money(x.pv_effect_per_participant)}</div></td>`;
    }
    h += `</tr>`;
  }
  return `${h}</tbody></table></div>`;
}

/** A simulation (`sim`, `sens`, `simMs` from the worker): P(npv > 0), quantiles per row, the
 * histogram of society's npv and the tornado. */
export function simulationHtml(v, { sim, sens, simMs }) {
  const { t: L, fmt } = v;
  const soc = sim.rows.find((r) => r.id === "society");
  const pct = (p) => fmt.probability(p);
  let h = sim.parameters.length ? "" : `<p class="muted">${L("noDists")}</p>`;
  h += `<div class="headline">${card(L("pPositive"), pct(soc.p_positive), ` data-testid="p-positive" data-value="${soc.p_positive}"`)}</div>`;
  h += `<div class="scroll"><table class="cards" data-testid="sim-table"><thead><tr><th>${L("actor")}</th><th>P5</th><th>P50</th><th>P95</th><th>P(${L("npvBreak")} &gt; 0)</th></tr></thead><tbody>`;
  for (const r of sim.rows) {
    h += `<tr class="${r.kind === "aggregate" ? "agg" : ""}"><td>${esc(rowName(r, v.lang))}</td><td data-label="P5">${fmt.money(r.p5)}</td><td data-label="P50">${fmt.money(r.p50)}</td><td data-label="P95">${fmt.money(r.p95)}</td><td data-label="P(${esc(L("npv"))} > 0)">${pct(r.p_positive)}</td></tr>`;
  }
  h += `</tbody></table></div><h3>${L("histogram")}</h3>${histogram(soc, { fmt, t: L, narrow: v.narrow })}`;
  const { min, max, counts } = soc.histogram;
  const w = (max - min) / (counts.length || 1);
  h += dataTable(v, "histogram-table", [L("range"), L("count")], counts.map((c, i) => `<tr><td>${fmt.money(min + i * w)} – ${fmt.money(min + (i + 1) * w)}</td><td>${fmt.number(c)}</td></tr>`).join(""), L("histTable"));
  const label = (row) => tornadoLabel(row, v);
  h += `<h3>${L("tornado")}</h3>${tornado(sens, { fmt, t: L, label, narrow: v.narrow })}`;
  h += dataTable(v, "tornado-table", [L("tornadoTable"), L("low20"), L("high20")], sens.rows.slice(0, 10).map((x) =>
    `<tr><td>${esc(label(x))}</td><td${neg(x.npv_low)}>${fmt.money(x.npv_low)}</td><td${neg(x.npv_high)}>${fmt.money(x.npv_high)}</td></tr>`).join(""), L("tornadoTable"));
  h += `<p class="muted" data-testid="sim-timing">${L("simulated")} ${fmt.number(simMs, 0)} ${L("ms")} (${fmt.number(sim.runs)} × ${sim.parameters.length}).</p>`;
  return h;
}

/** A tornado bar's label: a parameter by its name, any other value by its field in the form
 * ("Med insatsen, övergång 2 · Andel") rather than its path in the model. */
export function tornadoLabel(row, v) {
  if (row.names) return localName(row.names, v.lang);
  const state = (id) => localName(v.states?.find((s) => s.id === id)?.name, v.lang) || id;
  const m = /^(groups\[\d+\]\.)?scenarios\.(with|without)\.transitions\[(\d+)\]\.share$/.exec(row.path);
  const tr = m ? (m[1] ? null : v.model?.scenarios?.[m[2]]?.transitions?.[Number(m[3])]) : null;
  if (tr) return `${state(tr.from)} → ${state(tr.to)} (${v.t(m[2] === "with" ? "withShort" : "withoutShort")})`;
  const c = /^intervention\.costs\[(\d+)\]\.(amount|per_participant)$/.exec(row.path);
  if (c && v.model?.intervention?.costs?.[Number(c[1])]?.name) return `${v.t("costName")}: ${v.model.intervention.costs[Number(c[1])].name}`;
  if (row.path === "analysis.attribution") return v.t("attribution").replace(/ \(.*\)$/, "");
  return (v.place && v.place(row.path)) || row.label || row.path;
}
