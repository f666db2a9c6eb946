//! The arithmetic of SPEC §3, in exact decimals.
//!
//! Every operation goes through [`checked`], so an overflow becomes an `overflow` error rather
//! than a panic. The order of operations is fixed and documented in docs/arithmetic.md,
//! because with a 96-bit decimal a different order can round a last digit differently, and the
//! independent reference (tests/reference/ekusia_ref.py) follows the same order.

use crate::error::{Error, ErrorCode, Result};
use crate::model::ActorKind;
use crate::num::checked::{self, Overflow};
use crate::report::{Report, ReportModel, Row, RowKind, YearRow, REPORT_FORMAT};
use crate::validate::{CostKind, Movement, Validated};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

type R<T> = std::result::Result<T, Overflow>;

const ZERO: Decimal = Decimal::ZERO;

/// d_c for c = 0 .. horizon-1: the share of a cohort in each state (SPEC §3.2).
pub fn occupancy(m: &Movement, start: &[Decimal], horizon: usize) -> R<Vec<Vec<Decimal>>> {
    let n = start.len();
    let mut d: Vec<Vec<Decimal>> = Vec::with_capacity(horizon);
    d.push(start.to_vec());
    for c in 1..horizon {
        let next = match m {
            Movement::Stay => start.to_vec(),
            Movement::Transitions(rules) => {
                let prev = &d[c - 1];
                let mut out = vec![ZERO; n];
                let mut inflow = vec![ZERO; n];
                for r in rules {
                    if r.from_year <= c && c <= r.to_year {
                        let moved = checked::mul(r.share, prev[r.from])?;
                        out[r.from] = checked::add(out[r.from], moved)?;
                        inflow[r.to] = checked::add(inflow[r.to], moved)?;
                    }
                }
                let mut next = Vec::with_capacity(n);
                for i in 0..n {
                    next.push(checked::add(checked::sub(prev[i], out[i])?, inflow[i])?);
                }
                next
            }
            Movement::Trajectory(entries) => match entries.iter().rev().find(|(y, _)| *y <= c) {
                Some((_, shares)) => shares.clone(),
                None => start.to_vec(),
            },
        };
        d.push(next);
    }
    Ok(d)
}

/// P[c][a] = Σ_i d_c[i] · f_i[a]: the yearly amount per actor for one participant.
fn per_person(v: &Validated, d: &[Vec<Decimal>]) -> R<Vec<Vec<Decimal>>> {
    let n_actors = v.actors.len();
    let mut out = Vec::with_capacity(d.len());
    for dc in d {
        let mut p = vec![ZERO; n_actors];
        for (i, share) in dc.iter().enumerate() {
            if share.is_zero() {
                continue;
            }
            for (a, f) in v.states[i].net.iter().enumerate() {
                if !f.is_zero() {
                    p[a] = checked::add(p[a], checked::mul(*share, *f)?)?;
                }
            }
        }
        out.push(p);
    }
    Ok(out)
}

/// F[t][a] = Σ_k n_k · P[t − s_k][a] (SPEC §3.3).
fn scenario_flows(v: &Validated, m: &Movement) -> R<Vec<Vec<Decimal>>> {
    let h = v.horizon;
    let d = occupancy(m, &v.start, h)?;
    let p = per_person(v, &d)?;
    let mut f = vec![vec![ZERO; v.actors.len()]; h];
    for k in &v.cohorts {
        for t in k.start..h {
            for (a, x) in p[t - k.start].iter().enumerate() {
                f[t][a] = checked::add(f[t][a], checked::mul(k.participants, *x)?)?;
            }
        }
    }
    Ok(f)
}

/// K[t][a]: intervention cost paid by each actor in each year (SPEC §3.5).
fn costs(v: &Validated) -> R<Vec<Vec<Decimal>>> {
    let h = v.horizon;
    let mut k = vec![vec![ZERO; v.actors.len()]; h];
    for c in &v.costs {
        match &c.kind {
            CostKind::Fixed { amount, years } => {
                for &t in years {
                    for &(a, w) in &c.weights {
                        k[t][a] = checked::add(k[t][a], checked::mul(*amount, w)?)?;
                    }
                }
            }
            CostKind::PerParticipant {
                amount,
                cohort_year,
            } => {
                for ch in &v.cohorts {
                    let t = ch.start + cohort_year;
                    if t >= h {
                        continue;
                    }
                    let total = checked::mul(ch.participants, *amount)?;
                    for &(a, w) in &c.weights {
                        k[t][a] = checked::add(k[t][a], checked::mul(total, w)?)?;
                    }
                }
            }
        }
    }
    Ok(k)
}

/// δ_0 = 1, δ_t = δ_{t−1} / (1 + r_t) (SPEC §3.8), for as many years as `rates` holds.
pub fn discount_factors(rates: &[Decimal]) -> R<Vec<Decimal>> {
    let mut d = Vec::with_capacity(rates.len());
    let mut cur = Decimal::ONE;
    d.push(cur);
    for r in rates.iter().skip(1) {
        cur = checked::div(cur, checked::add(Decimal::ONE, *r)?)?;
        d.push(cur);
    }
    Ok(d)
}

fn sum_over(members: &[usize], f: impl Fn(usize) -> Decimal) -> R<Decimal> {
    let mut s = ZERO;
    for &a in members {
        s = checked::add(s, f(a))?;
    }
    Ok(s)
}

struct RowInput<'a> {
    id: String,
    name: String,
    kind: RowKind,
    members: &'a [usize],
}

fn evaluate_inner(v: &Validated) -> R<Report> {
    let h = v.horizon;
    let fw = scenario_flows(v, &v.with)?;
    let fo = scenario_flows(v, &v.without)?;
    let k = costs(v)?;
    let delta = discount_factors(&v.rates)?;
    let mut e = vec![vec![ZERO; v.actors.len()]; h];
    for t in 0..h {
        for a in 0..v.actors.len() {
            e[t][a] = checked::mul(v.attribution, checked::sub(fw[t][a], fo[t][a])?)?;
        }
    }
    let participants = v.participants();

    let singles: Vec<Vec<usize>> = (0..v.actors.len()).map(|a| vec![a]).collect();
    let public: Vec<usize> = (0..v.actors.len())
        .filter(|&a| v.actors[a].kind == ActorKind::Public)
        .collect();
    let all: Vec<usize> = (0..v.actors.len()).collect();
    let mut inputs: Vec<RowInput> = v
        .actors
        .iter()
        .enumerate()
        .map(|(a, act)| RowInput {
            id: act.id.clone(),
            name: act.name.get("sv").to_string(),
            kind: match act.kind {
                ActorKind::Public => RowKind::Public,
                ActorKind::Individual => RowKind::Individual,
                ActorKind::Other => RowKind::Other,
            },
            members: &singles[a],
        })
        .collect();
    inputs.push(RowInput {
        id: "public_sector".into(),
        name: "Offentlig sektor".into(),
        kind: RowKind::Aggregate,
        members: &public,
    });
    inputs.push(RowInput {
        id: "society".into(),
        name: "Samhället".into(),
        kind: RowKind::Aggregate,
        members: &all,
    });

    let mut rows = Vec::with_capacity(inputs.len());
    for inp in &inputs {
        let m = inp.members;
        let mut years = Vec::with_capacity(h);
        let mut pv_effect = ZERO;
        let mut pv_cost = ZERO;
        let mut cum = ZERO;
        for t in 0..h {
            let with = sum_over(m, |a| fw[t][a])?;
            let without = sum_over(m, |a| fo[t][a])?;
            let effect = sum_over(m, |a| e[t][a])?;
            let cost = sum_over(m, |a| k[t][a])?;
            let net = checked::sub(effect, cost)?;
            pv_effect = checked::add(pv_effect, checked::mul(delta[t], effect)?)?;
            pv_cost = checked::add(pv_cost, checked::mul(delta[t], cost)?)?;
            let pv_net = checked::mul(delta[t], net)?;
            cum = checked::add(cum, pv_net)?;
            years.push(YearRow {
                year: t,
                discount_factor: delta[t],
                with,
                without,
                effect,
                cost,
                net,
                pv_net,
                cumulative_pv_net: cum,
            });
        }
        let npv = checked::sub(pv_effect, pv_cost)?;
        let has_cost = !pv_cost.is_zero();
        let bcr = if has_cost {
            ratio(pv_effect, pv_cost)
        } else {
            None
        };
        let roi = if has_cost { ratio(npv, pv_cost) } else { None };
        let payback_year = if has_cost { payback(&years) } else { None };
        let break_even_effect = if has_cost && pv_effect > ZERO {
            ratio(pv_cost, pv_effect)
        } else {
            None
        };
        let npv_per_participant = if participants.is_zero() {
            None
        } else {
            ratio(npv, participants)
        };
        let (success_value, break_even_successes) = match &v.success {
            None => (None, None),
            Some(s) => {
                let fi = sum_over(m, |a| v.states[s.from].net[a])?;
                let fj = sum_over(m, |a| v.states[s.to].net[a])?;
                let diff = checked::sub(fj, fi)?;
                let mut sv = ZERO;
                for d in delta.iter().take(s.years + 1).skip(1) {
                    sv = checked::add(sv, checked::mul(*d, diff)?)?;
                }
                let bes = if has_cost && sv > ZERO {
                    ratio(pv_cost, sv)
                } else {
                    None
                };
                (Some(sv), bes)
            }
        };
        rows.push(Row {
            id: inp.id.clone(),
            name: inp.name.clone(),
            kind: inp.kind,
            pv_effect,
            pv_cost,
            npv,
            bcr,
            roi,
            payback_year,
            break_even_effect,
            npv_per_participant,
            success_value,
            break_even_successes,
            fair_cost_share: None,
            years,
        });
    }

    // Fair cost shares: max(pv_effect, 0) over public and other actors, normalised.
    let payers: Vec<usize> = (0..v.actors.len())
        .filter(|&a| v.actors[a].kind != ActorKind::Individual)
        .collect();
    let mut total = ZERO;
    for &a in &payers {
        total = checked::add(total, rows[a].pv_effect.max(ZERO))?;
    }
    if !total.is_zero() {
        for &a in &payers {
            rows[a].fair_cost_share = ratio(rows[a].pv_effect.max(ZERO), total);
        }
    }

    Ok(Report {
        format: REPORT_FORMAT.to_string(),
        model: ReportModel {
            name: v.name.clone(),
            currency: v.currency.clone(),
            price_year: v.price_year,
            horizon: h,
            discount_rates: v.rates[..h].to_vec(),
            participants: participants.to_u64().unwrap_or(0),
        },
        warnings: v.warnings.clone(),
        rows,
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
        if y.cumulative_pv_net >= ZERO {
            first = Some(y.year);
        } else {
            break;
        }
    }
    first
}

/// Evaluates a validated model (SPEC §3). Fails only with `overflow`.
pub fn evaluate(v: &Validated) -> Result<Report> {
    evaluate_inner(v).map_err(|_| {
        Error::new(
            ErrorCode::Overflow,
            "",
            "a result is beyond the range of exact decimals (about ±7.9·10^28); reduce amounts, participants or the horizon",
        )
    })
}
