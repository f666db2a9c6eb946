//! Exact numbers as they appear in a model file.
//!
//! A number may be written as a number or as a string (`0.035` or `"0.035"`). A binary
//! floating-point literal is read as the shortest decimal that round-trips to the same double
//! (Rust's `Display` for `f64` is exactly that), so `0.1` becomes one tenth, never
//! `0.1000000000000000055…`. Everything after parsing is `rust_decimal`.

use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// An exact decimal number read from a model file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Num(pub Decimal);

impl Num {
    /// The decimal.
    pub fn value(self) -> Decimal {
        self.0
    }
}

impl From<Decimal> for Num {
    fn from(d: Decimal) -> Self {
        Num(d)
    }
}

impl From<i64> for Num {
    fn from(v: i64) -> Self {
        Num(Decimal::from(v))
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.normalize())
    }
}

/// Parses decimal text: plain (`-12.50`) or scientific (`1e6`), refusing anything that would
/// lose digits. The message says what went wrong in words an analyst understands.
pub fn parse_decimal(text: &str) -> Result<Decimal, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("expected a number, found an empty string".into());
    }
    let plain = t.strip_prefix('+').unwrap_or(t);
    if let Ok(d) = Decimal::from_str_exact(plain) {
        return Ok(d);
    }
    if plain.contains(['e', 'E']) {
        if let Ok(d) = Decimal::from_scientific(plain) {
            return Ok(d);
        }
    }
    let digits = plain.trim_start_matches('-');
    if !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
    {
        return Err(format!(
            "number {t} is out of the supported range (at most 28 significant digits, magnitude below 7.9e28, at most 28 decimal places)"
        ));
    }
    Err(format!("expected a number, found {t:?}"))
}

fn from_f64<E: de::Error>(v: f64) -> Result<Decimal, E> {
    if !v.is_finite() {
        return Err(E::custom(format!("expected a finite number, found {v}")));
    }
    // `Display` for f64 prints the shortest decimal that round-trips, without an exponent.
    parse_decimal(&format!("{v}")).map_err(E::custom)
}

struct NumVisitor;

impl<'de> Visitor<'de> for NumVisitor {
    type Value = Decimal;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, or a string holding a decimal number")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Decimal, E> {
        Decimal::from_i128_with_scale(v, 0)
            .checked_add(Decimal::ZERO)
            .ok_or_else(|| E::custom("number out of range"))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        from_f64(v)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for Num {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NumVisitor).map(Num)
    }
}

/// Written back as a string, so that no reader ever sees a binary float.
impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.normalize().to_string())
    }
}

impl JsonSchema for Num {
    fn schema_name() -> Cow<'static, str> {
        "Number".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A decimal number, written as a number or as a string (\"0.035\"); read exactly.",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "pattern": "^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$" }
            ]
        })
    }
}

/// A share in a distribution: a number in [0, 1], or `"rest"` (1 minus the others).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Share {
    /// A share in [0, 1] (may be a distribution).
    Value(Param),
    /// 1 minus the other shares.
    Rest,
}

struct ShareVisitor;

impl<'de> Visitor<'de> for ShareVisitor {
    type Value = Share;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a share between 0 and 1, or \"rest\"")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Share, E> {
        ParamVisitor.visit_i64(v).map(Share::Value)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Share, E> {
        ParamVisitor.visit_u64(v).map(Share::Value)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Share, E> {
        ParamVisitor.visit_f64(v).map(Share::Value)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Share, E> {
        if v.trim() == "rest" {
            Ok(Share::Rest)
        } else {
            ParamVisitor.visit_str(v).map(Share::Value)
        }
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Share, A::Error> {
        ParamVisitor.visit_map(map).map(Share::Value)
    }
}

impl<'de> Deserialize<'de> for Share {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShareVisitor)
    }
}

impl Serialize for Share {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Share::Value(n) => n.serialize(s),
            Share::Rest => s.serialize_str("rest"),
        }
    }
}

impl JsonSchema for Share {
    fn schema_name() -> Cow<'static, str> {
        "Share".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let num = g.subschema_for::<Param>();
        json_schema!({
            "description": "A share between 0 and 1 (or a distribution), or \"rest\" for 1 minus the other shares.",
            "anyOf": [ num, { "const": "rest" } ]
        })
    }
}

/// Decimal arithmetic that reports overflow instead of panicking (rust_decimal's operators
/// panic); see docs/arithmetic.md. The engine's many sums and products use [`crate::exact`].
pub(crate) mod checked {
    use rust_decimal::Decimal;

    /// Marker: a result left the range of a 96-bit decimal.
    #[derive(Debug, Clone, Copy)]
    pub(crate) struct Overflow;

    #[inline]
    pub(crate) fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        a.checked_add(b).ok_or(Overflow)
    }
    #[inline]
    pub(crate) fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        a.checked_sub(b).ok_or(Overflow)
    }
    #[inline]
    pub(crate) fn div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
        a.checked_div(b).ok_or(Overflow)
    }
}

/// The kind of an uncertain value (SPEC §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DistKind {
    /// `min`, `mode`, `max`; the point value is the mode.
    Triangular,
    /// `min`, `max`; the point value is the mean.
    Uniform,
    /// `min`, `mode`, `max` (a scaled Beta); the point value is the mode.
    Pert,
    /// `mean`, `sd`; the point value is the mean.
    Normal,
}

impl DistKind {
    /// The kind as the file writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DistKind::Triangular => "triangular",
            DistKind::Uniform => "uniform",
            DistKind::Pert => "pert",
            DistKind::Normal => "normal",
        }
    }
}

/// An uncertain value: `{ dist = "triangular", min = 80000, mode = 110000, max = 130000 }`.
/// Which fields a kind needs is checked by validation, so every problem gets its path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// `triangular`, `uniform`, `pert` or `normal`.
    pub dist: DistKind,
    /// Lowest value (triangular, uniform, PERT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<Num>,
    /// Most likely value (triangular, PERT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Num>,
    /// Highest value (triangular, uniform, PERT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Num>,
    /// Mean (normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<Num>,
    /// Standard deviation (normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd: Option<Num>,
}

impl Distribution {
    /// The value the deterministic report uses: the mode (triangular, PERT) or the mean
    /// (uniform, normal). Missing fields count as 0 (validation reports them).
    pub fn point(&self) -> Decimal {
        let g = |n: Option<Num>| n.map(Num::value).unwrap_or_default();
        match self.dist {
            DistKind::Triangular | DistKind::Pert => g(self.mode),
            DistKind::Uniform => {
                let (lo, hi) = (g(self.min), g(self.max));
                lo.checked_add(hi).map(|s| s / Decimal::TWO).unwrap_or(lo)
            }
            DistKind::Normal => g(self.mean),
        }
    }

    /// The (low, high) of a one-way sensitivity: min and max, or mean ∓ 1.645 sd; `None`
    /// when mean ± 1.645 sd leaves the range of a decimal.
    pub fn low_high(&self) -> Option<(Decimal, Decimal)> {
        let g = |n: Option<Num>| n.map(Num::value).unwrap_or_default();
        match self.dist {
            DistKind::Normal => {
                let half = g(self.sd).checked_mul(Decimal::new(1645, 3))?;
                Some((
                    g(self.mean).checked_sub(half)?,
                    g(self.mean).checked_add(half)?,
                ))
            }
            _ => Some((g(self.min), g(self.max))),
        }
    }
}

/// A number in the model that may be uncertain: a point value or a distribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    /// A plain number.
    Point(Num),
    /// An uncertain value.
    Dist(Box<Distribution>),
}

impl Param {
    /// The value the deterministic report uses.
    pub fn point(&self) -> Decimal {
        match self {
            Param::Point(n) => n.value(),
            Param::Dist(d) => d.point(),
        }
    }
    /// Whether it is a distribution.
    pub fn is_dist(&self) -> bool {
        matches!(self, Param::Dist(_))
    }
}

impl From<Num> for Param {
    fn from(n: Num) -> Self {
        Param::Point(n)
    }
}

impl fmt::Display for Param {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.point().normalize())
    }
}

struct ParamVisitor;

impl<'de> Visitor<'de> for ParamVisitor {
    type Value = Param;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a number, a string holding a decimal number, or a distribution { dist = \"…\", … }",
        )
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Param, E> {
        NumVisitor.visit_i64(v).map(|d| Param::Point(Num(d)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Param, E> {
        NumVisitor.visit_u64(v).map(|d| Param::Point(Num(d)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Param, E> {
        NumVisitor.visit_f64(v).map(|d| Param::Point(Num(d)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Param, E> {
        NumVisitor.visit_str(v).map(|d| Param::Point(Num(d)))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Param, A::Error> {
        Distribution::deserialize(de::value::MapAccessDeserializer::new(map))
            .map(|d| Param::Dist(Box::new(d)))
    }
}

impl<'de> Deserialize<'de> for Param {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ParamVisitor)
    }
}

impl Serialize for Param {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Param::Point(n) => n.serialize(s),
            Param::Dist(d) => d.serialize(s),
        }
    }
}

impl JsonSchema for Param {
    fn schema_name() -> Cow<'static, str> {
        "Param".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let num = g.subschema_for::<Num>();
        let dist = g.subschema_for::<Distribution>();
        json_schema!({
            "description": "A number, or a distribution for the uncertainty analysis (the report uses its point value).",
            "anyOf": [ num, dist ]
        })
    }
}
