//! Checklist tasks: `data-task-id` from an explicit `{#id}` or the text's slug, stable ids, and
//! duplicate ids reported with their line.

use crate::support::{assert_at, fixture, hint};

const DAY: &str = "days/day-1/index.html";

#[test]
fn tasks_get_explicit_or_derived_ids() {
    let site = fixture("day-task-ids");
    site.build();
    let main = site.main(DAY);
    assert_eq!(
        main.attrs("[data-task-id]", "data-task-id"),
        ["list-20", "pick-the-first-five"]
    );
    assert_eq!(
        main.texts("[data-task-id]"),
        ["Write down 20 names", "Pick the first five"]
    );
    assert!(
        !main.html().contains("{#"),
        "the `{{#id}}` must not be shown:\n{}",
        main.html()
    );
}

#[test]
fn explicit_id_stays_when_the_text_changes() {
    let site = fixture("day-task-ids");
    site.build();
    let before = site.main(DAY).attrs("[data-task-id]", "data-task-id");
    let source = std::fs::read_to_string(site.path("content/days/day-1.md")).unwrap();
    let edited = source.replace(
        "Write down 20 names {#list-20}",
        "Write down 25 names {#list-20}",
    );
    assert_ne!(source, edited, "fixture changed: the edit did not apply");
    site.write("content/days/day-1.md", &edited);
    site.build();
    let main = site.main(DAY);
    assert_eq!(
        main.texts("[data-task-id='list-20']"),
        ["Write down 25 names"]
    );
    assert_eq!(main.attrs("[data-task-id]", "data-task-id"), before);
}

#[test]
fn duplicate_task_id_is_an_error_with_its_line() {
    let d = fixture("duplicate-task-id").problem();
    // Line 8 is the second `{#names}`; column 3 is where the task marker starts.
    assert_at(&d, "content/days/day-1.md", 8, 3);
    assert!(d.message.contains("`names`"), "{d}");
    assert!(hint(&d).contains("{#"), "{d}");
}
