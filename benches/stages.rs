//! Criterion benchmarks of the build's hot stages, one group per stage, so a regression shows
//! up stage by stage:
//!
//! - `load`: front matter of one ~5 KB page (`content::parse_page`: split + strict YAML)
//! - `markdown`: that page's Markdown to HTML (`markdown::render`: CommonMark, heading ids,
//!   task ids, blanks, `@/` links)
//! - `page`: both, the per-page work of load + resolve
//! - `render`: templates compiled (`render::compile`) and every page of a 100-page site
//!   rendered (`render::render`), with minimal templates and with the default theme
//! - `minify`: one rendered page minified (`output::Output::bytes(true)`)
//! - `pipeline`: `reachout::run` on the 100-page site (load + resolve + render, in memory)
//!
//! Run: `cargo bench --bench stages` (or `-- --quick` for a fast pass, `-- markdown` for one
//! group). The pages come from the deterministic benchmark corpus (`support/corpus.rs`).

#[path = "support/corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use reachout::content::{self, Meta, Page};
use reachout::markdown::{self, Resolve, Target};
use reachout::output::{Body, Kind, Output};
use reachout::theme::ThemeFiles;
use reachout::{BuildOptions, render, theme};

const SEED: u64 = 42;
/// Pages in the small site the render and pipeline groups build.
const SITE_PAGES: usize = 100;

/// Every `@/` link resolves; anchors are not checked (that needs the whole site).
struct AnyPage;

impl Resolve for AnyPage {
    fn resolve(&self, key: &str) -> Result<Target, String> {
        let stem = key.trim_start_matches('/').trim_end_matches(".md");
        Ok(Target {
            url: format!("/{}/", stem.trim_end_matches("_index")),
            page: None,
        })
    }
}

/// One page of each kind from the 1,000-page corpus: (label, key, source).
fn sample_pages() -> Vec<(&'static str, String, String)> {
    let sizes = corpus::section_sizes(1000);
    [("note", 0), ("message", 1), ("myth", 2), ("day", 3)]
        .into_iter()
        .map(|(label, s)| {
            let page = corpus::page(s, 7, &sizes, SEED);
            (label, page.key, page.source)
        })
        .collect()
}

fn parse(key: &str, source: String) -> Page {
    let file = PathBuf::from("content").join(key);
    content::parse_page(key.to_owned(), file, source).expect("corpus pages are valid")
}

/// The default tracker numbers, for `{{ name }}` in the corpus.
static SETTINGS: std::sync::LazyLock<reachout::settings::Settings> =
    std::sync::LazyLock::new(reachout::settings::Settings::default);

fn options(page: &Page) -> markdown::Options<'static> {
    markdown::Options {
        settings: &SETTINGS,
        tasks: matches!(page.meta, Meta::Day(_)),
        blanks: matches!(page.meta, Meta::Message(_)),
        task_ids: None,
        base_path: "/",
        raw_html: true,
    }
}

fn load_and_markdown(c: &mut Criterion) {
    let pages = sample_pages();
    let mut load = c.benchmark_group("load");
    for (label, key, source) in &pages {
        load.throughput(Throughput::Bytes(source.len() as u64));
        load.bench_function(*label, |b| {
            b.iter_batched(
                || source.clone(),
                |s| black_box(parse(key, s)),
                BatchSize::SmallInput,
            )
        });
    }
    load.finish();

    let mut md = c.benchmark_group("markdown");
    for (label, key, source) in &pages {
        let page = parse(key, source.clone());
        md.throughput(Throughput::Bytes(page.body().len() as u64));
        md.bench_function(*label, |b| {
            b.iter(|| black_box(markdown::render(&page, options(&page), &AnyPage)))
        });
    }
    md.finish();

    let mut both = c.benchmark_group("page");
    for (label, key, source) in &pages {
        both.throughput(Throughput::Bytes(source.len() as u64));
        both.bench_function(*label, |b| {
            b.iter_batched(
                || source.clone(),
                |s| {
                    let page = parse(key, s);
                    black_box(markdown::render(&page, options(&page), &AnyPage))
                },
                BatchSize::SmallInput,
            )
        });
    }
    both.finish();
}

/// A written corpus and the site resolved from it.
struct Fixture {
    _dir: tempfile::TempDir,
    options: BuildOptions,
    /// The site in its one language, with the theme's words.
    editions: Vec<render::Localized>,
    outputs: Vec<Output>,
    files: ThemeFiles,
}

impl Fixture {
    fn new(default_theme: bool) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        corpus::write(dir.path(), SITE_PAGES, SEED, false, default_theme).expect("write corpus");
        let options = BuildOptions {
            root: dir.path().to_path_buf(),
            ..BuildOptions::default()
        };
        let reachout::Built { site, outputs, .. } =
            reachout::run(&options).expect("the corpus builds");
        let files = theme::load(dir.path(), &site.config).expect("theme loads");
        let editions = vec![(site, files.strings.clone())];
        Fixture {
            _dir: dir,
            options,
            editions,
            outputs,
            files,
        }
    }

    fn theme_files(&self) -> ThemeFiles {
        ThemeFiles {
            templates: self.files.templates.clone(),
            statics: self.files.statics.clone(),
            strings: self.files.strings.clone(),
            warnings: Vec::new(),
        }
    }

    /// The rendered HTML of the page published at `path`.
    fn html(&self, path: &str) -> Vec<u8> {
        let output = self
            .outputs
            .iter()
            .find(|o| o.path == path)
            .unwrap_or_else(|| panic!("no output {path}"));
        output
            .bytes(false)
            .expect("rendered in memory")
            .into_owned()
    }
}

fn render_and_minify(c: &mut Criterion) {
    let fixtures = [
        ("minimal", Fixture::new(false)),
        ("default-theme", Fixture::new(true)),
    ];

    let mut group = c.benchmark_group("render");
    for (label, f) in &fixtures {
        group.throughput(Throughput::Elements(1));
        group.bench_function(format!("compile/{label}"), |b| {
            b.iter(|| black_box(render::compile(&f.files.templates).expect("compiles")))
        });
        let pages = f.editions[0].0.pages.len() as u64;
        group.throughput(Throughput::Elements(pages));
        group.bench_function(format!("site-{pages}-pages/{label}"), |b| {
            b.iter_batched(
                || {
                    let compiled = render::compile(&f.files.templates).expect("compiles");
                    (compiled, f.theme_files())
                },
                |(compiled, files)| {
                    let languages = reachout::view::switcher::Languages::default();
                    black_box(render::render(
                        &f.editions,
                        &languages,
                        compiled,
                        files,
                        Vec::new(),
                        &|o, _| Ok(o),
                    ))
                },
                BatchSize::LargeInput,
            )
        });
    }
    group.finish();

    let mut group = c.benchmark_group("minify");
    for (label, f) in &fixtures {
        for path in ["days/day-7/index.html", "notes/note-7/index.html"] {
            let page = Output {
                path: path.into(),
                body: Body::Owned(f.html(path)),
                kind: Kind::Html,
            };
            let len = page.bytes(false).expect("in memory").len();
            let kind = path.split('/').next().unwrap_or(path);
            group.throughput(Throughput::Bytes(len as u64));
            group.bench_function(format!("{kind}/{label}"), |b| {
                b.iter(|| black_box(page.bytes(true).expect("minifies").len()))
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group("pipeline");
    group.sample_size(20);
    for (label, f) in &fixtures {
        group.throughput(Throughput::Elements(f.editions[0].0.pages.len() as u64));
        group.bench_function(format!("run/{label}"), |b| {
            b.iter(|| black_box(reachout::run(&f.options).expect("builds")))
        });
    }
    group.finish();
}

criterion_group!(benches, load_and_markdown, render_and_minify);
criterion_main!(benches);
