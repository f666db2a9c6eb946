//! Addition, subtraction and multiplication with the results rust_decimal gives, bit for bit,
//! but faster on the shapes an evaluation produces.
//!
//! Why this exists: an evaluation is a few thousand decimal operations, most of them on
//! full 96-bit mantissas (discount factors and shares carry 28 digits). rust_decimal handles
//! those through its general 32-bit-limb routines, dividing by powers of ten with hardware
//! division. [`Dec`] keeps the mantissa in a native 128-bit integer, so a sum is an integer
//! addition, and rounding a product divides by constant powers of ten in few, wide steps. It
//! made evaluation about a third faster. Products and sums that need rounding are rounded
//! here by the rule below (a sum is formed exactly in 192 bits first, as rust_decimal does;
//! at the format's limits, with 28-digit shares times many cohorts, nearly every sum needs
//! it, and rust_decimal's general routine was half the evaluation's time). The tests compare
//! both with rust_decimal on 300,000 operand pairs (5 million in release), including the edge
//! cases of rounding, so there is one definition of every result: rust_decimal's.
//!
//! The rounding rule (docs/arithmetic.md): a product or sum that does not fit is rounded half
//! to even at the largest scale ≤ 28 for which its integer part fits in 96 bits.

use rust_decimal::Decimal;

const U96: u128 = 1 << 96;

/// 10^k for k = 0 ..= 19 (all fit in a u64).
const POW10: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// A decimal as the engine computes with it: a signed mantissa below 2^96 in magnitude and a
/// scale of 0..=28, the same pair a `rust_decimal::Decimal` holds, but in a native integer so
/// the common operations are a few machine instructions.
///
/// Every non-zero result is bit for bit the `Decimal` rust_decimal would produce (same
/// mantissa, same scale). A zero may carry a different scale or sign than rust_decimal would
/// give it; no later operation depends on that (zero is skipped by additions and gives zero in
/// products), and reports print the normalised value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Dec {
    m: i128,
    s: u32,
}

impl Dec {
    pub(crate) const ZERO: Dec = Dec { m: 0, s: 0 };

    #[inline]
    pub(crate) fn is_zero(self) -> bool {
        self.m == 0
    }
    /// The same value as a `Decimal`.
    #[inline]
    pub(crate) fn to_decimal(self) -> Decimal {
        let u = self.m.unsigned_abs();
        Decimal::from_parts(
            u as u32,
            (u >> 32) as u32,
            (u >> 64) as u32,
            self.m < 0,
            self.s,
        )
    }

    /// a + b, or `None` on overflow.
    #[inline(always)]
    pub(crate) fn add(self, b: Dec) -> Option<Dec> {
        if self.m == 0 {
            return Some(b);
        }
        self.add_nonzero(b)
    }

    /// a − b, or `None` on overflow.
    #[inline(always)]
    pub(crate) fn sub(self, b: Dec) -> Option<Dec> {
        if self.m == 0 {
            return Some(Dec { m: -b.m, s: b.s });
        }
        self.add_nonzero(Dec { m: -b.m, s: b.s })
    }

    #[inline(always)]
    fn add_nonzero(self, b: Dec) -> Option<Dec> {
        if b.m == 0 {
            return Some(self);
        }
        let m = if self.s == b.s {
            self.m + b.m // both below 2^96 in magnitude: no wrap
        } else if self.s < b.s {
            match scale_up(self.m, b.s - self.s) {
                Some(x) => x + b.m,
                None => return self.slow_add(b),
            }
        } else {
            match scale_up(b.m, self.s - b.s) {
                Some(x) => self.m + x,
                None => return self.slow_add(b),
            }
        };
        if m.unsigned_abs() >= U96 {
            return round_sum(m, self.s.max(b.s));
        }
        Some(Dec {
            m,
            s: self.s.max(b.s),
        })
    }

    /// A sum that needs more than 96 bits at the larger scale: the exact sum in 192 bits,
    /// then rounded by the one rule (the same routine as a product's). rust_decimal's
    /// `unaligned_add` computes the same exact sum and rounds it by the same rule (its
    /// `Buf24::rescale`); the differential tests below hold the two to the same bits.
    #[inline(never)]
    fn slow_add(self, b: Dec) -> Option<Dec> {
        let s = self.s.max(b.s);
        let wa = widen(self.m.unsigned_abs(), s - self.s);
        let wb = widen(b.m.unsigned_abs(), s - b.s);
        let (na, nb) = (self.m < 0, b.m < 0);
        let (mag, negative) = if na == nb {
            (add3(wa, wb), na)
        } else if ge3(wa, wb) {
            (sub3(wa, wb), na)
        } else {
            (sub3(wb, wa), nb)
        };
        if mag == [0; 3] {
            return Some(Dec::ZERO);
        }
        round_product(mag, negative, s)
    }

    /// a · b, or `None` on overflow.
    #[inline]
    pub(crate) fn mul(self, b: Dec) -> Option<Dec> {
        if self.m == 0 || b.m == 0 {
            return Some(Dec::ZERO);
        }
        let (ma, mb) = (self.m.unsigned_abs(), b.m.unsigned_abs());
        let scale = self.s + b.s;
        let negative = (self.m < 0) != (b.m < 0);
        // The exact product of two 96-bit mantissas, in three 64-bit limbs.
        let (al, ah) = (ma as u64 as u128, ma >> 64); // ah < 2^32
        let (bl, bh) = (mb as u64 as u128, mb >> 64);
        let ll = al * bl;
        if ah | bh == 0 && ll < U96 && scale <= 28 {
            return Some(signed(ll, negative, scale));
        }
        let cross = al * bh + ah * bl; // < 2^97
        let hh = ah * bh; // < 2^64
        let (lo, carry) = ll.overflowing_add(cross << 64);
        let hi = hh + (cross >> 64) + carry as u128; // < 2^64
        if hi == 0 && lo < U96 && scale <= 28 {
            return Some(signed(lo, negative, scale));
        }
        round_product([lo as u64, (lo >> 64) as u64, hi as u64], negative, scale)
    }
}

impl From<Decimal> for Dec {
    #[inline]
    fn from(d: Decimal) -> Dec {
        Dec {
            m: d.mantissa(),
            s: d.scale(),
        }
    }
}

#[inline(always)]
fn signed(m: u128, negative: bool, s: u32) -> Dec {
    let m = m as i128;
    Dec {
        m: if negative { -m } else { m },
        s,
    }
}

/// An exact sum (below 2^127 in magnitude) that needs rounding, or overflows. Out of line, so
/// that an addition stays small enough to be inlined where it is used.
#[cold]
#[inline(never)]
fn round_sum(m: i128, s: u32) -> Option<Dec> {
    let u = m.unsigned_abs();
    round_product([u as u64, (u >> 64) as u64, 0], m < 0, s)
}

/// m · 10^k (m < 2^96, k ≤ 28, so below 2^190) in three 64-bit limbs.
#[inline(always)]
fn widen(m: u128, k: u32) -> [u64; 3] {
    let mut p = [m as u64, (m >> 64) as u64, 0];
    let mut left = k;
    while left > 0 {
        let step = left.min(19);
        let f = POW10[step as usize] as u128;
        let mut carry = 0u128;
        for x in p.iter_mut() {
            let v = *x as u128 * f + carry;
            *x = v as u64;
            carry = v >> 64;
        }
        left -= step;
    }
    p
}

#[inline(always)]
fn add3(a: [u64; 3], b: [u64; 3]) -> [u64; 3] {
    let (l, c0) = a[0].overflowing_add(b[0]);
    let (m, c1) = a[1].overflowing_add(b[1]);
    let (m, c2) = m.overflowing_add(c0 as u64);
    let h = a[2] + b[2] + c1 as u64 + c2 as u64; // both below 2^190: no wrap
    [l, m, h]
}

#[inline(always)]
fn ge3(a: [u64; 3], b: [u64; 3]) -> bool {
    (a[2], a[1], a[0]) >= (b[2], b[1], b[0])
}

/// a − b for a ≥ b.
#[inline(always)]
fn sub3(a: [u64; 3], b: [u64; 3]) -> [u64; 3] {
    let (l, b0) = a[0].overflowing_sub(b[0]);
    let (m, b1) = a[1].overflowing_sub(b[1]);
    let (m, b2) = m.overflowing_sub(b0 as u64);
    let h = a[2] - b[2] - b1 as u64 - b2 as u64;
    [l, m, h]
}

/// m · 10^k if it stays below 2^126 (room for one more 96-bit addend): the bit lengths of m
/// and 10^k add up to at most 126.
#[inline(always)]
fn scale_up(m: i128, k: u32) -> Option<i128> {
    if k > 19 {
        return None;
    }
    let bits = 128 - m.unsigned_abs().leading_zeros();
    (bits + POW10_BITS[k as usize] <= 126).then(|| m * POW10[k as usize] as i128)
}

/// The bit length of 10^k for k = 0 ..= 19.
const POW10_BITS: [u32; 20] = {
    let mut t = [0u32; 20];
    let mut i = 0;
    while i < 20 {
        t[i] = 64 - POW10[i].leading_zeros();
        i += 1;
    }
    t
};

/// 2^96 · 10^k for k = 0 ..= 28 in three 64-bit limbs (below 2^190): a 192-bit value p
/// leaves a quotient below 2^96 when divided by 10^k exactly when p < FIT[k].
const FIT: [[u64; 3]; 29] = {
    let mut t = [[0u64; 3]; 29];
    t[0] = [0, 1 << 32, 0];
    let mut k = 1;
    while k < 29 {
        let mut carry = 0u128;
        let mut i = 0;
        while i < 3 {
            let v = t[k - 1][i] as u128 * 10 + carry;
            t[k][i] = v as u64;
            carry = v >> 64;
            i += 1;
        }
        k += 1;
    }
    t
};

#[inline(always)]
fn lt3(a: &[u64; 3], b: &[u64; 3]) -> bool {
    (a[2], a[1], a[0]) < (b[2], b[1], b[0])
}

/// Rounds a 192-bit product (or exact sum) with `scale` decimals to a 96-bit decimal: divide
/// by 10^k for the smallest k that brings the scale to ≤ 28 and the quotient below 2^96
/// (found by comparing with `FIT`, so there is one division), then round half to even on the
/// exact remainder. `None` is an overflow.
#[inline(never)]
fn round_product(mut p: [u64; 3], negative: bool, scale: u32) -> Option<Dec> {
    let bits = if p[2] != 0 {
        192 - p[2].leading_zeros()
    } else if p[1] != 0 {
        128 - p[1].leading_zeros()
    } else {
        64 - p[0].leading_zeros()
    };
    // A lower bound for the digits to drop so the quotient fits 96 bits (log10 2 < 77/256),
    // then up to the exact count (p < 2^192 < 2^96 · 10^29, so k ≤ 29 always fits).
    let mut k = if bits > 96 {
        (((bits - 97) * 77) >> 8) + 1
    } else {
        0
    };
    while k < 29 && !lt3(&p, &FIT[k as usize]) {
        k += 1;
    }
    k = k.max(scale.saturating_sub(28));
    if k > scale {
        return None;
    }
    if k == 0 {
        return Some(signed((p[1] as u128) << 64 | p[0] as u128, negative, scale));
    }
    // Divide by 10^k in at most two steps (10^19 fits a u64); the first remainder is "sticky".
    let mut sticky = false;
    let mut left = k;
    if left > 19 {
        sticky = div_small(&mut p, 19) != 0;
        left -= 19;
    }
    let rem = div_small(&mut p, left);
    let last = POW10[left as usize];
    let mut q = (p[1] as u128) << 64 | p[0] as u128;
    let half = last / 2;
    if rem > half || (rem == half && (sticky || q & 1 == 1)) {
        q += 1;
        if q == U96 {
            // Rounded up past 96 bits: one digit fewer. 2^96 / 10 rounds up (remainder 6).
            if k == scale {
                return None;
            }
            k += 1;
            q = U96 / 10 + 1;
        }
    }
    Some(signed(q, negative, scale - k))
}

/// p /= 10^k (1 ≤ k ≤ 19), returning the remainder. The divisor is a constant in each arm, so
/// up to 10^9 the compiler divides by multiplying; wider divisors take 128-bit steps, which
/// measured faster than twice as many narrow ones.
#[inline(always)]
fn div_small(p: &mut [u64; 3], k: u32) -> u64 {
    macro_rules! arms {
        ($($k:literal),*) => {
            match k {
                $($k => div_const::<{ POW10[$k] }>(p),)*
                _ => unreachable!("k is 1..=19"),
            }
        };
    }
    arms!(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)
}

#[inline(always)]
fn div_const<const D: u64>(p: &mut [u64; 3]) -> u64 {
    // Long division in 32-bit halves, so every step is a u64 divided by a constant below 2^64:
    // that needs D < 2^32 to keep the partial remainder shifted by 32 within a u64. For larger D
    // use 128-bit steps.
    if D < 1 << 32 {
        let mut rem = 0u64;
        for i in (0..3).rev() {
            let hi = (rem << 32) | (p[i] >> 32);
            let qh = hi / D;
            rem = hi - qh * D;
            let lo = (rem << 32) | (p[i] & 0xffff_ffff);
            let ql = lo / D;
            rem = lo - ql * D;
            p[i] = (qh << 32) | ql;
        }
        rem
    } else {
        let mut rem = 0u128;
        for i in (0..3).rev() {
            let cur = (rem << 64) | p[i] as u128;
            let q = cur / D as u128;
            rem = cur - q * D as u128;
            p[i] = q as u64;
        }
        rem as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::ChaCha8Rng;
    use rand_core::{RngCore, SeedableRng};

    /// Operands of the shapes that matter: small integers, money with öre, 28-digit factors,
    /// values near 2^96, thirds, and every scale.
    fn operand(rng: &mut ChaCha8Rng) -> Decimal {
        let kind = rng.next_u32() % 9;
        let scale = rng.next_u32() % 29;
        let neg = rng.next_u32() % 4 == 0;
        let m: u128 = match kind {
            0 => 0,
            1 => (rng.next_u32() % 1000) as u128,
            2 => rng.next_u64() as u128 % 10_000_000_000,
            3 => rng.next_u64() as u128,
            4 => ((rng.next_u64() as u128) << 32 | rng.next_u32() as u128) % U96,
            5 => U96 - 1 - (rng.next_u32() % 1000) as u128,
            6 => 3333333333333333333333333333u128 - (rng.next_u32() % 3) as u128,
            7 => 10u128.pow(rng.next_u32() % 28),
            _ => 5 * 10u128.pow(rng.next_u32() % 27),
        };
        let scale = if kind == 6 { 28 } else { scale };
        Decimal::from_i128_with_scale(if neg { -(m as i128) } else { m as i128 }, scale)
    }

    /// Equal as rust_decimal would have it: a non-zero result bit for bit, a zero as a value.
    fn same(x: Option<Dec>, y: Option<Decimal>) -> bool {
        match (x, y) {
            (Some(x), Some(y)) if y.is_zero() => x.is_zero(),
            (Some(x), Some(y)) => x.to_decimal().serialize() == y.serialize(),
            (None, None) => true,
            _ => false,
        }
    }

    fn check(a: Decimal, b: Decimal) {
        let (x, y) = (Dec::from(a), Dec::from(b));
        assert_eq!(x.to_decimal().serialize(), a.serialize(), "{a} round trip");
        assert!(same(x.add(y), a.checked_add(b)), "{a} + {b}");
        assert!(same(x.sub(y), a.checked_sub(b)), "{a} - {b}");
        assert!(same(x.mul(y), a.checked_mul(b)), "{a} * {b}");
    }

    #[test]
    fn bit_for_bit_as_rust_decimal() {
        let mut rng = ChaCha8Rng::seed_from_u64(20261123);
        let n = if cfg!(debug_assertions) {
            300_000
        } else {
            5_000_000
        };
        for _ in 0..n {
            check(operand(&mut rng), operand(&mut rng));
        }
    }

    /// Sums of wide mantissas at different scales: nearly every one needs rounding (the
    /// shape of a cohort's flows added to a year's total at the format's limits), with both
    /// signs, so the native rounding of sums meets rust_decimal's on its own ground.
    #[test]
    fn sums_that_round() {
        let mut rng = ChaCha8Rng::seed_from_u64(17);
        let n = if cfg!(debug_assertions) {
            100_000
        } else {
            1_000_000
        };
        let wide = |rng: &mut ChaCha8Rng| {
            let bits = 64 + rng.next_u32() % 33;
            let m = ((rng.next_u64() as u128) << 64 | rng.next_u64() as u128) >> (128 - bits);
            let m = if rng.next_u32() % 8 == 0 {
                m / 10 * 10 + 5
            } else {
                m
            };
            let neg = rng.next_u32() % 3 == 0;
            Decimal::from_i128_with_scale(
                if neg { -(m as i128) } else { m as i128 },
                rng.next_u32() % 29,
            )
        };
        for _ in 0..n {
            let (a, b) = (wide(&mut rng), wide(&mut rng));
            check(a, b);
        }
    }

    #[test]
    fn rounding_edges() {
        let max = Decimal::MAX;
        let third = Decimal::ONE / Decimal::from(3);
        let big = |s| Decimal::from_i128_with_scale((U96 - 1) as i128, s);
        let cases = [
            (max, Decimal::new(1, 1)),
            (max, Decimal::new(5, 1)),
            (max, Decimal::new(15, 1)),
            (max, Decimal::ONE),
            (Decimal::new(-1, 28), Decimal::new(5, 1)),
            (Decimal::new(15, 28), Decimal::new(1, 1)),
            (Decimal::new(25, 28), Decimal::new(1, 1)),
            (third, third),
            (third, Decimal::from(3)),
            (big(0), Decimal::new(1, 28)),
            (big(28), big(28)),
            (big(27), Decimal::new(99999, 5)),
            (big(0), big(0)),
            (big(1), Decimal::new(1, 1)),
        ];
        for (a, b) in cases {
            for (x, y) in [(a, b), (b, a), (-a, b), (a, -b), (a, a), (a, -a)] {
                check(x, y);
            }
        }
    }
}
