//! `[analysis]`: the share of the effect attributed to the intervention and the success that
//! break-even counts are measured in (SPEC §3.9).

use super::ctx::{Ctx, Kind};
use super::resolved::ResolvedSuccess;
use super::MAX_SUCCESS_YEARS;
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::{Analysis, Success};
use crate::values;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// `analysis.attribution`, 1 when not given.
pub(crate) fn attribution(ctx: &mut Ctx, a: Option<&Analysis>) -> Decimal {
    let Some(at) = a.and_then(|a| a.attribution.as_ref()) else {
        return Decimal::ONE;
    };
    let d = ctx.param(at, "analysis.attribution");
    if d < Decimal::ZERO || d > Decimal::ONE {
        ctx.err(
            ErrorCode::InvalidShare,
            "analysis.attribution",
            Msg::AttributionRange,
            values![found = at],
        );
    }
    d
}

/// `analysis.success`, resolved.
pub(crate) fn success(
    ctx: &mut Ctx,
    s: Option<&Success>,
    states: &HashMap<&str, usize>,
) -> Option<ResolvedSuccess> {
    let s = s?;
    let from = ctx.lookup(states, Kind::State, &s.from, "analysis.success.from");
    let to = ctx.lookup(states, Kind::State, &s.to, "analysis.success.to");
    let years = ctx.whole(
        s.years,
        "analysis.success.years",
        "years",
        1,
        MAX_SUCCESS_YEARS,
        ErrorCode::Limit,
    );
    Some(ResolvedSuccess {
        from: from?,
        to: to?,
        years: years? as usize,
    })
}

/// The years of `analysis.success` when they are valid (0 otherwise): the discount rates must
/// reach that far past the horizon.
pub(crate) fn success_years(a: Option<&Analysis>) -> usize {
    let Some(y) = a.and_then(|a| a.success.as_ref()).map(|s| s.years.value()) else {
        return 0;
    };
    if y.fract().is_zero() && y >= Decimal::ONE && y <= Decimal::from(MAX_SUCCESS_YEARS) {
        y.to_usize().unwrap_or(0)
    } else {
        0
    }
}

/// `analysis.milestones` (SPEC §8.6): whole numbers 1..horizon, strictly increasing.
pub(crate) fn milestones(ctx: &mut Ctx, a: Option<&Analysis>, horizon: usize) -> Vec<usize> {
    let Some(given) = a.and_then(|a| a.milestones.as_ref()) else {
        return Vec::new();
    };
    let mut out: Vec<usize> = Vec::new();
    for (j, m) in given.iter().enumerate() {
        let p = format!("analysis.milestones[{j}]");
        let Some(y) = ctx.whole(
            *m,
            &p,
            "milestones",
            1,
            horizon as i64,
            ErrorCode::InvalidRange,
        ) else {
            continue;
        };
        let y = y as usize;
        if out.last().is_some_and(|l| y <= *l) {
            ctx.err(
                ErrorCode::InvalidRange,
                &p,
                Msg::ScheduleOrder,
                values![year = y, previous = out.last().copied().unwrap_or(0)],
            );
            continue;
        }
        out.push(y);
    }
    out
}
