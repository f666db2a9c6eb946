//! Hostile models: valid models (from `common::valid_model()`) with one to four hostile edits —
//! numbers at and beyond the decimal range and the format's limits, distributions whose ranges
//! cross ±5e28, huge standard deviations, an attribution of 1e-21, lists of thousands, odd ids
//! and names (terminal escapes, markup, spreadsheet formulas, 10^4 characters), duplicate ids —
//! and models built to sit at the edge of the decimal range. Each goes through validate,
//! evaluate, simulate, sensitivity and every output format (`common::check::exercise`): a
//! result or a coded error with a path (SPEC §5), safe output, never a panic.
//!
//! Cases: `EKUSIA_FUZZ_CASES` (default 300; a third of that for the text variant); `make fuzz`
//! runs 100,000 in release mode. A failure shrinks to fewer and simpler edits on a smaller
//! model, and is kept in `hostile.regressions` beside this file.

mod common;

use common::check::{self, exercise, guarded, note};
use common::{num, valid_model, Case};
use ekusia::{Decimal, Format, Options};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};
use std::str::FromStr;

fn cases() -> u32 {
    std::env::var("EKUSIA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300)
}

fn config(cases: u32) -> Config {
    // Run by hand (not by `proptest!`), so the runner is told which file keeps the failures.
    Config {
        source_file: Some(file!()),
        ..common::proptest_config(cases, 5_000)
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s)
        .or_else(|_| Decimal::from_scientific(s))
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// Hostile values

/// Decimals at the edges: the decimal range (±7.9e28, ±5e28, ±1e-28), the amount limit
/// (10^12 and just beyond), the participant and horizon limits, 28 decimals, and any decimal.
fn edge_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "50000000000000000000000000000",
            "-50000000000000000000000000000",
            "0.0000000000000000000000000001",
            "-0.0000000000000000000000000001",
            "1000000000000",
            "1000000000000.01",
            "1000000000000.0000000000000001",
            "1000000000001",
            "10000000000000",
            "999999999999.9999999999999999",
            "0.1234567890123456789012345678",
            "0.9999999999999999999999999999",
            "1.000000000000000000000000001",
            "0.000000000000000000001",
            "1000000000",
            "1000000001",
            "200",
            "201",
            "0",
            "1",
            "-1",
            "0.5",
            "2",
            "1e20",
        ])
        .prop_map(d),
        1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        1 => (any::<u128>(), any::<bool>(), 0u32..=28).prop_map(|(m, neg, s)| {
            let m = (m & ((1u128 << 96) - 1)) as i128;
            Decimal::try_from_i128_with_scale(if neg { -m } else { m }, s).unwrap_or_default()
        }),
    ]
}

/// Distributions with hostile ranges: across ±5e28, up to ±7.9e28, min above max, a normal
/// with a huge (or tiny, or negative) sd, missing and extra fields.
fn edge_dist() -> impl Strategy<Value = Value> {
    let e = edge_decimal;
    prop_oneof![
        (e(), e(), e()).prop_map(|(a, b, c)| {
            let mut v = [a, b, c];
            v.sort();
            json!({ "dist": "triangular", "min": num(v[0]), "mode": num(v[1]), "max": num(v[2]) })
        }),
        (e(), e(), e()).prop_map(|(a, b, c)| {
            json!({ "dist": "pert", "min": num(a), "mode": num(b), "max": num(c) })
        }),
        (e(), e()).prop_map(
            |(a, b)| json!({ "dist": "uniform", "min": num(a.min(b)), "max": num(a.max(b)) })
        ),
        (e(), e())
            .prop_map(|(m, s)| json!({ "dist": "normal", "mean": num(m), "sd": num(s.abs()) })),
        // A valid point value with a range across ±5e28 (the tornado's bars).
        (0u64..=1_000_000).prop_map(|p| json!({
            "dist": "triangular", "min": "-5e28", "mode": num(Decimal::from(p)), "max": "5e28"
        })),
        (0u64..=1_000_000).prop_map(|p| json!({
            "dist": "uniform", "min": num(-Decimal::from(p)), "max": num(Decimal::MAX)
        })),
        prop::sample::select(vec![
            "1e28",
            "79228162514264337593543950335",
            "0.0000000000000000000000000001",
            "-1"
        ])
        .prop_map(|sd| json!({ "dist": "normal", "mean": "0.5", "sd": sd })),
        Just(json!({ "dist": "pert", "min": "0" })),
        Just(json!({ "dist": "normal", "mean": "1", "sd": "1", "min": "0" })),
        Just(json!({ "dist": "triangular", "min": "1", "mode": "0.5", "max": "0" })),
    ]
}

/// A number where the model allows a distribution: a hostile decimal or distribution.
fn edge_param() -> impl Strategy<Value = Value> {
    prop_oneof![2 => edge_decimal().prop_map(num), 1 => edge_dist()]
}

/// Text that acts where it is shown: terminal escapes, markup, spreadsheet formulas, pipes,
/// control characters, 10^4 characters, and anything.
fn odd_text() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "\u{1b}[31mred\u{1b}[0m",
        "\u{1b}]0;title\u{7}",
        "\u{9b}31m",
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//x></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "=cmd|' /C calc'!A0",
        "=HYPERLINK(\"http://x\",\"y\")",
        "+SUM(A1)",
        "@SUM(A1)",
        "-2+3",
        "\t=1",
        "\r=1",
        "a|b|c",
        "`x` *y* _z_ [l](javascript:alert(1)) # h",
        "line\nbreak",
        "x\u{0}y",
        "\u{7f}",
        "\u{202e}gnp.exe",
        "",
        " ",
        "\"'&<>",
        "]]><!--",
        "é漢字🙂",
    ])
    .prop_map(str::to_string);
    prop_oneof![
        4 => fixed,
        1 => Just("x".repeat(10_000)),
        1 => Just("<".repeat(10_000)),
        1 => Just("\u{1b}".repeat(10_000)),
        2 => ".{0,30}",
        2 => (prop::sample::select(vec!["=", "+", "@", "-", "\t", "<script>", "\u{1b}[", "|"]), ".{0,20}")
            .prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

/// Ids that break the id rule, collide with the aggregate rows, or are very long.
fn odd_id() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "A",
            "a b",
            "p0",
            "s0",
            "person",
            "society",
            "public_sector",
            "rest",
            "a-b",
            "\u{1b}[31m",
            "<script>",
            "=1+1",
            "é",
        ])
        .prop_map(str::to_string),
        Just("a".repeat(10_000)),
        odd_text(),
    ]
}

// ---------------------------------------------------------------------------------------
// Hostile edits of a valid model

/// Where odd text goes.
#[derive(Clone, Debug)]
enum TextAt {
    ModelName,
    Description,
    Currency,
    InterventionName,
    ActorName(usize),
    ActorNames(usize),
    StateName(usize),
    CostName(usize),
    FlowLabel(usize, usize),
    FlowCategory(usize, usize),
}

/// One hostile edit; indices are taken modulo what the model has (an edit of something the
/// model lacks does nothing).
#[derive(Clone, Debug)]
enum Edit {
    FlowAmount(usize, usize, Value),
    CostAmount(usize, Value),
    Participants(usize, Decimal),
    CohortStart(usize, Decimal),
    StartShare(usize, Value),
    RuleShare(bool, usize, Value),
    RuleYears(bool, usize, Decimal, Option<Decimal>),
    TrajectoryShare(bool, usize, Value),
    TrajectoryYear(bool, usize, Decimal),
    Attribution(Value),
    Rate(Value),
    RateSchedule(Vec<(Decimal, Decimal)>),
    Horizon(Decimal),
    CostYears(usize, Vec<Decimal>),
    CostCohortYear(usize, Decimal),
    Financing(usize, Vec<(String, Decimal)>),
    SuccessYears(Decimal),
    ManyFlows(usize, usize, Value),
    ManyRules(bool, usize, Decimal),
    ManyCohorts(usize, Decimal),
    ManyCosts(usize, Value),
    ManyActors(usize),
    ManyStates(usize),
    ManyYears(usize, usize),
    Text(TextAt, String),
    ActorId(usize, String),
    StateId(usize, String),
    /// An actor's id changed everywhere it is used (so the model may stay valid).
    RenameActor(usize, String),
    /// A state's id changed everywhere it is used.
    RenameState(usize, String),
    /// On the bundled base: the individual replaces the base's, public actor k and state k
    /// replace base entries of the same id.
    OnBase(usize, usize),
    DuplicateActor(usize),
    DuplicateState(usize),
    Base(String),
    Format(String),
}

fn text_at() -> impl Strategy<Value = TextAt> {
    let i = 0usize..8;
    let others = prop_oneof![
        Just(TextAt::ModelName),
        Just(TextAt::Description),
        Just(TextAt::InterventionName),
        i.clone().prop_map(TextAt::ActorName),
        i.clone().prop_map(TextAt::ActorNames),
        i.clone().prop_map(TextAt::StateName),
        i.clone().prop_map(TextAt::CostName),
        (i.clone(), i.clone()).prop_map(|(a, b)| TextAt::FlowLabel(a, b)),
        (i.clone(), i).prop_map(|(a, b)| TextAt::FlowCategory(a, b)),
    ];
    // The currency is shown in every money cell.
    prop_oneof![3 => others, 1 => Just(TextAt::Currency)]
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = || 0usize..8;
    let e = edge_decimal;
    let p = edge_param;
    let values = prop_oneof![
        (i(), i(), p()).prop_map(|(s, f, v)| Edit::FlowAmount(s, f, v)),
        (i(), p()).prop_map(|(c, v)| Edit::CostAmount(c, v)),
        (i(), e()).prop_map(|(c, v)| Edit::Participants(c, v)),
        (i(), e()).prop_map(|(c, v)| Edit::CohortStart(c, v)),
        (i(), prop_oneof![p(), Just(json!("rest"))]).prop_map(|(k, v)| Edit::StartShare(k, v)),
        (any::<bool>(), i(), p()).prop_map(|(w, k, v)| Edit::RuleShare(w, k, v)),
        (any::<bool>(), i(), e(), proptest::option::of(e()))
            .prop_map(|(w, k, a, b)| Edit::RuleYears(w, k, a, b)),
        (any::<bool>(), i(), prop_oneof![p(), Just(json!("rest"))])
            .prop_map(|(w, k, v)| Edit::TrajectoryShare(w, k, v)),
        (any::<bool>(), i(), e()).prop_map(|(w, k, v)| Edit::TrajectoryYear(w, k, v)),
        prop_oneof![
            p(),
            Just(json!("0.000000000000000000001")),
            Just(json!({ "dist": "triangular", "min": "0", "mode": "0.000000000000000000001", "max": "1" })),
        ]
        .prop_map(Edit::Attribution),
        p().prop_map(Edit::Rate),
        vec((e(), e()), 0..4).prop_map(Edit::RateSchedule),
        e().prop_map(Edit::Horizon),
        (i(), vec(e(), 0..4)).prop_map(|(c, v)| Edit::CostYears(c, v)),
        (i(), e()).prop_map(|(c, v)| Edit::CostCohortYear(c, v)),
        (i(), vec((prop_oneof![Just("p0".to_string()), Just("person".to_string()), odd_id()], e()), 0..4))
            .prop_map(|(c, v)| Edit::Financing(c, v)),
        e().prop_map(Edit::SuccessYears),
        (i(), 0usize..=3000, Just(json!("0"))).prop_map(|(s, n, v)| Edit::ManyFlows(s, n, v)),
        (i(), 0usize..=300, p()).prop_map(|(s, n, v)| Edit::ManyFlows(s, n, v)),
        (any::<bool>(), 0usize..=3000, Just(Decimal::ZERO))
            .prop_map(|(w, n, v)| Edit::ManyRules(w, n, v)),
        (any::<bool>(), 0usize..=300, prop_oneof![Just(d("0.0001")), Just(d("0.001")), e()])
            .prop_map(|(w, n, v)| Edit::ManyRules(w, n, v)),
        (0usize..=1100, prop_oneof![Just(d("1000000000")), Just(d("1")), e()])
            .prop_map(|(n, v)| Edit::ManyCohorts(n, v)),
        (0usize..=3000, Just(json!("0"))).prop_map(|(n, v)| Edit::ManyCosts(n, v)),
        (0usize..=300, p()).prop_map(|(n, v)| Edit::ManyCosts(n, v)),
        (0usize..=70).prop_map(Edit::ManyActors),
        (0usize..=300).prop_map(Edit::ManyStates),
        (i(), 0usize..=5000).prop_map(|(c, n)| Edit::ManyYears(c, n)),
        (i(), odd_id()).prop_map(|(k, s)| Edit::ActorId(k, s)),
        (i(), odd_id()).prop_map(|(k, s)| Edit::StateId(k, s)),
        (i(), odd_id()).prop_map(|(k, s)| Edit::RenameActor(k, s)),
        (i(), odd_id()).prop_map(|(k, s)| Edit::RenameState(k, s)),
        (i(), i()).prop_map(|(a, s)| Edit::OnBase(a, s)),
        i().prop_map(Edit::DuplicateActor),
        i().prop_map(Edit::DuplicateState),
        prop_oneof![
            Just("se-2024".to_string()),
            Just("no-such-base".to_string()),
            Just("/dev/null".to_string()),
            Just("../models/examples/finsam-unga.toml".to_string()),
            Just("../core/bases".to_string()),
            odd_text(),
        ]
        .prop_map(Edit::Base),
        prop_oneof![Just("ekusia-base/1".to_string()), Just("ekusia-model/2".to_string()), odd_text()]
            .prop_map(Edit::Format),
    ];
    prop_oneof![3 => values, 1 => (text_at(), odd_text()).prop_map(|(t, s)| Edit::Text(t, s))]
}

/// The `k`-th element (modulo) of the array at `v`, if any.
fn nth(v: Option<&mut Value>, k: usize) -> Option<&mut Value> {
    let a = v?.as_array_mut()?;
    let n = a.len();
    if n == 0 {
        None
    } else {
        a.get_mut(k % n)
    }
}

/// The `k`-th entry (modulo) of the table at `v`, if any.
fn nth_entry(v: Option<&mut Value>, k: usize) -> Option<&mut Value> {
    let m = v?.as_object_mut()?;
    let n = m.len();
    if n == 0 {
        None
    } else {
        m.values_mut().nth(k % n)
    }
}

fn scenario_of(doc: &mut Value, with: bool) -> Option<&mut Value> {
    doc.pointer_mut(if with {
        "/scenarios/with"
    } else {
        "/scenarios/without"
    })
}

fn set(v: Option<&mut Value>, key: &str, x: Value) {
    if let Some(Value::Object(m)) = v {
        m.insert(key.to_string(), x);
    }
}

fn apply(doc: &mut Value, e: &Edit) {
    match e {
        Edit::FlowAmount(s, f, v) => {
            let flow = nth(
                nth(doc.get_mut("states"), *s).and_then(|s| s.get_mut("flows")),
                *f,
            );
            set(flow, "amount", v.clone());
        }
        Edit::CostAmount(c, v) => {
            if let Some(Value::Object(cost)) = nth(doc.pointer_mut("/intervention/costs"), *c) {
                let key = if cost.contains_key("amount") {
                    "amount"
                } else {
                    "per_participant"
                };
                cost.insert(key.into(), v.clone());
            }
        }
        Edit::Participants(c, v) => set(
            nth(doc.pointer_mut("/intervention/cohorts"), *c),
            "participants",
            num(*v),
        ),
        Edit::CohortStart(c, v) => set(
            nth(doc.pointer_mut("/intervention/cohorts"), *c),
            "start_year",
            num(*v),
        ),
        Edit::StartShare(k, v) => {
            if let Some(x) = nth_entry(doc.pointer_mut("/intervention/start"), *k) {
                *x = v.clone();
            }
        }
        Edit::RuleShare(w, k, v) => {
            let rules = scenario_of(doc, *w).and_then(|s| s.get_mut("transitions"));
            set(nth(rules, *k), "share", v.clone());
        }
        Edit::RuleYears(w, k, a, b) => {
            let rules = scenario_of(doc, *w).and_then(|s| s.get_mut("transitions"));
            if let Some(Value::Object(r)) = nth(rules, *k) {
                r.insert("from_year".into(), num(*a));
                if let Some(b) = b {
                    r.insert("to_year".into(), num(*b));
                }
            }
        }
        Edit::TrajectoryShare(w, k, v) => {
            let es = scenario_of(doc, *w).and_then(|s| s.get_mut("trajectory"));
            if let Some(x) = nth_entry(nth(es, *k).and_then(|e| e.get_mut("shares")), *k) {
                *x = v.clone();
            }
        }
        Edit::TrajectoryYear(w, k, v) => {
            let es = scenario_of(doc, *w).and_then(|s| s.get_mut("trajectory"));
            set(nth(es, *k), "year", num(*v));
        }
        Edit::Attribution(v) => {
            let a = doc
                .as_object_mut()
                .unwrap()
                .entry("analysis")
                .or_insert_with(|| json!({}));
            set(Some(a), "attribution", v.clone());
        }
        Edit::Rate(v) => set(Some(doc), "discount_rate", v.clone()),
        Edit::RateSchedule(steps) => {
            let steps: Vec<Value> = steps
                .iter()
                .map(|(y, r)| json!({ "from_year": num(*y), "rate": num(*r) }))
                .collect();
            set(Some(doc), "discount_rate", Value::Array(steps));
        }
        Edit::Horizon(v) => set(Some(doc), "horizon", num(*v)),
        Edit::CostYears(c, ys) => set(
            nth(doc.pointer_mut("/intervention/costs"), *c),
            "years",
            Value::Array(ys.iter().map(|y| num(*y)).collect()),
        ),
        Edit::CostCohortYear(c, v) => set(
            nth(doc.pointer_mut("/intervention/costs"), *c),
            "cohort_year",
            num(*v),
        ),
        Edit::Financing(c, ws) => {
            let f: Map<String, Value> = ws.iter().map(|(k, w)| (k.clone(), num(*w))).collect();
            set(
                nth(doc.pointer_mut("/intervention/costs"), *c),
                "financing",
                Value::Object(f),
            );
        }
        Edit::SuccessYears(v) => {
            if let Some(s) = doc.pointer_mut("/analysis/success") {
                set(Some(s), "years", num(*v));
            }
        }
        Edit::ManyFlows(s, n, v) => {
            let actor = doc.pointer("/actors/0/id").cloned().unwrap_or(json!("p0"));
            let flows = nth(doc.get_mut("states"), *s).and_then(|s| {
                s.as_object_mut()
                    .unwrap()
                    .entry("flows")
                    .or_insert_with(|| json!([]))
                    .as_array_mut()
            });
            if let Some(flows) = flows {
                for k in 0..*n {
                    let kind = ["production", "resource"][k % 2];
                    flows.push(json!({ "type": kind, "actor": actor, "amount": v }));
                }
            }
        }
        Edit::ManyRules(w, n, share) => {
            let states: Vec<Value> = doc["states"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["id"].clone())
                .collect();
            let rules: Vec<Value> = (0..*n)
                .map(|k| {
                    json!({
                        "from": states[k % states.len()],
                        "to": states[(k / states.len()) % states.len()],
                        "share": num(*share),
                    })
                })
                .collect();
            let sc = doc
                .as_object_mut()
                .unwrap()
                .entry("scenarios")
                .or_insert_with(|| json!({}));
            set(
                Some(sc),
                if *w { "with" } else { "without" },
                json!({ "transitions": rules }),
            );
        }
        Edit::ManyCohorts(n, participants) => {
            let cohorts: Vec<Value> = (0..*n)
                .map(|k| json!({ "start_year": k % 3, "participants": num(*participants) }))
                .collect();
            set(
                doc.get_mut("intervention"),
                "cohorts",
                Value::Array(cohorts),
            );
        }
        Edit::ManyCosts(n, amount) => {
            let payer = doc.pointer("/actors/0/id").cloned().unwrap_or(json!("p0"));
            let costs: Vec<Value> = (0..*n)
                .map(|k| {
                    if k % 2 == 0 {
                        json!({ "name": format!("c{k}"), "amount": amount, "years": [k % 7], "financing": { payer.as_str().unwrap_or("p0"): 1 } })
                    } else {
                        json!({ "name": format!("c{k}"), "per_participant": amount, "financing": { payer.as_str().unwrap_or("p0"): 1 } })
                    }
                })
                .collect();
            set(doc.get_mut("intervention"), "costs", Value::Array(costs));
        }
        Edit::ManyActors(n) => {
            if let Some(a) = doc.get_mut("actors").and_then(Value::as_array_mut) {
                for k in 0..*n {
                    a.push(json!({ "id": format!("extra{k}"), "name": format!("Extra {k}"), "kind": if k % 2 == 0 { "public" } else { "other" } }));
                }
            }
        }
        Edit::ManyStates(n) => {
            if let Some(a) = doc.get_mut("states").and_then(Value::as_array_mut) {
                for k in 0..*n {
                    a.push(json!({ "id": format!("extra{k}"), "name": format!("Extra {k}") }));
                }
            }
        }
        Edit::ManyYears(c, n) => set(
            nth(doc.pointer_mut("/intervention/costs"), *c),
            "years",
            Value::Array((0..*n).map(|y| json!(y % 250)).collect()),
        ),
        Edit::Text(at, s) => {
            let s = json!(s);
            match at {
                TextAt::ModelName => set(Some(doc), "name", s),
                TextAt::Description => set(Some(doc), "description", s),
                TextAt::Currency => set(Some(doc), "currency", s),
                TextAt::InterventionName => set(doc.get_mut("intervention"), "name", s),
                TextAt::ActorName(k) => set(nth(doc.get_mut("actors"), *k), "name", s),
                TextAt::ActorNames(k) => set(
                    nth(doc.get_mut("actors"), *k),
                    "name",
                    json!({ "sv": s, "en": s, "de": "x" }),
                ),
                TextAt::StateName(k) => set(nth(doc.get_mut("states"), *k), "name", s),
                TextAt::CostName(k) => {
                    set(nth(doc.pointer_mut("/intervention/costs"), *k), "name", s)
                }
                TextAt::FlowLabel(a, b) => set(
                    nth(
                        nth(doc.get_mut("states"), *a).and_then(|s| s.get_mut("flows")),
                        *b,
                    ),
                    "label",
                    s,
                ),
                TextAt::FlowCategory(a, b) => set(
                    nth(
                        nth(doc.get_mut("states"), *a).and_then(|s| s.get_mut("flows")),
                        *b,
                    ),
                    "category",
                    s,
                ),
            }
        }
        Edit::ActorId(k, id) => set(nth(doc.get_mut("actors"), *k), "id", json!(id)),
        Edit::StateId(k, id) => set(nth(doc.get_mut("states"), *k), "id", json!(id)),
        Edit::RenameActor(k, id) => {
            if let Some(old) =
                nth(doc.get_mut("actors"), *k).and_then(|a| a["id"].as_str().map(str::to_string))
            {
                rename(doc, &old, id);
            }
        }
        Edit::RenameState(k, id) => {
            if let Some(old) =
                nth(doc.get_mut("states"), *k).and_then(|s| s["id"].as_str().map(str::to_string))
            {
                rename(doc, &old, id);
            }
        }
        Edit::OnBase(a, s) => {
            set(Some(doc), "base", json!("se-2024"));
            rename(doc, "person", "individual");
            let base_actors = [
                "municipality",
                "employment_service",
                "social_insurance",
                "region",
                "state",
            ];
            let base_states = [
                "social_assistance",
                "labour_market_programme",
                "studies",
                "employment",
                "no_income",
            ];
            rename(doc, &format!("p{}", a % 5), base_actors[a % 5]);
            rename(doc, &format!("s{}", s % 6), base_states[s % 5]);
        }
        Edit::DuplicateActor(k) => {
            if let Some(a) = nth(doc.get_mut("actors"), *k).cloned() {
                doc["actors"].as_array_mut().unwrap().push(a);
            }
        }
        Edit::DuplicateState(k) => {
            if let Some(s) = nth(doc.get_mut("states"), *k).cloned() {
                doc["states"].as_array_mut().unwrap().push(s);
            }
        }
        Edit::Base(b) => set(Some(doc), "base", json!(b)),
        Edit::Format(f) => set(Some(doc), "format", json!(f)),
    }
}

/// Replaces the id `old` by `new` wherever the document uses it as an id: the values of
/// `id`, `from`, `to` and `actor`, and the keys of `start`, `shares` and `financing`.
fn rename(doc: &mut Value, old: &str, new: &str) {
    match doc {
        Value::Array(a) => a.iter_mut().for_each(|v| rename(v, old, new)),
        Value::Object(m) => {
            for (k, v) in m.iter_mut() {
                match (k.as_str(), &mut *v) {
                    ("id" | "from" | "to" | "actor", Value::String(s)) if s == old => {
                        *s = new.to_string()
                    }
                    ("start" | "shares" | "financing", Value::Object(ids)) => {
                        if let Some(x) = ids.remove(old) {
                            ids.insert(new.to_string(), x);
                        }
                    }
                    _ => rename(v, old, new),
                }
            }
        }
        _ => {}
    }
}

/// A valid model with one to four hostile edits.
fn edited_model() -> impl Strategy<Value = Case> {
    (valid_model(), vec(edit(), 1..=4)).prop_map(|(Case(m), edits)| {
        let mut doc = serde_json::to_value(&m).unwrap();
        for e in &edits {
            apply(&mut doc, e);
        }
        Case(common::to_model(doc))
    })
}

/// A model built to sit at the edge of the decimal range: `cohorts` cohorts of 10^9 people
/// start in state a; state b has `flows` production flows of `amount` each (up to 10^12, so a
/// person-year in b is worth up to 10^12 · flows). Without the intervention half are in b from
/// cohort year 1; with it a share drawn from [0, 1] around 0.5. Society's npv is 0 at the point
/// value, and at the tornado's low and high value it is ∓ half of everything: with 1000 cohorts,
/// 1000 flows of 10^12 and 100 years, −4.95e28 and +4.95e28, whose difference (the bar's swing)
/// lies beyond the decimal range (SPEC §6); with more, the ends themselves overflow.
fn edge_of_range_model() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec![1usize, 100, 1000, 1000]),
        prop::sample::select(vec![1usize, 100, 1000, 2000]),
        prop::sample::select(vec![2i64, 50, 100, 200]),
        prop::sample::select(vec!["1000000000000", "500000000000", "1"]),
        prop::sample::select(vec!["0", "0", "0.035"]),
        prop_oneof![
            // A point value far from the counterfactual: the report itself may overflow.
            Just(json!("1")),
            Just(json!({ "dist": "uniform", "min": "0", "max": "1" })),
            Just(json!({ "dist": "triangular", "min": "0", "mode": "0.5", "max": "1" })),
            Just(json!({ "dist": "pert", "min": "0", "mode": "0.5", "max": "1" })),
            Just(json!({ "dist": "normal", "mean": "0.5", "sd": "1e28" })),
        ],
        any::<bool>(),
    )
        .prop_map(|(cohorts, flows, horizon, amount, rate, share, cost)| {
            let production: Vec<Value> = (0..flows)
                .map(|k| json!({ "type": "production", "actor": if k % 2 == 0 { "p0" } else { "p1" }, "amount": amount }))
                .collect();
            let mut doc = json!({
                "format": "ekusia-model/1",
                "name": "edge of the decimal range",
                "horizon": horizon,
                "discount_rate": rate,
                "actors": [
                    { "id": "p0", "name": "P0" },
                    { "id": "p1", "name": "P1" },
                    { "id": "person", "name": "Person", "kind": "individual" }
                ],
                "states": [
                    { "id": "a", "name": "A" },
                    { "id": "b", "name": "B", "flows": production }
                ],
                "intervention": {
                    "start": { "a": 1 },
                    "cohorts": (0..cohorts).map(|_| json!({ "participants": "1000000000" })).collect::<Vec<_>>(),
                },
                "scenarios": {
                    "without": { "trajectory": [{ "year": 1, "shares": { "b": "0.5", "a": "rest" } }] },
                    "with": { "trajectory": [{ "year": 1, "shares": { "b": share, "a": "rest" } }] }
                }
            });
            if cost {
                doc["intervention"]["costs"] = json!([{
                    "name": "per head", "per_participant": { "dist": "uniform", "min": "0", "max": "1000000000000" },
                    "financing": { "p0": 1, "p1": 1 }
                }]);
            }
            Case(common::to_model(doc))
        })
}

/// Every hostile model: mostly edited valid models, sometimes one at the edge of the range.
fn hostile_model() -> impl Strategy<Value = Case> {
    prop_oneof![6 => edited_model(), 1 => edge_of_range_model()]
}

/// Notes what the tornado made of a model (for the report, not a failure).
fn note_outcome(out: &check::Outcome) {
    if let Some(s) = &out.sensitivity {
        for sk in &s.skipped {
            if sk.reason.contains("swing") {
                note(
                    "tornado: a bar's swing beyond the decimal range (skipped, no panic)",
                    || format!("{} (npv {})", sk.path, s.npv),
                );
            } else if sk.reason.contains("overflow") || sk.reason.contains("range") {
                note("tornado: a bar skipped for the decimal range", || {
                    format!("{}: {}", sk.path, sk.reason)
                });
            }
        }
    }
}

/// Runs `body` on `cases()` values of `strategy`; prints the notes and how long it took.
fn run<T: std::fmt::Debug>(
    name: &str,
    n: u32,
    strategy: impl Strategy<Value = T>,
    body: impl Fn(&T) -> Result<(), String>,
) {
    let mut runner = TestRunner::new(config(n));
    let started = std::time::Instant::now();
    let result = runner.run(&strategy, |v| body(&v).map_err(TestCaseError::fail));
    eprintln!(
        "{name}: {n} cases in {:.1} s\n{}",
        started.elapsed().as_secs_f64(),
        check::notes_report()
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Hostile models through every entry point and format: a result or a coded error, never a
/// panic, and safe output.
#[test]
fn hostile_models_never_panic() {
    run("hostile models", cases(), hostile_model(), |Case(m)| {
        let out = exercise(m, &Options::default())?;
        note_outcome(&out);
        Ok(())
    });
}

/// The same models as text: written as TOML and JSON, read back the same, and through every
/// entry point again; and with the text cut, nested deeply or given a byte-order mark.
#[test]
fn hostile_models_as_text_never_panic() {
    let depth = prop_oneof![8 => 1usize..=200, 1 => Just(100_000)];
    let mangle = (0usize..6, any::<prop::sample::Index>(), depth);
    // A third of the cases: the models are those of the test above; what is new is the text.
    run(
        "hostile models as text",
        cases().div_ceil(3),
        (hostile_model(), mangle),
        |(Case(m), (how, at, depth))| {
            let (how, depth) = (*how, *depth);
            let json = m.to_json();
            let toml = match guarded("Model::to_toml", || m.to_toml())? {
                Ok(t) => Some(t),
                Err(e) => {
                    check::check_error("Model::to_toml", &e)?;
                    note("a model TOML cannot write", || e.to_string());
                    None
                }
            };
            for (text, format) in [(Some(json), Format::Json), (toml, Format::Toml)] {
                let Some(text) = text else { continue };
                match guarded("parse_model", || ekusia::parse_model(&text, format))? {
                    Ok(back) if back == *m => {}
                    Ok(_) => return Err(format!("{format:?} text reads back a different model")),
                    Err(e) => {
                        check::check_error("parse_model", &e)?;
                        note("a written model does not read back", || {
                            format!("{format:?}: {e}")
                        });
                    }
                }
                let mangled = match how {
                    0 => text[..floor_char_boundary(&text, at.index(text.len() + 1))].to_string(),
                    1 => format!("\u{feff}{text}"),
                    2 => text.replace('\n', "\r\n"),
                    3 => nest(&text, format, depth),
                    4 => text.replacen("\"", "\"\u{0}", 1),
                    _ => format!("{text}\n{text}"),
                };
                check::exercise_text(&mangled, format)?;
            }
            Ok(())
        },
    );
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The text with the model's name replaced by a value nested `depth` levels deep.
fn nest(text: &str, format: Format, depth: usize) -> String {
    let deep = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    match format {
        Format::Json => text.replacen("\"name\": ", &format!("\"name\": {deep}, \"x\": "), 1),
        Format::Toml => format!("description = {deep}\n{text}"),
    }
}

// ---------------------------------------------------------------------------------------
// Core bugs the fuzzers found, each as the smallest input that shows it.

/// A model with a currency, as small as the fuzzer's find.
fn with_currency(currency: &str) -> ekusia::Model {
    let mut m = ekusia::Model::from_toml(
        r#"
format = "ekusia-model/1"
name = "currency"
horizon = 1
actors = [{ id = "p0", name = "P0" }, { id = "person", name = "Person", kind = "individual" }]
states = [{ id = "s0", name = "S0" }]
[intervention]
start = { s0 = 1 }
"#,
    )
    .unwrap();
    m.currency = Some(currency.to_string());
    m
}

/// Found by the harness: a currency with control characters reached every money cell of the
/// terminal tables. A currency is now short text without control characters (`schema`), and
/// the tables pass every cell through `present::plain` besides.
#[test]
fn a_currency_with_control_characters_is_refused() {
    let m = with_currency("\u{1b}[31mSEK");
    let e = ekusia::evaluate(&m, &Options::default()).unwrap_err();
    assert_eq!((e.code().as_str(), e.path()), ("schema", "currency"));
    let m = with_currency(&"E".repeat(17));
    assert_eq!(
        ekusia::evaluate(&m, &Options::default())
            .unwrap_err()
            .path(),
        "currency"
    );
    let ok = with_currency("EUR");
    assert!(ekusia::evaluate(&ok, &Options::default()).is_ok());
}

/// The harness's checks can fail: each rejects what it is there to reject.
#[test]
fn the_harness_rejects_what_it_should() {
    use ekusia::{Error, ErrorCode, Msg};
    assert!(guarded("x", || panic!("boom"))
        .unwrap_err()
        .contains("boom"));
    assert!(check::terminal_safe("t", "a\u{1b}[31m").is_err());
    assert!(check::terminal_safe("t", "a\u{9b}31m").is_err());
    assert!(check::terminal_safe("t", "a\nb").is_ok());
    assert!(check::markup_safe("m", "x<ScRiPt>").is_err());
    assert!(check::markup_safe("m", "x&lt;script&gt;").is_ok());
    assert!(check::csv_safe("c", "a,b\n1,=2\n").is_err());
    assert!(check::csv_safe("c", "a,b\n1,\"@2\"\n").is_err());
    assert!(check::csv_safe("c", "a,b\n1,\"\t2\"\n").is_err());
    assert!(check::csv_safe("c", "a,b\n1,'=2\n").is_ok());
    assert!(check::csv_safe("c", "a,b\n1\n").is_err());
    let no_path = Error::new(
        ErrorCode::Schema,
        "",
        Msg::SetPathEmpty,
        ekusia::error::NONE,
    );
    assert!(check::check_error("validate", &no_path).is_err());
    let with_path = Error::new(
        ErrorCode::Schema,
        "name",
        Msg::SetPathEmpty,
        ekusia::error::NONE,
    );
    assert!(check::check_error("validate", &with_path).is_ok());
    // An overflow names the part of the model that left the decimal range, like any error.
    let overflow = Error::new(ErrorCode::Overflow, "", Msg::Overflow, ekusia::error::NONE);
    assert!(check::check_error("evaluate", &overflow).is_err());
}

/// Found by the harness: validation accepted an actor with the id `society` or
/// `public_sector`, the ids of the aggregate rows (SPEC §4), and the report had two rows
/// `society` (the tornado then measured the actor). Those ids are now refused.
#[test]
fn an_actor_may_not_take_the_id_of_an_aggregate_row() {
    let m = ekusia::Model::from_toml(
        r#"
format = "ekusia-model/1"
name = "society twice"
horizon = 2
discount_rate = 0
actors = [{ id = "society", name = "An actor" }, { id = "p1", name = "P1" },
          { id = "person", name = "Person", kind = "individual" }]
states = [{ id = "a", name = "A" },
          { id = "b", name = "B", flows = [{ type = "production", actor = "p1", amount = 1000 }] }]
[intervention]
start = { a = 1 }
cohorts = [{ participants = 1 }]
costs = [{ name = "c", amount = 100, financing = { society = 1 } }]
[scenarios.with]
trajectory = [{ year = 1, shares = { b = 1 } }]
"#,
    )
    .unwrap();
    let e = ekusia::evaluate(&m, &Options::default()).unwrap_err();
    assert_eq!((e.code().as_str(), e.path()), ("schema", "actors[0].id"));
    let renamed = m.with_value("actors[0].id", "\"public_sector\"").unwrap();
    let e = ekusia::evaluate(&renamed, &Options::default()).unwrap_err();
    assert_eq!(e.path(), "actors[0].id");
}

/// A model of `n` cost items of 100 each (no distributions): the tornado draws one bar per item.
fn many_costs(n: usize) -> ekusia::Model {
    let costs: Vec<Value> = (0..n)
        .map(|k| json!({ "name": format!("c{k}"), "amount": "100", "years": [k % 7], "financing": { "p0": 1 } }))
        .collect();
    common::to_model(json!({
        "format": "ekusia-model/1",
        "name": "many costs",
        "horizon": 10,
        "actors": [{ "id": "p0", "name": "P0" }, { "id": "person", "name": "Person", "kind": "individual" }],
        "states": [{ "id": "s0", "name": "S0", "flows": [{ "type": "production", "actor": "p0", "amount": "1000" }] }],
        "intervention": { "start": { "s0": 1 }, "cohorts": [{ "participants": 10 }], "costs": costs }
    }))
}

/// Found while sizing the fuzz cases: the tornado validated and evaluated the whole model twice
/// per bar, so its time grew with the square of the model (2,000 cost items: 8 s). It now
/// re-checks only the changed section per bar; its speed is measured by the `tornado`
/// benchmarks, and here only that every item gets its bar.
#[test]
fn the_tornado_gives_every_cost_item_a_bar() {
    let s = ekusia::sensitivity(&many_costs(2000), &Options::default()).unwrap();
    assert_eq!(s.rows.len(), 2001);
}

/// How the tornado's time grows (run by hand: `cargo test --release … -- --ignored
/// --nocapture tornado_time`).
#[test]
#[ignore = "a measurement, not a check"]
fn tornado_time_by_model_size() {
    for n in [500, 1000, 2000, 4000] {
        let m = many_costs(n);
        let t = std::time::Instant::now();
        let e = ekusia::evaluate(&m, &Options::default()).unwrap();
        let te = t.elapsed();
        let t = std::time::Instant::now();
        let s = ekusia::sensitivity(&m, &Options::default()).unwrap();
        eprintln!(
            "{n} cost items: evaluate {te:?}, tornado {:?} ({} bars), npv {}",
            t.elapsed(),
            s.rows.len(),
            e.rows.last().unwrap().npv
        );
    }
}
