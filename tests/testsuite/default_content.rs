//! The repository's own `content/`, the default challenge: built with a coach's numbers, it
//! must say those numbers wherever it talks about the cadence.

use std::path::Path;

use crate::support::fixture;

/// The repository's default challenge, built with a coach's unusual numbers, must say those
/// numbers wherever it talks about the cadence, and never the defaults (20 people, 5 a week,
/// 3 tries, a week between tries, 90 days).
#[test]
fn default_content_follows_the_coachs_numbers() {
    let site = fixture("default-content-coach-numbers");
    copy(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("content"),
        &site.path("content"),
    );
    site.build();
    let mut checked = 0;
    let mut found = Vec::new();
    for page in html_pages(&site.out()) {
        let html = std::fs::read_to_string(&page).unwrap();
        let words = words(&visible_text(&html));
        for (i, _) in words.iter().enumerate() {
            let ahead = |n: usize| words[i..(i + n).min(words.len())].join(" ");
            for (default, after) in FORBIDDEN {
                let phrase = format!("{default} {after}");
                if ahead(phrase.split(' ').count()) == phrase {
                    found.push(format!("{}: \"{phrase}\"", page.display()));
                }
            }
        }
        checked += 1;
    }
    assert!(checked > 20, "only {checked} pages built");
    assert!(
        found.is_empty(),
        "default numbers left in the prose:\n{}",
        found.join("\n")
    );
    let day1 = visible_text(&site.output("days/day-1/index.html"));
    assert!(
        day1.contains("12"),
        "day 1 names the coach's list size:\n{day1}"
    );
    let day5 = visible_text(&site.output("days/day-5/index.html"));
    assert!(
        day5.contains("10 days"),
        "day 5 uses follow_up_days:\n{day5}"
    );
}

/// Default numbers followed by what they count: none may be left once a coach changes them.
const FORBIDDEN: &[(&str, &str)] = &[
    ("20", "people"),
    ("20", "names"),
    ("20", "to start"),
    ("about", "five"),
    ("twenty", "people"),
    ("twenty", "names"),
    ("of", "20"),
    ("5", "a week"),
    ("five", "a week"),
    ("5", "people"),
    ("five", "people"),
    ("5", "names"),
    ("five", "names"),
    ("5", "new"),
    ("five", "new"),
    ("week's", "five"),
    ("your", "five"),
    ("of", "5"),
    ("3", "tries"),
    ("three", "tries"),
    ("3", "times"),
    ("three", "times"),
    ("3", "attempts"),
    ("three", "attempts"),
    ("third", "and last"),
    ("third", "try"),
    ("a week", "later"),
    ("a week or", "two"),
    ("about a", "week"),
    ("7", "days later"),
    ("90", "days"),
    ("three", "months"),
];

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn html_pages(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(html_pages(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    out
}

/// The page's text as a reader meets it: body text, the title and meta description, and the
/// tracker's data block (task texts and message bodies the people page shows).
fn visible_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut text = String::new();
    let all = scraper::Selector::parse("title, body, script[type='application/json']").unwrap();
    for el in doc.select(&all) {
        text.extend(el.text());
        text.push(' ');
    }
    let meta = scraper::Selector::parse("meta[name='description']").unwrap();
    for el in doc.select(&meta) {
        text.push_str(el.value().attr("content").unwrap_or(""));
        text.push(' ');
    }
    text
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '\u{2019}'))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('\u{2019}', "'"))
        .collect()
}
