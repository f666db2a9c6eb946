// Target groups (typfall, SPEC §8.3): each group's id and name, and for its start, its cohorts
// and each scenario either its own or, visibly, what it inherits from the top level; add and
// remove groups.
import { esc } from "./html.js";
import { localName } from "./format.js";
import { errSlot, field } from "./fields.js";
import { cohortTable } from "./cohorts.js";
import { scenarioHtml } from "./scenario.js";
import { startFields } from "./start.js";

// `v` is the view described in fields.js.

/** The parts a group may give itself or inherit: its key in the group and the texts for it. */
export const GROUP_PARTS = [
  { part: "start", own: "ownStart", inherited: "inheritsStart" },
  { part: "cohorts", own: "ownCohorts", inherited: "inheritsCohorts" },
  { part: "with", own: "ownWith", inherited: "inheritsWith" },
  { part: "without", own: "ownWithout", inherited: "inheritsWithout" },
];

/** The path of a part of group `i` in the model. */
export const partPath = (i, part) => (part === "with" || part === "without" ? `groups[${i}].scenarios.${part}` : `groups[${i}].${part}`);

const partOf = (g, part) => (part === "with" || part === "without" ? g.scenarios?.[part] : g[part]);

function partHtml(v, g, i, { part, own, inherited }) {
  const L = v.t;
  const path = partPath(i, part);
  const value = partOf(g, part);
  const mine = value !== undefined;
  let h = `<div class="group-part" data-part="${part}"><label class="toggle"><input type="checkbox" data-toggle="group-part" data-group="${i}" data-part="${part}" ${mine ? "checked" : ""}> ${L(own)}</label>`;
  if (!mine) return `${h} <span class="inherits" data-testid="inherits">${L("inherits")}</span> <span class="muted">${L(inherited)}</span></div>`;
  if (part === "start") h += startFields(v, path, value);
  else if (part === "cohorts") h += cohortTable(v, path, value);
  else h += scenarioHtml(v, path, value);
  return `${h}</div>`;
}

function group(v, g, i) {
  const L = v.t;
  const p = `groups[${i}]`;
  // A name given per language is edited in the page's language.
  const namePath = typeof g.name === "object" && g.name !== null ? `${p}.name.${v.lang}` : `${p}.name`;
  let h = `<div class="group" data-path="${p}" data-group-row="${i}"><div class="row">${field(v, `${p}.id`, L("groupId"), g.id, { inputmode: "text", attrs: `spellcheck="false" aria-label="${esc(`${L("groupId")} – ${L("group").toLowerCase()} ${i + 1}`)}"` })}${field(v, namePath, L("groupName"), localName(g.name, v.lang), { inputmode: "text", attrs: `aria-label="${esc(`${L("groupName")} – ${L("group").toLowerCase()} ${i + 1}`)}"` })}</div>`;
  for (const part of GROUP_PARTS) h += partHtml(v, g, i, part);
  return `${h}${errSlot(p)}<button type="button" data-remove="${p}">${L("remove")}: ${esc(localName(g.name, v.lang) || g.id)}</button><hr></div>`;
}

/** The section: each group, then a form to add one. */
export function groupsHtml(v) {
  const L = v.t;
  const list = v.model.groups ?? [];
  let h = `<fieldset data-fieldset="groups" data-testid="groups-editor"><legend>${L("groups")}</legend><p class="muted">${L("groupsHint")}</p>`;
  h += list.map((g, i) => group(v, g, i)).join("");
  const nid = `${v.id}-new-group`;
  h += `<div class="row"><div class="field"><label for="${nid}-id">${L("groupId")}</label><input id="${nid}-id" data-new="group-id" autocomplete="off" spellcheck="false"></div>
      <div class="field"><label for="${nid}-name">${L("groupName")}</label><input id="${nid}-name" data-new="group-name" autocomplete="off"></div>
      <div class="field"><button type="button" data-add="group">${L("addGroup")}</button></div></div>${errSlot("groups")}`;
  return `${h}</fieldset>`;
}
