//! Bad input never panics: arbitrary text, the examples with hostile numbers and strings put
//! in or cut short, and any value of an example edited (`Model::with_value`) go through parse,
//! validate, evaluate, simulate (20 runs), sensitivity and every output format
//! (`common::check::exercise`): a report or an error with a code of SPEC §5 and a path, safe
//! output, never a panic. Generated hostile models are in `hostile.rs`.

mod common;

use common::check::{self, exercise, exercise_text};
use ekusia::{Format, Options};
use proptest::prelude::*;
use proptest::sample::Index;

/// Text through parse, and a model through validate, evaluate, simulate, sensitivity and
/// every output format: a result or an error with a code of SPEC §5, never a panic.
fn no_panic(text: &str, format: Format) {
    if let Err(e) = exercise_text(text, format) {
        panic!("{e}\n--- input ---\n{text}");
    }
}

/// The bundled examples, sorted by file name.
fn examples() -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(common::root().join("models/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Values that sit at or beyond the edges of the format: the decimal range (±7.9e28, 1e-28),
/// the amount limit (10^12), participant and horizon limits, too many digits, and values of
/// the wrong type.
const HOSTILE_VALUES: [&str; 30] = [
    "-1",
    "0",
    "1e27",
    "99999999999999999999999999999",
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "792281625142643375935439503350",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "1e-28",
    "1000000000000",
    "1000000000000.01",
    "1000000000001",
    "0.1234567890123456789012345678",
    "\"rest\"",
    "\"abc\"",
    "\"= 1 + 1\"",
    "1.5",
    "-0.0001",
    "201",
    "1000000000",
    "1000000001",
    "[]",
    "{}",
    "true",
    "{ dist = \"normal\", mean = 0, sd = 1e28 }",
    "{ dist = \"uniform\", min = -5e28, max = 5e28 }",
    "{ dist = \"triangular\", min = 0, mode = 1, max = 79228162514264337593543950335 }",
    "{ dist = \"pert\", min = 2, mode = 1, max = 0 }",
    "0.000000000000000000001",
];

/// Text that would act where a name is shown: terminal escapes, markup, spreadsheet formulas.
const HOSTILE_TEXT: [&str; 10] = [
    "\\u001b[31mred\\u001b[0m",
    "<script>alert(1)</script>",
    "=cmd|' /C calc'!A0",
    "+SUM(A1)",
    "@SUM(A1)",
    "a|b|c",
    "\\t=1",
    "",
    "x\\u0000y",
    "<img src=x onerror=alert(1)>",
];

/// The byte spans of the numbers in a TOML text (not inside identifiers like `s1`).
fn number_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit()
            && (i == 0
                || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'-'))
        {
            let s = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            spans.push((s, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// The byte spans of the basic strings `"…"` of a TOML text (quotes included).
fn string_spans(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    let mut comment = false;
    while i < b.len() {
        match b[i] {
            b'\n' => comment = false,
            b'#' => comment = true,
            b'"' if !comment => {
                let s = i;
                i += 1;
                while i < b.len() && b[i] != b'"' && b[i] != b'\n' {
                    i += 1;
                }
                if i < b.len() && b[i] == b'"' {
                    spans.push((s, i + 1));
                }
            }
            _ => {}
        }
        i += 1;
    }
    spans
}

/// Every leaf of a JSON document as a path problems write (`intervention.cohorts[0].participants`).
fn leaf_paths(v: &serde_json::Value, at: String, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                leaf_paths(x, p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaf_paths(x, format!("{at}[{i}]"), out);
            }
        }
        _ => out.push(at),
    }
}

/// `cases`, or `EKUSIA_FUZZ_CASES` for a long campaign (`make fuzz`).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("EKUSIA_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(common::PERSISTENCE)),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(500))]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        no_panic(&s, Format::Toml);
        no_panic(&s, Format::Json);
    }
}

proptest! {
    #![proptest_config(config(300))]

    /// Replace one number of an example with a hostile value, or one of its strings with
    /// hostile text, or cut the text short.
    #[test]
    fn mutated_examples_never_panic(
        which in any::<Index>(),
        pos in any::<Index>(),
        value in prop::sample::select(&HOSTILE_VALUES[..]),
        text in prop::sample::select(&HOSTILE_TEXT[..]),
        what in 0u8..3,
    ) {
        let texts = examples();
        let example = which.get(&texts).as_str();
        match what {
            0 => {
                let spans = number_spans(example);
                let (s, e) = *pos.get(&spans);
                no_panic(&format!("{}{}{}", &example[..s], value, &example[e..]), Format::Toml);
            }
            1 => {
                let spans = string_spans(example);
                let (s, e) = *pos.get(&spans);
                no_panic(&format!("{}\"{}\"{}", &example[..s], text, &example[e..]), Format::Toml);
            }
            _ => {
                let cut = pos.index(example.len());
                if example.is_char_boundary(cut) {
                    no_panic(&example[..cut], Format::Toml);
                }
            }
        }
    }

    /// Editing one value (Python's `model.set`) of any example, at any of its leaves or any
    /// path, with any value text: an edited model that then goes through every entry point
    /// with a result or a coded error, or an error with a code; never a panic.
    #[test]
    fn arbitrary_edits_never_panic(
        which in any::<Index>(),
        leaf in any::<Index>(),
        path in prop_oneof![
            Just(String::new()),
            "[a-z_.\\[\\]0-9]{0,40}",
            Just("intervention.cohorts[0].participants".to_string()),
            Just("scenarios.with.transitions[2].share".to_string()),
            Just("analysis.attribution".to_string()),
            Just("currency".to_string()),
            Just("name".to_string()),
            ".{0,30}",
        ],
        value in prop_oneof![
            ".{0,20}",
            "-?[0-9]{1,32}(\\.[0-9]{1,30})?",
            "\"-?[0-9]{1,3}(\\.[0-9]{1,3})?e-?[0-9]{1,3}\"",
            Just("{}".to_string()),
            Just(r#"{"dist": "normal", "mean": 0, "sd": "1e28"}"#.to_string()),
            Just(r#"{"dist": "uniform", "min": "-5e28", "max": "5e28"}"#.to_string()),
            Just(r#"{"dist": "triangular", "min": "0", "mode": "1", "max": "7.9e28"}"#.to_string()),
            Just(r#""\u001b[31mred""#.to_string()),
            Just(r#""<script>alert(1)</script>""#.to_string()),
            Just(r#""=cmd|' /C calc'!A0""#.to_string()),
            Just(r#""0.000000000000000000001""#.to_string()),
            Just(r#""79228162514264337593543950335""#.to_string()),
        ],
    ) {
        let texts = examples();
        let m = ekusia::Model::from_toml(which.get(&texts).as_str()).unwrap();
        // Half of the edits go to a leaf the example has, the others to the path drawn.
        let path = if path.is_empty() {
            let mut leaves = Vec::new();
            leaf_paths(&serde_json::to_value(&m).unwrap(), String::new(), &mut leaves);
            leaf.get(&leaves).clone()
        } else {
            path
        };
        match check::guarded("Model::with_value", || m.with_value(&path, &value)).unwrap() {
            Ok(edited) => {
                if let Err(e) = exercise(&edited, &Options::default()) {
                    panic!("{e}\nedit: {path} = {value}");
                }
            }
            Err(e) => {
                prop_assert!(["parse", "schema", "limit"].contains(&e.code().as_str()), "{}", e);
                prop_assert!(!e.message().is_empty());
            }
        }
    }
}

/// Every example as it is: through every entry point and every format.
#[test]
fn examples_pass_every_entry_point_and_format() {
    for text in examples() {
        let out = exercise_text(&text, Format::Toml).unwrap();
        assert!(
            out.evaluated && out.simulated && out.sensitivity.is_some(),
            "{out:?}"
        );
    }
}

#[test]
fn deep_nesting_and_huge_inputs_are_errors() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    no_panic(&deep, Format::Json);
    no_panic(&format!("a = {deep}"), Format::Toml);
    let big = "#".repeat(11 * 1024 * 1024);
    let e = ekusia::evaluate_text(&big, Format::Toml, &Options::default()).unwrap_err();
    assert_eq!(e.code().as_str(), "limit");
}

#[test]
fn too_many_cohorts_is_a_limit() {
    let cohorts: Vec<String> = (0..1001)
        .map(|_| "{ participants = 1 }".to_string())
        .collect();
    let text = format!(
        "format = \"ekusia-model/1\"\nname = \"x\"\nbase = \"se-2024\"\n[intervention]\nstart = {{ social_assistance = 1 }}\ncohorts = [{}]\n",
        cohorts.join(", ")
    );
    let e = ekusia::evaluate_text(&text, Format::Toml, &Options::default()).unwrap_err();
    assert_eq!(e.code().as_str(), "limit");
    assert_eq!(e.path(), "intervention.cohorts");
}

/// Documents that are not a table at all, and empty ones.
#[test]
fn documents_of_the_wrong_shape_are_coded_errors() {
    for (text, format) in [
        ("[]", Format::Json),
        ("5", Format::Json),
        ("\"x\"", Format::Json),
        ("null", Format::Json),
        ("{}", Format::Json),
        ("", Format::Json),
        ("", Format::Toml),
        ("format = 5", Format::Toml),
        ("\u{feff}format = \"ekusia-model/1\"", Format::Toml),
    ] {
        match ekusia::parse_model(text, format) {
            Ok(m) => panic!("{text:?} parsed: {m:?}"),
            Err(e) => println!("{text:?} → [{}] {:?}: {}", e.code(), e.path(), e.message()),
        }
        no_panic(text, format);
    }
}

/// Found by `documents_of_the_wrong_shape_are_coded_errors`: a JSON document that is not an
/// object (`[]`, `5`, `"x"`, `null`) is a `schema` error with an empty path — SPEC §5 gives
/// every error but `parse` (and the input-size `limit`) a path; the whole document's place
/// would do, or the error could be `parse` ("a model is a JSON object").
#[test]
fn core_bug_a_document_that_is_not_a_table_has_no_error_path() {
    for text in ["[]", "5", "\"x\"", "null"] {
        let e = ekusia::parse_model(text, Format::Json).unwrap_err();
        assert!(
            e.code().as_str() == "parse" || !e.path().is_empty(),
            "{text}: [{}] {:?}: {}",
            e.code(),
            e.path(),
            e.message()
        );
    }
}

/// Found while writing the test above: serde reads a struct from a sequence too, so a JSON
/// array of the model's 13 fields in declaration order is accepted as a model — a form SPEC §2
/// does not have (a model is a table with named keys; unknown keys are errors).
#[test]
fn core_bug_a_json_array_is_read_as_a_model() {
    let text = r#"["ekusia-model/1", "array", null, "se-2024", null, null, null, "5", [], [],
                  {"start": {"social_assistance": 1}, "cohorts": [{"participants": 10}]}, {}, null]"#;
    let parsed = ekusia::parse_model(text, Format::Json);
    assert!(parsed.is_err(), "an array was read as a model: {parsed:?}");
}

/// Hostile parameter graphs (SPEC §8.1 limits): a chain of 1,000 parameters evaluates, a
/// cycle through 500 is named once, 1,001 parameters are a `limit`, and formulas of 10^5
/// characters or deep nesting are errors — each answered at once, never a stack overflow.
#[test]
fn hostile_parameter_graphs_give_their_error() {
    let model = |params: &str| {
        format!(
            "format = \"ekusia-model/1.1\"\nname = \"p\"\nhorizon = 2\nactors = [{{ id = \"a\", name = \"A\" }}]\n\
             states = [{{ id = \"s\", name = \"S\", flows = [{{ type = \"production\", actor = \"a\", amount = \"= p999\" }}] }}]\n\
             [intervention]\nstart = {{ s = 1 }}\n[parameters]\n{params}"
        )
    };
    let chain: String = std::iter::once("p0 = 1\n".to_string())
        .chain((1..1000).map(|i| format!("p{i} = \"= p{} + 1\"\n", i - 1)))
        .collect();
    let r = ekusia::evaluate_text(&model(&chain), Format::Toml, &Options::default()).unwrap();
    assert_eq!(r.model.parameters[999].value, 1000.into());
    let cycle: String = (0..1000)
        .map(|i| {
            format!(
                "p{i} = \"= p{} + 1\"\n",
                (i + 1) % 500 + if i >= 500 { 500 } else { 0 }
            )
        })
        .collect();
    let e = ekusia::evaluate_text(&model(&cycle), Format::Toml, &Options::default()).unwrap_err();
    let cycles: Vec<_> = e
        .problems()
        .iter()
        .filter(|p| p.code.as_str() == "cycle")
        .collect();
    assert_eq!(cycles.len(), 2, "{e}");
    assert_eq!(cycles[0].path, "parameters.p0");
    assert!(
        cycles[0].message.contains("p0 → p1 → p2"),
        "{}",
        cycles[0].message
    );
    let many: String = (0..1001).map(|i| format!("p{i} = {i}\n")).collect();
    let e = ekusia::evaluate_text(&model(&many), Format::Toml, &Options::default()).unwrap_err();
    assert_eq!((e.code().as_str(), e.path()), ("limit", "parameters"));
    for (formula, code) in [
        (format!("= {}", "1+".repeat(50_000) + "1"), "limit"),
        (
            format!("= {}1{}", "(".repeat(10_000), ")".repeat(10_000)),
            "limit",
        ),
        (format!("= {}", "-".repeat(10_000) + "1"), "limit"),
        ("= 1 +* 2".to_string(), "formula"),
        (format!("= {}", "9".repeat(100)), "formula"),
    ] {
        let text = model(&format!("p999 = \"{formula}\"\n"));
        let e = ekusia::evaluate_text(&text, Format::Toml, &Options::default()).unwrap_err();
        assert_eq!(
            (e.code().as_str(), e.path()),
            (code, "parameters.p999"),
            "{}",
            &formula[..20]
        );
    }
}
