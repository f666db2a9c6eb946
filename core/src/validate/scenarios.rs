//! Scenarios (SPEC §2, §3.2): transition rules, or a trajectory of shares per cohort year.

use super::ctx::{Ctx, Kind};
use super::resolved::{Movement, Rule, Step};
use super::shares::distribution;
use super::MAX_ITEMS;
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::{Scenario, TrajectoryEntry, Transition};
use crate::num::Param;
use crate::values;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A scenario's movement; `None` after recording its problems. No scenario means everyone
/// stays where they started.
pub(crate) fn movement(
    ctx: &mut Ctx,
    scenario: Option<&Scenario>,
    path: &str,
    states: &HashMap<&str, usize>,
    horizon: usize,
) -> Option<Movement> {
    let Some(s) = scenario else {
        return Some(Movement::Stay);
    };
    let entries =
        s.transitions.as_ref().map_or(0, Vec::len) + s.trajectory.as_ref().map_or(0, Vec::len);
    if entries > MAX_ITEMS {
        let list = if s.transitions.is_some() {
            "transitions"
        } else {
            "trajectory"
        };
        ctx.err(
            ErrorCode::Limit,
            format!("{path}.{list}"),
            Msg::TooManyEntries,
            values![count = entries, limit = MAX_ITEMS],
        );
        return None;
    }
    match (&s.transitions, &s.trajectory) {
        (Some(_), Some(_)) => {
            ctx.err(ErrorCode::Schema, path, Msg::ScenarioBoth, values![]);
            None
        }
        (None, None) => Some(Movement::Stay),
        (Some(ts), None) => transitions(ctx, ts, path, states, horizon).map(Movement::Transitions),
        (None, Some(es)) => trajectory(ctx, es, path, states).map(Movement::Trajectory),
    }
}

fn transitions(
    ctx: &mut Ctx,
    ts: &[Transition],
    path: &str,
    states: &HashMap<&str, usize>,
    horizon: usize,
) -> Option<Vec<Rule>> {
    let before = ctx.count();
    let mut rules = Vec::with_capacity(ts.len());
    for (i, t) in ts.iter().enumerate() {
        let p = || format!("{path}.transitions[{i}]");
        // The paths are written only where a check can fail: a known state, a plain share
        // in [0, 1] (what ctx.lookup and ctx.share give then, without a problem).
        let state = |ctx: &mut Ctx, id: &str, key: &str| match states.get(id) {
            Some(&k) => Some(k),
            None => ctx.lookup(states, Kind::State, id, &|| format!("{}.{key}", p())),
        };
        let from = state(ctx, &t.from, "from");
        let to = state(ctx, &t.to, "to");
        let share = match &t.share {
            Param::Point(n) if (Decimal::ZERO..=Decimal::ONE).contains(&n.value()) => {
                Some(n.value())
            }
            _ => ctx.share(&t.share, &|| format!("{}.share", p())),
        };
        let fy = match t.from_year {
            Some(n) => ctx.year(n, &|| format!("{}.from_year", p()), "from_year", 1),
            None => Some(1),
        };
        let ty = match t.to_year {
            Some(n) => ctx.year(n, &|| format!("{}.to_year", p()), "to_year", 1),
            None => Some(i64::MAX / 2),
        };
        let (Some(fy), Some(ty)) = (fy, ty) else {
            continue;
        };
        if ty < fy {
            ctx.err(
                ErrorCode::InvalidRange,
                format!("{}.to_year", p()),
                Msg::ToBeforeFrom,
                values![to = ty, from = fy],
            );
        }
        if let (Some(from), Some(to), Some(share)) = (from, to, share) {
            rules.push(Rule {
                from,
                to,
                share,
                from_year: usize::try_from(fy).unwrap_or(usize::MAX),
                to_year: ty.min(horizon as i64) as usize,
            });
        }
    }
    if ctx.count() > before {
        return None;
    }
    outflows(ctx, &rules, ts, path, states.len(), horizon);
    Some(rules)
}

/// Within one cohort year the shares leaving one state sum to at most 1. Checked per year in
/// which some rule starts or ends, so the work grows with the rules, not with the horizon
/// times the rules.
fn outflows(
    ctx: &mut Ctx,
    rules: &[Rule],
    ts: &[Transition],
    path: &str,
    n_states: usize,
    horizon: usize,
) {
    outflows_where(ctx, rules, ts, path, n_states, horizon, |_| true);
}

/// [`outflows`] for the rules leaving one state: after one rule's share changed, the only
/// sums that can have changed are its state's.
pub(crate) fn outflows_from(
    ctx: &mut Ctx,
    rules: &[Rule],
    ts: &[Transition],
    path: &str,
    n_states: usize,
    horizon: usize,
    state: usize,
) {
    outflows_where(ctx, rules, ts, path, n_states, horizon, |r| r.from == state);
}

fn outflows_where(
    ctx: &mut Ctx,
    rules: &[Rule],
    ts: &[Transition],
    path: &str,
    n_states: usize,
    horizon: usize,
    keep: impl Fn(&Rule) -> bool,
) {
    let mut years: Vec<usize> = rules
        .iter()
        .filter(|r| keep(r))
        .map(|r| r.from_year)
        .filter(|y| *y < horizon)
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut reported = vec![false; n_states];
    let mut out = vec![Decimal::ZERO; n_states];
    for c in years {
        out.fill(Decimal::ZERO);
        for (i, r) in rules.iter().enumerate() {
            if r.from_year <= c && c <= r.to_year && keep(r) {
                // Each share is at most 1 and there are at most 10,000 rules: no overflow.
                out[r.from] += r.share;
                if out[r.from] > Decimal::ONE && !reported[r.from] {
                    reported[r.from] = true;
                    ctx.err(
                        ErrorCode::OutflowExceedsOne,
                        format!("{path}.transitions[{i}].share"),
                        Msg::OutflowExceedsOne,
                        values![year = c, state = ts[i].from, sum = out[r.from].normalize()],
                    );
                }
            }
        }
    }
}

pub(crate) fn trajectory(
    ctx: &mut Ctx,
    entries: &[TrajectoryEntry],
    path: &str,
    states: &HashMap<&str, usize>,
) -> Option<Vec<Step>> {
    let before = ctx.count();
    let mut out: Vec<Step> = Vec::new();
    let mut seen = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let p = format!("{path}.trajectory[{i}]");
        let y = ctx.year(e.year, &format!("{p}.year"), "year", 1);
        let d = distribution(ctx, &e.shares, &format!("{p}.shares"), states);
        let Some(y) = y else { continue };
        if let Some(first) = seen.insert(y, i) {
            ctx.err(
                ErrorCode::DuplicateId,
                format!("{p}.year"),
                Msg::TrajectoryYearTwice,
                values![year = y, first = format!("{path}.trajectory[{first}]")],
            );
        } else if let Some(shares) = d {
            out.push(Step {
                year: usize::try_from(y).unwrap_or(usize::MAX),
                shares,
            });
        }
    }
    if ctx.count() > before {
        return None;
    }
    out.sort_by_key(|s| s.year);
    Some(out)
}
