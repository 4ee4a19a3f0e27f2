//! Publishing on GitHub Pages: which base URL a build uses (and why), and the workflow that
//! `init` writes to build and deploy the site at every push.

use std::fmt;

use crate::config::{BaseUrl, CONFIG_FILE};
use crate::diag::Diagnostic;

/// Where `init` writes the GitHub Pages workflow, relative to the site root.
pub const WORKFLOW_PATH: &str = ".github/workflows/pages.yml";

/// The reachout version the written workflow installs: this binary's own.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Where the written workflow installs reachout from: `package.repository` in Cargo.toml.
///
/// Cargo.toml is the one place it is named; empty when the package has no repository, and the
/// workflow then stops with a message saying to set `REACHOUT_SOURCE`.
pub const SOURCE: &str = env!("CARGO_PKG_REPOSITORY");

const WORKFLOW_TEMPLATE: &str = include_str!("scaffold/pages.yml");

/// The GitHub Pages workflow for a new site, pinned to this version of reachout.
pub fn workflow() -> String {
    WORKFLOW_TEMPLATE
        .replace("@REACHOUT_VERSION@", VERSION)
        .replace("@REACHOUT_SOURCE@", SOURCE)
}

/// Which setting decided a build's base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseSource {
    /// `--base-url` on the command line.
    Flag,
    /// A non-empty `base_url` in `site.yaml`.
    Config,
    /// `cname` in `site.yaml`: `https://CNAME/`.
    Cname,
    /// Derived from the GitHub Actions environment: `https://OWNER.github.io/REPO/`.
    GitHubActions,
    /// Nothing set: the site lives at its domain's root.
    Default,
}

impl fmt::Display for BaseSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BaseSource::Flag => "from --base-url",
            BaseSource::Config => "from base_url in site.yaml",
            BaseSource::Cname => "from cname in site.yaml",
            BaseSource::GitHubActions => "from GitHub Actions",
            BaseSource::Default => "the domain root",
        })
    }
}

/// Picks the raw base URL by precedence: `--base-url`, a non-empty `base_url`, `cname`, the
/// GitHub Actions environment (read through `env`), then the domain root (`""`).
pub fn choose_base_url(
    flag: Option<&str>,
    base_url: &str,
    cname: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> (String, BaseSource) {
    if let Some(flag) = flag {
        return (flag.to_owned(), BaseSource::Flag);
    }
    if !base_url.trim().is_empty() {
        return (base_url.to_owned(), BaseSource::Config);
    }
    if let Some(host) = cname.map(str::trim).filter(|c| !c.is_empty()) {
        return (format!("https://{host}/"), BaseSource::Cname);
    }
    match github_pages_url(env) {
        Some(url) => (url, BaseSource::GitHubActions),
        None => (String::new(), BaseSource::Default),
    }
}

/// The base URL a build uses, by the precedence of [`choose_base_url`], parsed; the one place
/// `build`, `check` and `serve` decide it. An invalid `--base-url` is the caller's problem to
/// show; `site.yaml`'s values were validated when it loaded.
pub fn base_url(
    flag: Option<&str>,
    site_base_url: &str,
    cname: Option<&str>,
    env: impl Fn(&str) -> Option<String>,
) -> Result<(BaseUrl, BaseSource), Diagnostic> {
    let (raw, source) = choose_base_url(flag, site_base_url, cname, env);
    let parsed = BaseUrl::parse(&raw).map_err(|e| match source {
        BaseSource::Flag => Diagnostic::new("--base-url", format!("invalid --base-url: {e}"))
            .hint("pass the published address, e.g. https://user.github.io/repo/"),
        // Config::load validated base_url and cname, and the derived URL is well-formed, so
        // this is only reached if those checks and this parser ever disagree.
        _ => Diagnostic::new(CONFIG_FILE, format!("invalid base URL ({source}): {e}")),
    })?;
    Ok((parsed, source))
}

/// The address GitHub Pages serves this repository at, when running in GitHub Actions.
///
/// `GITHUB_ACTIONS=true` and `GITHUB_REPOSITORY=owner/repo` give `https://owner.github.io/repo/`,
/// or `https://owner.github.io/` for the user or organization site `owner.github.io`. Anything
/// else (not in Actions, a malformed repository, GitHub Enterprise Server, whose Pages hosts
/// differ) gives `None`, so the build falls back to the domain root instead of guessing.
pub fn github_pages_url(env: impl Fn(&str) -> Option<String>) -> Option<String> {
    if !env("GITHUB_ACTIONS").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return None;
    }
    if let Some(server) = env("GITHUB_SERVER_URL") {
        let server = server.trim().trim_end_matches('/');
        if !server.is_empty() && !server.eq_ignore_ascii_case("https://github.com") {
            return None;
        }
    }
    let repository = env("GITHUB_REPOSITORY")?;
    let (owner, repo) = repository.trim().split_once('/')?;
    // GitHub's own rules: owners are letters, digits and hyphens; repositories add `_` and `.`.
    let owner_ok =
        !owner.is_empty() && owner.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let repo_ok = !repo.is_empty()
        && repo != "."
        && repo != ".."
        && repo
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if !owner_ok || !repo_ok {
        return None;
    }
    // Host names are case-insensitive and GitHub serves them lowercase.
    let host = format!("{}.github.io", owner.to_ascii_lowercase());
    if repo.eq_ignore_ascii_case(&host) {
        Some(format!("https://{host}/"))
    } else {
        Some(format!("https://{host}/{repo}/"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An environment holding only `vars`.
    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let vars: Vec<(String, String)> = vars
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |key: &str| vars.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    fn actions(repository: &str) -> impl Fn(&str) -> Option<String> + use<> {
        env(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_REPOSITORY", repository),
        ])
    }

    #[test]
    fn project_site_is_owner_github_io_slash_repo() {
        assert_eq!(
            github_pages_url(actions("Coach/reach-out")).as_deref(),
            Some("https://coach.github.io/reach-out/")
        );
    }

    #[test]
    fn user_site_repository_is_served_at_the_root() {
        for repository in ["coach/coach.github.io", "Coach/COACH.github.IO"] {
            assert_eq!(
                github_pages_url(actions(repository)).as_deref(),
                Some("https://coach.github.io/"),
                "{repository}"
            );
        }
        // Another owner's user-site name is just a project called that.
        assert_eq!(
            github_pages_url(actions("coach/other.github.io")).as_deref(),
            Some("https://coach.github.io/other.github.io/")
        );
    }

    #[test]
    fn nothing_is_derived_outside_github_actions() {
        assert_eq!(github_pages_url(env(&[])), None);
        assert_eq!(
            github_pages_url(env(&[("GITHUB_REPOSITORY", "coach/reach-out")])),
            None
        );
        assert_eq!(
            github_pages_url(env(&[
                ("GITHUB_ACTIONS", "false"),
                ("GITHUB_REPOSITORY", "coach/reach-out")
            ])),
            None
        );
    }

    #[test]
    fn malformed_repositories_are_ignored() {
        for repository in [
            "",
            "no-slash",
            "/repo",
            "owner/",
            "owner/a/b",
            "own er/repo",
            "owner/..",
            "owner/re po",
            "ow_ner/repo",
            "owner/répo",
        ] {
            assert_eq!(
                github_pages_url(actions(repository)),
                None,
                "{repository:?}"
            );
        }
        assert_eq!(
            github_pages_url(env(&[("GITHUB_ACTIONS", "true")])),
            None,
            "no GITHUB_REPOSITORY"
        );
    }

    #[test]
    fn github_enterprise_server_is_not_guessed() {
        let ghes = env(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_REPOSITORY", "coach/reach-out"),
            ("GITHUB_SERVER_URL", "https://github.example.com"),
        ]);
        assert_eq!(github_pages_url(ghes), None);
        let dotcom = env(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_REPOSITORY", "coach/reach-out"),
            ("GITHUB_SERVER_URL", "https://github.com"),
        ]);
        assert_eq!(
            github_pages_url(dotcom).as_deref(),
            Some("https://coach.github.io/reach-out/")
        );
    }

    #[test]
    fn precedence_flag_then_base_url_then_cname_then_actions_then_root() {
        let ci = || actions("coach/reach-out");
        let choose = |flag, base, cname| choose_base_url(flag, base, cname, ci());
        assert_eq!(
            choose(Some("/x/"), "https://a.example/", Some("c.example")),
            ("/x/".into(), BaseSource::Flag)
        );
        assert_eq!(
            choose(None, "https://a.example/", Some("c.example")),
            ("https://a.example/".into(), BaseSource::Config)
        );
        assert_eq!(
            choose(None, "  ", Some(" c.example ")),
            ("https://c.example/".into(), BaseSource::Cname)
        );
        assert_eq!(
            choose(None, "", Some("")),
            (
                "https://coach.github.io/reach-out/".into(),
                BaseSource::GitHubActions
            )
        );
        assert_eq!(
            choose_base_url(None, "", None, env(&[])),
            (String::new(), BaseSource::Default)
        );
    }

    #[test]
    fn the_written_workflow_pins_this_version_and_names_the_source_once() {
        let text = workflow();
        assert!(!text.contains("@REACHOUT_"), "{text}");
        assert!(
            text.contains(&format!("REACHOUT_VERSION: \"{VERSION}\"")),
            "{text}"
        );
        assert!(
            text.contains(&format!("REACHOUT_SOURCE: \"{SOURCE}\"")),
            "{text}"
        );
        if !SOURCE.is_empty() {
            assert_eq!(text.matches(SOURCE).count(), 1, "{text}");
        }
    }
}
