//! The output folder: replaced as a whole on success, untouched on failure, never a folder
//! reachout did not write, never inside the site's sources; HTML, scripts and
//! stylesheets minified unless turned off.

use reachout::BuildOptions;
use reachout::diag::Error;

use crate::support::{entries, fixture, invalid, tree};

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = fixture("one-of-each-kind");
    site.build();
    let before = tree(&site.out());
    assert!(before.contains_key("days/day-2/index.html"));

    site.write(
        "content/days/day-2.md",
        "---\ntitle: \"Day 2\"\nday: two\ngoal: \"Goal.\"\n---\n",
    );
    let problems = invalid(reachout::build(&site.options()));
    assert!(!problems.is_empty());

    assert!(
        tree(&site.out()) == before,
        "the previous output changed after a failed build"
    );
    let leftovers: Vec<String> = entries(&site.root)
        .into_iter()
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn successful_build_replaces_the_previous_output_as_a_whole() {
    let site = fixture("one-of-each-kind");
    site.build();
    assert!(site.has_output("about/index.html"));
    std::fs::remove_file(site.path("content/about.md")).unwrap();
    site.build();
    assert!(
        !site.has_output("about/index.html"),
        "a page removed from content/ is still published"
    );
    assert!(site.has_output("days/day-1/index.html"));
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_write() {
    let site = fixture("one-of-each-kind");
    let out = site.tmp().join("documents");
    std::fs::create_dir_all(out.join("taxes")).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    std::fs::write(out.join("taxes/2024.txt"), "numbers").unwrap();
    let before = tree(&out);

    let err = reachout::build(&BuildOptions {
        output: Some(out.clone()),
        ..site.options()
    })
    .unwrap_err();

    assert!(matches!(err, Error::Refused { .. }), "{err}");
    assert!(err.to_string().contains("not empty"), "{err}");
    assert!(tree(&out) == before, "the folder's files changed");
    assert_eq!(entries(&out), ["notes.txt", "taxes"]);
}

#[test]
fn rebuilds_into_a_folder_it_wrote_before() {
    let site = fixture("one-of-each-kind");
    let out = site.tmp().join("www");
    let options = BuildOptions {
        output: Some(out.clone()),
        ..site.options()
    };
    site.build_ok(options.clone());
    site.build_ok(options);
    assert!(out.join("index.html").is_file());
}

#[test]
fn refuses_an_output_inside_content() {
    let site = fixture("one-of-each-kind");
    let out = site.path("content/public");
    let err = reachout::build(&BuildOptions {
        output: Some(out.clone()),
        ..site.options()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Refused { .. }), "{err}");
    assert!(
        err.to_string().contains("inside the site's sources"),
        "{err}"
    );
    assert!(!out.exists(), "nothing may be written into content/");
}

#[test]
fn refuses_an_output_inside_content_reached_through_dot_dot() {
    let site = fixture("one-of-each-kind");
    // `public/../content/out` is `content/out`.
    let out = site.path("public/../content/out");
    let result = reachout::build(&BuildOptions {
        output: Some(out),
        ..site.options()
    });
    let written = site.path("content/out");
    assert!(
        !written.exists(),
        "the site was written into content/out: {:?}",
        entries(&written)
    );
    assert!(matches!(result, Err(Error::Refused { .. })), "{result:?}");
}

#[test]
fn html_is_minified_by_default() {
    let site = fixture("one-of-each-kind");
    site.build();
    let html = site.output("days/day-1/index.html");
    assert!(!html.contains(">\n"), "expected minified HTML:\n{html}");
    // CSS and XML are not HTML and are left as written.
    assert!(site.output("sitemap.xml").contains(">\n"));
}

#[test]
fn theme_scripts_and_stylesheets_are_minified_by_default() {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let site = fixture("one-of-each-kind");
    site.build();
    let source = std::fs::read_to_string(theme.join("js/tracker.js")).unwrap();
    let js = site.output("js/tracker.js");
    assert!(
        js.len() * 4 < source.len() * 3,
        "{} of {} bytes",
        js.len(),
        source.len()
    );
    // Comments go (the file starts with one), the module's imports stay as written.
    let comment = source.lines().next().unwrap().trim_start_matches("// ");
    assert!(
        !js.contains(comment) && js.contains("\"./tracker-core.js\""),
        "{js}"
    );
    let css = site.output("css/style.css");
    assert!(!css.contains("/*") && !css.contains('\n'), "{css}");
    let off = fixture("minify-off");
    off.build();
    assert_eq!(off.output("js/tracker.js"), source);
}

#[test]
fn minify_false_keeps_the_templates_newlines() {
    let site = fixture("minify-off");
    site.build();
    let html = site.output("days/day-1/index.html");
    assert!(
        html.contains("\n<main"),
        "expected the template's line breaks:\n{html}"
    );
    assert!(html.lines().count() > 10, "{html}");
}

#[test]
fn check_writes_nothing() {
    let site = fixture("one-of-each-kind");
    let before = tree(&site.root);
    reachout::check(&site.options()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!site.out().exists(), "check created public/");
    assert!(tree(&site.root) == before, "check changed the site's files");
}
