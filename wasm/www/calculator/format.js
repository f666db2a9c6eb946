// The one place the page turns numbers into text and picks a row's name and place; the summary,
// the cards, the charts, the histogram and the tornado all ask this module.
//
// The rules are the core's (core/src/present.rs `number` and `money`), so the page says what
// `ekusia run` prints: rounded half away from zero; Swedish "1 234 567,5" and English
// "1,234,567.5"; money in whole units, "1 234 567 kr" for SEK in Swedish, "1 234 567 EUR" for
// another currency, "SEK 1,234,567" in English. The report's decimals arrive as text and are
// rounded on their digits, never through a binary float.

/** What stands in a cell that has no number. */
export const NONE = "–";

// The two aggregate rows the core adds after the actors; their names in each language.
const AGGREGATES = {
  public_sector: { sv: "Offentlig sektor", en: "Public sector" },
  society: { sv: "Samhället", en: "Society" },
};

const SEPARATORS = { sv: [" ", ","], en: [",", "."] };
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?$/;

// [sign, whole digits, decimals] of `value` rounded to `dp` decimals, half away from zero.
function rounded(value, dp) {
  let text = typeof value === "number" ? value : String(value).trim();
  if (typeof text === "string" && !DECIMAL.test(text)) text = Number(text);
  if (typeof text === "number") {
    if (!Number.isFinite(text)) return null;
    // toFixed rounds the float's exact value half away from zero; above 1e21 it would switch
    // to an exponent, but every float that large is a whole number already.
    text = Math.abs(text) < 1e21 ? text.toFixed(dp) : `${BigInt(text)}`;
  }
  const [, sign, int, frac = ""] = DECIMAL.exec(text);
  const up = frac.length > dp && frac[dp] >= "5";
  const digits = String(BigInt(int + frac.slice(0, dp).padEnd(dp, "0")) + (up ? 1n : 0n)).padStart(dp + 1, "0");
  const whole = digits.slice(0, digits.length - dp);
  const decimals = digits.slice(digits.length - dp);
  const zero = /^0*$/.test(digits);
  return [sign === "-" && !zero ? "-" : "", whole, decimals];
}

const langOf = (lang) => (lang === "sv" ? "sv" : "en");

/** A number (a decimal's text or a float) rounded to `decimals` places and written for `lang`. */
export function formatNumber(value, decimals, lang) {
  const r = rounded(value, decimals);
  if (!r) return String(value);
  const [sep, point] = SEPARATORS[langOf(lang)];
  const [sign, whole, frac] = r;
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${sign}${grouped}${frac ? point + frac : ""}`;
}

/** The unit written after an amount in Swedish ("kr" for SEK) and in labels such as "Belopp (kr)". */
export const moneyUnit = (currency, lang) => (langOf(lang) === "sv" && currency === "SEK" ? "kr" : currency);

/** Money in whole units with its currency: "1 234 567 kr", "1 234 567 EUR", "SEK 1,234,567". */
export function formatMoney(value, currency, lang) {
  const n = formatNumber(value, 0, lang);
  return langOf(lang) === "sv" ? `${n} ${moneyUnit(currency, lang)}` : `${currency} ${n}`;
}

/** A name given as text or in several languages ({ sv, en }) in `lang`, else in any it has. */
export const localName = (name, lang) =>
  typeof name === "string" ? name : name?.[lang] ?? name?.sv ?? name?.en ?? Object.values(name ?? {})[0] ?? "";

/** A report's or a simulation's row by name: the core's names when the row has them, the
 * aggregates' names from above, an actor's from `describe(model).actors`. */
export function rowName(row, lang, actors = []) {
  if (row.names) return localName(row.names, lang);
  if (row.kind === "aggregate") return localName(AGGREGATES[row.id] ?? row.name, lang);
  return localName(actors.find((a) => a.id === row.id)?.name ?? row.name, lang);
}

/** The rows in the order of the core's tables: the public and other actors, the aggregates
 * (public sector, society), then the individual. */
export function orderedRows(rows) {
  const of = (...kinds) => rows.filter((r) => kinds.includes(r.kind));
  return [...of("public", "other"), ...of("aggregate"), ...of("individual")];
}

/** The formatting functions for one language and currency; a missing value is NONE. */
export function formatter(lang, currency) {
  const orNone = (f) => (v, ...rest) => (v == null ? NONE : f(v, ...rest));
  return {
    lang,
    currency,
    none: NONE,
    number: orNone((v, dp = 0) => formatNumber(v, dp, lang)),
    money: orNone((v) => formatMoney(v, currency, lang)),
    /** A ratio such as benefit/cost, two decimals unless told. */
    ratio: orNone((v, dp = 2) => formatNumber(v, dp, lang)),
    /** A share (0.25) as a percentage ("25 %"). */
    percent: orNone((v, dp = 0) => `${formatNumber(times100(v), dp, lang)} %`),
    unit: moneyUnit(currency, lang),
  };
}

// A share times 100, exactly when it is a decimal's text (the point moves two places).
function times100(value) {
  const m = typeof value === "string" ? DECIMAL.exec(value.trim()) : null;
  if (!m) return Number(value) * 100;
  const [, sign, int, frac = ""] = m;
  const f = frac.padEnd(2, "0");
  return `${sign}${int}${f.slice(0, 2)}${f.length > 2 ? `.${f.slice(2)}` : ""}`;
}
