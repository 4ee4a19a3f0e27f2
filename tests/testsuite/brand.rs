//! `brand:` in site.yaml: logo, photo, colours, fonts, links, social, call to action, icons,
//! and the contrast checks on the coach's colours.

use reachout::BuildOptions;
use scraper::{Html, Selector};

use crate::support::{Site, assert_at, fixture, hint};

/// Builds `site` for `https://coach.github.io/reach-out/` and parses the home page.
fn build_under_subpath(site: &Site) -> Html {
    site.build_ok(BuildOptions {
        base_url: Some("https://coach.github.io/reach-out/".into()),
        ..site.options()
    });
    Html::parse_document(&site.output("index.html"))
}

/// The `attr` of every element matching `css`.
fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("valid selector");
    html.select(&selector)
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

/// The text of every element matching `css`.
fn texts(html: &Html, css: &str) -> Vec<String> {
    let selector = Selector::parse(css).expect("valid selector");
    html.select(&selector)
        .map(|e| e.text().collect::<String>().trim().to_owned())
        .collect()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
    (be(16), be(20))
}

#[test]
fn every_brand_key_reaches_the_pages_under_the_base_path() {
    let site = fixture("brand-every-key");
    let home = build_under_subpath(&site);
    assert_eq!(
        attrs(&home, "header .site-logo", "src"),
        ["/reach-out/img/logo.png"]
    );
    assert_eq!(attrs(&home, "header .site-logo", "alt"), [""]);
    assert_eq!(
        attrs(&home, "main img.coach-photo", "src"),
        ["/reach-out/coach.png"]
    );
    assert_eq!(attrs(&home, "main img.coach-photo", "alt"), ["Ana Coach"]);
    assert_eq!(
        attrs(&home, "header a.header-cta", "href"),
        ["https://ana.example.com/book"]
    );
    assert_eq!(texts(&home, "header a.header-cta"), ["Book a call"]);
    assert_eq!(
        attrs(&home, "footer .footer-links:not(.social-links) a", "href"),
        ["/reach-out/privacy/", "mailto:ana@example.com"]
    );
    assert_eq!(
        texts(&home, "footer .social-links a"),
        ["LinkedIn", "Mastodon"]
    );
    assert_eq!(attrs(&home, "footer .social-links a", "rel"), ["me", "me"]);
    // The logo stands in for every icon and the share image, which is absolute.
    assert_eq!(
        attrs(&home, "link[rel=icon]", "href"),
        ["/reach-out/img/logo.png"]
    );
    assert_eq!(
        attrs(&home, "link[rel=apple-touch-icon]", "href"),
        ["/reach-out/img/logo.png"]
    );
    assert_eq!(
        attrs(&home, "meta[property='og:image']", "content"),
        ["https://coach.github.io/reach-out/img/logo.png"]
    );
    assert_eq!(
        attrs(&home, "meta[property='og:image:alt']", "content"),
        ["Ana Coach logo"]
    );
    assert!(site.has_output("img/logo.png") && site.has_output("coach.png"));
    // A day page has the same header and footer.
    let day = Html::parse_document(&site.output("days/day-1/index.html"));
    assert_eq!(texts(&day, "header a.header-cta"), ["Book a call"]);

    let css = site.output("css/vars.css");
    for expected in [
        "--accent: #7a3e9d;",
        "--on-accent: #ffffff;",
        "--accent-text: #7a3e9d;",
        "--font-body: Georgia, \"Times New Roman\", serif;",
        "--font-heading: \"Trebuchet MS\", Helvetica, sans-serif;",
        "--accent: #d8a7f0;",
        "--on-accent: #000000;",
    ] {
        assert!(
            css.contains(expected),
            "{expected} missing from vars.css:\n{css}"
        );
    }
    // The dark accent sits inside the dark-scheme block.
    let dark = css
        .rfind("prefers-color-scheme: dark")
        .expect("a dark block");
    assert!(css[dark..].contains("--accent: #d8a7f0;"), "{css}");
}

#[test]
fn without_a_logo_the_built_in_icons_are_used_under_the_base_path() {
    let site = fixture("one-of-each-kind");
    site.build_ok(BuildOptions {
        base_url: Some("/reach-out/".into()),
        ..site.options()
    });
    let home = Html::parse_document(&site.output("index.html"));
    assert_eq!(
        attrs(&home, "link[rel=icon]", "href"),
        [
            "/reach-out/icons/favicon-32.png",
            "/reach-out/icons/icon.svg"
        ]
    );
    // No host known: the share image is a path under the base path.
    assert_eq!(
        attrs(&home, "meta[property='og:image']", "content"),
        ["/reach-out/icons/og-image.png"]
    );
    assert_eq!(
        attrs(&home, "meta[name='twitter:image']", "content"),
        ["/reach-out/icons/og-image.png"]
    );
    assert_eq!(
        attrs(&home, "meta[property='og:image:alt']", "content"),
        ["Test challenge"]
    );
    assert!(
        attrs(&home, "link[rel=icon]", "href")
            .iter()
            .all(|h| !h.starts_with("data:"))
    );
    for (file, size) in [
        ("favicon-32.png", (32, 32)),
        ("icon-192.png", (192, 192)),
        ("icon-512.png", (512, 512)),
        ("icon-maskable-512.png", (512, 512)),
        ("apple-touch-icon.png", (180, 180)),
        ("og-image.png", (1200, 630)),
    ] {
        let bytes = std::fs::read(site.out().join("icons").join(file)).expect(file);
        assert_eq!(png_size(&bytes), size, "{file}");
    }
    assert!(site.output("icons/icon.svg").starts_with("<svg"));
}

#[test]
fn missing_logo_file_is_an_error_at_its_line() {
    let d = fixture("brand-logo-missing").problem();
    assert_at(&d, "site.yaml", 4, 9);
    assert!(d.message.contains("static/logo.png"), "{d}");
    assert!(d.message.contains("does not exist"), "{d}");
    assert!(hint(&d).contains("static/logo.png"), "{d}");
}

#[test]
fn logo_outside_static_and_content_is_an_error() {
    let site = fixture("brand-logo-missing");
    site.write("logo.png", "not really");
    site.write(
        "site.yaml",
        "title: \"Test challenge\"\nbrand:\n  logo: logo.png\n",
    );
    let d = site.problem();
    assert_at(&d, "site.yaml", 3, 9);
    assert!(hint(&d).contains("static/"), "{d}");
}

#[test]
fn invalid_colour_is_an_error_at_its_value() {
    let d = fixture("brand-invalid-colour").problem();
    assert_at(&d, "site.yaml", 4, 13);
    assert!(d.message.contains("brand.colors.accent"), "{d}");
    assert!(d.message.contains("#7a3e9"), "{d}");
    assert!(hint(&d).contains("hex colour"), "{d}");
}

#[test]
fn unquoted_colour_is_caught_although_yaml_reads_it_as_a_comment() {
    let site = fixture("brand-invalid-colour");
    site.write(
        "site.yaml",
        "title: T\nbrand:\n  colors:\n    dark: { background: \"#101010\", text: \"white\" }\n    accent: #ffd400\n",
    );
    let problems = site.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_at(&problems[0], "site.yaml", 5, 5);
    assert!(problems[0].message.contains("comment"), "{}", problems[0]);
    assert_at(&problems[1], "site.yaml", 4, 42);
    assert!(problems[1].message.contains("`white`"), "{}", problems[1]);
}

#[test]
fn low_contrast_accent_warns_and_links_use_a_readable_shade() {
    let site = fixture("brand-low-contrast-accent");
    let result = site.run(&["build"]);
    assert_eq!(result.code, 0, "the build still succeeds: {result:?}");
    let warning = &result.stderr;
    assert!(
        warning.starts_with(
            "warning: accent #ffd400 has 1.35:1 contrast on the light background #faf8f5"
        ),
        "{warning}"
    );
    assert!(warning.contains("--> site.yaml:5:13"), "{warning}");
    assert!(!warning.contains("error"), "{warning}");
    let css = site.output("css/vars.css");
    assert!(css.contains("--accent: #ffd400;"), "{css}");
    assert!(
        css.contains("--on-accent: #000000;"),
        "black reads best on yellow:\n{css}"
    );
    let light = &css[css.find("/* Brand").expect("brand block")..];
    let light = &light[..light.find("@media").expect("dark block after it")];
    assert!(!light.contains("--accent-text: #ffd400;"), "{css}");
    // The shade links use is named in the warning and is what vars.css sets.
    let shade = warning
        .split("links and outlines use ")
        .nth(1)
        .and_then(|rest| rest.get(..7))
        .expect("the warning names the shade");
    assert!(
        light.contains(&format!("--accent-text: {shade};")),
        "{shade}\n{css}"
    );
}
