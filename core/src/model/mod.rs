//! The model file (SPEC §2) as plain serde structs.
//!
//! These mirror the file one to one, so a model read from TOML and written to JSON (or back)
//! keeps every field. Nothing here is checked beyond its shape: references, ranges and sums
//! are checked by [`crate::validate`], which can then report every problem at once.

mod parameter;

pub use parameter::{ParamDef, Quality};

use crate::num::{Num, Param, Share, Value};
use indexmap::IndexMap;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The `format` value a model file must carry.
pub const MODEL_FORMAT: &str = "ekusia-model/1";
/// The model format of version 1.1 (SPEC §8): read like version 1, and what a writer writes.
pub const MODEL_FORMAT_1_1: &str = "ekusia-model/1.1";
/// The `format` value a base library must carry.
pub const BASE_FORMAT: &str = "ekusia-base/1";
/// The base format of version 1.1.
pub const BASE_FORMAT_1_1: &str = "ekusia-base/1.1";

/// A display name: one string, or one per language (`{ sv = "Kommunen", en = "Municipality" }`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Name {
    /// The same name in every language.
    Plain(String),
    /// A name per language code (`sv`, `en`).
    Localised(BTreeMap<String, String>),
}

impl Name {
    /// The name in `lang`, else Swedish, else English, else any; a plain name in every language.
    pub fn get(&self, lang: &str) -> &str {
        match self {
            Name::Plain(s) => s,
            Name::Localised(m) => m
                .get(lang)
                .or_else(|| m.get("sv"))
                .or_else(|| m.get("en"))
                .or_else(|| m.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a name, or a table of names by language ({ sv = \"…\", en = \"…\" })")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Name, E> {
                Ok(Name::Plain(v.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Name, A::Error> {
                let mut out = BTreeMap::new();
                while let Some((k, v)) = map.next_entry::<String, String>()? {
                    out.insert(k, v);
                }
                if out.is_empty() {
                    return Err(de::Error::custom(
                        "a table of names needs at least one language",
                    ));
                }
                Ok(Name::Localised(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Name {
    fn schema_name() -> Cow<'static, str> {
        "Name".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A name, or names by language code (sv, en, …).",
            "anyOf": [
                { "type": "string" },
                { "type": "object", "additionalProperties": { "type": "string" }, "minProperties": 1 }
            ]
        })
    }
}

/// Who an actor is, which decides the aggregate rows it counts in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ActorKind {
    /// Counts in `public_sector` and may get a fair cost share.
    #[default]
    Public,
    /// The participants themselves (at most one actor).
    Individual,
    /// Any other payer or receiver (an employer, an NGO).
    Other,
}

impl ActorKind {
    /// The kind as the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::Public => "public",
            ActorKind::Individual => "individual",
            ActorKind::Other => "other",
        }
    }
}

/// A payer or receiver of the yearly flows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// `[a-z0-9_]+`, unique among actors.
    pub id: String,
    /// Display name, one string or one per language.
    pub name: Name,
    /// `public` (default), `individual` (at most one) or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ActorKind>,
}

/// What a yearly flow does to the society result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FlowType {
    /// Money from one actor to another (`from`, `to`); nets to zero for society.
    Transfer,
    /// Real resources used, paid by `actor`; a loss for society.
    Resource,
    /// Value produced, accruing to `actor`; a gain for society.
    Production,
}

/// A yearly amount for one person who spends the whole year in the state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Flow {
    /// `transfer`, `resource` or `production`.
    #[serde(rename = "type")]
    pub kind: FlowType,
    /// A transfer's paying actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A transfer's receiving actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The actor that pays a resource or receives production.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// Yearly amount for one person-year, ≥ 0, at most 10^12; may be a distribution.
    pub amount: Param,
    /// A free text shown to readers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// A group for breakdowns (tax, benefits, production …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

/// An outcome state a participant can be in for a year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct State {
    /// `[a-z0-9_]+`, unique among states.
    pub id: String,
    /// Display name, one string or one per language.
    pub name: Name,
    /// Yearly flows for one person who spends the year in this state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flows: Vec<Flow>,
    /// At most this many consecutive years in the state (SPEC §8.2), then `then`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_years: Option<Num>,
    /// Where people go after `max_years`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub then: Option<String>,
}

/// Participants entering in one calendar year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cohort {
    /// Calendar year the cohort starts, default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_year: Option<Num>,
    /// Whole number of participants (a formula too; never drawn in a simulation).
    pub participants: Value,
}

/// A cost of the intervention: fixed (`amount` in each of `years`) or per participant
/// (`per_participant` in year `cohort_year` of each cohort).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cost {
    /// What the cost is, as readers see it.
    pub name: String,
    /// A fixed amount in each of `years`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Param>,
    /// Calendar years of a fixed amount, default `[0]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Vec<Num>>,
    /// An amount per participant of each cohort.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_participant: Option<Param>,
    /// The cohort year a per-participant amount falls in, default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohort_year: Option<Num>,
    /// Non-negative weights by actor, normalised to sum 1.
    pub financing: IndexMap<String, Value>,
    /// A per-participant cost only for the cohorts of these groups (SPEC §8.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<String>>,
}

/// The intervention: who takes part, where they start, what it costs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// The intervention's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Where participants are in cohort year 0: shares by state (with groups, only needed for
    /// a group without its own `start`).
    #[serde(default)]
    pub start: IndexMap<String, Share>,
    /// Participants by start year.
    #[serde(default)]
    pub cohorts: Vec<Cohort>,
    /// What the intervention costs and who pays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub costs: Vec<Cost>,
}

/// Of those in `from` last year, `share` are in `to` this year, in cohort years
/// `from_year ..= to_year`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Transition {
    /// The state left.
    pub from: String,
    /// The state entered.
    pub to: String,
    /// Of those in `from` last year, the share in `to` this year (0..1).
    pub share: Param,
    /// First cohort year the rule applies, default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_year: Option<Num>,
    /// Last cohort year the rule applies, default the horizon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_year: Option<Num>,
}

/// From cohort year `year` on (until the next entry), the distribution is `shares`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TrajectoryEntry {
    /// Cohort year ≥ 1 from which the shares hold.
    pub year: Num,
    /// Shares by state, summing to 1 (or one `"rest"`).
    pub shares: IndexMap<String, Share>,
}

/// How participants move between states: rules, or an explicit trajectory, or neither
/// (everyone stays where they started).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Rules moving shares between states year by year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transitions: Option<Vec<Transition>>,
    /// Explicit shares by cohort year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trajectory: Option<Vec<TrajectoryEntry>>,
}

/// The two scenarios compared.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scenarios {
    /// With the intervention.
    #[serde(default, rename = "with", skip_serializing_if = "Option::is_none")]
    pub with: Option<Scenario>,
    /// The counterfactual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub without: Option<Scenario>,
}

/// One step of a discount-rate schedule: `rate` applies from calendar year `from_year` on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateStep {
    /// The calendar year the rate starts.
    pub from_year: Num,
    /// The real rate, 0 <= r < 1.
    pub rate: Value,
}

/// A constant real discount rate, or a schedule of steps (HM Treasury style).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum DiscountRate {
    /// One rate every year (may be a distribution).
    Constant(Param),
    /// Steps, the first from year 0.
    Schedule(Vec<RateStep>),
}

impl<'de> Deserialize<'de> for DiscountRate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = DiscountRate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a rate (0.035), a distribution, or a schedule ([{ from_year = 0, rate = 0.035 }, …])")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(DiscountRate::Constant(Param::Point(Num::from(v))))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Param::deserialize(de::value::U64Deserializer::new(v)).map(DiscountRate::Constant)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Param::deserialize(de::value::F64Deserializer::new(v)).map(DiscountRate::Constant)
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Param::deserialize(de::value::StrDeserializer::new(v)).map(DiscountRate::Constant)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Param::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(DiscountRate::Constant)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<RateStep>::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(DiscountRate::Schedule)
            }
        }
        d.deserialize_any(V)
    }
}

/// `analysis.success`: one person moving from `from` to `to` in year 1 and staying `years`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Success {
    /// The state a successful participant leaves.
    pub from: String,
    /// The state a successful participant reaches.
    pub to: String,
    /// Years in `to`, 1..1000.
    pub years: Num,
}

/// `[analysis]`: how the effect is credited and measured.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Analysis {
    /// Share of the effect credited to the intervention, 0..1, default 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<Param>,
    /// The success that break-even counts are measured in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub success: Option<Success>,
    /// Years after which the report also gives the sums so far (SPEC §8.6), e.g. `[1, 5]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestones: Option<Vec<Num>>,
}

/// A result that is not money (SPEC §8.4): person-years in work, life years, QALYs …
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    /// `[a-z0-9_]+`, unique among outcomes.
    pub id: String,
    /// Display name, one string or one per language.
    pub name: Name,
    /// Its unit, e.g. "personår".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Name>,
    /// The quantity for one person-year in each state (any sign); states not named give 0.
    pub per_state: IndexMap<String, Value>,
    /// Its own discount rate (constant or schedule); default 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<DiscountRate>,
}

/// A model file: `format = "ekusia-model/1"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ekusia model (ekusia-model/1)")]
pub struct Model {
    /// Must be "ekusia-model/1".
    pub format: String,
    /// The model's name, heading every report.
    pub name: String,
    /// What the model is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A bundled base library by name (e.g. "se-2024") or a path relative to the model file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// Default: the base's currency, else "SEK".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The price level, informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_year: Option<Num>,
    /// Real rate, 0 <= r < 1, default 0.035; or a schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<DiscountRate>,
    /// Years evaluated (calendar years 0 .. horizon-1), 1..=200, default 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<Num>,
    /// Actors after the base's; one with a base actor's id replaces it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Actor>,
    /// States after the base's; one with a base state's id replaces it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<State>,
    /// Participants, start, cohorts and costs.
    pub intervention: Intervention,
    /// With and without the intervention.
    #[serde(default)]
    pub scenarios: Scenarios,
    /// Attribution and the success setting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analysis: Option<Analysis>,
    /// Named values that formulas use (SPEC §8.1); one with a base parameter's id replaces it.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub parameters: IndexMap<String, ParamDef>,
    /// Target groups (typfall, SPEC §8.3); without them the top-level keys are one group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Results that are not money (SPEC §8.4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<Outcome>,
}

/// A target group: what it leaves out it takes from `intervention.start`,
/// `intervention.cohorts` and the top-level `scenarios` (each scenario on its own).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// `[a-z0-9_]+`, unique among groups.
    pub id: String,
    /// Display name, one string or one per language.
    pub name: Name,
    /// Where the group's participants start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<IndexMap<String, Share>>,
    /// The group's cohorts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cohorts: Option<Vec<Cohort>>,
    /// The group's scenarios; each one left out is the top level's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenarios: Option<Scenarios>,
}

/// A base library: `format = "ekusia-base/1"`, actors and states a model builds on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Base {
    /// "ekusia-base/1" or "ekusia-base/1.1".
    pub format: String,
    /// The base's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What the base holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The currency of its amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The price level of its amounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_year: Option<Num>,
    /// Its actors.
    #[serde(default)]
    pub actors: Vec<Actor>,
    /// Its states and their flows.
    #[serde(default)]
    pub states: Vec<State>,
    /// Its parameters.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub parameters: IndexMap<String, ParamDef>,
}
