//! Errors: every problem a user can cause is a [`Diagnostic`] that names the file, line and
//! column, says what was expected and how to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

impl Position {
    /// Position of byte `offset` within `text`, with lines counted from `first_line`.
    pub fn at_offset(text: &str, offset: usize, first_line: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = first_line + before.matches('\n').count();
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }

    /// Position of the first invalid byte, for "not UTF-8" errors.
    pub fn from_utf8_error(bytes: &[u8], err: std::str::Utf8Error) -> Self {
        let valid = &bytes[..err.valid_up_to()];
        // The prefix is valid UTF-8 by definition of `valid_up_to`.
        let text = std::str::from_utf8(valid).unwrap_or_default();
        Position::at_offset(text, text.len(), 1)
    }
}

/// Where each line of a text starts: positions of many problems in one file cost a binary
/// search each, not a count from the top (20,000 broken links once took 10 s).
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`'s lines.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The position of byte `offset` (lines counted from 1).
    pub fn position(&self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let before = &self.text[start..offset];
        let column = if before.is_ascii() {
            before.len()
        } else {
            before.chars().count()
        } + 1;
        Position { line, column }
    }

    /// Line `n` (1-based), without its line break.
    pub fn line(&self, n: usize) -> Option<&'a str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(self.text.len(), |&next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Whether a diagnostic stops the build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Severity {
    /// The build fails.
    #[default]
    Error,
    /// Worth fixing, but the site is built (e.g. a colour the theme had to darken).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in the user's input, located as precisely as we know.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub file: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// The offending source line, shown under the message.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// A problem with a whole file (no position).
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            position: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// Locates the problem and captures the source line from `source` (the whole file).
    pub fn at(mut self, position: Position, source: &str) -> Self {
        self.source_line = source
            .lines()
            .nth(position.line.saturating_sub(1))
            .map(str::to_owned);
        self.position = Some(position);
        self
    }

    /// Like [`Diagnostic::at`], at byte `offset` of the text `index` holds.
    pub fn at_offset_in(mut self, offset: usize, index: &LineIndex<'_>) -> Self {
        let position = index.position(offset);
        self.source_line = index.line(position.line).map(str::to_owned);
        self.position = Some(position);
        self
    }

    /// Makes this a warning: reported, but the build goes on.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// Adds a hint saying what to do.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Makes the file path relative to `root` for display.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.file.strip_prefix(root) {
            self.file = rel.to_path_buf();
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{}: {}", self.severity, self.message)?;
        match self.position {
            Some(p) => writeln!(f, "  --> {}:{}:{}", self.file.display(), p.line, p.column)?,
            None => writeln!(f, "  --> {}", self.file.display())?,
        }
        if let (Some(p), Some(line)) = (self.position, &self.source_line) {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let (line, column) = excerpt(line, p.column);
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {line}")?;
            let caret_pad: String = line
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, "{pad} | {caret_pad}^")?;
        }
        if let Some(hint) = &self.hint {
            writeln!(f, "  = help: {hint}")?;
        }
        Ok(())
    }
}

/// The part of a long source line around `column` (1-based), and the column within it: a
/// minified or CR-only file is one huge line, which a terminal should not get whole. Control
/// characters other than tabs are shown as spaces.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    const WIDTH: usize = 120;
    let shown = |c: char| if c.is_control() && c != '\t' { ' ' } else { c };
    let total = line.chars().count();
    if total <= WIDTH {
        return (line.chars().map(shown).collect(), column);
    }
    let start = column.saturating_sub(WIDTH / 2).min(total - WIDTH);
    let mut text: String = line.chars().skip(start).take(WIDTH).map(shown).collect();
    let mut column = column - start;
    if start > 0 {
        text.insert(0, '…');
        column += 1;
    }
    if start + WIDTH < total {
        text.push('…');
    }
    (text, column)
}

/// Everything that can make a command fail.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's input has problems; all of them are listed (a failed build's warnings
    /// first, then the errors).
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    /// A file or folder could not be read or written.
    #[error("error: cannot {action} {}: {source}", path.display())]
    Io {
        /// What we were doing ("read", "write", "create").
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A command was asked to do something unsafe or impossible.
    #[error("error: {message}\n  = help: {hint}")]
    Refused {
        /// What we refused to do.
        message: String,
        /// What to do instead.
        hint: String,
    },
}

impl Error {
    /// Builds an I/O error with the path it concerns.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The problems, when this error is a list of input problems.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Invalid(list) => list,
            _ => &[],
        }
    }

    /// Removes the warnings from a list of problems and returns them, for a caller that shows
    /// warnings its own way (`serve` says each one once).
    pub fn take_warnings(&mut self) -> Vec<Diagnostic> {
        match self {
            Error::Invalid(list) => {
                let (warnings, errors) = std::mem::take(list)
                    .into_iter()
                    .partition(|d| d.severity == Severity::Warning);
                *list = errors;
                warnings
            }
            _ => Vec::new(),
        }
    }
}

fn render_all(list: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in list {
        out.push_str(&d.to_string());
        out.push('\n');
    }
    let n = list
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    out.push_str(&format!(
        "{n} problem{} found",
        if n == 1 { "" } else { "s" }
    ));
    out
}

/// Where a hint sends a coach to read more: the page `page` (e.g. `reference/front-matter`) of
/// the book published under `/docs/` of the project site (`package.homepage` in Cargo.toml);
/// without a homepage, the page's source in the repository.
pub fn docs_url(page: &str) -> String {
    match env!("CARGO_PKG_HOMEPAGE") {
        "" => format!("docs/src/{page}.md in reachout's repository"),
        home => format!("{}/docs/{page}.html", home.trim_end_matches('/')),
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_its_column_with_the_caret_in_place() {
        let line = format!("{}X{}", "a".repeat(20_000), "b\r".repeat(10_000));
        let d = Diagnostic {
            position: Some(Position {
                line: 1,
                column: 20_001,
            }),
            source_line: Some(line),
            ..Diagnostic::new("f.md", "bad")
        };
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines[3].chars().count() < 140, "{}", lines[3]);
        assert!(!lines[3].contains('\r'));
        let at = lines[3].chars().position(|c| c == 'X').unwrap();
        assert_eq!(lines[4].chars().position(|c| c == '^'), Some(at), "{text}");
        assert!(
            text.contains("f.md:1:20001"),
            "the real column stays in the header"
        );
    }

    #[test]
    fn line_index_agrees_with_counting_from_the_top() {
        let text = "a\nbé c\r\n\nlast ü line";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 3 {
            assert_eq!(
                index.position(offset),
                Position::at_offset(text, offset, 1),
                "offset {offset}"
            );
        }
        assert_eq!(index.line(2), Some("bé c"));
        assert_eq!(index.line(4), Some("last ü line"));
        assert_eq!(index.line(5), None);
        assert_eq!(index.line(0), None);
    }

    #[test]
    fn position_counts_lines_and_characters() {
        let text = "a\nbé c\n";
        assert_eq!(
            Position::at_offset(text, 5, 10),
            Position {
                line: 11,
                column: 3
            }
        );
    }

    #[test]
    fn diagnostic_shows_source_line_and_caret() {
        let d = Diagnostic::new("content/x.md", "bad")
            .at(Position { line: 2, column: 3 }, "one\ntwo three\n")
            .hint("fix it");
        let text = d.to_string();
        assert!(text.contains("--> content/x.md:2:3"), "{text}");
        assert!(text.contains("2 | two three\n  |   ^"), "{text}");
        assert!(text.contains("= help: fix it"), "{text}");
    }

    #[test]
    fn closest_finds_typos_only() {
        assert_eq!(closest("titel", ["title", "day"]), Some("title"));
        assert_eq!(closest("zzz", ["title", "day"]), None);
    }
}
