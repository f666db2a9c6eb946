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
//! | file | holds |
//! | --- | --- |
//! | `compile.rs` | the model compiled to indices and f64 constants or drawn slots |
//! | `npv.rs` | the npv of every row for one set of values |
//! | `occupancy.rs` | the discounted occupancy of a group in a scenario, year by year |
//! | `draw.rs` | the random draws |
//! | `stats.rs` | mean, sd, quantiles and histograms over the runs |

mod compile;
mod draw;
mod libm_lanes;
mod npv;
mod occupancy;
mod stats;

use crate::bases::Options;
use crate::error::{Error, ErrorCode, Result};
use crate::messages::Msg;
use crate::model::Model;
use crate::num::Distribution;
use crate::report::{Names, RowKind};
use crate::values;
use compile::SimModel;
use npv::{Kernel, Workspace, L};
use serde::{Deserialize, Serialize};
use stats::{bin, histogram_quantile, order_statistics, quantile, Running, Stream};

/// The largest seed: 2^53 − 1, the largest whole number JavaScript holds exactly, so that every
/// interface accepts the same seeds and gives the same runs for them.
pub const MAX_SEED: u64 = (1 << 53) - 1;
/// The most runs one simulation may ask for.
pub const MAX_RUNS: u64 = 10_000_000;
/// Up to this many runs, quantiles are exact (the draws are kept and selected); above it they
/// come from a second pass over the same draws into a fine histogram.
pub const EXACT_QUANTILE_RUNS: u64 = 200_000;
/// The most npv values (runs × rows) a simulation keeps when asked for its draws: 160 MB.
pub const MAX_KEPT_DRAWS: u64 = 20_000_000;
const FINE_BINS: usize = 1 << 16;
/// Bins of the histogram reported per row.
pub const HISTOGRAM_BINS: usize = 30;

/// Counts of equal-width bins between `min` and `max` (the last bin includes `max`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Histogram {
    /// The smallest npv.
    pub min: f64,
    /// The largest npv.
    pub max: f64,
    /// Runs per bin.
    pub counts: Vec<u64>,
}

/// Summary statistics of one row's npv over the runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct SimRow {
    pub id: String,
    /// The Swedish name; `names` has both.
    pub name: String,
    pub names: Names,
    pub kind: RowKind,
    pub mean: f64,
    pub sd: f64,
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    /// The share of runs with npv > 0 ("chance benefits exceed costs").
    pub p_positive: f64,
    pub histogram: Histogram,
}

/// An uncertain value drawn in every run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SimParameter {
    /// Its path in the model (the base inlined).
    pub path: String,
    /// Its distribution.
    pub dist: Distribution,
}

/// How the quantiles were computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Quantiles {
    /// Selected from all draws.
    Exact,
    /// From a second pass into 65,536 bins between the smallest and largest npv.
    Histogram,
}

/// The result of [`simulate`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    /// `"ekusia-simulation/1"`.
    pub format: String,
    /// Runs made.
    pub runs: u64,
    /// The seed of ChaCha8.
    pub seed: u64,
    /// How the quantiles were computed.
    pub quantiles: Quantiles,
    /// The uncertain values, in draw order.
    pub parameters: Vec<SimParameter>,
    /// Per row, in report order.
    pub rows: Vec<SimRow>,
    /// The npv of every run, per row (only when asked for).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draws: Option<Vec<Vec<f64>>>,
}

impl Simulation {
    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("serialises");
        s.push('\n');
        s
    }
}

/// Runs per random stream: run `k` draws from ChaCha8 seeded with `seed`, stream
/// `k / BLOCK_RUNS`, continuing where run `k − 1` of the same block stopped. So a block of runs
/// can be computed anywhere (another thread, another machine) and give the same numbers.
pub const BLOCK_RUNS: u64 = 1024;
/// Blocks a thread computes between two hand-overs of the results (the memory a simulation
/// keeps, whatever its number of runs, is this many runs per thread).
const BLOCKS_PER_THREAD: u64 = 8;

/// Runs the Monte Carlo simulation: `runs` draws of every uncertain parameter (ChaCha8 seeded
/// with `seed`, one stream per block of [`BLOCK_RUNS`] runs); per row the mean, standard
/// deviation (Welford, n − 1), 5th/50th/95th percentiles, the share of runs with npv > 0, and
/// a histogram. `progress` is called with the number of runs done, every 1/100 of the way.
pub fn simulate(
    model: &Model,
    opts: &Options,
    runs: u64,
    seed: u64,
    keep_draws: bool,
    progress: &mut dyn FnMut(u64),
) -> Result<Simulation> {
    simulate_threads(model, opts, runs, seed, keep_draws, 1, progress)
}

/// [`simulate`] with the runs split across `threads` threads (natively; 1 where there are no
/// threads, as in WebAssembly). The result does not depend on `threads`: every block of runs
/// has its own random stream, and the statistics take the runs in order.
pub fn simulate_threads(
    model: &Model,
    opts: &Options,
    runs: u64,
    seed: u64,
    keep_draws: bool,
    threads: usize,
    progress: &mut dyn FnMut(u64),
) -> Result<Simulation> {
    check_runs(runs)?;
    if seed > MAX_SEED {
        return Err(Error::new(
            ErrorCode::Limit,
            "seed",
            Msg::AtMostLimit,
            values![field = "seed", max = MAX_SEED, found = seed],
        ));
    }
    let sm = SimModel::compile(model, opts)?;
    let nr = sm.n_rows();
    if keep_draws && runs.saturating_mul(nr as u64) > MAX_KEPT_DRAWS {
        return Err(Error::new(
            ErrorCode::Limit,
            "runs",
            Msg::DrawsTooMany,
            values![max = MAX_KEPT_DRAWS, found = runs.saturating_mul(nr as u64)],
        ));
    }
    let kernel = Kernel::new(&sm);
    let mut runner = Runner::new(&sm, &kernel, seed, runs, threads);
    let exact = runs <= EXACT_QUANTILE_RUNS || keep_draws;
    let mut stats = vec![Running::default(); nr];
    let mut draws = None;
    let step = (runs / 100).max(1);
    let (hist, quantiles) = if sm.slots.is_empty() {
        // Nothing is drawn: every run gives the same npvs, and Welford's mean of equal values
        // is that value exactly, so one run stands for all of them.
        let mut one = vec![0.0; nr];
        run_block(&sm, &kernel, seed, 0, &mut one, &mut Scratch::default());
        for r in 0..nr {
            stats[r] = Running::constant(one[r], runs);
        }
        if keep_draws {
            draws = Some(one.iter().map(|&v| vec![v; runs as usize]).collect());
        }
        for k in (step..=runs).step_by(step as usize) {
            progress(k);
        }
        let first_bin = |_| {
            let mut h = vec![0u64; HISTOGRAM_BINS];
            h[0] = runs;
            h
        };
        (
            (0..nr).map(first_bin).collect(),
            one.iter().map(|&v| [v; 3]).collect(),
        )
    } else {
        let mut stream = Stream::new(nr, runs, exact, keep_draws);
        // The next progress report (every `step` runs).
        let mut next = step;
        let level = kernel.level;
        runner.each(&mut |first, outs| {
            // Compiled for the kernel's instruction set: the rows' registers then hold more.
            level.call(
                #[inline(always)]
                || stream.push(outs),
            );
            let done = first + (outs.len() / nr) as u64;
            while next <= done {
                progress(next);
                next += step;
            }
        });
        stats = stream.rows();
        let summary = if exact {
            exact_quantiles(&stream, &stats, runs)
        } else {
            second_pass(&mut runner, runs, &stats)
        };
        if keep_draws {
            draws = Some(stream.into_columns());
        }
        summary
    };
    let rows = sm
        .rows
        .iter()
        .enumerate()
        .map(|(r, label)| SimRow {
            id: label.id.clone(),
            name: label.names.sv.clone(),
            names: label.names.clone(),
            kind: label.kind,
            mean: stats[r].mean,
            sd: stats[r].sd(runs),
            p5: quantiles[r][0],
            p50: quantiles[r][1],
            p95: quantiles[r][2],
            p_positive: stats[r].positive as f64 / runs as f64,
            histogram: Histogram {
                min: stats[r].min,
                max: stats[r].max,
                counts: hist[r].clone(),
            },
        })
        .collect();
    Ok(Simulation {
        format: "ekusia-simulation/1".into(),
        runs,
        seed,
        quantiles: if exact {
            Quantiles::Exact
        } else {
            Quantiles::Histogram
        },
        parameters: sm
            .parameters
            .iter()
            .map(|(path, dist)| SimParameter {
                path: path.clone(),
                dist: dist.clone(),
            })
            .collect(),
        rows,
        draws,
    })
}

/// Computes the runs block by block (on several threads when asked) and hands every run's
/// npvs, in run order, to a callback.
struct Runner<'a> {
    sm: &'a SimModel,
    kernel: &'a Kernel,
    seed: u64,
    runs: u64,
    threads: usize,
    /// One scratch space per thread, and the npvs of the blocks in hand.
    scratch: Vec<Scratch>,
    buf: Vec<f64>,
}

/// What one thread needs: the kernel's workspace, the drawn values, the parameters.
#[derive(Default)]
struct Scratch {
    ws: Workspace,
    x: Vec<f64>,
    pv: Vec<f64>,
    /// The npvs of the L runs in hand.
    lanes: Vec<f64>,
}

impl<'a> Runner<'a> {
    fn new(sm: &'a SimModel, kernel: &'a Kernel, seed: u64, runs: u64, threads: usize) -> Self {
        let blocks = runs.div_ceil(BLOCK_RUNS);
        let threads = threads.clamp(1, blocks.max(1) as usize);
        Runner {
            sm,
            kernel,
            seed,
            runs,
            threads,
            scratch: (0..threads).map(|_| Scratch::default()).collect(),
            buf: Vec::new(),
        }
    }

    /// Calls `f(first, npvs)` for consecutive runs in order: `npvs` holds the rows of run
    /// `first`, then of run `first + 1`, and so on.
    fn each(&mut self, f: &mut dyn FnMut(u64, &[f64])) {
        let nr = self.sm.n_rows();
        let blocks = self.runs.div_ceil(BLOCK_RUNS);
        // One thread hands over every block (its npvs are still in the cache when the
        // statistics read them); several hand over a few blocks each at a time.
        let per_chunk = if self.threads == 1 {
            1
        } else {
            self.threads as u64 * BLOCKS_PER_THREAD
        };
        let mut b0 = 0;
        while b0 < blocks {
            let b1 = (b0 + per_chunk).min(blocks);
            let first = b0 * BLOCK_RUNS;
            let last = (b1 * BLOCK_RUNS).min(self.runs);
            let n = (last - first) as usize;
            // Every run's npvs are written before they are read: the buffer is only sized
            // (zeroed when it grows), not cleared for every chunk.
            self.buf.resize(n * nr, 0.0);
            let (sm, kernel, seed, runs) = (self.sm, self.kernel, self.seed, self.runs);
            let block_range = |b: u64| (b * BLOCK_RUNS, ((b + 1) * BLOCK_RUNS).min(runs));
            if self.threads == 1 {
                let s = &mut self.scratch[0];
                for b in b0..b1 {
                    let (r0, r1) = block_range(b);
                    let out = &mut self.buf[(r0 - first) as usize * nr..(r1 - first) as usize * nr];
                    run_block(sm, kernel, seed, b, out, s);
                }
            } else {
                // Contiguous runs of blocks per thread, each writing its own part of the buffer.
                let per = (b1 - b0).div_ceil(self.threads as u64);
                std::thread::scope(|scope| {
                    let mut rest: &mut [f64] = &mut self.buf;
                    let mut b = b0;
                    for s in self.scratch.iter_mut() {
                        if b >= b1 {
                            break;
                        }
                        let e = (b + per).min(b1);
                        let len = ((e * BLOCK_RUNS).min(runs) - b * BLOCK_RUNS) as usize * nr;
                        let (mine, tail) = std::mem::take(&mut rest).split_at_mut(len);
                        rest = tail;
                        let start = b;
                        scope.spawn(move || {
                            let mut off = 0;
                            for blk in start..e {
                                let (r0, r1) = block_range(blk);
                                let len = (r1 - r0) as usize * nr;
                                run_block(sm, kernel, seed, blk, &mut mine[off..off + len], s);
                                off += len;
                            }
                        });
                        b = e;
                    }
                });
            }
            f(first, &self.buf);
            b0 = b1;
        }
    }
}

/// The runs of block `b` (its own random stream), their npvs into `out` (runs × rows), L runs
/// at a time through the kernel.
fn run_block(sm: &SimModel, kernel: &Kernel, seed: u64, b: u64, out: &mut [f64], s: &mut Scratch) {
    let nr = sm.n_rows();
    let xl = sm.slots.len() + sm.formulas.len();
    s.x.clear();
    s.x.resize(L * xl, 0.0);
    s.lanes.clear();
    s.lanes.resize(L * nr, 0.0);
    if sm.slots.is_empty() {
        // Nothing is drawn: every run is the same.
        sm.params.derive(&sm.formulas, 0, &mut s.x[..xl], &mut s.pv);
        let x = &s.x[..xl];
        kernel.npv(sm, &[x; L], &mut s.ws, &mut s.lanes);
        for o in out.chunks_exact_mut(nr) {
            o.copy_from_slice(&s.lanes[..nr]);
        }
        return;
    }
    let mut rng = draw::Stream::new(seed, b);
    let n = out.len() / nr;
    let mut k = 0;
    while k < n {
        let m = (n - k).min(L);
        draw::draw_lanes(&sm.slots, kernel.level, &mut rng, &mut s.x, xl, m);
        for l in 0..m {
            let x = &mut s.x[l * xl..(l + 1) * xl];
            sm.params.derive(&sm.formulas, sm.slots.len(), x, &mut s.pv);
        }
        // A short last group: the spare lanes repeat the last run (their npvs are dropped).
        for l in m..L {
            s.x.copy_within((m - 1) * xl..m * xl, l * xl);
        }
        let xs: [&[f64]; L] = std::array::from_fn(|l| &s.x[l * xl..(l + 1) * xl]);
        kernel.npv(sm, &xs, &mut s.ws, &mut s.lanes);
        out[k * nr..(k + m) * nr].copy_from_slice(&s.lanes[..m * nr]);
        k += m;
    }
}

/// The 5th, 50th and 95th percentiles.
const PS: [f64; 3] = [0.05, 0.5, 0.95];

/// Histograms and percentiles per row.
type Summary = (Vec<Vec<u64>>, Vec<[f64; 3]>);

/// Histograms and exact quantiles from the kept npvs: from the fine bins counted while they
/// streamed in where they serve, else from each row's column.
fn exact_quantiles(stream: &Stream, stats: &[Running], runs: u64) -> Summary {
    let nr = stats.len();
    let mut hist = vec![vec![0u64; HISTOGRAM_BINS]; nr];
    let mut quantiles = vec![[0.0f64; 3]; nr];
    let varies = |r: &usize| stats[*r].min != stats[*r].max;
    let at = positions(runs as usize);
    let wanted: Vec<(usize, [usize; 6])> = match at {
        Some((ks, _)) => (0..nr).filter(varies).map(|r| (r, ks)).collect(),
        None => Vec::new(),
    };
    let mut fast = vec![None; nr];
    for ((r, _), f) in wanted
        .iter()
        .zip(stream.order_and_histogram(&wanted, HISTOGRAM_BINS))
    {
        fast[*r] = f;
    }
    for r in 0..nr {
        let (min, max) = (stats[r].min, stats[r].max);
        if min == max {
            // Every run gave the same npv: every quantile is it, every run in the first bin.
            hist[r][0] = runs;
            quantiles[r] = [min; 3];
            continue;
        }
        if let (Some((order, h)), Some((_, hs))) = (fast[r].take(), at) {
            hist[r] = h;
            quantiles[r] = lerp3(order, hs);
            continue;
        }
        let mut values = stream.column(r);
        for &v in values.iter() {
            hist[r][bin(v, min, max, HISTOGRAM_BINS)] += 1;
        }
        quantiles[r] = quantiles3(&mut values, min, max);
    }
    (hist, quantiles)
}

/// Per percentile: its lower order statistic and its fractional position.
type Between = [(usize, f64); 3];

/// Where the three type-7 percentiles of `n` values lie: the six order statistics they are
/// between (ascending) and, per percentile, its lower one and its fractional position; `None`
/// for few values (the percentiles are then selected one by one).
fn positions(n: usize) -> Option<([usize; 6], Between)> {
    let at = |p: f64| {
        let h = (n - 1) as f64 * p;
        (h.floor() as usize, h)
    };
    let hs @ [(l5, _), (l50, _), (l95, _)] = PS.map(at);
    if n < 64 || !(l5 + 1 < l50 && l50 + 1 < l95 && l95 + 1 < n) {
        return None;
    }
    Some(([l5, l5 + 1, l50, l50 + 1, l95, l95 + 1], hs))
}

/// The percentiles from the order statistics of [`positions`].
fn lerp3(order: [f64; 6], hs: Between) -> [f64; 3] {
    let lerp = |a: f64, b: f64, (lo, h): (usize, f64)| a + (h - lo as f64) * (b - a);
    let [a5, b5, a50, b50, a95, b95] = order;
    [
        lerp(a5, b5, hs[0]),
        lerp(a50, b50, hs[1]),
        lerp(a95, b95, hs[2]),
    ]
}

/// The 5th, 50th and 95th type-7 percentiles of unsorted data: the median's order statistic
/// selected first, then the others within the part below or above it (the same order
/// statistics as three separate selections, in about half the work).
fn quantiles3(data: &mut [f64], min: f64, max: f64) -> [f64; 3] {
    let Some((ks, hs)) = positions(data.len()) else {
        return PS.map(|p| quantile(data, p));
    };
    let [l5, _, l50, _, l95, _] = ks;
    // The six order statistics from fine bins (the same values a selection finds).
    if let Some(order) = order_statistics(data, min, max, ks) {
        return lerp3(order, hs);
    }
    let cmp = |x: &f64, y: &f64| x.total_cmp(y);
    let min = |xs: &[f64]| xs.iter().copied().fold(f64::INFINITY, f64::min);
    let (left, &mut a50, right) = data.select_nth_unstable_by(l50, cmp);
    // Below the median: order statistics l5 and l5 + 1.
    let (_, &mut a5, above5) = left.select_nth_unstable_by(l5, cmp);
    let b5 = min(above5);
    // Above it: order statistics l95 and l95 + 1, and the median's next one (l50 + 1).
    let (below95, &mut a95, above95) = right.select_nth_unstable_by(l95 - l50 - 1, cmp);
    let b95 = min(above95);
    let b50 = min(below95).min(a95);
    lerp3([a5, b5, a50, b50, a95, b95], hs)
}

/// A second pass over the very same draws into fine histograms, for runs too many to keep.
fn second_pass(runner: &mut Runner, runs: u64, stats: &[Running]) -> Summary {
    let nr = stats.len();
    let mut hist = vec![vec![0u64; HISTOGRAM_BINS]; nr];
    let mut fine = vec![vec![0u64; FINE_BINS]; nr];
    runner.each(&mut |_, outs| {
        for out in outs.chunks_exact(nr) {
            for r in 0..nr {
                fine[r][bin(out[r], stats[r].min, stats[r].max, FINE_BINS)] += 1;
                hist[r][bin(out[r], stats[r].min, stats[r].max, HISTOGRAM_BINS)] += 1;
            }
        }
    });
    let quantiles = (0..nr)
        .map(|r| PS.map(|p| histogram_quantile(&fine[r], stats[r].min, stats[r].max, runs, p)))
        .collect();
    (hist, quantiles)
}

/// Checks the run count of a simulation.
fn check_runs(runs: u64) -> Result<()> {
    if runs == 0 || runs > MAX_RUNS {
        return Err(Error::new(
            ErrorCode::Limit,
            "runs",
            Msg::RunsRange,
            values![max = MAX_RUNS, found = runs],
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The three percentiles from one selection and its halves equal three separate
    /// selections of the whole, on data with ties and of many lengths.
    #[test]
    fn three_quantiles_at_once_equal_three_selections() {
        let mut state = 12345u64;
        for n in [
            1usize, 2, 3, 19, 63, 64, 65, 100, 999, 1000, 1001, 4096, 10_000,
        ] {
            let data: Vec<f64> = (0..n)
                .map(|_| {
                    state = state
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((state >> 40) % 500) as f64 - 250.0
                })
                .collect();
            // With zeros (the selection) and shifted off them (the fine bins).
            for shift in [0.0, 0.5] {
                let data: Vec<f64> = data.iter().map(|v| v + shift).collect();
                let expected = PS.map(|p| quantile(&mut data.clone(), p));
                let min = data.iter().copied().fold(f64::INFINITY, f64::min);
                let max = data.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                assert_eq!(quantiles3(&mut data.clone(), min, max), expected, "n = {n}");
            }
        }
    }

    /// The summary from the fine bins counted while streaming (with the maps fixed from the
    /// first hand-over) equals the one from the full data: every value's bin by `bin`, the
    /// percentiles from a sort. On rows whose range grows far beyond the first hand-over's,
    /// far from zero with a tiny spread, across zero down to subnormals, with many ties, with
    /// both zeros (ordered -0 before +0, as `total_cmp` does), and
    /// with one value per run of the row; and the fast way is the one taken (but for the
    /// subnormal spread, which has no fine map).
    #[test]
    fn streamed_fine_bins_give_the_exact_histogram_and_percentiles() {
        let mut state = 99u64;
        let mut u = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 11) as f64 + 0.5) / (1u64 << 53) as f64
        };
        let rows: [fn(usize, f64) -> f64; 8] = [
            |_, u| 100.0 * (u - 0.3),
            |i, u| if i < 1024 { u + 1.0 } else { (u - 0.5) * 1e6 },
            |_, u| 1e9 + u * 1e-6,
            |_, u| (u - 0.5) * 1e-300,
            |_, u| ((u * 7.0).floor() - 3.5) * 0.25,
            |_, u| (u - 0.5) * 1e-310,
            |_, u| -1e5 * u.powi(8),
            |i, u| [0.0, -0.0, u - 0.5][i % 3],
        ];
        let nr = rows.len();
        // Kept run by run with each fine bin noted, without notes, and row by row.
        let ways = [(false, true), (false, false), (true, false)];
        for (runs, (by_row, note)) in [64usize, 1000, 1025, 3001, 10_000]
            .into_iter()
            .flat_map(|n| ways.map(|w| (n, w)))
        {
            let data: Vec<f64> = (0..runs)
                .flat_map(|i| rows.map(|f| (i, f)))
                .map(|(i, f)| f(i, u()))
                .collect();
            let mut stream = Stream::new(nr, runs as u64, true, by_row);
            if !note {
                stream = stream.without_notes();
            }
            for chunk in data.chunks(BLOCK_RUNS as usize * nr) {
                stream.push(chunk);
            }
            let stats = stream.rows();
            let (ks, _) = positions(runs).unwrap();
            let wanted: Vec<_> = (0..nr).map(|r| (r, ks)).collect();
            let fast = stream.order_and_histogram(&wanted, HISTOGRAM_BINS);
            let (hist, quantiles) = exact_quantiles(&stream, &stats, runs as u64);
            for r in 0..nr {
                // Subnormal spreads overflow the fine map's scale: that row goes the usual way.
                let fast_way = r != 5;
                assert_eq!(fast[r].is_some(), fast_way, "row {r}, {runs} runs: the way");
                let mut col: Vec<f64> = data.iter().skip(r).step_by(nr).copied().collect();
                let (min, max) = (stats[r].min, stats[r].max);
                let mut expected = vec![0u64; HISTOGRAM_BINS];
                for &v in &col {
                    expected[bin(v, min, max, HISTOGRAM_BINS)] += 1;
                }
                assert_eq!(hist[r], expected, "row {r}, {runs} runs");
                col.sort_by(f64::total_cmp);
                let type7 = |p: f64| {
                    let h = (runs - 1) as f64 * p;
                    let lo = h.floor() as usize;
                    col[lo] + (h - lo as f64) * (col[lo + 1] - col[lo])
                };
                assert_eq!(
                    quantiles[r].map(f64::to_bits),
                    PS.map(type7).map(f64::to_bits),
                    "row {r}, {runs} runs"
                );
            }
            let columns: Vec<Vec<f64>> = (0..nr)
                .map(|r| data.iter().skip(r).step_by(nr).copied().collect())
                .collect();
            assert_eq!(stream.into_columns(), columns);
        }
    }

    /// The repository's root and the bundled example models.
    fn examples() -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let paths = std::fs::read_dir(root.join("models/examples"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        (root, paths)
    }

    /// Every instruction set the kernel is compiled for (the baseline, AVX2, AVX-512, as far
    /// as this processor has them) gives the very same bits for the same draws, on models
    /// that reach every path of the kernel (drawn shares, rates and amounts, time limits,
    /// groups, trajectories).
    #[test]
    fn every_instruction_set_gives_the_same_bits() {
        let (root, mut paths) = examples();
        for v in ["kernel-paths", "uniform-triangular"] {
            paths.push(root.join(format!("tests/vectors/simulation/{v}.toml")));
        }
        let levels = npv::Level::available();
        eprintln!("levels compared: {levels:?}");
        for path in paths {
            let m = Model::from_toml(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let o = Options {
                base_dir: path.parent().map(|p| p.to_path_buf()),
            };
            let sm = SimModel::compile(&m, &o).unwrap();
            let kernel = Kernel::new(&sm);
            let xl = sm.slots.len() + sm.formulas.len();
            let mut rng = draw::Stream::new(11, 0);
            let mut pv = Vec::new();
            for _ in 0..20 {
                let mut x = vec![0.0; L * xl];
                for l in 0..L {
                    let xs = &mut x[l * xl..(l + 1) * xl];
                    draw::draw_run(&sm.slots, &mut rng, xs);
                    sm.params.derive(&sm.formulas, sm.slots.len(), xs, &mut pv);
                }
                let xs: [&[f64]; L] = std::array::from_fn(|l| &x[l * xl..(l + 1) * xl]);
                let outs: Vec<Vec<u64>> = levels
                    .iter()
                    .map(|&level| {
                        let mut out = vec![0.0; L * sm.n_rows()];
                        kernel.npv_at(level, &sm, &xs, &mut Workspace::default(), &mut out);
                        out.iter().map(|v| v.to_bits()).collect()
                    })
                    .collect();
                for (level, out) in levels.iter().zip(&outs) {
                    assert_eq!(out, &outs[0], "{}: {level:?}", path.display());
                }
            }
        }
    }

    /// With every uncertain value at its point, the f64 simulation gives the exact report's
    /// npv (to f64 precision) for every row of every example.
    #[test]
    fn the_point_value_run_agrees_with_the_exact_report() {
        let (root, mut paths) = examples();
        paths.push(root.join("tests/vectors/simulation/uniform-triangular.toml"));
        paths.push(root.join("tests/vectors/models/rounding-thirds.toml"));
        for v11 in [
            "formulas",
            "parameter-places",
            "time-limits",
            "groups",
            "base-parameters",
        ] {
            paths.push(root.join(format!("tests/vectors/models/v11-{v11}.toml")));
        }
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap();
            let m = Model::from_toml(&text).unwrap();
            let o = Options {
                base_dir: path.parent().map(|p| p.to_path_buf()),
            };
            let report = crate::evaluate(&m, &o).unwrap();
            let sm = SimModel::compile(&m, &o).unwrap();
            let mut out = vec![0.0; sm.n_rows()];
            let mut x = sm.point_values();
            x.resize(sm.slots.len() + sm.formulas.len(), 0.0);
            sm.params
                .derive(&sm.formulas, sm.slots.len(), &mut x, &mut Vec::new());
            let mut lanes = vec![0.0; L * sm.n_rows()];
            Kernel::new(&sm).npv(&sm, &[&x[..]; L], &mut Workspace::default(), &mut lanes);
            out.copy_from_slice(&lanes[..sm.n_rows()]);
            for (row, got) in report.rows.iter().zip(&out) {
                let exact = draw::f(row.npv);
                let tol = 1e-9 * exact.abs().max(1.0);
                assert!(
                    (got - exact).abs() <= tol,
                    "{}: {} {got} vs {exact}",
                    path.display(),
                    row.id
                );
            }
        }
    }
}
