// The one place the page turns numbers into text and picks a row's name and place; the summary,
// the cards, the chart, the histogram, the tornado and the amount fields' labels all ask this
// module. The words are the core's: it rounds (half away from zero, on the decimal's digits)
// and writes numbers and money ("1 234 567 kr", "1 234 567 EUR", "SEK 1,234,567") as the
// command line and Python do, and its report and simulation rows carry their names in both
// languages. What is left here is choosing among them.
import { formatMoney, formatNumber } from "../pkg/ekusia.js";

/** What stands in a cell that has no number. */
export const NONE = "–";

/** A name given as text or in several languages ({ sv, en }) in `lang`, else in any it has. */
export const localName = (name, lang) =>
  typeof name === "string" ? name : name?.[lang] ?? name?.sv ?? name?.en ?? Object.values(name ?? {})[0] ?? "";

/** A report's or a simulation's row by name, in the page's language (the core's `names`). */
export const rowName = (row, lang) => localName(row.names ?? row.name, lang);

/** The rows in the order of the core's tables: the public and other actors, the aggregates
 * (public sector, society), then the individual. */
export function orderedRows(rows) {
  const of = (...kinds) => rows.filter((r) => kinds.includes(r.kind));
  return [...of("public", "other"), ...of("aggregate"), ...of("individual")];
}

/** The formatting functions for one language and currency; a missing value is NONE. */
export function formatter(lang, currency) {
  const orNone = (f) => (v, ...rest) => (v == null ? NONE : f(v, ...rest));
  const number = (v, dp = 0) => formatNumber(v, dp, lang);
  return {
    lang,
    currency,
    none: NONE,
    number: orNone(number),
    money: orNone((v) => formatMoney(v, currency, lang)),
    /** A ratio such as benefit/cost, two decimals unless told. */
    ratio: orNone((v, dp = 2) => number(v, dp)),
    /** A parameter's value: its own decimals, at most 6 below 1 and 2 from 1 on ("0,3142",
     * "27 000", "425 800,8", "0,333333"), rounded by the core. */
    param: orNone((v) => number(v, Math.min(decimalsOf(v), Math.abs(Number(v)) < 1 ? 6 : 2))),
    /** A share (0.25) as a percentage ("25 %"), as the core's tables write it. */
    percent: orNone((v, dp = 0) => `${number(times100(v), dp)} %`),
    /** A share reached (efficiency) as a percentage that never reads 100 % while it is below 1:
     * whole percent, or one decimal cut (not rounded) when rounding would make it 100 ("99,9 %"). */
    reached: orNone((v) => reached(v, lang)),
    /** A benefit-cost ratio: a negative one has no meaning as a number ("ej meningsfull"). */
    bcr: orNone((v, dp = 2) => (Number(v) < 0 ? (lang === "en" ? "not meaningful" : "ej meningsfull") : number(v, dp))),
    /** How many must succeed, in whole persons: rounded up, exactly on the decimal's digits. */
    persons: orNone((v) => (Number(v) < 0 ? NONE : number(ceilText(String(v)), 0))),
    /** A probability as a percentage that never reads 100,0 % below 1 nor 0,0 % above 0. */
    probability: orNone((v) => probability(v, lang)),
    /** A payback time in months as years and months ("3 år 2 mån"), the core's rule. */
    duration: (v) => duration(v, lang),
    /** The unit in a label such as "Belopp (kr)": the core's money with its number taken away. */
    unit: unitOf(currency, lang),
  };
}

/** A payback time in months (the report's `payback_months`) as years and months, as the core's
 * `format::duration` writes it: the months rounded to whole ones, half up (by the core, on the
 * decimal's digits), then "3 år 2 mån" / "3 years 2 months", "1 year", "5 mån", "0 mån";
 * NONE when there is none. */
export function duration(months, lang) {
  if (months == null) return NONE;
  const whole = Math.max(0, Number(formatNumber(months, 0, "en").replace(/,/g, "")) || 0);
  const y = Math.floor(whole / 12), m = whole % 12;
  const en = lang === "en";
  const years = (n) => (en ? `${n} ${n === 1 ? "year" : "years"}` : `${n} år`);
  const mons = (n) => (en ? `${n} ${n === 1 ? "month" : "months"}` : `${n} mån`);
  if (y === 0) return mons(m);
  return m === 0 ? years(y) : `${years(y)} ${mons(m)}`;
}

const CATEGORIES = {
  tax: ["skatter", "taxes"], taxes: ["skatter", "taxes"], benefits: ["ersättningar", "benefits"],
  production: ["produktion", "production"], care: ["vård", "care"], health_care: ["vård", "care"],
  case_work: ["handläggning", "case work"], programmes: ["arbetsmarknadsprogram", "labour-market programmes"],
  education: ["utbildning", "education"], subsidies: ["subventioner", "subsidies"],
};
const FLOW_TYPES = { transfer: ["transfereringar", "transfers"], resource: ["resurser", "resources"], production: ["produktion", "production"] };

// The bundled base writes its parameters' units in Swedish ("kr/månad", "andel av lön"); on the
// English page each word is translated, and a unit the page does not know is shown as written.
const UNIT_WORDS = {
  kr: "SEK", andel: "share", "andel av lön": "share of wage", dag: "day", dagar: "days", vecka: "week", veckor: "weeks",
  "månad": "month", "månader": "months", "år": "year", personer: "persons", person: "person", prisbasbelopp: "price base amounts", "gånger": "times",
};

/** A parameter's unit in the page's language: a name given per language as such, a Swedish
 * unit of the base translated part by part on the English page ("kr/4 veckor" → "SEK/4 weeks"). */
export function unitLabel(unit, lang) {
  const text = localName(unit, lang);
  if (lang !== "en" || typeof unit !== "string") return text;
  const parts = text.split("/").map((part) => {
    const m = /^(\d+\s+)?(.+)$/.exec(part.trim());
    const word = UNIT_WORDS[m?.[2]];
    return word ? `${m[1] ?? ""}${word}` : null;
  });
  return parts.every((x) => x != null) ? parts.join("/") : text;
}

/** A flow type in words ("transfereringar", "resources"). */
export const flowTypeLabel = (type, lang) => (FLOW_TYPES[type] ?? FLOW_TYPES.transfer)[lang === "en" ? 1 : 0];

/** A breakdown entry's label (SPEC §8.5), as the core's HTML report words it: the bundled base's
 * categories translated, any other category as written with "_" as spaces, and an entry without
 * a category by its flow type. */
export function categoryLabel(entry, lang) {
  const c = entry.category;
  if (c == null || c === "") return flowTypeLabel(entry.type, lang);
  return CATEGORIES[c]?.[lang === "en" ? 1 : 0] ?? c.replace(/_/g, " ");
}

// A non-negative decimal's text rounded up to a whole number.
function ceilText(text) {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return String(Math.ceil(Number(text)));
  return String(BigInt(m[1]) + (/[1-9]/.test(m[2] ?? "") ? 1n : 0n));
}

function probability(v, lang) {
  const p = Number(v);
  const text = formatNumber(String(Math.round(p * 1000) / 10), 1, lang);
  if (p < 1 && Math.round(p * 1000) >= 1000) return `> ${formatNumber("99.9", 1, lang)} %`;
  if (p > 0 && Math.round(p * 1000) <= 0) return `< ${formatNumber("0.1", 1, lang)} %`;
  return `${text} %`;
}

/** A year of the analysis (index t from 0) as the page labels it: "år 3", or with a calendar
 * start year "2027 (år 3)". */
export function yearLabel(t, calendar, lang) {
  const n = Number(t) + 1;
  const word = lang === "en" ? "year" : "år";
  return calendar != null ? `${calendar + n - 1} (${word} ${n})` : `${word} ${n}`;
}

function reached(v, lang) {
  const pct = times100(v);
  const whole = formatNumber(pct, 0, lang);
  if (!(Number(v) < 1) || whole !== formatNumber("100", 0, lang)) return `${whole} %`;
  // Below 1 but rounds to 100: cut to one decimal (the decimal's digits, no rounding up).
  const m = /^(\d+)(?:\.(\d*))?/.exec(String(pct));
  const cut = m ? `${m[1]}.${(m[2] ?? "").padEnd(1, "0").slice(0, 1)}` : String(Math.floor(Number(pct) * 10) / 10);
  return `${formatNumber(cut, 1, lang)} %`;
}

// The decimals a decimal's text has ("425800.8" → 1).
const decimalsOf = (value) => /\.(\d+)$/.exec(String(value))?.[1].length ?? 0;

function unitOf(currency, lang) {
  const money = formatMoney("0", currency, lang);
  const zero = formatNumber("0", 0, lang);
  const rest = money.startsWith(zero) ? money.slice(zero.length) : money.endsWith(zero) ? money.slice(0, -zero.length) : money;
  return rest.trim();
}

// A share times 100, exactly when it is a decimal's text (the point moves two places), so the
// core rounds the percentage the report holds, not a float near it.
function times100(value) {
  const m = typeof value === "string" ? /^([+-]?)(\d+)(?:\.(\d*))?$/.exec(value.trim()) : null;
  if (!m) return Number(value) * 100;
  const [, sign, int, frac = ""] = m;
  const f = frac.padEnd(2, "0");
  return `${sign}${int}${f.slice(0, 2)}${f.length > 2 ? `.${f.slice(2)}` : ""}`;
}
