//! The `ekusia` command line: evaluate, validate and inspect models.
//!
//! Exit codes: 0 success, 1 the model is wrong (every problem printed with code, path and
//! message), 2 a usage error (bad arguments, unreadable file).

mod observe;

use clap::{Parser, Subcommand, ValueEnum};
use ekusia::parse::{read_bounded, read_text, ReadError};
use ekusia::present;
use ekusia::{Error, Format, Lang, Options};
use ekusia_xlsx::csv as xcsv;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ekusia",
    version,
    about = "Socio-economic cost-benefit analysis of social interventions (EKUSIA)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum OutFormat {
    Table,
    Json,
    Csv,
    Markdown,
    Html,
    /// An Excel workbook (needs --output).
    Xlsx,
}

#[derive(Clone, Copy, ValueEnum)]
enum TableArg {
    Summary,
    Years,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum LangArg {
    Sv,
    En,
}

/// How and where a result is written (shared by run, simulate and sensitivity).
#[derive(clap::Args)]
struct Output {
    #[arg(long, value_enum, default_value = "table")]
    format: OutFormat,
    /// Swedish (the default) or English. With --format csv, a language asks for CSV for a
    /// spreadsheet in it (sv: `;` and decimal comma; both with a UTF-8 byte order mark);
    /// without one, CSV is for programs (`,` and `.`).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Values changed before the model is run, by path (the paths of errors and of the tornado).
#[derive(clap::Args)]
struct Edits {
    /// Change one value first: PATH=VALUE, e.g.
    /// --set 'scenarios.with.transitions[from=social_assistance,to=employment].share=0.12'
    /// (repeatable; VALUE is JSON, a percentage such as 32.5% (= 0.325), or else text such as
    /// a formula "= wage * 12").
    #[arg(long = "set", value_name = "PATH=VALUE")]
    set: Vec<String>,
}

/// `PATH=VALUE` split at the first `=` outside brackets and quotes (a selector has its own).
fn split_edit(arg: &str) -> Option<(&str, &str)> {
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    for (i, c) in arg.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => depth += 1,
            ']' if !quoted => depth = depth.saturating_sub(1),
            '=' if !quoted && depth == 0 => return Some((arg[..i].trim(), &arg[i + 1..])),
            _ => {}
        }
    }
    None
}

/// `"32.5%"` as the exact decimal text `"0.325"`, as Python's `Model.set` takes it (in a model
/// file a percentage is a formula, `"= 32.5%"`); anything else is `None`.
fn percent(value: &str) -> Option<String> {
    let number = value.strip_suffix('%')?.trim_end();
    if number.is_empty()
        || !number
            .trim_start_matches(['+', '-'])
            .starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let d = ekusia::num::parse_decimal(number).ok()?;
    let share = d.checked_div(ekusia::Decimal::ONE_HUNDRED)?;
    Some(share.normalize().to_string())
}

/// The model with every `--set` applied, in order.
fn edited(mut m: ekusia::Model, edits: &Edits, lang: Lang) -> Result<ekusia::Model, Failure> {
    for arg in &edits.set {
        let Some((path, value)) = split_edit(arg) else {
            return Err(Failure::Usage(format!(
                "--set takes PATH=VALUE, e.g. --set horizon=12; found {arg:?}"
            )));
        };
        let value = value.trim();
        let json = if let Some(share) = percent(value) {
            serde_json::Value::from(share).to_string()
        } else if serde_json::from_str::<serde_json::Value>(value).is_ok() {
            value.to_string()
        } else {
            serde_json::Value::from(value).to_string()
        };
        m = m
            .with_value(path, &json)
            .map_err(|e| Failure::Model(e, lang))?;
    }
    Ok(m)
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a model and print the report.
    Run {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
        /// The table with every figure (wider than 100 columns).
        #[arg(long)]
        wide: bool,
        /// With --format csv: the summary (one line per row) or the years (one line per row
        /// and year).
        #[arg(long, value_enum, default_value = "summary")]
        table: TableArg,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        out: Output,
    },
    /// Check a model and list every problem found.
    Validate {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
        /// The language of the problems' messages.
        #[arg(long, value_enum, default_value = "sv")]
        lang: LangArg,
    },
    /// Monte Carlo simulation: npv per row under uncertainty, P(npv > 0).
    Simulate {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
        #[arg(long, default_value_t = 10_000)]
        runs: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Include every run's npv per row in the JSON output.
        #[arg(long)]
        draws: bool,
        /// Threads to split the runs across (0: one per core). The result is the same for
        /// every number of threads.
        #[arg(long, default_value_t = 1)]
        threads: usize,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        out: Output,
    },
    /// One-way sensitivity ("tornado") of a row's npv (society's unless --row is given).
    Sensitivity {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
        /// The report row whose npv is varied: an actor's id, public_sector or society.
        #[arg(long, default_value = "society")]
        row: String,
        #[command(flatten)]
        edits: Edits,
        #[command(flatten)]
        out: Output,
    },
    /// Observed trajectories from a follow-up table (CSV or xlsx): writes the model with the
    /// participants' cohort year 0 as `start` and later years as each scenario's trajectory.
    Observe(observe::ObserveArgs),
    /// Print the model format as JSON Schema.
    Schema,
    /// List the bundled base libraries, or show one: its states' yearly amounts per actor and
    /// its parameters with their sources (the "price list").
    Bases {
        /// The base to show (a bundled name, or a base file).
        #[arg(long)]
        show: Option<String>,
        #[arg(long, value_enum, default_value = "sv")]
        lang: LangArg,
        /// `table` or `json`.
        #[arg(long, value_enum, default_value = "table")]
        format: OutFormat,
    },
}

fn lang_of(l: impl Into<Option<LangArg>>) -> Lang {
    match l.into() {
        Some(LangArg::Sv) | None => Lang::Sv,
        Some(LangArg::En) => Lang::En,
    }
}

enum Failure {
    /// The model is wrong: exit 1, every problem in this language.
    Model(Error, Lang),
    /// Bad arguments, an unreadable file, a failed write: exit 2.
    Usage(String),
}

/// Reads a model file or standard input, never more than the input limit + 1 byte.
fn read_model(arg: &str, lang: Lang) -> Result<(String, Format, Options), Failure> {
    let failed = |what: &str, e: ReadError| match e {
        ReadError::Io(e) => Failure::Usage(format!("cannot read {what}: {e}")),
        ReadError::Input(e) => Failure::Model(e, lang),
    };
    if arg == "-" {
        let text = read_text(std::io::stdin().lock()).map_err(|e| failed("standard input", e))?;
        let format = Format::sniff(&text);
        let dir = std::env::current_dir().ok();
        return Ok((text, format, Options { base_dir: dir }));
    }
    let path = Path::new(arg);
    let text = read_bounded(path).map_err(|e| failed(arg, e))?;
    let dir = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            p.to_path_buf()
        }
    });
    Ok((text, Format::from_path(arg), Options { base_dir: dir }))
}

/// Reads, parses, edits (`--set`) and validates a model: what every command starts with.
fn load(
    arg: &str,
    edits: &Edits,
    lang: Lang,
) -> Result<(ekusia::Model, ekusia::Validated, Options), Failure> {
    let (text, fmt, opts) = read_model(arg, lang)?;
    let m = ekusia::parse_model(&text, fmt).map_err(|e| Failure::Model(e, lang))?;
    let m = edited(m, edits, lang)?;
    let v = ekusia::validate(&m, &opts).map_err(|e| Failure::Model(e, lang))?;
    Ok((m, v, opts))
}

/// The text of a command that prints only a table or JSON (simulate, sensitivity).
fn json_or_table(
    command: &str,
    format: OutFormat,
    json: impl FnOnce() -> String,
    table: impl FnOnce() -> String,
) -> Result<String, Failure> {
    match format {
        OutFormat::Json => Ok(json()),
        OutFormat::Table => Ok(table()),
        _ => Err(Failure::Usage(format!(
            "{command} prints --format table or json"
        ))),
    }
}

fn write_out(text: &str, output: &Option<PathBuf>) -> Result<(), Failure> {
    write_bytes(text.as_bytes(), output)
}

fn write_bytes(bytes: &[u8], output: &Option<PathBuf>) -> Result<(), Failure> {
    match output {
        Some(p) => std::fs::write(p, bytes)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", p.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            match out.write_all(bytes).and_then(|()| out.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is what the reader wanted, not an error.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(Failure::Usage(format!(
                    "cannot write to standard output: {e}"
                ))),
            }
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run {
            model,
            wide,
            table,
            edits,
            out:
                Output {
                    format,
                    lang: lang_arg,
                    output,
                },
        } => {
            let lang = lang_of(lang_arg);
            if matches!(format, OutFormat::Xlsx) && output.is_none() {
                return Err(Failure::Usage(
                    "--format xlsx writes a binary workbook: give --output FILE.xlsx".into(),
                ));
            }
            if matches!(table, TableArg::Years) && !matches!(format, OutFormat::Csv) {
                return Err(Failure::Usage(
                    "--table years is for --format csv (the workbook has a sheet of years)".into(),
                ));
            }
            let (m, v, opts) = load(&model, &edits, lang)?;
            let report = v.evaluate().map_err(|e| Failure::Model(e, lang))?;
            // Printed reports name the values that are assumptions (issue 13: "say so in the report").
            let note = || {
                let params = ekusia::parameter_table(&m, &opts).unwrap_or_default();
                present::assumptions_note(&params, lang)
                    .map_or(String::new(), |n| format!("\n{n}\n"))
            };
            let text = match (format, table, lang_arg) {
                (OutFormat::Json, ..) => report.to_json(),
                (OutFormat::Table, ..) if wide => present::table_wide(&report, lang) + &note(),
                (OutFormat::Table, ..) => present::table(&report, lang) + &note(),
                (OutFormat::Markdown, ..) => present::markdown(&report, lang) + &note(),
                (OutFormat::Csv, TableArg::Summary, None) => present::csv(&report, lang),
                (OutFormat::Csv, TableArg::Years, None) => xcsv::years_machine(&report),
                (OutFormat::Csv, TableArg::Summary, Some(_)) => {
                    xcsv::spreadsheet(&report, xcsv::Which::Summary, lang)
                }
                (OutFormat::Csv, TableArg::Years, Some(_)) => {
                    xcsv::spreadsheet(&report, xcsv::Which::Years, lang)
                }
                (OutFormat::Html, ..) => {
                    // The parameters the model used, with their sources, under the results.
                    let params = ekusia::parameter_table(&m, &opts).unwrap_or_default();
                    present::html_with(&report, &params, lang)
                }
                (OutFormat::Xlsx, ..) => String::new(),
            };
            if !matches!(format, OutFormat::Table | OutFormat::Markdown) {
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
            }
            if matches!(format, OutFormat::Xlsx) {
                let a = ekusia::assumptions(&m, &opts).map_err(|e| Failure::Model(e, lang))?;
                let bytes = ekusia_xlsx::workbook(&report, Some(&a), lang)
                    .map_err(|e| Failure::Usage(e.to_string()))?;
                return write_bytes(&bytes, &output);
            }
            write_out(&text, &output)
        }
        Command::Validate { model, lang } => {
            let (_, v, _) = load(&model, &Edits { set: vec![] }, lang_of(lang))?;
            for w in v.warnings() {
                eprintln!("warning: {w}");
            }
            write_out(&format!("ok: {}\n", v.summary()), &None)
        }
        Command::Simulate {
            model,
            runs,
            seed,
            draws,
            edits,
            threads,
            out:
                Output {
                    format,
                    lang,
                    output,
                },
        } => {
            let lang = lang_of(lang);
            let (m, v, opts) = load(&model, &edits, lang)?;
            // A progress bar on standard error for long runs (hidden when it is not a terminal).
            let bar = if runs >= 200_000 {
                indicatif::ProgressBar::new(runs)
            } else {
                indicatif::ProgressBar::hidden()
            };
            let threads = if threads == 0 {
                std::thread::available_parallelism().map_or(1, |n| n.get())
            } else {
                threads
            };
            let sim =
                ekusia::simulate_threads(&m, &opts, runs, seed, draws, threads, &mut |done| {
                    bar.set_position(done)
                })
                .map_err(|e| Failure::Model(e, lang))?;
            bar.finish_and_clear();
            let text = json_or_table(
                "simulate",
                format,
                || sim.to_json(),
                || present::simulation_table(&sim, v.currency(), lang),
            )?;
            write_out(&text, &output)
        }
        Command::Sensitivity {
            model,
            row,
            edits,
            out:
                Output {
                    format,
                    lang,
                    output,
                },
        } => {
            let lang = lang_of(lang);
            let (m, v, opts) = load(&model, &edits, lang)?;
            let s = ekusia::sensitivity_of(&m, &opts, &row).map_err(|e| Failure::Model(e, lang))?;
            let text = json_or_table(
                "sensitivity",
                format,
                || s.to_json(),
                || present::sensitivity_table(&s, v.currency(), lang),
            )?;
            write_out(&text, &output)
        }
        Command::Observe(args) => observe::run(args),
        Command::Schema => write_out(&format!("{}\n", ekusia::schema::model_schema()), &None),
        Command::Bases { show: None, .. } => {
            let mut s = String::new();
            for b in ekusia::bases::BUNDLED {
                s.push_str(&format!("{}\t{}\n", b.name, b.description));
            }
            write_out(&s, &None)
        }
        Command::Bases {
            show: Some(name),
            lang,
            format,
        } => {
            let lang = lang_of(lang);
            let dir = std::env::current_dir().ok();
            let list = ekusia::price_list(&name, &Options { base_dir: dir })
                .map_err(|e| Failure::Model(e, lang))?;
            let text = match format {
                OutFormat::Json => format!(
                    "{}\n",
                    serde_json::to_string_pretty(&list).unwrap_or_default()
                ),
                OutFormat::Table => present::price_list(&list, lang),
                _ => {
                    return Err(Failure::Usage(
                        "bases --show prints --format table or json".into(),
                    ))
                }
            };
            write_out(&text, &None)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Model(e, lang)) => {
            for p in e.problems() {
                let message = present::plain(&p.message_in(lang));
                if p.path.is_empty() {
                    eprintln!("error[{}]: {message}", p.code);
                } else {
                    eprintln!(
                        "error[{}] at {}: {message}",
                        p.code,
                        present::plain(&p.path)
                    );
                }
            }
            ExitCode::from(1)
        }
        Err(Failure::Usage(m)) => {
            eprintln!("error: {m}");
            ExitCode::from(2)
        }
    }
}
