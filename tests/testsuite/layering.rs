//! The module order: every `crate::` path in `src/` points at a module on an earlier line of
//! the order written at the top of `src/lib.rs` (and, inside `serve`, of `src/serve.rs`), so
//! the stages stay stages. A source scan, like the tracker's purity test in
//! `tests/tracker/progress.test.mjs`; test code (`#[cfg(test)]` onwards, `tests.rs` files) is
//! left out, since a test may look at any layer.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The lines of the fenced ` ```text ` block after `marker` in `file`'s module docs: one level
/// per line, modules of the same level separated by commas.
fn order(file: &Path, marker: &str) -> BTreeMap<String, usize> {
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines = text
        .lines()
        .map(|l| l.trim_start_matches("//!").trim())
        .skip_while(|l| !l.contains(marker))
        .skip_while(|l| *l != "```text")
        .skip(1);
    let mut levels = BTreeMap::new();
    for (level, line) in lines.by_ref().take_while(|l| *l != "```").enumerate() {
        for name in line.split(',') {
            let name = name.split_whitespace().next().unwrap_or_default();
            assert!(
                !name.is_empty(),
                "{}: empty name in the order",
                file.display()
            );
            levels.insert(name.to_owned(), level);
        }
    }
    assert!(
        levels.len() > 3,
        "{} has no order after `{marker}`",
        file.display()
    );
    levels
}

/// Every `.rs` file under `dir`, with its path relative to `dir`.
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its tests and line comments (doc links are not imports).
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|l| match l.trim_start().starts_with("//") {
            true => "",
            false => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first segments of every path that starts with `prefix::`, including each name of a
/// `prefix::{a, b::c}` group.
fn targets(code: &str, prefix: &str) -> Vec<String> {
    let mut found = Vec::new();
    let needle = format!("{prefix}::");
    let mut rest = code;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().next_back();
        rest = &rest[i + needle.len()..];
        // `foo_crate::x` or `xcrate::` is someone else's path.
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.push(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.push(name);
        }
    }
    found
}

/// `from -> to` edges that run against `levels`; a name not in `levels` is `fallback`'s.
fn violations(
    levels: &BTreeMap<String, usize>,
    edges: &[(String, String, PathBuf)],
    fallback: &str,
) -> Vec<String> {
    let level = |name: &str| {
        levels
            .get(name)
            .or_else(|| levels.get(fallback))
            .copied()
            .unwrap()
    };
    edges
        .iter()
        .filter(|(from, to, _)| from != to && level(to) >= level(from))
        .map(|(from, to, file)| format!("{} ({from}) uses {to}", file.display()))
        .collect()
}

#[test]
fn every_import_points_down_the_module_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let levels = order(&src.join("lib.rs"), "Module order");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut edges = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let first = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let module = first.trim_end_matches(".rs").to_owned();
        if module == "main" || rel.ends_with("tests.rs") {
            continue;
        }
        assert!(
            levels.contains_key(&module),
            "src/{} is not in the module order at the top of src/lib.rs",
            rel.display()
        );
        for to in targets(&code(file), "crate") {
            edges.push((module.clone(), to, rel.to_path_buf()));
        }
    }
    let wrong = violations(&levels, &edges, "lib");
    assert!(
        wrong.is_empty(),
        "imports against the module order in src/lib.rs:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn serve_is_a_dag_in_its_written_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let levels = order(&root.join("src/serve.rs"), "File order");
    let mut files = vec![root.join("src/serve.rs")];
    sources(&root.join("src/serve"), &mut files);
    let mut edges = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let module = if name == "serve" {
            "mod".to_owned()
        } else {
            name
        };
        assert!(
            levels.contains_key(&module),
            "{} is not in the file order at the top of src/serve.rs",
            file.display()
        );
        // serve.rs sits on top of its files: whatever it uses is below it.
        if module == "mod" {
            continue;
        }
        let code = code(file);
        let mut names = targets(&code, "crate::serve");
        names.extend(targets(&code, "super"));
        let rel = file.strip_prefix(root).unwrap().to_path_buf();
        for to in names {
            edges.push((module.clone(), to, rel.clone()));
        }
    }
    let wrong = violations(&levels, &edges, "mod");
    assert!(
        wrong.is_empty(),
        "serve's files import against the order in src/serve.rs:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn only_the_binary_and_serve_print() {
    // The library returns problems and warnings as diagnostics; `main.rs` prints them, and
    // `serve`, a long-running command, keeps its own console.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = root.join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let printing: Vec<String> = files
        .iter()
        .filter(|f| {
            let rel = f.strip_prefix(&src).unwrap();
            !(rel.starts_with("main.rs") || rel.starts_with("serve") || rel.starts_with("serve.rs"))
        })
        .filter(|f| {
            let code = code(f);
            ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("]
                .iter()
                .any(|m| code.contains(m))
        })
        .map(|f| f.strip_prefix(root).unwrap().display().to_string())
        .collect();
    assert!(
        printing.is_empty(),
        "these library files print; return a Diagnostic (warning) instead: {printing:?}"
    );
}
