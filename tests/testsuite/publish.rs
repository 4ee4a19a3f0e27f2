//! Publishing on GitHub Pages: the base URL derived in GitHub Actions and its precedence
//! (`--base-url` > `base_url` > `cname` > GitHub Actions > the root), and the workflows (this
//! repository's and the one `init` writes), parsed and checked step by step.

use std::path::Path;

use reachout::BuildOptions;
use scraper::Html;
use serde_json::{Value, json};

use crate::support::{Run, Site, empty_site, fixture, reachout, run, selector, tree};

/// `reachout ARGS` in the site's root, as GitHub Actions runs it for `repository`.
fn in_actions(site: &Site, repository: &str, args: &[&str]) -> Run {
    let mut cmd = site.cmd();
    cmd.env("GITHUB_ACTIONS", "true")
        .env("GITHUB_REPOSITORY", repository)
        .args(args);
    let result = run(cmd);
    assert_eq!(result.code, 0, "{result:?}");
    result
}

/// `<link rel=canonical>` and `og:url` of an output page.
fn permalinks(site: &Site, rel: &str) -> (String, String) {
    let doc = Html::parse_document(&site.output(rel));
    let attr = |css: &str, name: &str| {
        doc.select(&selector(css))
            .next()
            .and_then(|e| e.value().attr(name))
            .unwrap_or_else(|| panic!("{rel}: no {css}"))
            .to_owned()
    };
    (
        attr("link[rel=canonical]", "href"),
        attr("meta[property='og:url']", "content"),
    )
}

/// Every `<loc>` of the sitemap.
fn sitemap(site: &Site) -> Vec<String> {
    site.output("sitemap.xml")
        .split("<loc>")
        .skip(1)
        .filter_map(|part| part.split_once("</loc>").map(|(loc, _)| loc.to_owned()))
        .collect()
}

/// The tracker's data block of an output page.
fn tracker_data(site: &Site, rel: &str) -> Value {
    let doc = Html::parse_document(&site.output(rel));
    let block = doc
        .select(&selector("script#reachout-data"))
        .next()
        .unwrap_or_else(|| panic!("{rel}: no data block"));
    serde_json::from_str(&block.inner_html()).expect("the data block is JSON")
}

/// Every `href` and `src` of a whole output page.
fn references(site: &Site, rel: &str) -> Vec<String> {
    let doc = Html::parse_document(&site.output(rel));
    let mut found = Vec::new();
    for (css, attr) in [("[href]", "href"), ("[src]", "src")] {
        for e in doc.select(&selector(css)) {
            found.extend(e.value().attr(attr).map(str::to_owned));
        }
    }
    found
}

#[test]
fn in_github_actions_a_project_site_is_published_under_owner_github_io_slash_repo() {
    let site = fixture("github-pages-project");
    let result = in_actions(&site, "Coach/reach-out", &["build"]);
    assert!(
        result
            .stdout
            .contains("base URL https://coach.github.io/reach-out/ (from GitHub Actions)"),
        "the summary names the derived address: {}",
        result.stdout
    );
    assert_eq!(
        permalinks(&site, "about/index.html"),
        (
            "https://coach.github.io/reach-out/about/".into(),
            "https://coach.github.io/reach-out/about/".into()
        )
    );
    let locs = sitemap(&site);
    assert!(!locs.is_empty());
    for loc in &locs {
        assert!(
            loc.starts_with("https://coach.github.io/reach-out/"),
            "{loc}"
        );
    }
    assert!(
        site.output("robots.txt")
            .contains("Sitemap: https://coach.github.io/reach-out/sitemap.xml")
    );
    // Every site-relative link, stylesheet and script carries the repository's path.
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/reach-out/"]
    );
    assert_eq!(
        site.main("index.html").attrs(".prose a", "href"),
        ["/reach-out/days/day-1/"]
    );
    for reference in references(&site, "days/day-1/index.html") {
        assert!(
            !reference.starts_with('/') || reference.starts_with("/reach-out/"),
            "{reference} is outside /reach-out/"
        );
    }
    let data = crate::support::tracker_all(&site, tracker_data(&site, "index.html"));
    assert_eq!(data["base_path"], "/reach-out/");
    assert_eq!(data["key"], "reachout:/reach-out/");
    assert_eq!(data["days"][0]["url"], "/reach-out/days/day-1/");
}

#[test]
fn check_in_github_actions_names_the_derived_address_too() {
    let site = fixture("github-pages-project");
    let result = in_actions(&site, "coach/reach-out", &["check"]);
    assert!(
        result.stdout.contains("https://coach.github.io/reach-out/"),
        "{}",
        result.stdout
    );
}

#[test]
fn a_user_site_repository_is_published_at_the_root() {
    let site = fixture("github-pages-project");
    in_actions(&site, "Coach/coach.github.io", &["build"]);
    assert_eq!(
        permalinks(&site, "about/index.html").0,
        "https://coach.github.io/about/"
    );
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/"]
    );
    assert_eq!(tracker_data(&site, "index.html")["key"], "reachout:/");
}

#[test]
fn cname_wins_over_the_derived_address() {
    let site = fixture("custom-domain-cname");
    let result = in_actions(&site, "coach/reach-out", &["build"]);
    assert!(
        !result.stdout.contains("GitHub Actions"),
        "{}",
        result.stdout
    );
    assert_eq!(
        permalinks(&site, "index.html").0,
        "https://coach.example.com/"
    );
    assert_eq!(site.output("CNAME"), "coach.example.com\n");
    assert!(
        sitemap(&site)
            .iter()
            .all(|loc| loc.starts_with("https://coach.example.com/"))
    );
}

#[test]
fn cname_gives_the_base_url_outside_github_actions_too() {
    let site = fixture("custom-domain-cname");
    site.build();
    assert_eq!(
        permalinks(&site, "index.html").0,
        "https://coach.example.com/"
    );
}

#[test]
fn an_explicit_base_url_is_kept_in_github_actions() {
    let site = fixture("base-url-in-site-yaml");
    in_actions(&site, "someone/else", &["build"]);
    assert_eq!(
        permalinks(&site, "about/index.html").0,
        "https://coach.github.io/reach-out/about/"
    );
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/reach-out/"]
    );
}

#[test]
fn an_explicit_base_url_wins_over_cname() {
    let site = fixture("base-url-and-cname");
    in_actions(&site, "coach/reach-out", &["build"]);
    assert_eq!(
        permalinks(&site, "index.html").0,
        "https://coach.github.io/reach-out/"
    );
    // The domain is still written for GitHub: base_url only decides the links.
    assert_eq!(site.output("CNAME"), "coach.example.com\n");
}

#[test]
fn the_base_url_flag_wins_over_everything() {
    let site = fixture("base-url-and-cname");
    in_actions(
        &site,
        "coach/reach-out",
        &["build", "--base-url", "https://reach-out.example.org/x/"],
    );
    assert_eq!(
        permalinks(&site, "index.html").0,
        "https://reach-out.example.org/x/"
    );
}

#[test]
fn outside_github_actions_nothing_is_derived() {
    let site = fixture("github-pages-project");
    let mut cmd = site.cmd();
    // The repository alone (say, left in a shell) is not GitHub Actions.
    cmd.env("GITHUB_REPOSITORY", "coach/reach-out")
        .env("GITHUB_ACTIONS", "false")
        .arg("build");
    let result = run(cmd);
    assert_eq!(result.code, 0, "{result:?}");
    assert_eq!(permalinks(&site, "about/index.html").0, "/about/");
    assert_eq!(
        site.main("about/index.html").attrs(".prose a", "href"),
        ["/"]
    );
}

#[test]
fn a_malformed_repository_variable_is_ignored() {
    let site = fixture("github-pages-project");
    let result = in_actions(&site, "not-a-repository", &["build"]);
    assert!(
        !result.stdout.contains("GitHub Actions"),
        "{}",
        result.stdout
    );
    assert_eq!(permalinks(&site, "about/index.html").0, "/about/");
}

#[test]
fn the_library_reads_the_environment_it_is_given() {
    let site = fixture("github-pages-project");
    let env = |key: &str| match key {
        "GITHUB_ACTIONS" => Some("true".to_owned()),
        "GITHUB_REPOSITORY" => Some("coach/reach-out".to_owned()),
        _ => None,
    };
    let summary = reachout::build_with_env(&site.options(), &env).expect("build");
    assert_eq!(summary.base_url, "https://coach.github.io/reach-out/");
    assert_eq!(
        summary.base_source,
        reachout::publish::BaseSource::GitHubActions
    );
}

#[test]
fn an_invalid_cname_is_an_error_at_its_line() {
    let site = fixture("custom-domain-cname");
    site.write(
        "site.yaml",
        "title: \"Test challenge\"\ncname: https://coach.example.com/\n",
    );
    let d = site.problem();
    crate::support::assert_at(&d, "site.yaml", 2, 1);
    assert!(d.message.contains("cname"), "{d}");
    crate::support::hint(&d);
}

// The workflows.

/// A workflow file, parsed.
fn parse_workflow(text: &str, name: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{name} is not valid YAML: {e}"))
}

/// The step of `job` that uses `action` (`actions/checkout`); checks it is pinned to a major.
fn step_using<'a>(workflow: &'a Value, job: &str, action: &str) -> &'a Value {
    let steps = workflow["jobs"][job]["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("job {job} has no steps"));
    let step = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.split('@').next() == Some(action))
        })
        .unwrap_or_else(|| panic!("job {job} does not use {action}"));
    let version = step["uses"].as_str().unwrap().split_once('@').unwrap().1;
    assert!(
        version.len() > 1
            && version.starts_with('v')
            && version[1..].chars().all(|c| c.is_ascii_digit()),
        "{action}@{version}: pin the official action to its major version, e.g. @v5"
    );
    step
}

/// Index of the step of `build` whose `run` satisfies `is`.
fn run_step(workflow: &Value, is: impl Fn(&str) -> bool, what: &str) -> usize {
    workflow["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .position(|s| s["run"].as_str().is_some_and(&is))
        .unwrap_or_else(|| panic!("no step that {what}"))
}

fn index_of(workflow: &Value, step: &Value) -> usize {
    workflow["jobs"]["build"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .position(|s| s == step)
        .unwrap()
}

/// What every Pages workflow of reachout must do; returns the install step.
fn check_pages_workflow(workflow: &Value) -> Value {
    assert_eq!(workflow["on"]["push"]["branches"], json!(["main"]));
    assert!(
        workflow["on"]
            .as_object()
            .unwrap()
            .contains_key("workflow_dispatch"),
        "a run can be started from the Actions tab"
    );
    assert_eq!(
        workflow["permissions"],
        json!({"contents": "read", "pages": "write", "id-token": "write"})
    );
    assert_eq!(workflow["concurrency"]["group"], "pages");

    let checkout = step_using(workflow, "build", "actions/checkout");
    let configure = step_using(workflow, "build", "actions/configure-pages");
    assert_eq!(configure["id"], "pages");
    let upload = step_using(workflow, "build", "actions/upload-pages-artifact");
    let out = BuildOptions {
        root: ".".into(),
        ..BuildOptions::default()
    }
    .output_dir();
    assert_eq!(
        Path::new(upload["with"]["path"].as_str().expect("an artifact path")),
        out.strip_prefix(".").unwrap(),
        "the artifact is the folder `reachout build` writes"
    );

    let install = run_step(
        workflow,
        |run| run.contains("cargo install") && run.contains("\"$REACHOUT_SOURCE\""),
        "installs reachout from $REACHOUT_SOURCE",
    );
    let build = run_step(
        workflow,
        |run| run.trim() == "reachout build",
        "runs `reachout build` (the base URL is derived, so no --base-url)",
    );
    assert!(
        index_of(workflow, checkout) < install && install < build,
        "checkout, install, build in that order"
    );
    assert!(index_of(workflow, configure) < build);
    assert!(build < index_of(workflow, upload), "upload after the build");
    assert!(
        workflow["env"]["REACHOUT_SOURCE"].is_string(),
        "the source is named once, in the workflow's env"
    );

    let deploy = &workflow["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert_eq!(
        deploy["environment"]["url"],
        "${{ steps.deployment.outputs.page_url }}"
    );
    assert_eq!(
        step_using(workflow, "deploy", "actions/deploy-pages")["id"],
        "deployment"
    );
    workflow["jobs"]["build"]["steps"][install].clone()
}

#[test]
fn the_workflow_init_writes_installs_this_version_of_reachout() {
    let workflow = parse_workflow(&reachout::publish::workflow(), "init's pages.yml");
    let install = check_pages_workflow(&workflow);
    assert_eq!(
        workflow["env"]["REACHOUT_VERSION"],
        env!("CARGO_PKG_VERSION")
    );
    assert_eq!(
        workflow["env"]["REACHOUT_SOURCE"],
        env!("CARGO_PKG_REPOSITORY"),
        "the source comes from package.repository in Cargo.toml"
    );
    assert_eq!(
        workflow["env"]["REACHOUT_VERIFY_PROVENANCE"], "false",
        "the provenance check is one switch, off by default"
    );
    assert!(
        install.get("if").is_none(),
        "the release is downloaded at every run (no cache to miss)"
    );
    let run = install["run"].as_str().unwrap();
    for part in [
        "releases/download/v$REACHOUT_VERSION/",
        "sha256sum -c",
        "GITHUB_PATH",
        "gh attestation verify",
        // The fallback for a version without a release asset.
        "cargo install --locked --git \"$REACHOUT_SOURCE\" --tag \"v$REACHOUT_VERSION\" reachout",
    ] {
        assert!(run.contains(part), "{part} in {run}");
    }
    // How the step behaves is tested by running it: tests/testsuite/release.rs.
}

#[test]
fn this_repository_publishes_its_site_with_the_reachout_it_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join(reachout::publish::WORKFLOW_PATH))
        .expect("this repository has .github/workflows/pages.yml");
    let workflow = parse_workflow(&text, ".github/workflows/pages.yml");
    let install = check_pages_workflow(&workflow);
    assert_eq!(workflow["env"]["REACHOUT_SOURCE"], ".");
    let run = install["run"].as_str().unwrap();
    assert!(
        run.contains("cargo install --locked --path \"$REACHOUT_SOURCE\""),
        "{run}"
    );
    let key = step_using(&workflow, "build", "actions/cache")["with"]["key"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(key.contains("hashFiles('Cargo.lock')"), "{key}");
    assert_eq!(
        workflow["jobs"]["build"]["if"], "${{ !github.event.repository.is_template }}",
        "a repository made with 'Use this template' deploys, the template itself does not"
    );

    // Both workflows publish the same way; only how reachout is installed differs.
    let init = parse_workflow(&reachout::publish::workflow(), "init's pages.yml");
    for key in ["on", "permissions", "concurrency"] {
        assert_eq!(workflow[key], init[key], "`{key}` differs between the two");
    }
    assert_eq!(workflow["jobs"]["deploy"], init["jobs"]["deploy"]);
    for action in [
        "actions/checkout",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ] {
        assert_eq!(
            step_using(&workflow, "build", action)["uses"],
            step_using(&init, "build", action)["uses"],
            "{action}: the same version in both"
        );
    }
}

#[test]
fn init_writes_the_pages_workflow() {
    let site = empty_site();
    let mut cmd = reachout();
    cmd.arg("init").arg(&site.root);
    let result = run(cmd);
    assert_eq!(result.code, 0, "{result:?}");
    let written = std::fs::read_to_string(site.path(reachout::publish::WORKFLOW_PATH))
        .expect("init writes .github/workflows/pages.yml");
    assert_eq!(written, reachout::publish::workflow());
    // The site it wrote builds the way the workflow builds it.
    let build = in_actions(&site, "coach/reach-out", &["build"]);
    assert!(build.stdout.contains("https://coach.github.io/reach-out/"));
    assert!(site.has_output("days/day-1/index.html"));
}

#[test]
fn init_never_overwrites_an_existing_workflow_without_force() {
    let site = empty_site();
    site.write(reachout::publish::WORKFLOW_PATH, "name: my own workflow\n");
    let before = tree(&site.root);
    let mut cmd = reachout();
    cmd.arg("init").arg(&site.root);
    let result = run(cmd);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(result.stderr.contains("--force"), "{}", result.stderr);
    assert!(
        tree(&site.root) == before,
        "init changed a folder it refused"
    );
}
