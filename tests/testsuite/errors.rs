//! Every mistake a coach can make is reported with its file, line, column and a hint; `check`
//! lists all of a site's problems at once.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{assert_at, fixture, hint, invalid, tree};

#[test]
fn colon_in_an_unquoted_title() {
    // `title: Day 1: Make your list` is the most common YAML mistake.
    let d = fixture("front-matter-colon-in-unquoted-title").problem();
    assert_at(&d, "content/days/day-1.md", 2, 13);
    assert!(
        hint(&d).to_lowercase().contains("quot"),
        "the fix is to quote the value: {d}"
    );
}

#[test]
fn unclosed_quote_points_at_the_line_that_opens_it() {
    // Line 2 is `title: "About` with no closing quote.
    let d = fixture("front-matter-unclosed-quote").problem();
    assert_eq!(d.file, Path::new("content/about.md"), "{d}");
    assert_eq!(
        d.position.map(|p| p.line),
        Some(2),
        "the quote opens on line 2:\n{d}"
    );
    hint(&d);
}

#[test]
fn day_number_written_in_words() {
    let d = fixture("day-number-not-a-number").problem();
    assert_at(&d, "content/days/day-3.md", 3, 6);
    assert!(d.message.contains("day"), "names the key: {d}");
    assert!(d.message.contains("three"), "shows the value: {d}");
    assert!(
        !d.message.contains("u32"),
        "a coach does not know Rust's type names: {d}"
    );
    hint(&d);
}

#[test]
fn missing_title() {
    let d = fixture("missing-title").problem();
    assert_at(&d, "content/about.md", 2, 1);
    assert!(d.message.contains("`title`"), "{d}");
    hint(&d);
}

#[test]
fn duplicate_day_number_names_both_files() {
    let d = fixture("duplicate-day-number").problem();
    // day-3.md says `day: 2` on line 4.
    assert_at(&d, "content/days/day-3.md", 4, 1);
    assert!(d.message.contains("day 2"), "{d}");
    assert!(d.message.contains("day-2.md"), "names the other file: {d}");
    hint(&d);
}

#[test]
fn missing_day_number_names_the_gap() {
    // Days 1, 2 and 4: the error points at day 4's `day:` line, where the number jumps.
    let d = fixture("missing-day-number").problem();
    assert_at(&d, "content/days/day-4.md", 3, 1);
    assert!(d.message.contains("day 3 is missing"), "{d}");
    assert!(hint(&d).contains("renumber"), "{d}");
}

#[test]
fn a_template_that_does_not_exist_points_at_its_value() {
    let d = fixture("unknown-template").problem();
    assert_at(&d, "content/thanks.md", 3, 13);
    assert!(d.message.contains("`thank-you.html` does not exist"), "{d}");
    assert!(hint(&d).contains("templates/"), "{d}");
}

#[test]
fn unknown_front_matter_key_suggests_the_closest_key() {
    let d = fixture("unknown-front-matter-key").problem();
    assert_at(&d, "content/myths/too-long.md", 4, 1);
    assert!(d.message.contains("`refrane`"), "{d}");
    assert!(hint(&d).contains("did you mean `reframe`?"), "{d}");
}

#[test]
fn template_syntax_error_names_the_site_template_and_line() {
    // templates/page.html opens `{% if %}` on line 4 and never closes it; Tera notices at the
    // `{% endblock %}` on line 6. Either line lets the coach find it.
    let d = fixture("template-syntax-error").problem();
    assert_eq!(d.file, Path::new("templates/page.html"), "{d}");
    let line = d.position.map(|p| p.line);
    assert!(
        matches!(line, Some(4..=6)),
        "line of the unclosed tag:\n{d}"
    );
    hint(&d);
}

#[test]
fn template_using_an_undefined_variable() {
    let d = fixture("template-undefined-variable").problem();
    assert_at(&d, "templates/page.html", 4, 12);
    assert!(d.message.contains("subtitle"), "{d}");
    hint(&d);
}

#[test]
fn unresolved_internal_link_fails_the_cli_build() {
    let site = fixture("broken-internal-link");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("--> content/about.md:6:6"),
        "{}",
        run.stderr
    );
    assert!(!site.out().exists(), "a failed first build writes nothing");
}

#[test]
fn content_file_that_is_not_utf8() {
    // Line 2 is `title: "Caf\xe9"` in Latin-1; the é is the 12th character.
    let d = fixture("non-utf8-content").problem();
    assert_at(&d, "content/cafe.md", 2, 12);
    assert!(hint(&d).contains("UTF-8"), "{d}");
}

#[test]
fn output_inside_content_is_refused_by_the_cli() {
    let site = fixture("one-of-each-kind");
    let run = site.run(&["build", "--output", "content/site"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("inside the site's sources"),
        "{}",
        run.stderr
    );
    assert!(!site.path("content/site").exists());
}

fn files(list: &[reachout::diag::Diagnostic]) -> BTreeSet<String> {
    list.iter().map(|d| d.file.display().to_string()).collect()
}

#[test]
fn check_lists_problems_of_config_and_content_together() {
    // site.yaml: `minfy`; about.md: `titel`; day-1.md: `day: one`.
    let site = fixture("several-front-matter-problems");
    let list = invalid(reachout::check(&site.options()));
    assert_eq!(
        list.len(),
        3,
        "{}",
        reachout::diag::Error::Invalid(list.clone())
    );
    assert_eq!(
        files(&list),
        BTreeSet::from(
            ["site.yaml", "content/about.md", "content/days/day-1.md"].map(String::from)
        )
    );
}

#[test]
fn check_lists_link_and_task_problems_of_every_page() {
    // about.md: missing page; too-long.md: missing heading; day-1.md: duplicate task id.
    let site = fixture("several-link-and-task-problems");
    let list = invalid(reachout::check(&site.options()));
    assert_eq!(
        list.len(),
        3,
        "{}",
        reachout::diag::Error::Invalid(list.clone())
    );
    assert_eq!(
        files(&list),
        BTreeSet::from(
            [
                "content/about.md",
                "content/myths/too-long.md",
                "content/days/day-1.md"
            ]
            .map(String::from)
        )
    );
}

#[test]
fn check_exits_1_and_counts_the_problems() {
    let site = fixture("several-link-and-task-problems");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("3 problems found"), "{}", run.stderr);
    assert!(!site.out().exists());
}

#[test]
fn check_on_a_clean_site_exits_0_and_writes_nothing() {
    let site = fixture("one-of-each-kind");
    let before = tree(&site.root);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("no problems"), "{}", run.stdout);
    assert!(tree(&site.root) == before, "check changed or added files");
}

#[test]
fn unknown_message_step_lists_the_steps() {
    let d = fixture("message-step-unknown").problem();
    assert_at(&d, "content/messages/after.md", 4, 7);
    assert!(d.message.contains("reply"), "shows the value: {d}");
    let text = format!("{} {}", d.message, hint(&d));
    for step in [
        "first-contact",
        "follow-up",
        "last-try",
        "thank-you",
        "check-in",
    ] {
        assert!(text.contains(step), "names `{step}`: {d}");
    }
}
