//! The intervention: its cohorts and its cost items with their financing (SPEC §2, §3.5).

use super::ctx::{Ctx, Kind};
use super::resolved::{CostKind, ResolvedCohort, ResolvedCost, Weight};
use super::{MAX_COHORTS, MAX_PARTICIPANTS};
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::{Cohort, Cost};
use crate::num::Num;
use crate::values;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

/// The cohorts that start inside the horizon (the others are warned about).
/// Cohorts checked: those inside the horizon, and the warnings for those outside it, which are
/// given only if some group uses the cohorts (SPEC §8.3).
#[derive(Clone, Debug, Default)]
pub(crate) struct Cohorts {
    pub(crate) inside: Vec<ResolvedCohort>,
    pub(crate) outside: Vec<String>,
}

/// The cohorts listed at `path` (`intervention.cohorts`, `groups[0].cohorts`).
pub(crate) fn cohorts_at(ctx: &mut Ctx, given: &[Cohort], path: &str, horizon: usize) -> Cohorts {
    if given.len() > MAX_COHORTS {
        ctx.err(
            ErrorCode::Limit,
            path,
            Msg::TooManyCohorts,
            values![count = given.len(), limit = MAX_COHORTS],
        );
    }
    let mut out = Cohorts::default();
    for (k, c) in given.iter().enumerate().take(MAX_COHORTS) {
        let p = || format!("{path}[{k}]");
        let s = match c.start_year {
            Some(n) => ctx.year(n, &|| format!("{}.start_year", p()), "start_year", 0),
            None => Some(0),
        };
        let participants = ctx.value(&c.participants, &|| format!("{}.participants", p()));
        let Some(participants) = participants else {
            continue;
        };
        let n = ctx.whole(
            crate::num::Num(participants),
            &|| format!("{}.participants", p()),
            "participants",
            0,
            MAX_PARTICIPANTS,
            ErrorCode::Limit,
        );
        let (Some(s), Some(_)) = (s, n) else { continue };
        match usize::try_from(s).ok().filter(|s| *s < horizon) {
            Some(start) => out.inside.push(ResolvedCohort {
                start,
                participants: participants.trunc(),
            }),
            None => out.outside.push(format!(
                "{} starts in year {s}, outside the horizon (years 0 to {}), and was ignored",
                p(),
                horizon - 1
            )),
        }
    }
    out
}

/// The cost items, each with its normalised financing weights.
pub(crate) fn costs(
    ctx: &mut Ctx,
    given: &[Cost],
    groups: &Groups,
    horizon: usize,
    actors: &HashMap<&str, usize>,
) -> Vec<ResolvedCost> {
    let mut out = Vec::new();
    for (i, c) in given.iter().enumerate() {
        let p = format!("intervention.costs[{i}]");
        let kind = cost_kind(ctx, c, &p, groups, horizon);
        let weights = financing(ctx, c, &format!("{p}.financing"), actors);
        if let (Some(kind), Some(weights)) = (kind, weights) {
            out.push(ResolvedCost { kind, weights });
        }
    }
    out
}

/// A fixed cost in listed years, or a cost per participant in one cohort year.
/// The groups' cohorts (in group order) and ids, for per-participant costs.
pub(crate) struct Groups<'a> {
    pub(crate) ids: Vec<&'a str>,
    pub(crate) cohorts: Vec<&'a [ResolvedCohort]>,
}

pub(crate) fn cost_kind(
    ctx: &mut Ctx,
    c: &Cost,
    p: &str,
    groups: &Groups,
    horizon: usize,
) -> Option<CostKind> {
    match (&c.amount, &c.per_participant) {
        (Some(_), Some(_)) => {
            ctx.err(ErrorCode::Schema, p, Msg::CostBoth, values![]);
            None
        }
        (None, None) => {
            ctx.err(
                ErrorCode::Schema,
                format!("{p}.amount"),
                Msg::CostNeither,
                values![],
            );
            None
        }
        (Some(a), None) => {
            if c.cohort_year.is_some() {
                ctx.err(
                    ErrorCode::Schema,
                    format!("{p}.cohort_year"),
                    Msg::CohortYearWithFixed,
                    values![],
                );
            }
            if c.groups.is_some() {
                ctx.err(
                    ErrorCode::Schema,
                    format!("{p}.groups"),
                    Msg::GroupsOnFixedCost,
                    values![],
                );
            }
            let amount = ctx.amount(a, &format!("{p}.amount"), "amount");
            let years = fixed_years(ctx, c, p, horizon);
            Some(CostKind::Fixed {
                amount: amount?,
                years,
            })
        }
        (None, Some(a)) => {
            if c.years.is_some() {
                ctx.err(
                    ErrorCode::Schema,
                    format!("{p}.years"),
                    Msg::YearsWithPerParticipant,
                    values![],
                );
            }
            let amount = ctx.amount(a, &format!("{p}.per_participant"), "per_participant");
            let cy = match c.cohort_year {
                Some(n) => ctx.year(n, &format!("{p}.cohort_year"), "cohort_year", 0)?,
                None => 0,
            };
            let only = cost_groups(ctx, c, p, groups);
            for (g, cohorts) in groups.cohorts.iter().enumerate() {
                if only.as_ref().is_some_and(|o| !o.contains(&g)) {
                    continue;
                }
                for ch in cohorts.iter() {
                    let year = ch.start as i64 + cy;
                    if year >= horizon as i64 {
                        ctx.warnings.push(format!(
                            "cost '{}' for the cohort starting in year {} falls in year {year}, outside the horizon, and was ignored",
                            c.name, ch.start
                        ));
                    }
                }
            }
            let cohort_year = usize::try_from(cy).unwrap_or(usize::MAX);
            Some(CostKind::PerParticipant {
                amount: amount?,
                cohort_year,
                groups: only,
            })
        }
    }
}

/// A per-participant cost's `groups` (SPEC §8.3): the indices of the groups it applies to.
fn cost_groups(ctx: &mut Ctx, c: &Cost, p: &str, groups: &Groups) -> Option<Vec<usize>> {
    let names = c.groups.as_ref()?;
    if names.is_empty() {
        ctx.err(
            ErrorCode::Schema,
            format!("{p}.groups"),
            Msg::GroupsEmpty,
            values![],
        );
        return None;
    }
    let mut out = Vec::new();
    for (j, name) in names.iter().enumerate() {
        match groups.ids.iter().position(|g| g == name) {
            Some(g) => out.push(g),
            None => {
                let near = crate::suggest::suggestion(name, groups.ids.iter().copied())
                    .unwrap_or_default();
                ctx.err(
                    ErrorCode::UnknownReference,
                    format!("{p}.groups[{j}]"),
                    Msg::UnknownGroup,
                    values![found = name, suggestion = near],
                );
            }
        }
    }
    Some(out)
}

/// The listed years inside the horizon (default year 0); the others are warned about.
fn fixed_years(ctx: &mut Ctx, c: &Cost, p: &str, horizon: usize) -> Vec<usize> {
    let listed: Vec<Num> = c.years.clone().unwrap_or_else(|| vec![Num::from(0)]);
    if listed.len() > super::MAX_ITEMS {
        let count = listed.len();
        ctx.err(
            ErrorCode::Limit,
            format!("{p}.years"),
            Msg::TooManyEntries,
            values![count = count, limit = super::MAX_ITEMS],
        );
        return Vec::new();
    }
    let mut years = Vec::new();
    let mut seen = HashSet::new();
    for (j, y) in listed.iter().enumerate() {
        let yp = format!("{p}.years[{j}]");
        let Some(y) = ctx.year(*y, &yp, "years", 0) else {
            continue;
        };
        if !seen.insert(y) {
            ctx.err(
                ErrorCode::DuplicateId,
                yp,
                Msg::YearTwice,
                values![year = y],
            );
        } else if y >= horizon as i64 {
            ctx.warnings.push(format!(
                "cost '{}' in year {y} is outside the horizon and was ignored",
                c.name
            ));
        } else {
            years.push(y as usize);
        }
    }
    years
}

/// Financing weights, normalised to sum 1; `None` after recording a problem.
pub(crate) fn financing(
    ctx: &mut Ctx,
    c: &Cost,
    fp: &str,
    actors: &HashMap<&str, usize>,
) -> Option<Vec<Weight>> {
    let mut raw = Vec::new();
    let mut total = Decimal::ZERO;
    let mut ok = true;
    for (id, w) in &c.financing {
        let wp = || format!("{fp}.{id}");
        let a = ctx.lookup(actors, Kind::Actor, id, &wp);
        let Some(d) = ctx.value(w, &wp) else {
            ok = false;
            continue;
        };
        if d < Decimal::ZERO {
            ctx.err(
                ErrorCode::Financing,
                wp(),
                Msg::FinancingNegative,
                values![found = w],
            );
            ok = false;
        } else if d > super::ctx::MAX_AMOUNT {
            ctx.err(
                ErrorCode::Limit,
                wp(),
                Msg::FinancingTooLarge,
                values![found = w],
            );
            ok = false;
        } else if let Some(a) = a {
            raw.push((a, d));
            // At most 64 actors' weights of at most 10^12: no overflow.
            total += d;
        } else {
            ok = false;
        }
    }
    if ok && total.is_zero() {
        ctx.err(ErrorCode::Financing, fp, Msg::FinancingNone, values![]);
        ok = false;
    }
    if !ok {
        return None;
    }
    raw.into_iter()
        .map(|(actor, d)| d.checked_div(total).map(|share| Weight { actor, share }))
        .collect()
}
