//! Where templates and static files come from: the site's own `templates/` and `static/`
//! override the theme file by file; the theme is `themes/NAME/` or, when the site has no
//! such folder and asks for `default`, the one embedded in the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::Config;
use crate::error::Diagnostic;
use crate::i18n::{Source, Strings};
use crate::output::Body;

/// The default theme, compiled into the binary.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

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
    /// Site templates first, then the theme's.
    pub templates: Vec<Template>,
    /// Static files by output path; the site's replace the theme's.
    pub statics: BTreeMap<String, Body>,
    /// The theme's words in the site's language, with `site.yaml`'s `strings:` applied.
    pub strings: Strings,
}

/// Collects the theme and the site's overrides; lists every unreadable file.
pub fn load(root: &Path, config: &Config) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut files = ThemeFiles::default();
    let mut problems = Vec::new();
    let theme_dir = root.join("themes").join(&config.theme);
    if theme_dir.is_dir() {
        read_dir(
            &theme_dir.join("templates"),
            THEME_PREFIX,
            &mut files.templates,
            &mut problems,
        );
        copy_dir(&theme_dir.join("static"), &mut files.statics, &mut problems);
        load_strings(
            root,
            config,
            Source::Folder(theme_dir, &DEFAULT_THEME),
            &mut files,
            &mut problems,
        );
    } else if config.theme == "default" {
        embedded(&mut files);
        load_strings(
            root,
            config,
            Source::Embedded(&DEFAULT_THEME),
            &mut files,
            &mut problems,
        );
    } else {
        problems.push(
            Diagnostic::new(
                root.join("site.yaml"),
                format!("theme `{}` not found in themes/", config.theme),
            )
            .hint("remove `theme:` to use the built-in default theme, or create the folder"),
        );
    }
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
                eprintln!(
                    "warning: the theme has no strings for language `{}` (i18n/{}.yaml); English is used wherever site.yaml's `strings:` sets none",
                    config.language, config.language
                );
            }
            files.strings = strings;
        }
        Err(found) => problems.extend(found),
    }
}

fn embedded(files: &mut ThemeFiles) {
    let mut stack = vec![&DEFAULT_THEME];
    while let Some(dir) = stack.pop() {
        stack.extend(dir.dirs());
        for file in dir.files() {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                files.templates.push(Template {
                    name: format!("{THEME_PREFIX}{name}"),
                    file: PathBuf::from("(built-in theme)").join(&path),
                    source: file.contents_utf8().unwrap_or_default().to_owned(),
                });
            } else if let Some(out) = path.strip_prefix("static/") {
                files
                    .statics
                    .insert(out.to_owned(), Body::Static(file.contents()));
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
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap_or(e.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                Some(Ok((rel, e.into_path())))
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
                        crate::content::utf8_position(e.as_bytes(), e.utf8_error()),
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
