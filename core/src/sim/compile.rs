//! The model compiled for fast repeated evaluation in f64: every number a constant or the
//! index of a drawn parameter, every id an index.
//!
//! The npv is computed from the linear structure of SPEC §3: npv[a] = attribution ·
//! Σ_i G[i]·f_i[a] − Σ_items amount·w_a·D_item, where G[i] = Σ_k n_k Σ_c δ_{s_k+c}
//! (d_with_c[i] − d_without_c[i]) and D_item is the discounted count of the item's years. It
//! agrees with the exact report at the point values (tested).

use super::draw::{f, Slot};
use crate::bases::Options;
use crate::error::Result;
use crate::formula::{self, Expr};
use crate::model::{ActorKind, DiscountRate, FlowType, Model, Scenario};
use crate::num::{Distribution, Param, Share, Value};
use crate::report::{aggregates, Names, RowKind};
use crate::uncertain::values_of;
use crate::validate::inline_base_validated;
use crate::validate::{CostKind, Validated};
use indexmap::IndexMap;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::OnceLock;

/// A number of the compiled model: a constant or the index of an uncertain parameter.
#[derive(Clone, Copy, Debug)]
pub(crate) enum V {
    C(f64),
    S(usize),
}

impl V {
    #[inline]
    pub(crate) fn at(self, x: &[f64]) -> f64 {
        match self {
            V::C(c) => c,
            V::S(i) => x[i],
        }
    }
}

/// A distribution over states: named shares and the state taking "rest".
#[derive(Clone, Debug)]
pub(crate) struct DistSpec {
    pub(crate) named: Vec<(usize, V)>,
    pub(crate) rest: Option<usize>,
}

/// A transition rule.
#[derive(Clone, Debug)]
pub(crate) struct SimRule {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) share: V,
    pub(crate) from_year: usize,
    pub(crate) to_year: usize,
}

/// How a scenario moves a cohort.
#[derive(Clone, Debug)]
pub(crate) enum Moves {
    Stay,
    Transitions(Vec<SimRule>),
    /// (cohort year, shares), sorted by year.
    Trajectory(Vec<(usize, DistSpec)>),
}

/// The discount rate: constant (possibly drawn) or a fixed schedule.
#[derive(Clone, Debug)]
pub(crate) enum Rates {
    Const(V),
    Schedule(Vec<f64>),
}

/// When a cost item falls.
#[derive(Clone, Debug)]
pub(crate) enum CostSpec {
    Fixed(Vec<usize>),
    /// (cohort year, the groups it applies to; all when `None`).
    PerParticipant(usize, Option<Vec<usize>>),
}

/// A cost item: when it falls, its amount, and the financing share of each actor.
#[derive(Clone, Debug)]
pub(crate) struct SimCost {
    pub(crate) spec: CostSpec,
    pub(crate) amount: V,
    pub(crate) weights: Vec<(usize, f64)>,
}

/// One signed part of a state's net amount: `sign · value` to `actor`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SimFlow {
    pub(crate) state: usize,
    pub(crate) actor: usize,
    pub(crate) sign: f64,
    pub(crate) value: V,
}

/// A target group compiled: start, scenarios, and (start year, participants) of its cohorts.
#[derive(Clone, Debug)]
pub(crate) struct SimGroup {
    pub(crate) start: DistSpec,
    pub(crate) with: Moves,
    pub(crate) without: Moves,
    pub(crate) cohorts: Vec<(usize, f64)>,
}

/// A report row of the simulation: id, names and kind.
#[derive(Clone, Debug)]
pub(crate) struct RowLabel {
    pub(crate) id: String,
    pub(crate) names: Names,
    pub(crate) kind: RowKind,
}

/// The compiled model.
pub(crate) struct SimModel {
    pub(crate) n_actors: usize,
    pub(crate) n_states: usize,
    pub(crate) horizon: usize,
    pub(crate) kinds: Vec<ActorKind>,
    pub(crate) flows: Vec<SimFlow>,
    /// The groups (one without `groups` in the model), each with its start, scenarios and
    /// cohorts.
    pub(crate) groups: Vec<SimGroup>,
    /// Each state's time limit: (years, then).
    pub(crate) limits: Vec<Option<(usize, usize)>>,
    pub(crate) costs: Vec<SimCost>,
    pub(crate) attribution: V,
    pub(crate) rates: Rates,
    pub(crate) slots: Vec<Slot>,
    /// (path, distribution) of each uncertain parameter, in draw order.
    pub(crate) parameters: Vec<(String, Distribution)>,
    /// The rows in report order (actors, public_sector, society).
    pub(crate) rows: Vec<RowLabel>,
    /// The formulas of the model's places; formula k's value each run is `x[slots + k]`.
    pub(crate) formulas: Vec<Expr>,
    /// The parameters, evaluated each run before the formulas.
    pub(crate) params: ParamRun,
}

/// How a parameter gets its value in a run.
#[derive(Clone, Debug)]
pub(crate) enum ParamCalc {
    Const(f64),
    /// Drawn: the value of this slot.
    Slot(usize),
    Formula(Expr),
}

/// The parameters of a simulation: each run, every parameter in dependency order (drawn ones
/// once per run, so every formula that uses one moves with it), then the places' formulas.
#[derive(Clone, Debug, Default)]
pub(crate) struct ParamRun {
    calc: Vec<ParamCalc>,
    order: Vec<usize>,
    index: HashMap<String, usize>,
    /// Every parameter is a constant of the run.
    constant: bool,
}

impl ParamRun {
    fn compile(
        m: &Model,
        v: &Validated,
        slot_of: &HashMap<String, usize>,
        known: &Known,
    ) -> ParamRun {
        let values = v.parameter_values();
        let ids: Vec<String> = v.parameter_ids();
        let index: HashMap<String, usize> = ids
            .iter()
            .cloned()
            .enumerate()
            .map(|(i, s)| (s, i))
            .collect();
        let calc =
            ids.iter()
                .map(|id| match m.parameters.get(id).map(|d| &d.value) {
                    Some(Param::Dist(_)) => slot_of
                        .get(&format!("parameters.{id}"))
                        .map_or(ParamCalc::Const(0.0), |&s| ParamCalc::Slot(s)),
                    Some(Param::Formula(t)) => match known.value(t) {
                        Some(x) => ParamCalc::Const(x),
                        None => formula::parse_written(t)
                            .map_or(ParamCalc::Const(0.0), ParamCalc::Formula),
                    },
                    _ => ParamCalc::Const(values.get(id.as_str()).map_or(0.0, |d| f(*d))),
                })
                .collect();
        let mut run = ParamRun {
            calc,
            order: v.parameter_order().to_vec(),
            index,
            constant: false,
        };
        // A formula that uses no drawn parameter, directly or through others, has the same
        // value every run: fold it once here (the same f64 operations, so the same value), so
        // that a base of a hundred formulas costs nothing per run.
        for k in 0..run.order.len() {
            let i = run.order[k];
            if let ParamCalc::Formula(e) = &run.calc[i] {
                if let Some(x) = run.fold(e) {
                    run.calc[i] = ParamCalc::Const(x);
                }
            }
        }
        run.constant = run.all_constant();
        run
    }

    /// The value of `e` when every parameter it names is a constant of the run, else `None`.
    fn fold(&self, e: &Expr) -> Option<f64> {
        let mut names = Vec::new();
        e.refs(&mut names);
        let constant = |n: &str| match self.index.get(n).map(|&j| &self.calc[j]) {
            Some(ParamCalc::Const(x)) => Some(*x),
            Some(_) => None,
            None => Some(0.0),
        };
        if names.iter().any(|(n, _)| constant(n).is_none()) {
            return None;
        }
        Some(e.eval_f64(&|n| constant(n).unwrap_or(0.0)))
    }

    /// Whether every parameter is a constant of the run (nothing to compute per run).
    fn all_constant(&self) -> bool {
        self.calc.iter().all(|c| matches!(c, ParamCalc::Const(_)))
    }

    /// Fills the parameters' values (`p`) and the formulas' values (`x[n_slots..]`) of a run
    /// whose draws are `x[..n_slots]`.
    pub(crate) fn derive(
        &self,
        formulas: &[Expr],
        n_slots: usize,
        x: &mut [f64],
        p: &mut Vec<f64>,
    ) {
        if formulas.is_empty() && self.constant {
            return;
        }
        p.clear();
        p.resize(self.calc.len(), 0.0);
        for &i in &self.order {
            p[i] = match &self.calc[i] {
                ParamCalc::Const(c) => *c,
                ParamCalc::Slot(s) => x[*s],
                ParamCalc::Formula(e) => e.eval_f64(&|n| self.index.get(n).map_or(0.0, |&j| p[j])),
            };
        }
        for (k, e) in formulas.iter().enumerate() {
            x[n_slots + k] = e.eval_f64(&|n| self.index.get(n).map_or(0.0, |&j| p[j]));
        }
    }
}

/// Maps each uncertain value's path to its slot, in the order of the one walk
/// ([`crate::uncertain`]): the draw order is the walk's, whatever order compiling visits.
struct Compiler<'p> {
    slot_of: HashMap<String, usize>,
    /// The parameters, to fold a formula that uses no drawn one into a constant.
    params: &'p ParamRun,
    /// The base's formulas folded once per process.
    known: &'p Known<'p>,
    /// Formulas met while compiling; formula k's value each run is `x[n_slots + k]`.
    formulas: std::cell::RefCell<Vec<Expr>>,
    n_slots: usize,
}

impl Compiler<'_> {
    /// The compiled value of `p`; `path` (written only for a distribution) finds its slot.
    fn v(&self, p: &Param, path: impl FnOnce() -> String) -> V {
        match p {
            Param::Point(n) => V::C(f(n.value())),
            // Every distribution of the model has a slot (the walk meets them all); were one
            // missing, its point value keeps the simulation running rather than panicking.
            Param::Dist(d) => self
                .slot_of
                .get(&path())
                .map_or(V::C(f(d.point())), |&s| V::S(s)),
            Param::Formula(text) => {
                if let Some(x) = self.known.value(text) {
                    return V::C(x);
                }
                // Validation parsed it already; a formula that did not parse cannot reach here.
                let e = formula::parse_written(text)
                    .unwrap_or(Expr::Num(rust_decimal::Decimal::ZERO, 1));
                if let Some(x) = self.params.fold(&e) {
                    return V::C(x);
                }
                let mut fs = self.formulas.borrow_mut();
                fs.push(e);
                V::S(self.n_slots + fs.len() - 1)
            }
        }
    }

    fn dist(
        &self,
        shares: &IndexMap<String, Share>,
        path: &str,
        states: &HashMap<&str, usize>,
    ) -> DistSpec {
        let mut named = Vec::new();
        let mut rest = None;
        for (id, s) in shares {
            let i = states[id.as_str()];
            match s {
                Share::Rest => rest = Some(i),
                Share::Value(p) => named.push((i, self.v(p, || format!("{path}.{id}")))),
            }
        }
        DistSpec { named, rest }
    }

    fn moves(
        &self,
        path: &str,
        sc: Option<&Scenario>,
        states: &HashMap<&str, usize>,
        horizon: usize,
    ) -> Moves {
        let Some(sc) = sc else { return Moves::Stay };
        if let Some(ts) = &sc.transitions {
            let year = |n: Option<crate::num::Num>, default: usize| {
                n.map_or(default, |n| f(n.value()) as usize)
            };
            let rules = ts
                .iter()
                .enumerate()
                .map(|(i, t)| SimRule {
                    from: states[t.from.as_str()],
                    to: states[t.to.as_str()],
                    share: self.v(&t.share, || format!("{path}.transitions[{i}].share")),
                    from_year: year(t.from_year, 1),
                    to_year: year(t.to_year, horizon).min(horizon),
                })
                .collect();
            return Moves::Transitions(rules);
        }
        if let Some(es) = &sc.trajectory {
            let mut entries: Vec<(usize, DistSpec)> = es
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    let spec =
                        self.dist(&e.shares, &format!("{path}.trajectory[{i}].shares"), states);
                    (f(e.year.value()) as usize, spec)
                })
                .collect();
            entries.sort_by_key(|(y, _)| *y);
            return Moves::Trajectory(entries);
        }
        Moves::Stay
    }
}

fn flows_of(m: &Model, c: &Compiler, actors: &HashMap<&str, usize>) -> Vec<SimFlow> {
    let mut flows = Vec::new();
    for (state, s) in m.states.iter().enumerate() {
        for (j, fl) in s.flows.iter().enumerate() {
            let value = c.v(&fl.amount, || format!("states[{state}].flows[{j}].amount"));
            let id = |o: &Option<String>| actors[o.as_deref().unwrap_or_default()];
            let mut push = |actor, sign| {
                flows.push(SimFlow {
                    state,
                    actor,
                    sign,
                    value,
                })
            };
            match fl.kind {
                FlowType::Transfer => {
                    push(id(&fl.from), -1.0);
                    push(id(&fl.to), 1.0);
                }
                FlowType::Resource => push(id(&fl.actor), -1.0),
                FlowType::Production => push(id(&fl.actor), 1.0),
            }
        }
    }
    flows
}

/// Each group's start, scenarios and cohorts; what a group leaves out is the top level's.
fn groups_of(
    m: &Model,
    v: &Validated,
    c: &Compiler,
    states: &HashMap<&str, usize>,
) -> Vec<SimGroup> {
    let h = v.horizon;
    let top_start = c.dist(&m.intervention.start, "intervention.start", states);
    let top_with = c.moves("scenarios.with", m.scenarios.with.as_ref(), states, h);
    let top_without = c.moves("scenarios.without", m.scenarios.without.as_ref(), states, h);
    let cohorts = |g: usize| {
        v.cohorts_of(g)
            .iter()
            .map(|k| (k.start, f(k.participants)))
            .collect()
    };
    if m.groups.is_empty() {
        return vec![SimGroup {
            start: top_start,
            with: top_with,
            without: top_without,
            cohorts: cohorts(0),
        }];
    }
    m.groups
        .iter()
        .enumerate()
        .map(|(g, gr)| {
            let p = format!("groups[{g}]");
            let sc = gr.scenarios.as_ref();
            SimGroup {
                start: match &gr.start {
                    Some(s) => c.dist(s, &format!("{p}.start"), states),
                    None => top_start.clone(),
                },
                with: match sc.and_then(|s| s.with.as_ref()) {
                    Some(s) => c.moves(&format!("{p}.scenarios.with"), Some(s), states, h),
                    None => top_with.clone(),
                },
                without: match sc.and_then(|s| s.without.as_ref()) {
                    Some(s) => c.moves(&format!("{p}.scenarios.without"), Some(s), states, h),
                    None => top_without.clone(),
                },
                cohorts: cohorts(g),
            }
        })
        .collect()
}

fn costs_of(m: &Model, v: &Validated, c: &Compiler) -> Vec<SimCost> {
    m.intervention
        .costs
        .iter()
        .zip(&v.costs)
        .enumerate()
        .map(|(i, (cost, rc))| {
            let amount = match (&cost.amount, &cost.per_participant) {
                (Some(a), _) => c.v(a, || format!("intervention.costs[{i}].amount")),
                (_, Some(a)) => c.v(a, || format!("intervention.costs[{i}].per_participant")),
                _ => V::C(0.0),
            };
            let spec = match &rc.kind {
                CostKind::Fixed { years, .. } => CostSpec::Fixed(years.clone()),
                CostKind::PerParticipant {
                    cohort_year,
                    groups,
                    ..
                } => CostSpec::PerParticipant(*cohort_year, groups.clone()),
            };
            SimCost {
                spec,
                amount,
                weights: rc.weights.iter().map(|w| (w.actor, f(w.share))).collect(),
            }
        })
        .collect()
}

fn row_labels(v: &Validated) -> Vec<RowLabel> {
    let mut rows: Vec<RowLabel> = v
        .actors
        .iter()
        .map(|a| RowLabel {
            id: a.id.clone(),
            names: Names {
                sv: a.name.get("sv").to_string(),
                en: a.name.get("en").to_string(),
            },
            kind: match a.kind {
                ActorKind::Public => RowKind::Public,
                ActorKind::Individual => RowKind::Individual,
                ActorKind::Other => RowKind::Other,
            },
        })
        .collect();
    for (id, names) in aggregates() {
        rows.push(RowLabel {
            id: id.to_string(),
            names,
            kind: RowKind::Aggregate,
        });
    }
    rows
}

/// A bundled base's formulas (its parameters' and its flows'), each folded once per process
/// with the base's own parameters: the value [`ParamRun::fold`] gives it when none of the
/// parameters it uses, directly or through others, is replaced by the model (the same f64
/// operations on the same constants), and those parameters. Parsing and folding the base's
/// hundred-odd formulas on every simulation was most of its fixed cost.
struct BaseFormulas {
    /// Formula text → (its value, the base parameters it depends on).
    texts: HashMap<String, (f64, BTreeSet<String>)>,
}

impl BaseFormulas {
    /// The memo of a bundled base, `None` for any other name or a base that does not resolve
    /// on its own (a formula that does not parse, a cycle, a name it does not define).
    fn of(name: &str) -> Option<&'static BaseFormulas> {
        static MEMO: OnceLock<Vec<Option<BaseFormulas>>> = OnceLock::new();
        let bundled = crate::bases::BUNDLED;
        let all = MEMO.get_or_init(|| bundled.iter().map(|b| BaseFormulas::new(b.name)).collect());
        all[bundled.iter().position(|b| b.name == name)?].as_ref()
    }

    fn new(name: &str) -> Option<BaseFormulas> {
        let base = crate::bases::load_base(name, &Options::default()).ok()?;
        let defs = &base.parameters;
        // Each parameter's value and dependencies, depth first (a constant of the run: a point
        // value, or a formula of such; a distribution is not memoised).
        type Folded = (f64, BTreeSet<String>);
        fn param(
            id: &str,
            defs: &IndexMap<String, crate::model::ParamDef>,
            done: &mut HashMap<String, Option<Folded>>,
            depth: usize,
        ) -> Option<Folded> {
            if let Some(r) = done.get(id) {
                return r.clone();
            }
            let r = match &defs.get(id)?.value {
                Param::Point(n) => Some((f(n.value()), BTreeSet::new())),
                Param::Formula(t) if depth < 64 => text(t, defs, done, depth + 1),
                _ => None,
            };
            done.insert(id.to_string(), r.clone());
            r
        }
        fn text(
            t: &str,
            defs: &IndexMap<String, crate::model::ParamDef>,
            done: &mut HashMap<String, Option<Folded>>,
            depth: usize,
        ) -> Option<Folded> {
            let e = formula::parse_written(t).ok()?;
            let mut names = Vec::new();
            e.refs(&mut names);
            let mut deps = BTreeSet::new();
            let mut values = HashMap::new();
            for (n, _) in names {
                let (x, d) = param(n, defs, done, depth)?;
                deps.insert(n.to_string());
                deps.extend(d);
                values.insert(n, x);
            }
            // As `ParamRun::fold` evaluates it.
            let x = e.eval_f64(&|n| values.get(n).copied().unwrap_or(0.0));
            Some((x, deps))
        }
        let mut done = HashMap::new();
        let mut texts = HashMap::new();
        let formulas = defs.values().map(|d| &d.value);
        let flows = base
            .states
            .iter()
            .flat_map(|s| s.flows.iter().map(|fl| &fl.amount));
        for p in formulas.chain(flows) {
            if let Param::Formula(t) = p {
                if !texts.contains_key(t) {
                    if let Some(r) = text(t, defs, &mut done, 0) {
                        texts.insert(t.clone(), r);
                    }
                }
            }
        }
        Some(BaseFormulas { texts })
    }
}

/// The base's formulas that keep their folded value in this model: those using none of the
/// parameters the model replaces.
struct Known<'m> {
    memo: Option<&'static BaseFormulas>,
    replaced: HashSet<&'m str>,
}

impl<'m> Known<'m> {
    fn of(model: &'m Model) -> Known<'m> {
        let memo = model.base.as_deref().and_then(BaseFormulas::of);
        Known {
            memo,
            replaced: model.parameters.keys().map(String::as_str).collect(),
        }
    }

    /// The value every run gives formula `text`, when it is a base formula that keeps it.
    fn value(&self, text: &str) -> Option<f64> {
        let (x, deps) = self.memo?.texts.get(text)?;
        if deps.iter().any(|d| self.replaced.contains(d.as_str())) {
            return None;
        }
        Some(*x)
    }
}

impl SimModel {
    /// Compiles a model (its base inlined) for simulation.
    pub(crate) fn compile(model: &Model, opts: &Options) -> Result<SimModel> {
        SimModel::compile_with(model, opts, Known::of(model))
    }

    fn compile_with(model: &Model, opts: &Options, known: Known) -> Result<SimModel> {
        let (m, v): (Model, Validated) = inline_base_validated(model, opts)?;
        let (m, uncertain) = values_of(m, |p| matches!(p, Param::Dist(_)));
        let actors: HashMap<&str, usize> = v
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let states: HashMap<&str, usize> = v
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let point = v.parameter_values();
        let at_point = |n: &str| point.get(n).copied();
        let resolve = |val: &Value| val.at_points(&at_point);
        let mut slots = Vec::new();
        let mut parameters = Vec::new();
        let mut slot_of = HashMap::new();
        for u in uncertain {
            if let Param::Dist(d) = u.param {
                slot_of.insert(u.path.clone(), slots.len());
                slots.push(Slot::new(&d.resolved(&resolve)));
                parameters.push((u.path, *d));
            }
        }
        let params = ParamRun::compile(&m, &v, &slot_of, &known);
        let c = Compiler {
            slot_of,
            params: &params,
            known: &known,
            formulas: Default::default(),
            n_slots: slots.len(),
        };
        let horizon = v.horizon;
        let analysis = m.analysis.as_ref();
        Ok(SimModel {
            n_actors: v.actors.len(),
            n_states: v.states.len(),
            horizon,
            kinds: v.actors.iter().map(|a| a.kind).collect(),
            flows: flows_of(&m, &c, &actors),
            groups: groups_of(&m, &v, &c, &states),
            limits: v
                .states
                .iter()
                .map(|s| s.limit.map(|l| (l.years, l.then)))
                .collect(),
            costs: costs_of(&m, &v, &c),
            attribution: match analysis.and_then(|a| a.attribution.as_ref()) {
                Some(p) => c.v(p, || "analysis.attribution".into()),
                None => V::C(1.0),
            },
            rates: match &m.discount_rate {
                Some(DiscountRate::Constant(p)) => Rates::Const(c.v(p, || "discount_rate".into())),
                _ => Rates::Schedule(v.rates.iter().take(horizon).map(|r| f(*r)).collect()),
            },
            rows: row_labels(&v),
            slots,
            parameters,
            formulas: c.formulas.into_inner(),
            params,
        })
    }

    /// Number of rows (actors + public sector + society).
    pub(crate) fn n_rows(&self) -> usize {
        self.n_actors + 2
    }

    /// The point value of every uncertain parameter (mode, or the mean).
    #[cfg(test)]
    pub(crate) fn point_values(&self) -> Vec<f64> {
        self.slots.iter().map(Slot::point).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Everything compiled from the model's numbers, as text (f64s written exactly).
    fn numbers(sm: &SimModel) -> String {
        format!(
            "{:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
            sm.flows,
            sm.groups,
            sm.costs,
            sm.attribution,
            sm.rates,
            sm.slots,
            sm.formulas,
            sm.params.calc
        )
    }

    /// The base's formulas folded once per process compile to the very numbers that parsing and
    /// folding them for the model gives: for every example, and for models that replace base
    /// parameters (by a distribution, a number, or a formula) that other base formulas use.
    #[test]
    fn the_memoised_base_formulas_give_the_same_numbers() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/examples");
        let mut texts: Vec<String> = std::fs::read_dir(&root)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        let osakerhet = std::fs::read_to_string(root.join("jobbspar-osakerhet.toml")).unwrap();
        for params in [
            "municipal_tax = { dist = \"uniform\", min = 0.19, max = 0.22 }",
            "municipal_tax = 0.25\npbb = 60000",
            "regional_tax = \"= municipal_tax / 2\"",
        ] {
            texts.push(format!("{osakerhet}\n[parameters]\n{params}\n"));
        }
        let opts = Options::default();
        let mut replaced_differ = false;
        for text in &texts {
            let m = Model::from_toml(text).unwrap();
            assert!(m.base.is_some());
            let memo = SimModel::compile(&m, &opts).unwrap();
            let plain = Known {
                memo: None,
                replaced: HashSet::new(),
            };
            let plain = SimModel::compile_with(&m, &opts, plain).unwrap();
            assert_eq!(numbers(&memo), numbers(&plain));
            // The memo is used, and a replaced parameter changes what depends on it.
            let known = Known::of(&m);
            assert!(known.memo.is_some());
            let local = known.value("= municipal_tax + regional_tax");
            replaced_differ |= !m.parameters.is_empty() && local.is_none();
            if m.parameters.is_empty() {
                assert_eq!(local, Some(0.207 + 0.1167));
            }
        }
        assert!(replaced_differ);
    }
}
