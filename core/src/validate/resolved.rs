//! The model after validation: ids resolved to indices, shares and `"rest"` turned into
//! vectors over states, each state's yearly net amount per actor summed, financing weights
//! normalised. This is what the engine computes on.

use crate::model::{ActorKind, Name};
use rust_decimal::Decimal;

/// An actor, in report order.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedActor {
    pub(crate) id: String,
    pub(crate) name: Name,
    pub(crate) kind: ActorKind,
}

/// A state with f_i[a], its net yearly amount per actor for one person-year (SPEC §3.1).
#[derive(Clone, Debug)]
pub(crate) struct ResolvedState {
    pub(crate) id: String,
    pub(crate) net: Vec<Decimal>,
    /// Its flows, for breakdowns.
    pub(crate) flows: Vec<ResolvedFlow>,
    /// A time limit (SPEC §8.2).
    pub(crate) limit: Option<Limit>,
}

/// One flow of a state, resolved: its key for breakdowns, its amount, and the signed actors it
/// moves money for.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedFlow {
    /// The breakdown key: an index into `Validated::keys`.
    pub(crate) key: usize,
    pub(crate) amount: Decimal,
    /// (actor, +1 or −1).
    pub(crate) terms: Vec<(usize, bool)>,
}

/// A result that is not money, resolved (SPEC §8.4).
#[derive(Clone, Debug)]
pub(crate) struct ResolvedOutcome {
    pub(crate) id: String,
    pub(crate) name: Name,
    pub(crate) unit: Option<Name>,
    /// The quantity per person-year in each state.
    pub(crate) per_state: Vec<Decimal>,
    /// Its rate in force in each year of the horizon.
    pub(crate) rates: Vec<Decimal>,
}

/// At most `years` consecutive years in a state, then `then`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Limit {
    pub(crate) years: usize,
    pub(crate) then: usize,
}

/// A cohort that starts inside the horizon.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedCohort {
    pub(crate) start: usize,
    pub(crate) participants: Decimal,
}

/// A target group (SPEC §8.3); `None` means the top-level value (inherited).
#[derive(Clone, Debug)]
pub(crate) struct ResolvedGroup {
    pub(crate) id: String,
    pub(crate) name: Name,
    pub(crate) start: Option<Vec<Decimal>>,
    pub(crate) cohorts: Option<Vec<ResolvedCohort>>,
    pub(crate) with: Option<Movement>,
    pub(crate) without: Option<Movement>,
}

/// When an intervention cost falls.
#[derive(Clone, Debug)]
pub(crate) enum CostKind {
    /// `amount` in each listed calendar year inside the horizon.
    Fixed { amount: Decimal, years: Vec<usize> },
    /// `amount` per participant, in year `cohort_year` of each cohort (of the listed groups
    /// only, when `groups` is given: indices into the model's groups).
    PerParticipant {
        amount: Decimal,
        cohort_year: usize,
        groups: Option<Vec<usize>>,
    },
}

/// One financing share of a cost item.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Weight {
    pub(crate) actor: usize,
    /// Normalised: the weights of one item sum to 1.
    pub(crate) share: Decimal,
}

/// An intervention cost item.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedCost {
    pub(crate) kind: CostKind,
    /// In the order the file lists them.
    pub(crate) weights: Vec<Weight>,
}

/// A transition rule: `share` of those in `from` move to `to` in cohort years
/// `from_year ..= to_year`.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) share: Decimal,
    pub(crate) from_year: usize,
    pub(crate) to_year: usize,
}

/// One entry of a trajectory: from cohort year `year`, these shares.
#[derive(Clone, Debug)]
pub(crate) struct Step {
    pub(crate) year: usize,
    pub(crate) shares: Vec<Decimal>,
}

/// How a scenario moves a cohort between states.
#[derive(Clone, Debug)]
pub(crate) enum Movement {
    /// Everyone stays in the start state.
    Stay,
    Transitions(Vec<Rule>),
    /// Sorted by year.
    Trajectory(Vec<Step>),
}

/// `analysis.success`: one person moving from `from` to `to` for `years` years.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedSuccess {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) years: usize,
}

/// A model that passed validation, ready to evaluate as often as wanted.
#[derive(Clone, Debug)]
pub struct Validated {
    pub(crate) name: String,
    pub(crate) currency: String,
    pub(crate) price_year: Option<i64>,
    pub(crate) horizon: usize,
    pub(crate) actors: Vec<ResolvedActor>,
    pub(crate) states: Vec<ResolvedState>,
    pub(crate) start: Vec<Decimal>,
    pub(crate) cohorts: Vec<ResolvedCohort>,
    pub(crate) costs: Vec<ResolvedCost>,
    pub(crate) with: Movement,
    pub(crate) without: Movement,
    /// The rate in force in each calendar year 0 .. max(horizon, success years + 1).
    pub(crate) rates: Vec<Decimal>,
    pub(crate) attribution: Decimal,
    pub(crate) success: Option<ResolvedSuccess>,
    pub(crate) warnings: Vec<String>,
    /// Every parameter's value, in model order (base first).
    pub(crate) parameters: Vec<(String, Decimal)>,
    /// The order parameters are evaluated in (indices into `parameters`).
    pub(crate) param_order: Vec<usize>,
    /// The groups; without `groups` in the model, one that inherits everything.
    pub(crate) groups: Vec<ResolvedGroup>,
    /// Whether the model gives `groups` (the report's `groups` section is empty otherwise).
    pub(crate) explicit_groups: bool,
    /// The breakdown keys (flow type, category) in order of first appearance.
    pub(crate) keys: Vec<(&'static str, Option<String>)>,
    pub(crate) outcomes: Vec<ResolvedOutcome>,
    /// `analysis.milestones`.
    pub(crate) milestones: Vec<usize>,
    /// The cost items' names, in file order.
    pub(crate) cost_names: Vec<String>,
}

impl Validated {
    /// Σ n_k over the cohorts of every group that start inside the horizon.
    pub(crate) fn participants(&self) -> Decimal {
        (0..self.groups.len())
            .flat_map(|g| self.cohorts_of(g))
            .map(|c| c.participants)
            .sum()
    }

    /// A group's start distribution (its own, or the top level's).
    pub(crate) fn start_of(&self, g: usize) -> &[Decimal] {
        self.groups[g].start.as_deref().unwrap_or(&self.start)
    }

    /// A group's cohorts.
    pub(crate) fn cohorts_of(&self, g: usize) -> &[ResolvedCohort] {
        self.groups[g].cohorts.as_deref().unwrap_or(&self.cohorts)
    }

    /// A group's scenario: `with` (true) or `without`.
    pub(crate) fn movement_of(&self, g: usize, with: bool) -> &Movement {
        let own = if with {
            &self.groups[g].with
        } else {
            &self.groups[g].without
        };
        own.as_ref()
            .unwrap_or(if with { &self.with } else { &self.without })
    }

    /// Every parameter's value by id.
    pub(crate) fn parameter_values(&self) -> std::collections::HashMap<&str, Decimal> {
        self.parameters
            .iter()
            .map(|(id, d)| (id.as_str(), *d))
            .collect()
    }

    /// Every parameter's id, in model order.
    pub(crate) fn parameter_ids(&self) -> Vec<String> {
        self.parameters.iter().map(|(id, _)| id.clone()).collect()
    }

    /// The order parameters are evaluated in.
    pub(crate) fn parameter_order(&self) -> &[usize] {
        &self.param_order
    }

    /// The currency of every amount.
    pub fn currency(&self) -> &str {
        &self.currency
    }

    /// The warnings validation found (costs or cohorts outside the horizon …).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// A one-line summary for `ekusia validate`: name, actors, states, cohorts, participants,
    /// cost items and horizon.
    pub fn summary(&self) -> String {
        format!(
            "'{}' — {} actors, {} states, {} cohorts ({} participants), {} cost items, horizon {} years",
            self.name,
            self.actors.len(),
            self.states.len(),
            self.cohorts.len(),
            self.participants(),
            self.costs.len(),
            self.horizon
        )
    }
}
