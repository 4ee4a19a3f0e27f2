//! Several content languages in one site. `day-1.es.md` beside `day-1.md` is its Spanish
//! version, published under `/es/`. A page not translated yet is published in every language
//! from the main language's file, so each language has the whole challenge; the tracker's data
//! (days, task ids, people) is keyed the same in every language, so progress follows a visitor
//! who switches.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Deserialize;

use crate::config::{Config, Extra, Link, MenuItem};
use crate::content::{Content, Meta, Page};
use crate::error::{Diagnostic, Position};
use crate::i18n::Strings;
use crate::resolve::Site;

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

/// One language's share of the site: its settings, URL prefix and pages.
#[derive(Debug)]
pub struct Edition {
    /// Language code (`es`).
    pub code: String,
    /// Folder under the base path: empty for the main language, `es/` for the others.
    pub prefix: String,
    /// `site.yaml` with this language's title, description, menu and strings applied.
    pub config: Config,
    /// Its pages: translations first, then the main language's pages it lacks.
    pub content: Content,
}

/// A language as the switcher lists it.
#[derive(Debug, Clone)]
pub struct LanguageLink {
    /// Language code.
    pub code: String,
    /// Its own name.
    pub name: String,
    /// Folder under the base path (`es/`, empty for the main language).
    pub prefix: String,
}

/// What every page needs to know about the other languages: the switcher and `hreflang`.
#[derive(Debug, Clone, Default)]
pub struct Languages {
    /// The main language first, then the others by code; empty when the site has one language.
    pub list: Vec<LanguageLink>,
    /// Content keys (`days/day-1.md`) and the codes that have their own text for them.
    pub written_in: HashMap<String, Vec<String>>,
}

impl Languages {
    /// The main language's code, or `single`'s when the site has one language.
    pub fn main<'a>(&'a self, single: &'a str) -> &'a str {
        self.list.first().map_or(single, |l| l.code.as_str())
    }
}

/// Splits `days/day-1.es.md` into `days/day-1.md` and `es`; keys without a language code pass.
pub fn split_key(key: &str) -> (String, Option<String>) {
    let Some(stem) = key.strip_suffix(".md") else {
        return (key.to_owned(), None);
    };
    match stem.rsplit_once('.') {
        Some((name, code)) if looks_like_code(code) && !name.ends_with('/') && !name.is_empty() => {
            (format!("{name}.md"), Some(code.to_owned()))
        }
        _ => (key.to_owned(), None),
    }
}

/// `es`, `pt-BR`, `zh-Hant`: a primary subtag of 2-3 letters, then optional subtags.
pub fn looks_like_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Config {
    /// This configuration as the language `code` sees it.
    pub fn for_language(&self, code: &str, language: &Language) -> Config {
        let mut config = self.clone();
        config.language = code.to_owned();
        config.languages = BTreeMap::new();
        config.warnings = Vec::new();
        if let Some(title) = &language.title {
            config.title = title.clone();
        }
        if let Some(description) = &language.description {
            config.description = description.clone();
        }
        match &language.menu {
            Some(menu) => config.menu = menu.clone(),
            None => config.menu_from_titles = true,
        }
        config.strings = language.strings.clone();
        if language.cta.is_some() {
            config.author.cta = language.cta.clone();
        }
        config
    }
}

/// Sorts the pages into one edition per language; a file in a language `site.yaml` does not
/// list, or a translation of a page that does not exist, is a problem. A draft translation
/// left out of the build (`drafts` false) leaves its place to the main language's page.
pub fn editions(
    config: &Config,
    content: Content,
    drafts: bool,
) -> (Vec<Edition>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let main_code = config.language.as_str();
    let mut main = Vec::new();
    let mut translated: BTreeMap<&str, Vec<Page>> = config
        .languages
        .keys()
        .map(|c| (c.as_str(), Vec::new()))
        .collect();
    for mut page in content.pages {
        let (key, code) = split_key(&page.key);
        match code {
            None => main.push(page),
            Some(code) if code == main_code => {
                page.key = key;
                main.push(page);
            }
            Some(code) => match translated.get_mut(code.as_str()) {
                Some(_) if page.draft && !drafts => {}
                Some(list) => {
                    page.key = key;
                    page.lang = Some(code);
                    list.push(page);
                }
                None => problems.push(unknown_language(&page, &code, config)),
            },
        }
    }
    let mut seen = HashSet::new();
    for page in &main {
        if !seen.insert(page.key.as_str()) {
            problems.push(
                Diagnostic::new(&page.file, format!("content/{} is written twice", page.key)).hint(
                    format!("`.{main_code}.md` is the main language's file: keep one of the two"),
                ),
            );
        }
    }
    let failed: Vec<String> = content.failed.iter().map(|k| split_key(k).0).collect();
    let by_key: HashMap<&str, &Page> = main.iter().map(|p| (p.key.as_str(), p)).collect();
    let mut editions = Vec::new();
    for (code, pages) in &translated {
        for page in pages {
            check_translation(page, by_key.get(page.key.as_str()).copied(), &mut problems);
        }
        let own: HashSet<&str> = pages.iter().map(|p| p.key.as_str()).collect();
        let fallback = main
            .iter()
            .filter(|p| !own.contains(p.key.as_str()))
            .cloned();
        let language = &config.languages[*code];
        editions.push(Edition {
            code: (*code).to_owned(),
            prefix: format!("{code}/"),
            config: config.for_language(code, language),
            content: Content {
                pages: pages.iter().cloned().chain(fallback).collect(),
                assets: Vec::new(),
                failed: failed.clone(),
            },
        });
    }
    editions.insert(
        0,
        Edition {
            code: main_code.to_owned(),
            prefix: String::new(),
            config: config.clone(),
            content: Content {
                pages: main,
                assets: content.assets,
                failed,
            },
        },
    );
    (editions, problems)
}

fn unknown_language(page: &Page, code: &str, config: &Config) -> Diagnostic {
    let hint = format!(
        "add it to site.yaml (`languages: {{ {code}: {{ title: \"...\" }} }}`), or rename the file without `.{code}`{}",
        if config.languages.is_empty() {
            String::new()
        } else {
            format!(
                "; the site's languages: {}",
                config
                    .languages
                    .keys()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }
    );
    Diagnostic::new(
        &page.file,
        format!("this page is in `{code}`, which is not one of the site's languages"),
    )
    .hint(hint)
}

/// A translation needs its original (so every language has the same pages), and a day keeps
/// its number (so progress is shared).
fn check_translation(page: &Page, original: Option<&Page>, problems: &mut Vec<Diagnostic>) {
    let Some(original) = original else {
        if !crate::content::is_index(&page.key) {
            problems.push(
                Diagnostic::new(
                    &page.file,
                    format!("there is no content/{} for this to translate", page.key),
                )
                .hint("a translation sits beside the main language's page of the same name, e.g. day-1.es.md beside day-1.md"),
            );
        }
        return;
    };
    if let (Meta::Day(day), Meta::Day(first)) = (&page.meta, &original.meta)
        && day.day != first.day
    {
        let mut d = Diagnostic::new(
            &page.file,
            format!(
                "this translation is day {}, but content/{} is day {}",
                day.day, original.key, first.day
            ),
        )
        .hint("a translated day keeps its original's `day:` number");
        if let Some(line) = day.day_line {
            d = d.at(Position { line, column: 1 }, &page.source);
        }
        problems.push(d);
    }
}

/// The switcher's list and which pages each language has its own text for; `sites` are the
/// resolved editions, main language first, each with its theme strings.
pub fn links(config: &Config, sites: &[(&Site, &Strings)]) -> Languages {
    if sites.len() < 2 {
        return Languages::default();
    }
    let mut written_in: HashMap<String, Vec<String>> = HashMap::new();
    for (site, _) in sites {
        let main = site.prefix.is_empty();
        for r in &site.pages {
            if main || r.page.lang.is_some() {
                written_in
                    .entry(r.page.key.clone())
                    .or_default()
                    .push(site.code.clone());
            }
        }
    }
    let list = sites
        .iter()
        .map(|(site, strings)| {
            let named = config
                .languages
                .get(&site.code)
                .and_then(|l| l.name.clone());
            let name = named.unwrap_or_else(|| {
                // A language with no table of its own would otherwise be called "English".
                if strings.missing_table && site.config.strings.is_empty() {
                    site.code.clone()
                } else {
                    strings.text("nav.this_language").to_owned()
                }
            });
            LanguageLink {
                code: site.code.clone(),
                name,
                prefix: site.prefix.clone(),
            }
        })
        .collect();
    Languages { list, written_in }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_suffixes_are_split_from_keys() {
        assert_eq!(
            split_key("days/day-1.es.md"),
            ("days/day-1.md".into(), Some("es".into()))
        );
        assert_eq!(
            split_key("_index.pt-BR.md"),
            ("_index.md".into(), Some("pt-BR".into()))
        );
        assert_eq!(split_key("days/day-1.md"), ("days/day-1.md".into(), None));
        // Not language codes: a version number, a long word, an upper-case tag, a dot file.
        for key in ["notes/v1.2.md", "a.draft.md", "a.ES.md", "days/.es.md"] {
            assert_eq!(split_key(key), (key.into(), None), "{key}");
        }
    }
}
