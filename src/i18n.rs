//! The theme's words: one table per language (`themes/NAME/i18n/LANG.yaml`, nested keys grouped
//! by area), English underneath every other language so a missing key never shows a gap, and
//! `site.yaml`'s `strings:` on top, one dotted key at a time. Templates read the merged table as
//! `t` and fill placeholders with the `fill` filter; the tracker gets its groups in its data block.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::Dir;
use serde_json::{Map, Value};

use crate::config::{CONFIG_FILE, Config};
use crate::diag::{Diagnostic, closest};
use crate::yaml::locate::{find_line, strings_key};

/// The language every table falls back to.
pub const FALLBACK: &str = "en";
/// The plural categories of `Intl.PluralRules`; a map of only these keys is one plural string.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];
/// The groups of the table the tracker's scripts read; the data file carries all of them, and
/// pages carry the part their first paint needs (see `for_every_page`, `for_tracker_pages`). A
/// page that runs more (My people, the composer) adds its groups with the `script_json` filter.
pub const SCRIPT_GROUPS: [&str; 2] = ["tracker", "backup"];
/// The script words any page may show before the data file is in: the warning that the browser
/// keeps nothing, the download button, the composer's undo, the notice that a part could not
/// load. Every page inlines these and no others, so a page without tracker hooks (a myth, a
/// message) stays small.
pub const EVERY_PAGE: [&str; 4] = [
    "tracker.no_storage",
    "tracker.download",
    "tracker.undo",
    "tracker.load_error",
];
/// The backup words a page shows at first paint ("Your data": when the last backup was).
const BACKUP_FIRST_PAINT: [&str; 4] = [
    "backup.none",
    "backup.last_today",
    "backup.last_yesterday",
    "backup.last_days",
];

/// The warnings about stored data this page cannot read: rare, so they wait for the data file
/// (every page fetches it at once; the service worker keeps it).
const DATA_WARNINGS: [&str; 6] = [
    "tracker.corrupt",
    "tracker.corrupt_no_room",
    "tracker.repaired",
    "tracker.repaired_no_room",
    "tracker.future",
    "tracker.not_json",
];

/// Words only the data file carries: those shown after the visitor acts (backup, import,
/// reset: backup.js loads with the file) and the warnings about unreadable stored data with
/// their reasons, shown when the file is in.
fn late(key: &str) -> bool {
    key.starts_with("tracker.why.")
        || key.starts_with("tracker.value.")
        || DATA_WARNINGS.contains(&key)
        || (key.starts_with("backup.") && !BACKUP_FIRST_PAINT.contains(&key))
}

fn script_key(key: &str) -> bool {
    SCRIPT_GROUPS
        .iter()
        .any(|g| key.split('.').next() == Some(*g))
}
/// Languages written right to left: pages get `dir="rtl"`.
const RTL: [&str; 8] = ["ar", "he", "fa", "ur", "yi", "ps", "dv", "ckb"];

/// The merged table for the site's language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    /// `site.yaml`'s `language`, as written.
    pub language: String,
    /// Every string by dotted key (`tracker.start`): text, or a plural map by category.
    pub flat: BTreeMap<String, Value>,
    /// True when the theme has no table for the language (English plus `strings:` is used).
    pub missing_table: bool,
}

/// Where tables come from: a theme folder on disk, else the built-in theme.
pub enum Source<'a> {
    /// `themes/NAME/i18n/`; a language it lacks is looked up in the built-in theme.
    Folder(PathBuf, &'a Dir<'static>),
    /// The built-in theme's `i18n/`.
    Embedded(&'a Dir<'static>),
}

impl Strings {
    /// Loads English, then the language (`pt` before `pt-BR`), then `site.yaml`'s overrides.
    pub fn load(
        root: &Path,
        config: &Config,
        source: &Source<'_>,
    ) -> Result<Strings, Vec<Diagnostic>> {
        let site_yaml = root.join(CONFIG_FILE);
        // site.yaml as read once by `Config::load`, for the caret under a problem.
        let text = config.source.text();
        let lang = config.language.trim();
        if !crate::config::language::looks_like_code(lang) {
            let mut d = Diagnostic::new(&site_yaml, format!("invalid `language` `{lang}`"))
                .hint("write a language code such as en, es, fr, de, pt, pt-BR or ar");
            if let Some(p) = find_line(text, |l| l.trim_start().starts_with("language:")) {
                d = d.at(p, text);
            }
            return Err(vec![d]);
        }
        let mut strings = Strings {
            language: lang.to_owned(),
            ..Strings::default()
        };
        let mut problems = Vec::new();
        let mut chain = vec![FALLBACK.to_owned()];
        let base = lang.split('-').next().unwrap_or(lang).to_ascii_lowercase();
        if base != FALLBACK {
            chain.push(base.clone());
        }
        if lang.contains('-') {
            chain.push(lang.to_owned());
        }
        let mut found_own = base == FALLBACK;
        for name in &chain {
            match read_table(source, name) {
                Some(Ok((file, text))) => match parse_table(&text, &file) {
                    Ok(table) => {
                        found_own |= name != FALLBACK;
                        strings.flat.extend(table);
                    }
                    Err(d) => problems.push(d),
                },
                Some(Err(d)) => problems.push(d),
                None => {}
            }
        }
        strings.missing_table = !found_own;
        if !config.strings.is_empty() {
            strings.apply_overrides(&config.strings, &site_yaml, text, &mut problems);
        }
        if problems.is_empty() {
            Ok(strings)
        } else {
            Err(problems)
        }
    }

    /// Puts `site.yaml`'s `strings:` over the table; a key the table lacks is an error.
    fn apply_overrides(
        &mut self,
        overrides: &Map<String, Value>,
        file: &Path,
        source: &str,
        problems: &mut Vec<Diagnostic>,
    ) {
        let mut flat = BTreeMap::new();
        let mut bad = Vec::new();
        flatten("", &Value::Object(overrides.clone()), &mut flat, &mut bad);
        let at = |key: &str, d: Diagnostic| match strings_key(source, key) {
            Some(p) => d.at(p, source),
            None => d,
        };
        for key in bad {
            problems.push(at(
                &key,
                Diagnostic::new(file, format!("`strings.{key}` has no text"))
                    .hint("write the text in quotes, e.g. tracker.start: \"Let's go\""),
            ));
        }
        for (key, value) in flat {
            let Some(current) = self.flat.get(&key) else {
                let hint = match closest(&key, self.flat.keys().map(String::as_str)) {
                    Some(best) => format!(
                        "did you mean `{best}`? The keys are listed in themes/default/i18n/en.yaml"
                    ),
                    None => format!(
                        "the keys are listed in themes/default/i18n/en.yaml (see {})",
                        crate::diag::docs_url("coach/languages")
                    ),
                };
                problems.push(at(
                    &key,
                    Diagnostic::new(file, format!("unknown string key `{key}` in `strings:`"))
                        .hint(hint),
                ));
                continue;
            };
            if value.is_object() && !current.is_object() {
                problems.push(at(
                    &key,
                    Diagnostic::new(file, format!("`strings.{key}` is one text, not a plural"))
                        .hint("write it as one quoted text"),
                ));
                continue;
            }
            self.flat.insert(key, value);
        }
    }

    /// `dir` for `<html>`: `rtl` for Arabic, Hebrew, Persian, Urdu and a few more.
    pub fn dir(&self) -> &'static str {
        let base = self
            .language
            .split('-')
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        if RTL.contains(&base.as_str()) {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// One text by dotted key (a plural's `other` form), or the key itself when missing.
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        match self.flat.get(key) {
            Some(Value::String(s)) => s,
            Some(Value::Object(m)) => m.get("other").and_then(Value::as_str).unwrap_or(key),
            _ => key,
        }
    }

    /// The table as nested maps, as templates see it (`t.tracker.start`).
    pub fn nested(&self) -> Value {
        self.nested_where(|_| true)
    }

    /// Every word of the tracker's scripts: what the data file carries.
    pub fn for_scripts(&self) -> Value {
        self.nested_where(script_key)
    }

    /// The script words every page inlines ([`EVERY_PAGE`]).
    pub fn for_every_page(&self) -> Value {
        self.nested_where(|key| EVERY_PAGE.contains(&key))
    }

    /// The script words a page with tracker hooks (home, a day, the days, My people) adds to
    /// [`Strings::for_every_page`] for its first paint: every script word but the late ones.
    pub fn for_tracker_pages(&self) -> Value {
        self.nested_where(|key| script_key(key) && !late(key) && !EVERY_PAGE.contains(&key))
    }

    fn nested_where(&self, keep: impl Fn(&str) -> bool) -> Value {
        let mut root = Map::new();
        for (key, value) in self.flat.iter().filter(|(k, _)| keep(k)) {
            let mut node = &mut root;
            let mut parts = key.split('.').peekable();
            while let Some(part) = parts.next() {
                if parts.peek().is_none() {
                    node.insert(part.to_owned(), value.clone());
                } else {
                    let next = node
                        .entry(part.to_owned())
                        .or_insert_with(|| Value::Object(Map::new()));
                    if !next.is_object() {
                        *next = Value::Object(Map::new());
                    }
                    node = next.as_object_mut().expect("just made an object");
                }
            }
        }
        Value::Object(root)
    }
}

/// The table `i18n/NAME.yaml` from the theme folder, else from the built-in theme.
fn read_table(source: &Source<'_>, name: &str) -> Option<Result<(PathBuf, String), Diagnostic>> {
    let rel = format!("i18n/{name}.yaml");
    let (dir, embedded) = match source {
        Source::Folder(dir, embedded) => (Some(dir), *embedded),
        Source::Embedded(embedded) => (None, *embedded),
    };
    if let Some(dir) = dir {
        let file = dir.join(&rel);
        if file.is_file() {
            return Some(match std::fs::read_to_string(&file) {
                Ok(text) => Ok((file, text)),
                Err(e) => Err(
                    Diagnostic::new(&file, format!("cannot read the table: {e}"))
                        .hint("save it as UTF-8 text"),
                ),
            });
        }
    }
    let file = embedded.get_file(&rel)?;
    Some(Ok((
        PathBuf::from("(built-in theme)").join(&rel),
        file.contents_utf8().unwrap_or_default().to_owned(),
    )))
}

/// Parses one table into dotted keys; an empty value is an error at its line.
pub fn parse_table(text: &str, file: &Path) -> Result<BTreeMap<String, Value>, Diagnostic> {
    let value: Value = crate::yaml::parse(text, file, text, 1)?;
    if !value.is_object() {
        return Err(
            Diagnostic::new(file, "a strings table is a set of `key: text` lines")
                .hint("see themes/default/i18n/en.yaml"),
        );
    }
    let mut flat = BTreeMap::new();
    let mut bad = Vec::new();
    flatten("", &value, &mut flat, &mut bad);
    if let Some(key) = bad.first() {
        let mut d = Diagnostic::new(file, format!("`{key}` has no text"))
            .hint("write the text in quotes after the key");
        let last = key.rsplit('.').next().unwrap_or(key);
        if let Some(p) = find_line(text, |l| l.trim_start().starts_with(&format!("{last}:"))) {
            d = d.at(p, text);
        }
        return Err(d);
    }
    Ok(flat)
}

/// A map of only plural categories (with `other`) is one plural string, not a group.
fn is_plural(map: &Map<String, Value>) -> bool {
    map.contains_key("other")
        && map.keys().all(|k| CATEGORIES.contains(&k.as_str()))
        && map.values().all(|v| !v.is_object())
}

/// Flattens groups into dotted keys; numbers and booleans become text, empty values go to `bad`.
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, Value>, bad: &mut Vec<String>) {
    let text = |v: &Value| match v {
        Value::String(s) => Some(Value::String(s.clone())),
        Value::Number(n) => Some(Value::String(n.to_string())),
        Value::Bool(b) => Some(Value::String(b.to_string())),
        _ => None,
    };
    match value {
        Value::Object(map) if !prefix.is_empty() && is_plural(map) => {
            let forms: Option<Map<String, Value>> = map
                .iter()
                .map(|(k, v)| text(v).map(|t| (k.clone(), t)))
                .collect();
            match forms {
                Some(forms) => {
                    out.insert(prefix.to_owned(), Value::Object(forms));
                }
                None => bad.push(prefix.to_owned()),
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out, bad);
            }
        }
        other => match text(other) {
            Some(t) => {
                out.insert(prefix.to_owned(), t);
            }
            None => bad.push(prefix.to_owned()),
        },
    }
}

mod filters;
pub use filters::{fill, plural_category, script_json};

#[cfg(test)]
mod tests;
