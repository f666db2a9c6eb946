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

/// Running statistics of every row at once (structure of arrays: the rows' updates of one run
/// are independent, so they run side by side); each row gets exactly [`Running::push`]'s
/// operations.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows {
    mean: Vec<f64>,
    m2: Vec<f64>,
    positive: Vec<u64>,
    min: Vec<f64>,
    max: Vec<f64>,
}

impl Rows {
    pub(crate) fn new(rows: usize) -> Rows {
        Rows {
            mean: vec![0.0; rows],
            m2: vec![0.0; rows],
            positive: vec![0; rows],
            min: vec![f64::INFINITY; rows],
            max: vec![f64::NEG_INFINITY; rows],
        }
    }

    /// Adds the `n`-th run's values (counting from 1), one per row.
    #[inline]
    pub(crate) fn push(&mut self, v: &[f64], n: f64) {
        let nr = self.mean.len();
        let v = &v[..nr];
        let (mean, m2) = (&mut self.mean[..nr], &mut self.m2[..nr]);
        let (positive, min, max) = (
            &mut self.positive[..nr],
            &mut self.min[..nr],
            &mut self.max[..nr],
        );
        for r in 0..nr {
            let d = v[r] - mean[r];
            mean[r] += d / n;
            m2[r] += d * (v[r] - mean[r]);
            positive[r] += u64::from(v[r] > 0.0);
            min[r] = min[r].min(v[r]);
            max[r] = max[r].max(v[r]);
        }
    }

    /// Each row's statistics.
    pub(crate) fn rows(&self) -> Vec<Running> {
        (0..self.mean.len())
            .map(|r| Running {
                mean: self.mean[r],
                m2: self.m2[r],
                positive: self.positive[r],
                min: self.min[r],
                max: self.max[r],
            })
            .collect()
    }
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
    let scale = bins as f64 / (max - min);
    // Monotone: every step is a rounded IEEE operation, each non-decreasing in x. Adding 2^52
    // to t in [0, bins] rounds it to a whole number held in the low bits (a cheap conversion).
    const MAGIC: f64 = 4_503_599_627_370_496.0;
    let bin_of = |x: f64| {
        let t = (x - min) * scale + MAGIC;
        (t.to_bits().wrapping_sub(MAGIC.to_bits()) as usize).min(bins - 1)
    };
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
