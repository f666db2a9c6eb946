//! Monte Carlo simulation (SPEC §6): the npv of every row under uncertainty.
//!
//! The deterministic report is exact decimal; the simulation runs in `f64` for speed (10,000
//! runs in a few milliseconds) and is still **bit-for-bit reproducible on every platform**:
//!
//! * draws come from ChaCha8 (`rand_chacha`), seeded with `seed_from_u64(seed)`; each draw
//!   takes 64-bit outputs and maps them to (0, 1) as `((x >> 11) + 0.5) / 2^53`;
//! * the only transcendental functions (`ln`, `cos`, for normal and PERT draws) come from the
//!   pure-Rust `libm`, never the platform's; `+ − × ÷ sqrt` are IEEE-exact everywhere and Rust
//!   never fuses them;
//! * every sum runs in a fixed order.
//!
//! The npv is computed from the linear structure of SPEC §3: npv[a] = attribution ·
//! Σ_i G[i]·f_i[a] − Σ_items amount·w_a·D_item, where G[i] = Σ_k n_k Σ_c δ_{s_k+c}
//! (d_with_c[i] − d_without_c[i]) and D_item is the discounted count of the item's years. It
//! agrees with the exact report at the point values (tested).

use crate::error::Result;
use crate::model::{ActorKind, DiscountRate, FlowType, Model};
use crate::num::{DistKind, Distribution, Param, Share};
use crate::uncertainty::{check_runs, inline_base};
use crate::validate::{self, CostKind, Options, Validated};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The most runs one simulation may ask for.
pub const MAX_RUNS: u64 = 10_000_000;
/// Up to this many runs, quantiles are exact (the draws are kept and selected); above it they
/// come from a second pass over the same draws into a fine histogram.
pub const EXACT_QUANTILE_RUNS: u64 = 200_000;
const FINE_BINS: usize = 1 << 16;
/// Bins of the histogram reported per row.
pub const HISTOGRAM_BINS: usize = 30;

fn f(d: Decimal) -> f64 {
    // Rust's float parsing is correctly rounded, so this is the same on every platform.
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// A number of the compiled model: a constant or the index of an uncertain parameter.
#[derive(Clone, Copy, Debug)]
enum V {
    C(f64),
    S(usize),
}

#[derive(Clone, Debug)]
struct DistSpec {
    named: Vec<(usize, V)>,
    rest: Option<usize>,
}

#[derive(Clone, Debug)]
enum Moves {
    Stay,
    Transitions(Vec<(usize, usize, V, usize, usize)>),
    Trajectory(Vec<(usize, DistSpec)>),
}

#[derive(Clone, Debug)]
enum Rates {
    Const(V),
    Schedule(Vec<f64>),
}

#[derive(Clone, Debug)]
enum CostSpec {
    Fixed(Vec<usize>),
    PerParticipant(usize),
}

/// A cost item: when it falls, its amount, and the financing weights by actor.
type CostEntry = (CostSpec, V, Vec<(usize, f64)>);

/// A parameter drawn in every run, with its distribution's numbers as f64.
#[derive(Clone, Debug)]
struct Slot {
    kind: DistKind,
    a: f64,
    b: f64,
    c: f64,
}

/// The model compiled for fast repeated evaluation in f64.
pub struct SimModel {
    n_actors: usize,
    n_states: usize,
    horizon: usize,
    kinds: Vec<ActorKind>,
    flows: Vec<(usize, usize, f64, V)>,
    start: DistSpec,
    with: Moves,
    without: Moves,
    cohorts: Vec<(usize, f64)>,
    costs: Vec<CostEntry>,
    attribution: V,
    rates: Rates,
    slots: Vec<Slot>,
    /// (path, distribution) of each uncertain parameter, in draw order.
    pub parameters: Vec<(String, Distribution)>,
    /// Row ids and names, in report order (actors, public_sector, society).
    pub rows: Vec<(String, String, String)>,
}

struct Compiler {
    slots: Vec<Slot>,
    parameters: Vec<(String, Distribution)>,
}

impl Compiler {
    fn v(&mut self, p: &Param, path: String) -> V {
        match p {
            Param::Point(n) => V::C(f(n.value())),
            Param::Dist(d) => {
                let g = |n: Option<crate::num::Num>| n.map(|n| f(n.value())).unwrap_or(0.0);
                let slot = match d.dist {
                    DistKind::Triangular | DistKind::Pert => Slot {
                        kind: d.dist,
                        a: g(d.min),
                        b: g(d.mode),
                        c: g(d.max),
                    },
                    DistKind::Uniform => Slot {
                        kind: d.dist,
                        a: g(d.min),
                        b: 0.0,
                        c: g(d.max),
                    },
                    DistKind::Normal => Slot {
                        kind: d.dist,
                        a: g(d.mean),
                        b: g(d.sd),
                        c: 0.0,
                    },
                };
                self.slots.push(slot);
                self.parameters.push((path, (**d).clone()));
                V::S(self.slots.len() - 1)
            }
        }
    }

    fn dist(
        &mut self,
        shares: &indexmap::IndexMap<String, Share>,
        path: &str,
        states: &HashMap<&str, usize>,
    ) -> DistSpec {
        let mut named = Vec::new();
        let mut rest = None;
        for (id, s) in shares {
            let i = states[id.as_str()];
            match s {
                Share::Rest => rest = Some(i),
                Share::Value(p) => named.push((i, self.v(p, format!("{path}.{id}")))),
            }
        }
        DistSpec { named, rest }
    }
}

impl SimModel {
    /// Compiles a model (its base inlined) for simulation.
    pub fn compile(model: &Model, opts: &Options) -> Result<SimModel> {
        let m = inline_base(model, opts)?;
        let v: Validated = validate::validate(&m, &Options::default())?;
        let actors: HashMap<&str, usize> = v
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        let states: HashMap<&str, usize> = v
            .states
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let mut c = Compiler {
            slots: Vec::new(),
            parameters: Vec::new(),
        };
        // Parameters are compiled in the order of `uncertainty::visit_params`.
        let mut flows = Vec::new();
        for (i, s) in m.states.iter().enumerate() {
            for (j, fl) in s.flows.iter().enumerate() {
                let val = c.v(&fl.amount, format!("states[{i}].flows[{j}].amount"));
                let id = |o: &Option<String>| actors[o.as_deref().unwrap_or_default()];
                match fl.kind {
                    FlowType::Transfer => {
                        flows.push((i, id(&fl.from), -1.0, val));
                        flows.push((i, id(&fl.to), 1.0, val));
                    }
                    FlowType::Resource => flows.push((i, id(&fl.actor), -1.0, val)),
                    FlowType::Production => flows.push((i, id(&fl.actor), 1.0, val)),
                }
            }
        }
        let mut costs = Vec::new();
        for (i, (cost, rc)) in m.intervention.costs.iter().zip(&v.costs).enumerate() {
            let amount = match (&cost.amount, &cost.per_participant) {
                (Some(a), _) => c.v(a, format!("intervention.costs[{i}].amount")),
                (_, Some(a)) => c.v(a, format!("intervention.costs[{i}].per_participant")),
                _ => V::C(0.0),
            };
            let spec = match &rc.kind {
                CostKind::Fixed { years, .. } => CostSpec::Fixed(years.clone()),
                CostKind::PerParticipant { cohort_year, .. } => {
                    CostSpec::PerParticipant(*cohort_year)
                }
            };
            costs.push((
                spec,
                amount,
                rc.weights.iter().map(|(a, w)| (*a, f(*w))).collect(),
            ));
        }
        let start = c.dist(&m.intervention.start, "intervention.start", &states);
        let horizon = v.horizon;
        let mut moves = |name: &str, sc: &Option<crate::model::Scenario>| -> Moves {
            let Some(sc) = sc else { return Moves::Stay };
            if let Some(ts) = &sc.transitions {
                let rules = ts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let from_year = t.from_year.map(|n| f(n.value()) as usize).unwrap_or(1);
                        let to_year = t
                            .to_year
                            .map(|n| (f(n.value()) as usize).min(horizon))
                            .unwrap_or(horizon);
                        let share =
                            c.v(&t.share, format!("scenarios.{name}.transitions[{i}].share"));
                        (
                            states[t.from.as_str()],
                            states[t.to.as_str()],
                            share,
                            from_year,
                            to_year,
                        )
                    })
                    .collect();
                return Moves::Transitions(rules);
            }
            if let Some(es) = &sc.trajectory {
                let mut entries: Vec<(usize, DistSpec)> = es
                    .iter()
                    .enumerate()
                    .map(|(i, e)| {
                        let spec = c.dist(
                            &e.shares,
                            &format!("scenarios.{name}.trajectory[{i}].shares"),
                            &states,
                        );
                        (f(e.year.value()) as usize, spec)
                    })
                    .collect();
                entries.sort_by_key(|(y, _)| *y);
                return Moves::Trajectory(entries);
            }
            Moves::Stay
        };
        let with = moves("with", &m.scenarios.with);
        let without = moves("without", &m.scenarios.without);
        let attribution = match m.analysis.as_ref().and_then(|a| a.attribution.as_ref()) {
            Some(p) => c.v(p, "analysis.attribution".into()),
            None => V::C(1.0),
        };
        let rates = match &m.discount_rate {
            Some(DiscountRate::Constant(p)) => Rates::Const(c.v(p, "discount_rate".into())),
            _ => Rates::Schedule(v.rates.iter().take(horizon).map(|r| f(*r)).collect()),
        };
        let mut rows: Vec<(String, String, String)> = v
            .actors
            .iter()
            .map(|a| {
                (
                    a.id.clone(),
                    a.name.get("sv").to_string(),
                    a.kind.as_str().to_string(),
                )
            })
            .collect();
        rows.push((
            "public_sector".into(),
            "Offentlig sektor".into(),
            "aggregate".into(),
        ));
        rows.push(("society".into(), "Samhället".into(), "aggregate".into()));
        Ok(SimModel {
            n_actors: v.actors.len(),
            n_states: v.states.len(),
            horizon,
            kinds: v.actors.iter().map(|a| a.kind).collect(),
            flows,
            start,
            with,
            without,
            cohorts: v
                .cohorts
                .iter()
                .map(|k| (k.start, f(k.participants)))
                .collect(),
            costs,
            attribution,
            rates,
            slots: c.slots,
            parameters: c.parameters,
            rows,
        })
    }

    /// Number of rows (actors + public sector + society).
    pub fn n_rows(&self) -> usize {
        self.n_actors + 2
    }

    /// The point value of every uncertain parameter (mode, or the mean).
    pub fn point_values(&self) -> Vec<f64> {
        self.slots
            .iter()
            .map(|s| match s.kind {
                DistKind::Triangular | DistKind::Pert => s.b,
                DistKind::Uniform => (s.a + s.c) / 2.0,
                DistKind::Normal => s.a,
            })
            .collect()
    }

    /// The npv of every row for one set of parameter values.
    pub fn npv(&self, x: &[f64], ws: &mut Workspace, out: &mut [f64]) {
        let (na, ns, h) = (self.n_actors, self.n_states, self.horizon);
        let val = |v: &V| match v {
            V::C(c) => *c,
            V::S(i) => x[*i],
        };
        // f_i[a]
        ws.f.clear();
        ws.f.resize(ns * na, 0.0);
        for (i, a, sign, v) in &self.flows {
            ws.f[i * na + a] += sign * val(v);
        }
        // δ_t
        ws.delta.clear();
        ws.delta.push(1.0);
        for t in 1..h {
            let r = match &self.rates {
                Rates::Const(v) => val(v).clamp(0.0, 0.999),
                Rates::Schedule(rs) => rs[t],
            };
            let prev = ws.delta[t - 1];
            ws.delta.push(prev / (1.0 + r));
        }
        // Occupancy, both scenarios.
        self.occupancy(&self.with, x, &mut ws.dw, &mut ws.tmp);
        self.occupancy(&self.without, x, &mut ws.dn, &mut ws.tmp);
        // G[i] = Σ_k n_k Σ_c δ_{s_k+c} (dw_c[i] − dn_c[i])
        ws.g.clear();
        ws.g.resize(ns, 0.0);
        for (s, n) in &self.cohorts {
            for c in 0..h - s {
                let d = n * ws.delta[s + c];
                for i in 0..ns {
                    ws.g[i] += d * (ws.dw[c * ns + i] - ws.dn[c * ns + i]);
                }
            }
        }
        let attribution = val(&self.attribution).clamp(0.0, 1.0);
        for (a, o) in out.iter_mut().take(na).enumerate() {
            let mut pe = 0.0;
            for i in 0..ns {
                pe += ws.g[i] * ws.f[i * na + a];
            }
            *o = attribution * pe;
        }
        // Costs.
        for (spec, amount, weights) in &self.costs {
            let discounted = match spec {
                CostSpec::Fixed(years) => years
                    .iter()
                    .map(|&t| ws.delta[t])
                    .fold(0.0, |acc, d| acc + d),
                CostSpec::PerParticipant(cy) => self
                    .cohorts
                    .iter()
                    .filter(|(s, _)| s + cy < h)
                    .map(|(s, n)| n * ws.delta[s + cy])
                    .fold(0.0, |acc, d| acc + d),
            };
            let total = val(amount) * discounted;
            for (a, w) in weights {
                out[*a] -= total * w;
            }
        }
        let mut public = 0.0;
        let mut society = 0.0;
        for (a, &v) in out.iter().take(na).enumerate() {
            if self.kinds[a] == ActorKind::Public {
                public += v;
            }
            society += v;
        }
        out[na] = public;
        out[na + 1] = society;
    }

    fn dist_into(&self, spec: &DistSpec, x: &[f64], out: &mut [f64]) {
        out.fill(0.0);
        let mut sum = 0.0;
        for (i, v) in &spec.named {
            let s = match v {
                V::C(c) => *c,
                V::S(k) => x[*k],
            }
            .clamp(0.0, 1.0);
            out[*i] = s;
            sum += s;
        }
        if let Some(r) = spec.rest {
            if sum > 1.0 {
                // "rest" would fall below 0: scale the named shares down so that it is 0.
                for (i, _) in &spec.named {
                    out[*i] /= sum;
                }
                out[r] = 0.0;
            } else {
                out[r] = 1.0 - sum;
            }
        }
    }

    fn occupancy(&self, moves: &Moves, x: &[f64], d: &mut Vec<f64>, tmp: &mut Vec<f64>) {
        let (ns, h) = (self.n_states, self.horizon);
        d.clear();
        d.resize(h * ns, 0.0);
        self.dist_into(&self.start, x, &mut d[..ns]);
        for c in 1..h {
            let (done, rest) = d.split_at_mut(c * ns);
            let prev = &done[(c - 1) * ns..];
            let cur = &mut rest[..ns];
            match moves {
                Moves::Stay => cur.copy_from_slice(prev),
                Moves::Trajectory(entries) => match entries.iter().rev().find(|(y, _)| *y <= c) {
                    Some((_, spec)) => self.dist_into(spec, x, cur),
                    None => cur.copy_from_slice(&done[..ns]),
                },
                Moves::Transitions(rules) => {
                    // tmp[0..ns]: total share leaving each state; drawn outflows above 1 are
                    // scaled down so that at most everyone leaves.
                    tmp.clear();
                    tmp.resize(2 * ns, 0.0);
                    let share = |v: &V| {
                        match v {
                            V::C(c) => *c,
                            V::S(k) => x[*k],
                        }
                        .clamp(0.0, 1.0)
                    };
                    for (from, _, s, fy, ty) in rules {
                        if *fy <= c && c <= *ty {
                            tmp[*from] += share(s);
                        }
                    }
                    cur.copy_from_slice(prev);
                    for (from, to, s, fy, ty) in rules {
                        if *fy <= c && c <= *ty {
                            let scale = if tmp[*from] > 1.0 {
                                1.0 / tmp[*from]
                            } else {
                                1.0
                            };
                            let moved = share(s) * scale * prev[*from];
                            tmp[ns + *from] += moved;
                            cur[*to] += moved;
                        }
                    }
                    for i in 0..ns {
                        cur[i] -= tmp[ns + i];
                    }
                }
            }
        }
    }

    /// Draws one set of parameter values.
    fn draw(&self, rng: &mut ChaCha8Rng, x: &mut [f64]) {
        for (slot, xi) in self.slots.iter().zip(x.iter_mut()) {
            *xi = draw(slot, rng);
        }
    }
}

/// Scratch space reused between runs.
#[derive(Default)]
pub struct Workspace {
    f: Vec<f64>,
    delta: Vec<f64>,
    dw: Vec<f64>,
    dn: Vec<f64>,
    g: Vec<f64>,
    tmp: Vec<f64>,
}

/// A uniform number in the open interval (0, 1) from 53 random bits.
fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
}

/// A standard normal number (Box–Muller, cosine branch).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1 = uniform(rng);
    let u2 = uniform(rng);
    (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * u2)
}

/// Gamma(a, 1) for a ≥ 1 (Marsaglia and Tsang).
fn gamma(a: f64, rng: &mut ChaCha8Rng) -> f64 {
    let d = a - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    loop {
        let z = normal(rng);
        let v = 1.0 + c * z;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = uniform(rng);
        if u < 1.0 - 0.0331 * z * z * z * z {
            return d * v;
        }
        if libm::log(u) < 0.5 * z * z + d * (1.0 - v + libm::log(v)) {
            return d * v;
        }
    }
}

fn draw(s: &Slot, rng: &mut ChaCha8Rng) -> f64 {
    match s.kind {
        DistKind::Uniform => s.a + (s.c - s.a) * uniform(rng),
        DistKind::Triangular => {
            let (min, mode, max) = (s.a, s.b, s.c);
            let u = uniform(rng);
            if max <= min {
                return min;
            }
            let fc = (mode - min) / (max - min);
            if u < fc {
                min + (u * (max - min) * (mode - min)).sqrt()
            } else {
                max - ((1.0 - u) * (max - min) * (max - mode)).sqrt()
            }
        }
        DistKind::Normal => s.a + s.b * normal(rng),
        DistKind::Pert => {
            let (min, mode, max) = (s.a, s.b, s.c);
            if max <= min {
                return min;
            }
            let alpha = 1.0 + 4.0 * (mode - min) / (max - min);
            let beta = 1.0 + 4.0 * (max - mode) / (max - min);
            let x = gamma(alpha, rng);
            let y = gamma(beta, rng);
            min + (max - min) * x / (x + y)
        }
    }
}

/// Counts of equal-width bins between `min` and `max` (the last bin includes `max`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    pub min: f64,
    pub max: f64,
    pub counts: Vec<u64>,
}

/// Summary statistics of one row's npv over the runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub mean: f64,
    pub sd: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    /// The share of runs with npv > 0 ("chance benefits exceed costs").
    pub p_positive: f64,
    pub histogram: Histogram,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimParameter {
    pub path: String,
    pub dist: Distribution,
}

/// The result of [`simulate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    pub format: String,
    pub runs: u64,
    pub seed: u64,
    /// "exact" (selected from all draws) or "histogram" (a second pass; within one of 65,536
    /// bins between the smallest and largest npv).
    pub quantiles: String,
    pub parameters: Vec<SimParameter>,
    pub rows: Vec<SimRow>,
    /// The npv of every run, per row (only when asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draws: Option<Vec<Vec<f64>>>,
}

impl Simulation {
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("serialises");
        s.push('\n');
        s
    }
}

/// Type-7 quantile (linear between order statistics, as numpy's default) of unsorted data.
fn quantile(data: &mut [f64], p: f64) -> f64 {
    let n = data.len();
    if n == 1 {
        return data[0];
    }
    let h = (n - 1) as f64 * p;
    let lo = h.floor() as usize;
    let (_, &mut a, right) = data.select_nth_unstable_by(lo, |x, y| x.total_cmp(y));
    if lo + 1 >= n {
        return a;
    }
    let b = right.iter().copied().fold(f64::INFINITY, f64::min);
    a + (h - lo as f64) * (b - a)
}

fn bin(x: f64, min: f64, max: f64, bins: usize) -> usize {
    if max <= min {
        return 0;
    }
    (((x - min) / (max - min) * bins as f64) as usize).min(bins - 1)
}

/// Runs the Monte Carlo simulation: `runs` draws of every uncertain parameter (ChaCha8 seeded
/// with `seed`); per row the mean, standard deviation (Welford, n − 1), 5th/50th/95th
/// percentiles, the share of runs with npv > 0, and a histogram. `progress` is called with the
/// number of runs done, every 1/100 of the way.
pub fn simulate(
    model: &Model,
    opts: &Options,
    runs: u64,
    seed: u64,
    keep_draws: bool,
    progress: &mut dyn FnMut(u64),
) -> Result<Simulation> {
    check_runs(runs)?;
    let sm = SimModel::compile(model, opts)?;
    let nr = sm.n_rows();
    let exact = runs <= EXACT_QUANTILE_RUNS || keep_draws;
    let mut ws = Workspace::default();
    let mut x = vec![0.0; sm.slots.len()];
    let mut out = vec![0.0; nr];
    let mut mean = vec![0.0; nr];
    let mut m2 = vec![0.0; nr];
    let mut positive = vec![0u64; nr];
    let mut min = vec![f64::INFINITY; nr];
    let mut max = vec![f64::NEG_INFINITY; nr];
    let mut kept: Vec<Vec<f64>> = if exact {
        vec![Vec::with_capacity(runs as usize); nr]
    } else {
        vec![]
    };
    let step = (runs / 100).max(1);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    for k in 0..runs {
        sm.draw(&mut rng, &mut x);
        sm.npv(&x, &mut ws, &mut out);
        let n = (k + 1) as f64;
        for r in 0..nr {
            let v = out[r];
            let d = v - mean[r];
            mean[r] += d / n;
            m2[r] += d * (v - mean[r]);
            if v > 0.0 {
                positive[r] += 1;
            }
            min[r] = min[r].min(v);
            max[r] = max[r].max(v);
            if exact {
                kept[r].push(v);
            }
        }
        if (k + 1) % step == 0 {
            progress(k + 1);
        }
    }
    let mut hist = vec![vec![0u64; HISTOGRAM_BINS]; nr];
    let mut quantiles = vec![[0.0f64; 3]; nr];
    let ps = [0.05, 0.5, 0.95];
    if exact {
        for r in 0..nr {
            for &v in &kept[r] {
                hist[r][bin(v, min[r], max[r], HISTOGRAM_BINS)] += 1;
            }
            let mut data = kept[r].clone();
            for (q, p) in quantiles[r].iter_mut().zip(ps) {
                *q = quantile(&mut data, p);
            }
        }
    } else {
        // Second pass over the very same draws into fine histograms.
        let mut fine = vec![vec![0u64; FINE_BINS]; nr];
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        for _ in 0..runs {
            sm.draw(&mut rng, &mut x);
            sm.npv(&x, &mut ws, &mut out);
            for r in 0..nr {
                fine[r][bin(out[r], min[r], max[r], FINE_BINS)] += 1;
                hist[r][bin(out[r], min[r], max[r], HISTOGRAM_BINS)] += 1;
            }
        }
        for r in 0..nr {
            let width = (max[r] - min[r]) / FINE_BINS as f64;
            for (q, p) in quantiles[r].iter_mut().zip(ps) {
                let h = (runs - 1) as f64 * p;
                let mut before = 0u64;
                *q = max[r];
                for (b, &count) in fine[r].iter().enumerate() {
                    if count > 0 && (before + count) as f64 > h {
                        *q = min[r] + width * (b as f64 + (h - before as f64 + 0.5) / count as f64);
                        break;
                    }
                    before += count;
                }
            }
        }
    }
    let rows = sm
        .rows
        .iter()
        .enumerate()
        .map(|(r, (id, name, kind))| SimRow {
            id: id.clone(),
            name: name.clone(),
            kind: kind.clone(),
            mean: mean[r],
            sd: if runs > 1 {
                (m2[r] / (runs - 1) as f64).sqrt()
            } else {
                0.0
            },
            p5: quantiles[r][0],
            p50: quantiles[r][1],
            p95: quantiles[r][2],
            p_positive: positive[r] as f64 / runs as f64,
            histogram: Histogram {
                min: min[r],
                max: max[r],
                counts: hist[r].clone(),
            },
        })
        .collect();
    Ok(Simulation {
        format: "ekusia-simulation/1".into(),
        runs,
        seed,
        quantiles: if exact { "exact" } else { "histogram" }.into(),
        parameters: sm
            .parameters
            .iter()
            .map(|(path, dist)| SimParameter {
                path: path.clone(),
                dist: dist.clone(),
            })
            .collect(),
        rows,
        draws: if keep_draws { Some(kept) } else { None },
    })
}
