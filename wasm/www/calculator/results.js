// The results as HTML: the headline cards, the summary per actor, the target groups, the chart
// and the warnings;
// and the uncertainty analysis from the worker (probabilities, quantiles, histogram, tornado).
// Every figure and row name is written by format.js.
import { esc } from "./html.js";
import { orderedRows, rowName } from "./format.js";
import { cumulativeChart, histogram, tornado } from "./charts.js";

// `v`, the view every function here reads: { report, lang, t, fmt }.

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
      ${card(L("bcr"), fmt.ratio(soc.bcr), ' data-testid="society-bcr"')}
      ${card(L("payback"), soc.payback_year ?? fmt.none, ' data-testid="society-payback"')}</div>`;
  // The break-even column when the model measures in successes (the core's tables do the same).
  const hasSuccess = r.model.success != null;
  const rows = orderedRows(r.rows);
  const totalCost = Number(soc.pv_cost);
  h += `<div class="scroll"><table data-testid="summary"><thead><tr><th>${L("actor")}</th><th>${L("npv")}</th><th>${L("bcr")}</th><th>${L("payback")}</th>${hasSuccess ? `<th>${L("breakEven")}</th>` : ""}<th>${L("pays")}</th><th>${L("fair")}</th></tr></thead><tbody>`;
  for (const x of rows) {
    // The share of the cost each payer carries now; the aggregates and the individual pay none.
    const pays = x.kind === "aggregate" || x.kind === "individual" || !(totalCost > 0) ? fmt.none : fmt.percent(Number(x.pv_cost) / totalCost);
    h += `<tr class="${x.kind === "aggregate" ? "agg" : ""}" data-row="${esc(x.id)}"><td>${esc(name(x))}</td><td${neg(x.npv)} data-value="${esc(x.npv)}">${fmt.money(x.npv)}</td><td>${fmt.ratio(x.bcr)}</td><td>${x.payback_year ?? fmt.none}</td>${hasSuccess ? `<td>${fmt.ratio(x.break_even_successes, 1)}</td>` : ""}<td>${pays}</td><td>${fmt.percent(x.fair_cost_share)}</td></tr>`;
  }
  h += `</tbody></table></div>${groupsTable(v)}`;
  h += `<h3>${L("chart")}</h3>${cumulativeChart(rows, r.model.horizon, { fmt, name, t: L })}<p class="muted">${L("chartNote")} <span data-testid="timing"></span></p>`;
  if (r.warnings.length) h += `<h3>${L("warnings")}</h3><ul>${r.warnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>`;
  return `${h}</div>`;
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
  const pct = (p) => `${fmt.number(p * 100, 1)} %`;
  let h = sim.parameters.length ? "" : `<p class="muted">${L("noDists")}</p>`;
  h += `<div class="headline">${card(L("pPositive"), pct(soc.p_positive), ` data-testid="p-positive" data-value="${soc.p_positive}"`)}</div>`;
  h += `<div class="scroll"><table data-testid="sim-table"><thead><tr><th>${L("actor")}</th><th>P5</th><th>P50</th><th>P95</th><th>P(${L("npv")} &gt; 0)</th></tr></thead><tbody>`;
  for (const r of sim.rows) {
    h += `<tr class="${r.kind === "aggregate" ? "agg" : ""}"><td>${esc(rowName(r, v.lang))}</td><td>${fmt.money(r.p5)}</td><td>${fmt.money(r.p50)}</td><td>${fmt.money(r.p95)}</td><td>${pct(r.p_positive)}</td></tr>`;
  }
  h += `</tbody></table></div><h3>${L("histogram")}</h3>${histogram(soc, { fmt, t: L })}`;
  h += `<h3>${L("tornado")}</h3>${tornado(sens, { fmt, t: L })}`;
  h += `<p class="muted" data-testid="sim-timing">${L("simulated")} ${fmt.number(simMs, 0)} ${L("ms")} (${fmt.number(sim.runs)} × ${sim.parameters.length}).</p>`;
  return h;
}
