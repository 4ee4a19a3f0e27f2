//! Pages marked `draft: true` are left out unless drafts are asked for.

use reachout::BuildOptions;

use crate::support::fixture;

#[test]
fn drafts_are_left_out_by_default() {
    let site = fixture("draft-pages");
    site.build();
    assert!(site.has_output("about/index.html"));
    assert!(
        !site.has_output("upcoming/index.html"),
        "a draft page was built"
    );
    assert!(
        !site.has_output("myths/unfinished/index.html"),
        "a draft myth was built"
    );
    assert_eq!(
        site.main("myths/index.html").links_under("/myths/"),
        ["/myths/published/"]
    );
    assert!(!site.output("sitemap.xml").contains("upcoming"));
}

#[test]
fn drafts_are_built_with_the_drafts_option() {
    let site = fixture("draft-pages");
    site.build_ok(BuildOptions {
        drafts: true,
        ..site.options()
    });
    assert!(site.has_output("upcoming/index.html"));
    assert_eq!(
        site.main("myths/index.html").links_under("/myths/"),
        ["/myths/published/", "/myths/unfinished/"]
    );
}

#[test]
fn drafts_flag_of_the_cli_builds_drafts() {
    let site = fixture("draft-pages");
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(site.has_output("upcoming/index.html"));
}
