//! The view model templates see: the theme API. Small, documented in the book's "The template context" (docs/src/themes/template-context.md), and built
//! from the resolved site so internal structs can change without breaking themes.

pub mod brand;
pub mod pager;
pub mod switcher;
pub mod tracker;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::config::{Author, Extra, MenuItem, Tracker};
use crate::content::{Channel, Meta, Step};
use crate::i18n::Strings;
use crate::markdown::{Heading, Task};
use crate::resolve::{Resolved, Site};
use switcher::Languages;
pub use tracker::{PEOPLE_TEMPLATE, TrackerData};

/// `site`: the same for every page.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    dir: &'static str,
    base_url: &'a str,
    base_path: &'a str,
    home_url: &'a str,
    author: &'a Author,
    menu: &'a [MenuItem],
    tracker: &'a Tracker,
    extra: &'a Extra,
    generator: &'static str,
    brand: brand::BrandView,
    icons: brand::Icons,
    tracker_data: &'a str,
    tracker_words: &'a str,
    tracker_data_url: &'a str,
    days: Vec<ListItem<'a>>,
    myths: Vec<ListItem<'a>>,
    messages: Vec<ListItem<'a>>,
    sections: BTreeMap<&'static str, Option<SectionLink<'a>>>,
    /// How many entries of each list the home page shows (`site.days[:site.home_list_size]`).
    home_list_size: usize,
}

/// A link to a section.
#[derive(Debug, Serialize)]
pub struct SectionLink<'a> {
    title: &'a str,
    url: &'a str,
}

/// A page as listed on other pages: everything but its content.
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    title: &'a str,
    url: &'a str,
    description: Option<&'a str>,
    day: Option<u32>,
    goal: Option<&'a str>,
    minutes: Option<u32>,
    summary: Option<&'a str>,
    myth: Option<&'a str>,
    reframe: Option<&'a str>,
    situation: Option<&'a str>,
    channel: Option<Channel>,
    tags: Option<&'a [String]>,
    task_count: Option<usize>,
}

/// `page`: the page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    kind: &'static str,
    title: &'a str,
    description: &'a str,
    url: String,
    permalink: String,
    content: &'a str,
    toc: &'a [Heading],
    extra: &'a Extra,
    day: Option<DayView<'a>>,
    myth: Option<MythView<'a>>,
    message: Option<MessageView<'a>>,
    section: Option<SectionView<'a>>,
    language: &'a str,
    translations: Vec<Translation<'a>>,
    tracker_days: Option<String>,
}

/// One entry of `page.translations`: this page in one of the site's languages.
#[derive(Debug, Serialize)]
pub struct Translation<'a> {
    code: &'a str,
    name: &'a str,
    url: String,
    permalink: String,
    current: bool,
    written: bool,
}

/// `page.day`.
#[derive(Debug, Serialize)]
pub struct DayView<'a> {
    number: u32,
    goal: &'a str,
    minutes: Option<u32>,
    summary: Option<&'a str>,
    tasks: &'a [Task],
    prev: Option<ListItem<'a>>,
    next: Option<ListItem<'a>>,
    total: usize,
}

/// `page.myth`.
#[derive(Debug, Serialize)]
pub struct MythView<'a> {
    myth: &'a str,
    reframe: &'a str,
}

/// `page.message`.
#[derive(Debug, Serialize)]
pub struct MessageView<'a> {
    situation: &'a str,
    channel: Option<Channel>,
    subject: Option<&'a str>,
    tags: &'a [String],
    step: Option<Step>,
}

/// `page.section`.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    name: &'a str,
    /// The entries of this part of the section's list (all of them when it has one part).
    pages: Vec<ListItem<'a>>,
    /// Where this part is among the others; none when the section fits on one page.
    pager: Option<pager::Pager>,
}

/// Builds `site`.
pub fn site<'a>(site: &'a Site, strings: &Strings, tracker: &'a TrackerData) -> SiteView<'a> {
    let list = |name| site.section_pages(name).map(list_item).collect();
    let link = |name: &'static str| {
        let section = site.sections.get(name).map(|s| {
            let page = &site.pages[s.index];
            SectionLink {
                title: &page.page.title,
                url: &page.url,
            }
        });
        (name, section)
    };
    let c = &site.config;
    let (brand, icons) = brand::view(&c.brand, &c.author, &c.title, &site.base);
    SiteView {
        title: &site.config.title,
        description: &site.config.description,
        language: &site.config.language,
        dir: strings.dir(),
        base_url: &site.base.url,
        base_path: &site.base.path,
        home_url: &site.pages[site.home].url,
        author: &site.config.author,
        menu: &site.menu,
        tracker: &site.config.tracker,
        extra: &site.config.extra,
        generator: concat!("reachout ", env!("CARGO_PKG_VERSION")),
        brand,
        icons,
        tracker_data: &tracker.inline,
        tracker_words: &tracker.words,
        tracker_data_url: &tracker.url,
        days: list("days"),
        myths: list("myths"),
        messages: list("messages"),
        sections: ["days", "myths", "messages"]
            .into_iter()
            .map(link)
            .collect(),
        home_list_size: pager::HOME_LIST_SIZE,
    }
}

/// Builds a listing entry.
pub fn list_item(r: &Resolved) -> ListItem<'_> {
    let p = &r.page;
    let mut item = ListItem {
        title: &p.title,
        url: &r.url,
        description: p.description.as_deref(),
        day: None,
        goal: None,
        minutes: None,
        summary: None,
        myth: None,
        reframe: None,
        situation: None,
        channel: None,
        tags: None,
        task_count: None,
    };
    match &p.meta {
        Meta::Day(d) => {
            item.day = Some(d.day);
            item.goal = Some(&d.goal);
            item.minutes = d.minutes;
            item.summary = d.summary.as_deref();
            item.task_count = Some(r.rendered.tasks.len());
        }
        Meta::Myth(m) => {
            item.myth = Some(&m.myth);
            item.reframe = Some(&m.reframe);
        }
        Meta::Message(m) => {
            item.situation = Some(&m.situation);
            item.channel = m.channel;
            item.tags = Some(&m.tags);
        }
        _ => {}
    }
    item
}

/// Builds `page` for the page at `index`; `part` is the part of a section's list (from 1, see
/// [`pager`]), 1 for every other page.
pub fn page<'a>(
    site: &'a Site,
    index: usize,
    part: usize,
    languages: &'a Languages,
) -> PageView<'a> {
    let r = &site.pages[index];
    let p = &r.page;
    let kind = match &p.meta {
        Meta::Home => "home",
        Meta::Section => "section",
        Meta::Day(_) => "day",
        Meta::Myth(_) => "myth",
        Meta::Message(_) => "message",
        Meta::Page { .. } => "page",
    };
    let url = pager::url(&r.url, part);
    let translations = translations(site, r, &url, languages);
    let section = pager::section_name(site, index).map(|name| {
        let all = site.sections.get(name).map_or(&[][..], |s| &s.pages[..]);
        let parts = pager::parts(site, index);
        SectionView {
            name,
            pages: all[pager::range(part, all.len())]
                .iter()
                .map(|&i| list_item(&site.pages[i]))
                .collect(),
            pager: pager::pager(&r.url, part, parts),
        }
    });
    PageView {
        kind,
        title: &p.title,
        description: description(p, &site.config.description),
        permalink: permalink(site, &url),
        url,
        content: &r.rendered.html,
        toc: &r.rendered.toc,
        extra: &p.extra,
        day: match &p.meta {
            Meta::Day(d) => Some(DayView {
                number: d.day,
                goal: &d.goal,
                minutes: d.minutes,
                summary: d.summary.as_deref(),
                tasks: &r.rendered.tasks,
                prev: r.prev.map(|i| list_item(&site.pages[i])),
                next: r.next.map(|i| list_item(&site.pages[i])),
                total: site.sections.get("days").map_or(0, |s| s.pages.len()),
            }),
            _ => None,
        },
        myth: match &p.meta {
            Meta::Myth(m) => Some(MythView {
                myth: &m.myth,
                reframe: &m.reframe,
            }),
            _ => None,
        },
        message: match &p.meta {
            Meta::Message(m) => Some(MessageView {
                situation: &m.situation,
                channel: m.channel,
                subject: m.subject.as_deref(),
                tags: &m.tags,
                step: m.step,
            }),
            _ => None,
        },
        section,
        language: p
            .lang
            .as_deref()
            .unwrap_or(languages.main(&site.config.language)),
        translations,
        tracker_days: tracker::page_days(site, index, part),
    }
}

/// A page's own description, else what its kind says best in a line (a day's summary or goal, a
/// myth's reframe), else the site's: every theme gets the same fallback without a template rule.
fn description<'a>(p: &'a crate::content::Page, site: &'a str) -> &'a str {
    let fallback = match &p.meta {
        Meta::Day(d) => Some(d.summary.as_deref().unwrap_or(&d.goal)),
        Meta::Myth(m) => Some(m.reframe.as_str()),
        _ => None,
    };
    p.description
        .as_deref()
        .or(fallback.filter(|f| !f.trim().is_empty()))
        .unwrap_or(site)
}

/// The page in every language of the site (none when it has one): the switcher and `hreflang`.
/// `url` is the page's (a part of a long section's: every edition lists the same pages, so
/// has the same parts).
fn translations<'a>(
    site: &Site,
    r: &Resolved,
    url: &str,
    languages: &'a Languages,
) -> Vec<Translation<'a>> {
    // Every edition has every page at the same path under its own folder.
    let path = &url[(site.base.path.len() + site.prefix.len()).min(url.len())..];
    let written = languages.written_in.get(&r.page.key);
    languages.at(site, path, |l| {
        (
            l.code == site.code,
            written.is_some_and(|w| w.contains(&l.code)),
        )
    })
}

/// The 404 page's view: one page for the whole site, so its switcher leads to each language's
/// home page.
pub fn not_found<'a>(
    site: &'a Site,
    strings: &'a Strings,
    languages: &'a Languages,
) -> PageView<'a> {
    PageView {
        kind: "404",
        title: strings.text("notfound.title"),
        description: &site.config.description,
        url: site.base.path.clone(),
        permalink: permalink(site, &format!("{}404.html", site.base.path)),
        content: "",
        toc: &[],
        extra: &site.config.extra,
        day: None,
        myth: None,
        message: None,
        section: None,
        language: &site.config.language,
        translations: languages.at(site, "", |_| (false, true)),
        tracker_days: None,
    }
}

/// Absolute URL of a URL path, using the base URL's origin when it has one.
pub fn permalink(site: &Site, path: &str) -> String {
    let origin = site.base.url.strip_suffix(&site.base.path).unwrap_or("");
    format!("{origin}{path}")
}
