//! Internal `@/` links: resolved to page URLs, anchors checked against headings, and every
//! broken link reported where it is written.

use reachout::BuildOptions;

use crate::support::{assert_at, fixture, hint};

#[test]
fn internal_link_becomes_the_page_url() {
    let site = fixture("internal-links");
    site.build();
    let hrefs = site.main("days/day-1/index.html").attrs(".prose a", "href");
    assert!(hrefs.contains(&"/days/day-2/".to_owned()), "{hrefs:?}");
    assert!(
        !hrefs.iter().any(|h| h.starts_with('@')),
        "unresolved link left in {hrefs:?}"
    );
}

#[test]
fn link_with_anchor_points_at_the_heading() {
    let site = fixture("internal-links");
    site.build();
    let hrefs = site.main("days/day-1/index.html").attrs(".prose a", "href");
    assert!(
        hrefs.contains(&"/myths/too-long/#why-it-works".to_owned()),
        "{hrefs:?}"
    );
    let target = site.main("myths/too-long/index.html");
    assert_eq!(target.texts("h2#why-it-works"), ["Why it works"]);
}

#[test]
fn broken_link_names_file_line_and_column() {
    let d = fixture("broken-internal-link").problem();
    // Line 6: `Read [the last day](@/days/day-9.md) first.`; column of the `[`.
    assert_at(&d, "content/about.md", 6, 6);
    assert!(d.message.contains("@/days/day-9.md"), "{d}");
    assert!(hint(&d).contains("@/"), "{d}");
}

#[test]
fn link_to_a_missing_heading_suggests_the_closest_one() {
    let d = fixture("broken-anchor").problem();
    assert_at(&d, "content/about.md", 5, 5);
    assert!(d.message.contains("#why-it-work"), "{d}");
    assert!(hint(&d).contains("#why-it-works"), "{d}");
}

#[test]
fn link_to_a_draft_says_it_is_a_draft() {
    let d = fixture("link-to-draft").problem();
    assert_at(&d, "content/about.md", 5, 6);
    assert!(d.message.contains("draft"), "{d}");
    assert!(d.message.contains("--drafts"), "{d}");
}

#[test]
fn link_to_a_draft_resolves_when_drafts_are_built() {
    let site = fixture("link-to-draft");
    site.build_ok(BuildOptions {
        drafts: true,
        ..site.options()
    });
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/secret/"]
    );
}
