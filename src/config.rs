//! `site.yaml`: the site's configuration, parsed strictly (unknown keys are errors).

pub mod brand;
pub mod color;
pub mod language;
pub mod links;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::yaml::{self, SourceMap, locate::find_key};

/// Name of the configuration file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

/// A free-form map passed through to templates.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// The whole of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The site's title, shown in every page's header.
    pub title: String,
    /// One sentence used when a page has no description of its own.
    #[serde(default)]
    pub description: String,
    /// Where the site is published, e.g. `https://user.github.io/repo/`; when empty, `cname`,
    /// then GitHub Actions' `https://OWNER.github.io/REPO/`, then `/` (see [`crate::publish`]).
    #[serde(default)]
    pub base_url: String,
    /// Language code for `<html lang>` and the theme's strings table (`i18n/LANG.yaml`).
    #[serde(default = "default_language")]
    pub language: String,
    /// Single theme strings replaced by dotted key, e.g. `tracker.start: "Let's go"`.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub strings: Extra,
    /// More content languages (`day-1.es.md` beside `day-1.md`), each published under `/CODE/`.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub languages: std::collections::BTreeMap<String, language::Language>,
    /// Theme folder name under `themes/` (the embedded one when absent).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// The coach who publishes the challenge.
    #[serde(default, alias = "coach")]
    pub author: Author,
    /// Header navigation.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub menu: Vec<MenuItem>,
    /// Minify HTML output.
    #[serde(default = "yes")]
    pub minify: bool,
    /// How Markdown becomes HTML.
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub markdown: MarkdownSettings,
    /// Custom domain: written to `CNAME`, and the base URL when `base_url` is empty.
    #[serde(default)]
    pub cname: Option<String>,
    /// Defaults for the visitor's tracker.
    #[serde(default)]
    pub tracker: Tracker,
    /// The coach's logo, photo, colours, fonts and links (see [`brand`]).
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub brand: brand::Brand,
    /// The browser editor at `BASE/admin/` (see `crate::cms`).
    #[serde(default, deserialize_with = "crate::yaml::nullable")]
    pub cms: Cms,
    /// Anything else, for templates.
    #[serde(default, deserialize_with = "crate::yaml::free_map")]
    pub extra: Extra,
    /// Warnings found while loading (e.g. a low-contrast brand colour); not a key.
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
    /// `site.yaml` as read, for positions of problems found after parsing; not a key.
    #[serde(skip)]
    pub source: SourceMap,
    /// Set for a language without its own `menu:`: entries are named by the linked page's title.
    #[serde(skip)]
    pub menu_from_titles: bool,
}

/// `markdown:` in site.yaml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownSettings {
    /// HTML written in Markdown is published as it is (`true`, the default) or shown as text
    /// (`false`, for a site that takes Markdown from people it does not fully trust: raw HTML
    /// can load a script from the site or redirect the page).
    pub raw_html: bool,
}

impl Default for MarkdownSettings {
    fn default() -> Self {
        MarkdownSettings { raw_html: true }
    }
}

/// The coach or author of the site.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Their website.
    #[serde(default)]
    pub url: Option<String>,
    /// Contact email.
    #[serde(default)]
    pub email: Option<String>,
    /// An optional call to action, e.g. "Book a call".
    #[serde(default)]
    pub cta: Option<Link>,
}

/// A labelled link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Text of the link.
    pub label: String,
    /// Target URL.
    pub url: String,
}

/// One header navigation entry; `url` may be an internal link `@/days/_index.md`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// Text of the entry.
    pub name: String,
    /// `@/...` internal link, site path (`/people/`) or absolute URL.
    pub url: String,
}

/// `cms:` in site.yaml: whether the build writes the browser editor and where it saves.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Cms {
    /// Write `admin/index.html` and `admin/config.yml` into the site.
    pub enabled: bool,
    /// The GitHub repository the editor saves to, `OWNER/NAME`; when empty, the one GitHub
    /// Actions builds (`GITHUB_REPOSITORY`).
    pub repo: Option<String>,
    /// The branch it saves to (`main` when not set).
    pub branch: Option<String>,
}

impl Cms {
    /// Whether `repo` is written `OWNER/NAME` with the characters GitHub allows.
    pub fn is_repo(repo: &str) -> bool {
        let ok = |part: &str| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        matches!(repo.split_once('/'), Some((owner, name)) if ok(owner) && ok(name) && !name.contains('/'))
    }
}

/// The challenge's cadence numbers, used by the tracker.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Tracker {
    /// How many people to list.
    pub list_size: u32,
    /// How many to contact each week.
    pub weekly_target: u32,
    /// Tries before letting go.
    pub max_attempts: u32,
    /// Days to wait before a follow-up.
    pub follow_up_days: u32,
    /// Days between check-ins once reconnected.
    pub keep_in_touch_days: u32,
    /// localStorage key for visitors' data; `reachout:` + the base path when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
}

impl Default for Tracker {
    fn default() -> Self {
        Tracker {
            list_size: 20,
            weekly_target: 5,
            max_attempts: 3,
            follow_up_days: 7,
            keep_in_touch_days: 90,
            namespace: None,
        }
    }
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn yes() -> bool {
    true
}

/// The site's public address split into what templates need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Absolute URL ending in `/`, or just the path when no host is known.
    pub url: String,
    /// Path part, starting and ending with `/`.
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/path/`, `/path/` or empty (the root).
    pub fn parse(raw: &str) -> Result<BaseUrl, String> {
        let raw = raw.trim();
        let (origin, path) = if let Some(rest) = raw
            .strip_prefix("https://")
            .or_else(|| raw.strip_prefix("http://"))
        {
            let scheme_len = raw.len() - rest.len();
            let host_end = rest.find('/').unwrap_or(rest.len());
            if host_end == 0 {
                return Err(format!("`{raw}` has no host name"));
            }
            (&raw[..scheme_len + host_end], &rest[host_end..])
        } else if raw.is_empty() || raw.starts_with('/') {
            ("", raw)
        } else {
            return Err(format!(
                "`{raw}` is not a URL: write it as https://user.github.io/repo/ or /repo/"
            ));
        };
        if path.contains(['?', '#', ' ']) {
            return Err(format!(
                "`{raw}` must not contain a query, fragment or space"
            ));
        }
        // The address goes into every page, robots.txt and the sitemap as it is written.
        if raw.contains(|c: char| c.is_control() || c.is_whitespace() || "\"'<>`\\@".contains(c)) {
            return Err(format!(
                "`{}` holds a space, a quote, < >, @ or a control character",
                raw.escape_debug()
            ));
        }
        if let Some(host) = origin.split("//").nth(1) {
            let name = host.rsplit_once(':').map_or(host, |(name, port)| {
                if port.chars().all(|c| c.is_ascii_digit()) {
                    name
                } else {
                    host
                }
            });
            if !(is_host_name(name)
                || name == "localhost"
                || name.parse::<std::net::Ipv4Addr>().is_ok())
            {
                return Err(format!("`{raw}` does not name a valid host"));
            }
        }
        let trimmed = path.trim_matches('/');
        let path = if trimmed.is_empty() {
            "/".to_owned()
        } else {
            format!("/{trimmed}/")
        };
        Ok(BaseUrl {
            url: format!("{origin}{path}"),
            path,
        })
    }
}

impl Config {
    /// Reads and validates `site.yaml` in `root`.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let file = root.join(CONFIG_FILE);
        let source = std::fs::read(&file).map_err(|e| {
            let d = Diagnostic::new(&file, format!("cannot read {CONFIG_FILE}: {e}"));
            vec![if e.kind() == std::io::ErrorKind::NotFound {
                d.hint(format!(
                    "{} is not a reachout site; pass --root or create one with `reachout init DIR`",
                    root.display()
                ))
            } else {
                d
            }]
        })?;
        let source = String::from_utf8(source).map_err(|e| {
            vec![
                Diagnostic::new(&file, "site.yaml is not valid UTF-8")
                    .at(
                        crate::diag::Position::from_utf8_error(e.as_bytes(), e.utf8_error()),
                        "",
                    )
                    .hint("save the file as UTF-8"),
            ]
        })?;
        Config::parse(&source, &file)
    }

    /// Parses and validates configuration text that came from `file`.
    pub fn parse(source: &str, file: &Path) -> Result<Config, Vec<Diagnostic>> {
        let mut config: Config = yaml::parse(source, file, source, 1).map_err(|d| vec![d])?;
        let mut problems = config.validate(file, source);
        let (brand, warnings) = brand::check(&config.brand, &config.author, file, source);
        problems.extend(brand);
        config.warnings = warnings;
        if config.cms.enabled && problems.is_empty() {
            let short = brand::editor_warnings(&config.brand.colors, file, source);
            config.warnings.extend(short);
        }
        config.source = SourceMap::new(file, source);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    }

    fn validate(&self, file: &Path, source: &str) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String, hint: &str| {
            let mut d = Diagnostic::new(PathBuf::from(file), message).hint(hint);
            if let Some(position) = find_key(source, key) {
                d = d.at(position, source);
            }
            problems.push(d);
        };
        if self.title.trim().is_empty() {
            problem("title", "`title` is empty".into(), "give the site a title");
        }
        if let Err(e) = BaseUrl::parse(&self.base_url) {
            problem(
                "base_url",
                format!("invalid `base_url`: {e}"),
                "leave it empty for a site at the domain root",
            );
        }
        if let Some(cname) = self.cname.as_deref().map(str::trim)
            && !cname.is_empty()
            && !is_host_name(cname)
        {
            problem(
                "cname",
                format!("invalid `cname` `{cname}`: it must be a bare domain name"),
                "write the domain alone, e.g. `cname: challenge.example.com` (no https://, no path)",
            );
        }
        if self.theme.is_empty() || self.theme.contains(['/', '\\']) || self.theme.starts_with('.')
        {
            problem(
                "theme",
                format!("invalid theme name `{}`", self.theme),
                "use the name of a folder in themes/",
            );
        }
        for code in self.languages.keys() {
            if !language::looks_like_code(code) {
                problem(
                    code,
                    format!("`languages.{code}` is not a language code"),
                    "write a code such as es, fr, de, pt or pt-BR (lowercase, as in day-1.es.md)",
                );
            } else if *code == self.language {
                problem(
                    code,
                    format!("`{code}` is the site's main language (`language: {code}`)"),
                    "list only the other languages under `languages:`",
                );
            }
        }
        let links = self
            .menu
            .iter()
            .map(|m| ("`menu` entry", m.url.as_str()))
            .chain(self.author.url.iter().map(|u| ("`author.url`", u.as_str())))
            .chain(
                self.author
                    .cta
                    .iter()
                    .map(|c| ("`author.cta.url`", c.url.as_str())),
            );
        let bad_links: Vec<Diagnostic> = links
            .filter_map(|(what, url)| {
                links::problem(url).map(|why| links::diagnostic(file, source, what, url, &why))
            })
            .collect();
        let t = &self.tracker;
        for (key, value) in [
            ("list_size", t.list_size),
            ("weekly_target", t.weekly_target),
            ("max_attempts", t.max_attempts),
            ("follow_up_days", t.follow_up_days),
            ("keep_in_touch_days", t.keep_in_touch_days),
        ] {
            if value == 0 {
                problem(
                    key,
                    format!("`tracker.{key}` must be at least 1"),
                    "use a positive whole number",
                );
            }
        }
        if t.weekly_target > t.list_size {
            problem(
                "weekly_target",
                format!(
                    "`tracker.weekly_target` ({}) is larger than `list_size` ({})",
                    t.weekly_target, t.list_size
                ),
                "the weekly target is how many of the list to contact each week",
            );
        }
        if let Some(repo) = self.cms.repo.as_deref().filter(|r| !r.is_empty())
            && !Cms::is_repo(repo)
        {
            problem(
                "repo",
                format!("invalid `cms.repo` `{repo}`"),
                "write the GitHub repository as OWNER/NAME, e.g. `repo: ana/reach-out`",
            );
        }
        problems.extend(bad_links);
        problems
    }
}

/// A DNS name GitHub Pages accepts as a custom domain: dot-separated labels of letters, digits
/// and inner hyphens, e.g. `challenge.example.com`.
fn is_host_name(name: &str) -> bool {
    name.len() <= 253
        && name.contains('.')
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(yaml, Path::new("site.yaml"))
    }

    #[test]
    fn defaults_follow_the_challenge_numbers() {
        let c = parse("title: T\n").unwrap();
        assert_eq!(c.tracker.list_size, 20);
        assert_eq!(c.tracker.weekly_target, 5);
        assert_eq!(c.tracker.max_attempts, 3);
        assert_eq!(c.tracker.follow_up_days, 7);
        assert!(c.minify);
        assert_eq!(c.language, "en");
    }

    #[test]
    fn misspelled_key_names_line_and_closest_key() {
        let errs = parse("title: T\nbase_ulr: /x/\n").unwrap_err();
        assert_eq!(errs[0].position.map(|p| p.line), Some(2));
        assert!(errs[0].message.contains("base_ulr"));
        assert!(errs[0].hint.as_deref().unwrap().contains("`base_url`"));
    }

    #[test]
    fn nested_unknown_key_is_reported() {
        let errs = parse("title: T\ntracker:\n  list_sise: 10\n").unwrap_err();
        assert_eq!(errs[0].position.map(|p| p.line), Some(3));
        assert!(errs[0].hint.as_deref().unwrap().contains("`list_size`"));
    }

    #[test]
    fn coach_is_an_alias_of_author() {
        let c = parse("title: T\ncoach:\n  name: Ana\n").unwrap();
        assert_eq!(c.author.name, "Ana");
    }

    #[test]
    fn invalid_values_are_all_listed() {
        let errs = parse("title: T\nbase_url: nope\ntracker:\n  max_attempts: 0\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[1].position.map(|p| p.line), Some(4));
    }

    #[test]
    fn cname_must_be_a_bare_domain() {
        assert!(parse("title: T\ncname: challenge.example.com\n").is_ok());
        assert!(parse("title: T\ncname: \"\"\n").is_ok());
        for bad in [
            "https://example.com",
            "example.com/path",
            "localhost",
            "-a.example.com",
            "a b.com",
        ] {
            let errs = parse(&format!("title: T\ncname: \"{bad}\"\n")).unwrap_err();
            assert_eq!(errs.len(), 1, "{bad}");
            assert_eq!(errs[0].position.map(|p| p.line), Some(2), "{bad}");
            assert!(
                errs[0]
                    .hint
                    .as_deref()
                    .unwrap()
                    .contains("challenge.example.com")
            );
        }
    }

    #[test]
    fn languages_are_codes_other_than_the_main_one() {
        assert!(parse("title: T\nlanguages:\n  es: {}\n  pt-BR: {}\n").is_ok());
        for (bad, says) in [
            ("../x", "not a language code"),
            ("ES", "not a language code"),
            ("en", "main language"),
        ] {
            let errs = parse(&format!("title: T\nlanguages:\n  \"{bad}\": {{}}\n")).unwrap_err();
            assert_eq!(errs.len(), 1, "{bad}");
            assert!(errs[0].message.contains(says), "{bad}: {}", errs[0].message);
        }
    }

    #[test]
    fn base_url_forms() {
        let b = BaseUrl::parse("https://coach.github.io/reach-out").unwrap();
        assert_eq!(b.url, "https://coach.github.io/reach-out/");
        assert_eq!(b.path, "/reach-out/");
        assert_eq!(BaseUrl::parse("").unwrap().path, "/");
        assert_eq!(
            BaseUrl::parse("https://example.com").unwrap().url,
            "https://example.com/"
        );
        assert!(BaseUrl::parse("example.com/x").is_err());
    }
}
