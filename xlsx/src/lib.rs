//! # ekusia-xlsx
//!
//! A report as an Excel workbook, and its tables as CSV for spreadsheets: what the command
//! line (`ekusia run --format xlsx`, `--format csv --lang sv`), Python (`report.to_excel`,
//! `report.to_csv`) and the calculator page (`reportXlsx`, compiled to WebAssembly) share.
//!
//! The workbook's sheets: the summary (with a chart of every row's cumulative discounted net),
//! the years per row, the breakdowns (SPEC §8.5, and the milestones of §8.6), the outcomes
//! (§8.4) and the target groups (§8.3) when the model has them, and the assumptions (settings,
//! discount rates, actors, states with their flows, costs, parameters with their sources).
//! Numbers are stored as numbers — each exact decimal of the report becomes the nearest binary
//! float only here, at the last step — and shown with number formats (`#,##0 "kr"`, percent),
//! which Swedish Excel displays with a space between thousands and a decimal comma.
//!
//! The workbook's creation date is fixed ([`CREATED`]), so the same report gives the same
//! bytes from every interface.
//!
//! The core crate stays free of this dependency: everything here reads the report and the
//! model's [`Assumptions`] only.

#![warn(missing_docs, unreachable_pub)]

pub mod csv;
pub mod tables;

use ekusia::assumptions::Assumptions;
use ekusia::report::Report;
use ekusia::{Decimal, Lang, Model, Options};
use rust_xlsxwriter::{
    Chart, ChartAxisLabelPosition, ChartType, DocProperties, ExcelDateTime, Format, FormatBorder,
    Workbook, Worksheet, XlsxError,
};
use tables::{Cell, Kind, Table};

/// The creation date every workbook carries: fixed, so that the bytes depend on the report
/// alone (Excel shows it under the file's properties).
pub const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// Excel's longest text in a cell.
const MAX_TEXT: usize = 32_767;

/// Why a workbook could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model is wrong (every problem, as the core reports them).
    #[error(transparent)]
    Model(#[from] ekusia::Error),
    /// The workbook writer failed (not expected for any report).
    #[error("cannot write the workbook: {0}")]
    Xlsx(String),
}

impl Error {
    /// A stable code: the model error's own code, or `xlsx`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Model(e) => e.code().as_str(),
            Error::Xlsx(_) => "xlsx",
        }
    }
}

impl From<XlsxError> for Error {
    fn from(e: XlsxError) -> Error {
        Error::Xlsx(e.to_string())
    }
}

/// Evaluates a model and writes its workbook, with the assumptions sheet in full.
pub fn workbook_for(model: &Model, opts: &Options, lang: Lang) -> Result<Vec<u8>, Error> {
    let report = ekusia::evaluate(model, opts)?;
    let a = ekusia::assumptions(model, opts)?;
    workbook(&report, Some(&a), lang)
}

/// Evaluates model text (TOML or JSON, sniffed) with the bundled bases only and writes its
/// workbook: what the page calls.
pub fn workbook_for_text(text: &str, lang: Lang) -> Result<Vec<u8>, Error> {
    let model = ekusia::parse_model(text, ekusia::Format::sniff(text))?;
    workbook_for(&model, &Options::default(), lang)
}

/// The sheets' names in each language.
pub fn sheet_names(lang: Lang) -> [&'static str; 6] {
    lang.pick(
        [
            "Sammanfattning",
            "År",
            "Uppdelning",
            "Utfall",
            "Målgrupper",
            "Antaganden",
        ],
        [
            "Summary",
            "Years",
            "Breakdown",
            "Outcomes",
            "Target groups",
            "Assumptions",
        ],
    )
}

/// The report as an `.xlsx` file. Without `assumptions` (a report read back from JSON) the
/// assumptions sheet has the report's settings only.
pub fn workbook(
    report: &Report,
    assumptions: Option<&Assumptions>,
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    let names = sheet_names(lang);
    let f = Formats::new(&report.model.currency, lang);
    let mut wb = Workbook::new();
    let (y, m, d) = CREATED;
    wb.set_properties(
        &DocProperties::new()
            .set_title(clip(&report.model.name))
            .set_creation_datetime(&ExcelDateTime::from_ymd(y, m, d)?),
    );

    let summary = tables::summary(report, lang);
    let years = tables::years(report, lang);
    {
        let ws = wb.add_worksheet().set_name(names[0])?;
        let mut sheet = Sheet::new(lang);
        let end = sheet.table(ws, 0, &summary, &f)?;
        sheet.finish(ws)?;
        ws.set_freeze_panes(2, 1)?;
        let chart = chart(report, names[1], &years, lang, &f);
        ws.insert_chart(end + 1, 0, &chart)?;
    }
    {
        let ws = wb.add_worksheet().set_name(names[1])?;
        let mut sheet = Sheet::new(lang);
        sheet.table(ws, 0, &years, &f)?;
        sheet.finish(ws)?;
        ws.set_freeze_panes(2, 1)?;
    }
    let stacked = |wb: &mut Workbook, name: &str, list: &[Table]| -> Result<(), Error> {
        let ws = wb.add_worksheet().set_name(name)?;
        let mut sheet = Sheet::new(lang);
        let mut row = 0;
        for t in list {
            row = sheet.table(ws, row, t, &f)? + 1;
        }
        sheet.finish(ws)?;
        Ok(())
    };
    stacked(&mut wb, names[2], &tables::breakdowns(report, lang))?;
    let outcomes = tables::outcomes(report, lang);
    if !outcomes.is_empty() {
        stacked(&mut wb, names[3], &outcomes)?;
    }
    if let Some(g) = tables::groups(report, lang) {
        stacked(&mut wb, names[4], &[g])?;
    }
    stacked(
        &mut wb,
        names[5],
        &tables::assumptions(report, assumptions, lang),
    )?;
    Ok(wb.save_to_buffer()?)
}

/// Text as a cell can hold it.
fn clip(s: &str) -> String {
    if s.chars().count() <= MAX_TEXT {
        s.to_string()
    } else {
        s.chars().take(MAX_TEXT).collect()
    }
}

/// A report's exact decimal as the nearest f64 (Rust's parser rounds correctly; the report's
/// decimals have at most 28 digits, well inside f64's range).
pub fn float(d: Decimal) -> f64 {
    d.normalize().to_string().parse().unwrap_or(0.0)
}

/// The number formats, by kind of column.
struct Formats {
    title: Format,
    head: Format,
    money: Format,
    whole: Format,
    ratio: Format,
    share: Format,
    factor: Format,
    number: Format,
    year: Format,
    text: Format,
    money_code: String,
}

impl Formats {
    fn new(currency: &str, lang: Lang) -> Formats {
        let cur: String = currency
            .chars()
            .filter(|c| !matches!(c, '"' | '\\'))
            .collect();
        // Format codes always use `,` for thousands and `.` for decimals; Excel shows them in
        // the reader's locale (a space and a comma in Swedish Excel).
        let money_code = match (lang, cur.as_str()) {
            (Lang::Sv, "SEK") => r##"#,##0 "kr";-#,##0 "kr""##.to_string(),
            (Lang::Sv, c) => format!(r##"#,##0 "{c}";-#,##0 "{c}""##),
            (Lang::En, c) => format!(r##""{c} "#,##0;"{c} "-#,##0"##),
        };
        let n = |code: &str| Format::new().set_num_format(code);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_border_bottom(FormatBorder::Thin),
            money: n(&money_code),
            whole: n("#,##0"),
            ratio: n("0.00"),
            share: n("0.0%"),
            factor: n("0.0000"),
            number: n("#,##0.0"),
            year: n("0"),
            text: Format::new(),
            money_code,
        }
    }

    fn of(&self, k: Kind) -> &Format {
        match k {
            Kind::Money => &self.money,
            Kind::Whole => &self.whole,
            Kind::Ratio => &self.ratio,
            Kind::Share => &self.share,
            Kind::Factor => &self.factor,
            Kind::Number => &self.number,
            Kind::Year => &self.year,
            Kind::Text | Kind::General => &self.text,
        }
    }
}

/// One worksheet being written: the widest content of each column so far.
struct Sheet {
    lang: Lang,
    widths: Vec<usize>,
}

impl Sheet {
    fn new(lang: Lang) -> Sheet {
        Sheet {
            lang,
            widths: Vec::new(),
        }
    }

    fn fit(&mut self, col: usize, chars: usize) {
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(chars);
    }

    /// How wide a number is as shown (the core's formatting, which matches the format codes).
    fn shown(&self, d: Decimal, k: Kind) -> usize {
        let n = |dp| ekusia::format::number(d, dp, self.lang).chars().count();
        match k {
            Kind::Money => n(0) + 4,
            Kind::Whole | Kind::Text => n(0),
            Kind::Year => d.round().to_string().len(),
            Kind::Ratio => n(2),
            Kind::Share => {
                ekusia::format::number(
                    d.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(d),
                    1,
                    self.lang,
                )
                .chars()
                .count()
                    + 2
            }
            Kind::Factor => n(4),
            Kind::Number => n(1),
            Kind::General => d.normalize().to_string().len(),
        }
    }

    /// Writes a titled table from `row`: the title, the headers, the rows. Returns the first
    /// row after it.
    fn table(
        &mut self,
        ws: &mut Worksheet,
        row: u32,
        t: &Table,
        f: &Formats,
    ) -> Result<u32, XlsxError> {
        ws.write_string_with_format(row, 0, clip(&t.title), &f.title)?;
        for (c, column) in t.columns.iter().enumerate() {
            ws.write_string_with_format(row + 1, c as u16, clip(&column.label), &f.head)?;
            // Headers wrap, so a long one needs about half its length, and its longest word.
            let word = column.label.split(' ').map(|w| w.chars().count()).max();
            let half = column.label.chars().count().div_ceil(2);
            self.fit(c, half.max(word.unwrap_or(0)).max(6));
        }
        // Room for a header wrapped on two lines (Excel does not grow a row on opening).
        ws.set_row_height(row + 1, 32)?;
        let mut r = row + 2;
        for cells in &t.rows {
            for (c, (cell, column)) in cells.iter().zip(&t.columns).enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Text(s) => {
                        ws.write_string(r, col, clip(s))?;
                        self.fit(c, s.chars().count().min(60));
                    }
                    Cell::Num(d) => {
                        ws.write_number_with_format(r, col, float(*d), f.of(column.kind))?;
                        self.fit(c, self.shown(*d, column.kind));
                    }
                    Cell::Typed(d, k) => {
                        ws.write_number_with_format(r, col, float(*d), f.of(*k))?;
                        self.fit(c, self.shown(*d, *k));
                    }
                    Cell::Empty => {}
                }
            }
            r += 1;
        }
        Ok(r)
    }

    fn finish(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        // Printed across, as wide as the paper.
        ws.set_landscape().set_print_fit_to_pages(1, 0);
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 2.0).clamp(8.0, 62.0))?;
        }
        Ok(())
    }
}

/// A line per report row: its cumulative discounted net year by year, read from the years sheet
/// (where each row's years stand together, from the third line on).
fn chart(report: &Report, years_sheet: &str, years: &Table, lang: Lang, f: &Formats) -> Chart {
    let mut chart = Chart::new(ChartType::Line);
    chart.title().set_name(lang.pick(
        "Ackumulerat diskonterat netto per aktör",
        "Cumulative discounted net per actor",
    ));
    chart
        .x_axis()
        .set_name(lang.pick("År", "Year"))
        // Year labels under the plot, not on the zero line inside it.
        .set_label_position(ChartAxisLabelPosition::Low);
    chart.y_axis().set_num_format(&f.money_code);
    let col = |key: &str| years.columns.iter().position(|c| c.key == key).unwrap_or(0) as u16;
    let (year, cumulative) = (col("year"), col("cumulative_pv_net"));
    let mut first = 2u32;
    for r in report.reading_order() {
        let n = r.years.len() as u32;
        if n == 0 {
            continue;
        }
        let last = first + n - 1;
        chart
            .add_series()
            .set_name((years_sheet, first, 0))
            .set_categories((years_sheet, first, year, last, year))
            .set_values((years_sheet, first, cumulative, last, cumulative));
        first = last + 1;
    }
    chart.set_width(760).set_height(420);
    chart
}
