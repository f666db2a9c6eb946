// A start distribution's fields (the intervention's, or a target group's own): one share per state.
import { localName } from "./format.js";
import { errSlot, field } from "./fields.js";

/** Share fields per state for the start distribution at `path`. */
export function startFields(v, path, start) {
  let h = `<div class="row">`;
  for (const s of v.states) h += field(v, `${path}.${s.id}`, localName(s.name, v.lang), start?.[s.id]);
  return `${h}</div>${errSlot(path)}<p class="muted">${v.t("startHelp")}</p>`;
}
