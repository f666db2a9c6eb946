//! Target groups (typfall, SPEC §8.3): each group's start, cohorts and scenarios, inherited
//! from the top-level keys where the group leaves them out.

use super::ctx::Ctx;
use super::resolved::{ResolvedCohort, ResolvedGroup};
use super::{intervention, scenarios, shares};
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::Model;
use crate::values;
use std::collections::HashMap;

/// The model's groups, or one group that inherits everything.
/// The cohort warnings in group order: a group's own cohorts outside the horizon, or the
/// top level's when it inherits them (once).
pub(crate) fn cohort_warnings(
    ctx: &mut Ctx,
    own_outside: Vec<Option<Vec<String>>>,
    top: &[String],
) {
    let mut top_done = false;
    for o in own_outside {
        match o {
            Some(w) => ctx.warnings.extend(w),
            None if !top_done => {
                top_done = true;
                ctx.warnings.extend(top.iter().cloned());
            }
            None => {}
        }
    }
}

/// The model's groups, or one group that inherits everything; and each group's own cohort
/// warnings (`None` where it inherits the top level's).
pub(crate) fn groups(
    ctx: &mut Ctx,
    model: &Model,
    states: &HashMap<&str, usize>,
    horizon: usize,
) -> (Vec<ResolvedGroup>, Vec<Option<Vec<String>>>) {
    let mut own_outside: Vec<Option<Vec<String>>> = Vec::new();
    if model.groups.is_empty() {
        own_outside.push(None);
        return (
            vec![ResolvedGroup {
                id: String::new(),
                name: crate::model::Name::Plain(String::new()),
                start: None,
                cohorts: None,
                with: None,
                without: None,
            }],
            own_outside,
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(model.groups.len());
    for (i, g) in model.groups.iter().enumerate() {
        let p = format!("groups[{i}]");
        ctx.id_ok(&g.id, &format!("{p}.id"));
        if let Some(first) = seen.insert(g.id.as_str(), i) {
            ctx.err(
                ErrorCode::DuplicateId,
                format!("{p}.id"),
                Msg::DuplicateId,
                values![id = g.id, first = format!("groups[{first}]")],
            );
        }
        let start = g.start.as_ref().map(|s| {
            shares::distribution(ctx, s, &format!("{p}.start"), states).unwrap_or_default()
        });
        let cohorts = g
            .cohorts
            .as_ref()
            .map(|c| intervention::cohorts_at(ctx, c, &format!("{p}.cohorts"), horizon));
        let cohorts = cohorts.map(|c| {
            own_outside.push(Some(c.outside));
            c.inside
        });
        if g.cohorts.is_none() {
            own_outside.push(None);
        }
        let sc = g.scenarios.as_ref();
        let movement = |ctx: &mut Ctx, s: Option<&crate::model::Scenario>, name: &str| {
            s.map(|s| {
                scenarios::movement(
                    ctx,
                    Some(s),
                    &format!("{p}.scenarios.{name}"),
                    states,
                    horizon,
                )
                .unwrap_or(super::resolved::Movement::Stay)
            })
        };
        let with = movement(ctx, sc.and_then(|s| s.with.as_ref()), "with");
        let without = movement(ctx, sc.and_then(|s| s.without.as_ref()), "without");
        out.push(ResolvedGroup {
            id: g.id.clone(),
            name: g.name.clone(),
            start,
            cohorts,
            with,
            without,
        });
    }
    (out, own_outside)
}

/// Whether the top-level `start` is needed: without groups, or when a group has none.
pub(crate) fn top_start_needed(model: &Model) -> bool {
    model.groups.is_empty() || model.groups.iter().any(|g| g.start.is_none())
}

/// The groups' ids and cohorts, for per-participant costs.
pub(crate) fn for_costs<'a>(
    groups: &'a [ResolvedGroup],
    top: &'a [ResolvedCohort],
) -> intervention::Groups<'a> {
    intervention::Groups {
        ids: groups.iter().map(|g| g.id.as_str()).collect(),
        cohorts: groups
            .iter()
            .map(|g| g.cohorts.as_deref().unwrap_or(top))
            .collect(),
    }
}
