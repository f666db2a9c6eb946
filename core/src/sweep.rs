//! Many variants of one value at once: the report for each of a list of values set at one path
//! (an analyst's sweep, a break-even search).
//!
//! A value the tornado can vary (a share, an amount, a parameter …) is changed in one
//! validated model, re-checking only its section (`validate::partial`), as the tornado does;
//! the result is exactly that of validating the whole changed model. Anything else (a year, a
//! whole table, a path to create) goes the general way: [`Model::with_value`], then
//! [`crate::evaluate`].

use crate::bases::Options;
use crate::error::Result;
use crate::model::Model;
use crate::report::Report;
use crate::uncertain::{set_point, values};
use crate::validate::partial::Partial;
use rust_decimal::Decimal;

/// A value's JSON text as a plain decimal (`0.12`, `"0.12"`), or `None` (a formula, a table …).
fn plain_decimal(value_json: &str) -> Option<Decimal> {
    let v: serde_json::Value = serde_json::from_str(value_json).ok()?;
    let text = match &v {
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::String(s) => s.trim().to_string(),
        _ => return None,
    };
    if text.contains(['e', 'E']) {
        return None;
    }
    text.parse::<Decimal>().ok()
}

/// The report of the model with each of `values_json` (JSON texts, as for
/// [`Model::with_value`]) set at `path`, in order. The first value that makes the model
/// invalid ends the sweep with its error.
pub fn sweep(
    model: &Model,
    opts: &Options,
    path: &str,
    values_json: &[String],
) -> Result<Vec<Report>> {
    let general = |v: &String| crate::evaluate(&model.with_value(path, v)?, opts);
    // The value's place by position, in the model as written; the sections the partial
    // re-check knows have the same positions with the base inlined (scenarios, intervention,
    // analysis, the rate) or the same keys (parameters).
    let doc = serde_json::to_value(model).expect("a model always serialises to JSON");
    let place = crate::paths::positional(&doc, path).filter(|p| {
        ["scenarios.", "intervention.", "analysis.", "parameters."]
            .iter()
            .any(|s| p.starts_with(s))
            || p == "discount_rate"
    });
    let fast = place.and_then(|p| {
        let (m, v) = crate::validate::inline_base_validated(model, opts).ok()?;
        let u = values(&m).into_iter().find(|u| u.path == p)?;
        Some((m, v, u))
    });
    let Some((m, mut v, u)) = fast else {
        return values_json.iter().map(general).collect();
    };
    let partial = Partial::new(&m, &v);
    let mut work = partial.model().clone();
    values_json
        .iter()
        .map(|text| match plain_decimal(text) {
            Some(d) => {
                let old = set_point(&mut work, &u.loc, d);
                let out = partial.with(&mut v, &work, partial.section(&u.loc), |v| v.evaluate());
                if let (Some(old), Some(p)) = (old, u.loc.param_mut(&mut work)) {
                    *p = old;
                }
                // The error (if any) as the general route words it, with the user's path.
                out.or_else(|_| general(text))
            }
            None => general(text),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../models/examples/jobbspar-forsorjningsstod.toml");

    #[test]
    fn a_sweep_is_each_value_evaluated_on_its_own() {
        let m = Model::from_toml(EXAMPLE).unwrap();
        let opts = Options::default();
        for path in [
            "scenarios.with.transitions[from=social_assistance,to=employment].share",
            "intervention.costs[0].amount",
            "intervention.start.social_assistance",
            "parameters[id=wage_month].value",
            "horizon",
            "analysis.attribution",
        ] {
            let values: Vec<String> = ["\"0.5\"", "0.25", "7", "\"= 0.1 * 2\""]
                .iter()
                .map(|s| s.to_string())
                .collect();
            for v in &values {
                let alone = m
                    .with_value(path, v)
                    .and_then(|e| crate::evaluate(&e, &opts));
                let swept = sweep(&m, &opts, path, std::slice::from_ref(v));
                match (alone, swept) {
                    (Ok(a), Ok(s)) => assert_eq!(a.rows, s[0].rows, "{path} = {v}"),
                    (Err(a), Err(s)) => assert_eq!(a.to_string(), s.to_string(), "{path} = {v}"),
                    (a, s) => panic!("{path} = {v}: {:?} vs {:?}", a.is_ok(), s.is_ok()),
                }
            }
        }
    }
}
