//! The figures version 1.1 adds to a report (SPEC §8.4–§8.6): outcomes that are not money,
//! breakdowns of each row by kind of flow and by cost item, payback in months, milestones, and
//! the potential the intervention could have realised. The order of operations is
//! docs/arithmetic.md's.

use super::occupancy::{add, mul, per_person, sub, Grid, R, ZERO};
use super::{
    add_discounted, cost_grid, discount_factors, effect_of, ratio, scenario_totals, sum_over,
    Flows, Inputs, RowInput,
};
use crate::exact::Dec;
use crate::report::{
    BreakdownEntry, CostBreakdownEntry, GroupReport, GroupRow, Milestone, Names, NullableDec,
    OutcomeReport, OutcomeYear, Row, YearRow,
};
use crate::validate::Validated;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Months until the cumulative discounted net turns non-negative for good: 12·p plus the part
/// of year p before it crosses zero, the net spread evenly over the year.
pub(super) fn payback_months(years: &[YearRow], payback: Option<usize>) -> Option<Decimal> {
    let p = payback?;
    if p == 0 {
        return Some(Decimal::ZERO);
    }
    let (before, at) = (years[p - 1].cumulative_pv_net, years[p].cumulative_pv_net);
    let twelve = Decimal::from(12);
    let part = twelve
        .checked_mul(-before)?
        .checked_div(at.checked_sub(before)?)?;
    Decimal::from(12 * p).checked_add(part)
}

/// The milestones of a row from its running sums (pv_effect, pv_cost through each year).
pub(super) fn milestones(v: &Validated, running: &[(Decimal, Decimal)]) -> Option<Vec<Milestone>> {
    v.milestones
        .iter()
        .map(|&m| {
            let (e, c) = running[m - 1];
            Some(Milestone {
                years: m,
                pv_effect: e,
                pv_cost: c,
                npv: e.checked_sub(c)?,
            })
        })
        .collect()
}

/// Each breakdown key's net amounts per state and actor (f^key, states × actors).
fn key_nets(v: &Validated) -> R<Vec<Grid>> {
    let n = v.actors.len();
    let mut out: Vec<Grid> = (0..v.keys.len())
        .map(|_| Grid::zeros(v.states.len(), n))
        .collect();
    for (i, s) in v.states.iter().enumerate() {
        for f in &s.flows {
            let row = out[f.key].row_mut(i);
            let a = Dec::from(f.amount);
            for &(actor, plus) in &f.terms {
                row[actor] = if plus {
                    add(row[actor], a)?
                } else {
                    sub(row[actor], a)?
                };
            }
        }
    }
    Ok(out)
}

/// Σ_t δ_t · x[t][R] for a years × actors grid and a row's actors.
fn present_value(fl: &Flows, x: &Grid, members: &[usize], h: usize) -> R<Decimal> {
    let mut pv = ZERO;
    for (t, &dt) in fl.delta.iter().enumerate().take(h) {
        pv = add_discounted(pv, dt, sum_over(members, |a| x.at(t, a))?)?;
    }
    Ok(pv.to_decimal())
}

/// Per row: the breakdown by (type, category), and by cost item.
type Breakdowns = (Vec<Vec<BreakdownEntry>>, Vec<Vec<CostBreakdownEntry>>);

/// Every row's breakdown of pv_effect by (type, category) and of pv_cost by cost item.
pub(super) fn breakdowns(v: &Validated, fl: &Flows, inputs: &[RowInput]) -> R<Breakdowns> {
    let h = v.horizon;
    let mut by_key = vec![Vec::with_capacity(v.keys.len()); inputs.len()];
    for (k, nets) in key_nets(v)?.iter().enumerate() {
        let (with, _) = scenario_totals(v, &fl.occ, nets, true)?;
        let (without, _) = scenario_totals(v, &fl.occ, nets, false)?;
        let effect = effect_of(v, &with, &without)?;
        let (kind, category) = &v.keys[k];
        for (r, ri) in inputs.iter().enumerate() {
            by_key[r].push(BreakdownEntry {
                kind: kind.to_string(),
                category: category.clone(),
                pv_effect: present_value(fl, &effect, ri.members, h)?,
            });
        }
    }
    let mut by_cost = vec![Vec::with_capacity(v.costs.len()); inputs.len()];
    for (c, name) in v.costs.iter().zip(&v.cost_names) {
        let k = cost_grid(v, std::slice::from_ref(c))?;
        for (r, ri) in inputs.iter().enumerate() {
            by_cost[r].push(CostBreakdownEntry {
                name: name.clone(),
                pv_cost: present_value(fl, &k, ri.members, h)?,
            });
        }
    }
    Ok((by_key, by_cost))
}

/// The potential (SPEC §8.6): the value if every participant were in the success's `to` state
/// from cohort year 1, against the counterfactual; and the efficiency pv_effect / potential.
pub(super) fn potential(
    v: &Validated,
    inp: &Inputs,
    fl: &Flows,
    members: &[usize],
    pv_effect: Decimal,
) -> R<(Option<Decimal>, Option<Decimal>)> {
    let Some(s) = &v.success else {
        return Ok((None, None));
    };
    let h = v.horizon;
    let f_to = sum_over(members, |a| inp.nets.at(s.to, a))?;
    let mut acc = ZERO;
    for (g, occ) in fl.occ.iter().enumerate() {
        let p = per_person(&inp.nets, &occ[1], h)?;
        for k in v.cohorts_of(g) {
            let n = Dec::from(k.participants);
            for c in 1..h.saturating_sub(k.start) {
                let term = sub(f_to, sum_over(members, |a| p.at(c, a))?)?;
                acc = add(acc, mul(fl.delta[k.start + c], mul(n, term)?)?)?;
            }
        }
    }
    let potential = if v.attribution == Decimal::ONE {
        acc
    } else {
        mul(Dec::from(v.attribution), acc)?
    }
    .to_decimal();
    let efficiency = if potential > Decimal::ZERO {
        ratio(pv_effect, potential)
    } else {
        None
    };
    Ok((Some(potential), efficiency))
}

fn names(n: &crate::model::Name) -> Names {
    Names {
        sv: n.get("sv").to_string(),
        en: n.get("en").to_string(),
    }
}

/// The outcomes section (SPEC §8.4).
pub(super) fn outcomes(v: &Validated, fl: &Flows, rows: &[Row]) -> R<Vec<OutcomeReport>> {
    let h = v.horizon;
    let mut out = Vec::with_capacity(v.outcomes.len());
    for o in &v.outcomes {
        let mut q = Grid::zeros(v.states.len(), 1);
        for (i, x) in o.per_state.iter().enumerate() {
            q.row_mut(i)[0] = Dec::from(*x);
        }
        let (with, _) = scenario_totals(v, &fl.occ, &q, true)?;
        let (without, _) = scenario_totals(v, &fl.occ, &q, false)?;
        let effect = effect_of(v, &with, &without)?;
        let delta: Vec<Dec> = discount_factors(&o.rates)?
            .into_iter()
            .map(Dec::from)
            .collect();
        let (mut tw, mut to, mut te, mut pv) = (ZERO, ZERO, ZERO, ZERO);
        let mut years = Vec::with_capacity(h);
        for (t, &dt) in delta.iter().enumerate().take(h) {
            let (w, wo, e) = (with.at(t, 0), without.at(t, 0), effect.at(t, 0));
            tw = add(tw, w)?;
            to = add(to, wo)?;
            te = add(te, e)?;
            pv = add_discounted(pv, dt, e)?;
            years.push(OutcomeYear {
                year: t,
                discount_factor: dt.to_decimal(),
                with: w.to_decimal(),
                without: wo.to_decimal(),
                effect: e.to_decimal(),
            });
        }
        let pv = pv.to_decimal();
        let net_cost_per_unit = rows
            .iter()
            .map(|r| {
                let v = if pv.is_zero() {
                    None
                } else {
                    ratio(-r.npv, pv)
                };
                (r.id.clone(), NullableDec(v))
            })
            .collect();
        out.push(OutcomeReport {
            id: o.id.clone(),
            name: o.name.get("sv").to_string(),
            names: names(&o.name),
            unit: o.unit.as_ref().map(names),
            with: tw.to_decimal(),
            without: to.to_decimal(),
            effect: te.to_decimal(),
            pv_effect: pv,
            net_cost_per_unit,
            years,
        });
    }
    Ok(out)
}

/// The groups section (SPEC §8.3): each row's pv_effect restricted to one group's cohorts.
pub(super) fn group_reports(v: &Validated, fl: &Flows, inputs: &[RowInput]) -> R<Vec<GroupReport>> {
    let mut out = Vec::with_capacity(fl.group_effect.len());
    for (g, e) in fl.group_effect.iter().enumerate() {
        let participants: Decimal = v.cohorts_of(g).iter().map(|c| c.participants).sum();
        let mut rows = Vec::with_capacity(inputs.len());
        for ri in inputs {
            let mut pv = ZERO;
            for (t, &dt) in fl.delta.iter().enumerate().take(v.horizon) {
                pv = add_discounted(pv, dt, sum_over(ri.members, |a| e.at(t, a))?)?;
            }
            let pv = pv.to_decimal();
            rows.push(GroupRow {
                id: ri.id.clone(),
                pv_effect: pv,
                pv_effect_per_participant: if participants.is_zero() {
                    None
                } else {
                    ratio(pv, participants)
                },
            });
        }
        let group = &v.groups[g];
        out.push(GroupReport {
            id: group.id.clone(),
            name: group.name.get("sv").to_string(),
            names: Names {
                sv: group.name.get("sv").to_string(),
                en: group.name.get("en").to_string(),
            },
            participants: participants.to_u64().unwrap_or(0),
            rows,
        });
    }
    Ok(out)
}
