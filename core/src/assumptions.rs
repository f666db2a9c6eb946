//! What a report rests on, for readers who check it (an Excel report's assumptions sheet):
//! every actor, every state with each flow's evaluated yearly amount, every intervention cost
//! with its financing, and every parameter with its source. The amounts are the ones the engine
//! computes with (formulas evaluated), so a reader sees numbers, not expressions.

use crate::bases::Options;
use crate::error::Result;
use crate::model::{ActorKind, FlowType, Model};
use crate::parameters::{parameter_table, ParameterInfo};
use crate::report::Names;
use crate::validate::{inline_base, CostKind};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// An actor of the model (its base's merged in).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorInfo {
    /// The actor's id.
    pub id: String,
    /// Its name in both languages.
    pub names: Names,
    /// `public`, `individual` or `other`.
    pub kind: ActorKind,
}

/// One flow of a state, with its amount evaluated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowInfo {
    /// `transfer`, `resource` or `production`.
    pub kind: FlowType,
    /// A transfer's paying actor.
    pub from: Option<String>,
    /// A transfer's receiving actor.
    pub to: Option<String>,
    /// The actor that pays a resource or receives production.
    pub actor: Option<String>,
    /// The yearly amount for one person-year (point value).
    pub amount: Decimal,
    /// The flow's label, when given.
    pub label: Option<String>,
    /// Its category, when given.
    pub category: Option<String>,
}

/// A state with its flows and time limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateInfo {
    /// The state's id.
    pub id: String,
    /// Its name in both languages.
    pub names: Names,
    /// Its time limit: at most this many years, then `then`.
    pub max_years: Option<usize>,
    /// The state people move to after `max_years`.
    pub then: Option<String>,
    /// Its flows in file order.
    pub flows: Vec<FlowInfo>,
}

/// An intervention cost item, evaluated.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostInfo {
    /// The item's name.
    pub name: String,
    /// The amount: per year listed, or per participant.
    pub amount: Decimal,
    /// Whether `amount` is per participant (in cohort year `cohort_year`).
    pub per_participant: bool,
    /// The calendar years a fixed amount falls in (inside the horizon).
    pub years: Vec<usize>,
    /// The cohort year a per-participant amount falls in.
    pub cohort_year: Option<usize>,
    /// (actor id, share of the item), the shares summing to 1.
    pub financing: Vec<(String, Decimal)>,
}

/// Everything a report rests on besides its settings (which the report itself states).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assumptions {
    /// The base library, when the model has one.
    pub base: Option<String>,
    /// The actors, in report order.
    pub actors: Vec<ActorInfo>,
    /// The states, the base's first.
    pub states: Vec<StateInfo>,
    /// The intervention's cost items, in file order.
    pub costs: Vec<CostInfo>,
    /// Every parameter with its value and source (the base's first).
    pub parameters: Vec<ParameterInfo>,
}

fn names(n: &crate::model::Name) -> Names {
    Names {
        sv: n.get("sv").to_string(),
        en: n.get("en").to_string(),
    }
}

/// The assumptions of a model (validates it first; fails as `validate` does).
pub fn assumptions(model: &Model, opts: &Options) -> Result<Assumptions> {
    let inlined = inline_base(model, opts)?;
    let v = crate::validate::validate(&inlined, &Options::default())?;
    let parameters = parameter_table(model, opts)?;
    let actors = v
        .actors
        .iter()
        .map(|a| ActorInfo {
            id: a.id.clone(),
            names: names(&a.name),
            kind: a.kind,
        })
        .collect();
    // The inlined model has no base, so its states are the validated ones, in order, and a
    // validated state resolved every one of its flows.
    let states = inlined
        .states
        .iter()
        .zip(&v.states)
        .map(|(s, r)| StateInfo {
            id: s.id.clone(),
            names: names(&s.name),
            max_years: r.limit.map(|l| l.years),
            then: r.limit.map(|l| v.states[l.then].id.clone()),
            flows: s
                .flows
                .iter()
                .zip(&r.flows)
                .map(|(f, rf)| FlowInfo {
                    kind: f.kind,
                    from: f.from.clone(),
                    to: f.to.clone(),
                    actor: f.actor.clone(),
                    amount: rf.amount,
                    label: f.label.clone(),
                    category: f.category.clone(),
                })
                .collect(),
        })
        .collect();
    let costs = v
        .cost_names
        .iter()
        .zip(&v.costs)
        .map(|(name, c)| {
            let (amount, per_participant, years, cohort_year) = match &c.kind {
                CostKind::Fixed { amount, years } => (*amount, false, years.clone(), None),
                CostKind::PerParticipant {
                    amount,
                    cohort_year,
                    ..
                } => (*amount, true, Vec::new(), Some(*cohort_year)),
            };
            CostInfo {
                name: name.clone(),
                amount,
                per_participant,
                years,
                cohort_year,
                financing: c
                    .weights
                    .iter()
                    .map(|w| (v.actors[w.actor].id.clone(), w.share))
                    .collect(),
            }
        })
        .collect();
    Ok(Assumptions {
        base: model.base.clone(),
        actors,
        states,
        costs,
        parameters,
    })
}
