// The states and their time limits (SPEC §8.2): every state of the model and its base, with
// "at most years in the state" and the state people move to after it. A limit on the model's
// own state is written on it; one on a base state writes that state (its name and the base's
// flows, as describe() gives them) into the model, where it replaces the base's.
import { esc } from "./html.js";
import { localName } from "./format.js";
import { fmtParam } from "./values.js";
import { errSlot, idFor } from "./fields.js";

// `v` is the view described in fields.js; `v.states` is describe()'s list (base first).

/** The model's own state with this id and its index in `model.states`, if it has one. */
export function ownState(model, id) {
  const i = (model.states ?? []).findIndex((s) => s.id === id);
  return i < 0 ? null : { i, state: model.states[i], path: `states[${i}]` };
}

/** A copy of a described state for the model to hold: id, name, flows and any time limit. */
export function stateOverride(described) {
  const s = { id: described.id, name: structuredClone(described.name), flows: structuredClone(described.flows ?? []) };
  if (described.max_years != null) s.max_years = described.max_years;
  if (described.then != null) s.then = described.then;
  return s;
}

function row(v, s) {
  const L = v.t;
  const own = ownState(v.model, s.id);
  const cur = own ? own.state : s;
  const limited = cur.max_years != null && cur.max_years !== "";
  const name = localName(s.name, v.lang);
  const yId = idFor(v, `state-${s.id}-max_years`);
  const tId = idFor(v, `state-${s.id}-then`);
  const pathAttr = (k) => (own ? ` data-path="${own.path}.${k}"` : "");
  const others = v.states.filter((o) => o.id !== s.id);
  const opts = (limited ? "" : `<option value="" selected>${v.fmt.none}</option>`)
    + others.map((o) => `<option value="${esc(o.id)}" ${o.id === cur.then ? "selected" : ""}>${esc(localName(o.name, v.lang))}</option>`).join("");
  const tag = s.base ? `<div class="muted">${L(own ? "changedInModel" : "inBase")}</div>` : "";
  return `<tr data-state-row="${esc(s.id)}"><td>${esc(name)}${tag}${own ? errSlot(own.path) : ""}</td>
      <td><div class="limit"><input id="${yId}" inputmode="numeric" data-state="${esc(s.id)}" data-state-field="max_years" data-key="state:${esc(s.id)}:max_years"${pathAttr("max_years")} value="${esc(fmtParam(cur.max_years) ?? "")}" aria-label="${esc(`${L("maxYears")}: ${name}`)}" aria-describedby="${yId}-err">
      <select id="${tId}" data-state="${esc(s.id)}" data-state-field="then" data-key="state:${esc(s.id)}:then"${pathAttr("then")} aria-label="${esc(`${L("then")}: ${name}`)}" ${limited ? "" : "disabled"}>${opts}</select></div>
      ${own ? errSlot(`${own.path}.max_years`, `${yId}-err`) + errSlot(`${own.path}.then`) : ""}</td></tr>`;
}

/** The section: one row per state (the base's first, as the engine orders them). */
export function statesHtml(v) {
  const L = v.t;
  if (!v.states.length) return "";
  return `<fieldset data-fieldset="states" data-testid="states"><legend>${L("states")}</legend><p class="muted">${L("statesHint")}</p>
      <div class="scroll"><table class="states"><thead><tr><th>${L("state")}</th><th>${L("maxYears")}<div class="sub">${L("thenInto")}</div></th></tr></thead>
      <tbody>${v.states.map((s) => row(v, s)).join("")}</tbody></table></div>${errSlot("states")}</fieldset>`;
}
