//! Reading model and base files from TOML or JSON text.
//!
//! Text is parsed in two steps so that the two kinds of mistakes get different codes: first
//! into a generic document (a syntax error is `parse`), then into the typed structs (a wrong
//! key, type or missing field is `schema`, with the path to it from `serde_path_to_error`).

use crate::error::{Error, ErrorCode, Result};
use crate::messages::Msg;
use crate::model::{Base, Model};
use crate::suggest::suggestion;
use crate::values;
use serde::de::DeserializeOwned;
use std::io::Read;
use std::path::Path;

/// Largest accepted input (SPEC §2).
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// The text format of a model or base file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

impl Format {
    /// The format a file name implies (`.json` is JSON, anything else TOML).
    pub fn from_path(path: &str) -> Format {
        if path.to_ascii_lowercase().ends_with(".json") {
            Format::Json
        } else {
            Format::Toml
        }
    }

    /// Guesses from the text itself: JSON starts with `{` (after white space).
    pub fn sniff(text: &str) -> Format {
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Toml
        }
    }
}

fn too_large(size: usize) -> Error {
    Error::new(
        ErrorCode::Limit,
        "",
        Msg::InputTooLarge,
        values![size = size, limit = MAX_INPUT_BYTES],
    )
}

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(too_large(text.len()));
    }
    Ok(())
}

/// Why text could not be read: the source failed, or the input breaks a limit.
#[derive(Debug)]
pub enum ReadError {
    /// The file or stream could not be read.
    Io(std::io::Error),
    /// Too large (`limit`) or not UTF-8 (`parse`).
    Input(Error),
}

/// Reads at most [`MAX_INPUT_BYTES`] + 1 bytes of UTF-8 text from `r`: a larger input is a
/// `limit` error as soon as the extra byte arrives, so `/dev/zero` cannot fill the memory.
pub fn read_text(r: impl Read) -> std::result::Result<String, ReadError> {
    let mut buf = Vec::new();
    r.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut buf)
        .map_err(ReadError::Io)?;
    if buf.len() > MAX_INPUT_BYTES {
        return Err(ReadError::Input(too_large(buf.len())));
    }
    String::from_utf8(buf)
        .map_err(|_| ReadError::Input(Error::new(ErrorCode::Parse, "", Msg::NotUtf8, values![])))
}

/// [`read_text`] from a file.
pub fn read_bounded(path: &Path) -> std::result::Result<String, ReadError> {
    read_text(std::fs::File::open(path).map_err(ReadError::Io)?)
}

/// A deserializer's error as serde's one-line message.
trait SerdeMessage {
    fn serde_message(&self) -> String;
}

impl SerdeMessage for serde_json::Error {
    fn serde_message(&self) -> String {
        self.to_string()
    }
}

impl SerdeMessage for toml::de::Error {
    fn serde_message(&self) -> String {
        self.to_string()
    }
}

impl SerdeMessage for toml_edit::de::Error {
    /// The message alone, without the document excerpt toml_edit's `Display` puts around it.
    fn serde_message(&self) -> String {
        self.message().to_string()
    }
}

fn typed<T: DeserializeOwned, D>(de: D) -> Result<T>
where
    D: for<'de> serde::Deserializer<'de>,
    for<'de> <D as serde::Deserializer<'de>>::Error: SerdeMessage,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let mut path = e.path().to_string();
        if path == "." {
            path.clear();
        }
        let raw = e.inner().serde_message();
        schema_error(path, &raw)
    })
}

/// Turns a serde message into a problem with a helpful message and the right code.
fn schema_error(mut path: String, raw: &str) -> Error {
    // toml's messages may carry a trailing newline or a location block; keep the first line.
    let msg = raw.lines().next().unwrap_or(raw).trim().to_string();
    if let Some(field) = between(&msg, "missing field `", "`") {
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(field);
        return Error::new(
            ErrorCode::Schema,
            path,
            Msg::MissingKey,
            values![key = field],
        );
    }
    if let Some(found) = between(&msg, "unknown field `", "`") {
        let expected = expected_list(&msg);
        let near = suggestion(found, expected.iter().map(String::as_str)).unwrap_or_default();
        return Error::new(
            ErrorCode::Schema,
            path,
            Msg::UnknownKey,
            values![
                found = found,
                suggestion = near,
                allowed = expected.join(", ")
            ],
        );
    }
    if let Some(found) = between(&msg, "unknown variant `", "`") {
        let expected = expected_list(&msg);
        let near = suggestion(found, expected.iter().map(String::as_str)).unwrap_or_default();
        return Error::new(
            ErrorCode::Schema,
            path,
            Msg::UnknownValue,
            values![
                found = found,
                suggestion = near,
                allowed = expected.join(", ")
            ],
        );
    }
    if msg.contains("out of the supported range") {
        Error::new(
            ErrorCode::Limit,
            path,
            Msg::NumberTooLarge,
            values![detail = msg],
        )
    } else {
        Error::new(
            ErrorCode::Schema,
            path,
            Msg::WrongType,
            values![detail = msg],
        )
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

fn expected_list(msg: &str) -> Vec<String> {
    let Some(i) = msg.find("expected ") else {
        return vec![];
    };
    msg[i..]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn parse_doc<T: DeserializeOwned>(text: &str, format: Format) -> Result<T> {
    check_size(text)?;
    match format {
        Format::Json => {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
                Error::new(ErrorCode::Parse, "", Msg::InvalidJson, values![detail = e])
            })?;
            if !value.is_object() {
                return Err(Error::new(ErrorCode::Parse, "", Msg::NotATable, values![]));
            }
            duplicate_keys(text)?;
            typed(value)
        }
        // Plain TOML by the fast reader (issue 17: reading was most of parse + validate);
        // anything else, and every error, the reference way.
        #[cfg(not(target_arch = "wasm32"))]
        Format::Toml => match crate::plain_toml::read(text) {
            Some(t) => Ok(t),
            None => reference_toml(text),
        },
        // In WebAssembly through a generic table, as `toml::from_str` reads: the structs'
        // deserializer is then compiled for `toml::Value` only, which keeps the page's module
        // about 190 KB (45 KB gzipped) smaller; the result and every error are the same.
        #[cfg(target_arch = "wasm32")]
        Format::Toml => {
            use serde::Deserialize;
            let doc = toml_edit::de::Deserializer::from(toml_document(text)?);
            let table = toml::Table::deserialize(doc).map_err(|e| {
                let first = e
                    .to_string()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                Error::new(
                    ErrorCode::Parse,
                    "",
                    Msg::InvalidToml,
                    values![detail = first],
                )
            })?;
            typed(toml::Value::Table(table))
        }
    }
}

/// The reference reader of TOML: toml_edit's document straight into the structs (no generic
/// table in between), with `serde_path_to_error`'s paths in `schema` errors. Every error a TOML
/// file gets comes from here.
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn reference_toml<T: DeserializeOwned>(text: &str) -> Result<T> {
    typed(toml_edit::de::Deserializer::from(toml_document(text)?))
}

/// A TOML document. A number literal too large for TOML's 64-bit integers or doubles is read
/// again as a string, so that it reaches the model's number rules and gets the same `limit`
/// error, with its path, as the same number in JSON.
fn toml_document(text: &str) -> Result<toml_edit::ImDocument<std::borrow::Cow<'_, str>>> {
    let mut text = std::borrow::Cow::Borrowed(text);
    for _ in 0..64 {
        // (Cloning a borrowed text copies nothing; an owned one exists only after a retry.)
        let e = match toml_edit::ImDocument::parse(text.clone()) {
            Ok(doc) => return Ok(doc),
            Err(e) => e,
        };
        let m = e.to_string();
        let number_byte = |b: u8| b.is_ascii_alphanumeric() || b"+-._".contains(&b);
        let bytes = text.as_bytes();
        // The error's span points into the literal; widen it to the whole literal.
        let literal = e
            .span()
            .filter(|_| {
                ["too large", "too small", "invalid floating-point"]
                    .iter()
                    .any(|w| m.contains(w))
            })
            .map(|r| {
                let mut a = r.start.min(bytes.len());
                while a > 0 && number_byte(bytes[a - 1]) {
                    a -= 1;
                }
                let mut b = a;
                while b < bytes.len() && number_byte(bytes[b]) {
                    b += 1;
                }
                a..b
            })
            .filter(|r| !r.is_empty() && bytes[r.start] != b'"');
        match literal {
            Some(r) => {
                // TOML's digit separators mean nothing to the number itself.
                let quoted = format!("\"{}\"", text[r.clone()].replace('_', ""));
                text.to_mut().replace_range(r, &quoted);
            }
            None => {
                let first = m.split_whitespace().collect::<Vec<_>>().join(" ");
                return Err(Error::new(
                    ErrorCode::Parse,
                    "",
                    Msg::InvalidToml,
                    values![detail = first],
                ));
            }
        }
    }
    Err(Error::new(
        ErrorCode::Parse,
        "",
        Msg::InvalidToml,
        values![detail = "too many numbers out of range"],
    ))
}

/// JSON objects may not repeat a key: serde_json would silently keep the last value, and a
/// model must never mean something its author did not see. Checked in a second, allocation-
/// light pass so that the error can name the key's path.
fn duplicate_keys(text: &str) -> Result<()> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use std::fmt;

    struct Seed<'a>(&'a mut Vec<String>, &'a mut Option<(String, String)>);

    impl<'de> DeserializeSeed<'de> for Seed<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Seed<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> std::result::Result<(), E> {
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
            let mut i = 0;
            loop {
                self.0.push(format!("[{i}]"));
                let more = seq.next_element_seed(Seed(&mut *self.0, &mut *self.1))?;
                self.0.pop();
                if more.is_none() {
                    return Ok(());
                }
                i += 1;
            }
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<String>()? {
                if self.1.is_none() && !seen.insert(key.clone()) {
                    *self.1 = Some((path_of(self.0), key.clone()));
                }
                self.0.push(format!(".{key}"));
                map.next_value_seed(Seed(&mut *self.0, &mut *self.1))?;
                self.0.pop();
            }
            Ok(())
        }
    }

    fn path_of(parts: &[String]) -> String {
        parts.concat().trim_start_matches('.').to_string()
    }

    let mut parts = Vec::new();
    let mut found = None;
    let mut de = serde_json::Deserializer::from_str(text);
    // The text already parsed as JSON; a failure here can only be the recursion limit.
    let _ = Seed(&mut parts, &mut found).deserialize(&mut de);
    let _ = IgnoredAny;
    match found {
        None => Ok(()),
        Some((at, key)) => {
            let path = if at.is_empty() {
                key.clone()
            } else {
                format!("{at}.{key}")
            };
            Err(Error::new(
                ErrorCode::Parse,
                path,
                Msg::DuplicateKey,
                values![key = key],
            ))
        }
    }
}

/// Reads a model from text (no validation beyond its shape).
pub fn parse_model(text: &str, format: Format) -> Result<Model> {
    parse_doc(text, format)
}

/// Reads a base library from text.
pub fn parse_base(text: &str, format: Format) -> Result<Base> {
    parse_doc(text, format)
}

impl Model {
    /// Reads a model from TOML text.
    pub fn from_toml(text: &str) -> Result<Model> {
        parse_model(text, Format::Toml)
    }
    /// Reads a model from JSON text.
    pub fn from_json(text: &str) -> Result<Model> {
        parse_model(text, Format::Json)
    }
    /// The model as pretty JSON; numbers are written as strings so they stay exact.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a model always serialises to JSON")
    }
    /// The model as TOML; numbers are written as strings so they stay exact, except the whole
    /// numbers of the count and year fields (`horizon = 10`, `participants = 40`,
    /// `years = [0, 1, 2]`), which a TOML integer holds exactly and a reader expects bare.
    pub fn to_toml(&self) -> Result<String> {
        let fail = |detail: String| {
            Error::new(
                ErrorCode::Schema,
                "",
                Msg::CannotWriteToml,
                values![detail = detail],
            )
        };
        let mut value = toml::Value::try_from(self).map_err(|e| fail(e.to_string()))?;
        bare_whole_numbers(&mut value, "");
        toml::to_string(&value).map_err(|e| fail(e.to_string()))
    }

    /// A copy with one value replaced: `path` is written as problems write it
    /// (`intervention.cohorts[0].participants`) or with selectors
    /// (`scenarios.with.transitions[from=social_assistance,to=employment].share`, see
    /// (paths.rs)), `value_json` is the new value as JSON text
    /// (`60`, `"0.25"`, `{ "municipality": 1 }`). Tables missing on the way are created, so
    /// `analysis.attribution` works on a model without `[analysis]`. The copy is read like a
    /// JSON model (`schema` errors with their paths); validation comes when it is run.
    ///
    /// Why here: an analyst trying many variants edits one number at a time, and doing it on the
    /// Rust side costs a fraction of a round trip through the host language's dicts.
    pub fn with_value(&self, path: &str, value_json: &str) -> Result<Model> {
        check_size(value_json)?;
        let value: serde_json::Value = serde_json::from_str(value_json).map_err(|e| {
            Error::new(
                ErrorCode::Parse,
                path,
                Msg::InvalidJsonValue,
                values![detail = e],
            )
        })?;
        let mut doc = serde_json::to_value(self).expect("a model always serialises to JSON");
        *crate::paths::locate(&mut doc, path, true)? = value;
        typed(doc)
    }

    /// The value at `path` (the same paths as [`Model::with_value`]) as JSON: numbers as
    /// strings, as [`Model::to_json`] writes them. Nothing is created: a missing key is a
    /// `schema` error naming the keys there are.
    pub fn get(&self, path: &str) -> Result<serde_json::Value> {
        let doc = serde_json::to_value(self).expect("a model always serialises to JSON");
        crate::paths::get(&doc, path)
    }

    /// [`Model::get`], and where the model itself does not have the value, its base's (a base
    /// state's flow, a base parameter the model leaves as it is), found in the model with its
    /// base inlined. The error is the model's own when neither has it.
    pub fn get_with_base(&self, path: &str, opts: &crate::Options) -> Result<serde_json::Value> {
        self.get(path).or_else(|e| {
            crate::validate::inline_base(self, opts)
                .ok()
                .and_then(|m| m.get(path).ok())
                .ok_or(e)
        })
    }
}

/// The model's fields that hold whole numbers (counts and years; SPEC: plain numbers, never
/// formulas — `participants` may be a formula, which is text and stays text).
const WHOLE_FIELDS: [&str; 10] = [
    "horizon",
    "price_year",
    "participants",
    "start_year",
    "cohort_year",
    "years",
    "year",
    "from_year",
    "to_year",
    "max_years",
];

/// Writes the whole numbers of [`WHOLE_FIELDS`] as TOML integers (exact up to 2^63).
fn bare_whole_numbers(v: &mut toml::Value, key: &str) {
    match v {
        toml::Value::Table(t) => {
            for (k, x) in t.iter_mut() {
                bare_whole_numbers(x, k);
            }
        }
        toml::Value::Array(a) => {
            for x in a.iter_mut() {
                bare_whole_numbers(x, key);
            }
        }
        toml::Value::String(s) if WHOLE_FIELDS.contains(&key) => {
            if let Ok(i) = s.parse::<i64>() {
                if i.to_string() == *s {
                    *v = toml::Value::Integer(i);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = include_str!("../../models/examples/jobbspar-forsorjningsstod.toml");

    #[test]
    fn toml_writes_counts_and_years_bare_and_every_other_number_exact() {
        let m = Model::from_toml(
            r#"format = "ekusia-model/1.1"
name = "2024"
base = "se-2024"
horizon = 10
discount_rate = 0.035
[intervention]
start = { social_assistance = 1 }
cohorts = [{ start_year = 0, participants = 40 }, { start_year = 1, participants = "= 4 * 10" }]
costs = [{ name = "7", amount = 1800000, years = [0, 1, 2], financing = { municipality = 1 } }]
[[scenarios.with.trajectory]]
year = 1
shares = { social_assistance = "0.6666666666666666666666666667", employment = "rest" }
"#,
        )
        .unwrap();
        let text = m.to_toml().unwrap();
        for line in [
            "horizon = 10\n",
            "start_year = 0\n",
            "participants = 40\n",
            "participants = \"= 4 * 10\"\n",
            "years = [0, 1, 2]\n",
            "year = 1\n",
            // Names stay text however they look; other numbers stay exact strings.
            "name = \"2024\"\n",
            "name = \"7\"\n",
            "amount = \"1800000\"\n",
            "discount_rate = \"0.035\"\n",
            "social_assistance = \"0.6666666666666666666666666667\"\n",
        ] {
            assert!(text.contains(line), "{line:?} not in\n{text}");
        }
        assert!(text.starts_with("format = "), "{text}");
        assert_eq!(Model::from_toml(&text).unwrap(), m);
    }

    fn at(m: &Model, pointer: &str) -> serde_json::Value {
        serde_json::to_value(m)
            .unwrap()
            .pointer(pointer)
            .cloned()
            .unwrap()
    }

    #[test]
    fn with_value_replaces_one_value_and_creates_missing_tables() {
        let m = Model::from_toml(EXAMPLE).unwrap();
        let edited = m
            .with_value("intervention.cohorts[1].participants", "60")
            .unwrap();
        assert_eq!(at(&edited, "/intervention/cohorts/1/participants"), "60");
        assert_eq!(at(&edited, "/intervention/cohorts/0/participants"), "40");
        assert_eq!(at(&m, "/intervention/cohorts/1/participants"), "40");
        let share = m
            .with_value("scenarios.with.transitions[0].share", "\"0.2\"")
            .unwrap();
        assert_eq!(at(&share, "/scenarios/with/transitions/0/share"), "0.2");
        let attributed = m.with_value("analysis.attribution", "0.5").unwrap();
        assert_eq!(at(&attributed, "/analysis/attribution"), "0.5");
        // Everything else is unchanged: setting a value to itself gives the same model.
        assert_eq!(m.with_value("horizon", "10").unwrap(), m);
    }

    #[test]
    fn with_value_reports_bad_paths_and_values() {
        let m = Model::from_toml(EXAMPLE).unwrap();
        let err = |p: &str, v: &str| {
            let e = m.with_value(p, v).unwrap_err();
            (e.code().as_str(), e.path().to_string(), e.to_string())
        };
        let (code, path, msg) = err("intervention.cohorts[7].participants", "1");
        assert_eq!(
            (code, path.as_str()),
            ("schema", "intervention.cohorts[7].participants")
        );
        assert!(
            msg.contains("'intervention.cohorts' has 3 entries; there is no [7]"),
            "{msg}"
        );
        let (code, _, msg) = err("horizon.years", "1");
        assert_eq!(code, "schema");
        assert!(msg.contains("'horizon' is a value"), "{msg}");
        let (code, path, _) = err("intervention.cohorts[0].participants", "\"many\"");
        assert_eq!(
            (code, path.as_str()),
            ("schema", "intervention.cohorts[0].participants")
        );
        assert_eq!(err("horizon", "{").0, "parse");
        assert_eq!(err("", "1").0, "schema");
        assert_eq!(err("a[x]", "1").0, "schema");
        assert_eq!(err("nonsense_key", "1").0, "schema");
    }
}
