//! Uncertainty (SPEC §6): which numbers of a model are uncertain, the one-way sensitivity
//! ("tornado") in exact decimals, and the entry point of the Monte Carlo simulation
//! ([`crate::sim`]).

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Actor, DiscountRate, Model, State};
use crate::num::{Num, Param, Share};
use crate::report::dec;
use crate::validate::{self, Options};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What a parameter is, which decides how the tornado varies it without a distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Site {
    /// A flow amount, a fixed cost or a cost per participant.
    Amount,
    /// A share in a distribution or a transition.
    Share,
    Attribution,
    DiscountRate,
}

/// Calls `f` with the path, site and value of every number that may be uncertain, in a fixed
/// order (states and flows, costs, start, scenarios, attribution, rate).
pub fn visit_params(model: &mut Model, f: &mut dyn FnMut(&str, Site, &mut Param)) {
    for (i, s) in model.states.iter_mut().enumerate() {
        for (j, fl) in s.flows.iter_mut().enumerate() {
            f(
                &format!("states[{i}].flows[{j}].amount"),
                Site::Amount,
                &mut fl.amount,
            );
        }
    }
    for (i, c) in model.intervention.costs.iter_mut().enumerate() {
        if let Some(a) = &mut c.amount {
            f(&format!("intervention.costs[{i}].amount"), Site::Amount, a);
        }
        if let Some(a) = &mut c.per_participant {
            f(
                &format!("intervention.costs[{i}].per_participant"),
                Site::Amount,
                a,
            );
        }
    }
    for (id, s) in model.intervention.start.iter_mut() {
        if let Share::Value(p) = s {
            f(&format!("intervention.start.{id}"), Site::Share, p);
        }
    }
    for (name, sc) in [
        ("with", &mut model.scenarios.with),
        ("without", &mut model.scenarios.without),
    ] {
        let Some(sc) = sc else { continue };
        if let Some(ts) = &mut sc.transitions {
            for (i, t) in ts.iter_mut().enumerate() {
                f(
                    &format!("scenarios.{name}.transitions[{i}].share"),
                    Site::Share,
                    &mut t.share,
                );
            }
        }
        if let Some(es) = &mut sc.trajectory {
            for (i, e) in es.iter_mut().enumerate() {
                for (id, s) in e.shares.iter_mut() {
                    if let Share::Value(p) = s {
                        f(
                            &format!("scenarios.{name}.trajectory[{i}].shares.{id}"),
                            Site::Share,
                            p,
                        );
                    }
                }
            }
        }
    }
    if let Some(a) = model.analysis.as_mut().and_then(|a| a.attribution.as_mut()) {
        f("analysis.attribution", Site::Attribution, a);
    }
    if let Some(DiscountRate::Constant(r)) = &mut model.discount_rate {
        f("discount_rate", Site::DiscountRate, r);
    }
}

/// The model with its base library written into it (`base` removed), so that every number it
/// uses has a path in the model itself. Validates first.
pub fn inline_base(model: &Model, opts: &Options) -> Result<Model> {
    validate::validate(model, opts)?;
    let Some(name) = &model.base else {
        return Ok(model.clone());
    };
    let base = validate::load_base(name, opts)?;
    fn merge<T: Clone>(base: &[T], own: &[T], id: impl Fn(&T) -> &str) -> Vec<T> {
        let mut out: Vec<T> = base.to_vec();
        for e in own {
            match out.iter().position(|b| id(b) == id(e)) {
                Some(i) => out[i] = e.clone(),
                None => out.push(e.clone()),
            }
        }
        out
    }
    let mut m = model.clone();
    m.actors = merge(&base.actors, &model.actors, |a: &Actor| a.id.as_str());
    m.states = merge(&base.states, &model.states, |s: &State| s.id.as_str());
    m.base = None;
    m.currency = model.currency.clone().or_else(|| base.currency.clone());
    m.price_year = model.price_year.or(base.price_year);
    Ok(m)
}

/// One bar of the tornado: a parameter at its low and high value, the others at their points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    pub path: String,
    #[serde(with = "dec")]
    pub low: Decimal,
    #[serde(with = "dec")]
    pub high: Decimal,
    /// Society's npv with the parameter at `low`.
    #[serde(with = "dec")]
    pub npv_low: Decimal,
    #[serde(with = "dec")]
    pub npv_high: Decimal,
    /// |npv_high − npv_low|: the rows are sorted by it, largest first.
    #[serde(with = "dec")]
    pub swing: Decimal,
}

/// A parameter the tornado could not vary (its low or high value makes the model invalid,
/// e.g. the only share of a distribution without "rest").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

/// The one-way sensitivity analysis (SPEC §6), exact.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub format: String,
    /// "distributions" (each uncertain parameter at min/max or mean ∓ 1.645 sd) or
    /// "plus_minus_20_percent" (a model without distributions).
    pub method: String,
    /// Society's npv with every parameter at its point value.
    #[serde(with = "dec")]
    pub npv: Decimal,
    pub rows: Vec<SensitivityRow>,
    pub skipped: Vec<Skipped>,
}

impl Sensitivity {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("serialises");
        s.push('\n');
        s
    }
}

fn society_npv(model: &Model) -> Result<Decimal> {
    let v = validate::validate(model, &Options::default())?;
    let r = crate::engine::evaluate(&v)?;
    Ok(r.row("society").map(|r| r.npv).unwrap_or_default())
}

/// Sets the `index`-th parameter (in [`visit_params`] order) to a point value.
fn with_param(model: &Model, index: usize, value: Decimal) -> Model {
    let mut m = model.clone();
    let mut k = 0;
    visit_params(&mut m, &mut |_, _, p| {
        if k == index {
            *p = Param::Point(Num(value));
        }
        k += 1;
    });
    m
}

/// One-way sensitivity of society's npv: every uncertain parameter at its low and high value
/// (or, in a model without distributions, every flow amount, cost and share at ±20 %, shares
/// kept within [0, 1]), the others at their point values; sorted by swing, largest first.
pub fn sensitivity(model: &Model, opts: &Options) -> Result<Sensitivity> {
    let m = inline_base(model, opts)?;
    let npv = society_npv(&m)?;
    let mut params: Vec<(String, Site, Param)> = Vec::new();
    visit_params(&mut m.clone(), &mut |path, site, p| {
        params.push((path.to_string(), site, p.clone()))
    });
    let any_dist = params.iter().any(|(_, _, p)| p.is_dist());
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for (i, (path, site, p)) in params.iter().enumerate() {
        let (low, high) = match (p, any_dist) {
            (Param::Dist(d), _) => d.low_high(),
            (Param::Point(_), true) => continue,
            (Param::Point(n), false) => {
                if matches!(site, Site::Attribution | Site::DiscountRate) || n.value().is_zero() {
                    continue;
                }
                let v = n.value();
                let (lo, hi) = (v * Decimal::new(8, 1), v * Decimal::new(12, 1));
                if *site == Site::Share {
                    (lo.max(Decimal::ZERO), hi.min(Decimal::ONE))
                } else {
                    (lo, hi)
                }
            }
        };
        let lo = society_npv(&with_param(&m, i, low));
        let hi = society_npv(&with_param(&m, i, high));
        match (lo, hi) {
            (Ok(npv_low), Ok(npv_high)) => rows.push(SensitivityRow {
                path: path.clone(),
                low: low.normalize(),
                high: high.normalize(),
                npv_low,
                npv_high,
                swing: (npv_high - npv_low).abs(),
            }),
            (Err(e), _) | (_, Err(e)) => skipped.push(Skipped {
                path: path.clone(),
                reason: e.to_string(),
            }),
        }
    }
    // Stable: equal swings keep the model's order.
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing));
    Ok(Sensitivity {
        format: "ekusia-sensitivity/1".into(),
        method: if any_dist {
            "distributions"
        } else {
            "plus_minus_20_percent"
        }
        .into(),
        npv,
        rows,
        skipped,
    })
}

/// Checks the run count of a simulation.
pub(crate) fn check_runs(runs: u64) -> Result<()> {
    if runs == 0 || runs > crate::sim::MAX_RUNS {
        return Err(Error::new(
            ErrorCode::Limit,
            "runs",
            format!(
                "runs must be between 1 and {}, found {runs}",
                crate::sim::MAX_RUNS
            ),
        ));
    }
    Ok(())
}
