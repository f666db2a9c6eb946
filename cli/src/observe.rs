//! `ekusia observe DATA --model MODEL`: a follow-up table's observations into the model.
//!
//! The table is read by `ekusia-table` (the reader Python uses too) and counted and written
//! into the model by `ekusia::observe`; this file only handles arguments and files. The new
//! model is written to a temporary file beside `--output` and renamed into place, so an error
//! never leaves a partial model behind.

use crate::{lang_of, read_model, write_out, Failure, LangArg};
use clap::ValueEnum;
use ekusia::observe::{Columns, Side};
use ekusia::parse::ReadError;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum ScenarioArg {
    With,
    Without,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum SummaryFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub(crate) struct ObserveArgs {
    /// The follow-up table: .csv (',' or ';') or .xlsx (the first sheet, or --sheet).
    data: PathBuf,
    /// The model the observations go into (.toml or .json).
    #[arg(long)]
    model: String,
    /// The scenario of every row when the table has no scenario column.
    #[arg(long, value_enum, default_value = "with")]
    scenario: ScenarioArg,
    /// A mapping file (TOML): "label" = "state id", one a line.
    #[arg(long)]
    map: Option<PathBuf>,
    /// Write the new model here (.json for JSON, else TOML); `-` for standard output (the
    /// summary then goes to standard error). Without it nothing is written: a dry run.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// The sheet of a spreadsheet (default: the first).
    #[arg(long)]
    sheet: Option<String>,
    /// The column of person ids (default `person`).
    #[arg(long, value_name = "NAME")]
    person_column: Option<String>,
    /// The column of periods: cohort years 0, 1, … or months YYYY-MM (default `period`).
    #[arg(long, value_name = "NAME")]
    period_column: Option<String>,
    /// The column of states or labels (default `state`).
    #[arg(long, value_name = "NAME")]
    state_column: Option<String>,
    /// The column of groups, by id or name (default `group`, when the table has it).
    #[arg(long, value_name = "NAME")]
    group_column: Option<String>,
    /// The column of scenarios, `with` or `without` (default `scenario`, when the table has it).
    #[arg(long, value_name = "NAME")]
    scenario_column: Option<String>,
    /// The summary as a table or as JSON.
    #[arg(long, value_enum, default_value = "table")]
    format: SummaryFormat,
    #[arg(long, value_enum, default_value = "sv")]
    lang: LangArg,
}

fn read_failure(what: &Path, e: ReadError, lang: ekusia::Lang) -> Failure {
    match e {
        ReadError::Io(e) => Failure::Usage(format!("cannot read {}: {e}", what.display())),
        ReadError::Input(e) => Failure::Model(e, lang),
    }
}

/// Writes `text` to `path` through a temporary file in the same folder and a rename.
fn write_whole(path: &Path, text: &str) -> Result<(), Failure> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "model".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let fail = |e: std::io::Error| Failure::Usage(format!("cannot write {}: {e}", path.display()));
    let result = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(text.as_bytes()).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

pub(crate) fn run(a: ObserveArgs) -> Result<(), Failure> {
    let lang = lang_of(a.lang);
    let (text, fmt, opts) = read_model(&a.model, lang)?;
    let model = ekusia::parse_model(&text, fmt).map_err(|e| Failure::Model(e, lang))?;
    let mapping = match &a.map {
        Some(p) => Some(
            std::fs::read_to_string(p)
                .map_err(|e| Failure::Usage(format!("cannot read {}: {e}", p.display())))?,
        ),
        None => None,
    };
    let columns = Columns {
        person: a.person_column,
        period: a.period_column,
        state: a.state_column,
        group: a.group_column,
        scenario: a.scenario_column,
    };
    let side = match a.scenario {
        ScenarioArg::With => Side::With,
        ScenarioArg::Without => Side::Without,
    };
    let observed = ekusia_table::observe_file(
        &model,
        &a.data,
        a.sheet.as_deref(),
        &columns,
        side,
        mapping.as_deref(),
        &opts,
    )
    .map_err(|e| read_failure(&a.data, e, lang))?;
    let summary = match a.format {
        SummaryFormat::Table => observed.summary.text(lang),
        SummaryFormat::Json => format!("{}\n", observed.summary.to_json()),
    };
    let model_text = |p: &Path| -> Result<String, Failure> {
        if p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            Ok(format!("{}\n", observed.model.to_json()))
        } else {
            observed
                .model
                .to_toml()
                .map_err(|e| Failure::Model(e, lang))
        }
    };
    match &a.output {
        Some(p) if p.as_os_str() == "-" => {
            let t = model_text(p)?;
            eprint!("{summary}");
            write_out(&t, &None)
        }
        Some(p) => {
            let t = model_text(p)?;
            write_whole(p, &t)?;
            write_out(&summary, &None)
        }
        None => write_out(&summary, &None),
    }
}
