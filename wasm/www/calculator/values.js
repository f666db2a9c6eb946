// Typed values in the editor's fields ⇄ their form in the model. The model keeps every number
// as text, so nothing a visitor types passes through a binary float before the engine reads it.

/** A number as typed ("1 234,5") → the model's text ("1234.5"); the Swedish decimal comma
 * becomes a point and spaces between digit groups go. */
export const cleanNumber = (s) => s.trim().replace(/\s/g, "").replace(",", ".");

/** Whether a field's text is a formula (SPEC §8.1: it starts with "="). */
export const isFormula = (s) => typeof s === "string" && s.trimStart().startsWith("=");

/** A formula as typed in Swedish habits → the core's grammar. With a ";" in it the visitor
 * writes as Swedish spreadsheets do ("= min(lön * 1,1; 29 000)"): every "," is a decimal comma
 * and ";" separates arguments. Without one, a comma between two digits ("1,1") is a decimal
 * comma and ", " still separates arguments ("= min(a, b)"). Spaces between digit groups go
 * ("29 000" → "29000"); nothing else changes, so the position a problem names is the one in the
 * field, counted without those spaces. */
export function cleanFormula(text) {
  let s = text.trim().replace(/(\d)\s(?=\d{3}(?!\d))/g, "$1");
  if (s.includes(";")) return s.replace(/,/g, ".").replace(/;/g, ",");
  return s.replace(/(\d),(?=\d)/g, "$1.");
}

/** A number or a formula as typed → the model's text (financing weights and other places
 * that take a number or a formula but no distribution). */
export const parseValue = (s) => (isFormula(s) ? cleanFormula(s) : cleanNumber(s));

// Uncertain values: "tri(0.03; 0.06; 0.1)" in a field ⇄ { dist: "triangular", min, mode, max }.
const DISTS = {
  tri: ["triangular", ["min", "mode", "max"]],
  uni: ["uniform", ["min", "max"]],
  pert: ["pert", ["min", "mode", "max"]],
  norm: ["normal", ["mean", "sd"]],
};
const SHORT = { triangular: "tri", uniform: "uni", pert: "pert", normal: "norm" };

/** A field's text → a number's text, or a distribution object when it is written as one
 * (short or long name; parameters separated by ";" or, when there is no ";", by ","). */
export function parseParam(text) {
  if (isFormula(text)) return cleanFormula(text);
  const m = /^\s*(tri|triangular|uni|uniform|pert|norm|normal)\s*\((.*)\)\s*$/i.exec(text);
  if (!m) return cleanNumber(text);
  const name = m[1].toLowerCase();
  const key = name.slice(0, name.startsWith("pert") || name.startsWith("norm") ? 4 : 3);
  const [dist, fields] = DISTS[key];
  const parts = (m[2].includes(";") ? m[2].split(";") : m[2].split(",")).map(parseValue);
  const out = { dist };
  fields.forEach((f, i) => {
    if (parts[i] !== undefined && parts[i] !== "") out[f] = parts[i];
  });
  return out;
}

/** A model value → the text shown in its field (numbers and formulas unchanged, distributions
 * short). */
export function fmtParam(v) {
  if (v && typeof v === "object" && v.dist) {
    const fields = DISTS[SHORT[v.dist]]?.[1] ?? [];
    return `${SHORT[v.dist] ?? v.dist}(${fields.map((f) => v[f] ?? "").join("; ")})`;
  }
  return v;
}

/** A list of years as typed ("0, 1; 2") → the model's texts (["0", "1", "2"]). */
export const parseYears = (s) => s.split(/[;,\s]+/).map(cleanNumber).filter(Boolean);

// ---- Shares and rates in percent, numbers with the page's decimal mark ----------------------

/** Moves the decimal point of a decimal's text `k` places (right when k > 0), exactly, as text:
 * "0.035" by 2 → "3.5", "15" by −2 → "0.15". Anything that is not a plain decimal → null. */
export function shiftDecimal(text, k) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(String(text).trim());
  if (!m || (m[2] === "" && !m[3])) return null;
  const [, sign, int, frac = ""] = m;
  let digits = int + frac;
  let point = int.length + k;
  if (point < 0) { digits = "0".repeat(-point) + digits; point = 0; }
  if (point > digits.length) digits += "0".repeat(point - digits.length);
  const i = digits.slice(0, point).replace(/^0+(?=\d)/, "") || "0";
  const f = digits.slice(point).replace(/0+$/, "");
  const out = f ? `${i}.${f}` : i;
  return sign === "-" && /[1-9]/.test(out) ? `-${out}` : out;
}

/** The fields whose values are shares or rates, entered and shown in percent: the discount
 * rate (or each step of it), the attribution, start shares, transition shares and the shares
 * per year of a trajectory (the top level's or a target group's). */
export const isPercentPath = (path) =>
  /^discount_rate(\[\d+\]\.rate)?$/.test(path) || path === "analysis.attribution"
  || /(^|\.)start\.[^.]+$/.test(path) || /\.transitions\[\d+\]\.share$/.test(path) || /\.trajectory\[\d+\]\.shares\.[^.]+$/.test(path);

/** "rest" in the model, as a visitor reads and writes it in each language. */
const REST = { sv: "resten", en: "rest" };
const isRest = (s) => /^\s*(rest|resten|rester)\s*$/i.test(s);

/** One number typed in percent ("3,5 %", "15", "1 000 %") → the share's text ("0.035"); a formula
 * is the share itself and stays (in the core's grammar); text that is no number is passed on as
 * typed, for the engine to name. */
function percentToShare(text) {
  if (isFormula(text)) return cleanFormula(text);
  const n = cleanNumber(String(text).replace(/%/g, ""));
  if (n === "") return "";
  return shiftDecimal(n, -2) ?? n;
}

/** A share or rate field's text → the model's value: numbers are percent (with or without
 * "%"), "resten"/"rest" is the rest share, distributions take percent too
 * ("tri(10 %; 15 %; 20 %)" → { dist: "triangular", min: "0.1", mode: "0.15", max: "0.2" }). */
export function parsePercent(text) {
  if (isRest(text)) return "rest";
  if (isFormula(text)) return cleanFormula(text);
  const value = parseParam(text.replace(/(\d)\s*%/g, "$1"));
  if (value && typeof value === "object") {
    for (const k of Object.keys(value)) if (k !== "dist" && !isFormula(value[k])) value[k] = shiftDecimal(value[k], -2) ?? value[k];
    return value;
  }
  return percentToShare(text);
}

/** A decimal's text with the page's decimal mark ("1234.5" → "1234,5" in Swedish); formulas and
 * other text unchanged. */
export const decimalMark = (text, lang) => (lang === "sv" && /^-?\d+\.\d+$/.test(String(text)) ? String(text).replace(".", ",") : text);

/** A share in its percent field ("0.035" → "3,5 %", "rest" → "resten", a distribution as
 * "tri(3 %; 6 %; 10 %)"; formulas unchanged). */
export function fmtPercent(value, lang = "sv") {
  if (value == null || value === "") return value;
  if (typeof value === "object" && value.dist) {
    const fields = DISTS[SHORT[value.dist]]?.[1] ?? [];
    return `${SHORT[value.dist] ?? value.dist}(${fields.map((f) => fmtPercent(value[f] ?? "", lang)).join("; ")})`;
  }
  if (value === "rest") return REST[lang] ?? "rest";
  const p = shiftDecimal(value, 2);
  return p == null ? value : `${decimalMark(p, lang)} %`;
}

/** A value in its field, as the page shows it in `lang`: percent where the path is a share or
 * rate, else numbers with the page's decimal mark (distributions too). */
export function fmtField(value, path, lang = "sv") {
  if (path && isPercentPath(path)) return fmtPercent(value, lang);
  if (value && typeof value === "object" && value.dist) {
    const fields = DISTS[SHORT[value.dist]]?.[1] ?? [];
    return `${SHORT[value.dist] ?? value.dist}(${fields.map((f) => decimalMark(value[f] ?? "", lang)).join("; ")})`;
  }
  return decimalMark(value, lang);
}

/** A field's text → the model's value for the field at `path` (percent or not). */
export const parseField = (text, path) => (isPercentPath(path) ? parsePercent(text) : parseParam(text));

/** The difference a − b of two decimals' texts, exactly (BigInt on the digits), as text. */
export function subtractDecimals(a, b) {
  const parts = [a, b].map((s) => /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(String(s)));
  if (parts.some((m) => !m)) return null;
  const scale = Math.max(...parts.map((m) => (m[3] ?? "").length));
  const big = (m) => BigInt(`${m[1]}${m[2]}${(m[3] ?? "").padEnd(scale, "0")}`);
  const d = big(parts[0]) - big(parts[1]);
  const neg = d < 0n;
  const digits = (neg ? -d : d).toString().padStart(scale + 1, "0");
  const out = scale ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return `${neg ? "-" : ""}${out}`;
}

/** A non-negative decimal's text rounded up to a whole number ("12.01" → "13"): whole persons. */
export function ceilDecimal(text) {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return null;
  const whole = BigInt(m[2]);
  const up = m[1] !== "-" && /[1-9]/.test(m[3] ?? "");
  return `${m[1] === "-" && whole !== 0n ? "-" : ""}${up ? whole + 1n : whole}`;
}
