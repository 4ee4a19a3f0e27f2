//! The browser editor: with `cms: { enabled: true }` in site.yaml the build writes
//! `admin/index.html`, which loads Sveltia CMS from a CDN (a pinned version, with Subresource
//! Integrity), and `admin/config.yml`, written from the content model ([`model`]) so the forms
//! ask for what the build needs. A site may publish its own `static/admin/config.yml` instead;
//! [`check`] compares it with the model.
//!
//! Sveltia CMS rather than Decap CMS: it is maintained, one file, reads Decap's configuration,
//! signs in to GitHub with a personal access token (no OAuth server, which GitHub Pages lacks)
//! and edits a local folder without a proxy server (`reachout serve` + Chromium).

pub mod check;
pub mod config;
pub mod model;

use std::collections::BTreeMap;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::output::{Body, Kind, Output};
use crate::text::escape_html;

/// The pinned Sveltia CMS release (npm `@sveltia/cms`).
pub const SVELTIA_VERSION: &str = "0.221.1";

/// Where the admin page loads the editor from: the npm package's one-file bundle.
pub const SVELTIA_URL: &str = "https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js";

/// `integrity` of [`SVELTIA_URL`]: SHA-384 of `dist/sveltia-cms.js` in the npm package, so
/// a changed file on the CDN is refused by the browser instead of run with the coach's token.
pub const SVELTIA_INTEGRITY: &str =
    "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6";

/// The folder of the editor in the output (and in `static/` for a site's own files).
pub const ADMIN_DIR: &str = "admin";

/// The editor's page in the output.
pub const ADMIN_PAGE: &str = "admin/index.html";

/// The editor's configuration in the output.
pub const ADMIN_CONFIG: &str = "admin/config.yml";

/// What the admin page may load: the editor's script, the GitHub API (and GitHub's status,
/// which the editor shows when the API fails), avatars, the editor's own update check and
/// its fonts (its icons are a font), styles inline as Svelte writes them. Nothing else: the
/// editor holds a token that can write to the site's repository.
const ADMIN_CSP: &str = "default-src 'self'; \
    script-src https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js; \
    connect-src 'self' blob: data: https://api.github.com https://www.githubstatus.com \
    https://unpkg.com/@sveltia/cms/package.json; \
    img-src 'self' blob: data: https://avatars.githubusercontent.com; \
    media-src 'self' blob: data:; style-src 'self' 'unsafe-inline'; \
    font-src 'self' data: https://cdn.jsdelivr.net/fontsource/fonts/; \
    worker-src blob:; frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'";

/// Whether `path` (relative to the output) belongs to the editor rather than the visitor's
/// site: left out of the service worker's precache, the sitemap and page checks.
pub fn is_admin(path: &str) -> bool {
    path.strip_prefix(ADMIN_DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The admin page: the editor's script with its integrity, no index, its own CSP.
pub fn admin_page(title: &str) -> String {
    let title = escape_html(title);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{ADMIN_CSP}\">\n\
         <meta name=\"robots\" content=\"noindex, nofollow\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>Edit: {title}</title>\n\
         <script src=\"{SVELTIA_URL}\" integrity=\"{SVELTIA_INTEGRITY}\" crossorigin=\"anonymous\"></script>\n\
         </head>\n<body>\n<noscript>The editor needs JavaScript.</noscript>\n</body>\n</html>\n"
    )
}

/// The editor's files for a site with `cms.enabled`, and the problems of a site's own
/// `admin/config.yml` (in `statics`, the site's and theme's static files). `repo` is GitHub
/// Actions' repository, `site_url` the published address. A file the site publishes itself
/// is left to it.
pub fn outputs(
    config: &Config,
    statics: &BTreeMap<String, Body>,
    repo: Option<&str>,
    site_url: &str,
) -> (Vec<Output>, Vec<Diagnostic>) {
    if !config.cms.enabled {
        return (Vec::new(), Vec::new());
    }
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    // Text, not HTML: never minified, and `serve` injects no live reload, which would reload
    // the editor (and drop an unsaved form) each time it saves a file.
    if !statics.contains_key(ADMIN_PAGE) {
        outputs.push(Output {
            path: ADMIN_PAGE.into(),
            body: Body::Owned(admin_page(&config.title).into_bytes()),
            kind: Kind::Text,
        });
    }
    match statics.get(ADMIN_CONFIG) {
        Some(Body::File(file)) => problems.extend(check::file(file)),
        Some(_) => {}
        None => outputs.push(Output {
            path: ADMIN_CONFIG.into(),
            body: Body::Owned(config::generate(config, repo, site_url).into_bytes()),
            kind: Kind::Text,
        }),
    }
    (outputs, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_paths_are_the_folder_only() {
        assert!(is_admin("admin/index.html"));
        assert!(is_admin("admin/config.yml"));
        assert!(!is_admin("administration/index.html"));
        assert!(!is_admin("days/admin/index.html"));
    }

    #[test]
    fn the_page_pins_the_script_and_escapes_the_title() {
        let page = admin_page("Tom & <Jerry>");
        assert!(page.contains("Edit: Tom &amp; &lt;Jerry&gt;"), "{page}");
        assert!(page.contains(&format!("src=\"{SVELTIA_URL}\" integrity=\"sha384-")));
        assert!(SVELTIA_URL.contains(SVELTIA_VERSION));
        assert!(ADMIN_CSP.contains(SVELTIA_URL));
        assert!(page.contains("noindex"));
    }
}
