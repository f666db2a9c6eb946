//! The summary of an observation as a plain-text table: per series, one line per cohort year
//! with its persons, attrition and each state's share (with the persons in it).

use super::{Summary, Unit};
use crate::format::number;
use crate::Lang;
use rust_decimal::Decimal;

fn pct(d: Decimal, lang: Lang) -> String {
    format!("{} %", number(d * Decimal::ONE_HUNDRED, 1, lang))
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Columns padded to their widest cell: the first left-aligned, the rest right-aligned.
fn aligned(rows: &[Vec<String>]) -> String {
    let n = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..n)
        .map(|i| {
            rows.iter()
                .filter_map(|r| r.get(i))
                .map(|c| width(c))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for r in rows {
        let mut line = String::new();
        for (i, c) in r.iter().enumerate() {
            let pad = " ".repeat(widths[i] - width(c));
            if i == 0 {
                line.push_str(c);
                line.push_str(&pad);
            } else {
                line.push_str("  ");
                line.push_str(&pad);
                line.push_str(c);
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

pub(super) fn summary(s: &Summary, lang: Lang) -> String {
    let unit = match (s.unit, lang) {
        (Unit::Years, Lang::Sv) => "personår",
        (Unit::Years, Lang::En) => "person-years",
        (Unit::Months, Lang::Sv) => "personmånader",
        (Unit::Months, Lang::En) => "person-months",
    };
    let mut out = lang.pick(
        format!("Observerade andelar ({unit}); inom parentes: personer i tillståndet\n"),
        format!("Observed shares ({unit}); in brackets: persons in the state\n"),
    );
    for series in &s.series {
        out.push('\n');
        out.push_str(&series.label());
        out.push('\n');
        let states = &series.states;
        let mut rows = vec![{
            let mut h: Vec<String> = lang
                .pick(
                    ["kohortår", "personer", "bortfall", "kvar"],
                    ["cohort year", "persons", "lost", "retained"],
                )
                .iter()
                .map(|s| s.to_string())
                .collect();
            h.extend(states.iter().map(|s| s.to_string()));
            h
        }];
        for (i, y) in series.years.iter().enumerate() {
            let mut r = vec![
                y.year.to_string(),
                number(y.persons.into(), 0, lang),
                if i == 0 {
                    "–".into()
                } else {
                    number(y.lost.into(), 0, lang)
                },
                y.retained.map_or("–".into(), |d| pct(d, lang)),
            ];
            for st in states {
                r.push(match y.shares.iter().find(|x| x.state == *st) {
                    Some(x) => format!(
                        "{} ({})",
                        pct(x.share, lang),
                        number(x.persons.into(), 0, lang)
                    ),
                    None => "–".into(),
                });
            }
            rows.push(r);
        }
        out.push_str(&aligned(&rows));
    }
    if !s.warnings.is_empty() {
        out.push('\n');
        out.push_str(lang.pick("Varningar:\n", "Warnings:\n"));
        for w in &s.warnings {
            out.push_str("  ");
            out.push_str(&w.message_in(lang));
            out.push('\n');
        }
    }
    out
}
