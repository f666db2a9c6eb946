//! Parameters (SPEC §8.1): merged with the base's, checked, and evaluated in dependency order
//! so that every formula of the model can read them.

use super::ctx::Ctx;
use crate::error::ErrorCode;
use crate::formula::{self, Expr};
use crate::messages::Msg;
use crate::model::ParamDef;
use crate::num::{Param, Value};
use crate::values;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::HashMap;

/// The most parameters a model may have, base included.
pub(crate) const MAX_PARAMETERS: usize = 1000;

/// One parameter, merged, with the path of its definition.
struct Entry<'a> {
    id: &'a str,
    def: &'a ParamDef,
    path: String,
}

/// What a parameter's value is made of.
enum Source {
    Number(Decimal),
    Formula(Expr),
    /// A distribution: its fields, each a number or a formula.
    Dist(Vec<(&'static str, Option<Expr>, Option<Decimal>)>),
    /// Its definition has a problem (already recorded).
    Broken,
    /// A bundled base's parameter whose value is known (see [`Known`]).
    Known(Decimal),
}

/// A bundled base's parameters evaluated on their own, once per process (`super::memo`):
/// when a model replaces none of them, their values, the parameters each one reads and the
/// order are the same for every model on that base.
#[derive(Clone, Debug)]
pub(crate) struct Known {
    pub(crate) values: Vec<Decimal>,
    pub(crate) deps: Vec<Vec<usize>>,
    /// What [`evaluate_known`] gives and leaves in `ctx` for a model with no parameters of
    /// its own: the base's alone.
    alone: (Vec<(String, Decimal)>, Vec<usize>),
    params: HashMap<String, Decimal>,
    param_ids: Vec<String>,
}

impl Known {
    /// Leaves in `ctx` what evaluating the base's parameters alone leaves there.
    pub(crate) fn fill(&self, ctx: &mut Ctx) {
        ctx.params = Cow::Owned(self.params.clone());
        ctx.param_ids = Cow::Owned(self.param_ids.clone());
    }
}

/// The merged parameters in order (base first, a model parameter replacing a base one in its
/// place) with their values; records every problem in `ctx` and fills `ctx.params`. With the
/// base's parameters `known` (the model replaces none of them; the caller checks) they are
/// neither parsed nor evaluated again, and being valid on their own they raise no problem.
pub(crate) fn evaluate_known(
    ctx: &mut Ctx,
    base: &IndexMap<String, ParamDef>,
    own: &IndexMap<String, ParamDef>,
    known: Option<&'static Known>,
) -> (Vec<(String, Decimal)>, Vec<usize>) {
    if let (Some(k), true) = (known, own.is_empty()) {
        ctx.params = Cow::Borrowed(&k.params);
        ctx.param_ids = Cow::Borrowed(&k.param_ids);
        return k.alone.clone();
    }
    let (out, order, _) = run(ctx, base, own, known);
    (out, order)
}

/// The base's parameters evaluated on their own; `None` when that records a problem (a base
/// parameter reading a name only a model could define, a division by zero …): such a base
/// is evaluated with every model again.
pub(crate) fn known(base: &IndexMap<String, ParamDef>) -> Option<Known> {
    let mut ctx = Ctx::default();
    let (out, order, deps) = run(&mut ctx, base, &IndexMap::new(), None);
    if !ctx.problems.is_empty() || !ctx.warnings.is_empty() || out.len() != base.len() {
        return None;
    }
    Some(Known {
        values: out.iter().map(|(_, v)| *v).collect(),
        deps,
        alone: (out, order),
        params: ctx.params.into_owned(),
        param_ids: ctx.param_ids.into_owned(),
    })
}

type Run = (Vec<(String, Decimal)>, Vec<usize>, Vec<Vec<usize>>);

fn run(
    ctx: &mut Ctx,
    base: &IndexMap<String, ParamDef>,
    own: &IndexMap<String, ParamDef>,
    known: Option<&Known>,
) -> Run {
    let mut entries: Vec<Entry> = base
        .iter()
        .map(|(id, def)| Entry {
            id,
            def,
            // Only problems name a path, and a known parameter has none.
            path: if known.is_some() {
                String::new()
            } else {
                format!("base.parameters.{id}")
            },
        })
        .collect();
    for (id, def) in own {
        let path = format!("parameters.{id}");
        match entries.iter_mut().find(|e| e.id == id) {
            Some(e) => *e = Entry { id, def, path },
            None => entries.push(Entry { id, def, path }),
        }
    }
    if entries.len() > MAX_PARAMETERS {
        ctx.err(
            ErrorCode::Limit,
            "parameters",
            Msg::TooManyParameters,
            values![count = entries.len(), limit = MAX_PARAMETERS],
        );
        return (Vec::new(), Vec::new(), Vec::new());
    }
    ctx.param_ids = Cow::Owned(entries.iter().map(|e| e.id.to_string()).collect());
    let index: HashMap<&str, usize> = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let n_known = known.map_or(0, |k| k.values.len());
    debug_assert!(n_known == 0 || n_known == base.len());
    let sources: Vec<Source> = entries
        .iter()
        .enumerate()
        .map(|(i, e)| match known {
            Some(k) if i < n_known => Source::Known(k.values[i]),
            _ => source(ctx, e),
        })
        .collect();
    // The parameters each one reads, as indices; an unknown name is recorded here.
    let mut deps: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    if let Some(k) = known {
        deps[..n_known].clone_from_slice(&k.deps);
    }
    let mut broken: Vec<bool> = sources
        .iter()
        .map(|s| matches!(s, Source::Broken))
        .collect();
    for (i, s) in sources.iter().enumerate() {
        for name in refs_of(s) {
            match index.get(name) {
                Some(&j) => deps[i].push(j),
                None => {
                    broken[i] = true;
                    let near =
                        crate::suggest::suggestion(name, index.keys().copied()).unwrap_or_default();
                    ctx.err(
                        ErrorCode::UnknownReference,
                        &entries[i].path,
                        Msg::UnknownParameter,
                        values![found = name, suggestion = near],
                    );
                }
            }
        }
    }
    let order = topological(ctx, &entries, &deps);
    let mut values: Vec<Option<Decimal>> = vec![None; entries.len()];
    for &i in &order {
        if broken[i] || deps[i].iter().any(|&j| values[j].is_none()) {
            continue;
        }
        let lookup = |n: &str| index.get(n).and_then(|&j| values[j]);
        values[i] = value_of(ctx, &sources[i], &entries[i], &lookup);
    }
    let mut out = Vec::with_capacity(entries.len());
    for (e, v) in entries.iter().zip(&values) {
        if let Some(v) = v {
            ctx.params.to_mut().insert(e.id.to_string(), *v);
            out.push((e.id.to_string(), *v));
        }
    }
    (out, order, deps)
}

/// The names a parameter's definition reads, in written order.
fn refs_of(s: &Source) -> Vec<&str> {
    let mut refs = Vec::new();
    match s {
        Source::Formula(e) => e.refs(&mut refs),
        Source::Dist(fields) => fields
            .iter()
            .flat_map(|(_, e, _)| e)
            .for_each(|e| e.refs(&mut refs)),
        _ => {}
    }
    refs.into_iter().map(|(name, _)| name).collect()
}

/// Parses a parameter's definition; checks its id.
fn source(ctx: &mut Ctx, e: &Entry) -> Source {
    let ok_id = e.id.starts_with(|c: char| c.is_ascii_lowercase())
        && e.id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if !ok_id {
        ctx.err(ErrorCode::Schema, &e.path, Msg::ParamId, values![id = e.id]);
        return Source::Broken;
    }
    let value_path = if e.def.table {
        format!("{}.value", e.path)
    } else {
        e.path.clone()
    };
    let parse = |ctx: &mut Ctx, text: &str, path: &str| match formula::parse_written(text) {
        Ok(x) => Some(x),
        Err(err) => {
            ctx.formula_problem(err, path);
            None
        }
    };
    match &e.def.value {
        Param::Point(n) => Source::Number(n.value()),
        Param::Formula(text) => {
            parse(ctx, text, &value_path).map_or(Source::Broken, Source::Formula)
        }
        Param::Dist(d) => {
            let mut fields = Vec::new();
            let mut ok = true;
            for (name, v) in [
                ("min", &d.min),
                ("mode", &d.mode),
                ("max", &d.max),
                ("mean", &d.mean),
                ("sd", &d.sd),
            ] {
                match v {
                    None => {}
                    Some(Value::Num(n)) => fields.push((name, None, Some(n.value()))),
                    Some(Value::Formula(t)) => match parse(ctx, t, &format!("{value_path}.{name}"))
                    {
                        Some(x) => fields.push((name, Some(x), None)),
                        None => ok = false,
                    },
                }
            }
            if ok {
                Source::Dist(fields)
            } else {
                Source::Broken
            }
        }
    }
}

/// The evaluation order: every parameter after those it reads (Kahn's algorithm, ties in
/// model order). Parameters in a cycle are left out, and each cycle is named once.
fn topological(ctx: &mut Ctx, entries: &[Entry], deps: &[Vec<usize>]) -> Vec<usize> {
    let n = entries.len();
    let mut readers: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut waiting: Vec<usize> = vec![0; n];
    for (i, ds) in deps.iter().enumerate() {
        for &j in ds {
            readers[j].push(i);
            waiting[i] += 1;
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|&i| waiting[i] == 0).collect();
    let mut order = Vec::with_capacity(n);
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &r in &readers[i] {
            waiting[r] -= 1;
            if waiting[r] == 0 {
                ready.insert(r);
            }
        }
    }
    // What is left waits on a cycle or is in one: walk from each unnamed one to find cycles.
    let mut named = vec![false; n];
    for start in 0..n {
        if waiting[start] == 0 || named[start] {
            continue;
        }
        let mut seen: HashMap<usize, usize> = HashMap::new();
        let mut walk = vec![start];
        let mut at = start;
        loop {
            seen.insert(at, walk.len() - 1);
            let Some(&next) = deps[at].iter().find(|&&j| waiting[j] > 0) else {
                break;
            };
            if let Some(&k) = seen.get(&next) {
                let cycle = &walk[k..];
                if cycle.iter().all(|&c| !named[c]) {
                    let first = *cycle.iter().min().unwrap_or(&next);
                    let pos = cycle.iter().position(|&c| c == first).unwrap_or(0);
                    let mut ids: Vec<&str> = cycle[pos..]
                        .iter()
                        .chain(&cycle[..pos])
                        .map(|&c| entries[c].id)
                        .collect();
                    ids.push(entries[first].id);
                    ctx.err(
                        ErrorCode::Cycle,
                        &entries[first].path,
                        Msg::Cycle,
                        values![cycle = ids.join(" → ")],
                    );
                }
                cycle.iter().for_each(|&c| named[c] = true);
                break;
            }
            if named[next] {
                break;
            }
            walk.push(next);
            at = next;
        }
        named[start] = true;
    }
    order
}

/// A parameter's value: its number, its formula's value, or its distribution's point value.
fn value_of(
    ctx: &mut Ctx,
    s: &Source,
    e: &Entry,
    lookup: &dyn Fn(&str) -> Option<Decimal>,
) -> Option<Decimal> {
    if let Source::Number(d) | Source::Known(d) = s {
        return Some(*d);
    }
    let path = if e.def.table {
        format!("{}.value", e.path)
    } else {
        e.path.clone()
    };
    let eval = |ctx: &mut Ctx, x: &Expr, p: &str| match x.eval(lookup) {
        Ok(d) => Some(d),
        Err(err) => {
            ctx.eval_problem(err, p);
            None
        }
    };
    match s {
        Source::Number(d) | Source::Known(d) => Some(*d),
        Source::Formula(x) => eval(ctx, x, &path),
        Source::Dist(fields) => {
            let mut p = crate::num::Resolved {
                dist: match &e.def.value {
                    Param::Dist(d) => d.dist,
                    _ => return None,
                },
                min: Decimal::ZERO,
                mode: Decimal::ZERO,
                max: Decimal::ZERO,
                mean: Decimal::ZERO,
                sd: Decimal::ZERO,
            };
            for (name, x, d) in fields {
                let v = match (x, d) {
                    (Some(x), _) => eval(ctx, x, &format!("{path}.{name}"))?,
                    (None, Some(d)) => *d,
                    (None, None) => Decimal::ZERO,
                };
                match *name {
                    "min" => p.min = v,
                    "mode" => p.mode = v,
                    "max" => p.max = v,
                    "mean" => p.mean = v,
                    _ => p.sd = v,
                }
            }
            if let Param::Dist(d) = &e.def.value {
                let before = ctx.count();
                ctx.check_dist(d, &p, &path);
                if ctx.count() > before {
                    return None;
                }
            }
            Some(p.point())
        }
        Source::Broken => None,
    }
}

/// What setting one parameter changed: each affected parameter's new value by position
/// (`None` where it failed), and the new evaluation order if it changed.
pub(crate) type Changed = (Vec<(usize, Option<Decimal>)>, Option<Vec<usize>>);

/// The parameters of a model that validated, parsed once, so that one of them can be set to a
/// number and only it and the parameters that read it (directly or through others) evaluated
/// again: the tornado's bar for a parameter (`validate::partial`). The values, the order and
/// the problems are those [`evaluate`] gives for the changed parameters.
pub(crate) struct Graph<'a> {
    entries: Vec<Entry<'a>>,
    sources: Vec<Source>,
    deps: Vec<Vec<usize>>,
    readers: Vec<Vec<usize>>,
    order: Vec<usize>,
    index: HashMap<&'a str, usize>,
    values: Vec<Option<Decimal>>,
}

impl<'a> Graph<'a> {
    /// The graph of a model's own parameters (its base inlined, so that no base adds any).
    pub(crate) fn new(own: &'a IndexMap<String, ParamDef>) -> Graph<'a> {
        let mut ctx = Ctx::default();
        let entries: Vec<Entry> = own
            .iter()
            .map(|(id, def)| Entry {
                id,
                def,
                path: format!("parameters.{id}"),
            })
            .collect();
        let index: HashMap<&str, usize> =
            entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
        let sources: Vec<Source> = entries.iter().map(|e| source(&mut ctx, e)).collect();
        let deps: Vec<Vec<usize>> = sources
            .iter()
            .map(|s| {
                refs_of(s)
                    .iter()
                    .filter_map(|n| index.get(n).copied())
                    .collect()
            })
            .collect();
        let mut readers = vec![Vec::new(); entries.len()];
        for (i, ds) in deps.iter().enumerate() {
            for &j in ds {
                readers[j].push(i);
            }
        }
        let order = topological(&mut ctx, &entries, &deps);
        let mut values: Vec<Option<Decimal>> = vec![None; entries.len()];
        for &i in &order {
            if deps[i].iter().any(|&j| values[j].is_none()) {
                continue;
            }
            let lookup = |n: &str| index.get(n).and_then(|&j| values[j]);
            values[i] = value_of(&mut ctx, &sources[i], &entries[i], &lookup);
        }
        Graph {
            entries,
            sources,
            deps,
            readers,
            order,
            index,
            values,
        }
    }

    /// The position of a parameter among the model's, by id.
    pub(crate) fn position(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Parameter `i` and every parameter that reads it, directly or through others.
    pub(crate) fn affected(&self, i: usize) -> Vec<bool> {
        let mut seen = vec![false; self.entries.len()];
        let mut todo = vec![i];
        while let Some(k) = todo.pop() {
            if !std::mem::replace(&mut seen[k], true) {
                todo.extend(&self.readers[k]);
            }
        }
        seen
    }

    /// Parameter `i` set to the number `new`: the values of the `affected` parameters (see
    /// [`Graph::affected`]) evaluated again in evaluation order, each problem recorded in `ctx`
    /// as [`evaluate`] records it (`None` for a parameter that failed or reads one that did);
    /// and the new evaluation order when `i` read other parameters before (it reads none now).
    pub(crate) fn set_number(
        &self,
        ctx: &mut Ctx,
        i: usize,
        new: Decimal,
        affected: &[bool],
    ) -> Changed {
        let order = (!self.deps[i].is_empty()).then(|| {
            let mut deps = self.deps.clone();
            deps[i].clear();
            topological(&mut Ctx::default(), &self.entries, &deps)
        });
        let mut values = self.values.clone();
        let mut out = Vec::new();
        for &k in order.as_deref().unwrap_or(&self.order) {
            if !affected[k] {
                continue;
            }
            let value = if k == i {
                Some(new)
            } else if self.deps[k].iter().any(|&j| values[j].is_none()) {
                None
            } else {
                let lookup = |n: &str| self.index.get(n).and_then(|&j| values[j]);
                value_of(ctx, &self.sources[k], &self.entries[k], &lookup)
            };
            values[k] = value;
            out.push((k, value));
        }
        (out, order)
    }
}
