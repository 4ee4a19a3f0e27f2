//! Section pages split into parts of [`PAGE_SIZE`] entries, so a section of 5,000 messages is
//! 100 readable pages and not one page of several megabytes: part 1 at the section's own
//! address, part N at `SECTION/page/N/`.

use serde::Serialize;

use crate::content::Meta;
use crate::resolve::Site;

/// Entries on one page of a section's list.
pub const PAGE_SIZE: usize = 50;

/// Entries of each list (days, myths, messages) on the home page; the rest are a link away.
pub const HOME_LIST_SIZE: usize = 30;

/// `page.section.pager`: where this part of a section's list is among the others.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// This part, from 1.
    number: usize,
    /// How many parts there are.
    count: usize,
    /// The previous part's URL, on every part but the first.
    prev: Option<String>,
    /// The next part's URL, on every part but the last.
    next: Option<String>,
    /// The parts worth a direct link: the first, the last and this one's neighbours.
    links: Vec<PagerLink>,
}

/// One numbered link of a [`Pager`].
#[derive(Debug, Serialize)]
pub struct PagerLink {
    number: usize,
    url: String,
    current: bool,
    /// Parts are left out between the one before and this one (print an ellipsis).
    gap_before: bool,
}

/// The section name of the page at `index`, when it is a section's page.
pub fn section_name(site: &Site, index: usize) -> Option<&str> {
    let page = &site.pages[index].page;
    matches!(page.meta, Meta::Section).then(|| page.key.strip_suffix("/_index.md").unwrap_or(""))
}

/// How many pages the page at `index` is published as: its section's parts, else 1.
pub fn parts(site: &Site, index: usize) -> usize {
    section_name(site, index)
        .and_then(|name| site.sections.get(name))
        .map_or(1, |s| s.pages.len().div_ceil(PAGE_SIZE).max(1))
}

/// URL path of part `number` of a section published at `url` (which ends in `/`).
pub fn url(url: &str, number: usize) -> String {
    if number <= 1 {
        url.to_owned()
    } else {
        format!("{url}page/{number}/")
    }
}

/// Output file of part `number` of a section written to `output` (`days/index.html`).
pub fn output(output: &str, number: usize) -> String {
    if number <= 1 {
        output.to_owned()
    } else {
        let folder = output.strip_suffix("index.html").unwrap_or(output);
        format!("{folder}page/{number}/index.html")
    }
}

/// The range of a section's entries on part `number` of `count` entries.
pub fn range(number: usize, count: usize) -> std::ops::Range<usize> {
    let start = (number.max(1) - 1) * PAGE_SIZE;
    start.min(count)..(start + PAGE_SIZE).min(count)
}

/// The pager of part `number` of `count` parts of the section at `base` (its URL); none when
/// the section fits on one page.
pub fn pager(base: &str, number: usize, count: usize) -> Option<Pager> {
    if count <= 1 {
        return None;
    }
    let mut shown: Vec<usize> = [1, number.saturating_sub(1), number, number + 1, count]
        .into_iter()
        .filter(|&n| (1..=count).contains(&n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    let mut before = 0;
    let links = shown
        .into_iter()
        .map(|n| {
            let link = PagerLink {
                number: n,
                url: url(base, n),
                current: n == number,
                gap_before: n > before + 1,
            };
            before = n;
            link
        })
        .collect();
    Some(Pager {
        number,
        count,
        prev: (number > 1).then(|| url(base, number - 1)),
        next: (number < count).then(|| url(base, number + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_addressed_under_the_section() {
        assert_eq!(url("/base/myths/", 1), "/base/myths/");
        assert_eq!(url("/base/myths/", 3), "/base/myths/page/3/");
        assert_eq!(output("myths/index.html", 3), "myths/page/3/index.html");
        assert_eq!(range(1, 120), 0..50);
        assert_eq!(range(3, 120), 100..120);
    }

    #[test]
    fn the_pager_links_the_ends_and_the_neighbours() {
        assert!(pager("/m/", 1, 1).is_none());
        let p = pager("/m/", 5, 9).expect("nine parts");
        let numbers: Vec<(usize, bool)> =
            p.links.iter().map(|l| (l.number, l.gap_before)).collect();
        assert_eq!(
            numbers,
            [(1, false), (4, true), (5, false), (6, false), (9, true)]
        );
        assert_eq!(p.prev.as_deref(), Some("/m/page/4/"));
        assert_eq!(p.next.as_deref(), Some("/m/page/6/"));
        let first = pager("/m/", 1, 2).expect("two parts");
        assert_eq!(first.prev, None);
        assert_eq!(first.next.as_deref(), Some("/m/page/2/"));
    }
}
