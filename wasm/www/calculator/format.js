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
    /** The unit in a label such as "Belopp (kr)": the core's money with its number taken away. */
    unit: unitOf(currency, lang),
  };
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
