//! The one walk over every number of a model that may be uncertain (SPEC §6): flow amounts,
//! cost amounts, shares, attribution and a constant discount rate. The simulation compiles
//! its draws from it and the tornado varies what it yields, so both see the same values under
//! the same paths, in the same order.

use crate::model::{DiscountRate, Model, Scenario};
use crate::num::{Num, Param, Share};
use rust_decimal::Decimal;

/// What a value is, which decides how the tornado varies it without a distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Site {
    /// A flow amount, a fixed cost or a cost per participant.
    Amount,
    /// A share in a distribution or a transition.
    Share,
    Attribution,
    DiscountRate,
}

/// A value that may be uncertain, under the path problems use for it.
#[derive(Clone, Debug)]
pub(crate) struct Uncertain {
    pub(crate) path: String,
    pub(crate) site: Site,
    pub(crate) param: Param,
}

/// Calls `f` with the path, site and value of every number that may be uncertain, in a fixed
/// order: states and flows, costs, start, scenarios (with, then without), attribution, rate.
fn walk(model: &mut Model, f: &mut dyn FnMut(&str, Site, &mut Param)) {
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
        if let Some(sc) = sc {
            walk_scenario(sc, &format!("scenarios.{name}"), f);
        }
    }
    if let Some(a) = model.analysis.as_mut().and_then(|a| a.attribution.as_mut()) {
        f("analysis.attribution", Site::Attribution, a);
    }
    if let Some(DiscountRate::Constant(r)) = &mut model.discount_rate {
        f("discount_rate", Site::DiscountRate, r);
    }
}

fn walk_scenario(sc: &mut Scenario, path: &str, f: &mut dyn FnMut(&str, Site, &mut Param)) {
    for (i, t) in sc.transitions.iter_mut().flatten().enumerate() {
        f(
            &format!("{path}.transitions[{i}].share"),
            Site::Share,
            &mut t.share,
        );
    }
    for (i, e) in sc.trajectory.iter_mut().flatten().enumerate() {
        for (id, s) in e.shares.iter_mut() {
            if let Share::Value(p) = s {
                f(
                    &format!("{path}.trajectory[{i}].shares.{id}"),
                    Site::Share,
                    p,
                );
            }
        }
    }
}

/// Every value that may be uncertain, in walk order.
pub(crate) fn values(model: &Model) -> Vec<Uncertain> {
    let mut out = Vec::new();
    walk(&mut model.clone(), &mut |path, site, p| {
        out.push(Uncertain {
            path: path.to_string(),
            site,
            param: p.clone(),
        })
    });
    out
}

/// A copy of the model with the `index`-th value (in walk order) set to a point value.
pub(crate) fn with_point(model: &Model, index: usize, value: Decimal) -> Model {
    let mut m = model.clone();
    let mut k = 0;
    walk(&mut m, &mut |_, _, p| {
        if k == index {
            *p = Param::Point(Num(value));
        }
        k += 1;
    });
    m
}
