//! The resolve stage: orders pages, gives them URLs, renders their Markdown with internal
//! links resolved, and validates what only the whole site can tell (day numbering, anchors).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use crate::config::{BaseUrl, Config, MenuItem};
use crate::content::{Asset, CONTENT_DIR, Meta, Page};
use crate::diag::{Diagnostic, closest};
use crate::editions::Edition;

mod nav;
use crate::markdown::{self, Rendered, Resolve, Target};
use crate::settings::{self, Settings};

/// A page with its place in the site and its rendered Markdown.
#[derive(Debug)]
pub struct Resolved {
    /// The source page.
    pub page: Page,
    /// URL path, e.g. `/reach-out/days/day-1/`.
    pub url: String,
    /// Output file relative to the output folder, e.g. `days/day-1/index.html`.
    pub output: String,
    /// HTML, headings, tasks.
    pub rendered: Rendered,
    /// Previous page in the section order (days only).
    pub prev: Option<usize>,
    /// Next page in the section order (days only).
    pub next: Option<usize>,
}

/// A content folder and the pages it lists.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder name relative to `content/` (`days`).
    pub name: String,
    /// Index of its `_index.md` page (real or generated).
    pub index: usize,
    /// Its pages in order.
    pub pages: Vec<usize>,
}

/// The whole site, ready to render.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// Where it is published.
    pub base: BaseUrl,
    /// Every page, including generated section and home pages.
    pub pages: Vec<Resolved>,
    /// Index of the home page.
    pub home: usize,
    /// Sections by folder name.
    pub sections: BTreeMap<String, Section>,
    /// Menu with URLs resolved.
    pub menu: Vec<MenuItem>,
    /// Files copied from `content/`.
    pub assets: Vec<Asset>,
    /// This edition's language code.
    pub code: String,
    /// Folder of this language under the base path: empty for the main language, `es/`.
    pub prefix: String,
}

impl Site {
    /// The pages of a section in order, or nothing when the site has no such section.
    pub fn section_pages(&self, name: &str) -> impl Iterator<Item = &Resolved> {
        self.sections
            .get(name)
            .into_iter()
            .flat_map(|s| s.pages.iter().map(|&i| &self.pages[i]))
    }

    /// Each day's task ids by content key: a translated day's tasks take them in order.
    pub fn task_ids(&self) -> TaskIds {
        self.section_pages("days")
            .map(|r| {
                let ids = r.rendered.tasks.iter().map(|t| t.id.clone()).collect();
                (r.page.key.clone(), ids)
            })
            .collect()
    }
}

/// Task ids of the main language's days, by content key.
pub type TaskIds = HashMap<String, Vec<String>>;

pub(crate) struct Links {
    targets: HashMap<String, Target>,
    drafts: HashSet<String>,
}

impl Resolve for Links {
    fn resolve(&self, key: &str) -> Result<Target, String> {
        let key = key.trim_start_matches('/');
        if let Some(target) = self.targets.get(key) {
            return Ok(target.clone());
        }
        if self.drafts.contains(key) {
            return Err(format!(
                "`{key}` is a draft; publish it or build with --drafts"
            ));
        }
        let near = closest(key, self.targets.keys().map(String::as_str));
        Err(match near {
            Some(near) => format!("there is no content/{key}; did you mean @/{near}?"),
            None => format!("there is no content/{key}"),
        })
    }
}

/// Resolves loaded content into a site; problems do not stop it, they are returned beside it.
pub fn resolve(
    root: &Path,
    edition: Edition,
    base: BaseUrl,
    drafts: bool,
    originals: Option<&TaskIds>,
) -> (Site, Vec<Diagnostic>) {
    let Edition {
        code,
        prefix,
        mut config,
        content,
    } = edition;
    // Pages of another language live under its folder; assets and site paths stay at the base.
    let pages_base = BaseUrl {
        url: format!("{}{prefix}", base.url),
        path: format!("{}{prefix}", base.path),
    };
    let mut problems = Vec::new();
    let (mut pages, skipped): (Vec<Page>, Vec<Page>) =
        content.pages.into_iter().partition(|p| drafts || !p.draft);
    add_generated_pages(root, &config, &mut pages);
    let settings = Settings::from_tracker(&config.tracker);
    for page in &mut pages {
        problems.extend(settings::expand_front_matter(page, &settings));
    }
    let days_failed = content.failed.iter().any(|k| k.starts_with("days/"));
    let sections = order_sections(&pages, &mut problems, !days_failed);
    // Pages that failed to load were reported already; links to them are not broken links.
    let failed = content.failed.iter().map(|k| {
        (
            k.clone(),
            Target {
                url: url_of(&pages_base, k),
                page: None,
            },
        )
    });
    let links = Links {
        targets: pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                (
                    p.key.clone(),
                    Target {
                        url: url_of(&pages_base, &p.key),
                        page: Some(i),
                    },
                )
            })
            .chain(failed)
            .collect(),
        drafts: skipped.into_iter().map(|p| p.key).collect(),
    };
    let rendered: Vec<Rendered> = pages
        .par_iter()
        .with_max_len(crate::output::PIECE)
        .map(|page| {
            let options = markdown::Options {
                tasks: matches!(page.meta, Meta::Day(_)),
                blanks: matches!(page.meta, Meta::Message(_)),
                base_path: &base.path,
                settings: &settings,
                raw_html: config.markdown.raw_html,
                task_ids: page
                    .lang
                    .as_ref()
                    .and(originals)
                    .and_then(|ids| ids.get(&page.key))
                    .map(Vec::as_slice),
            };
            markdown::render(page, options, &links)
        })
        .collect();
    let mut resolved: Vec<Resolved> = pages
        .into_iter()
        .zip(rendered)
        .map(|(page, mut rendered)| {
            problems.append(&mut rendered.problems);
            if let (Some(_), Some(ids)) = (&page.lang, originals) {
                check_task_ids(&page, &rendered, ids, &mut problems);
            }
            Resolved {
                url: url_of(&pages_base, &page.key),
                output: format!("{prefix}{}", output_of(&page.key)),
                page,
                rendered,
                prev: None,
                next: None,
            }
        })
        .collect();
    check_anchors(&resolved, &mut problems);
    // Every check that points into a page's Markdown has run, and a diagnostic keeps its own
    // copy of the line it shows: the sources (about 5 KB a page) need not live through rendering.
    for r in &mut resolved {
        r.page.source = String::new();
        r.page.body_start = 0;
    }
    if let Some(days) = sections.get("days") {
        for pair in days.pages.windows(2) {
            resolved[pair[0]].next = Some(pair[1]);
            resolved[pair[1]].prev = Some(pair[0]);
        }
    }
    let mut menu = nav::menu(&config, &base, &links, &mut problems);
    if config.menu_from_titles {
        nav::name_by_titles(&mut menu, &config, &links, &resolved);
    }
    nav::brand_links(&mut config, &base, &links, &mut problems);
    let home = resolved
        .iter()
        .position(|p| p.page.key == "_index.md")
        .unwrap_or(0);
    let site = Site {
        config,
        base,
        pages: resolved,
        home,
        sections,
        menu,
        assets: content.assets,
        code,
        prefix,
    };
    (site, problems)
}

/// A translated day keeps its original's tasks, in order, so a tick counts in every language.
fn check_task_ids(
    page: &Page,
    rendered: &Rendered,
    originals: &TaskIds,
    problems: &mut Vec<Diagnostic>,
) {
    let Some(ids) = originals.get(&page.key) else {
        return;
    };
    let stray: Vec<&str> = rendered
        .tasks
        .iter()
        .map(|t| t.id.as_str())
        .filter(|id| !ids.iter().any(|o| o == id))
        .collect();
    if rendered.tasks.len() != ids.len() || !stray.is_empty() {
        let why = if rendered.tasks.len() == ids.len() {
            format!(
                "task id {} is not one of content/{}'s",
                stray.join(", "),
                page.key
            )
        } else {
            let tasks = |n: usize| format!("{n} task{}", if n == 1 { "" } else { "s" });
            format!(
                "this translation has {}, content/{} has {}",
                tasks(rendered.tasks.len()),
                page.key,
                tasks(ids.len())
            )
        };
        let mut d = Diagnostic::new(&page.file, why).hint(
            "a translated day lists the same tasks in the same order (they take the original's ids, so a visitor's ticks count in every language)",
        );
        // At the first task, or the start of the body when there is none.
        let body = page.body();
        let offset = body.find("- [").or_else(|| body.find("* [")).unwrap_or(0);
        d = d.at(
            crate::diag::Position::at_offset(body, offset, page.body_line),
            &page.source,
        );
        problems.push(d);
    }
}

/// The folder a content key is published in: `days/day-1.md` -> `days/day-1/`,
/// `days/_index.md` -> `days/`, `_index.md` -> `` (the site root).
fn folder_of(key: &str) -> String {
    let stem = key.strip_suffix(".md").unwrap_or(key);
    let stem = match stem.strip_suffix("_index") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => stem,
    }
    .trim_end_matches('/');
    if stem.is_empty() {
        String::new()
    } else {
        format!("{stem}/")
    }
}

/// URL path of a content key under the base path.
pub fn url_of(base: &BaseUrl, key: &str) -> String {
    format!("{}{}", base.path, folder_of(key))
}

fn output_of(key: &str) -> String {
    format!("{}index.html", folder_of(key))
}

/// The home page and every folder's section page exist even when not written.
fn add_generated_pages(root: &Path, config: &Config, pages: &mut Vec<Page>) {
    let existing: HashSet<String> = pages.iter().map(|p| p.key.clone()).collect();
    let mut wanted: Vec<(String, String)> = Vec::new();
    if !existing.contains("_index.md") {
        wanted.push(("_index.md".into(), config.title.clone()));
    }
    let mut folders: Vec<&str> = pages
        .iter()
        .filter_map(|p| p.key.rsplit_once('/').map(|(dir, _)| dir))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        let key = format!("{folder}/_index.md");
        if !existing.contains(&key) {
            let name = folder.rsplit('/').next().unwrap_or(folder);
            wanted.push((key, title_case(name)));
        }
    }
    for (key, title) in wanted {
        let meta = if key == "_index.md" {
            Meta::Home
        } else {
            Meta::Section
        };
        pages.push(Page {
            file: root.join(CONTENT_DIR).join(&key),
            key,
            source: String::new(),
            body_start: 0,
            body_line: 1,
            title,
            description: None,
            draft: false,
            extra: Default::default(),
            meta,
            lang: None,
        });
    }
}

fn title_case(name: &str) -> String {
    let words: Vec<String> = name
        .split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    words.join(" ")
}

fn order_sections(
    pages: &[Page],
    problems: &mut Vec<Diagnostic>,
    check_days: bool,
) -> BTreeMap<String, Section> {
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    for (i, page) in pages.iter().enumerate() {
        if let Some(folder) = page.key.strip_suffix("/_index.md") {
            sections
                .entry(folder.to_owned())
                .or_insert_with(|| Section {
                    name: folder.into(),
                    index: i,
                    pages: vec![],
                })
                .index = i;
        }
    }
    for (i, page) in pages.iter().enumerate() {
        if crate::content::is_index(&page.key) {
            continue;
        }
        if let Some((folder, _)) = page.key.rsplit_once('/')
            && let Some(section) = sections.get_mut(folder)
        {
            section.pages.push(i);
        }
    }
    for section in sections.values_mut() {
        section.pages.sort_by(|&a, &b| {
            let (a, b) = (&pages[a], &pages[b]);
            sort_key(a)
                .cmp(&sort_key(b))
                .then_with(|| a.key.cmp(&b.key))
        });
    }
    if let Some(days) = sections.get("days").filter(|_| check_days) {
        check_day_numbers(pages, &days.pages, problems);
    }
    sections
}

fn sort_key(page: &Page) -> (i64, String) {
    match &page.meta {
        Meta::Day(d) => (i64::from(d.day), String::new()),
        Meta::Myth(m) => (m.order.unwrap_or(i64::MAX), String::new()),
        Meta::Message(m) => (m.order.unwrap_or(i64::MAX), String::new()),
        _ => (0, page.title.to_lowercase()),
    }
}

fn check_day_numbers(pages: &[Page], days: &[usize], problems: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<u32, &Page> = HashMap::new();
    for &i in days {
        let page = &pages[i];
        let Meta::Day(day) = &page.meta else { continue };
        let locate = |d: Diagnostic| match day.day_line {
            Some(line) => d.at(crate::diag::Position { line, column: 1 }, &page.source),
            None => d,
        };
        if day.day == 0 {
            problems.push(locate(Diagnostic::new(
                &page.file,
                "day numbers start at 1",
            )));
        } else if let Some(first) = seen.insert(day.day, page) {
            problems.push(locate(
                Diagnostic::new(&page.file, format!("day {} is also {}", day.day, first.key))
                    .hint("each day needs its own number: 1, 2, 3, ... with no gaps"),
            ));
        }
    }
    let max = seen.keys().copied().max().unwrap_or(0);
    // The error points at the first day after the gap (its `day:` line): that is the
    // number a coach mistyped or the file that came after a deleted one.
    let Some(first_missing) = (1..=max).find(|n| !seen.contains_key(n)) else {
        return;
    };
    let missing: Vec<String> = (first_missing..=max)
        .filter(|n| !seen.contains_key(n))
        .map(|n| n.to_string())
        .collect();
    let after = (first_missing..=max).find_map(|n| seen.get(&n).map(|p| (n, *p)));
    let Some((number, page)) = after else { return };
    let mut d = Diagnostic::new(
        &page.file,
        format!(
            "day {} is missing: this is day {number} (days go from 1 to {max} with no gaps)",
            missing.join(", ")
        ),
    )
    .hint("add the missing day or renumber the days from here on");
    if let Meta::Day(day) = &page.meta
        && let Some(line) = day.day_line
    {
        d = d.at(crate::diag::Position { line, column: 1 }, &page.source);
    }
    problems.push(d);
}

fn check_anchors(pages: &[Resolved], problems: &mut Vec<Diagnostic>) {
    for page in pages {
        for anchor in &page.rendered.anchors {
            let target = &pages[anchor.page];
            let ids = &target.rendered.toc;
            if ids.iter().any(|h| h.id == anchor.anchor) {
                continue;
            }
            let near = closest(&anchor.anchor, ids.iter().map(|h| h.id.as_str()));
            let hint = match near {
                Some(near) => format!("did you mean #{near}?"),
                None if ids.is_empty() => format!("{} has no headings to link to", target.page.key),
                None => format!(
                    "headings there: {}",
                    ids.iter()
                        .map(|h| format!("#{}", h.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                Diagnostic::new(
                    &page.page.file,
                    format!("no heading `#{}` in {}", anchor.anchor, target.page.key),
                )
                .at(anchor.position, &page.page.source)
                .hint(hint),
            );
        }
    }
}
