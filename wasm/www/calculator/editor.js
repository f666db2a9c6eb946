// The editor's form as HTML: one labelled input per value of the model, each carrying the
// value's path (data-path) and a slot for its problems (data-err-for) under the same path, so
// the engine's problems land beside the field they are about.
import { esc } from "./html.js";
import { fmtParam } from "./values.js";
import { localName } from "./format.js";

// `v`, the view every function here reads: { model, states, payers, lang, t, id, fmt, attribution },
// where `id` makes element ids unique per calculator on the page, `fmt` is format.js's formatter
// and `attribution` the one the last report used.

const idFor = (v, path) => `${v.id}-${path.replace(/[^a-zA-Z0-9]/g, "_")}`;

function field(v, path, label, value, { type = "text", inputmode = "decimal", cls = "field" } = {}) {
  const id = idFor(v, path);
  return `<div class="${cls}"><label for="${id}">${esc(label)}</label>
      <input id="${id}" type="${type}" inputmode="${inputmode}" data-path="${esc(path)}" value="${esc(fmtParam(value) ?? "")}" aria-describedby="${id}-err"><div class="err" id="${id}-err" data-err-for="${esc(path)}"></div></div>`;
}

function cell(v, path, label, value) {
  const id = idFor(v, path);
  return `<td><input id="${id}" inputmode="decimal" data-path="${esc(path)}" value="${esc(fmtParam(value) ?? "")}" aria-label="${esc(label)}" aria-describedby="${id}-err"><div class="err" id="${id}-err" data-err-for="${esc(path)}"></div></td>`;
}

function select(v, path, label, value, options, attrs = "") {
  const id = idFor(v, path);
  const opts = options.map(([val, l]) => `<option value="${esc(val)}" ${val === value ? "selected" : ""}>${esc(l)}</option>`).join("");
  return `<select id="${id}" data-path="${esc(path)}" aria-label="${esc(label)}" ${attrs}>${opts}</select>`;
}

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
  return `${h}</div>${field(v, "analysis.attribution", L("attribution"), m.analysis?.attribution ?? v.attribution)}</fieldset>`;
}

function cohorts(v) {
  const L = v.t;
  const list = v.model.intervention?.cohorts ?? [];
  let h = `<fieldset data-fieldset="cohorts" data-path="intervention.cohorts"><legend>${L("cohorts")}</legend><div class="scroll"><table>
      <thead><tr><th>#</th><th>${L("startYear")}</th><th>${L("participants")}</th><th></th></tr></thead><tbody>`;
  list.forEach((c, i) => {
    h += `<tr><td>${i + 1}</td>${cell(v, `intervention.cohorts[${i}].start_year`, `${L("startYear")} ${i + 1}`, c.start_year ?? "0")}${cell(v, `intervention.cohorts[${i}].participants`, `${L("participants")} ${i + 1}`, c.participants)}
        <td><button type="button" data-remove="intervention.cohorts[${i}]" aria-label="${L("remove")} ${i + 1}">✕</button></td></tr>`;
  });
  return `${h}</tbody></table></div><div class="err" data-err-for="intervention.cohorts"></div><button type="button" data-add="cohort">${L("addCohort")}</button></fieldset>`;
}

function costs(v) {
  const L = v.t;
  const amount = `${L("amount")} (${v.fmt.unit})`;
  let h = `<fieldset data-fieldset="costs"><legend>${L("costs")}</legend>`;
  (v.model.intervention?.costs ?? []).forEach((c, i) => {
    const p = `intervention.costs[${i}]`;
    const per = c.per_participant !== undefined;
    h += `<div class="cost" data-path="${p}"><div class="row">${field(v, `${p}.name`, L("costName"), c.name, { inputmode: "text" })}
        <div class="field"><label for="${v.id}-kind${i}">${L("costKind")}</label>${select(v, `${p}.__kind`, L("costKind"), per ? "per" : "fixed", [["fixed", L("fixed")], ["per", L("perParticipant")]], `id="${v.id}-kind${i}"`)}</div>
        ${per ? field(v, `${p}.per_participant`, amount, c.per_participant) : field(v, `${p}.amount`, amount, c.amount)}
        ${per ? field(v, `${p}.cohort_year`, L("cohortYear"), c.cohort_year ?? "0", { inputmode: "numeric" }) : field(v, `${p}.years`, L("years"), (c.years ?? ["0"]).join(", "), { inputmode: "text" })}
        </div><div class="muted">${L("financing")}</div><div class="row" data-path="${p}.financing">`;
    for (const a of v.payers) h += field(v, `${p}.financing.${a.id}`, localName(a.name, v.lang), c.financing?.[a.id]);
    h += `</div><div class="err" data-err-for="${p}.financing"></div><div class="err" data-err-for="${p}"></div>
        <button type="button" data-remove="${p}">${L("remove")}: ${esc(c.name)}</button><hr></div>`;
  });
  return `${h}<button type="button" data-add="cost">${L("addCost")}</button></fieldset>`;
}

function start(v) {
  const L = v.t;
  let h = `<fieldset data-fieldset="start" data-path="intervention.start"><legend>${L("start")}</legend><div class="row">`;
  for (const s of v.states) h += field(v, `intervention.start.${s.id}`, localName(s.name, v.lang), v.model.intervention?.start?.[s.id]);
  return `${h}</div><div class="err" data-err-for="intervention.start"></div><p class="muted">0–1, "${L("rest")}" = 1 − ${L("others")}</p></fieldset>`;
}

/** How a scenario is written: a trajectory, transitions, or (neither) everyone stays. */
export const scenarioMode = (s) => (s?.trajectory ? "trajectory" : s?.transitions ? "transitions" : "stay");

function outcomes(v) {
  const { t: L, states } = v;
  const stateOpts = states.map((s) => [s.id, localName(s.name, v.lang)]);
  let h = `<fieldset data-fieldset="outcomes"><legend>${L("outcomes")}</legend>`;
  for (const sc of ["with", "without"]) {
    const s = v.model.scenarios?.[sc] ?? {};
    const mode = scenarioMode(s);
    const base = `scenarios.${sc}`;
    h += `<h3>${L(sc)}</h3><div class="field"><label for="${v.id}-mode-${sc}">${L("mode")}</label>${select(v, `${base}.__mode`, L("mode"), mode, [["stay", L("stay")], ["transitions", L("transitions")], ["trajectory", L("trajectory")]], `id="${v.id}-mode-${sc}"`)}</div><div class="err" data-err-for="${base}"></div>`;
    if (mode === "transitions") {
      h += `<div class="scroll"><table><thead><tr><th>${L("from")}</th><th>${L("to")}</th><th>${L("share")}</th><th>${L("fromYear")}</th><th>${L("toYear")}</th><th></th></tr></thead><tbody>`;
      s.transitions.forEach((tr, i) => {
        const p = `${base}.transitions[${i}]`;
        h += `<tr><td>${select(v, `${p}.from`, `${L("from")} ${i + 1}`, tr.from, stateOpts)}<div class="err" data-err-for="${p}.from"></div></td>
            <td>${select(v, `${p}.to`, `${L("to")} ${i + 1}`, tr.to, stateOpts)}<div class="err" data-err-for="${p}.to"></div></td>
            ${cell(v, `${p}.share`, `${L("share")} ${i + 1}`, tr.share)}${cell(v, `${p}.from_year`, `${L("fromYear")} ${i + 1}`, tr.from_year ?? "1")}${cell(v, `${p}.to_year`, `${L("toYear")} ${i + 1}`, tr.to_year ?? "")}
            <td><button type="button" data-remove="${p}" aria-label="${L("remove")} ${i + 1}">✕</button></td></tr>`;
      });
      h += `</tbody></table></div><button type="button" data-add="transition" data-scenario="${sc}">${L("addTransition")}</button>`;
    } else if (mode === "trajectory") {
      h += `<div class="scroll"><table><thead><tr><th>${L("year")}</th>${states.map((st) => `<th>${esc(localName(st.name, v.lang))}</th>`).join("")}<th></th></tr></thead><tbody>`;
      s.trajectory.forEach((e, i) => {
        const p = `${base}.trajectory[${i}]`;
        h += `<tr data-path="${p}.shares">${cell(v, `${p}.year`, `${L("year")} (${i + 1})`, e.year)}`;
        for (const st of states) h += cell(v, `${p}.shares.${st.id}`, `${localName(st.name, v.lang)}, ${L("year0")} ${e.year}`, e.shares?.[st.id]);
        h += `<td><button type="button" data-remove="${p}" aria-label="${L("remove")} ${i + 1}">✕</button><div class="err" data-err-for="${p}.shares"></div></td></tr>`;
      });
      h += `</tbody></table></div><button type="button" data-add="entry" data-scenario="${sc}">${L("addEntry")}</button>`;
    }
  }
  return `${h}</fieldset>`;
}

function success(v) {
  const L = v.t;
  const succ = v.model.analysis?.success;
  const stateOpts = v.states.map((s) => [s.id, localName(s.name, v.lang)]);
  let h = `<fieldset data-fieldset="success"><legend>${L("success")}</legend>
      <div class="field"><label><input type="checkbox" data-toggle="success" ${succ ? "checked" : ""}> ${L("successOn")}</label></div>`;
  if (succ) {
    h += `<div class="row"><div class="field"><label for="${v.id}-sf">${L("from")}</label>${select(v, "analysis.success.from", L("from"), succ.from, stateOpts, `id="${v.id}-sf"`)}</div>
        <div class="field"><label for="${v.id}-st">${L("to")}</label>${select(v, "analysis.success.to", L("to"), succ.to, stateOpts, `id="${v.id}-st"`)}</div>
        ${field(v, "analysis.success.years", L("successYears"), succ.years, { inputmode: "numeric" })}</div>`;
  }
  return `${h}</fieldset>`;
}

/** The whole form: general, cohorts, costs, the starting point, outcomes, success. */
export function editorHtml(v) {
  return general(v) + cohorts(v) + costs(v) + start(v) + outcomes(v) + success(v);
}
