//! Helpers shared by the integration tests: the repository root, and proptest strategies that
//! generate valid models (for the property tests of `invariants.rs`).
//!
//! Every part of a generated model comes from a proptest strategy (ranges, `vec`, `option`,
//! `prop_oneof!`), never from a hand-rolled random generator, so a failing case shrinks: to
//! fewer actors, states, flows, rules, cohorts and costs, to amounts and shares near 0 and to
//! fewer decimals. The model is assembled as JSON and read with serde, so the strategies keep
//! compiling when the model gains optional keys.
#![allow(dead_code)]

pub mod check;

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

/// The proptest set-up of every property test: `cases` models, failures kept in
/// [`PERSISTENCE`], and room to shrink a failure all the way down (the default is 4 × cases).
pub fn proptest_config(cases: u32, max_shrink_iters: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(PERSISTENCE)),
        max_shrink_iters,
        ..ProptestConfig::default()
    }
}

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

// The parts of a model are generated at their largest size, with actor and state indices
// taken modulo the counts the shape picks. No part depends on another through `prop_flat_map`,
// so shrinking one part (fewer states, a shorter horizon) leaves the others as they were and
// a failing case shrinks step by step to a small one.

/// The most actors (5 public, "other", the individual), payers and states a model has.
const MAX_ACTORS: usize = 7;
const MAX_PAYERS: usize = 6;
const MAX_STATES: usize = 6;
const MAX_HORIZON: i64 = 25;

/// The size of a model.
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
    fn actor(&self, i: usize) -> String {
        let ids = self.actors();
        ids[i % ids.len()].clone()
    }
    fn state(&self, i: usize) -> String {
        format!("s{}", i % self.n_states)
    }
}

prop_compose! {
    /// 1–5 public actors, sometimes an "other" actor, 1–6 states, a horizon of 1–25 years.
    pub fn shape()(n_public in 1usize..=5, other in any::<bool>(), n_states in 1..=MAX_STATES,
                   horizon in 1..=MAX_HORIZON) -> Shape {
        Shape { n_public, other, n_states, horizon }
    }
}

/// A flow by actor index: a transfer, a resource use or a production.
#[derive(Clone, Debug)]
pub enum FlowPart {
    Transfer(usize, usize, Decimal),
    Resource(usize, Decimal),
    Production(usize, Decimal),
}

/// One flow with an amount up to 500,000 with 0–2 decimals.
pub fn flow() -> impl Strategy<Value = FlowPart> {
    let a = 0..MAX_ACTORS;
    prop_oneof![
        (a.clone(), a.clone(), amount(500_000)).prop_map(|(i, j, x)| FlowPart::Transfer(i, j, x)),
        (a.clone(), amount(500_000)).prop_map(|(i, x)| FlowPart::Resource(i, x)),
        (a, amount(500_000)).prop_map(|(i, x)| FlowPart::Production(i, x)),
    ]
}

/// A transition rule by state index; its share is `thousandths` / (number of rules), so
/// however the rules' years overlap, the shares leaving a state in one year sum to at most 1.
#[derive(Clone, Debug)]
pub struct RulePart {
    pub from: usize,
    pub to: usize,
    pub thousandths: u32,
    pub from_year: i64,
    /// `to_year` = `from_year` + span; none: to the end of the horizon.
    pub span: Option<i64>,
}

/// A scenario: none (everyone stays), 0–5 transitions, or 1–3 trajectory entries (one
/// state's share and the next state "rest", in cohort years 1, 3, 5).
#[derive(Clone, Debug)]
pub enum ScenarioPart {
    Stay,
    Transitions(Vec<RulePart>),
    Trajectory(Vec<(usize, u32)>),
}

pub fn scenario() -> impl Strategy<Value = ScenarioPart> {
    let rule = (
        0..MAX_STATES,
        0..MAX_STATES,
        0u32..=1000,
        1i64..=3,
        option::of(0i64..10),
    )
        .prop_map(|(from, to, thousandths, from_year, span)| RulePart {
            from,
            to,
            thousandths,
            from_year,
            span,
        });
    prop_oneof![
        Just(ScenarioPart::Stay),
        vec(rule, 0..=5).prop_map(ScenarioPart::Transitions),
        vec((0..MAX_STATES, 0u32..=1000), 1..=3).prop_map(ScenarioPart::Trajectory),
    ]
}

/// A cost: fixed (an amount in cents, the horizon's years it falls in: none means the
/// default year 0) or per participant (in tenths, in cohort year 0–2); and the financing weight
/// of each payer (at least the first one pays).
#[derive(Clone, Debug)]
pub struct CostPart {
    pub kind: CostKind,
    pub weights: Vec<Option<u32>>,
}

#[derive(Clone, Debug)]
pub enum CostKind {
    Fixed(u64, Vec<bool>),
    PerParticipant(u64, i64),
}

/// Fixed costs up to 2,000,000 in about a third of the years, per-participant costs up to
/// 50,000, financing weights 1–4.
pub fn cost() -> impl Strategy<Value = CostPart> {
    let kind = prop_oneof![
        (
            0u64..=200_000_000,
            vec(prop::bool::weighted(0.33), MAX_HORIZON as usize)
        )
            .prop_map(|(c, y)| CostKind::Fixed(c, y)),
        (0u64..=500_000, 0i64..=2).prop_map(|(t, cy)| CostKind::PerParticipant(t, cy)),
    ];
    (kind, vec(option::of(1u32..=4), MAX_PAYERS))
        .prop_map(|(kind, weights)| CostPart { kind, weights })
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

prop_compose! {
    /// A valid model (SPEC §2): 1–5 public actors, sometimes "other", one individual; 1–6
    /// states with 0–4 flows each; a start with "rest"; scenarios with, without; 0–3 cohorts of
    /// 0–199 participants; 0–2 costs; a rate; sometimes `analysis` (an attribution in [0, 1] and
    /// a success from s0 to the last state). It always validates and evaluates.
    pub fn valid_model()(
        sh in shape(),
        flows in vec(vec(flow(), 0..=4), MAX_STATES),
        start in vec(0u32..=1000, MAX_STATES - 1),
        with in scenario(),
        without in scenario(),
        cohorts in vec((0..MAX_HORIZON, 0u32..200), 0..=3),
        costs in vec(cost(), 0..=2),
        rate in discount_rate(),
        analysis in option::of((share(1000), 1i64..=8)),
    ) -> Case {
        Case(assemble(&sh, &flows, &start, &with, &without, &cohorts, &costs, rate, analysis))
    }
}

fn flow_json(sh: &Shape, f: &FlowPart) -> Value {
    match f {
        FlowPart::Transfer(i, j, x) => json!({
            "type": "transfer", "from": sh.actor(*i), "to": sh.actor(*j), "amount": num(*x)
        }),
        FlowPart::Resource(i, x) => json!({
            "type": "resource", "actor": sh.actor(*i), "amount": num(*x)
        }),
        FlowPart::Production(i, x) => json!({
            "type": "production", "actor": sh.actor(*i), "amount": num(*x)
        }),
    }
}

/// `start`: thousandths for every state but the last, which takes "rest"; each share takes at
/// most what the earlier ones left, so "rest" is never negative.
fn start_json(sh: &Shape, wants: &[u32]) -> Value {
    let mut left = 1000u32;
    let mut m = Map::new();
    for (i, w) in wants.iter().take(sh.n_states - 1).enumerate() {
        let take = (*w).min(left);
        left -= take;
        m.insert(format!("s{i}"), num(Decimal::new(take as i64, 3)));
    }
    m.insert(sh.state(sh.n_states - 1), json!("rest"));
    Value::Object(m)
}

fn scenario_json(sh: &Shape, s: &ScenarioPart) -> Option<Value> {
    match s {
        ScenarioPart::Stay => None,
        ScenarioPart::Transitions(rules) => {
            let n = rules.len().max(1) as u32;
            let rules: Vec<Value> = rules
                .iter()
                .map(|r| {
                    let mut t = json!({
                        "from": sh.state(r.from), "to": sh.state(r.to),
                        "share": num(Decimal::new((r.thousandths / n) as i64, 3)),
                        "from_year": r.from_year
                    });
                    if let Some(span) = r.span {
                        t["to_year"] = json!(r.from_year + span);
                    }
                    t
                })
                .collect();
            Some(json!({ "transitions": rules }))
        }
        ScenarioPart::Trajectory(entries) => {
            let entries: Vec<Value> = entries
                .iter()
                .enumerate()
                .map(|(k, &(i, s))| {
                    let (i, j) = (i % sh.n_states, (i + 1) % sh.n_states);
                    let shares = if j == i {
                        json!({ sh.state(i): "1" })
                    } else {
                        json!({ sh.state(i): num(Decimal::new(s as i64, 3)), sh.state(j): "rest" })
                    };
                    json!({ "year": 1 + 2 * k, "shares": shares })
                })
                .collect();
            Some(json!({ "trajectory": entries }))
        }
    }
}

fn cost_json(sh: &Shape, k: usize, c: &CostPart) -> Value {
    let mut v = match &c.kind {
        CostKind::Fixed(cents, years) => {
            let mut v = json!({ "name": format!("fixed {k}"), "amount": num(Decimal::new(*cents as i64, 2)) });
            let years: Vec<i64> = (0..sh.horizon).filter(|&t| years[t as usize]).collect();
            if !years.is_empty() {
                v["years"] = json!(years);
            }
            v
        }
        CostKind::PerParticipant(tenths, cy) => json!({
            "name": format!("per head {k}"),
            "per_participant": num(Decimal::new(*tenths as i64, 1)), "cohort_year": cy
        }),
    };
    let payers = sh.payers();
    let mut f = Map::new();
    for (p, w) in payers.iter().zip(&c.weights) {
        if let Some(w) = w {
            f.insert(p.clone(), json!(w));
        }
    }
    if f.is_empty() {
        f.insert(payers[0].clone(), json!(1));
    }
    v["financing"] = Value::Object(f);
    v
}

/// The model document from its generated parts.
#[allow(clippy::too_many_arguments)]
fn assemble(
    sh: &Shape,
    flows: &[Vec<FlowPart>],
    start: &[u32],
    with: &ScenarioPart,
    without: &ScenarioPart,
    cohorts: &[(i64, u32)],
    costs: &[CostPart],
    rate: Option<Value>,
    analysis: Option<(Decimal, i64)>,
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
        .iter()
        .take(sh.n_states)
        .enumerate()
        .map(|(i, f)| {
            let f: Vec<Value> = f.iter().map(|f| flow_json(sh, f)).collect();
            json!({ "id": format!("s{i}"), "name": format!("State {i}"), "flows": f })
        })
        .collect();
    let cohorts: Vec<Value> = cohorts
        .iter()
        .map(|(s, n)| json!({ "start_year": s % sh.horizon, "participants": n }))
        .collect();
    let costs: Vec<Value> = costs
        .iter()
        .enumerate()
        .map(|(k, c)| cost_json(sh, k, c))
        .collect();
    let mut scenarios = Map::new();
    if let Some(w) = scenario_json(sh, with) {
        scenarios.insert("with".into(), w);
    }
    if let Some(w) = scenario_json(sh, without) {
        scenarios.insert("without".into(), w);
    }
    let mut doc = json!({
        "format": "ekusia-model/1",
        "name": "generated",
        "horizon": sh.horizon,
        "actors": actors,
        "states": states,
        "intervention": { "start": start_json(sh, start), "cohorts": cohorts, "costs": costs },
        "scenarios": scenarios,
    });
    if let Some(r) = rate {
        doc["discount_rate"] = r;
    }
    if let Some((attribution, years)) = analysis {
        doc["analysis"] = json!({
            "attribution": num(attribution),
            "success": { "from": "s0", "to": sh.state(sh.n_states - 1), "years": years }
        });
    }
    to_model(doc)
}
