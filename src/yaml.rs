//! Strict YAML parsing shared by `site.yaml` and front matter: serde errors become
//! [`Diagnostic`]s that point at the real line of the file and suggest the closest key.

pub mod locate;

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Position, closest};

/// Parses `yaml`, which starts on line `first_line` of `file` (whose full text is `source`).
pub fn parse<T: DeserializeOwned>(
    yaml: &str,
    file: &Path,
    source: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    // An empty document is an empty mapping, so a file with only `---\n---` gets the usual
    // "missing field" message instead of an obscure "invalid type: unit".
    let yaml = if yaml.trim().is_empty() { "{}" } else { yaml };
    serde_yaml::from_str(yaml).map_err(|err| {
        if err
            .to_string()
            .contains("control characters are not allowed")
        {
            return control_character(yaml, file, source, first_line);
        }
        let d = to_diagnostic(&err, file, source, first_line);
        if d.position.is_some() {
            return d;
        }
        locate_whole_document_error(d, yaml, source, first_line)
    })
}

/// serde_yaml places a control character at the start of the document: point at the character.
fn control_character(yaml: &str, file: &Path, source: &str, first_line: usize) -> Diagnostic {
    let found = yaml.lines().enumerate().find_map(|(i, line)| {
        line.chars()
            .position(|c| !yaml_printable(c))
            .map(|col| (i, col, line.chars().nth(col).unwrap_or('\0')))
    });
    let mut d = Diagnostic::new(
        file,
        match found {
            Some((_, _, c)) => format!(
                "an invisible control character (U+{:04X}) is not allowed here",
                c as u32
            ),
            None => "a control character is not allowed in YAML".to_owned(),
        },
    )
    .hint("delete it: it often comes from text copied out of another program");
    if let Some((i, col, _)) = found {
        d = d.at(
            Position {
                line: first_line + i,
                column: col + 1,
            },
            source,
        );
    }
    d
}

/// YAML 1.2's printable set (what the parser accepts in a stream): tab, line breaks, ASCII
/// text, NEL, and Unicode apart from C1 controls, surrogates, U+FFFE and U+FFFF.
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Errors serde_yaml gives for the document as a whole, without a place: a second document
/// (a `---` line inside) and an alias bomb. Each is found in the text and pointed at.
fn locate_whole_document_error(
    d: Diagnostic,
    yaml: &str,
    source: &str,
    first_line: usize,
) -> Diagnostic {
    let line_where = |is: &dyn Fn(&str) -> Option<usize>| {
        yaml.lines().enumerate().find_map(|(i, l)| {
            is(l).map(|column| Position {
                line: first_line + i,
                column: column + 1,
            })
        })
    };
    let (found, message, hint) = if d.message.contains("more than one document") {
        if let Some((line, column)) = second_document_marker(yaml) {
            (
                Some(Position {
                    line: first_line + line,
                    column: column + 1,
                }),
                "a line starting with `---` (or `...`) starts a second YAML document".to_owned(),
                "a file holds one document: remove this line (front matter ends at the first line with only `---`)",
            )
        } else if let Some(line) = less_indented_line(yaml) {
            (
                Some(Position {
                    line: first_line + line,
                    column: 1,
                }),
                "this line is less indented than the first key, so YAML reads it as a second document".to_owned(),
                "top-level keys start at the beginning of the line: remove the spaces before the first key",
            )
        } else {
            return d;
        }
    } else if d.message.contains("repetition limit") {
        (
            line_where(&|l: &str| {
                l.find('*')
                    .filter(|&i| l[i + 1..].starts_with(|c: char| c.is_alphanumeric()))
            }),
            "aliases repeat their anchors' values too many times (an alias bomb)".to_owned(),
            "write the values out instead of nesting anchors (&name) inside aliases (*name)",
        )
    } else {
        return d;
    };
    let mut located = Diagnostic::new(&d.file, message).hint(hint);
    if let Some(at) = found {
        located = located.at(at, source);
    }
    located
}

/// Where the line that starts a second document is, as (line index, column), both from 0: a
/// `---` or `...` at the start of a line, alone or followed by a space (`--- x` is a marker
/// with content on its line). YAML also breaks lines at a lone `\r`, so a marker may sit
/// mid-line in `\n` terms. A `---` before any content only opens the first document.
fn second_document_marker(yaml: &str) -> Option<(usize, usize)> {
    let (mut content_seen, mut opened) = (false, false);
    let (mut line, mut line_start) = (0, 0);
    let mut start = 0;
    while start <= yaml.len() {
        let rest = &yaml[start..];
        let len = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let l = &rest[..len];
        let is_marker = (l.starts_with("---") || l.starts_with("..."))
            && l[3..].chars().next().is_none_or(char::is_whitespace);
        if is_marker {
            if content_seen || opened || l.starts_with("...") {
                return Some((line, yaml[line_start..start].chars().count()));
            }
            opened = true;
            content_seen = !l[3..].trim().is_empty();
        } else if !l.trim().is_empty() && !l.trim_start().starts_with('#') {
            content_seen = true;
        }
        let mut next = start + len;
        if yaml[next..].starts_with("\r\n") {
            next += 2;
        } else if next < yaml.len() {
            next += 1;
        } else {
            break;
        }
        if yaml[..next].ends_with('\n') {
            line += 1;
            line_start = next;
        }
        start = next;
    }
    None
}

/// The first line less indented than the document's first key: YAML reads it as the end of
/// the first document, and serde_yaml then speaks of "more than one document".
fn less_indented_line(yaml: &str) -> Option<usize> {
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut content = yaml
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
    let (_, first) = content.next()?;
    let first = indent(first);
    content.find(|(_, l)| indent(l) < first).map(|(i, _)| i)
}

fn to_diagnostic(
    err: &serde_yaml::Error,
    file: &Path,
    source: &str,
    first_line: usize,
) -> Diagnostic {
    let full = err.to_string();
    // serde_yaml appends " at line L column C" (sometimes mid-sentence); we print the
    // position our own way.
    let message = strip_positions(&full);
    let message = plain_types(message.strip_prefix(": ").unwrap_or(&message));
    let mut hint = hint_for(&message);
    // The hint lists the valid choices; the message need not list them too.
    let short = message
        .find(", expected one of")
        .map_or(&*message, |i| &message[..i]);
    let mut diagnostic = Diagnostic::new(file, short);
    let mut position = err.location().map(|loc| Position {
        line: first_line + loc.line() - 1,
        column: loc.column(),
    });
    if let (Some(key), Some(at)) = (duplicate_key(&message), position) {
        // serde reports the start of the mapping; the second occurrence is the line to fix.
        if let Some(second) = second_occurrence(source, key, at) {
            position = Some(second);
            hint = Some(format!(
                "`{key}` is written twice in the same block: keep one and merge their settings"
            ));
        }
    }
    let syntax = !message.contains("invalid type")
        && !message.contains("unknown ")
        && !message.contains("missing field")
        && !message.contains("duplicate field");
    if let (true, Some(at)) = (syntax, position) {
        // A quote left open swallows the following lines, so the parser complains further
        // down; the line that opened it is the one to fix.
        let yaml = source
            .lines()
            .skip(first_line - 1)
            .take(at.line + 1 - first_line);
        if let Some((i, column)) = yaml
            .enumerate()
            .find_map(|(i, l)| open_quote(l).map(|c| (i, c)))
        {
            position = Some(Position {
                line: first_line + i,
                column,
            });
            hint = Some("this quote is not closed: end the value with the same quote mark".into());
        }
    }
    if let Some(position) = position {
        diagnostic = diagnostic.at(position, source);
        // Unquoted, `{{ list_size }} people` is a YAML map, not a setting in text.
        let value = diagnostic
            .source_line
            .as_deref()
            .and_then(|l| l.split_once(':'));
        if value.is_some_and(|(_, v)| v.trim_start().starts_with("{{")) {
            hint = Some(
                "a value that starts with `{{` must be quoted: `title: \"{{ list_size }} people\"`"
                    .into(),
            );
        }
    }
    if let Some(hint) = hint {
        diagnostic = diagnostic.hint(hint);
    }
    diagnostic
}

/// The key of serde's "duplicate field `key`" message.
fn duplicate_key(message: &str) -> Option<&str> {
    let rest = &message[message.find("duplicate field `")? + "duplicate field `".len()..];
    rest.split('`').next()
}

/// Where `key` appears for the second time at the indentation of the mapping starting at `at`.
fn second_occurrence(source: &str, key: &str, at: Position) -> Option<Position> {
    let indent = at.column.saturating_sub(1);
    let mut found = source
        .lines()
        .enumerate()
        .skip(at.line.saturating_sub(1))
        .filter(|(_, line)| {
            let rest = line.get(indent..).unwrap_or_default();
            line.len() - line.trim_start().len() == indent
                && rest
                    .strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
        });
    found.next()?;
    found.next().map(|(i, _)| Position {
        line: i + 1,
        column: indent + 1,
    })
}

/// Removes every " at line L column C" that serde_yaml writes into its messages.
fn strip_positions(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let after = rest[i + " at line ".len()..].trim_start_matches(|c: char| c.is_ascii_digit());
        let after = after.strip_prefix(" column ").unwrap_or(after);
        rest = after.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

/// Column of a value's opening quote when the line does not close it.
fn open_quote(line: &str) -> Option<usize> {
    let (_, value) = line.split_once(": ")?;
    let value = value.trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &value[1..];
    let closed = if quote == '"' {
        let mut escaped = false;
        body.chars().any(|c| {
            let end = c == '"' && !escaped;
            escaped = c == '\\' && !escaped;
            end
        })
    } else {
        body.contains('\'')
    };
    (!closed).then(|| line.len() - value.len() + 1)
}

/// Serde names Rust types ("expected u32"); a coach needs words.
fn plain_types(message: &str) -> String {
    let mut text = message.to_owned();
    for (rust, plain) in [
        ("expected u32", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected a sequence", "expected a list"),
        ("expected a map", "expected a set of `key: value` lines"),
        ("expected a boolean", "expected true or false"),
    ] {
        text = text.replace(rust, plain);
    }
    text
}

/// Turns serde's "unknown field/variant `x`, expected one of `a`, `b`" into a suggestion.
fn hint_for(message: &str) -> Option<String> {
    let (what, rest) = if let Some(i) = message.find("unknown field `") {
        ("key", &message[i + "unknown field `".len()..])
    } else if let Some(rest) = message
        .find("unknown variant `")
        .map(|i| &message[i + "unknown variant `".len()..])
    {
        ("value", rest)
    } else if message.contains("missing field `") {
        return Some(format!(
            "add this field; the fields each file takes are listed at {}",
            crate::diag::docs_url("reference/front-matter")
        ));
    } else if message.contains("invalid type") {
        return Some(
            "check the value's type; quote text that looks like a number or yes/no".into(),
        );
    } else if message.contains("mapping values are not allowed") {
        return Some(
            "a value that contains `: ` must be quoted, e.g. title: \"Day 1: Make your list\""
                .into(),
        );
    } else if message.contains("did not find expected") || message.contains("found character") {
        return Some(
            "check the YAML on this line: indentation, quotes and `key: value` form".into(),
        );
    } else {
        return None;
    };
    let word = rest.split('`').next()?;
    let valid: Vec<&str> = rest
        .split_once("expected")
        .map(|(_, list)| list.split('`').skip(1).step_by(2).collect())
        .unwrap_or_default();
    if valid.is_empty() {
        return Some(format!("this {what} is not allowed here"));
    }
    Some(match closest(word, valid.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? (valid: {})", valid.join(", ")),
        // Only where there is an `extra` to put it in.
        None if what == "key" && valid.contains(&"extra") => format!(
            "valid keys: {}; free-form data goes under `extra`",
            valid.join(", ")
        ),
        None if what == "key" => format!("valid keys: {}", valid.join(", ")),
        None => format!("valid values: {}", valid.join(", ")),
    })
}

/// Reads an empty YAML value (`extra:` with nothing after it) as the type's default.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Reads `extra:` (free-form data for templates) like [`nullable`], refusing a key written
/// twice at its top level as every other block does (a map would silently keep the last).
pub fn free_map<'de, D>(
    deserializer: D,
) -> Result<serde_json::Map<String, serde_json::Value>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor;
    impl<'de> serde::de::Visitor<'de> for Visitor {
        type Value = serde_json::Map<String, serde_json::Value>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of names to values")
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(serde_json::Map::new())
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(serde_json::Map::new())
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = serde_json::Map::new();
            while let Some((key, value)) = map.next_entry::<String, serde_json::Value>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format_args!(
                        "duplicate field `{key}`"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    deserializer.deserialize_any(Visitor)
}

/// A YAML file's text, read once, with the file it came from: problems found after parsing
/// (serde values carry no positions) look their line and column up here instead of reading
/// the file again.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    file: std::path::PathBuf,
    text: std::sync::Arc<str>,
}

impl SourceMap {
    /// The map of `text`, read from `file`.
    pub fn new(file: &Path, text: &str) -> SourceMap {
        SourceMap {
            file: file.to_path_buf(),
            text: text.into(),
        }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file it was read from.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// A problem in this file, at `position` with its line shown (none: the whole file).
    pub fn diagnostic(
        &self,
        message: impl Into<String>,
        position: Option<crate::diag::Position>,
    ) -> Diagnostic {
        let d = Diagnostic::new(&self.file, message);
        match position {
            Some(p) => d.at(p, &self.text),
            None => d,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        day: Option<u32>,
        #[serde(default, deserialize_with = "nullable")]
        extra: serde_json::Map<String, serde_json::Value>,
    }

    fn parse_sample(yaml: &str) -> Result<Sample, Diagnostic> {
        let source = format!("---\n{yaml}---\n");
        parse(yaml, Path::new("x.md"), &source, 2)
    }

    #[test]
    fn unknown_key_points_at_real_line_and_suggests() {
        let err = parse_sample("title: A\ntitel: B\n").unwrap_err();
        assert_eq!(err.position.map(|p| p.line), Some(3));
        assert_eq!(err.source_line.as_deref(), Some("titel: B"));
        assert!(err.hint.unwrap().contains("did you mean `title`"));
    }

    #[test]
    fn duplicate_key_points_at_its_second_line() {
        let yaml = "title: a\nday: 1\ntitle: b\n";
        let d = parse_sample(yaml).unwrap_err();
        assert!(d.message.contains("duplicate field `title`"), "{d}");
        // Line 4 of the file: the front matter starts after `---` on line 1.
        assert_eq!(d.position.map(|p| p.line), Some(4), "{d}");
        assert!(d.hint.as_deref().unwrap_or("").contains("twice"), "{d}");
    }

    #[test]
    fn a_second_document_and_an_alias_bomb_are_pointed_at() {
        let d = parse_sample("title: x\nday: 1\n---\nday: 2\n").unwrap_err();
        assert_eq!(d.position.map(|p| p.line), Some(4), "{d}");
        assert!(d.message.contains("second YAML document"), "{d}");
        // A marker with text after it on its line is still a marker.
        let d = parse_sample("title: x\nday: 1\n--- day: 2\n").unwrap_err();
        assert_eq!(d.position.map(|p| p.line), Some(4), "{d}");
        let d = parse_sample("title: x\nday: 1\n...\t\nday: 2\n").unwrap_err();
        assert_eq!(d.position.map(|p| p.line), Some(4), "{d}");
        // An opening `---` is not the second document's start.
        assert_eq!(
            second_document_marker("# c\n---\na: 1\n--- |\n  x\n"),
            Some((3, 0))
        );
        assert_eq!(second_document_marker("--- a\n--- b\n"), Some((1, 0)));
        assert_eq!(second_document_marker("---\n---\na: 1\n"), Some((1, 0)));
        // Old Mac line ends: YAML breaks lines at a lone CR; we count lines by LF.
        assert_eq!(
            second_document_marker("---\ra: 1\r---\r\rb\r"),
            Some((0, 9))
        );
        assert_eq!(
            second_document_marker("a: 1\r\n---\r\nb: 2\r\n"),
            Some((1, 0))
        );
        // An indented first key: the next key at the margin is where YAML saw a new document.
        let d = parse_sample("  title: x\nday: 1\n").unwrap_err();
        assert_eq!(d.position.map(|p| (p.line, p.column)), Some((3, 1)), "{d}");
        assert!(d.message.contains("less indented"), "{d}");
        let bomb = "title: x\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n  d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n  e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n  f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        let d = parse_sample(bomb).unwrap_err();
        assert!(d.message.contains("alias bomb"), "{d}");
        assert_eq!(d.position.map(|p| p.line), Some(5), "{d}");
    }

    #[test]
    fn a_control_character_is_pointed_at() {
        let d = parse_sample("day: 1\ntitle: \"T\u{0}x\"\n").unwrap_err();
        assert_eq!(
            d.position,
            Some(Position {
                line: 3,
                column: 10
            }),
            "{d}"
        );
        assert!(d.message.contains("U+0000"), "{d}");
        // Not only C0 controls: YAML refuses U+FFFE and C1 controls too, but takes NEL.
        let d = parse_sample("day: 1\ntitle: \"a\u{85}b \u{FFFE}\"\n").unwrap_err();
        assert_eq!(d.position.map(|p| (p.line, p.column)), Some((3, 13)), "{d}");
        assert!(d.message.contains("U+FFFE"), "{d}");
    }

    #[test]
    fn empty_values_mean_defaults() {
        let s = parse_sample("title: A\nextra:\n").unwrap();
        assert!(s.extra.is_empty());
    }

    #[test]
    fn wrong_type_is_explained() {
        let err = parse_sample("title: A\nday: three\n").unwrap_err();
        assert!(err.message.contains("invalid type"), "{}", err.message);
        assert_eq!(err.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn missing_field_is_named() {
        let err = parse_sample("day: 1\n").unwrap_err();
        assert!(
            err.message.contains("missing field `title`"),
            "{}",
            err.message
        );
    }

    // YAML 1.1 parsers read these as false, true and octal; we must keep what the author wrote.
    #[test]
    fn yaml_1_1_surprises_stay_strings_in_extra() {
        let s = parse_sample(
            "title: A\nextra:\n  country: NO\n  answer: y\n  zip: \"01234\"\n  on: on\n",
        )
        .unwrap();
        assert_eq!(s.extra["country"], "NO");
        assert_eq!(s.extra["answer"], "y");
        assert_eq!(s.extra["zip"], "01234");
        assert_eq!(s.extra["on"], "on");
    }
}
