//! `ekusia observe` run as a user would: a generated monthly follow-up table (attrition, a
//! comparison group, two groups) whose shares are counted independently here; the xlsx
//! fixture against its CSV twin; every bad table's error with its row number, and no file
//! left behind.

use ekusia::num::{Param, Share};
use ekusia::{Decimal, Model};
use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn ekusia(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ekusia"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("ekusia-observe-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

const MODEL: &str = r#"
format = "ekusia-model/1.1"
name = "Jobbspår, uppföljt"
base = "se-2024"
horizon = 6
[intervention]
start = { social_assistance = 1 }
costs = [{ name = "Coacher", amount = 800000, years = [0, 1], financing = { municipality = 1 } }]
[scenarios.with]
transitions = [{ from = "social_assistance", to = "employment", share = 0.2 }]
[[groups]]
id = "young"
name = "Unga"
cohorts = [{ start_year = 0, participants = 30 }]
[[groups]]
id = "adults"
name = "Vuxna"
cohorts = [{ start_year = 0, participants = 20 }]
"#;

/// The labels of the generated table and the state each must become (by the mapping file,
/// by a state's Swedish name, by an id written as is).
const LABELS: [(&str, &str); 4] = [
    ("Försörjningsstöd", "social_assistance"),
    ("Arbete 100 %", "employment"),
    ("Studier", "studies"),
    ("employment", "employment"),
];

struct Row {
    person: String,
    month: i64,
    label: usize,
    group: &'static str,
    scenario: &'static str,
}

/// A small linear congruential generator: the test's own randomness.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn generate() -> Vec<Row> {
    let mut rng = Lcg(14);
    let mut rows = Vec::new();
    for (group, sizes) in [("young", [20, 12]), ("adults", [14, 4])] {
        for (scenario, n) in ["with", "without"].into_iter().zip(sizes) {
            for i in 0..n {
                let person = format!("{group}-{scenario}-{i}");
                let start = 2023 * 12 + rng.next(12) as i64;
                let months = 3 + rng.next(36) as i64;
                let mut label = 0;
                for k in 0..months {
                    let r = rng.next(100);
                    if r < 6 {
                        label = 1 + (r as usize % 3);
                    } else if r < 9 {
                        label = 0;
                    }
                    rows.push(Row {
                        person: person.clone(),
                        month: start + k,
                        label,
                        group,
                        scenario,
                    });
                }
            }
        }
    }
    // Rows in any order: interleave them.
    let n = rows.len();
    for i in (1..n).rev() {
        rows.swap(i, rng.next(i as u64 + 1) as usize);
    }
    rows
}

type Key = (String, String, i64);

/// Person-months per (scenario, group, cohort year) and state, and persons per year.
fn expected(rows: &[Row]) -> (BTreeMap<Key, BTreeMap<String, u64>>, BTreeMap<Key, usize>) {
    let mut first: HashMap<&str, i64> = HashMap::new();
    for r in rows {
        let f = first.entry(&r.person).or_insert(r.month);
        *f = (*f).min(r.month);
    }
    let mut weights: BTreeMap<Key, BTreeMap<String, u64>> = BTreeMap::new();
    let mut persons: BTreeMap<Key, BTreeSet<&str>> = BTreeMap::new();
    for r in rows {
        let year = (r.month - first[r.person.as_str()]) / 12;
        let key = (r.scenario.to_string(), r.group.to_string(), year);
        *weights
            .entry(key.clone())
            .or_default()
            .entry(LABELS[r.label].1.to_string())
            .or_default() += 1;
        persons.entry(key).or_default().insert(&r.person);
    }
    let persons = persons.into_iter().map(|(k, v)| (k, v.len())).collect();
    (weights, persons)
}

fn shares(m: &IndexMap<String, Share>) -> BTreeMap<String, Decimal> {
    m.iter()
        .map(|(k, v)| match v {
            Share::Value(Param::Point(n)) => (k.clone(), n.value()),
            other => panic!("{other:?}"),
        })
        .collect()
}

/// Each share times the year's total is the state's weight (to 28 digits), the shares sum to
/// exactly 1, and no state is named that has no weight.
fn assert_shares(got: &IndexMap<String, Share>, want: &BTreeMap<String, u64>) {
    let got = shares(got);
    let total: u64 = want.values().sum();
    assert_eq!(
        got.keys().collect::<Vec<_>>(),
        want.keys().collect::<Vec<_>>()
    );
    assert_eq!(got.values().copied().sum::<Decimal>(), Decimal::ONE);
    for (state, w) in want {
        let diff = got[state] * Decimal::from(total) - Decimal::from(*w);
        assert!(
            diff.abs() < Decimal::new(1, 20),
            "{state}: {} of {total}",
            got[state]
        );
    }
}

fn write_table(dir: &Path, rows: &[Row]) -> PathBuf {
    let mut text = String::from("Person;Period;Tillstånd;Typfall;Scenario\n");
    for r in rows {
        text.push_str(&format!(
            "{};{:04}-{:02};{};{};{}\n",
            r.person,
            r.month / 12,
            r.month % 12 + 1,
            LABELS[r.label].0,
            r.group,
            r.scenario
        ));
    }
    let p = dir.join("uppfoljning.csv");
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn a_generated_follow_up_table_becomes_the_independently_counted_model() {
    let dir = folder("generated");
    let rows = generate();
    let data = write_table(&dir, &rows);
    std::fs::write(dir.join("model.toml"), MODEL).unwrap();
    std::fs::write(dir.join("map.toml"), "\"Arbete 100 %\" = \"employment\"\n").unwrap();
    let out = dir.join("observed.toml");
    let s = |p: &Path| p.to_str().unwrap().to_string();
    let args = [
        "observe".to_string(),
        s(&data),
        "--model".into(),
        s(&dir.join("model.toml")),
        "--map".into(),
        s(&dir.join("map.toml")),
        "--output".into(),
        s(&out),
        "--lang".into(),
        "en".into(),
        "--state-column".into(),
        "Tillstånd".into(),
        "--group-column".into(),
        "Typfall".into(),
    ];
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, stdout, stderr) = ekusia(&args);
    assert_eq!(code, 0, "{stderr}");
    let model = Model::from_toml(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let (weights, persons) = expected(&rows);
    for g in &model.groups {
        assert_shares(
            g.start.as_ref().unwrap(),
            &weights[&("with".into(), g.id.clone(), 0)],
        );
        let sc = g.scenarios.as_ref().unwrap();
        for (name, scenario) in [("with", &sc.with), ("without", &sc.without)] {
            let traj = scenario.as_ref().unwrap().trajectory.as_ref().unwrap();
            let years: Vec<i64> = weights
                .keys()
                .filter(|(s, gr, y)| s == name && *gr == g.id && *y >= 1)
                .map(|k| k.2)
                .collect();
            let got: Vec<i64> = traj
                .iter()
                .map(|e| e.year.value().try_into().unwrap())
                .collect();
            assert_eq!(got, years, "{name}/{}", g.id);
            for e in traj {
                let y: i64 = e.year.value().try_into().unwrap();
                assert_shares(&e.shares, &weights[&(name.into(), g.id.clone(), y)]);
            }
        }
    }
    // The top-level rules are left alone (the table has groups); no person id is written.
    assert!(model.scenarios.with.as_ref().unwrap().transitions.is_some());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!rows.iter().any(|r| text.contains(&r.person)));
    // The printed table: every series, the persons of each year, a warning per year resting
    // on fewer than 5 persons.
    for ((sc, g, y), n) in &persons {
        assert!(stdout.contains(&format!("{sc}/{g}\n")), "{stdout}");
        assert!(
            stdout.lines().any(|l| l
                .split_whitespace()
                .take(2)
                .eq([y.to_string().as_str(), n.to_string().as_str()])),
            "{sc}/{g} year {y}: {n} persons in\n{stdout}"
        );
    }
    let few = persons.values().filter(|n| **n < 5).count();
    assert!(few > 0);
    assert_eq!(stdout.matches("fewer than 5").count(), few, "{stdout}");
    // The same summary as JSON: persons per year and each share's persons.
    let map = dir.join("map.toml");
    let mut json_args = args.clone();
    json_args.truncate(5); // observe DATA --model MODEL --map
    json_args.extend([
        map.to_str().unwrap(),
        "--state-column",
        "Tillstånd",
        "--group-column",
        "Typfall",
        "--format",
        "json",
    ]);
    let (code, json, stderr) = ekusia(&json_args);
    assert_eq!(code, 0, "{stderr}");
    let summary: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(summary["unit"], "months");
    let mut seen = 0;
    for series in summary["series"].as_array().unwrap() {
        for y in series["years"].as_array().unwrap() {
            let key = (
                series["scenario"].as_str().unwrap().to_string(),
                series["group"].as_str().unwrap().to_string(),
                y["year"].as_i64().unwrap(),
            );
            assert_eq!(y["persons"].as_u64().unwrap() as usize, persons[&key]);
            let weight: u64 = y["shares"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["weight"].as_u64().unwrap())
                .sum();
            assert_eq!(weight, weights[&key].values().sum::<u64>());
            seen += 1;
        }
    }
    assert_eq!(seen, persons.len());
    // The new model runs.
    let (code, report, stderr) = ekusia(&["run", out.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(report.contains("\"groups\""));
}

#[test]
fn the_xlsx_sheet_reads_as_its_csv_twin() {
    let dir = folder("xlsx");
    std::fs::write(dir.join("model.toml"), MODEL).unwrap();
    let m = dir.join("model.toml");
    let model = m.to_str().unwrap();
    let run = |data: &str, extra: &[&str]| {
        let mut args = vec![
            "observe",
            data,
            "--model",
            model,
            "--map",
            "tests/data/observe/map.toml",
            "--output",
            "-",
        ];
        args.extend_from_slice(extra);
        ekusia(&args)
    };
    let (code, csv_model, stderr) = run("tests/data/observe/followup.csv", &[]);
    assert_eq!(code, 0, "{stderr}");
    let (code, xlsx_model, stderr) = run("tests/data/observe/followup.xlsx", &["--sheet", "Data"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(csv_model, xlsx_model);
    assert!(csv_model.contains("[[scenarios.with.trajectory]]"));
    // The first sheet is a title page: no columns there.
    let (code, _, stderr) = run("tests/data/observe/followup.xlsx", &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("error[schema]"), "{stderr}");
    // … and the error says which sheet was read and which others there are.
    assert!(
        stderr.contains("Det första bladet, 'Om', lästes; arbetsboken har också: Data")
            && stderr.contains("--sheet"),
        "{stderr}"
    );
    let (code, _, stderr) = run("tests/data/observe/followup.xlsx", &["--sheet", "data"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("menade du 'Data'"), "{stderr}");
}

#[test]
fn every_bad_table_is_an_error_with_its_row_and_writes_nothing() {
    let dir = folder("bad");
    std::fs::write(dir.join("model.toml"), MODEL).unwrap();
    let cases: [(&str, &str, &str); 8] = [
        (
            "person,period,state\n1,2024-01,Studier\n2,2024-01,Studier\n1,2024-01,Studier\n",
            "error[duplicate_id] at row 4",
            "already on row 2",
        ),
        (
            "person;period;state\n1;0;Studier\n1;-1;Studier\n",
            "error[invalid_range] at row 3",
            "before their start",
        ),
        ("person,period,state\n", "error[schema]", "no rows"),
        ("", "error[schema]", "no rows"),
        (
            "person,period,status\n1,0,Studier\n",
            "error[schema]",
            "no column 'state'",
        ),
        (
            "person,period,state\n1,0,Arbete 100 %\n2,0,Arbete 100 %\n3,0,Pension\n",
            "error[unknown_reference]",
            "'Pension' (rows: 1)",
        ),
        (
            "person,period,state\n1,2024-01,Studier\n1,1,Studier\n",
            "error[schema] at row 3",
            "another kind than row 2",
        ),
        (
            "person,period,state,scenario\n1,0,Studier,med\n",
            "error[unknown_reference] at row 2",
            "'with' (participants)",
        ),
    ];
    for (i, (table, code_at, words)) in cases.iter().enumerate() {
        let data = dir.join(format!("bad{i}.csv"));
        std::fs::write(&data, table).unwrap();
        let out = dir.join(format!("out{i}.toml"));
        let (code, stdout, stderr) = ekusia(&[
            "observe",
            data.to_str().unwrap(),
            "--model",
            dir.join("model.toml").to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--lang",
            "en",
        ]);
        assert_eq!(code, 1, "case {i}: {stderr}");
        assert!(stderr.contains(code_at), "case {i}: {stderr}");
        assert!(stderr.contains(words), "case {i}: {stderr}");
        assert!(stdout.is_empty());
        assert!(!out.exists(), "case {i} left {}", out.display());
    }
    // Both unmapped labels are listed, each with its count.
    let (_, _, stderr) = ekusia(&[
        "observe",
        dir.join("bad5.csv").to_str().unwrap(),
        "--model",
        dir.join("model.toml").to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(stderr.contains("'Arbete 100 %' (rows: 2)"), "{stderr}");
    assert!(
        stderr.contains("did you mean 'Arbete (employment)'"),
        "{stderr}"
    );
    // A missing file is a usage error.
    let (code, _, _) = ekusia(&[
        "observe",
        "no/such.csv",
        "--model",
        dir.join("model.toml").to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
}
