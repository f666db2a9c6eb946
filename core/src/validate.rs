//! Checking a model and resolving it into the form the engine computes on.
//!
//! Validation never stops at the first problem: it walks the whole model, records every
//! problem with its code and path, and only then fails. What passes is a [`Validated`]
//! model: ids resolved to indices, shares and `"rest"` turned into vectors, yearly net amounts
//! per state and actor already summed, costs' financing weights normalised.

use crate::bases;
use crate::error::{Error, ErrorCode, Problem, Result};
use crate::model::*;
use crate::num::{checked, DistKind, Distribution, Num, Param, Share};
use crate::parse::{parse_base, Format};
use crate::suggest::did_you_mean;
use indexmap::IndexMap;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::path::PathBuf;

pub const MAX_HORIZON: i64 = 200;
pub const MAX_ACTORS: usize = 64;
pub const MAX_STATES: usize = 256;
pub const MAX_COHORTS: usize = 1000;
pub const MAX_ITEMS: usize = 10_000;
pub const MAX_PARTICIPANTS: i64 = 1_000_000_000;
pub const MAX_SUCCESS_YEARS: i64 = 1000;
const DEFAULT_HORIZON: i64 = 10;

fn max_amount() -> Decimal {
    Decimal::from(1_000_000_000_000i64)
}

/// Where `base = "path"` is looked up. Bundled bases are always available; file paths only
/// when `base_dir` is set (the command line and Python set it to the model file's folder).
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub base_dir: Option<PathBuf>,
}

#[derive(Clone, Debug)]
pub struct ResolvedActor {
    pub id: String,
    pub name: Name,
    pub kind: ActorKind,
}

#[derive(Clone, Debug)]
pub struct ResolvedState {
    pub id: String,
    pub name: Name,
    /// f_i[a]: net yearly amount per actor for one person-year in this state (SPEC §3.1).
    pub net: Vec<Decimal>,
}

#[derive(Clone, Debug)]
pub struct ResolvedCohort {
    pub start: usize,
    pub participants: Decimal,
}

#[derive(Clone, Debug)]
pub enum CostKind {
    /// `amount` in each listed calendar year inside the horizon.
    Fixed { amount: Decimal, years: Vec<usize> },
    /// `amount` per participant, in year `cohort_year` of each cohort.
    PerParticipant { amount: Decimal, cohort_year: usize },
}

#[derive(Clone, Debug)]
pub struct ResolvedCost {
    pub name: String,
    pub kind: CostKind,
    /// (actor index, normalised weight), in the order the file lists them.
    pub weights: Vec<(usize, Decimal)>,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub from: usize,
    pub to: usize,
    pub share: Decimal,
    pub from_year: usize,
    pub to_year: usize,
}

#[derive(Clone, Debug)]
pub enum Movement {
    /// Everyone stays in the start state.
    Stay,
    Transitions(Vec<Rule>),
    /// (cohort year, distribution), sorted by year.
    Trajectory(Vec<(usize, Vec<Decimal>)>),
}

#[derive(Clone, Debug)]
pub struct ResolvedSuccess {
    pub from: usize,
    pub to: usize,
    pub years: usize,
}

/// A model that passed validation, ready to evaluate as often as wanted.
#[derive(Clone, Debug)]
pub struct Validated {
    pub name: String,
    pub currency: String,
    pub price_year: Option<i64>,
    pub horizon: usize,
    pub actors: Vec<ResolvedActor>,
    pub states: Vec<ResolvedState>,
    pub start: Vec<Decimal>,
    pub cohorts: Vec<ResolvedCohort>,
    pub costs: Vec<ResolvedCost>,
    pub with: Movement,
    pub without: Movement,
    /// The rate in force in each calendar year 0 .. max(horizon, success years + 1).
    pub rates: Vec<Decimal>,
    pub attribution: Decimal,
    pub success: Option<ResolvedSuccess>,
    pub warnings: Vec<String>,
}

impl Validated {
    /// Σ n_k over the cohorts that start inside the horizon.
    pub fn participants(&self) -> Decimal {
        self.cohorts.iter().map(|c| c.participants).sum()
    }
}

struct Ctx {
    problems: Vec<Problem>,
    warnings: Vec<String>,
}

impl Ctx {
    fn err(&mut self, code: ErrorCode, path: impl Into<String>, msg: impl Into<String>) {
        self.problems.push(Problem::new(code, path, msg));
    }

    /// A whole number in [min, max]; `over` is the code used above `max`.
    fn whole(
        &mut self,
        n: Num,
        path: &str,
        what: &str,
        min: i64,
        max: i64,
        over: ErrorCode,
    ) -> Option<i64> {
        let d = n.value();
        if d.fract() != Decimal::ZERO {
            self.err(
                ErrorCode::InvalidRange,
                path,
                format!("{what} must be a whole number, found {n}"),
            );
            return None;
        }
        if d < Decimal::from(min) {
            self.err(
                ErrorCode::InvalidRange,
                path,
                format!("{what} must be at least {min}, found {n}"),
            );
            return None;
        }
        if d > Decimal::from(max) {
            let limit = if over == ErrorCode::Limit {
                " (the limit)"
            } else {
                ""
            };
            self.err(
                over,
                path,
                format!("{what} must be at most {max}{limit}, found {n}"),
            );
            return None;
        }
        d.to_i64()
    }

    /// Checks a distribution's fields for its kind; returns the point value of the parameter.
    fn param(&mut self, p: &Param, path: &str) -> Decimal {
        if let Param::Dist(d) = p {
            self.dist(d, path);
        }
        p.point()
    }

    fn dist(&mut self, d: &Distribution, path: &str) {
        let fields: [(&str, Option<Num>); 5] = [
            ("min", d.min),
            ("mode", d.mode),
            ("max", d.max),
            ("mean", d.mean),
            ("sd", d.sd),
        ];
        let needed: &[&str] = match d.dist {
            DistKind::Triangular | DistKind::Pert => &["min", "mode", "max"],
            DistKind::Uniform => &["min", "max"],
            DistKind::Normal => &["mean", "sd"],
        };
        let kind = d.dist.as_str();
        let mut complete = true;
        for (name, value) in fields {
            match (needed.contains(&name), value) {
                (true, None) => {
                    complete = false;
                    self.err(
                        ErrorCode::Schema,
                        format!("{path}.{name}"),
                        format!("a {kind} distribution needs '{name}'"),
                    );
                }
                (false, Some(_)) => self.err(
                    ErrorCode::Schema,
                    format!("{path}.{name}"),
                    format!(
                        "a {kind} distribution has no '{name}'; it takes {}",
                        needed.join(", ")
                    ),
                ),
                _ => {}
            }
        }
        if !complete {
            return;
        }
        let g = |n: Option<Num>| n.map(Num::value).unwrap_or_default();
        match d.dist {
            DistKind::Triangular | DistKind::Pert => {
                if g(d.min) > g(d.max) {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.min"),
                        format!("min {} is above max {}", g(d.min), g(d.max)),
                    );
                } else if g(d.mode) < g(d.min) || g(d.mode) > g(d.max) {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.mode"),
                        format!(
                            "mode {} must lie between min {} and max {}",
                            g(d.mode),
                            g(d.min),
                            g(d.max)
                        ),
                    );
                }
            }
            DistKind::Uniform => {
                if g(d.min) > g(d.max) {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.min"),
                        format!("min {} is above max {}", g(d.min), g(d.max)),
                    );
                }
            }
            DistKind::Normal => {
                if g(d.sd) < Decimal::ZERO {
                    self.err(
                        ErrorCode::InvalidRange,
                        format!("{path}.sd"),
                        format!("sd must not be negative, found {}", g(d.sd)),
                    );
                }
            }
        }
    }

    /// A money amount: non-negative and at most 10^12 (its point value, for a distribution).
    fn amount(&mut self, p: &Param, path: &str, what: &str) -> Decimal {
        let d = self.param(p, path);
        let n = Num(d);
        if d < Decimal::ZERO {
            self.err(
                ErrorCode::NegativeAmount,
                path,
                format!("{what} must not be negative, found {n} (express the direction with from/to or the flow type)"),
            );
        } else if d > max_amount() {
            self.err(
                ErrorCode::Limit,
                path,
                format!("{what} must be at most 1000000000000 (10^12), found {n}"),
            );
        }
        d
    }

    fn id_ok(&mut self, id: &str, path: &str) {
        if id.is_empty()
            || !id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        {
            self.err(
                ErrorCode::Schema,
                path,
                format!("id '{id}' may only hold lowercase letters a-z, digits and '_'"),
            );
        }
    }
}

fn lookup(
    ctx: &mut Ctx,
    index: &HashMap<&str, usize>,
    what: &str,
    id: &str,
    path: &str,
) -> Option<usize> {
    match index.get(id) {
        Some(&i) => Some(i),
        None => {
            let mut known: Vec<&str> = index.keys().copied().collect();
            known.sort();
            let hint = did_you_mean(id, known.iter().copied());
            let list = if hint.is_empty() {
                format!("; known {what}s: {}", known.join(", "))
            } else {
                String::new()
            };
            ctx.err(
                ErrorCode::UnknownReference,
                path,
                format!("unknown {what} '{id}'{hint}{list}"),
            );
            None
        }
    }
}

/// Resolves a distribution (`start`, a trajectory's `shares`) into a vector over states.
fn distribution(
    ctx: &mut Ctx,
    shares: &IndexMap<String, Share>,
    path: &str,
    states: &HashMap<&str, usize>,
    n_states: usize,
) -> Option<Vec<Decimal>> {
    let before = ctx.problems.len();
    let mut v = vec![Decimal::ZERO; n_states];
    let mut rest: Vec<usize> = Vec::new();
    let mut sum = Decimal::ZERO;
    for (id, share) in shares {
        let p = format!("{path}.{id}");
        let i = lookup(ctx, states, "state", id, &p);
        match share {
            Share::Rest => {
                if let Some(i) = i {
                    rest.push(i);
                }
            }
            Share::Value(n) => {
                let d = ctx.param(n, &p);
                if d < Decimal::ZERO || d > Decimal::ONE {
                    ctx.err(
                        ErrorCode::InvalidShare,
                        &p,
                        format!("a share must be between 0 and 1, found {n}"),
                    );
                } else if let Some(i) = i {
                    v[i] = d;
                    sum += d;
                }
            }
        }
    }
    if ctx.problems.len() > before {
        return None;
    }
    match rest.len() {
        0 => {
            if (sum - Decimal::ONE).abs() > Decimal::new(1, 6) {
                ctx.err(
                    ErrorCode::SharesSum,
                    path,
                    format!(
                        "the shares sum to {}, not 1; fix them or let one state take \"rest\"",
                        sum.normalize()
                    ),
                );
                return None;
            }
        }
        1 => {
            let r = Decimal::ONE - sum;
            if r < Decimal::ZERO {
                ctx.err(
                    ErrorCode::SharesSum,
                    path,
                    format!(
                        "the named shares sum to {}, more than 1, so \"rest\" would be negative",
                        sum.normalize()
                    ),
                );
                return None;
            }
            v[rest[0]] = r;
        }
        _ => {
            ctx.err(
                ErrorCode::SharesSum,
                path,
                "only one state may take \"rest\"",
            );
            return None;
        }
    }
    Some(v)
}

/// A bundled base parsed once per process: every validation of a model on `se-2024` would
/// otherwise re-read the same 15 KB of TOML.
fn bundled_base(name: &str) -> Option<Result<std::sync::Arc<Base>>> {
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Base>>>> = OnceLock::new();
    let text = bases::bundled(name)?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(b) = cache.lock().ok().and_then(|c| c.get(name).cloned()) {
        return Some(Ok(b));
    }
    let parsed = parse_base(text, Format::Toml).map(Arc::new);
    if let (Ok(b), Ok(mut c)) = (&parsed, cache.lock()) {
        c.insert(name.to_string(), b.clone());
    }
    Some(parsed)
}

pub(crate) fn load_base(name: &str, opts: &Options) -> Result<std::sync::Arc<Base>> {
    if let Some(b) = bundled_base(name) {
        return b;
    }
    let not_found = |why: String| {
        Error::new(
            ErrorCode::BaseNotFound,
            "base",
            format!(
                "{why}; bundled bases: {}{}",
                bases::names().join(", "),
                did_you_mean(name, bases::names())
            ),
        )
    };
    let Some(dir) = &opts.base_dir else {
        return Err(not_found(format!(
            "no bundled base is called '{name}' (file paths work from the command line and Python)"
        )));
    };
    let path = dir.join(name);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        not_found(format!(
            "no bundled base is called '{name}' and the file {} cannot be read ({e})",
            path.display()
        ))
    })?;
    let base = parse_base(&text, Format::from_path(name)).map_err(|e| {
        let problems = e
            .problems()
            .iter()
            .map(|p| {
                Problem::new(
                    p.code,
                    prefix_path("base", &p.path),
                    format!("in base file {}: {}", path.display(), p.message),
                )
            })
            .collect();
        Error::from_problems(problems).expect("non-empty")
    })?;
    Ok(std::sync::Arc::new(base))
}

fn prefix_path(prefix: &str, path: &str) -> String {
    if path.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}.{path}")
    }
}

/// Merges base entries and the model's own: the model's come after, one with a base entry's
/// id replaces it in the base's place. Returns the entries with the path each came from.
fn merge<'a, T>(
    ctx: &mut Ctx,
    base: &'a [T],
    own: &'a [T],
    id: impl Fn(&T) -> &str,
    base_path: &str,
    own_path: &str,
) -> Vec<(&'a T, String)> {
    let mut out: Vec<(&T, String)> = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, e) in base.iter().enumerate() {
        let p = format!("{base_path}[{i}]");
        if seen.insert(id(e), out.len()).is_some() {
            ctx.err(
                ErrorCode::DuplicateId,
                format!("{p}.id"),
                format!("id '{}' is used twice in the base", id(e)),
            );
            continue;
        }
        out.push((e, p));
    }
    let n_base = out.len();
    let mut own_seen: HashMap<&str, usize> = HashMap::new();
    for (i, e) in own.iter().enumerate() {
        let p = format!("{own_path}[{i}]");
        if let Some(first) = own_seen.insert(id(e), i) {
            ctx.err(
                ErrorCode::DuplicateId,
                format!("{p}.id"),
                format!("id '{}' is already used by {own_path}[{first}]", id(e)),
            );
            continue;
        }
        match seen.get(id(e)) {
            Some(&j) if j < n_base => out[j] = (e, p),
            _ => {
                seen.insert(id(e), out.len());
                out.push((e, p));
            }
        }
    }
    out
}

/// Validates a model and resolves it for evaluation. Every problem found is reported.
pub fn validate(model: &Model, opts: &Options) -> Result<Validated> {
    let mut ctx = Ctx {
        problems: Vec::new(),
        warnings: Vec::new(),
    };

    if model.format != MODEL_FORMAT {
        let hint = if model.format == BASE_FORMAT {
            " (this is a base library: use it from a model with base = \"…\")".to_string()
        } else {
            String::new()
        };
        return Err(Error::new(
            ErrorCode::UnsupportedFormat,
            "format",
            format!(
                "format '{}' is not supported; this version reads '{MODEL_FORMAT}'{hint}",
                model.format
            ),
        ));
    }

    let base = match &model.base {
        None => None,
        Some(name) => {
            let b = load_base(name, opts)?;
            if b.format != BASE_FORMAT {
                return Err(Error::new(
                    ErrorCode::UnsupportedFormat,
                    "base.format",
                    format!(
                        "base format '{}' is not supported; expected '{BASE_FORMAT}'",
                        b.format
                    ),
                ));
            }
            Some(b)
        }
    };
    let (base_actors, base_states): (&[Actor], &[State]) = match &base {
        Some(b) => (&b.actors, &b.states),
        None => (&[], &[]),
    };

    let currency = match (
        &model.currency,
        base.as_ref().and_then(|b| b.currency.as_ref()),
    ) {
        (Some(m), Some(b)) if m != b => {
            ctx.err(
                ErrorCode::Schema,
                "currency",
                format!("the model's currency '{m}' differs from its base's '{b}'; amounts would be mixed"),
            );
            m.clone()
        }
        (Some(m), _) => m.clone(),
        (None, Some(b)) => b.clone(),
        (None, None) => "SEK".to_string(),
    };
    let price_year = match model
        .price_year
        .or(base.as_ref().and_then(|b| b.price_year))
    {
        Some(n) => ctx.whole(
            n,
            "price_year",
            "price_year",
            0,
            9999,
            ErrorCode::InvalidRange,
        ),
        None => None,
    };

    let horizon = match model.horizon {
        Some(n) => ctx
            .whole(n, "horizon", "horizon", 1, MAX_HORIZON, ErrorCode::Limit)
            .unwrap_or(1) as usize,
        None => DEFAULT_HORIZON as usize,
    };

    // Actors.
    let actors_src = merge(
        &mut ctx,
        base_actors,
        &model.actors,
        |a| a.id.as_str(),
        "base.actors",
        "actors",
    );
    if actors_src.len() > MAX_ACTORS {
        ctx.err(
            ErrorCode::Limit,
            "actors",
            format!("{} actors; the limit is {MAX_ACTORS}", actors_src.len()),
        );
        return Err(Error::from_problems(ctx.problems).expect("non-empty"));
    }
    let mut actors = Vec::with_capacity(actors_src.len());
    let mut individuals = 0;
    for (a, p) in &actors_src {
        ctx.id_ok(&a.id, &format!("{p}.id"));
        let kind = a.kind.unwrap_or_default();
        if kind == ActorKind::Individual {
            individuals += 1;
            if individuals > 1 {
                ctx.err(
                    ErrorCode::Schema,
                    format!("{p}.kind"),
                    "at most one actor may be of kind 'individual'",
                );
            }
        }
        actors.push(ResolvedActor {
            id: a.id.clone(),
            name: a.name.clone(),
            kind,
        });
    }
    let actor_index: HashMap<&str, usize> = actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();

    // States and their net yearly amounts.
    let states_src = merge(
        &mut ctx,
        base_states,
        &model.states,
        |s| s.id.as_str(),
        "base.states",
        "states",
    );
    if states_src.len() > MAX_STATES {
        ctx.err(
            ErrorCode::Limit,
            "states",
            format!("{} states; the limit is {MAX_STATES}", states_src.len()),
        );
        return Err(Error::from_problems(ctx.problems).expect("non-empty"));
    }
    let n_items: usize = states_src.iter().map(|(s, _)| s.flows.len()).sum::<usize>()
        + model.intervention.costs.len();
    if n_items > MAX_ITEMS {
        ctx.err(
            ErrorCode::Limit,
            "states",
            format!("{n_items} flows and cost items; the limit is {MAX_ITEMS}"),
        );
        return Err(Error::from_problems(ctx.problems).expect("non-empty"));
    }
    let n_actors = actors.len();
    let mut states = Vec::with_capacity(states_src.len());
    for (s, p) in &states_src {
        ctx.id_ok(&s.id, &format!("{p}.id"));
        let mut net = vec![Decimal::ZERO; n_actors];
        for (j, f) in s.flows.iter().enumerate() {
            let fp = format!("{p}.flows[{j}]");
            let amount = ctx.amount(&f.amount, &format!("{fp}.amount"), "a flow amount");
            let actor_of = |key: &str, v: &Option<String>, ctx: &mut Ctx| -> Option<usize> {
                match v {
                    Some(id) => lookup(ctx, &actor_index, "actor", id, &format!("{fp}.{key}")),
                    None => {
                        ctx.err(
                            ErrorCode::Schema,
                            format!("{fp}.{key}"),
                            format!("a {} flow needs '{key}'", flow_name(f.kind)),
                        );
                        None
                    }
                }
            };
            let forbid = |key: &str, v: &Option<String>, ctx: &mut Ctx| {
                if v.is_some() {
                    ctx.err(
                        ErrorCode::Schema,
                        format!("{fp}.{key}"),
                        format!(
                            "a {} flow has no '{key}'; {}",
                            flow_name(f.kind),
                            flow_keys(f.kind)
                        ),
                    );
                }
            };
            match f.kind {
                FlowType::Transfer => {
                    forbid("actor", &f.actor, &mut ctx);
                    let from = actor_of("from", &f.from, &mut ctx);
                    let to = actor_of("to", &f.to, &mut ctx);
                    if let (Some(from), Some(to)) = (from, to) {
                        net[from] -= amount;
                        net[to] += amount;
                    }
                }
                FlowType::Resource | FlowType::Production => {
                    forbid("from", &f.from, &mut ctx);
                    forbid("to", &f.to, &mut ctx);
                    if let Some(a) = actor_of("actor", &f.actor, &mut ctx) {
                        if f.kind == FlowType::Resource {
                            net[a] -= amount;
                        } else {
                            net[a] += amount;
                        }
                    }
                }
            }
        }
        states.push(ResolvedState {
            id: s.id.clone(),
            name: s.name.clone(),
            net,
        });
    }
    let state_index: HashMap<&str, usize> = states
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    let n_states = states.len();

    // Discount rates.
    let success_years = model
        .analysis
        .as_ref()
        .and_then(|a| a.success.as_ref())
        .and_then(|s| {
            if s.years.value().fract().is_zero()
                && s.years.value() >= Decimal::ONE
                && s.years.value() <= Decimal::from(MAX_SUCCESS_YEARS)
            {
                Some(s.years.value())
            } else {
                None
            }
        })
        .and_then(|y| y.to_usize())
        .unwrap_or(0);
    let n_rates = horizon.max(success_years + 1);
    let rate_ok = |ctx: &mut Ctx, p: &Param, path: &str| -> Decimal {
        let d = ctx.param(p, path);
        let r = Num(d);
        if d < Decimal::ZERO || d >= Decimal::ONE {
            ctx.err(
                ErrorCode::InvalidRange,
                path,
                format!("a discount rate must be at least 0 and below 1, found {r}"),
            );
        }
        d
    };
    let rates = match &model.discount_rate {
        None => vec![Decimal::new(35, 3); n_rates],
        Some(DiscountRate::Constant(r)) => vec![rate_ok(&mut ctx, r, "discount_rate"); n_rates],
        Some(DiscountRate::Schedule(steps)) => {
            let mut v = vec![Decimal::ZERO; n_rates];
            if steps.is_empty() {
                ctx.err(
                    ErrorCode::InvalidRange,
                    "discount_rate",
                    "a schedule needs at least one step, from_year = 0",
                );
            }
            let mut last: Option<i64> = None;
            let mut resolved = Vec::new();
            for (i, s) in steps.iter().enumerate() {
                let p = format!("discount_rate[{i}]");
                let r = rate_ok(&mut ctx, &Param::Point(s.rate), &format!("{p}.rate"));
                if let Some(y) = ctx.whole(
                    s.from_year,
                    &format!("{p}.from_year"),
                    "from_year",
                    0,
                    i64::MAX / 2,
                    ErrorCode::InvalidRange,
                ) {
                    if i == 0 && y != 0 {
                        ctx.err(
                            ErrorCode::InvalidRange,
                            format!("{p}.from_year"),
                            "the first step must start at from_year = 0",
                        );
                    }
                    if let Some(l) = last {
                        if y <= l {
                            ctx.err(
                                ErrorCode::InvalidRange,
                                format!("{p}.from_year"),
                                format!(
                                    "steps must be in increasing from_year order; {y} follows {l}"
                                ),
                            );
                        }
                    }
                    last = Some(y);
                    resolved.push((y, r));
                }
            }
            for (t, slot) in v.iter_mut().enumerate() {
                if let Some(&(_, r)) = resolved.iter().rev().find(|(y, _)| *y as usize <= t) {
                    *slot = r;
                }
            }
            v
        }
    };

    // Intervention: start, cohorts, costs.
    let iv = &model.intervention;
    let start = distribution(
        &mut ctx,
        &iv.start,
        "intervention.start",
        &state_index,
        n_states,
    )
    .unwrap_or_default();
    if iv.cohorts.len() > MAX_COHORTS {
        ctx.err(
            ErrorCode::Limit,
            "intervention.cohorts",
            format!("{} cohorts; the limit is {MAX_COHORTS}", iv.cohorts.len()),
        );
    }
    let mut cohorts = Vec::new();
    for (k, c) in iv.cohorts.iter().enumerate().take(MAX_COHORTS) {
        let p = format!("intervention.cohorts[{k}]");
        let s = match c.start_year {
            Some(n) => ctx.whole(
                n,
                &format!("{p}.start_year"),
                "start_year",
                0,
                i64::MAX / 2,
                ErrorCode::InvalidRange,
            ),
            None => Some(0),
        };
        let n = ctx.whole(
            c.participants,
            &format!("{p}.participants"),
            "participants",
            0,
            MAX_PARTICIPANTS,
            ErrorCode::Limit,
        );
        if let (Some(s), Some(_)) = (s, n) {
            if s as usize >= horizon {
                ctx.warnings.push(format!(
                    "{p} starts in year {s}, outside the horizon (years 0 to {}), and was ignored",
                    horizon - 1
                ));
            } else {
                cohorts.push(ResolvedCohort {
                    start: s as usize,
                    participants: c.participants.value().trunc(),
                });
            }
        }
    }
    let mut costs = Vec::new();
    for (i, c) in iv.costs.iter().enumerate() {
        let p = format!("intervention.costs[{i}]");
        let kind = match (&c.amount, &c.per_participant) {
            (Some(_), Some(_)) => {
                ctx.err(
                    ErrorCode::Schema,
                    &p,
                    "give either 'amount' (a fixed cost in listed years) or 'per_participant', not both",
                );
                None
            }
            (None, None) => {
                ctx.err(
                    ErrorCode::Schema,
                    format!("{p}.amount"),
                    "a cost needs 'amount' (fixed, in listed years) or 'per_participant'",
                );
                None
            }
            (Some(a), None) => {
                if c.cohort_year.is_some() {
                    ctx.err(
                        ErrorCode::Schema,
                        format!("{p}.cohort_year"),
                        "'cohort_year' goes with 'per_participant'; a fixed cost uses 'years'",
                    );
                }
                let amount = ctx.amount(a, &format!("{p}.amount"), "a cost amount");
                let listed: Vec<Num> = c.years.clone().unwrap_or_else(|| vec![Num::from(0)]);
                let mut years = Vec::new();
                let mut seen = std::collections::HashSet::new();
                for (j, y) in listed.iter().enumerate() {
                    let yp = format!("{p}.years[{j}]");
                    if let Some(y) = ctx.whole(
                        *y,
                        &yp,
                        "a cost year",
                        0,
                        i64::MAX / 2,
                        ErrorCode::InvalidRange,
                    ) {
                        if !seen.insert(y) {
                            ctx.err(
                                ErrorCode::DuplicateId,
                                yp,
                                format!("year {y} is listed twice"),
                            );
                        } else if y as usize >= horizon {
                            ctx.warnings.push(format!(
                                "cost '{}' in year {y} is outside the horizon and was ignored",
                                c.name
                            ));
                        } else {
                            years.push(y as usize);
                        }
                    }
                }
                Some(CostKind::Fixed { amount, years })
            }
            (None, Some(a)) => {
                if c.years.is_some() {
                    ctx.err(ErrorCode::Schema, format!("{p}.years"), "'years' goes with a fixed 'amount'; a per-participant cost uses 'cohort_year'");
                }
                let amount =
                    ctx.amount(a, &format!("{p}.per_participant"), "a cost per participant");
                let cy = match c.cohort_year {
                    Some(n) => ctx.whole(
                        n,
                        &format!("{p}.cohort_year"),
                        "cohort_year",
                        0,
                        i64::MAX / 2,
                        ErrorCode::InvalidRange,
                    ),
                    None => Some(0),
                };
                cy.map(|cy| {
                    for ch in &cohorts {
                        if ch.start as i64 + cy >= horizon as i64 {
                            ctx.warnings.push(format!(
                                "cost '{}' for the cohort starting in year {} falls in year {}, outside the horizon, and was ignored",
                                c.name,
                                ch.start,
                                ch.start as i64 + cy
                            ));
                        }
                    }
                    CostKind::PerParticipant { amount, cohort_year: cy as usize }
                })
            }
        };
        // Financing weights.
        let fp = format!("{p}.financing");
        let mut raw = Vec::new();
        let mut total = Decimal::ZERO;
        let mut ok = true;
        for (id, w) in &c.financing {
            let wp = format!("{fp}.{id}");
            let a = lookup(&mut ctx, &actor_index, "actor", id, &wp);
            let d = w.value();
            if d < Decimal::ZERO {
                ctx.err(
                    ErrorCode::Financing,
                    &wp,
                    format!("a financing weight must not be negative, found {w}"),
                );
                ok = false;
            } else if d > max_amount() {
                ctx.err(
                    ErrorCode::Limit,
                    &wp,
                    format!("a financing weight must be at most 10^12, found {w}"),
                );
                ok = false;
            } else if let Some(a) = a {
                raw.push((a, d));
                total += d;
            } else {
                ok = false;
            }
        }
        if ok && total.is_zero() {
            ctx.err(
                ErrorCode::Financing,
                &fp,
                "name at least one actor with a positive weight, e.g. financing = { municipality = 1 }",
            );
            ok = false;
        }
        if let (Some(kind), true) = (kind, ok) {
            let mut weights = Vec::with_capacity(raw.len());
            for (a, d) in raw {
                let w = checked::div(d, total).unwrap_or(Decimal::ZERO);
                weights.push((a, w));
            }
            costs.push(ResolvedCost {
                name: c.name.clone(),
                kind,
                weights,
            });
        }
    }

    // Scenarios.
    let with = movement(
        &mut ctx,
        model.scenarios.with.as_ref(),
        "scenarios.with",
        &state_index,
        n_states,
        horizon,
    );
    let without = movement(
        &mut ctx,
        model.scenarios.without.as_ref(),
        "scenarios.without",
        &state_index,
        n_states,
        horizon,
    );

    // Analysis.
    let mut attribution = Decimal::ONE;
    let mut success = None;
    if let Some(a) = &model.analysis {
        if let Some(at) = &a.attribution {
            let d = ctx.param(at, "analysis.attribution");
            if d < Decimal::ZERO || d > Decimal::ONE {
                ctx.err(
                    ErrorCode::InvalidShare,
                    "analysis.attribution",
                    format!("attribution must be between 0 and 1, found {at}"),
                );
            }
            attribution = d;
        }
        if let Some(s) = &a.success {
            let from = lookup(
                &mut ctx,
                &state_index,
                "state",
                &s.from,
                "analysis.success.from",
            );
            let to = lookup(
                &mut ctx,
                &state_index,
                "state",
                &s.to,
                "analysis.success.to",
            );
            let years = ctx.whole(
                s.years,
                "analysis.success.years",
                "years",
                1,
                MAX_SUCCESS_YEARS,
                ErrorCode::Limit,
            );
            if let (Some(from), Some(to), Some(years)) = (from, to, years) {
                success = Some(ResolvedSuccess {
                    from,
                    to,
                    years: years as usize,
                });
            }
        }
    }

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
    })
}

fn flow_name(k: FlowType) -> &'static str {
    match k {
        FlowType::Transfer => "transfer",
        FlowType::Resource => "resource",
        FlowType::Production => "production",
    }
}

fn flow_keys(k: FlowType) -> &'static str {
    match k {
        FlowType::Transfer => "a transfer uses 'from' and 'to'",
        _ => "it uses 'actor'",
    }
}

fn movement(
    ctx: &mut Ctx,
    scenario: Option<&Scenario>,
    path: &str,
    states: &HashMap<&str, usize>,
    n_states: usize,
    horizon: usize,
) -> Option<Movement> {
    let Some(s) = scenario else {
        return Some(Movement::Stay);
    };
    match (&s.transitions, &s.trajectory) {
        (Some(_), Some(_)) => {
            ctx.err(
                ErrorCode::Schema,
                path,
                "a scenario has 'transitions' or 'trajectory', not both",
            );
            None
        }
        (None, None) => Some(Movement::Stay),
        (Some(ts), None) => {
            let before = ctx.problems.len();
            let mut rules = Vec::with_capacity(ts.len());
            for (i, t) in ts.iter().enumerate() {
                let p = format!("{path}.transitions[{i}]");
                let from = lookup(ctx, states, "state", &t.from, &format!("{p}.from"));
                let to = lookup(ctx, states, "state", &t.to, &format!("{p}.to"));
                let share = ctx.param(&t.share, &format!("{p}.share"));
                if share < Decimal::ZERO || share > Decimal::ONE {
                    ctx.err(
                        ErrorCode::InvalidShare,
                        format!("{p}.share"),
                        format!("a share must be between 0 and 1, found {}", t.share),
                    );
                }
                let fy = match t.from_year {
                    Some(n) => ctx.whole(
                        n,
                        &format!("{p}.from_year"),
                        "from_year",
                        1,
                        i64::MAX / 2,
                        ErrorCode::InvalidRange,
                    ),
                    None => Some(1),
                };
                let ty = match t.to_year {
                    Some(n) => ctx.whole(
                        n,
                        &format!("{p}.to_year"),
                        "to_year",
                        1,
                        i64::MAX / 2,
                        ErrorCode::InvalidRange,
                    ),
                    None => Some(i64::MAX / 2),
                };
                if let (Some(fy), Some(ty)) = (fy, ty) {
                    if ty < fy {
                        ctx.err(
                            ErrorCode::InvalidRange,
                            format!("{p}.to_year"),
                            format!("to_year {ty} is before from_year {fy}"),
                        );
                    }
                    if let (Some(from), Some(to)) = (from, to) {
                        rules.push(Rule {
                            from,
                            to,
                            share,
                            from_year: fy as usize,
                            to_year: ty.min(horizon as i64) as usize,
                        });
                    }
                }
            }
            if ctx.problems.len() > before {
                return None;
            }
            // Within one cohort year the shares leaving one state sum to at most 1.
            let mut reported = vec![false; n_states];
            for c in 1..horizon {
                let mut out = vec![Decimal::ZERO; n_states];
                for (i, r) in rules.iter().enumerate() {
                    if r.from_year <= c && c <= r.to_year {
                        out[r.from] += r.share;
                        if out[r.from] > Decimal::ONE && !reported[r.from] {
                            reported[r.from] = true;
                            ctx.err(
                                ErrorCode::OutflowExceedsOne,
                                format!("{path}.transitions[{i}].share"),
                                format!(
                                    "in cohort year {c} the shares leaving '{}' sum to {}, more than 1",
                                    ts[i].from,
                                    out[r.from].normalize()
                                ),
                            );
                        }
                    }
                }
            }
            Some(Movement::Transitions(rules))
        }
        (None, Some(entries)) => {
            let before = ctx.problems.len();
            let mut out: Vec<(usize, Vec<Decimal>)> = Vec::new();
            let mut seen = HashMap::new();
            for (i, e) in entries.iter().enumerate() {
                let p = format!("{path}.trajectory[{i}]");
                let y = ctx.whole(
                    e.year,
                    &format!("{p}.year"),
                    "year",
                    1,
                    i64::MAX / 2,
                    ErrorCode::InvalidRange,
                );
                let d = distribution(ctx, &e.shares, &format!("{p}.shares"), states, n_states);
                if let Some(y) = y {
                    if let Some(first) = seen.insert(y, i) {
                        ctx.err(
                            ErrorCode::DuplicateId,
                            format!("{p}.year"),
                            format!("year {y} is already given by {path}.trajectory[{first}]"),
                        );
                    } else if let Some(d) = d {
                        out.push((y as usize, d));
                    }
                }
            }
            if ctx.problems.len() > before {
                return None;
            }
            out.sort_by_key(|(y, _)| *y);
            Some(Movement::Trajectory(out))
        }
    }
}

/// Parses and validates in one call, with the given options.
pub fn load(text: &str, format: Format, opts: &Options) -> Result<(Model, Validated)> {
    let model = crate::parse::parse_model(text, format)?;
    let v = validate(&model, opts)?;
    Ok((model, v))
}
