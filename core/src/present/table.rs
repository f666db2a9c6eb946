//! The summary as a terminal table, Markdown and CSV.

use super::{cells, headers, heading, plain, Labels};
use crate::format::money;
use crate::lang::Lang;
use crate::report::Report;
use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use rust_decimal::Decimal;
use std::fmt::Write as _;

/// A terminal table with the project's style and these headers.
pub(crate) fn terminal_table(headers: Vec<&str>) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(headers);
    t
}

/// A right-aligned (numeric) cell.
pub(crate) fn right(text: impl Into<String>) -> Cell {
    Cell::new(text.into()).set_alignment(CellAlignment::Right)
}

fn warnings_text(report: &Report, l: &Labels) -> String {
    let mut s = String::new();
    for w in &report.warnings {
        let _ = writeln!(s, "{}: {}", l.t("Varning", "Warning"), plain(w));
    }
    s
}

/// The terminal table an analyst reads first: fits 100 columns (net present value, benefit-cost
/// ratio, payback time, break-even effect, fair cost share); [`table_wide`] has every figure.
pub fn table(report: &Report, lang: Lang) -> String {
    summary_table(report, lang, false)
}

/// The terminal table with every figure of the summary.
pub fn table_wide(report: &Report, lang: Lang) -> String {
    summary_table(report, lang, true)
}

fn summary_table(report: &Report, lang: Lang, wide: bool) -> String {
    let l = Labels::new(lang);
    let head = if wide {
        headers(&l, report.model.success.is_some())
    } else {
        super::compact_headers(&l)
    };
    let mut t = terminal_table(head);
    for r in report.reading_order() {
        let texts = if wide {
            cells(r, report, &l)
        } else {
            super::compact_cells(r, report, &l)
        };
        let row: Vec<Cell> = texts
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                if i == 0 {
                    Cell::new(plain(&c))
                } else {
                    right(c)
                }
            })
            .collect();
        t.add_row(row);
    }
    let (title, sub) = heading(report, &l);
    let groups = groups_table(report, &l)
        .map(|g| {
            let title = l.t(
                "Målgrupper: nuvärdet av effekten från varje grupps kohorter",
                "Target groups: the present value of the effect of each group's cohorts",
            );
            format!("{title}\n{g}\n")
        })
        .unwrap_or_default();
    format!(
        "{}\n{}\n{t}\n{groups}{}",
        plain(&title),
        plain(&sub),
        warnings_text(report, &l)
    )
}

/// The groups section (SPEC §8.3) as rows of text: group, participants, society's present
/// value of the effect in total and per participant, the public sector's.
pub(crate) fn group_cells(report: &Report, l: &Labels) -> Vec<Vec<String>> {
    let cur = &report.model.currency;
    let of = |rows: &[crate::report::GroupRow], id: &str| rows.iter().find(|r| r.id == id).cloned();
    report
        .groups
        .iter()
        .map(|g| {
            let society = of(&g.rows, crate::report::SOCIETY);
            let public = of(&g.rows, crate::report::PUBLIC_SECTOR);
            vec![
                g.names.get(l.lang).to_string(),
                crate::format::number(Decimal::from(g.participants), 0, l.lang),
                society
                    .as_ref()
                    .map_or("–".into(), |r| money(r.pv_effect, cur, l.lang)),
                society
                    .as_ref()
                    .and_then(|r| r.pv_effect_per_participant)
                    .map_or("–".into(), |d| money(d, cur, l.lang)),
                public
                    .as_ref()
                    .map_or("–".into(), |r| money(r.pv_effect, cur, l.lang)),
            ]
        })
        .collect()
}

/// The groups' headers.
pub(crate) fn group_headers(l: &Labels) -> Vec<&'static str> {
    vec![
        l.t("Målgrupp", "Target group"),
        l.t("Deltagare", "Participants"),
        l.t("Samhället, nuvärde effekt", "Society, PV effect"),
        l.t("Per deltagare", "Per participant"),
        l.t(
            "Offentlig sektor, nuvärde effekt",
            "Public sector, PV effect",
        ),
    ]
}

fn groups_table(report: &Report, l: &Labels) -> Option<Table> {
    if report.groups.is_empty() {
        return None;
    }
    let mut t = terminal_table(group_headers(l));
    for row in group_cells(report, l) {
        t.add_row(
            row.into_iter()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        Cell::new(plain(&c))
                    } else {
                        right(c)
                    }
                })
                .collect::<Vec<_>>(),
        );
    }
    Some(t)
}

/// Text inside a Markdown table cell: markup, pipes and line breaks cannot escape it.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in plain(s).chars() {
        match c {
            '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// The summary as a Markdown table.
pub fn markdown(report: &Report, lang: Lang) -> String {
    let l = Labels::new(lang);
    let (title, sub) = heading(report, &l);
    let mut s = format!("# {}\n\n{}\n\n", md(&title), md(&sub));
    let h = headers(&l, report.model.success.is_some());
    let _ = writeln!(s, "| {} |", h.join(" | "));
    let _ = writeln!(
        s,
        "|{}",
        h.iter()
            .enumerate()
            .map(|(i, _)| if i == 0 { " --- |" } else { " ---: |" })
            .collect::<String>()
    );
    for r in report.reading_order() {
        let row: Vec<String> = cells(r, report, &l).iter().map(|c| md(c)).collect();
        let _ = writeln!(s, "| {} |", row.join(" | "));
    }
    for w in &report.warnings {
        let _ = write!(s, "\n> {}: {}\n", l.t("Varning", "Warning"), md(w));
    }
    s
}

fn opt_str(d: Option<Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// A text cell that a spreadsheet cannot run as a formula (OWASP's CSV injection): a leading
/// `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front.
fn csv_text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The summary as CSV at full precision (machine-readable: `.` decimals, no grouping).
pub fn csv(report: &Report, lang: Lang) -> String {
    let l = Labels::new(lang);
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
            csv_text(&r.id),
            csv_text(l.name(r)),
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

/// A base's price list (`ekusia bases --show`): every state's yearly net amount per actor for
/// one person-year, then every parameter with its value and source.
pub fn price_list(list: &crate::parameters::PriceList, lang: Lang) -> String {
    let l = Labels::new(lang);
    let cur = &list.currency;
    let mut headers: Vec<String> = vec![l.t("Tillstånd", "State").to_string()];
    headers.extend(list.actors.iter().map(|(_, n)| n.get(lang).to_string()));
    headers.push(l.t("Högst år, sedan", "At most years, then").to_string());
    let mut t = terminal_table(headers.iter().map(String::as_str).collect());
    for s in &list.states {
        let mut row = vec![Cell::new(plain(s.names.get(lang)))];
        row.extend(s.net.iter().map(|(_, d)| right(money(*d, cur, lang))));
        row.push(Cell::new(
            s.limit
                .as_ref()
                .map_or(String::new(), |(y, then)| format!("{y}, {then}")),
        ));
        t.add_row(row);
    }
    let mut p = terminal_table(vec![
        l.t("Parameter", "Parameter"),
        l.t("Värde", "Value"),
        l.t("Enhet", "Unit"),
        l.t("Källa", "Source"),
        l.t("År", "Year"),
        l.t("Kvalitet", "Quality"),
    ]);
    for q in &list.parameters {
        let name = q
            .names
            .as_ref()
            .map_or(q.id.clone(), |n| format!("{} ({})", n.get(lang), q.id));
        let quality = match q.quality {
            Some(crate::model::Quality::Verified) => l.t("verifierad", "verified"),
            Some(crate::model::Quality::Derived) => l.t("härledd", "derived"),
            Some(crate::model::Quality::Assumption) => l.t("antagande", "assumption"),
            None => "–",
        };
        let v = q.value.normalize();
        p.add_row(vec![
            Cell::new(plain(&name)),
            right(crate::format::number(v, v.scale(), lang)),
            Cell::new(plain(q.unit.as_ref().map_or("", |u| u.get(lang)))),
            Cell::new(plain(q.source.as_deref().unwrap_or("–"))),
            right(q.year.map_or("–".into(), |y| y.to_string())),
            Cell::new(quality),
        ]);
    }
    let price = list
        .price_year
        .map(|y| format!(", {} {y}", l.t("prisnivå", "prices")))
        .unwrap_or_default();
    let params = if list.parameters.is_empty() {
        l.t("(inga parametrar)", "(no parameters)").to_string()
    } else {
        p.to_string()
    };
    format!(
        "{} — {}{price}\n{}\n{t}\n{}\n{params}\n",
        plain(&list.name),
        plain(cur),
        l.t(
            "Årliga belopp per person och år i tillståndet, per aktör",
            "Yearly amounts for one person-year in the state, per actor"
        ),
        l.t("Parametrar", "Parameters")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_cannot_act_in_any_format() {
        assert_eq!(csv_text("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_text("@SUM"), "'@SUM");
        assert_eq!(csv_text("Kommunen"), "Kommunen");
        assert_eq!(md("a|b<script>"), "a\\|b&lt;script&gt;");
        assert_eq!(plain("x\u{1b}[31mred"), "x\u{fffd}[31mred");
    }
}
