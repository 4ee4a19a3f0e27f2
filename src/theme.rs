//! Where templates and static files come from, file by file: the site's own `templates/` and
//! `static/` win over the site's `themes/NAME/` folder, which wins over the built-in theme NAME,
//! which wins over the built-in `default` theme. So a theme may leave out any file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::i18n::{Source, Strings};
use crate::output::Body;

/// The default theme, compiled into the binary.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");
/// The paper theme, compiled into the binary; it only holds what differs from the default.
static PAPER_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/paper");

/// The themes compiled into the binary, by `theme:` name.
pub static BUILT_IN: [(&str, &Dir<'static>); 2] =
    [("default", &DEFAULT_THEME), ("paper", &PAPER_THEME)];

/// Prefix under which theme templates are registered, so site templates of the same name win.
pub const THEME_PREFIX: &str = "theme/";

/// One template's text and where it came from.
#[derive(Debug, Clone)]
pub struct Template {
    /// Name as registered in Tera (`base.html`, or `theme/base.html` for the theme's).
    pub name: String,
    /// File it came from, for error messages.
    pub file: PathBuf,
    /// Its text.
    pub source: String,
}

/// Templates and static files for a build.
#[derive(Debug, Default)]
pub struct ThemeFiles {
    /// The theme's templates (prefixed, one per name), then the site's.
    pub templates: Vec<Template>,
    /// Static files by output path; the site's replace the theme's.
    pub statics: BTreeMap<String, Body>,
    /// The theme's words in the site's language, with `site.yaml`'s `strings:` applied.
    pub strings: Strings,
    /// Things the coach should know that do not stop the build (a language with no table).
    pub warnings: Vec<Diagnostic>,
}

/// Collects the theme, layer over layer, and the site's overrides; lists every unreadable file.
pub fn load(root: &Path, config: &Config) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut files = ThemeFiles::default();
    let mut problems = Vec::new();
    // The theme's templates by name: each layer replaces the files it has, keeps the rest.
    let mut layered = BTreeMap::new();
    embedded("default", &DEFAULT_THEME, &mut layered, &mut files.statics);
    let built_in = BUILT_IN
        .iter()
        .find(|(name, _)| *name == config.theme)
        .map(|(_, dir)| *dir);
    if let Some(dir) = built_in.filter(|_| config.theme != "default") {
        embedded(&config.theme, dir, &mut layered, &mut files.statics);
    }
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        let mut own = Vec::new();
        read_dir(&theme_dir.join("templates"), "", &mut own, &mut problems);
        layered.extend(own.into_iter().map(|t| (t.name.clone(), t)));
        copy_dir(&theme_dir.join("static"), &mut files.statics, &mut problems);
        // Built-in themes other than `default` ship no i18n/ (a unit test checks), so the
        // built-in tables underneath a folder's are the default theme's.
        load_strings(
            root,
            config,
            Source::Folder(theme_dir, &DEFAULT_THEME),
            &mut files,
            &mut problems,
        );
    } else if built_in.is_some() {
        load_strings(
            root,
            config,
            Source::Embedded(&DEFAULT_THEME),
            &mut files,
            &mut problems,
        );
    } else {
        problems.push(unknown_theme(root, config));
    }
    files.templates = layered
        .into_values()
        .map(|t| Template {
            name: format!("{THEME_PREFIX}{}", t.name),
            ..t
        })
        .collect();
    read_dir(
        &root.join("templates"),
        "",
        &mut files.templates,
        &mut problems,
    );
    copy_dir(&root.join("static"), &mut files.statics, &mut problems);
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(problems)
    }
}

/// The theme's words alone, in `config.language` (another content language of the site): the
/// templates and static files are the main language's, already loaded.
pub fn strings(
    root: &Path,
    config: &Config,
) -> Result<(Strings, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut files = ThemeFiles::default();
    let mut problems = Vec::new();
    let source = strings_source(root, &config.theme);
    load_strings(root, config, source, &mut files, &mut problems);
    if problems.is_empty() {
        Ok((files.strings, files.warnings))
    } else {
        Err(problems)
    }
}

/// Where the tables `load` reads come from: the theme's folder over the built-in tables, or the
/// built-in tables (built-in themes other than `default` ship none; an unknown theme is
/// reported by `load`).
fn strings_source(root: &Path, theme: &str) -> Source<'static> {
    let theme_dir = root.join("themes").join(theme);
    if theme_dir.is_dir() {
        Source::Folder(theme_dir, &DEFAULT_THEME)
    } else {
        Source::Embedded(&DEFAULT_THEME)
    }
}

/// Checks `strings:` (and each language's) when the rest of `site.yaml` has errors, so a coach
/// sees a misspelled string key in the same round as the other mistakes.
pub fn check_strings_alone(root: &Path) -> Vec<Diagnostic> {
    let file = root.join(crate::config::CONFIG_FILE);
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Vec::new();
    };
    // Read loosely: only the keys the tables need; a YAML that does not parse says nothing here.
    let Ok(value) = crate::yaml::parse::<serde_json::Value>(&text, &file, &text, 1) else {
        return Vec::new();
    };
    let text_of = |v: &serde_json::Value, key: &str, default: &str| {
        v.get(key)
            .and_then(|x| x.as_str())
            .unwrap_or(default)
            .to_owned()
    };
    let strings_of = |v: &serde_json::Value| match v.get("strings") {
        Some(serde_json::Value::Object(map)) => Some(map.clone()),
        _ => None,
    };
    let mut wanted = Vec::new();
    if let Some(strings) = strings_of(&value) {
        wanted.push((text_of(&value, "language", "en"), strings));
    }
    if let Some(serde_json::Value::Object(languages)) = value.get("languages") {
        for (code, block) in languages {
            if let Some(strings) = strings_of(block) {
                wanted.push((code.clone(), strings));
            }
        }
    }
    let source = strings_source(root, &text_of(&value, "theme", "default"));
    let Ok(mut config) = Config::parse("title: t\n", &file) else {
        return Vec::new();
    };
    // The tables' problems point into the real file, which Config::load could not take in.
    config.source = crate::yaml::SourceMap::new(&file, &text);
    let mut problems = Vec::new();
    for (language, strings) in wanted {
        config.language = language;
        config.strings = strings;
        if let Err(found) = Strings::load(root, &config, &source) {
            problems.extend(found);
        }
    }
    problems
}

/// The error for a `theme:` that is neither built in nor a folder, listing those that are.
fn unknown_theme(root: &Path, config: &Config) -> Diagnostic {
    let name = &config.theme;
    let mut available: Vec<String> = BUILT_IN.iter().map(|(n, _)| (*n).to_owned()).collect();
    if let Ok(entries) = std::fs::read_dir(root.join("themes")) {
        available.extend(
            entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.')),
        );
    }
    available.sort();
    available.dedup();
    let site_yaml = &config.source;
    site_yaml
        .diagnostic(
            format!(
                "theme `{name}` not found: it is not built in and themes/{name}/ does not exist"
            ),
            crate::yaml::locate::locate(site_yaml.text(), &["theme"]),
        )
        .hint(format!(
            "available themes: {}; or create themes/{name}/ (see {})",
            available.join(", "),
            crate::diag::docs_url("themes/writing")
        ))
}

/// A theme folder without `i18n/` (or without the language) uses the built-in theme's tables.
fn load_strings(
    root: &Path,
    config: &Config,
    source: Source<'_>,
    files: &mut ThemeFiles,
    problems: &mut Vec<Diagnostic>,
) {
    match Strings::load(root, config, &source) {
        Ok(strings) => {
            if strings.missing_table {
                // Not an error: a coach may translate through `strings:` alone (e.g. `language: ar`).
                files.warnings.push(
                    Diagnostic::new(
                        root.join(crate::config::CONFIG_FILE),
                        format!(
                            "the theme has no strings for language `{}` (i18n/{}.yaml); English is used wherever site.yaml's `strings:` sets none",
                            config.language, config.language
                        ),
                    )
                    .warning(),
                );
            }
            files.strings = strings;
        }
        Err(found) => problems.extend(found),
    }
}

/// Adds a built-in theme's templates (by name, replacing) and static files.
fn embedded(
    theme: &str,
    root: &'static Dir<'static>,
    templates: &mut BTreeMap<String, Template>,
    statics: &mut BTreeMap<String, Body>,
) {
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                templates.insert(
                    name.to_owned(),
                    Template {
                        name: name.to_owned(),
                        file: PathBuf::from(format!("(built-in theme {theme})")).join(&path),
                        source: file.contents_utf8().unwrap_or_default().to_owned(),
                    },
                );
            } else if let Some(out) = path.strip_prefix("static/") {
                statics.insert(out.to_owned(), Body::Static(file.contents()));
            }
        }
    }
}

fn walk(dir: &Path) -> impl Iterator<Item = Result<(String, PathBuf), Diagnostic>> {
    let exists = dir.is_dir();
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .filter(move |_| exists)
        .filter_map(move |entry| match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                Some(match crate::content::publishable_name(rel) {
                    Ok(rel) => Ok((rel, e.into_path())),
                    Err(why) => Err(crate::content::unpublishable(e.path(), &why)),
                })
            }
            Ok(_) => None,
            Err(e) => Some(Err(Diagnostic::new(
                e.path().unwrap_or(dir),
                format!("cannot read: {e}"),
            ))),
        })
}

fn read_dir(dir: &Path, prefix: &str, out: &mut Vec<Template>, problems: &mut Vec<Diagnostic>) {
    for entry in walk(dir) {
        let (rel, file) = match entry {
            Ok(found) => found,
            Err(d) => {
                problems.push(d);
                continue;
            }
        };
        match std::fs::read(&file).map(String::from_utf8) {
            Ok(Ok(source)) => out.push(Template {
                name: format!("{prefix}{rel}"),
                file,
                source,
            }),
            Ok(Err(e)) => problems.push(
                Diagnostic::new(&file, "template is not valid UTF-8")
                    .at(
                        crate::diag::Position::from_utf8_error(e.as_bytes(), e.utf8_error()),
                        "",
                    )
                    .hint("save the file with UTF-8 encoding"),
            ),
            Err(e) => problems.push(Diagnostic::new(&file, format!("cannot read template: {e}"))),
        }
    }
}

fn copy_dir(dir: &Path, out: &mut BTreeMap<String, Body>, problems: &mut Vec<Diagnostic>) {
    for entry in walk(dir) {
        match entry {
            Ok((rel, file)) => {
                out.insert(rel, Body::File(file));
            }
            Err(d) => problems.push(d),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_default_built_in_theme_ships_string_tables() {
        // `load` reads the tables of a built-in theme other than `default` from the default
        // theme; a table added to one would be silently ignored, so it must not exist.
        for (name, dir) in BUILT_IN.iter().filter(|(name, _)| *name != "default") {
            assert!(
                dir.get_dir("i18n").is_none(),
                "built-in theme {name} has i18n/: teach theme::load to read it"
            );
        }
        assert!(DEFAULT_THEME.get_dir("i18n").is_some());
    }
}
