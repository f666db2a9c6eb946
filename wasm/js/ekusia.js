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

function text(model) {
  if (typeof model === "string") return model;
  if (model === null || typeof model !== "object") {
    const err = new Error("a model is a JSON/TOML string or a plain object");
    err.code = "parse";
    err.path = "";
    err.problems = [{ code: "parse", path: "", message: err.message }];
    throw err;
  }
  return JSON.stringify(model);
}

// A trap (a Rust panic, which should never happen) becomes an Error with code "panic".
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      const msg = raw.lastPanic() || e.message;
      const err = new Error(`internal error: ${msg}`);
      err.code = "panic";
      err.path = "";
      err.problems = [{ code: "panic", path: "", message: err.message }];
      throw err;
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

/** Actors and states of a model with its base merged (names in every language). */
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
export function simulate(model, runs = 10000, seed = 1) {
  return JSON.parse(guard(() => raw.simulateText(text(model), runs, seed)));
}

/** One-way sensitivity ("tornado") of society's npv; exact decimals as strings. */
export function sensitivity(model) {
  return JSON.parse(guard(() => raw.sensitivityText(text(model))));
}

/** Evaluates `n` times inside WebAssembly (for timing); returns society's npv. */
export function evaluateRepeat(model, n) {
  return guard(() => raw.evaluateRepeat(text(model), n));
}

export function version() {
  return raw.version();
}

// The engine words its problems in English. On the Swedish page the ones a visitor can cause by
// editing are said in Swedish; any other gets a Swedish sentence for its code, followed by the
// engine's own words (which name the exact value and field).
const SV_PATTERNS = [
  [/^.+ must be at least (\S+), found (\S+)$/, (m) => `Måste vara minst ${m[1]} (nu ${m[2]}).`],
  [/^.+ must be at most (\S+)(?: \(the limit\))?, found (\S+)$/, (m) => `Får vara högst ${m[1]} (nu ${m[2]}).`],
  [/^.+ must be a whole number, found (\S+)$/, (m) => `Måste vara ett heltal (nu ${m[1]}).`],
  [/^a share must be between 0 and 1, found (\S+)$/, (m) => `En andel ska ligga mellan 0 och 1 (nu ${m[1]}).`],
  [/^.+ must not be negative, found (\S+)/, (m) => `Får inte vara negativt (nu ${m[1]}); riktningen anges av från och till.`],
  [/^a financing weight must not be negative, found (\S+)$/, (m) => `En finansieringsvikt får inte vara negativ (nu ${m[1]}).`],
  [/^name at least one actor with a positive weight/, () => "Minst en aktör måste ha en vikt större än 0."],
  [/^the shares sum to (\S+), not 1/, (m) => `Andelarna summerar till ${m[1]}, inte 1; ändra dem eller låt ett tillstånd ta "rest".`],
  [/^the named shares sum to (\S+), more than 1/, (m) => `Andelarna summerar till ${m[1]}, mer än 1, så "rest" skulle bli negativ.`],
  [/^in cohort year (\d+) the shares leaving '([^']+)' sum to (\S+), more than 1$/, (m) => `År ${m[1]} lämnar andelar som summerar till ${m[3]} tillståndet ${m[2]}; högst 1 kan lämna.`],
  [/^a discount rate must be at least 0 and below 1, found (\S+)$/, (m) => `Diskonteringsräntan ska vara minst 0 och under 1 (nu ${m[1]}).`],
  [/^min (\S+) is above max (\S+)$/, (m) => `Min ${m[1]} är större än max ${m[2]}.`],
  [/^mode (\S+) must lie between min (\S+) and max (\S+)$/, (m) => `Det troligaste värdet ${m[1]} måste ligga mellan min ${m[2]} och max ${m[3]}.`],
  [/^sd must not be negative, found (\S+)$/, (m) => `Standardavvikelsen får inte vara negativ (nu ${m[1]}).`],
  [/^to_year (\d+) is before from_year (\d+)$/, (m) => `Till år ${m[1]} ligger före från år ${m[2]}.`],
];
const SV_CODES = {
  parse: "Texten kunde inte läsas som en modell.",
  schema: "Fel sorts värde eller ett okänt fält.",
  unsupported_format: "Okänt modellformat.",
  unknown_reference: "Hänvisar till något som inte finns.",
  duplicate_id: "Finns redan en gång.",
  invalid_share: "En andel ska ligga mellan 0 och 1.",
  shares_sum: "Andelarna summerar fel.",
  outflow_exceeds_one: "Mer än hela gruppen lämnar ett tillstånd.",
  invalid_range: "Värdet är utanför det tillåtna.",
  negative_amount: "Beloppet får inte vara negativt.",
  financing: "Finansieringen är ofullständig.",
  limit: "Över modellens gränser.",
  overflow: "Beloppen blir för stora för en exakt beräkning.",
  base_not_found: "Basbiblioteket finns inte.",
};

/** A problem's message in Swedish (`lang` "sv") or as the engine wrote it (any other). */
export function problemText(p, lang) {
  if (lang !== "sv") return p.message;
  for (const [re, say] of SV_PATTERNS) {
    const m = re.exec(p.message);
    if (m) return say(m);
  }
  const lead = SV_CODES[p.code];
  return lead ? `${lead} (${p.message})` : p.message;
}
