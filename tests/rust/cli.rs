//! The `ekusia` command line, run as a user would.

mod common {
    /// The repository root.
    pub fn root() -> std::path::PathBuf {
        std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap()
            .to_path_buf()
    }
}

use std::io::Write;
use std::process::{Command, Stdio};

fn ekusia(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ekusia"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const EXAMPLE: &str = "models/examples/jobbspar-forsorjningsstod.toml";

#[test]
fn run_prints_a_swedish_table_with_the_reference_numbers() {
    let (code, out, _) = ekusia(&["run", EXAMPLE]);
    assert_eq!(code, 0);
    for label in [
        "Kommunen",
        "Arbetsförmedlingen",
        "Offentlig sektor",
        "Samhället",
        "Individen",
        "Nettonuvärde",
    ] {
        assert!(out.contains(label), "missing {label} in\n{out}");
    }
    // Society's npv from the reference vector, rounded to whole kronor, grouped the Swedish way.
    let vector: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            common::root().join("tests/vectors/reports/jobbspar-forsorjningsstod.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let npv: ekusia::Decimal = vector["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "society")
        .unwrap()["npv"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let whole = npv.round().to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    assert!(
        out.contains(&format!("{grouped} kr")),
        "society npv {grouped} kr not in\n{out}"
    );
}

/// The printed report names the base's input values marked as assumptions (issue 13), read here
/// straight from the base file: plain numbers with `quality = "assumption"`, not formulas.
#[test]
fn printed_reports_name_the_assumptions() {
    let base: toml::Table = std::fs::read_to_string(common::root().join("core/bases/se-2024.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let mut expected: Vec<String> = base["parameters"]
        .as_table()
        .unwrap()
        .iter()
        .filter(|(_, p)| p.get("quality").and_then(|q| q.as_str()) == Some("assumption"))
        .filter(|(_, p)| {
            !p["value"]
                .as_str()
                .is_some_and(|v| v.trim_start().starts_with('='))
        })
        .map(|(id, _)| id.clone())
        .collect();
    assert!(expected.iter().any(|id| id == "wage_month"));
    for (lang, lead) in [
        ("sv", "ingångsvärden är antaganden"),
        ("en", "input values are assumptions"),
    ] {
        for format in ["table", "markdown"] {
            let (code, out, _) = ekusia(&["run", EXAMPLE, "--lang", lang, "--format", format]);
            assert_eq!(code, 0);
            // The note is the last paragraph, wrapped to the table's width.
            let para = out.trim_end().rsplit("\n\n").next().unwrap();
            assert!(para.lines().all(|l| l.chars().count() <= 98), "{para}");
            let line = para.replace('\n', " ");
            assert!(line.starts_with(&format!("{} ", expected.len())), "{line}");
            assert!(line.contains(lead), "{line}");
            let mut named: Vec<String> = line
                .rsplit_once(": ")
                .unwrap()
                .1
                .trim_end_matches('.')
                .split(", ")
                .map(str::to_string)
                .collect();
            named.sort();
            expected.sort();
            assert_eq!(named, expected);
        }
    }
    // JSON stays the report of the contract, without the note.
    let (_, json, _) = ekusia(&["run", EXAMPLE, "--format", "json"]);
    assert!(!json.contains("antaganden"));
}

#[test]
fn json_output_is_the_golden_vector() {
    let (code, out, _) = ekusia(&["run", EXAMPLE, "--format", "json"]);
    assert_eq!(code, 0);
    let expected = std::fs::read_to_string(
        common::root().join("tests/vectors/reports/jobbspar-forsorjningsstod.json"),
    )
    .unwrap();
    assert_eq!(out, expected);
}

#[test]
fn standard_input_works_for_toml_and_json() {
    let text = std::fs::read_to_string(common::root().join(EXAMPLE)).unwrap();
    let json = ekusia::Model::from_toml(&text).unwrap().to_json();
    for input in [text, json] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ekusia"))
            .args(["run", "-", "--format", "json"])
            .current_dir(common::root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let expected = std::fs::read_to_string(
            common::root().join("tests/vectors/reports/jobbspar-forsorjningsstod.json"),
        )
        .unwrap();
        assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    }
}

#[test]
fn english_markdown_csv_and_html() {
    let (_, md, _) = ekusia(&["run", EXAMPLE, "--format", "markdown", "--lang", "en"]);
    assert!(md.contains("| Society |") && md.contains("SEK "), "{md}");
    let (_, csv, _) = ekusia(&["run", EXAMPLE, "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("id,name,kind,pv_effect"));
    assert_eq!(lines.len(), 1 + 8, "6 actors + public sector + society");
    let dir = std::env::temp_dir().join(format!("ekusia-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("report.html");
    let (code, _, _) = ekusia(&[
        "run",
        EXAMPLE,
        "--format",
        "html",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.starts_with("<!doctype html>") && html.contains("<svg") && html.contains("<circle"),
        "chart with payback marks"
    );
    assert!(
        !html.contains("<script src") && !html.contains("<link"),
        "self-contained"
    );
}

#[test]
fn validate_reports_every_problem_with_exit_code_one() {
    let dir = std::env::temp_dir().join(format!("ekusia-val-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(
        &bad,
        "format = \"ekusia-model/1\"\nname = \"x\"\nbase = \"se-2024\"\nhorizon = 0\n[intervention]\nstart = { social_asistance = 1 }\n",
    )
    .unwrap();
    let (code, _, err) = ekusia(&["validate", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("error[invalid_range] at horizon"), "{err}");
    assert!(
        err.contains("error[unknown_reference] at intervention.start.social_asistance"),
        "{err}"
    );
    // Swedish by default, like the tables; English with --lang en, from the same template.
    assert!(err.contains("menade du 'social_assistance'?"), "{err}");
    assert!(err.contains("horizon måste vara minst 1 (nu 0)"), "{err}");
    let (code, _, err) = ekusia(&["validate", bad.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean 'social_assistance'"), "{err}");
    assert!(err.contains("horizon must be at least 1, found 0"), "{err}");
    let (code, out, _) = ekusia(&["validate", EXAMPLE]);
    assert_eq!(code, 0);
    assert!(out.contains("110 participants"), "{out}");
}

#[test]
fn usage_errors_exit_with_two() {
    assert_eq!(ekusia(&["run"]).0, 2);
    assert_eq!(ekusia(&["run", EXAMPLE, "--format", "pdf"]).0, 2);
    assert_eq!(ekusia(&["run", "no/such/file.toml"]).0, 2);
}

#[test]
fn schema_is_generated_json_schema() {
    let (code, out, _) = ekusia(&["schema"]);
    assert_eq!(code, 0);
    let s: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(s["additionalProperties"], false);
    for key in [
        "format",
        "intervention",
        "scenarios",
        "discount_rate",
        "horizon",
    ] {
        assert!(s["properties"][key].is_object(), "schema lacks {key}");
    }
    let req: Vec<&str> = s["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(req.contains(&"format") && req.contains(&"name"));
}

#[test]
fn bases_lists_the_bundled_base() {
    let (code, out, _) = ekusia(&["bases"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("se-2024\t"));
}

#[test]
fn a_base_path_is_relative_to_the_model_file() {
    let dir = std::env::temp_dir().join(format!("ekusia-base-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(
        dir.join("sub/local.toml"),
        "format = \"ekusia-base/1\"\ncurrency = \"SEK\"\nprice_year = 2025\nactors = [{ id = \"city\", name = \"City\" }]\n\
         states = [{ id = \"a\", name = \"A\", flows = [{ type = \"resource\", actor = \"city\", amount = 1000 }] }, { id = \"b\", name = \"B\" }]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("model.toml"),
        "format = \"ekusia-model/1\"\nname = \"local\"\nbase = \"sub/local.toml\"\nhorizon = 2\ndiscount_rate = 0\n\
         [intervention]\nstart = { a = 1 }\ncohorts = [{ participants = 3 }]\n\
         [scenarios.with]\ntransitions = [{ from = \"a\", to = \"b\", share = 1 }]\n",
    )
    .unwrap();
    let (code, out, err) = ekusia(&[
        "run",
        dir.join("model.toml").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["model"]["price_year"], 2025);
    // Year 1: 3 people leave state a, saving 3 × 1000 for the city.
    let city = &r["rows"][0];
    assert_eq!(city["id"], "city");
    assert_eq!(city["years"][1]["effect"], "3000");
    assert_eq!(city["npv"], "3000");
}

#[test]
fn simulate_prints_the_chance_of_a_positive_npv_for_every_actor() {
    let (code, out, _) = ekusia(&[
        "simulate",
        "models/examples/jobbspar-osakerhet.toml",
        "--runs",
        "10000",
        "--seed",
        "1",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("P(NNV > 0)") && out.contains("10 000 körningar"),
        "{out}"
    );
    for label in [
        "Kommunen",
        "Arbetsförmedlingen",
        "Försäkringskassan",
        "Regionen",
        "Staten",
        "Individen",
        "Offentlig sektor",
        "Samhället",
    ] {
        assert!(
            out.lines()
                .any(|l| l.contains(label) && l.trim_end().ends_with("% │")),
            "no P(NPV > 0) for {label} in\n{out}"
        );
    }
    // Amounts carry the model's own currency.
    let (_, eur, _) = ekusia(&[
        "simulate",
        "tests/vectors/models/no-cost-eur.json",
        "--runs",
        "10",
    ]);
    assert!(eur.contains(" EUR") && !eur.contains(" kr"), "{eur}");
    // The JSON is the library's, for the same seed.
    let (_, json, _) = ekusia(&[
        "simulate",
        "models/examples/jobbspar-osakerhet.toml",
        "--runs",
        "2000",
        "--seed",
        "3",
        "--format",
        "json",
    ]);
    let expected = std::fs::read_to_string(
        common::root()
            .join("tests/vectors/simulation/jobbspar-osakerhet.seed3.runs2000.native.json"),
    )
    .unwrap();
    assert_eq!(json, expected);
    // Split across threads, the same runs and the same JSON.
    let (_, threaded, _) = ekusia(&[
        "simulate",
        "models/examples/jobbspar-osakerhet.toml",
        "--runs",
        "2000",
        "--seed",
        "3",
        "--threads",
        "2",
        "--format",
        "json",
    ]);
    assert_eq!(threaded, expected);
    let (code, _, err) = ekusia(&[
        "simulate",
        "models/examples/jobbspar-osakerhet.toml",
        "--runs",
        "0",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("error[limit] at runs"), "{err}");
}

#[test]
fn sensitivity_prints_the_tornado_largest_first() {
    let (code, out, _) = ekusia(&[
        "sensitivity",
        "models/examples/jobbspar-osakerhet.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    let first = out
        .lines()
        .find(|l| {
            l.contains("scenarios.") || l.contains("analysis.") || l.contains("discount_rate")
        })
        .unwrap();
    // The bar is labelled by what the value is, not by its position in the list.
    assert!(
        first.contains("scenarios.with.transitions[from=social_assistance,to=employment].share"),
        "{out}"
    );
    let (_, json, _) = ekusia(&[
        "sensitivity",
        "models/examples/jobbspar-osakerhet.toml",
        "--format",
        "json",
    ]);
    let s: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(s["method"], "distributions");
    assert_eq!(s["rows"].as_array().unwrap().len(), 5); // five distributions: the discount rate is no longer drawn
}

fn society_npv(json: &str) -> ekusia::Decimal {
    row_npv(json, "society")
}

fn row_npv(json: &str, id: &str) -> ekusia::Decimal {
    let r: serde_json::Value = serde_json::from_str(json).unwrap();
    r["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap()["npv"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn run_set_changes_values_by_readable_path_like_an_edited_file() {
    // The same edit made in the file's text must give the same report as --set by selector.
    // A small model of its own (the bundled examples' effects may be retuned).
    let model = |share: &str| {
        format!(
            r#"format = "ekusia-model/1.1"
name = "Set test"
base = "se-2024"
horizon = 6
[intervention]
start = {{ social_assistance = 1 }}
cohorts = [{{ start_year = 0, participants = 20 }}]
costs = [{{ name = "Coach", amount = 400000, financing = {{ municipality = 1 }} }}]
[[scenarios.with.transitions]]
from = "social_assistance"
to = "studies"
share = 0.05
[[scenarios.with.transitions]]
from = "social_assistance"
to = "employment"
share = {share}
"#
        )
    };
    let dir = std::env::temp_dir().join(format!("ekusia-cli-set-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("edited.toml");
    std::fs::write(&file, model("0.12")).unwrap();
    let original = dir.join("original.toml");
    std::fs::write(&original, model("0.08")).unwrap();
    let original = original.to_str().unwrap();
    let (code, by_file, err) = ekusia(&["run", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let (code, by_set, err) = ekusia(&[
        "run",
        original,
        "--format",
        "json",
        "--set",
        "scenarios.with.transitions[from=social_assistance,to=employment].share=0.12",
        "--set",
        "horizon=6",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(society_npv(&by_set), society_npv(&by_file));
    let (_, plain, _) = ekusia(&["run", original, "--format", "json"]);
    assert_ne!(society_npv(&by_set), society_npv(&plain));
    // A selector that matches nothing: exit 1, a schema error with the nearest entry.
    let (code, _, err) = ekusia(&[
        "run",
        EXAMPLE,
        "--lang",
        "en",
        "--set",
        "scenarios.with.transitions[from=social_assistance,to=employmnt].share=0.1",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("error[schema]"), "{err}");
    assert!(
        err.contains("from=social_assistance,to=employment"),
        "{err}"
    );
    // A percentage is its share, as in Python's `Model.set("…", "12%")`: the same report as
    // the edited file (0.12), and a base parameter's 30 % the same as 0.3.
    let (code, by_percent, err) = ekusia(&[
        "run",
        original,
        "--format",
        "json",
        "--set",
        "scenarios.with.transitions[from=social_assistance,to=employment].share=12 %",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(society_npv(&by_percent), society_npv(&by_file));
    let tax = |v: &str| {
        let (code, out, err) = ekusia(&[
            "run",
            original,
            "--format",
            "json",
            "--set",
            &format!("parameters[id=municipal_tax].value={v}"),
        ]);
        assert_eq!(code, 0, "{err}");
        row_npv(&out, "municipality")
    };
    assert_eq!(tax("30%"), tax("0.3"));
    assert_ne!(tax("30%"), tax("0.2"));
    // No `=` outside the brackets: a usage error.
    let (code, _, err) = ekusia(&["run", EXAMPLE, "--set", "costs[name=x].amount"]);
    assert_eq!(code, 2, "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn sensitivity_of_a_row_varies_that_rows_npv() {
    let (code, json, err) = ekusia(&[
        "sensitivity",
        EXAMPLE,
        "--row",
        "municipality",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let s: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(s["row"], "municipality");
    let (_, report, _) = ekusia(&["run", EXAMPLE, "--format", "json"]);
    let npv: ekusia::Decimal = s["npv"].as_str().unwrap().parse().unwrap();
    assert_eq!(npv, row_npv(&report, "municipality"));
    // The top bar's low end is the municipality's npv in the model with that value set there.
    let top = &s["rows"][0];
    let label = top["label"].as_str().unwrap();
    let (code, low, err) = ekusia(&[
        "run",
        EXAMPLE,
        "--format",
        "json",
        "--set",
        &format!("{label}=\"{}\"", top["low"].as_str().unwrap()),
    ]);
    assert_eq!(code, 0, "{err}");
    let expected: ekusia::Decimal = top["npv_low"].as_str().unwrap().parse().unwrap();
    assert_eq!(row_npv(&low, "municipality"), expected);
    let (code, _, err) = ekusia(&["sensitivity", EXAMPLE, "--row", "municipalty"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error[unknown_reference]") && err.contains("municipality"),
        "{err}"
    );
}

#[test]
fn bases_show_prints_the_price_list_and_run_shows_groups_and_parameters() {
    let (code, out, _) = ekusia(&["bases", "--show", "se-2024"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Försörjningsstöd") && out.contains("-140 040 kr"),
        "{out}"
    );
    let (code, out, _) = ekusia(&[
        "bases",
        "--show",
        "tests/vectors/models/v11-base.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Socialstyrelsen") && out.contains("municipal_tax"),
        "{out}"
    );
    let (code, out, _) = ekusia(&["bases", "--show", "se-2025"]);
    assert_eq!(code, 1);
    let _ = out;
    let (code, out, _) = ekusia(&["run", "tests/vectors/models/v11-groups.toml"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("Målgrupper") && out.contains("Unga 18–24"),
        "{out}"
    );
    let (code, html, _) = ekusia(&[
        "run",
        "tests/vectors/models/v11-base-parameters.toml",
        "--format",
        "html",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    assert!(html.contains("Parameters and sources") && html.contains("Socialstyrelsen"));
}

fn run_bytes(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ekusia"))
        .args(args)
        .current_dir(common::root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        out.stdout,
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn xlsx_needs_an_output_file_and_is_the_crates_workbook() {
    let (code, out, err) = run_bytes(&["run", EXAMPLE, "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(out.is_empty() && err.contains("--output"), "{err}");
    let dir = std::env::temp_dir().join(format!("ekusia-cli-xlsx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (model, lang) in [
        ("tests/vectors/models/v11-groups.toml", "sv"),
        (EXAMPLE, "en"),
    ] {
        let file = dir.join(format!("{lang}.xlsx"));
        let (code, _, err) = run_bytes(&[
            "run",
            model,
            "--format",
            "xlsx",
            "--lang",
            lang,
            "--output",
            file.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(&bytes[..4], b"PK\x03\x04");
        let path = common::root().join(model);
        let text = std::fs::read_to_string(&path).unwrap();
        let m = ekusia::parse_model(&text, ekusia::Format::Toml).unwrap();
        let opts = ekusia::Options {
            base_dir: path.parent().map(|p| p.to_path_buf()),
        };
        let l = ekusia::Lang::from_code(lang).unwrap();
        assert_eq!(bytes, ekusia_xlsx::workbook_for(&m, &opts, l).unwrap());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn csv_for_swedish_excel_and_the_yearly_table() {
    let (code, csv, _) = ekusia(&["run", EXAMPLE, "--format", "csv", "--lang", "sv"]);
    assert_eq!(code, 0);
    let body = csv.strip_prefix('\u{feff}').expect("a byte order mark");
    assert!(body.starts_with("Aktör;Id;Nuvärde effekt;"), "{body}");
    let (_, json, _) = ekusia(&["run", EXAMPLE, "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let society_npv = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "society")
        .unwrap()["npv"]
        .as_str()
        .unwrap()
        .to_string();
    let line = body
        .lines()
        .find(|l| l.split(';').nth(1) == Some("society"))
        .unwrap();
    // Nettonuvärde is the fifth field, with a decimal comma.
    assert_eq!(
        line.split(';').nth(4).unwrap(),
        society_npv.replace('.', ",")
    );
    let (code, years, _) = ekusia(&["run", EXAMPLE, "--format", "csv", "--table", "years"]);
    assert_eq!(code, 0);
    assert!(years.starts_with(
        "row,year,discount_factor,with,without,effect,cost,net,pv_net,cumulative_pv_net\n"
    ));
    let horizon = report["model"]["horizon"].as_u64().unwrap() as usize;
    assert_eq!(years.lines().count(), 1 + 8 * horizon);
    let (code, years_sv, _) = ekusia(&[
        "run", EXAMPLE, "--format", "csv", "--table", "years", "--lang", "sv",
    ]);
    assert_eq!(code, 0);
    assert!(years_sv.starts_with("\u{feff}Aktör;Id;År;Diskonteringsfaktor;"));
    let (code, _, err) = ekusia(&["run", EXAMPLE, "--format", "json", "--table", "years"]);
    assert_eq!(code, 2);
    assert!(err.contains("--table years"), "{err}");
}
