//! Shared helpers: fixture copies, builds, `<main>` extraction, CLI runs and redaction.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use reachout::diag::{Diagnostic, Error, Position};
use reachout::{BuildOptions, Summary};
use scraper::{ElementRef, Html, Selector};
use tempfile::TempDir;

/// A copy of a fixture site in its own temporary folder (removed on drop).
pub struct Site {
    tmp: TempDir,
    /// The site's root (holds `site.yaml`): `<tmp>/site`.
    pub root: PathBuf,
}

/// Copies `tests/fixtures/<name>/` to a fresh temporary folder.
pub fn fixture(name: &str) -> Site {
    let src = fixtures_dir().join(name);
    assert!(src.is_dir(), "no fixture folder {}", src.display());
    let site = empty_site();
    copy_dir(&src, &site.root);
    site
}

/// A temporary folder with an empty `site/` folder in it, for `init` and friends.
pub fn empty_site() -> Site {
    let tmp = tempfile::tempdir().expect("create temp dir");
    let root = tmp.path().join("site");
    std::fs::create_dir_all(&root).expect("create site dir");
    Site { tmp, root }
}

/// `tests/fixtures/`.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

fn copy_dir(src: &Path, dst: &Path) {
    std::fs::create_dir_all(dst).expect("create dir");
    for entry in std::fs::read_dir(src).expect("read fixture dir") {
        let entry = entry.expect("read fixture entry");
        let to = dst.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &to);
        } else {
            std::fs::copy(entry.path(), &to).expect("copy fixture file");
        }
    }
}

impl Site {
    /// The temporary folder that holds `root`, for outputs outside the site.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// Options for building this site into `root/public`.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            ..BuildOptions::default()
        }
    }

    /// Builds with the default options; panics with the diagnostics on failure.
    pub fn build(&self) -> Summary {
        self.build_ok(self.options())
    }

    /// Builds with `options`; panics with the diagnostics on failure.
    pub fn build_ok(&self, options: BuildOptions) -> Summary {
        reachout::build_with_env(&options, &no_env)
            .unwrap_or_else(|e| panic!("build should succeed:\n{e}"))
    }

    /// Builds with the default options and returns the listed problems; panics on success.
    pub fn problems(&self) -> Vec<Diagnostic> {
        invalid(reachout::build_with_env(&self.options(), &no_env))
    }

    /// Like [`Site::problems`], for a site with exactly one problem.
    #[track_caller]
    pub fn problem(&self) -> Diagnostic {
        let mut list = self.problems();
        assert_eq!(
            list.len(),
            1,
            "expected one problem, got:\n{}",
            Error::Invalid(list.clone())
        );
        list.remove(0)
    }

    /// The default output folder.
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }

    /// Path of a file in the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Reads an output file as text.
    #[track_caller]
    pub fn output(&self, rel: &str) -> String {
        let path = self.out().join(rel);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// True when the build wrote `rel`.
    pub fn has_output(&self, rel: &str) -> bool {
        self.out().join(rel).is_file()
    }

    /// The `<main>` element of an output page.
    #[track_caller]
    pub fn main(&self, rel: &str) -> Main {
        Main::of(&self.output(rel), rel)
    }

    /// Overwrites (or creates) a file of the site.
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(&path, text).expect("write site file");
    }

    /// `reachout` run in the site's root.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut cmd = reachout();
        cmd.current_dir(&self.root);
        cmd
    }

    /// Replaces the temporary folder's path with `[TMP]` so snapshots are stable.
    pub fn redact(&self, text: &str) -> String {
        redact_timing(&text.replace(&self.tmp.path().display().to_string(), "[TMP]"))
    }
}

/// The problems of an [`Error::Invalid`]; panics with a readable message otherwise.
#[track_caller]
pub fn invalid<T>(result: reachout::diag::Result<T>) -> Vec<Diagnostic> {
    match result {
        Err(Error::Invalid(list)) => list,
        Err(other) => panic!("expected a list of problems, got:\n{other}"),
        Ok(_) => panic!("expected the build to fail"),
    }
}

/// An empty environment, so builds are the same inside GitHub Actions (which would otherwise
/// give every fixture the base URL `https://OWNER.github.io/REPO/`) and outside.
pub fn no_env(_: &str) -> Option<String> {
    None
}

/// The variables a build reads to derive its base URL in GitHub Actions.
pub const GITHUB_VARS: [&str; 3] = ["GITHUB_ACTIONS", "GITHUB_REPOSITORY", "GITHUB_SERVER_URL"];

/// `reachout` with no working directory set, and without GitHub Actions' variables (see
/// [`no_env`]); a test that wants them sets them.
pub fn reachout() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_reachout"));
    for var in GITHUB_VARS {
        cmd.env_remove(var);
    }
    cmd
}

/// Replaces `123 ms` with `[TIME] ms`.
pub fn redact_timing(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" ms") {
        let digits = rest[..i]
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .count();
        out.push_str(&rest[..i - digits]);
        out.push_str(if digits > 0 { "[TIME]" } else { "" });
        out.push_str(" ms");
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// Every file under `dir`, by `/`-separated relative path, with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let rel = path
                .strip_prefix(base)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, std::fs::read(&path).expect("read file"));
        }
    }
}

/// Names of the entries directly in `dir`, sorted.
pub fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Checks where a problem is reported.
#[track_caller]
pub fn assert_at(d: &Diagnostic, file: &str, line: usize, column: usize) {
    assert_eq!(d.file, Path::new(file), "wrong file in:\n{d}");
    assert_eq!(
        d.position,
        Some(Position { line, column }),
        "wrong position in:\n{d}"
    );
}

/// The hint of a problem; fails when it has none.
#[track_caller]
pub fn hint(d: &Diagnostic) -> &str {
    d.hint
        .as_deref()
        .unwrap_or_else(|| panic!("the problem has no hint telling the coach what to do:\n{d}"))
}

/// The `<main>` element of a page, parsed with scraper.
pub struct Main {
    html: Html,
}

impl Main {
    /// Parses `document` and keeps its only `<main>`.
    #[track_caller]
    pub fn of(document: &str, page: &str) -> Main {
        let doc = Html::parse_document(document);
        let mains: Vec<ElementRef> = doc.select(&selector("main")).collect();
        assert_eq!(mains.len(), 1, "{page} should have exactly one <main>");
        Main {
            html: Html::parse_fragment(&mains[0].inner_html()),
        }
    }

    /// Elements matching `css`.
    pub fn select(&self, css: &str) -> Vec<ElementRef<'_>> {
        self.html.select(&selector(css)).collect()
    }

    /// Text of each element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.select(css).iter().map(text).collect()
    }

    /// Value of `attr` on each element matching `css` that has it.
    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.select(css)
            .iter()
            .filter_map(|e| e.value().attr(attr).map(str::to_owned))
            .collect()
    }

    /// Link targets below `prefix` (the section page itself left out), in document order, each
    /// kept once.
    pub fn links_under(&self, prefix: &str) -> Vec<String> {
        let mut seen = Vec::new();
        for href in self.attrs("a[href]", "href") {
            if href.starts_with(prefix) && href != prefix && !seen.contains(&href) {
                seen.push(href);
            }
        }
        seen
    }

    /// The HTML inside `<main>`.
    pub fn html(&self) -> String {
        self.html.root_element().inner_html()
    }
}

/// Text of an element with whitespace collapsed.
pub fn text(e: &ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parses a CSS selector written in a test.
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector `{css}`: {e:?}"))
}

/// What a finished command printed.
#[derive(Debug)]
pub struct Run {
    /// Exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Runs `cmd` to completion and collects its exit code and output.
pub fn run(mut cmd: assert_cmd::Command) -> Run {
    let out = cmd.output().expect("run reachout");
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

impl Site {
    /// Runs `reachout ARGS` in the site's root.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = self.cmd();
        cmd.args(args);
        run(cmd)
    }
}

/// The tracker's data file a page's inline block names (`data_url`), parsed: the site-wide
/// days and messages (docs/src/themes/tracker.md).
pub fn tracker_file(site: &Site, inline: &serde_json::Value) -> serde_json::Value {
    let url = inline["data_url"]
        .as_str()
        .expect("data_url in the inline block");
    let base = inline["base_path"].as_str().expect("base_path");
    let rel = url
        .strip_prefix(base)
        .expect("data_url under the base path");
    serde_json::from_str(&site.output(rel)).expect("the data file is JSON")
}

/// The inline block with the data file's days and messages put in: what the tracker script
/// holds once the file is in.
pub fn tracker_all(site: &Site, inline: serde_json::Value) -> serde_json::Value {
    let file = tracker_file(site, &inline);
    let mut all = inline;
    all["days"] = file["days"].clone();
    all["messages"] = file["messages"].clone();
    all
}
