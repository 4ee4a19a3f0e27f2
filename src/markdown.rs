//! Markdown to HTML: CommonMark plus the site's conventions (heading slugs, checklists with
//! stable task ids, `{blank}` placeholders in messages, `@/` internal links).

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, Options as CmarkOptions, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::content::Page;
use crate::diag::{Diagnostic, LineIndex, Position};
use crate::settings::{self, Settings};
use crate::text::{escape_html, site_path, slugify};

/// Which of the site's conventions apply to a page.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Task-list items become checklist tasks with `data-task-id`.
    pub tasks: bool,
    /// `{name}` in text becomes a highlighted blank.
    pub blanks: bool,
    /// Prefix for root-relative links (`/about/` -> `/reach-out/about/`).
    pub base_path: &'a str,
    /// Ids for tasks without an explicit one, in order: a translation takes its original's.
    pub task_ids: Option<&'a [String]>,
    /// Values for `{{ name }}` references.
    pub settings: &'a Settings,
    /// HTML in the Markdown is published as it is; when false it is shown as text.
    pub raw_html: bool,
}

/// Where an internal link points.
#[derive(Debug, Clone)]
pub struct Target {
    /// The page's URL path.
    pub url: String,
    /// Index of the target page, for anchor checks; `None` when it failed to load.
    pub page: Option<usize>,
}

/// Looks up `@/` links; returns why when the target does not exist.
pub trait Resolve {
    /// Resolves a content key such as `days/day-1.md`.
    fn resolve(&self, key: &str) -> Result<Target, String>;
}

/// A heading, for tables of contents and anchor checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The slug used as `id`.
    pub id: String,
    /// Plain text of the heading.
    pub title: String,
}

/// One checklist item of a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Task {
    /// Stable id: explicit `{#id}` or the slug of the text.
    pub id: String,
    /// Plain text of the item.
    pub text: String,
}

/// An `@/page.md#anchor` link, checked once every page's headings are known.
#[derive(Debug, Clone)]
pub struct AnchorRef {
    /// Target page index.
    pub page: usize,
    /// The anchor without `#`.
    pub anchor: String,
    /// Where the link is written.
    pub position: Position,
}

/// The result of rendering one page's Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML body.
    pub html: String,
    /// Headings in order.
    pub toc: Vec<Heading>,
    /// Checklist tasks in order.
    pub tasks: Vec<Task>,
    /// Anchors to verify.
    pub anchors: Vec<AnchorRef>,
    /// Problems found (unresolved links, bad or duplicate task ids).
    pub problems: Vec<Diagnostic>,
}

/// Renders `page`'s body.
pub fn render(page: &Page, options: Options<'_>, links: &dyn Resolve) -> Rendered {
    let body = page.body();
    let mut events = merged_events(body);
    if !options.raw_html {
        for (event, _) in &mut events {
            if let Event::Html(html) | Event::InlineHtml(html) = event {
                *event = Event::Text(html.clone());
            }
        }
    }
    let mut out = Rendered::default();
    let lines = LineIndex::new(&page.source);
    let locate = |range: &Range<usize>| lines.position(page.body_start + range.start);
    let problem = |message: String, range: &Range<usize>| {
        Diagnostic::new(&page.file, message).at_offset_in(page.body_start + range.start, &lines)
    };

    // Before headings and tasks, so their ids and texts see the coach's numbers.
    expand_settings(&mut events, body, options.settings, &mut out, &problem);
    number_headings(&mut events, &mut out.toc);
    for (event, range) in events.iter_mut() {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            match rewrite_link(dest_url, options.base_path, links) {
                Ok(Some((url, anchor))) => {
                    if let Some((Some(page), anchor)) = anchor {
                        out.anchors.push(AnchorRef {
                            page,
                            anchor,
                            position: locate(range),
                        });
                    }
                    *dest_url = url.into();
                }
                Ok(None) => {}
                Err(why) => out.problems.push(problem(why, range).hint(
                    "internal links are written @/path/from/content.md, e.g. @/days/day-1.md#anchor",
                )),
            }
        }
    }
    if options.tasks {
        mark_tasks(&mut events, &mut out, options.task_ids, &problem);
    }
    if options.blanks {
        events = mark_blanks(events);
    }
    let has_table = events
        .iter()
        .any(|(e, _)| matches!(e, Event::Start(Tag::Table(_))));
    out.html.reserve(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter().map(|(e, _)| e));
    if has_table {
        out.html = align_with_classes(&out.html);
    }
    // Every page's HTML is held until the site is rendered; spare capacity would be a third
    // of the build's memory on a large site.
    out.html.shrink_to_fit();
    out
}

/// pulldown-cmark aligns table cells with `style=""`, which the site's CSP blocks. One pass
/// (three `str::replace` passes over every page with a table were 1.4% of a build).
fn align_with_classes(html: &str) -> String {
    const STYLE: &str = " style=\"text-align: ";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = memchr::memmem::find(rest.as_bytes(), STYLE.as_bytes()) {
        let after = &rest[at + STYLE.len()..];
        let side = ["left", "center", "right"]
            .into_iter()
            .find(|side| after.strip_prefix(side).is_some_and(|a| a.starts_with('"')));
        match side {
            Some(side) => {
                out.push_str(&rest[..at]);
                out.push_str(" class=\"align-");
                out.push_str(side);
                out.push('"');
                rest = &after[side.len() + 1..];
            }
            None => {
                out.push_str(&rest[..at + STYLE.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn merged_events(body: &str) -> Vec<(Event<'_>, Range<usize>)> {
    let mut options = CmarkOptions::ENABLE_TABLES
        | CmarkOptions::ENABLE_FOOTNOTES
        | CmarkOptions::ENABLE_STRIKETHROUGH
        | CmarkOptions::ENABLE_TASKLISTS
        | CmarkOptions::ENABLE_SMART_PUNCTUATION;
    options.insert(CmarkOptions::ENABLE_HEADING_ATTRIBUTES);
    // The parser splits text at every special character; merged text makes `{#id}` and
    // `{blank}` detection a matter of looking at one string.
    pulldown_cmark::TextMergeWithOffset::new(Parser::new_ext(body, options).into_offset_iter())
        .collect()
}

/// Replaces `{{ name }}` in text; code spans and blocks keep it as written, which is how a
/// page shows the syntax itself.
fn expand_settings(
    events: &mut [(Event<'_>, Range<usize>)],
    body: &str,
    values: &Settings,
    out: &mut Rendered,
    problem: &dyn Fn(String, &Range<usize>) -> Diagnostic,
) {
    let mut in_code = false;
    for (event, range) in events.iter_mut() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code && text.contains("{{") => {
                let (expanded, unknown) = settings::expand(text, values);
                for u in &unknown {
                    let written = &body[range.clone()];
                    let at =
                        settings::locate(written, u, text).map_or(range.start, |i| range.start + i);
                    out.problems
                        .push(problem(u.message.clone(), &(at..at)).hint(u.hint.clone()));
                }
                if let std::borrow::Cow::Owned(new) = expanded {
                    *event = Event::Text(new.into());
                }
            }
            _ => {}
        }
    }
}

fn number_headings(events: &mut [(Event<'_>, Range<usize>)], toc: &mut Vec<Heading>) {
    let mut used = HashSet::new();
    let mut next: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = *level as u8;
            let explicit = id.as_ref().map(|s| s.to_string());
            let end = (i..events.len())
                .find(|&j| matches!(events[j].0, Event::End(TagEnd::Heading(_))))
                .unwrap_or(events.len());
            let title = plain_text(&events[i + 1..end]);
            let base = explicit.unwrap_or_else(|| slugify(&title));
            let base = if base.is_empty() {
                "section".to_owned()
            } else {
                base
            };
            // Each base remembers its next number, so a thousand "Notes" headings are numbered
            // in one pass, not by counting up from 1 again for each.
            let n = next.entry(base.clone()).or_insert(1);
            let mut slug = base.clone();
            while !used.insert(slug.clone()) {
                slug = format!("{base}-{n}");
                *n += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(slug.clone().into());
            }
            toc.push(Heading {
                level,
                id: slug,
                title,
            });
            i = end;
        }
        i += 1;
    }
}

fn plain_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Rewrites `@/` and root-relative links; returns the new URL and the anchor to check.
#[allow(clippy::type_complexity)]
fn rewrite_link(
    dest: &str,
    base_path: &str,
    links: &dyn Resolve,
) -> Result<Option<(String, Option<(Option<usize>, String)>)>, String> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (key, anchor) = match target.split_once('#') {
            Some((key, anchor)) => (key, Some(anchor)),
            None => (target, None),
        };
        let found = links
            .resolve(key)
            .map_err(|why| format!("broken internal link `{dest}`: {why}"))?;
        return Ok(Some(match anchor {
            Some(anchor) => (
                format!("{}#{anchor}", found.url),
                Some((found.page, anchor.to_owned())),
            ),
            None => (found.url, None),
        }));
    }
    // A coach writes `/about/` meaning "the site's about page"; on a project site that is
    // `/repo/about/`, so root-relative links get the base path.
    if base_path != "/"
        && let Some(path) = site_path(base_path, dest)
    {
        return Ok(Some((path, None)));
    }
    Ok(None)
}

fn mark_tasks<'a>(
    events: &mut Vec<(Event<'a>, Range<usize>)>,
    out: &mut Rendered,
    given: Option<&[String]>,
    problem: &dyn Fn(String, &Range<usize>) -> Diagnostic,
) {
    let mut ids = HashSet::new();
    let mut checklist_lists = Vec::new();
    let mut task_items = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i].0 {
            Event::Start(Tag::List(_)) => {
                let first_is_task = matches!(events.get(i + 1), Some((Event::Start(Tag::Item), _)))
                    && item_marker(events, i + 1).is_some();
                checklist_lists.push(first_is_task);
                if first_is_task {
                    events[i].0 = Event::Html("<ul class=\"checklist\">\n".into());
                }
            }
            // The guard pops for every list end, checklist or not.
            Event::End(TagEnd::List(_)) if checklist_lists.pop() == Some(true) => {
                events[i].0 = Event::Html("</ul>\n".into());
            }
            Event::Start(Tag::Item) => task_items.push(item_marker(events, i)),
            Event::End(TagEnd::Item) => {
                if let Some(Some(_)) = task_items.pop() {
                    events[i].0 = Event::Html("</li>\n".into());
                }
            }
            Event::TaskListMarker(_) => {
                let Some(Some(start)) = task_items.last().copied() else {
                    i += 1;
                    continue;
                };
                let given = given.and_then(|g| g.get(out.tasks.len()));
                let (id, text) = task_identity(events, i, given, problem, out);
                if !ids.insert(id.clone()) {
                    out.problems.push(
                        problem(
                            format!("task id `{id}` is used twice on this day"),
                            &events[i].1,
                        )
                        .hint("give one of the tasks its own id: `- [ ] text {#another-id}`"),
                    );
                }
                events[start].0 =
                    Event::Html(format!("<li class=\"task\" data-task-id=\"{id}\">").into());
                events[i].0 = Event::Text("".into());
                out.tasks.push(Task { id, text });
            }
            _ => {}
        }
        i += 1;
    }
}

/// If the item starting at `start` is a task, returns `Some(start)`.
fn item_marker(events: &[(Event<'_>, Range<usize>)], start: usize) -> Option<usize> {
    let next = events.get(start + 1)?;
    let next = match next.0 {
        Event::Start(Tag::Paragraph) => events.get(start + 2)?,
        _ => next,
    };
    matches!(next.0, Event::TaskListMarker(_)).then_some(start)
}

/// Reads the task's text after `marker`, strips a trailing `{#id}` and returns (id, text).
fn task_identity(
    events: &mut [(Event<'_>, Range<usize>)],
    marker: usize,
    given: Option<&String>,
    problem: &dyn Fn(String, &Range<usize>) -> Diagnostic,
    out: &mut Rendered,
) -> (String, String) {
    let end = (marker..events.len())
        .find(|&j| {
            matches!(
                events[j].0,
                Event::End(TagEnd::Item)
                    | Event::Start(Tag::List(_))
                    | Event::End(TagEnd::Paragraph)
            )
        })
        .unwrap_or(events.len());
    let mut explicit = None;
    if let Some(last) = (marker..end)
        .rev()
        .find(|&j| matches!(events[j].0, Event::Text(_)))
        && let Event::Text(text) = &events[last].0
        && let Some((kept, id)) = split_explicit_id(text)
    {
        if !valid_id(&id) {
            out.problems.push(
                problem(format!("task id `{id}` is not valid"), &events[last].1)
                    .hint("use lowercase letters, digits and hyphens, e.g. {#list-20}"),
            );
        }
        explicit = Some(id);
        events[last].0 = Event::Text(kept.into());
    }
    let text = plain_text(&events[marker..end]);
    let id = explicit.or_else(|| given.cloned()).unwrap_or_else(|| {
        let slug = slugify(&text);
        truncate_slug(&slug, 48).to_owned()
    });
    let id = if id.is_empty() {
        format!("task-{}", out.tasks.len() + 1)
    } else {
        id
    };
    (id, text)
}

fn split_explicit_id(text: &str) -> Option<(String, String)> {
    let trimmed = text.trim_end();
    let inner = trimmed.strip_suffix('}')?;
    let open = inner.rfind("{#")?;
    let id = inner[open + 2..].trim().to_owned();
    Some((inner[..open].trim_end().to_owned(), id))
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn truncate_slug(slug: &str, max: usize) -> &str {
    if slug.len() <= max {
        return slug;
    }
    let cut = slug[..max].rfind('-').unwrap_or(max);
    slug[..cut].trim_end_matches('-')
}

fn mark_blanks(events: Vec<(Event<'_>, Range<usize>)>) -> Vec<(Event<'_>, Range<usize>)> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    for (event, range) in events {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code && text.contains('{') => {
                split_blanks(text, |piece| out.push((piece, range.clone())));
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

fn split_blanks<'a>(text: &str, mut emit: impl FnMut(Event<'a>)) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').map(|c| open + c);
        let name = close.map(|c| &rest[open + 1..c]);
        match (close, name) {
            (Some(close), Some(name)) if is_blank_name(name) => {
                if open > 0 {
                    emit(Event::Text(rest[..open].to_owned().into()));
                }
                let name = escape_html(name.trim());
                emit(Event::InlineHtml(
                    format!("<span class=\"blank\" data-blank=\"{name}\">{name}</span>").into(),
                ));
                rest = &rest[close + 1..];
            }
            _ => {
                emit(Event::Text(rest[..=open].to_owned().into()));
                rest = &rest[open + 1..];
            }
        }
    }
    if !rest.is_empty() {
        emit(Event::Text(rest.to_owned().into()));
    }
}

fn is_blank_name(name: &str) -> bool {
    let name = name.trim();
    !name.is_empty()
        && name.chars().count() <= 40
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'' | '\u{2019}' | '/'))
}

#[cfg(test)]
mod tests;
