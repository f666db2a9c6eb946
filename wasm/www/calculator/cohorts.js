// A list of cohorts as an editable table (the intervention's, or a target group's own).
import { cell, errSlot } from "./fields.js";

/** The cohorts at `path` (a list in the model) with their start years and participants, a
 * remove button per cohort and an add button (data-list names the list). */
export function cohortTable(v, path, list) {
  const L = v.t;
  let h = `<div class="scroll"><table><thead><tr><th>#</th><th>${L("startYear")}</th><th>${L("participants")}</th><th></th></tr></thead><tbody>`;
  list.forEach((c, i) => {
    const p = `${path}[${i}]`;
    h += `<tr><td>${i + 1}</td>${cell(v, `${p}.start_year`, `${L("startYear")} ${i + 1}`, c.start_year ?? "0")}${cell(v, `${p}.participants`, `${L("participants")} ${i + 1}`, c.participants)}
        <td><button type="button" data-remove="${p}" aria-label="${L("remove")} ${i + 1}">✕</button></td></tr>`;
  });
  return `${h}</tbody></table></div>${errSlot(path)}<button type="button" data-add="cohort" data-list="${path}">${L("addCohort")}</button>`;
}
