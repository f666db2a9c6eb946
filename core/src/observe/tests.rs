//! Unit tests of observe: expected shares are counted by hand in each test.

use super::*;
use crate::ErrorCode;
use std::str::FromStr;

const MODEL: &str = r#"
format = "ekusia-model/1"
name = "Uppföljning"
horizon = 5
[[actors]]
id = "municipality"
name = "Kommunen"
[[actors]]
id = "individual"
name = "Individen"
kind = "individual"
[[states]]
id = "social_assistance"
name = { sv = "Försörjningsstöd", en = "Social assistance" }
flows = [{ type = "transfer", from = "municipality", to = "individual", amount = 100000 }]
[[states]]
id = "employment"
name = { sv = "Arbete", en = "Work" }
flows = [{ type = "production", actor = "individual", amount = 300000 }]
[[states]]
id = "studies"
name = "Studier"
[intervention]
start = { social_assistance = 1 }
cohorts = [{ start_year = 0, participants = 10 }]
costs = [{ name = "Coach", amount = 100000, financing = { municipality = 1 } }]
[scenarios.with]
transitions = [{ from = "social_assistance", to = "employment", share = 0.1 }]
[[groups]]
id = "young"
name = "Unga"
[[groups]]
id = "adults"
name = "Vuxna"
"#;

fn model() -> Model {
    Model::from_toml(MODEL).unwrap()
}

fn table(columns: &[&str], rows: &[&[&str]]) -> RowTable {
    RowTable {
        columns: columns.iter().map(|s| s.to_string()).collect(),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| TableRow {
                line: i as u64 + 2,
                cells: r.iter().map(|s| s.to_string()).collect(),
            })
            .collect(),
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn shares(m: &IndexMap<String, Share>) -> Vec<(String, Decimal)> {
    m.iter()
        .map(|(k, v)| match v {
            Share::Value(Param::Point(n)) => (k.clone(), n.value()),
            other => panic!("{other:?}"),
        })
        .collect()
}

fn run(t: &RowTable, mapping: &IndexMap<String, String>) -> Result<Observed> {
    let m = model();
    let c = count(
        &m,
        t,
        &Columns::default(),
        Side::With,
        mapping,
        &Options::default(),
    )?;
    observe(&m, &c, &Options::default())
}

fn codes(e: &Error) -> Vec<(ErrorCode, String)> {
    e.problems()
        .iter()
        .map(|p| (p.code, p.path.clone()))
        .collect()
}

#[test]
fn cohort_years_become_start_and_trajectory_with_exact_shares() {
    // Year 0: p1, p2 on social assistance, p3 in studies → 2/3 and 1/3.
    // Year 1: p1 work, p2 social assistance (p3 lost) → 1/2 and 1/2.
    let t = table(
        &["person", "period", "state"],
        &[
            &["p1", "0", "Försörjningsstöd"],
            &["p2", "0", "social_assistance"],
            &["p3", "0", "Studier"],
            &["p1", "1", "Arbete"],
            &["p2", "1", "försörjningsstöd "],
        ],
    );
    let o = run(&t, &IndexMap::new()).unwrap();
    let start = shares(&o.model.intervention.start);
    let third = Decimal::ONE / Decimal::from(3);
    assert_eq!(start[0].0, "social_assistance");
    assert_eq!(start[1], ("studies".to_string(), third));
    // The largest share takes the rest, so the sum is exactly 1.
    assert_eq!(start[0].1 + start[1].1, Decimal::ONE);
    assert!((start[0].1 * Decimal::from(3) - Decimal::from(2)).abs() < d("1e-26"));
    let with = o.model.scenarios.with.as_ref().unwrap();
    assert!(with.transitions.is_none());
    let traj = with.trajectory.as_ref().unwrap();
    assert_eq!(traj.len(), 1);
    assert_eq!(traj[0].year, Num::from(1));
    assert_eq!(
        shares(&traj[0].shares),
        vec![
            ("social_assistance".to_string(), d("0.5")),
            ("employment".to_string(), d("0.5"))
        ]
    );
    assert_eq!(o.model.format, MODEL_FORMAT_1_1);
    // Attrition: 3 persons, then 2.
    let s = &o.summary.series[0];
    assert_eq!((s.years[0].persons, s.years[1].persons), (3, 2));
    assert_eq!(s.years[1].lost, 1);
    assert_eq!(s.years[1].retained, Some(d("2") / d("3")));
    // Fewer than 5 persons in both years; the replaced rules are named.
    let keys: Vec<Msg> = o.summary.warnings.iter().map(|w| w.key).collect();
    assert_eq!(
        keys,
        vec![
            Msg::ObserveFewPersons,
            Msg::ObserveFewPersons,
            Msg::ObserveReplaced
        ]
    );
    // No person id reaches the model.
    let text = o.model.to_toml().unwrap();
    assert!(!text.contains("p1") && !text.contains("p3"), "{text}");
    crate::evaluate(&o.model, &Options::default()).unwrap();
}

#[test]
fn months_count_from_each_persons_first_month() {
    // p1 starts 2024-03: 2024-03..2025-02 is year 0, 2025-03 year 1.
    // p2 starts 2024-06: 2024-06..2025-05 is year 0.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (m, s) in [
        ("2024-03", "social_assistance"),
        ("2024-04", "social_assistance"),
    ] {
        rows.push(vec!["p1".into(), m.into(), s.into()]);
    }
    rows.push(vec!["p1".into(), "2025-02".into(), "employment".into()]);
    rows.push(vec!["p1".into(), "2025-03".into(), "employment".into()]);
    rows.push(vec!["p2".into(), "2024-06".into(), "studies".into()]);
    rows.push(vec!["p2".into(), "2025-05-31".into(), "studies".into()]);
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let t = table(&["person", "period", "state"], &slices);
    let o = run(&t, &IndexMap::new()).unwrap();
    assert_eq!(o.summary.unit, Unit::Months);
    // Year 0: 2 sa, 1 work (p1), 2 studies (p2) person-months of 5.
    let start = shares(&o.model.intervention.start);
    assert_eq!(
        start,
        vec![
            ("social_assistance".to_string(), d("0.4")),
            ("employment".to_string(), d("0.2")),
            ("studies".to_string(), d("0.4")),
        ]
    );
    let y0 = &o.summary.series[0].years[0];
    assert_eq!((y0.persons, y0.weight), (2, 5));
    // Year 1: p1's 2025-03 only.
    let traj = o
        .model
        .scenarios
        .with
        .as_ref()
        .unwrap()
        .trajectory
        .clone()
        .unwrap();
    assert_eq!(
        shares(&traj[0].shares),
        vec![("employment".to_string(), Decimal::ONE)]
    );
}

#[test]
fn groups_and_a_comparison_group() {
    // with/young: 5 persons year 0 all sa; year 1: 2 work, 3 sa.
    // without/young: 5 persons year 0: 4 sa, 1 studies (20 points off in sa: a warning).
    let mut rows: Vec<[String; 5]> = Vec::new();
    for i in 0..5 {
        let p = format!("y{i}");
        rows.push([
            p.clone(),
            "0".into(),
            "social_assistance".into(),
            "young".into(),
            "with".into(),
        ]);
        let s = if i < 2 {
            "employment"
        } else {
            "social_assistance"
        };
        rows.push([p, "1".into(), s.into(), "young".into(), "with".into()]);
        let q = format!("c{i}");
        let s = if i < 4 {
            "social_assistance"
        } else {
            "studies"
        };
        rows.push([q, "0".into(), s.into(), "young".into(), "without".into()]);
    }
    let refs: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    let t = table(&["person", "period", "state", "group", "scenario"], &slices);
    let o = run(&t, &IndexMap::new()).unwrap();
    let young = &o.model.groups[0];
    assert_eq!(
        shares(young.start.as_ref().unwrap()),
        vec![("social_assistance".to_string(), Decimal::ONE)]
    );
    let traj = young.scenarios.as_ref().unwrap().with.as_ref().unwrap();
    assert_eq!(
        shares(&traj.trajectory.as_ref().unwrap()[0].shares),
        vec![
            ("social_assistance".to_string(), d("0.6")),
            ("employment".to_string(), d("0.4"))
        ]
    );
    // The comparison group has only year 0: no trajectory, but its start is compared.
    assert!(young.scenarios.as_ref().unwrap().without.is_none());
    let keys: Vec<Msg> = o.summary.warnings.iter().map(|w| w.key).collect();
    assert_eq!(
        keys,
        vec![Msg::ObserveStartDiffers, Msg::ObserveGroupUnobserved]
    );
    assert_eq!(o.summary.warnings[0].values["state"], "social_assistance");
    assert_eq!(o.summary.warnings[0].values["with"], "100 %");
    assert_eq!(o.summary.warnings[0].values["without"], "80 %");
    // Untouched: the top level and the other group.
    assert_eq!(o.model.intervention.start, model().intervention.start);
    assert_eq!(o.model.groups[1], model().groups[1]);
    let text = o.summary.text(Lang::Sv);
    assert!(
        text.contains("with/young") && text.contains("60,0 % (3)"),
        "{text}"
    );
}

#[test]
fn every_bad_row_is_named_by_its_row_number() {
    let t = table(
        &["person", "period", "state", "scenario"],
        &[
            &["p1", "0", "employment", "with"],
            &["p1", "0", "studies", "with"],
            &["p2", "-1", "employment", "with"],
            &["p3", "år 1", "employment", "with"],
            &["", "1", "employment", "with"],
            &["p4", "2024-01", "employment", "with"],
            &["p5", "1", "employment", "med"],
        ],
    );
    let e = run(&t, &IndexMap::new()).unwrap_err();
    assert_eq!(
        codes(&e),
        vec![
            (ErrorCode::DuplicateId, "row 3".to_string()),
            (ErrorCode::InvalidRange, "row 4".to_string()),
            (ErrorCode::Schema, "row 5".to_string()),
            (ErrorCode::Schema, "row 6".to_string()),
            (ErrorCode::Schema, "row 7".to_string()),
            (ErrorCode::UnknownReference, "row 8".to_string()),
        ]
    );
    assert_eq!(
        e.problems()[0].message,
        "person 'p1' has period '0' already on row 2"
    );
    assert!(e.problems()[3].message.contains("column 'person' is empty"));
    assert!(
        e.problems()[4].message.contains("row 2's"),
        "{}",
        e.problems()[4].message
    );
}

#[test]
fn missing_columns_and_empty_tables() {
    let t = table(&["person", "perod"], &[&["p1", "0"]]);
    let e = run(&t, &IndexMap::new()).unwrap_err();
    assert_eq!(e.problems().len(), 2);
    assert_eq!(e.code(), ErrorCode::Schema);
    assert_eq!(
        e.message(),
        "the table has no column 'period' — did you mean 'perod'?; its columns: person, perod"
    );
    let t = table(&["person", "period", "state"], &[&["", " ", ""]]);
    let e = run(&t, &IndexMap::new()).unwrap_err();
    assert_eq!(e.problems()[0].key, Msg::ObserveEmpty);
    // A column named by an option must exist, group included.
    let t = table(&["person", "period", "state"], &[&["p1", "0", "studies"]]);
    let m = model();
    let cols = Columns {
        group: Some("typfall".into()),
        ..Columns::default()
    };
    let e = count(
        &m,
        &t,
        &cols,
        Side::With,
        &IndexMap::new(),
        &Options::default(),
    )
    .unwrap_err();
    assert!(e.message().contains("'typfall'"));
}

#[test]
fn unmapped_labels_are_all_listed_with_counts_and_suggestions() {
    let t = table(
        &["person", "period", "state"],
        &[
            &["p1", "0", "Arbete 100 %"],
            &["p2", "0", "Arbete 100 %"],
            &["p3", "0", "Forsorjningsstod"],
            &["p4", "0", "Försörjningsstöd"],
            &["p5", "0", "Pension"],
        ],
    );
    let e = run(&t, &IndexMap::new()).unwrap_err();
    let msgs: Vec<&str> = e.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs[0].starts_with("the label 'Arbete 100 %' (rows: 2) maps to no state — did you mean 'Arbete (employment)'?"), "{}", msgs[0]);
    assert!(
        msgs[1].contains("'Forsorjningsstod' (rows: 1)") && msgs[1].contains("(social_assistance)"),
        "{}",
        msgs[1]
    );
    assert!(msgs[2].contains("'Pension' (rows: 1)"));
    assert!(e
        .problems()
        .iter()
        .all(|p| p.code == ErrorCode::UnknownReference));
    // The mapping file settles them; an entry naming no state is an error of its own.
    let mapping = parse_mapping(
        "\"Arbete 100 %\" = \"employment\"\nForsorjningsstod = \"social_assistance\"\nPension = \"studies\"\n",
    )
    .unwrap();
    let o = run(&t, &mapping).unwrap();
    assert_eq!(
        shares(&o.model.intervention.start),
        vec![
            ("social_assistance".to_string(), d("0.4")),
            ("employment".to_string(), d("0.4")),
            ("studies".to_string(), d("0.2")),
        ]
    );
    let bad = parse_mapping("Pension = \"pensoin\"\nx = 1\n").unwrap_err();
    assert_eq!(bad.problems()[0].path, "mapping.\"x\"");
    let bad = parse_mapping("Pension = \"pensoin\"\n").unwrap();
    let e = run(&t, &bad).unwrap_err();
    assert_eq!(e.problems()[0].path, "mapping.\"Pension\"");
}

#[test]
fn counts_from_an_engine_take_the_same_path() {
    let m = model();
    let json = r#"{"unit": "years",
        "cells": [
          {"scenario": "with", "year": 0, "state": "social_assistance", "weight": 7, "persons": 7},
          {"scenario": "with", "year": 0, "state": "employment", "weight": 1, "persons": 1},
          {"scenario": "without", "year": 2, "state": "employment", "weight": 3, "persons": 3},
          {"scenario": "without", "year": 2, "state": "studies", "weight": 9, "persons": 9}
        ]}"#;
    let c: Counts = serde_json::from_str(json).unwrap();
    let o = observe(&m, &c, &Options::default()).unwrap();
    assert_eq!(
        shares(&o.model.intervention.start),
        vec![
            ("social_assistance".to_string(), d("0.875")),
            ("employment".to_string(), d("0.125"))
        ]
    );
    let without = o.model.scenarios.without.as_ref().unwrap();
    let t = without.trajectory.as_ref().unwrap();
    assert_eq!(t[0].year, Num::from(2));
    assert_eq!(
        shares(&t[0].shares),
        vec![
            ("employment".to_string(), d("0.25")),
            ("studies".to_string(), d("0.75"))
        ]
    );
    // Row problems an engine found are raised as errors.
    let c: Counts = serde_json::from_str(
        r#"{"cells": [], "problems": [{"kind": "duplicate", "person": "p1", "period": "2024-01", "count": 2}]}"#,
    )
    .unwrap();
    let e = observe(&m, &c, &Options::default()).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        (ErrorCode::DuplicateId, "person 'p1'")
    );
    // Unknown scenarios, groups and states.
    let c: Counts = serde_json::from_str(
        r#"{"cells": [{"scenario": "withh", "group": "yung", "year": 0, "state": "work", "weight": 1, "persons": 1}]}"#,
    )
    .unwrap();
    let e = observe(&m, &c, &Options::default()).unwrap_err();
    let msgs: Vec<&str> = e.problems().iter().map(|p| p.message.as_str()).collect();
    assert_eq!(msgs.len(), 3, "{msgs:?}");
    assert!(msgs[0].contains("did you mean 'with'"));
    assert!(msgs[1].contains("did you mean 'young'"));
    assert!(msgs[2].contains("unknown state 'work'"));
}

#[test]
fn a_group_is_named_by_its_id_or_its_name() {
    // The same follow-up, its group written as the id, as the group's name in another case,
    // and mixed: the same model. A name no group has is still an error.
    let rows_with = |with: &str, without: &str| -> RowTable {
        let mut rows: Vec<[String; 5]> = Vec::new();
        for i in 0..6 {
            let s = if i < 2 {
                "employment"
            } else {
                "social_assistance"
            };
            rows.push([
                format!("p{i}"),
                "0".into(),
                "social_assistance".into(),
                with.into(),
                "with".into(),
            ]);
            rows.push([
                format!("p{i}"),
                "1".into(),
                s.into(),
                with.into(),
                "with".into(),
            ]);
            rows.push([
                format!("c{i}"),
                "1".into(),
                "social_assistance".into(),
                without.into(),
                "without".into(),
            ]);
        }
        let refs: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let slices: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
        table(&["person", "period", "state", "group", "scenario"], &slices)
    };
    let by_id = run(&rows_with("young", "young"), &IndexMap::new()).unwrap();
    let by_name = run(&rows_with(" unga ", "Unga"), &IndexMap::new()).unwrap();
    assert_eq!(by_name.model, by_id.model);
    let traj = by_id.model.groups[0]
        .scenarios
        .as_ref()
        .unwrap()
        .with
        .as_ref()
        .unwrap();
    assert_eq!(
        shares(&traj.trajectory.as_ref().unwrap()[0].shares),
        vec![
            (
                "social_assistance".to_string(),
                d("0.6666666666666666666666666667")
            ),
            (
                "employment".to_string(),
                d("0.3333333333333333333333333333")
            )
        ]
    );
    assert_eq!(by_name.summary.text(Lang::En), by_id.summary.text(Lang::En));
    let e = run(&rows_with("Unga vuxna", "young"), &IndexMap::new()).unwrap_err();
    assert_eq!(e.problems()[0].key, Msg::ObserveGroup);
}
