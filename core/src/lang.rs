//! The two languages every text of ekusia is written in: labels, number formats and problem
//! messages. Kept in the core (not in presentation) so that the command line, Python and the
//! page say the same thing in the same words.

use serde::{Deserialize, Serialize};

/// A language of labels, messages and number formats.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish: `1 234 567 kr`, decimal comma.
    #[default]
    Sv,
    /// English: `SEK 1,234,567`, decimal point.
    En,
}

impl Lang {
    /// The ISO 639-1 code, `"sv"` or `"en"`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// The language with this code (`"sv"`, `"en"`), if it is one of ours.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the text for this language.
    pub fn pick<T>(self, sv: T, en: T) -> T {
        match self {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}
