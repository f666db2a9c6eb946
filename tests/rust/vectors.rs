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

/// The report's JSON is written by hand for speed (core/src/report/json.rs); it must be,
/// byte for byte, serde_json's pretty form of the derived `Serialize`, for every vector and
/// for strings that need every kind of escape, empty lists and maps, and absent values.
#[test]
fn hand_written_report_json_is_serde_jsons() {
    let root = common::root();
    let index: Vec<Case> = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/vectors/index.json")).unwrap(),
    )
    .unwrap();
    let serde_form = |r: &ekusia::Report| serde_json::to_string_pretty(r).unwrap() + "\n";
    let mut with_groups = false;
    let mut with_outcomes = false;
    for case in index {
        let path = root.join(&case.model);
        let text = std::fs::read_to_string(&path).unwrap();
        let opts = Options {
            base_dir: path.parent().map(|p| p.to_path_buf()),
        };
        let mut report =
            ekusia::evaluate_text(&text, Format::from_path(&case.model), &opts).unwrap();
        with_groups |= !report.groups.is_empty();
        with_outcomes |= !report.outcomes.is_empty();
        assert_eq!(report.to_json(), serde_form(&report), "{}", case.model);
        // Every string the report carries from a model, with every escape serde_json makes.
        let odd = "a\"b\\c/\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} é€😀 <&>";
        report.model.name = odd.into();
        report.model.currency = odd.into();
        report.model.price_year = Some(-12);
        report.warnings = vec![odd.into(), String::new()];
        report.model.success = Some(ekusia::report::SuccessSetting {
            from: odd.into(),
            to: "x".into(),
            years: 7,
        });
        for r in &mut report.rows {
            r.name = odd.into();
            r.names.en = odd.into();
            r.milestones.clear();
            r.payback_year = Some(usize::MAX);
        }
        for o in &mut report.outcomes {
            o.unit = None;
            o.net_cost_per_unit
                .insert(odd.into(), ekusia::report::NullableDec(None));
        }
        if let Some(o) = report.outcomes.first_mut() {
            o.net_cost_per_unit.clear();
        }
        assert_eq!(
            report.to_json(),
            serde_form(&report),
            "{} (edited)",
            case.model
        );
        report.rows.clear();
        report.warnings.clear();
        report.model.parameters.clear();
        report.model.price_year = None;
        report.model.success = None;
        assert_eq!(
            report.to_json(),
            serde_form(&report),
            "{} (emptied)",
            case.model
        );
    }
    assert!(
        with_groups && with_outcomes,
        "the vectors cover groups and outcomes"
    );
}

/// A model on a bundled base reuses the base resolved on its own (validate/mod.rs, `memo`)
/// when it keeps the base's parameters. The same model with its base written into it
/// (`inline_base`, no base left) is resolved from scratch: both must give the same report,
/// for the examples and for models that add actors, replace a base state, add parameters that
/// read the base's, or replace a base parameter (which turns the reuse off).
#[test]
fn a_bundled_base_resolved_once_gives_the_same_report_as_resolved_with_the_model() {
    let root = common::root();
    let opts = Options::default();
    let mut texts: Vec<String> = std::fs::read_dir(root.join("models/examples"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let small = |extra: &str| {
        format!(
            r#"format = "ekusia-model/1.1"
name = "memo"
base = "se-2024"
horizon = 4
{extra}
[intervention]
start = {{ social_assistance = 0.5, employment = 0.25, mine = 0.25 }}
cohorts = [{{ start_year = 0, participants = 10 }}]
costs = [{{ name = "Coach", amount = 100000, financing = {{ municipality = 1 }} }}]
[scenarios.with]
transitions = [{{ from = "social_assistance", to = "employment", share = 0.3 }},
               {{ from = "social_assistance", to = "studies", share = 0.2 }},
               {{ from = "mine", to = "labour_market_programme", share = 0.5 }}]
"#
        )
    };
    let mine = r#"
[[states]]
id = "mine"
name = "Mine"
flows = [{ type = "resource", actor = "coop", amount = "= twice_pbb" },
         { type = "production", actor = "coop", amount = 1000, category = "new" }]
"#;
    texts.push(small(&format!(
        r#"[parameters]
twice_pbb = "= pbb * 2"
[[actors]]
id = "coop"
name = "Coop"
kind = "other"
{mine}"#
    )));
    texts.push(small(&format!(
        r#"[parameters]
twice_pbb = "= pbb * 2"
[[actors]]
id = "coop"
name = "Coop"
[[actors]]
id = "municipality"
name = "Kommunen (lokalt)"
kind = "public"
{mine}
[[states]]
id = "employment"
name = "Work (local)"
flows = [{{ type = "production", actor = "individual", amount = "= twice_pbb * 5", category = "wage" }}]
# The base's first state, replaced: its new breakdown key comes first, before the base's.
[[states]]
id = "social_assistance"
name = "Social assistance (local)"
flows = [{{ type = "resource", actor = "municipality", amount = 100, category = "local" }},
         {{ type = "transfer", from = "municipality", to = "individual", amount = 1000 }}]"#
    )));
    texts.push(small(&format!(
        r#"[parameters]
twice_pbb = "= pbb * 2"
pbb = 60000
[[actors]]
id = "coop"
name = "Coop"
{mine}"#
    )));
    for text in &texts {
        let model = ekusia::Model::from_toml(text).unwrap();
        let inlined = ekusia::inline_base(&model, &opts).unwrap();
        assert!(inlined.base.is_none());
        let a = ekusia::evaluate(&model, &opts).unwrap();
        let b = ekusia::evaluate(&inlined, &opts).unwrap();
        assert_eq!(a.to_json(), b.to_json(), "{text}");
    }
    // A problem in the model's own state is still found, with its path.
    let bad = small(&format!(
        r#"[[actors]]
id = "coop"
name = "Coop"
{}"#,
        mine.replace("= twice_pbb", "= twice_pb")
    ));
    let e = ekusia::evaluate_text(&bad, Format::Toml, &opts).unwrap_err();
    let p = &e.problems()[0];
    assert_eq!(
        (p.code.as_str(), p.path.as_str()),
        ("unknown_reference", "states[0].flows[0].amount")
    );
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
