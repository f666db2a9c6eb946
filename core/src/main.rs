//! The `ekusia` command line: evaluate, validate and inspect models.
//!
//! Exit codes: 0 success, 1 the model is wrong (every problem printed with code, path and
//! message), 2 a usage error (bad arguments, unreadable file).

use clap::{Parser, Subcommand, ValueEnum};
use ekusia::present::{self, Lang};
use ekusia::{engine, Error, Format, Options};
use std::io::{Read, Write};
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
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Sv,
    En,
}

/// How and where a result is written (shared by run, simulate and sensitivity).
#[derive(clap::Args)]
struct Output {
    #[arg(long, value_enum, default_value = "table")]
    format: OutFormat,
    #[arg(long, value_enum, default_value = "sv")]
    lang: LangArg,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Evaluate a model and print the report.
    Run {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
        #[command(flatten)]
        out: Output,
    },
    /// Check a model and list every problem found.
    Validate {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
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
        #[command(flatten)]
        out: Output,
    },
    /// One-way sensitivity ("tornado") of society's npv.
    Sensitivity {
        /// Model file (.toml or .json), or - for standard input.
        model: String,
        #[command(flatten)]
        out: Output,
    },
    /// Print the model format as JSON Schema.
    Schema,
    /// List the bundled base libraries.
    Bases,
}

fn lang_of(l: LangArg) -> Lang {
    match l {
        LangArg::Sv => Lang::Sv,
        LangArg::En => Lang::En,
    }
}

enum Failure {
    Model(Error),
    Usage(String),
}

fn read_model(arg: &str) -> Result<(String, Format, Options), Failure> {
    if arg == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Usage(format!("cannot read standard input: {e}")))?;
        let format = Format::sniff(&text);
        let dir = std::env::current_dir().ok();
        return Ok((text, format, Options { base_dir: dir }));
    }
    let path = Path::new(arg);
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::Usage(format!("cannot read {arg}: {e}")))?;
    let dir = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            p.to_path_buf()
        }
    });
    Ok((text, Format::from_path(arg), Options { base_dir: dir }))
}

/// Reads, parses and validates a model: what every command starts with.
fn load(arg: &str) -> Result<(ekusia::Model, ekusia::Validated, Options), Failure> {
    let (text, fmt, opts) = read_model(arg)?;
    let m = ekusia::parse_model(&text, fmt).map_err(Failure::Model)?;
    let v = ekusia::validate(&m, &opts).map_err(Failure::Model)?;
    Ok((m, v, opts))
}

fn write_out(text: &str, output: &Option<PathBuf>) -> Result<(), Failure> {
    match output {
        Some(p) => std::fs::write(p, text)
            .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", p.display()))),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            let _ = out.write_all(text.as_bytes());
            Ok(())
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run {
            model,
            out:
                Output {
                    format,
                    lang,
                    output,
                },
        } => {
            let (_, v, _) = load(&model)?;
            let report = engine::evaluate(&v).map_err(Failure::Model)?;
            let lang = lang_of(lang);
            let text = match format {
                OutFormat::Json => report.to_json(),
                OutFormat::Table => present::table(&report, &v, lang),
                OutFormat::Markdown => present::markdown(&report, &v, lang),
                OutFormat::Csv => present::csv(&report, &v, lang),
                OutFormat::Html => present::html(&report, &v, lang),
            };
            if !matches!(format, OutFormat::Table | OutFormat::Markdown) {
                for w in &report.warnings {
                    eprintln!("warning: {w}");
                }
            }
            write_out(&text, &output)
        }
        Command::Validate { model } => {
            let (_, v, _) = load(&model)?;
            for w in &v.warnings {
                eprintln!("warning: {w}");
            }
            println!(
                "ok: '{}' — {} actors, {} states, {} cohorts ({} participants), {} cost items, horizon {} years",
                v.name,
                v.actors.len(),
                v.states.len(),
                v.cohorts.len(),
                v.participants(),
                v.costs.len(),
                v.horizon
            );
            Ok(())
        }
        Command::Simulate {
            model,
            runs,
            seed,
            draws,
            out:
                Output {
                    format,
                    lang,
                    output,
                },
        } => {
            let (m, v, opts) = load(&model)?;
            // A progress bar on standard error for long runs (hidden when it is not a terminal).
            let bar = if runs >= 200_000 {
                indicatif::ProgressBar::new(runs)
            } else {
                indicatif::ProgressBar::hidden()
            };
            let sim = ekusia::simulate(&m, &opts, runs, seed, draws, &mut |done| {
                bar.set_position(done)
            })
            .map_err(Failure::Model)?;
            bar.finish_and_clear();
            let text = match format {
                OutFormat::Json => sim.to_json(),
                OutFormat::Table => present::simulation_table(&sim, &v, lang_of(lang)),
                _ => {
                    return Err(Failure::Usage(
                        "simulate prints --format table or json".into(),
                    ))
                }
            };
            write_out(&text, &output)
        }
        Command::Sensitivity {
            model,
            out:
                Output {
                    format,
                    lang,
                    output,
                },
        } => {
            let (m, v, opts) = load(&model)?;
            let s = ekusia::sensitivity(&m, &opts).map_err(Failure::Model)?;
            let text = match format {
                OutFormat::Json => s.to_json(),
                OutFormat::Table => present::sensitivity_table(&s, &v.currency, lang_of(lang)),
                _ => {
                    return Err(Failure::Usage(
                        "sensitivity prints --format table or json".into(),
                    ))
                }
            };
            write_out(&text, &output)
        }
        Command::Schema => write_out(&format!("{}\n", ekusia::schema::model_schema()), &None),
        Command::Bases => {
            let mut s = String::new();
            for b in ekusia::bases::BUNDLED {
                s.push_str(&format!("{}\t{}\n", b.name, b.description));
            }
            write_out(&s, &None)
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Model(e)) => {
            for p in e.problems() {
                if p.path.is_empty() {
                    eprintln!("error[{}]: {}", p.code, p.message);
                } else {
                    eprintln!("error[{}] at {}: {}", p.code, p.path, p.message);
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
