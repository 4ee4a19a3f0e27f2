//! Several content languages: `day-1.es.md` beside `day-1.md`, published under `/es/`, with a
//! switcher, hreflang links, the main language's pages standing in for untranslated ones, and
//! the tracker's ids and storage key the same in every language.

use scraper::Html;

use crate::support::{Site, fixture, hint, selector};

fn doc(site: &Site, rel: &str) -> Html {
    Html::parse_document(&site.output(rel))
}

fn attrs(doc: &Html, css: &str, attr: &str) -> Vec<String> {
    doc.select(&selector(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_owned))
        .collect()
}

fn data(doc: &Html) -> serde_json::Value {
    let block = doc
        .select(&selector("script#reachout-data"))
        .next()
        .expect("data block");
    serde_json::from_str(&block.inner_html()).expect("valid JSON")
}

#[test]
fn each_language_is_published_under_its_folder_with_its_own_words() {
    let site = fixture("two-languages");
    site.build();
    let es = doc(&site, "es/days/day-1/index.html");
    assert_eq!(attrs(&es, "html", "lang"), ["es"]);
    let title = es.select(&selector("title")).next().expect("title");
    assert_eq!(
        crate::support::text(&title),
        "Haz tu lista · Reconecta en una semana"
    );
    // Without a menu of its own, a language names each entry after the page it links to.
    let nav = es
        .select(&selector(".site-nav a"))
        .map(|a| {
            (
                a.value().attr("href").unwrap_or("").to_owned(),
                crate::support::text(&a),
            )
        })
        .collect::<Vec<_>>();
    assert_eq!(
        nav,
        [
            ("/es/days/".to_owned(), "Los días".to_owned()),
            ("/es/myths/".to_owned(), "Mitos".to_owned()),
            ("/es/people/".to_owned(), "Mi gente".to_owned()),
        ]
    );
    assert_eq!(attrs(&es, ".site-title", "href"), ["/es/"]);
    // Assets stay at the base path, once.
    assert_eq!(
        attrs(&es, "link[rel=stylesheet]", "href")[1],
        "/css/style.css"
    );
    assert!(!site.has_output("es/css/style.css"));
}

#[test]
fn the_switcher_and_hreflang_link_the_same_page_in_each_language() {
    let site = fixture("two-languages");
    let summary = site.build().to_string();
    assert!(
        summary.starts_with("18 pages in 2 languages ("),
        "{summary}"
    );
    let en = doc(&site, "days/day-1/index.html");
    assert_eq!(
        attrs(&en, ".lang-switch a", "href"),
        ["/days/day-1/", "/es/days/day-1/"]
    );
    assert_eq!(attrs(&en, ".lang-switch a", "lang"), ["en", "es"]);
    assert_eq!(
        attrs(&en, ".lang-switch a[aria-current]", "hreflang"),
        ["en"]
    );
    assert_eq!(
        attrs(&en, "link[rel=alternate][hreflang]", "hreflang"),
        ["en", "es", "x-default"]
    );
    assert_eq!(
        attrs(&en, "link[rel=alternate][hreflang]", "href"),
        ["/days/day-1/", "/es/days/day-1/", "/days/day-1/"]
    );
    let names: Vec<String> = en
        .select(&selector(".lang-switch a"))
        .map(|a| crate::support::text(&a))
        .collect();
    assert_eq!(names, ["English", "Español"]);
}

#[test]
fn an_untranslated_page_is_the_main_language_page_with_a_note() {
    let site = fixture("two-languages");
    site.build();
    let es = doc(&site, "es/days/day-2/index.html");
    assert_eq!(
        site.main("es/days/day-2/index.html").texts(".untranslated"),
        ["Esta página aún no está traducida."]
    );
    assert!(
        site.main("es/days/day-2/index.html")
            .html()
            .contains("Pick five people")
    );
    assert_eq!(attrs(&es, "link[rel=canonical]", "href"), ["/days/day-2/"]);
    // Its text is marked as the main language's, the note as the page's.
    assert_eq!(attrs(&es, "main", "lang"), ["en"]);
    assert_eq!(attrs(&es, ".untranslated", "lang"), ["es"]);
    assert!(attrs(&doc(&site, "es/days/day-1/index.html"), "main", "lang").is_empty());
    // Only languages that wrote the page are offered to search engines.
    assert_eq!(
        attrs(&es, "link[rel=alternate][hreflang]", "hreflang"),
        ["en", "x-default"]
    );
    assert!(
        site.main("es/days/day-1/index.html")
            .texts(".untranslated")
            .is_empty()
    );
    let sitemap = site.output("sitemap.xml");
    assert!(sitemap.contains("<loc>/es/days/day-1/</loc>"));
    assert!(!sitemap.contains("<loc>/es/days/day-2/</loc>"));
}

#[test]
fn progress_is_shared_a_translated_day_takes_its_original_task_ids() {
    let site = fixture("two-languages");
    site.build();
    let en = crate::support::tracker_all(&site, data(&doc(&site, "days/day-1/index.html")));
    let es = crate::support::tracker_all(&site, data(&doc(&site, "es/days/day-1/index.html")));
    assert_eq!(en["key"], es["key"]);
    assert_eq!(es["lang"], "es");
    assert_eq!(en["days"][0]["tasks"], es["days"][0]["tasks"]);
    assert_eq!(
        es["days"][0]["tasks"],
        serde_json::json!(["write-down-ten-names", "write-down-ten-more"])
    );
    assert_eq!(es["days"][0]["url"], "/es/days/day-1/");
    assert_eq!(es["people_url"], "/es/people/");
    assert_eq!(
        site.main("es/days/day-1/index.html")
            .attrs("[data-task-id]", "data-task-id"),
        ["write-down-ten-names", "write-down-ten-more"]
    );
}

#[test]
fn a_file_in_a_language_the_site_does_not_list_is_an_error() {
    let site = fixture("two-languages");
    site.write(
        "content/days/day-1.fr.md",
        "---\ntitle: Ta liste\nday: 1\ngoal: Vingt noms.\n---\n",
    );
    let d = site.problem();
    assert!(
        d.file.ends_with("content/days/day-1.fr.md"),
        "{}",
        d.file.display()
    );
    assert!(d.message.contains("`fr`"), "{}", d.message);
    assert!(
        hint(&d).contains("languages:") && hint(&d).contains("es"),
        "{}",
        hint(&d)
    );
}

#[test]
fn a_translation_needs_its_original() {
    let site = fixture("two-languages");
    site.write("content/extra.es.md", "---\ntitle: Extra\n---\n");
    let d = site.problem();
    assert!(d.message.contains("content/extra.md"), "{}", d.message);
}

#[test]
fn a_translated_day_keeps_its_number_and_its_tasks() {
    let site = fixture("two-languages");
    site.write(
        "content/days/day-2.es.md",
        "---\ntitle: Elige\nday: 3\ngoal: Cinco.\n---\n\n- [ ] Elige\n- [ ] Otra más\n",
    );
    let problems = site.problems();
    let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("day 3, but content/days/day-2.md is day 2")),
        "{messages:?}"
    );
    let number = problems
        .iter()
        .find(|d| d.message.contains("is day 2"))
        .expect("day number problem");
    assert_eq!(number.position.map(|p| p.line), Some(3));
    let tasks = problems
        .iter()
        .find(|d| {
            d.message
                .contains("has 2 tasks, content/days/day-2.md has 1 task")
        })
        .unwrap_or_else(|| panic!("{messages:?}"));
    // At the first task of the translation.
    assert_eq!(tasks.position.map(|p| p.line), Some(7));
}

#[test]
fn a_site_with_one_language_has_no_switcher() {
    let site = fixture("spanish-site");
    site.build();
    let es = doc(&site, "days/day-1/index.html");
    assert!(attrs(&es, ".lang-switch a", "href").is_empty());
    assert!(attrs(&es, "link[hreflang]", "href").is_empty());
}

#[test]
fn footer_links_to_content_follow_the_language_and_a_broken_one_is_located() {
    let site = fixture("two-languages");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!(
            "{yaml}brand:\n  links:\n    - {{ name: \"Too late?\", url: \"@/myths/too-late.md\" }}\n"
        ),
    );
    site.build();
    let en = doc(&site, "index.html");
    assert_eq!(attrs(&en, ".footer-links a", "href"), ["/myths/too-late/"]);
    let es = doc(&site, "es/index.html");
    assert_eq!(
        attrs(&es, ".footer-links a", "href"),
        ["/es/myths/too-late/"]
    );

    site.write(
        "site.yaml",
        &format!("{yaml}brand:\n  links:\n    - {{ name: \"Gone\", url: \"@/myths/gone.md\" }}\n"),
    );
    // Once, though both languages link to it.
    let d = site.problem();
    let d = &d;
    assert!(
        d.message.contains("`brand.links` entry `Gone`"),
        "{}",
        d.message
    );
    assert!(
        d.message.contains("there is no content/myths/gone.md"),
        "{}",
        d.message
    );
    let line = yaml.lines().count() + 3;
    crate::support::assert_at(d, "site.yaml", line, 29);
}

#[test]
fn the_one_404_page_leads_to_each_language_home() {
    let site = fixture("two-languages");
    site.build();
    let page = doc(&site, "404.html");
    assert_eq!(attrs(&page, ".lang-switch a", "href"), ["/", "/es/"]);
    assert!(attrs(&page, ".lang-switch a", "aria-current").is_empty());
    assert!(attrs(&page, "link[hreflang]", "href").is_empty());
}

#[test]
fn a_draft_translation_leaves_its_place_to_the_original() {
    let site = fixture("two-languages");
    site.write(
        "content/days/day-2.es.md",
        "---\ntitle: \"Elige a cinco\"\nday: 2\ngoal: \"Escoge.\"\ndraft: true\n---\n\n- [ ] Elige a cinco\n",
    );
    site.build();
    let main = site.main("es/days/day-2/index.html");
    assert!(main.html().contains("Pick five people"), "{}", main.html());
    assert_eq!(main.texts(".untranslated").len(), 1);
}

#[test]
fn each_language_installs_as_the_same_app_started_on_its_home_page() {
    let site = fixture("two-languages");
    site.build();
    let read = |rel: &str| -> serde_json::Value {
        serde_json::from_str(&site.output(rel)).expect("manifest is JSON")
    };
    let (en, es) = (
        read("manifest.webmanifest"),
        read("es/manifest.webmanifest"),
    );
    assert_eq!(
        (&en["start_url"], &es["start_url"]),
        (&"/".into(), &"/es/".into())
    );
    assert_eq!((&en["lang"], &es["lang"]), (&"en".into(), &"es".into()));
    assert_eq!(es["name"], "Reconecta en una semana");
    assert_eq!((&en["id"], &es["id"]), (&"/".into(), &"/".into()));
    assert_eq!(es["scope"], "/");
    let page = doc(&site, "es/days/day-1/index.html");
    assert_eq!(
        attrs(&page, "link[rel=manifest]", "href"),
        ["/es/manifest.webmanifest"]
    );
    let page = doc(&site, "days/day-1/index.html");
    assert_eq!(
        attrs(&page, "link[rel=manifest]", "href"),
        ["/manifest.webmanifest"]
    );
}
