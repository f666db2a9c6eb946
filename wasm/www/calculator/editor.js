// The editor's form as HTML: one labelled input per value of the model, each carrying the
// value's path (data-path) and a slot for its problems (data-err-for) under the same path, so
// the engine's problems land beside the field they are about. The sections of version 1.1
// have modules of their own: parameters.js, states.js, groups.js.
import { esc } from "./html.js";
import { localName } from "./format.js";
import { errSlot, field, idFor, select } from "./fields.js";
import { cohortTable } from "./cohorts.js";
import { scenarioHtml } from "./scenario.js";
import { startFields } from "./start.js";
import { parametersHtml } from "./parameters.js";
import { statesHtml } from "./states.js";
import { groupsHtml } from "./groups.js";
import { localValuesHtml } from "./local.js";

// `v` is the view described in fields.js.

/** With target groups the top level's start, cohorts and outcomes are only their defaults. */
const defaultsNote = (v) => (v.model.groups?.length ? `<p class="muted" data-testid="defaults-note">${v.t("defaultsNote")}</p>` : "");

function general(v) {
  const { model: m, t: L } = v;
  let h = `<fieldset data-fieldset="general"><legend>${L("general")}</legend>`;
  h += field(v, "name", L("name"), m.name, { inputmode: "text" });
  h += `<div class="row">${field(v, "horizon", L("horizon"), m.horizon, { inputmode: "numeric" })}`;
  if (Array.isArray(m.discount_rate)) {
    m.discount_rate.forEach((s, i) => { h += field(v, `discount_rate[${i}].rate`, `${L("rateStep")} ${s.from_year}`, s.rate); });
  } else {
    h += field(v, "discount_rate", L("rate"), m.discount_rate ?? "0.035");
  }
  h += `</div>${field(v, "analysis.attribution", L("attribution"), m.analysis?.attribution ?? v.attribution)}`;
  // The first calendar year is the page's choice (the model counts years from 0): charts and
  // tables then read "2025 (år 1)".
  const cal = idFor(v, "__calendar");
  h += `<div class="field"><label for="${cal}">${L("calendar")}</label><input id="${cal}" inputmode="numeric" data-key="calendar" value="${esc(v.calendar ?? "")}" autocomplete="off"></div>`;
  return `${h}</fieldset>`;
}

function cohorts(v) {
  return `<fieldset data-fieldset="cohorts" data-path="intervention.cohorts"><legend>${v.t("cohorts")}</legend><p class="muted">${v.t("cohortHelp")}</p>${defaultsNote(v)}${cohortTable(v, "intervention.cohorts", v.model.intervention?.cohorts ?? [])}</fieldset>`;
}

function costs(v) {
  const L = v.t;
  const amount = `${L("amount")} (${v.fmt.unit})`;
  let h = `<fieldset data-fieldset="costs"><legend>${L("costs")}</legend>`;
  (v.model.intervention?.costs ?? []).forEach((c, i) => {
    const p = `intervention.costs[${i}]`;
    const per = c.per_participant !== undefined;
    // Each cost's fields named with the cost's number, so every name on the page is unique.
    const n = ` (${L("costName").toLowerCase()} ${i + 1})`;
    const named = (label) => `aria-label="${esc(label + n)}"`;
    h += `<div class="cost" data-path="${p}"><div class="row">${field(v, `${p}.name`, L("costName"), c.name, { inputmode: "text", attrs: `aria-label="${esc(`${L("costName")} ${i + 1}`)}"` })}
        <div class="field"><label for="${idFor(v, `${p}.__kind`)}">${L("costKind")}</label>${select(v, `${p}.__kind`, L("costKind") + n, per ? "per" : "fixed", [["fixed", L("fixed")], ["per", L("perParticipant")]])}</div>
        ${per ? field(v, `${p}.per_participant`, amount, c.per_participant, { attrs: named(amount) }) : field(v, `${p}.amount`, amount, c.amount, { attrs: named(amount) })}
        ${per ? field(v, `${p}.cohort_year`, L("cohortYear"), c.cohort_year ?? "0", { inputmode: "numeric", attrs: named(L("cohortYear")) }) : field(v, `${p}.years`, L("years"), (c.years ?? ["0"]).join(", "), { inputmode: "text", attrs: named(L("years")) })}
        </div><div class="muted">${L("financing")}: ${L("financingHelp")}</div><div class="row" data-path="${p}.financing">`;
    for (const a of v.payers) h += field(v, `${p}.financing.${a.id}`, `${localName(a.name, v.lang)}`, c.financing?.[a.id], { attrs: `aria-label="${esc(`${L("financing")}: ${localName(a.name, v.lang)} (${c.name})`)}"` });
    h += `</div>${errSlot(`${p}.financing`)}${costGroups(v, c, i)}${errSlot(p)}
        <button type="button" data-remove="${p}">${L("remove")}: ${esc(c.name)}</button><hr></div>`;
  });
  return `${h}<button type="button" data-add="cost">${L("addCost")}</button></fieldset>`;
}

/** A per-participant cost's target groups (SPEC §8.3): a box per group; none ticked is every group. */
function costGroups(v, c, i) {
  const groups = v.model.groups ?? [];
  if (!groups.length || c.per_participant === undefined) return "";
  const L = v.t;
  const boxes = groups.map((g) => `<label class="toggle"><input type="checkbox" data-toggle="cost-group" data-cost="${i}" data-group="${esc(g.id)}" ${c.groups?.includes(g.id) ? "checked" : ""}> ${esc(localName(g.name, v.lang) || g.id)}</label>`).join(" ");
  return `<fieldset class="inline" data-testid="cost-groups" data-path="intervention.costs[${i}].groups"><legend>${L("costGroups")} <span class="muted">(${L("costGroupsHint")})</span></legend>${boxes}${errSlot(`intervention.costs[${i}].groups`)}</fieldset>`;
}

function start(v) {
  return `<fieldset data-fieldset="start" data-path="intervention.start"><legend>${v.t("start")}</legend>${defaultsNote(v)}${startFields(v, "intervention.start", v.model.intervention?.start)}</fieldset>`;
}

function outcomes(v) {
  let h = `<fieldset data-fieldset="outcomes"><legend>${v.t("outcomes")}</legend>${defaultsNote(v)}`;
  for (const sc of ["with", "without"]) h += `<h3>${v.t(sc)}</h3>${scenarioHtml(v, `scenarios.${sc}`, v.model.scenarios?.[sc] ?? {})}`;
  return `${h}</fieldset>`;
}

function success(v) {
  const L = v.t;
  const succ = v.model.analysis?.success;
  const stateOpts = v.states.map((s) => [s.id, localName(s.name, v.lang)]);
  let h = `<fieldset data-fieldset="success"><legend>${L("success")}</legend>
      <div class="field"><label><input type="checkbox" data-toggle="success" ${succ ? "checked" : ""}> ${L("successOn")}</label></div>`;
  if (succ) {
    h += `<div class="row"><div class="field"><label for="${idFor(v, "analysis.success.from")}">${L("from")}</label>${select(v, "analysis.success.from", L("from"), succ.from, stateOpts)}</div>
        <div class="field"><label for="${idFor(v, "analysis.success.to")}">${L("to")}</label>${select(v, "analysis.success.to", L("to"), succ.to, stateOpts)}</div>
        ${field(v, "analysis.success.years", L("successYears"), succ.years, { inputmode: "numeric" })}</div>`;
  }
  return `${h}</fieldset>`;
}

/** The whole form: general, local values, parameters, cohorts, costs, the starting point, outcomes, states
 * and their time limits, target groups, success. */
export function editorHtml(v) {
  return general(v) + localValuesHtml(v) + parametersHtml(v) + cohorts(v) + costs(v) + start(v) + outcomes(v) + statesHtml(v) + groupsHtml(v) + success(v);
}
