// One scenario's editor (the top level's `with` and `without`, or a target group's own): how it
// is described (everyone stays, transitions, or shares per year) and its rules or entries.
import { esc } from "./html.js";
import { localName } from "./format.js";
import { cell, errSlot, idFor, select } from "./fields.js";

/** How a scenario is written: a trajectory, transitions, or (neither) everyone stays. */
export const scenarioMode = (s) => (s?.trajectory ? "trajectory" : s?.transitions ? "transitions" : "stay");

/** The scenario `s` at `base` ("scenarios.with", "groups[0].scenarios.with"): its mode select
 * (data-path `${base}.__mode`) and its table; add buttons carry the scenario's path. */
export function scenarioHtml(v, base, s) {
  const { t: L, states } = v;
  const stateOpts = states.map((st) => [st.id, localName(st.name, v.lang)]);
  const mode = scenarioMode(s);
  const modeId = idFor(v, `${base}.__mode`);
  const kept = ["transitions", "trajectory"].filter((m) => m !== mode && v.stash?.[`${base}:${m}`]);
  let h = `<div class="field"><label for="${modeId}">${L("mode")}</label>${select(v, `${base}.__mode`, `${L("mode")} – ${v.place(base)}`, mode, [["stay", L("stay")], ["transitions", L("transitions")], ["trajectory", L("trajectory")]])}</div>`;
  if (kept.length) h += `<p class="muted" data-testid="kept-note">${esc(L("keptNote").replace("{mode}", L(kept[0])))}</p>`;
  h += errSlot(base);
  if (mode === "transitions") {
    h += `<div class="scroll"><table class="cards transitions"><thead><tr><th>${L("from")}</th><th>${L("to")}</th><th>${L("share")}</th><th>${L("fromYear")}</th><th>${L("toYear")}</th><th></th></tr></thead><tbody>`;
    s.transitions.forEach((tr, i) => {
      const p = `${base}.transitions[${i}]`;
      h += `<tr><td data-label="${esc(L("from"))}">${select(v, `${p}.from`, v.place(`${p}.from`), tr.from, stateOpts)}${errSlot(`${p}.from`)}</td>
          <td data-label="${esc(L("to"))}">${select(v, `${p}.to`, v.place(`${p}.to`), tr.to, stateOpts)}${errSlot(`${p}.to`)}</td>
          ${cell(v, `${p}.share`, v.place(`${p}.share`), tr.share, L("share"))}${cell(v, `${p}.from_year`, v.place(`${p}.from_year`), tr.from_year ?? "1", L("fromYear"))}${cell(v, `${p}.to_year`, v.place(`${p}.to_year`), tr.to_year ?? "", L("toYear"))}
          <td class="act"><button type="button" data-remove="${p}" aria-label="${esc(`${L("remove")}: ${v.place(p)}`)}">✕</button></td></tr>`;
    });
    h += `</tbody></table></div><button type="button" data-add="transition" data-scenario="${esc(base)}" aria-label="${esc(`${L("addTransition")} – ${v.place(base)}`)}">${L("addTransition")}</button>`;
  } else if (mode === "trajectory") {
    h += `<div class="scroll"><table class="cards"><thead><tr><th>${L("year")}</th>${states.map((st) => `<th>${esc(localName(st.name, v.lang))}</th>`).join("")}<th></th></tr></thead><tbody>`;
    s.trajectory.forEach((e, i) => {
      const p = `${base}.trajectory[${i}]`;
      h += `<tr data-path="${p}.shares">${cell(v, `${p}.year`, v.place(`${p}.year`), e.year, L("year"))}`;
      for (const st of states) h += cell(v, `${p}.shares.${st.id}`, v.place(`${p}.shares.${st.id}`), e.shares?.[st.id], localName(st.name, v.lang));
      h += `<td class="act"><button type="button" data-remove="${p}" aria-label="${esc(`${L("remove")}: ${v.place(p)}`)}">✕</button>${errSlot(`${p}.shares`)}</td></tr>`;
    });
    h += `</tbody></table></div><button type="button" data-add="entry" data-scenario="${esc(base)}" aria-label="${esc(`${L("addEntry")} – ${v.place(base)}`)}">${L("addEntry")}</button>`;
  }
  return h;
}
