//! Presentation of a report for people: a terminal table, Markdown, CSV and a self-contained
//! HTML page with a chart. Presentation rounds (money to whole units, ratios to two decimals,
//! by [`crate::format`]); the report itself never does. Everything shown comes from the
//! report, so Python and the page can present a report they only hold as JSON.
//!
//! Text from a model (names, warnings) is untrusted: each format neutralises what could act
//! in it (control characters in a terminal, markup in Markdown and HTML, formulas in CSV).

mod html;
mod table;
mod uncertainty;

pub use html::{html, html_with};
pub use table::{csv, markdown, price_list, table, table_wide};
pub use uncertainty::{sensitivity_table, simulation_table};

/// One sentence under a printed report naming the parameters whose values are assumptions (not
/// checked against a primary source), so a board reading the table knows which figures to
/// question first; `None` when every value the model uses has a source. Only values written as
/// numbers are named: a formula marked as an assumption inherits that from them, and naming
/// every such formula would bury the few figures to check under dozens of derived ones. The full price list with
/// sources is `ekusia bases --show` (and the HTML report's parameter table).
pub fn assumptions_note(
    parameters: &[crate::parameters::ParameterInfo],
    lang: Lang,
) -> Option<String> {
    let ids: Vec<&str> = parameters
        .iter()
        .filter(|p| p.quality == Some(crate::model::Quality::Assumption))
        .filter(|p| !matches!(p.definition, crate::num::Param::Formula(_)))
        .map(|p| p.id.as_str())
        .collect();
    if ids.is_empty() {
        return None;
    }
    let l = Labels::new(lang);
    let text = format!(
        "{} {}: {}.",
        ids.len(),
        l.t(
            "av modellens ingångsvärden är antaganden, inte kontrollerade mot en primärkälla (källor: ekusia bases --show)",
            "of the model's input values are assumptions, not checked against a primary source (sources: ekusia bases --show)"
        ),
        plain(&ids.join(", "))
    );
    Some(wrap(&text, 98))
}

/// Breaks text into lines of at most `width` characters at spaces (a word longer than the width
/// stays whole), so a note fits the same terminal as the table above it.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

use crate::format::{duration, money, number, optional, percent};
use crate::lang::Lang;
use crate::report::{Report, Row};
use rust_decimal::Decimal;

/// Labels in one language.
pub(crate) struct Labels {
    pub(crate) lang: Lang,
}

impl Labels {
    pub(crate) fn new(lang: Lang) -> Labels {
        Labels { lang }
    }

    /// A row's name in this language.
    pub(crate) fn name<'a>(&self, row: &'a Row) -> &'a str {
        row.names.get(self.lang)
    }

    pub(crate) fn t(&self, sv: &'static str, en: &'static str) -> &'static str {
        self.lang.pick(sv, en)
    }
}

/// Text safe to print on a terminal: control characters (escape sequences among them) are
/// shown as `�` instead of acting on the terminal.
pub fn plain(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect()
}

/// The summary's column headers.
pub(crate) fn headers(l: &Labels, with_success: bool) -> Vec<&'static str> {
    let mut h = vec![
        l.t("Aktör", "Actor"),
        l.t("Nuvärde effekt", "PV effect"),
        l.t("Nuvärde kostnad", "PV cost"),
        l.t("Nettonuvärde", "NPV"),
        l.t("Nytta/kostnad", "BCR"),
        l.t("Återbetalningstid", "Payback"),
        l.t("Effekt som krävs", "Break-even effect"),
        l.t("Netto per deltagare", "NPV per participant"),
    ];
    if with_success {
        h.push(l.t("Antal som måste lyckas", "Successes to break even"));
    }
    h.push(l.t("Rättvis kostnadsandel", "Fair cost share"));
    h
}

/// The summary's cells of one row, as text (not yet escaped for a format).
pub(crate) fn cells(r: &Row, report: &Report, l: &Labels) -> Vec<String> {
    let cur = &report.model.currency;
    let lang = l.lang;
    let mut c = vec![
        l.name(r).to_string(),
        money(r.pv_effect, cur, lang),
        money(r.pv_cost, cur, lang),
        money(r.npv, cur, lang),
        bcr(r.bcr, lang),
        crate::format::duration(r.payback_months, lang),
        percent(r.break_even_effect, lang),
        r.npv_per_participant
            .map(|d| money(d, cur, lang))
            .unwrap_or_else(|| "–".into()),
    ];
    if report.model.success.is_some() {
        c.push(whole_persons(r.break_even_successes, lang));
    }
    c.push(percent(r.fair_cost_share, lang));
    c
}

/// A benefit-cost ratio for people: two decimals, but "not meaningful" when it is negative (the
/// actor loses on the effects as well as paying: a ratio of −3 reads as a rank, not a loss).
/// The report keeps the number; only its presentation declines to show it.
pub(crate) fn bcr(v: Option<Decimal>, lang: Lang) -> String {
    match v {
        Some(d) if d.is_sign_negative() && !d.is_zero() => Labels::new(lang)
            .t("ej meningsfull", "not meaningful")
            .into(),
        _ => optional(v, 2, lang),
    }
}

/// How many must succeed, in whole persons: a break-even of 11.2 successes needs 12 people.
pub(crate) fn whole_persons(v: Option<Decimal>, lang: Lang) -> String {
    optional(v.map(|d| d.ceil()), 0, lang)
}

/// The compact summary a 100-column terminal shows: the row, its net present value, the
/// benefit-cost ratio, the payback time, the effect that must come true, the fair cost share.
pub(crate) fn compact_headers(l: &Labels) -> Vec<&'static str> {
    vec![
        l.t("Aktör", "Actor"),
        l.t("Nettonuvärde", "NPV"),
        l.t("Nytta/kostnad", "BCR"),
        l.t("Återbetald", "Payback"),
        l.t("Krävd effekt", "Break-even"),
        l.t("Rättvis andel", "Fair share"),
    ]
}

/// The compact summary's cells of one row.
pub(crate) fn compact_cells(r: &Row, report: &Report, l: &Labels) -> Vec<String> {
    let lang = l.lang;
    vec![
        l.name(r).to_string(),
        money(r.npv, &report.model.currency, lang),
        bcr(r.bcr, lang),
        duration(r.payback_months, lang),
        percent(r.break_even_effect, lang),
        percent(r.fair_cost_share, lang),
    ]
}

/// The title and the line under it: currency, prices, horizon, rate, participants, attribution.
pub(crate) fn heading(report: &Report, l: &Labels) -> (String, String) {
    let m = &report.model;
    let constant = m.discount_rates.iter().all(|r| *r == m.discount_rates[0]);
    let rate = match m
        .discount_rates
        .first()
        .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    {
        Some(p) if constant => format!("{} %", number(p, 1, l.lang)),
        _ => l.t("stegvis", "stepped").to_string(),
    };
    let price = m
        .price_year
        .map(|p| format!(", {} {p}", l.t("prisnivå", "prices")))
        .unwrap_or_default();
    let people = number(Decimal::from(m.participants), 0, l.lang);
    let attributed = percent(Some(m.attribution), l.lang);
    let sub = match l.lang {
        Lang::Sv => format!(
            "{}{price} · {} år · diskonteringsränta {rate} · {people} deltagare · tillskriven effekt {attributed}",
            m.currency, m.horizon
        ),
        Lang::En => format!(
            "{}{price} · {} years · discount rate {rate} · {people} participants · {attributed} of the effect attributed",
            m.currency, m.horizon
        ),
    };
    (m.name.clone(), sub)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_negative_benefit_cost_ratio_is_not_shown_as_a_number() {
        let d = |s| Some(Decimal::from_str(s).unwrap());
        assert_eq!(bcr(d("-3.1770"), Lang::Sv), "ej meningsfull");
        assert_eq!(bcr(d("-0.01"), Lang::En), "not meaningful");
        assert_eq!(bcr(d("2.1075"), Lang::Sv), "2,11");
        assert_eq!(bcr(d("0"), Lang::En), "0.00");
        assert_eq!(bcr(None, Lang::Sv), "–");
    }

    #[test]
    fn notes_wrap_at_spaces() {
        assert_eq!(wrap("aa bb cc", 5), "aa bb\ncc");
        assert_eq!(wrap("aaaaaaa b", 3), "aaaaaaa\nb");
        assert!(wrap(&"word ".repeat(100), 98)
            .lines()
            .all(|l| l.chars().count() <= 98));
    }

    #[test]
    fn how_many_must_succeed_is_rounded_up_to_whole_persons() {
        let d = |s| Some(Decimal::from_str(s).unwrap());
        assert_eq!(whole_persons(d("11.2"), Lang::Sv), "12");
        assert_eq!(whole_persons(d("12"), Lang::Sv), "12");
        assert_eq!(whole_persons(d("0.0001"), Lang::En), "1");
        assert_eq!(whole_persons(None, Lang::En), "–");
    }
}
