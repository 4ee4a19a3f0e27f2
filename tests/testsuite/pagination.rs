//! A long section is split in parts of 50 entries (`SECTION/page/N/`) linked by a pager, and
//! the home page shows the first 30 entries of each list: a site of thousands of pages keeps
//! readable listing pages. The fixture is published under a project path
//! (`https://someone.github.io/project/`); each test adds the messages it needs.

use crate::support::{Site, fixture};

/// The fixture with `count` messages, built.
fn with_messages(count: usize) -> Site {
    let site = fixture("long-sections-under-a-project-path");
    for n in 1..=count {
        site.write(
            &format!("content/messages/m-{n:03}.md"),
            &format!(
                "---\ntitle: \"Message {n}\"\nsituation: \"Case {n}\"\norder: {n}\n---\n\nHi.\n"
            ),
        );
    }
    site.build();
    site
}

fn titles(site: &Site, rel: &str) -> Vec<String> {
    site.main(rel).texts(".message-item .card-title")
}

#[test]
fn a_section_of_120_entries_is_three_pages_of_50_50_and_20_in_order() {
    let site = with_messages(120);
    let parts = [
        "messages/index.html",
        "messages/page/2/index.html",
        "messages/page/3/index.html",
    ];
    let counts: Vec<usize> = parts.iter().map(|p| titles(&site, p).len()).collect();
    assert_eq!(counts, [50, 50, 20]);
    assert_eq!(titles(&site, parts[1])[0], "Message 51");
    assert_eq!(titles(&site, parts[2])[19], "Message 120");
    assert!(!site.has_output("messages/page/4/index.html"));
    // Part 1 lives at the section's address only: no second copy at page/1/.
    assert!(!site.has_output("messages/page/1/index.html"));
}

#[test]
fn prev_and_next_link_the_parts_under_the_base_path() {
    let site = with_messages(120);
    let first = site.main("messages/index.html");
    assert!(first.attrs("a[rel=prev]", "href").is_empty());
    assert_eq!(
        first.attrs("a[rel=next]", "href"),
        ["/project/messages/page/2/"]
    );
    let second = site.main("messages/page/2/index.html");
    assert_eq!(second.attrs("a[rel=prev]", "href"), ["/project/messages/"]);
    assert_eq!(
        second.attrs("a[rel=next]", "href"),
        ["/project/messages/page/3/"]
    );
    assert_eq!(second.texts(".list-pager-status"), ["Page 2 of 3"]);
    assert_eq!(second.texts("[aria-current=page]"), ["2"]);
    let last = site.main("messages/page/3/index.html");
    assert!(last.attrs("a[rel=next]", "href").is_empty());
    // Each part is its own document: its own canonical address and title.
    let html = site.output("messages/page/2/index.html");
    assert!(
        html.contains(
            r#"<link rel="canonical" href="https://someone.github.io/project/messages/page/2/">"#
        ),
        "{html}"
    );
    assert!(html.contains("<title>Messages (Page 2 of 3) · Long lists</title>"));
}

#[test]
fn the_sitemap_lists_every_part() {
    let site = with_messages(120);
    let sitemap = site.output("sitemap.xml");
    for part in ["messages/", "messages/page/2/", "messages/page/3/"] {
        let loc = format!("<loc>https://someone.github.io/project/{part}</loc>");
        assert!(sitemap.contains(&loc), "{loc} missing:\n{sitemap}");
    }
    assert!(!sitemap.contains("messages/page/4/"));
}

#[test]
fn a_section_that_fits_on_one_page_has_no_pager() {
    let site = with_messages(50);
    assert_eq!(titles(&site, "messages/index.html").len(), 50);
    assert!(
        site.main("messages/index.html")
            .select(".list-pager")
            .is_empty()
    );
    assert!(!site.has_output("messages/page/2/index.html"));
    assert!(!site.output("sitemap.xml").contains("/page/"));
}

#[test]
fn the_home_page_shows_the_first_30_messages_and_links_to_all() {
    let site = with_messages(120);
    let home = site.main("index.html");
    let listed = home.texts(".message-item .card-title");
    assert_eq!(listed.len(), 30);
    assert_eq!(listed[29], "Message 30");
    assert!(
        home.attrs(".more a", "href")
            .contains(&"/project/messages/".to_owned())
    );
}

#[test]
fn a_content_page_at_the_address_of_a_part_is_a_collision_naming_both() {
    let site = fixture("long-sections-under-a-project-path");
    for n in 1..=51 {
        site.write(
            &format!("content/messages/m-{n:03}.md"),
            &format!("---\ntitle: \"M {n}\"\nsituation: \"S\"\n---\n"),
        );
    }
    site.write(
        "content/messages/page/2.md",
        "---\ntitle: \"Two\"\nsituation: \"S\"\n---\n",
    );
    let text = site.problem().to_string();
    assert!(text.contains("both published at"), "{text}");
    assert!(
        text.contains("page/2.md") && text.contains("page 2 of the list"),
        "{text}"
    );
}

#[test]
fn each_language_has_the_same_parts_and_they_name_each_other() {
    let site = fixture("long-sections-under-a-project-path");
    site.write(
        "site.yaml",
        "title: \"Long lists\"\nbase_url: \"https://someone.github.io/project/\"\nminify: false\nlanguages:\n  es: { title: \"Listas largas\" }\n",
    );
    site.write(
        "content/messages/_index.es.md",
        "---\ntitle: \"Mensajes\"\n---\n",
    );
    for n in 1..=60 {
        site.write(
            &format!("content/messages/m-{n:03}.md"),
            &format!("---\ntitle: \"Message {n}\"\nsituation: \"Case {n}\"\norder: {n}\n---\n"),
        );
    }
    site.build();
    assert!(site.has_output("es/messages/page/2/index.html"));
    let html = site.output("messages/page/2/index.html");
    assert!(
        html.contains(
            r#"hreflang="es" href="https://someone.github.io/project/es/messages/page/2/""#
        ),
        "{html}"
    );
    let es = site.output("es/messages/page/2/index.html");
    assert!(
        es.contains(r#"hreflang="en" href="https://someone.github.io/project/messages/page/2/""#),
        "{es}"
    );
}
