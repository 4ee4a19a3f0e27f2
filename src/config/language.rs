//! `languages:` in `site.yaml` (one entry per extra content language) and the one rule for
//! what a language code looks like.

use serde::Deserialize;

use super::{Extra, Link, MenuItem};

/// One more language under `languages:` in `site.yaml`; what it leaves out comes from the top.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// Its own name in the language switcher (`Español`); the theme's `nav.this_language` else.
    #[serde(default)]
    pub name: Option<String>,
    /// The site's title in this language.
    #[serde(default)]
    pub title: Option<String>,
    /// The site's description in this language.
    #[serde(default)]
    pub description: Option<String>,
    /// Header navigation; without it, the main menu's entries named by their pages' titles.
    #[serde(default)]
    pub menu: Option<Vec<MenuItem>>,
    /// Single theme strings replaced by dotted key, as the top-level `strings:`.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub strings: Extra,
    /// The call to action in this language.
    #[serde(default)]
    pub cta: Option<Link>,
}

/// `es`, `pt-BR`, `zh-Hant`: a primary subtag of 2-3 lowercase letters, then optional subtags of
/// 2-8 letters or digits. The one rule for every language code: `language:`, the keys of
/// `languages:` and the `.es` of `day-1.es.md` (so a code is always a safe file name).
pub fn looks_like_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// [`looks_like_code`] as a regular expression, for forms that check a code before it is saved
/// (the browser editor's `pattern`).
pub const CODE_PATTERN: &str = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pattern_says_what_the_rule_says() {
        let pattern = regex::Regex::new(CODE_PATTERN).unwrap();
        for code in [
            "en",
            "es",
            "pt-BR",
            "zh-Hant",
            "ckb",
            "es-419",
            "",
            "e",
            "EN",
            "english",
            "../x",
            "es_MX",
            "es-",
            "v1",
            "a.b",
            "en-x",
            "de-CH-1996",
            "pt-br",
        ] {
            assert_eq!(pattern.is_match(code), looks_like_code(code), "{code}");
        }
    }

    #[test]
    fn one_rule_for_every_language_code() {
        for code in ["en", "es", "pt-BR", "zh-Hant", "ckb", "es-419"] {
            assert!(looks_like_code(code), "{code}");
        }
        for code in [
            "", "e", "EN", "english", "../x", "es_MX", "es-", "v1", "a.b",
        ] {
            assert!(!looks_like_code(code), "{code}");
        }
    }
}
