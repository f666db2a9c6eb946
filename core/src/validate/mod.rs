//! Checking a model and resolving it into the form the engine computes on.
//!
//! Validation never stops at the first problem: it walks the whole model, records every
//! problem with its code and path, and only then fails. What passes is a [`Validated`] model.
//! One file per section of the model, in the order `validate` calls them:
//!
//! | file | checks |
//! | --- | --- |
//! | `ctx.rs` | the shared problem list; whole numbers, amounts, shares, distributions, ids, lookups |
//! | `actors.rs` | actors and states merged with the base; each state's net amount per actor |
//! | `rates.rs` | the discount rate or schedule |
//! | `shares.rs` | distributions over states (`start`, trajectories) |
//! | `intervention.rs` | cohorts, costs and financing |
//! | `scenarios.rs` | transitions and trajectories |
//! | `analysis.rs` | attribution and the success setting |
//! | `resolved.rs` | the resolved types the engine reads |

mod actors;
mod analysis;
mod ctx;
mod groups;
mod intervention;
mod outcomes;
mod params;
pub(crate) mod partial;
mod rates;
mod resolved;
mod scenarios;
mod shares;

#[cfg(test)]
pub(crate) use resolved::Step;
pub use resolved::Validated;
pub(crate) use resolved::{CostKind, Limit, Movement, ResolvedCost, Rule};

use crate::bases::{load_base, merge, Merged, Options};
use crate::error::{Error, ErrorCode, Result};
use crate::messages::Msg;
use crate::model::{Base, Model, BASE_FORMAT, BASE_FORMAT_1_1, MODEL_FORMAT, MODEL_FORMAT_1_1};
use crate::values;
use ctx::Ctx;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// The longest horizon (SPEC §2).
pub const MAX_HORIZON: i64 = 200;
/// The most actors, base included.
pub const MAX_ACTORS: usize = 64;
/// The most states, base included.
pub const MAX_STATES: usize = 256;
/// The most cohorts.
pub const MAX_COHORTS: usize = 1000;
/// The most flows and cost items together.
pub const MAX_ITEMS: usize = 10_000;
/// The most participants in one cohort.
pub const MAX_PARTICIPANTS: i64 = 1_000_000_000;
/// The longest `analysis.success.years`.
pub const MAX_SUCCESS_YEARS: i64 = 1000;
const DEFAULT_HORIZON: usize = 10;

/// The model with its base library written into it (`base` removed), so that every number it
/// uses has a path in the model itself (the simulation and the tornado need that). Validates
/// first, so that a bad model gives its problems, not a half-merged copy.
pub fn inline_base(model: &Model, opts: &Options) -> Result<Model> {
    inline_base_validated(model, opts).map(|(m, _)| m)
}

/// [`inline_base`] and the model's validation, which is that of the model with its base
/// written into it (tested on every bundled model), but reuses the bundled base resolved once
/// per process: the simulation and the tornado need both, and validating the written-out model
/// again would evaluate the base's formulas on every call.
pub(crate) fn inline_base_validated(model: &Model, opts: &Options) -> Result<(Model, Validated)> {
    let v = validate(model, opts)?;
    let Some(name) = &model.base else {
        return Ok((model.clone(), v));
    };
    let base = load_base(name, opts)?;
    fn owned<T: Clone>(m: Merged<'_, T>) -> Vec<T> {
        m.entries.into_iter().map(|(e, _)| e.clone()).collect()
    }
    let mut m = model.clone();
    m.actors = owned(merge(&base.actors, &model.actors, |a| a.id.as_str()));
    m.states = owned(merge(&base.states, &model.states, |s| s.id.as_str()));
    // Parameters: the base's first, a model parameter replacing a base one in its place.
    let mut params = base.parameters.clone();
    for (id, def) in &model.parameters {
        params.insert(id.clone(), def.clone());
    }
    m.parameters = params;
    m.base = None;
    m.currency = model.currency.clone().or_else(|| base.currency.clone());
    m.price_year = model.price_year.or(base.price_year);
    Ok((m, v))
}

/// A bundled base resolved on its own: its parameters' values and its states with their net
/// amounts. Every validation of a model on the base would otherwise parse and evaluate the
/// base's hundred-odd formulas again (most of the time of parse + validate); the bundled bases
/// are constant, so this is computed once per process, like the parsed base itself.
struct Memo {
    params: params::Known,
    states: actors::KnownStates,
}

/// The [`Memo`] of a bundled base; `None` for a base file, or a bundled base that has a
/// problem on its own (then every model evaluates it again, and gets the problem).
fn memo(name: &str) -> Option<&'static Memo> {
    static MEMOS: OnceLock<Vec<Option<Memo>>> = OnceLock::new();
    let bundled = crate::bases::BUNDLED;
    let all = MEMOS.get_or_init(|| bundled.iter().map(|b| resolve_alone(b.name)).collect());
    all[bundled.iter().position(|b| b.name == name)?].as_ref()
}

fn resolve_alone(name: &str) -> Option<Memo> {
    let base = load_base(name, &Options::default()).ok()?;
    let known = params::known(&base.parameters)?;
    let mut ctx = Ctx::default();
    known.fill(&mut ctx);
    let actors = actors::actors(&mut ctx, &base.actors, &[])?;
    let actor_index: HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let (states, keys) = actors::states(&mut ctx, &base.states, &[], 0, &actor_index, None)?;
    if !ctx.problems.is_empty() || !ctx.warnings.is_empty() {
        return None;
    }
    Some(Memo {
        params: known,
        states: actors::KnownStates { states, keys },
    })
}

/// The model's `format`, or an `unsupported_format` error.
fn check_format(model: &Model) -> Result<()> {
    if model.format == MODEL_FORMAT || model.format == MODEL_FORMAT_1_1 {
        return Ok(());
    }
    let (key, values) = if model.format == BASE_FORMAT || model.format == BASE_FORMAT_1_1 {
        (Msg::IsABase, vec![("found", model.format.clone())])
    } else {
        (
            Msg::UnsupportedFormat,
            vec![
                ("found", model.format.clone()),
                ("expected", MODEL_FORMAT.to_string()),
            ],
        )
    };
    Err(Error::new(
        ErrorCode::UnsupportedFormat,
        "format",
        key,
        values,
    ))
}

/// The base a model names, checked to be a base.
fn base_of(model: &Model, opts: &Options) -> Result<Option<Arc<Base>>> {
    let Some(name) = &model.base else {
        return Ok(None);
    };
    let b = load_base(name, opts)?;
    if b.format != BASE_FORMAT && b.format != BASE_FORMAT_1_1 {
        return Err(Error::new(
            ErrorCode::UnsupportedFormat,
            "base.format",
            Msg::UnsupportedBaseFormat,
            values![found = b.format, expected = BASE_FORMAT],
        ));
    }
    Ok(Some(b))
}

/// The model-wide settings: currency (the model's, else its base's, else SEK), price year
/// and horizon.
struct Settings {
    currency: String,
    price_year: Option<i64>,
    horizon: usize,
}

fn settings(ctx: &mut Ctx, model: &Model, base: Option<&Base>) -> Settings {
    let base_currency = base.and_then(|b| b.currency.clone());
    let currency = match (&model.currency, base_currency) {
        (Some(m), Some(b)) if *m != b => {
            ctx.err(
                ErrorCode::Schema,
                "currency",
                Msg::CurrencyMismatch,
                values![model = m, base = b],
            );
            m.clone()
        }
        (Some(m), _) => m.clone(),
        (None, Some(b)) => b,
        (None, None) => "SEK".to_string(),
    };
    // A currency is printed beside every amount in every format: it must be short text.
    let n = currency.chars().count();
    if n == 0 || n > 16 || currency.chars().any(char::is_control) {
        let shown: String = currency.chars().take(20).collect();
        ctx.err(
            ErrorCode::Schema,
            "currency",
            Msg::CurrencyText,
            values![found = format!("{shown:?}")],
        );
    }
    let price_year = model
        .price_year
        .or(base.and_then(|b| b.price_year))
        .and_then(|n| {
            ctx.whole(
                n,
                "price_year",
                "price_year",
                0,
                9999,
                ErrorCode::InvalidRange,
            )
        });
    let horizon = match model.horizon {
        Some(n) => ctx
            .whole(n, "horizon", "horizon", 1, MAX_HORIZON, ErrorCode::Limit)
            .unwrap_or(1) as usize,
        None => DEFAULT_HORIZON,
    };
    Settings {
        currency,
        price_year,
        horizon,
    }
}

/// Validates a model and resolves it for evaluation. Every problem found is reported.
pub fn validate(model: &Model, opts: &Options) -> Result<Validated> {
    check_format(model)?;
    let base = base_of(model, opts)?;
    let mut ctx = Ctx::default();
    let Settings {
        currency,
        price_year,
        horizon,
    } = settings(&mut ctx, model, base.as_deref());

    let empty = indexmap::IndexMap::new();
    let base_params = base.as_ref().map_or(&empty, |b| &b.parameters);
    // A bundled base whose parameters the model keeps resolves as it did the first time.
    let known = model
        .base
        .as_deref()
        .and_then(memo)
        .filter(|_| !model.parameters.keys().any(|k| base_params.contains_key(k)));
    let (parameters, param_order) = params::evaluate_known(
        &mut ctx,
        base_params,
        &model.parameters,
        known.map(|k| &k.params),
    );

    let (base_actors, base_states) = match &base {
        Some(b) => (b.actors.as_slice(), b.states.as_slice()),
        None => (&[][..], &[][..]),
    };
    let fail = |ctx: Ctx| Err(Error::from_problems(ctx.problems).expect("a limit was recorded"));
    let Some(actors) = actors::actors(&mut ctx, base_actors, &model.actors) else {
        return fail(ctx);
    };
    let actor_index: HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let n_costs = model.intervention.costs.len();
    let Some((states, keys)) = actors::states(
        &mut ctx,
        base_states,
        &model.states,
        n_costs,
        &actor_index,
        known.map(|k| &k.states),
    ) else {
        return fail(ctx);
    };
    let state_index: HashMap<&str, usize> = states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();

    let analysis = model.analysis.as_ref();
    let n_rates = horizon.max(analysis::success_years(analysis) + 1);
    let rates = rates::rates(&mut ctx, model.discount_rate.as_ref(), n_rates);

    let iv = &model.intervention;
    let start = if iv.start.is_empty() && !groups::top_start_needed(model) {
        Vec::new()
    } else if iv.start.is_empty() && !model.groups.is_empty() {
        ctx.err(
            ErrorCode::Schema,
            "intervention.start",
            Msg::StartNeeded,
            values![],
        );
        Vec::new()
    } else {
        shares::distribution(&mut ctx, &iv.start, "intervention.start", &state_index)
            .unwrap_or_default()
    };
    let top_cohorts =
        intervention::cohorts_at(&mut ctx, &iv.cohorts, "intervention.cohorts", horizon);
    let (groups, own_outside) = groups::groups(&mut ctx, model, &state_index, horizon);
    groups::cohort_warnings(&mut ctx, own_outside, &top_cohorts.outside);
    let cohorts = top_cohorts.inside;
    let for_costs = groups::for_costs(&groups, &cohorts);
    let costs = intervention::costs(&mut ctx, &iv.costs, &for_costs, horizon, &actor_index);

    let sc = &model.scenarios;
    let with = scenarios::movement(
        &mut ctx,
        sc.with.as_ref(),
        "scenarios.with",
        &state_index,
        horizon,
    );
    let without = scenarios::movement(
        &mut ctx,
        sc.without.as_ref(),
        "scenarios.without",
        &state_index,
        horizon,
    );

    let outcomes = outcomes::outcomes(&mut ctx, &model.outcomes, &state_index, horizon);
    let milestones = analysis::milestones(&mut ctx, analysis, horizon);
    let attribution = analysis::attribution(&mut ctx, analysis);
    let success = analysis::success(
        &mut ctx,
        analysis.and_then(|a| a.success.as_ref()),
        &state_index,
    );

    if let Some(e) = Error::from_problems(ctx.problems) {
        return Err(e);
    }
    Ok(Validated {
        name: model.name.clone(),
        currency,
        price_year,
        horizon,
        actors,
        states,
        start,
        cohorts,
        costs,
        with: with.unwrap_or(Movement::Stay),
        without: without.unwrap_or(Movement::Stay),
        rates,
        attribution,
        success,
        warnings: ctx.warnings,
        parameters,
        param_order,
        explicit_groups: !model.groups.is_empty(),
        groups,
        keys,
        outcomes,
        milestones,
        cost_names: iv.costs.iter().map(|c| c.name.clone()).collect(),
    })
}

#[cfg(test)]
mod inline_tests {
    use super::*;

    /// The simulation and the tornado take the model's own validation for that of the model
    /// with its base written in: they must be the same, field for field.
    #[test]
    fn validating_on_the_base_is_validating_the_written_out_model() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut seen = 0;
        for dir in ["models/examples", "tests/vectors/models"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = e.unwrap().path();
                if path.extension().and_then(|x| x.to_str()) != Some("toml") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let Ok(model) = Model::from_toml(&text) else {
                    continue;
                };
                if model.base.is_none() {
                    continue;
                }
                let opts = Options {
                    base_dir: path.parent().map(|p| p.to_path_buf()),
                };
                let (m, v) = inline_base_validated(&model, &opts).unwrap();
                let again = validate(&m, &Options::default()).unwrap();
                assert_eq!(format!("{v:?}"), format!("{again:?}"), "{}", path.display());
                seen += 1;
            }
        }
        assert!(seen >= 8, "{seen} models on a base");
    }
}
