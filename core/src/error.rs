//! One error type for every way a model can be wrong.
//!
//! Validation collects every problem it can find, so an [`Error`] holds a non-empty list of
//! [`Problem`]s; [`Error::code`] and [`Error::path`] report the first one so that callers who
//! want a single answer (a shell exit message, a Python exception's `.code`) get a stable one.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Stable, machine-readable error codes (SPEC §5). The string form never changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
}

impl ErrorCode {
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
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with a model: what (`code`), where (`path`, e.g. `states[3].flows[1].from`;
/// empty for the whole input) and how to fix it (`message`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub code: ErrorCode,
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            code,
            path: path.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "[{}] {}", self.code, self.message)
        } else {
            write!(f, "[{}] {}: {}", self.code, self.path, self.message)
        }
    }
}

/// The error every fallible function of the crate returns.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    problems: Vec<Problem>,
}

impl Error {
    /// An error with one problem.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Self {
        Error {
            problems: vec![Problem::new(code, path, message)],
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

    /// The message of the first problem.
    pub fn message(&self) -> &str {
        &self.problems[0].message
    }

    /// Every problem found, in the order validation met them.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    /// The problems as JSON (an array of `{code, path, message}`), for the bindings.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.problems).expect("problems serialise")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.problems[0])?;
        if self.problems.len() > 1 {
            write!(
                f,
                " (and {} more problem{})",
                self.problems.len() - 1,
                if self.problems.len() == 2 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
