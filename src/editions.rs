//! Splits the loaded content into one edition per content language, between load and resolve.
//! `day-1.es.md` beside `day-1.md` is its Spanish version, published under `/es/`. A page not
//! translated yet is published in every language from the main language's file, so each
//! language has the whole challenge; the tracker's data (days, task ids, people) is keyed the
//! same in every language, so progress follows a visitor who switches.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::config::Config;
use crate::config::language::Language;
use crate::content::{Content, Meta, Page, split_key};
use crate::diag::{Diagnostic, Position};

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

/// `site.yaml` as the language `code` sees it: its title, description, menu, strings and call
/// to action replace the top level's.
pub fn for_language(config: &Config, code: &str, language: &Language) -> Config {
    let mut config = config.clone();
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
            config: for_language(config, code, language),
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
