//! The no-panic harness of `errors.rs` and `hostile.rs`: a model goes through every entry
//! point (validate, evaluate, simulate, sensitivity) and every output format, each call inside
//! `catch_unwind`; the answer must be a result or an error that keeps SPEC §5's contract, and
//! every presented text must be safe for where it is shown.
//!
//! Findings that are not failures (an `overflow` without a path, a known core bug documented
//! by an ignored test) are collected in [`NOTES`] and printed by the tests at the end.

use ekusia::{Error, ErrorCode, Model, Msg, Options};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

/// The error codes of SPEC §5, version 1.1's included.
pub const SPEC_CODES: [&str; 17] = [
    "parse",
    "schema",
    "unsupported_format",
    "unknown_reference",
    "duplicate_id",
    "invalid_share",
    "shares_sum",
    "outflow_exceeds_one",
    "invalid_range",
    "negative_amount",
    "financing",
    "limit",
    "overflow",
    "base_not_found",
    "formula",
    "cycle",
    "division_by_zero",
];

/// Runs of a simulation in the fuzz tests: enough to reach every statistic, cheap enough for
/// thousands of cases.
pub const SIM_RUNS: u64 = 20;

/// Findings that do not fail a test, by kind: how often, and the first few examples.
pub static NOTES: Mutex<BTreeMap<String, (usize, Vec<String>)>> = Mutex::new(BTreeMap::new());

/// Records a finding of `kind` (kept: the count, and the first three examples).
pub fn note(kind: &str, example: impl FnOnce() -> String) {
    let mut notes = NOTES.lock().unwrap_or_else(|e| e.into_inner());
    let entry = notes.entry(kind.to_string()).or_default();
    entry.0 += 1;
    if entry.1.len() < 3 {
        let mut ex = example();
        if ex.len() > 600 {
            let mut cut = 600;
            while !ex.is_char_boundary(cut) {
                cut -= 1;
            }
            ex.truncate(cut);
            ex.push_str(" …");
        }
        entry.1.push(ex);
    }
}

/// The findings so far, one paragraph per kind.
pub fn notes_report() -> String {
    let notes = NOTES.lock().unwrap_or_else(|e| e.into_inner());
    let mut s = String::new();
    for (kind, (n, examples)) in notes.iter() {
        s.push_str(&format!("{kind}: {n} time(s)\n"));
        for e in examples {
            s.push_str(&format!("    e.g. {e}\n"));
        }
    }
    s
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".into())
}

/// Calls `f`; a panic becomes an `Err` naming the stage and the panic's message.
pub fn guarded<T>(stage: &str, f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| format!("{stage} panicked: {}", panic_text(p)))
}

/// A known core bug: a problem that breaks the contract in a way an `#[ignore]` test
/// documents. Matched here so the fuzzers keep looking for new ones; counted in [`NOTES`].
/// (None are left: the ones the harness found are fixed and their tests now fail if they
/// come back.)
fn known_bug(_stage: &str, _code: ErrorCode, _path: &str, _message: &str) -> Option<&'static str> {
    None
}

/// A JSON document that is not an object (`[]`, `5`, `null`) is a `schema` error without a
/// path (a core bug, `core_bug_a_document_that_is_not_a_table_has_no_error_path`).
pub const ROOT_SCHEMA_BUG: &str =
    "known core bug: a JSON document that is not an object is a schema error without a path";

/// Checks an error against SPEC §5: at least one problem; every problem has a code of §5,
/// a message, and a path, except `parse` errors and the input-size `limit`. An `overflow`
/// without a path is recorded in [`NOTES`], not failed.
pub fn check_error(stage: &str, e: &Error) -> Result<(), String> {
    if e.problems().is_empty() {
        return Err(format!("{stage}: an error without problems"));
    }
    // The accessors must agree with the first problem, and never panic.
    let first = &e.problems()[0];
    if e.code() != first.code || e.path() != first.path || e.message() != first.message {
        return Err(format!(
            "{stage}: code()/path()/message() differ from the first problem"
        ));
    }
    let _ = e.to_string();
    for p in e.problems() {
        let code = p.code.as_str();
        if !SPEC_CODES.contains(&code) {
            return Err(format!("{stage}: code {code:?} is not one of SPEC §5"));
        }
        if p.message.trim().is_empty() {
            return Err(format!("{stage}: [{code}] {:?} has no message", p.path));
        }
        if p.path.is_empty() {
            let allowed = p.code == ErrorCode::Parse
                || (p.code == ErrorCode::Limit && p.key == Msg::InputTooLarge);
            if allowed {
                continue;
            }

            if let Some(bug) = known_bug(stage, p.code, &p.path, &p.message) {
                note(bug, || format!("{stage}: [{code}] {}", p.message));
                continue;
            }
            return Err(format!(
                "{stage}: [{code}] problem without a path: {}",
                p.message
            ));
        }
    }
    Ok(())
}

/// Text shown on a terminal: no control character but the line break (an ESC would let a
/// model's name recolour or rewrite the analyst's terminal).
pub fn terminal_safe(what: &str, s: &str) -> Result<(), String> {
    if let Some(c) = s.chars().find(|c| c.is_control() && *c != '\n') {
        return Err(format!(
            "{what}: a control character {:?} reaches the terminal",
            c
        ));
    }
    Ok(())
}

/// The currency with control characters reaches the terminal tables raw, in every money cell
/// (a core bug, `core_bug_currency_reaches_the_terminal_raw` in `hostile.rs`): the check
/// looks past the currency's own text, so the fuzzers keep finding other ways in.
pub const CURRENCY_BUG: &str =
    "known core bug: the currency's control characters reach the terminal tables (money cells)";

/// As [`terminal_safe`], with the known currency bug set aside: the text with every copy of
/// the currency removed must be safe.
pub fn terminal_safe_but_currency(what: &str, s: &str, _currency: &str) -> Result<(), String> {
    // The currency bug is fixed (a currency with control characters is refused): no exception.
    terminal_safe(what, s)
}

/// An actor may take the id `society` or `public_sector` (a core bug,
/// `core_bug_an_actor_may_take_the_id_society` in `hostile.rs`): the report then has two rows
/// of that id.
pub const DUPLICATE_ROW_BUG: &str =
    "known core bug: an actor with the id of an aggregate row gives two report rows of that id";

/// Markdown and HTML: no raw markup a model could inject.
pub fn markup_safe(what: &str, s: &str) -> Result<(), String> {
    let lower = s.to_lowercase();
    for raw in ["<script", "<img", "<iframe", "<svg onload"] {
        if lower.contains(raw) {
            return Err(format!("{what}: raw {raw:?} in the output"));
        }
    }
    Ok(())
}

/// The cells of a CSV text (RFC 4180: quoted cells, `""` for a quote inside one).
pub fn csv_cells(s: &str) -> Result<Vec<Vec<String>>, String> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                row.push(std::mem::take(&mut cell));
                at_start = true;
            }
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            _ => {
                cell.push(c);
                at_start = false;
            }
        }
    }
    if quoted {
        return Err("CSV: a quoted cell is not closed".into());
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    Ok(rows)
}

/// CSV: no cell a spreadsheet would run as a formula (text cells get a leading `'`), and
/// every line has the header's number of cells.
pub fn csv_safe(what: &str, s: &str) -> Result<(), String> {
    let rows = csv_cells(s).map_err(|e| format!("{what}: {e}"))?;
    let width = rows.first().map_or(0, Vec::len);
    for (i, row) in rows.iter().enumerate() {
        if row.len() != width {
            return Err(format!(
                "{what}: line {i} has {} cells, the header {width}",
                row.len()
            ));
        }
        for cell in row {
            if cell.starts_with(['=', '+', '@', '\t', '\r']) {
                return Err(format!("{what}: a cell a spreadsheet runs: {cell:?}"));
            }
        }
    }
    Ok(())
}

/// Every output format of a report, in both languages: presented without panicking, and safe.
#[cfg(feature = "present")]
pub fn check_presentations(report: &ekusia::Report) -> Result<(), String> {
    use ekusia::present;
    use ekusia::Lang;
    for lang in [Lang::Sv, Lang::En] {
        let t = guarded("present::table", || present::table(report, lang))?;
        terminal_safe_but_currency("table", &t, &report.model.currency)?;
        let m = guarded("present::markdown", || present::markdown(report, lang))?;
        markup_safe("markdown", &m)?;
        let c = guarded("present::csv", || present::csv(report, lang))?;
        csv_safe("csv", &c)?;
        let h = guarded("present::html", || present::html(report, lang))?;
        markup_safe("html", &h)?;
    }
    Ok(())
}

#[cfg(not(feature = "present"))]
pub fn check_presentations(_: &ekusia::Report) -> Result<(), String> {
    Ok(())
}

#[cfg(feature = "present")]
fn check_uncertainty_tables(
    sim: Option<&ekusia::Simulation>,
    sens: Option<&ekusia::Sensitivity>,
    currency: &str,
) -> Result<(), String> {
    use ekusia::present;
    use ekusia::Lang;
    for lang in [Lang::Sv, Lang::En] {
        if let Some(sim) = sim {
            let t = guarded("present::simulation_table", || {
                present::simulation_table(sim, currency, lang)
            })?;
            terminal_safe_but_currency("simulation table", &t, currency)?;
        }
        if let Some(s) = sens {
            let t = guarded("present::sensitivity_table", || {
                present::sensitivity_table(s, currency, lang)
            })?;
            terminal_safe_but_currency("sensitivity table", &t, currency)?;
        }
    }
    Ok(())
}

#[cfg(not(feature = "present"))]
fn check_uncertainty_tables(
    _: Option<&ekusia::Simulation>,
    _: Option<&ekusia::Sensitivity>,
    _: &str,
) -> Result<(), String> {
    Ok(())
}

/// What [`exercise`] got from a model.
#[derive(Debug, Default)]
pub struct Outcome {
    pub validated: bool,
    pub evaluated: bool,
    pub simulated: bool,
    /// The tornado, when it ran and succeeded.
    pub sensitivity: Option<ekusia::Sensitivity>,
}

/// The most work the fuzzers give one tornado: bars × items of the model (each bar evaluates
/// the whole model twice, so the tornado is quadratic in the model's size: 4,000 cost items
/// take 38 s in release mode, see `core_issue_the_tornado_is_quadratic` in `hostile.rs`).
pub const TORNADO_BUDGET: usize = if cfg!(debug_assertions) {
    300_000
} else {
    3_000_000
};

/// How many bars the tornado draws for a model (distributions, or else every non-zero
/// amount and share), and how many flows, costs and rules each of its evaluations walks.
pub fn tornado_work(m: &Model) -> (usize, usize) {
    use ekusia::num::{Param, Share};
    let mut params: Vec<&Param> = Vec::new();
    for s in &m.states {
        params.extend(s.flows.iter().map(|f| &f.amount));
    }
    for c in &m.intervention.costs {
        params.extend(c.amount.iter().chain(c.per_participant.iter()));
    }
    let shares = |map: &'_ indexmap::IndexMap<String, Share>| -> Vec<Param> {
        map.values()
            .filter_map(|s| match s {
                Share::Value(p) => Some(p.clone()),
                Share::Rest => None,
            })
            .collect()
    };
    let mut owned: Vec<Param> = shares(&m.intervention.start);
    let mut rules = 0;
    for sc in [&m.scenarios.with, &m.scenarios.without]
        .into_iter()
        .flatten()
    {
        for t in sc.transitions.iter().flatten() {
            owned.push(t.share.clone());
            rules += 1;
        }
        for e in sc.trajectory.iter().flatten() {
            owned.extend(shares(&e.shares));
            rules += e.shares.len();
        }
    }
    let all: Vec<&Param> = params.into_iter().chain(owned.iter()).collect();
    let dists = all.iter().filter(|p| p.is_dist()).count();
    let bars = if dists > 0 {
        dists + 2
    } else {
        all.iter().filter(|p| !p.point().is_zero()).count()
    };
    let flows: usize = m.states.iter().map(|s| s.flows.len()).sum();
    let items = flows + m.intervention.costs.len() + rules + m.intervention.cohorts.len() + 1;
    (bars, items)
}

/// Sends a model through validate, evaluate, simulate (a few runs) and sensitivity, and a
/// successful report through every output format. `Err` says what broke the contract: a panic,
/// an error outside SPEC §5, a path missing, an evaluation that fails after validation with
/// something else than `overflow`, an unsafe output.
pub fn exercise(m: &Model, opts: &Options) -> Result<Outcome, String> {
    let mut out = Outcome::default();
    let validated = guarded("validate", || ekusia::validate(m, opts))?;
    out.validated = validated.is_ok();
    match &validated {
        Ok(v) => {
            let _ = guarded("Validated::warnings", || v.warnings().len())?;
            let _ = guarded("Validated::summary", || v.summary())?;
            if let Err(e) = guarded("Validated::evaluate", || v.evaluate())? {
                check_error("Validated::evaluate", &e)?;
                if e.code() != ErrorCode::Overflow {
                    return Err(format!(
                        "Validated::evaluate failed with {} (only overflow may fail after validation): {e}",
                        e.code()
                    ));
                }
            }
        }
        Err(e) => check_error("validate", e)?,
    }
    let currency;
    match guarded("evaluate", || ekusia::evaluate(m, opts))? {
        Ok(r) => {
            if validated.is_err() {
                return Err("evaluate succeeded where validate failed".into());
            }
            if r.rows.len() < 2 {
                return Err(format!("a report with {} rows", r.rows.len()));
            }
            let json = guarded("Report::to_json", || r.to_json())?;
            match ekusia::Report::from_json(&json) {
                Ok(back) if back == r => {}
                Ok(_) => return Err("the report's JSON reads back different".into()),
                Err(e) => return Err(format!("the report's JSON does not read back: {e}")),
            }
            let mut ids: Vec<&str> = r.rows.iter().map(|row| row.id.as_str()).collect();
            ids.sort_unstable();
            if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
                return Err(format!("{DUPLICATE_ROW_BUG}: {:?}", w[0]));
            }
            check_presentations(&r)?;
            currency = r.model.currency.clone();
            out.evaluated = true;
        }
        Err(e) => {
            check_error("evaluate", &e)?;
            currency = "SEK".into();
        }
    }
    let sim = match guarded("simulate", || {
        ekusia::simulate(m, opts, SIM_RUNS, 7, false, &mut |_| {})
    })? {
        Ok(s) => {
            let _ = guarded("Simulation::to_json", || s.to_json())?;
            if s.rows.len() < 2 {
                return Err(format!("a simulation with {} rows", s.rows.len()));
            }
            if !out.evaluated {
                note("simulate succeeds where evaluate fails", || {
                    "a model that simulates but does not evaluate".into()
                });
            }
            out.simulated = true;
            Some(s)
        }
        Err(e) => {
            check_error("simulate", &e)?;
            None
        }
    };
    let (bars, items) = tornado_work(m);
    if bars.saturating_mul(items) > TORNADO_BUDGET {
        note("tornado not run: too much work for a fuzz case", || {
            format!("{bars} bars × {items} items")
        });
        check_uncertainty_tables(sim.as_ref(), None, &currency)?;
        return Ok(out);
    }
    match guarded("sensitivity", || ekusia::sensitivity(m, opts))? {
        Ok(s) => {
            let _ = guarded("Sensitivity::to_json", || s.to_json())?;
            out.sensitivity = Some(s);
        }
        Err(e) => check_error("sensitivity", &e)?,
    };
    check_uncertainty_tables(sim.as_ref(), out.sensitivity.as_ref(), &currency)?;
    Ok(out)
}

/// Parses text and, when it is a model, [`exercise`]s it.
pub fn exercise_text(text: &str, format: ekusia::Format) -> Result<Outcome, String> {
    match guarded("parse_model", || ekusia::parse_model(text, format))? {
        Ok(m) => exercise(&m, &Options::default()),
        Err(e) => {
            check_error("parse_model", &e)?;
            Ok(Outcome::default())
        }
    }
}
