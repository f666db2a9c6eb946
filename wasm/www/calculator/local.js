// Local values (issue 16): what each state means for each actor per person and year, the
// parameters each state's flows are built from (with their source, year and quality in the
// parameters panel, where they are edited) and the price year. The amounts are the core's: each
// is a one-person, one-year evaluation of the model with everyone in that state (`probeModel`),
// read from the report's first year, so the page computes nothing itself.
import { esc } from "./html.js";
import { localName, orderedRows, rowName } from "./format.js";

// `v` is the view described in fields.js; `v.local` is { rows, states } from `localRows` (or
// null until the section is opened).

/** The keys of a model that say what the states and parameters are (all but the intervention). */
const KEEP_OUT = new Set(["name", "intervention", "scenarios", "groups", "analysis", "outcomes", "horizon", "discount_rate"]);

/** A model with one person in state `id` for one undiscounted year and nothing else, so each
 * report row's `years[0].with` is that state's net amount per person and year for the row. */
export function probeModel(model, id) {
  const keep = Object.fromEntries(Object.entries(model).filter(([k]) => !KEEP_OUT.has(k)));
  return {
    ...keep, name: "probe", horizon: "1", discount_rate: "0",
    intervention: { start: { [id]: "1" }, cohorts: [{ start_year: "0", participants: "1" }] },
    analysis: { attribution: "1" },
  };
}

/** The parameters a state's flows name in their formulas (ids of `parameters` found in them). */
export function parametersOf(state, parameters) {
  const ids = new Set(parameters.map((p) => p.id));
  const used = new Set();
  for (const f of state.flows ?? []) {
    const text = typeof f.amount === "string" ? f.amount : JSON.stringify(f.amount ?? "");
    for (const m of text.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) if (ids.has(m[0])) used.add(m[0]);
  }
  return [...used];
}

/** The section: the price year, the hint and a folded table filled when it is opened. */
export function localValuesHtml(v) {
  const L = v.t;
  let h = `<fieldset data-fieldset="local" data-testid="local-values"><legend>${L("localValues")}</legend><p class="muted">${L("localHint")}</p>`;
  if (v.priceYear != null) h += `<p class="muted">${esc(L("priceYear").replace("{year}", v.priceYear))}</p>`;
  h += `<details data-keep="local-table" data-testid="local-values-details"><summary>${L("perStateTable")}</summary><div class="local-body" data-testid="local-values-body"></div></details>`;
  return `${h}</fieldset>`;
}

/** The table: a row per state, a column per actor and aggregate (net per person and year, the
 * core's figures) and the parameters the state is built from, each a button to its field. */
export function localTableHtml(v, local) {
  const L = v.t;
  if (!local?.rows.length) return `<p class="muted">${L("invalid")}</p>`;
  const cols = orderedRows(local.rows[0].report.rows);
  let h = `<div class="scroll"><table class="cards" data-testid="local-values-table"><caption class="vh">${esc(L("perStateTable"))} (${esc(L("perYear"))})</caption><thead><tr><th>${L("state")}</th>`;
  h += cols.map((c) => `<th>${esc(rowName(c, v.lang))}</th>`).join("") + `<th>${L("usedBy")}</th></tr></thead><tbody>`;
  for (const { state, report, params } of local.rows) {
    h += `<tr data-state-values="${esc(state.id)}"><td>${esc(localName(state.name, v.lang))}</td>`;
    for (const c of cols) {
      const x = report.rows.find((r) => r.id === c.id);
      const value = x?.years[0]?.with;
      h += `<td data-label="${esc(rowName(c, v.lang))}" data-row="${esc(c.id)}" data-value="${esc(value ?? "")}"${Number(value) < 0 ? ' class="neg"' : ""}>${v.fmt.money(value)}</td>`;
    }
    h += `<td data-label="${esc(L("usedBy"))}" class="params">${params.map((id) => `<button type="button" class="link-button" data-goto-param="${esc(id)}" aria-label="${esc(`${L("goToParam")}: ${id} (${localName(state.name, v.lang)})`)}">${esc(id)}</button>`).join(" ") || v.fmt.none}</td></tr>`;
  }
  return `${h}</tbody></table></div>`;
}
