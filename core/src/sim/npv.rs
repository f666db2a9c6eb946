//! The npv of every row for one set of drawn values, in f64, every sum in a fixed order.
//!
//! The arithmetic (docs/uncertainty.md, "The order of the sums"):
//!
//! * δ_0 = 1, δ_t = δ_{t−1} / (1 + r_t);
//! * per group, the cohorts' weight of cohort year c: W[c] = Σ_s N_s · δ_{s+c} over the start
//!   years s (ascending, s + c < horizon), N_s the participants starting in year s (summed in
//!   the file's order) — cohorts sharing a start year are one;
//! * per group and scenario, the discounted occupancy E[i] = Σ_c W[c] · d_c[i] (c ascending);
//! * G[i] = Σ_groups (E_with[i] − E_without[i]) (group order, from 0);
//! * npv[a] = attribution · Σ_i G[i] · f_i[a] (states ascending), f_i[a] = Σ sign · amount over
//!   the state's flows in order; then every cost item's amount · D · w_a is subtracted, D being
//!   the discounted count of its years (fixed years ascending, or per group and cohort).
//!
//! Everything that does not depend on a drawn value — the discount factors for a fixed rate,
//! the cohorts' weights, a scenario's discounted occupancy when none of its shares is drawn,
//! f_i[a] for flows without drawn amounts — is computed once in [`Kernel::new`] with the very
//! same operations, so a run computes only what its draws change, and gets the same bits as
//! if it computed everything. States no group can ever occupy are left out of the occupancy
//! and the sums (their terms are exact zeros, which change no sum).

// Lane loops index several arrays by the same lane on purpose: that is what vectorises.
#![allow(clippy::needless_range_loop)]

use super::compile::{CostSpec, DistSpec, Moves, Rates, SimModel, SimRule, V};
use super::occupancy::{segments, Limits, Segment};
use crate::model::ActorKind;

/// A scenario compiled to the reachable states.
pub(super) enum Mv {
    Stay,
    /// The rules, and the cohort years cut into segments in which the same rules apply.
    Transitions(Vec<SimRule>, Vec<Segment>),
    Trajectory(Vec<(usize, DistSpec)>),
}

/// One group: its start, scenarios, the (start year, participants) of its cohorts merged by
/// start year, and what is constant of it.
struct GroupK {
    start: DistSpec,
    with: Mv,
    without: Mv,
    /// (start year, participants), start years ascending and distinct.
    years: Vec<(usize, f64)>,
    /// W, when the discount rate is not drawn.
    w: Option<Vec<f64>>,
    /// E_with and E_without, when constant.
    e_with: Option<Vec<f64>>,
    e_without: Option<Vec<f64>>,
}

/// The compiled model with everything constant precomputed.
pub(crate) struct Kernel {
    pub(super) h: usize,
    na: usize,
    /// The reachable states (global indices), ascending.
    states: Vec<usize>,
    /// Per reachable state: its time limit (years, then as a reachable index).
    pub(super) limits: Vec<Option<(usize, usize)>>,
    /// Per reachable state: where its years-in-state shares start in the scratch (limited only).
    pub(super) sub_off: Vec<usize>,
    pub(super) sub_len: usize,
    pub(super) any_limit: bool,
    delta: Option<Vec<f64>>,
    groups: Vec<GroupK>,
    /// f_i[a] over reachable states (constant entries final; drawn ones recomputed).
    f: Vec<f64>,
    /// Entries of `f` with a drawn amount: (entry, its flows as (sign, value) in order).
    f_drawn: Vec<(usize, Vec<(f64, V)>)>,
    /// G, when constant.
    g: Option<Vec<f64>>,
    /// Σ_i G[i] f_i[a], when constant.
    q: Option<Vec<f64>>,
    /// D per cost item, when the rate is not drawn.
    cost_d: Option<Vec<f64>>,
    /// The instruction set [`Kernel::npv`] and the draws run, found once.
    pub(super) level: Level,
}

/// The instruction set the lane loops are compiled for. Every level does the very same IEEE
/// operations (`+ − × ÷`, comparisons, min and max; no fused multiply-add, which Rust never
/// forms by itself), only more lanes per instruction, so the bits do not depend on the
/// processor; a test compares every level on the vectors' models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// Whatever the target has by default (SSE2 on x86-64; simd128 in the page's module).
    Base,
    /// AVX2: four lanes per instruction.
    #[cfg(target_arch = "x86_64")]
    Avx2,
    /// AVX-512: eight lanes per instruction.
    #[cfg(target_arch = "x86_64")]
    Avx512,
}

impl Level {
    /// The best level this processor runs (checked once; std caches the answer).
    pub(crate) fn detect() -> Level {
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx512f")
                && std::arch::is_x86_feature_detected!("avx512dq")
                && std::arch::is_x86_feature_detected!("avx512vl")
                && std::arch::is_x86_feature_detected!("avx2")
            {
                return Level::Avx512;
            }
            if std::arch::is_x86_feature_detected!("avx2") {
                return Level::Avx2;
            }
        }
        Level::Base
    }

    /// Runs `f` compiled for this instruction set: `f`, and whatever it inlines, uses this
    /// level's vectors (the lane loops of the draws; the kernel has its own copies).
    #[inline(always)]
    #[allow(unsafe_code)]
    pub(crate) fn call<R>(self, f: impl FnOnce() -> R) -> R {
        match self {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Level::Avx512` is only made when the processor has these features.
            Level::Avx512 => unsafe { call_avx512(f) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Level::Avx2` is only made when the processor has AVX2.
            Level::Avx2 => unsafe { call_avx2(f) },
            Level::Base => f(),
        }
    }

    /// Every level this processor runs, the baseline first (for tests).
    #[cfg(test)]
    pub(crate) fn available() -> Vec<Level> {
        let mut out = vec![Level::Base];
        #[cfg(target_arch = "x86_64")]
        {
            if std::arch::is_x86_feature_detected!("avx2") {
                out.push(Level::Avx2);
            }
            if Level::detect() == Level::Avx512 {
                out.push(Level::Avx512);
            }
        }
        out
    }
}

/// `f` inlined into a function compiled for AVX-512 (see [`Level::call`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,avx")]
fn call_avx512<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// `f` inlined into a function compiled for AVX2 (see [`Level::call`]).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,avx")]
fn call_avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// Runs computed together: each state's occupancy holds one value per run (structure of
/// arrays), so the year-by-year loops work on L runs per instruction.
///
/// 32 rather than 16: the kernel walks each segment's plan of sums once per lane group, so
/// twice the lanes halve that walking per run, and the four AVX-512 registers of a lane
/// vector give each sum's dependent additions four independent chains (about 10 % faster in
/// alternating runs of the profiling example; 64 lanes were no faster). The rejection masks
/// of the draws and of the lane logarithm and cosine are `u64`, so L may not exceed 64.
pub(crate) const L: usize = 32;
const _: () = assert!(L <= 64, "the draws' rejection masks hold 64 lanes");
/// One value per lane.
///
/// Aligned to 64 bytes, the width of an AVX-512 register and of a cache line: at malloc's
/// 16-byte alignment a lane vector spans one cache line more than it needs, and its vector
/// loads cross lines (a load of what was just stored then cannot be forwarded from the store).
#[derive(Clone, Copy, Debug, PartialEq)]
#[repr(C, align(64))]
pub(super) struct Ln(pub(super) [f64; L]);
pub(super) const Z: Ln = Ln([0.0; L]);

impl std::ops::Deref for Ln {
    type Target = [f64; L];
    #[inline(always)]
    fn deref(&self) -> &[f64; L] {
        &self.0
    }
}

impl std::ops::DerefMut for Ln {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut [f64; L] {
        &mut self.0
    }
}

/// Scratch space for one thread.
#[derive(Default)]
pub(crate) struct Workspace {
    /// The lanes' values transposed: value j of every lane in `xt[j]`.
    pub(super) xt: Vec<Ln>,
    /// Each rule's clamped share, per lane.
    pub(super) sh: Vec<Ln>,
    /// The rows' npvs, per lane.
    pub(super) rows: Vec<Ln>,
    /// f_i[a] per lane, when some amount is drawn.
    pub(super) fl: Vec<Ln>,
    /// δ per lane, when the rate is drawn.
    pub(super) delta: Vec<Vec<f64>>,
    pub(super) wl: Vec<Ln>,
    pub(super) ew: Vec<Ln>,
    pub(super) en: Vec<Ln>,
    pub(super) g: Vec<Ln>,
    pub(super) tmp: Vec<f64>,
    pub(super) d0: Vec<Ln>,
    pub(super) prev: Vec<Ln>,
    pub(super) cur: Vec<Ln>,
    pub(super) entered: Vec<Ln>,
    pub(super) eff: Vec<Ln>,
    pub(super) sub: Vec<Ln>,
    pub(super) out_sub: Vec<Ln>,
}

/// A value for every lane: a constant, or the lanes' drawn values.
#[inline(always)]
pub(super) fn lanes(v: V, xt: &[Ln]) -> Ln {
    match v {
        V::C(c) => Ln([c; L]),
        V::S(i) => xt[i],
    }
}

/// `v.clamp(lo, hi)` in every lane.
#[inline(always)]
pub(super) fn clamp_lanes(mut v: Ln, lo: f64, hi: f64) -> Ln {
    for x in v.iter_mut() {
        *x = x.clamp(lo, hi);
    }
    v
}

fn is_const(v: V) -> bool {
    matches!(v, V::C(_))
}

fn spec_const(s: &DistSpec) -> bool {
    s.named.iter().all(|(_, v)| is_const(*v))
}

fn moves_const(m: &Mv) -> bool {
    match m {
        Mv::Stay => true,
        Mv::Transitions(rules, _) => rules.iter().all(|r| is_const(r.share)),
        Mv::Trajectory(es) => es.iter().all(|(_, s)| spec_const(s)),
    }
}

fn remap_spec(s: &DistSpec, map: &[usize]) -> DistSpec {
    DistSpec {
        named: s.named.iter().map(|(i, v)| (map[*i], *v)).collect(),
        rest: s.rest.map(|r| map[r]),
    }
}

fn remap_moves(m: &Moves, map: &[usize], h: usize, lim: &Limits) -> Mv {
    match m {
        // With time limits people move even where nothing else moves them: the years are
        // then those of a scenario without rules.
        Moves::Stay if lim.any => Mv::Transitions(Vec::new(), segments(&[], h, lim)),
        Moves::Stay => Mv::Stay,
        Moves::Transitions(rules) => {
            // A rule from a state no one can occupy moves nothing: it is left out with its state
            // (what it reaches is reachable only through another rule).
            let rules: Vec<SimRule> = rules
                .iter()
                .filter(|r| map[r.from] != usize::MAX)
                .map(|r| SimRule {
                    from: map[r.from],
                    to: map[r.to],
                    ..r.clone()
                })
                .collect();
            let segs = segments(&rules, h, lim);
            Mv::Transitions(rules, segs)
        }
        Moves::Trajectory(es) => {
            Mv::Trajectory(es.iter().map(|(y, s)| (*y, remap_spec(s, map))).collect())
        }
    }
}

/// The states some group may occupy in some year of either scenario.
fn reachable(sm: &SimModel) -> Vec<bool> {
    let ns = sm.n_states;
    let mut on = vec![false; ns];
    let mark_spec = |s: &DistSpec, on: &mut Vec<bool>| {
        for (i, _) in &s.named {
            on[*i] = true;
        }
        if let Some(r) = s.rest {
            on[r] = true;
        }
    };
    for g in &sm.groups {
        mark_spec(&g.start, &mut on);
        for m in [&g.with, &g.without] {
            if let Moves::Trajectory(es) = m {
                for (_, s) in es {
                    mark_spec(s, &mut on);
                }
            }
        }
    }
    // Transitions and time limits carry people on: close over them.
    loop {
        let mut changed = false;
        for g in &sm.groups {
            for m in [&g.with, &g.without] {
                if let Moves::Transitions(rules) = m {
                    for r in rules {
                        if on[r.from] && !on[r.to] {
                            on[r.to] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        for (i, l) in sm.limits.iter().enumerate() {
            if let Some((_, then)) = l {
                if on[i] && !on[*then] {
                    on[*then] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    on
}

/// δ_t for t < h.
#[inline(always)]
fn discount(rates: &Rates, x: &[f64], h: usize, delta: &mut Vec<f64>) {
    delta.clear();
    delta.push(1.0);
    for t in 1..h {
        let r = match rates {
            Rates::Const(v) => v.at(x).clamp(0.0, 0.999),
            Rates::Schedule(rs) => rs[t],
        };
        let prev = delta[t - 1];
        delta.push(prev / (1.0 + r));
    }
}

/// W[c] = Σ_s N_s δ_{s+c}.
#[inline(always)]
fn weights(years: &[(usize, f64)], delta: &[f64], h: usize, w: &mut Vec<f64>) {
    w.clear();
    w.resize(h, 0.0);
    for (c, wc) in w.iter_mut().enumerate() {
        for &(s, n) in years {
            if s + c < h {
                *wc += n * delta[s + c];
            }
        }
    }
}

impl Kernel {
    /// Analyses the compiled model: what each run must compute and what is constant.
    pub(crate) fn new(sm: &SimModel) -> Kernel {
        let (h, na) = (sm.horizon, sm.n_actors);
        let on = reachable(sm);
        let states: Vec<usize> = (0..sm.n_states).filter(|&i| on[i]).collect();
        let mut map = vec![usize::MAX; sm.n_states];
        for (k, &i) in states.iter().enumerate() {
            map[i] = k;
        }
        let nsa = states.len();
        let limits: Vec<Option<(usize, usize)>> = states
            .iter()
            .map(|&i| sm.limits[i].map(|(m, then)| (m, map[then])))
            .collect();
        let mut sub_off = vec![0; nsa];
        let mut sub_len = 0;
        for (k, l) in limits.iter().enumerate() {
            sub_off[k] = sub_len;
            if let Some((m, _)) = l {
                sub_len += m;
            }
        }
        let any_limit = limits.iter().any(Option::is_some);
        let rates_const = match &sm.rates {
            Rates::Const(v) => is_const(*v),
            Rates::Schedule(_) => true,
        };
        let delta = rates_const.then(|| {
            let mut d = Vec::new();
            discount(&sm.rates, &[], h, &mut d);
            d
        });
        // f_i[a]: per (state, actor) entry, its flows in order.
        let mut entries: Vec<Vec<(f64, V)>> = vec![Vec::new(); nsa * na];
        for fl in &sm.flows {
            if map[fl.state] != usize::MAX {
                entries[map[fl.state] * na + fl.actor].push((fl.sign, fl.value));
            }
        }
        let mut f = vec![0.0; nsa * na];
        let mut f_drawn = Vec::new();
        for (e, flows) in entries.into_iter().enumerate() {
            if flows.iter().all(|(_, v)| is_const(*v)) {
                f[e] = flows.iter().fold(0.0, |acc, (s, v)| acc + s * v.at(&[]));
            } else {
                f_drawn.push((e, flows));
            }
        }
        let mut k = Kernel {
            h,
            na,
            states,
            limits,
            sub_off,
            sub_len,
            any_limit,
            delta,
            groups: Vec::new(),
            f,
            f_drawn,
            g: None,
            q: None,
            cost_d: None,
            level: Level::detect(),
        };
        let mut ws = Workspace::default();
        let lim = Limits {
            limits: &k.limits,
            sub_off: &k.sub_off,
            any: k.any_limit,
        };
        let groups = sm
            .groups
            .iter()
            .map(|g| {
                let mut years: Vec<(usize, f64)> = Vec::new();
                let mut starts: Vec<usize> =
                    g.cohorts.iter().map(|c| c.0).filter(|&s| s < h).collect();
                starts.sort_unstable();
                starts.dedup();
                for s in starts {
                    let n = g
                        .cohorts
                        .iter()
                        .filter(|c| c.0 == s)
                        .fold(0.0, |acc, c| acc + c.1);
                    years.push((s, n));
                }
                let w = k.delta.as_ref().map(|d| {
                    let mut w = Vec::new();
                    weights(&years, d, h, &mut w);
                    w
                });
                GroupK {
                    start: remap_spec(&g.start, &map),
                    with: remap_moves(&g.with, &map, h, &lim),
                    without: remap_moves(&g.without, &map, h, &lim),
                    years,
                    w,
                    e_with: None,
                    e_without: None,
                }
            })
            .collect();
        k.groups = groups;
        // Constant parts computed once, with nothing drawn (every lane the same; lane 0 kept).
        let none: &[Ln] = &[];
        let lane0 = |e: &[Ln]| e.iter().map(|v| v[0]).collect::<Vec<f64>>();
        for gi in 0..k.groups.len() {
            let g = &k.groups[gi];
            if let Some(w) = &g.w {
                let wl: Vec<Ln> = w.iter().map(|&v| Ln([v; L])).collect();
                let start_const = spec_const(&g.start);
                let mut e = Vec::new();
                let ew = (start_const && moves_const(&g.with)).then(|| {
                    k.occupancy(&g.start, &g.with, &wl, none, &mut ws, &mut e);
                    lane0(&e)
                });
                let en = (start_const && moves_const(&g.without)).then(|| {
                    k.occupancy(&g.start, &g.without, &wl, none, &mut ws, &mut e);
                    lane0(&e)
                });
                k.groups[gi].e_with = ew;
                k.groups[gi].e_without = en;
            }
        }
        if k.groups
            .iter()
            .all(|g| g.e_with.is_some() && g.e_without.is_some())
        {
            k.sum_g(none, &mut ws);
            let g = lane0(&ws.g);
            if k.f_drawn.is_empty() {
                let mut q = vec![0.0; na];
                k.sum_q(&g, &k.f, &mut q);
                k.q = Some(q);
            }
            k.g = Some(g);
        }
        if let Some(d) = &k.delta {
            k.cost_d = Some(
                sm.costs
                    .iter()
                    .map(|c| cost_discount(sm, &c.spec, d))
                    .collect(),
            );
        }
        k
    }

    /// The number of reachable states.
    pub(super) fn nsa(&self) -> usize {
        self.states.len()
    }

    /// G[i] = Σ_groups (E_with[i] − E_without[i]) for the lanes' runs, into `ws.g`.
    #[inline(always)]
    fn sum_g(&self, xt: &[Ln], ws: &mut Workspace) {
        let (nsa, h) = (self.nsa(), self.h);
        let mut g = std::mem::take(&mut ws.g);
        let mut ew = std::mem::take(&mut ws.ew);
        let mut en = std::mem::take(&mut ws.en);
        let mut wl = std::mem::take(&mut ws.wl);
        g.clear();
        g.resize(nsa, Z);
        for grp in &self.groups {
            wl.clear();
            match &grp.w {
                Some(w) => wl.extend(w.iter().map(|&v| Ln([v; L]))),
                None => {
                    wl.resize(h, Z);
                    for l in 0..L {
                        weights(&grp.years, &ws.delta[l], h, &mut ws.tmp);
                        for c in 0..h {
                            wl[c][l] = ws.tmp[c];
                        }
                    }
                }
            }
            for (e, fixed, moves) in [
                (&mut ew, &grp.e_with, &grp.with),
                (&mut en, &grp.e_without, &grp.without),
            ] {
                match fixed {
                    Some(v) => {
                        e.clear();
                        e.extend(v.iter().map(|&v| Ln([v; L])));
                    }
                    None => self.occupancy(&grp.start, moves, &wl, xt, ws, e),
                }
            }
            for i in 0..nsa {
                for l in 0..L {
                    g[i][l] += ew[i][l] - en[i][l];
                }
            }
        }
        ws.g = g;
        ws.ew = ew;
        ws.en = en;
        ws.wl = wl;
    }

    /// q[a] = Σ_i G[i] f_i[a].
    #[inline(always)]
    fn sum_q(&self, g: &[f64], f: &[f64], q: &mut [f64]) {
        let na = self.na;
        for (a, qa) in q.iter_mut().enumerate().take(na) {
            let mut pe = 0.0;
            for (i, gi) in g.iter().enumerate() {
                pe += gi * f[i * na + a];
            }
            *qa = pe;
        }
    }

    /// The npv of every row (actors, public sector, society) for L runs at once: run `l`'s
    /// values are `xs[l]`, its npvs go to `out[l * rows..]`. The runs are independent; each
    /// gets the very operations it would get alone, done for all lanes at once.
    pub(crate) fn npv(&self, sm: &SimModel, xs: &[&[f64]; L], ws: &mut Workspace, out: &mut [f64]) {
        self.npv_at(self.level, sm, xs, ws, out)
    }

    /// [`Kernel::npv`] compiled for the instruction set `level` (which the caller has checked
    /// the processor has; [`Level::detect`] does).
    #[allow(unsafe_code)]
    pub(crate) fn npv_at(
        &self,
        level: Level,
        sm: &SimModel,
        xs: &[&[f64]; L],
        ws: &mut Workspace,
        out: &mut [f64],
    ) {
        match level {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Level::Avx512` is only made when the processor has these features.
            Level::Avx512 => unsafe { self.npv_avx512(sm, xs, ws, out) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `Level::Avx2` is only made when the processor has AVX2.
            Level::Avx2 => unsafe { self.npv_avx2(sm, xs, ws, out) },
            Level::Base => self.npv_body(sm, xs, ws, out),
        }
    }

    /// The kernel with 512-bit vectors: eight runs per register, four registers per lane vector.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512dq,avx512vl,avx2,avx")]
    fn npv_avx512(&self, sm: &SimModel, xs: &[&[f64]; L], ws: &mut Workspace, out: &mut [f64]) {
        self.npv_body(sm, xs, ws, out)
    }

    /// The kernel with 256-bit vectors.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,avx")]
    fn npv_avx2(&self, sm: &SimModel, xs: &[&[f64]; L], ws: &mut Workspace, out: &mut [f64]) {
        self.npv_body(sm, xs, ws, out)
    }

    /// The body of [`Kernel::npv`], inlined (with everything it calls) into each instruction
    /// set's copy so that the lane loops use that set's vectors.
    #[inline(always)]
    fn npv_body(&self, sm: &SimModel, xs: &[&[f64]; L], ws: &mut Workspace, out: &mut [f64]) {
        let (na, nr, nsa) = (self.na, self.na + 2, self.nsa());
        let xl = xs[0].len();
        let mut xt = std::mem::take(&mut ws.xt);
        xt.clear();
        xt.resize(xl, Z);
        for (l, x) in xs.iter().enumerate() {
            for (t, &v) in xt.iter_mut().zip(&x[..xl]) {
                t[l] = v;
            }
        }
        if self.delta.is_none() {
            ws.delta.resize_with(L, Vec::new);
            for l in 0..L {
                discount(&sm.rates, xs[l], self.h, &mut ws.delta[l]);
            }
        }
        if self.q.is_none() && self.g.is_none() {
            self.sum_g(&xt, ws);
        }
        let attribution = clamp_lanes(lanes(sm.attribution, &xt), 0.0, 1.0);
        let mut rows = std::mem::take(&mut ws.rows);
        rows.clear();
        rows.resize(nr, Z);
        if let Some(q) = &self.q {
            for (o, &qa) in rows.iter_mut().zip(q) {
                for l in 0..L {
                    o[l] = attribution[l] * qa;
                }
            }
        } else {
            // f_i[a] per lane when some amount is drawn.
            let drawn_f = !self.f_drawn.is_empty();
            if drawn_f {
                ws.fl.clear();
                ws.fl.extend(self.f.iter().map(|&v| Ln([v; L])));
                for (e, flows) in &self.f_drawn {
                    let mut acc = Z;
                    for (sg, v) in flows {
                        let v = lanes(*v, &xt);
                        for l in 0..L {
                            acc[l] += sg * v[l];
                        }
                    }
                    ws.fl[*e] = acc;
                }
            }
            for (a, o) in rows.iter_mut().enumerate().take(na) {
                let mut pe = Z;
                for i in 0..nsa {
                    let gi: Ln = match &self.g {
                        Some(g) => Ln([g[i]; L]),
                        None => ws.g[i],
                    };
                    let fi: Ln = if drawn_f {
                        ws.fl[i * na + a]
                    } else {
                        Ln([self.f[i * na + a]; L])
                    };
                    for l in 0..L {
                        pe[l] += gi[l] * fi[l];
                    }
                }
                for l in 0..L {
                    o[l] = pe[l] * attribution[l];
                }
            }
        }
        for (k, cost) in sm.costs.iter().enumerate() {
            let discounted: Ln = match &self.cost_d {
                Some(d) => Ln([d[k]; L]),
                None => {
                    let mut d = Z;
                    for l in 0..L {
                        d[l] = cost_discount(sm, &cost.spec, &ws.delta[l]);
                    }
                    d
                }
            };
            let amount = lanes(cost.amount, &xt);
            let mut total = Z;
            for l in 0..L {
                total[l] = amount[l] * discounted[l];
            }
            for (a, w) in &cost.weights {
                for l in 0..L {
                    rows[*a][l] -= total[l] * w;
                }
            }
        }
        let mut public = Z;
        let mut society = Z;
        for (a, v) in rows.iter().take(na).enumerate() {
            if sm.kinds[a] == ActorKind::Public {
                for l in 0..L {
                    public[l] += v[l];
                }
            }
            for l in 0..L {
                society[l] += v[l];
            }
        }
        rows[na] = public;
        rows[na + 1] = society;
        for (l, o) in out.chunks_exact_mut(nr).enumerate().take(L) {
            for (r, v) in o.iter_mut().zip(&rows) {
                *r = v[l];
            }
        }
        ws.rows = rows;
        ws.xt = xt;
    }
}

/// D of a cost item: the discounted count of its years.
#[inline(always)]
fn cost_discount(sm: &SimModel, spec: &CostSpec, delta: &[f64]) -> f64 {
    let h = sm.horizon;
    match spec {
        CostSpec::Fixed(years) => years.iter().map(|&t| delta[t]).fold(0.0, |acc, d| acc + d),
        CostSpec::PerParticipant(cy, only) => sm
            .groups
            .iter()
            .enumerate()
            .filter(|(g, _)| only.as_ref().is_none_or(|o| o.contains(g)))
            .flat_map(|(_, group)| group.cohorts.iter())
            .filter(|(s, _)| s.saturating_add(*cy) < h)
            .map(|(s, n)| n * delta[s + cy])
            .fold(0.0, |acc, d| acc + d),
    }
}
