//! Answering requests from the in-memory site: GitHub Pages' behaviour for a project site
//! (only under the base path, `index.html` for folders, `/dir` -> `/dir/`, the site's
//! `404.html`), and only ever the keys of the in-memory map, so no request reaches the disk.

use std::sync::Arc;

use super::assets::{self, EVENTS, LIVE_CSS, LIVE_JS, RESERVED};
use super::state::State;
use crate::text::escape_html;

/// What to send back.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reply {
    /// A response with a body (a file of the site, or a page of ours).
    Body {
        /// HTTP status.
        status: u16,
        /// Its `Content-Type`.
        content_type: &'static str,
        /// The bytes, shared with the site snapshot.
        body: Arc<[u8]>,
    },
    /// `301 Moved Permanently` to this location.
    Redirect(String),
    /// `405`: only GET and HEAD.
    NotAllowed,
    /// The live-reload event stream.
    Events,
}

impl Reply {
    /// A short plain-text answer.
    pub fn plain(status: u16, text: &str) -> Reply {
        Reply::own(
            status,
            "text/plain; charset=utf-8",
            format!("{text}\n").into_bytes(),
        )
    }

    /// A body of ours.
    pub fn own(status: u16, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply::Body {
            status,
            content_type,
            body: body.into(),
        }
    }
}

/// Decides the answer to a request from the current state; the whole of the path logic, pure.
pub(crate) fn answer(method: &str, target: &str, state: &State) -> Reply {
    if method != "GET" && method != "HEAD" {
        return Reply::NotAllowed;
    }
    let Some((raw_path, query)) = split_target(target) else {
        return Reply::plain(400, "Bad Request: the request target is not a path");
    };
    let Some(path) = decode(raw_path) else {
        return Reply::plain(
            400,
            "Bad Request: the path is not valid percent-encoded UTF-8",
        );
    };
    if !safe(&path) {
        return Reply::plain(404, "Not Found");
    }
    let prefix = state.prefix.as_str();
    if let Some(own) = path
        .strip_prefix(prefix)
        .and_then(|rest| rest.strip_prefix(RESERVED))
    {
        return match own {
            EVENTS => Reply::Events,
            LIVE_JS => Reply::own(
                200,
                "text/javascript; charset=utf-8",
                assets::SCRIPT.to_vec(),
            ),
            LIVE_CSS => Reply::own(200, "text/css; charset=utf-8", assets::STYLE.to_vec()),
            _ => Reply::plain(404, "Not Found"),
        };
    }
    let Some(site) = &state.site else {
        // Nothing built yet: every page explains why and reloads once the site builds.
        return Reply::own(
            503,
            "text/html; charset=utf-8",
            failed_page(state).into_bytes(),
        );
    };
    if format!("{path}/") == prefix {
        return Reply::Redirect(format!("{prefix}{}", encode_query(query)));
    }
    let Some(rel) = path.strip_prefix(prefix) else {
        return Reply::own(
            404,
            "text/html; charset=utf-8",
            outside_page(prefix).into_bytes(),
        );
    };
    let file = |key: &str, status: u16| {
        site.files.get(key).map(|f| Reply::Body {
            status,
            content_type: f.content_type,
            body: Arc::clone(&f.bytes),
        })
    };
    let not_found = || file("404.html", 404).unwrap_or_else(|| Reply::plain(404, "Not Found"));
    // Empty segments (`a//b`, a leading `/`) never name a file of the site.
    if rel.starts_with('/') || rel.contains("//") {
        return not_found();
    }
    if rel.is_empty() || rel.ends_with('/') {
        return file(&format!("{rel}index.html"), 200).unwrap_or_else(not_found);
    }
    if let Some(reply) = file(rel, 200) {
        return reply;
    }
    // The preview has no service worker; one a published build left here is retired.
    if rel == crate::output::pwa::SW_PATH {
        return Reply::own(
            200,
            "text/javascript; charset=utf-8",
            crate::output::pwa::RETIRE_SCRIPT.to_vec(),
        );
    }
    if site.files.contains_key(&format!("{rel}/index.html")) {
        return Reply::Redirect(format!("{}/{}", encode(&path), encode_query(query)));
    }
    not_found()
}

/// Splits `path?query` (or an absolute-form `http://host/path?query`) into the raw path and
/// `?query` (empty when there is none). `None` when there is no path at all (`*`, `x`).
fn split_target(target: &str) -> Option<(&str, &str)> {
    let target = target.split('#').next().unwrap_or_default();
    let target = match target
        .strip_prefix("http://")
        .or_else(|| target.strip_prefix("https://"))
    {
        // The host is ours whatever it says; only the path matters.
        Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => target,
    };
    if !target.starts_with('/') {
        return None;
    }
    Some(match target.find('?') {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    })
}

/// Percent-decodes once (`%252e` stays `%2e`); `None` for a bad escape or invalid UTF-8.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A decoded path may be looked up: no `.`/`..` segment, NUL, backslash or control character.
fn safe(path: &str) -> bool {
    path.starts_with('/')
        && !path.chars().any(|c| c == '\\' || c.is_control())
        && !path
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
}

/// Percent-encodes a decoded path for a `Location` header (`/` kept).
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Keeps a raw query as sent, escaping only what a header cannot hold.
fn encode_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len());
    for b in query.bytes() {
        if b.is_ascii_graphic() {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// For paths outside the base path: GitHub Pages would not serve them either.
fn outside_page(prefix: &str) -> String {
    let prefix = escape_html(prefix);
    format!(
        "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>\n\
         <h1>Not found</h1>\n<p>This site is served under <a href=\"{prefix}\">{prefix}</a>, \
         as it will be once published.</p>\n"
    )
}

/// Shown for every page until the first build succeeds; the overlay lists the problems too.
fn failed_page(state: &State) -> String {
    let mut items = String::new();
    for p in state.problems.iter().flat_map(|list| list.iter()) {
        let at = match (p.line, p.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", p.file),
            _ => p.file.clone(),
        };
        items.push_str(&format!(
            "<li><code>{}</code>: {}</li>\n",
            escape_html(&at),
            escape_html(&p.message)
        ));
    }
    let script = escape_html(&format!("{}{RESERVED}{LIVE_JS}?build=", state.prefix));
    format!(
        "<!doctype html>\n<html lang=\"en\"><meta charset=\"utf-8\"><title>The site does not build yet</title>\n\
         <h1>The site does not build yet</h1>\n<p>Fix these problems; this page reloads by itself \
         once the site builds.</p>\n<ul>\n{items}</ul>\n\
         <script type=\"module\" src=\"{script}\"></script>\n"
    )
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::serve::assets::content_type;
    use crate::serve::state::{File, Snapshot};

    /// A site whose every file holds its own path, so a test sees which one was served.
    fn state(prefix: &str, keys: &[&str]) -> State {
        let files: HashMap<String, File> = keys
            .iter()
            .map(|k| {
                let file = File::new(Arc::from(k.as_bytes()), content_type(k));
                ((*k).to_owned(), file)
            })
            .collect();
        State::good(Snapshot {
            id: "1".into(),
            title: "T".into(),
            prefix: prefix.into(),
            files,
            warnings: Vec::new(),
        })
    }

    fn get(target: &str, s: &State) -> Reply {
        answer("GET", target, s)
    }

    /// The status and, for a file of the site, its key.
    fn served(reply: &Reply) -> (u16, String) {
        match reply {
            Reply::Body { status, body, .. } => {
                (*status, String::from_utf8_lossy(body).into_owned())
            }
            Reply::Redirect(to) => (301, to.clone()),
            Reply::NotAllowed => (405, String::new()),
            Reply::Events => (200, "events".into()),
        }
    }

    fn file(key: &str, status: u16) -> (u16, String) {
        (status, key.to_owned())
    }

    const KEYS: &[&str] = &[
        "index.html",
        "404.html",
        "days/index.html",
        "days/day-1/index.html",
        "css/style.css",
    ];

    #[test]
    fn pages_folders_and_redirects() {
        let s = state("/reach-out/", KEYS);
        assert_eq!(served(&get("/reach-out/", &s)), file("index.html", 200));
        assert_eq!(served(&get("/reach-out/?a=1", &s)), file("index.html", 200));
        assert_eq!(
            served(&get("/reach-out/days/day-1/", &s)),
            file("days/day-1/index.html", 200)
        );
        assert_eq!(
            served(&get("/reach-out/css/style.css", &s)),
            file("css/style.css", 200)
        );
        assert_eq!(
            get("/reach-out/days?x=1", &s),
            Reply::Redirect("/reach-out/days/?x=1".into())
        );
        assert_eq!(get("/reach-out", &s), Reply::Redirect("/reach-out/".into()));
        for missing in [
            "/reach-out/nope/",
            "/reach-out/a/b/c/d",
            "/reach-out/css/style.css/",
        ] {
            assert_eq!(
                served(&get(missing, &s)),
                file("404.html", 404),
                "{missing}"
            );
        }
        assert_eq!(answer("POST", "/reach-out/", &s), Reply::NotAllowed);
        assert_eq!(
            served(&answer("HEAD", "/reach-out/", &s)),
            file("index.html", 200)
        );
    }

    #[test]
    fn sw_js_is_the_worker_that_retires_itself() {
        let s = state("/reach-out/", KEYS);
        let (status, body) = served(&get("/reach-out/sw.js", &s));
        assert_eq!(status, 200);
        assert!(body.contains("unregister()"), "{body}");
        // Only at the base path: elsewhere it is an ordinary missing file.
        assert_eq!(
            served(&get("/reach-out/js/sw.js", &s)),
            file("404.html", 404)
        );
    }

    #[test]
    fn outside_the_prefix_is_a_short_404() {
        let s = state("/reach-out/", KEYS);
        for target in ["/", "/index.html", "/days/", "/reach-outx/", "/etc/passwd"] {
            let (status, body) = served(&get(target, &s));
            assert_eq!(status, 404, "{target}");
            assert!(body.contains("href=\"/reach-out/\""), "{target}: {body}");
        }
    }

    #[test]
    fn traversal_never_reaches_a_file() {
        let s = state("/reach-out/", KEYS);
        for target in [
            "/reach-out/../site.yaml",
            "/reach-out/%2e%2e/site.yaml",
            "/reach-out/%2E%2E%2fsite.yaml",
            "/reach-out/%2e%2e%2f%2e%2e%2fetc/passwd",
            "/reach-out/%252e%252e/site.yaml",
            "/reach-out/..%5csite.yaml",
            "/reach-out/\\..\\site.yaml",
            "/reach-out/./index.html",
            "/reach-out//etc/passwd",
            "/reach-out/%2fetc/passwd",
            "/reach-out/index.html%00.css",
            "http://evil/reach-out/../site.yaml",
        ] {
            let (status, body) = served(&get(target, &s));
            assert!(
                status == 400 || (status == 404 && !body.contains("index.html")),
                "{target}: {status} {body}"
            );
        }
        assert_eq!(served(&get("*", &s)).0, 400);
        assert_eq!(served(&get("/reach-out/%zz", &s)).0, 400);
        assert_eq!(served(&get("/reach-out/%ff", &s)).0, 400);
        // Absolute-form targets are served by their path.
        assert_eq!(
            served(&get("http://127.0.0.1:1/reach-out/", &s)),
            file("index.html", 200)
        );
    }

    #[test]
    fn the_root_prefix_serves_everything_but_never_redirects_off_site() {
        let s = state("/", KEYS);
        assert_eq!(served(&get("/", &s)), file("index.html", 200));
        assert_eq!(get("/days", &s), Reply::Redirect("/days/".into()));
        assert_eq!(served(&get("//days", &s)), file("404.html", 404));
        assert_eq!(served(&get("/\\days", &s)).0, 404);
    }

    #[test]
    fn reserved_paths_serve_the_reload_files() {
        let s = state("/reach-out/", KEYS);
        assert_eq!(get("/reach-out/__reachout/events", &s), Reply::Events);
        assert!(matches!(
            get("/reach-out/__reachout/live.js?build=1", &s),
            Reply::Body {
                status: 200,
                content_type: "text/javascript; charset=utf-8",
                ..
            }
        ));
        assert_eq!(served(&get("/reach-out/__reachout/x", &s)).0, 404);
    }

    #[test]
    fn before_the_first_good_build_every_page_explains() {
        let s = State::empty("/reach-out/".into());
        let (status, body) = served(&get("/reach-out/days/", &s));
        assert_eq!(status, 503);
        assert!(body.contains("/reach-out/__reachout/live.js"), "{body}");
        assert_eq!(get("/reach-out/__reachout/events", &s), Reply::Events);
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("css/STYLE.CSS"), "text/css; charset=utf-8");
        assert_eq!(content_type("js/t.js"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("sitemap.xml"),
            "application/xml; charset=utf-8"
        );
        assert_eq!(content_type("img/a.svg"), "image/svg+xml");
        assert_eq!(content_type(".nojekyll"), "application/octet-stream");
        assert_eq!(content_type("CNAME"), "application/octet-stream");
    }
}
