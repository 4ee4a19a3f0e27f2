//! Languages: the theme's strings tables, `language`, `strings:` overrides and right-to-left.

use scraper::Html;
use serde_json::Value;

use crate::support::{assert_at, fixture, hint, selector, text};

/// The text of every element matching `css` in a whole output page (header and footer too).
fn texts(html: &str, css: &str) -> Vec<String> {
    Html::parse_document(html)
        .select(&selector(css))
        .map(|e| text(&e))
        .collect()
}

/// The tracker's data block of an output page.
fn data_block(html: &str) -> Value {
    let json = texts(html, "script#reachout-data").remove(0);
    serde_json::from_str(&json).expect("the data block is JSON")
}

#[test]
fn spanish_site_shows_the_spanish_table_in_pages_and_data_block() {
    let site = fixture("spanish-site");
    site.build();
    let home = site.output("index.html");
    assert_eq!(texts(&home, ".skip-link"), ["Ir al contenido"]);
    assert_eq!(
        texts(&home, "button[data-tracker=start]"),
        ["Empezar el reto"]
    );
    assert!(
        home.contains("<html lang=es>") || home.contains("<html lang=\"es\">"),
        "lang"
    );
    assert!(!home.contains("dir=rtl") && !home.contains("dir=\"rtl\""));
    let day = site.output("days/day-1/index.html");
    assert_eq!(texts(&day, ".eyebrow"), ["Día 1 de 2"]);
    assert_eq!(
        texts(&day, ".page-head .meta"),
        ["Alrededor de 20 minutos · 2 tareas"]
    );
    let data = data_block(&day);
    assert_eq!(data["lang"], "es");
    assert!(
        data["strings"]["tracker"]["no_storage"]
            .as_str()
            .is_some_and(|s| s.starts_with("Este navegador no puede guardar")),
        "every page's words, in Spanish: {}",
        data["strings"]
    );
    let groups: Vec<&String> = data["strings"].as_object().unwrap().keys().collect();
    assert_eq!(groups, ["tracker"], "only what any page may show at once");
    assert!(data["strings"]["tracker"].get("start").is_none());
    let words = texts(&day, "script[data-strings]");
    assert_eq!(
        words.len(),
        1,
        "a day page adds the tracker's words only, no people or composer words"
    );
    let words: Value = serde_json::from_str(&words[0]).expect("JSON");
    assert_eq!(words["tracker"]["start"], "Empezar el reto");
    assert!(
        words["backup"].get("reset_confirm").is_none(),
        "the backup's words come with the data file"
    );
    let file = data["data_url"]
        .as_str()
        .expect("data_url")
        .trim_start_matches('/');
    let file: Value = serde_json::from_str(&site.output(file)).expect("the data file is JSON");
    assert!(
        file["strings"]["backup"]["reset_confirm"]
            .as_str()
            .is_some_and(|s| s.starts_with("¿Borrar tu progreso?")),
        "the data file has every script word, in Spanish"
    );
    let myth = site.output("myths/demasiado-tarde/index.html");
    assert!(
        !myth.contains("data-strings"),
        "a page without tracker hooks adds no words"
    );
    let people = site.output("people/index.html");
    let extra = texts(&people, "script[data-strings]").remove(0);
    let extra: Value = serde_json::from_str(&extra).expect("JSON");
    assert_eq!(extra["people"]["count"]["other"], "{count} personas");
    assert_eq!(extra["calendar"]["title"], "Recordatorios en tu calendario");
    let message = site.output("messages/saludo/index.html");
    let extra = texts(&message, "script[data-strings]").remove(0);
    assert!(
        extra.contains("Hazlo tuyo") && !extra.contains("\"people\""),
        "{extra}"
    );
    let list = site.output("days/index.html");
    assert_eq!(
        texts(&list, ".day-item .meta"),
        ["Unos 20 min · 2 tareas", "Unos 1 min · 1 tarea"]
    );
    let not_found = site.output("404.html");
    assert_eq!(texts(&not_found, "h1"), ["No encontramos esta página"]);
}

#[test]
fn misspelled_strings_key_is_an_error_at_its_line_with_the_closest_key() {
    let d = fixture("strings-override-misspelled").problem();
    assert_at(&d, "site.yaml", 4, 3);
    assert!(d.message.contains("`tracker.strat`"), "{d}");
    assert!(hint(&d).contains("did you mean `tracker.start`?"), "{d}");
}

#[test]
fn misspelled_string_key_is_reported_with_the_other_site_yaml_mistakes() {
    let site = fixture("strings-override-misspelled");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}minfy: false\nlanguages:\n  es:\n    strings: {{ nav.skp: \"Saltar\" }}\n"),
    );
    let problems = site.problems();
    let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
    assert!(messages.iter().any(|m| m.contains("minfy")), "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("`tracker.strat`")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("`nav.skp`")),
        "{messages:?}"
    );
}

#[test]
fn override_wins_over_the_language_table_and_keeps_the_rest() {
    let site = fixture("strings-override-wins");
    site.build();
    let home = site.output("index.html");
    assert_eq!(texts(&home, "button[data-tracker=start]"), ["¡Vamos allá!"]);
    assert_eq!(
        texts(&home, ".day-item .meta"),
        ["1 cosita", "2 cositas"],
        "a plural override picks its form by the count"
    );
    assert_eq!(
        texts(&home, ".skip-link"),
        ["Ir al contenido"],
        "keys not overridden"
    );
    let words = texts(&home, "script[data-strings]");
    let tracker_words = words
        .iter()
        .map(|w| serde_json::from_str::<Value>(w).expect("JSON"))
        .find(|w| w.get("tracker").is_some())
        .expect("the home page adds the tracker's words");
    assert_eq!(tracker_words["tracker"]["start"], "¡Vamos allá!");
}

#[test]
fn right_to_left_language_sets_dir_and_uses_overrides_over_english() {
    let site = fixture("rtl-hebrew-overrides");
    site.build();
    let home = site.output("index.html");
    assert!(
        home.contains("dir=rtl") || home.contains("dir=\"rtl\""),
        "dir=rtl on <html>"
    );
    assert_eq!(texts(&home, ".skip-link"), ["דלג לתוכן"]);
    assert_eq!(
        texts(&home, "button[data-tracker=start]"),
        ["להתחיל את האתגר"]
    );
    assert_eq!(
        texts(&home, ".privacy").len(),
        1,
        "English fills what the overrides leave out"
    );
    assert!(texts(&home, ".privacy")[0].starts_with("No account, no tracking"));
}

#[test]
fn english_default_site_keeps_its_words() {
    let site = fixture("one-of-each-kind");
    site.build();
    let day = site.output("days/day-1/index.html");
    assert_eq!(texts(&day, ".skip-link"), ["Skip to content"]);
    assert_eq!(texts(&day, ".eyebrow"), ["Day 1 of 3"]);
    assert_eq!(
        texts(&day, ".page-head .meta"),
        ["About 10 minutes · 2 tasks"]
    );
    assert!(!day.contains("dir=rtl") && !day.contains("dir=\"rtl\""));
}
