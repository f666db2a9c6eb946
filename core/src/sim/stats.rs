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
    (((x - min) / (max - min) * bins as f64) as usize).min(bins - 1)
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
