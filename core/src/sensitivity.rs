//! The one-way sensitivity analysis ("tornado", SPEC §6), in exact decimals: each uncertain
//! value at its low and high value, the others at their point values.

use crate::bases::Options;
use crate::error::Result;
use crate::model::Model;
use crate::num::Param;
use crate::report::dec;
use crate::uncertain::{set_point, values, Site};
use crate::validate::partial::Partial;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One bar of the tornado: a value at its low and high value, the others at their points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SensitivityRow {
    /// The value's path in the model (its base inlined); `parameters.<id>` for a parameter.
    pub path: String,
    /// The same path with entries named by what tells them apart
    /// (`scenarios.with.transitions[from=social_assistance,to=employment].share`): the bar's
    /// label, and a path `Model::with_value` takes.
    #[serde(default)]
    pub label: String,
    /// A parameter's name in both languages (SPEC §8.1: its bar is labelled with it), or null.
    pub names: Option<crate::report::Names>,
    /// The low value.
    #[serde(with = "dec")]
    pub low: Decimal,
    /// The high value.
    #[serde(with = "dec")]
    pub high: Decimal,
    /// Society's npv with the value at `low`.
    #[serde(with = "dec")]
    pub npv_low: Decimal,
    /// Society's npv with the value at `high`.
    #[serde(with = "dec")]
    pub npv_high: Decimal,
    /// |npv_high − npv_low|: the rows are sorted by it, largest first.
    #[serde(with = "dec")]
    pub swing: Decimal,
}

/// A value the tornado could not vary (its low or high value makes the model invalid, e.g.
/// the only share of a distribution without "rest", or the swing leaves the decimal range).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    /// The value's path.
    pub path: String,
    /// Why, in English.
    pub reason: String,
}

/// How the tornado chose its low and high values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Each distribution at min/max, or mean ∓ 1.645 sd.
    Distributions,
    /// A model without distributions: every amount and share at ±20 %.
    #[serde(rename = "plus_minus_20_percent")]
    PlusMinus20Percent,
}

/// The result of [`sensitivity`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// `"ekusia-sensitivity/1"`.
    pub format: String,
    /// How low and high values were chosen.
    pub method: Method,
    /// The report row whose npv is varied (`society` unless asked otherwise).
    #[serde(default = "society")]
    pub row: String,
    /// The row's npv with every value at its point value.
    #[serde(with = "dec")]
    pub npv: Decimal,
    /// The bars, largest swing first.
    pub rows: Vec<SensitivityRow>,
    /// Values that could not be varied.
    pub skipped: Vec<Skipped>,
}

impl Sensitivity {
    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a sensitivity always serialises");
        s.push('\n');
        s
    }
}

fn society() -> String {
    crate::report::SOCIETY.to_string()
}

/// A parameter's name, for its bar.
fn label(m: &Model, loc: &crate::uncertain::Loc) -> Option<crate::report::Names> {
    let crate::uncertain::Loc::Parameter(id) = loc else {
        return None;
    };
    let name = m.parameters.get(id)?.name.as_ref()?;
    Some(crate::report::Names {
        sv: name.get("sv").to_string(),
        en: name.get("en").to_string(),
    })
}

/// ±20 % of a point value (shares kept within [0, 1]); `None` for values the ±20 % rule does
/// not vary (attribution, the rate, zeros).
fn plus_minus_20(site: Site, v: Decimal) -> Option<(Decimal, Decimal)> {
    if matches!(site, Site::Attribution | Site::DiscountRate) || v.is_zero() {
        return None;
    }
    let lo = v.checked_mul(Decimal::new(8, 1))?;
    let hi = v.checked_mul(Decimal::new(12, 1))?;
    Some(match site {
        Site::Share => (lo.max(Decimal::ZERO), hi.min(Decimal::ONE)),
        _ => (lo, hi),
    })
}

/// One-way sensitivity of society's npv: every uncertain value at its low and high value (or,
/// in a model without distributions, every flow amount, cost and share at ±20 %), the others
/// at their point values; sorted by swing, largest first (equal swings in model order).
pub fn sensitivity(model: &Model, opts: &Options) -> Result<Sensitivity> {
    sensitivity_of(model, opts, crate::report::SOCIETY)
}

/// [`sensitivity`] of any report row's npv: an actor's id, `public_sector` or `society`. An id
/// that is no row is an `unknown_reference` error naming the rows.
pub fn sensitivity_of(model: &Model, opts: &Options, row: &str) -> Result<Sensitivity> {
    let (m, mut v) = crate::validate::inline_base_validated(model, opts)?;
    let members = crate::engine::row_members(&v, row).ok_or_else(|| {
        let ids = crate::engine::row_ids(&v);
        crate::error::Error::new(
            crate::error::ErrorCode::UnknownReference,
            "row",
            crate::messages::Msg::UnknownRow,
            crate::values![
                found = row,
                suggestion = crate::suggest::suggestion(row, ids.iter().map(String::as_str))
                    .unwrap_or_default(),
                allowed = ids.join(", ")
            ],
        )
    })?;
    let npv = crate::engine::members_npv(&v, &members)?;
    let doc = serde_json::to_value(&m).expect("a model always serialises to JSON");
    let all = values(&m);
    // A distribution's fields may be formulas (SPEC §8.1): its low and high are those of the
    // model as validated, with every parameter at its point value.
    let points: std::collections::HashMap<String, Decimal> = v
        .parameter_values()
        .into_iter()
        .map(|(k, d)| (k.to_string(), d))
        .collect();
    let point = |n: &str| points.get(n).copied();
    let any_dist = all.iter().any(|u| u.param.is_dist());
    let partial = Partial::new(&m, &v);
    // One working copy, changed one value at a time and put back: the work per bar is one
    // section re-checked and one evaluation, whatever the size of the model.
    let mut work = partial.model().clone();
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    for u in &all {
        let range = match (&u.param, any_dist) {
            (Param::Dist(d), _) => d.resolved(&|f| f.at_points(&point)).low_high(),
            (Param::Point(_), true) | (Param::Formula(_), _) => continue,
            (Param::Point(n), false) => match plus_minus_20(u.site, n.value()) {
                Some(r) => Some(r),
                None => continue,
            },
        };
        let skip = |reason: String| Skipped {
            path: u.path.clone(),
            reason,
        };
        let Some((low, high)) = range else {
            skipped.push(skip(
                "its low or high value lies beyond the range of exact decimals".into(),
            ));
            continue;
        };
        let mut at = |value: Decimal| -> Result<Decimal> {
            let old = set_point(&mut work, &u.loc, value);
            let out = partial.with(&mut v, &work, partial.section(&u.loc), |v| {
                crate::engine::members_npv(v, &members)
            });
            if let (Some(old), Some(p)) = (old, u.loc.param_mut(&mut work)) {
                *p = old;
            }
            out
        };
        match (at(low), at(high)) {
            (Ok(npv_low), Ok(npv_high)) => match npv_high.checked_sub(npv_low) {
                Some(d) => rows.push(SensitivityRow {
                    path: u.path.clone(),
                    label: crate::paths::readable(&doc, &u.path),
                    names: label(&m, &u.loc),
                    low: low.normalize(),
                    high: high.normalize(),
                    npv_low,
                    npv_high,
                    swing: d.abs(),
                }),
                None => skipped.push(skip(
                    "its swing lies beyond the range of exact decimals".into(),
                )),
            },
            (Err(e), _) | (_, Err(e)) => skipped.push(skip(e.to_string())),
        }
    }
    rows.sort_by_key(|r| std::cmp::Reverse(r.swing));
    Ok(Sensitivity {
        format: "ekusia-sensitivity/1".into(),
        method: if any_dist {
            Method::Distributions
        } else {
            Method::PlusMinus20Percent
        },
        row: row.to_string(),
        npv,
        rows,
        skipped,
    })
}
