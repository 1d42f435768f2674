//! The viewer's own words, one table per language: English and Simplified Chinese.
//! A word missing from a table falls back to English.

use std::collections::BTreeMap;

/// The languages the viewer speaks, by code, with their tables.
const TABLES: [(&str, &str); 2] = [
    ("en", include_str!("en.toml")),
    ("zh-CN", include_str!("zh-CN.toml")),
];

/// The codes of the languages the viewer speaks.
pub fn ui_languages() -> Vec<&'static str> {
    TABLES.iter().map(|(code, _)| *code).collect()
}

/// The viewer's words in one language.
#[derive(Clone, Debug)]
pub struct UiText {
    code: &'static str,
    words: BTreeMap<String, String>,
    english: BTreeMap<String, String>,
}

/// A language the viewer does not speak.
#[derive(Debug, thiserror::Error)]
#[error("the viewer does not speak \"{0}\" (it speaks {list})", list = ui_languages().join(", "))]
pub struct UnknownUiLanguage(pub String);

impl UiText {
    /// The table of `code` (`"en"`, `"zh-CN"`; `"zh"`, `"zh-Hans"` and `"zh_CN"` are read as
    /// `"zh-CN"`).
    pub fn new(code: &str) -> Result<Self, UnknownUiLanguage> {
        let code = match_language(code).ok_or_else(|| UnknownUiLanguage(code.to_string()))?;
        Ok(Self {
            code,
            words: table(code),
            english: table("en"),
        })
    }

    /// The table for the system's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`), English when
    /// the viewer does not speak it.
    pub fn from_locale() -> Self {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .unwrap_or_default();
        Self::new(&locale).unwrap_or_else(|_| Self::english())
    }

    /// The English table.
    pub fn english() -> Self {
        Self {
            code: "en",
            words: table("en"),
            english: table("en"),
        }
    }

    /// The language's code.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The words for `key` (English when this table lacks them; the key itself when
    /// no table has it).
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.words
            .get(key)
            .or_else(|| self.english.get(key))
            .map_or(key, String::as_str)
    }

    /// The words for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        values
            .iter()
            .fold(self.get(key).to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

/// The code of the table for a language or locale name: `zh_CN.UTF-8` → `zh-CN`.
fn match_language(name: &str) -> Option<&'static str> {
    let name = name.split(['.', '@']).next().unwrap_or("").replace('_', "-");
    let primary = name.split('-').next().unwrap_or("").to_ascii_lowercase();
    match primary.as_str() {
        "zh" => Some("zh-CN"),
        "en" => Some("en"),
        // The C and POSIX locales read English.
        "c" | "posix" => Some("en"),
        _ => None,
    }
}

/// The words of table `code`; the tables are part of the binary and checked by tests,
/// so one that does not parse is empty rather than an error at run time.
fn table(code: &str) -> BTreeMap<String, String> {
    TABLES
        .iter()
        .find(|(c, _)| *c == code)
        .and_then(|(_, text)| toml::from_str(text).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
