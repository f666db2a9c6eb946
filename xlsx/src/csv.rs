//! The report's tables as CSV: for a spreadsheet in a language (Swedish Excel reads `;` between
//! fields and a decimal comma; both languages get UTF-8 with a byte order mark, so Excel reads
//! å, ä, ö right), and the yearly table for programs (`.` decimals, the report's field names,
//! years as the report's index). Numbers keep the report's full precision; text that a
//! spreadsheet could run as a formula is neutralised.

use crate::tables::{self, Cell, Table};
use ekusia::report::Report;
use ekusia::Lang;

/// Which table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// One line per report row.
    Summary,
    /// One line per report row and year.
    Years,
}

impl Which {
    /// `summary` or `years`.
    pub fn from_name(name: &str) -> Option<Which> {
        match name {
            "summary" => Some(Which::Summary),
            "years" => Some(Which::Years),
            _ => None,
        }
    }
}

/// The byte order mark that tells Excel the file is UTF-8.
pub const BOM: &str = "\u{feff}";

/// A text cell that a spreadsheet cannot run as a formula (OWASP's CSV injection): a leading
/// `=`, `+`, `-`, `@`, tab or carriage return gets a `'` in front.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn number(d: ekusia::Decimal, comma: bool) -> String {
    let s = d.normalize().to_string();
    if comma {
        s.replace('.', ",")
    } else {
        s
    }
}

fn write(t: &Table, delimiter: u8, comma: bool, headers: Vec<String>) -> String {
    let mut w = ::csv::WriterBuilder::new()
        .delimiter(delimiter)
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = w.write_record(headers.iter().map(|h| text(h)));
    for row in &t.rows {
        let _ = w.write_record(row.iter().map(|c| match c {
            Cell::Text(s) => text(s),
            Cell::Num(d) | Cell::Typed(d, _) => number(*d, comma),
            Cell::Empty => String::new(),
        }));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A table for a spreadsheet in `lang`: Swedish with `;` and a decimal comma, English with `,`
/// and a decimal point; headers in the language; a byte order mark first.
pub fn spreadsheet(report: &Report, which: Which, lang: Lang) -> String {
    let t = match which {
        Which::Summary => tables::summary(report, lang),
        Which::Years => tables::years(report, lang),
    };
    let headers = t.columns.iter().map(|c| c.label.clone()).collect();
    let body = match lang {
        Lang::Sv => write(&t, b';', true, headers),
        Lang::En => write(&t, b',', false, headers),
    };
    format!("{BOM}{body}")
}

/// The yearly table for programs: `row, year, discount_factor, with, without, effect, cost, net,
/// pv_net, cumulative_pv_net` (Python's `report.yearly()`), the year as the report's index
/// (0 = the first year), `.` decimals, every row in report order.
pub fn years_machine(report: &Report) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record([
        "row",
        "year",
        "discount_factor",
        "with",
        "without",
        "effect",
        "cost",
        "net",
        "pv_net",
        "cumulative_pv_net",
    ]);
    for r in &report.rows {
        for y in &r.years {
            let n = |d: ekusia::Decimal| number(d, false);
            let _ = w.write_record([
                text(&r.id),
                y.year.to_string(),
                n(y.discount_factor),
                n(y.with),
                n(y.without),
                n(y.effect),
                n(y.cost),
                n(y.net),
                n(y.pv_net),
                n(y.cumulative_pv_net),
            ]);
        }
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}
