//! A parameter of a model or base (SPEC §8.1): a number, a formula, a distribution, or a
//! table with `value` and the metadata a reader needs to trust it.

use super::Name;
use crate::num::{DistKind, Distribution, Num, Param, Value};
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::borrow::Cow;
use std::fmt;

/// How sure a parameter's value is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Quality {
    /// Checked against a primary source.
    Verified,
    /// Computed from verified values.
    Derived,
    /// An assumption: no primary source.
    Assumption,
}

/// A parameter (SPEC §8.1): a number, a formula, a distribution, or a table with `value` and
/// its metadata.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDef {
    /// The value: a number, a formula or a distribution.
    pub value: Param,
    /// Display name.
    pub name: Option<Name>,
    /// Unit, e.g. "kr/månad".
    pub unit: Option<Name>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// The year the value is for.
    pub year: Option<Num>,
    /// How sure it is.
    pub quality: Option<Quality>,
    /// Written as a table (kept so that a model is written back as it was read).
    pub table: bool,
}

/// A parameter written as a table.
#[derive(Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct ParamTable {
    value: Param,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    unit: Option<Name>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    year: Option<Num>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    quality: Option<Quality>,
}

impl<'de> Deserialize<'de> for ParamDef {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ParamDefVisitor)
    }
}

/// A parameter is a number or formula, a distribution table, or a table with `value` and its
/// metadata. Read key by key (not through an intermediate value) so that a mistake inside it
/// keeps its full path (`parameters.wage.quality`).
struct ParamDefVisitor;

const DIST_KEYS: &[&str] = &["dist", "min", "mode", "max", "mean", "sd"];
const PARAM_KEYS: &[&str] = &[
    "value", "name", "unit", "source", "year", "quality", "dist", "min", "mode", "max", "mean",
    "sd",
];

impl<'de> Visitor<'de> for ParamDefVisitor {
    type Value = ParamDef;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a formula \"= …\", a distribution, or a table with `value`")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<ParamDef, E> {
        Param::deserialize(de::value::I64Deserializer::new(v)).map(ParamDef::plain)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<ParamDef, E> {
        Param::deserialize(de::value::U64Deserializer::new(v)).map(ParamDef::plain)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<ParamDef, E> {
        Param::deserialize(de::value::F64Deserializer::new(v)).map(ParamDef::plain)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<ParamDef, E> {
        Param::deserialize(de::value::StrDeserializer::new(v)).map(ParamDef::plain)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ParamDef, A::Error> {
        let mut def = ParamDef::plain(Param::Point(Num::from(0)));
        let mut value = None;
        let mut dist: Option<DistKind> = None;
        let mut fields: [Option<Value>; 5] = Default::default();
        let mut table = false;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "value" => {
                    table = true;
                    value = Some(map.next_value::<Param>()?);
                }
                "name" => def.name = Some(map.next_value()?),
                "unit" => def.unit = Some(map.next_value()?),
                "source" => def.source = Some(map.next_value()?),
                "year" => def.year = Some(map.next_value()?),
                "quality" => def.quality = Some(map.next_value()?),
                "dist" => dist = Some(map.next_value()?),
                "min" | "mode" | "max" | "mean" | "sd" => {
                    let i = DIST_KEYS.iter().position(|k| *k == key).unwrap_or(1) - 1;
                    fields[i] = Some(map.next_value()?);
                }
                other => return Err(de::Error::unknown_field(other, PARAM_KEYS)),
            }
        }
        let [min, mode, max, mean, sd] = fields;
        let is_dist = dist.is_some() || [&min, &mode, &max, &mean, &sd].iter().any(|f| f.is_some());
        match (table, is_dist) {
            (true, true) => Err(de::Error::custom(
                "a parameter table gives its distribution inside `value`: value = { dist = … }",
            )),
            (true, false) => {
                def.value = value.ok_or_else(|| de::Error::missing_field("value"))?;
                def.table = true;
                Ok(def)
            }
            (false, _)
                if def.name.is_some()
                    || def.unit.is_some()
                    || def.source.is_some()
                    || def.year.is_some()
                    || def.quality.is_some() =>
            {
                Err(de::Error::missing_field("value"))
            }
            (false, _) => {
                let dist = dist.ok_or_else(|| de::Error::missing_field("dist"))?;
                let d = Distribution {
                    dist,
                    min,
                    mode,
                    max,
                    mean,
                    sd,
                };
                Ok(ParamDef::plain(Param::Dist(Box::new(d))))
            }
        }
    }
}

impl ParamDef {
    /// A parameter without metadata.
    pub fn plain(value: Param) -> ParamDef {
        ParamDef {
            value,
            name: None,
            unit: None,
            source: None,
            year: None,
            quality: None,
            table: false,
        }
    }
}

impl Serialize for ParamDef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if !self.table {
            return self.value.serialize(s);
        }
        ParamTable {
            value: self.value.clone(),
            name: self.name.clone(),
            unit: self.unit.clone(),
            source: self.source.clone(),
            year: self.year,
            quality: self.quality,
        }
        .serialize(s)
    }
}

impl JsonSchema for ParamDef {
    fn schema_name() -> Cow<'static, str> {
        "Parameter".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let value = g.subschema_for::<Param>();
        let table = g.subschema_for::<ParamTable>();
        json_schema!({
            "description": "A number, a formula (\"= …\"), a distribution, or a table with `value` and `name`, `unit`, `source`, `year`, `quality`.",
            "anyOf": [ value, table ]
        })
    }
}
