//! Unit tests of the engine's occupancy, discounting and cohort flows.
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

/// A model with two target groups whose cohorts are `young` and `long` (start year,
/// participants), shares and amounts of many digits so the products and sums round.
fn many_cohorts_model(young: &[(usize, u32)], long: &[(usize, u32)]) -> Validated {
    let list = |cs: &[(usize, u32)]| {
        cs.iter()
            .map(|(s, n)| format!("{{ start_year = {s}, participants = {n} }}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let text = format!(
        r#"format = "ekusia-model/1.1"
name = "cohorts"
horizon = 20
[[actors]]
id = "m"
name = "M"
[[actors]]
id = "i"
name = "I"
kind = "individual"
[[states]]
id = "a"
name = "A"
flows = [{{ type = "transfer", from = "m", to = "i", amount = 109876.54 }}]
[[states]]
id = "t"
name = "T"
max_years = 3
then = "a"
flows = [{{ type = "resource", actor = "m", amount = 98765.43 }}]
[[states]]
id = "w"
name = "W"
flows = [{{ type = "production", actor = "i", amount = 387654.32 }}]
[intervention]
start = {{ a = 0.7137, t = "rest" }}
[scenarios.with]
transitions = [
  {{ from = "a", to = "w", share = 0.1377771 }},
  {{ from = "t", to = "w", share = 0.2190813 }},
  {{ from = "w", to = "a", share = 0.0811179 }},
  {{ from = "a", to = "t", share = 0.0923451 }},
]
[[groups]]
id = "young"
name = "Y"
cohorts = [{}]
[[groups]]
id = "long"
name = "L"
start = {{ a = 1 }}
cohorts = [{}]
"#,
        list(young),
        list(long)
    );
    let m = crate::Model::from_toml(&text).unwrap();
    crate::validate(&m, &crate::Options::default()).unwrap()
}

/// The definition (docs/arithmetic.md §4), written out plainly: the cohorts sharing a start
/// year merged (participants summed in file order, start years in order of first appearance),
/// then for each start year in that order, each year and each actor, F += N · P. What
/// `cohort_flows` must equal digit for digit, however it orders its work.
fn naive_cohort_flows(v: &Validated, g: usize, p: &Grid) -> Grid {
    let h = v.horizon;
    let mut starts: Vec<(usize, Decimal)> = Vec::new();
    for k in v.cohorts_of(g) {
        match starts.iter_mut().find(|s| s.0 == k.start) {
            Some(s) => s.1 += k.participants,
            None => starts.push((k.start, k.participants)),
        }
    }
    let mut f = Grid::zeros(h, p.cols);
    for (start, n) in starts {
        let n = Dec::from(n);
        for t in start..h {
            for a in 0..p.cols {
                let x = p.at(t - start, a);
                if !x.is_zero() {
                    f.data[t * p.cols + a] = add(f.at(t, a), mul(n, x).unwrap()).unwrap();
                }
            }
        }
    }
    f
}

/// Every cell of every group's flows, in both scenarios, against the plain definition.
fn check_cohort_flows(v: &Validated) -> bool {
    let inp = Inputs::new(v);
    let occ = occupancies(v, &inp).unwrap();
    occ.iter().enumerate().all(|(g, o)| {
        o.iter().all(|d| {
            let p = per_person(&inp.nets, d, v.horizon).unwrap();
            cohort_flows(v, g, &p).unwrap().data == naive_cohort_flows(v, g, &p).data
        })
    })
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    /// Cohorts sharing counts and start years (so start years merge and products are reused)
    /// and cohorts with counts of their own, in two groups, in any order.
    #[test]
    fn cohort_flows_equal_the_definition(
        young in proptest::collection::vec((0usize..25, proptest::sample::select(vec![7u32, 13, 29, 1000003])), 1..30),
        long in proptest::collection::vec((0usize..20, 1u32..60), 1..30),
    ) {
        let v = many_cohorts_model(&young, &long);
        proptest::prop_assert!(check_cohort_flows(&v));
    }
}

/// With distinct start years nothing merges: the flows are the walk cohort by cohort in file
/// order (the arithmetic of format 1.0), also when the start years are not sorted.
#[test]
fn distinct_start_years_walk_cohort_by_cohort() {
    let cohorts: Vec<(usize, u32)> = (0..12)
        .map(|k| ((k * 7) % 13, [7, 13, 29][k % 3]))
        .collect();
    let v = many_cohorts_model(&cohorts, &cohorts);
    let inp = Inputs::new(&v);
    let occ = occupancies(&v, &inp).unwrap();
    let p = per_person(&inp.nets, &occ[1][0], v.horizon).unwrap();
    let h = v.horizon;
    let mut walk = Grid::zeros(h, p.cols);
    for &(s, n) in &cohorts {
        let n = Dec::from(Decimal::from(n));
        for t in s..h {
            for a in 0..p.cols {
                let x = p.at(t - s, a);
                if !x.is_zero() {
                    walk.data[t * p.cols + a] = add(walk.at(t, a), mul(n, x).unwrap()).unwrap();
                }
            }
        }
    }
    assert!(cohort_flows(&v, 1, &p).unwrap().data == walk.data);
    // And the shape rounds: the same cohorts in another order give other digits somewhere,
    // so the comparison above could fail.
    let mut reversed = Grid::zeros(h, p.cols);
    for &(s, n) in cohorts.iter().rev() {
        let n = Dec::from(Decimal::from(n));
        for t in s..h {
            for a in 0..p.cols {
                let x = p.at(t - s, a);
                if !x.is_zero() {
                    reversed.data[t * p.cols + a] =
                        add(reversed.at(t, a), mul(n, x).unwrap()).unwrap();
                }
            }
        }
    }
    assert!(reversed.data != walk.data);
}
