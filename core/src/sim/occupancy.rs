//! The discounted occupancy of one group in one scenario, for L runs at once.
//!
//! A year of transitions is written in the arithmetic (docs/uncertainty.md) as a scatter: each
//! rule moves `share × occupancy` out of its state and into another, and a state's new
//! occupancy is its old one less what left plus what entered, each of those sums formed from 0
//! in the order of the rules. Here each state **gathers** its own sums instead, term by term in
//! that very order (a [`Plan`] per segment of years lists them), so every sum is the same
//! rounded sum, while the kernel reads each value and writes each result once instead of
//! adding into scratch arrays in memory.
//!
//! Lane arrays are filled by plain loops, not `std::array::from_fn`: that one is not inlined
//! into the AVX copies of the kernel and costs a call and a stall per use.

// Lane loops index several arrays by the same lane on purpose: that is what vectorises.
#![allow(clippy::needless_range_loop)]

use super::compile::{DistSpec, SimRule};
use super::npv::{clamp_lanes, lanes, Kernel, Ln, Mv, Workspace, L, Z};

/// Cohort years `first..=last` (≥ 1), in which the rules `rules` (indices, in order) apply.
pub(super) struct Segment {
    first: usize,
    last: usize,
    rules: Vec<usize>,
    /// The states that two or more of the active rules leave, with those rules (in order): only
    /// their shares may sum to more than 1 and need scaling; a state left by one rule keeps its
    /// clamped share (its sum is that share, at most 1, so the scale is exactly 1).
    shared: Vec<(usize, Vec<usize>)>,
    /// The year's sums, state by state.
    plan: Plan,
}

/// A term of what enters a state in a year.
#[derive(Clone, Copy, Debug, PartialEq)]
enum In {
    /// Rule `k` from an unlimited state: its share × that state's occupancy.
    Move { k: usize, from: usize },
    /// Rule `k` from a limited state: its share × that state's people in their year `sub`
    /// (an index into the years-in-state scratch), one term per year in the state.
    Sub { k: usize, sub: usize },
    /// The people of a limited state in its last year who did not move: they reach the limit
    /// (`sub` is the index of that last year).
    Spill { sub: usize },
}

/// One year's sums, in the order the scatter form adds their terms. Ranges index the flat
/// lists, one range per reachable state.
#[derive(Default)]
struct Plan {
    /// The rules leaving each state (they apply to its occupancy, or to each of its years in
    /// the state when it is limited), in rule order.
    out: Vec<(usize, usize)>,
    out_k: Vec<usize>,
    /// The terms entering each state, in the order they are added.
    into: Vec<(usize, usize)>,
    into_t: Vec<In>,
}

/// The time limits of the reachable states, as the plans need them.
pub(super) struct Limits<'a> {
    /// Per state: (years, the state reached) when limited.
    pub(super) limits: &'a [Option<(usize, usize)>],
    /// Per state: where its years-in-state start in the scratch.
    pub(super) sub_off: &'a [usize],
    /// Whether any state is limited (then every year takes the limited form).
    pub(super) any: bool,
}

impl Plan {
    fn new(rules: &[SimRule], active: &[usize], lim: &Limits) -> Plan {
        let nsa = lim.limits.len();
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); nsa];
        let mut into: Vec<Vec<In>> = vec![Vec::new(); nsa];
        for &k in active {
            let r = &rules[k];
            out[r.from].push(k);
            match lim.limits[r.from] {
                Some((m, _)) if lim.any => {
                    let o = lim.sub_off[r.from];
                    into[r.to].extend((0..m).map(|j| In::Sub { k, sub: o + j }));
                }
                _ => into[r.to].push(In::Move { k, from: r.from }),
            }
        }
        if lim.any {
            for (i, l) in lim.limits.iter().enumerate() {
                if let Some((m, then)) = l {
                    into[*then].push(In::Spill {
                        sub: lim.sub_off[i] + m - 1,
                    });
                }
            }
        }
        let mut p = Plan::default();
        for i in 0..nsa {
            p.out.push((p.out_k.len(), p.out_k.len() + out[i].len()));
            p.out_k.extend(&out[i]);
            p.into
                .push((p.into_t.len(), p.into_t.len() + into[i].len()));
            p.into_t.extend(&into[i]);
        }
        p
    }
}

/// The states left by two or more of `active`, with those rules in order.
fn shared_from(rules: &[SimRule], active: &[usize]) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for &k in active {
        let from = rules[k].from;
        match out.iter_mut().find(|(f, _)| *f == from) {
            Some((_, ks)) => ks.push(k),
            None => out.push((from, vec![k])),
        }
    }
    out.retain(|(_, ks)| ks.len() > 1);
    out
}

/// Cuts cohort years 1..h into segments of the same active rules.
pub(super) fn segments(rules: &[SimRule], h: usize, lim: &Limits) -> Vec<Segment> {
    let mut cuts: Vec<usize> = vec![1, h];
    for r in rules {
        cuts.push(r.from_year.clamp(1, h));
        cuts.push(r.to_year.saturating_add(1).clamp(1, h));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let active: Vec<usize> = (0..rules.len())
                .filter(|&k| rules[k].from_year <= w[0] && w[0] <= rules[k].to_year)
                .collect();
            Segment {
                first: w[0],
                last: w[1] - 1,
                shared: shared_from(rules, &active),
                plan: Plan::new(rules, &active, lim),
                rules: active,
            }
        })
        .collect()
}

/// e[i] += w · d[i], lane by lane.
#[inline(always)]
pub(super) fn add_weighted(e: &mut [Ln], w: &Ln, d: &[Ln]) {
    for (ei, di) in e.iter_mut().zip(d) {
        for l in 0..L {
            ei[l] += w[l] * di[l];
        }
    }
}

/// `acc + a × b`, lane by lane (two roundings: Rust never fuses them).
#[inline(always)]
fn add_product(acc: &mut Ln, a: &Ln, b: &Ln) {
    for l in 0..L {
        acc[l] += a[l] * b[l];
    }
}

impl Kernel {
    /// A distribution over states for every lane: the named shares clamped to [0, 1]; if they
    /// sum to more than 1, scaled down so that "rest" is 0, else "rest" takes what is left.
    #[inline(always)]
    pub(super) fn dist_lanes(spec: &DistSpec, xt: &[Ln], out: &mut [Ln]) {
        out.fill(Z);
        let mut sum = Z;
        for (i, v) in &spec.named {
            let s = clamp_lanes(lanes(*v, xt), 0.0, 1.0);
            out[*i] = s;
            for l in 0..L {
                sum[l] += s[l];
            }
        }
        if let Some(r) = spec.rest {
            for l in 0..L {
                if sum[l] > 1.0 {
                    for (i, _) in &spec.named {
                        out[*i][l] /= sum[l];
                    }
                    out[r][l] = 0.0;
                } else {
                    out[r][l] = 1.0 - sum[l];
                }
            }
        }
    }

    /// The discounted occupancy E[i] = Σ_c W[c] d_c[i] of one group in one scenario, for L
    /// runs at once (structure of arrays: every state holds one value per lane).
    #[inline(always)]
    pub(super) fn occupancy(
        &self,
        start: &DistSpec,
        moves: &Mv,
        w: &[Ln],
        xt: &[Ln],
        ws: &mut Workspace,
        e: &mut Vec<Ln>,
    ) {
        let (nsa, h) = (self.nsa(), self.h);
        e.clear();
        e.resize(nsa, Z);
        let Workspace {
            d0,
            prev,
            cur,
            entered,
            eff,
            sub,
            out_sub,
            sh,
            ..
        } = ws;
        d0.clear();
        d0.resize(nsa, Z);
        Self::dist_lanes(start, xt, d0);
        add_weighted(e, &w[0], d0);
        let (rules, segs): (&[SimRule], &[Segment]) = match moves {
            Mv::Trajectory(entries) => {
                cur.clear();
                cur.resize(nsa, Z);
                for c in 1..h {
                    match entries.iter().rev().find(|(y, _)| *y <= c) {
                        Some((_, spec)) => Self::dist_lanes(spec, xt, cur),
                        None => cur.copy_from_slice(d0),
                    }
                    add_weighted(e, &w[c], cur);
                }
                return;
            }
            Mv::Stay => {
                for wc in &w[1..h] {
                    add_weighted(e, wc, d0);
                }
                return;
            }
            Mv::Transitions(rules, segs) => (rules, segs),
        };
        let limited = self.any_limit;
        prev.clear();
        prev.extend_from_slice(d0);
        cur.clear();
        cur.resize(nsa, Z);
        entered.clear();
        entered.resize(nsa, Z);
        eff.clear();
        eff.resize(rules.len(), Z);
        if limited {
            sub.clear();
            sub.resize(self.sub_len, Z);
            out_sub.clear();
            out_sub.resize(self.sub_len, Z);
            for (i, l) in self.limits.iter().enumerate() {
                if l.is_some() {
                    sub[self.sub_off[i]] = d0[i];
                }
            }
        }
        // Each rule's share, clamped to [0, 1], per lane.
        sh.clear();
        sh.extend(
            rules
                .iter()
                .map(|r| clamp_lanes(lanes(r.share, xt), 0.0, 1.0)),
        );
        for seg in segs {
            // Each rule's share this segment, per lane: drawn outflows above 1 scaled down so
            // that at most everyone leaves. A state left by one rule keeps its share (the
            // scale is 1); for one left by several, their sum (from 0, in order) decides.
            for &k in &seg.rules {
                eff[k] = sh[k];
            }
            for (_, ks) in &seg.shared {
                let mut total = Z;
                for &k in ks {
                    for l in 0..L {
                        total[l] += sh[k][l];
                    }
                }
                let mut scale = [1.0; L];
                for l in 0..L {
                    if total[l] > 1.0 {
                        scale[l] = 1.0 / total[l];
                    }
                }
                for &k in ks {
                    for l in 0..L {
                        eff[k][l] = sh[k][l] * scale[l];
                    }
                }
            }
            let p = &seg.plan;
            for c in seg.first..=seg.last {
                if limited {
                    self.year_limited(p, eff, prev, cur, entered, sub, out_sub, e, &w[c]);
                } else {
                    // Unlimited: last year's occupancy, plus what enters (rule order), less
                    // what leaves (summed from 0 in rule order).
                    for i in 0..nsa {
                        let mut acc = prev[i];
                        for t in &p.into_t[p.into[i].0..p.into[i].1] {
                            if let In::Move { k, from } = *t {
                                add_product(&mut acc, &eff[k], &prev[from]);
                            }
                        }
                        // A state no rule leaves loses a sum of no terms, 0: x − 0 is x for
                        // every x (−0 included), so it is skipped.
                        let (o0, o1) = p.out[i];
                        if o0 < o1 {
                            let mut left = Z;
                            for &k in &p.out_k[o0..o1] {
                                add_product(&mut left, &eff[k], &prev[i]);
                            }
                            for l in 0..L {
                                acc[l] -= left[l];
                            }
                        }
                        cur[i] = acc;
                        add_product(&mut e[i], &w[c], &acc);
                    }
                }
                std::mem::swap(prev, cur);
            }
        }
    }

    /// One year with time limits. `sub` holds each limited state's people by year in the
    /// state; `out_sub` and `entered` are scratch. What moves out of each year in a limited
    /// state is summed first, then what enters every state (reading last year's values only),
    /// then each state's new occupancy, added with weight `wc` into `e`.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn year_limited(
        &self,
        p: &Plan,
        eff: &[Ln],
        prev: &[Ln],
        cur: &mut [Ln],
        entered: &mut [Ln],
        sub: &mut [Ln],
        out_sub: &mut [Ln],
        e: &mut [Ln],
        wc: &Ln,
    ) {
        let nsa = self.nsa();
        for (i, lim) in self.limits.iter().enumerate() {
            if let Some((m, _)) = lim {
                let o = self.sub_off[i];
                let ks = &p.out_k[p.out[i].0..p.out[i].1];
                for j in o..o + m {
                    let mut acc = Z;
                    for &k in ks {
                        add_product(&mut acc, &eff[k], &sub[j]);
                    }
                    out_sub[j] = acc;
                }
            }
        }
        for i in 0..nsa {
            let mut acc = Z;
            for t in &p.into_t[p.into[i].0..p.into[i].1] {
                match *t {
                    In::Move { k, from } => add_product(&mut acc, &eff[k], &prev[from]),
                    In::Sub { k, sub: j } => add_product(&mut acc, &eff[k], &sub[j]),
                    In::Spill { sub: j } => {
                        for l in 0..L {
                            acc[l] += sub[j][l] - out_sub[j][l];
                        }
                    }
                }
            }
            entered[i] = acc;
        }
        for i in 0..nsa {
            let next = match self.limits[i] {
                None => {
                    let mut left = Z;
                    for &k in &p.out_k[p.out[i].0..p.out[i].1] {
                        add_product(&mut left, &eff[k], &prev[i]);
                    }
                    let mut next = Z;
                    for l in 0..L {
                        next[l] = prev[i][l] - left[l] + entered[i][l];
                    }
                    next
                }
                Some((m, _)) => {
                    let o = self.sub_off[i];
                    // next[0] = what entered; next[k+1] = sub[k] − out_sub[k]: shift down,
                    // from the top so that nothing is overwritten before it is read.
                    for j in (0..m - 1).rev() {
                        for l in 0..L {
                            sub[o + j + 1][l] = sub[o + j][l] - out_sub[o + j][l];
                        }
                    }
                    sub[o] = entered[i];
                    let mut total = Z;
                    for y in &sub[o..o + m] {
                        for l in 0..L {
                            total[l] += y[l];
                        }
                    }
                    total
                }
            };
            cur[i] = next;
            add_product(&mut e[i], wc, &next);
        }
    }
}
