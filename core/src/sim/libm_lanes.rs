//! libm's `log` and `cos` on [`L`] lanes at once, with the very bits of `libm::log` and
//! `libm::cos` in every lane.
//!
//! The draws' Box–Muller and Gamma steps spend most of their time in these two functions, one
//! call at a time. Here each lane does libm's own operations in libm's own order (the
//! fdlibm algorithms: the same constants, the same `+ − × ÷` and bit manipulations, no fused
//! multiply-add, which Rust never forms by itself), written as loops over lanes without
//! branches so that the compiler vectorises them. Where libm would take a rare branch (a
//! subnormal, zero, negative, infinite or NaN argument for `log`; for `cos`, an argument that
//! is tiny, beyond 9π/4, or next to a multiple of π/2 where libm reduces it more carefully),
//! that lane is recomputed by libm itself afterwards. So the result is libm's, lane by lane,
//! whatever the argument; the tests compare them bit for bit at every instruction set.

// Lane loops index several arrays by the same lane on purpose: that is what vectorises.
#![allow(clippy::needless_range_loop)]

use super::npv::L;

// libm 0.2's log (src/math/log.rs, from FreeBSD's e_log.c); the constants by their bits.
const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
const LG1: f64 = f64::from_bits(0x3fe5_5555_5555_5593);
const LG2: f64 = f64::from_bits(0x3fd9_9999_9997_fa04);
const LG3: f64 = f64::from_bits(0x3fd2_4924_9422_9359);
const LG4: f64 = f64::from_bits(0x3fcc_71c5_1d8e_78af);
const LG5: f64 = f64::from_bits(0x3fc7_4664_96cb_03de);
const LG6: f64 = f64::from_bits(0x3fc3_9a09_d078_c69f);
const LG7: f64 = f64::from_bits(0x3fc2_f112_df3e_5244);

/// `libm::log` of every lane.
#[inline(always)]
pub(crate) fn log(x: &[f64; L]) -> [f64; L] {
    let mut out = [0.0; L];
    let mut odd = 0u64;
    for l in 0..L {
        let ui = x[l].to_bits();
        let hx = (ui >> 32) as u32;
        // libm's branches before the reduction: below the normal range, negative, not finite.
        // (Exactly 1 needs none: the general formula gives +0 there, as libm returns.)
        odd |= u64::from(!(0x0010_0000..0x7ff0_0000).contains(&hx)) << l;
        let hx = hx.wrapping_add(0x3ff0_0000 - 0x3fe6_a09e);
        let k = ((hx >> 20) as i32).wrapping_sub(0x3ff);
        let hx = (hx & 0x000f_ffff).wrapping_add(0x3fe6_a09e);
        let x = f64::from_bits((u64::from(hx) << 32) | (ui & 0xffff_ffff));
        let f = x - 1.0;
        let hfsq = 0.5 * f * f;
        let s = f / (2.0 + f);
        let z = s * s;
        let w = z * z;
        let t1 = w * (LG2 + w * (LG4 + w * LG6));
        let t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
        let r = t2 + t1;
        let dk = k as f64;
        out[l] = s * (hfsq + r) + dk * LN2_LO - hfsq + f + dk * LN2_HI;
    }
    fix(&mut out, x, odd, libm::log);
    out
}

// libm 0.2's rem_pio2 (the cases below 9π/4), k_cos and k_sin.
const PIO2_1: f64 = f64::from_bits(0x3ff9_21fb_5440_0000);
const PIO2_1T: f64 = f64::from_bits(0x3dd0_b461_1a62_6331);
const C1: f64 = f64::from_bits(0x3fa5_5555_5555_554c);
const C2: f64 = f64::from_bits(0xbf56_c16c_16c1_5177);
const C3: f64 = f64::from_bits(0x3efa_01a0_19cb_1590);
const C4: f64 = f64::from_bits(0xbe92_7e4f_809c_52ad);
const C5: f64 = f64::from_bits(0x3e21_ee9e_bdb4_b1c4);
const C6: f64 = f64::from_bits(0xbda8_fae9_be88_38d4);
const S1: f64 = f64::from_bits(0xbfc5_5555_5555_5549);
const S2: f64 = f64::from_bits(0x3f81_1111_1110_f8a6);
const S3: f64 = f64::from_bits(0xbf2a_01a0_19c1_61d5);
const S4: f64 = f64::from_bits(0x3ec7_1de3_57b1_fe7d);
const S5: f64 = f64::from_bits(0xbe5a_e5e6_8a2b_9ceb);
const S6: f64 = f64::from_bits(0x3de5_d93a_5acf_d57c);

/// `libm::cos` of every lane.
#[inline(always)]
pub(crate) fn cos(x: &[f64; L]) -> [f64; L] {
    let mut out = [0.0; L];
    let mut odd = 0u64;
    for l in 0..L {
        let bits = x[l].to_bits();
        let ix = (bits >> 32) as u32 & 0x7fff_ffff;
        // The quadrant n of libm's reduction for 0 ≤ x ≤ 9π/4 (its cases at the thresholds
        // 0x3fe921fb, 0x4002d97c, 0x400f6a7a, 0x4015fdbc, 0x401c463b).
        let n = u32::from(ix > 0x3fe9_21fb)
            + u32::from(ix > 0x4002_d97c)
            + u32::from(ix > 0x400f_6a7a)
            + u32::from(ix > 0x4015_fdbc);
        // Where libm does something else: negative, tiny, beyond 9π/4, or the three places
        // next to π/2, π, 3π/2 and 2π where it reduces with the "medium" case.
        let medium = (ix > 0x3fe9_21fb && ix <= 0x400f_6a7a && (ix & 0xfffff) == 0x921fb)
            || ix == 0x4012_d97c
            || ix == 0x4019_21fb;
        let other = (bits >> 63) != 0 || !(0x3e46_a09e..=0x401c_463b).contains(&ix) || medium;
        odd |= u64::from(other) << l;
        // libm: z = x − n·pio2_1, y0 = z − n·pio2_1t, y1 = (z − y0) − n·pio2_1t, with n·c
        // rounded as its constant expressions are (n = 0 gives y0 = x, y1 = +0: k_cos(x, 0)).
        let m = n as f64;
        let z = x[l] - m * PIO2_1;
        let y0 = z - m * PIO2_1T;
        let y1 = (z - y0) - m * PIO2_1T;
        // k_cos(y0, y1)
        let zz = y0 * y0;
        let w = zz * zz;
        let r = zz * (C1 + zz * (C2 + zz * C3)) + w * w * (C4 + zz * (C5 + zz * C6));
        let hz = 0.5 * zz;
        let w1 = 1.0 - hz;
        let kc = w1 + (((1.0 - w1) - hz) + (zz * r - y0 * y1));
        // k_sin(y0, y1, 1)
        let rs = S2 + zz * (S3 + zz * S4) + zz * w * (S5 + zz * S6);
        let v = zz * y0;
        let ks = y0 - ((zz * (0.5 * y1 - v * rs) - y1) - v * S1);
        // n & 3: 0 → k_cos, 1 → −k_sin, 2 → −k_cos, 3 → k_sin.
        let c = if n & 1 == 0 { kc } else { ks };
        out[l] = if n == 1 || n == 2 { -c } else { c };
    }
    fix(&mut out, x, odd, libm::cos);
    out
}

/// Recomputes with libm itself the lanes marked in `odd`.
#[inline(always)]
fn fix(out: &mut [f64; L], x: &[f64; L], mut odd: u64, f: fn(f64) -> f64) {
    while odd != 0 {
        let l = odd.trailing_zeros() as usize;
        out[l] = f(x[l]);
        odd &= odd - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::super::npv::Level;
    use super::*;

    /// Compares both functions with libm, bit for bit, on `xs` at every instruction set this
    /// processor has.
    fn same_as_libm(xs: &[f64]) {
        for level in Level::available() {
            for chunk in xs.chunks(L) {
                let mut a = [0.5; L];
                a[..chunk.len()].copy_from_slice(chunk);
                // (Inlined even in a debug build, so that the lanes run at `level`.)
                let (lg, cs) = level.call(
                    #[inline(always)]
                    || (log(&a), cos(&a)),
                );
                for l in 0..chunk.len() {
                    let (want_log, want_cos) = (libm::log(a[l]), libm::cos(a[l]));
                    assert!(
                        lg[l].to_bits() == want_log.to_bits()
                            || (lg[l].is_nan() && want_log.is_nan()),
                        "{level:?}: log({:e} = {:#x}) = {:e}, libm {:e}",
                        a[l],
                        a[l].to_bits(),
                        lg[l],
                        want_log
                    );
                    assert!(
                        cs[l].to_bits() == want_cos.to_bits()
                            || (cs[l].is_nan() && want_cos.is_nan()),
                        "{level:?}: cos({:e} = {:#x}) = {:e}, libm {:e}",
                        a[l],
                        a[l].to_bits(),
                        cs[l],
                        want_cos
                    );
                }
            }
        }
    }

    /// The draws' arguments: uniforms on (0, 1) and 2π times them, plus other sizes.
    #[test]
    fn random_arguments_give_libms_bits() {
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut xs = Vec::new();
        for _ in 0..200_000 {
            let u = ((next() >> 11) as f64 + 0.5) * (1.0 / 9_007_199_254_740_992.0);
            xs.push(u);
            xs.push(2.0 * std::f64::consts::PI * u);
            // Any finite positive size, from any bits (log's whole range, cos beyond 9π/4).
            xs.push(f64::from_bits(next() >> 1));
        }
        same_as_libm(&xs);
    }

    /// Each threshold of libm's branches, and the values just around it.
    #[test]
    fn every_branch_edge_gives_libms_bits() {
        let mut xs = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 2.0,
            5e-324,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            std::f64::consts::FRAC_PI_2,
            std::f64::consts::PI,
            3.0 * std::f64::consts::FRAC_PI_2,
            2.0 * std::f64::consts::PI,
        ];
        for hi in [
            0x3e46_a09e_u64,
            0x3fe9_21fb,
            0x3ff0_0000,
            0x3ff9_21fb,
            0x4002_d97c,
            0x4009_21fb,
            0x400f_6a7a,
            0x4012_d97c,
            0x4015_fdbc,
            0x4019_21fb,
            0x401c_463b,
            0x0010_0000,
            0x7fef_ffff,
        ] {
            for d in [-1i64, 0, 1] {
                let h = (hi as i64 + d) as u64;
                for lo in [0u64, 1, 0x5444_2d18, 0x7fff_ffff, 0xffff_ffff] {
                    for b in [(h << 32) | lo, ((h << 32) | lo) + 1] {
                        xs.push(f64::from_bits(b));
                        xs.push(-f64::from_bits(b));
                    }
                }
            }
        }
        // Around the multiples of π/2 in steps of one ulp.
        for k in 1..=4 {
            let c = k as f64 * std::f64::consts::FRAC_PI_2;
            for d in -64i64..=64 {
                xs.push(f64::from_bits((c.to_bits() as i64 + d) as u64));
            }
        }
        same_as_libm(&xs);
    }
}
