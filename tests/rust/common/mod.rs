//! Helpers shared by the integration tests: the repository root, and proptest strategies that
//! generate valid models (for the property tests of `invariants.rs`).
//!
//! Every part of a generated model comes from a proptest strategy (ranges, `vec`, `option`,
//! `prop_oneof!`), never from a hand-rolled random generator, so a failing case shrinks: to
//! fewer actors, states, flows, rules, cohorts and costs, to amounts and shares near 0 and to
//! fewer decimals. The model is assembled as JSON and read with serde, so the strategies keep
//! compiling when the model gains optional keys.
#![allow(dead_code)]

use ekusia::model::Model;
use ekusia::Decimal;
use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{json, Map, Value};
use std::fmt;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Where proptest keeps failing cases: `tests/rust/NAME.regressions` beside the test file
/// `NAME.rs` (`file!()` of a test in `../tests/rust/` is found from `core/`'s manifest), so a
/// failure found once is replayed first on every later run once the file is committed.
pub const PERSISTENCE: FileFailurePersistence = FileFailurePersistence::WithSource("regressions");

/// A generated model. Its `Debug` form is the model as TOML, so a shrunk failing case prints
/// as a file one can save and run with `ekusia run`.
#[derive(Clone, PartialEq)]
pub struct Case(pub Model);

impl fmt::Debug for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.to_toml() {
            Ok(t) => write!(f, "\n{t}"),
            Err(_) => write!(f, "\n{}", self.0.to_json()),
        }
    }
}

/// Reads a generated JSON document as a model; a failure is a bug of the generator.
pub fn to_model(doc: Value) -> Model {
    let text = doc.to_string();
    serde_json::from_value(doc)
        .unwrap_or_else(|e| panic!("generator made a bad model: {e}\n{text}"))
}

/// A decimal as the JSON string the model format reads exactly.
pub fn num(d: Decimal) -> Value {
    Value::String(d.normalize().to_string())
}

/// A money amount in [0, max] with 0, 1 or 2 decimals.
pub fn amount(max: u64) -> impl Strategy<Value = Decimal> {
    (0..=max * 100, 0u32..=2).prop_map(|(cents, dp)| {
        // Drop the decimals the amount does not have: 123456 cents with dp 1 is 1234.5.
        let cut = 10i64.pow(2 - dp);
        Decimal::new(cents as i64 / cut, dp)
    })
}

/// A share in [0, max/1000], in thousandths.
pub fn share(max: u32) -> impl Strategy<Value = Decimal> {
    (0..=max).prop_map(|k| Decimal::new(k as i64, 3))
}

/// The size of a model, chosen first; everything else depends on it.
#[derive(Clone, Debug)]
pub struct Shape {
    /// Public actors p0, p1, …
    pub n_public: usize,
    /// Whether an actor "other" of kind `other` exists.
    pub other: bool,
    /// States s0, s1, …
    pub n_states: usize,
    pub horizon: i64,
}

impl Shape {
    /// Actor ids in model order: the public actors, "other", then the individual "person".
    pub fn actors(&self) -> Vec<String> {
        let mut ids: Vec<String> = (0..self.n_public).map(|i| format!("p{i}")).collect();
        if self.other {
            ids.push("other".into());
        }
        ids.push("person".into());
        ids
    }
    /// Who may finance a cost: everyone but the individual.
    pub fn payers(&self) -> Vec<String> {
        let mut ids = self.actors();
        ids.pop();
        ids
    }
}

prop_compose! {
    /// 1–5 public actors, sometimes an "other" actor, 1–6 states, a horizon of 1–25 years.
    pub fn shape()(n_public in 1usize..=5, other in any::<bool>(), n_states in 1usize..=6,
                   horizon in 1i64..=25) -> Shape {
        Shape { n_public, other, n_states, horizon }
    }
}

/// One flow between the actors `ids`: a transfer, a resource use or a production, with an
/// amount up to 500,000 with 0–2 decimals.
pub fn flow(ids: Vec<String>) -> impl Strategy<Value = Value> {
    let n = ids.len();
    let (a, b, c) = (ids.clone(), ids.clone(), ids);
    prop_oneof![
        (0..n, 0..n, amount(500_000)).prop_map(move |(i, j, x)| json!({
            "type": "transfer", "from": a[i], "to": a[j], "amount": num(x)
        })),
        (0..n, amount(500_000)).prop_map(move |(i, x)| json!({
            "type": "resource", "actor": b[i], "amount": num(x)
        })),
        (0..n, amount(500_000)).prop_map(move |(i, x)| json!({
            "type": "production", "actor": c[i], "amount": num(x)
        })),
    ]
}

/// `start`: thousandths for every state but the last, which takes "rest". Each share takes at
/// most what the earlier ones left, so "rest" is never negative.
pub fn start(n_states: usize) -> impl Strategy<Value = Value> {
    vec(0u32..=1000, n_states - 1).prop_map(move |wants| {
        let mut left = 1000u32;
        let mut m = Map::new();
        for (i, w) in wants.into_iter().enumerate() {
            let take = w.min(left);
            left -= take;
            m.insert(format!("s{i}"), num(Decimal::new(take as i64, 3)));
        }
        m.insert(format!("s{}", n_states - 1), json!("rest"));
        Value::Object(m)
    })
}

/// 0–5 transition rules; with n rules each share is at most 1/n, so whatever the rules'
/// years, the shares leaving one state in one cohort year sum to at most 1.
pub fn transitions(n_states: usize) -> impl Strategy<Value = Value> {
    (0usize..=5).prop_flat_map(move |n| {
        let max = 1000 / n.max(1) as u32;
        vec(
            (
                0..n_states,
                0..n_states,
                share(max),
                1i64..=3,
                option::of(0i64..10),
            )
                .prop_map(|(from, to, share, from_year, span)| {
                    let mut t = json!({
                        "from": format!("s{from}"), "to": format!("s{to}"),
                        "share": num(share), "from_year": from_year
                    });
                    if let Some(span) = span {
                        t["to_year"] = json!(from_year + span);
                    }
                    t
                }),
            n,
        )
        .prop_map(|rules| json!({ "transitions": rules }))
    })
}

/// 1–3 trajectory entries in cohort years 1, 3, 5: one state's share, the next state "rest"
/// (or the only state at 1).
pub fn trajectory(n_states: usize) -> impl Strategy<Value = Value> {
    vec((0..n_states, share(1000)), 1..=3).prop_map(move |entries| {
        let entries: Vec<Value> = entries
            .into_iter()
            .enumerate()
            .map(|(k, (i, s))| {
                let j = (i + 1) % n_states;
                let shares = if j == i {
                    json!({ format!("s{i}"): "1" })
                } else {
                    json!({ format!("s{i}"): num(s), format!("s{j}"): "rest" })
                };
                json!({ "year": 1 + 2 * k, "shares": shares })
            })
            .collect();
        json!({ "trajectory": entries })
    })
}

/// A scenario: none (everyone stays), transitions, or a trajectory.
pub fn scenario(n_states: usize) -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        transitions(n_states).prop_map(Some),
        trajectory(n_states).prop_map(Some),
    ]
}

/// 0–3 cohorts of 0–199 participants starting inside the horizon.
pub fn cohorts(horizon: i64) -> impl Strategy<Value = Value> {
    vec((0..horizon, 0u32..200), 0..=3).prop_map(|ks| {
        Value::Array(
            ks.into_iter()
                .map(|(s, n)| json!({ "start_year": s, "participants": n }))
                .collect(),
        )
    })
}

/// Financing weights 1–4 for a subset of the payers (at least the first one).
pub fn financing(payers: Vec<String>) -> impl Strategy<Value = Value> {
    vec(option::of(1u32..=4), payers.len()).prop_map(move |ws| {
        let mut m = Map::new();
        for (p, w) in payers.iter().zip(ws) {
            if let Some(w) = w {
                m.insert(p.clone(), json!(w));
            }
        }
        if m.is_empty() {
            m.insert(payers[0].clone(), json!(1));
        }
        Value::Object(m)
    })
}

/// A fixed cost (up to 2,000,000 in some years of the horizon, default year 0) or a cost per
/// participant (up to 50,000 in cohort year 0–2), financed by some payers.
pub fn cost(horizon: i64, payers: Vec<String>) -> impl Strategy<Value = Value> {
    let kind = prop_oneof![
        (
            0u64..=200_000_000,
            vec(prop::bool::weighted(0.33), horizon as usize)
        )
            .prop_map(|(cents, years)| {
                let mut c = json!({ "amount": num(Decimal::new(cents as i64, 2)) });
                let years: Vec<usize> = (0..years.len()).filter(|&t| years[t]).collect();
                if !years.is_empty() {
                    c["years"] = json!(years);
                }
                c
            }),
        (0u64..=500_000, 0i64..=2).prop_map(|(tenths, cy)| json!({
            "per_participant": num(Decimal::new(tenths as i64, 1)), "cohort_year": cy
        })),
    ];
    (kind, financing(payers)).prop_map(|(mut c, f)| {
        c["financing"] = f;
        c
    })
}

/// No rate (the default 0.035), a constant rate below 0.1, or a two-step schedule.
pub fn discount_rate() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        share(99).prop_map(|r| Some(num(r))),
        (1i64..=10, share(59)).prop_map(|(y, r)| Some(json!([
            { "from_year": 0, "rate": "0.035" },
            { "from_year": y, "rate": num(r) }
        ]))),
    ]
}

/// Sometimes `analysis`: an attribution in [0, 1] and a success from s0 to the last state.
pub fn analysis(n_states: usize) -> impl Strategy<Value = Option<Value>> {
    option::of((share(1000), 1i64..=8)).prop_map(move |a| {
        a.map(|(att, years)| {
            json!({
                "attribution": num(att),
                "success": { "from": "s0", "to": format!("s{}", n_states - 1), "years": years }
            })
        })
    })
}

/// A valid model (SPEC §2) of the variety above: it always validates and evaluates.
pub fn valid_model() -> impl Strategy<Value = Case> {
    shape()
        .prop_flat_map(|sh| {
            let ids = sh.actors();
            let ns = sh.n_states;
            (
                Just(sh.clone()),
                vec(vec(flow(ids), 0..=4), ns),
                start(ns),
                scenario(ns),
                scenario(ns),
                cohorts(sh.horizon),
                vec(cost(sh.horizon, sh.payers()), 0..=2),
                discount_rate(),
                analysis(ns),
            )
        })
        .prop_map(
            |(sh, flows, start, with, without, cohorts, costs, rate, analysis)| {
                Case(assemble(
                    &sh, flows, start, with, without, cohorts, costs, rate, analysis,
                ))
            },
        )
}

/// The model document from its generated parts.
#[allow(clippy::too_many_arguments)]
fn assemble(
    sh: &Shape,
    flows: Vec<Vec<Value>>,
    start: Value,
    with: Option<Value>,
    without: Option<Value>,
    cohorts: Value,
    costs: Vec<Value>,
    rate: Option<Value>,
    analysis: Option<Value>,
) -> Model {
    let actors: Vec<Value> = sh
        .actors()
        .into_iter()
        .map(|id| {
            let kind = match id.as_str() {
                "person" => "individual",
                "other" => "other",
                _ => "public",
            };
            json!({ "id": id, "name": format!("Actor {id}"), "kind": kind })
        })
        .collect();
    let states: Vec<Value> = flows
        .into_iter()
        .enumerate()
        .map(|(i, f)| json!({ "id": format!("s{i}"), "name": format!("State {i}"), "flows": f }))
        .collect();
    let costs: Vec<Value> = costs
        .into_iter()
        .enumerate()
        .map(|(k, mut c)| {
            let name = if c.get("amount").is_some() {
                format!("fixed {k}")
            } else {
                format!("per head {k}")
            };
            c["name"] = json!(name);
            c
        })
        .collect();
    let mut scenarios = Map::new();
    if let Some(w) = with {
        scenarios.insert("with".into(), w);
    }
    if let Some(w) = without {
        scenarios.insert("without".into(), w);
    }
    let mut doc = json!({
        "format": "ekusia-model/1",
        "name": "generated",
        "horizon": sh.horizon,
        "actors": actors,
        "states": states,
        "intervention": { "start": start, "cohorts": cohorts, "costs": costs },
        "scenarios": scenarios,
    });
    if let Some(r) = rate {
        doc["discount_rate"] = r;
    }
    if let Some(a) = analysis {
        doc["analysis"] = a;
    }
    to_model(doc)
}
