//! Reading model and base files from TOML or JSON text.
//!
//! Text is parsed in two steps so that the two kinds of mistakes get different codes: first
//! into a generic document (a syntax error is `parse`), then into the typed structs (a wrong
//! key, type or missing field is `schema`, with the path to it from `serde_path_to_error`).

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Base, Model};
use crate::suggest::did_you_mean;
use serde::de::DeserializeOwned;

/// Largest accepted input (SPEC §2).
pub const MAX_INPUT_BYTES: usize = 10 * 1024 * 1024;

/// The text format of a model or base file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Toml,
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

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(Error::new(
            ErrorCode::Limit,
            "",
            format!(
                "the input is {} bytes; the limit is {} bytes (10 MiB)",
                text.len(),
                MAX_INPUT_BYTES
            ),
        ));
    }
    Ok(())
}

fn typed<T: DeserializeOwned, D>(de: D) -> Result<T>
where
    D: for<'de> serde::Deserializer<'de>,
    for<'de> <D as serde::Deserializer<'de>>::Error: std::fmt::Display,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let mut path = e.path().to_string();
        if path == "." {
            path.clear();
        }
        let raw = e.inner().to_string();
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
            format!("required key '{field}' is missing"),
        );
    }
    if let Some(found) = between(&msg, "unknown field `", "`") {
        let expected = expected_list(&msg);
        let hint = did_you_mean(found, expected.iter().map(String::as_str));
        return Error::new(
            ErrorCode::Schema,
            path,
            format!(
                "unknown key '{found}'{hint}; allowed here: {}",
                expected.join(", ")
            ),
        );
    }
    if let Some(found) = between(&msg, "unknown variant `", "`") {
        let expected = expected_list(&msg);
        let hint = did_you_mean(found, expected.iter().map(String::as_str));
        return Error::new(
            ErrorCode::Schema,
            path,
            format!(
                "unknown value '{found}'{hint}; allowed: {}",
                expected.join(", ")
            ),
        );
    }
    let code = if msg.contains("out of the supported range") {
        ErrorCode::Limit
    } else {
        ErrorCode::Schema
    };
    Error::new(code, path, msg)
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
            let value: serde_json::Value = serde_json::from_str(text)
                .map_err(|e| Error::new(ErrorCode::Parse, "", format!("invalid JSON: {e}")))?;
            typed(value)
        }
        Format::Toml => {
            let value: toml::Table = toml::from_str(text).map_err(|e| {
                let m = e.to_string();
                let first = m
                    .lines()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                Error::new(ErrorCode::Parse, "", format!("invalid TOML: {first}"))
            })?;
            typed(toml::Value::Table(value))
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
    pub fn from_toml(text: &str) -> Result<Model> {
        parse_model(text, Format::Toml)
    }
    pub fn from_json(text: &str) -> Result<Model> {
        parse_model(text, Format::Json)
    }
    /// The model as pretty JSON; numbers are written as strings so they stay exact.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a model always serialises to JSON")
    }
    /// The model as TOML; numbers are written as strings so they stay exact.
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self)
            .map_err(|e| Error::new(ErrorCode::Schema, "", format!("cannot write TOML: {e}")))
    }
}
