//! The one walk over every number of a model that may be uncertain (SPEC §6): flow amounts,
//! cost amounts, shares, attribution and a constant discount rate. The simulation compiles
//! its draws from it and the tornado varies what it yields, so both see the same values under
//! the same paths, in the same order.

use crate::model::{DiscountRate, Model};
use crate::num::{Num, Param, Share};
use crate::validate::partial::Section;
use rust_decimal::Decimal;

/// What a value is, which decides how the tornado varies it without a distribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Site {
    /// A parameter (SPEC §8.1): every formula that uses it moves with it.
    Parameter,
    /// A flow amount, a fixed cost or a cost per participant.
    Amount,
    /// A share in a distribution or a transition.
    Share,
    Attribution,
    DiscountRate,
}

/// Where a value lives in the model.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    Parameter(String),
    Flow(usize, usize),
    CostAmount(usize),
    CostPerParticipant(usize),
    Start(String),
    /// (with?, rule)
    Transition(bool, usize),
    /// (with?, entry, state)
    Trajectory(bool, usize, String),
    Attribution,
    Rate,
    /// A group's own start share: (group, state).
    GroupStart(usize, String),
    /// A group's own rule: (group, with?, rule).
    GroupTransition(usize, bool, usize),
    /// A group's own trajectory share: (group, with?, entry, state).
    GroupTrajectory(usize, bool, usize, String),
}

fn scenario_name(with: bool) -> &'static str {
    if with {
        "with"
    } else {
        "without"
    }
}

impl Loc {
    /// The path problems use for it.
    pub(crate) fn path(&self) -> String {
        match self {
            Loc::Parameter(id) => format!("parameters.{id}"),
            Loc::Flow(i, j) => format!("states[{i}].flows[{j}].amount"),
            Loc::CostAmount(k) => format!("intervention.costs[{k}].amount"),
            Loc::CostPerParticipant(k) => format!("intervention.costs[{k}].per_participant"),
            Loc::Start(id) => format!("intervention.start.{id}"),
            Loc::Transition(w, i) => {
                format!("scenarios.{}.transitions[{i}].share", scenario_name(*w))
            }
            Loc::Trajectory(w, i, id) => {
                format!(
                    "scenarios.{}.trajectory[{i}].shares.{id}",
                    scenario_name(*w)
                )
            }
            Loc::Attribution => "analysis.attribution".into(),
            Loc::Rate => "discount_rate".into(),
            Loc::GroupStart(g, id) => format!("groups[{g}].start.{id}"),
            Loc::GroupTransition(g, w, i) => {
                format!(
                    "groups[{g}].scenarios.{}.transitions[{i}].share",
                    scenario_name(*w)
                )
            }
            Loc::GroupTrajectory(g, w, i, id) => format!(
                "groups[{g}].scenarios.{}.trajectory[{i}].shares.{id}",
                scenario_name(*w)
            ),
        }
    }

    fn site(&self) -> Site {
        match self {
            Loc::Parameter(_) => Site::Parameter,
            Loc::Flow(..) | Loc::CostAmount(_) | Loc::CostPerParticipant(_) => Site::Amount,
            Loc::Start(_) | Loc::Transition(..) | Loc::Trajectory(..) => Site::Share,
            Loc::GroupStart(..) | Loc::GroupTransition(..) | Loc::GroupTrajectory(..) => {
                Site::Share
            }
            Loc::Attribution => Site::Attribution,
            Loc::Rate => Site::DiscountRate,
        }
    }

    /// The section of the model that a change of this value touches.
    pub(crate) fn section(&self) -> Section {
        match self {
            Loc::Parameter(_)
            | Loc::GroupStart(..)
            | Loc::GroupTransition(..)
            | Loc::GroupTrajectory(..) => Section::All,
            Loc::Flow(i, j) => Section::Flow(*i, *j),
            Loc::CostAmount(k) | Loc::CostPerParticipant(k) => Section::Cost(*k),
            Loc::Start(_) => Section::Start,
            Loc::Transition(w, i) => Section::Rule(*w, *i),
            Loc::Trajectory(w, ..) => Section::Scenario(*w),
            Loc::Attribution => Section::Attribution,
            Loc::Rate => Section::Rate,
        }
    }

    /// The value itself, to change it in place.
    pub(crate) fn param_mut<'m>(&self, m: &'m mut Model) -> Option<&'m mut Param> {
        let share = |s: &'m mut Share| match s {
            Share::Value(p) => Some(p),
            Share::Rest => None,
        };
        let scenario = |m: &'m mut Model, w: bool| {
            if w {
                m.scenarios.with.as_mut()
            } else {
                m.scenarios.without.as_mut()
            }
        };
        match self {
            Loc::Parameter(id) => Some(&mut m.parameters.get_mut(id)?.value),
            Loc::Flow(i, j) => Some(&mut m.states.get_mut(*i)?.flows.get_mut(*j)?.amount),
            Loc::CostAmount(k) => m.intervention.costs.get_mut(*k)?.amount.as_mut(),
            Loc::CostPerParticipant(k) => {
                m.intervention.costs.get_mut(*k)?.per_participant.as_mut()
            }
            Loc::Start(id) => share(m.intervention.start.get_mut(id)?),
            Loc::Transition(w, i) => {
                Some(&mut scenario(m, *w)?.transitions.as_mut()?.get_mut(*i)?.share)
            }
            Loc::Trajectory(w, i, id) => {
                let e = scenario(m, *w)?.trajectory.as_mut()?.get_mut(*i)?;
                share(e.shares.get_mut(id)?)
            }
            Loc::Attribution => m.analysis.as_mut()?.attribution.as_mut(),
            Loc::Rate => match m.discount_rate.as_mut()? {
                DiscountRate::Constant(p) => Some(p),
                DiscountRate::Schedule(_) => None,
            },
            Loc::GroupStart(g, id) => share(m.groups.get_mut(*g)?.start.as_mut()?.get_mut(id)?),
            Loc::GroupTransition(g, w, i) => {
                let sc = m.groups.get_mut(*g)?.scenarios.as_mut()?;
                let sc = if *w {
                    sc.with.as_mut()
                } else {
                    sc.without.as_mut()
                }?;
                Some(&mut sc.transitions.as_mut()?.get_mut(*i)?.share)
            }
            Loc::GroupTrajectory(g, w, i, id) => {
                let sc = m.groups.get_mut(*g)?.scenarios.as_mut()?;
                let sc = if *w {
                    sc.with.as_mut()
                } else {
                    sc.without.as_mut()
                }?;
                share(sc.trajectory.as_mut()?.get_mut(*i)?.shares.get_mut(id)?)
            }
        }
    }
}

/// A value that may be uncertain, where it lives and what it is.
#[derive(Clone, Debug)]
pub(crate) struct Uncertain {
    pub(crate) loc: Loc,
    pub(crate) path: String,
    pub(crate) site: Site,
    pub(crate) param: Param,
}

/// Every value that may be uncertain, in a fixed order: parameters, states and flows, costs, start,
/// scenarios (with, then without), the groups' own shares, attribution, rate.
pub(crate) fn values(model: &Model) -> Vec<Uncertain> {
    values_of(model.clone(), |_| true).1
}

/// The [`values`] that `keep` keeps, of a model the caller owns and gets back (no copy of a
/// model with its base; no path written for a value left out).
pub(crate) fn values_of(model: Model, keep: fn(&Param) -> bool) -> (Model, Vec<Uncertain>) {
    let mut locs: Vec<Loc> = model
        .parameters
        .keys()
        .map(|id| Loc::Parameter(id.clone()))
        .collect();
    for (i, s) in model.states.iter().enumerate() {
        locs.extend((0..s.flows.len()).map(|j| Loc::Flow(i, j)));
    }
    for (k, c) in model.intervention.costs.iter().enumerate() {
        if c.amount.is_some() {
            locs.push(Loc::CostAmount(k));
        }
        if c.per_participant.is_some() {
            locs.push(Loc::CostPerParticipant(k));
        }
    }
    for (id, s) in &model.intervention.start {
        if matches!(s, Share::Value(_)) {
            locs.push(Loc::Start(id.clone()));
        }
    }
    for (w, sc) in [
        (true, &model.scenarios.with),
        (false, &model.scenarios.without),
    ] {
        let Some(sc) = sc else { continue };
        for i in 0..sc.transitions.as_ref().map_or(0, Vec::len) {
            locs.push(Loc::Transition(w, i));
        }
        for (i, e) in sc.trajectory.iter().flatten().enumerate() {
            for (id, s) in &e.shares {
                if matches!(s, Share::Value(_)) {
                    locs.push(Loc::Trajectory(w, i, id.clone()));
                }
            }
        }
    }
    for (g, gr) in model.groups.iter().enumerate() {
        group_locs(&mut locs, g, gr);
    }
    if model
        .analysis
        .as_ref()
        .is_some_and(|a| a.attribution.is_some())
    {
        locs.push(Loc::Attribution);
    }
    if matches!(model.discount_rate, Some(DiscountRate::Constant(_))) {
        locs.push(Loc::Rate);
    }
    let mut m = model;
    let values = locs
        .into_iter()
        .filter_map(|loc| {
            let param = loc.param_mut(&mut m)?;
            if !keep(param) {
                return None;
            }
            let param = param.clone();
            Some(Uncertain {
                path: loc.path(),
                site: loc.site(),
                param,
                loc,
            })
        })
        .collect();
    (m, values)
}

/// A group's own start shares and scenario shares.
fn group_locs(locs: &mut Vec<Loc>, g: usize, gr: &crate::model::Group) {
    for (id, s) in gr.start.iter().flatten() {
        if matches!(s, Share::Value(_)) {
            locs.push(Loc::GroupStart(g, id.clone()));
        }
    }
    let scs = gr.scenarios.as_ref();
    for (w, sc) in [
        (true, scs.and_then(|s| s.with.as_ref())),
        (false, scs.and_then(|s| s.without.as_ref())),
    ] {
        let Some(sc) = sc else { continue };
        for i in 0..sc.transitions.as_ref().map_or(0, Vec::len) {
            locs.push(Loc::GroupTransition(g, w, i));
        }
        for (i, e) in sc.trajectory.iter().flatten().enumerate() {
            for (id, s) in &e.shares {
                if matches!(s, Share::Value(_)) {
                    locs.push(Loc::GroupTrajectory(g, w, i, id.clone()));
                }
            }
        }
    }
}

/// A point value for a value, in place; returns what was there.
pub(crate) fn set_point(m: &mut Model, loc: &Loc, value: Decimal) -> Option<Param> {
    let p = loc.param_mut(m)?;
    Some(std::mem::replace(p, Param::Point(Num(value))))
}
