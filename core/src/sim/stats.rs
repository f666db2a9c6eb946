//! Statistics over the runs: running mean and variance (Welford), exact quantiles from kept
//! draws, and histograms.

/// Type-7 quantile (linear between order statistics, as numpy's default) of unsorted data.
pub(crate) fn quantile(data: &mut [f64], p: f64) -> f64 {
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

/// The bin of `x` among `bins` equal-width bins between `min` and `max`.
pub(crate) fn bin(x: f64, min: f64, max: f64, bins: usize) -> usize {
    if max <= min {
        return 0;
    }
    // `as i32` then `max(0)` gives what `as usize` gives for every value (NaN and below 0 to 0,
    // large ones capped by `min`) with a cheaper conversion.
    let t = (x - min) / (max - min) * bins as f64;
    ((t as i32).max(0) as usize).min(bins - 1)
}

/// The p-quantile read from a fine histogram of `runs` values between `min` and `max`
/// (within one bin's width of the exact one).
pub(crate) fn histogram_quantile(fine: &[u64], min: f64, max: f64, runs: u64, p: f64) -> f64 {
    let width = (max - min) / fine.len() as f64;
    let h = (runs - 1) as f64 * p;
    let mut before = 0u64;
    for (b, &count) in fine.iter().enumerate() {
        if count > 0 && (before + count) as f64 > h {
            return min + width * (b as f64 + (h - before as f64 + 0.5) / count as f64);
        }
        before += count;
    }
    max
}

/// Running statistics of one row.
#[derive(Clone, Debug)]
pub(crate) struct Running {
    pub(crate) mean: f64,
    m2: f64,
    pub(crate) positive: u64,
    pub(crate) min: f64,
    pub(crate) max: f64,
}

impl Default for Running {
    fn default() -> Self {
        Running {
            mean: 0.0,
            m2: 0.0,
            positive: 0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
        }
    }
}

impl Running {
    /// Adds the `n`-th value (counting from 1).
    #[inline]
    pub(crate) fn push(&mut self, v: f64, n: f64) {
        let d = v - self.mean;
        self.mean += d / n;
        self.m2 += d * (v - self.mean);
        if v > 0.0 {
            self.positive += 1;
        }
        self.min = self.min.min(v);
        self.max = self.max.max(v);
    }

    /// The statistics of `runs` values all equal to `v`: what pushing them one by one gives.
    pub(crate) fn constant(v: f64, runs: u64) -> Running {
        let mut s = Running::default();
        s.push(v, 1.0);
        if runs > 1 {
            s.push(v, 2.0);
        }
        s.positive = if v > 0.0 { runs } else { 0 };
        s
    }

    /// The sample standard deviation (n − 1) after `runs` values.
    pub(crate) fn sd(&self, runs: u64) -> f64 {
        if runs > 1 {
            (self.m2 / (runs - 1) as f64).sqrt()
        } else {
            0.0
        }
    }
}

/// A monotone map of values to fine bins, fixed before every value is known (from the runs
/// of the first hand-over, with a quarter of their range added on either side; values beyond
/// go to the end bins). Any monotone map finds the same order statistics: it only decides
/// which values are gathered and sorted.
#[derive(Clone, Copy, Debug)]
struct FineMap {
    lo: f64,
    scale: f64,
    top: f64,
}

/// 2^52: adding it to t in [0, 2^52) rounds t to a whole number held in the low bits.
const MAGIC: f64 = 4_503_599_627_370_496.0;

impl FineMap {
    /// Everything into bin 0 (a row with no map: it is summarised the usual way).
    const NONE: FineMap = FineMap {
        lo: 0.0,
        scale: 0.0,
        top: 0.0,
    };

    fn around(min: f64, max: f64, bins: usize) -> Option<FineMap> {
        let w = max - min;
        let (lo, hi) = (min - w / 4.0, max + w / 4.0);
        let scale = bins as f64 / (hi - lo);
        (w > 0.0 && lo.is_finite() && hi.is_finite() && scale.is_finite() && scale > 0.0).then_some(
            FineMap {
                lo,
                scale,
                top: (bins - 1) as f64,
            },
        )
    }

    /// Non-decreasing in `x`: every step is a rounded IEEE operation, each non-decreasing
    /// (NaN goes to bin 0; it is flagged and such rows are summarised the usual way).
    #[inline(always)]
    fn bin(&self, x: f64) -> usize {
        let t = (x - self.lo) * self.scale;
        // (Comparisons, not f64::max/min: one instruction each, NaN to 0 all the same.)
        let t = if t > 0.0 { t } else { 0.0 };
        let t = if t < self.top { t } else { self.top };
        (t + MAGIC).to_bits().wrapping_sub(MAGIC.to_bits()) as usize
    }
}

/// The most npvs whose fine bins are noted (16 MB of them); above, the gathering pass finds
/// them again.
const NOTE_MAX: u64 = 1 << 22;

/// Rows updated side by side: the rows of one run are independent, so a group of this many
/// keeps its running statistics in registers while the runs stream through.
const GROUP: usize = 8;

/// The statistics of every row while the runs stream in, in run order: Welford's mean and
/// variance (each row gets exactly [`Running::push`]'s operations), and, for exact quantiles,
/// every npv (run by run, as handed over) and each row's counts in fine bins. Welford's
/// division chain (each run's mean needs the previous one) leaves the processor idle for most
/// of its latency; the counting fills that time, so the quantiles later need one pass that
/// gathers the few values near the wanted order statistics instead of three over all of them.
#[derive(Clone, Debug)]
pub(crate) struct Stream {
    nr: usize,
    /// Runs pushed so far.
    done: u64,
    mean: Vec<f64>,
    m2: Vec<f64>,
    positive: Vec<u64>,
    min: Vec<f64>,
    max: Vec<f64>,
    /// Whether the npvs are kept (exact quantiles).
    exact: bool,
    /// The npvs, run by run (`runs × rows`): one allocation, filled by copying each hand-over.
    kept: Vec<f64>,
    /// Instead, when they are to be returned: each row's npvs (no second copy of them all).
    columns: Vec<Vec<f64>>,
    /// Whether each kept npv's fine bin is noted beside it (not for the largest simulations:
    /// a u32 per npv).
    note: bool,
    /// Fine bins per row.
    bins: usize,
    /// Per row (empty until the first hand-over; [`FineMap::NONE`] for a row without one).
    maps: Vec<FineMap>,
    mapped: Vec<bool>,
    /// `rows × bins` counts.
    counts: Vec<u32>,
    /// Beside every kept npv, its place in `counts` (row × bins + fine bin).
    fine: Vec<u32>,
}

impl Stream {
    /// Statistics of `rows` rows over `runs` runs; `exact` keeps the npvs for exact quantiles,
    /// `by_row` keeps them row by row (to be returned).
    pub(crate) fn new(rows: usize, runs: u64, exact: bool, by_row: bool) -> Stream {
        let (exact, by_row) = (exact || by_row, by_row);
        Stream {
            nr: rows,
            done: 0,
            mean: vec![0.0; rows],
            m2: vec![0.0; rows],
            positive: vec![0; rows],
            min: vec![f64::INFINITY; rows],
            max: vec![f64::NEG_INFINITY; rows],
            exact,
            // One allocation for all of them (reserved: no growing, no zeroing).
            kept: if exact && !by_row {
                Vec::with_capacity(runs as usize * rows)
            } else {
                Vec::new()
            },
            columns: if by_row {
                (0..rows)
                    .map(|_| Vec::with_capacity(runs as usize))
                    .collect()
            } else {
                Vec::new()
            },
            note: !by_row && runs.saturating_mul(rows as u64) <= NOTE_MAX,
            bins: (runs as usize / 8).clamp(16, 1 << 16),
            maps: Vec::new(),
            mapped: Vec::new(),
            counts: Vec::new(),
            fine: Vec::new(),
        }
    }

    /// Adds the next runs' npvs (`runs × rows`, in run order).
    #[inline(always)]
    pub(crate) fn push(&mut self, outs: &[f64]) {
        let counting = !self.maps.is_empty();
        let base = self.done as usize * self.nr;
        if !self.columns.is_empty() {
            for run in outs.chunks_exact(self.nr) {
                for (c, &v) in self.columns.iter_mut().zip(run) {
                    c.push(v);
                }
            }
        } else if self.exact {
            self.kept.extend_from_slice(outs);
        }
        if counting && self.note {
            // (Written by every group below.)
            self.fine.resize(base + outs.len(), 0);
        }
        let mut g = 0;
        while g < self.nr {
            let w = (self.nr - g).min(GROUP);
            macro_rules! widths {
                ($($n:literal)*) => {
                    match (w, counting) {
                        $(($n, false) => self.group::<$n, false>(g, outs, base),
                          ($n, true) => self.group::<$n, true>(g, outs, base),)*
                        _ => unreachable!(),
                    }
                };
            }
            widths!(1 2 3 4 5 6 7 8);
            g += w;
        }
        self.done += (outs.len() / self.nr) as u64;
        if self.exact && !counting {
            // The first hand-over: fix the maps from its range and count what is kept so far.
            self.maps = (0..self.nr)
                .map(|r| FineMap::around(self.min[r], self.max[r], self.bins))
                .map(|m| m.unwrap_or(FineMap::NONE))
                .collect();
            self.mapped = (0..self.nr)
                .map(|r| FineMap::around(self.min[r], self.max[r], self.bins).is_some())
                .collect();
            let mut counts = vec![0; self.nr * self.bins];
            let mut fine = Vec::new();
            if self.note {
                fine.reserve(self.kept.capacity());
            }
            let (maps, bins, note) = (&self.maps, self.bins, self.note);
            self.each_kept(|r, v| {
                let at = r * bins + maps[r].bin(v);
                counts[at] += 1;
                if note {
                    fine.push(at as u32);
                }
            });
            (self.counts, self.fine) = (counts, fine);
        }
    }

    /// Rows `g .. g + W` over the runs of `outs`.
    #[inline(always)]
    fn group<const W: usize, const COUNT: bool>(&mut self, g: usize, outs: &[f64], base: usize) {
        let load = |v: &[f64]| -> [f64; W] { v[g..g + W].try_into().unwrap() };
        let (mut mean, mut m2) = (load(&self.mean), load(&self.m2));
        let (mut min, mut max) = (load(&self.min), load(&self.max));
        let mut positive: [u64; W] = self.positive[g..g + W].try_into().unwrap();
        let bins = self.bins;
        let maps: [FineMap; W] = if COUNT {
            self.maps[g..g + W].try_into().unwrap()
        } else {
            [FineMap::NONE; W]
        };
        let counts: &mut [u32] = if COUNT {
            &mut self.counts[g * bins..(g + W) * bins]
        } else {
            &mut []
        };
        let fine: &mut [u32] = if COUNT && self.note {
            &mut self.fine[base..]
        } else {
            &mut []
        };
        let nr = self.nr;
        // The run's number as f64 (exact: runs < 2^53).
        let mut n = self.done as f64;
        for (i, run) in outs.chunks_exact(nr).enumerate() {
            let v: [f64; W] = run[g..g + W].try_into().unwrap();
            n += 1.0;
            for k in 0..W {
                let d = v[k] - mean[k];
                mean[k] += d / n;
                m2[k] += d * (v[k] - mean[k]);
                positive[k] += u64::from(v[k] > 0.0);
                // `f64::min`'s and `max`'s result for every v (they start infinite and are
                // never NaN), in one instruction each instead of five.
                min[k] = if v[k] < min[k] { v[k] } else { min[k] };
                max[k] = if v[k] > max[k] { v[k] } else { max[k] };
            }
            if COUNT {
                for k in 0..W {
                    let at = k * bins + maps[k].bin(v[k]);
                    counts[at] += 1;
                    if let Some(f) = fine.get_mut(i * nr + g + k) {
                        *f = (g * bins + at) as u32;
                    }
                }
            }
        }
        self.mean[g..g + W].copy_from_slice(&mean);
        self.m2[g..g + W].copy_from_slice(&m2);
        self.min[g..g + W].copy_from_slice(&min);
        self.max[g..g + W].copy_from_slice(&max);
        self.positive[g..g + W].copy_from_slice(&positive);
    }

    /// Each row's statistics.
    pub(crate) fn rows(&self) -> Vec<Running> {
        (0..self.nr)
            .map(|r| Running {
                mean: self.mean[r],
                m2: self.m2[r],
                positive: self.positive[r],
                min: self.min[r],
                max: self.max[r],
            })
            .collect()
    }

    /// Row `r`'s npvs in run order.
    pub(crate) fn column(&self, r: usize) -> Vec<f64> {
        match self.columns.get(r) {
            Some(c) => c.clone(),
            None => self.kept.iter().skip(r).step_by(self.nr).copied().collect(),
        }
    }

    /// The stream without notes of the fine bins (as for the largest simulations).
    #[cfg(test)]
    pub(crate) fn without_notes(mut self) -> Stream {
        self.note = false;
        self
    }

    /// Every row's npvs in run order (the stream is done with).
    pub(crate) fn into_columns(self) -> Vec<Vec<f64>> {
        if self.columns.is_empty() {
            (0..self.nr).map(|r| self.column(r)).collect()
        } else {
            self.columns
        }
    }

    /// Calls `f(row, npv)` for every kept npv (in no particular order).
    fn each_kept(&self, mut f: impl FnMut(usize, f64)) {
        if self.columns.is_empty() {
            for run in self.kept.chunks_exact(self.nr) {
                for (r, &v) in run.iter().enumerate() {
                    f(r, v);
                }
            }
        } else {
            for (r, c) in self.columns.iter().enumerate() {
                for &v in c {
                    f(r, v);
                }
            }
        }
    }

    /// For every row in `wanted` (row, order statistics `ks` ascending): the values of those
    /// order statistics and the counts of [`bin`]'s `hist_bins` bins between the row's min and
    /// max, or `None` for a row that must be summarised from its column (a NaN value, no fine
    /// map, bounds not finite, or `min == max`). Exact, whatever the fine map: the
    /// order statistics are read from the sorted values of their fine bins; the histogram
    /// from the rank of each of its bin edges, where the edge is the smallest f64 in the bin
    /// (found by search on [`bin`] itself, which is monotone).
    pub(crate) fn order_and_histogram<const K: usize>(
        &self,
        wanted: &[(usize, [usize; K])],
        hist_bins: usize,
    ) -> Vec<Option<([f64; K], Vec<u64>)>> {
        let bins = self.bins;
        let n = self.done as usize;
        struct Plan<const K: usize> {
            r: usize,
            ks: [usize; K],
            /// The fine bin of each order statistic.
            kbins: [usize; K],
            /// The histogram's inner edges.
            edges: Vec<f64>,
            /// The fine bins to gather, ascending.
            picked: Vec<usize>,
            gathered: Vec<Vec<f64>>,
            /// Per picked bin, the number of values in the bins below it.
            below: Vec<usize>,
        }
        let mut plans: Vec<Option<Plan<K>>> = wanted
            .iter()
            .map(|&(r, ks)| {
                let (min, max) = (self.min[r], self.max[r]);
                // A NaN npv makes the mean NaN from then on (NaN is not ordered by the map
                // as by total_cmp; ±0 are: they share a bin, and a bin is sorted by it).
                let ok = self.mapped.get(r) == Some(&true)
                    && !self.mean[r].is_nan()
                    && min.is_finite()
                    && max.is_finite()
                    && min < max
                    && (max - min).is_finite()
                    && ks.iter().all(|&k| k < n);
                if !ok {
                    return None;
                }
                let map = self.maps[r];
                let edges: Vec<f64> = (1..hist_bins)
                    .map(|j| edge(min, max, hist_bins, j))
                    .collect();
                let counts = &self.counts[r * bins..(r + 1) * bins];
                let mut picked: Vec<usize> = edges.iter().map(|&e| map.bin(e)).collect();
                // The bin of each order statistic: where the counts pass it.
                let (mut b, mut before) = (0usize, 0usize);
                let mut by_k: [usize; K] = std::array::from_fn(|i| i);
                by_k.sort_unstable_by_key(|&i| ks[i]);
                let mut kbins = [0usize; K];
                for i in by_k {
                    while before + counts[b] as usize <= ks[i] {
                        before += counts[b] as usize;
                        b += 1;
                    }
                    kbins[i] = b;
                    picked.push(b);
                }
                picked.sort_unstable();
                picked.dedup();
                if picked.len() > u8::MAX as usize {
                    return None;
                }
                let mut below = Vec::with_capacity(picked.len());
                let (mut b, mut before) = (0usize, 0usize);
                for &p in &picked {
                    while b < p {
                        before += counts[b] as usize;
                        b += 1;
                    }
                    below.push(before);
                }
                let gathered = picked
                    .iter()
                    .map(|&b| Vec::with_capacity(counts[b] as usize))
                    .collect();
                Some(Plan {
                    r,
                    ks,
                    kbins,
                    edges,
                    picked,
                    gathered,
                    below,
                })
            })
            .collect();
        // One pass over every npv gathers the picked bins of every row, by the fine bin noted
        // beside it, without a branch per value (a picked value now and then is more than the
        // branch predictor can follow): each value is written at the cursor, which moves on
        // only past a picked one. A fine bin's tag is 0, or the row's plan (high byte) and
        // 1 + the bin's place among the picked ones.
        for p in plans.iter_mut().skip(256) {
            // (A tag holds 256 plans; more rows than that go the usual way.)
            *p = None;
        }
        let mut tags = vec![0u16; self.nr * bins];
        let mut total = 0;
        for (i, p) in plans.iter().enumerate() {
            if let Some(p) = p {
                for (j, &b) in p.picked.iter().enumerate() {
                    tags[p.r * bins + b] = ((i as u16) << 8) | (j as u16 + 1);
                    total += self.counts[p.r * bins + b] as usize;
                }
            }
        }
        if total > 0 {
            let mut vals = vec![0.0; total + 1];
            let mut tagged = vec![0u16; total + 1];
            let mut c = 0;
            if self.note {
                for (&v, &f) in self.kept.iter().zip(&self.fine) {
                    let t = tags[f as usize];
                    vals[c] = v;
                    tagged[c] = t;
                    c += usize::from(t != 0);
                }
            } else {
                self.each_kept(|r, v| {
                    let t = tags[r * bins + self.maps[r].bin(v)];
                    vals[c] = v;
                    tagged[c] = t;
                    c += usize::from(t != 0);
                });
            }
            for (&v, &t) in vals[..c].iter().zip(&tagged[..c]) {
                let p = plans[(t >> 8) as usize].as_mut().expect("a plan");
                p.gathered[(t & 0xff) as usize - 1].push(v);
            }
        }
        plans
            .into_iter()
            .map(|plan| {
                let mut p = plan?;
                for g in p.gathered.iter_mut() {
                    g.sort_unstable_by(f64::total_cmp);
                }
                let map = self.maps[p.r];
                // The picked bin holding fine bin b, and its values.
                let at = |b: usize| {
                    let j = p.picked.binary_search(&b).expect("picked");
                    (p.below[j], &p.gathered[j])
                };
                let order = std::array::from_fn(|i| {
                    let (below, values) = at(p.kbins[i]);
                    values[p.ks[i] - below]
                });
                // The number of values below each edge; the histogram from their steps.
                let mut ranks = vec![0usize];
                for &e in &p.edges {
                    let (below, values) = at(map.bin(e));
                    ranks.push(below + values.partition_point(|&v| v < e));
                }
                ranks.push(n);
                let hist = ranks.windows(2).map(|w| (w[1] - w[0]) as u64).collect();
                Some((order, hist))
            })
            .collect()
    }
}

/// The smallest f64 `x` with `bin(x, min, max, bins) >= j` (0 < j < bins, min < max, both
/// finite and their difference too): it lies in (min, max]; [`bin`] never decreases along
/// f64's total order there, so a search from the estimate finds where it reaches j.
fn edge(min: f64, max: f64, bins: usize, j: usize) -> f64 {
    // f64 in total order ↔ u64 in order (no NaN between two finite values).
    let key = |x: f64| {
        let b = x.to_bits();
        if b >> 63 == 1 {
            !b
        } else {
            b | 1 << 63
        }
    };
    let unkey = |k: u64| f64::from_bits(if k >> 63 == 1 { k & !(1 << 63) } else { !k });
    let reached = |k: u64| bin(unkey(k), min, max, bins) >= j;
    let (kmin, kmax) = (key(min), key(max));
    let guess = key((min + (max - min) * (j as f64 / bins as f64)).clamp(min, max));
    // Not reached at `lo`, reached at `hi`: bin(min) = 0 < j, bin(max) = bins − 1 >= j.
    let (mut lo, mut hi);
    let mut step = 1u64;
    if reached(guess) {
        hi = guess;
        loop {
            let k = hi.saturating_sub(step).max(kmin);
            if !reached(k) {
                lo = k;
                break;
            }
            hi = k;
            step = step.saturating_mul(2);
        }
    } else {
        lo = guess;
        loop {
            let k = lo.saturating_add(step).min(kmax);
            if reached(k) {
                hi = k;
                break;
            }
            lo = k;
            step = step.saturating_mul(2);
        }
    }
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    unkey(hi)
}

/// The order statistics `ks` (indices into the data sorted by `total_cmp`, ascending) of data
/// between `min` and `max`, or `None` when a value is NaN or zero, or a bound is not finite
/// (the caller then selects the usual way). The values are counted into fine bins by a
/// monotone map, so the k-th value lies in the bin where the counts pass k; only those bins'
/// values are gathered and sorted: two passes over the data instead of a selection's many.
pub(crate) fn order_statistics<const K: usize>(
    data: &[f64],
    min: f64,
    max: f64,
    ks: [usize; K],
) -> Option<[f64; K]> {
    let n = data.len();
    if !(min.is_finite() && max.is_finite() && min < max) || ks.iter().any(|&k| k >= n) {
        return None;
    }
    let bins = (n / 8).clamp(16, 1 << 16);
    // The streamed statistics' monotone map (any monotone map finds the same values).
    let map = FineMap::around(min, max, bins)?;
    let bin_of = |x: f64| map.bin(x);
    let mut counts = vec![0u32; bins];
    let mut odd = false;
    for &x in data {
        // NaN is not ordered by the map as by total_cmp; ±0 are equal to it but not to
        // total_cmp: leave both to the usual selection.
        odd |= x.is_nan() | (x == 0.0);
        counts[bin_of(x)] += 1;
    }
    if odd {
        return None;
    }
    // The bin of each wanted order statistic, and how many values lie below that bin.
    let mut wanted: [(usize, usize); K] = [(0, 0); K];
    let mut before = 0usize;
    let mut b = 0usize;
    let mut order: [usize; K] = std::array::from_fn(|i| i);
    order.sort_unstable_by_key(|&i| ks[i]);
    for &i in &order {
        while before + counts[b] as usize <= ks[i] {
            before += counts[b] as usize;
            b += 1;
        }
        wanted[i] = (b, before);
    }
    let mut picked: Vec<usize> = wanted.iter().map(|w| w.0).collect();
    picked.sort_unstable();
    picked.dedup();
    let mut gathered: Vec<Vec<f64>> = picked
        .iter()
        .map(|&b| Vec::with_capacity(counts[b] as usize))
        .collect();
    // Per bin: 1 + its place among the picked bins, or 0.
    let mut slot = vec![0u8; bins];
    for (j, &b) in picked.iter().enumerate() {
        slot[b] = j as u8 + 1;
    }
    for &x in data {
        let j = slot[bin_of(x)];
        if j > 0 {
            gathered[j as usize - 1].push(x);
        }
    }
    for g in gathered.iter_mut() {
        g.sort_unstable_by(f64::total_cmp);
    }
    Some(std::array::from_fn(|i| {
        let (b, below) = wanted[i];
        let j = picked.binary_search(&b).unwrap_or(0);
        gathered[j][ks[i] - below]
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The streamed running statistics are [`Running::push`]'s, bit for bit, for every
    /// number of rows (every width of the row groups, and more rows than one group), handed
    /// over in runs of uneven sizes, with both signs of zero among the values.
    #[test]
    fn streamed_rows_are_welfords_row_by_row() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for nr in 1..=19 {
            let runs = 700usize;
            let data: Vec<f64> = (0..runs * nr)
                .map(|i| match next() % 11 {
                    0 => 0.0,
                    1 => -0.0,
                    _ => (next() % 2_000_001) as f64 / 7.0 - 1.0e5 - (i % 3) as f64,
                })
                .collect();
            for (exact, by_row) in [(false, false), (true, false), (true, true)] {
                let mut stream = Stream::new(nr, runs as u64, exact, by_row);
                let mut at = 0;
                for size in [1usize, 16, 5, 300, 128].iter().cycle() {
                    if at == runs {
                        break;
                    }
                    let end = (at + size).min(runs);
                    stream.push(&data[at * nr..end * nr]);
                    at = end;
                }
                let got = stream.rows();
                for r in 0..nr {
                    let mut want = Running::default();
                    for k in 0..runs {
                        want.push(data[k * nr + r], (k + 1) as f64);
                    }
                    let g = &got[r];
                    let bits = |s: &Running| [s.mean, s.m2, s.min, s.max].map(|v| v.to_bits());
                    assert_eq!(bits(g), bits(&want), "rows {nr}, row {r}");
                    assert_eq!(g.positive, want.positive, "rows {nr}, row {r}");
                }
            }
        }
    }
}
