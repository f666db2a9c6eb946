//! Observed trajectories from a follow-up table (ex post evaluation from data).
//!
//! An evaluator's follow-up table has one row per participant and period (a cohort year, or a
//! month) with the participant's support situation. This module turns its *aggregate* — how
//! many person-years or person-months each (scenario, group, cohort year, state) holds, and how
//! many persons each year rests on — into the model: cohort year 0 of the participants becomes
//! `start`, later years become the scenario's `trajectory` (SPEC §2, §8.3). Only counts cross
//! this boundary; the model never holds a person id.
//!
//! Two ways in, one way out:
//! * [`count`] counts a table of text rows (what the command line and Python read from a CSV
//!   or xlsx file) and reports every bad row with its row number;
//! * a data frame engine counts by itself (Python's `ekusia.observe`, through narwhals): it
//!   asks [`resolve_labels`] which state each label is, groups by, and hands [`Counts`] over.
//!
//! Both end in [`observe`], so a table gives the same model whichever way it was counted.
//!
//! **Shares.** A year's share of a state is its weight (person-years, or person-months) over
//! the year's total weight, an exact decimal (`rust_decimal` division, 28 significant digits).
//! So that every distribution sums to exactly 1, the state with the largest weight (the first
//! in the model's state order on a tie) takes 1 − the sum of the others, computed exactly.

mod count;
mod text;

pub use count::{count, resolve_columns, Columns, RowTable, TableRow};

use crate::error::{Error, ErrorCode, Problem, Result};
use crate::messages::{render, Msg};
use crate::model::{Model, Name, Scenario, Scenarios, TrajectoryEntry, MODEL_FORMAT_1_1};
use crate::num::{Num, Param, Share};
use crate::suggest::suggestion;
use crate::validate::MAX_HORIZON;
use crate::{values, Lang, Options};
use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The nearest of `candidates` to `found` (a sheet name, a column), for "did you mean …?".
pub fn nearest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    suggestion(found, candidates)
}

/// A share that rests on fewer persons than this gets a warning.
pub const FEW_PERSONS: u64 = 5;

/// The comparison group's year 0 "differs clearly" from the participants' when some state's
/// share differs by at least this much (ten percentage points).
pub fn clear_difference() -> Decimal {
    Decimal::new(1, 1)
}

/// Which scenario a row belongs to: the participants (`with`) or a comparison group
/// (`without`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The participants: with the intervention.
    With,
    /// A comparison group: the counterfactual.
    Without,
}

impl Side {
    /// `"with"` or `"without"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::With => "with",
            Side::Without => "without",
        }
    }

    /// Reads `with` / `without` (any case, spaces around ignored).
    pub fn parse(s: &str) -> Option<Side> {
        match s.trim().to_ascii_lowercase().as_str() {
            "with" => Some(Side::With),
            "without" => Some(Side::Without),
            _ => None,
        }
    }
}

/// What one row of the table stands for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Periods are cohort years: each row is a person-year.
    #[default]
    Years,
    /// Periods are months `YYYY-MM`: each row is a person-month.
    Months,
}

/// The aggregated follow-up table: all that crosses from a table (or a data frame engine)
/// into the core.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Person-years or person-months.
    #[serde(default)]
    pub unit: Unit,
    /// The weight of each (scenario, group, year, state).
    pub cells: Vec<Cell>,
    /// The persons each (scenario, group, year) rests on. Left empty, each year's persons are
    /// the sum of its cells' (exact for cohort years, where a person is in one state a year).
    #[serde(default)]
    pub totals: Vec<Total>,
    /// Row problems an engine found while counting (duplicates, periods before the start):
    /// [`observe`] raises them as errors with the same codes and messages as [`count`].
    #[serde(default)]
    pub problems: Vec<RowProblem>,
}

/// One (scenario, group, cohort year, state) of [`Counts`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// `with` or `without`.
    pub scenario: String,
    /// A group id of the model, or none.
    #[serde(default)]
    pub group: Option<String>,
    /// The cohort year (0 = the year the person started).
    pub year: i64,
    /// A state id (labels already resolved by [`resolve_labels`]).
    pub state: String,
    /// Person-years or person-months in the state that year.
    pub weight: u64,
    /// Distinct persons with some weight in the state that year.
    pub persons: u64,
}

/// The persons one (scenario, group, cohort year) rests on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Total {
    /// `with` or `without`.
    pub scenario: String,
    /// A group id of the model, or none.
    #[serde(default)]
    pub group: Option<String>,
    /// The cohort year.
    pub year: i64,
    /// Distinct persons with a row that year.
    pub persons: u64,
}

/// A bad row found by an engine that counted the table itself (it has persons, not row
/// numbers).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum RowProblem {
    /// The same person and period on `count` rows.
    Duplicate {
        /// The person, as the table writes it.
        person: String,
        /// The period, as the table writes it.
        period: String,
        /// How many rows.
        count: u64,
    },
    /// A cohort year below 0.
    BeforeStart {
        /// The person, as the table writes it.
        person: String,
        /// The period, as the table writes it.
        period: String,
    },
    /// A column empty (null) on `count` rows.
    EmptyCell {
        /// The column's name.
        column: String,
        /// How many rows.
        count: u64,
    },
    /// A period that is neither a cohort year nor a month.
    Period {
        /// The person, as the table writes it.
        person: String,
        /// The period, as the table writes it.
        period: String,
    },
    /// Cohort years and months in one table.
    PeriodMixed {
        /// The person, as the table writes it.
        person: String,
        /// The period of the less common kind.
        period: String,
    },
}

impl RowProblem {
    fn problem(&self) -> Problem {
        match self {
            RowProblem::Duplicate {
                person,
                period,
                count,
            } => Problem::new(
                ErrorCode::DuplicateId,
                format!("person '{person}'"),
                Msg::ObserveDuplicatePerson,
                values![person = person, period = period, count = count],
            ),
            RowProblem::BeforeStart { person, period } => Problem::new(
                ErrorCode::InvalidRange,
                format!("person '{person}'"),
                Msg::ObserveBeforeStartPerson,
                values![person = person, found = period],
            ),
            RowProblem::EmptyCell { column, count } => Problem::new(
                ErrorCode::Schema,
                format!("column '{column}'"),
                Msg::ObserveEmptyCells,
                values![column = column, count = count],
            ),
            RowProblem::Period { person, period } => Problem::new(
                ErrorCode::Schema,
                format!("person '{person}'"),
                Msg::ObservePeriod,
                values![found = period],
            ),
            RowProblem::PeriodMixed { person, period } => Problem::new(
                ErrorCode::Schema,
                format!("person '{person}'"),
                Msg::ObservePeriodMixedPerson,
                values![found = period],
            ),
        }
    }
}

/// A warning about the observations, said in either language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// The message's template.
    pub key: Msg,
    /// The values it names.
    pub values: IndexMap<String, String>,
    /// The message in English.
    pub message: String,
}

impl Note {
    fn new<const N: usize>(key: Msg, values: [(&str, String); N]) -> Note {
        let values: IndexMap<String, String> = values
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let list: Vec<(String, String)> = values.clone().into_iter().collect();
        Note {
            key,
            message: render(key, &list, Lang::En),
            values,
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        let list: Vec<(String, String)> = self.values.clone().into_iter().collect();
        render(self.key, &list, lang)
    }
}

/// One state's share of one cohort year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateShare {
    /// The state id.
    pub state: String,
    /// The share written into the model.
    pub share: Decimal,
    /// Person-years or person-months in the state.
    pub weight: u64,
    /// Distinct persons with some weight in the state.
    pub persons: u64,
}

/// One cohort year of one series.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearSummary {
    /// The cohort year.
    pub year: u32,
    /// Persons with a row that year: what the year's shares rest on.
    pub persons: u64,
    /// Persons lost since the previous observed year (negative: more came back than left).
    pub lost: i64,
    /// Persons this year as a share of cohort year 0's (`None` without a year 0).
    pub retained: Option<Decimal>,
    /// The year's total weight.
    pub weight: u64,
    /// The shares, in the model's state order (states with no weight left out).
    pub shares: Vec<StateShare>,
}

/// The observations of one scenario (and group).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Series {
    /// `with` or `without`.
    pub scenario: Side,
    /// The group, where the table has groups.
    pub group: Option<String>,
    /// Every state with some weight in some year, in the model's state order.
    pub states: Vec<String>,
    /// Every observed cohort year, in order.
    pub years: Vec<YearSummary>,
}

impl Series {
    /// `with` or `with/young`: how warnings name the series.
    pub fn label(&self) -> String {
        series_label(self.scenario, self.group.as_deref())
    }
}

fn series_label(side: Side, group: Option<&str>) -> String {
    match group {
        Some(g) => format!("{}/{g}", side.as_str()),
        None => side.as_str().to_string(),
    }
}

/// What the observations rest on: persons per share and year, attrition, warnings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Person-years or person-months.
    pub unit: Unit,
    /// One series per scenario (and group), participants first.
    pub series: Vec<Series>,
    /// Small numbers, a comparison group unlike the participants, gaps, replaced rules.
    pub warnings: Vec<Note>,
}

impl Summary {
    /// The summary as JSON text (decimals as strings).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a summary always serialises")
    }

    /// The summary as a plain-text table in `lang` (what `ekusia observe` prints).
    pub fn text(&self, lang: Lang) -> String {
        text::summary(self, lang)
    }
}

/// The model with the observations written into it, and what they rest on.
#[derive(Clone, Debug, PartialEq)]
pub struct Observed {
    /// The new model (format `ekusia-model/1.1`); it validates.
    pub model: Model,
    /// Persons per share, attrition, warnings.
    pub summary: Summary,
}

/// A mapping file: a flat TOML table, label = "state id"
/// (`"Försörjningsstöd" = "social_assistance"`).
pub fn parse_mapping(text: &str) -> Result<IndexMap<String, String>> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        Error::new(
            ErrorCode::Parse,
            "",
            Msg::InvalidToml,
            values![detail = e.message()],
        )
    })?;
    let mut out = IndexMap::new();
    let mut problems = Vec::new();
    for (label, v) in table {
        match v.as_str() {
            Some(s) => {
                out.insert(label, s.to_string());
            }
            None => problems.push(Problem::new(
                ErrorCode::Schema,
                mapping_path(&label),
                Msg::ObserveMappingValue,
                values![label = label],
            )),
        }
    }
    match Error::from_problems(problems) {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

fn mapping_path(label: &str) -> String {
    format!("mapping.\"{label}\"")
}

/// The model's states, base included: (id, name), in model order. Validates the model.
fn model_states(model: &Model, opts: &Options) -> Result<Vec<(String, Name)>> {
    let full = crate::validate::inline_base(model, opts)?;
    Ok(full
        .states
        .iter()
        .map(|s| (s.id.clone(), s.name.clone()))
        .collect())
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// Which state each label of the table is: the mapping file's entry, else a state id written
/// as is, else a state's name in either language (case and surrounding spaces ignored).
/// `labels` are the table's distinct labels with their row counts; an unmapped label is an
/// `unknown_reference` problem with its count and the nearest state or mapped label, and every
/// unmapped label is listed. A mapping entry naming no state is an `unknown_reference` too.
pub fn resolve_labels(
    model: &Model,
    labels: &[(String, u64)],
    mapping: &IndexMap<String, String>,
    opts: &Options,
) -> Result<IndexMap<String, String>> {
    let states = model_states(model, opts)?;
    resolve_with(&states, labels, mapping)
}

fn resolve_with(
    states: &[(String, Name)],
    labels: &[(String, u64)],
    mapping: &IndexMap<String, String>,
) -> Result<IndexMap<String, String>> {
    let mut problems = Vec::new();
    for (label, id) in mapping {
        if !states.iter().any(|(s, _)| s == id) {
            problems.push(Problem::new(
                ErrorCode::UnknownReference,
                mapping_path(label),
                Msg::UnknownState,
                values![
                    found = id,
                    suggestion =
                        suggestion(id, states.iter().map(|(s, _)| s.as_str())).unwrap_or_default()
                ],
            ));
        }
    }
    let folded_mapping: IndexMap<String, &String> =
        mapping.iter().map(|(k, v)| (fold(k), v)).collect();
    let mut by_name: IndexMap<String, &String> = IndexMap::new();
    for (id, name) in states {
        match name {
            Name::Plain(n) => {
                by_name.entry(fold(n)).or_insert(id);
            }
            Name::Localised(m) => {
                for n in m.values() {
                    by_name.entry(fold(n)).or_insert(id);
                }
            }
        }
    }
    // What a suggestion may point at: labels of the mapping file, state names and ids.
    let mut candidates: Vec<(String, String)> = Vec::new();
    for k in mapping.keys() {
        candidates.push((k.clone(), k.clone()));
    }
    for (id, name) in states {
        candidates.push((id.clone(), id.clone()));
        let names: Vec<&String> = match name {
            Name::Plain(n) => vec![n],
            Name::Localised(m) => m.values().collect(),
        };
        for n in names {
            candidates.push((n.clone(), format!("{n} ({id})")));
        }
    }
    let mut out = IndexMap::new();
    for (label, n) in labels {
        let f = fold(label);
        let found = mapping
            .get(label)
            .or_else(|| folded_mapping.get(&f).copied())
            .or_else(|| states.iter().map(|(s, _)| s).find(|s| *s == label.trim()))
            .or_else(|| by_name.get(&f).copied());
        match found {
            Some(id) => {
                out.insert(label.clone(), id.clone());
            }
            None => {
                let near = suggestion(&f, candidates.iter().map(|(c, _)| c.as_str()))
                    .and_then(|c| candidates.iter().find(|(k, _)| *k == c))
                    .map(|(_, shown)| shown.clone())
                    .or_else(|| {
                        let lowered: Vec<String> =
                            candidates.iter().map(|(c, _)| fold(c)).collect();
                        suggestion(&f, lowered.iter().map(String::as_str)).and_then(|c| {
                            lowered
                                .iter()
                                .position(|l| *l == c)
                                .map(|i| candidates[i].1.clone())
                        })
                    });
                problems.push(Problem::new(
                    ErrorCode::UnknownReference,
                    "",
                    Msg::ObserveUnmapped,
                    values![
                        label = label,
                        count = n,
                        suggestion = near.unwrap_or_default()
                    ],
                ));
            }
        }
    }
    match Error::from_problems(problems) {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// The weights and persons of one cohort year of one series.
#[derive(Default)]
struct YearCounts {
    /// By state index (model order): (weight, persons).
    states: BTreeMap<usize, (u64, u64)>,
    /// Persons from [`Counts::totals`], when given.
    persons: Option<u64>,
}

type SeriesKey = (Side, Option<String>);
/// Per series, per cohort year: the shares by state index.
type Dists = BTreeMap<SeriesKey, BTreeMap<u32, Vec<(usize, Decimal)>>>;

/// Writes the observations into the model: the participants' cohort year 0 as `start`, later
/// years as each scenario's `trajectory` (per group where the table has groups). The new model
/// is validated before it is returned; nothing is returned on any problem.
pub fn observe(model: &Model, counts: &Counts, opts: &Options) -> Result<Observed> {
    if let Some(e) = Error::from_problems(counts.problems.iter().map(|p| p.problem()).collect()) {
        return Err(e);
    }
    if counts.cells.is_empty() {
        return Err(Error::new(
            ErrorCode::Schema,
            "",
            Msg::ObserveEmpty,
            values![],
        ));
    }
    let states = model_states(model, opts)?;
    let state_index: IndexMap<&str, usize> = states
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (id.as_str(), i))
        .collect();
    let group_ids: Vec<&str> = model.groups.iter().map(|g| g.id.as_str()).collect();
    // A group is named in the table by its id or by its name in either language (case and
    // surrounding spaces aside), as states are: a sheet says "Unga med försörjningsstöd".
    let group_names: Vec<(String, &str)> = model
        .groups
        .iter()
        .flat_map(|g| {
            let names: Vec<&String> = match &g.name {
                crate::model::Name::Plain(n) => vec![n],
                crate::model::Name::Localised(m) => m.values().collect(),
            };
            names.into_iter().map(|n| (fold(n), g.id.as_str()))
        })
        .collect();
    let group_of = |g: &str| -> Option<&str> {
        group_ids.iter().copied().find(|id| *id == g).or_else(|| {
            let f = fold(g);
            group_names.iter().find(|(n, _)| *n == f).map(|(_, id)| *id)
        })
    };

    let mut problems = Vec::new();
    let mut seen_bad: Vec<String> = Vec::new();
    let mut key_of =
        |scenario: &str, group: &Option<String>, year: i64| -> Option<(SeriesKey, u32)> {
            let mut ok = true;
            let side = Side::parse(scenario);
            if side.is_none() {
                ok = false;
                let tag = format!("s:{scenario}");
                if !seen_bad.contains(&tag) {
                    seen_bad.push(tag);
                    problems.push(Problem::new(
                        ErrorCode::UnknownReference,
                        "",
                        Msg::ObserveScenario,
                        values![
                            found = scenario,
                            suggestion = suggestion(&fold(scenario), ["with", "without"])
                                .unwrap_or_default()
                        ],
                    ));
                }
            }
            let mut group_id = None;
            if let Some(g) = group {
                group_id = group_of(g).map(str::to_string);
                if group_id.is_none() {
                    ok = false;
                    let tag = format!("g:{g}");
                    if !seen_bad.contains(&tag) {
                        seen_bad.push(tag);
                        let known = if group_ids.is_empty() {
                            "–".to_string()
                        } else {
                            group_ids.join(", ")
                        };
                        problems.push(Problem::new(
                            ErrorCode::UnknownReference,
                            "",
                            Msg::ObserveGroup,
                            values![
                                found = g,
                                suggestion =
                                    suggestion(g, group_ids.iter().copied()).unwrap_or_default(),
                                known = known
                            ],
                        ));
                    }
                }
            }
            if !(0..MAX_HORIZON).contains(&year) {
                ok = false;
                let tag = format!("y:{year}");
                if !seen_bad.contains(&tag) {
                    seen_bad.push(tag);
                    problems.push(Problem::new(
                        ErrorCode::InvalidRange,
                        "",
                        Msg::ObserveYearRange,
                        values![found = year, max = MAX_HORIZON - 1],
                    ));
                }
            }
            match (ok, side) {
                (true, Some(side)) => Some(((side, group_id), year as u32)),
                _ => None,
            }
        };

    let mut series: BTreeMap<SeriesKey, BTreeMap<u32, YearCounts>> = BTreeMap::new();
    let mut bad_states: Vec<String> = Vec::new();
    for c in &counts.cells {
        let key = key_of(&c.scenario, &c.group, c.year);
        let Some(&si) = state_index.get(c.state.as_str()) else {
            if !bad_states.contains(&c.state) {
                bad_states.push(c.state.clone());
            }
            continue;
        };
        if let Some((k, year)) = key {
            let e = series
                .entry(k)
                .or_default()
                .entry(year)
                .or_default()
                .states
                .entry(si)
                .or_insert((0, 0));
            e.0 = e.0.saturating_add(c.weight);
            e.1 = e.1.saturating_add(c.persons);
        }
    }
    for t in &counts.totals {
        if let Some((k, year)) = key_of(&t.scenario, &t.group, t.year) {
            if let Some(y) = series.get_mut(&k).and_then(|s| s.get_mut(&year)) {
                y.persons = Some(y.persons.unwrap_or(0).saturating_add(t.persons));
            }
        }
    }
    for s in bad_states {
        problems.push(Problem::new(
            ErrorCode::UnknownReference,
            "",
            Msg::UnknownState,
            values![
                found = s,
                suggestion =
                    suggestion(&s, states.iter().map(|(id, _)| id.as_str())).unwrap_or_default()
            ],
        ));
    }
    if let Some(e) = Error::from_problems(problems) {
        return Err(e);
    }
    // A series whose cells all weigh 0 says nothing.
    series.retain(|_, years| {
        years.retain(|_, y| y.states.values().any(|(w, _)| *w > 0));
        !years.is_empty()
    });
    if series.is_empty() {
        return Err(Error::new(
            ErrorCode::Schema,
            "",
            Msg::ObserveEmpty,
            values![],
        ));
    }

    let mut warnings = Vec::new();
    let mut summary_series = Vec::new();
    // The distributions: per series, per year, shares by state index.
    let mut dists: Dists = BTreeMap::new();
    for ((side, group), years) in &series {
        let label = series_label(*side, group.as_deref());
        let persons0 = years.get(&0).map(persons_of);
        let mut out_years = Vec::new();
        let mut previous: Option<(u32, u64)> = None;
        for (&year, y) in years {
            let shares = shares_of(y);
            let persons = persons_of(y);
            if persons < FEW_PERSONS {
                warnings.push(Note::new(
                    Msg::ObserveFewPersons,
                    [
                        ("series", label.clone()),
                        ("year", year.to_string()),
                        ("persons", persons.to_string()),
                    ],
                ));
            }
            if let Some((py, _)) = previous {
                for gap in py + 1..year {
                    warnings.push(Note::new(
                        Msg::ObserveGap,
                        [
                            ("series", label.clone()),
                            ("year", gap.to_string()),
                            ("previous", py.to_string()),
                        ],
                    ));
                }
            }
            let lost = previous.map_or(0, |(_, p)| p as i64 - persons as i64);
            previous = Some((year, persons));
            out_years.push(YearSummary {
                year,
                persons,
                lost,
                retained: persons0
                    .filter(|p| *p > 0)
                    .map(|p0| Decimal::from(persons) / Decimal::from(p0)),
                weight: y.states.values().map(|(w, _)| *w).sum(),
                shares: shares
                    .iter()
                    .map(|(i, share)| StateShare {
                        state: states[*i].0.clone(),
                        share: *share,
                        weight: y.states[i].0,
                        persons: y.states[i].1,
                    })
                    .collect(),
            });
            dists
                .entry((*side, group.clone()))
                .or_default()
                .insert(year, shares);
        }
        let mut seen: Vec<usize> = years
            .values()
            .flat_map(|y| {
                y.states
                    .iter()
                    .filter(|(_, (w, _))| *w > 0)
                    .map(|(i, _)| *i)
            })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        summary_series.push(Series {
            scenario: *side,
            group: group.clone(),
            states: seen.into_iter().map(|i| states[i].0.clone()).collect(),
            years: out_years,
        });
    }

    // The comparison group's start against the participants'.
    for ((side, group), years) in &dists {
        if *side != Side::Without {
            continue;
        }
        let (Some(without0), Some(with0)) = (
            years.get(&0),
            dists
                .get(&(Side::With, group.clone()))
                .and_then(|y| y.get(&0)),
        ) else {
            continue;
        };
        let share = |d: &[(usize, Decimal)], i: usize| {
            d.iter()
                .find(|(j, _)| *j == i)
                .map_or(Decimal::ZERO, |(_, s)| *s)
        };
        let mut worst: Option<(usize, Decimal)> = None;
        for i in 0..states.len() {
            let diff = (share(with0, i) - share(without0, i)).abs();
            if diff >= clear_difference() && worst.is_none_or(|(_, w)| diff > w) {
                worst = Some((i, diff));
            }
        }
        if let Some((i, _)) = worst {
            warnings.push(Note::new(
                Msg::ObserveStartDiffers,
                [
                    ("series", series_label(Side::Without, group.as_deref())),
                    ("state", states[i].0.clone()),
                    (
                        "with",
                        crate::format::percent(Some(share(with0, i)), Lang::En),
                    ),
                    (
                        "without",
                        crate::format::percent(Some(share(without0, i)), Lang::En),
                    ),
                ],
            ));
        }
    }

    let new = write_model(model, &states, &dists, &mut warnings);
    crate::validate::validate(&new, opts)?;
    Ok(Observed {
        model: new,
        summary: Summary {
            unit: counts.unit,
            series: summary_series,
            warnings,
        },
    })
}

fn persons_of(y: &YearCounts) -> u64 {
    y.persons
        .unwrap_or_else(|| y.states.values().map(|(_, p)| *p).sum())
}

/// The year's shares in state order; the largest weight takes 1 − the others (see the module
/// documentation), so the shares sum to exactly 1.
fn shares_of(y: &YearCounts) -> Vec<(usize, Decimal)> {
    let total: u64 = y.states.values().map(|(w, _)| *w).sum();
    let total_d = Decimal::from(total);
    let mut largest: Option<(usize, u64)> = None;
    for (&i, &(w, _)) in &y.states {
        if w > 0 && largest.is_none_or(|(_, lw)| w > lw) {
            largest = Some((i, w));
        }
    }
    let Some((li, _)) = largest else {
        return Vec::new();
    };
    let mut out: Vec<(usize, Decimal)> = Vec::new();
    let mut others = Decimal::ZERO;
    for (&i, &(w, _)) in &y.states {
        if w == 0 || i == li {
            continue;
        }
        let s = (Decimal::from(w) / total_d).normalize();
        others += s;
        out.push((i, s));
    }
    out.push((li, (Decimal::ONE - others).normalize()));
    out.sort_by_key(|(i, _)| *i);
    out
}

fn distribution(states: &[(String, Name)], d: &[(usize, Decimal)]) -> IndexMap<String, Share> {
    d.iter()
        .map(|(i, s)| (states[*i].0.clone(), Share::Value(Param::Point(Num(*s)))))
        .collect()
}

fn trajectory(
    states: &[(String, Name)],
    years: &BTreeMap<u32, Vec<(usize, Decimal)>>,
) -> Option<Vec<TrajectoryEntry>> {
    let entries: Vec<TrajectoryEntry> = years
        .iter()
        .filter(|(y, _)| **y >= 1)
        .map(|(y, d)| TrajectoryEntry {
            year: Num::from(i64::from(*y)),
            shares: distribution(states, d),
        })
        .collect();
    (!entries.is_empty()).then_some(entries)
}

/// Sets one scenario's trajectory, dropping its transition rules (a scenario has one or the
/// other) with a note.
fn set_trajectory(
    scenarios: &mut Scenarios,
    side: Side,
    entries: Vec<TrajectoryEntry>,
    path: &str,
    warnings: &mut Vec<Note>,
) {
    let slot = match side {
        Side::With => &mut scenarios.with,
        Side::Without => &mut scenarios.without,
    };
    let scenario = slot.get_or_insert_with(Scenario::default);
    if scenario.transitions.take().is_some() {
        warnings.push(Note::new(
            Msg::ObserveReplaced,
            [("path", format!("{path}.{}", side.as_str()))],
        ));
    }
    scenario.trajectory = Some(entries);
}

fn write_model(
    model: &Model,
    states: &[(String, Name)],
    dists: &Dists,
    warnings: &mut Vec<Note>,
) -> Model {
    let mut m = model.clone();
    m.format = MODEL_FORMAT_1_1.to_string();
    let grouped = dists.keys().any(|(_, g)| g.is_some());
    let mut any_start = false;
    for ((side, group), years) in dists {
        let start = (*side == Side::With)
            .then(|| years.get(&0))
            .flatten()
            .map(|d| distribution(states, d));
        let traj = trajectory(states, years);
        match group {
            None => {
                if let Some(s) = start {
                    m.intervention.start = s;
                    any_start = true;
                }
                if let Some(t) = traj {
                    set_trajectory(&mut m.scenarios, *side, t, "scenarios", warnings);
                }
            }
            Some(g) => {
                let (i, grp) = m
                    .groups
                    .iter_mut()
                    .enumerate()
                    .find(|(_, x)| x.id == *g)
                    .expect("groups were checked");
                if let Some(s) = start {
                    grp.start = Some(s);
                    any_start = true;
                }
                if let Some(t) = traj {
                    let path = format!("groups[{i}].scenarios");
                    let sc = grp.scenarios.get_or_insert_with(Scenarios::default);
                    set_trajectory(sc, *side, t, &path, warnings);
                }
            }
        }
    }
    if !any_start {
        warnings.push(Note::new(Msg::ObserveNoStart, []));
    }
    if grouped {
        for g in &m.groups {
            if !dists
                .keys()
                .any(|(_, x)| x.as_deref() == Some(g.id.as_str()))
            {
                warnings.push(Note::new(
                    Msg::ObserveGroupUnobserved,
                    [("group", g.id.clone())],
                ));
            }
        }
    } else {
        for g in &m.groups {
            if g.start.is_some() || g.scenarios.is_some() {
                warnings.push(Note::new(Msg::ObserveGroupOwn, [("group", g.id.clone())]));
            }
        }
    }
    m
}

#[cfg(test)]
mod tests;
