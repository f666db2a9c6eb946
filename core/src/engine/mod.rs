//! The arithmetic of SPEC §3, in exact decimals.
//!
//! Sums, differences and products use [`Dec`] (the same numbers as `rust_decimal`, computed
//! faster; see exact.rs); divisions use `rust_decimal` through [`checked`]. Every operation
//! reports overflow, so it becomes an `overflow` error rather than a panic. The order of
//! operations is fixed and documented in docs/arithmetic.md, because with a 96-bit decimal a
//! different order can round a last digit differently, and the independent reference
//! (tests/reference/ekusia_ref.py) follows the same order.

mod occupancy;
mod outputs;

use crate::error::{Error, ErrorCode, Result};
use crate::exact::Dec;
use crate::messages::Msg;
use crate::model::ActorKind;
use crate::num::checked::{self, Overflow};
use crate::report::{
    aggregates, Names, ParameterValue, Report, ReportModel, Row, RowKind, SuccessSetting, YearRow,
    PUBLIC_SECTOR, REPORT_FORMAT,
};
use crate::validate::{CostKind, Limit, Validated};
#[cfg(test)]
use occupancy::occupancy;
use occupancy::occupancy_limited;
use occupancy::{add, mul, per_person, sub, Grid, R, ZERO};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Each group's occupancy in each scenario: `[with, without]` per group (SPEC §3.2, §8.2).
fn occupancies(v: &Validated, inp: &Inputs) -> R<Vec<[Grid; 2]>> {
    (0..v.groups.len())
        .map(|g| {
            let start: Vec<Dec> = v.start_of(g).iter().map(|&x| Dec::from(x)).collect();
            let start = if start.is_empty() {
                vec![ZERO; v.states.len()]
            } else {
                start
            };
            let d =
                |with| occupancy_limited(v.movement_of(g, with), &start, &inp.limits, v.horizon);
            Ok([d(true)?, d(false)?])
        })
        .collect()
}

/// The cohorts that share a start year taken as one (docs/arithmetic.md §4): (start year,
/// participants summed in file order), the start years in the order of their first cohort in
/// file order. Participants are whole numbers, so the sums are exact; with distinct start
/// years this is the cohort list itself.
fn by_start_year(v: &Validated, g: usize) -> R<Vec<(usize, Dec)>> {
    let cohorts = v.cohorts_of(g);
    let mut out: Vec<(usize, Dec)> = Vec::with_capacity(cohorts.len());
    // Each start year's place in `out` (start years lie inside the horizon).
    let mut at = vec![usize::MAX; v.horizon];
    for k in cohorts {
        let n = Dec::from(k.participants);
        match at.get(k.start) {
            Some(&i) if i != usize::MAX => out[i].1 = add(out[i].1, n)?,
            _ => {
                if let Some(slot) = at.get_mut(k.start) {
                    *slot = out.len();
                }
                out.push((k.start, n));
            }
        }
    }
    Ok(out)
}

/// F[t][·] = Σ_s N_s · P[t − s][·] over group g's start years (`by_start_year`) (SPEC §3.3,
/// docs/arithmetic.md §4): per-person amounts (`p`, years × columns) made the group's yearly
/// totals.
///
/// Every cell F[t][a] is its own running sum over the start years in their order, so the
/// cells may be filled in any order: this walks one column (actor) at a time, into a
/// contiguous accumulator. The product N · P[c][a] depends only on the count (as computed:
/// mantissa and scale) and the cohort year, so when several start years have the same count
/// each product is computed once per count and reused. Each cell still adds exactly the same
/// rounded products in exactly the same order, so every digit is the definition's.
fn cohort_flows(v: &Validated, g: usize, p: &Grid) -> R<Grid> {
    let h = v.horizon;
    let cols = p.cols;
    let cohorts = by_start_year(v, g)?;
    let mut f = Grid::zeros(h, cols);
    // The distinct counts, how many cohort years each is needed for, and each start's count.
    // (At most one per start year, so a few hundred at the limits: a search is cheap.)
    let mut counts: Vec<(Dec, usize)> = Vec::new();
    let mut which = Vec::with_capacity(cohorts.len());
    let mut work = 0usize;
    for &(start, n) in &cohorts {
        let len = h.saturating_sub(start);
        work += len;
        let d = match counts.iter().position(|c| c.0 == n) {
            Some(d) => d,
            None => {
                counts.push((n, 0));
                counts.len() - 1
            }
        };
        counts[d].1 = counts[d].1.max(len);
        which.push(d);
    }
    // Products once per count only when that saves work (each is needed for `len` years).
    let cached: usize = counts.iter().map(|c| c.1).sum();
    let cache = cached < work;
    let mut q = vec![ZERO; if cache { counts.len() * h } else { 0 }];
    let mut acc = vec![ZERO; h];
    for a in 0..cols {
        if (0..h).all(|c| p.at(c, a).is_zero()) {
            continue;
        }
        if cache {
            for (d, &(n, len)) in counts.iter().enumerate() {
                for c in 0..len {
                    let x = p.at(c, a);
                    q[d * h + c] = if x.is_zero() { ZERO } else { mul(n, x)? };
                }
            }
        }
        acc.fill(ZERO);
        for (&(start, _), &d) in cohorts.iter().zip(&which) {
            for (c, slot) in acc.iter_mut().skip(start).enumerate() {
                let term = if cache {
                    q[d * h + c]
                } else {
                    let x = p.at(c, a);
                    if x.is_zero() {
                        continue;
                    }
                    mul(counts[d].0, x)?
                };
                if !term.is_zero() {
                    *slot = add(*slot, term)?;
                }
            }
        }
        for (t, x) in acc.iter().enumerate() {
            f.data[t * cols + a] = *x;
        }
    }
    Ok(f)
}

/// Σ of grids cell by cell, in their order (exact zeros skipped).
fn summed(grids: &[Grid], h: usize, cols: usize) -> R<Grid> {
    let mut total = Grid::zeros(h, cols);
    for f in grids {
        for (x, y) in total.data.iter_mut().zip(&f.data) {
            if !y.is_zero() {
                *x = add(*x, *y)?;
            }
        }
    }
    Ok(total)
}

/// For amounts per state (`nets`, states × columns): each group's yearly totals in one scenario
/// and their sum over the groups in group order (SPEC §3.3, §8.3).
fn scenario_totals(
    v: &Validated,
    occ: &[[Grid; 2]],
    nets: &Grid,
    with: bool,
) -> R<(Grid, Vec<Grid>)> {
    let s = usize::from(!with);
    let per_group = (0..v.groups.len())
        .map(|g| cohort_flows(v, g, &per_person(nets, &occ[g][s], v.horizon)?))
        .collect::<R<Vec<Grid>>>()?;
    Ok((summed(&per_group, v.horizon, nets.cols)?, per_group))
}

/// K[t][a]: intervention cost paid by each actor in each year (SPEC §3.5).
fn costs(v: &Validated) -> R<Grid> {
    cost_grid(v, &v.costs)
}

/// K restricted to some cost items (each item's own, for the cost breakdown).
fn cost_grid(v: &Validated, items: &[crate::validate::ResolvedCost]) -> R<Grid> {
    let h = v.horizon;
    let n = v.actors.len();
    let mut k = Grid::zeros(h, n);
    for c in items {
        match &c.kind {
            CostKind::Fixed { amount, years } => {
                for &t in years {
                    for w in &c.weights {
                        let x = mul(Dec::from(*amount), Dec::from(w.share))?;
                        k.data[t * n + w.actor] = add(k.at(t, w.actor), x)?;
                    }
                }
            }
            CostKind::PerParticipant {
                amount,
                cohort_year,
                groups,
            } => {
                let applies = |g: &usize| groups.as_ref().is_none_or(|o| o.contains(g));
                let cohorts = (0..v.groups.len())
                    .filter(applies)
                    .flat_map(|g| v.cohorts_of(g));
                for ch in cohorts {
                    // Saturating: a cohort year far past the horizon must not wrap on 32-bit targets.
                    let t = ch.start.saturating_add(*cohort_year);
                    if t >= h {
                        continue;
                    }
                    let total = mul(Dec::from(ch.participants), Dec::from(*amount))?;
                    for w in &c.weights {
                        let x = mul(total, Dec::from(w.share))?;
                        k.data[t * n + w.actor] = add(k.at(t, w.actor), x)?;
                    }
                }
            }
        }
    }
    Ok(k)
}

/// δ_0 = 1, δ_t = δ_{t−1} / (1 + r_t) (SPEC §3.8), for as many years as `rates` holds.
pub(crate) fn discount_factors(rates: &[Decimal]) -> R<Vec<Decimal>> {
    let mut d = Vec::with_capacity(rates.len());
    let mut cur = Decimal::ONE;
    d.push(cur);
    for r in rates.iter().skip(1) {
        cur = checked::div(cur, checked::add(Decimal::ONE, *r)?)?;
        d.push(cur);
    }
    Ok(d)
}

/// Σ over the members in order. Exact zeros are skipped (adding zero never changes a value),
/// and a single member needs no addition at all: the result is the same, the work is not.
#[inline]
fn sum_over(members: &[usize], f: impl Fn(usize) -> Dec) -> R<Dec> {
    if let [a] = members {
        return Ok(f(*a));
    }
    let mut s = ZERO;
    for &a in members {
        let x = f(a);
        if !x.is_zero() {
            s = add(s, x)?;
        }
    }
    Ok(s)
}

/// acc + δ·x, skipping the work when x is zero.
#[inline]
fn add_discounted(acc: Dec, delta: Dec, x: Dec) -> R<Dec> {
    if x.is_zero() {
        Ok(acc)
    } else {
        add(acc, mul(delta, x)?)
    }
}

/// The validated model's numbers in the engine's representation, converted once.
struct Inputs {
    /// Each state's time limit.
    limits: Vec<Option<Limit>>,
    /// f_i[a]: states × actors.
    nets: Grid,
}

impl Inputs {
    fn new(v: &Validated) -> Inputs {
        let n = v.actors.len();
        let mut nets = Grid::zeros(v.states.len(), n);
        for (i, st) in v.states.iter().enumerate() {
            for (x, f) in nets.row_mut(i).iter_mut().zip(&st.net) {
                *x = Dec::from(*f);
            }
        }
        Inputs {
            nets,
            limits: v.states.iter().map(|s| s.limit).collect(),
        }
    }
}

/// One row to compute: its name and the actors it sums.
struct RowInput<'a> {
    id: String,
    names: Names,
    kind: RowKind,
    members: &'a [usize],
}

/// Everything a row is computed from, computed once per evaluation.
struct Flows {
    /// Each group's occupancy, `[with, without]`.
    occ: Vec<[Grid; 2]>,
    /// Each group's E_g (attribution · (F_with,g − F_without,g)), for the groups section.
    group_effect: Vec<Grid>,
    /// F_with, F_without, E and K: years × actors.
    with: Grid,
    without: Grid,
    effect: Grid,
    cost: Grid,
    delta: Vec<Dec>,
    participants: Decimal,
}

/// E[t][a] = attribution · (F_with[t][a] − F_without[t][a]).
fn effect_of(v: &Validated, with: &Grid, without: &Grid) -> R<Grid> {
    // As many columns as the grids have: actors for money, one for an outcome.
    let n = with.cols;
    let mut effect = Grid::zeros(v.horizon, n);
    // Multiplying by an attribution of exactly 1 changes nothing; skip the work.
    let attribution = (v.attribution != Decimal::ONE).then(|| Dec::from(v.attribution));
    for t in 0..v.horizon {
        for a in 0..n {
            let diff = sub(with.at(t, a), without.at(t, a))?;
            effect.data[t * n + a] = match attribution {
                None => diff,
                Some(r) => mul(r, diff)?,
            };
        }
    }
    Ok(effect)
}

fn flows(v: &Validated, inp: &Inputs) -> R<Flows> {
    let occ = occupancies(v, inp)?;
    let (with, with_g) = scenario_totals(v, &occ, &inp.nets, true)?;
    let (without, without_g) = scenario_totals(v, &occ, &inp.nets, false)?;
    let effect = effect_of(v, &with, &without)?;
    let group_effect = if v.explicit_groups {
        with_g
            .iter()
            .zip(&without_g)
            .map(|(w, o)| effect_of(v, w, o))
            .collect::<R<Vec<Grid>>>()?
    } else {
        Vec::new()
    };
    let delta = discount_factors(&v.rates)?
        .into_iter()
        .map(Dec::from)
        .collect();
    Ok(Flows {
        occ,
        group_effect,
        with,
        without,
        effect,
        cost: costs(v)?,
        delta,
        participants: v.participants(),
    })
}

/// The yearly series of one row, its discounted sums (pv_effect, pv_cost), and those sums
/// through each year (for milestones).
type Years = (Vec<YearRow>, Decimal, Decimal, Vec<(Decimal, Decimal)>);

fn years_of(fl: &Flows, m: &[usize], h: usize) -> R<Years> {
    let mut years = Vec::with_capacity(h);
    let mut running = Vec::with_capacity(h);
    let (mut pv_effect, mut pv_cost, mut cum) = (ZERO, ZERO, ZERO);
    for (t, &dt) in fl.delta.iter().enumerate().take(h) {
        let with = sum_over(m, |a| fl.with.at(t, a))?;
        let without = sum_over(m, |a| fl.without.at(t, a))?;
        let effect = sum_over(m, |a| fl.effect.at(t, a))?;
        let cost = sum_over(m, |a| fl.cost.at(t, a))?;
        let net = sub(effect, cost)?;
        pv_effect = add_discounted(pv_effect, dt, effect)?;
        pv_cost = add_discounted(pv_cost, dt, cost)?;
        running.push((pv_effect.to_decimal(), pv_cost.to_decimal()));
        let pv_net = mul(dt, net)?;
        cum = add(cum, pv_net)?;
        years.push(YearRow {
            year: t,
            discount_factor: dt.to_decimal(),
            with: with.to_decimal(),
            without: without.to_decimal(),
            effect: effect.to_decimal(),
            cost: cost.to_decimal(),
            net: net.to_decimal(),
            pv_net: pv_net.to_decimal(),
            cumulative_pv_net: cum.to_decimal(),
        });
    }
    Ok((years, pv_effect.to_decimal(), pv_cost.to_decimal(), running))
}

/// success_value and break_even_successes of a row (SPEC §3.9).
fn success_of(
    v: &Validated,
    inp: &Inputs,
    fl: &Flows,
    m: &[usize],
    pv_cost: Decimal,
) -> R<(Option<Decimal>, Option<Decimal>)> {
    let Some(s) = &v.success else {
        return Ok((None, None));
    };
    let fi = sum_over(m, |a| inp.nets.at(s.from, a))?;
    let fj = sum_over(m, |a| inp.nets.at(s.to, a))?;
    let diff = sub(fj, fi)?;
    let mut sv = ZERO;
    for d in fl.delta.iter().take(s.years + 1).skip(1) {
        sv = add_discounted(sv, *d, diff)?;
    }
    let sv = sv.to_decimal();
    let bes = if !pv_cost.is_zero() && sv > Decimal::ZERO {
        ratio(pv_cost, sv)
    } else {
        None
    };
    Ok((Some(sv), bes))
}

fn row(v: &Validated, inp: &Inputs, fl: &Flows, ri: &RowInput) -> R<Row> {
    let (years, pv_effect, pv_cost, running) = years_of(fl, ri.members, v.horizon)?;
    let npv = checked::sub(pv_effect, pv_cost)?;
    let has_cost = !pv_cost.is_zero();
    let (success_value, break_even_successes) = success_of(v, inp, fl, ri.members, pv_cost)?;
    let payback_year = if has_cost { payback(&years) } else { None };
    let (potential, efficiency) = outputs::potential(v, inp, fl, ri.members, pv_effect)?;
    Ok(Row {
        id: ri.id.clone(),
        name: ri.names.sv.clone(),
        names: ri.names.clone(),
        kind: ri.kind,
        pv_effect,
        pv_cost,
        npv,
        bcr: if has_cost {
            ratio(pv_effect, pv_cost)
        } else {
            None
        },
        roi: if has_cost { ratio(npv, pv_cost) } else { None },
        payback_year,
        break_even_effect: if has_cost && pv_effect > Decimal::ZERO {
            ratio(pv_cost, pv_effect)
        } else {
            None
        },
        npv_per_participant: if fl.participants.is_zero() {
            None
        } else {
            ratio(npv, fl.participants)
        },
        success_value,
        break_even_successes,
        fair_cost_share: None,
        payback_months: outputs::payback_months(&years, payback_year),
        pv_cost_per_participant: if fl.participants.is_zero() {
            None
        } else {
            ratio(pv_cost, fl.participants)
        },
        potential,
        efficiency,
        milestones: outputs::milestones(v, &running).ok_or(Overflow)?,
        breakdown: Vec::new(),
        cost_breakdown: Vec::new(),
        years,
    })
}

/// Fair cost shares: max(pv_effect, 0) over public and other actors, normalised.
fn fair_cost_shares(v: &Validated, rows: &mut [Row]) -> R<()> {
    let payers: Vec<usize> = (0..v.actors.len())
        .filter(|&a| v.actors[a].kind != ActorKind::Individual)
        .collect();
    let mut total = Decimal::ZERO;
    for &a in &payers {
        total = checked::add(total, rows[a].pv_effect.max(Decimal::ZERO))?;
    }
    if !total.is_zero() {
        for &a in &payers {
            rows[a].fair_cost_share = ratio(rows[a].pv_effect.max(Decimal::ZERO), total);
        }
    }
    Ok(())
}

/// The rows to compute: every actor, then the aggregates.
fn row_inputs<'a>(
    v: &Validated,
    singles: &'a [Vec<usize>],
    groups: &'a [Vec<usize>; 2],
) -> Vec<RowInput<'a>> {
    let mut inputs: Vec<RowInput> = v
        .actors
        .iter()
        .enumerate()
        .map(|(a, act)| RowInput {
            id: act.id.clone(),
            names: Names {
                sv: act.name.get("sv").to_string(),
                en: act.name.get("en").to_string(),
            },
            kind: match act.kind {
                ActorKind::Public => RowKind::Public,
                ActorKind::Individual => RowKind::Individual,
                ActorKind::Other => RowKind::Other,
            },
            members: &singles[a],
        })
        .collect();
    for ((id, names), members) in aggregates().into_iter().zip(groups) {
        inputs.push(RowInput {
            id: id.to_string(),
            names,
            kind: RowKind::Aggregate,
            members,
        });
    }
    inputs
}

fn evaluate_inner(v: &Validated) -> R<Report> {
    let inp = Inputs::new(v);
    let fl = flows(v, &inp)?;
    let n = v.actors.len();
    let singles: Vec<Vec<usize>> = (0..n).map(|a| vec![a]).collect();
    // The aggregates, in the order of `aggregates()`: the public sector, then society.
    debug_assert_eq!(aggregates()[0].0, PUBLIC_SECTOR);
    let public: Vec<usize> = (0..n)
        .filter(|&a| v.actors[a].kind == ActorKind::Public)
        .collect();
    let groups = [public, (0..n).collect()];
    let inputs = row_inputs(v, &singles, &groups);
    let mut rows = inputs
        .iter()
        .map(|ri| row(v, &inp, &fl, ri))
        .collect::<R<Vec<Row>>>()?;
    fair_cost_shares(v, &mut rows)?;
    let (by_key, by_cost) = outputs::breakdowns(v, &fl, &inputs)?;
    for ((r, k), c) in rows.iter_mut().zip(by_key).zip(by_cost) {
        r.breakdown = k;
        r.cost_breakdown = c;
    }
    let outcomes = outputs::outcomes(v, &fl, &rows)?;
    let success = v.success.as_ref().map(|s| SuccessSetting {
        from: v.states[s.from].id.clone(),
        to: v.states[s.to].id.clone(),
        years: s.years,
    });
    Ok(Report {
        format: REPORT_FORMAT.to_string(),
        model: ReportModel {
            name: v.name.clone(),
            currency: v.currency.clone(),
            price_year: v.price_year,
            horizon: v.horizon,
            discount_rates: v.rates[..v.horizon].to_vec(),
            participants: fl.participants.to_u64().unwrap_or(0),
            attribution: v.attribution,
            success,
            parameters: v
                .parameters
                .iter()
                .map(|(id, value)| ParameterValue {
                    id: id.clone(),
                    value: *value,
                })
                .collect(),
        },
        warnings: v.warnings.clone(),
        groups: outputs::group_reports(v, &fl, &inputs)?,
        rows,
        outcomes,
    })
}

/// A ratio, or `None` when its value lies beyond the decimal range. That happens only when
/// the denominator is a rounding residual (around 1e-20 of a real amount), where the ratio
/// means nothing; a null is more honest than failing the whole report (docs/arithmetic.md).
fn ratio(num: Decimal, den: Decimal) -> Option<Decimal> {
    checked::div(num, den).ok()
}

/// The earliest year from which the cumulative discounted net stays ≥ 0 to the horizon.
fn payback(years: &[YearRow]) -> Option<usize> {
    let mut first = None;
    for y in years.iter().rev() {
        if y.cumulative_pv_net >= Decimal::ZERO {
            first = Some(y.year);
        } else {
            break;
        }
    }
    first
}

/// The actors a report row sums (an actor's own row, the public sector, society), or `None`
/// for an id that is no row.
pub(crate) fn row_members(v: &Validated, row: &str) -> Option<Vec<usize>> {
    let n = v.actors.len();
    if let Some(a) = v.actors.iter().position(|a| a.id == row) {
        return Some(vec![a]);
    }
    match row {
        PUBLIC_SECTOR => Some(
            (0..n)
                .filter(|&a| v.actors[a].kind == ActorKind::Public)
                .collect(),
        ),
        crate::report::SOCIETY => Some((0..n).collect()),
        _ => None,
    }
}

/// Every report row's id, in report order.
pub(crate) fn row_ids(v: &Validated) -> Vec<String> {
    let mut ids: Vec<String> = v.actors.iter().map(|a| a.id.clone()).collect();
    ids.extend(aggregates().iter().map(|(id, _)| id.to_string()));
    ids
}

/// One row's npv alone (the tornado's measure): the flows and the row's sums over its actors,
/// without the rest of the report — the same numbers as the report's row, in the same order.
pub(crate) fn members_npv(v: &Validated, members: &[usize]) -> Result<Decimal> {
    let npv = || -> R<Decimal> {
        let inp = Inputs::new(v);
        let fl = flows(v, &inp)?;
        let (_, pv_effect, pv_cost, _) = years_of(&fl, members, v.horizon)?;
        checked::sub(pv_effect, pv_cost)
    };
    npv().map_err(|_| {
        Error::new(
            ErrorCode::Overflow,
            overflow_path(v),
            Msg::Overflow,
            crate::values![],
        )
    })
}

/// Evaluates a validated model (SPEC §3). Fails only with `overflow`, whose path names the part
/// of the model that left the decimal range.
pub(crate) fn evaluate(v: &Validated) -> Result<Report> {
    evaluate_inner(v).map_err(|_| {
        Error::new(
            ErrorCode::Overflow,
            overflow_path(v),
            Msg::Overflow,
            crate::values![],
        )
    })
}

/// Where an overflow comes from, found by running the stages one by one (only after one
/// failed): the cost items, the cohorts' flows (participants × amounts), or the totals.
fn overflow_path(v: &Validated) -> &'static str {
    if costs(v).is_err() {
        return "intervention.costs";
    }
    let inp = Inputs::new(v);
    let totals = |occ: &[[Grid; 2]]| {
        scenario_totals(v, occ, &inp.nets, true)?;
        scenario_totals(v, occ, &inp.nets, false)
    };
    if occupancies(v, &inp).and_then(|occ| totals(&occ)).is_err() {
        return "intervention.cohorts";
    }
    "states"
}

#[cfg(test)]
mod tests;
