//! Unit tests of the engine's occupancy and discounting.
use super::*;
use crate::validate::{Movement, Rule};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}
fn row(g: &Grid, t: usize) -> Vec<Decimal> {
    g.row(t)
        .iter()
        .map(|x| x.to_decimal().normalize())
        .collect()
}

proptest::proptest! {
    /// A constant rate gives δ_t = (1 + r)^−t, up to the rounding of the repeated division.
    #[test]
    fn constant_rate_factors_are_powers(r_permille in 0u32..999, horizon in 1usize..200) {
        let r = Decimal::new(r_permille as i64, 3);
        let f = discount_factors(&vec![r; horizon]).unwrap();
        let base = Decimal::ONE + r;
        let mut power = Decimal::ONE;
        for (t, d) in f.iter().enumerate() {
            // Each division rounds at the 28th decimal place, so the relative error grows
            // as δ shrinks.
            let product = *d * power;
            proptest::prop_assert!((product - Decimal::ONE).abs() < Decimal::new(1, 16), "t={t} r={r}");
            power = power.checked_mul(base).unwrap_or(power);
            if power > Decimal::from(10_000_000_000i64) {
                break;
            }
        }
    }
}

#[test]
fn discount_factors_divide_year_by_year() {
    let f = discount_factors(&[d("0.25"), d("0.25"), d("0.25"), d("0")]).unwrap();
    assert_eq!(f, vec![d("1"), d("0.8"), d("0.64"), d("0.64")]);
    // Thirds are rounded to 28 decimals, half to even.
    let f = discount_factors(&[d("0"), d("2")]).unwrap();
    assert_eq!(f[1].to_string(), "0.3333333333333333333333333333");
}

#[test]
fn occupancy_moves_shares_only_while_a_rule_is_active() {
    let rules = vec![Rule {
        from: 0,
        to: 1,
        share: d("0.1"),
        from_year: 1,
        to_year: 2,
    }];
    let start = [Dec::from(Decimal::ONE), Dec::ZERO];
    let g = occupancy(&Movement::Transitions(rules), &start, 4).unwrap();
    assert_eq!(row(&g, 0), vec![d("1"), d("0")]);
    assert_eq!(row(&g, 1), vec![d("0.9"), d("0.1")]);
    assert_eq!(row(&g, 2), vec![d("0.81"), d("0.19")]);
    assert_eq!(row(&g, 3), vec![d("0.81"), d("0.19")]);
    let stay = occupancy(&Movement::Stay, &start, 3).unwrap();
    assert_eq!(row(&stay, 2), vec![d("1"), d("0")]);
    let traj = Movement::Trajectory(vec![crate::validate::Step {
        year: 2,
        shares: vec![d("0.5"), d("0.5")],
    }]);
    let g = occupancy(&traj, &start, 4).unwrap();
    assert_eq!(row(&g, 1), vec![d("1"), d("0")]);
    assert_eq!(row(&g, 3), vec![d("0.5"), d("0.5")]);
}
