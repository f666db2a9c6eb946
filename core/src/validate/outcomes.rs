//! Outcomes that are not money (SPEC §8.4): quantities per person-year in each state, with
//! their own discount rate.

use super::ctx::{Ctx, Kind};
use super::rates::rates_at;
use super::resolved::ResolvedOutcome;
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::Outcome;
use crate::values;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The outcomes, resolved; a problem is recorded and the outcome left out.
pub(crate) fn outcomes(
    ctx: &mut Ctx,
    given: &[Outcome],
    states: &HashMap<&str, usize>,
    horizon: usize,
) -> Vec<ResolvedOutcome> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(given.len());
    for (i, o) in given.iter().enumerate() {
        let p = format!("outcomes[{i}]");
        let before = ctx.count();
        ctx.id_ok(&o.id, &format!("{p}.id"));
        if let Some(first) = seen.insert(o.id.as_str(), i) {
            ctx.err(
                ErrorCode::DuplicateId,
                format!("{p}.id"),
                Msg::DuplicateId,
                values![id = o.id, first = format!("outcomes[{first}]")],
            );
        }
        let mut per_state = vec![Decimal::ZERO; states.len()];
        for (id, q) in &o.per_state {
            let qp = format!("{p}.per_state.{id}");
            let s = ctx.lookup(states, Kind::State, id, &qp);
            if let (Some(s), Some(q)) = (s, ctx.value(q, &qp)) {
                per_state[s] = q;
            }
        }
        let rates = rates_at(
            ctx,
            o.discount_rate.as_ref(),
            horizon,
            &format!("{p}.discount_rate"),
            Decimal::ZERO,
        );
        if ctx.count() == before {
            out.push(ResolvedOutcome {
                id: o.id.clone(),
                name: o.name.clone(),
                unit: o.unit.clone(),
                per_state,
                rates,
            });
        }
    }
    out
}
