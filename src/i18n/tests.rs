//! The strings tables of the built-in theme, loaded as a site would.

use super::*;
use crate::diag::Position;

/// The built-in theme, embedded here too: `theme` sits above `i18n` in the module order.
static DEFAULT_THEME: Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Loads the built-in tables for a site whose `site.yaml` is `yaml` (written to disk, since
/// errors point into it).
fn load(yaml: &str) -> Result<Strings, Vec<Diagnostic>> {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(CONFIG_FILE), yaml).expect("write site.yaml");
    let config = Config::parse(yaml, &dir.path().join(CONFIG_FILE)).expect("valid config");
    Strings::load(dir.path(), &config, &Source::Embedded(&DEFAULT_THEME))
}

fn table(name: &str) -> BTreeMap<String, Value> {
    let file = DEFAULT_THEME
        .get_file(format!("i18n/{name}.yaml"))
        .expect("table exists");
    parse_table(file.contents_utf8().expect("utf-8"), Path::new(name)).expect("table parses")
}

#[test]
fn every_shipped_language_has_every_english_key_and_no_other() {
    let en = table("en");
    for lang in ["es", "fr", "de", "pt"] {
        let other = table(lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has unknown keys {extra:?}");
        for (key, value) in &other {
            assert_eq!(
                value.is_object(),
                en[key].is_object(),
                "{lang}.{key}: a plural in one table must be a plural in every table"
            );
        }
    }
}

#[test]
fn placeholders_match_english_in_every_language() {
    let names = |v: &Value| -> std::collections::BTreeSet<String> {
        let text = match v {
            Value::Object(m) => m
                .values()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" "),
            other => other.as_str().unwrap_or_default().to_owned(),
        };
        text.split('{')
            .skip(1)
            .filter_map(|s| s.split_once('}').map(|(n, _)| n.to_owned()))
            .collect()
    };
    let en = table("en");
    for lang in ["es", "fr", "de", "pt"] {
        for (key, value) in table(lang) {
            let mut want = names(&en[&key]);
            let got = names(&value);
            // A plural's singular may leave the number out ("the day"), never add a name.
            if value.is_object() {
                want.insert("count".into());
            }
            assert!(
                got.is_subset(&want),
                "{lang}.{key}: {got:?} is not among {want:?}"
            );
        }
    }
}

#[test]
fn language_table_sits_on_english_and_a_region_falls_back_to_its_language() {
    let es = load("title: T\nlanguage: es-MX\n").unwrap();
    assert_eq!(es.text("tracker.start"), "Empezar el reto");
    assert!(!es.missing_table);
    let en = load("title: T\n").unwrap();
    assert_eq!(en.text("tracker.start"), "Start the challenge");
    assert_eq!(en.dir(), "ltr");
}

#[test]
fn unknown_language_uses_english_and_says_so() {
    let ar = load("title: T\nlanguage: ar\nstrings:\n  tracker.start: \"ابدأ التحدي\"\n").unwrap();
    assert!(ar.missing_table);
    assert_eq!(ar.dir(), "rtl");
    assert_eq!(ar.text("tracker.start"), "ابدأ التحدي");
    assert_eq!(
        ar.text("nav.skip"),
        "Skip to content",
        "the rest falls back to English"
    );
}

#[test]
fn overrides_win_dotted_or_nested_and_plurals_by_category() {
    let s = load(concat!(
        "title: T\nlanguage: es\nstrings:\n",
        "  tracker.start: \"¡Vamos!\"\n",
        "  nav:\n    skip: \"Saltar\"\n",
        "  day.tasks: { one: \"una tarea\", other: \"{count} cosas\" }\n",
    ))
    .unwrap();
    assert_eq!(s.text("tracker.start"), "¡Vamos!");
    assert_eq!(s.text("nav.skip"), "Saltar");
    assert_eq!(s.text("day.tasks"), "{count} cosas");
    assert_eq!(
        s.text("day.goal_label"),
        "Tu objetivo de hoy:",
        "untouched keys keep the table"
    );
    let scripts = s.for_scripts();
    assert_eq!(scripts["tracker"]["start"], "¡Vamos!");
    assert!(
        scripts.get("nav").is_none(),
        "template-only groups stay out of the data block"
    );
}

#[test]
fn misspelled_override_names_line_column_and_closest_key() {
    let errs = load("title: T\nstrings:\n  tracker.strat: \"Go\"\n").unwrap_err();
    assert_eq!(errs.len(), 1);
    let d = &errs[0];
    assert!(d.message.contains("`tracker.strat`"), "{d}");
    assert_eq!(d.position, Some(Position { line: 3, column: 3 }), "{d}");
    assert!(
        d.hint
            .as_deref()
            .unwrap()
            .contains("did you mean `tracker.start`?"),
        "{d}"
    );
}

/// Every dotted key under `value`, a plural map counting as one key.
fn keys(value: &Value, prefix: &str, out: &mut Vec<String>) {
    let Some(map) = value.as_object() else { return };
    for (k, v) in map {
        let key = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        let plural = v
            .as_object()
            .is_some_and(|m| m.keys().all(|c| CATEGORIES.contains(&c.as_str())));
        if v.is_object() && !plural {
            keys(v, &key, out);
        } else {
            out.push(key);
        }
    }
}

#[test]
fn script_words_split_into_every_page_tracker_pages_and_late_with_none_lost() {
    let s = load("title: T\nlanguage: es\n").expect("loads");
    let (mut all, mut every, mut tracker) = (vec![], vec![], vec![]);
    keys(&s.for_scripts(), "", &mut all);
    keys(&s.for_every_page(), "", &mut every);
    keys(&s.for_tracker_pages(), "", &mut tracker);
    let mut every_sorted = EVERY_PAGE.map(str::to_owned).to_vec();
    every_sorted.sort();
    assert_eq!(
        every, every_sorted,
        "every page carries exactly EVERY_PAGE, all of them in the table"
    );
    assert!(
        tracker.iter().all(|k| !every.contains(k)),
        "no word twice on a page"
    );
    for key in &all {
        let inlined = every.contains(key) || tracker.contains(key);
        assert_eq!(
            inlined,
            !late(key),
            "{key}: inlined on tracker pages exactly when not late"
        );
    }
    assert!(
        tracker.contains(&"tracker.bar".to_owned())
            && tracker.contains(&"backup.last_days".to_owned())
    );
    assert!(
        all.contains(&"tracker.why.tasks".to_owned())
            && all.contains(&"backup.reset_confirm".to_owned())
    );
    assert!(
        !tracker.contains(&"backup.reset_confirm".to_owned()),
        "backup.js's words come with the data file"
    );
    assert_eq!(
        s.for_every_page()["tracker"]["download"],
        s.for_scripts()["tracker"]["download"],
        "in the page's language"
    );
}

#[test]
fn override_of_wrong_shape_or_empty_is_an_error() {
    let errs = load("title: T\nstrings:\n  nav.skip: { one: a, other: b }\n  tracker.start:\n")
        .unwrap_err();
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs.iter().any(|d| d.message.contains("not a plural")));
    assert!(
        errs.iter()
            .any(|d| d.message.contains("has no text") && d.position.map(|p| p.line) == Some(4))
    );
}

#[test]
fn language_code_must_be_a_code() {
    let errs = load("title: T\nlanguage: ../x\n").unwrap_err();
    assert_eq!(errs[0].position.map(|p| p.line), Some(2));
}

#[test]
fn plural_categories_follow_cldr() {
    assert_eq!(plural_category("en", 1), "one");
    assert_eq!(plural_category("en", 0), "other");
    assert_eq!(plural_category("fr", 0), "one");
    assert_eq!(plural_category("pt", 0), "one");
    assert_eq!(plural_category("pt-PT", 0), "other");
    assert_eq!(plural_category("de", 2), "other");
    assert_eq!(plural_category("ar", 2), "two");
    assert_eq!(plural_category("ar", 105), "few");
    assert_eq!(plural_category("ru", 22), "few");
    assert_eq!(plural_category("ru", 25), "many");
    assert_eq!(plural_category("pl", 12), "many");
    assert_eq!(plural_category("ja", 1), "other");
}

#[test]
fn fill_escapes_text_picks_plurals_and_keeps_safe_html() {
    let mut tera = tera::Tera::new();
    tera.register_filter("fill", fill);
    tera.add_raw_template(
        "t.html",
        "{% set link %}<a href=\"/\">x</a>{% endset %}{{ one | fill(count=1) }}|{{ one | fill(count=3) }}|{{ text | fill(name=\"<b>\", link=link) }}",
    )
    .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert("site", &serde_json::json!({ "language": "en" }));
    ctx.insert(
        "one",
        &serde_json::json!({ "one": "{count} task", "other": "{count} tasks" }),
    );
    ctx.insert("text", "Hi {name} & {link}");
    let out = tera.render("t.html", &ctx).unwrap();
    assert_eq!(out, "1 task|3 tasks|Hi &lt;b&gt; &amp; <a href=\"/\">x</a>");
}

#[test]
fn a_theme_folder_table_replaces_the_built_in_one_of_its_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let theme = dir.path().join("themes/mine");
    std::fs::create_dir_all(theme.join("i18n")).expect("mkdir");
    std::fs::write(
        theme.join("i18n/es.yaml"),
        "tracker:\n  start: \"¡Dale!\"\n",
    )
    .expect("write");
    let yaml = "title: T\nlanguage: es\ntheme: mine\n";
    std::fs::write(dir.path().join(CONFIG_FILE), yaml).expect("write site.yaml");
    let config = Config::parse(yaml, &dir.path().join(CONFIG_FILE)).expect("valid config");
    let s = Strings::load(dir.path(), &config, &Source::Folder(theme, &DEFAULT_THEME)).unwrap();
    assert_eq!(s.text("tracker.start"), "¡Dale!");
    assert_eq!(
        s.text("nav.skip"),
        "Skip to content",
        "English (built in) under the theme's table"
    );
}

#[test]
fn a_table_value_without_text_is_an_error_at_its_line() {
    let d = parse_table("nav:\n  skip:\n", Path::new("i18n/xx.yaml")).unwrap_err();
    assert!(d.message.contains("`nav.skip`"), "{d}");
    assert_eq!(d.position.map(|p| p.line), Some(2));
}

#[test]
fn script_json_prints_only_the_named_groups_and_never_closes_the_script() {
    let mut tera = tera::Tera::new();
    tera.register_filter("script_json", script_json);
    tera.add_raw_template("t.html", "{{ t | script_json(only=[\"a\", \"c\"]) }}")
        .unwrap();
    let mut ctx = tera::Context::new();
    ctx.insert(
        "t",
        &serde_json::json!({ "a": { "x": "</script>&" }, "b": { "y": "no" } }),
    );
    let out = tera.render("t.html", &ctx).unwrap();
    assert_eq!(out, r#"{"a":{"x":"\u003c/script\u003e\u0026"}}"#);
}
