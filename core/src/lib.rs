//! # ekusia
//!
//! A socio-economic cost-benefit engine for social interventions, after the Swedish EKUSIA
//! model: participants move between outcome states (social assistance, work, studies …), each
//! state carries yearly money flows between actors, and the report gives the return for
//! society, for each actor and for the individual: net present value, benefit-cost ratio,
//! payback year, break-even counts and a fair cost-sharing key.
//!
//! All money arithmetic is exact decimal (`rust_decimal`); the report's JSON form is the
//! contract that the command line, the Python package and the browser package share.
//!
//! ```
//! let text = r#"
//! format = "ekusia-model/1"
//! name = "Example"
//! base = "se-2024"
//! horizon = 5
//! [intervention]
//! start = { social_assistance = 1 }
//! cohorts = [{ start_year = 0, participants = 10 }]
//! costs = [{ name = "Coach", amount = 500000, financing = { municipality = 1 } }]
//! [scenarios.with]
//! transitions = [{ from = "social_assistance", to = "employment", share = 0.2 }]
//! "#;
//! let model = ekusia::Model::from_toml(text).unwrap();
//! let report = ekusia::evaluate(&model, &ekusia::Options::default()).unwrap();
//! let society = report.row("society").unwrap();
//! assert!(society.npv > rust_decimal::Decimal::ZERO);
//! ```

#![warn(missing_docs, unreachable_pub)]

pub mod assumptions;
pub mod bases;
mod engine;
pub mod error;
mod exact;
pub mod format;
mod formula;
pub mod lang;
pub mod messages;
pub mod model;
pub mod num;
pub mod observe;
pub mod parameters;
pub mod parse;
mod paths;
#[cfg(not(target_arch = "wasm32"))]
mod plain_toml;
#[cfg(feature = "present")]
pub mod present;
pub mod report;
pub mod schema;
pub mod sensitivity;
pub mod sim;
mod suggest;
pub mod sweep;
mod uncertain;
pub mod validate;

pub use assumptions::{assumptions, Assumptions};
pub use bases::Options;
pub use error::{Error, ErrorCode, Problem, Result};
pub use lang::Lang;
pub use messages::Msg;
pub use model::{Base, Model};
pub use num::Num;
pub use parameters::{parameter_table, price_list, ParameterInfo, PriceList};
pub use parse::{parse_model, Format};
pub use report::Report;
pub use rust_decimal::Decimal;
pub use sensitivity::{sensitivity, sensitivity_of, Method, Sensitivity};
pub use sim::{simulate, simulate_threads, Quantiles, Simulation};
pub use validate::{inline_base, validate, Validated};

/// The crate version (also the Python package's and the wasm package's version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Validates and evaluates a model in one call.
pub fn evaluate(model: &Model, opts: &Options) -> Result<Report> {
    validate(model, opts)?.evaluate()
}

/// Parses, validates and evaluates model text: the one entry point the bindings share, so
/// every interface emits the same bytes.
pub fn evaluate_text(text: &str, format: Format, opts: &Options) -> Result<Report> {
    let model = parse_model(text, format)?;
    evaluate(&model, opts)
}

impl Validated {
    /// Evaluates the model (SPEC §3); fails only with `overflow`. A validated model can be
    /// evaluated as often as wanted without being checked again.
    pub fn evaluate(&self) -> Result<Report> {
        engine::evaluate(self)
    }
}
