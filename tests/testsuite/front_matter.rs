//! Front matter reaches templates as written: YAML 1.1 booleans and the like stay strings.

use crate::support::fixture;

#[test]
fn yaml_1_1_words_in_extra_stay_strings() {
    // about.md: `extra: {country: NO, answer: y, on: on}`; templates/page.html prints them.
    let site = fixture("yaml-1-1-words-stay-strings");
    site.build();
    let main = site.main("about/index.html");
    assert_eq!(main.texts("#country"), ["NO"], "Norway, not false");
    assert_eq!(main.texts("#answer"), ["y"], "the letter, not true");
    assert_eq!(main.texts("#on"), ["on"], "key and value `on`, not true");
}

#[test]
fn a_closing_fence_with_trailing_spaces_closes_the_front_matter() {
    let site = fixture("one-of-each-kind");
    site.write(
        "content/about.md",
        "---\ntitle: \"About\"\n---   \n\nText.\n",
    );
    site.build();
    assert_eq!(site.main("about/index.html").texts("h1"), ["About"]);
}

#[test]
fn raw_html_in_markdown_passes_through_unless_the_site_turns_it_off() {
    let site = fixture("one-of-each-kind");
    let page = "---\ntitle: \"About\"\n---\n\n<script src=\"/evil.js\"></script>\n\nText with <b onclick=\"x()\">bold</b>.\n\n<meta http-equiv=\"refresh\" content=\"0; url=https://example.com/\">\n";
    site.write("content/about.md", page);
    site.build();
    let html = std::fs::read_to_string(site.out().join("about/index.html")).unwrap();
    assert!(
        html.contains("src=/evil.js") || html.contains("src=\"/evil.js\""),
        "passes through by default"
    );

    let yaml = std::fs::read_to_string(site.root.join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{yaml}markdown:\n  raw_html: false\n"),
    );
    site.build();
    let main = site.main("about/index.html");
    assert!(main.select("script").is_empty(), "no script element");
    assert!(main.select("meta").is_empty(), "no meta refresh");
    assert!(main.select("[onclick]").is_empty(), "no handler attribute");
    let text = main.texts("p").join("\n");
    assert!(
        text.contains("<b onclick=\"x()\">bold</b>"),
        "shown as text: {text}"
    );
    let html = std::fs::read_to_string(site.out().join("about/index.html")).unwrap();
    assert!(
        html.contains("&lt;script src="),
        "the block is shown as text too"
    );
}

#[test]
fn a_key_written_twice_in_extra_is_an_error_at_its_second_line() {
    let site = fixture("one-of-each-kind");
    site.write(
        "content/about.md",
        "---\ntitle: \"About\"\nextra:\n  photo: a.jpg\n  photo: b.jpg\n---\n\nText.\n",
    );
    let d = site.problem();
    assert!(d.message.contains("photo"), "{d}");
    crate::support::assert_at(&d, "content/about.md", 5, 3);
}
