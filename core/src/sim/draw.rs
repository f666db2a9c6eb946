//! Random draws, the same bits on every platform: ChaCha8 outputs mapped to (0, 1), and the
//! only transcendental functions from the pure-Rust `libm`.

// Lane loops index several arrays by the same lane on purpose: that is what vectorises.
#![allow(clippy::needless_range_loop)]

use super::libm_lanes;
use super::npv::{Level, L};
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
    bytes: [u8; WORDS * 8],
    /// Words read and not yet used from `i` on.
    words: Vec<u64>,
    /// The next word in `words`.
    i: usize,
    /// How many words have been read from the generator.
    read: u64,
}

impl Stream {
    /// ChaCha8 seeded with `seed`, stream `stream`.
    pub(crate) fn new(seed: u64, stream: u64) -> Stream {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Stream {
            rng,
            bytes: [0; WORDS * 8],
            words: Vec::with_capacity(2 * WORDS),
            i: 0,
            read: 0,
        }
    }

    /// Reads the next [`WORDS`] words onto the end of `words`.
    fn refill(&mut self) {
        self.rng.fill_bytes(&mut self.bytes);
        self.read += WORDS as u64;
        self.words.extend(
            self.bytes
                .chunks_exact(8)
                .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes"))),
        );
    }

    /// The next 64-bit output.
    #[inline(always)]
    fn next_u64(&mut self) -> u64 {
        if self.i == self.words.len() {
            self.words.clear();
            self.i = 0;
            self.refill();
        }
        let w = self.words[self.i];
        self.i += 1;
        w
    }

    /// The next `n` outputs, without using them up (see [`Stream::skip`]).
    fn peek(&mut self, n: usize) -> &[u64] {
        if self.words.len() - self.i < n {
            self.words.drain(..self.i);
            self.i = 0;
            while self.words.len() < n {
                self.refill();
            }
        }
        &self.words[self.i..self.i + n]
    }

    /// How many words have been used.
    #[cfg(test)]
    fn position(&self) -> u64 {
        self.read - (self.words.len() - self.i) as u64
    }

    /// Uses up the next `n` outputs (at most as many as the last [`Stream::peek`] showed).
    fn skip(&mut self, n: usize) {
        self.i += n;
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

    /// The words of the stream one draw uses when no Gamma draw is rejected: a uniform or a
    /// triangular one, a normal two (Box–Muller), a PERT six (two Gamma draws of a normal and a
    /// uniform each) or none when its max is not above its min.
    fn words(&self) -> usize {
        match self.kind {
            DistKind::Uniform | DistKind::Triangular => 1,
            DistKind::Normal => 2,
            DistKind::Pert if self.c <= self.a => 0,
            DistKind::Pert => 6,
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
    to_uniform(rng.next_u64())
}

/// The uniform number of one 64-bit word: its top 53 bits, and a half, over 2^53.
#[inline(always)]
fn to_uniform(word: u64) -> f64 {
    ((word >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0)
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

/// One run's draws, one after another, into `x` (one per slot).
pub(crate) fn draw_run(slots: &[Slot], rng: &mut Stream, x: &mut [f64]) {
    for (slot, xi) in slots.iter().zip(x.iter_mut()) {
        *xi = slot.draw(rng);
    }
}

/// The most words a lane group's runs may span for them to be drawn side by side.
const MAX_GROUP_WORDS: usize = L * 256;

/// Draws `m` ≤ [`L`] runs, run `l`'s draws into `x[l * xl..]`, with the very bits and stream
/// positions that drawing them one after another with [`draw_run`] gives, but side by side.
///
/// A run's draws take a known number of words unless a Gamma draw (PERT) is rejected, which
/// is rare. So the group's draws are made as if none were, each run from its place in the
/// stream under that assumption, every lane at once ([`libm_lanes`] for the logarithms and
/// cosines). The runs before the first rejection are right; the rejected run is drawn one
/// draw after another from where it really starts, and the rest of the group side by side
/// again from where that one ends.
pub(crate) fn draw_lanes(
    slots: &[Slot],
    level: Level,
    rng: &mut Stream,
    x: &mut [f64],
    xl: usize,
    m: usize,
) {
    debug_assert!(m <= L, "a lane group holds at most L runs");
    let w: usize = slots.iter().map(Slot::words).sum();
    if L * w > MAX_GROUP_WORDS {
        for l in 0..m {
            draw_run(slots, rng, &mut x[l * xl..]);
        }
        return;
    }
    let mut done = 0;
    while done < m {
        let words = rng.peek(L * w);
        let lanes = &mut x[done * xl..];
        let right = level.call(
            #[inline(always)]
            || side_by_side(slots, words, w, lanes, xl, m - done),
        );
        rng.skip(right * w);
        done += right;
        if done < m {
            draw_run(slots, rng, &mut x[done * xl..]);
            done += 1;
        }
    }
}

/// Each slot's draws of L runs whose words are `words[l * w..][..w]`, into `x[l * xl + slot]`
/// for the first `lim` runs; returns how many runs from the first are right (before the first
/// run with a rejected Gamma draw).
#[inline(always)]
fn side_by_side(
    slots: &[Slot],
    words: &[u64],
    w: usize,
    x: &mut [f64],
    xl: usize,
    lim: usize,
) -> usize {
    let words = &words[..L * w];
    let mut rejected = 0u64;
    let mut o = 0;
    for (s, slot) in slots.iter().enumerate() {
        let at = |j: usize| uniforms(words, w, o + j);
        let (a, c) = (slot.a, slot.c);
        let mut v = [a; L];
        match slot.kind {
            DistKind::Uniform => {
                let u = at(0);
                for l in 0..L {
                    v[l] = a + (c - a) * u[l];
                }
            }
            DistKind::Triangular if c > a => {
                let u = at(0);
                let [width, below, above, fc] = slot.k;
                // One square root per lane, of the branch's own argument.
                for l in 0..L {
                    let lower = u[l] < fc;
                    let r = if lower {
                        u[l] * width * below
                    } else {
                        (1.0 - u[l]) * width * above
                    }
                    .sqrt();
                    v[l] = if lower { a + r } else { c - r };
                }
            }
            DistKind::Triangular => {}
            DistKind::Normal => {
                let z = normals(&at(0), &at(1));
                for l in 0..L {
                    v[l] = a + slot.b * z[l];
                }
            }
            DistKind::Pert if c <= a => {}
            DistKind::Pert => {
                let (gx, rx) = gammas(slot.k[0], slot.k[1], &at(0), &at(1), &at(2));
                let (gy, ry) = gammas(slot.k[2], slot.k[3], &at(3), &at(4), &at(5));
                rejected |= rx | ry;
                for l in 0..L {
                    v[l] = a + (c - a) * gx[l] / (gx[l] + gy[l]);
                }
            }
        }
        for l in 0..lim.min(L) {
            x[l * xl + s] = v[l];
        }
        o += slot.words();
    }
    (rejected.trailing_zeros() as usize).min(lim).min(L)
}

/// The uniform numbers of words `words[l * w + j]`, lane by lane.
#[inline(always)]
fn uniforms(words: &[u64], w: usize, j: usize) -> [f64; L] {
    let mut u = [0.0; L];
    for l in 0..L {
        u[l] = to_uniform(words[l * w + j]);
    }
    u
}

/// [`normal`] of every lane, from its two uniforms.
#[inline(always)]
fn normals(u1: &[f64; L], u2: &[f64; L]) -> [f64; L] {
    let lg = libm_lanes::log(u1);
    let mut arg = [0.0; L];
    for l in 0..L {
        arg[l] = 2.0 * std::f64::consts::PI * u2[l];
    }
    let cs = libm_lanes::cos(&arg);
    let mut z = [0.0; L];
    for l in 0..L {
        z[l] = (-2.0 * lg[l]).sqrt() * cs[l];
    }
    z
}

/// [`gamma`]'s first try in every lane, from the normal's two uniforms and the uniform after
/// them; the lanes whose try is rejected (where [`gamma`] would go on drawing) are marked in
/// the mask returned.
#[inline(always)]
// `!(a < b)`, not `a >= b`: [`gamma`]'s own test, the same for every value.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
fn gammas(d: f64, c: f64, u1: &[f64; L], u2: &[f64; L], u: &[f64; L]) -> ([f64; L], u64) {
    let z = normals(u1, u2);
    let mut out = [0.0; L];
    let mut v3 = [0.0; L];
    let mut bad = 0u64;
    let mut unsqueezed = 0u64;
    for l in 0..L {
        let v = 1.0 + c * z[l];
        bad |= u64::from(v <= 0.0) << l;
        v3[l] = v * v * v;
        unsqueezed |= u64::from(!(u[l] < 1.0 - 0.0331 * z[l] * z[l] * z[l] * z[l])) << l;
        out[l] = d * v3[l];
    }
    // Gamma's second test, where the squeeze did not accept (a few lanes): libm's own log.
    let mut check = unsqueezed & !bad;
    while check != 0 {
        let l = check.trailing_zeros() as usize;
        check &= check - 1;
        let (z, v) = (z[l], v3[l]);
        if !(libm::log(u[l]) < 0.5 * z * z + d * (1.0 - v + libm::log(v))) {
            bad |= 1 << l;
        }
    }
    (out, bad)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn slot(dist: DistKind, min: i64, mode: i64, max: i64) -> Slot {
        let d = |v: i64| Decimal::new(v, 2);
        Slot::new(&Resolved {
            dist,
            min: d(min),
            mode: d(mode),
            max: d(max),
            mean: d(mode),
            sd: d(max - min),
        })
    }

    /// Drawing a lane group side by side gives the bits, and leaves the stream where, drawing
    /// the runs one after another gives, at every instruction set, for groups of every size,
    /// with Gamma draws rejected now and then (a PERT with its mode at its min rejects often),
    /// degenerate distributions that draw nothing or one word, and a model too wide to be
    /// drawn side by side.
    #[test]
    fn side_by_side_draws_are_the_one_by_one_draws() {
        use DistKind::*;
        let narrow = vec![
            slot(Normal, 0, 5, 10),
            slot(Pert, 0, 0, 100),
            slot(Uniform, 10, 15, 20),
            slot(Pert, 4, 8, 12),
            slot(Triangular, 4, 5, 7),
            slot(Pert, 3, 3, 3),
            slot(Triangular, 2, 2, 2),
            slot(Pert, 0, 99, 100),
        ];
        let wide: Vec<Slot> = (0..50).map(|i| slot(Pert, 0, i, 100)).collect();
        for slots in [narrow, wide] {
            let w: usize = slots.iter().map(Slot::words).sum();
            let n = slots.len();
            for level in Level::available() {
                for m in [1, 5, L] {
                    let mut one = Stream::new(7, 3);
                    let mut lanes = Stream::new(7, 3);
                    let mut rejected = 0;
                    for _ in 0..300 {
                        let mut want = vec![0.0; L * n];
                        for l in 0..m {
                            let before = one.position();
                            draw_run(&slots, &mut one, &mut want[l * n..]);
                            rejected += usize::from(one.position() - before > w as u64);
                        }
                        let mut got = vec![0.0; L * n];
                        draw_lanes(&slots, level, &mut lanes, &mut got, n, m);
                        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                        assert_eq!(bits(&got), bits(&want), "{level:?}, m = {m}");
                        assert_eq!(lanes.position(), one.position(), "{level:?}, m = {m}");
                    }
                    assert!(rejected > 10, "{level:?}, m = {m}: {rejected} rejections");
                }
            }
        }
    }
}
