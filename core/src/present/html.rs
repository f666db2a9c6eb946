//! The self-contained HTML report: summary, a chart of cumulative discounted net, and
//! year-by-year tables. Every text from the model is escaped.

use super::{cells, headers, heading, Labels};
use crate::format::{money, number};
use crate::lang::Lang;
use crate::report::{Report, RowKind};
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

/// Cumulative discounted net per row as an SVG line chart, payback years marked with a dot.
/// Hand-written: a few polylines need no charting dependency, and the SVG stays a few KB.
fn chart(report: &Report, l: &Labels) -> String {
    let rows = report.reading_order();
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
pub fn html(report: &Report, lang: Lang) -> String {
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
