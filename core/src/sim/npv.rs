//! The npv of every row for one set of drawn values, in f64, every sum in a fixed order.

use super::compile::{CostSpec, DistSpec, Moves, Rates, SimModel};
use crate::model::ActorKind;

/// Scratch space reused between runs.
#[derive(Default)]
pub(crate) struct Workspace {
    f: Vec<f64>,
    delta: Vec<f64>,
    dw: Vec<f64>,
    dn: Vec<f64>,
    g: Vec<f64>,
    tmp: Vec<f64>,
    /// Time-limited states' shares by year in the state.
    sub: Vec<Vec<f64>>,
}

impl SimModel {
    /// The npv of every row (actors, public sector, society) for the values `x`.
    pub(crate) fn npv(&self, x: &[f64], ws: &mut Workspace, out: &mut [f64]) {
        let (na, ns, h) = (self.n_actors, self.n_states, self.horizon);
        // f_i[a]
        ws.f.clear();
        ws.f.resize(ns * na, 0.0);
        for fl in &self.flows {
            ws.f[fl.state * na + fl.actor] += fl.sign * fl.value.at(x);
        }
        // δ_t
        ws.delta.clear();
        ws.delta.push(1.0);
        for t in 1..h {
            let r = match &self.rates {
                Rates::Const(v) => v.at(x).clamp(0.0, 0.999),
                Rates::Schedule(rs) => rs[t],
            };
            let prev = ws.delta[t - 1];
            ws.delta.push(prev / (1.0 + r));
        }
        // G[i] = Σ_groups Σ_k n_k Σ_c δ_{s_k+c} (dw_c[i] − dn_c[i])
        ws.g.clear();
        ws.g.resize(ns, 0.0);
        for group in &self.groups {
            self.occupancy(
                &group.start,
                &group.with,
                x,
                &mut ws.dw,
                &mut ws.tmp,
                &mut ws.sub,
            );
            self.occupancy(
                &group.start,
                &group.without,
                x,
                &mut ws.dn,
                &mut ws.tmp,
                &mut ws.sub,
            );
            for (s, n) in &group.cohorts {
                for c in 0..h - s {
                    let d = n * ws.delta[s + c];
                    for i in 0..ns {
                        ws.g[i] += d * (ws.dw[c * ns + i] - ws.dn[c * ns + i]);
                    }
                }
            }
        }
        let attribution = self.attribution.at(x).clamp(0.0, 1.0);
        for (a, o) in out.iter_mut().take(na).enumerate() {
            let mut pe = 0.0;
            for i in 0..ns {
                pe += ws.g[i] * ws.f[i * na + a];
            }
            *o = attribution * pe;
        }
        self.subtract_costs(x, &ws.delta, out);
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

    fn subtract_costs(&self, x: &[f64], delta: &[f64], out: &mut [f64]) {
        let h = self.horizon;
        for cost in &self.costs {
            let discounted = match &cost.spec {
                CostSpec::Fixed(years) => {
                    years.iter().map(|&t| delta[t]).fold(0.0, |acc, d| acc + d)
                }
                CostSpec::PerParticipant(cy, only) => self
                    .groups
                    .iter()
                    .enumerate()
                    .filter(|(g, _)| only.as_ref().is_none_or(|o| o.contains(g)))
                    .flat_map(|(_, group)| group.cohorts.iter())
                    .filter(|(s, _)| s.saturating_add(*cy) < h)
                    .map(|(s, n)| n * delta[s + cy])
                    .fold(0.0, |acc, d| acc + d),
            };
            let total = cost.amount.at(x) * discounted;
            for (a, w) in &cost.weights {
                out[*a] -= total * w;
            }
        }
    }

    fn dist_into(&self, spec: &DistSpec, x: &[f64], out: &mut [f64]) {
        out.fill(0.0);
        let mut sum = 0.0;
        for (i, v) in &spec.named {
            let s = v.at(x).clamp(0.0, 1.0);
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

    fn occupancy(
        &self,
        start: &DistSpec,
        moves: &Moves,
        x: &[f64],
        d: &mut Vec<f64>,
        tmp: &mut Vec<f64>,
        sub: &mut Vec<Vec<f64>>,
    ) {
        let (ns, h) = (self.n_states, self.horizon);
        d.clear();
        d.resize(h * ns, 0.0);
        self.dist_into(start, x, &mut d[..ns]);
        let limited =
            !matches!(moves, Moves::Trajectory(_)) && self.limits.iter().any(Option::is_some);
        if limited {
            sub.clear();
            sub.extend(self.limits.iter().enumerate().map(|(i, l)| match l {
                Some((m, _)) => {
                    let mut v = vec![0.0; *m];
                    v[0] = d[i];
                    v
                }
                None => Vec::new(),
            }));
        }
        for c in 1..h {
            let (done, rest) = d.split_at_mut(c * ns);
            let prev = &done[(c - 1) * ns..];
            let cur = &mut rest[..ns];
            match moves {
                Moves::Trajectory(entries) => match entries.iter().rev().find(|(y, _)| *y <= c) {
                    Some((_, spec)) => self.dist_into(spec, x, cur),
                    None => cur.copy_from_slice(&done[..ns]),
                },
                Moves::Stay if !limited => cur.copy_from_slice(prev),
                Moves::Stay => self.step(&[], c, x, prev, cur, tmp, sub),
                Moves::Transitions(rules) if limited => self.step(rules, c, x, prev, cur, tmp, sub),
                Moves::Transitions(rules) => {
                    // Without time limits, in the order the golden simulation vectors were
                    // made with: start from last year, add what enters, take what leaves.
                    tmp.clear();
                    tmp.resize(2 * ns, 0.0);
                    let share = |r: &super::compile::SimRule| r.share.at(x).clamp(0.0, 1.0);
                    for r in rules {
                        if r.from_year <= c && c <= r.to_year {
                            tmp[r.from] += share(r);
                        }
                    }
                    cur.copy_from_slice(prev);
                    for r in rules {
                        if r.from_year <= c && c <= r.to_year {
                            let scale = if tmp[r.from] > 1.0 {
                                1.0 / tmp[r.from]
                            } else {
                                1.0
                            };
                            let moved = share(r) * scale * prev[r.from];
                            tmp[ns + r.from] += moved;
                            cur[r.to] += moved;
                        }
                    }
                    for i in 0..ns {
                        cur[i] -= tmp[ns + i];
                    }
                }
            }
        }
    }

    /// One year of transitions (and of time limits, when some state has one): drawn outflows
    /// above 1 are scaled down so that at most everyone leaves.
    #[allow(clippy::too_many_arguments)]
    fn step(
        &self,
        rules: &[super::compile::SimRule],
        c: usize,
        x: &[f64],
        prev: &[f64],
        cur: &mut [f64],
        tmp: &mut Vec<f64>,
        sub: &mut [Vec<f64>],
    ) {
        let ns = self.n_states;
        // tmp[0..ns]: total share leaving each state; tmp[ns..2ns]: what left each unlimited
        // state; tmp[2ns..3ns]: what entered each state.
        tmp.clear();
        tmp.resize(3 * ns, 0.0);
        let share = |r: &super::compile::SimRule| r.share.at(x).clamp(0.0, 1.0);
        let active = |r: &&super::compile::SimRule| r.from_year <= c && c <= r.to_year;
        for r in rules.iter().filter(active) {
            tmp[r.from] += share(r);
        }
        let mut out_sub: Vec<Vec<f64>> = sub.iter().map(|v| vec![0.0; v.len()]).collect();
        for r in rules.iter().filter(active) {
            let scale = if tmp[r.from] > 1.0 {
                1.0 / tmp[r.from]
            } else {
                1.0
            };
            let s = share(r) * scale;
            if self.limits[r.from].is_none() {
                let moved = s * prev[r.from];
                tmp[ns + r.from] += moved;
                tmp[2 * ns + r.to] += moved;
            } else {
                for (k, y) in sub[r.from].iter().enumerate() {
                    let moved = s * y;
                    out_sub[r.from][k] += moved;
                    tmp[2 * ns + r.to] += moved;
                }
            }
        }
        for (i, l) in self.limits.iter().enumerate() {
            if let Some((m, then)) = l {
                tmp[2 * ns + then] += sub[i][m - 1] - out_sub[i][m - 1];
            }
        }
        for i in 0..ns {
            match self.limits[i] {
                None => cur[i] = prev[i] - tmp[ns + i] + tmp[2 * ns + i],
                Some((m, _)) => {
                    let mut next = vec![0.0; m];
                    next[0] = tmp[2 * ns + i];
                    for k in 0..m - 1 {
                        next[k + 1] = sub[i][k] - out_sub[i][k];
                    }
                    cur[i] = next.iter().sum();
                    sub[i] = next;
                }
            }
        }
    }
}
