//! Distributions over states (`start`, a trajectory's `shares`): each share in [0, 1], the
//! whole summing to 1 within 10^-6, or one `"rest"` taking what the others leave.

use super::ctx::{Ctx, Kind};
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::num::Share;
use crate::values;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Resolves a distribution into a vector over states; `None` after recording its problems.
pub(crate) fn distribution(
    ctx: &mut Ctx,
    shares: &IndexMap<String, Share>,
    path: &str,
    states: &HashMap<&str, usize>,
) -> Option<Vec<Decimal>> {
    let before = ctx.count();
    let mut v = vec![Decimal::ZERO; states.len()];
    let mut rest: Vec<usize> = Vec::new();
    let mut sum = Decimal::ZERO;
    for (id, share) in shares {
        let p = || format!("{path}.{id}");
        let i = ctx.lookup(states, Kind::State, id, &p);
        match share {
            Share::Rest => rest.extend(i),
            Share::Value(n) => {
                if let (Some(d), Some(i)) = (ctx.share(n, &p), i) {
                    // Each share is at most 1 and there are at most 256 states: no overflow.
                    v[i] = d;
                    sum += d;
                }
            }
        }
    }
    if ctx.count() > before {
        return None;
    }
    match rest.as_slice() {
        [] if (sum - Decimal::ONE).abs() > Decimal::new(1, 6) => {
            ctx.err(
                ErrorCode::SharesSum,
                path,
                Msg::SharesSum,
                values![sum = sum.normalize()],
            );
            None
        }
        [] => Some(v),
        [_] if sum > Decimal::ONE => {
            ctx.err(
                ErrorCode::SharesSum,
                path,
                Msg::RestNegative,
                values![sum = sum.normalize()],
            );
            None
        }
        [r] => {
            v[*r] = Decimal::ONE - sum;
            Some(v)
        }
        _ => {
            ctx.err(ErrorCode::SharesSum, path, Msg::RestTwice, values![]);
            None
        }
    }
}
