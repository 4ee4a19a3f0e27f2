//! The browser editor (issue 18): `admin/` written from the content model when `cms.enabled`,
//! kept out of the visitor's site, and a site's own `static/admin/config.yml` checked.

use crate::support::{assert_at, empty_site, fixture, hint, no_env};

/// Turns the editor on in a fixture's site.yaml.
fn with_cms(site: &crate::support::Site) {
    let path = site.path("site.yaml");
    let mut yaml = std::fs::read_to_string(&path).unwrap();
    yaml.push_str("cms:\n  enabled: true\n");
    site.write("site.yaml", &yaml);
}

#[test]
fn init_turns_the_editor_on_and_the_build_writes_it() {
    let site = empty_site();
    reachout::scaffold::init(&site.root, false).unwrap();
    site.build();
    let page = site.output("admin/index.html");
    assert!(page.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    assert!(page.contains(reachout::cms::SVELTIA_URL));
    assert!(page.contains(&format!(
        "integrity=\"{}\"",
        reachout::cms::SVELTIA_INTEGRITY
    )));
    // Its own CSP: the editor's script and the GitHub API, nothing from the visitor's pages.
    let csp = page
        .split("Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap();
    assert!(
        csp.contains("script-src https://unpkg.com/@sveltia/cms@"),
        "{csp}"
    );
    assert!(csp.contains("https://api.github.com"), "{csp}");
    insta::assert_snapshot!("cms_default_site", site.output("admin/config.yml"));
    // Not the visitor's: no sitemap entry, no precache, not minified as a page.
    assert!(!site.output("sitemap.xml").contains("admin"));
    assert!(!site.output("sw.js").contains("admin/"));
    // The visitor's pages keep their own policy, without the CDN.
    let home = site.output("index.html");
    assert!(home.contains("script-src 'self'") && !home.contains("unpkg"));
}

#[test]
fn a_spanish_site_gets_its_own_config() {
    let site = fixture("spanish-site");
    with_cms(&site);
    site.build();
    insta::assert_snapshot!("cms_spanish_site", site.output("admin/config.yml"));
}

#[test]
fn two_languages_are_translations_beside_each_other() {
    let site = fixture("two-languages");
    with_cms(&site);
    site.build();
    let config = site.output("admin/config.yml");
    assert!(config.contains("structure: multiple_files"), "{config}");
    insta::assert_snapshot!("cms_two_languages", config);
}

#[test]
fn github_actions_names_the_repository_the_editor_saves_to() {
    let site = fixture("two-languages");
    with_cms(&site);
    let env = |key: &str| (key == "GITHUB_REPOSITORY").then(|| "coach/reach-out".to_owned());
    reachout::build_with_env(&site.options(), &env).unwrap();
    assert!(
        site.output("admin/config.yml")
            .contains("repo: coach/reach-out")
    );
    // Without it (a local build), local mode still works and sign-in names the setting.
    reachout::build_with_env(&site.options(), &no_env).unwrap();
    assert!(
        site.output("admin/config.yml")
            .contains("repo: OWNER/REPOSITORY")
    );
}

#[test]
fn without_the_switch_there_is_no_editor() {
    let site = fixture("one-of-each-kind");
    site.build();
    assert!(!site.has_output("admin/index.html"));
    assert!(!site.has_output("admin/config.yml"));
}

#[test]
fn a_bad_repository_name_is_refused() {
    let site = fixture("one-of-each-kind");
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        &format!("{yaml}cms:\n  enabled: true\n  repo: \"https://github.com/x\"\n"),
    );
    let d = site.problem();
    assert_at(&d, "site.yaml", 8, 3);
    assert!(hint(&d).contains("OWNER/NAME"), "{d:?}");
}

#[test]
fn a_config_field_the_model_lacks_is_an_error_at_its_line() {
    let site = fixture("cms-config-unknown-field");
    let d = site.problem();
    assert_at(&d, "static/admin/config.yml", 15, 11);
    assert!(d.message.contains("`duration`"), "{}", d.message);
    assert!(d.message.contains("front matter of days"), "{}", d.message);
    // `check` says it too, with the file, line and column.
    let out = site
        .cmd()
        .arg("check")
        .assert()
        .failure()
        .get_output()
        .clone();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("static/admin/config.yml:15:11"), "{stderr}");
}

#[test]
fn a_config_missing_a_required_field_is_an_error() {
    let site = fixture("cms-config-missing-required");
    let d = site.problem();
    assert_at(&d, "static/admin/config.yml", 7, 5);
    assert!(d.message.contains("no field `situation`"), "{}", d.message);
    assert!(hint(&d).contains("name: situation"), "{d:?}");
}

#[test]
fn a_sites_own_config_that_fits_the_model_is_published_as_it_is() {
    let site = fixture("cms-config-missing-required");
    let own = std::fs::read_to_string(site.path("static/admin/config.yml")).unwrap();
    let fixed = own.replace(
        "      - name: channel\n",
        "      - name: situation\n        label: Situation\n        widget: string\n      - name: channel\n",
    );
    site.write("static/admin/config.yml", &fixed);
    site.build();
    assert_eq!(site.output("admin/config.yml"), fixed);
    assert!(site.has_output("admin/index.html"));
}
