//! One error type for every way a model can be wrong.
//!
//! Validation collects every problem it can find, so an [`Error`] holds a non-empty list of
//! [`Problem`]s; [`Error::code`] and [`Error::path`] report the first one so that callers who
//! want a single answer (a shell exit message, a Python exception's `.code`) get a stable one.
//! A problem carries its message as a template key and values ([`crate::messages`]), so every
//! interface can say it in Swedish or English.

use crate::lang::Lang;
use crate::messages::{render, Msg};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable, machine-readable error codes (SPEC §5). The string form never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ErrorCode {
    Parse,
    Schema,
    UnsupportedFormat,
    UnknownReference,
    DuplicateId,
    InvalidShare,
    SharesSum,
    OutflowExceedsOne,
    InvalidRange,
    NegativeAmount,
    Financing,
    Limit,
    Overflow,
    BaseNotFound,
    Formula,
    Cycle,
    DivisionByZero,
}

impl ErrorCode {
    /// The code as the report and the bindings write it (`"unknown_reference"`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Parse => "parse",
            ErrorCode::Schema => "schema",
            ErrorCode::UnsupportedFormat => "unsupported_format",
            ErrorCode::UnknownReference => "unknown_reference",
            ErrorCode::DuplicateId => "duplicate_id",
            ErrorCode::InvalidShare => "invalid_share",
            ErrorCode::SharesSum => "shares_sum",
            ErrorCode::OutflowExceedsOne => "outflow_exceeds_one",
            ErrorCode::InvalidRange => "invalid_range",
            ErrorCode::NegativeAmount => "negative_amount",
            ErrorCode::Financing => "financing",
            ErrorCode::Limit => "limit",
            ErrorCode::Overflow => "overflow",
            ErrorCode::BaseNotFound => "base_not_found",
            ErrorCode::Formula => "formula",
            ErrorCode::Cycle => "cycle",
            ErrorCode::DivisionByZero => "division_by_zero",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a model: what (`code`), where (`path`, e.g. `states[3].flows[1].from`;
/// empty for the whole input), and how to fix it: a message `key` with its `values`, and the
/// message rendered in English (`message`; [`Problem::message_in`] gives any language).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The stable code.
    pub code: ErrorCode,
    /// Where in the model, as problems write paths; empty for the whole input.
    pub path: String,
    /// The message in English.
    pub message: String,
    /// The message's template.
    pub key: Msg,
    /// The values the template names (found, min, max, ids …), in template order.
    #[serde(with = "values_map")]
    pub values: Vec<(String, String)>,
}

/// Values as a JSON object (`{"found": "1.2"}`), in their order.
mod values_map {
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(
        v: &[(String, String)],
        s: S,
    ) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(v.len()))?;
        for (k, x) in v {
            m.serialize_entry(k, x)?;
        }
        m.end()
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Vec<(String, String)>, D::Error> {
        let m = indexmap::IndexMap::<String, String>::deserialize(d)?;
        Ok(m.into_iter().collect())
    }
}

impl Problem {
    /// A problem with a message from `key` and its values (`[("found", "1.2")]`).
    pub fn new<K: Into<String>, V: ToString>(
        code: ErrorCode,
        path: impl Into<String>,
        key: Msg,
        values: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        let values: Vec<(String, String)> = values
            .into_iter()
            .map(|(k, v)| (k.into(), v.to_string()))
            .collect();
        debug_assert!(
            key.fields().len() == values.len()
                && key.fields().iter().zip(&values).all(|(f, (k, _))| f == k),
            "{key:?} takes {:?}, given {values:?}",
            key.fields()
        );
        Problem {
            code,
            path: path.into(),
            message: render(key, &values, Lang::En),
            key,
            values,
        }
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.message.clone(),
            _ => render(self.key, &self.values, lang),
        }
    }

    /// `[code] path: message` in `lang`: one line for a terminal or a log.
    pub fn line(&self, lang: Lang) -> String {
        if self.path.is_empty() {
            format!("[{}] {}", self.code, self.message_in(lang))
        } else {
            format!("[{}] {}: {}", self.code, self.path, self.message_in(lang))
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line(Lang::En))
    }
}

/// The error every fallible function of the crate returns.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    problems: Vec<Problem>,
}

/// The values of a message without any: `Error::new(code, path, Msg::X, NONE)`.
pub const NONE: [(&str, &str); 0] = [];

impl Error {
    /// An error with one problem.
    pub fn new<K: Into<String>, V: ToString>(
        code: ErrorCode,
        path: impl Into<String>,
        key: Msg,
        values: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Error {
            problems: vec![Problem::new(code, path, key, values)],
        }
    }

    /// An error from a list of problems; `None` when the list is empty (nothing is wrong).
    pub fn from_problems(problems: Vec<Problem>) -> Option<Self> {
        if problems.is_empty() {
            None
        } else {
            Some(Error { problems })
        }
    }

    /// The code of the first problem.
    pub fn code(&self) -> ErrorCode {
        self.problems[0].code
    }

    /// The path of the first problem.
    pub fn path(&self) -> &str {
        &self.problems[0].path
    }

    /// The message of the first problem, in English.
    pub fn message(&self) -> &str {
        &self.problems[0].message
    }

    /// Every problem found, in the order validation met them.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The first problem and how many more, in `lang`.
    pub fn summary(&self, lang: Lang) -> String {
        let mut s = self.problems[0].line(lang);
        let more = self.problems.len() - 1;
        if more > 0 {
            s.push_str(&match lang {
                Lang::En => format!(
                    " (and {more} more problem{})",
                    if more == 1 { "" } else { "s" }
                ),
                Lang::Sv => format!(" (och {more} fel till)"),
            });
        }
        s
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary(Lang::En))
    }
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The values of a problem's message: `values![found = n, max = 200]` gives
/// `[("found", n.to_string()), ("max", 200.to_string())]`.
#[macro_export]
macro_rules! values {
    () => { $crate::error::NONE };
    ($($k:ident = $v:expr),+ $(,)?) => { [$((stringify!($k), ($v).to_string())),+] };
}
