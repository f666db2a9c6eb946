//! `ekusia._core`: the compiled half of the Python package.
//!
//! Thin by design: it parses, validates and evaluates through the `ekusia` crate and hands
//! decimals to Python as strings (the Python layer turns them into `decimal.Decimal`), so
//! every number is computed in the core and none passes through a binary float.

use ekusia::present;
use ekusia::report::Report;
use ekusia::{Format, Lang, Model, Options};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::path::PathBuf;
use std::sync::Arc;

create_exception!(
    ekusia,
    ModelError,
    PyValueError,
    "A model is invalid: see .code, .path, .message and .errors (every problem found)."
);

/// A `ModelError` carrying every problem: code, path, the message in English (`message`) and
/// in both languages (`messages`), and the template's `key` and `values` — all rendered by the
/// core, so Python says what the command line and the page say.
fn model_error(py: Python<'_>, e: &ekusia::Error) -> PyErr {
    let err = ModelError::new_err(e.to_string());
    let value = err.value(py);
    let problems = PyList::empty(py);
    for p in e.problems() {
        let d = PyDict::new(py);
        let _ = d.set_item("code", p.code.as_str());
        let _ = d.set_item("path", &p.path);
        let _ = d.set_item("message", &p.message);
        let messages = PyDict::new(py);
        for l in [Lang::Sv, Lang::En] {
            let _ = messages.set_item(l.code(), p.message_in(l));
        }
        let _ = d.set_item("messages", messages);
        let _ = d.set_item(
            "key",
            serde_json::to_value(p.key)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
        );
        let values = PyDict::new(py);
        for (k, v) in &p.values {
            let _ = values.set_item(k, v);
        }
        let _ = d.set_item("values", values);
        let _ = problems.append(d);
    }
    let _ = value.setattr("code", e.code().as_str());
    let _ = value.setattr("path", e.path());
    let _ = value.setattr("message", e.message());
    let _ = value.setattr("errors", problems);
    err
}

/// Runs a core call so that a panic (which the tests never produce) becomes a `ModelError` with
/// code `panic`, never pyo3's `PanicException`, which `except Exception` cannot catch.
fn guarded<T>(py: Python<'_>, f: impl FnOnce() -> ekusia::Result<T>) -> PyResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(model_error(py, &e)),
        Err(cause) => {
            let why = cause
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| cause.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let err = ModelError::new_err(format!("[panic] internal error: {why}"));
            let value = err.value(py);
            let _ = value.setattr("code", "panic");
            let _ = value.setattr("path", "");
            let _ = value.setattr("message", format!("internal error: {why}"));
            let _ = value.setattr("errors", PyList::empty(py));
            Err(err)
        }
    }
}

fn lang(code: &str) -> PyResult<Lang> {
    Lang::from_code(code)
        .ok_or_else(|| PyValueError::new_err(format!("lang must be 'sv' or 'en', not {code:?}")))
}

/// A parsed model (not yet validated) and the folder its `base` path is relative to.
#[pyclass(module = "ekusia._core", name = "Model", frozen)]
struct PyModel {
    model: Arc<Model>,
    base_dir: Option<PathBuf>,
}

impl PyModel {
    fn options(&self) -> Options {
        Options {
            base_dir: self.base_dir.clone(),
        }
    }
}

#[pymethods]
impl PyModel {
    /// Parses model text; `format` is "toml" or "json".
    #[staticmethod]
    #[pyo3(signature = (text, format, base_dir=None))]
    fn parse(
        py: Python<'_>,
        text: &str,
        format: &str,
        base_dir: Option<PathBuf>,
    ) -> PyResult<PyModel> {
        let fmt = match format {
            "toml" => Format::Toml,
            "json" => Format::Json,
            other => {
                return Err(PyValueError::new_err(format!(
                    "format must be 'toml' or 'json', not {other:?}"
                )))
            }
        };
        let model = guarded(py, || ekusia::parse_model(text, fmt))?;
        Ok(PyModel {
            model: Arc::new(model),
            base_dir,
        })
    }

    /// Reads a model file: at most the input limit + 1 byte, UTF-8, TOML or JSON by its
    /// extension; a `base` path is relative to its folder.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<PyModel> {
        let text = match ekusia::parse::read_bounded(&path) {
            Ok(t) => t,
            Err(ekusia::parse::ReadError::Io(e)) => return Err(PyErr::from(e)),
            Err(ekusia::parse::ReadError::Input(e)) => return Err(model_error(py, &e)),
        };
        let fmt = Format::from_path(&path.to_string_lossy());
        let model = guarded(py, || ekusia::parse_model(&text, fmt))?;
        let dir = std::path::absolute(&path)
            .ok()
            .and_then(|p| p.parent().map(|d| d.to_path_buf()));
        Ok(PyModel {
            model: Arc::new(model),
            base_dir: dir,
        })
    }

    #[getter]
    fn base_dir(&self) -> Option<PathBuf> {
        self.base_dir.clone()
    }

    fn to_json(&self) -> String {
        self.model.to_json()
    }

    /// A copy with the value at `path` replaced by `value_json` (JSON text).
    fn set(&self, py: Python<'_>, path: &str, value_json: &str) -> PyResult<PyModel> {
        let model = guarded(py, || self.model.with_value(path, value_json))?;
        Ok(PyModel {
            model: Arc::new(model),
            base_dir: self.base_dir.clone(),
        })
    }

    /// The value at `path` as JSON text (the model's own, else its base's).
    fn get(&self, py: Python<'_>, path: &str) -> PyResult<String> {
        let opts = self.options();
        guarded(py, || self.model.get_with_base(path, &opts)).map(|v| v.to_string())
    }

    /// One variant per value (each JSON text) set at `path`, evaluated with the GIL released:
    /// one JSON object of columns over every variant's rows in order (`variant`, `id`, `name`,
    /// `kind` and each figure as a decimal string or null), so that the Python side parses
    /// once, whatever the number of variants.
    fn sweep(&self, py: Python<'_>, path: &str, values_json: Vec<String>) -> PyResult<String> {
        let model = self.model.clone();
        let opts = self.options();
        let path = path.to_string();
        guarded(py, || {
            py.allow_threads(move || {
                ekusia::sweep::sweep(&model, &opts, &path, &values_json).map(|r| sweep_columns(&r))
            })
        })
    }

    fn to_toml(&self, py: Python<'_>) -> PyResult<String> {
        guarded(py, || self.model.to_toml())
    }

    /// Which state each label is (`labels_json`: `[["label", rows], …]`; `mapping`: the
    /// mapping file's TOML text): JSON `{"label": "state id"}`, or every unmapped label raised.
    #[pyo3(signature = (labels_json, mapping=None))]
    fn observe_labels(
        &self,
        py: Python<'_>,
        labels_json: &str,
        mapping: Option<&str>,
    ) -> PyResult<String> {
        let labels: Vec<(String, u64)> = serde_json::from_str(labels_json)
            .map_err(|e| PyValueError::new_err(format!("labels: {e}")))?;
        let resolved = guarded(py, || {
            let map = match mapping {
                Some(t) => ekusia::observe::parse_mapping(t)?,
                None => Default::default(),
            };
            ekusia::observe::resolve_labels(&self.model, &labels, &map, &self.options())
        })?;
        Ok(serde_json::to_string(&resolved).unwrap_or_default())
    }

    /// The observations of a count table (`ekusia::observe::Counts` as JSON) written into the
    /// model: the new model and the summary as JSON.
    fn observe_counts(&self, py: Python<'_>, counts_json: &str) -> PyResult<(PyModel, String)> {
        let counts: ekusia::observe::Counts = serde_json::from_str(counts_json)
            .map_err(|e| PyValueError::new_err(format!("counts: {e}")))?;
        let model = self.model.clone();
        let opts = self.options();
        let o = guarded(py, || {
            py.allow_threads(move || ekusia::observe::observe(&model, &counts, &opts))
        })?;
        Ok((
            PyModel {
                model: Arc::new(o.model),
                base_dir: self.base_dir.clone(),
            },
            o.summary.to_json(),
        ))
    }

    /// A follow-up table file (.csv or .xlsx) read and counted by the same code as
    /// `ekusia observe`: the new model and the summary as JSON. `columns` holds the person,
    /// period, state, group and scenario column names (None: the default).
    #[pyo3(signature = (path, columns, scenario="with", mapping=None, sheet=None))]
    fn observe_file(
        &self,
        py: Python<'_>,
        path: PathBuf,
        columns: [Option<String>; 5],
        scenario: &str,
        mapping: Option<&str>,
        sheet: Option<&str>,
    ) -> PyResult<(PyModel, String)> {
        let side = ekusia::observe::Side::parse(scenario).ok_or_else(|| {
            PyValueError::new_err(format!(
                "scenario must be 'with' or 'without', not {scenario:?}"
            ))
        })?;
        let [person, period, state, group, scenario_col] = columns;
        let cols = ekusia::observe::Columns {
            person,
            period,
            state,
            group,
            scenario: scenario_col,
        };
        let model = self.model.clone();
        let opts = self.options();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            py.allow_threads(|| {
                ekusia_table::observe_file(&model, &path, sheet, &cols, side, mapping, &opts)
            })
        }));
        let o = match result {
            Ok(Ok(o)) => o,
            Ok(Err(ekusia::parse::ReadError::Io(e))) => return Err(PyErr::from(e)),
            Ok(Err(ekusia::parse::ReadError::Input(e))) => return Err(model_error(py, &e)),
            Err(_) => return guarded(py, || panic!("observe_file")),
        };
        Ok((
            PyModel {
                model: Arc::new(o.model),
                base_dir: self.base_dir.clone(),
            },
            o.summary.to_json(),
        ))
    }

    /// Validates; returns the warnings (problems raise ModelError).
    fn validate(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        let model = self.model.clone();
        let opts = self.options();
        let v = guarded(py, || {
            py.allow_threads(move || ekusia::validate(&model, &opts))
        })?;
        Ok(v.warnings().to_vec())
    }

    /// Validates and evaluates, with the GIL released.
    fn evaluate(&self, py: Python<'_>) -> PyResult<PyReport> {
        let model = self.model.clone();
        let opts = self.options();
        let report = guarded(py, || {
            py.allow_threads(move || ekusia::evaluate(&model, &opts))
        })?;
        Ok(PyReport { report })
    }

    /// Monte Carlo simulation with the GIL released: the result's JSON (without draws) and,
    /// when asked for, every row's draws as little-endian f64 bytes.
    #[pyo3(signature = (runs, seed, draws=false))]
    fn simulate<'py>(
        &self,
        py: Python<'py>,
        runs: u64,
        seed: u64,
        draws: bool,
    ) -> PyResult<(String, Vec<Bound<'py, pyo3::types::PyBytes>>)> {
        let model = self.model.clone();
        let opts = self.options();
        let mut sim = guarded(py, || {
            py.allow_threads(move || {
                ekusia::simulate(&model, &opts, runs, seed, draws, &mut |_| {})
            })
        })?;
        let kept = sim.draws.take().unwrap_or_default();
        let bytes = kept
            .iter()
            .map(|row| {
                let mut b = Vec::with_capacity(row.len() * 8);
                for x in row {
                    b.extend_from_slice(&x.to_le_bytes());
                }
                pyo3::types::PyBytes::new(py, &b)
            })
            .collect();
        Ok((sim.to_json(), bytes))
    }

    /// Every parameter (the base's first) with its value, definition and metadata, as JSON.
    fn parameters_json(&self, py: Python<'_>) -> PyResult<String> {
        let model = self.model.clone();
        let opts = self.options();
        let table = guarded(py, || {
            py.allow_threads(move || ekusia::parameter_table(&model, &opts))
        })?;
        Ok(serde_json::to_string(&table).unwrap_or_default())
    }

    /// One-way sensitivity of a row's npv (society's by default), as JSON (exact decimals as
    /// strings).
    #[pyo3(signature = (row="society"))]
    fn sensitivity(&self, py: Python<'_>, row: &str) -> PyResult<String> {
        let model = self.model.clone();
        let opts = self.options();
        let row = row.to_string();
        guarded(py, || {
            py.allow_threads(move || ekusia::sensitivity_of(&model, &opts, &row))
        })
        .map(|s| s.to_json())
    }
}

/// An evaluated report. Values leave as strings; the Python layer makes them Decimals.
#[pyclass(module = "ekusia._core", name = "Report", frozen)]
struct PyReport {
    report: Report,
}

/// Every row as the report's JSON writes it, without the yearly values, in report order.
fn rows_without_years(report: &Report) -> String {
    let rows: Vec<serde_json::Value> = report.rows.iter().map(row_without_years).collect();
    serde_json::Value::from(rows).to_string()
}

fn row_without_years(r: &ekusia::report::Row) -> serde_json::Value {
    let mut v = serde_json::to_value(r).unwrap_or_default();
    if let Some(o) = v.as_object_mut() {
        o.remove("years");
    }
    v
}

/// The figures of every row of every report as columns (see `PyModel::sweep`).
fn sweep_columns(reports: &[Report]) -> String {
    use serde_json::Value;
    let d = |x: ekusia::Decimal| Value::from(s(x));
    let o = |x: Option<ekusia::Decimal>| x.map(d).unwrap_or(Value::Null);
    let names = [
        "variant",
        "id",
        "name",
        "kind",
        "pv_effect",
        "pv_cost",
        "npv",
        "bcr",
        "roi",
        "payback_year",
        "break_even_effect",
        "npv_per_participant",
        "success_value",
        "break_even_successes",
        "fair_cost_share",
        "payback_months",
        "pv_cost_per_participant",
        "potential",
        "efficiency",
    ];
    let mut cols: Vec<Vec<Value>> = vec![Vec::new(); names.len()];
    for (i, report) in reports.iter().enumerate() {
        for r in &report.rows {
            let kind = serde_json::to_value(r.kind).unwrap_or_default();
            let row = [
                Value::from(i),
                Value::from(r.id.as_str()),
                Value::from(r.name.as_str()),
                kind,
                d(r.pv_effect),
                d(r.pv_cost),
                d(r.npv),
                o(r.bcr),
                o(r.roi),
                r.payback_year.map(Value::from).unwrap_or(Value::Null),
                o(r.break_even_effect),
                o(r.npv_per_participant),
                o(r.success_value),
                o(r.break_even_successes),
                o(r.fair_cost_share),
                o(r.payback_months),
                o(r.pv_cost_per_participant),
                o(r.potential),
                o(r.efficiency),
            ];
            for (c, v) in cols.iter_mut().zip(row) {
                c.push(v);
            }
        }
    }
    let map: serde_json::Map<String, Value> = names
        .iter()
        .zip(cols)
        .map(|(n, c)| (n.to_string(), Value::from(c)))
        .collect();
    Value::from(map).to_string()
}

fn s(d: ekusia::Decimal) -> String {
    d.normalize().to_string()
}

#[pymethods]
impl PyReport {
    /// The report's JSON: byte for byte what `ekusia run --format json` prints.
    fn to_json(&self) -> String {
        self.report.to_json()
    }

    fn warnings(&self) -> Vec<String> {
        self.report.warnings.clone()
    }

    /// The `model` section as JSON.
    fn model_json(&self) -> String {
        serde_json::to_string(&self.report.model).unwrap_or_default()
    }

    fn row_ids(&self) -> Vec<String> {
        self.report.rows.iter().map(|r| r.id.clone()).collect()
    }

    /// Every row as the report's JSON writes it, without the yearly values (those come from
    /// `yearly_columns`), in report order.
    fn rows_json(&self) -> String {
        rows_without_years(&self.report)
    }

    /// One row as `rows_json` writes it, or `None` for an id that is no row: `report.row(id)`
    /// converts one row, not all of them with their breakdowns.
    fn row_json(&self, id: &str) -> Option<String> {
        let r = self.report.rows.iter().find(|r| r.id == id)?;
        Some(row_without_years(r).to_string())
    }

    /// The yearly values as columns (a tidy table: one entry per row and year).
    fn yearly_columns<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let mut row = Vec::new();
        let mut year = Vec::new();
        let names = [
            "with",
            "without",
            "effect",
            "cost",
            "net",
            "discount_factor",
            "pv_net",
            "cumulative_pv_net",
        ];
        let mut cols: Vec<Vec<String>> = vec![Vec::new(); names.len()];
        for r in &self.report.rows {
            for y in &r.years {
                row.push(r.id.clone());
                year.push(y.year);
                for (c, v) in cols.iter_mut().zip([
                    y.with,
                    y.without,
                    y.effect,
                    y.cost,
                    y.net,
                    y.discount_factor,
                    y.pv_net,
                    y.cumulative_pv_net,
                ]) {
                    c.push(s(v));
                }
            }
        }
        let d = PyDict::new(py);
        d.set_item("row", row)?;
        d.set_item("year", year)?;
        for (n, c) in names.iter().zip(cols) {
            d.set_item(*n, c)?;
        }
        Ok(d)
    }

    /// The report for people: "table", "markdown", "csv" or "html", in "sv" or "en"; the HTML
    /// lists the parameters given as JSON (from `Model.parameters_json`) with their sources.
    #[pyo3(signature = (kind, lang_code="sv", parameters_json=None))]
    fn present(
        &self,
        kind: &str,
        lang_code: &str,
        parameters_json: Option<&str>,
    ) -> PyResult<String> {
        let l = lang(lang_code)?;
        let r = &self.report;
        let params: Vec<ekusia::ParameterInfo> = parameters_json
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        Ok(match kind {
            "table" => present::table(r, l),
            "markdown" => present::markdown(r, l),
            "csv" => present::csv(r, l),
            "html" => present::html_with(r, &params, l),
            other => {
                return Err(PyValueError::new_err(format!(
                    "unknown presentation {other:?}"
                )))
            }
        })
    }

    /// A table as CSV: `table` is "summary" or "years"; with a language, CSV for a spreadsheet
    /// in it (sv: `;`, decimal comma; a UTF-8 byte order mark first), without one for programs
    /// — what `ekusia run --format csv [--lang L] [--table T]` prints.
    #[pyo3(signature = (table="summary", lang_code=None))]
    fn csv(&self, table: &str, lang_code: Option<&str>) -> PyResult<String> {
        let which = ekusia_xlsx::csv::Which::from_name(table).ok_or_else(|| {
            PyValueError::new_err(format!("table must be 'summary' or 'years', not {table:?}"))
        })?;
        let r = &self.report;
        Ok(match (lang_code, which) {
            (Some(code), w) => ekusia_xlsx::csv::spreadsheet(r, w, lang(code)?),
            (None, ekusia_xlsx::csv::Which::Summary) => present::csv(r, Lang::Sv),
            (None, ekusia_xlsx::csv::Which::Years) => ekusia_xlsx::csv::years_machine(r),
        })
    }

    /// The report as an Excel workbook (the `.xlsx` file's bytes), byte for byte what
    /// `ekusia run --format xlsx` writes; the assumptions sheet lists the model's states, flows,
    /// costs and parameters when `model` is given (only the report's settings without it).
    #[pyo3(signature = (lang_code="sv", model=None))]
    fn to_xlsx<'py>(
        &self,
        py: Python<'py>,
        lang_code: &str,
        model: Option<PyRef<'py, PyModel>>,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let l = lang(lang_code)?;
        let assumptions = match model {
            Some(m) => {
                let (model, opts) = (m.model.clone(), m.options());
                Some(guarded(py, || {
                    py.allow_threads(move || ekusia::assumptions(&model, &opts))
                })?)
            }
            None => None,
        };
        let bytes =
            ekusia_xlsx::workbook(&self.report, assumptions.as_ref(), l).map_err(|e| match e {
                ekusia_xlsx::Error::Model(e) => model_error(py, &e),
                other => pyo3::exceptions::PyRuntimeError::new_err(other.to_string()),
            })?;
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
}

/// The bundled base libraries: (name, description).
#[pyfunction]
fn bases() -> Vec<(String, String)> {
    ekusia::bases::BUNDLED
        .iter()
        .map(|b| (b.name.to_string(), b.description.to_string()))
        .collect()
}

/// A base library's price list as JSON: actors, every state's yearly net amount per actor,
/// every parameter with its value and source.
#[pyfunction]
#[pyo3(signature = (name, base_dir=None))]
fn price_list_json(py: Python<'_>, name: &str, base_dir: Option<PathBuf>) -> PyResult<String> {
    let list = guarded(py, || ekusia::price_list(name, &Options { base_dir }))?;
    Ok(serde_json::to_string(&list).unwrap_or_default())
}

/// A report read back from its JSON form (for unpickling): it carries everything its
/// presentation needs.
#[pyfunction]
fn report_from_json(text: &str) -> PyResult<PyReport> {
    let report =
        Report::from_json(text).map_err(|e| PyValueError::new_err(format!("not a report: {e}")))?;
    Ok(PyReport { report })
}

/// Money in whole units of `currency` as every interface writes it (`1 234 567 kr`).
#[pyfunction]
#[pyo3(signature = (value, currency, lang_code="sv"))]
fn format_money(value: &str, currency: &str, lang_code: &str) -> PyResult<String> {
    let d: ekusia::Decimal = value
        .parse()
        .map_err(|_| PyValueError::new_err(format!("not a decimal: {value:?}")))?;
    Ok(ekusia::format::money(d, currency, lang(lang_code)?))
}

/// A number rounded half away from zero to `decimals` places, written for `lang_code`.
#[pyfunction]
#[pyo3(signature = (value, decimals, lang_code="sv"))]
fn format_number(value: &str, decimals: u32, lang_code: &str) -> PyResult<String> {
    let d: ekusia::Decimal = value
        .parse()
        .map_err(|_| PyValueError::new_err(format!("not a decimal: {value:?}")))?;
    Ok(ekusia::format::number(d, decimals, lang(lang_code)?))
}

/// A payback time in months as years and months (`3 år 2 mån`), the rule of every interface.
#[pyfunction]
#[pyo3(signature = (months, lang_code="sv"))]
fn format_duration(months: Option<&str>, lang_code: &str) -> PyResult<String> {
    let d = months
        .map(|m| m.parse::<ekusia::Decimal>())
        .transpose()
        .map_err(|_| PyValueError::new_err(format!("not a decimal: {months:?}")))?;
    Ok(ekusia::format::duration(d, lang(lang_code)?))
}

/// The model format as JSON Schema.
/// The columns `ekusia observe` reads from a table with these column names (person, period,
/// state, group, scenario; None where an optional one is absent), or every missing one raised.
#[pyfunction]
fn observe_columns(
    py: Python<'_>,
    names: Vec<String>,
    columns: [Option<String>; 5],
) -> PyResult<[Option<String>; 5]> {
    let [person, period, state, group, scenario] = columns;
    let cols = ekusia::observe::Columns {
        person,
        period,
        state,
        group,
        scenario,
    };
    guarded(py, || ekusia::observe::resolve_columns(&names, &cols))
}

/// An observation's summary (JSON) as the table `ekusia observe` prints, in `lang_code`.
#[pyfunction]
#[pyo3(signature = (summary_json, lang_code="sv"))]
fn observe_summary_text(summary_json: &str, lang_code: &str) -> PyResult<String> {
    let s: ekusia::observe::Summary = serde_json::from_str(summary_json)
        .map_err(|e| PyValueError::new_err(format!("summary: {e}")))?;
    Ok(s.text(lang(lang_code)?))
}

/// The messages of an observation's warnings in `lang_code`.
#[pyfunction]
#[pyo3(signature = (summary_json, lang_code="sv"))]
fn observe_warnings(summary_json: &str, lang_code: &str) -> PyResult<Vec<String>> {
    let s: ekusia::observe::Summary = serde_json::from_str(summary_json)
        .map_err(|e| PyValueError::new_err(format!("summary: {e}")))?;
    let l = lang(lang_code)?;
    Ok(s.warnings.iter().map(|w| w.message_in(l)).collect())
}

#[pyfunction]
fn schema() -> String {
    ekusia::schema::model_schema()
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", ekusia::VERSION)?;
    m.add("ModelError", m.py().get_type::<ModelError>())?;
    m.add_class::<PyModel>()?;
    m.add_class::<PyReport>()?;
    m.add_function(wrap_pyfunction!(bases, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(observe_columns, m)?)?;
    m.add_function(wrap_pyfunction!(observe_summary_text, m)?)?;
    m.add_function(wrap_pyfunction!(observe_warnings, m)?)?;
    m.add_function(wrap_pyfunction!(report_from_json, m)?)?;
    m.add_function(wrap_pyfunction!(price_list_json, m)?)?;
    m.add_function(wrap_pyfunction!(format_money, m)?)?;
    m.add_function(wrap_pyfunction!(format_number, m)?)?;
    m.add_function(wrap_pyfunction!(format_duration, m)?)?;
    Ok(())
}
