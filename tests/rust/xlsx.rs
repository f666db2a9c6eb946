//! The workbook and the spreadsheet CSV of `ekusia-xlsx`, read back: the numbers in the sheets'
//! XML and in the CSV are the report's, the bytes do not depend on when they were written, and
//! the assumptions show each flow's amount with its formula evaluated.

use ekusia::report::Report;
use ekusia::{Decimal, Lang, Model, Options};
use ekusia_xlsx::csv::{spreadsheet, years_machine, Which, BOM};
use std::io::Read;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn fixture(name: &str) -> (Model, Options) {
    let path = root().join("tests/vectors/models").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let model =
        ekusia::parse_model(&text, ekusia::Format::from_path(&path.to_string_lossy())).unwrap();
    let opts = Options {
        base_dir: path.parent().map(|p| p.to_path_buf()),
    };
    (model, opts)
}

/// A small model written here: a parameter and a flow whose amount is a formula of it.
const SMALL: &str = r#"
format = "ekusia-model/1.1"
name = "=HYPERLINK(\"x\") liten modell"
horizon = 3
discount_rate = 0.05
[parameters]
rent_month = { value = 1000, source = "Hyresgästföreningen", year = 2024, quality = "verified" }
[[actors]]
id = "municipality"
name = { sv = "Kommunen", en = "Municipality" }
[[actors]]
id = "individual"
name = { sv = "Individen", en = "Individual" }
kind = "individual"
[[states]]
id = "assistance"
name = { sv = "Försörjningsstöd", en = "Social assistance" }
flows = [{ type = "transfer", from = "municipality", to = "individual", amount = "= rent_month * 12", category = "benefits" }]
[[states]]
id = "work"
name = "Arbete"
flows = [{ type = "production", actor = "individual", amount = 300000 }]
[intervention]
start = { assistance = 1 }
cohorts = [{ start_year = 0, participants = 10 }]
costs = [{ name = "Coach", amount = 50000, years = [0, 1], financing = { municipality = 1 } }]
[scenarios.with]
transitions = [{ from = "assistance", to = "work", share = 0.25 }]
"#;

fn small() -> (Model, Report) {
    let m = Model::from_toml(SMALL).unwrap();
    let r = ekusia::evaluate(&m, &Options::default()).unwrap();
    (m, r)
}

/// Every file of the zip archive, by name.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn file<'a>(files: &'a [(String, String)], name: &str) -> &'a str {
    &files.iter().find(|(n, _)| n == name).unwrap().1
}

/// The numeric cells of a sheet's XML: (cell reference, value as written).
fn numbers(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in xml.split("<c r=\"").skip(1) {
        let r = part.split('"').next().unwrap().to_string();
        let head = part.split('>').next().unwrap();
        if head.contains("t=\"") {
            continue; // a string
        }
        if let Some(v) = part.split("<v>").nth(1) {
            if let Some(v) = v.split("</v>").next() {
                if !part.split("</c>").next().unwrap().contains("<f>") {
                    out.push((r, v.to_string()));
                }
            }
        }
    }
    out
}

fn f(d: Decimal) -> f64 {
    d.to_string().parse().unwrap()
}

#[test]
fn the_workbook_is_a_zip_with_the_sheets_in_the_language_asked_for() {
    let (m, _) = small();
    for (lang, names) in [
        (
            Lang::Sv,
            ["Sammanfattning", "År", "Uppdelning", "Antaganden"],
        ),
        (Lang::En, ["Summary", "Years", "Breakdown", "Assumptions"]),
    ] {
        let bytes = ekusia_xlsx::workbook_for(&m, &Options::default(), lang).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let files = unzip(&bytes);
        let book = file(&files, "xl/workbook.xml");
        for n in names {
            assert!(book.contains(&format!("name=\"{n}\"")), "{n} in {book}");
        }
        // No outcomes and no groups in this model: no such sheets.
        for n in ["Utfall", "Målgrupper", "Outcomes", "Target groups"] {
            assert!(!book.contains(&format!("name=\"{n}\"")));
        }
        assert!(files.iter().any(|(n, _)| n.starts_with("xl/charts/chart")));
    }
}

#[test]
fn the_same_report_gives_the_same_bytes_whenever_it_is_written() {
    let (m, _) = small();
    let a = ekusia_xlsx::workbook_for(&m, &Options::default(), Lang::Sv).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let b = ekusia_xlsx::workbook_for(&m, &Options::default(), Lang::Sv).unwrap();
    assert_eq!(a, b);
    let files = unzip(&a);
    assert!(file(&files, "docProps/core.xml").contains("2000-01-01T00:00:00Z"));
}

#[test]
fn the_summary_and_years_sheets_hold_the_reports_numbers() {
    let (m, r) = small();
    let files = unzip(&ekusia_xlsx::workbook_for(&m, &Options::default(), Lang::Sv).unwrap());
    let summary: Vec<f64> = numbers(file(&files, "xl/worksheets/sheet1.xml"))
        .iter()
        .map(|(_, v)| v.parse().unwrap())
        .collect();
    let years: Vec<f64> = numbers(file(&files, "xl/worksheets/sheet2.xml"))
        .iter()
        .map(|(_, v)| v.parse().unwrap())
        .collect();
    for row in &r.rows {
        for d in [row.pv_effect, row.pv_cost, row.npv] {
            assert!(summary.contains(&f(d)), "{} {d}", row.id);
        }
        for y in &row.years {
            for d in [y.with, y.without, y.cost, y.pv_net, y.cumulative_pv_net] {
                assert!(years.contains(&f(d)), "{} year {} {d}", row.id, y.year);
            }
        }
    }
    // The yearly sheet has one line per row and year (two header lines above).
    let horizon = r.model.horizon;
    let lines = numbers(file(&files, "xl/worksheets/sheet2.xml"))
        .iter()
        .map(|(c, _)| c.trim_start_matches(char::is_alphabetic).to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    assert_eq!(lines, r.rows.len() * horizon);
}

#[test]
fn cells_hold_exact_report_values_column_by_column() {
    let (_, r) = small();
    let t = ekusia_xlsx::tables::summary(&r, Lang::En);
    let col = |k: &str| t.columns.iter().position(|c| c.key == k).unwrap();
    let (id, npv, bcr, payback) = (col("id"), col("npv"), col("bcr"), col("payback_year"));
    assert_eq!(t.rows.len(), r.rows.len());
    for line in &t.rows {
        let ekusia_xlsx::tables::Cell::Text(row_id) = &line[id] else {
            panic!("id is text")
        };
        let row = r.row(row_id).unwrap();
        assert_eq!(line[npv], ekusia_xlsx::tables::Cell::Num(row.npv));
        assert_eq!(
            line[bcr],
            row.bcr.map_or(
                ekusia_xlsx::tables::Cell::Empty,
                ekusia_xlsx::tables::Cell::Num
            )
        );
        // Years are counted from 1 for people.
        assert_eq!(
            line[payback],
            row.payback_year
                .map_or(ekusia_xlsx::tables::Cell::Empty, |y| {
                    ekusia_xlsx::tables::Cell::Num(Decimal::from(y as u64 + 1))
                })
        );
    }
}

#[test]
fn the_assumptions_show_flows_evaluated_and_parameters_with_their_sources() {
    let (m, _) = small();
    let a = ekusia::assumptions(&m, &Options::default()).unwrap();
    let assistance = a.states.iter().find(|s| s.id == "assistance").unwrap();
    // "= rent_month * 12" with rent_month = 1000.
    assert_eq!(assistance.flows[0].amount, Decimal::from(12_000));
    assert_eq!(a.costs[0].amount, Decimal::from(50_000));
    assert_eq!(a.costs[0].years, vec![0, 1]);
    let p = a.parameters.iter().find(|p| p.id == "rent_month").unwrap();
    assert_eq!(p.source.as_deref(), Some("Hyresgästföreningen"));
    let files = unzip(&ekusia_xlsx::workbook_for(&m, &Options::default(), Lang::Sv).unwrap());
    let strings = file(&files, "xl/sharedStrings.xml");
    assert!(strings.contains("Hyresgästföreningen"));
    assert!(strings.contains("Försörjningsstöd"));
    // A model's text is stored as text, never as a formula.
    assert!(strings.contains("=HYPERLINK"));
    for (name, xml) in &files {
        if name.starts_with("xl/worksheets/") {
            assert!(!xml.contains("<f>"), "{name} has a formula");
        }
    }
    let sheet = files
        .iter()
        .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
        .map(|(_, x)| x.as_str())
        .collect::<String>();
    assert!(numbers(&sheet).iter().any(|(_, v)| v == "12000"));
}

#[test]
fn groups_and_outcomes_get_their_sheets_when_the_model_has_them() {
    for (name, sheet) in [
        ("v11-groups.toml", "Målgrupper"),
        ("v11-outcomes.toml", "Utfall"),
    ] {
        let (m, opts) = fixture(name);
        let r = ekusia::evaluate(&m, &opts).unwrap();
        let files = unzip(&ekusia_xlsx::workbook_for(&m, &opts, Lang::Sv).unwrap());
        assert!(file(&files, "xl/workbook.xml").contains(&format!("name=\"{sheet}\"")));
        let all: Vec<f64> = files
            .iter()
            .filter(|(n, _)| n.starts_with("xl/worksheets/sheet"))
            .flat_map(|(_, x)| numbers(x))
            .map(|(_, v)| v.parse().unwrap())
            .collect();
        for g in &r.groups {
            for row in &g.rows {
                assert!(all.contains(&f(row.pv_effect)), "{} {}", g.id, row.id);
            }
        }
        for o in &r.outcomes {
            for d in [o.with, o.without, o.effect, o.pv_effect] {
                assert!(all.contains(&f(d)), "{} {d}", o.id);
            }
        }
    }
}

/// Reads a Swedish spreadsheet CSV back: `;` between fields, decimal comma.
fn read_sv(text: &str) -> Vec<Vec<String>> {
    let body = text.strip_prefix(BOM).expect("a byte order mark first");
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(body.as_bytes());
    rd.records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn dec_sv(s: &str) -> Decimal {
    assert!(!s.contains('.'), "{s} has a decimal point");
    s.replace(',', ".").parse().unwrap()
}

#[test]
fn swedish_csv_has_semicolons_decimal_commas_and_the_reports_exact_values() {
    let (_, r) = small();
    let text = spreadsheet(&r, Which::Summary, Lang::Sv);
    let rows = read_sv(&text);
    let head = &rows[0];
    assert_eq!(head[0], "Aktör");
    let col = |h: &str| head.iter().position(|x| x == h).unwrap();
    let (id, npv, pv_cost) = (col("Id"), col("Nettonuvärde"), col("Nuvärde kostnad"));
    assert_eq!(rows.len(), r.rows.len() + 1);
    for line in &rows[1..] {
        let row = r.row(&line[id]).unwrap();
        assert_eq!(dec_sv(&line[npv]), row.npv.normalize());
        assert_eq!(dec_sv(&line[pv_cost]), row.pv_cost.normalize());
    }
    // The model's name is not in the summary CSV, but a row name from a model could be: the
    // guard is the same as the machine CSV's.
    let years = read_sv(&spreadsheet(&r, Which::Years, Lang::Sv));
    assert_eq!(years.len(), r.rows.len() * r.model.horizon + 1);
    let h = &years[0];
    let col = |x: &str| h.iter().position(|y| y == x).unwrap();
    let (id, year, cum) = (col("Id"), col("År"), col("Ackumulerat nuvärde netto"));
    for line in &years[1..] {
        let row = r.row(&line[id]).unwrap();
        let t: usize = line[year].parse().unwrap();
        assert_eq!(
            dec_sv(&line[cum]),
            row.years[t - 1].cumulative_pv_net.normalize()
        );
    }
    // English: commas between fields and a decimal point, still with a byte order mark.
    let en = spreadsheet(&r, Which::Summary, Lang::En);
    assert!(en.starts_with(BOM));
    assert!(en[BOM.len()..].starts_with("Actor,Id,PV effect"));
}

#[test]
fn the_machine_years_csv_is_the_reports_yearly_values() {
    let (_, r) = small();
    let text = years_machine(&r);
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    let head: Vec<String> = rd.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(head[..3], ["row", "year", "discount_factor"]);
    let mut n = 0;
    for rec in rd.records() {
        let rec = rec.unwrap();
        let row = r.row(&rec[0]).unwrap();
        let y = &row.years[rec[1].parse::<usize>().unwrap()];
        assert_eq!(
            rec[2].parse::<Decimal>().unwrap(),
            y.discount_factor.normalize()
        );
        assert_eq!(
            rec[9].parse::<Decimal>().unwrap(),
            y.cumulative_pv_net.normalize()
        );
        n += 1;
    }
    assert_eq!(n, r.rows.len() * r.model.horizon);
}

#[test]
fn hostile_text_is_stored_as_text_and_long_text_is_cut_to_excels_limit() {
    let label = "x".repeat(40_000);
    let text = SMALL
        .replace(
            "category = \"benefits\"",
            &format!("category = \"benefits\", label = \"{label}\""),
        )
        .replace(
            "name = \"Arbete\"",
            "name = \"Arb\\u0001ete\\u001b[31m <script>&\"",
        );
    let m = Model::from_toml(&text).unwrap();
    let bytes = ekusia_xlsx::workbook_for(&m, &Options::default(), Lang::Sv).unwrap();
    let files = unzip(&bytes);
    let strings = file(&files, "xl/sharedStrings.xml");
    assert!(strings.contains(&"x".repeat(32_767)) && !strings.contains(&"x".repeat(32_768)));
    assert!(strings.contains("&lt;script&gt;&amp;"));
    assert!(!strings.contains('\u{1}') && !strings.contains('\u{1b}'));
}
