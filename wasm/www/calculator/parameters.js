// The parameters panel (SPEC §8.1): every parameter of the model and of its base, with its
// name, its value as the engine evaluated it, unit, source, year and quality. The definition
// (a number, a formula "= …" or a distribution) is edited in place; a visitor adds a parameter
// (id and value) and removes one of the model's own (which, for one that replaced a base
// parameter, brings the base's back).
import { esc } from "./html.js";
import { fmtField } from "./values.js";
import { localName, unitLabel } from "./format.js";
import { errSlot, idFor } from "./fields.js";
import { parametersOf } from "./local.js";

// `v` is the view described in fields.js; `v.parameters` is describe()'s list (base first).

/** A parameter as the model writes it: a table with `value` and its metadata, else the value. */
export const isTable = (def) => def != null && typeof def === "object" && !Array.isArray(def) && "value" in def;

const META = ["name", "unit", "source", "year", "quality"];

/** The parameters the panel lists, in describe()'s order (base first), then the model's own
 * ones the engine has not resolved yet (just added, or while the model has a problem). Each is
 * { id, definition, value, name, unit, source, year, quality, base, own }: the definition and
 * metadata of the model's own parameter as it is now, else the base's. */
export function parameterList(model, described) {
  const own = model.parameters ?? {};
  const mine = (id) => Object.hasOwn(own, id);
  const fromModel = (id) => {
    const def = own[id];
    const meta = Object.fromEntries(META.map((k) => [k, isTable(def) ? def[k] ?? null : null]));
    return { ...meta, definition: isTable(def) ? def.value : def, own: true };
  };
  const out = [];
  for (const d of described ?? []) {
    // A parameter that is no longer the model's and not the base's was removed since.
    if (mine(d.id)) out.push({ ...d, ...fromModel(d.id) });
    else if (d.base) out.push({ ...d, own: false });
  }
  for (const id of Object.keys(own)) {
    if (!out.some((p) => p.id === id)) out.push({ id, value: null, base: false, ...fromModel(id) });
  }
  return out;
}

/** The evaluated value with its unit, as it stands beside the field ("= 27 000 kr/månad"). */
export function valueText(v, p) {
  if (p.value == null) return "";
  const unit = unitLabel(p.unit, v.lang);
  return `= ${v.fmt.param(p.value)}${unit ? ` ${unit}` : ""}`;
}

function meta(v, p) {
  const L = v.t;
  const parts = [];
  if (p.source) parts.push(`${L("source")}: ${esc(p.source)}`);
  if (p.year != null) parts.push(`${L("paramYear")}: ${esc(p.year)}`);
  if (p.quality) parts.push(`${L("quality")}: ${esc(L(`q_${p.quality}`))}`);
  if (p.base) parts.push(esc(L(p.own ? "replacesBase" : "inBase")));
  return parts.join(" · ");
}

function row(v, p) {
  const L = v.t;
  const path = `parameters.${p.id}`;
  const id = idFor(v, `param-${p.id}`);
  const label = localName(p.name, v.lang);
  const info = meta(v, p);
  const button = !p.own ? ""
    : p.base ? `<button type="button" data-remove-param="${esc(p.id)}" aria-label="${esc(`${L("resetParam")}: ${p.id}`)}" title="${esc(L("resetParam"))}">↺</button>`
      : `<button type="button" data-remove-param="${esc(p.id)}" aria-label="${esc(`${L("remove")}: ${p.id}`)}">✕</button>`;
  return `<div class="param" data-param-row="${esc(p.id)}">
      <div class="param-head"><label for="${id}">${label ? `${esc(label)} ` : ""}<code>${esc(p.id)}</code></label>
      <span class="param-value" id="${id}-value" data-param-value="${esc(p.id)}">${esc(valueText(v, p))}</span></div>
      <div class="param-edit"><input id="${id}" inputmode="text" data-path="${esc(path)}" data-param="${esc(p.id)}" data-key="param:${esc(p.id)}" value="${esc(fmtField(p.definition, null, v.lang) ?? "")}" aria-describedby="${id}-value ${id}-err${info ? ` ${id}-meta` : ""}">${button}</div>
      ${errSlot(path, `${id}-err`)}${info ? `<div class="muted" id="${id}-meta">${info}</div>` : ""}</div>`;
}

/** The panel: each parameter, then a form to add one. */
export function parametersHtml(v) {
  const L = v.t;
  const list = parameterList(v.model, v.parameters);
  let h = `<fieldset data-fieldset="parameters" data-testid="parameters"><legend>${L("parameters")}</legend>`;
  // The base's parameters (a hundred for se-2024) fold away, so they do not push the results
  // off the screen; one the visitor edits becomes the model's own and is listed above them.
  const mine = list.filter((p) => p.own);
  const base = list.filter((p) => !p.own);
  h += list.length ? `<p class="muted">${L("paramHint")}</p>${mine.map((p) => row(v, p)).join("")}` : `<p class="muted">${L("noParams")} ${L("paramHint")}</p>`;
  if (base.length) {
    // Grouped by the state whose flows name them first (what a visitor looks for: "what does
    // social assistance cost"), then the common ones those are built from: tax rates, wages, norms.
    const seen = new Set();
    let inner = "";
    for (const s of v.states ?? []) {
      const ids = parametersOf(s, base).filter((id) => !seen.has(id));
      if (!ids.length) continue;
      ids.forEach((id) => seen.add(id));
      inner += `<h4 class="param-group">${esc(localName(s.name, v.lang))}</h4>${base.filter((p) => ids.includes(p.id)).map((p) => row(v, p)).join("")}`;
    }
    const common = base.filter((p) => !seen.has(p.id));
    if (common.length) inner += `${seen.size ? `<h4 class="param-group">${L("commonParams")}</h4>` : ""}${common.map((p) => row(v, p)).join("")}`;
    h += `<details class="data" data-keep="base-parameters" data-testid="base-parameters"><summary>${L("baseParams")} (${base.length})</summary>${inner}</details>`;
  }
  const nid = `${v.id}-new-param`;
  h += `<div class="row param-add"><div class="field"><label for="${nid}-id">${L("paramId")}</label><input id="${nid}-id" data-new="param-id" autocomplete="off" spellcheck="false"></div>
      <div class="field"><label for="${nid}-value">${L("paramValue")}</label><input id="${nid}-value" data-new="param-value" autocomplete="off"></div>
      <div class="field"><button type="button" data-add="parameter">${L("addParam")}</button></div></div>
      <div class="err" data-new-err="param" role="status"></div>`;
  return `${h}</fieldset>`;
}
