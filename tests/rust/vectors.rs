//! Golden vectors: every example model (and the extra stress models) evaluated by the crate
//! must give, byte for byte, the report JSON that the independent Python reference
//! (tests/reference/ekusia_ref.py) wrote; every bad model in errors.json must give exactly
//! the listed problems.

mod common;

use ekusia::{Format, Options};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    model: String,
    report: String,
}

#[test]
fn reports_match_the_independent_reference_byte_for_byte() {
    let root = common::root();
    let index: Vec<Case> = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/vectors/index.json")).unwrap(),
    )
    .unwrap();
    assert!(
        index.len() >= 8,
        "expected at least 8 vectors, found {}",
        index.len()
    );
    for case in index {
        let path = root.join(&case.model);
        let text = std::fs::read_to_string(&path).unwrap();
        let opts = Options {
            base_dir: path.parent().map(|p| p.to_path_buf()),
        };
        let report = ekusia::evaluate_text(&text, Format::from_path(&case.model), &opts)
            .unwrap_or_else(|e| panic!("{}: {e}", case.model));
        let expected = std::fs::read_to_string(root.join(&case.report)).unwrap();
        assert_eq!(
            report.to_json(),
            expected,
            "report of {} differs from the reference",
            case.model
        );
        // The JSON form reads back into the same report.
        assert_eq!(ekusia::Report::from_json(&expected).unwrap(), report);
    }
}

#[derive(Deserialize)]
struct ErrorCase {
    name: String,
    format: String,
    model: String,
    problems: Vec<Expected>,
    message_contains: String,
}

#[derive(Deserialize, Debug, PartialEq)]
struct Expected {
    code: String,
    path: String,
}

#[test]
fn bad_models_give_every_listed_problem() {
    let root = common::root();
    let cases: Vec<ErrorCase> = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/vectors/errors.json")).unwrap(),
    )
    .unwrap();
    let mut codes = std::collections::BTreeSet::new();
    for c in cases {
        let format = if c.format == "json" {
            Format::Json
        } else {
            Format::Toml
        };
        let err = ekusia::evaluate_text(&c.model, format, &Options::default())
            .err()
            .unwrap_or_else(|| panic!("{}: expected an error", c.name));
        let got: Vec<Expected> = err
            .problems()
            .iter()
            .map(|p| Expected {
                code: p.code.as_str().into(),
                path: p.path.clone(),
            })
            .collect();
        assert_eq!(got, c.problems, "{}", c.name);
        assert!(
            err.message().contains(&c.message_contains),
            "{}: message {:?} lacks {:?}",
            c.name,
            err.message(),
            c.message_contains
        );
        assert_eq!(err.code().as_str(), c.problems[0].code);
        codes.insert(err.code().as_str().to_string());
    }
    // Every code of SPEC §5, version 1.1's included, is exercised.
    for code in common::check::SPEC_CODES {
        assert!(codes.contains(code), "no error vector for code {code}");
    }
}

/// The worked example in the analysts' guide runs, and says what the guide says it says.
#[test]
fn the_guides_worked_example_runs() {
    let guide = std::fs::read_to_string(common::root().join("docs/model-format.md")).unwrap();
    let start = guide.find("```toml\n").unwrap() + 8;
    let end = start + guide[start..].find("```").unwrap();
    let report =
        ekusia::evaluate_text(&guide[start..end], Format::Toml, &Options::default()).unwrap();
    let society = report.row("society").unwrap();
    assert!(society.npv > ekusia::Decimal::ZERO);
    assert_eq!(report.model.participants, 30);
    // 4.5 more people in work from year 1: the municipality saves 140 040 and gains 60 940.80 each.
    let m = report.row("municipality").unwrap();
    assert_eq!(
        m.years[1].effect,
        ekusia::Decimal::new(45, 1) * ekusia::Decimal::new(20098080, 2)
    );
}
