//! Install and offline: the web app manifest and the service worker `sw.js` that `build` writes
//! (issue 7); `serve` and `check` write no worker.

use std::collections::BTreeMap;

use crate::support::{fixture, no_env, tree};

const SITE: &str = "pwa-offline-site";

/// The `FILES` map of a written `sw.js` (path -> digest).
fn listed(sw: &str) -> BTreeMap<String, String> {
    let start = sw.find("const FILES = ").expect("FILES in sw.js") + 14;
    let end = start + sw[start..].find("};").expect("end of FILES") + 1;
    serde_json::from_str(&sw[start..end]).unwrap_or_else(|e| panic!("FILES is not JSON: {e}"))
}

/// The `VERSION` of a written `sw.js`.
fn version(sw: &str) -> String {
    let line = sw
        .lines()
        .find(|l| l.starts_with("const VERSION = "))
        .expect("VERSION in sw.js");
    line.trim_start_matches("const VERSION = \"")
        .trim_end_matches("\";")
        .to_owned()
}

#[test]
fn manifest_is_json_scoped_to_the_base_path_with_icons_that_exist() {
    let site = fixture(SITE);
    site.build();
    let text = site.output("manifest.webmanifest");
    let manifest: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"));
    assert_eq!(manifest["name"], "The \"Reach Out\" week");
    assert_eq!(manifest["short_name"], "Reach Out");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["theme_color"], "#7a3e9d", "extra.css_vars.accent");
    assert_eq!(manifest["background_color"], "#faf8f5");
    // Relative URLs resolve against the manifest, which lives at the base path.
    let at = "https://coach.github.io/reach-out/manifest.webmanifest";
    let resolve = |u: &serde_json::Value| resolve(at, u.as_str().expect("a URL string"));
    assert_eq!(resolve(&manifest["start_url"]), "/reach-out/");
    assert_eq!(resolve(&manifest["scope"]), "/reach-out/");
    let icons = manifest["icons"].as_array().expect("icons");
    let srcs: Vec<String> = icons.iter().map(|i| resolve(&i["src"])).collect();
    for wanted in [
        "icons/icon-192.png",
        "icons/icon-512.png",
        "icons/icon-maskable-512.png",
        "icons/icon.svg",
    ] {
        let path = format!("/reach-out/{wanted}");
        assert!(srcs.contains(&path), "{path} not in {srcs:?}");
        assert!(site.has_output(wanted), "{wanted} is not in the output");
    }
    assert!(
        icons.iter().any(|i| i["purpose"] == "maskable"),
        "a maskable icon for Android"
    );
    let home = scraper::Html::parse_document(&site.output("index.html"));
    let attr = |css: &str, name: &str| -> Vec<String> {
        let selector = scraper::Selector::parse(css).expect("selector");
        home.select(&selector)
            .filter_map(|e| e.value().attr(name).map(str::to_owned))
            .collect()
    };
    assert_eq!(
        attr("link[rel=manifest]", "href"),
        ["/reach-out/manifest.webmanifest"]
    );
    assert!(attr("script[type=module]", "src").contains(&"/reach-out/js/pwa.js".to_owned()));
}

/// Resolves `url` against `base` (both path-only or `https://host/...`), returning the path.
fn resolve(base: &str, url: &str) -> String {
    let path = |u: &str| match u.split_once("://") {
        Some((_, rest)) => rest[rest.find('/').unwrap_or(rest.len())..].to_owned(),
        None => u.to_owned(),
    };
    if url.contains("://") || url.starts_with('/') {
        return path(url);
    }
    let base = path(base);
    let dir = &base[..=base.rfind('/').expect("a path")];
    let mut parts: Vec<&str> = dir.split('/').collect();
    parts.pop();
    for part in url.split('/') {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

#[test]
fn short_name_defaults_to_the_title() {
    let site = fixture(SITE);
    site.write(
        "site.yaml",
        "title: 'Seven days'\nbase_url: \"https://coach.github.io/reach-out/\"\n",
    );
    site.build();
    let manifest: serde_json::Value =
        serde_json::from_str(&site.output("manifest.webmanifest")).expect("JSON");
    assert_eq!(manifest["short_name"], "Seven days");
    assert_eq!(manifest["theme_color"], "#0e6b6b", "the theme's accent");
}

#[test]
fn colours_follow_brand_colors() {
    let site = fixture(SITE);
    site.write(
        "site.yaml",
        "title: 'Seven days'\nbase_url: \"https://coach.github.io/reach-out/\"\nbrand:\n  colors: { accent: \"#7a3e9d\", background: \"#fffdf8\" }\n",
    );
    site.build();
    let manifest: serde_json::Value =
        serde_json::from_str(&site.output("manifest.webmanifest")).expect("JSON");
    assert_eq!(manifest["theme_color"], "#7a3e9d");
    assert_eq!(manifest["background_color"], "#fffdf8");
}

#[test]
fn sw_lists_every_output_file_with_its_digest() {
    let site = fixture(SITE);
    site.build();
    let sw = site.output("sw.js");
    assert!(sw.starts_with("const BASE = \"/reach-out/\";\n"), "{sw}");
    let files = listed(&sw);
    let mut expected = BTreeMap::new();
    for (path, bytes) in tree(&site.out()) {
        // Dotfiles are not published by upload-pages-artifact, CNAME is not a page, and the
        // worker does not cache itself.
        if path.starts_with('.') || path == "CNAME" || path == "sw.js" {
            continue;
        }
        expected.insert(path, reachout::output::pwa::digest(&bytes));
    }
    assert_eq!(files, expected);
    for page in [
        "index.html",
        "days/day-1/index.html",
        "about/index.html",
        "404.html",
        "manifest.webmanifest",
        "js/pwa.js",
        "css/style.css",
        "days/worksheet.txt",
        "img/dot.svg",
    ] {
        assert!(files.contains_key(page), "{page} not listed");
    }
    assert!(site.has_output("CNAME") && !files.contains_key("CNAME"));
    // Cache names carry the base path, so sites sharing an origin keep their own caches.
    assert!(sw.contains("const PREFIX = `reachout:${BASE}:`;"), "{sw}");
}

#[test]
fn version_changes_when_a_page_changes_and_not_otherwise() {
    let site = fixture(SITE);
    site.build();
    let first = version(&site.output("sw.js"));
    assert_eq!(first.len(), 16, "{first}");
    site.build();
    assert_eq!(
        version(&site.output("sw.js")),
        first,
        "same sources, same version"
    );
    site.write(
        "content/about.md",
        "---\ntitle: About\n---\nAbout this challenge, reworded.\n",
    );
    site.build();
    let second = site.output("sw.js");
    assert_ne!(version(&second), first, "a changed page is a new version");
    assert!(listed(&second).contains_key("about/index.html"));
}

#[test]
fn check_and_serve_write_no_service_worker() {
    let site = fixture(SITE);
    // `serve` builds through `run`; `check` through the same pipeline with nothing kept.
    let outputs = reachout::run(&site.options()).expect("run").outputs;
    assert!(outputs.iter().any(|o| o.path == "manifest.webmanifest"));
    assert!(
        !outputs.iter().any(|o| o.path == "sw.js"),
        "serve would cache its preview"
    );
    reachout::check(&site.options()).expect("check");
    assert!(!site.out().exists(), "check writes nothing");
    // The build does write it, and the summary counts it.
    let summary = reachout::build_with_env(&site.options(), &no_env).expect("build");
    assert!(site.has_output("sw.js"));
    assert_eq!(
        summary.files,
        tree(&site.out()).len() - 1,
        "all but the marker"
    );
}

#[test]
fn files_named_with_hash_question_mark_or_accents_are_listed_as_they_are_published() {
    let site = fixture("pwa-offline-site");
    for name in ["handout#1.pdf", "what?.txt", "café menu.txt"] {
        site.write(&format!("content/{name}"), "x");
    }
    site.build();
    let sw = std::fs::read_to_string(site.out().join("sw.js")).unwrap();
    let files = listed(&sw);
    for name in ["handout#1.pdf", "what?.txt", "café menu.txt"] {
        assert!(files.contains_key(name), "{name} in {files:?}");
        assert!(site.out().join(name).is_file(), "{name} is published");
    }
    // The worker percent-encodes each segment before fetching (a browser test installs it).
    assert!(sw.contains("map(encodeURIComponent)"), "{sw}");
}

#[test]
fn a_file_name_that_cannot_be_a_web_address_is_an_error_naming_it() {
    use std::os::unix::ffi::OsStrExt;
    let site = fixture("pwa-offline-site");
    site.write("content/two\nlines.pdf", "x");
    let content = site.root.join("content");
    // Two names that differ only in bytes that are not UTF-8: once they became one file.
    for bytes in [&b"img-\xff.png"[..], b"img-\xfe.png"] {
        std::fs::write(content.join(std::ffi::OsStr::from_bytes(bytes)), "x").unwrap();
    }
    let problems = site.problems();
    let text: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert_eq!(problems.len(), 3, "{text:#?}");
    assert!(
        text.iter()
            .any(|t| t.contains("two\\nlines.pdf") && t.contains("control character")),
        "{text:#?}"
    );
    assert_eq!(
        text.iter()
            .filter(|t| t.contains("not valid UTF-8"))
            .count(),
        2,
        "{text:#?}"
    );
    assert!(text.iter().all(|t| t.contains("web address")), "{text:#?}");
}
