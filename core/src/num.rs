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
    if t.starts_with('=') {
        return Err(format!(
            "a formula cannot stand here (years and counts are plain numbers), found {t:?}"
        ));
    }
    if well_formed(plain) {
        return Err(format!(
            "number {t} is out of the supported range (at most 28 significant digits, magnitude below 7.9e28, at most 28 decimal places)"
        ));
    }
    Err(format!("expected a number, found {t:?}"))
}

/// `-?digits[.digits][e[+-]digits]` (or `.digits`): a number, whatever its size. A well-formed
/// number that does not fit is a range problem (`limit`); anything else is not a number
/// (`schema`), so `"8e28"` and `8e28` get the same code, and `"--5"` is not a number.
fn well_formed(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], Some(&t[i + 1..])),
        None => (t, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    (!int.is_empty() || !frac.is_empty()) && digits(int) && digits(frac) && exponent_ok
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
        // (`from_i128_with_scale` would panic beyond 96 bits; TOML's reader hands over any
        // integer literal that fits 128.)
        Decimal::try_from_i128_with_scale(v, 0).map_err(|_| E::custom("number out of range"))
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

/// A number or a formula (SPEC §8.1): `0.2`, `"0.2"` or `"= tax * 2"`. A string that starts
/// with `=` is a formula of parameters; any other string must be a plain number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A plain number.
    Num(Num),
    /// A formula, as written (with its `=`).
    Formula(String),
}

impl Value {
    /// The number, when it is one (a formula needs the model's parameters).
    pub fn literal(&self) -> Option<Decimal> {
        match self {
            Value::Num(n) => Some(n.value()),
            Value::Formula(_) => None,
        }
    }

    /// The value with every parameter at its point value (`point`, from a validated model);
    /// a formula that does not evaluate counts as 0 (validation has already reported it).
    pub(crate) fn at_points(&self, point: &dyn Fn(&str) -> Option<Decimal>) -> Decimal {
        match self {
            Value::Num(n) => n.value(),
            Value::Formula(t) => crate::formula::parse_written(t)
                .ok()
                .and_then(|e| e.eval(point).ok())
                .unwrap_or_default(),
        }
    }
}

impl From<Num> for Value {
    fn from(n: Num) -> Self {
        Value::Num(n)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Value::Num(Num::from(v))
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Num(n) => n.fmt(f),
            Value::Formula(s) => f.write_str(s),
        }
    }
}

/// A formula's text (what follows the `=`), when `s` is one.
pub fn formula_text(s: &str) -> Option<&str> {
    s.trim_start().strip_prefix('=')
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a string holding a decimal number, or a formula \"= …\"")
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        NumVisitor.visit_i64(v).map(|d| Value::Num(Num(d)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        NumVisitor.visit_u64(v).map(|d| Value::Num(Num(d)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        NumVisitor.visit_i128(v).map(|d| Value::Num(Num(d)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        NumVisitor.visit_f64(v).map(|d| Value::Num(Num(d)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        if formula_text(v).is_some() {
            return Ok(Value::Formula(v.to_string()));
        }
        NumVisitor.visit_str(v).map(|d| Value::Num(Num(d)))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Num(n) => n.serialize(s),
            Value::Formula(f) => s.serialize_str(f),
        }
    }
}

impl JsonSchema for Value {
    fn schema_name() -> Cow<'static, str> {
        "NumberOrFormula".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "A decimal number, or a formula of parameters: a string starting with '=' (\"= wage_month * 12\").",
            "anyOf": [ g.subschema_for::<Num>(), { "type": "string", "pattern": "^\\s*=" } ]
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

/// A decimal as the nearest f64, the same on every platform (Rust's float parsing is correctly
/// rounded): the simulation's numbers.
pub(crate) fn to_f64(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
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
    pub min: Option<Value>,
    /// Most likely value (triangular, PERT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Value>,
    /// Highest value (triangular, uniform, PERT).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Value>,
    /// Mean (normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<Value>,
    /// Standard deviation (normal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd: Option<Value>,
}

impl Distribution {
    /// The value the deterministic report uses: the mode (triangular, PERT) or the mean
    /// (uniform, normal). Missing fields count as 0 (validation reports them).
    pub fn point(&self) -> Decimal {
        self.resolved(&|v| v.literal().unwrap_or_default()).point()
    }

    /// The distribution with each field's value (formulas evaluated by `value`).
    pub fn resolved(&self, value: &dyn Fn(&Value) -> Decimal) -> Resolved {
        let g = |v: &Option<Value>| v.as_ref().map(value).unwrap_or_default();
        Resolved {
            dist: self.dist,
            min: g(&self.min),
            mode: g(&self.mode),
            max: g(&self.max),
            mean: g(&self.mean),
            sd: g(&self.sd),
        }
    }
}

/// A distribution with its fields' values (missing fields are 0; validation reports them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Resolved {
    pub dist: DistKind,
    pub min: Decimal,
    pub mode: Decimal,
    pub max: Decimal,
    pub mean: Decimal,
    pub sd: Decimal,
}

impl Resolved {
    /// The value the deterministic report uses: the mode (triangular, PERT) or the mean
    /// (uniform, normal).
    pub fn point(&self) -> Decimal {
        match self.dist {
            DistKind::Triangular | DistKind::Pert => self.mode,
            DistKind::Uniform => {
                let (lo, hi) = (self.min, self.max);
                lo.checked_add(hi).map(|s| s / Decimal::TWO).unwrap_or(lo)
            }
            DistKind::Normal => self.mean,
        }
    }

    /// The (low, high) of a one-way sensitivity: min and max, or mean ∓ 1.645 sd; `None`
    /// when mean ± 1.645 sd leaves the range of a decimal.
    pub fn low_high(&self) -> Option<(Decimal, Decimal)> {
        match self.dist {
            DistKind::Normal => {
                let half = self.sd.checked_mul(Decimal::new(1645, 3))?;
                Some((self.mean.checked_sub(half)?, self.mean.checked_add(half)?))
            }
            _ => Some((self.min, self.max)),
        }
    }
}

/// A number in the model that may be uncertain: a point value or a distribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    /// A plain number.
    Point(Num),
    /// A formula of parameters, as written (with its `=`).
    Formula(String),
    /// An uncertain value.
    Dist(Box<Distribution>),
}

impl Param {
    /// The value the deterministic report uses.
    ///
    /// A formula's value needs the model's parameters; without them it counts as 0 here
    /// (validation evaluates it).
    pub fn point(&self) -> Decimal {
        match self {
            Param::Point(n) => n.value(),
            Param::Formula(_) => Decimal::ZERO,
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
        match self {
            Param::Formula(s) => f.write_str(s),
            _ => write!(f, "{}", self.point().normalize()),
        }
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
        if formula_text(v).is_some() {
            return Ok(Param::Formula(v.to_string()));
        }
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
            Param::Formula(f) => s.serialize_str(f),
            Param::Dist(d) => d.serialize(s),
        }
    }
}

impl JsonSchema for Param {
    fn schema_name() -> Cow<'static, str> {
        "Param".into()
    }
    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        let num = g.subschema_for::<Value>();
        let dist = g.subschema_for::<Distribution>();
        json_schema!({
            "description": "A number, a formula of parameters (\"= …\"), or a distribution for the uncertainty analysis (the report uses its point value).",
            "anyOf": [ num, dist ]
        })
    }
}
