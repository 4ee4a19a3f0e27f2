//! The language switcher: which languages the site has, their own names, and which pages each
//! has its own text for. Built after resolve, from the resolved editions.

use std::collections::HashMap;

use super::{Translation, permalink};
use crate::config::Config;
use crate::i18n::Strings;
use crate::resolve::Site;

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

/// The switcher's list and which pages each language has its own text for; `sites` are the
/// resolved editions, main language first, each with its theme strings.
pub fn languages(config: &Config, sites: &[(&Site, &Strings)]) -> Languages {
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

impl Languages {
    /// The path `path` (below a language's folder) in each language; `flags` says whether
    /// each is the current language and whether it has its own text there.
    pub(super) fn at<'a>(
        &'a self,
        site: &Site,
        path: &str,
        flags: impl Fn(&LanguageLink) -> (bool, bool),
    ) -> Vec<Translation<'a>> {
        self.list
            .iter()
            .map(|l| {
                let url = format!("{}{}{path}", site.base.path, l.prefix);
                let (current, written) = flags(l);
                Translation {
                    code: &l.code,
                    name: &l.name,
                    permalink: permalink(site, &url),
                    url,
                    current,
                    written,
                }
            })
            .collect()
    }
}
