//! The discount rate: a constant or a stepped schedule (SPEC §2, §3.8), resolved into the rate
//! in force in each year the report needs.

use super::ctx::{At, Ctx};
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::DiscountRate;
use crate::num::Param;
use crate::values;
use rust_decimal::Decimal;

/// The default rate, 3.5 % (the Green Book's and ASEK's).
const DEFAULT_RATE: Decimal = Decimal::from_parts(35, 0, 0, false, 3);

fn rate(ctx: &mut Ctx, p: &Param, path: &(impl At + ?Sized)) -> Decimal {
    let d = ctx.param(p, path);
    if d < Decimal::ZERO || d >= Decimal::ONE {
        ctx.err(
            ErrorCode::InvalidRange,
            path.at(),
            Msg::RateRange,
            values![found = p],
        );
    }
    d
}

/// The rate in force in each calendar year `0 .. n`.
pub(crate) fn rates(ctx: &mut Ctx, given: Option<&DiscountRate>, n: usize) -> Vec<Decimal> {
    rates_at(ctx, given, n, "discount_rate", DEFAULT_RATE)
}

/// [`rates`] of a discount rate at `path` (an outcome's has its own), `default` when none.
pub(crate) fn rates_at(
    ctx: &mut Ctx,
    given: Option<&DiscountRate>,
    n: usize,
    path: &str,
    default: Decimal,
) -> Vec<Decimal> {
    let steps = match given {
        None => return vec![default; n],
        Some(DiscountRate::Constant(r)) => return vec![rate(ctx, r, path); n],
        Some(DiscountRate::Schedule(steps)) => steps,
    };
    if steps.is_empty() {
        ctx.err(ErrorCode::InvalidRange, path, Msg::ScheduleEmpty, values![]);
    }
    let mut last: Option<i64> = None;
    let mut resolved: Vec<(usize, Decimal)> = Vec::new();
    for (i, s) in steps.iter().enumerate() {
        let p = || format!("{path}[{i}]");
        let r = match &s.rate {
            crate::num::Value::Num(n) => rate(ctx, &Param::Point(*n), &|| format!("{}.rate", p())),
            crate::num::Value::Formula(f) => {
                rate(ctx, &Param::Formula(f.clone()), &|| format!("{}.rate", p()))
            }
        };
        let yp = || format!("{}.from_year", p());
        let Some(y) = ctx.year(s.from_year, &yp, "from_year", 0) else {
            continue;
        };
        if i == 0 && y != 0 {
            ctx.err(ErrorCode::InvalidRange, yp(), Msg::ScheduleFirst, values![]);
        }
        if let Some(l) = last.filter(|l| y <= *l) {
            ctx.err(
                ErrorCode::InvalidRange,
                yp(),
                Msg::ScheduleOrder,
                values![year = y, previous = l],
            );
        }
        last = Some(y);
        resolved.push((usize::try_from(y).unwrap_or(usize::MAX), r));
    }
    (0..n)
        .map(|t| {
            resolved
                .iter()
                .rev()
                .find(|(y, _)| *y <= t)
                .map_or(Decimal::ZERO, |&(_, r)| r)
        })
        .collect()
}
