//! Where templates and static files come from: the site's `templates/` and `static/` override
//! the theme file by file; a `themes/default/` folder on disk replaces the embedded theme.

use std::path::Path;

use crate::support::{fixture, fixtures_dir, hint, selector};

#[test]
fn site_template_overrides_only_that_template() {
    let site = fixture("site-template-overrides-page");
    site.build();
    let about = site.main("about/index.html");
    assert_eq!(
        about.texts("p.site-override"),
        ["Rendered by the site's own page.html: About"]
    );
    // The override extends "base.html", which only the theme has.
    let doc = scraper::Html::parse_document(&site.output("about/index.html"));
    assert_eq!(
        doc.select(&selector("main#main")).count(),
        1,
        "base.html of the theme"
    );
    // The home page still uses the theme's home.html.
    let home = site.main("index.html");
    assert!(home.select("p.site-override").is_empty());
    assert_eq!(home.texts("h1"), ["Welcome"]);
}

#[test]
fn site_static_file_replaces_the_themes() {
    let site = fixture("site-static-replaces-theme-css");
    site.build();
    let own = std::fs::read_to_string(
        fixtures_dir().join("site-static-replaces-theme-css/static/css/style.css"),
    )
    .unwrap();
    assert_eq!(site.output("css/style.css"), own);
    // The theme's other files are still there.
    assert!(site.output("css/vars.css").contains("--accent"));
}

#[test]
fn theme_folder_on_disk_is_used_instead_of_the_embedded_theme() {
    let site = fixture("local-theme-folder");
    site.build();
    assert_eq!(
        site.main("index.html").texts("p.local-theme"),
        ["Home from the theme folder on disk"]
    );
    let own = fixtures_dir().join("local-theme-folder/themes/default/static/css/style.css");
    assert_eq!(site.output("css/style.css"), read(&own));
    assert!(
        !site.has_output("css/vars.css"),
        "nothing of the embedded theme should be mixed in"
    );
}

#[test]
fn unknown_theme_is_an_error() {
    let d = fixture("unknown-theme").problem();
    assert_eq!(d.file, Path::new("site.yaml"), "{d}");
    assert!(d.message.contains("`fancy`"), "{d}");
    assert!(hint(&d).contains("theme"), "{d}");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
