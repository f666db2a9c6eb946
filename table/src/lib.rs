//! Reads a follow-up table from a file — CSV (`,` or `;`, found from the header line) or a
//! spreadsheet (`.xlsx`, also `.xlsm`, `.xls`, `.ods`: the first sheet or a named one) — as
//! rows of text with their row numbers, and runs `ekusia::observe` on it.
//!
//! The command line and the Python package both call [`observe_file`], so a file gives the
//! same model and the same errors (with the same row numbers) from either. The core crate
//! stays free of file formats; this crate holds `csv` and `calamine`.

use calamine::{open_workbook_auto, Data, Reader};
use ekusia::error::ErrorCode;
use ekusia::observe::{self, Columns, Observed, RowTable, Side, TableRow};
use ekusia::parse::ReadError;
use ekusia::{values, Error, Model, Msg, Options, Problem};
use indexmap::IndexMap;
use std::path::Path;

/// Is this path a spreadsheet (read with calamine) rather than CSV text?
pub fn is_spreadsheet(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("xlsx" | "xlsm" | "xlsb" | "xls" | "ods")
    )
}

/// Reads a table file: a spreadsheet by its extension, anything else as CSV. `sheet` names a
/// spreadsheet's sheet (default: the first).
pub fn read_path(path: &Path, sheet: Option<&str>) -> Result<RowTable, ReadError> {
    if is_spreadsheet(path) {
        read_workbook(path, sheet)
    } else {
        let bytes = std::fs::read(path).map_err(ReadError::Io)?;
        read_csv(&bytes).map_err(ReadError::Input)
    }
}

fn unreadable(kind: &str, detail: impl ToString) -> Error {
    Error::new(
        ErrorCode::Parse,
        "",
        Msg::TableUnreadable,
        values![kind = kind, detail = detail.to_string()],
    )
}

/// `;` when the header line has more semicolons than commas (Swedish Excel's CSV), else `,`.
pub fn sniff_delimiter(text: &[u8]) -> u8 {
    let header = text.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |c: u8| header.iter().filter(|b| **b == c).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Reads CSV text (UTF-8, a byte-order mark allowed): the first record is the header; row
/// numbers are the line numbers of the file.
pub fn read_csv(bytes: &[u8]) -> Result<RowTable, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(bytes))
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut table = RowTable::default();
    let mut first = true;
    // A spreadsheet's row number: physical lines up to the record's start, less the line
    // breaks inside quoted cells of earlier records (the csv crate counts neither way).
    let (mut scanned, mut lines, mut inner) = (0usize, 1u64, 0u64);
    for rec in reader.records() {
        let rec = rec.map_err(|e| unreadable("CSV", e))?;
        let mut start = rec.position().map_or(scanned, |p| p.byte() as usize);
        // The position includes blank lines skipped before the record.
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        lines += bytes[scanned.min(start)..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        scanned = scanned.max(start);
        let line = lines - inner;
        inner += rec
            .iter()
            .map(|c| c.bytes().filter(|b| *b == b'\n').count() as u64)
            .sum::<u64>();
        let cells: Vec<String> = rec.iter().map(str::to_string).collect();
        if first {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            table.columns = cells.iter().map(|c| c.trim().to_string()).collect();
            first = false;
        } else {
            table.rows.push(TableRow { line, cells });
        }
    }
    Ok(table)
}

/// A spreadsheet cell as text: whole numbers without a decimal point (a person id 1001 or a
/// cohort year 2 stored as 2.0), dates as `YYYY-MM-DD` (a month column of real dates works).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => {
            let (y, mo, day, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{day:02}")
            } else {
                format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads one sheet of a workbook: its first non-empty row is the header; row numbers are the
/// sheet's own.
pub fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<RowTable, ReadError> {
    if let Err(e) = std::fs::metadata(path) {
        return Err(ReadError::Io(e));
    }
    let mut wb = open_workbook_auto(path).map_err(|e| ReadError::Input(unreadable("xlsx", e)))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => {
            if !names.iter().any(|n| n == s) {
                return Err(ReadError::Input(Error::new(
                    ErrorCode::UnknownReference,
                    "",
                    Msg::TableSheet,
                    values![
                        found = s,
                        suggestion = observe::nearest(s, names.iter().map(String::as_str))
                            .unwrap_or_default(),
                        sheets = names.join(", ")
                    ],
                )));
            }
            s.to_string()
        }
        None => match names.first() {
            Some(n) => n.clone(),
            None => return Ok(RowTable::default()),
        },
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| ReadError::Input(unreadable("xlsx", e)))?;
    let top = range.start().map_or(0, |(r, _)| r as u64);
    let mut table = RowTable::default();
    let mut header = true;
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if header {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            table.columns = cells.iter().map(|c| c.trim().to_string()).collect();
            header = false;
        } else {
            table.rows.push(TableRow {
                line: top + i as u64 + 1,
                cells,
            });
        }
    }
    Ok(table)
}

/// Reads a table file and writes its observations into the model: [`read_path`], then
/// `ekusia::observe::count` and `ekusia::observe::observe`. `mapping` is the mapping file's
/// text (TOML, label = "state id").
pub fn observe_file(
    model: &Model,
    path: &Path,
    sheet: Option<&str>,
    columns: &Columns,
    side: Side,
    mapping: Option<&str>,
    opts: &Options,
) -> Result<Observed, ReadError> {
    let map = match mapping {
        Some(text) => observe::parse_mapping(text).map_err(ReadError::Input)?,
        None => IndexMap::new(),
    };
    let table = read_path(path, sheet)?;
    let counts = observe::count(model, &table, columns, side, &map, opts)
        .map_err(|e| ReadError::Input(sheet_hint(e, path, sheet)))?;
    observe::observe(model, &counts, opts).map_err(ReadError::Input)
}

/// A missing column in a workbook read at its first sheet (no `sheet` named) often means the
/// data is on another sheet (the first is a title page or instructions): the error then also
/// names the sheet that was read and the others.
fn sheet_hint(e: Error, path: &Path, sheet: Option<&str>) -> Error {
    let missing = e
        .problems()
        .iter()
        .any(|p| p.key == Msg::ObserveMissingColumn);
    if sheet.is_some() || !missing || !is_spreadsheet(path) {
        return e;
    }
    let Ok(wb) = open_workbook_auto(path) else {
        return e;
    };
    let names = wb.sheet_names();
    if names.len() < 2 {
        return e;
    }
    let mut problems = e.problems().to_vec();
    problems.push(Problem::new(
        ErrorCode::Schema,
        "",
        Msg::TableFirstSheet,
        values![sheet = names[0], others = names[1..].join(", ")],
    ));
    Error::from_problems(problems).unwrap_or(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_commas_or_semicolons_a_bom_and_quoted_lines() {
        let t = read_csv(b"\xEF\xBB\xBFperson;period;state\np1;0;\"Arbete; 100 %\"\n\np2;1;x\n")
            .unwrap();
        assert_eq!(t.columns, ["person", "period", "state"]);
        // A blank line is skipped; row numbers stay the file's lines.
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, ["p1", "0", "Arbete; 100 %"]);
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 4));
        // A line break inside a quoted cell stays in its row, as in a spreadsheet.
        let t = read_csv(b"person,period,state\n\"p\n1\",0,a\np2,1,b\n").unwrap();
        assert_eq!((t.rows[0].line, t.rows[1].line), (2, 3));
        assert_eq!(sniff_delimiter(b"a,b;c,d\n"), b',');
        assert!(read_csv(b"a,b\n\xff,1\n").is_err());
    }
}
