// A problem as a visitor reads it: where it is (the place in the form, named as the form names
// it: "Kohort 2 · Antal deltagare", "Med insatsen, övergång 3 · Andel") and what is wrong (the
// core's sentence in the page's language, from its template, with the states and actors it
// names by their names instead of their ids, and numbers with the page's decimal mark). The
// sentence itself is the core's (`text(problem)` is the binding's problemText); this module only
// names things, so it stays pure and testable in Node.
import { localName } from "./format.js";
import { fmtPercent, isPercentPath } from "./values.js";

// `ctx`: { lang, t, text, states, actors, model } — t the page's words, text(problem) the core's
// sentence, states/actors describe()'s lists, model the model (for cost and group names).

const FIELDS = {
  participants: "participants", start_year: "startYear", share: "share", from: "from", to: "to",
  from_year: "fromYear", to_year: "toYear", year: "year", amount: "amount", per_participant: "amount",
  years: "years", cohort_year: "cohortYear", name: "name", id: "groupId", financing: "financing",
  horizon: "horizon", discount_rate: "rate", attribution: "attribution", max_years: "maxYears", then: "then",
  start: "start", cohorts: "cohorts", costs: "costs", groups: "groups",
};

const nameOf = (list, id, lang) => {
  const x = (list ?? []).find((s) => s.id === id);
  return x ? localName(x.name, lang) : null;
};

/** The place of `path` in the form, in words, or "" for the model as a whole. */
export function placeOf(path, ctx) {
  const { t: L, lang, model } = ctx;
  if (!path) return "";
  const parts = [];
  let rest = path;
  const take = (re) => {
    const m = re.exec(rest);
    if (m) rest = rest.slice(m[0].length).replace(/^\./, "");
    return m;
  };
  let m;
  if ((m = take(/^groups\[(\d+)\]/))) {
    const g = model?.groups?.[Number(m[1])];
    parts.push(`${L("group")} ${g ? `”${localName(g.name, lang) || g.id}”` : Number(m[1]) + 1}`);
  }
  if ((m = take(/^(?:intervention\.)?cohorts\[(\d+)\]/))) parts.push(`${L("cohort")} ${Number(m[1]) + 1}`);
  else if ((m = take(/^intervention\.costs\[(\d+)\]/))) {
    const c = model?.intervention?.costs?.[Number(m[1])];
    parts.push(`${L("costName")} ${c?.name ? `”${c.name}”` : Number(m[1]) + 1}`);
    if ((m = take(/^financing\.([^.[\]]+)/))) parts.push(`${L("financing").replace(/ \(.*\)$/, "")}: ${nameOf(ctx.actors, m[1], lang) ?? m[1]}`);
  } else if ((m = take(/^(?:intervention\.)?start(?:\.([^.[\]]+))?$/))) {
    parts.push(L("start").replace(/ \(.*\)$/, ""));
    if (m[1]) parts.push(nameOf(ctx.states, m[1], lang) ?? m[1]);
  } else if ((m = take(/^scenarios\.(without|with)(?![a-z_])/))) {
    const sc = L(m[1]).replace(/ \(.*\)$/, "");
    if ((m = take(/^transitions\[(\d+)\]/))) parts.push(`${sc}, ${L("transition")} ${Number(m[1]) + 1}`);
    else if ((m = take(/^trajectory\[(\d+)\]/))) {
      parts.push(`${sc}, ${L("entry")} ${Number(m[1]) + 1}`);
      if ((m = take(/^shares\.([^.[\]]+)/))) parts.push(nameOf(ctx.states, m[1], lang) ?? m[1]);
    } else parts.push(sc);
  } else if ((m = take(/^parameters\.([^.[\]]+)/))) parts.push(`${L("parameters")}: ${m[1]}`);
  else if ((m = take(/^states\[(\d+)\]/))) {
    const s = model?.states?.[Number(m[1])];
    parts.push(s ? localName(s.name, lang) || s.id : `${L("state")} ${Number(m[1]) + 1}`);
  } else if ((m = take(/^discount_rate(?:\[(\d+)\](?:\.rate)?)?/))) parts.push(m[1] ? `${L("rateStep")} ${model?.discount_rate?.[Number(m[1])]?.from_year ?? ""}`.trim() : L("rate").replace(/ \(.*\)$/, ""));
  else if (take(/^analysis\.success/)) parts.push(L("success"));
  else if (take(/^analysis\.attribution/)) parts.push(L("attribution").replace(/ \(.*\)$/, ""));
  else if (take(/^analysis\.milestones/)) parts.push(L("milestones"));
  const field = rest.replace(/\[\d+\]$/, "");
  if (field && FIELDS[field]) parts.push(L(FIELDS[field]).replace(/ \(.*\)$/, ""));
  else if (field && !parts.length) parts.push(field);
  return parts.join(" · ");
}

/** The core's sentence for `p` with ids of states and actors replaced by their names and, in
 * Swedish, decimal points in the numbers it quotes replaced by decimal commas. */
export function problemSentence(p, ctx) {
  // A share or rate is typed in percent: its range and the value found are said in percent too
  // (the core's sentence says "between 0 and 1 (now 1.5)" of what the visitor typed as 150 %).
  const pct = percentSentence(p, ctx);
  if (pct) return pct;
  let s = ctx.text(p);
  // The core names the field by its key in the model ("participants måste vara minst 0"); the
  // page names it as the form does ("Antal deltagare måste vara minst 0").
  const field = p.values?.field;
  if (field && FIELDS[field] && s.startsWith(field)) {
    const label = ctx.t(FIELDS[field]).replace(/ \(.*\)$/, "");
    s = label + s.slice(field.length);
  }
  // The core's Swedish "Fel sorts värde: …" quotes the reader's English detail; the details a
  // visitor's typing can cause (text where a number goes) are said in Swedish here.
  if (ctx.lang === "sv" && p.key === "wrong_type") s = s.replace(String(p.values?.detail ?? ""), (d) => swedishDetail(d));
  const named = [...(ctx.states ?? []), ...(ctx.actors ?? [])];
  for (const value of Object.values(p.values ?? {})) {
    const v = String(value);
    const ids = v.split(/,\s*/);
    if (ids.length && ids.every((id) => named.some((x) => x.id === id))) {
      const names = ids.map((id) => localName(named.find((x) => x.id === id).name, ctx.lang)).join(", ");
      s = s.split(`'${v}'`).join(`”${names}”`).split(v).join(names);
    } else if (ctx.lang === "sv" && /^-?\d+\.\d+$/.test(v)) s = s.split(v).join(v.replace(".", ","));
  }
  // A state id the core quotes ('social_assistance') without listing it among the values.
  s = s.replace(/'([a-z0-9_]+)'/g, (all, id) => {
    const x = named.find((y) => y.id === id);
    return x ? `”${localName(x.name, ctx.lang)}”` : all;
  });
  // "rest" in the model is "resten" in a Swedish field.
  if (ctx.lang === "sv") s = s.replace(/"rest"/g, "”resten”");
  return /[.!?]$/.test(s) ? s : `${s[0]?.toUpperCase() ?? ""}${s.slice(1)}.`;
}

/** The sentence for a share or rate out of its range, in percent, when `p` is one. */
function percentSentence(p, ctx) {
  if (!isPercentPath(p.path ?? "") || !["share_range", "rate_range"].includes(p.key) || p.values?.found == null) return null;
  const found = fmtPercent(String(p.values.found), ctx.lang);
  if (!/%$/.test(found)) return null;
  const sv = ctx.lang !== "en";
  if (p.key === "share_range") return sv ? `En andel ska ligga mellan 0 % och 100 % (nu ${found}).` : `A share must be between 0 % and 100 % (now ${found}).`;
  return sv ? `Räntan ska vara minst 0 % och under 100 % (nu ${found}).` : `A discount rate must be at least 0 % and below 100 % (now ${found}).`;
}

/** A wrong-type detail of the core's model reader in Swedish, when it is one about numbers;
 * any other detail as written. */
function swedishDetail(d) {
  let m;
  if (/^expected a number, found an empty string$/.test(d)) return "ett tal saknas";
  if ((m = /^expected a number, found "(.*)"$/.exec(d))) return `”${m[1]}” är inget tal`;
  if ((m = /^expected a finite number, found (.*)$/.exec(d))) return `${m[1]} är inget ändligt tal`;
  return d;
}

/** Each problem as { path, place, sentence }, in the order the core lists them. */
export const problemList = (problems, ctx) => problems.map((p) => ({ path: p.path ?? "", place: placeOf(p.path, ctx), sentence: problemSentence(p, ctx) }));
