//! The documentation holds together: every relative link in README.md, CONTRIBUTING.md,
//! ARCHITECTURE.md and the book (`docs/src/`) reaches a file (and a heading, when it names
//! one), every book page is in `SUMMARY.md`, and every page an error hint sends a coach to
//! (`diag::docs_url("…")` in `src/`) exists.

use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn markdown_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

/// The targets of `[text](target)` links, outside code blocks and code spans.
fn links(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        }
        if fenced || line.starts_with("    ") {
            continue;
        }
        // Code spans may hold `](` that is not a link.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(i) = rest.find("](") {
            rest = &rest[i + 2..];
            if let Some(end) = rest.find(')') {
                found.push(rest[..end].to_owned());
            }
        }
    }
    found
}

/// mdBook's id of a heading: lowercase, spaces to `-`, other punctuation dropped.
fn heading_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| {
            l.trim_start_matches('#')
                .trim()
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

#[test]
fn every_relative_link_reaches_a_file_and_heading() {
    let mut files = vec![
        root().join("README.md"),
        root().join("CONTRIBUTING.md"),
        root().join("ARCHITECTURE.md"),
    ];
    markdown_files(&root().join("docs/src"), &mut files);
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for link in links(&text) {
            // `../../releases` from README.md is a page of the repository on GitHub.
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with("../../") {
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
            let target = if path.is_empty() {
                file.clone()
            } else {
                file.parent().unwrap().join(path)
            };
            if !target.exists() {
                broken.push(format!("{}: {link} (no such file)", file.display()));
                continue;
            }
            if !anchor.is_empty() && target.extension().is_some_and(|e| e == "md") {
                let ids = heading_ids(&std::fs::read_to_string(&target).unwrap());
                if !ids.iter().any(|id| id == anchor) {
                    broken.push(format!("{}: {link} (no such heading)", file.display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_book_page_is_in_the_summary() {
    let src = root().join("docs/src");
    let summary = std::fs::read_to_string(src.join("SUMMARY.md")).unwrap();
    let listed = links(&summary);
    let mut pages = Vec::new();
    markdown_files(&src, &mut pages);
    for page in pages {
        let rel = page
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel != "SUMMARY.md" {
            assert!(listed.contains(&rel), "docs/src/{rel} is not in SUMMARY.md");
        }
    }
}

#[test]
fn every_page_a_hint_names_exists() {
    let mut sources = Vec::new();
    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    rust_files(&root().join("src"), &mut sources);
    let mut named = 0;
    for file in sources {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("see README.md") && !text.contains("(README, "),
            "{} sends coaches to a README they do not have; name a book page with docs_url",
            file.display()
        );
        for part in text.split("docs_url(\"").skip(1) {
            let page = part.split('"').next().unwrap();
            named += 1;
            assert!(
                root().join("docs/src").join(format!("{page}.md")).is_file(),
                "{}: docs_url(\"{page}\") names no page in docs/src",
                file.display()
            );
        }
    }
    assert!(named >= 4, "the hints' pages were not found ({named})");
}
