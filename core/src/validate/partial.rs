//! Validating again only the section of a model that one changed value touches, so that the
//! tornado's cost grows with the number of values, not with its square: each bar re-checks one
//! state, one cost, the start, one scenario, the attribution or the rate, evaluates, and puts
//! the section back. The result is exactly that of validating the whole changed model (the same
//! functions run on the same section; the other sections cannot change).

use super::ctx::Ctx;
use super::resolved::{CostKind, Movement, Validated};
use super::{actors, analysis, intervention, rates, scenarios, shares};
use crate::error::{Error, Result};
use crate::model::{Flow, FlowType, Model, State};
use rust_decimal::Decimal;
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
    /// A parameter: anything may depend on it, so everything is checked again.
    All,
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
}

/// A validated model whose sections can be re-checked one at a time. The model must have no
/// `base` (inline it first) and must have validated, so that its lists and the resolved ones
/// line up index for index.
pub(crate) struct Partial<'m> {
    model: &'m Model,
    actors: HashMap<&'m str, usize>,
    states: HashMap<&'m str, usize>,
    terms: Vec<Terms>,
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
    fn of(s: &State, actors: &HashMap<&str, usize>) -> Terms {
        let mut t = Terms {
            scales: vec![[0; 29]; actors.len()],
            magnitude: vec![Decimal::ZERO; actors.len()],
        };
        for f in &s.flows {
            let a = f.amount.point();
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
        let terms = model.states.iter().map(|s| Terms::of(s, &actors)).collect();
        let n = model.states.len();
        Partial {
            model,
            actors,
            states: index(model.states.iter().map(|s| s.id.as_str()).collect()),
            terms,
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
        let saved = self.recheck(v, model, section)?;
        let out = f(v);
        restore(v, saved);
        out
    }

    fn recheck(&self, v: &mut Validated, m: &Model, section: Section) -> Result<Saved> {
        let mut ctx = Ctx::default();
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
                    Some(new) => match self.replaced(&v.states[i].net, i, j, new) {
                        Some(net) => net,
                        None => {
                            let p = format!("states[{i}]");
                            actors::state_net(&mut ctx, &m.states[i], &p, &self.actors).0
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
                    return self.recheck(v, m, Section::Scenario(w));
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
                    scenarios::outflows_from(&mut ctx, rules, ts, path, n, v.horizon, from);
                }
                Saved::Share(w, i, old)
            }
            Section::Cost(k) => {
                let p = format!("intervention.costs[{k}]");
                let c = &m.intervention.costs[k];
                let groups = super::groups::for_costs(&v.groups, &v.cohorts);
                match intervention::cost_kind(&mut ctx, c, &p, &groups, v.horizon) {
                    Some(kind) => Saved::Cost(k, std::mem::replace(&mut v.costs[k].kind, kind)),
                    None => Saved::Cost(k, v.costs[k].kind.clone()),
                }
            }
            Section::Start => {
                let d = shares::distribution(
                    &mut ctx,
                    &m.intervention.start,
                    "intervention.start",
                    &self.states,
                );
                Saved::Start(std::mem::replace(&mut v.start, d.unwrap_or_default()))
            }
            Section::Scenario(with) => {
                let (sc, path) = match with {
                    true => (m.scenarios.with.as_ref(), "scenarios.with"),
                    false => (m.scenarios.without.as_ref(), "scenarios.without"),
                };
                let mv = scenarios::movement(&mut ctx, sc, path, &self.states, v.horizon);
                let slot = if with { &mut v.with } else { &mut v.without };
                Saved::Scenario(with, std::mem::replace(slot, mv.unwrap_or(Movement::Stay)))
            }
            Section::Attribution => {
                let a = analysis::attribution(&mut ctx, m.analysis.as_ref());
                Saved::Attribution(std::mem::replace(&mut v.attribution, a))
            }
            Section::Rate => {
                let r = rates::rates(&mut ctx, m.discount_rate.as_ref(), v.rates.len());
                Saved::Rate(std::mem::replace(&mut v.rates, r))
            }
        };
        match Error::from_problems(ctx.problems) {
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
    fn replaced(&self, net: &[Decimal], i: usize, j: usize, new: Decimal) -> Option<Vec<Decimal>> {
        let f = &self.model.states[i].flows[j];
        let old = f.amount.point();
        let terms = &self.terms[i];
        let mut out = net.to_vec();
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

    /// The model this was made for.
    pub(crate) fn model(&self) -> &'m Model {
        self.model
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
    }
}
