//! Bad input never panics: arbitrary text, and valid models mutated at random, either evaluate
//! or return an error with a code; nothing panics and no partial report appears.

mod common;

use ekusia::{Format, Options};
use proptest::prelude::*;

fn no_panic(text: &str, format: Format) {
    match ekusia::evaluate_text(text, format, &Options::default()) {
        Ok(r) => assert!(r.rows.len() >= 2),
        Err(e) => {
            assert!(!e.problems().is_empty());
            assert!(!e.message().is_empty());
        }
    }
}

fn examples() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(common::root().join("models/examples"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(s in ".{0,400}") {
        no_panic(&s, Format::Toml);
        no_panic(&s, Format::Json);
    }

    /// Replace one number in a valid model with a hostile one, or cut the text short.
    #[test]
    fn mutated_examples_never_panic(which in 0usize..4, pos in 0usize..10_000, pick in 0usize..14) {
        let texts = examples();
        let text = &texts[which % texts.len()];
        let hostile = ["-1", "0", "1e27", "99999999999999999999999999999", "0.0000000000000000000000000001",
                       "\"rest\"", "\"abc\"", "1.5", "-0.0001", "201", "1000000000", "[]", "{}", "true"][pick];
        // Find the pos-th number and replace it.
        let bytes: Vec<(usize, usize)> = {
            let mut spans = Vec::new();
            let b = text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_digit() && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_' || b[i - 1] == b'-')) {
                    let s = i;
                    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') { i += 1; }
                    spans.push((s, i));
                } else { i += 1; }
            }
            spans
        };
        if !bytes.is_empty() {
            let (s, e) = bytes[pos % bytes.len()];
            let mutated = format!("{}{}{}", &text[..s], hostile, &text[e..]);
            no_panic(&mutated, Format::Toml);
        }
        let cut = pos % text.len();
        if text.is_char_boundary(cut) { no_panic(&text[..cut], Format::Toml); }
    }

    /// Editing one value (Python's `model.set`) with any path and any value text: a model that
    /// then evaluates or fails with a code, or an error with a code; never a panic.
    #[test]
    fn arbitrary_edits_never_panic(
        path in prop_oneof![
            "[a-z_.\\[\\]0-9]{0,40}",
            Just("intervention.cohorts[0].participants".to_string()),
            Just("scenarios.with.transitions[2].share".to_string()),
            ".{0,30}",
        ],
        value in prop_oneof![".{0,20}", "-?[0-9]{1,32}(\\.[0-9]{1,30})?", Just("{}".to_string())],
    ) {
        let m = ekusia::Model::from_toml(&examples()[1]).unwrap();
        match m.with_value(&path, &value) {
            Ok(edited) => {
                if let Err(e) = ekusia::validate(&edited, &Options::default()).and_then(|v| v.evaluate()) {
                    prop_assert!(!e.problems().is_empty());
                }
            }
            Err(e) => {
                prop_assert!(["parse", "schema", "limit"].contains(&e.code().as_str()), "{}", e);
                prop_assert!(!e.message().is_empty());
            }
        }
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
