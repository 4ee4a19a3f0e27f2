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
