//! Where templates and static files come from, file by file: the site's `templates/` and
//! `static/`, then the site's `themes/NAME/` folder, then the built-in theme NAME, then the
//! built-in default theme.

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
fn theme_folder_on_disk_replaces_the_built_in_files_it_has() {
    let site = fixture("local-theme-folder");
    site.build();
    assert_eq!(
        site.main("index.html").texts("p.local-theme"),
        ["Home from the theme folder on disk"]
    );
    let own = fixtures_dir().join("local-theme-folder/themes/default/static/css/style.css");
    assert_eq!(site.output("css/style.css"), read(&own));
    // The folder has no vars.css template: the built-in theme's is used.
    assert!(site.output("css/vars.css").contains("--accent"));
}

#[test]
fn unknown_theme_is_an_error_that_lists_the_available_themes() {
    let d = fixture("unknown-theme").problem();
    assert_eq!(d.file, Path::new("site.yaml"), "{d}");
    assert!(d.message.contains("`fancy`"), "{d}");
    assert_eq!(
        d.position.map(|p| p.line),
        Some(2),
        "points at `theme:`: {d}"
    );
    assert!(hint(&d).contains("default, paper"), "{d}");
    assert!(hint(&d).contains("themes/fancy/"), "{d}");
}

#[test]
fn theme_paper_is_built_in_and_needs_no_themes_folder() {
    let site = fixture("theme-paper-without-themes-folder");
    assert!(!site.path("themes").exists());
    site.build();
    let home = scraper::Html::parse_document(&site.output("index.html"));
    let sheets: Vec<&str> = home
        .select(&selector(r#"link[rel="stylesheet"]"#))
        .filter_map(|l| l.value().attr("href"))
        .collect();
    assert_eq!(
        sheets,
        ["/css/vars.css", "/css/style.css", "/css/paper-days.css"]
    );
    assert_eq!(
        home.select(&selector("body.paper header.masthead")).count(),
        1
    );
    assert!(site.output("css/paper-days.css").contains(".day-marker"));
    // paper's own vars.css replaces the default's palette and carries the masthead.
    assert!(site.output("css/vars.css").contains(".masthead-inner"));
    // The timeline and the worksheet are paper's templates ...
    let main = site.main("index.html");
    assert_eq!(main.texts("ol.timeline .day-marker"), ["1", "2"]);
    let day = site.main("days/day-1/index.html");
    assert_eq!(day.texts(".worksheet .day-numeral"), ["1"]);
    assert_eq!(day.attrs("li.task", "data-task-id"), ["first", "second"]);
    // ... and the pages paper leaves out are the default theme's, inside paper's base.html.
    let about = scraper::Html::parse_document(&site.output("about/index.html"));
    assert_eq!(
        about.select(&selector("body.paper article.page")).count(),
        1
    );
    assert!(
        site.has_output("js/tracker.js"),
        "the default theme's scripts"
    );
}

#[test]
fn theme_folder_with_one_template_falls_back_to_default_for_the_rest() {
    let site = fixture("theme-folder-with-only-base-template");
    site.build();
    // The default theme's home.html and day.html extend the folder's base.html.
    for page in ["index.html", "days/day-1/index.html", "404.html"] {
        let doc = scraper::Html::parse_document(&site.output(page));
        assert_eq!(
            doc.select(&selector("body.mine-base")).count(),
            1,
            "{page} uses themes/mine/templates/base.html"
        );
        assert!(doc.select(&selector("header.site-header")).next().is_none());
    }
    let main = site.main("index.html");
    assert_eq!(main.texts("ol.day-list .day-num"), ["Day 1", "Day 2"]);
    let day = site.main("days/day-1/index.html");
    assert_eq!(day.texts(".day .eyebrow"), ["Day 1 of 2"]);
    // Static files and the *.css templates are the default theme's.
    assert!(
        site.output("css/style.css")
            .contains("Reach Out default theme")
    );
    assert!(site.output("css/vars.css").contains("--accent: #0e6b6b"));
    assert!(!site.has_output("css/paper-days.css"));
}

#[test]
fn site_base_template_wins_over_the_built_in_themes() {
    let site = fixture("theme-paper-site-base-wins");
    site.build();
    let day = scraper::Html::parse_document(&site.output("days/day-1/index.html"));
    assert_eq!(day.select(&selector("body.site-base")).count(), 1);
    // The content is still paper's day.html.
    assert_eq!(day.select(&selector(".worksheet .day-numeral")).count(), 1);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}
