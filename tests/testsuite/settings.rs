//! `{{ name }}` in Markdown and front matter: the coach's numbers from `site.yaml`, and an
//! unknown name reported where it is written.

use crate::support::{assert_at, fixture, hint};

#[test]
fn settings_fill_body_tasks_and_front_matter() {
    let site = fixture("setting-in-front-matter");
    site.build();
    let main = site.main("days/day-1/index.html");
    assert_eq!(main.texts("[data-task-id='pick']"), ["Pick 3 people"]);
    let html = site.output("days/day-1/index.html");
    assert!(
        html.contains("Your 12 people"),
        "title not expanded:\n{html}"
    );
    assert!(html.contains("Pick 3 of your 12 names"), "{html}");
    assert!(
        main.texts("code").contains(&"{{ list_size }}".to_owned()),
        "code spans keep the syntax as written"
    );
    let listing = site.output("days/index.html");
    assert!(
        listing.contains("About 12 names") || listing.contains("Write down 12 names"),
        "the days listing shows the expanded summary or goal:\n{listing}"
    );
    assert!(!listing.contains("{{"), "{listing}");
}

#[test]
fn unknown_setting_names_file_line_column_and_the_closest_name() {
    let d = fixture("setting-unknown-name").problem();
    // Line 9 is the task; column 12 is where `{{` starts.
    assert_at(&d, "content/days/day-1.md", 9, 12);
    assert!(d.message.contains("weekly_targt"), "{d}");
    assert!(
        hint(&d).contains("did you mean `{{ weekly_target }}`"),
        "{d}"
    );
}

#[test]
fn unknown_setting_in_front_matter_points_at_its_line() {
    let site = fixture("setting-in-front-matter");
    let day = site.path("content/days/day-1.md");
    let text = std::fs::read_to_string(&day).unwrap();
    site.write(
        "content/days/day-1.md",
        &text.replace("About {{ list_size }}", "About {{ listsize }}"),
    );
    let d = site.problem();
    assert_at(&d, "content/days/day-1.md", 5, 17);
    assert!(hint(&d).contains("`{{ list_size }}`"), "{d}");
}

#[test]
fn unquoted_setting_at_the_start_of_a_yaml_value_says_to_quote_it() {
    let site = fixture("setting-in-front-matter");
    let text = std::fs::read_to_string(site.path("content/days/day-1.md")).unwrap();
    site.write(
        "content/days/day-1.md",
        &text.replace(
            "title: \"Your {{ list_size }} people\"",
            "title: {{ list_size }} people",
        ),
    );
    let d = site.problem();
    assert_at(&d, "content/days/day-1.md", 3, 8);
    assert!(hint(&d).contains("must be quoted"), "{d}");
}
