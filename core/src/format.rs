//! Numbers for people: the one rounding rule and the one money format every interface uses
//! (the terminal table, the HTML report, Python's tables and the calculator page, which calls
//! these through WebAssembly). Reports themselves are never rounded; only these texts are.

use crate::lang::Lang;
use rust_decimal::{Decimal, RoundingStrategy};

/// Groups the digits of a whole number: `1 234 567` (sv) or `1,234,567` (en).
fn group(int: &str, sep: &str) -> String {
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len() + 1);
    out.push_str(sign);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// A number rounded half away from zero to `dp` decimals and written for `lang`
/// (`1 234,57` or `1,234.57`). A result that rounds to zero is written without a sign.
pub fn number(d: Decimal, dp: u32, lang: Lang) -> String {
    let r = d.round_dp_with_strategy(dp.min(28), RoundingStrategy::MidpointAwayFromZero);
    let r = if r.is_zero() { Decimal::ZERO } else { r };
    let s = format!("{:.*}", dp.min(28) as usize, r);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let (sep, point) = lang.pick((" ", ","), (",", "."));
    match frac {
        Some(f) => format!("{}{point}{f}", group(int, sep)),
        None => group(int, sep),
    }
}

/// Money in whole units with the model's currency: `1 234 567 kr` (sv, SEK),
/// `1 234 567 EUR` (sv, any other currency) or `SEK 1,234,567` (en).
pub fn money(d: Decimal, currency: &str, lang: Lang) -> String {
    let n = number(d, 0, lang);
    match (lang, currency) {
        (Lang::Sv, "SEK") => format!("{n} kr"),
        (Lang::Sv, c) => format!("{n} {c}"),
        (Lang::En, c) => format!("{c} {n}"),
    }
}

/// A share as whole percent (`35 %`), or `–` when there is none.
pub fn percent(d: Option<Decimal>, lang: Lang) -> String {
    match d.and_then(|d| d.checked_mul(Decimal::ONE_HUNDRED)) {
        Some(p) => format!("{} %", number(p, 0, lang)),
        None => "–".into(),
    }
}

/// An optional number to `dp` decimals, or `–`.
pub fn optional(d: Option<Decimal>, dp: u32, lang: Lang) -> String {
    d.map(|d| number(d, dp, lang)).unwrap_or_else(|| "–".into())
}

/// A payback time in months (SPEC §8.6) as years and months: `3 år 2 mån`, `3 years 2 months`
/// (months rounded to whole ones, half up), or `–` when there is none.
pub fn duration(months: Option<Decimal>, lang: Lang) -> String {
    let Some(m) = months else {
        return "–".into();
    };
    let whole = m.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let whole = rust_decimal::prelude::ToPrimitive::to_i64(&whole)
        .unwrap_or(i64::MAX)
        .max(0);
    let (y, mo) = (whole / 12, whole % 12);
    let years = |n: i64| match lang {
        Lang::Sv => format!("{n} år"),
        Lang::En if n == 1 => "1 year".into(),
        Lang::En => format!("{n} years"),
    };
    let months = |n: i64| match lang {
        Lang::Sv => format!("{n} mån"),
        Lang::En if n == 1 => "1 month".into(),
        Lang::En => format!("{n} months"),
    };
    match (y, mo) {
        (0, mo) => months(mo),
        (y, 0) => years(y),
        (y, mo) => format!("{} {}", years(y), months(mo)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn swedish_and_english_numbers() {
        assert_eq!(number(d("1234567.5"), 0, Lang::Sv), "1 234 568");
        assert_eq!(number(d("-1234567.5"), 0, Lang::En), "-1,234,568");
        assert_eq!(number(d("0.125"), 2, Lang::Sv), "0,13");
        assert_eq!(number(d("-0.4"), 0, Lang::Sv), "0");
        assert_eq!(number(d("999"), 0, Lang::En), "999");
        assert_eq!(money(d("110000"), "SEK", Lang::Sv), "110 000 kr");
        assert_eq!(money(d("110000"), "EUR", Lang::Sv), "110 000 EUR");
        assert_eq!(money(d("110000"), "SEK", Lang::En), "SEK 110,000");
        assert_eq!(percent(Some(d("0.355")), Lang::Sv), "36 %");
        assert_eq!(percent(None, Lang::Sv), "–");
        assert_eq!(percent(Some(Decimal::MAX), Lang::Sv), "–");
        assert_eq!(duration(Some(d("38.4")), Lang::Sv), "3 år 2 mån");
        assert_eq!(duration(Some(d("38.5")), Lang::En), "3 years 3 months");
        assert_eq!(duration(Some(d("12")), Lang::En), "1 year");
        assert_eq!(duration(Some(d("13")), Lang::En), "1 year 1 month");
        assert_eq!(duration(Some(d("0")), Lang::Sv), "0 mån");
        assert_eq!(duration(Some(d("5.2")), Lang::Sv), "5 mån");
        assert_eq!(duration(None, Lang::Sv), "–");
    }
}
