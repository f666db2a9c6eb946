//! Property tests on the accounting invariants of SPEC §1 and §3, over generated valid models
//! (`common::valid_model()`, a proptest strategy: a failure shrinks to a small model, and is
//! kept in `invariants.regressions` beside this file and replayed first on later runs).
#![allow(clippy::needless_range_loop)]

mod common;

use ekusia::model::{ActorKind, Model, Scenario};
use ekusia::num::Num;
use ekusia::report::Report;
use ekusia::{Decimal, Options};
use proptest::prelude::*;

fn eval(m: &Model) -> (Model, Report) {
    let r = ekusia::evaluate(m, &Options::default())
        .unwrap_or_else(|e| panic!("random model failed: {e}\n{}", m.to_json()));
    (m.clone(), r)
}

/// Equal up to the last digits a 96-bit decimal may round: 1e-18 relative, 1e-18 absolute.
fn close(a: Decimal, b: Decimal) -> bool {
    let scale = a.abs().max(b.abs()).max(Decimal::ONE);
    (a - b).abs() <= scale * Decimal::new(1, 18)
}

fn cases() -> ProptestConfig {
    common::proptest_config(200, 20_000)
}

proptest! {
    #![proptest_config(cases())]

    /// Society = Σ actors, year by year and in present value; public sector = Σ public actors.
    #[test]
    fn society_is_the_sum_of_all_actors(case in common::valid_model()) {
        let (v, r) = eval(&case.0);
        let n = v.actors.len();
        let society = r.row("society").unwrap();
        let public = r.row("public_sector").unwrap();
        for t in 0..r.model.horizon {
            let sum = |f: &dyn Fn(&ekusia::report::YearRow) -> Decimal, only_public: bool| -> Decimal {
                r.rows[..n].iter().enumerate()
                    .filter(|(a, _)| !only_public || v.actors[*a].kind.unwrap_or_default() == ActorKind::Public)
                    .map(|(_, row)| f(&row.years[t])).sum()
            };
            prop_assert!(close(society.years[t].effect, sum(&|y| y.effect, false)));
            prop_assert!(close(society.years[t].cost, sum(&|y| y.cost, false)));
            prop_assert!(close(society.years[t].net, sum(&|y| y.net, false)));
            prop_assert!(close(public.years[t].net, sum(&|y| y.net, true)));
        }
        let npv_sum: Decimal = r.rows[..n].iter().map(|row| row.npv).sum();
        prop_assert!(close(society.npv, npv_sum));
    }

    /// Transfers net to zero: society's yearly amount is production − resources only, whatever
    /// the transfers. Checked by computing society's flows from the model without transfers.
    #[test]
    fn every_transfer_nets_to_zero(case in common::valid_model()) {
        let m = case.0;
        let (_, r) = eval(&m);
        let mut no_transfers = m.clone();
        for s in &mut no_transfers.states {
            s.flows.retain(|f| f.kind != ekusia::model::FlowType::Transfer);
        }
        let (_, r2) = eval(&no_transfers);
        let a = r.row("society").unwrap();
        let b = r2.row("society").unwrap();
        for (ya, yb) in a.years.iter().zip(&b.years) {
            prop_assert!(close(ya.with, yb.with), "{} vs {}", ya.with, yb.with);
            prop_assert!(close(ya.effect, yb.effect));
        }
    }

    /// Doubling every cohort doubles every flow and every cost.
    #[test]
    fn doubling_participants_doubles_flows_and_costs(case in common::valid_model()) {
        let m = case.0;
        let (_, r) = eval(&m);
        let mut d = m.clone();
        for c in &mut d.intervention.cohorts {
            let n = c.participants.literal().unwrap();
            c.participants = Num(n * Decimal::TWO).into();
        }
        // Fixed costs do not scale with participants; double them too.
        for c in &mut d.intervention.costs {
            if let Some(a) = &c.amount { c.amount = Some(Num(a.point() * Decimal::TWO).into()); }
        }
        let (_, r2) = eval(&d);
        for (x, y) in r.rows.iter().zip(&r2.rows) {
            for (yx, yy) in x.years.iter().zip(&y.years) {
                prop_assert!(close(yx.with * Decimal::TWO, yy.with));
                prop_assert!(close(yx.without * Decimal::TWO, yy.without));
                prop_assert!(close(yx.cost * Decimal::TWO, yy.cost));
            }
        }
    }

    /// Identical scenarios: zero effect everywhere, and npv = −pv_cost exactly.
    #[test]
    fn identical_scenarios_have_no_effect(case in common::valid_model()) {
        let mut m = case.0;
        m.scenarios.without = m.scenarios.with.clone().or(Some(Scenario::default()));
        let (_, r) = eval(&m);
        for row in &r.rows {
            prop_assert_eq!(row.pv_effect, Decimal::ZERO);
            prop_assert_eq!(row.npv, -row.pv_cost);
            for y in &row.years { prop_assert_eq!(y.effect, Decimal::ZERO); }
        }
    }

    /// The cost split by financing sums to the cost: society's yearly cost is what the items
    /// list, whatever the weights.
    #[test]
    fn cost_split_sums_to_the_cost(case in common::valid_model()) {
        let (m, r) = eval(&case.0);
        let h = r.model.horizon;
        let whole = |n: &Num| n.value().to_string().parse::<usize>().unwrap();
        let mut expected = vec![Decimal::ZERO; h];
        for c in &m.intervention.costs {
            if let Some(a) = &c.amount {
                let years = c.years.clone().unwrap_or_else(|| vec![Num::from(0)]);
                for t in years.iter().map(whole).filter(|t| *t < h) { expected[t] += a.point(); }
            }
            if let Some(a) = &c.per_participant {
                let cy = c.cohort_year.as_ref().map_or(0, whole);
                for k in &m.intervention.cohorts {
                    let t = k.start_year.as_ref().map_or(0, whole) + cy;
                    if t < h { expected[t] += k.participants.literal().unwrap() * a.point(); }
                }
            }
        }
        let society = r.row("society").unwrap();
        for t in 0..h {
            prop_assert!(close(society.years[t].cost, expected[t]), "year {t}: {} vs {}", society.years[t].cost, expected[t]);
        }
    }

    /// payback_year is the first year from which the cumulative discounted net stays ≥ 0.
    #[test]
    fn payback_agrees_with_the_cumulative_series(case in common::valid_model()) {
        let (_, r) = eval(&case.0);
        for row in &r.rows {
            let cum: Vec<Decimal> = row.years.iter().map(|y| y.cumulative_pv_net).collect();
            match row.payback_year {
                Some(p) => {
                    prop_assert!(!row.pv_cost.is_zero());
                    prop_assert!(cum[p..].iter().all(|c| *c >= Decimal::ZERO));
                    prop_assert!(p == 0 || cum[p - 1] < Decimal::ZERO);
                }
                None => prop_assert!(row.pv_cost.is_zero() || cum.last().is_none_or(|c| *c < Decimal::ZERO)),
            }
            // Cumulative is the running sum of pv_net.
            let mut s = Decimal::ZERO;
            for y in &row.years { s += y.pv_net; prop_assert!(close(s, y.cumulative_pv_net)); }
        }
    }

    /// Fair cost shares of public and other actors sum to 1 (when anyone gains).
    #[test]
    fn fair_cost_shares_sum_to_one(case in common::valid_model()) {
        let (_, r) = eval(&case.0);
        let shares: Vec<Decimal> = r.rows.iter().filter_map(|row| row.fair_cost_share).collect();
        if !shares.is_empty() {
            let s: Decimal = shares.iter().sum();
            prop_assert!(close(s, Decimal::ONE), "sum {s}");
        }
    }

    /// TOML → model → JSON → model (and → TOML → model) round-trips.
    #[test]
    fn model_round_trips_through_json_and_toml(case in common::valid_model()) {
        let m = case.0;
        let json = m.to_json();
        let back = Model::from_json(&json).unwrap();
        prop_assert_eq!(&back, &m);
        let toml = m.to_toml().unwrap();
        let back2 = Model::from_toml(&toml).unwrap();
        prop_assert_eq!(&back2, &m);
        // And the report is the same either way.
        prop_assert_eq!(eval(&back2).1, eval(&m).1);
    }
}

#[test]
fn examples_round_trip_from_toml_to_json() {
    for entry in std::fs::read_dir(common::root().join("models/examples")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let m = Model::from_toml(&text).unwrap();
        let again = Model::from_json(&m.to_json()).unwrap();
        assert_eq!(again, m, "{}", path.display());
    }
}

/// The strategy is not vacuous: over a fixed sample it makes models with every kind of
/// scenario, cost and rate, and reports where the invariants above have something to check
/// (effects, payback years, fair cost shares, success values).
#[test]
fn the_generator_covers_the_variety_it_promises() {
    use ekusia::model::DiscountRate;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = common::valid_model();
    let mut seen = std::collections::BTreeMap::<&str, usize>::new();
    for _ in 0..300 {
        let m = strategy.new_tree(&mut runner).unwrap().current().0;
        let (_, r) = eval(&m);
        let mut hit = |k: &'static str, b: bool| *seen.entry(k).or_default() += b as usize;
        let sc = [&m.scenarios.with, &m.scenarios.without];
        hit("no scenario", sc.iter().any(|s| s.is_none()));
        hit(
            "transitions",
            sc.iter()
                .any(|s| s.as_ref().is_some_and(|s| s.transitions.is_some())),
        );
        hit(
            "trajectory",
            sc.iter()
                .any(|s| s.as_ref().is_some_and(|s| s.trajectory.is_some())),
        );
        hit(
            "other actor",
            m.actors.iter().any(|a| a.kind == Some(ActorKind::Other)),
        );
        hit("six actors or more", m.actors.len() >= 6);
        hit("6 states", m.states.len() == 6);
        hit(
            "transfer",
            m.states
                .iter()
                .flat_map(|s| &s.flows)
                .any(|f| f.kind == ekusia::model::FlowType::Transfer),
        );
        hit(
            "fixed cost",
            m.intervention.costs.iter().any(|c| c.amount.is_some()),
        );
        hit(
            "per-participant cost",
            m.intervention
                .costs
                .iter()
                .any(|c| c.per_participant.is_some()),
        );
        hit("no cohort", m.intervention.cohorts.is_empty());
        hit(
            "schedule",
            matches!(m.discount_rate, Some(DiscountRate::Schedule(_))),
        );
        hit(
            "constant rate",
            matches!(m.discount_rate, Some(DiscountRate::Constant(_))),
        );
        hit("analysis", m.analysis.is_some());
        let society = r.row("society").unwrap();
        hit("effect", !society.pv_effect.is_zero());
        hit(
            "payback",
            r.rows.iter().any(|row| row.payback_year.is_some()),
        );
        hit(
            "no payback with a cost",
            r.rows
                .iter()
                .any(|row| row.payback_year.is_none() && !row.pv_cost.is_zero()),
        );
        hit(
            "fair shares",
            r.rows.iter().any(|row| row.fair_cost_share.is_some()),
        );
        hit(
            "success value",
            r.rows.iter().any(|row| row.success_value.is_some()),
        );
    }
    eprintln!("{seen:?}");
    for (what, n) in &seen {
        assert!(
            *n >= 5,
            "only {n} of 300 generated models have: {what}\n{seen:?}"
        );
    }
}
