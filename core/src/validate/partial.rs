//! Validating again only the sections of a model that one changed value touches, so that the
//! tornado's cost grows with the number of values, not with its square: each bar re-checks one
//! state, one cost, the start, one scenario, the attribution or the rate, evaluates, and puts
//! the section back. A parameter's bar evaluates again the parameters that read it (directly or
//! through others) and re-checks the sections whose formulas read any of them; a parameter
//! read where no section check stands alone (cohorts, groups, outcomes …) validates the whole
//! model. The result is exactly that of validating the whole changed model (the same functions
//! run on the same sections with the same parameter values, in the order `validate` runs them,
//! so that the same problems come first; the other sections cannot change).

use super::ctx::Ctx;
use super::params::Graph;
use super::resolved::{CostKind, Movement, ResolvedCost, ResolvedFlow, ResolvedState, Validated};
use super::{actors, analysis, intervention, rates, scenarios, shares};
use crate::error::{Error, Result};
use crate::model::{Flow, FlowType, Model};
use crate::num::Param;
use crate::uncertain::Loc;
use rust_decimal::Decimal;
use std::cell::RefCell;
use std::collections::HashMap;

/// The section of a model a value lives in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    /// `states[i].flows[j]`: its state's net amounts.
    Flow(usize, usize),
    /// `scenarios.with` (true) or `scenarios.without`: rule `i`'s share.
    Rule(bool, usize),
    /// `intervention.costs[k]`.
    Cost(usize),
    /// `intervention.start`.
    Start,
    /// `scenarios.with` (true) or `scenarios.without`.
    Scenario(bool),
    /// `analysis.attribution`.
    Attribution,
    /// `discount_rate`.
    Rate,
    /// Parameter `i` (its position among the model's): the parameters and sections that read it.
    Param(usize),
    /// Everything is checked again.
    All,
}

/// A section a parameter's bar can check again on its own, in the order `validate` checks
/// them (so that sorting them gives that order).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    /// `states[i]`: its flows' amounts and net amounts.
    State(usize),
    /// `discount_rate`.
    Rate,
    /// `intervention.start`.
    Start,
    /// `intervention.costs[k]`: its amount and its financing.
    Cost(usize),
    /// `scenarios.with`.
    With,
    /// `scenarios.without`.
    Without,
    /// `analysis.attribution`.
    Attribution,
}

/// What a section held before it was re-checked.
enum Saved {
    All(Box<Validated>),
    Net(usize, Vec<rust_decimal::Decimal>, Option<(usize, Decimal)>),
    Share(bool, usize, Decimal),
    Cost(usize, CostKind),
    Start(Vec<rust_decimal::Decimal>),
    Scenario(bool, Movement),
    Attribution(rust_decimal::Decimal),
    Rate(Vec<rust_decimal::Decimal>),
    /// Parameters' old values by position, and the old evaluation order if it changed.
    Params(Vec<(usize, Decimal)>, Option<Vec<usize>>),
    State(usize, Box<ResolvedState>),
    WholeCost(usize, Box<ResolvedCost>),
    /// Several sections, restored last first.
    Many(Vec<Saved>),
}

/// A validated model whose sections can be re-checked one at a time. The model must have no
/// `base` (inline it first) and must have validated, so that its lists and the resolved ones
/// line up index for index.
pub(crate) struct Partial<'m> {
    model: &'m Model,
    actors: HashMap<&'m str, usize>,
    states: HashMap<&'m str, usize>,
    terms: Vec<Terms>,
    /// The parameters, parsed once.
    graph: Graph<'m>,
    /// Per parameter (by position): the sections whose formulas read it, or `None` when some
    /// other part of the model does (then its bar validates the whole model).
    feeds: Vec<Option<Vec<Unit>>>,
    /// The parameters' values and ids as formulas read them, lent to each re-check.
    ctx: RefCell<Ctx>,
    /// Per scenario (with, without): the shares leaving each state in each cohort year in
    /// which some rule starts, as validated: [(year, [state] → sum)].
    outflow: [Vec<(usize, Vec<Decimal>)>; 2],
}

/// The shares leaving each state in each year some rule starts (what `scenarios::outflows`
/// checks), for a validated scenario.
fn outflow_sums(mv: &Movement, n_states: usize, horizon: usize) -> Vec<(usize, Vec<Decimal>)> {
    let Movement::Transitions(rules) = mv else {
        return Vec::new();
    };
    let mut years: Vec<usize> = rules
        .iter()
        .map(|r| r.from_year)
        .filter(|y| *y < horizon)
        .collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|c| {
            let mut out = vec![Decimal::ZERO; n_states];
            for r in rules.iter().filter(|r| r.from_year <= c && c <= r.to_year) {
                out[r.from] = out[r.from].saturating_add(r.share);
            }
            (c, out)
        })
        .collect()
}

/// What the sums of one state's net amounts are made of, per actor: how many terms of each
/// scale (decimal places) and the sum of their magnitudes. With that, replacing one flow's
/// amount can be done as `net − old + new` when no addition could have rounded, and the result
/// given the scale that summing all terms afresh would give: the same decimal, digit for digit.
#[derive(Clone, Default)]
struct Terms {
    /// [actor][scale]: number of terms.
    scales: Vec<[u32; 29]>,
    /// [actor]: Σ |term|.
    magnitude: Vec<Decimal>,
}

/// The signed terms a flow adds to its state's net amounts: (actor, sign).
fn flow_terms(f: &Flow, actors: &HashMap<&str, usize>) -> Vec<(usize, bool)> {
    let id = |o: &Option<String>| o.as_deref().and_then(|a| actors.get(a).copied());
    match f.kind {
        FlowType::Transfer => id(&f.from)
            .map(|a| (a, false))
            .into_iter()
            .chain(id(&f.to).map(|a| (a, true)))
            .collect(),
        FlowType::Resource => id(&f.actor).map(|a| (a, false)).into_iter().collect(),
        FlowType::Production => id(&f.actor).map(|a| (a, true)).into_iter().collect(),
    }
}

impl Terms {
    /// From the flows as written and their amounts as validated (a formula's or a
    /// distribution's point value is known only there).
    fn of(flows: &[Flow], amounts: &[ResolvedFlow], actors: &HashMap<&str, usize>) -> Terms {
        let mut t = Terms {
            scales: vec![[0; 29]; actors.len()],
            magnitude: vec![Decimal::ZERO; actors.len()],
        };
        for (f, r) in flows.iter().zip(amounts) {
            let a = r.amount;
            for (actor, _) in flow_terms(f, actors) {
                t.scales[actor][a.scale().min(28) as usize] += 1;
                t.magnitude[actor] = t.magnitude[actor].saturating_add(a.abs());
            }
        }
        t
    }
}

impl<'m> Partial<'m> {
    pub(crate) fn new(model: &'m Model, v: &Validated) -> Partial<'m> {
        let index = |ids: Vec<&'m str>| ids.into_iter().enumerate().map(|(i, s)| (s, i)).collect();
        let actors = index(model.actors.iter().map(|a| a.id.as_str()).collect());
        let terms = model
            .states
            .iter()
            .zip(&v.states)
            .map(|(s, r)| Terms::of(&s.flows, &r.flows, &actors))
            .collect();
        let n = model.states.len();
        let graph = Graph::new(&model.parameters);
        let feeds = feeds(model, &graph);
        let ctx = Ctx {
            params: std::borrow::Cow::Owned(v.parameters.iter().cloned().collect()),
            param_ids: model.parameters.keys().cloned().collect(),
            ..Ctx::default()
        };
        Partial {
            model,
            actors,
            states: index(model.states.iter().map(|s| s.id.as_str()).collect()),
            terms,
            graph,
            feeds,
            ctx: RefCell::new(ctx),
            outflow: [
                outflow_sums(&v.with, n, v.horizon),
                outflow_sums(&v.without, n, v.horizon),
            ],
        }
    }

    /// Re-checks `section` of `model` (which may differ from the one given to `new` only in
    /// that section) into `v`, runs `f` on the result, and restores `v`.
    pub(crate) fn with<T>(
        &self,
        v: &mut Validated,
        model: &Model,
        section: Section,
        f: impl FnOnce(&Validated) -> Result<T>,
    ) -> Result<T> {
        let mut ctx = self.ctx.take();
        let saved = self.recheck(&mut ctx, v, model, section);
        ctx.problems.clear();
        ctx.warnings.clear();
        self.ctx.replace(ctx);
        let saved = saved?;
        let out = f(v);
        restore(v, saved);
        out
    }

    /// The section a change of the value at `loc` touches.
    pub(crate) fn section(&self, loc: &Loc) -> Section {
        match loc {
            Loc::Parameter(id) => self.graph.position(id).map_or(Section::All, Section::Param),
            _ => loc.section(),
        }
    }

    fn recheck(
        &self,
        ctx: &mut Ctx,
        v: &mut Validated,
        m: &Model,
        section: Section,
    ) -> Result<Saved> {
        let saved = match section {
            Section::All => {
                let fresh = super::validate(m, &crate::bases::Options::default())?;
                Saved::All(Box::new(std::mem::replace(v, fresh)))
            }
            Section::Flow(i, j) => {
                let path = format!("states[{i}].flows[{j}].amount");
                let new = ctx.amount(&m.states[i].flows[j].amount, &path, "amount");
                let net = match new {
                    // The new amount's problem is recorded; nothing to sum.
                    None => v.states[i].net.clone(),
                    Some(new) => match self.replaced(&v.states[i], i, j, new) {
                        Some(net) => net,
                        None => {
                            let p = format!("states[{i}]");
                            actors::state_net(ctx, &m.states[i], &p, &self.actors).0
                        }
                    },
                };
                // The flow's own amount too (the breakdowns read it).
                let old_amount = match (new, v.states[i].flows.get_mut(j)) {
                    (Some(new), Some(f)) => Some(std::mem::replace(&mut f.amount, new)),
                    _ => None,
                };
                Saved::Net(
                    i,
                    std::mem::replace(&mut v.states[i].net, net),
                    old_amount.map(|a| (j, a)),
                )
            }
            Section::Rule(w, i) => {
                let (path, ts) = match w {
                    true => ("scenarios.with", m.scenarios.with.as_ref()),
                    false => ("scenarios.without", m.scenarios.without.as_ref()),
                };
                let ts = ts
                    .and_then(|s| s.transitions.as_deref())
                    .unwrap_or_default();
                let share = ctx.share(&ts[i].share, &format!("{path}.transitions[{i}].share"));
                let slot = if w { &mut v.with } else { &mut v.without };
                let Movement::Transitions(rules) = slot else {
                    // A transition's value always belongs to a scenario of transitions; were it
                    // not so, checking the whole scenario again is still right.
                    ctx.problems.clear();
                    return self.recheck(ctx, v, m, Section::Scenario(w));
                };
                let old = rules[i].share;
                rules[i].share = share.unwrap_or(old);
                let r = &rules[i];
                // Only the sums of the rule's own state, in the years it is active, change;
                // where one may now pass 1 (or come near it), the state is checked in full so
                // that the problem is the one a full validation reports.
                let near = Decimal::ONE - Decimal::new(1, 20);
                let doubtful = self.outflow[usize::from(!w)].iter().any(|(c, sums)| {
                    (r.from_year..=r.to_year).contains(c)
                        && sums[r.from].saturating_sub(old).saturating_add(r.share) > near
                });
                if doubtful {
                    let (from, n) = (r.from, self.states.len());
                    scenarios::outflows_from(ctx, rules, ts, path, n, v.horizon, from);
                }
                Saved::Share(w, i, old)
            }
            Section::Cost(k) => {
                let p = format!("intervention.costs[{k}]");
                let c = &m.intervention.costs[k];
                let groups = super::groups::for_costs(&v.groups, &v.cohorts);
                match intervention::cost_kind(ctx, c, &p, &groups, v.horizon) {
                    Some(kind) => Saved::Cost(k, std::mem::replace(&mut v.costs[k].kind, kind)),
                    None => Saved::Cost(k, v.costs[k].kind.clone()),
                }
            }
            Section::Start => self.unit(ctx, v, m, Unit::Start),
            Section::Scenario(true) => self.unit(ctx, v, m, Unit::With),
            Section::Scenario(false) => self.unit(ctx, v, m, Unit::Without),
            Section::Attribution => self.unit(ctx, v, m, Unit::Attribution),
            Section::Rate => self.unit(ctx, v, m, Unit::Rate),
            Section::Param(i) => match self.param(ctx, v, m, i) {
                Some(saved) => saved,
                None => return self.recheck(ctx, v, m, Section::All),
            },
        };
        match Error::from_problems(std::mem::take(&mut ctx.problems)) {
            None => Ok(saved),
            Some(e) => {
                restore(v, saved);
                Err(e)
            }
        }
    }

    /// The state's net amounts with flow `j`'s amount replaced by `new`, computed as
    /// `net − old + new` and given the scale a fresh sum would have; `None` when some addition
    /// could round (then the state is summed afresh).
    fn replaced(
        &self,
        s: &ResolvedState,
        i: usize,
        j: usize,
        new: Decimal,
    ) -> Option<Vec<Decimal>> {
        let f = &self.model.states[i].flows[j];
        let old = s.flows.get(j)?.amount;
        let terms = &self.terms[i];
        let mut out = s.net.clone();
        for (actor, plus) in flow_terms(f, &self.actors) {
            let mut scales = terms.scales[actor];
            scales[old.scale().min(28) as usize] -= 1;
            scales[new.scale().min(28) as usize] += 1;
            let scale = scales.iter().rposition(|n| *n > 0).unwrap_or(0) as u32;
            // Every partial sum is below Σ|terms| ≤ magnitude + |new|; at `scale` decimals it
            // must fit comfortably in 96 bits for every addition to have been exact.
            let bound = terms.magnitude[actor].checked_add(new.abs())?;
            let limit = Decimal::from_i128_with_scale(10i128.pow(27), 0)
                .checked_div(Decimal::from_i128_with_scale(10i128.pow(scale), 0))?;
            if bound >= limit {
                return None;
            }
            let delta = if plus {
                new.checked_sub(old)?
            } else {
                old.checked_sub(new)?
            };
            let mut x = out[actor].checked_add(delta)?;
            x.rescale(scale);
            out[actor] = x;
        }
        Some(out)
    }

    /// Checks one section again (a parameter's bar may touch several).
    fn unit(&self, ctx: &mut Ctx, v: &mut Validated, m: &Model, unit: Unit) -> Saved {
        match unit {
            Unit::State(i) => {
                let p = format!("states[{i}]");
                let (net, checked) = actors::state_net(ctx, &m.states[i], &p, &self.actors);
                let s = &mut v.states[i];
                let old = Box::new(s.clone());
                s.net = net;
                for (f, c) in s.flows.iter_mut().zip(checked) {
                    if let Some((amount, _)) = c {
                        f.amount = amount;
                    }
                }
                Saved::State(i, old)
            }
            Unit::Rate => {
                let r = rates::rates(ctx, m.discount_rate.as_ref(), v.rates.len());
                Saved::Rate(std::mem::replace(&mut v.rates, r))
            }
            Unit::Start => {
                let d = shares::distribution(
                    ctx,
                    &m.intervention.start,
                    "intervention.start",
                    &self.states,
                );
                Saved::Start(std::mem::replace(&mut v.start, d.unwrap_or_default()))
            }
            Unit::Cost(k) => {
                let p = format!("intervention.costs[{k}]");
                let c = &m.intervention.costs[k];
                let groups = super::groups::for_costs(&v.groups, &v.cohorts);
                let kind = intervention::cost_kind(ctx, c, &p, &groups, v.horizon);
                let fp = format!("{p}.financing");
                let weights = intervention::financing(ctx, c, &fp, &self.actors);
                let old = Box::new(v.costs[k].clone());
                if let (Some(kind), Some(weights)) = (kind, weights) {
                    v.costs[k] = ResolvedCost { kind, weights };
                }
                Saved::WholeCost(k, old)
            }
            Unit::With | Unit::Without => {
                let with = unit == Unit::With;
                let (sc, path) = match with {
                    true => (m.scenarios.with.as_ref(), "scenarios.with"),
                    false => (m.scenarios.without.as_ref(), "scenarios.without"),
                };
                let mv = scenarios::movement(ctx, sc, path, &self.states, v.horizon);
                let slot = if with { &mut v.with } else { &mut v.without };
                Saved::Scenario(with, std::mem::replace(slot, mv.unwrap_or(Movement::Stay)))
            }
            Unit::Attribution => {
                let a = analysis::attribution(ctx, m.analysis.as_ref());
                Saved::Attribution(std::mem::replace(&mut v.attribution, a))
            }
        }
    }

    /// Parameter `i` set to a number in `m`: the parameters that read it evaluated again, then
    /// the sections that read any of them checked again, in `validate`'s order. `None` when
    /// that is not enough (its new value is no number, or a part of the model without a check
    /// of its own reads it): then the whole model is validated again.
    fn param(&self, ctx: &mut Ctx, v: &mut Validated, m: &Model, i: usize) -> Option<Saved> {
        let (id, def) = m.parameters.get_index(i)?;
        let Param::Point(new) = &def.value else {
            return None;
        };
        let affected = self.graph.affected(i);
        let mut units = Vec::new();
        for (k, _) in affected.iter().enumerate().filter(|(_, a)| **a) {
            units.extend(self.feeds[k].as_deref()?);
        }
        units.sort_unstable();
        units.dedup();
        debug_assert_eq!(v.parameters.get(i).map(|p| p.0.as_str()), Some(id.as_str()));
        let (values, order) = self.graph.set_number(ctx, i, new.value(), &affected);
        // The new values, where the formulas of the sections read them and in the report.
        let mut old = Vec::with_capacity(values.len());
        let mut lent = Vec::with_capacity(values.len());
        for &(k, value) in &values {
            let name = &v.parameters[k].0;
            let before = ctx.params.get(name).copied();
            match value {
                Some(d) => {
                    if let Some(x) = ctx.params.to_mut().get_mut(name) {
                        *x = d;
                    } else {
                        ctx.params.to_mut().insert(name.clone(), d);
                    }
                    old.push((k, std::mem::replace(&mut v.parameters[k].1, d)));
                }
                None => {
                    ctx.params.to_mut().remove(name);
                }
            }
            lent.push((k, before));
        }
        let order = order.map(|o| std::mem::replace(&mut v.param_order, o));
        let mut saved = vec![Saved::Params(old, order)];
        for u in units {
            saved.push(self.unit(ctx, v, m, u));
        }
        // The lent values back as they were.
        for (k, before) in lent {
            let name = &v.parameters[k].0;
            match before {
                Some(d) => {
                    ctx.params.to_mut().insert(name.clone(), d);
                }
                None => {
                    ctx.params.to_mut().remove(name);
                }
            }
        }
        Some(Saved::Many(saved))
    }

    /// The model this was made for.
    pub(crate) fn model(&self) -> &'m Model {
        self.model
    }
}

/// Per parameter (by position): the sections whose formulas read it, from every formula in
/// the model outside `parameters` (a parameter reading another is the graph's business);
/// `None` for a parameter some part without a check of its own reads.
fn feeds(model: &Model, graph: &Graph) -> Vec<Option<Vec<Unit>>> {
    use serde_json::Value as J;
    let mut out: Vec<Option<Vec<Unit>>> = vec![Some(Vec::new()); model.parameters.len()];
    let doc = serde_json::to_value(model).expect("a model always serialises to JSON");
    let mut note = |unit: Option<Unit>, v: &J| {
        let mut texts = Vec::new();
        formulas(v, &mut texts);
        for text in texts {
            let Ok(expr) = crate::formula::parse_written(text) else {
                continue;
            };
            let mut refs = Vec::new();
            expr.refs(&mut refs);
            for (name, _) in refs {
                let Some(k) = graph.position(name) else {
                    continue;
                };
                match (unit, &mut out[k]) {
                    (Some(u), Some(us)) => us.push(u),
                    (None, slot) => *slot = None,
                    (Some(_), None) => {}
                }
            }
        }
    };
    let J::Object(top) = &doc else {
        return out;
    };
    let part = |v: &J, key: &str| v.get(key).cloned().unwrap_or(J::Null);
    for (key, v) in top {
        match key.as_str() {
            "parameters" => {}
            "states" => {
                for (i, s) in v.as_array().into_iter().flatten().enumerate() {
                    note(Some(Unit::State(i)), s);
                }
            }
            "intervention" => {
                for (k, x) in v.as_object().into_iter().flatten() {
                    match k.as_str() {
                        "costs" => {
                            for (c, cost) in x.as_array().into_iter().flatten().enumerate() {
                                note(Some(Unit::Cost(c)), cost);
                            }
                        }
                        "start" => note(Some(Unit::Start), x),
                        _ => note(None, x),
                    }
                }
            }
            "scenarios" => {
                for (k, x) in v.as_object().into_iter().flatten() {
                    match k.as_str() {
                        "with" => note(Some(Unit::With), x),
                        "without" => note(Some(Unit::Without), x),
                        _ => note(None, x),
                    }
                }
            }
            "analysis" => {
                note(Some(Unit::Attribution), &part(v, "attribution"));
                for (k, x) in v.as_object().into_iter().flatten() {
                    if k != "attribution" {
                        note(None, x);
                    }
                }
            }
            "discount_rate" => note(Some(Unit::Rate), v),
            _ => note(None, v),
        }
    }
    out
}

/// Every formula's text in a part of the model as JSON (strings that read as formulas).
fn formulas<'j>(v: &'j serde_json::Value, out: &mut Vec<&'j str>) {
    match v {
        serde_json::Value::String(s) if crate::num::formula_text(s).is_some() => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| formulas(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| formulas(x, out)),
        _ => {}
    }
}

fn restore(v: &mut Validated, saved: Saved) {
    match saved {
        Saved::All(old) => *v = *old,
        Saved::Net(i, net, amount) => {
            v.states[i].net = net;
            if let Some((j, a)) = amount {
                v.states[i].flows[j].amount = a;
            }
        }
        Saved::Share(w, i, share) => {
            if let Movement::Transitions(rules) = if w { &mut v.with } else { &mut v.without } {
                rules[i].share = share;
            }
        }
        Saved::Cost(k, kind) => v.costs[k].kind = kind,
        Saved::Start(s) => v.start = s,
        Saved::Scenario(true, m) => v.with = m,
        Saved::Scenario(false, m) => v.without = m,
        Saved::Attribution(a) => v.attribution = a,
        Saved::Rate(r) => v.rates = r,
        Saved::Params(old, order) => {
            for (k, d) in old {
                v.parameters[k].1 = d;
            }
            if let Some(o) = order {
                v.param_order = o;
            }
        }
        Saved::State(i, s) => v.states[i] = *s,
        Saved::WholeCost(k, c) => v.costs[k] = *c,
        Saved::Many(list) => list.into_iter().rev().for_each(|s| restore(v, s)),
    }
}
