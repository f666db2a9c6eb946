//! The report (SPEC §4): plain serde structs whose JSON form is the contract between
//! interfaces. Every decimal is serialised as a string at full precision (trailing zeros
//! removed), a missing value as `null`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The `format` value of a report.
pub const REPORT_FORMAT: &str = "ekusia-report/1";

/// Serialises a decimal as its shortest exact string ("110000", "0.9661835748792270531400966184").
pub mod dec {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.normalize().to_string())
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// As [`dec`], for optional values (`null` when absent).
pub mod opt_dec {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.normalize().to_string()),
            None => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| s.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// As [`dec`], for a list.
pub mod vec_dec {
    use rust_decimal::Decimal;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for d in v {
            seq.serialize_element(&d.normalize().to_string())?;
        }
        seq.end()
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        let v = Vec::<String>::deserialize(d)?;
        v.iter()
            .map(|s| s.parse().map_err(serde::de::Error::custom))
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    pub model: ReportModel,
    pub warnings: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportModel {
    pub name: String,
    pub currency: String,
    pub price_year: Option<i64>,
    pub horizon: usize,
    /// The rate in force in each calendar year 0 .. horizon-1.
    #[serde(with = "vec_dec")]
    pub discount_rates: Vec<Decimal>,
    pub participants: u64,
}

/// What a row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    Public,
    Individual,
    Other,
    Aggregate,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub kind: RowKind,
    #[serde(with = "dec")]
    pub pv_effect: Decimal,
    #[serde(with = "dec")]
    pub pv_cost: Decimal,
    #[serde(with = "dec")]
    pub npv: Decimal,
    #[serde(with = "opt_dec")]
    pub bcr: Option<Decimal>,
    #[serde(with = "opt_dec")]
    pub roi: Option<Decimal>,
    pub payback_year: Option<usize>,
    #[serde(with = "opt_dec")]
    pub break_even_effect: Option<Decimal>,
    #[serde(with = "opt_dec")]
    pub npv_per_participant: Option<Decimal>,
    #[serde(with = "opt_dec")]
    pub success_value: Option<Decimal>,
    #[serde(with = "opt_dec")]
    pub break_even_successes: Option<Decimal>,
    #[serde(with = "opt_dec")]
    pub fair_cost_share: Option<Decimal>,
    pub years: Vec<YearRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YearRow {
    pub year: usize,
    #[serde(with = "dec")]
    pub discount_factor: Decimal,
    #[serde(rename = "with", with = "dec")]
    pub with: Decimal,
    #[serde(with = "dec")]
    pub without: Decimal,
    #[serde(with = "dec")]
    pub effect: Decimal,
    #[serde(with = "dec")]
    pub cost: Decimal,
    #[serde(with = "dec")]
    pub net: Decimal,
    #[serde(with = "dec")]
    pub pv_net: Decimal,
    #[serde(with = "dec")]
    pub cumulative_pv_net: Decimal,
}

impl Report {
    /// The report as pretty JSON with a final newline: the exact text every interface emits.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a report always serialises");
        s.push('\n');
        s
    }

    /// Reads a report back from its JSON form.
    pub fn from_json(text: &str) -> Result<Report, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The row with this id (an actor id, `public_sector` or `society`).
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }
}
