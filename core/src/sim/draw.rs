//! Random draws, the same bits on every platform: ChaCha8 outputs mapped to (0, 1), and the
//! only transcendental functions from the pure-Rust `libm`.

use crate::num::{DistKind, Resolved};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// 64-bit words read from ChaCha8 at a time (sixteen of its 64-byte blocks).
const WORDS: usize = 128;

/// The 64-bit outputs of one random stream, read from ChaCha8 in bulk: word `i` is what the
/// generator's `i`-th `next_u64` gives (its 32-bit outputs in order, two to a word, the first
/// in the low half, as `fill_bytes` lays them out little-endian), without the generator's
/// bookkeeping on every word. It may read ahead of the words used; a stream belongs to one
/// block of runs, so nothing reads after it.
pub(crate) struct Stream {
    rng: ChaCha8Rng,
    buf: [u8; WORDS * 8],
    /// The next word in `buf`.
    i: usize,
}

impl Stream {
    /// ChaCha8 seeded with `seed`, stream `stream`.
    pub(crate) fn new(seed: u64, stream: u64) -> Stream {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Stream {
            rng,
            buf: [0; WORDS * 8],
            i: WORDS,
        }
    }

    /// The next 64-bit output.
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        if self.i == WORDS {
            self.rng.fill_bytes(&mut self.buf);
            self.i = 0;
        }
        let at = self.i * 8;
        self.i += 1;
        let bytes: [u8; 8] = self.buf[at..at + 8].try_into().expect("8 bytes");
        u64::from_le_bytes(bytes)
    }
}

/// A parameter drawn in every run, with its distribution's numbers as f64.
#[derive(Clone, Debug)]
pub(crate) struct Slot {
    kind: DistKind,
    a: f64,
    b: f64,
    c: f64,
    /// What every draw would compute from the constants, computed once with the same
    /// operations: triangular (max − min, mode − min, max − mode, the mode's cdf), PERT (d and
    /// c of Marsaglia–Tsang for α and for β).
    k: [f64; 4],
}

/// A decimal as the nearest f64 (see [`crate::num::to_f64`]).
pub(crate) fn f(d: rust_decimal::Decimal) -> f64 {
    crate::num::to_f64(d)
}

impl Slot {
    /// The slot of a distribution whose fields are known (formulas in them evaluated at the
    /// parameters' point values).
    pub(crate) fn new(d: &Resolved) -> Slot {
        let (a, b, c) = match d.dist {
            DistKind::Triangular | DistKind::Pert => (f(d.min), f(d.mode), f(d.max)),
            DistKind::Uniform => (f(d.min), 0.0, f(d.max)),
            DistKind::Normal => (f(d.mean), f(d.sd), 0.0),
        };
        let k = match d.dist {
            DistKind::Triangular => [c - a, b - a, c - b, (b - a) / (c - a)],
            DistKind::Pert if c > a => {
                let alpha = 1.0 + 4.0 * (b - a) / (c - a);
                let beta = 1.0 + 4.0 * (c - b) / (c - a);
                let (da, ca) = gamma_constants(alpha);
                let (db, cb) = gamma_constants(beta);
                [da, ca, db, cb]
            }
            _ => [0.0; 4],
        };
        Slot {
            kind: d.dist,
            a,
            b,
            c,
            k,
        }
    }

    /// The point value (mode, or the mean).
    #[cfg(test)]
    pub(crate) fn point(&self) -> f64 {
        match self.kind {
            DistKind::Triangular | DistKind::Pert => self.b,
            DistKind::Uniform => (self.a + self.c) / 2.0,
            DistKind::Normal => self.a,
        }
    }

    /// One draw.
    pub(crate) fn draw(&self, rng: &mut Stream) -> f64 {
        match self.kind {
            DistKind::Uniform => self.a + (self.c - self.a) * uniform(rng),
            DistKind::Triangular => triangular(self.a, self.c, &self.k, rng),
            DistKind::Normal => self.a + self.b * normal(rng),
            DistKind::Pert => pert(self.a, self.c, &self.k, rng),
        }
    }
}

/// A uniform number in the open interval (0, 1) from 53 random bits.
fn uniform(rng: &mut Stream) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
}

/// A standard normal number (Box–Muller, cosine branch).
fn normal(rng: &mut Stream) -> f64 {
    let u1 = uniform(rng);
    let u2 = uniform(rng);
    (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * u2)
}

/// Marsaglia and Tsang's d and c for Gamma(a).
fn gamma_constants(a: f64) -> (f64, f64) {
    let d = a - 1.0 / 3.0;
    (d, 1.0 / (9.0 * d).sqrt())
}

/// Gamma(a, 1) for a ≥ 1 (Marsaglia and Tsang), with `(d, c)` = [`gamma_constants`]`(a)`.
fn gamma(d: f64, c: f64, rng: &mut Stream) -> f64 {
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

/// `k` = [max − min, mode − min, max − mode, (mode − min)/(max − min)].
fn triangular(min: f64, max: f64, k: &[f64; 4], rng: &mut Stream) -> f64 {
    let u = uniform(rng);
    if max <= min {
        return min;
    }
    let [width, below, above, fc] = *k;
    if u < fc {
        min + (u * width * below).sqrt()
    } else {
        max - ((1.0 - u) * width * above).sqrt()
    }
}

/// `k` = the gamma constants of α and of β.
fn pert(min: f64, max: f64, k: &[f64; 4], rng: &mut Stream) -> f64 {
    if max <= min {
        return min;
    }
    let x = gamma(k[0], k[1], rng);
    let y = gamma(k[2], k[3], rng);
    min + (max - min) * x / (x + y)
}
