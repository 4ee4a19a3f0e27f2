//! `init` and `new`: writing a starter site from the defaults embedded in the binary, and
//! adding pages with correct front matter.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::content::CONTENT_DIR;
use crate::diag::{Error, Result};
use crate::publish;
use crate::text::slugify;
use crate::theme::DEFAULT_THEME;

/// The default site's content.
static DEFAULT_CONTENT: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/content");
/// The default site's configuration.
const DEFAULT_CONFIG: &str = include_str!("../site.yaml");
const COACH_README: &str = include_str!("scaffold/README.md");
const GITIGNORE: &str = include_str!("scaffold/gitignore");

/// Writes a complete starter site, with its GitHub Pages workflow, into `dir`; refuses a
/// non-empty folder unless `force`.
pub fn init(dir: &Path, force: bool) -> Result<Vec<PathBuf>> {
    if dir.exists() && !force {
        let mut entries = std::fs::read_dir(dir).map_err(|e| Error::io("read", dir, e))?;
        if entries.next().is_some() {
            return Err(Error::Refused {
                message: format!("{} is not empty", dir.display()),
                hint: "choose a new folder, or pass --force to write the starter files over it (other files are kept)".into(),
            });
        }
    }
    let mut files: Vec<(PathBuf, Cow<'static, [u8]>)> = vec![
        (PathBuf::from("site.yaml"), DEFAULT_CONFIG.as_bytes().into()),
        (
            PathBuf::from("README.md"),
            coach_readme().into_bytes().into(),
        ),
        (PathBuf::from(".gitignore"), GITIGNORE.as_bytes().into()),
        (
            PathBuf::from(publish::WORKFLOW_PATH),
            publish::workflow().into_bytes().into(),
        ),
    ];
    collect(&DEFAULT_CONTENT, Path::new(CONTENT_DIR), &mut files);
    collect(&DEFAULT_THEME, Path::new("themes/default"), &mut files);
    let mut written = Vec::with_capacity(files.len());
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
        }
        std::fs::write(&path, &bytes).map_err(|e| Error::io("write", &path, e))?;
        written.push(rel);
    }
    Ok(written)
}

/// The coach's README, naming the reachout that wrote it and where it comes from.
fn coach_readme() -> String {
    COACH_README
        .replace("@REACHOUT_VERSION@", publish::VERSION)
        .replace("@REACHOUT_SOURCE@", publish::SOURCE)
}

fn collect(
    dir: &'static Dir<'static>,
    prefix: &Path,
    out: &mut Vec<(PathBuf, Cow<'static, [u8]>)>,
) {
    for file in dir.files() {
        out.push((prefix.join(file.path()), file.contents().into()));
    }
    for sub in dir.dirs() {
        collect(sub, prefix, out);
    }
}

/// What `reachout new` creates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewKind {
    /// The next challenge day.
    Day,
    /// A myth and its reframe.
    Myth,
    /// A message example.
    Message,
    /// A plain page.
    Page,
}

/// Creates a new Markdown file and returns its path; never overwrites.
pub fn new_page(root: &Path, kind: NewKind, title: &str) -> Result<PathBuf> {
    if !root.join(crate::config::CONFIG_FILE).is_file() {
        return Err(Error::Refused {
            message: format!("{} has no site.yaml", root.display()),
            hint: "run this inside a site, pass --root DIR, or create one with `reachout init DIR`"
                .into(),
        });
    }
    // File names (and so URLs) stay ASCII: "Día uno" becomes dia-uno.md; the title keeps its
    // accents in the front matter.
    let slug = slugify(&deunicode::deunicode(title));
    if slug.is_empty() || !slug.is_ascii() {
        return Err(Error::Refused {
            message: format!("cannot make a file name from the title `{title}`"),
            hint: "use a title with some letters or digits".into(),
        });
    }
    let content = root.join(CONTENT_DIR);
    // A YAML double-quoted string is a JSON string, so quoting through JSON is always valid YAML.
    let quoted = serde_json::Value::from(title).to_string();
    let (rel, text) = match kind {
        NewKind::Day => {
            let n = next_day(&content.join("days"))?;
            (
                format!("days/day-{n}.md"),
                format!(
                    "---\ntitle: {quoted}\nday: {n}\ngoal: \"One sentence: what the reader achieves today.\"\nminutes: 15\nsummary: \"A line for the list of days.\"\n---\n\nA few warm sentences on why today matters.\n\n## Today's checklist\n\n- [ ] The first small step {{#step-1}}\n- [ ] The second small step {{#step-2}}\n- [ ] The third small step {{#step-3}}\n"
                ),
            )
        }
        NewKind::Myth => (
            format!("myths/{slug}.md"),
            format!(
                "---\ntitle: {quoted}\nmyth: \"The thought, as people say it to themselves.\"\nreframe: \"The one-line answer.\"\n---\n\nWhy the thought feels true, and what to do instead.\n"
            ),
        ),
        NewKind::Message => (
            format!("messages/{slug}.md"),
            format!(
                "---\ntitle: {quoted}\nsituation: \"When to send this message.\"\nchannel: email\nsubject: \"A short subject\"\ntags: []\n---\n\nHi {{name}},\n\nThe message, with {{blanks}} for what the sender fills in.\n\n## Why it works\n\n- One reason.\n"
            ),
        ),
        NewKind::Page => (
            format!("{slug}.md"),
            format!("---\ntitle: {quoted}\n---\n\nWrite the page here.\n"),
        ),
    };
    let path = content.join(&rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::Refused {
                message: format!("{} already exists", path.display()),
                hint: "pick another title, or edit the existing file".into(),
            },
            _ => Error::io("create", &path, e),
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| Error::io("write", &path, e))?;
    Ok(path)
}

/// One more than the highest `day:` among the existing days; refused past the largest number.
fn next_day(days: &Path) -> Result<u32> {
    let Ok(entries) = std::fs::read_dir(days) else {
        return Ok(1);
    };
    let highest = entries
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter_map(|text| {
            text.lines()
                .skip(1)
                .take_while(|l| l.trim_end() != "---")
                .find_map(|l| l.strip_prefix("day:")?.trim().parse::<u32>().ok())
        })
        .max()
        .unwrap_or(0);
    highest.checked_add(1).ok_or_else(|| Error::Refused {
        message: format!("there is already a day {highest}, the highest day number there can be"),
        hint: "number the days 1, 2, 3...: change `day:` in that file, then run this again".into(),
    })
}
