//! `{{ name }}` in Markdown and front matter: the coach's numbers from `site.yaml`'s
//! `tracker:` written into the prose, so changing `weekly_target` changes every page that
//! talks about it.
//!
//! Double braces keep it apart from message blanks, which use single braces (`{name}`), and
//! Markdown is never run through the template engine, so the two cannot meet.

use std::borrow::Cow;
use std::ops::Range;

use crate::config::Tracker;
use crate::content::{Meta, Page};
use crate::diag::{Diagnostic, Position, closest};

/// The settings a page can name, with their values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings(Vec<(&'static str, u32)>);

impl Settings {
    /// The tracker's cadence numbers, by the names they have in `site.yaml`.
    pub fn from_tracker(t: &Tracker) -> Self {
        Settings(vec![
            ("list_size", t.list_size),
            ("weekly_target", t.weekly_target),
            ("max_attempts", t.max_attempts),
            ("follow_up_days", t.follow_up_days),
            ("keep_in_touch_days", t.keep_in_touch_days),
        ])
    }

    fn get(&self, name: &str) -> Option<u32> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|(n, _)| *n)
    }
}

impl Default for Settings {
    fn default() -> Self {
        Settings::from_tracker(&Tracker::default())
    }
}

/// A `{{ ... }}` that names no setting: its byte range in the text and a message with help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Where the whole `{{ ... }}` is, in bytes of the text given.
    pub range: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub hint: String,
}

/// Replaces every `{{ name }}` in `text`; returns the text and the references it could not
/// resolve. A `{{` without a closing `}}` on the same line is left as written.
pub fn expand<'a>(text: &'a str, settings: &Settings) -> (Cow<'a, str>, Vec<Unknown>) {
    let mut out = String::new();
    let mut unknown = Vec::new();
    let mut done = 0;
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| from + i) {
        let Some(close) = text[open + 2..]
            .find("}}")
            .map(|i| open + 2 + i)
            .filter(|&c| !text[open..c].contains('\n'))
        else {
            break;
        };
        // `{{{x}}}` closes at the last pair, so the inside never starts or ends with a brace.
        let close = close + text[close + 2..].chars().take_while(|&c| c == '}').count();
        let name = text[open + 2..close].trim();
        let end = close + 2;
        match settings.get(name) {
            Some(value) => {
                out.push_str(&text[done..open]);
                out.push_str(&value.to_string());
            }
            None => {
                out.push_str(&text[done..end]);
                unknown.push(describe(name, open..end, settings));
            }
        }
        done = end;
        from = end;
    }
    if done == 0 {
        return (Cow::Borrowed(text), unknown);
    }
    out.push_str(&text[done..]);
    (Cow::Owned(out), unknown)
}

fn describe(name: &str, range: Range<usize>, settings: &Settings) -> Unknown {
    let all = settings.names().collect::<Vec<_>>().join(", ");
    let hint = match closest(name, settings.names()) {
        Some(near) => format!("did you mean `{{{{ {near} }}}}`? The settings are {all}"),
        None if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == ' ') => {
            format!(
                "a blank for the reader is written with single braces, `{{{name}}}`; \
                 the settings are {all}"
            )
        }
        None => format!("the settings are {all}"),
    };
    Unknown {
        range,
        message: format!("`{{{{ {name} }}}}` is not a setting"),
        hint,
    }
}

/// Expands settings in a page's front matter text fields; problems point at the front matter.
pub fn expand_front_matter(page: &mut Page, settings: &Settings) -> Vec<Diagnostic> {
    let Page {
        title,
        description,
        meta,
        file,
        source,
        body_start,
        ..
    } = page;
    let front = &source[..*body_start];
    let mut fields: Vec<&mut String> = vec![title];
    fields.extend(description.as_mut());
    match meta {
        Meta::Day(d) => {
            fields.push(&mut d.goal);
            fields.extend(d.summary.as_mut());
        }
        Meta::Myth(m) => {
            fields.push(&mut m.myth);
            fields.push(&mut m.reframe);
        }
        Meta::Message(m) => {
            fields.push(&mut m.situation);
            fields.extend(m.subject.as_mut());
        }
        _ => {}
    }
    let mut problems = Vec::new();
    for field in fields {
        let (expanded, unknown) = expand(field, settings);
        for u in unknown {
            problems.push(front_matter_problem(file, front, &u, field));
        }
        if let Cow::Owned(text) = expanded {
            *field = text;
        }
    }
    problems
}

fn front_matter_problem(
    file: &std::path::Path,
    source: &str,
    u: &Unknown,
    value: &str,
) -> Diagnostic {
    let at = locate(source, u, value).unwrap_or(0);
    Diagnostic::new(file, u.message.clone())
        .at(Position::at_offset(source, at, 1), source)
        .hint(u.hint.clone())
}

/// Byte offset in `source` of the written reference `u` (found in a parsed value), searching
/// from `from`; Markdown and YAML may unescape text, so value offsets are not file offsets.
pub fn locate(source: &str, u: &Unknown, value: &str) -> Option<usize> {
    let written = &value[u.range.clone()];
    let inner = written[2..written.len() - 2].trim();
    source.match_indices("{{").map(|(i, _)| i).find(|&i| {
        source[i + 2..]
            .split("}}")
            .next()
            .is_some_and(|s| s.trim() == inner)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom() -> Settings {
        Settings::from_tracker(&Tracker {
            list_size: 12,
            weekly_target: 3,
            ..Tracker::default()
        })
    }

    #[test]
    fn replaces_known_names_with_or_without_spaces() {
        let (text, unknown) = expand("{{ list_size }} names, {{weekly_target}} a week", &custom());
        assert_eq!(text, "12 names, 3 a week");
        assert!(unknown.is_empty());
    }

    #[test]
    fn leaves_text_without_references_borrowed() {
        let (text, _) = expand("Hi {name}, no settings here {", &custom());
        assert!(matches!(text, Cow::Borrowed(_)));
    }

    #[test]
    fn unknown_name_suggests_the_closest_setting() {
        let (text, unknown) = expand("Pick {{ weekly_targt }} people", &custom());
        assert_eq!(text, "Pick {{ weekly_targt }} people");
        assert_eq!(unknown.len(), 1);
        assert_eq!(unknown[0].range, 5..23);
        assert!(
            unknown[0]
                .hint
                .contains("did you mean `{{ weekly_target }}`")
        );
    }

    #[test]
    fn a_blank_in_double_braces_is_pointed_at_single_braces() {
        let (_, unknown) = expand("Hi {{name}},", &custom());
        assert!(
            unknown[0].hint.contains("single braces, `{name}`"),
            "{unknown:?}"
        );
    }

    #[test]
    fn unclosed_or_multiline_braces_are_left_alone() {
        let (text, unknown) = expand("a {{ list_size\n}} b {{", &custom());
        assert_eq!(text, "a {{ list_size\n}} b {{");
        assert!(unknown.is_empty());
    }
}
