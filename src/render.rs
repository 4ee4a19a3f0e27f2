//! The render stage: templates compiled once, every page rendered in parallel into a list of
//! [`Output`]s, plus the site-level files (404, sitemap, robots.txt, CNAME, static files).

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::content::Meta;
use crate::diag::{Diagnostic, Position, Result};
use crate::i18n::Strings;
use crate::output::{Body, Kind, Output};
use crate::resolve::Site;
use crate::theme::{THEME_PREFIX, Template, ThemeFiles};
use crate::view;
use crate::view::switcher::Languages;

mod owners;

/// Compiled templates plus what error messages need to point into them.
pub struct Templates {
    tera: Tera,
    sources: HashMap<String, (PathBuf, String)>,
    /// Template names (without the theme prefix) that render to `css/NAME`.
    stylesheets: Vec<String>,
    /// `*.webmanifest` template names (without the theme prefix), rendered to the output root.
    manifests: Vec<String>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.sources.keys())
            .finish()
    }
}

/// Compiles every template once; a syntax error names the template file, line and column.
pub fn compile(templates: &[Template]) -> Result<Templates, Vec<Diagnostic>> {
    let mut tera = Tera::new();
    let sources: HashMap<String, (PathBuf, String)> = templates
        .iter()
        .map(|t| (t.name.clone(), (t.file.clone(), t.source.clone())))
        .collect();
    let located = |e: tera::Error| vec![locate(&e, &sources)];
    tera.set_fallback_prefixes([THEME_PREFIX])
        .map_err(located)?;
    // Filters must exist before templates are added.
    tera.register_filter("fill", crate::i18n::fill);
    tera.register_filter("script_json", crate::i18n::script_json);
    // JSON text of any value, for templates that are not HTML (the web app manifest).
    tera.register_filter(
        "json",
        |value: tera::Value, _: tera::Kwargs, _: &tera::State| {
            serde_json::to_string(&value).unwrap_or_else(|_| "null".into())
        },
    );
    tera.add_raw_templates(
        templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str())),
    )
    .map_err(located)?;
    let named = |suffix: &str| {
        let mut names: Vec<String> = templates
            .iter()
            .map(|t| {
                t.name
                    .strip_prefix(THEME_PREFIX)
                    .unwrap_or(&t.name)
                    .to_owned()
            })
            .filter(|name| name.ends_with(suffix))
            .collect();
        names.sort();
        names.dedup();
        names
    };
    Ok(Templates {
        tera,
        sources,
        stylesheets: named(".css"),
        manifests: named(".webmanifest"),
    })
}

/// Turns a Tera error into a diagnostic pointing into the template file.
fn locate(err: &tera::Error, sources: &HashMap<String, (PathBuf, String)>) -> Diagnostic {
    let report = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    };
    let Some(report) = report else {
        let mut message = err.to_string();
        let mut source = std::error::Error::source(err);
        while let Some(inner) = source {
            message.push_str(&format!(": {inner}"));
            source = inner.source();
        }
        return Diagnostic::new("templates", message);
    };
    let (file, text) = sources
        .get(report.filename())
        .map(|(f, s)| (f.clone(), s.as_str()))
        .unwrap_or_else(|| (PathBuf::from(report.filename()), ""));
    let span = report.span();
    let mut d = Diagnostic::new(file, format!("template error: {}", report.message()));
    if span.start_line > 0 {
        d = d.at(
            Position {
                line: span.start_line,
                column: span.start_col + 1,
            },
            text,
        );
    }
    if matches!(err.kind(), tera::ErrorKind::SyntaxError(_)) {
        d = d.hint("check that every {% if %}, {% for %} and {% block %} has its {% end... %} and that tag names are spelled right");
    } else if report.message().contains("not defined") || report.message().contains("undefined") {
        d = d.hint(format!(
            "templates may only use the view model documented at {}; guard optional keys with `is defined`",
            crate::diag::docs_url("themes/template-context")
        ));
    }
    d
}

/// Receives each output as soon as it is rendered, with the site's `minify` setting: the build
/// writes it to disk at once (so a large site is never held in memory twice), `serve` keeps it,
/// `check` drops it. An error aborts the build.
pub type Sink<'a, T> = &'a (dyn Fn(Output, bool) -> Result<T> + Sync);

/// One language's resolved pages and the theme's words in that language.
pub type Localized = (Site, Strings);

/// Renders every output of the site into `sink`; lists every page that failed to render.
/// `editions` holds the main language first; site-wide files (404, sitemap, static files)
/// are rendered once, in the main language. `extra` are files reachout wrote before rendering
/// (the editor's), published and owned like the sitemap.
pub fn render<T: Send>(
    editions: &[Localized],
    languages: &Languages,
    mut templates: Templates,
    theme: ThemeFiles,
    extra: Vec<Output>,
    sink: Sink<'_, T>,
) -> Result<(Vec<T>, Vec<Diagnostic>)> {
    let mut done = Vec::new();
    let mut trackers: Vec<view::TrackerData> = editions
        .iter()
        .map(|(site, strings)| view::tracker::tracker_data(site, strings))
        .collect();
    let mut made = made_files(editions, &templates);
    made.extend(trackers.iter().map(|t| t.path.clone()));
    made.extend(extra.iter().map(|o| o.path.clone()));
    let mut problems = owners::collisions(editions, &theme.statics, &made);
    // The main language last, so the site-wide files below see its global context.
    for (site, strings) in editions.iter().rev() {
        let context = templates.tera.global_context();
        let Some(tracker) = trackers.pop() else { break };
        context.insert("site", &view::site(site, strings, &tracker));
        context.insert("t", &strings.nested());
        let templates = &templates;
        let minify = site.config.minify;
        // A section with a long list is several pages (view::pager): one job per part.
        let jobs: Vec<(usize, usize)> = (0..site.pages.len())
            .flat_map(|i| (1..=view::pager::parts(site, i)).map(move |part| (i, part)))
            .collect();
        // Small pieces, so that no core is left idle while another works through a long run
        // of pages at the end (rayon's halving left a tail of 0.5 s in a 2.3 s build).
        let results: Vec<Result<Result<T, Diagnostic>>> = jobs
            .into_par_iter()
            .with_max_len(crate::output::PIECE)
            .map(
                |(i, part)| match render_page(site, templates, i, part, languages) {
                    Ok(output) => sink(output, minify).map(Ok),
                    Err(d) => Ok(Err(d)),
                },
            )
            .collect();
        done.reserve(results.len());
        for result in results {
            match result? {
                Ok(t) => done.push(t),
                Err(d) => problems.push(d),
            }
        }
        // The tracker's site-wide data, fetched by the pages that need more than they inline.
        done.push(sink(
            Output {
                path: tracker.path,
                body: Body::Owned(tracker.file),
                kind: Kind::Text,
            },
            minify,
        )?);
        // Another language's web app manifest starts the installed app on its home page.
        if !site.prefix.is_empty() {
            for name in &templates.manifests {
                let view = view::not_found(site, strings, languages);
                match templates.render(name, &view) {
                    Ok(text) => done.push(sink(
                        Output {
                            path: format!("{}{name}", site.prefix),
                            body: Body::Owned(text.into_bytes()),
                            kind: Kind::Text,
                        },
                        minify,
                    )?),
                    Err(d) => problems.push(d),
                }
            }
        }
    }
    let Some((site, strings)) = editions.first() else {
        return Ok((done, problems));
    };
    let minify = site.config.minify;
    let mut rendered = Vec::new();
    let mut push = |path: String, result: Result<String, Diagnostic>, kind| match result {
        Ok(text) => rendered.push(Output {
            path,
            body: Body::Owned(text.into_bytes()),
            kind,
        }),
        Err(d) => problems.push(d),
    };
    let not_found = templates.render("404.html", &view::not_found(site, strings, languages));
    push("404.html".into(), not_found, Kind::Html);
    for name in &templates.stylesheets {
        push(
            format!("css/{name}"),
            templates.render(name, &view::not_found(site, strings, languages)),
            Kind::Style,
        );
    }
    for name in &templates.manifests {
        push(
            name.clone(),
            templates.render(name, &view::not_found(site, strings, languages)),
            Kind::Text,
        );
    }
    push("sitemap.xml".into(), Ok(sitemap(editions)), Kind::Text);
    push("robots.txt".into(), Ok(robots(site)), Kind::Text);
    push(".nojekyll".into(), Ok(String::new()), Kind::Text);
    if let Some(cname) = site
        .config
        .cname
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        push(
            "CNAME".into(),
            Ok(format!("{}\n", cname.trim())),
            Kind::Text,
        );
    }
    let statics = theme.statics.into_iter().map(|(path, body)| Output {
        kind: Kind::of_static(&path),
        path,
        body,
    });
    let assets = site.assets.iter().map(|a| Output {
        path: a.output.clone(),
        body: Body::File(a.file.clone()),
        kind: Kind::Asset,
    });
    let rest: Vec<Output> = rendered
        .into_iter()
        .chain(extra)
        .chain(statics)
        .chain(assets)
        .collect();
    let rest: Vec<T> = rest
        .into_par_iter()
        .map(|output| sink(output, minify))
        .collect::<Result<_>>()?;
    done.extend(rest);
    Ok((done, problems))
}

/// The files reachout writes besides the pages and the site's own files (see [`render`] and
/// the service worker `build` adds).
fn made_files(editions: &[Localized], templates: &Templates) -> Vec<String> {
    let mut made: Vec<String> = [
        "404.html",
        "sitemap.xml",
        "robots.txt",
        ".nojekyll",
        "sw.js",
    ]
    .map(String::from)
    .into();
    made.extend(
        templates
            .stylesheets
            .iter()
            .map(|name| format!("css/{name}")),
    );
    for (site, _) in editions {
        made.extend(
            templates
                .manifests
                .iter()
                .map(|name| format!("{}{name}", site.prefix)),
        );
    }
    if let Some((main, _)) = editions.first()
        && main
            .config
            .cname
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
    {
        made.push("CNAME".into());
    }
    made
}

impl Templates {
    fn render(&self, name: &str, page: &view::PageView<'_>) -> Result<String, Diagnostic> {
        let mut context = Context::new();
        context.insert("page", page);
        self.tera
            .render(name, &context)
            .map_err(|e| locate(&e, &self.sources))
    }

    fn exists(&self, name: &str) -> bool {
        self.sources.contains_key(name)
            || self.sources.contains_key(&format!("{THEME_PREFIX}{name}"))
    }
}

fn render_page(
    site: &Site,
    templates: &Templates,
    index: usize,
    part: usize,
    languages: &Languages,
) -> Result<Output, Diagnostic> {
    let r = &site.pages[index];
    let name = match &r.page.meta {
        Meta::Home => "home.html",
        Meta::Section => "section.html",
        Meta::Day(_) => "day.html",
        Meta::Myth(_) => "myth.html",
        Meta::Message(_) => "message.html",
        Meta::Page { template: Some(t) } => t.as_str(),
        Meta::Page { template: None } => "page.html",
    };
    if !templates.exists(name) {
        let mut d = Diagnostic::new(&r.page.file, format!("template `{name}` does not exist"))
            .hint("put it in templates/ at the site root, or remove `template:` to use page.html");
        // The page's source was dropped after resolve; this rare error reads the file again
        // to point at the `template:` line.
        let source = std::fs::read_to_string(&r.page.file).unwrap_or_default();
        if let Some(at) = crate::content::front_matter_key(&source, "template") {
            d = d.at(at, &source);
        }
        return Err(d);
    }
    let mut html = templates
        .render(name, &view::page(site, index, part, languages))?
        .into_bytes();
    // Pages are held until the write; a growing buffer's spare half would double that memory.
    html.shrink_to_fit();
    Ok(Output {
        path: view::pager::output(&r.output, part),
        body: Body::Owned(html),
        kind: Kind::Html,
    })
}

fn sitemap(editions: &[Localized]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    // A page not translated yet is the main language's text again: search engines get it once.
    let pages = editions.iter().flat_map(|(site, _)| {
        let main = site.prefix.is_empty();
        (0..site.pages.len())
            .filter(move |&i| main || site.pages[i].page.lang.is_some())
            .flat_map(move |i| (1..=view::pager::parts(site, i)).map(move |part| (site, i, part)))
    });
    for (site, index, part) in pages {
        let url = view::permalink(site, &view::pager::url(&site.pages[index].url, part));
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::text::escape_html(&url)
        ));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        view::permalink(site, &format!("{}sitemap.xml", site.base.path))
    )
}
