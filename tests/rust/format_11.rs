//! Property tests of the 1.1 format (SPEC §8) over generated valid models
//! (`common::valid_model()`): what is written with parameters equals what is written out; a
//! time limit beyond the horizon changes nothing; splitting the participants into two
//! identical groups changes no total; breakdowns, groups and milestones add up to the rows;
//! efficiency is 1 when everyone reaches the success's state.

mod common;

use ekusia::model::{Model, ParamDef};
use ekusia::num::{Num, Param, Value};
use ekusia::report::Report;
use ekusia::{Decimal, Options};
use proptest::prelude::*;

fn eval(m: &Model) -> Report {
    ekusia::evaluate(m, &Options::default())
        .unwrap_or_else(|e| panic!("generated model failed: {e}\n{}", m.to_json()))
}

/// Equal up to the last digits a 96-bit decimal may round: 1e-17 relative to the larger of
/// the values (or of `scale`), 1e-17 absolute.
fn close(a: Decimal, b: Decimal, scale: Decimal) -> bool {
    let s = a.abs().max(b.abs()).max(scale).max(Decimal::ONE);
    (a - b).abs() <= s * Decimal::new(1, 17)
}

fn rows_close(a: &Report, b: &Report) -> Result<(), String> {
    for (x, y) in a.rows.iter().zip(&b.rows) {
        for (u, v, what) in [
            (x.pv_effect, y.pv_effect, "pv_effect"),
            (x.pv_cost, y.pv_cost, "pv_cost"),
            (x.npv, y.npv, "npv"),
        ] {
            if !close(u, v, Decimal::ZERO) {
                return Err(format!("{} {what}: {u} vs {v}", x.id));
            }
        }
    }
    Ok(())
}

fn cases() -> ProptestConfig {
    common::proptest_config(150, 20_000)
}

proptest! {
    #![proptest_config(cases())]

    /// Every flow amount written as a parameter (`amount = "= p3"`, `p3 = 1200`) gives the same
    /// rows, digit for digit, as the numbers written out.
    #[test]
    fn parameters_equal_the_numbers_written_out(case in common::valid_model()) {
        let m = case.0;
        let mut p = m.clone();
        p.format = "ekusia-model/1.1".into();
        let mut k = 0;
        for s in &mut p.states {
            for f in &mut s.flows {
                if let Param::Point(n) = f.amount {
                    let id = format!("p{k}");
                    p.parameters.insert(id.clone(), ParamDef::plain(Param::Point(n)));
                    f.amount = Param::Formula(format!("= {id}"));
                    k += 1;
                }
            }
        }
        let (a, b) = (eval(&m), eval(&p));
        prop_assert_eq!(&a.rows, &b.rows);
        prop_assert_eq!(b.model.parameters.len(), k);
    }

    /// A time limit longer than the horizon changes nothing (up to the last digits: a share is
    /// multiplied per year in the state, not once for the whole state).
    #[test]
    fn a_time_limit_beyond_the_horizon_changes_nothing(case in common::valid_model(), extra in 0i64..5) {
        let m = case.0;
        let h = eval(&m).model.horizon as i64;
        let mut l = m.clone();
        let ids: Vec<String> = l.states.iter().map(|s| s.id.clone()).collect();
        if ids.len() < 2 {
            return Ok(());
        }
        for (i, s) in l.states.iter_mut().enumerate() {
            s.max_years = Some(Num::from((h + extra).min(200)));
            s.then = Some(ids[(i + 1) % ids.len()].clone());
        }
        rows_close(&eval(&m), &eval(&l)).map_err(TestCaseError::fail)?;
    }

    /// Two groups that each take half of every cohort, inheriting everything else, give the
    /// same totals as the model without groups; their pv_effect add up to each row's.
    #[test]
    fn two_identical_halves_change_no_total(case in common::valid_model()) {
        let mut m = case.0;
        for c in &mut m.intervention.cohorts {
            let n = c.participants.literal().unwrap();
            c.participants = Value::Num(Num(n * Decimal::TWO));
        }
        let whole = eval(&m);
        let mut g = m.clone();
        let half: Vec<serde_json::Value> = m
            .intervention
            .cohorts
            .iter()
            .map(|c| {
                let n = c.participants.literal().unwrap() / Decimal::TWO;
                serde_json::json!({ "start_year": c.start_year.map(|y| y.to_string()), "participants": n.to_string() })
            })
            .collect();
        g.groups = serde_json::from_value(serde_json::json!([
            { "id": "a", "name": "A", "cohorts": half },
            { "id": "b", "name": "B", "cohorts": half },
        ]))
        .unwrap();
        let split = eval(&g);
        rows_close(&whole, &split).map_err(TestCaseError::fail)?;
        for (r, row) in split.rows.iter().enumerate() {
            let sum: Decimal = split.groups.iter().map(|gr| gr.rows[r].pv_effect).sum();
            prop_assert!(close(sum, row.pv_effect, Decimal::ZERO), "{}: {} vs {}", row.id, sum, row.pv_effect);
        }
    }

    /// The breakdown by kind of flow adds up to pv_effect, the breakdown by cost item to
    /// pv_cost; a milestone at the horizon is the row itself.
    #[test]
    fn breakdowns_and_milestones_add_up(case in common::valid_model()) {
        let mut m = case.0;
        let h = eval(&m).model.horizon;
        let analysis = m.analysis.get_or_insert_with(Default::default);
        analysis.milestones = Some(vec![Num::from(h as i64)]);
        let r = eval(&m);
        for row in &r.rows {
            let parts: Vec<Decimal> = row.breakdown.iter().map(|b| b.pv_effect).collect();
            let scale = parts.iter().map(|d| d.abs()).max().unwrap_or_default();
            let sum: Decimal = parts.iter().sum();
            prop_assert!(close(sum, row.pv_effect, scale), "{} breakdown {} vs {}", row.id, sum, row.pv_effect);
            let costs: Decimal = row.cost_breakdown.iter().map(|c| c.pv_cost).sum();
            prop_assert!(close(costs, row.pv_cost, Decimal::ZERO), "{} costs {} vs {}", row.id, costs, row.pv_cost);
            let last = row.milestones.last().unwrap();
            prop_assert_eq!((last.pv_effect, last.pv_cost, last.npv), (row.pv_effect, row.pv_cost, row.pv_effect - row.pv_cost));
        }
    }

    /// When everyone is in the success's `to` state from cohort year 1 in the with-scenario,
    /// the effect is the whole potential: efficiency is 1 (never above, up to the last digits).
    #[test]
    fn efficiency_is_one_when_everyone_succeeds(case in common::valid_model()) {
        let mut m = case.0;
        if m.states.len() < 2 {
            return Ok(());
        }
        let to = m.states.last().unwrap().id.clone();
        m.scenarios.with = Some(serde_json::from_value(serde_json::json!({
            "trajectory": [{ "year": 1, "shares": { to.clone(): 1 } }]
        })).unwrap());
        let analysis = m.analysis.get_or_insert_with(Default::default);
        analysis.success = Some(serde_json::from_value(serde_json::json!({
            "from": m.states[0].id, "to": to, "years": 1
        })).unwrap());
        let r = eval(&m);
        for row in &r.rows {
            if let Some(e) = row.efficiency {
                prop_assert!(e <= Decimal::ONE + Decimal::new(1, 15), "{} efficiency {}", row.id, e);
                prop_assert!(close(e, Decimal::ONE, Decimal::ZERO) || row.potential.unwrap().abs() < Decimal::new(1, 10), "{} efficiency {}", row.id, e);
            }
        }
    }
}
