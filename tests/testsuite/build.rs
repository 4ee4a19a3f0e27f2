//! The page set: pretty URLs, section listings and their order, day navigation, the base path,
//! and the site-level files (404, sitemap, robots.txt, .nojekyll, CNAME).

use reachout::BuildOptions;
use scraper::Html;

use crate::support::{fixture, selector};

const BASE_URL: &str = "https://coach.github.io/reach-out/";

#[test]
fn every_page_gets_a_pretty_url() {
    let site = fixture("one-of-each-kind");
    site.build();
    for (source, output) in [
        ("content/_index.md", "index.html"),
        ("content/about.md", "about/index.html"),
        ("content/days/_index.md", "days/index.html"),
        ("content/days/day-1.md", "days/day-1/index.html"),
        ("content/days/day-3.md", "days/day-3/index.html"),
        ("content/myths/too-long.md", "myths/too-long/index.html"),
        (
            "content/messages/catch-up.md",
            "messages/catch-up/index.html",
        ),
    ] {
        assert!(
            site.has_output(output),
            "{source} should be built to {output}"
        );
    }
    for not_pretty in ["days/day-1.html", "about.html", "days/day-1.md", "about.md"] {
        assert!(
            !site.has_output(not_pretty),
            "{not_pretty} should not be written"
        );
    }
}

#[test]
fn days_are_listed_by_day_number_not_file_name() {
    // alpha.md is day 3, bravo.md day 1, charlie.md day 2.
    let site = fixture("sections-ordered-by-front-matter");
    site.build();
    let days = site.main("days/index.html").links_under("/days/");
    assert_eq!(days, ["/days/bravo/", "/days/charlie/", "/days/alpha/"]);
}

#[test]
fn myths_and_messages_are_listed_by_order() {
    let site = fixture("sections-ordered-by-front-matter");
    site.build();
    let myths = site.main("myths/index.html").links_under("/myths/");
    assert_eq!(
        myths,
        ["/myths/b-first/", "/myths/c-second/", "/myths/a-third/"]
    );
    let messages = site.main("messages/index.html").links_under("/messages/");
    assert_eq!(
        messages,
        [
            "/messages/c-first/",
            "/messages/a-second/",
            "/messages/b-third/"
        ]
    );
}

#[test]
fn section_page_is_generated_when_index_md_is_missing() {
    let site = fixture("section-without-index-page");
    site.build();
    let main = site.main("myths/index.html");
    assert_eq!(
        main.texts("h1"),
        ["Myths"],
        "title made from the folder name"
    );
    assert_eq!(
        main.links_under("/myths/"),
        ["/myths/first-myth/", "/myths/second-myth/"]
    );
}

#[test]
fn days_link_to_the_previous_and_next_day() {
    let site = fixture("one-of-each-kind");
    site.build();
    let first = site.main("days/day-1/index.html");
    assert!(
        first.select("a[rel=prev]").is_empty(),
        "day 1 has no previous day"
    );
    assert_eq!(first.attrs("a[rel=next]", "href"), ["/days/day-2/"]);

    let middle = site.main("days/day-2/index.html");
    assert_eq!(middle.attrs("a[rel=prev]", "href"), ["/days/day-1/"]);
    assert_eq!(middle.attrs("a[rel=next]", "href"), ["/days/day-3/"]);

    let last = site.main("days/day-3/index.html");
    assert_eq!(last.attrs("a[rel=prev]", "href"), ["/days/day-2/"]);
    assert!(
        last.select("a[rel=next]").is_empty(),
        "the last day has no next day"
    );
}

#[test]
fn home_lists_the_days_in_order() {
    let site = fixture("sections-ordered-by-front-matter");
    site.build();
    let main = site.main("index.html");
    assert_eq!(
        main.links_under("/days/"),
        ["/days/bravo/", "/days/charlie/", "/days/alpha/"]
    );
    let titles = main.texts("a[href^='/days/'][href$='/']");
    assert!(
        titles.iter().any(|t| t.contains("Day titled bravo")),
        "{titles:?}"
    );
}

fn build_under_base_path() -> crate::support::Site {
    let site = fixture("one-of-each-kind");
    site.build_ok(BuildOptions {
        base_url: Some(BASE_URL.into()),
        ..site.options()
    });
    site
}

/// Where a link in a site published at BASE_URL may point.
fn stays_under_base(url: &str) -> bool {
    url.starts_with("/reach-out/")
        || url.starts_with('#')
        || url.starts_with("mailto:")
        || url.starts_with(BASE_URL)
        // The theme's `<link rel="icon" href="data:,">` (no favicon request) is not a path.
        || url.starts_with("data:")
}

#[test]
fn with_a_base_url_every_href_and_src_carries_the_base_path() {
    let site = build_under_base_path();
    let mut checked = 0;
    let mut pages = Vec::new();
    let mut wrong = Vec::new();
    for (path, bytes) in crate::support::tree(&site.out()) {
        if !path.ends_with(".html") {
            continue;
        }
        pages.push(path.clone());
        let doc = Html::parse_document(&String::from_utf8(bytes).expect("HTML is UTF-8"));
        for element in doc.select(&selector("[href], [src]")) {
            for attr in ["href", "src"] {
                if let Some(url) = element.value().attr(attr) {
                    checked += 1;
                    if !stays_under_base(url) {
                        wrong.push(format!("{path}: {attr}=\"{url}\""));
                    }
                }
            }
        }
    }
    for page in [
        "index.html",
        "404.html",
        "about/index.html",
        "days/day-1/index.html",
    ] {
        assert!(
            pages.iter().any(|p| p == page),
            "{page} not walked: {pages:?}"
        );
    }
    assert!(checked > 0, "no links found; is the walk broken?");
    assert!(
        wrong.is_empty(),
        "links that leave /reach-out/:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn with_a_base_url_links_written_in_markdown_get_the_base_path() {
    let site = build_under_base_path();
    // about.md links to `/` and to `@/myths/too-long.md#why-it-works`.
    let hrefs = site.main("about/index.html").attrs(".prose a", "href");
    assert_eq!(
        hrefs,
        ["/reach-out/", "/reach-out/myths/too-long/#why-it-works"]
    );
}

#[test]
fn not_found_page_carries_the_base_path() {
    let site = build_under_base_path();
    let doc = Html::parse_document(&site.output("404.html"));
    let css: Vec<&str> = doc
        .select(&selector("link[rel=stylesheet]"))
        .filter_map(|e| e.value().attr("href"))
        .collect();
    assert!(!css.is_empty(), "404.html links no stylesheet");
    for href in css {
        assert!(
            href.starts_with("/reach-out/css/"),
            "404.html stylesheet {href}"
        );
    }
    let links = site.main("404.html").attrs("a[href]", "href");
    assert!(
        links.contains(&"/reach-out/".to_owned()),
        "no way home from 404: {links:?}"
    );
    for href in links {
        assert!(href.starts_with("/reach-out/"), "404.html link {href}");
    }
}

#[test]
fn sitemap_lists_pages_with_absolute_urls() {
    let site = build_under_base_path();
    let sitemap = site.output("sitemap.xml");
    for loc in [
        BASE_URL,
        "https://coach.github.io/reach-out/days/day-1/",
        "https://coach.github.io/reach-out/about/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>{loc}</loc>")),
            "{loc} missing:\n{sitemap}"
        );
    }
    assert!(
        !sitemap.contains("404"),
        "the 404 page is not for search engines:\n{sitemap}"
    );
}

#[test]
fn robots_txt_points_to_the_sitemap() {
    let site = build_under_base_path();
    let robots = site.output("robots.txt");
    assert!(
        robots.contains("Sitemap: https://coach.github.io/reach-out/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn nojekyll_is_written_for_github_pages() {
    let site = fixture("one-of-each-kind");
    site.build();
    assert!(site.has_output(".nojekyll"));
}

#[test]
fn cname_is_written_only_when_set() {
    let without = fixture("one-of-each-kind");
    without.build();
    assert!(
        !without.has_output("CNAME"),
        "no `cname:` in site.yaml, so no CNAME file"
    );

    let with = fixture("custom-domain-cname");
    with.build();
    assert_eq!(with.output("CNAME"), "coach.example.com\n");
}

#[test]
fn summary_names_each_kind_of_page() {
    let site = fixture("one-of-each-kind");
    let summary = site.build().to_string();
    // "N pages (1 home, 3 days, ...), N files in N ms": the kinds are in the brackets.
    let kinds = summary
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(kinds, _)| kinds)
        .unwrap_or_else(|| panic!("no list of kinds in: {summary}"));
    for kind in ["home", "section", "day", "myth", "message", "page"] {
        assert!(kinds.contains(kind), "`{kind}` missing from: {summary}");
    }
}

#[test]
fn blanks_in_a_message_are_highlighted() {
    let site = fixture("one-of-each-kind");
    site.build();
    let main = site.main("messages/catch-up/index.html");
    assert_eq!(
        main.attrs(".blank", "data-blank"),
        ["name", "what you worked on together"]
    );
    assert!(!main.html().contains("{name}"), "{}", main.html());
}
