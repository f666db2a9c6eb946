//! Counting a follow-up table of text rows into [`Counts`], with every bad row named by its
//! row number (the number a spreadsheet shows: the header is row 1).

use super::{resolve_labels, Cell, Counts, Side, Total, Unit};
use crate::error::{Error, ErrorCode, Problem, Result};
use crate::messages::Msg;
use crate::model::Model;
use crate::suggest::suggestion;
use crate::validate::MAX_HORIZON;
use crate::{values, Options};
use indexmap::IndexMap;
use std::collections::HashMap;

/// At most this many row problems are listed (a broken column would otherwise list every row).
const MAX_PROBLEMS: usize = 100;

/// A table of text cells as a reader found it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowTable {
    /// The header row's names.
    pub columns: Vec<String>,
    /// The data rows.
    pub rows: Vec<TableRow>,
}

/// One data row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableRow {
    /// Its row number in the file or sheet (the header is row 1 when it is the first line).
    pub line: u64,
    /// Its cells, in column order (a short row's missing cells are empty).
    pub cells: Vec<String>,
}

/// The columns to read; `None` is the default name (`person`, `period`, `state`, and `group`
/// and `scenario` when the table has them). A column named here must exist.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// The person id column (default `person`).
    pub person: Option<String>,
    /// The period column (default `period`): a cohort year, or a month `YYYY-MM`.
    pub period: Option<String>,
    /// The state column (default `state`): a label or a state id.
    pub state: Option<String>,
    /// The group column (default `group`, optional).
    pub group: Option<String>,
    /// The scenario column (default `scenario`, optional): `with` or `without`.
    pub scenario: Option<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Period {
    Year(i64),
    /// Months since year 0 (year · 12 + month − 1).
    Month(i64),
}

/// A cohort year (`0`, `3`, `2.0` as a spreadsheet may write it) or a month (`2024-03`, or a
/// date `2024-03-15`, of which the month counts).
fn parse_period(s: &str) -> Option<Period> {
    let t = s.trim();
    let int = |x: &str| -> Option<i64> {
        let (d, neg) = match x.strip_prefix('-') {
            Some(r) => (r, true),
            None => (x, false),
        };
        if d.is_empty() || d.len() > 9 || !d.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let v: i64 = d.parse().ok()?;
        Some(if neg { -v } else { v })
    };
    let whole = t
        .split_once('.')
        .filter(|(_, f)| !f.is_empty() && f.bytes().all(|b| b == b'0'))
        .map_or(t, |(i, _)| i);
    if let Some(y) = int(whole) {
        return Some(Period::Year(y));
    }
    let b = t.as_bytes();
    if t.len() >= 7 && b[4] == b'-' && b[..4].iter().all(u8::is_ascii_digit) {
        let rest = &t[5..];
        let (mm, tail) = match rest.find(|c: char| !c.is_ascii_digit()) {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, ""),
        };
        if mm.len() != 2 || !(tail.is_empty() || tail.starts_with('-')) {
            return None;
        }
        if let Some(day) = tail.strip_prefix('-') {
            let digits: String = day.chars().take_while(char::is_ascii_digit).collect();
            let after = &day[digits.len()..];
            let ok_day = digits.len() == 2 && (1..=31).contains(&digits.parse::<u32>().ok()?);
            if !ok_day || !(after.is_empty() || after.starts_with([' ', 'T'])) {
                return None;
            }
        }
        let year: i64 = t[..4].parse().ok()?;
        let month: i64 = mm.parse().ok()?;
        if (1..=12).contains(&month) {
            return Some(Period::Month(year * 12 + month - 1));
        }
    }
    None
}

fn fold(s: &str) -> String {
    s.trim().to_lowercase()
}

/// The columns of a table with these names, as [`count`] finds them (each name exactly,
/// else in another case or with spaces around): person, period, state, and group and scenario
/// where the table has them; every missing column is a problem.
pub fn resolve_columns(names: &[String], cols: &Columns) -> Result<[Option<String>; 5]> {
    let table = RowTable {
        columns: names.to_vec(),
        rows: Vec::new(),
    };
    let (a, b, c, d, e) = find_columns(&table, cols)?;
    let name = |i: usize| Some(names[i].clone());
    Ok([
        name(a),
        name(b),
        name(c),
        d.and_then(name),
        e.and_then(name),
    ])
}

/// The indexes of person, period, state, and of group and scenario where present.
type Found = (usize, usize, usize, Option<usize>, Option<usize>);

/// Finds each column: its exact name, else the same name in another case or with spaces.
fn find_columns(table: &RowTable, cols: &Columns) -> Result<Found> {
    let find = |name: &str| -> Option<usize> {
        table
            .columns
            .iter()
            .position(|c| c == name)
            .or_else(|| table.columns.iter().position(|c| fold(c) == fold(name)))
    };
    let mut problems = Vec::new();
    let mut required = |given: &Option<String>, default: &str| -> usize {
        let name = given.as_deref().unwrap_or(default);
        find(name).unwrap_or_else(|| {
            problems.push(missing(table, name));
            0
        })
    };
    let person = required(&cols.person, "person");
    let period = required(&cols.period, "period");
    let state = required(&cols.state, "state");
    let group = match &cols.group {
        Some(_) => Some(required(&cols.group, "group")),
        None => find("group"),
    };
    let scenario = match &cols.scenario {
        Some(_) => Some(required(&cols.scenario, "scenario")),
        None => find("scenario"),
    };
    match Error::from_problems(problems) {
        Some(e) => Err(e),
        None => Ok((person, period, state, group, scenario)),
    }
}

fn missing(table: &RowTable, name: &str) -> Problem {
    let found = if table.columns.is_empty() {
        "–".to_string()
    } else {
        table.columns.join(", ")
    };
    Problem::new(
        ErrorCode::Schema,
        "",
        Msg::ObserveMissingColumn,
        values![
            column = name,
            suggestion =
                suggestion(name, table.columns.iter().map(String::as_str)).unwrap_or_default(),
            found = found
        ],
    )
}

fn row_path(line: u64) -> String {
    format!("row {line}")
}

struct Parsed {
    line: u64,
    person: u32,
    period: Period,
    label: u32,
    side: Side,
    group: Option<u32>,
}

/// Counts a follow-up table (SPEC: one row per person and period) into [`Counts`]: weights and
/// persons per (scenario, group, cohort year, state), persons per (scenario, group, year).
/// Labels become state ids by [`resolve_labels`] (the mapping file, a state id, a state's
/// name). Rows without a scenario column are `side`.
///
/// Errors, each with its row number where it has one: a missing column (every one, with the
/// table's columns), an empty table, an empty cell, a period that is neither a cohort year nor
/// a month, months and years mixed, a cohort year below 0 (before the person's start) or past
/// the longest horizon, a scenario other than `with`/`without`, the same person and period
/// twice; then every unmapped label with its count. Rows whose cells are all empty are skipped.
pub fn count(
    model: &Model,
    table: &RowTable,
    cols: &Columns,
    side: Side,
    mapping: &IndexMap<String, String>,
    opts: &Options,
) -> Result<Counts> {
    if table.columns.is_empty() && table.rows.is_empty() {
        return Err(Error::new(
            ErrorCode::Schema,
            "",
            Msg::ObserveEmpty,
            values![],
        ));
    }
    let (c_person, c_period, c_state, c_group, c_scenario) = find_columns(table, cols)?;
    let names = &table.columns;
    let mut persons: IndexMap<String, ()> = IndexMap::new();
    let mut labels: IndexMap<String, u64> = IndexMap::new();
    let mut groups: IndexMap<String, ()> = IndexMap::new();
    let mut rows: Vec<Parsed> = Vec::with_capacity(table.rows.len());
    let mut problems: Vec<Problem> = Vec::new();
    let mut first_kind: Option<(bool, u64)> = None;
    let mut seen: HashMap<(u32, Period), u64> = HashMap::with_capacity(table.rows.len());
    let mut bad_scenarios: Vec<String> = Vec::new();
    let empty = String::new();
    for row in &table.rows {
        if problems.len() >= MAX_PROBLEMS {
            break;
        }
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| row.cells.get(i).unwrap_or(&empty).trim();
        let mut need = |i: usize| -> Option<&str> {
            let v = cell(i);
            if v.is_empty() {
                problems.push(Problem::new(
                    ErrorCode::Schema,
                    row_path(row.line),
                    Msg::ObserveEmptyCell,
                    values![column = names[i]],
                ));
                None
            } else {
                Some(v)
            }
        };
        let person = need(c_person);
        let period_text = need(c_period);
        let label = need(c_state);
        let group = c_group.map(&mut need);
        let scenario = c_scenario.map(&mut need);
        let (Some(person), Some(period_text), Some(label)) = (person, period_text, label) else {
            continue;
        };
        let (Some(group), Some(scenario)) =
            (group.unwrap_or(Some("")), scenario.unwrap_or(Some("")))
        else {
            continue;
        };
        let row_side = if c_scenario.is_some() {
            match Side::parse(scenario) {
                Some(s) => s,
                None => {
                    if !bad_scenarios.iter().any(|b| b == scenario) {
                        bad_scenarios.push(scenario.to_string());
                        problems.push(Problem::new(
                            ErrorCode::UnknownReference,
                            row_path(row.line),
                            Msg::ObserveScenario,
                            values![
                                found = scenario,
                                suggestion = suggestion(&fold(scenario), ["with", "without"])
                                    .unwrap_or_default()
                            ],
                        ));
                    }
                    continue;
                }
            }
        } else {
            side
        };
        let Some(period) = parse_period(period_text) else {
            problems.push(Problem::new(
                ErrorCode::Schema,
                row_path(row.line),
                Msg::ObservePeriod,
                values![found = period_text],
            ));
            continue;
        };
        let is_month = matches!(period, Period::Month(_));
        match first_kind {
            None => first_kind = Some((is_month, row.line)),
            Some((k, first)) if k != is_month => {
                problems.push(Problem::new(
                    ErrorCode::Schema,
                    row_path(row.line),
                    Msg::ObservePeriodMixed,
                    values![found = period_text, first = first],
                ));
                continue;
            }
            _ => {}
        }
        if let Period::Year(y) = period {
            if y < 0 {
                problems.push(Problem::new(
                    ErrorCode::InvalidRange,
                    row_path(row.line),
                    Msg::ObserveBeforeStart,
                    values![person = person, found = period_text],
                ));
                continue;
            }
            if y >= MAX_HORIZON {
                problems.push(Problem::new(
                    ErrorCode::InvalidRange,
                    row_path(row.line),
                    Msg::ObserveYearRange,
                    values![found = y, max = MAX_HORIZON - 1],
                ));
                continue;
            }
        }
        let p = persons.insert_full(person.to_string(), ()).0 as u32;
        if let Some(first) = seen.insert((p, period), row.line) {
            problems.push(Problem::new(
                ErrorCode::DuplicateId,
                row_path(row.line),
                Msg::ObserveDuplicate,
                values![person = person, period = period_text, first = first],
            ));
            seen.insert((p, period), first);
            continue;
        }
        let l = match labels.get_index_of(label) {
            Some(l) => l,
            None => labels.insert_full(label.to_string(), 0).0,
        };
        labels[l] += 1;
        let g = (c_group.is_some()).then(|| groups.insert_full(group.to_string(), ()).0 as u32);
        rows.push(Parsed {
            line: row.line,
            person: p,
            period,
            label: l as u32,
            side: row_side,
            group: g,
        });
    }
    if let Some(e) = Error::from_problems(problems) {
        return Err(e);
    }
    if rows.is_empty() {
        return Err(Error::new(
            ErrorCode::Schema,
            "",
            Msg::ObserveEmpty,
            values![],
        ));
    }
    let label_list: Vec<(String, u64)> = labels.iter().map(|(k, v)| (k.clone(), *v)).collect();
    let resolved = resolve_labels(model, &label_list, mapping, opts)?;
    let state_of: Vec<&str> = label_list
        .iter()
        .map(|(l, _)| resolved[l].as_str())
        .collect();
    // State ids as small numbers, in first-seen order (the output is sorted by id below).
    let mut state_ids: IndexMap<&str, ()> = IndexMap::new();
    let label_state: Vec<u32> = state_of
        .iter()
        .map(|s| state_ids.insert_full(s, ()).0 as u32)
        .collect();

    // Months count from each person's first month: months 0–11 are cohort year 0.
    let unit = if matches!(rows[0].period, Period::Month(_)) {
        Unit::Months
    } else {
        Unit::Years
    };
    let mut first_month = vec![i64::MAX; persons.len()];
    if unit == Unit::Months {
        for r in &rows {
            if let Period::Month(m) = r.period {
                let f = &mut first_month[r.person as usize];
                *f = (*f).min(m);
            }
        }
    }
    // (side, group, year, state, person); group u32::MAX for none.
    let mut keys: Vec<(Side, u32, i64, u32, u32)> = Vec::with_capacity(rows.len());
    for r in &rows {
        let year = match r.period {
            Period::Year(y) => y,
            Period::Month(m) => (m - first_month[r.person as usize]) / 12,
        };
        if year >= MAX_HORIZON {
            return Err(Error::new(
                ErrorCode::InvalidRange,
                row_path(r.line),
                Msg::ObserveYearRange,
                values![found = year, max = MAX_HORIZON - 1],
            ));
        }
        keys.push((
            r.side,
            r.group.unwrap_or(u32::MAX),
            year,
            label_state[r.label as usize],
            r.person,
        ));
    }
    let group_name = |g: u32| -> Option<String> {
        (g != u32::MAX).then(|| groups.get_index(g as usize).expect("interned").0.clone())
    };
    keys.sort_unstable_by(|a, b| {
        (
            a.0,
            group_name(a.1),
            a.2,
            state_ids.get_index(a.3 as usize),
            a.4,
        )
            .cmp(&(
                b.0,
                group_name(b.1),
                b.2,
                state_ids.get_index(b.3 as usize),
                b.4,
            ))
    });
    let mut cells: Vec<Cell> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        let (s, g, y, st, _) = keys[i];
        let mut j = i;
        let mut distinct = 0u64;
        let mut last = None;
        while j < keys.len() && (keys[j].0, keys[j].1, keys[j].2, keys[j].3) == (s, g, y, st) {
            if last != Some(keys[j].4) {
                distinct += 1;
                last = Some(keys[j].4);
            }
            j += 1;
        }
        cells.push(Cell {
            scenario: s.as_str().to_string(),
            group: group_name(g),
            year: y,
            state: state_ids
                .get_index(st as usize)
                .expect("interned")
                .0
                .to_string(),
            weight: (j - i) as u64,
            persons: distinct,
        });
        i = j;
    }
    let mut year_persons: Vec<(Side, Option<String>, i64, u32)> = keys
        .iter()
        .map(|k| (k.0, group_name(k.1), k.2, k.4))
        .collect();
    year_persons.sort_unstable();
    year_persons.dedup();
    let mut totals: Vec<Total> = Vec::new();
    for (s, g, y, _) in year_persons {
        match totals.last_mut() {
            Some(t) if t.scenario == s.as_str() && t.group == g && t.year == y => t.persons += 1,
            _ => totals.push(Total {
                scenario: s.as_str().to_string(),
                group: g,
                year: y,
                persons: 1,
            }),
        }
    }
    Ok(Counts {
        unit,
        cells,
        totals,
        problems: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_cohort_years_or_months() {
        assert!(parse_period("0") == Some(Period::Year(0)));
        assert!(parse_period(" 3 ") == Some(Period::Year(3)));
        assert!(parse_period("2.0") == Some(Period::Year(2)));
        assert!(parse_period("-1") == Some(Period::Year(-1)));
        assert!(parse_period("2024-01") == Some(Period::Month(2024 * 12)));
        assert!(parse_period("2024-12-31") == Some(Period::Month(2024 * 12 + 11)));
        assert!(parse_period("2024-03-15 00:00:00") == Some(Period::Month(2024 * 12 + 2)));
        for bad in [
            "",
            "1.5",
            "2024-13",
            "2024-1",
            "24-01",
            "år 1",
            "2024-01-xx",
            "1e3",
        ] {
            assert!(parse_period(bad).is_none(), "{bad}");
        }
    }
}
