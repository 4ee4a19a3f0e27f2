//! The tracker's data (documented in docs/src/themes/tracker.md), split so that what a page
//! carries does not grow with the number of other pages: the site-wide lists (every day's
//! task ids, the message suggestions) go to one content-hashed file per language that
//! `tracker.js` fetches once and the service worker precaches; each page inlines the small
//! block its first paint needs, plus the days it shows (its own day, or all of them on the
//! pages that list them). Words split the same way: the file has them all, every page the few
//! any page may show, and pages with tracker hooks the words of their first paint.

use serde::Serialize;

use crate::config::Tracker;
use crate::content::{Channel, Meta, Step};
use crate::i18n::Strings;
use crate::output::pwa::digest;
use crate::resolve::{Resolved, Site};

/// Version of the inline block and of the data file.
const SCHEMA: u32 = 3;

/// The page that lists the visitor's people: the one rendered with the `people.html` template.
pub const PEOPLE_TEMPLATE: &str = "people.html";

/// What the tracker script reads from `<script type="application/json" id="reachout-data">`:
/// the same on every page of one language, and the same size whatever the site's size.
#[derive(Debug, Serialize)]
struct Inline<'a> {
    schema: u32,
    key: String,
    base_path: &'a str,
    site_title: &'a str,
    settings: &'a Tracker,
    people_url: Option<&'a str>,
    lang: &'a str,
    strings: serde_json::Value,
    /// URL of the data file.
    data_url: &'a str,
    /// How many days the challenge has, and their tasks in all: the progress a page shows
    /// before the data file is in.
    day_count: usize,
    task_count: usize,
}

/// The data file: what only pages that need every day or every message read, and every word
/// of the scripts.
#[derive(Debug, Serialize)]
struct File<'a> {
    schema: u32,
    days: Vec<TrackerDay<'a>>,
    messages: Vec<TrackerMessage<'a>>,
    strings: serde_json::Value,
}

/// One day as the tracker sees it; tasks are stored as `slug/task-id`.
#[derive(Debug, Serialize)]
struct TrackerDay<'a> {
    day: u32,
    slug: &'a str,
    url: &'a str,
    title: &'a str,
    goal: &'a str,
    minutes: Option<u32>,
    tasks: Vec<&'a str>,
}

/// A message example the people page can suggest for a step.
#[derive(Debug, Serialize)]
struct TrackerMessage<'a> {
    step: Step,
    url: &'a str,
    title: &'a str,
    channel: Option<Channel>,
}

/// One language's tracker data, made once per build.
#[derive(Debug)]
pub struct TrackerData {
    /// The inline block, safe inside a `<script>` element.
    pub inline: String,
    /// The words a page with tracker hooks adds for its first paint (`site.tracker_words`),
    /// safe inside a `<script type="application/json" data-strings>` element.
    pub words: String,
    /// The data file's URL (base path included), for `<link rel="preload">`.
    pub url: String,
    /// The data file's path in the output folder: `js/data-LANG.HASH.json`.
    pub path: String,
    /// The data file's bytes.
    pub file: Vec<u8>,
}

/// Builds the inline block and the data file of `site`'s language.
pub fn tracker_data(site: &Site, strings: &Strings) -> TrackerData {
    let days: Vec<TrackerDay<'_>> = site.section_pages("days").filter_map(day).collect();
    let messages = site
        .section_pages("messages")
        .filter_map(|r| match &r.page.meta {
            Meta::Message(m) => m.step.map(|step| TrackerMessage {
                step,
                url: &r.url,
                title: &r.page.title,
                channel: m.channel,
            }),
            _ => None,
        })
        .collect();
    let day_count = days.len();
    let task_count = days.iter().map(|d| d.tasks.len()).sum();
    let file = serde_json::to_vec(&File {
        schema: SCHEMA,
        days,
        messages,
        strings: strings.for_scripts(),
    })
    .unwrap_or_else(|_| b"{}".to_vec());
    // The name changes exactly when the bytes do, so a browser may cache it for good.
    let path = format!("js/data-{}.{}.json", site.code, digest(&file));
    let url = format!("{}{path}", site.base.path);
    let people_url = site.pages.iter().find_map(|r| match &r.page.meta {
        Meta::Page { template: Some(t) } if t == PEOPLE_TEMPLATE && !r.page.draft => {
            Some(r.url.as_str())
        }
        _ => None,
    });
    let tracker = &site.config.tracker;
    let inline = crate::text::script_safe(&Inline {
        schema: SCHEMA,
        key: tracker
            .namespace
            .clone()
            .unwrap_or_else(|| format!("reachout:{}", site.base.path)),
        base_path: &site.base.path,
        site_title: &site.config.title,
        settings: tracker,
        people_url,
        lang: &site.config.language,
        strings: strings.for_every_page(),
        data_url: &url,
        day_count,
        task_count,
    });
    TrackerData {
        inline,
        words: crate::text::script_safe(&strings.for_tracker_pages()),
        url,
        path,
        file,
    }
}

/// The days the page at `index` inlines (`<script type="application/json" id="reachout-days">`):
/// its own on a day page, all of them on the pages that list them (home, the days section),
/// none elsewhere.
pub fn page_days(site: &Site, index: usize, part: usize) -> Option<String> {
    let r = &site.pages[index];
    let all = site.sections.get("days").map_or(&[][..], |s| &s.pages[..]);
    // The days a page lists: the home page's first ones, one part of the days section.
    let listed = match &r.page.meta {
        Meta::Day(_) => return Some(crate::text::script_safe(&Vec::from_iter(day(r)))),
        Meta::Home => &all[..all.len().min(super::pager::HOME_LIST_SIZE)],
        Meta::Section if r.page.key.strip_suffix("/_index.md") == Some("days") => {
            &all[super::pager::range(part, all.len())]
        }
        _ => return None,
    };
    let days: Vec<TrackerDay<'_>> = listed.iter().filter_map(|&i| day(&site.pages[i])).collect();
    Some(crate::text::script_safe(&days))
}

fn day(r: &Resolved) -> Option<TrackerDay<'_>> {
    let Meta::Day(d) = &r.page.meta else {
        return None;
    };
    let file = r.page.key.rsplit('/').next().unwrap_or(&r.page.key);
    Some(TrackerDay {
        day: d.day,
        slug: file.strip_suffix(".md").unwrap_or(file),
        url: &r.url,
        title: &r.page.title,
        goal: &d.goal,
        minutes: d.minutes,
        tasks: r.rendered.tasks.iter().map(|t| t.id.as_str()).collect(),
    })
}
