//! Presentation of a report for people: a terminal table, Markdown, CSV and a self-contained
//! HTML page with a chart. Presentation rounds (money to whole units, ratios to two
//! decimals); the report itself never does.

use crate::report::{Report, Row, RowKind};
use crate::validate::Validated;
use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use rust_decimal::{Decimal, RoundingStrategy};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The language of labels and number formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Sv,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }
}

/// Row names in one language (actors from the model, aggregates from a fixed list).
pub struct Labels {
    lang: Lang,
    names: HashMap<String, String>,
}

impl Labels {
    pub fn new(v: &Validated, lang: Lang) -> Labels {
        let mut names: HashMap<String, String> = v
            .actors
            .iter()
            .map(|a| (a.id.clone(), a.name.get(lang.code()).to_string()))
            .collect();
        let (p, s) = match lang {
            Lang::Sv => ("Offentlig sektor", "Samhället"),
            Lang::En => ("Public sector", "Society"),
        };
        names.insert("public_sector".into(), p.into());
        names.insert("society".into(), s.into());
        Labels { lang, names }
    }

    fn name<'a>(&'a self, row: &'a Row) -> &'a str {
        self.names
            .get(&row.id)
            .map(String::as_str)
            .unwrap_or(&row.name)
    }

    fn t(&self, sv: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

/// Groups the digits of a whole number: `1 234 567` (sv) or `1,234,567` (en).
fn group(int: &str, sep: &str) -> String {
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push_str(sep);
        }
        out.push(ch);
    }
    format!("{sign}{out}")
}

/// A number rounded to `dp` decimals and formatted for `lang`.
pub fn number(d: Decimal, dp: u32, lang: Lang) -> String {
    let r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
    let r = if r.is_zero() { Decimal::ZERO } else { r };
    let s = format!("{:.*}", dp as usize, r);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let (sep, point) = match lang {
        Lang::Sv => (" ", ","),
        Lang::En => (",", "."),
    };
    match frac {
        Some(f) => format!("{}{point}{f}", group(&int, sep)),
        None => group(&int, sep),
    }
}

/// Money in whole units with the currency: `1 234 567 kr` (sv, SEK) or `SEK 1,234,567`.
pub fn money(d: Decimal, currency: &str, lang: Lang) -> String {
    let n = number(d, 0, lang);
    match (lang, currency) {
        (Lang::Sv, "SEK") => format!("{n} kr"),
        (Lang::Sv, c) => format!("{n} {c}"),
        (Lang::En, c) => format!("{c} {n}"),
    }
}

fn opt(d: Option<Decimal>, dp: u32, lang: Lang) -> String {
    d.map(|d| number(d, dp, lang)).unwrap_or_else(|| "–".into())
}

fn percent(d: Option<Decimal>, lang: Lang) -> String {
    d.map(|d| format!("{} %", number(d * Decimal::ONE_HUNDRED, 0, lang)))
        .unwrap_or_else(|| "–".into())
}

/// A terminal table with the project's style and these headers.
fn terminal_table(headers: Vec<&str>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers);
    t
}

/// A right-aligned (numeric) cell.
fn right(text: impl Into<String>) -> Cell {
    Cell::new(text.into()).set_alignment(CellAlignment::Right)
}

/// Table order: the public and other actors, then the public sector, society and the individual
/// (EKUSIA's actor, society and individual levels).
fn ordered(report: &Report) -> Vec<&Row> {
    let mut out: Vec<&Row> = report
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Public | RowKind::Other))
        .collect();
    out.extend(report.rows.iter().filter(|r| r.kind == RowKind::Aggregate));
    out.extend(report.rows.iter().filter(|r| r.kind == RowKind::Individual));
    out
}

fn headers(l: &Labels, with_success: bool) -> Vec<&'static str> {
    let mut h = vec![
        l.t("Aktör", "Actor"),
        l.t("Nuvärde effekt", "PV effect"),
        l.t("Nuvärde kostnad", "PV cost"),
        l.t("Nettonuvärde", "NPV"),
        l.t("Nytta/kostnad", "BCR"),
        l.t("Återbetald år", "Payback year"),
        l.t("Effekt som krävs", "Break-even effect"),
        l.t("Netto per deltagare", "NPV per participant"),
    ];
    if with_success {
        h.push(l.t("Antal som måste lyckas", "Successes to break even"));
    }
    h.push(l.t("Rättvis kostnadsandel", "Fair cost share"));
    h
}

fn cells(r: &Row, report: &Report, l: &Labels, with_success: bool) -> Vec<String> {
    let cur = &report.model.currency;
    let lang = l.lang;
    let mut c = vec![
        l.name(r).to_string(),
        money(r.pv_effect, cur, lang),
        money(r.pv_cost, cur, lang),
        money(r.npv, cur, lang),
        opt(r.bcr, 2, lang),
        r.payback_year
            .map(|y| y.to_string())
            .unwrap_or_else(|| "–".into()),
        percent(r.break_even_effect, lang),
        r.npv_per_participant
            .map(|d| money(d, cur, lang))
            .unwrap_or_else(|| "–".into()),
    ];
    if with_success {
        c.push(opt(r.break_even_successes, 1, lang));
    }
    c.push(percent(r.fair_cost_share, lang));
    c
}

fn heading(report: &Report, v: &Validated, l: &Labels) -> (String, String) {
    let m = &report.model;
    let rate = if m.discount_rates.iter().all(|r| *r == m.discount_rates[0]) {
        format!(
            "{} %",
            number(m.discount_rates[0] * Decimal::ONE_HUNDRED, 1, l.lang)
        )
    } else {
        l.t("stegvis", "stepped").to_string()
    };
    let price = m
        .price_year
        .map(|p| format!(", {} {p}", l.t("prisnivå", "prices")))
        .unwrap_or_default();
    let sub = match l.lang {
        Lang::Sv => format!(
            "{}{price}, {} år, diskonteringsränta {rate}, {} deltagare, {} i effekten tillskrivs insatsen",
            m.currency,
            m.horizon,
            number(Decimal::from(m.participants), 0, l.lang),
            percent(Some(v.attribution), l.lang)
        ),
        Lang::En => format!(
            "{}{price}, {} years, discount rate {rate}, {} participants, {} of the effect attributed",
            m.currency,
            m.horizon,
            number(Decimal::from(m.participants), 0, l.lang),
            percent(Some(v.attribution), l.lang)
        ),
    };
    (m.name.clone(), sub)
}

fn warnings_text(report: &Report, l: &Labels) -> String {
    let mut s = String::new();
    for w in &report.warnings {
        let _ = writeln!(s, "{}: {w}", l.t("Varning", "Warning"));
    }
    s
}

/// The terminal table an analyst reads first.
pub fn table(report: &Report, v: &Validated, lang: Lang) -> String {
    let l = Labels::new(v, lang);
    let ws = v.success.is_some();
    let mut t = terminal_table(headers(&l, ws));
    for r in ordered(report) {
        let row: Vec<Cell> = cells(r, report, &l, ws)
            .into_iter()
            .enumerate()
            .map(|(i, c)| if i == 0 { Cell::new(c) } else { right(c) })
            .collect();
        t.add_row(row);
    }
    let (title, sub) = heading(report, v, &l);
    format!("{title}\n{sub}\n{t}\n{}", warnings_text(report, &l))
}

/// The summary as a Markdown table.
pub fn markdown(report: &Report, v: &Validated, lang: Lang) -> String {
    let l = Labels::new(v, lang);
    let ws = v.success.is_some();
    let (title, sub) = heading(report, v, &l);
    let mut s = format!("# {title}\n\n{sub}\n\n");
    let h = headers(&l, ws);
    let _ = writeln!(s, "| {} |", h.join(" | "));
    let _ = writeln!(
        s,
        "|{}",
        h.iter()
            .enumerate()
            .map(|(i, _)| if i == 0 { " --- |" } else { " ---: |" })
            .collect::<String>()
    );
    for r in ordered(report) {
        let _ = writeln!(s, "| {} |", cells(r, report, &l, ws).join(" | "));
    }
    for w in &report.warnings {
        let _ = write!(s, "\n> {}: {w}\n", l.t("Varning", "Warning"));
    }
    s
}

fn opt_str(d: Option<Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// The summary as CSV at full precision (machine-readable: `.` decimals, no grouping).
pub fn csv(report: &Report, v: &Validated, lang: Lang) -> String {
    let l = Labels::new(v, lang);
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "name",
        "kind",
        "pv_effect",
        "pv_cost",
        "npv",
        "bcr",
        "roi",
        "payback_year",
        "break_even_effect",
        "npv_per_participant",
        "success_value",
        "break_even_successes",
        "fair_cost_share",
    ]);
    for r in &report.rows {
        let kind = serde_json::to_value(r.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = w.write_record([
            r.id.clone(),
            l.name(r).to_string(),
            kind,
            r.pv_effect.normalize().to_string(),
            r.pv_cost.normalize().to_string(),
            r.npv.normalize().to_string(),
            opt_str(r.bcr),
            opt_str(r.roi),
            r.payback_year.map(|y| y.to_string()).unwrap_or_default(),
            opt_str(r.break_even_effect),
            opt_str(r.npv_per_participant),
            opt_str(r.success_value),
            opt_str(r.break_even_successes),
            opt_str(r.fair_cost_share),
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const PALETTE: &[&str] = &[
    "#1b6ca8", "#d1495b", "#edae49", "#00798c", "#6a4c93", "#8a8a8a", "#2e4057", "#3c9d3c",
];

/// Cumulative discounted net per row as an SVG line chart, payback years marked with a dot.
/// Hand-written: a few polylines need no charting dependency, and the SVG stays a few KB.
fn chart(report: &Report, l: &Labels) -> String {
    let rows = ordered(report);
    let h = report.model.horizon;
    let (w, ht, left, right, top, bottom) = (760.0f64, 360.0f64, 90.0, 170.0, 20.0, 40.0);
    let pw = w - left - right;
    let ph = ht - top - bottom;
    let vals: Vec<f64> = rows
        .iter()
        .flat_map(|r| {
            r.years.iter().map(|y| {
                y.cumulative_pv_net
                    .to_string()
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .collect();
    let mut lo = vals.iter().cloned().fold(0.0f64, f64::min);
    let mut hi = vals.iter().cloned().fold(0.0f64, f64::max);
    if hi - lo < 1.0 {
        hi += 1.0;
        lo -= 1.0;
    }
    let x = |t: usize| {
        left + if h > 1 {
            pw * t as f64 / (h - 1) as f64
        } else {
            pw / 2.0
        }
    };
    let y = |v: f64| top + ph * (hi - v) / (hi - lo);
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {ht}" role="img" aria-label="{}" style="max-width:100%;height:auto;font:12px sans-serif">"#,
        esc(l.t(
            "Ackumulerat diskonterat netto per aktör",
            "Cumulative discounted net per actor"
        ))
    );
    // Axes, zero line and ticks.
    let _ = write!(
        s,
        r##"<line x1="{left}" y1="{}" x2="{}" y2="{}" stroke="#444"/>"##,
        y(0.0),
        left + pw,
        y(0.0)
    );
    for i in 0..=4 {
        let v = lo + (hi - lo) * i as f64 / 4.0;
        let d = Decimal::from_f64_retain(v).unwrap_or_default();
        let _ = write!(
            s,
            r##"<line x1="{left}" y1="{yy}" x2="{}" y2="{yy}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end">{}</text>"##,
            left + pw,
            left - 6.0,
            y(v) + 4.0,
            esc(&number(d, 0, l.lang)),
            yy = y(v)
        );
    }
    for t in 0..h {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{t}</text>"#,
            x(t),
            top + ph + 16.0
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
        left + pw / 2.0,
        ht - 4.0,
        l.t("år", "year")
    );
    for (i, r) in rows.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let pts: Vec<String> = r
            .years
            .iter()
            .map(|yr| {
                format!(
                    "{:.1},{:.1}",
                    x(yr.year),
                    y(yr.cumulative_pv_net
                        .to_string()
                        .parse::<f64>()
                        .unwrap_or(0.0))
                )
            })
            .collect();
        let width = if r.kind == RowKind::Aggregate {
            3
        } else {
            1.5 as i32
        };
        let _ = write!(
            s,
            r#"<polyline fill="none" stroke="{color}" stroke-width="{width}" points="{}"/>"#,
            pts.join(" ")
        );
        if let Some(p) = r.payback_year {
            let v = r.years[p]
                .cumulative_pv_net
                .to_string()
                .parse::<f64>()
                .unwrap_or(0.0);
            let _ = write!(
                s,
                r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{color}"><title>{}: {} {p}</title></circle>"#,
                x(p),
                y(v),
                esc(l.name(r)),
                l.t("återbetald år", "payback year")
            );
        }
        let ly = top + 14.0 * i as f64 + 8.0;
        let _ = write!(
            s,
            r#"<rect x="{}" y="{}" width="12" height="4" fill="{color}"/><text x="{}" y="{}">{}</text>"#,
            left + pw + 12.0,
            ly - 4.0,
            left + pw + 28.0,
            ly + 1.0,
            esc(l.name(r))
        );
    }
    s.push_str("</svg>");
    s
}

/// One self-contained HTML file: summary, chart and yearly table.
pub fn html(report: &Report, v: &Validated, lang: Lang) -> String {
    let l = Labels::new(v, lang);
    let ws = v.success.is_some();
    let (title, sub) = heading(report, v, &l);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<!doctype html><html lang="{}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>
body{{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;padding:0 1rem;color:#222}}
table{{border-collapse:collapse;margin:1rem 0;font-size:14px}}th,td{{padding:4px 8px;border-bottom:1px solid #ddd;white-space:nowrap}}th{{white-space:normal;vertical-align:bottom}}
td.n{{text-align:right;font-variant-numeric:tabular-nums}}th{{text-align:right;background:#f3f5f7}}th:first-child{{text-align:left}}tr.agg td{{font-weight:600}}
.scroll{{overflow-x:auto}}.warn{{color:#8a4b00}}small{{color:#555}}
</style></head><body>"#,
        lang.code(),
        esc(&title)
    );
    let _ = write!(s, "<h1>{}</h1><p>{}</p>", esc(&title), esc(&sub));
    for w in &report.warnings {
        let _ = write!(
            s,
            r#"<p class="warn">{}: {}</p>"#,
            l.t("Varning", "Warning"),
            esc(w)
        );
    }
    let _ = write!(
        s,
        "<h2>{}</h2><div class=\"scroll\"><table><tr>",
        l.t("Sammanfattning", "Summary")
    );
    for hd in headers(&l, ws) {
        let _ = write!(s, "<th>{}</th>", esc(hd));
    }
    s.push_str("</tr>");
    for r in ordered(report) {
        let cls = if r.kind == RowKind::Aggregate {
            " class=\"agg\""
        } else {
            ""
        };
        let _ = write!(s, "<tr{cls}>");
        for (i, c) in cells(r, report, &l, ws).iter().enumerate() {
            let _ = write!(
                s,
                "<td{}>{}</td>",
                if i == 0 { "" } else { " class=\"n\"" },
                esc(c)
            );
        }
        s.push_str("</tr>");
    }
    s.push_str("</table></div>");
    let _ = write!(
        s,
        "<h2>{}</h2>{}<p><small>{}</small></p>",
        l.t("Ackumulerat diskonterat netto", "Cumulative discounted net"),
        chart(report, &l),
        l.t(
            "En prick markerar återbetalningsåret.",
            "A dot marks the payback year."
        )
    );
    let _ = write!(s, "<h2>{}</h2>", l.t("År för år", "Year by year"));
    let cols = [
        l.t("År", "Year"),
        l.t("Diskonteringsfaktor", "Discount factor"),
        l.t("Med insats", "With"),
        l.t("Utan insats", "Without"),
        l.t("Effekt", "Effect"),
        l.t("Kostnad", "Cost"),
        l.t("Netto", "Net"),
        l.t("Nuvärde netto", "PV net"),
        l.t("Ackumulerat", "Cumulative"),
    ];
    for r in ordered(report) {
        let _ = write!(
            s,
            "<h3>{}</h3><div class=\"scroll\"><table><tr>",
            esc(l.name(r))
        );
        for c in cols {
            let _ = write!(s, "<th>{}</th>", esc(c));
        }
        s.push_str("</tr>");
        for y in &r.years {
            let cur = &report.model.currency;
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                y.year,
                number(y.discount_factor, 4, lang),
                esc(&money(y.with, cur, lang)),
                esc(&money(y.without, cur, lang)),
                esc(&money(y.effect, cur, lang)),
                esc(&money(y.cost, cur, lang)),
                esc(&money(y.net, cur, lang)),
                esc(&money(y.pv_net, cur, lang)),
                esc(&money(y.cumulative_pv_net, cur, lang)),
            );
        }
        s.push_str("</table></div>");
    }
    let _ = writeln!(
        s,
        "<p><small>ekusia {}</small></p></body></html>",
        crate::VERSION
    );
    s
}

/// The simulation summary as a terminal table: per row the mean, spread, percentiles and the
/// probability that npv > 0.
pub fn simulation_table(sim: &crate::sim::Simulation, v: &Validated, lang: Lang) -> String {
    let l = Labels::new(v, lang);
    let mut t = terminal_table(vec![
        l.t("Aktör", "Actor"),
        l.t("Medelvärde NNV", "Mean NPV"),
        l.t("Std.avvikelse", "Std. dev."),
        "P5",
        "P50",
        "P95",
        l.t("P(NNV > 0)", "P(NPV > 0)"),
    ]);
    let cur = v.currency.as_str();
    let dec = |x: f64| Decimal::from_f64_retain(x).unwrap_or_default();
    for r in &sim.rows {
        let name = l
            .names
            .get(&r.id)
            .cloned()
            .unwrap_or_else(|| r.name.clone());
        let row = vec![
            Cell::new(name),
            right(money(dec(r.mean), cur, lang)),
            right(money(dec(r.sd), cur, lang)),
            right(money(dec(r.p5), cur, lang)),
            right(money(dec(r.p50), cur, lang)),
            right(money(dec(r.p95), cur, lang)),
            right(format!("{} %", number(dec(r.p_positive * 100.0), 1, lang))),
        ];
        t.add_row(row);
    }
    let head = match lang {
        Lang::Sv => format!(
            "Monte Carlo: {} körningar, frö {}, {} osäkra parametrar (kvantiler: {})",
            number(Decimal::from(sim.runs), 0, lang),
            sim.seed,
            sim.parameters.len(),
            if sim.quantiles == "exact" {
                "exakta"
            } else {
                "histogram"
            }
        ),
        Lang::En => format!(
            "Monte Carlo: {} runs, seed {}, {} uncertain parameters (quantiles: {})",
            number(Decimal::from(sim.runs), 0, lang),
            sim.seed,
            sim.parameters.len(),
            sim.quantiles
        ),
    };
    format!("{head}\n{t}\n")
}

/// The tornado as a terminal table, largest swing first.
pub fn sensitivity_table(
    s: &crate::uncertainty::Sensitivity,
    currency: &str,
    lang: Lang,
) -> String {
    let l = Labels {
        lang,
        names: HashMap::new(),
    };
    let mut t = terminal_table(vec![
        l.t("Parameter", "Parameter"),
        l.t("Låg", "Low"),
        l.t("Hög", "High"),
        l.t("Samhällets NNV, låg", "Society NPV, low"),
        l.t("Samhällets NNV, hög", "Society NPV, high"),
        l.t("Utslag", "Swing"),
    ]);
    for r in &s.rows {
        t.add_row(vec![
            Cell::new(&r.path),
            right(
                number(r.low, 4, lang)
                    .trim_end_matches('0')
                    .trim_end_matches([',', '.']),
            ),
            right(
                number(r.high, 4, lang)
                    .trim_end_matches('0')
                    .trim_end_matches([',', '.']),
            ),
            right(money(r.npv_low, currency, lang)),
            right(money(r.npv_high, currency, lang)),
            right(money(r.swing, currency, lang)),
        ]);
    }
    let method = match (lang, s.method.as_str()) {
        (Lang::Sv, "distributions") => "varje osäker parameter vid sitt låga och höga värde",
        (Lang::Sv, _) => "varje belopp och andel ±20 %",
        (Lang::En, "distributions") => "each uncertain parameter at its low and high value",
        (Lang::En, _) => "each amount and share ±20 %",
    };
    let mut out = format!(
        "{}: {method}; {} {}\n{t}\n",
        l.t("Känslighetsanalys", "Sensitivity analysis"),
        l.t("samhällets nettonuvärde", "society's NPV"),
        money(s.npv, currency, lang)
    );
    for sk in &s.skipped {
        out.push_str(&format!(
            "{}: {} ({})\n",
            l.t("Ej varierad", "Not varied"),
            sk.path,
            sk.reason
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn swedish_and_english_numbers() {
        assert_eq!(money(d("1234567.4"), "SEK", Lang::Sv), "1 234 567 kr");
        assert_eq!(money(d("-1234567.5"), "SEK", Lang::Sv), "-1 234 568 kr");
        assert_eq!(money(d("999.5"), "EUR", Lang::Sv), "1 000 EUR");
        assert_eq!(money(d("1234567"), "SEK", Lang::En), "SEK 1,234,567");
        assert_eq!(number(d("6.5491"), 2, Lang::Sv), "6,55");
        assert_eq!(number(d("12345.678"), 1, Lang::En), "12,345.7");
        // A value that rounds to zero is shown without a minus sign.
        assert_eq!(number(d("-0.004"), 2, Lang::Sv), "0,00");
        assert_eq!(percent(Some(d("0.25")), Lang::Sv), "25 %");
        assert_eq!(opt(None, 2, Lang::Sv), "–");
    }
}
