//! Occupancy: how a cohort spreads over the states year by year (SPEC §3.2, §8.2), and the
//! arithmetic helpers every part of the engine uses (each operation reports overflow).

use crate::exact::Dec;
use crate::num::checked::Overflow;
use crate::validate::{Limit, Movement};

pub(super) type R<T> = std::result::Result<T, Overflow>;

pub(super) const ZERO: Dec = Dec::ZERO;

#[inline(always)]
pub(super) fn add(a: Dec, b: Dec) -> R<Dec> {
    a.add(b).ok_or(Overflow)
}
#[inline(always)]
pub(super) fn sub(a: Dec, b: Dec) -> R<Dec> {
    a.sub(b).ok_or(Overflow)
}
#[inline(always)]
pub(super) fn mul(a: Dec, b: Dec) -> R<Dec> {
    a.mul(b).ok_or(Overflow)
}

/// A years × columns table stored flat (one allocation instead of one per year).
pub(crate) struct Grid {
    pub(super) cols: usize,
    pub(super) data: Vec<Dec>,
}

impl Grid {
    pub(super) fn zeros(rows: usize, cols: usize) -> Grid {
        Grid {
            cols,
            data: vec![ZERO; rows * cols],
        }
    }
    #[inline]
    pub(crate) fn row(&self, t: usize) -> &[Dec] {
        &self.data[t * self.cols..(t + 1) * self.cols]
    }
    #[inline]
    pub(super) fn row_mut(&mut self, t: usize) -> &mut [Dec] {
        &mut self.data[t * self.cols..(t + 1) * self.cols]
    }
    #[inline]
    pub(super) fn at(&self, t: usize, a: usize) -> Dec {
        self.data[t * self.cols + a]
    }
}

/// d_c for c = 0 .. horizon-1 with time limits (SPEC §8.2): limited states are tracked by
/// time in state, in the order docs/arithmetic.md gives. A trajectory gives the shares itself.
pub(crate) fn occupancy_limited(
    m: &Movement,
    start: &[Dec],
    limits: &[Option<Limit>],
    horizon: usize,
) -> R<Grid> {
    let rules: &[crate::validate::Rule] = match m {
        Movement::Trajectory(_) => return occupancy(m, start, horizon),
        _ if limits.iter().all(Option::is_none) => return occupancy(m, start, horizon),
        Movement::Transitions(rules) => rules,
        Movement::Stay => &[],
    };
    let n = start.len();
    let mut d = Grid::zeros(horizon, n);
    d.row_mut(0).copy_from_slice(start);
    // sub[i][k]: the share in limited state i in its (k+1)-th year there.
    let mut sub: Vec<Vec<Dec>> = limits
        .iter()
        .enumerate()
        .map(|(i, l)| match l {
            Some(l) => {
                let mut v = vec![ZERO; l.years];
                v[0] = start[i];
                v
            }
            None => Vec::new(),
        })
        .collect();
    let mut out_sub: Vec<Vec<Dec>> = sub.iter().map(|v| vec![ZERO; v.len()]).collect();
    let mut out = vec![ZERO; n];
    let mut inflow = vec![ZERO; n];
    for c in 1..horizon {
        out.fill(ZERO);
        inflow.fill(ZERO);
        out_sub.iter_mut().for_each(|v| v.fill(ZERO));
        let prev = d.row(c - 1).to_vec();
        for r in rules
            .iter()
            .filter(|r| r.from_year <= c && c <= r.to_year && !r.share.is_zero())
        {
            let share = Dec::from(r.share);
            if limits[r.from].is_none() {
                if !prev[r.from].is_zero() {
                    let moved = mul(share, prev[r.from])?;
                    out[r.from] = add(out[r.from], moved)?;
                    inflow[r.to] = add(inflow[r.to], moved)?;
                }
                continue;
            }
            for k in 0..sub[r.from].len() {
                if !sub[r.from][k].is_zero() {
                    let moved = mul(share, sub[r.from][k])?;
                    out_sub[r.from][k] = add(out_sub[r.from][k], moved)?;
                    inflow[r.to] = add(inflow[r.to], moved)?;
                }
            }
        }
        // Who has spent the longest time allowed leaves for `then`.
        for (i, l) in limits.iter().enumerate() {
            if let Some(l) = l {
                let last = l.years - 1;
                let rem = sub_or_same(sub[i][last], out_sub[i][last])?;
                if !rem.is_zero() {
                    inflow[l.then] = add(inflow[l.then], rem)?;
                }
            }
        }
        for i in 0..n {
            d.data[c * n + i] = match &limits[i] {
                None if out[i].is_zero() && inflow[i].is_zero() => prev[i],
                None => add(sub_or_same(prev[i], out[i])?, inflow[i])?,
                Some(l) => {
                    let mut next = vec![ZERO; l.years];
                    next[0] = inflow[i];
                    for k in 0..l.years - 1 {
                        next[k + 1] = sub_or_same(sub[i][k], out_sub[i][k])?;
                    }
                    sub[i] = next;
                    let mut total = ZERO;
                    for x in &sub[i] {
                        if !x.is_zero() {
                            total = add(total, *x)?;
                        }
                    }
                    total
                }
            };
        }
    }
    Ok(d)
}

/// a − b, or a itself when b is an exact zero.
#[inline]
pub(super) fn sub_or_same(a: Dec, b: Dec) -> R<Dec> {
    if b.is_zero() {
        Ok(a)
    } else {
        sub(a, b)
    }
}

/// d_c for c = 0 .. horizon-1: the share of a cohort in each state (SPEC §3.2).
pub(crate) fn occupancy(m: &Movement, start: &[Dec], horizon: usize) -> R<Grid> {
    let n = start.len();
    let mut d = Grid::zeros(horizon, n);
    d.row_mut(0).copy_from_slice(start);
    let mut out = vec![ZERO; n];
    let mut inflow = vec![ZERO; n];
    for c in 1..horizon {
        match m {
            Movement::Stay => d.row_mut(c).copy_from_slice(start),
            Movement::Transitions(rules) => {
                out.fill(ZERO);
                inflow.fill(ZERO);
                let prev = d.row(c - 1);
                for r in rules {
                    if r.from_year <= c
                        && c <= r.to_year
                        && !prev[r.from].is_zero()
                        && !r.share.is_zero()
                    {
                        let moved = mul(Dec::from(r.share), prev[r.from])?;
                        out[r.from] = add(out[r.from], moved)?;
                        inflow[r.to] = add(inflow[r.to], moved)?;
                    }
                }
                for i in 0..n {
                    let prev = d.at(c - 1, i);
                    d.data[c * n + i] = if out[i].is_zero() && inflow[i].is_zero() {
                        prev
                    } else {
                        add(sub(prev, out[i])?, inflow[i])?
                    };
                }
            }
            Movement::Trajectory(entries) => match entries.iter().rev().find(|e| e.year <= c) {
                Some(step) => {
                    for (x, s) in d.row_mut(c).iter_mut().zip(&step.shares) {
                        *x = Dec::from(*s);
                    }
                }
                None => d.row_mut(c).copy_from_slice(start),
            },
        }
    }
    Ok(d)
}

/// P[c][a] = Σ_i d_c[i] · f_i[a]: the yearly amount per actor for one participant.
pub(super) fn per_person(nets: &Grid, d: &Grid, horizon: usize) -> R<Grid> {
    let n_actors = nets.cols;
    if n_actors <= 8 {
        return per_person_dense(nets, d, horizon);
    }
    // Each state's non-zero amounts (a state has a few flows among many actors), flat:
    // state i's are entries[ends[i - 1]..ends[i]].
    let mut entries: Vec<(usize, Dec)> = Vec::new();
    let mut ends = Vec::with_capacity(d.cols);
    for i in 0..d.cols {
        let row = nets.row(i);
        entries.extend(
            (0..n_actors)
                .filter(|&a| !row[a].is_zero())
                .map(|a| (a, row[a])),
        );
        ends.push(entries.len());
    }
    let mut out = Grid::zeros(horizon, n_actors);
    for c in 0..horizon {
        let p = out.row_mut(c);
        let mut from = 0;
        for (share, &end) in d.row(c).iter().zip(&ends) {
            let fs = &entries[from..end];
            from = end;
            if share.is_zero() {
                continue;
            }
            for &(a, f) in fs {
                p[a] = add(p[a], mul(*share, f)?)?;
            }
        }
    }
    Ok(out)
}

/// `per_person` for a few actors: every state's row read as it is (the same operations in the
/// same order, without building the list of non-zero amounts first).
fn per_person_dense(nets: &Grid, d: &Grid, horizon: usize) -> R<Grid> {
    let n_actors = nets.cols;
    let mut out = Grid::zeros(horizon, n_actors);
    for c in 0..horizon {
        let p = out.row_mut(c);
        for (i, share) in d.row(c).iter().enumerate() {
            if share.is_zero() {
                continue;
            }
            for (a, f) in nets.row(i).iter().enumerate() {
                if !f.is_zero() {
                    p[a] = add(p[a], mul(*share, *f)?)?;
                }
            }
        }
    }
    Ok(out)
}
