// A list of cohorts as an editable table (the intervention's, or a target group's own).
import { esc } from "./html.js";
import { cell, errSlot } from "./fields.js";

/** The cohorts at `path` (a list in the model) with their start years and participants, a
 * remove button per cohort and an add button (data-list names the list). */
export function cohortTable(v, path, list) {
  const L = v.t;
  let h = `<div class="scroll"><table><thead><tr><th>#</th><th>${L("startYear")}</th><th>${L("participants")}</th><th></th></tr></thead><tbody>`;
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    h += `<tr><td data-label="#">${i + 1}</td>${cell(v, `${p}.start_year`, v.place(`${p}.start_year`), c.start_year ?? "0", L("startYear"))}${cell(v, `${p}.participants`, v.place(`${p}.participants`), c.participants, L("participants"))}
        <td class="act"><button type="button" data-remove="${p}" aria-label="${esc(`${L("remove")} ${v.place(p).toLowerCase()}`)}">✕</button></td></tr>`;
  });
  return `${h}</tbody></table></div>${errSlot(path)}<button type="button" data-add="cohort" data-list="${path}"${path.startsWith("groups") ? ` aria-label="${esc(`${L("addCohort")} – ${v.place(path)}`)}"` : ""}>${L("addCohort")}</button>`;
}
