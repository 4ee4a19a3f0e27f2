//! Reach Out: a static site generator for 7-day reach-out challenge websites.
//!
//! The build is a pipeline with plain data between stages: load ([`config`], [`content`],
//! [`theme`]) -> [`editions`] (one per content language) -> [`resolve`] (order, URLs, links,
//! validation) -> [`render`] (each page an [`output::Output`] built from the [`view`] model,
//! handed to a sink as soon as it is rendered) -> [`output::Staging`] (minify, write, one swap
//! at the end) or memory ([`serve`]).
//!
//! Module order: a module uses only modules on earlier lines (one line is one level; modules
//! on the same line do not use each other). `tests/testsuite/layering.rs` reads this list and
//! fails on any `crate::` path that points up or sideways; ARCHITECTURE.md explains it.
//!
//! ```text
//! diag, text
//! yaml, output
//! config
//! publish
//! content
//! settings, cms
//! markdown
//! i18n
//! theme
//! editions
//! resolve
//! view
//! render
//! lib
//! serve, scaffold
//! ```

// `Diagnostic` (128 bytes with its severity) is the error of every parsing step. Problems are
// the cold path and are collected by the list, so boxing each one would buy nothing.
#![allow(clippy::result_large_err)]

pub mod cms;
pub mod config;
pub mod content;
pub mod diag;
pub mod editions;
pub mod i18n;
pub mod markdown;
pub mod output;
pub mod publish;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod serve;
pub mod settings;
pub mod text;
pub mod theme;
pub mod view;
pub mod yaml;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use config::Config;
use content::{CONTENT_DIR, Meta};
use diag::{Diagnostic, Error, Result};
use output::Output;
use publish::BaseSource;

/// What to build and how.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root folder (holds `site.yaml`).
    pub root: PathBuf,
    /// Output folder; `ROOT/public` when not given.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

impl BuildOptions {
    /// The output folder this build writes to.
    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build produced, for the one-line summary.
#[derive(Debug, Clone)]
pub struct Summary {
    /// Pages by kind (`day`, `myth`, ...), every language's.
    pub pages: BTreeMap<&'static str, usize>,
    /// How many content languages the site has.
    pub languages: usize,
    /// Files in the output, pages included.
    pub files: usize,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// The base URL the site was built for (`/` alone when no host is known).
    pub base_url: String,
    /// Which setting chose that base URL.
    pub base_source: BaseSource,
    /// What the coach should know that did not stop the build; the caller shows them.
    pub warnings: Vec<Diagnostic>,
}

/// An in-memory build (see [`run`]).
#[derive(Debug)]
pub struct Built {
    /// The main language's resolved site.
    pub site: resolve::Site,
    /// Every output file, every language's, not yet minified.
    pub outputs: Vec<Output>,
    /// What the coach should know that did not stop the build.
    pub warnings: Vec<Diagnostic>,
}

/// What [`run_all`] hands back: the resolved sites, what the sink returned for each file,
/// which setting chose the base URL (for the summary) and the warnings.
struct Ran<T> {
    sites: Vec<render::Localized>,
    outputs: Vec<T>,
    base_source: BaseSource,
    warnings: Vec<Diagnostic>,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let total: usize = self.pages.values().sum();
        let kinds: Vec<String> = self
            .pages
            .iter()
            .map(|(k, n)| match (*n, k.strip_suffix('s')) {
                (1, Some(one)) => format!("1 {one}"),
                _ => format!("{n} {k}"),
            })
            .collect();
        let languages = match self.languages {
            0 | 1 => String::new(),
            n => format!(" in {n} languages"),
        };
        write!(
            f,
            "{total} pages{languages} ({}), {} files in {} ms",
            kinds.join(", "),
            self.files,
            self.elapsed.as_millis()
        )?;
        // A derived address is the one a coach did not write down, so the log shows it.
        if self.base_source == BaseSource::GitHubActions {
            write!(f, ", base URL {} ({})", self.base_url, self.base_source)?;
        }
        Ok(())
    }
}

/// Looks a variable up in the process environment; the build's only view of it.
fn process_env(key: &str) -> Option<String> {
    std::env::var(key).ok()
}

/// Builds the site into its output folder; the previous output stays intact on any error.
pub fn build(options: &BuildOptions) -> Result<Summary> {
    build_with_env(options, &process_env)
}

/// Like [`build`], reading environment variables (GitHub Actions' base URL) through `env`.
pub fn build_with_env(
    options: &BuildOptions,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
) -> Result<Summary> {
    let start = Instant::now();
    let out = options.output_dir();
    check_output_location(&options.root, &out)?;
    // Dropped without `finish` on any error below, which removes the half-written folder.
    let staging = output::Staging::beside(&out)?;
    let write = |output: Output, minify| output::pwa::record(&staging, output, minify);
    let ran = run_all(options, env, &write)?;
    let base_path = ran
        .sites
        .first()
        .map_or("/", |(site, _)| site.base.path.as_str());
    // Only published builds get a service worker: `serve`'s preview must never be cached.
    staging.write(&output::pwa::service_worker(base_path, &ran.outputs), false)?;
    staging.finish()?;
    let files = ran.outputs.len() + 1;
    Ok(summarize(ran, files, start))
}

/// Runs the whole pipeline in memory, minifying included, and writes nothing.
pub fn check(options: &BuildOptions) -> Result<Summary> {
    let start = Instant::now();
    let minify = |output: Output, minify| output.bytes(minify).map(drop);
    let ran = run_all(options, &process_env, &minify)?;
    let files = ran.outputs.len();
    Ok(summarize(ran, files, start))
}

/// Loads, resolves and renders; every problem of every stage that could run is returned.
pub fn run(options: &BuildOptions) -> Result<Built> {
    let ran = run_all(options, &process_env, &|output, _| Ok(output))?;
    // `editions` always gives the main language first, so there is one.
    let site = ran.sites.into_iter().next().map(|(site, _)| site);
    let site = site.ok_or_else(|| Error::Refused {
        message: "the site has no main language".into(),
        hint: "set `language:` in site.yaml".into(),
    })?;
    Ok(Built {
        site,
        outputs: ran.outputs,
        warnings: ran.warnings,
    })
}

/// The stack of the threads a build runs on: the Markdown renderer and the minifiers recurse
/// once per nesting level, and input nested up to [`output::minify::MAX_NESTING`] needs a small
/// part of this (deeper input is not minified), so no page can overflow it and abort.
const WORKER_STACK: usize = 32 << 20;

/// The pipeline into `sink`; every problem of every stage that could run is returned.
/// Runs on its own worker threads with [`WORKER_STACK`]-sized stacks, the calling thread's
/// included (rayon's default threads have 2 MiB).
fn run_all<T: Send>(
    options: &BuildOptions,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    sink: render::Sink<'_, T>,
) -> Result<Ran<T>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|n| format!("reachout-build-{n}"))
        .build()
        .map_err(|e| Error::Refused {
            message: format!("cannot start the build's worker threads: {e}"),
            hint: "free some memory or threads and run it again".into(),
        })?;
    pool.install(|| pipeline(options, env, sink))
}

/// [`run_all`]'s stages, on the calling thread pool.
fn pipeline<T: Send>(
    options: &BuildOptions,
    env: &(dyn Fn(&str) -> Option<String> + Sync),
    sink: render::Sink<'_, T>,
) -> Result<Ran<T>> {
    let root = &options.root;
    let relative = |list: Vec<Diagnostic>| -> Vec<Diagnostic> {
        list.into_iter().map(|d| d.relative_to(root)).collect()
    };
    // A failed build's warnings come first in its list of problems, as they were found first.
    let failed = |warnings: &[Diagnostic], problems: Vec<Diagnostic>| {
        Error::Invalid(relative(warnings.iter().cloned().chain(problems).collect()))
    };
    // Content parses without the config, so both are read and all their problems reported.
    let (config, content) = rayon::join(|| Config::load(root), || content::load(root));
    let mut problems = Vec::new();
    let config = config.map_err(|p| problems.extend(p)).ok();
    let (content, found) = content;
    problems.extend(found);
    let Some(config) = config else {
        problems.extend(theme::check_strings_alone(root));
        return Err(Error::Invalid(relative(problems)));
    };
    // Every language loads the same tables and site.yaml: say each warning once.
    let mut warnings: Vec<Diagnostic> = Vec::new();
    let mut warn = |found: Vec<Diagnostic>| {
        for w in found {
            if !warnings.contains(&w) {
                warnings.push(w);
            }
        }
    };
    warn(config.warnings.clone());
    let (base, base_source) = publish::base_url(
        options.base_url.as_deref(),
        &config.base_url,
        config.cname.as_deref(),
        env,
    )
    .map_err(|d| failed(&config.warnings, vec![d]))?;
    let templates = theme::load(root, &config)
        .map_err(|p| problems.extend(p))
        .ok()
        .and_then(|files| {
            let compiled = render::compile(&files.templates)
                .map_err(|p| problems.extend(p))
                .ok()?;
            Some((files, compiled))
        });
    let Some((mut files, compiled)) = templates else {
        return Err(failed(&config.warnings, problems));
    };
    warn(std::mem::take(&mut files.warnings));
    // The editor's files: GitHub Actions names the repository it saves to.
    let repository = env("GITHUB_REPOSITORY");
    let (admin, found) = cms::outputs(&config, &files.statics, repository.as_deref(), &base.url);
    problems.extend(found);
    let mut main_strings = Some(std::mem::take(&mut files.strings));
    let (editions, found) = editions::editions(&config, content, options.drafts);
    problems.extend(found);
    let mut sites: Vec<render::Localized> = Vec::with_capacity(editions.len());
    let mut originals = None;
    for edition in editions {
        let strings = if let Some(main) = main_strings.take() {
            main
        } else {
            match theme::strings(root, &edition.config) {
                Ok((strings, found)) => {
                    warn(found);
                    strings
                }
                Err(found) => {
                    problems.extend(found);
                    continue;
                }
            }
        };
        let (site, found) = resolve::resolve(
            root,
            edition,
            base.clone(),
            options.drafts,
            originals.as_ref(),
        );
        problems.extend(found);
        if originals.is_none() {
            originals = Some(site.task_ids());
        }
        sites.push((site, strings));
    }
    let refs: Vec<_> = sites
        .iter()
        .map(|(site, strings)| (site, strings))
        .collect();
    let languages = view::switcher::languages(&config, &refs);
    let (outputs, found) = render::render(&sites, &languages, compiled, files, admin, sink)?;
    problems.extend(found);
    // Every language resolves the same site.yaml links and untranslated pages: say each once.
    let mut seen = std::collections::HashSet::with_capacity(problems.len());
    problems.retain(|d| seen.insert(d.clone()));
    if problems.is_empty() {
        Ok(Ran {
            sites,
            outputs,
            base_source,
            warnings: relative(warnings),
        })
    } else {
        Err(failed(&warnings, problems))
    }
}

/// Refuses outputs that would overwrite the site's own sources.
fn check_output_location(root: &Path, out: &Path) -> Result<()> {
    // Lexically, so `public/../content/x` is seen for what it is even before it exists.
    let absolute = |p: &Path| {
        let full = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let mut clean = PathBuf::new();
        for part in full.components() {
            match part {
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                std::path::Component::CurDir => {}
                other => clean.push(other),
            }
        }
        clean
    };
    // And through symbolic links: a root given as a link to the site is the site.
    let resolved = |p: &Path| {
        let mut existing = p.to_path_buf();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.file_name(), existing.parent()) {
                (Some(name), Some(parent)) => {
                    rest.push(name.to_owned());
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut real = existing.canonicalize().unwrap_or(existing);
        real.extend(rest.iter().rev());
        real
    };
    // Replacing the folder a shell is in fails half-way on some systems ("resource busy").
    if let Ok(here) = std::env::current_dir()
        && absolute(out) == absolute(&here)
    {
        return Err(Error::Refused {
            message: format!("output folder {} is the current folder", out.display()),
            hint: "build into another folder, e.g. --output public, or run reachout from the site's folder".into(),
        });
    }
    let (root, out) = (absolute(root), absolute(out));
    let (real_root, real_out) = (resolved(&root), resolved(&out));
    let pairs = [(&root, &out), (&real_root, &real_out)];
    let inside = |dir: &str| pairs.iter().any(|(r, o)| o.starts_with(r.join(dir)));
    let refused = if pairs.iter().any(|(r, o)| r.starts_with(o)) {
        Some("contains the site itself")
    } else if inside(CONTENT_DIR) || inside("templates") || inside("static") || inside("themes") {
        Some("is inside the site's sources (content/, templates/, static/ or themes/)")
    } else {
        None
    };
    match refused {
        Some(why) => Err(Error::Refused {
            message: format!("output folder {} {why}", out.display()),
            hint: "build into a separate folder, e.g. --output public".into(),
        }),
        None => Ok(()),
    }
}

fn summarize<T>(ran: Ran<T>, files: usize, start: Instant) -> Summary {
    let Ran {
        sites,
        base_source,
        warnings,
        ..
    } = ran;
    let mut pages = BTreeMap::new();
    for page in sites.iter().flat_map(|(site, _)| &site.pages) {
        let kind = match page.page.meta {
            Meta::Home => "home",
            Meta::Section => "sections",
            Meta::Day(_) => "days",
            Meta::Myth(_) => "myths",
            Meta::Message(_) => "messages",
            Meta::Page { .. } => "pages",
        };
        *pages.entry(kind).or_insert(0) += 1;
    }
    Summary {
        pages,
        languages: sites.len(),
        files,
        elapsed: start.elapsed(),
        base_url: sites
            .first()
            .map_or_else(String::new, |(site, _)| site.base.url.clone()),
        base_source,
        warnings,
    }
}
