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

/// An f64 as an integer in the same (total) order.
fn key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ ((b >> 63) & i64::MAX)
}

/// The f64 of a [`key`].
fn value(k: i64) -> f64 {
    f64::from_bits((k ^ ((k >> 63) & i64::MAX)) as u64)
}

/// [`bin`] for many values between one `min` and `max` without a division each: the bin of
/// `x` is first estimated with a multiplication, then set right by the thresholds where
/// [`bin`] steps up. Every step of [`bin`] (a subtraction, a division and a multiplication by
/// positive numbers, the truncation) never decreases as `x` grows, so `x` lies in bin `k`
/// exactly when it is at least threshold `k` and below threshold `k + 1`; the estimate is
/// within one bin of it (their relative difference is a few units in the last place).
pub(crate) struct Binner {
    min: f64,
    scale: f64,
    /// Threshold `k`: the smallest value [`bin`] puts in bin `k` or above; −∞ before the
    /// first bin, +∞ after the last.
    steps: Vec<f64>,
}

impl Binner {
    /// For values between finite `min` < `max` (else `None`: use [`bin`]).
    pub(crate) fn new(min: f64, max: f64, bins: usize) -> Option<Binner> {
        let width = max - min;
        if !(min.is_finite() && width.is_finite() && min < max) || bins < 2 {
            return None;
        }
        let mut steps = vec![f64::NEG_INFINITY; bins + 1];
        steps[bins] = f64::INFINITY;
        let (first, last) = (key(min), key(max));
        for (k, step) in steps.iter_mut().enumerate().take(bins).skip(1) {
            // The smallest value in (min, max] that `bin` puts in bin k or above (`bin(max)`
            // is the last bin, `bin(min)` the first): bisection near where it should be, or
            // over the whole range when it is not there.
            let above = |at: i64| bin(value(at), min, max, bins) >= k;
            let near = key(min + width * (k as f64 / bins as f64));
            let (mut lo, mut hi) = (
                near.saturating_sub(1 << 12).clamp(first, last),
                near.saturating_add(1 << 12).clamp(first, last),
            );
            if !above(hi) || (lo > first && above(lo)) {
                (lo, hi) = (first, last);
            }
            while lo < hi {
                // (In i128: keys of opposite signs are further apart than i64 holds.)
                let mid = ((i128::from(lo) + i128::from(hi)) >> 1) as i64;
                if above(mid) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            *step = value(hi);
        }
        Some(Binner {
            min,
            scale: bins as f64 / width,
            steps,
        })
    }

    /// [`bin`]`(x, min, max, bins)` for `x` between `min` and `max`, or NaN.
    #[inline]
    pub(crate) fn bin(&self, x: f64) -> usize {
        let last = self.steps.len() - 2;
        let mut b = ((((x - self.min) * self.scale) as i32).max(0) as usize).min(last);
        // At most one step either way (NaN: none, bin 0 as `bin` gives).
        while x >= self.steps[b + 1] {
            b += 1;
        }
        while x < self.steps[b] {
            b -= 1;
        }
        b
    }
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

/// Running statistics of every row at once, each row getting exactly [`Running::push`]'s
/// operations.
#[derive(Clone, Debug, Default)]
pub(crate) struct Rows {
    rows: Vec<Running>,
}

impl Rows {
    pub(crate) fn new(rows: usize) -> Rows {
        Rows {
            rows: vec![Running::default(); rows],
        }
    }

    /// Adds the `n`-th run's values (counting from 1), one per row.
    #[inline]
    pub(crate) fn push(&mut self, v: &[f64], n: f64) {
        for (s, &v) in self.rows.iter_mut().zip(v) {
            s.push(v, n);
        }
    }

    /// Each row's statistics.
    pub(crate) fn rows(self) -> Vec<Running> {
        self.rows
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The binner gives `bin`'s bin for random values, the values at and next to every
    /// threshold, the bounds, and NaN, for wide and very narrow ranges.
    #[test]
    fn the_binner_bins_as_bin_does() {
        let mut state = 99u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let ranges = [
            (-1.0e6, 2.5e6),
            (0.1, 0.1 + 1e-12),
            (-3.0, -2.999_999),
            (-7.3e-300, 4.1e-300),
            (-0.0, 30.0),
            (1.0, 31.0),
        ];
        for (min, max) in ranges {
            for bins in [2, 30, 1000] {
                let b = Binner::new(min, max, bins).unwrap();
                let mut xs = vec![min, max, f64::NAN, 0.0, -0.0];
                for _ in 0..2000 {
                    xs.push(min + (max - min) * next());
                }
                for &t in &b.steps[1..bins] {
                    xs.extend([t, value(key(t) - 1), value(key(t) + 1)]);
                }
                for x in xs {
                    if x.is_nan() || (min..=max).contains(&x) {
                        assert_eq!(b.bin(x), bin(x, min, max, bins), "{x} in [{min}, {max}]");
                    }
                }
            }
        }
        assert!(Binner::new(1.0, 1.0, 30).is_none());
        assert!(Binner::new(-1e308, 1e308, 30).is_none());
        assert!(Binner::new(f64::NEG_INFINITY, 1.0, 30).is_none());
    }
}
