//! `site.yaml`: strict keys, the base URL and its override, the menu, theme variables.

use reachout::BuildOptions;

use crate::support::{assert_at, fixture, hint};

#[test]
fn misspelled_key_suggests_the_closest_key() {
    let d = fixture("unknown-config-key").problem();
    assert_at(&d, "site.yaml", 2, 1);
    assert!(d.message.contains("`descripton`"), "{d}");
    assert!(hint(&d).contains("did you mean `description`?"), "{d}");
}

#[test]
fn base_url_from_site_yaml_prefixes_every_link() {
    let site = fixture("base-url-in-site-yaml");
    site.build();
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/reach-out/"]
    );
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://coach.github.io/reach-out/about/</loc>")
    );
}

#[test]
fn base_url_option_overrides_site_yaml() {
    let site = fixture("base-url-in-site-yaml");
    site.build_ok(BuildOptions {
        base_url: Some("https://reach-out.example.com/".into()),
        ..site.options()
    });
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/"]
    );
    assert!(
        site.output("sitemap.xml")
            .contains("<loc>https://reach-out.example.com/about/</loc>")
    );
}

#[test]
fn base_url_without_scheme_is_an_error_at_its_line() {
    let d = fixture("invalid-base-url").problem();
    assert_at(&d, "site.yaml", 2, 1);
    assert!(
        d.message.contains("https://"),
        "the message shows the expected form: {d}"
    );
    hint(&d);
}

#[test]
fn broken_menu_link_points_at_its_line_in_site_yaml() {
    let d = fixture("menu-with-broken-link").problem();
    assert_eq!(d.file, std::path::Path::new("site.yaml"), "{d}");
    assert!(d.message.contains("@/days/_index.md"), "{d}");
    // Line 4: `  - { name: "Days", url: "@/days/_index.md" }`
    assert_eq!(
        d.position.map(|p| p.line),
        Some(4),
        "the menu entry's line:\n{d}"
    );
    hint(&d);
}

#[test]
fn css_vars_from_site_yaml_reach_vars_css() {
    let site = fixture("css-vars-in-site-yaml");
    site.build();
    let css = site.output("css/vars.css");
    // Minified or not, the override is there and comes last, so it wins.
    let css = css.replace([' ', '\n', ';'], "");
    assert!(css.ends_with("--accent:#7a3e9d}"), "{css}");
}

#[test]
fn every_link_in_site_yaml_is_checked_by_one_rule() {
    let site = fixture("one-of-each-kind");
    site.write(
        "site.yaml",
        "title: \"T\"\nmenu:\n  - { name: \"X\", url: \"javascript:alert(1)\" }\nauthor:\n  name: \"A\"\n  url: \"data:text/html,hi\"\n  cta: { label: \"Book\", url: \"https://user:pw@example.com/\" }\nbrand:\n  social:\n    - { name: \"S\", url: \"data:text/html,x\" }\n",
    );
    let problems = site.problems();
    let text: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(problems.len(), 4, "{text:#?}");
    assert_at(&problems[0], "site.yaml", 3, 24);
    for (d, key) in problems.iter().zip([
        "`menu` entry",
        "`author.url`",
        "`author.cta.url`",
        "`brand.social`",
    ]) {
        assert!(d.message.contains(key), "{d}");
        assert!(d.position.is_some(), "{d}");
    }
}

#[test]
fn a_base_url_with_a_newline_quotes_or_credentials_is_refused() {
    for bad in [
        "\"/a\\nb/\"",
        "\"https://example.com/a\\\"b/\"",
        "\"https://user:pw@example.com/\"",
        "\"https://exa<mple.com/\"",
    ] {
        let site = fixture("one-of-each-kind");
        site.write("site.yaml", &format!("title: \"T\"\nbase_url: {bad}\n"));
        let d = site.problem();
        assert!(d.message.contains("base_url"), "{bad}: {d}");
        assert_at(&d, "site.yaml", 2, 1);
    }
}
