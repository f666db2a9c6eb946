//! Actors and states (SPEC §2), merged with the base's, and each state's net yearly amount per
//! actor (SPEC §3.1).

use super::ctx::{At, Ctx, Kind};
use super::resolved::{Limit, ResolvedActor, ResolvedFlow, ResolvedState};

/// The states, and the breakdown keys (flow type, category) in order of first appearance.
pub(crate) type States = (Vec<ResolvedState>, Vec<(&'static str, Option<String>)>);
use super::{MAX_ACTORS, MAX_ITEMS, MAX_STATES};
use crate::bases::{merge, Merged, Origin};
use crate::error::ErrorCode;
use crate::messages::Msg;
use crate::model::{Actor, ActorKind, Flow, FlowType, State};
use crate::values;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The path of a merged entry: `base.actors[2]` or `actors[0]`.
fn origin_path(o: Origin, list: &str) -> String {
    match o {
        Origin::Base(i) => format!("base.{list}[{i}]"),
        Origin::Own(i) => format!("{list}[{i}]"),
    }
}

/// Merges and records duplicate ids; returns the entries with where each came from (its path
/// is written only for a problem).
fn merged_from<'a, T>(ctx: &mut Ctx, m: Merged<'a, T>, list: &str) -> Vec<(&'a T, Origin)> {
    for d in &m.duplicates {
        let path = format!("{}.id", origin_path(d.at, list));
        match d.at {
            Origin::Base(_) => ctx.err(
                ErrorCode::DuplicateId,
                path,
                Msg::DuplicateInBase,
                values![id = d.id],
            ),
            Origin::Own(_) => ctx.err(
                ErrorCode::DuplicateId,
                path,
                Msg::DuplicateId,
                values![id = d.id, first = format!("{list}[{}]", d.first)],
            ),
        }
    }
    m.entries
}

/// A bundled base's states resolved on their own, once per process (`super::memo`): with the
/// base's parameters unchanged, a base state the model does not replace resolves the same way
/// in every model (its flows name base actors, which keep their places).
#[derive(Clone, Debug)]
pub(crate) struct KnownStates {
    pub(crate) states: Vec<ResolvedState>,
    pub(crate) keys: Vec<(&'static str, Option<String>)>,
}

/// The actors in report order; `None` past the limit (nothing else can be checked then).
pub(crate) fn actors(ctx: &mut Ctx, base: &[Actor], own: &[Actor]) -> Option<Vec<ResolvedActor>> {
    let src = merged_from(ctx, merge(base, own, |a| a.id.as_str()), "actors");
    if src.len() > MAX_ACTORS {
        ctx.err(
            ErrorCode::Limit,
            "actors",
            Msg::TooManyActors,
            values![count = src.len(), limit = MAX_ACTORS],
        );
        return None;
    }
    let mut out = Vec::with_capacity(src.len());
    let mut individuals = 0;
    for &(a, origin) in &src {
        let p = || origin_path(origin, "actors");
        ctx.id_ok(&a.id, &|| format!("{}.id", p()));
        if [crate::report::PUBLIC_SECTOR, crate::report::SOCIETY].contains(&a.id.as_str()) {
            ctx.err(
                ErrorCode::Schema,
                format!("{}.id", p()),
                Msg::ReservedId,
                values![id = a.id],
            );
        }
        let kind = a.kind.unwrap_or_default();
        if kind == ActorKind::Individual {
            individuals += 1;
            if individuals > 1 {
                ctx.err(
                    ErrorCode::Schema,
                    format!("{}.kind", p()),
                    Msg::OneIndividual,
                    values![],
                );
            }
        }
        out.push(ResolvedActor {
            id: a.id.clone(),
            name: a.name.clone(),
            kind,
        });
    }
    Some(out)
}

/// The states with their net amounts; `None` past a limit. `known`: the base's states
/// resolved on their own, when the model keeps the base's parameters (the caller checks).
pub(crate) fn states(
    ctx: &mut Ctx,
    base: &[State],
    own: &[State],
    n_costs: usize,
    actors: &HashMap<&str, usize>,
    known: Option<&KnownStates>,
) -> Option<States> {
    let src = merged_from(ctx, merge(base, own, |s| s.id.as_str()), "states");
    if src.len() > MAX_STATES {
        ctx.err(
            ErrorCode::Limit,
            "states",
            Msg::TooManyStates,
            values![count = src.len(), limit = MAX_STATES],
        );
        return None;
    }
    let n_items = src.iter().map(|(s, ..)| s.flows.len()).sum::<usize>() + n_costs;
    if n_items > MAX_ITEMS {
        ctx.err(
            ErrorCode::Limit,
            "states",
            Msg::TooManyItems,
            values![count = n_items, limit = MAX_ITEMS],
        );
        return None;
    }
    let mut out = Vec::with_capacity(src.len());
    let mut keys: Vec<(&'static str, Option<String>)> = Vec::new();
    let key_at = |keys: &mut Vec<(&'static str, Option<String>)>, key| match keys
        .iter()
        .position(|x| *x == key)
    {
        Some(k) => k,
        None => {
            keys.push(key);
            keys.len() - 1
        }
    };
    for (s, origin) in &src {
        if let (Some(k), Origin::Base(b)) = (known, origin) {
            // Checked when it was resolved; only the breakdown keys' numbering and the
            // actors the model adds are the model's own.
            let mut r = k.states[*b].clone();
            r.net.resize(actors.len(), Decimal::ZERO);
            for f in &mut r.flows {
                let key = &k.keys[f.key];
                f.key = match keys.iter().position(|x| x == key) {
                    Some(at) => at,
                    None => key_at(&mut keys, key.clone()),
                };
            }
            out.push(r);
            continue;
        }
        let p = || origin_path(*origin, "states");
        ctx.id_ok(&s.id, &|| format!("{}.id", p()));
        let (net, checked) = state_net(ctx, s, &p, actors);
        let mut flows = Vec::with_capacity(checked.len());
        for (f, c) in s.flows.iter().zip(checked) {
            let k = key_at(&mut keys, key_of(f));
            if let Some((amount, terms)) = c {
                flows.push(ResolvedFlow {
                    key: k,
                    amount,
                    terms,
                });
            }
        }
        out.push(ResolvedState {
            id: s.id.clone(),
            net,
            flows,
            limit: None,
        });
    }
    let index: HashMap<&str, usize> = src
        .iter()
        .enumerate()
        .map(|(i, (s, ..))| (s.id.as_str(), i))
        .collect();
    for (i, (s, origin)) in src.iter().enumerate() {
        out[i].limit = match (&s.max_years, &s.then) {
            (None, None) => None,
            _ => time_limit(ctx, s, &|| origin_path(*origin, "states"), &index, i),
        };
    }
    Some((out, keys))
}

/// `max_years` and `then` (SPEC §8.2): both or neither; 1 ≤ max_years ≤ 200; `then` another
/// state.
fn time_limit(
    ctx: &mut Ctx,
    s: &State,
    p: &(impl At + ?Sized),
    index: &HashMap<&str, usize>,
    i: usize,
) -> Option<Limit> {
    match (&s.max_years, &s.then) {
        (None, None) => None,
        // Reported at the missing key, as a missing required key is.
        (Some(_), None) => {
            ctx.err(
                ErrorCode::Schema,
                format!("{}.then", p.at()),
                Msg::MaxYearsNeedsThen,
                values![],
            );
            None
        }
        (None, Some(_)) => {
            ctx.err(
                ErrorCode::Schema,
                format!("{}.max_years", p.at()),
                Msg::ThenNeedsMaxYears,
                values![],
            );
            None
        }
        (Some(m), Some(then)) => {
            let years = ctx.whole(
                *m,
                &|| format!("{}.max_years", p.at()),
                "max_years",
                1,
                200,
                ErrorCode::InvalidRange,
            );
            let to = ctx.lookup(index, Kind::State, then, &|| format!("{}.then", p.at()));
            if to == Some(i) {
                ctx.err(
                    ErrorCode::InvalidRange,
                    format!("{}.then", p.at()),
                    Msg::ThenItself,
                    values![state = s.id],
                );
                return None;
            }
            Some(Limit {
                years: years? as usize,
                then: to?,
            })
        }
    }
}

/// f_i[a] of one state: its flows summed per actor, in file order; and each flow checked.
pub(crate) fn state_net(
    ctx: &mut Ctx,
    s: &State,
    path: &(impl At + ?Sized),
    actors: &HashMap<&str, usize>,
) -> (Vec<Decimal>, Vec<Checked>) {
    let mut net = vec![Decimal::ZERO; actors.len()];
    let flows = s
        .flows
        .iter()
        .enumerate()
        .map(|(j, f)| {
            flow(
                ctx,
                f,
                &|| format!("{}.flows[{j}]", path.at()),
                actors,
                &mut net,
            )
        })
        .collect();
    (net, flows)
}

/// The breakdown key of a flow (SPEC §8.5): its type and category.
fn key_of(f: &Flow) -> (&'static str, Option<String>) {
    (flow_name(f.kind), f.category.clone())
}

fn flow_name(k: FlowType) -> &'static str {
    match k {
        FlowType::Transfer => "transfer",
        FlowType::Resource => "resource",
        FlowType::Production => "production",
    }
}

/// Checks one flow and adds it to the state's net amounts. At most 10,000 flows of at most
/// 10^12 each: no sum can leave the decimal range, and an amount past its limit is not added.
/// A flow checked: its amount and the signed actors it moves money for (`None` after a
/// problem).
type Checked = Option<(Decimal, Vec<(usize, bool)>)>;

fn flow(
    ctx: &mut Ctx,
    f: &Flow,
    fp: &(impl At + ?Sized),
    actors: &HashMap<&str, usize>,
    net: &mut [Decimal],
) -> Checked {
    let amount = ctx.amount(&f.amount, &|| format!("{}.amount", fp.at()), "amount");
    let kind = flow_name(f.kind);
    let actor_of = |ctx: &mut Ctx, key: &str, v: &Option<String>| match v {
        Some(id) => ctx.lookup(actors, Kind::Actor, id, &|| format!("{}.{key}", fp.at())),
        None => {
            ctx.err(
                ErrorCode::Schema,
                format!("{}.{key}", fp.at()),
                Msg::FlowNeeds,
                values![flow = kind, key = key],
            );
            None
        }
    };
    let forbid = |ctx: &mut Ctx, key: &str, v: &Option<String>| {
        if v.is_none() {
            return;
        }
        let p = format!("{}.{key}", fp.at());
        match f.kind {
            FlowType::Transfer => {
                ctx.err(ErrorCode::Schema, p, Msg::TransferHasNo, values![key = key])
            }
            _ => ctx.err(
                ErrorCode::Schema,
                p,
                Msg::ActorFlowHasNo,
                values![flow = kind, key = key],
            ),
        }
    };
    match f.kind {
        FlowType::Transfer => {
            forbid(ctx, "actor", &f.actor);
            let from = actor_of(ctx, "from", &f.from);
            let to = actor_of(ctx, "to", &f.to);
            if let (Some(from), Some(to), Some(a)) = (from, to, amount) {
                net[from] -= a;
                net[to] += a;
                return Some((a, vec![(from, false), (to, true)]));
            }
            None
        }
        FlowType::Resource | FlowType::Production => {
            forbid(ctx, "from", &f.from);
            forbid(ctx, "to", &f.to);
            if let (Some(i), Some(a)) = (actor_of(ctx, "actor", &f.actor), amount) {
                let plus = f.kind != FlowType::Resource;
                if plus {
                    net[i] += a;
                } else {
                    net[i] -= a;
                }
                return Some((a, vec![(i, plus)]));
            }
            None
        }
    }
}
