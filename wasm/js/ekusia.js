// ekusia for the browser and Node: the crate's functions over JSON text or plain objects.
// Every number is computed by the Rust core compiled to WebAssembly; decimals are strings.
//
//   import { load, evaluate } from "./pkg/ekusia.js";
//   await load();
//   const report = evaluate(modelObjectOrJsonOrToml);   // SPEC §4 report, decimals as strings
//
// Errors are thrown as Error objects with `code`, `path` and `problems` (every problem found).
import init, * as raw from "./ekusia_wasm.js";

let ready = null;

/** Loads the WebAssembly module once. `source` may be a URL, a Response or the bytes. */
export function load(source) {
  if (!ready) {
    ready = init(source === undefined ? undefined : { module_or_path: source }).then(() => {
      raw.installPanicHook();
    });
  }
  return ready;
}

function modelError(code, path, message) {
  const err = new Error(path ? `[${code}] ${path}: ${message}` : `[${code}] ${message}`);
  err.name = "ModelError";
  err.code = code;
  err.path = path;
  err.problems = [{ code, path, message, messages: { sv: message, en: message } }];
  return err;
}

// JSON.stringify would silently turn NaN and Infinity into null, drop undefined values and
// functions, and throw a bare TypeError for a BigInt: a model must never mean something other
// than what its author wrote, so each is a `schema` error with its path. Deep nesting is a
// `limit` error rather than a stack overflow.
function checkValue(v, path, depth) {
  if (depth > 256) throw modelError("limit", path, "the model is nested too deeply");
  switch (typeof v) {
    case "number":
      if (!Number.isFinite(v)) throw modelError("schema", path, `${v} is not a number a model can hold`);
      return;
    case "string":
    case "boolean":
      return;
    case "bigint":
      // A BigInt is exact: pass it on as a decimal string.
      return;
    case "undefined":
    case "function":
    case "symbol":
      throw modelError("schema", path, `a ${typeof v} is not a value a model can hold`);
    default:
      if (v === null) return;
      if (Array.isArray(v)) {
        v.forEach((x, i) => checkValue(x, `${path}[${i}]`, depth + 1));
        return;
      }
      for (const [k, x] of Object.entries(v)) checkValue(x, path ? `${path}.${k}` : k, depth + 1);
  }
}

function text(model) {
  if (typeof model === "string") return model;
  if (model === null || typeof model !== "object") {
    throw modelError("parse", "", "a model is a JSON/TOML string or a plain object");
  }
  checkValue(model, "", 0);
  return JSON.stringify(model, (_, v) => (typeof v === "bigint" ? v.toString() : v));
}

// A trap (a Rust panic, which should never happen) becomes an Error with code "panic".
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      const msg = raw.lastPanic() || e.message;
      throw modelError("panic", "", `internal error: ${msg}`);
    }
    throw e;
  }
}

/** The report as JSON text: byte for byte what `ekusia run --format json` prints. */
export function evaluateJson(model) {
  return guard(() => raw.evaluateText(text(model)));
}

/** The report (SPEC §4) as an object; every decimal is a string. */
export function evaluate(model) {
  return JSON.parse(evaluateJson(model));
}

/** Every problem and warning: `{ problems: [{code, path, message}], warnings: [...] }`. */
export function validate(model) {
  return JSON.parse(guard(() => raw.validateText(text(model))));
}

/** What a valid model resolves to, its base merged, for editors: actors; states with their
 * flows as written, time limits and whether the base has them; parameters with the value the
 * report states, the definition as written, name, unit, source, year, quality and whether the
 * base has them. */
export function describe(model) {
  return JSON.parse(guard(() => raw.describeText(text(model))));
}

/** A model in its JSON form (numbers as strings), from TOML or JSON text or an object. */
export function toModelObject(model) {
  return JSON.parse(guard(() => raw.toJsonText(text(model))));
}

/** The bundled base libraries: `[{ name, description }]`. */
export function bases() {
  return JSON.parse(raw.basesJson());
}

/** The model format as a JSON Schema object. */
export function schema() {
  return JSON.parse(raw.schemaJson());
}

/** The bundled example models: `[{ id, name, description, model }]`. */
export function examples() {
  return JSON.parse(raw.examplesJson());
}

/** Monte Carlo simulation (SPEC §6): per row mean, sd, p5, p50, p95, P(npv > 0), histogram. */
// Runs and seeds are whole numbers; a BigInt is welcome while it is exact as a JS number (the
// core's seeds end at 2^53 - 1 in every interface, runs at 10^7).
function whole(x, name) {
  if (typeof x === "bigint") {
    if (x < 0n || x > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw modelError("limit", name, `${name} must be between 0 and ${Number.MAX_SAFE_INTEGER}, found ${x}`);
    }
    return Number(x);
  }
  if (typeof x !== "number") throw modelError("schema", name, `${name} must be a whole number, found ${typeof x}`);
  return x;
}

export function simulate(model, runs = 10000, seed = 1) {
  return JSON.parse(guard(() => raw.simulateText(text(model), whole(runs, "runs"), whole(seed, "seed"))));
}

/** One-way sensitivity ("tornado") of a row's npv — society's, or `{ row: "municipality" }` —
 * exact decimals as strings; each bar's `label` is a readable path `setValue` takes. */
export function sensitivity(model, options = {}) {
  const row = options && options.row !== undefined ? String(options.row) : undefined;
  return JSON.parse(guard(() => raw.sensitivityText(text(model), row)));
}

/** A copy of the model (its JSON form, numbers as strings) with one value replaced, the value
 * named by what it is: `setValue(m, "scenarios.with.transitions[from=social_assistance,to=employment].share", "0.12")`,
 * `costs[name=Coacher].amount`, `parameters[id=wage].value`, or by position
 * (`intervention.cohorts[0].participants`). A selector that matches nothing or several entries
 * throws a ModelError (code `schema`) listing the entries and the nearest one. */
export function setValue(model, path, value) {
  checkValue(value, String(path), 0);
  const json = JSON.stringify(value, (_, v) => (typeof v === "bigint" ? v.toString() : v));
  return JSON.parse(guard(() => raw.setValueText(text(model), String(path), json)));
}

/** The value at `path` (the paths of `setValue`): numbers as strings, tables as objects; a
 * value the model takes from its bundled base (a base parameter) is the base's. */
export function getValue(model, path) {
  return JSON.parse(guard(() => raw.getValueText(text(model), String(path))));
}

/** Evaluates `n` times inside WebAssembly (for timing); returns society's npv. */
export function evaluateRepeat(model, n) {
  return guard(() => raw.evaluateRepeat(text(model), n));
}

export function version() {
  return raw.version();
}

// The Excel writer lives in a second module (ekusia_wasm_xlsx), as large again as the first, so
// a page that never exports does not download it: it is loaded on the first reportXlsx call.
let xlsxReady = null;

/** Loads the Excel module once (`source` as for `load`); `reportXlsx` calls it itself, so only
 * Node, or a page that wants the module early, calls it directly. */
export function loadXlsx(source) {
  if (!xlsxReady) {
    xlsxReady = import("./ekusia_wasm_xlsx.js").then(async (x) => {
      await x.default(source === undefined ? undefined : { module_or_path: source });
      x.installPanicHook();
      return x;
    });
    xlsxReady.catch(() => {
      xlsxReady = null; // a failed download may be retried
    });
  }
  return xlsxReady;
}

/** The report of a model as an Excel workbook: a promise of the `.xlsx` file's bytes, byte for
 * byte what `ekusia run --format xlsx --lang <lang>` writes (summary with a chart, years,
 * breakdowns, outcomes, groups, assumptions). `lang` is "sv" (default) or "en". */
export async function reportXlsx(modelText, lang = "sv") {
  const input = text(modelText);
  const x = await loadXlsx();
  try {
    return x.reportXlsx(input, lang);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      throw modelError("panic", "", `internal error: ${x.lastPanic() || e.message}`);
    }
    throw e;
  }
}

// A value as the decimal text the core reads. A float is written as String() writes it (the
// shortest text that reads back as the same float), but without the exponent String() uses
// below 1e-6 and from 1e21 on ("1e-7" → "0.0000001"), which the core would refuse.
function decimalText(value) {
  const s = String(value);
  const m = typeof value === "number" ? /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s) : null;
  if (!m) return s;
  const [, sign, int, frac = "", exp] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${"0".repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${"0".repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Money in whole units of `currency`, written as every interface writes it (by the core):
 * `1 234 567 kr` (sv, SEK), `1 234 567 EUR` (sv), `SEK 1,234,567` (en). `value` is a decimal
 * string or a float. */
export function formatMoney(value, currency, lang = "sv") {
  return raw.formatMoney(decimalText(value), currency, lang);
}

/** A number rounded half away from zero to `decimals` places, written for `lang` (by the core). */
export function formatNumber(value, decimals, lang = "sv") {
  return raw.formatNumber(decimalText(value), decimals, lang);
}

/** A problem's message in `lang` ("sv" or "en"), as the core words it from the problem's
 * template and values; a problem made outside the core keeps its own message. */
export function problemText(p, lang) {
  return (p.messages && p.messages[lang]) || p.message;
}
