//! The data the tracker script reads: the inline block (settings, the storage key) and the
//! data file it names (days, task ids, messages).

use crate::support::fixture;

fn data_block(site: &crate::support::Site) -> serde_json::Value {
    let html = site.output("index.html");
    let start = html
        .find("id=\"data\">")
        .map(|i| i + "id=\"data\">".len())
        .expect("data block");
    let end = start + html[start..].find("</script>").expect("end of data block");
    let inline = serde_json::from_str(&html[start..end]).expect("valid JSON");
    crate::support::tracker_all(site, inline)
}

#[test]
fn lists_days_in_order_with_task_ids_and_settings() {
    let site = fixture("tracker-data-block");
    site.build();
    let data = data_block(&site);
    assert_eq!(data["key"], "reachout:/reach-out/");
    assert_eq!(data["base_path"], "/reach-out/");
    assert_eq!(data["settings"]["list_size"], 12);
    assert_eq!(data["settings"]["weekly_target"], 5);
    let days = data["days"].as_array().expect("days");
    assert_eq!(days.len(), 2);
    assert_eq!(days[0]["slug"], "day-1");
    assert_eq!(days[0]["url"], "/reach-out/days/day-1/");
    assert_eq!(days[0]["tasks"], serde_json::json!(["list", "pick-five"]));
    assert_eq!(days[1]["slug"], "second");
    assert_eq!(days[1]["day"], 2);
}

#[test]
fn text_cannot_close_the_script_element() {
    let site = fixture("tracker-data-block");
    site.build();
    let data = data_block(&site);
    assert_eq!(data["days"][1]["title"], "Second </script><b>");
}

#[test]
fn namespace_in_site_yaml_sets_the_storage_key() {
    let site = fixture("tracker-data-block");
    site.write(
        "site.yaml",
        "title: T\nbase_url: /x/\nminify: false\ntracker:\n  namespace: coach-ana-2027\n",
    );
    site.build();
    assert_eq!(data_block(&site)["key"], "coach-ana-2027");
}

#[test]
fn days_carry_goal_and_minutes_for_calendar_events() {
    let site = fixture("tracker-data-block");
    site.build();
    let data = data_block(&site);
    assert_eq!(data["days"][0]["goal"], "Start");
    assert_eq!(data["days"][0]["minutes"], 12);
    assert_eq!(data["days"][1]["minutes"], serde_json::Value::Null);
    assert_eq!(data["site_title"], "Tracker data");
}

#[test]
fn people_url_is_the_page_rendered_with_the_people_template() {
    let site = fixture("tracker-data-block");
    site.build();
    assert_eq!(data_block(&site)["people_url"], "/reach-out/people/");
    assert!(site.output("people/index.html").contains("<h1>People</h1>"));
}

#[test]
fn without_a_people_page_people_url_is_null() {
    let site = fixture("tracker-data-block");
    std::fs::remove_file(site.root.join("content/people.md")).expect("remove people.md");
    site.build();
    assert_eq!(data_block(&site)["people_url"], serde_json::Value::Null);
}

#[test]
fn only_messages_with_a_step_are_suggested_in_listing_order() {
    let site = fixture("tracker-data-block");
    site.build();
    let data = data_block(&site);
    assert_eq!(
        data["messages"],
        serde_json::json!([
            {"step": "first-contact", "url": "/reach-out/messages/first/", "title": "First contact by text", "channel": "text"},
            {"step": "check-in", "url": "/reach-out/messages/later/", "title": "Check in", "channel": null},
        ])
    );
}
