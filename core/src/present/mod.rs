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
    Some(format!(
        "{} {}: {}.",
        ids.len(),
        l.t(
            "av modellens ingångsvärden är antaganden, inte kontrollerade mot en primärkälla (källor: ekusia bases --show)",
            "of the model's input values are assumptions, not checked against a primary source (sources: ekusia bases --show)"
        ),
        plain(&ids.join(", "))
    ))
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
        optional(r.bcr, 2, lang),
        crate::format::duration(r.payback_months, lang),
        percent(r.break_even_effect, lang),
        r.npv_per_participant
            .map(|d| money(d, cur, lang))
            .unwrap_or_else(|| "–".into()),
    ];
    if report.model.success.is_some() {
        c.push(optional(r.break_even_successes, 1, lang));
    }
    c.push(percent(r.fair_cost_share, lang));
    c
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
        optional(r.bcr, 2, lang),
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
