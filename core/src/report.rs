//! The report (SPEC §4): plain serde structs whose JSON form is the contract between
//! interfaces. Every decimal is serialised as a string at full precision (trailing zeros
//! removed), a missing value as `null`.

use crate::lang::Lang;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The `format` value of a report.
pub const REPORT_FORMAT: &str = "ekusia-report/1.1";

mod json;

/// Serialises a decimal as its shortest exact string ("110000", "0.9661835748792270531400966184").
pub(crate) mod dec {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// "00" to "99".
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";

    /// The text of `d.normalize().to_string()` (no trailing zeros after the point, "0" for
    /// zero), written into `buf` without allocating: a report writes about a thousand of them.
    pub(crate) fn text<'b>(d: &Decimal, buf: &'b mut [u8; 48]) -> &'b str {
        let mut len = 0;
        emit(d, |b| {
            buf[len..len + b.len()].copy_from_slice(b);
            len += b.len();
        });
        std::str::from_utf8(&buf[..len]).expect("ASCII digits")
    }

    /// [`text`], appended to `out`.
    pub(crate) fn write(d: &Decimal, out: &mut Vec<u8>) {
        emit(d, |b| out.extend_from_slice(b));
    }

    /// The pieces of [`text`], in order.
    fn emit(d: &Decimal, mut push: impl FnMut(&[u8])) {
        if d.is_zero() {
            return push(b"0");
        }
        let mut m = d.mantissa().unsigned_abs();
        let mut scale = d.scale() as usize;
        while scale > 0 {
            let (q, r) = if let Ok(small) = u64::try_from(m) {
                ((small / 10) as u128, small % 10)
            } else {
                (m / 10, (m % 10) as u64)
            };
            if r != 0 {
                break;
            }
            m = q;
            scale -= 1;
        }
        // The digits, from the end of the buffer backwards, two at a time.
        let mut digits = [0u8; 40];
        let mut at = digits.len();
        // At least `width` digits of x (zeros in front), at least one.
        let mut put = |mut x: u64, width: usize, at: &mut usize| {
            let stop = *at - width;
            while x >= 100 {
                let r = (x % 100) as usize;
                x /= 100;
                *at -= 2;
                digits[*at..*at + 2].copy_from_slice(&PAIRS[2 * r..2 * r + 2]);
            }
            if x >= 10 {
                *at -= 2;
                digits[*at..*at + 2].copy_from_slice(&PAIRS[2 * x as usize..2 * x as usize + 2]);
            } else {
                *at -= 1;
                digits[*at] = b'0' + x as u8;
            }
            while *at > stop {
                *at -= 1;
                digits[*at] = b'0';
            }
        };
        const E19: u128 = 10_000_000_000_000_000_000;
        if m >= E19 {
            put((m % E19) as u64, 19, &mut at);
            put((m / E19) as u64, 0, &mut at);
        } else {
            put(m as u64, 0, &mut at);
        }
        let digits = &digits[at..];
        let n = digits.len();
        if d.is_sign_negative() {
            push(b"-");
        }
        if scale == 0 {
            push(digits);
        } else if scale >= n {
            const ZEROS: &[u8; 30] = b"0.0000000000000000000000000000";
            // "0." and scale - n zeros.
            push(&ZEROS[..2 + scale - n]);
            push(digits);
        } else {
            push(&digits[..n - scale]);
            push(b".");
            push(&digits[n - scale..]);
        }
    }

    /// Writes the decimal as a string.
    pub(crate) fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(text(d, &mut [0; 48]))
    }
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// As [`dec`], for optional values (`null` when absent).
pub(crate) mod opt_dec {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(super::dec::text(d, &mut [0; 48])),
            None => s.serialize_none(),
        }
    }
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Decimal>, D::Error> {
        let s = Option::<String>::deserialize(d)?;
        s.map(|s| s.parse().map_err(serde::de::Error::custom))
            .transpose()
    }
}

/// As [`dec`], for a list.
pub(crate) mod vec_dec {
    use rust_decimal::Decimal;
    use serde::ser::SerializeSeq;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(v: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(v.len()))?;
        for d in v {
            seq.serialize_element(super::dec::text(d, &mut [0; 48]))?;
        }
        seq.end()
    }
    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
        let v = Vec::<String>::deserialize(d)?;
        v.iter()
            .map(|s| s.parse().map_err(serde::de::Error::custom))
            .collect()
    }
}

/// The result of evaluating a model (SPEC §4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `"ekusia-report/1"`.
    pub format: String,
    /// What was evaluated, with what the presentation of the report needs.
    pub model: ReportModel,
    /// Costs and cohorts outside the horizon, ignored.
    pub warnings: Vec<String>,
    /// The actors in model order, then `public_sector` and `society`.
    pub rows: Vec<Row>,
    /// Per target group (SPEC §8.3); `[]` for a model without groups.
    pub groups: Vec<GroupReport>,
    /// Results that are not money (SPEC §8.4).
    pub outcomes: Vec<OutcomeReport>,
}

/// An outcome that is not money, over the horizon (SPEC §8.4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomeReport {
    /// The outcome's id.
    pub id: String,
    /// Its Swedish name; `names` has both.
    pub name: String,
    /// Its name in both languages.
    pub names: Names,
    /// Its unit in both languages, when given.
    pub unit: Option<Names>,
    /// Σ over the horizon, with the intervention (undiscounted).
    #[serde(rename = "with", with = "dec")]
    pub with: Decimal,
    /// Σ over the horizon, without it.
    #[serde(with = "dec")]
    pub without: Decimal,
    /// Σ over the horizon of attribution · (with − without).
    #[serde(with = "dec")]
    pub effect: Decimal,
    /// The effect discounted at the outcome's own rate.
    #[serde(with = "dec")]
    pub pv_effect: Decimal,
    /// −npv[R] / pv_effect per report row: what the row pays, net, per unit (the ICER for the
    /// payer with two strategies); null where pv_effect is 0.
    pub net_cost_per_unit: indexmap::IndexMap<String, NullableDec>,
    /// Year by year.
    pub years: Vec<OutcomeYear>,
}

/// A decimal or null, as a map value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NullableDec(#[serde(with = "opt_dec")] pub Option<Decimal>);

/// One year of an outcome.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct OutcomeYear {
    pub year: usize,
    #[serde(with = "dec")]
    pub discount_factor: Decimal,
    #[serde(rename = "with", with = "dec")]
    pub with: Decimal,
    #[serde(with = "dec")]
    pub without: Decimal,
    #[serde(with = "dec")]
    pub effect: Decimal,
}

/// The sums of §3.9 over the first `years` years (SPEC §8.6).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct Milestone {
    pub years: usize,
    #[serde(with = "dec")]
    pub pv_effect: Decimal,
    #[serde(with = "dec")]
    pub pv_cost: Decimal,
    #[serde(with = "dec")]
    pub npv: Decimal,
}

/// A row's pv_effect from one kind of flow (SPEC §8.5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BreakdownEntry {
    /// `transfer`, `resource` or `production`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The flows' category, or null.
    pub category: Option<String>,
    /// Its part of the row's pv_effect.
    #[serde(with = "dec")]
    pub pv_effect: Decimal,
}

/// A row's pv_cost from one cost item (SPEC §8.5).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CostBreakdownEntry {
    /// The cost item's name.
    pub name: String,
    /// The present value of the row's share of it.
    #[serde(with = "dec")]
    pub pv_cost: Decimal,
}

/// One parameter's value after evaluation (SPEC §8.1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ParameterValue {
    /// The parameter's id.
    pub id: String,
    /// Its point value.
    #[serde(with = "dec")]
    pub value: Decimal,
}

/// A target group's share of the result (SPEC §8.3).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupReport {
    /// The group's id.
    pub id: String,
    /// Its Swedish name; `names` has both.
    pub name: String,
    /// Its name in both languages.
    pub names: Names,
    /// Participants of its cohorts that start inside the horizon.
    pub participants: u64,
    /// One entry per report row, in report order.
    pub rows: Vec<GroupRow>,
}

/// A row's result restricted to one group's cohorts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    /// The report row's id.
    pub id: String,
    /// Σ_t δ_t · E_g[t] for the row.
    #[serde(with = "dec")]
    pub pv_effect: Decimal,
    /// pv_effect / participants; null without participants.
    #[serde(with = "opt_dec")]
    pub pv_effect_per_participant: Option<Decimal>,
}

/// The model's settings as the report states them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportModel {
    /// The model's name.
    pub name: String,
    /// The currency of every amount.
    pub currency: String,
    /// The price level, when given.
    pub price_year: Option<i64>,
    /// Years evaluated.
    pub horizon: usize,
    /// The rate in force in each calendar year 0 .. horizon-1.
    #[serde(with = "vec_dec")]
    pub discount_rates: Vec<Decimal>,
    /// Participants of the cohorts that start inside the horizon.
    pub participants: u64,
    /// The share of the effect credited to the intervention.
    #[serde(with = "dec")]
    pub attribution: Decimal,
    /// `analysis.success`, when given: the success break-even counts are measured in.
    pub success: Option<SuccessSetting>,
    /// Every parameter's value after evaluation, base parameters first (SPEC §8.1).
    pub parameters: Vec<ParameterValue>,
}

/// One person moving from `from` to `to` and staying `years` years.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuccessSetting {
    /// The state left.
    pub from: String,
    /// The state reached.
    pub to: String,
    /// Years in `to`.
    pub years: usize,
}

/// A name in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    /// Swedish.
    pub sv: String,
    /// English.
    pub en: String,
}

impl Names {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.sv, &self.en)
    }
}

/// The id of the public sector's row: every actor of kind `public`.
pub const PUBLIC_SECTOR: &str = "public_sector";
/// The id of society's row: every actor.
pub const SOCIETY: &str = "society";

/// The aggregate rows, defined once: id and names, in report order.
pub fn aggregates() -> [(&'static str, Names); 2] {
    let n = |sv: &str, en: &str| Names {
        sv: sv.into(),
        en: en.into(),
    };
    [
        (PUBLIC_SECTOR, n("Offentlig sektor", "Public sector")),
        (SOCIETY, n("Samhället", "Society")),
    ]
}

/// What a row stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum RowKind {
    Public,
    Individual,
    Other,
    Aggregate,
}

/// One row of the report: an actor or an aggregate (SPEC §3.9).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct Row {
    pub id: String,
    /// The Swedish name (SPEC §4); `names` has both.
    pub name: String,
    pub names: Names,
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
    /// Months until the cumulative discounted net turns non-negative for good (SPEC §8.6).
    #[serde(with = "opt_dec")]
    pub payback_months: Option<Decimal>,
    #[serde(with = "opt_dec")]
    pub pv_cost_per_participant: Option<Decimal>,
    /// The value if every participant reached the success's state (SPEC §8.6).
    #[serde(with = "opt_dec")]
    pub potential: Option<Decimal>,
    /// pv_effect / potential: the share of the possible gain realised.
    #[serde(with = "opt_dec")]
    pub efficiency: Option<Decimal>,
    pub milestones: Vec<Milestone>,
    pub breakdown: Vec<BreakdownEntry>,
    pub cost_breakdown: Vec<CostBreakdownEntry>,
    pub years: Vec<YearRow>,
}

/// One calendar year of a row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[allow(missing_docs)]
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
        // Room for the whole text at once (about 600 bytes per row and year), so that the
        // buffer is not copied as it grows.
        let years = self.model.horizon + 1;
        let mut out = json::Out::with_capacity(8192 + (self.rows.len() + 2) * years * 640);
        out.report(self);
        out.into_string()
    }

    /// Reads a report back from its JSON form.
    pub fn from_json(text: &str) -> Result<Report, serde_json::Error> {
        serde_json::from_str(text)
    }

    /// The row with this id (an actor id, `public_sector` or `society`).
    pub fn row(&self, id: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.id == id)
    }

    /// The rows in the order people read them (EKUSIA's actor, society and individual
    /// levels): the public and other actors, then the public sector and society, then the
    /// individual.
    pub fn reading_order(&self) -> Vec<&Row> {
        let rank = |r: &Row| match r.kind {
            RowKind::Public | RowKind::Other => 0,
            RowKind::Aggregate => 1,
            RowKind::Individual => 2,
        };
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by_key(|r| rank(r));
        rows
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    /// The report's decimal text is rust_decimal's own `normalize().to_string()`, for numbers
    /// of every size, scale and sign (including trailing zeros, zero and 28-digit fractions).
    #[test]
    fn decimal_text_is_rust_decimals() {
        let mut state = 987654321u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state
        };
        let mut cases: Vec<Decimal> = vec![
            Decimal::ZERO,
            Decimal::new(-0, 5),
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(5, 28),
            Decimal::new(-5, 3),
            Decimal::new(1200, 2),
            Decimal::new(1_000_000_000_000_000_000, 0),
        ];
        for _ in 0..200_000 {
            let hi = (next() as u128) << 64 | next() as u128;
            let bits = (next() % 97) as u32;
            let m = (hi >> (128 - bits.max(1))) as i128;
            let m = if next() % 2 == 0 { m } else { -m };
            let m = if next() % 4 == 0 { m / 1000 * 1000 } else { m };
            let scale = (next() % 29) as u32;
            if let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) {
                cases.push(d);
            }
        }
        for d in cases {
            assert_eq!(
                super::dec::text(&d, &mut [0; 48]),
                d.normalize().to_string(),
                "{d:?}"
            );
        }
    }
}
