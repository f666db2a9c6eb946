//! The parameters of a model as a table for people (SPEC §8.1): each one's value after
//! evaluation, its definition as written, and its metadata — what `ekusia bases --show`, the
//! HTML report, Python's `model.parameters` and the page list.

use crate::bases::Options;
use crate::error::Result;
use crate::model::{Model, Quality};
use crate::num::Param;
use crate::report::{dec, Names};
use crate::validate::inline_base;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One parameter, evaluated, with where it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterInfo {
    /// The parameter's id.
    pub id: String,
    /// Its point value after evaluation.
    #[serde(with = "dec")]
    pub value: Decimal,
    /// As written: a number, a formula or a distribution.
    pub definition: Param,
    /// Its name in both languages, when it has one.
    pub names: Option<Names>,
    /// Its unit in both languages, when it has one.
    pub unit: Option<Names>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// The year the value is for.
    pub year: Option<i64>,
    /// How sure it is.
    pub quality: Option<Quality>,
    /// `"base"` or `"model"`: where it is defined (a model parameter replaces the base's).
    pub origin: String,
}

fn names(n: &Option<crate::model::Name>) -> Option<Names> {
    n.as_ref().map(|n| Names {
        sv: n.get("sv").to_string(),
        en: n.get("en").to_string(),
    })
}

/// Every parameter of a model (its base's first), evaluated; validates the model first.
pub fn parameter_table(model: &Model, opts: &Options) -> Result<Vec<ParameterInfo>> {
    let inlined = inline_base(model, opts)?;
    let v = crate::validate::validate(&inlined, &Options::default())?;
    let values = v.parameter_values();
    Ok(inlined
        .parameters
        .iter()
        .map(|(id, def)| ParameterInfo {
            id: id.clone(),
            value: values.get(id.as_str()).copied().unwrap_or_default(),
            definition: def.value.clone(),
            names: names(&def.name),
            unit: names(&def.unit),
            source: def.source.clone(),
            year: def
                .year
                .and_then(|y| rust_decimal::prelude::ToPrimitive::to_i64(&y.value())),
            quality: def.quality,
            origin: if model.parameters.contains_key(id) {
                "model"
            } else {
                "base"
            }
            .into(),
        })
        .collect())
}

/// A state of a base, with its net yearly amount per actor for one person-year (SPEC §3.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatePrice {
    /// The state's id.
    pub id: String,
    /// Its name in both languages.
    pub names: Names,
    /// (actor id, net amount), in actor order.
    pub net: Vec<(String, Decimal)>,
    /// Its time limit: (years, then), when it has one.
    pub limit: Option<(usize, String)>,
}

/// A base library's "price list": its actors, every state's yearly net amount per actor, and
/// every parameter with its value and source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceList {
    /// The base's name.
    pub name: String,
    /// Its currency.
    pub currency: String,
    /// Its price level.
    pub price_year: Option<i64>,
    /// Actor ids and names, in order.
    pub actors: Vec<(String, Names)>,
    /// The states.
    pub states: Vec<StatePrice>,
    /// The parameters.
    pub parameters: Vec<ParameterInfo>,
}

/// The price list of a bundled base (or a base file inside `opts.base_dir`).
pub fn price_list(base: &str, opts: &Options) -> Result<PriceList> {
    let b = crate::bases::load_base(base, opts)?;
    let first = b.states.first().map(|s| s.id.clone()).unwrap_or_default();
    let mut model = Model::from_json(&format!(
        r#"{{"format": "ekusia-model/1.1", "name": "{}", "intervention": {{}}}}"#,
        base.replace(['"', '\\'], "")
    ))?;
    model.base = Some(base.to_string());
    if !first.is_empty() {
        model.intervention.start.insert(
            first,
            crate::num::Share::Value(Param::Point(crate::num::Num::from(1))),
        );
    }
    let parameters = parameter_table(&model, opts)?;
    let inlined = inline_base(&model, opts)?;
    let v = crate::validate::validate(&inlined, &Options::default())?;
    let name_of = |n: &crate::model::Name| Names {
        sv: n.get("sv").to_string(),
        en: n.get("en").to_string(),
    };
    let actors: Vec<(String, Names)> = inlined
        .actors
        .iter()
        .map(|a| (a.id.clone(), name_of(&a.name)))
        .collect();
    let states = inlined
        .states
        .iter()
        .zip(&v.states)
        .map(|(s, r)| StatePrice {
            id: s.id.clone(),
            names: name_of(&s.name),
            net: actors
                .iter()
                .map(|(a, _)| a.clone())
                .zip(r.net.iter().copied())
                .collect(),
            limit: r.limit.map(|l| (l.years, v.states[l.then].id.clone())),
        })
        .collect();
    Ok(PriceList {
        name: base.to_string(),
        currency: v.currency().to_string(),
        price_year: v.price_year,
        actors,
        states,
        parameters,
    })
}
