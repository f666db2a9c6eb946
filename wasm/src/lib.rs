//! `ekusia` for the browser: the same functions as the crate, over JSON text.
//!
//! The JavaScript wrapper (`wasm/js/ekusia.js`) accepts JS objects too and turns results into
//! objects; this layer only converts. Errors are thrown as real `Error` objects carrying
//! `code`, `path` and `problems`; a panic (which should never happen) is recorded by a hook
//! so that the wrapper can throw it as an `Error` with code `panic` instead of a bare trap.

use ekusia::{Format, Lang, Options, Problem};
use js_sys::{Array, Error as JsError, Object, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook; the wrapper calls it once when the module loads.
#[wasm_bindgen(js_name = installPanicHook)]
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, if any (read by the wrapper after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow_mut().take())
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

/// A problem as JSON: code, path, message (English), `messages` in both languages, and the
/// template's `key` and `values`, so the page shows the core's own sentences.
fn problem_json(p: &Problem) -> serde_json::Value {
    let mut v = serde_json::to_value(p).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.insert(
            "messages".into(),
            serde_json::json!({ "sv": p.message_in(Lang::Sv), "en": p.message_in(Lang::En) }),
        );
    }
    v
}

fn problems_array(e: &ekusia::Error) -> Array {
    let arr = Array::new();
    for p in e.problems() {
        let text = problem_json(p).to_string();
        arr.push(&js_sys::JSON::parse(&text).unwrap_or(JsValue::NULL));
    }
    arr
}

fn to_js_error(e: &ekusia::Error) -> JsValue {
    let err = JsError::new(&e.to_string());
    err.set_name("ModelError");
    set(&err, "code", &JsValue::from_str(e.code().as_str()));
    set(&err, "path", &JsValue::from_str(e.path()));
    set(&err, "problems", &problems_array(e));
    err.into()
}

/// Evaluates a model (JSON or TOML text) and returns the report's JSON: byte for byte what
/// the command line prints with `--format json`.
#[wasm_bindgen(js_name = evaluateText)]
pub fn evaluate_text(model: &str) -> Result<String, JsValue> {
    ekusia::evaluate_text(model, Format::sniff(model), &Options::default())
        .map(|r| r.to_json())
        .map_err(|e| to_js_error(&e))
}

/// Validates a model: `{"problems": [...], "warnings": [...]}` as JSON (never throws for a
/// model error; every problem is listed).
#[wasm_bindgen(js_name = validateText)]
pub fn validate_text(model: &str) -> String {
    let out = ekusia::parse_model(model, Format::sniff(model))
        .and_then(|m| ekusia::validate(&m, &Options::default()));
    let value = match out {
        Ok(v) => serde_json::json!({ "problems": [], "warnings": v.warnings() }),
        Err(e) => {
            let problems: Vec<_> = e.problems().iter().map(problem_json).collect();
            serde_json::json!({ "problems": problems, "warnings": [] })
        }
    };
    value.to_string()
}

/// What a model resolves to (its base merged), for editors, as JSON:
/// `{"actors": [{id, name, kind}], "states": [{id, name, flows, max_years, then, base}],
/// "parameters": [{id, value, definition, name, unit, source, year, quality, base}]}`.
/// A state's `flows` are as written (amounts as numbers' text, formulas or distributions), so an
/// editor can copy a base state into the model; a parameter's `value` is its point value as the
/// report states it (`model.parameters`), its `definition` the number, formula or distribution
/// as written; `base` says whether the model's base has an entry with that id (the model's own
/// one, if any, replaces it). Names and units are a string or one per language.
#[wasm_bindgen(js_name = describeText)]
pub fn describe_text(model: &str) -> Result<String, JsValue> {
    let own = ekusia::parse_model(model, Format::sniff(model)).map_err(|e| to_js_error(&e))?;
    let m = ekusia::inline_base(&own, &Options::default()).map_err(|e| to_js_error(&e))?;
    let report = ekusia::evaluate(&own, &Options::default()).map_err(|e| to_js_error(&e))?;
    // The bundled base's ids (a browser has no other bases).
    let base = own
        .base
        .as_deref()
        .and_then(ekusia::bases::bundled)
        .and_then(|text| ekusia::parse::parse_base(text, Format::Toml).ok());
    let in_base_state = |id: &str| {
        base.as_ref()
            .is_some_and(|b| b.states.iter().any(|s| s.id == id))
    };
    let in_base_param = |id: &str| base.as_ref().is_some_and(|b| b.parameters.contains_key(id));
    let actors: Vec<_> = m
        .actors
        .iter()
        .map(|a| {
            let kind = a.kind.unwrap_or_default().as_str();
            serde_json::json!({ "id": a.id, "name": a.name, "kind": kind })
        })
        .collect();
    let states: Vec<_> = m
        .states
        .iter()
        .map(|s| {
            serde_json::json!({
                "id": s.id, "name": s.name, "flows": s.flows, "max_years": s.max_years,
                "then": s.then, "base": in_base_state(&s.id),
            })
        })
        .collect();
    let values: std::collections::HashMap<&str, String> = report
        .model
        .parameters
        .iter()
        .map(|p| (p.id.as_str(), p.value.normalize().to_string()))
        .collect();
    let parameters: Vec<_> = m
        .parameters
        .iter()
        .map(|(id, def)| {
            // A year is a whole number (validated); written as one.
            let year = def.year.map(|y| y.to_string().parse::<i64>().ok());
            serde_json::json!({
                "id": id, "value": values.get(id.as_str()), "definition": def.value,
                "name": def.name, "unit": def.unit, "source": def.source, "year": year.flatten(),
                "quality": def.quality, "base": in_base_param(id),
            })
        })
        .collect();
    Ok(
        serde_json::json!({ "actors": actors, "states": states, "parameters": parameters })
            .to_string(),
    )
}

/// A model as JSON (numbers as strings), from TOML or JSON text.
#[wasm_bindgen(js_name = toJsonText)]
pub fn to_json_text(model: &str) -> Result<String, JsValue> {
    ekusia::parse_model(model, Format::sniff(model))
        .map(|m| m.to_json())
        .map_err(|e| to_js_error(&e))
}

/// The bundled base libraries as JSON: `[{name, description}]`.
#[wasm_bindgen(js_name = basesJson)]
pub fn bases_json() -> String {
    let v: Vec<_> = ekusia::bases::BUNDLED
        .iter()
        .map(|b| serde_json::json!({ "name": b.name, "description": b.description }))
        .collect();
    serde_json::Value::from(v).to_string()
}

/// The model format as JSON Schema (text).
#[wasm_bindgen(js_name = schemaJson)]
pub fn schema_json() -> String {
    ekusia::schema::model_schema()
}

/// The bundled example models, as JSON: `[{id, name, description, model}]`, each `model` a
/// model in JSON form that the command line and Python accept unchanged.
#[wasm_bindgen(js_name = examplesJson)]
pub fn examples_json() -> String {
    const EXAMPLES: &[(&str, &str)] = &[
        (
            "jobbspar-forsorjningsstod",
            include_str!("../../models/examples/jobbspar-forsorjningsstod.toml"),
        ),
        (
            "sfi-samhallsorientering",
            include_str!("../../models/examples/sfi-samhallsorientering.toml"),
        ),
        (
            "finsam-unga",
            include_str!("../../models/examples/finsam-unga.toml"),
        ),
        (
            "ex-ante-plan",
            include_str!("../../models/examples/ex-ante-plan.toml"),
        ),
        (
            "jobbspar-osakerhet",
            include_str!("../../models/examples/jobbspar-osakerhet.toml"),
        ),
    ];
    let v: Vec<_> = EXAMPLES
        .iter()
        .filter_map(|(id, text)| {
            let m = ekusia::Model::from_toml(text).ok()?;
            let model: serde_json::Value = serde_json::from_str(&m.to_json()).ok()?;
            Some(serde_json::json!({ "id": id, "name": m.name, "description": m.description, "model": model }))
        })
        .collect();
    serde_json::Value::from(v).to_string()
}

/// Monte Carlo simulation (SPEC §6) as JSON: the same numbers as native code for the same seed.
/// `runs` and `seed` are f64 in JS; they must be whole numbers.
#[wasm_bindgen(js_name = simulateText)]
pub fn simulate_text(model: &str, runs: f64, seed: f64) -> Result<String, JsValue> {
    // Whole numbers; past 2^53 - 1 a JS number is no longer exact, and the core's seeds end
    // there in every interface (runs end far below).
    let whole = |x: f64, what: &str| -> Result<u64, JsValue> {
        let err = |code, key, values: Vec<(&str, String)>| {
            to_js_error(&ekusia::Error::new(code, what, key, values))
        };
        if !(x.is_finite() && x.fract() == 0.0) {
            let values = vec![("field", what.into()), ("found", x.to_string())];
            return Err(err(
                ekusia::ErrorCode::InvalidRange,
                ekusia::Msg::WholeNumber,
                values,
            ));
        }
        if x < 0.0 {
            // Out of range, as in Python and on the command line.
            let values = vec![
                ("field", what.into()),
                ("min", "0".into()),
                ("found", x.to_string()),
            ];
            return Err(err(ekusia::ErrorCode::Limit, ekusia::Msg::AtLeast, values));
        }
        if x > ekusia::sim::MAX_SEED as f64 {
            return Err(to_js_error(&ekusia::Error::new(
                ekusia::ErrorCode::Limit,
                what,
                ekusia::Msg::AtMostLimit,
                ekusia::values![field = what, max = ekusia::sim::MAX_SEED, found = x],
            )));
        }
        Ok(x as u64)
    };
    let (runs, seed) = (whole(runs, "runs")?, whole(seed, "seed")?);
    let m = ekusia::parse_model(model, Format::sniff(model)).map_err(|e| to_js_error(&e))?;
    ekusia::simulate(&m, &Options::default(), runs, seed, false, &mut |_| {})
        .map(|s| s.to_json())
        .map_err(|e| to_js_error(&e))
}

/// One-way sensitivity of a row's npv (society's when `row` is not given) as JSON (exact
/// decimals as strings).
#[wasm_bindgen(js_name = sensitivityText)]
pub fn sensitivity_text(model: &str, row: Option<String>) -> Result<String, JsValue> {
    let m = ekusia::parse_model(model, Format::sniff(model)).map_err(|e| to_js_error(&e))?;
    let row = row.unwrap_or_else(|| ekusia::report::SOCIETY.to_string());
    ekusia::sensitivity_of(&m, &Options::default(), &row)
        .map(|s| s.to_json())
        .map_err(|e| to_js_error(&e))
}

/// The model (JSON or TOML text) with the value at `path` replaced by `value_json`, as the
/// model's JSON: paths by position (`intervention.cohorts[0].participants`) or by selector
/// (`scenarios.with.transitions[from=social_assistance,to=employment].share`).
#[wasm_bindgen(js_name = setValueText)]
pub fn set_value_text(model: &str, path: &str, value_json: &str) -> Result<String, JsValue> {
    let m = ekusia::parse_model(model, Format::sniff(model)).map_err(|e| to_js_error(&e))?;
    m.with_value(path, value_json)
        .map(|m| m.to_json())
        .map_err(|e| to_js_error(&e))
}

/// The value at `path` as JSON text (the model's own, else its bundled base's).
#[wasm_bindgen(js_name = getValueText)]
pub fn get_value_text(model: &str, path: &str) -> Result<String, JsValue> {
    let m = ekusia::parse_model(model, Format::sniff(model)).map_err(|e| to_js_error(&e))?;
    m.get_with_base(path, &Options::default())
        .map(|v| v.to_string())
        .map_err(|e| to_js_error(&e))
}

fn lang_of(code: &str) -> Lang {
    Lang::from_code(code).unwrap_or(Lang::Sv)
}

/// Money in whole units of `currency` as every interface writes it: `1 234 567 kr` (sv, SEK),
/// `1 234 567 EUR` (sv), `SEK 1,234,567` (en). `value` is a decimal string.
#[wasm_bindgen(js_name = formatMoney)]
pub fn format_money(value: &str, currency: &str, lang: &str) -> Result<String, JsValue> {
    let d: ekusia::Decimal = value.trim().parse().map_err(|_| not_a_decimal(value))?;
    Ok(ekusia::format::money(d, currency, lang_of(lang)))
}

/// A number rounded half away from zero to `decimals` places (at most 28), written for `lang`.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: &str, decimals: u32, lang: &str) -> Result<String, JsValue> {
    let d: ekusia::Decimal = value.trim().parse().map_err(|_| not_a_decimal(value))?;
    Ok(ekusia::format::number(d, decimals, lang_of(lang)))
}

fn not_a_decimal(value: &str) -> JsValue {
    let err = JsError::new(&format!("not a decimal number: {value:?}"));
    err.set_name("TypeError");
    err.into()
}

/// The report of a model (JSON or TOML text) as an Excel workbook: the `.xlsx` file's bytes,
/// byte for byte what `ekusia run --format xlsx` writes (the page's "Ladda ner Excel").
/// `lang` is "sv" or "en" (anything else is Swedish, as for the other formatting functions).
#[cfg(feature = "xlsx")]
#[wasm_bindgen(js_name = reportXlsx)]
pub fn report_xlsx(model: &str, lang: &str) -> Result<Vec<u8>, JsValue> {
    ekusia_xlsx::workbook_for_text(model, lang_of(lang)).map_err(|e| match e {
        ekusia_xlsx::Error::Model(e) => to_js_error(&e),
        other => JsError::new(&other.to_string()).into(),
    })
}

/// The crate version.
#[wasm_bindgen]
pub fn version() -> String {
    ekusia::VERSION.to_string()
}

/// Evaluation without the JSON round trip, for the page's own timing: evaluates `n` times and
/// returns the last report's society npv (so the work cannot be optimised away).
#[wasm_bindgen(js_name = evaluateRepeat)]
pub fn evaluate_repeat(model: &str, n: u32) -> Result<String, JsValue> {
    let m = ekusia::parse_model(model, Format::sniff(model)).map_err(|e| to_js_error(&e))?;
    let v = ekusia::validate(&m, &Options::default()).map_err(|e| to_js_error(&e))?;
    let mut last = String::new();
    for _ in 0..n.max(1) {
        let r = v.evaluate().map_err(|e| to_js_error(&e))?;
        last = r
            .row("society")
            .map(|r| r.npv.normalize().to_string())
            .unwrap_or_default();
    }
    Ok(last)
}
