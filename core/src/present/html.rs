//! The self-contained HTML report: summary, a chart of cumulative discounted net, and
//! year-by-year tables. Every text from the model is escaped.

use super::{cells, headers, heading, Labels};
use crate::format::{money, number};
use crate::lang::Lang;
use crate::parameters::ParameterInfo;
use crate::report::{Report, Row, RowKind};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// Text for HTML content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const PALETTE: &[&str] = &[
    "#1b6ca8", "#d1495b", "#edae49", "#00798c", "#6a4c93", "#8a8a8a", "#2e4057", "#3c9d3c",
];

/// Where each row's value comes from (a bar per kind of flow), the milestones, the potential
/// and the outcomes (SPEC §8.4–§8.6).
fn outputs_sections(s: &mut String, report: &Report, l: &Labels) {
    let cur = &report.model.currency;
    let lang = l.lang;
    let _ = write!(
        s,
        "<h2>{}</h2>",
        l.t("Var värdet kommer ifrån", "Where the value comes from")
    );
    for r in report.reading_order() {
        let parts: Vec<(String, f64, Decimal)> = r
            .breakdown
            .iter()
            .filter(|b| !b.pv_effect.is_zero())
            .map(|b| {
                let label = match &b.category {
                    Some(c) => format!("{} ({})", category_label(c, l), kind_label(&b.kind, l)),
                    None => kind_label(&b.kind, l).to_string(),
                };
                (label, float(b.pv_effect), b.pv_effect)
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let _ = write!(s, "<h3>{}</h3>", esc(l.name(r)));
        s.push_str(&bars(&parts, cur, lang));
    }
    let with_milestones = report.rows.iter().any(|r| !r.milestones.is_empty());
    if with_milestones {
        let _ = write!(
            s,
            "<h2>{}</h2><div class=\"scroll\"><table><tr><th>{}</th>",
            l.t("Kort och medellång sikt", "Short and medium term"),
            esc(l.t("Aktör", "Actor"))
        );
        for m in &report.rows[0].milestones {
            let _ = write!(
                s,
                "<th>{} {}</th>",
                l.t("Nettonuvärde efter år", "NPV after year"),
                m.years
            );
        }
        s.push_str("</tr>");
        for r in report.reading_order() {
            let _ = write!(s, "<tr><td>{}</td>", esc(l.name(r)));
            for m in &r.milestones {
                let _ = write!(s, "<td class=\"n\">{}</td>", esc(&money(m.npv, cur, lang)));
            }
            s.push_str("</tr>");
        }
        s.push_str("</table></div>");
    }
    if report.model.success.is_some() {
        let _ = write!(
            s,
            "<h2>{}</h2><div class=\"scroll\"><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            l.t(
                "Möjlig vinst och hur mycket som nåddes",
                "The possible gain and how much was reached"
            ),
            esc(l.t("Aktör", "Actor")),
            esc(l.t("Möjlig vinst", "Potential")),
            esc(l.t("Uppnådd andel", "Efficiency"))
        );
        for r in report.reading_order() {
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                esc(l.name(r)),
                esc(&r.potential.map_or("–".into(), |d| money(d, cur, lang))),
                esc(&crate::format::percent(r.efficiency, lang))
            );
        }
        s.push_str("</table></div>");
    }
    for o in &report.outcomes {
        let unit = o.unit.as_ref().map_or("", |u| u.get(lang));
        let _ = write!(
            s,
            "<h2>{}</h2><p>{}: {} {} · {}: {} {}</p><div class=\"scroll\"><table><tr><th>{}</th><th>{}</th></tr>",
            esc(o.names.get(lang)),
            l.t("Effekt", "Effect"),
            esc(&number(o.effect, 1, lang)),
            esc(unit),
            l.t("nuvärde", "present value"),
            esc(&number(o.pv_effect, 1, lang)),
            esc(unit),
            esc(l.t("Aktör", "Actor")),
            esc(&format!("{} / {}", l.t("Nettokostnad", "Net cost"), if unit.is_empty() { l.t("enhet", "unit") } else { unit }))
        );
        for r in report.reading_order() {
            let v = o.net_cost_per_unit.get(&r.id).and_then(|v| v.0);
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td></tr>",
                esc(l.name(r)),
                esc(&v.map_or("–".into(), |d| money(d, cur, lang)))
            );
        }
        s.push_str("</table></div>");
    }
}

/// A category in words: the bundled base's categories are translated, others shown as written.
fn category_label(c: &str, l: &Labels) -> String {
    let known = match c {
        "tax" | "taxes" => Some(l.t("skatter", "taxes")),
        "benefits" => Some(l.t("ersättningar", "benefits")),
        "production" => Some(l.t("produktion", "production")),
        "care" | "health_care" => Some(l.t("vård", "care")),
        "case_work" => Some(l.t("handläggning", "case work")),
        "programmes" => Some(l.t("arbetsmarknadsprogram", "labour-market programmes")),
        "education" => Some(l.t("utbildning", "education")),
        "subsidies" => Some(l.t("subventioner", "subsidies")),
        _ => None,
    };
    known.map_or_else(|| c.replace('_', " "), str::to_string)
}

fn kind_label(kind: &str, l: &Labels) -> &'static str {
    match kind {
        "production" => l.t("produktion", "production"),
        "resource" => l.t("resurser", "resources"),
        _ => l.t("transfereringar", "transfers"),
    }
}

/// Horizontal bars from a zero line: gains to the right, losses to the left, each labelled.
fn bars(parts: &[(String, f64, Decimal)], currency: &str, lang: Lang) -> String {
    let max = parts.iter().map(|(_, v, _)| v.abs()).fold(1.0f64, f64::max);
    let (w, label_w, row_h) = (860.0f64, 300.0f64, 22.0f64);
    // Room on both sides for the amounts written at the bars' ends.
    let half = (w - label_w - 200.0) / 2.0;
    let zero = label_w + 100.0 + half;
    let h = row_h * parts.len() as f64 + 6.0;
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" style="max-width:100%;height:auto;font:12px sans-serif" role="img">"#
    );
    for (i, (label, v, d)) in parts.iter().enumerate() {
        let y = 3.0 + row_h * i as f64;
        let len = half * v.abs() / max;
        let x = if *v >= 0.0 { zero } else { zero - len };
        let color = if *v >= 0.0 { "#1b6ca8" } else { "#d1495b" };
        let _ = write!(
            s,
            r#"<text x="0" y="{:.1}">{}</text><rect x="{x:.1}" y="{y:.1}" width="{len:.1}" height="{:.1}" fill="{color}"/><text x="{:.1}" y="{:.1}" text-anchor="{}">{}</text>"#,
            y + 14.0,
            esc(label),
            row_h - 6.0,
            if *v >= 0.0 { x + len + 4.0 } else { x - 4.0 },
            y + 14.0,
            if *v >= 0.0 { "start" } else { "end" },
            esc(&money(*d, currency, lang))
        );
    }
    let _ = write!(
        s,
        r##"<line x1="{zero}" y1="0" x2="{zero}" y2="{h}" stroke="#444"/></svg>"##
    );
    s
}

/// The groups section (SPEC §8.3), when the model has groups.
fn groups_section(s: &mut String, report: &Report, l: &Labels) {
    if report.groups.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<h2>{}</h2><div class=\"scroll\"><table><tr>",
        l.t("Målgrupper", "Target groups")
    );
    for h in super::table::group_headers(l) {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr>");
    for row in super::table::group_cells(report, l) {
        s.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
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
}

/// The parameters used, with their values and sources (SPEC §8.1).
fn parameters_section(s: &mut String, parameters: &[ParameterInfo], l: &Labels) {
    if parameters.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<h2>{}</h2><div class=\"scroll\"><table><tr>",
        l.t("Parametrar och källor", "Parameters and sources")
    );
    for h in [
        l.t("Parameter", "Parameter"),
        l.t("Värde", "Value"),
        l.t("Enhet", "Unit"),
        l.t("Källa", "Source"),
        l.t("År", "Year"),
        l.t("Kvalitet", "Quality"),
    ] {
        let _ = write!(s, "<th>{}</th>", esc(h));
    }
    s.push_str("</tr>");
    for p in parameters {
        let name = p
            .names
            .as_ref()
            .map_or(p.id.clone(), |n| format!("{} ({})", n.get(l.lang), p.id));
        let quality = match p.quality {
            Some(crate::model::Quality::Verified) => l.t("verifierad", "verified"),
            Some(crate::model::Quality::Derived) => l.t("härledd", "derived"),
            Some(crate::model::Quality::Assumption) => l.t("antagande", "assumption"),
            None => "–",
        };
        let _ = write!(
            s,
            "<tr><td>{}</td><td class=\"n\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&name),
            esc(&number_plain(p.value, l.lang)),
            esc(p.unit.as_ref().map_or("", |u| u.get(l.lang))),
            esc(p.source.as_deref().unwrap_or("–")),
            p.year.map_or("–".into(), |y| y.to_string()),
            esc(quality)
        );
    }
    s.push_str("</table></div>");
}

/// A parameter's value in full (no rounding beyond its own digits), written for the language.
fn number_plain(d: Decimal, lang: Lang) -> String {
    let d = d.normalize();
    number(d, d.scale(), lang)
}

/// The plotting area of the chart: where a year and a value land.
struct Frame {
    horizon: usize,
    lo: f64,
    hi: f64,
}

const W: f64 = 760.0;
const HT: f64 = 360.0;
const LEFT: f64 = 90.0;
const RIGHT: f64 = 170.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 40.0;
const PW: f64 = W - LEFT - RIGHT;
const PH: f64 = HT - TOP - BOTTOM;

impl Frame {
    fn x(&self, t: usize) -> f64 {
        LEFT + if self.horizon > 1 {
            PW * t as f64 / (self.horizon - 1) as f64
        } else {
            PW / 2.0
        }
    }
    fn y(&self, v: f64) -> f64 {
        TOP + PH * (self.hi - v) / (self.hi - self.lo)
    }
}

fn float(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

/// Axes, zero line, value ticks and year labels.
fn axes(s: &mut String, f: &Frame, l: &Labels) {
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" y1="{}" x2="{}" y2="{}" stroke="#444"/>"##,
        f.y(0.0),
        LEFT + PW,
        f.y(0.0)
    );
    for i in 0..=4 {
        let v = f.lo + (f.hi - f.lo) * i as f64 / 4.0;
        let d = Decimal::from_f64_retain(v).unwrap_or_default();
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" y1="{yy}" x2="{}" y2="{yy}" stroke="#ddd"/><text x="{}" y="{}" text-anchor="end">{}</text>"##,
            LEFT + PW,
            LEFT - 6.0,
            f.y(v) + 4.0,
            esc(&number(d, 0, l.lang)),
            yy = f.y(v)
        );
    }
    for t in 0..f.horizon {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
            f.x(t),
            TOP + PH + 16.0,
            t + 1
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle">{}</text>"#,
        LEFT + PW / 2.0,
        HT - 4.0,
        l.t("år", "year")
    );
}

/// One row's line, its payback dot and its legend entry.
fn line(s: &mut String, f: &Frame, r: &Row, i: usize, l: &Labels) {
    let color = PALETTE[i % PALETTE.len()];
    let pts: Vec<String> = r
        .years
        .iter()
        .map(|yr| {
            format!(
                "{:.1},{:.1}",
                f.x(yr.year),
                f.y(float(yr.cumulative_pv_net))
            )
        })
        .collect();
    let width = if r.kind == RowKind::Aggregate {
        3.0
    } else {
        1.5
    };
    let _ = write!(
        s,
        r#"<polyline fill="none" stroke="{color}" stroke-width="{width}" points="{}"/>"#,
        pts.join(" ")
    );
    if let Some(p) = r.payback_year {
        let _ = write!(
            s,
            r#"<circle cx="{:.1}" cy="{:.1}" r="5" fill="{color}"><title>{}: {} {p}</title></circle>"#,
            f.x(p),
            f.y(float(r.years[p].cumulative_pv_net)),
            esc(l.name(r)),
            l.t("återbetald år", "payback year")
        );
    }
    let ly = TOP + 14.0 * i as f64 + 8.0;
    let _ = write!(
        s,
        r#"<rect x="{}" y="{}" width="12" height="4" fill="{color}"/><text x="{}" y="{}">{}</text>"#,
        LEFT + PW + 12.0,
        ly - 4.0,
        LEFT + PW + 28.0,
        ly + 1.0,
        esc(l.name(r))
    );
}

/// Cumulative discounted net per row as an SVG line chart, payback years marked with a dot.
/// Hand-written: a few polylines need no charting dependency, and the SVG stays a few KB.
fn chart(report: &Report, l: &Labels) -> String {
    let rows = report.reading_order();
    let vals = rows
        .iter()
        .flat_map(|r| r.years.iter().map(|y| float(y.cumulative_pv_net)));
    let (mut lo, mut hi) = vals.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if hi - lo < 1.0 {
        hi += 1.0;
        lo -= 1.0;
    }
    let f = Frame {
        horizon: report.model.horizon,
        lo,
        hi,
    };
    let mut s = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {HT}" role="img" aria-label="{}" style="max-width:100%;height:auto;font:12px sans-serif">"#,
        esc(l.t(
            "Ackumulerat diskonterat netto per aktör",
            "Cumulative discounted net per actor"
        ))
    );
    axes(&mut s, &f, l);
    for (i, r) in rows.iter().enumerate() {
        line(&mut s, &f, r, i, l);
    }
    s.push_str("</svg>");
    s
}

/// One self-contained HTML file: summary, chart and yearly table.
pub fn html(report: &Report, lang: Lang) -> String {
    html_with(report, &[], lang)
}

/// [`html`], with the table of the parameters the model used and their sources (SPEC §8.1).
pub fn html_with(report: &Report, parameters: &[ParameterInfo], lang: Lang) -> String {
    let l = Labels::new(lang);
    let ws = report.model.success.is_some();
    let (title, sub) = heading(report, &l);
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
    for r in report.reading_order() {
        let cls = if r.kind == RowKind::Aggregate {
            " class=\"agg\""
        } else {
            ""
        };
        let _ = write!(s, "<tr{cls}>");
        for (i, c) in cells(r, report, &l).iter().enumerate() {
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
    outputs_sections(&mut s, report, &l);
    groups_section(&mut s, report, &l);
    parameters_section(&mut s, parameters, &l);
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
    for r in report.reading_order() {
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
                y.year + 1,
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
