//! Every output path has one owner: two sources that would be published at the same address
//! are an error naming both, never a silent overwrite.

use crate::support::{Site, fixture};

/// The one problem of `site`, as text.
fn collision(site: &Site) -> String {
    let d = site.problem();
    let text = d.to_string();
    assert!(text.contains("both published at"), "{text}");
    text
}

const PAGE: &str = "---\ntitle: \"T\"\n---\n\nText.\n";

#[test]
fn a_page_and_the_section_made_for_its_folder() {
    let site = fixture("one-of-each-kind");
    site.write("content/about/team.md", PAGE);
    let text = collision(&site);
    assert!(
        text.contains("about.md") && text.contains("the folder about/"),
        "{text}"
    );
    assert!(text.contains("about/index.html"), "{text}");
}

#[test]
fn a_page_and_a_section_index_of_the_same_name() {
    let site = fixture("one-of-each-kind");
    site.write("content/about/_index.md", PAGE);
    let text = collision(&site);
    assert!(
        text.contains("about.md") && text.contains("about/_index.md"),
        "{text}"
    );
}

#[test]
fn a_content_file_in_place_of_a_generated_page_or_file() {
    for (file, owner) in [
        ("content/index.html", "_index.md"),
        ("content/sitemap.xml", "sitemap.xml reachout writes"),
        ("content/404.html", "404.html reachout writes"),
        ("content/sw.js", "sw.js reachout writes"),
        ("content/css/style.css", "style.css"),
        ("static/about/index.html", "about.md"),
    ] {
        let site = fixture("one-of-each-kind");
        site.write(file, "x");
        let text = collision(&site);
        assert!(
            text.contains(file.rsplit('/').next().unwrap()) && text.contains(owner),
            "{file}: {text}"
        );
    }
}

#[test]
fn a_file_ending_in_index_md_is_a_plain_page_not_a_second_home() {
    let site = fixture("one-of-each-kind");
    site.write("content/site_index.md", PAGE);
    let summary = site.build().to_string();
    assert!(summary.contains("1 home"), "{summary}");
    assert!(site.out().join("site_index/index.html").is_file());
}

#[test]
fn a_folder_named_like_a_language_and_that_language_s_translation() {
    let site = fixture("two-languages");
    // people.es.md is the Spanish people page; content/es/people.md claims the same address.
    site.write("content/es/people.md", PAGE);
    let problems = site.problems();
    let text: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert!(
        text.iter().any(|t| t.contains("es/people/index.html")
            && t.contains("people.es.md")
            && t.contains("es/people.md")),
        "{text:#?}"
    );
}

#[test]
fn a_content_file_named_like_the_tracker_data_file() {
    let site = fixture("one-of-each-kind");
    site.build();
    let data = std::fs::read_dir(site.out().join("js"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("data-"))
        .expect("a data file");
    site.write(&format!("content/js/{data}"), "{}");
    let text = collision(&site);
    assert!(
        text.contains(&data) && text.contains("reachout writes"),
        "{text}"
    );
}
