//! Loading `content/`: every Markdown file becomes a [`Page`] with typed front matter.
//! Other files in `content/` are assets copied beside the pages.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Deserialize;

use crate::config::Extra;
use crate::diag::{Diagnostic, Position};
use crate::yaml;

/// Name of the folder that holds the Markdown.
pub const CONTENT_DIR: &str = "content";

/// What a page is, which decides its front matter, template and place in the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meta {
    /// `content/_index.md`.
    Home,
    /// `content/<section>/_index.md`.
    Section,
    /// A challenge day in `content/days/`.
    Day(DayMeta),
    /// A myth in `content/myths/`.
    Myth(MythMeta),
    /// A message example in `content/messages/`.
    Message(MessageMeta),
    /// Any other page; may name its own template.
    Page {
        /// Template to render with instead of `page.html`.
        template: Option<String>,
    },
}

/// Front matter specific to a day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayMeta {
    /// Day number, 1..N.
    pub day: u32,
    /// The day's goal in one sentence.
    pub goal: String,
    /// Estimated minutes.
    pub minutes: Option<u32>,
    /// Short summary for listings.
    pub summary: Option<String>,
    /// Line of the `day:` key, for ordering errors.
    pub day_line: Option<usize>,
}

/// Front matter specific to a myth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MythMeta {
    /// The limiting thought.
    pub myth: String,
    /// The one-line answer.
    pub reframe: String,
    /// Listing order.
    pub order: Option<i64>,
}

/// Front matter specific to a message example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageMeta {
    /// When to use this message.
    pub situation: String,
    /// Which channel it is written for.
    pub channel: Option<Channel>,
    /// Email subject line.
    pub subject: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Listing order.
    pub order: Option<i64>,
    /// The step of a reconnection this example is suggested for on the people page.
    pub step: Option<Step>,
}

/// Where a person is in their reconnection: the people page suggests a message for each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// The first message after the silence.
    FirstContact,
    /// A follow-up when the first message got no answer.
    FollowUp,
    /// The last of the tries before letting go.
    LastTry,
    /// Thanks, after a reply or a talk.
    ThankYou,
    /// A check-in months after reconnecting.
    CheckIn,
}

impl Step {
    /// Every step, in the order of a reconnection (the editor's choices).
    pub const ALL: [Step; 5] = [
        Step::FirstContact,
        Step::FollowUp,
        Step::LastTry,
        Step::ThankYou,
        Step::CheckIn,
    ];
}

impl Channel {
    /// Every channel (the editor's choices).
    pub const ALL: [Channel; 6] = [
        Channel::Email,
        Channel::Text,
        Channel::Linkedin,
        Channel::Phone,
        Channel::Messaging,
        Channel::Card,
    ];
}

/// How a message is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// Email.
    Email,
    /// Text message.
    Text,
    /// LinkedIn message.
    Linkedin,
    /// Phone call or voicemail.
    Phone,
    /// WhatsApp, Signal or another messaging app.
    Messaging,
    /// A handwritten card or note, sent by post or by hand.
    Card,
}

/// One Markdown file of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// Path relative to `content/`, with `/` separators (`days/day-1.md`): the internal link key.
    pub key: String,
    /// Absolute path of the file.
    pub file: PathBuf,
    /// The whole file, kept for error messages; emptied once `resolve` has run every check.
    pub source: String,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// Line (1-based) where the body starts.
    pub body_line: usize,
    /// Required title.
    pub title: String,
    /// Optional description.
    pub description: Option<String>,
    /// Left out of builds unless drafts are asked for.
    pub draft: bool,
    /// Free data for templates.
    pub extra: Extra,
    /// Kind-specific data.
    pub meta: Meta,
    /// The language of a translation (`day-1.es.md`); `None` for the main language's files.
    pub lang: Option<String>,
}

impl Page {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source[self.body_start..]
    }

    /// Top-level folder of the page (`days`), or empty for files at the content root.
    pub fn section(&self) -> &str {
        match self.key.split_once('/') {
            Some((section, _)) => section,
            None => "",
        }
    }
}

/// A non-Markdown file in `content/`, copied as is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute path of the file.
    pub file: PathBuf,
    /// Output path relative to the site root.
    pub output: String,
}

/// Everything found in `content/`.
#[derive(Debug, Default)]
pub struct Content {
    /// The pages, in file-name order.
    pub pages: Vec<Page>,
    /// Files to copy.
    pub assets: Vec<Asset>,
    /// Keys of Markdown files that failed to load; links to them are not reported again.
    pub failed: Vec<String>,
}

/// Reads every file under `root/content`, parsing pages in parallel. Pages that fail are
/// left out and their problems returned, so the rest of the site can still be checked.
pub fn load(root: &Path) -> (Content, Vec<Diagnostic>) {
    let dir = root.join(CONTENT_DIR);
    if !dir.is_dir() {
        return (
            Content::default(),
            vec![
                Diagnostic::new(&dir, "the site has no content/ folder").hint(
                    "create content/_index.md for the home page, or start from `reachout init DIR`",
                ),
            ],
        );
    }
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(&dir).to_path_buf();
                problems.push(Diagnostic::new(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let key = match publishable_name(rel) {
            Ok(key) => key,
            Err(why) => {
                problems.push(unpublishable(entry.path(), &why));
                continue;
            }
        };
        let extension = entry.path().extension().and_then(|e| e.to_str());
        if extension == Some("md") {
            markdown.push((key, entry.into_path()));
        } else if extension.is_some_and(|e| e.eq_ignore_ascii_case("md")) {
            // Published as a file, its front matter and all, it would look like a lost page.
            problems.push(
                Diagnostic::new(
                    entry.path(),
                    "a Markdown page must end in `.md` (lowercase)",
                )
                .hint("rename the file to end in .md"),
            );
        } else {
            assets.push(Asset {
                file: entry.into_path(),
                output: key,
            });
        }
    }
    let parsed: Vec<(String, Result<Page, Diagnostic>)> = markdown
        .into_par_iter()
        .with_max_len(crate::output::PIECE)
        .map(|(key, file)| (key.clone(), read_page(key, file)))
        .collect();
    let mut content = Content {
        pages: Vec::with_capacity(parsed.len()),
        assets,
        failed: Vec::new(),
    };
    for (key, result) in parsed {
        match result {
            Ok(page) => content.pages.push(page),
            Err(d) => {
                problems.push(d);
                content.failed.push(key);
            }
        }
    }
    (content, problems)
}

fn read_page(key: String, file: PathBuf) -> Result<Page, Diagnostic> {
    let bytes = std::fs::read(&file)
        .map_err(|e| Diagnostic::new(&file, format!("cannot read file: {e}")))?;
    let source = String::from_utf8(bytes).map_err(|e| {
        let position = Position::from_utf8_error(e.as_bytes(), e.utf8_error());
        Diagnostic::new(&file, "file is not valid UTF-8")
            .at(position, "")
            .hint("save the file with UTF-8 encoding")
    })?;
    check_file_name(&key, &file)?;
    parse_page(key, file, source)
}

fn check_file_name(key: &str, file: &Path) -> Result<(), Diagnostic> {
    let ok = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if ok {
        Ok(())
    } else {
        Err(
            Diagnostic::new(file, format!("file name `{key}` would make a poor URL"))
                .hint("use lowercase letters, digits and hyphens, e.g. day-1.md"),
        )
    }
}

/// Splits front matter from body and parses it for the page's kind.
pub fn parse_page(key: String, file: PathBuf, source: String) -> Result<Page, Diagnostic> {
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let text = &source[start..];
    let missing = || {
        Diagnostic::new(&file, "missing front matter")
            .at(Position { line: 1, column: 1 }, &source)
            .hint("start the file with a `---` line, then `title: ...`, then a closing `---` line")
    };
    let after_open = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(missing)?;
    let yaml_start = source.len() - after_open.len();
    let (yaml_len, body_start) = find_closing_fence(after_open).ok_or_else(|| {
        Diagnostic::new(&file, "front matter is not closed")
            .at(Position { line: 1, column: 1 }, &source)
            .hint("add a line with only `---` after the front matter")
    })?;
    let yaml_text = &after_open[..yaml_len];
    let body_start = yaml_start + body_start;
    let body_line = source[..body_start].matches('\n').count() + 1;
    let args = (yaml_text, file.as_path(), source.as_str(), 2);
    // `_index.es.md` is an index page too: the kind comes from the name without its language.
    let (plain, _) = split_key(&key);
    let section = plain.split_once('/').map(|(s, _)| s).unwrap_or("");
    let is_index = is_index(&plain);
    let (common, meta) = match (section, is_index) {
        ("", true) => (from::<IndexFront>(args)?.common(), Meta::Home),
        (_, true) => (from::<IndexFront>(args)?.common(), Meta::Section),
        ("days", false) => {
            let f: DayFront = from(args)?;
            let day_line = key_line(yaml_text, "day").map(|l| l + 1);
            let meta = Meta::Day(DayMeta {
                day: f.day,
                goal: f.goal.clone(),
                minutes: f.minutes,
                summary: f.summary.clone(),
                day_line,
            });
            (f.common(), meta)
        }
        ("myths", false) => {
            let f: MythFront = from(args)?;
            let meta = Meta::Myth(MythMeta {
                myth: f.myth.clone(),
                reframe: f.reframe.clone(),
                order: f.order,
            });
            (f.common(), meta)
        }
        ("messages", false) => {
            let f: MessageFront = from(args)?;
            let meta = Meta::Message(MessageMeta {
                situation: f.situation.clone(),
                channel: f.channel,
                subject: f.subject.clone(),
                tags: f.tags.clone(),
                order: f.order,
                step: f.step,
            });
            (f.common(), meta)
        }
        _ => {
            let f: PageFront = from(args)?;
            let meta = Meta::Page {
                template: f.template.clone(),
            };
            (f.common(), meta)
        }
    };
    if common.title.trim().is_empty() {
        let line = key_line(yaml_text, "title").map_or(1, |l| l + 1);
        return Err(Diagnostic::new(&file, "`title` is empty")
            .at(Position { line, column: 1 }, &source)
            .hint("every page needs a title"));
    }
    Ok(Page {
        key,
        file,
        body_start,
        body_line,
        title: common.title,
        description: common.description,
        draft: common.draft,
        extra: common.extra,
        meta,
        source,
        lang: None,
    })
}

fn from<T: serde::de::DeserializeOwned>(
    (yaml, file, source, line): (&str, &Path, &str, usize),
) -> Result<T, Diagnostic> {
    yaml::parse(yaml, file, source, line)
}

/// Length of the YAML and offset of the body, measured from just after the opening fence.
fn find_closing_fence(text: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        // A closing fence with trailing spaces is still one (the opening one may not have them).
        if line.trim_end() == "---" {
            return Some((offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// Where `key:` is in a page's front matter (`source` is the whole file), for problems
/// found after parsing, such as a `template:` that names no template.
pub fn front_matter_key(source: &str, key: &str) -> Option<Position> {
    let yaml = source.strip_prefix("---")?;
    let end = yaml.find("\n---").unwrap_or(yaml.len());
    let line = key_line(&yaml[..end], key)?;
    let text = yaml[..end].lines().nth(line - 1)?;
    let value = text.find(':').map_or(0, |c| {
        c + 1 + text[c + 1..].len() - text[c + 1..].trim_start().len()
    });
    Some(Position {
        line,
        column: text[..value].chars().count() + 1,
    })
}

/// 1-based line within `yaml` of a top-level `key:`.
fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// Fields every kind of page takes.
struct Common {
    title: String,
    description: Option<String>,
    draft: bool,
    extra: Extra,
}

// serde cannot combine `flatten` with `deny_unknown_fields`, so each kind's struct repeats the
// common fields; the macro keeps that repetition in one place.
macro_rules! front_matter {
    ($(#[$doc:meta])* $name:ident { $($(#[$attr:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            title: String,
            #[serde(default)]
            description: Option<String>,
            #[serde(default)]
            draft: bool,
            #[serde(default, deserialize_with = "crate::yaml::free_map")]
            extra: Extra,
            $($(#[$attr])* $field: $ty,)*
        }

        impl $name {
            fn common(&self) -> Common {
                Common {
                    title: self.title.clone(),
                    description: self.description.clone(),
                    draft: self.draft,
                    extra: self.extra.clone(),
                }
            }
        }
    };
}

front_matter!(
    /// `_index.md` files.
    IndexFront {}
);
front_matter!(
    /// Plain pages.
    PageFront {
        #[serde(default)]
        template: Option<String>,
    }
);
front_matter!(
    /// Day pages.
    DayFront {
        day: u32,
        goal: String,
        #[serde(default)]
        minutes: Option<u32>,
        #[serde(default)]
        summary: Option<String>,
    }
);
front_matter!(
    /// Myth pages.
    MythFront {
        myth: String,
        reframe: String,
        #[serde(default)]
        order: Option<i64>,
    }
);
front_matter!(
    /// Message examples.
    MessageFront {
        situation: String,
        #[serde(default)]
        channel: Option<Channel>,
        #[serde(default)]
        subject: Option<String>,
        #[serde(default, deserialize_with = "crate::yaml::nullable")]
        tags: Vec<String>,
        #[serde(default)]
        order: Option<i64>,
        #[serde(default)]
        step: Option<Step>,
    }
);

/// Whether a content key (without its language) is a home or section page: `_index.md` or
/// `FOLDER/_index.md`, not any name that ends that way (`site_index.md` is a plain page).
pub fn is_index(key: &str) -> bool {
    key == "_index.md" || key.ends_with("/_index.md")
}

/// `rel` as the `/`-separated path it is published at, or why it cannot be: a name that is not
/// UTF-8 (two such names could become the same address) or holds a control character (a
/// newline or tab is no part of a web address).
pub fn publishable_name(rel: &Path) -> std::result::Result<String, String> {
    let Some(text) = rel.to_str() else {
        return Err(format!(
            "the file name {} is not valid UTF-8",
            rel.to_string_lossy()
        ));
    };
    if let Some(c) = text.chars().find(|c| c.is_control()) {
        return Err(format!(
            "the file name {text:?} holds the control character {c:?}"
        ));
    }
    Ok(text.replace('\\', "/"))
}

/// The problem for a file whose name [`publishable_name`] refused.
pub fn unpublishable(file: &Path, why: &str) -> Diagnostic {
    Diagnostic::new(
        file,
        format!("{why}: it cannot be published as a web address"),
    )
    .hint("rename the file with letters, digits, spaces and - _ . ( ) only")
}

/// Splits `days/day-1.es.md` into `days/day-1.md` and `es`; keys without a language code pass.
pub fn split_key(key: &str) -> (String, Option<String>) {
    let Some(stem) = key.strip_suffix(".md") else {
        return (key.to_owned(), None);
    };
    match stem.rsplit_once('.') {
        Some((name, code))
            if crate::config::language::looks_like_code(code)
                && !name.ends_with('/')
                && !name.is_empty() =>
        {
            (format!("{name}.md"), Some(code.to_owned()))
        }
        _ => (key.to_owned(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(key: &str, text: &str) -> Result<Page, Diagnostic> {
        parse_page(key.into(), PathBuf::from(key), text.into())
    }

    #[test]
    fn day_front_matter_and_body() {
        let p = page(
            "days/day-1.md",
            "---\ntitle: One\nday: 1\ngoal: Start\n---\nHello\n",
        )
        .unwrap();
        assert_eq!(p.body(), "Hello\n");
        assert_eq!(p.body_line, 6);
        match p.meta {
            Meta::Day(d) => {
                assert_eq!(d.day, 1);
                assert_eq!(d.day_line, Some(3));
            }
            other => panic!("not a day: {other:?}"),
        }
    }

    #[test]
    fn wrong_type_points_at_file_line() {
        let err = page(
            "days/day-1.md",
            "---\ntitle: One\nday: three\ngoal: x\n---\n",
        )
        .unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(3));
        assert!(err.message.contains("invalid type"), "{}", err.message);
    }

    #[test]
    fn unknown_key_suggests_per_kind() {
        let err = page("myths/a.md", "---\ntitle: A\nmyth: x\nrefrane: y\n---\n").unwrap_err();
        assert!(err.hint.unwrap().contains("`reframe`"));
    }

    #[test]
    fn unknown_channel_lists_valid_values() {
        let err = page(
            "messages/a.md",
            "---\ntitle: A\nsituation: s\nchannel: fax\n---\n",
        )
        .unwrap_err();
        assert!(err.hint.unwrap().contains("email"));
    }

    #[test]
    fn missing_or_unclosed_front_matter() {
        assert!(
            page("about.md", "# Hi\n")
                .unwrap_err()
                .message
                .contains("missing front matter")
        );
        assert!(
            page("about.md", "---\ntitle: x\n")
                .unwrap_err()
                .message
                .contains("not closed")
        );
    }

    #[test]
    fn crlf_and_bom_are_accepted() {
        let p = page("about.md", "\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(p.title, "A");
        assert_eq!(p.body(), "Body\r\n");
    }

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
