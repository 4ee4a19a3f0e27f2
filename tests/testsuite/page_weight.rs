//! What a page carries does not grow with the number of other pages (issue 17): the tracker's
//! site-wide lists live in one content-hashed data file per language, which the service worker
//! precaches and each page names.

use crate::support::{Site, fixture};

/// Adds `n` days after day 3, `n` myths and `n` messages with a step to the fixture.
fn grow(site: &Site, n: usize) {
    for i in 0..n {
        let day = i + 4;
        site.write(
            &format!("content/days/day-{day}.md"),
            &format!(
                "---\ntitle: \"Extra day {day}\"\nday: {day}\ngoal: \"Goal {day}\"\n---\n- [ ] Task one of day {day}\n- [ ] Task two of day {day}\n"
            ),
        );
        site.write(
            &format!("content/myths/extra-{i}.md"),
            &format!(
                "---\ntitle: \"Extra myth {i}\"\nmyth: \"Myth {i}\"\nreframe: \"Reframe {i}\"\n---\nWords.\n"
            ),
        );
        site.write(
            &format!("content/messages/extra-{i}.md"),
            &format!(
                "---\ntitle: \"Extra message {i}\"\nsituation: \"Situation {i}\"\nchannel: email\nstep: follow-up\n---\nHi {{name}}\n"
            ),
        );
    }
}

fn size(site: &Site, rel: &str) -> i64 {
    i64::try_from(site.output(rel).len()).expect("a page fits in i64")
}

/// The inline block of a page.
fn inline(site: &Site, rel: &str) -> serde_json::Value {
    let html = site.output(rel);
    let doc = scraper::Html::parse_document(&html);
    let block = doc
        .select(&crate::support::selector("script#reachout-data"))
        .next()
        .unwrap_or_else(|| panic!("{rel}: no data block"));
    serde_json::from_str(&block.inner_html()).expect("the data block is JSON")
}

#[test]
fn a_day_a_myth_and_a_message_weigh_the_same_with_900_more_pages() {
    let small = fixture("one-of-each-kind");
    small.build();
    let big = fixture("one-of-each-kind");
    grow(&big, 300);
    big.build();
    for rel in [
        "days/day-1/index.html",
        "myths/too-long/index.html",
        "messages/catch-up/index.html",
        "about/index.html",
    ] {
        let (a, b) = (size(&small, rel), size(&big, rel));
        // A few numbers grow a digit ("day 1 of 303", the task count) and the data file's
        // name changes; nothing else may.
        assert!(
            (b - a).abs() <= 300,
            "{rel}: {a} bytes with 3 days, 1 myth, 1 message; {b} bytes with 300 more of each"
        );
    }
    // Pages whose job is to list others do grow: the data file and the home page.
    let file = |site: &Site| {
        let data = inline(site, "days/day-1/index.html");
        crate::support::tracker_file(site, &data)
    };
    let (f_small, f_big) = (file(&small), file(&big));
    assert_eq!(f_small["days"].as_array().map(Vec::len), Some(3));
    assert_eq!(f_big["days"].as_array().map(Vec::len), Some(303));
    assert_eq!(f_big["messages"].as_array().map(Vec::len), Some(300));
    assert!(size(&big, "index.html") > size(&small, "index.html") + 10_000);
}

#[test]
fn a_day_page_inlines_its_own_day_and_counts_for_the_rest() {
    let site = fixture("one-of-each-kind");
    site.build();
    let data = inline(&site, "days/day-2/index.html");
    assert!(data.get("days").is_none() && data.get("messages").is_none());
    assert_eq!(data["day_count"], 3);
    let file = crate::support::tracker_file(&site, &data);
    let tasks: usize = file["days"]
        .as_array()
        .expect("days")
        .iter()
        .map(|d| d["tasks"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(data["task_count"], tasks);
    let html = site.output("days/day-2/index.html");
    let doc = scraper::Html::parse_document(&html);
    let days = doc
        .select(&crate::support::selector("script#reachout-days"))
        .next()
        .expect("a day page inlines its day");
    let days: serde_json::Value = serde_json::from_str(&days.inner_html()).expect("JSON");
    assert_eq!(days.as_array().map(Vec::len), Some(1));
    assert_eq!(days[0]["day"], 2);
    assert_eq!(days[0]["tasks"], file["days"][1]["tasks"]);
    // A myth inlines no days; the home page, which lists them, inlines them all.
    assert!(
        !site
            .output("myths/too-long/index.html")
            .contains("reachout-days")
    );
    let home = scraper::Html::parse_document(&site.output("index.html"));
    let sel = crate::support::selector("script#reachout-days");
    assert!(
        home.select(&sel).next().is_some(),
        "the home page inlines every day"
    );
}

#[test]
fn the_data_file_is_hashed_precached_and_named_by_every_page() {
    let site = fixture("one-of-each-kind");
    site.build();
    let data = inline(&site, "index.html");
    let url = data["data_url"].as_str().expect("data_url").to_owned();
    let rel = url.strip_prefix('/').expect("under the base path");
    let name = rel
        .strip_prefix("js/data-en.")
        .expect("js/data-LANG.HASH.json");
    let hash = name.strip_suffix(".json").expect(".json");
    assert_eq!(hash.len(), 16);
    let bytes = std::fs::read(site.out().join(rel)).expect("the data file is written");
    assert_eq!(
        hash,
        reachout::output::pwa::digest(&bytes),
        "named by its bytes"
    );
    let sw = site.output("sw.js");
    assert!(sw.contains(&format!("\"{rel}\"")), "sw.js precaches {rel}");
    for page in [
        "days/day-1/index.html",
        "myths/too-long/index.html",
        "messages/catch-up/index.html",
        "about/index.html",
    ] {
        assert_eq!(inline(&site, page)["data_url"], url.as_str(), "{page}");
        // Fetched at once by a page that inlines fewer than every day.
        let doc = scraper::Html::parse_document(&site.output(page));
        let preload =
            crate::support::selector(&format!("link[rel=preload][as=fetch][href=\"{url}\"]"));
        assert!(
            doc.select(&preload).next().is_some(),
            "{page} preloads {url}"
        );
    }
    // Another build of the same site names the same file; a changed day names another.
    site.build();
    assert_eq!(inline(&site, "index.html")["data_url"], url.as_str());
    site.write(
        "content/days/day-3.md",
        "---\ntitle: \"Day three\"\nday: 3\ngoal: \"Another goal\"\n---\n- [ ] A new task\n",
    );
    site.build();
    assert_ne!(inline(&site, "index.html")["data_url"], url.as_str());
}
