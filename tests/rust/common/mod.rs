//! Helpers shared by the integration tests: the repository root and a generator of random
//! valid models (for the property tests).
#![allow(dead_code)]

use ekusia::model::*;
use ekusia::num::{Num, Param, Share};
use ekusia::Decimal;
use indexmap::IndexMap;
use std::path::PathBuf;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// SplitMix64: a tiny deterministic generator, so a proptest seed fully fixes a model.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E3779B97F4A7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58476D1CE4E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D049BB133111EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    /// A decimal with `dp` decimal places in [0, max].
    pub fn dec(&mut self, max: u64, dp: u32) -> Decimal {
        let scale = 10u64.pow(dp);
        Decimal::new((self.below(max * scale + 1)) as i64, dp)
    }
}

fn n(d: Decimal) -> Num {
    Num(d)
}

fn p(d: Decimal) -> Param {
    Param::Point(Num(d))
}

/// A random valid model: 1–5 public actors, an "other" actor sometimes, one individual,
/// 1–6 states with random flows, random start, transitions whose outflows stay ≤ 1,
/// 0–3 cohorts, fixed and per-participant costs, a constant rate or a schedule.
pub fn random_model(seed: u64) -> Model {
    let mut r = Rng::new(seed);
    let n_public = 1 + r.below(5) as usize;
    let mut actors: Vec<Actor> = (0..n_public)
        .map(|i| Actor {
            id: format!("p{i}"),
            name: Name::Plain(format!("Public {i}")),
            kind: None,
        })
        .collect();
    if r.below(2) == 0 {
        actors.push(Actor {
            id: "other".into(),
            name: Name::Plain("Other".into()),
            kind: Some(ActorKind::Other),
        });
    }
    actors.push(Actor {
        id: "person".into(),
        name: Name::Plain("Person".into()),
        kind: Some(ActorKind::Individual),
    });
    let ids: Vec<String> = actors.iter().map(|a| a.id.clone()).collect();
    let n_states = 1 + r.below(6) as usize;
    let states: Vec<State> = (0..n_states)
        .map(|i| {
            let n_flows = r.below(5) as usize;
            let flows = (0..n_flows)
                .map(|_| {
                    let dp = r.below(3) as u32;
                    let amount = p(r.dec(500_000, dp));
                    match r.below(3) {
                        0 => {
                            let from = ids[r.below(ids.len() as u64) as usize].clone();
                            let to = ids[r.below(ids.len() as u64) as usize].clone();
                            Flow {
                                kind: FlowType::Transfer,
                                from: Some(from),
                                to: Some(to),
                                actor: None,
                                amount,
                                label: None,
                                category: None,
                            }
                        }
                        k => Flow {
                            kind: if k == 1 {
                                FlowType::Resource
                            } else {
                                FlowType::Production
                            },
                            from: None,
                            to: None,
                            actor: Some(ids[r.below(ids.len() as u64) as usize].clone()),
                            amount,
                            label: None,
                            category: None,
                        },
                    }
                })
                .collect();
            State {
                id: format!("s{i}"),
                name: Name::Plain(format!("State {i}")),
                flows,
                max_years: None,
                then: None,
            }
        })
        .collect();
    // Start: random shares for all but the last state, which takes "rest".
    let mut start = IndexMap::new();
    let mut left = 1000u64;
    for i in 0..n_states - 1 {
        let take = r.below(left + 1);
        left -= take;
        start.insert(
            format!("s{i}"),
            Share::Value(p(Decimal::new(take as i64, 3))),
        );
    }
    start.insert(format!("s{}", n_states - 1), Share::Rest);
    let horizon = 1 + r.below(25) as i64;
    let scenario = |r: &mut Rng| -> Option<Scenario> {
        match r.below(3) {
            0 => None,
            1 => {
                // Each rule's share ≤ 1/n_states keeps every state's outflow ≤ 1.
                let n_rules = r.below(6) as usize;
                let transitions = (0..n_rules)
                    .map(|_| {
                        let max = 1000 / n_rules.max(1) as u64;
                        let from_year = 1 + r.below(3) as i64;
                        Transition {
                            from: format!("s{}", r.below(n_states as u64)),
                            to: format!("s{}", r.below(n_states as u64)),
                            share: p(Decimal::new(r.below(max + 1) as i64, 3)),
                            from_year: Some(Num::from(from_year)),
                            to_year: if r.below(2) == 0 {
                                None
                            } else {
                                Some(Num::from(from_year + r.below(10) as i64))
                            },
                        }
                    })
                    .collect();
                Some(Scenario {
                    transitions: Some(transitions),
                    trajectory: None,
                })
            }
            _ => {
                let entries = (0..1 + r.below(3))
                    .map(|k| {
                        let mut shares = IndexMap::new();
                        let i = r.below(n_states as u64) as usize;
                        shares.insert(
                            format!("s{i}"),
                            Share::Value(p(Decimal::new(r.below(1001) as i64, 3))),
                        );
                        let j = (i + 1) % n_states;
                        if j != i {
                            shares.insert(format!("s{j}"), Share::Rest);
                        } else {
                            shares.insert(format!("s{i}"), Share::Value(p(Decimal::ONE)));
                        }
                        TrajectoryEntry {
                            year: Num::from(1 + 2 * k as i64),
                            shares,
                        }
                    })
                    .collect();
                Some(Scenario {
                    transitions: None,
                    trajectory: Some(entries),
                })
            }
        }
    };
    let with = scenario(&mut r);
    let without = scenario(&mut r);
    let cohorts = (0..r.below(4))
        .map(|_| Cohort {
            start_year: Some(Num::from(r.below(horizon as u64) as i64)),
            participants: Num::from(r.below(200) as i64).into(),
        })
        .collect();
    let payers: Vec<String> = ids.iter().filter(|i| *i != "person").cloned().collect();
    let costs = (0..r.below(3))
        .map(|k| {
            let mut financing = IndexMap::new();
            for p in &payers {
                if r.below(2) == 0 || financing.is_empty() {
                    financing.insert(p.clone(), Num::from(1 + r.below(4) as i64).into());
                }
            }
            if r.below(2) == 0 {
                Cost {
                    name: format!("fixed {k}"),
                    amount: Some(p(r.dec(2_000_000, 2))),
                    years: Some(
                        (0..horizon)
                            .filter(|_| r.below(3) == 0)
                            .map(Num::from)
                            .collect::<Vec<_>>(),
                    )
                    .filter(|v| !v.is_empty()),
                    per_participant: None,
                    cohort_year: None,
                    financing,
                    groups: None,
                }
            } else {
                Cost {
                    name: format!("per head {k}"),
                    amount: None,
                    years: None,
                    per_participant: Some(p(r.dec(50_000, 1))),
                    cohort_year: Some(Num::from(r.below(3) as i64)),
                    financing,
                    groups: None,
                }
            }
        })
        .collect();
    let discount_rate = match r.below(3) {
        0 => None,
        1 => Some(DiscountRate::Constant(p(Decimal::new(
            r.below(100) as i64,
            3,
        )))),
        _ => Some(DiscountRate::Schedule(vec![
            RateStep {
                from_year: Num::from(0),
                rate: n(Decimal::new(35, 3)).into(),
            },
            RateStep {
                from_year: Num::from(1 + r.below(10) as i64),
                rate: n(Decimal::new(r.below(60) as i64, 3)).into(),
            },
        ])),
    };
    Model {
        format: MODEL_FORMAT.into(),
        name: format!("random {seed}"),
        description: None,
        base: None,
        currency: None,
        price_year: None,
        discount_rate,
        horizon: Some(Num::from(horizon)),
        actors,
        states,
        intervention: Intervention {
            name: None,
            start,
            cohorts,
            costs,
        },
        scenarios: Scenarios { with, without },
        parameters: Default::default(),
        groups: Vec::new(),
        analysis: if r.below(2) == 0 {
            None
        } else {
            Some(Analysis {
                attribution: Some(p(Decimal::new(r.below(1001) as i64, 3))),
                success: Some(Success {
                    from: "s0".into(),
                    to: format!("s{}", n_states - 1),
                    years: Num::from(1 + r.below(8) as i64),
                }),
            })
        },
    }
}
