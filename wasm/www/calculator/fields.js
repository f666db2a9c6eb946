// The editor's building blocks as HTML: a labelled field, a table cell and a select, each
// input carrying its value's path (data-path) and a slot for its problems (data-err-for) under
// the same path, so the engine's problems land beside the field they are about.
import { esc } from "./html.js";
import { fmtField, isPercentPath } from "./values.js";

// `v`, the view every editor function reads: { model, states, payers, parameters, report, lang,
// t, id, fmt, attribution }, where `id` makes element ids unique per calculator on the page,
// `fmt` is format.js's formatter and `attribution` the one the last report used.

/** An element id from a path, unique per calculator. */
export const idFor = (v, path) => `${v.id}-${path.replace(/[^a-zA-Z0-9]/g, "_")}`;

/** A problem slot for `path` (the nearest enclosing slot takes a problem that has none). */
export const errSlot = (path, id = "") => `<div class="err"${id ? ` id="${id}"` : ""} data-err-for="${esc(path)}"></div>`;

/** A labelled input for the value at `path`. `attrs` are extra attributes of the input. */
export function field(v, path, label, value, { type = "text", inputmode = "decimal", cls = "field", attrs = "" } = {}) {
  const id = idFor(v, path);
  // A share or rate may be "resten" or tri(…): a keyboard with letters.
  if (isPercentPath(path)) inputmode = "text";
  return `<div class="${cls}"><label for="${id}">${esc(label)}</label>
      <input id="${id}" type="${type}" inputmode="${inputmode}" data-path="${esc(path)}" value="${esc(fmtField(value, path, v.lang) ?? "")}" aria-describedby="${id}-err" ${attrs}>${errSlot(path, `${id}-err`)}</div>`;
}

/** A table cell holding an input for the value at `path`, named by `label`; `head` is its
 * column's heading, shown beside the field when a narrow container turns rows into cards. */
export function cell(v, path, label, value, head = "") {
  const id = idFor(v, path);
  return `<td data-label="${esc(head)}"><input id="${id}" inputmode="${isPercentPath(path) ? "text" : "decimal"}" data-path="${esc(path)}" value="${esc(fmtField(value, path, v.lang) ?? "")}" aria-label="${esc(label)}" aria-describedby="${id}-err">${errSlot(path, `${id}-err`)}</td>`;
}

/** A select of `options` ([value, label] pairs) for the value at `path`. */
export function select(v, path, label, value, options, attrs = "") {
  const id = idFor(v, path);
  const opts = options.map(([val, l]) => `<option value="${esc(val)}" ${val === value ? "selected" : ""}>${esc(l)}</option>`).join("");
  return `<select id="${id}" data-path="${esc(path)}" aria-label="${esc(label)}" ${attrs}>${opts}</select>`;
}
