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
