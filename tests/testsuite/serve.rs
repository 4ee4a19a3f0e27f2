//! `reachout serve`: the binary started on a free port (`-p 0`), its URL read from stdout, and
//! spoken to with a few lines of HTTP over `TcpStream`: pages under the base path, redirects,
//! 404s, content types, traversal attempts, concurrency, live reload over SSE, the error
//! payload of a broken build, and a clean exit on Ctrl-C. The server is killed when a test
//! fails (see [`Serve`]'s `Drop`).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{Site, empty_site, fixture, tree};

const FIXTURE: &str = "serve-under-subpath";
/// Generous for a debug build on a busy machine; a healthy start takes well under a second.
const START: Duration = Duration::from_secs(20);
/// How long a rebuild may take before a test calls it hung (not a speed limit).
const HUNG: Duration = Duration::from_secs(30);

/// A running `reachout serve`; killed on drop so a failing test never leaves it behind.
pub(crate) struct Serve {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub(crate) addr: String,
    /// `http://127.0.0.1:PORT/reach-out/`.
    url: String,
    /// The path part of `url`.
    pub(crate) prefix: String,
    stdout: mpsc::Receiver<String>,
    stderr: mpsc::Receiver<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn lines(stream: impl Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// `reachout serve -r ROOT -p 0 ARGS`, once it says where it serves.
fn start_with(root: &Path, args: &[&str], configure: impl FnOnce(&mut Command)) -> Serve {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reachout"));
    cmd.arg("serve")
        .arg("-r")
        .arg(root)
        .args(["-p", "0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    configure(&mut cmd);
    let mut child = cmd.spawn().expect("start reachout serve");
    let stdout = lines(child.stdout.take().expect("stdout"));
    let stderr = lines(child.stderr.take().expect("stderr"));
    let mut serve = Serve {
        child,
        addr: String::new(),
        url: String::new(),
        prefix: String::new(),
        stdout,
        stderr,
    };
    let line = serve
        .stdout
        .recv_timeout(START)
        .unwrap_or_else(|_| panic!("no ready line; stderr:\n{}", serve.drain_stderr()));
    // `Serving TITLE at URL (Ctrl-C to stop)`
    assert!(
        line.starts_with("Serving ") && line.ends_with(" (Ctrl-C to stop)"),
        "{line}"
    );
    let url = line
        .split(' ')
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line}"))
        .to_owned();
    let rest = url.trim_start_matches("http://");
    let slash = rest.find('/').expect("URL has a path");
    serve.addr = rest[..slash].to_owned();
    serve.prefix = rest[slash..].to_owned();
    serve.url = url;
    serve
}

pub(crate) fn start(site: &Site) -> Serve {
    start_with(&site.root, &[], |_| {})
}

/// An HTTP response, read to the end of a `Connection: close` exchange.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `METHOD TARGET HTTP/1.1` exactly as given (no normalisation on our side).
fn request(addr: &str, method: &str, target: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        addr
    );
    stream.write_all(head.as_bytes()).expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&raw)));
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut head_lines = head.split("\r\n");
    let status_line = head_lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line}"));
    let headers = head_lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}

impl Serve {
    /// The server's process id.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Sends `METHOD TARGET HTTP/1.1` exactly as given (no normalisation on our side).
    fn request(&self, method: &str, target: &str) -> Reply {
        request(&self.addr, method, target)
    }

    /// `GET` of a path under the base path (`""` is the home page).
    fn get(&self, path: &str) -> Reply {
        self.request("GET", &format!("{}{path}", self.prefix))
    }

    /// Everything the server printed to stderr so far.
    fn drain_stderr(&self) -> String {
        let mut text = String::new();
        while let Ok(line) = self.stderr.recv_timeout(Duration::from_millis(200)) {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }

    /// Waits for a stdout line containing `needle`.
    fn stdout_line(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no stdout line with `{needle}`");
    }

    /// Polls `path` until its body contains `needle` (not empty: an empty needle would wait
    /// for nothing). The deadline only ends a hung test; it is not a speed claim, which
    /// belongs to `scripts/measure-serve.mjs`.
    fn wait_for_page(&self, path: &str, needle: &str) {
        assert!(!needle.is_empty(), "wait for something the page must show");
        let start = Instant::now();
        loop {
            let reply = self.get(path);
            if reply.status == 200 && reply.text().contains(needle) {
                return;
            }
            assert!(
                start.elapsed() < HUNG,
                "{path} did not show `{needle}` within {HUNG:?}; last reply {}:\n{}\nstderr:\n{}",
                reply.status,
                reply.text(),
                self.drain_stderr()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Opens the live-reload event stream.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        let head = format!(
            "GET {}__reachout/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.prefix, self.addr
        );
        stream.write_all(head.as_bytes()).expect("send request");
        let (tx, rx) = mpsc::channel();
        let reader = stream.try_clone().expect("clone stream");
        std::thread::spawn(move || {
            for line in BufReader::new(reader).lines() {
                let Ok(line) = line else { break };
                if let Some(json) = line.strip_prefix("data: ") {
                    let value: Value = serde_json::from_str(json).expect("SSE data is JSON");
                    if tx.send(value).is_err() {
                        break;
                    }
                }
            }
        });
        let events = Events {
            rx,
            _stream: stream,
        };
        let hello = events.next_of("hello");
        assert!(hello["build"].is_string(), "{hello}");
        events
    }
}

/// The `data:` payloads of an open event stream.
struct Events {
    rx: mpsc::Receiver<Value>,
    _stream: TcpStream,
}

impl Events {
    /// The next message of `kind`, skipping others; fails after 5 s.
    fn next_of(&self, kind: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.rx.recv_timeout(left) {
                Ok(msg) if msg["type"] == kind => return msg,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no `{kind}` message on the event stream");
    }
}

/// Replaces the about page's body text, keeping its front matter.
pub(crate) fn write_about(site: &Site, front_matter: &str, text: &str) {
    site.write(
        "content/about.md",
        &format!("---\n{front_matter}---\n\n{text}\n"),
    );
}

#[test]
fn help_documents_every_flag() {
    let result = crate::support::run({
        let mut cmd = crate::support::reachout();
        cmd.args(["serve", "--help"]);
        cmd
    });
    assert_eq!(result.code, 0, "{result:?}");
    for flag in [
        "--root",
        "--port",
        "--bind",
        "--base-url",
        "--drafts",
        "--open",
    ] {
        assert!(result.stdout.contains(flag), "{flag}:\n{}", result.stdout);
    }
}

#[test]
fn serves_the_site_under_its_base_path_like_github_pages() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    assert!(serve.url.ends_with("/reach-out/"), "{}", serve.url);
    assert_eq!(serve.prefix, "/reach-out/");

    let home = serve.get("");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("Cache-Control"), Some("no-store"));
    let html = home.text();
    assert!(html.contains("Welcome"), "{html}");
    assert!(html.contains("href=/reach-out/days/day-1/"), "{html}");
    // Absolute links point at the preview, not at the published site.
    assert!(
        html.contains(&format!("href={} rel=canonical", serve.url)),
        "{html}"
    );
    // The reload script is injected while serving, loaded as a file (the CSP stays strict).
    assert!(
        html.contains("<script type=\"module\" src=\"/reach-out/__reachout/live.js?build="),
        "{html}"
    );
    assert!(html.contains("script-src 'self'"), "{html}");

    let day = serve.get("days/day-1/");
    assert_eq!(day.status, 200);
    assert!(day.text().contains("Write down names"));

    for (from, to) in [
        ("/reach-out/about", "/reach-out/about/"),
        ("/reach-out/days/day-1", "/reach-out/days/day-1/"),
        ("/reach-out/days?x=1", "/reach-out/days/?x=1"),
        ("/reach-out", "/reach-out/"),
    ] {
        let reply = serve.request("GET", from);
        assert_eq!(reply.status, 301, "{from}");
        assert_eq!(reply.header("Location"), Some(to), "{from}");
    }

    let not_found = serve.get("404.html").text();
    for missing in [
        "nope",
        "nope/",
        "days/day-9/",
        "days/day-1/deeper/still/",
        "a/b/c/d/e.html",
    ] {
        let reply = serve.get(missing);
        assert_eq!(reply.status, 404, "{missing}");
        assert_eq!(
            reply.text(),
            not_found,
            "{missing} gets the site's 404 page"
        );
        assert_eq!(
            reply.header("Content-Type"),
            Some("text/html; charset=utf-8")
        );
    }

    for (path, ty) in [
        ("css/style.css", "text/css; charset=utf-8"),
        ("js/tracker.js", "text/javascript; charset=utf-8"),
        ("data.json", "application/json; charset=utf-8"),
        ("img/dot.svg", "image/svg+xml"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("__reachout/live.js", "text/javascript; charset=utf-8"),
        ("__reachout/live.css", "text/css; charset=utf-8"),
    ] {
        let reply = serve.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(ty), "{path}");
        assert_eq!(
            reply.header("X-Content-Type-Options"),
            Some("nosniff"),
            "{path}"
        );
    }
    assert_eq!(serve.get("data.json").text(), "{\"served\": true}\n");
    // Never injected into anything but HTML.
    assert!(!serve.get("css/style.css").text().contains("__reachout"));

    // Outside the base path: a short page pointing at it.
    for outside in ["/", "/about/", "/index.html", "/reach-outx/"] {
        let reply = serve.request("GET", outside);
        assert_eq!(reply.status, 404, "{outside}");
        assert!(
            reply.text().contains("href=\"/reach-out/\""),
            "{outside}: {}",
            reply.text()
        );
    }

    let head = serve.request("HEAD", "/reach-out/about/");
    let get = serve.get("about/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(
        head.header("Content-Length"),
        Some(get.body.len().to_string().as_str())
    );
    assert_eq!(head.header("Content-Type"), get.header("Content-Type"));
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let reply = serve.request(method, "/reach-out/");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("GET, HEAD"), "{method}");
    }

    // Served from memory: no public/ folder, nothing new in the site.
    assert!(!site.out().exists(), "serve must never write public/");
}

#[test]
fn builds_with_the_local_origin_and_the_path_of_base_url_flag() {
    let site = fixture(FIXTURE);
    let serve = start_with(
        &site.root,
        &["-u", "https://someone.github.io/other-path"],
        |_| {},
    );
    assert_eq!(serve.prefix, "/other-path/");
    let home = serve.get("").text();
    assert!(home.contains("href=/other-path/days/"), "{home}");
    assert!(!home.contains("someone.github.io"), "{home}");
    assert_eq!(serve.request("GET", "/reach-out/").status, 404);
}

#[cfg(unix)]
#[test]
fn never_serves_anything_outside_the_output() {
    let site = fixture(FIXTURE);
    let outside = site.tmp().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "SECRET-OUTSIDE-THE-SITE\n").unwrap();
    // Symlinks in static/ to a file and a folder outside the site.
    std::os::unix::fs::symlink(outside.join("secret.txt"), site.path("static/secret.txt")).unwrap();
    std::os::unix::fs::symlink(&outside, site.path("static/escape")).unwrap();
    let serve = start(&site);
    let port = serve.addr.rsplit(':').next().unwrap().to_owned();

    let targets = [
        "/reach-out/../site.yaml".to_owned(),
        "/reach-out/../../etc/passwd".to_owned(),
        "/reach-out/%2e%2e/site.yaml".to_owned(),
        "/reach-out/%2E%2E/site.yaml".to_owned(),
        "/reach-out/%2e%2e%2fsite.yaml".to_owned(),
        "/reach-out/..%2fsite.yaml".to_owned(),
        "/reach-out/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd".to_owned(),
        "/reach-out/%252e%252e/site.yaml".to_owned(),
        "/reach-out/%252e%252e%252fsite.yaml".to_owned(),
        "/reach-out/..\\site.yaml".to_owned(),
        "/reach-out/%5c..%5csite.yaml".to_owned(),
        "/reach-out/./../site.yaml".to_owned(),
        "/reach-out//etc/passwd".to_owned(),
        "/reach-out/%2fetc%2fpasswd".to_owned(),
        "/reach-out/index.html%00.css".to_owned(),
        "/etc/passwd".to_owned(),
        "//etc/passwd".to_owned(),
        "/site.yaml".to_owned(),
        "site.yaml".to_owned(),
        "*".to_owned(),
        format!("http://127.0.0.1:{port}/reach-out/../site.yaml"),
        format!("http://127.0.0.1:{port}/site.yaml"),
        "file:///etc/passwd".to_owned(),
        "/reach-out/secret.txt".to_owned(),
        "/reach-out/escape/secret.txt".to_owned(),
        "/reach-out/escape/".to_owned(),
        "/reach-out/escape".to_owned(),
    ];
    for target in &targets {
        for method in ["GET", "HEAD"] {
            let reply = serve.request(method, target);
            assert!(
                matches!(reply.status, 400 | 404),
                "{method} {target}: {} {}",
                reply.status,
                reply.text()
            );
            let text = reply.text();
            assert!(
                !text.contains("SITE-YAML-MUST-NEVER-BE-SERVED")
                    && !text.contains("SECRET-OUTSIDE")
                    && !text.contains("root:"),
                "{method} {target} leaked:\n{text}"
            );
        }
    }
    // The server is still fine afterwards.
    assert_eq!(serve.get("").status, 200);
}

#[test]
fn answers_many_concurrent_requests() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    let expected = serve.get("days/day-1/").body;
    let paths = ["", "days/day-1/", "about/", "css/style.css", "nope/"];
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|i| {
                let (addr, prefix) = (&serve.addr, &serve.prefix);
                let target = format!("{prefix}{}", paths[i % paths.len()]);
                scope.spawn(move || (i, request(addr, "GET", &target)))
            })
            .collect();
        for handle in handles {
            let (i, reply) = handle.join().expect("request thread");
            let path = paths[i % paths.len()];
            let status = if path == "nope/" { 404 } else { 200 };
            assert_eq!(reply.status, status, "{path}");
            assert!(!reply.body.is_empty(), "{path}");
            if path == "days/day-1/" {
                assert_eq!(reply.body, expected);
            }
        }
    });
}

#[test]
fn an_edit_shows_up_and_pages_are_told_to_reload() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    let events = serve.events();
    assert!(serve.get("about/").text().contains("The first version"));

    write_about(&site, "title: \"About\"\n", "The second version, live.");
    serve.wait_for_page("about/", "The second version, live.");
    let reload = events.next_of("reload");
    assert!(reload["build"].is_string(), "{reload}");
    let line = serve.stdout_line("rebuilt in ");
    assert!(line.contains(" ms (content/about.md)"), "{line}");

    // A burst (many files at once, e.g. a checkout) is one rebuild that sees all of them.
    for i in 0..20 {
        site.write(
            &format!("content/extra-{i}.md"),
            &format!("---\ntitle: \"Extra {i}\"\n---\n\nPage {i}.\n"),
        );
    }
    serve.wait_for_page("extra-19/", "Page 19.");
    serve.wait_for_page("extra-0/", "Page 0.");

    // An editor's save: write a temporary file, then rename it over the page.
    let tmp = site.path("content/.about.md.swp");
    std::fs::write(&tmp, "---\ntitle: \"About\"\n---\n\nSaved by renaming.\n").unwrap();
    std::fs::rename(&tmp, site.path("content/about.md")).unwrap();
    serve.wait_for_page("about/", "Saved by renaming.");
}

#[test]
fn a_broken_page_keeps_the_last_good_site_and_reports_the_problem() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    let events = serve.events();

    write_about(&site, "titel: \"About\"\n", "Broken.");
    let error = events.next_of("error");
    let problems = error["problems"].as_array().expect("problems list");
    assert_eq!(problems.len(), 1, "{error}");
    let problem = &problems[0];
    assert_eq!(problem["file"], "content/about.md", "{error}");
    assert_eq!(problem["line"], 2, "{error}");
    assert_eq!(problem["column"], 1, "{error}");
    assert!(
        problem["message"].as_str().unwrap().contains("titel"),
        "{error}"
    );
    assert!(
        problem["hint"].as_str().unwrap().contains("title"),
        "{error}"
    );
    // The terminal shows it the way `reachout build` does.
    let stderr = serve.drain_stderr();
    assert!(stderr.contains("--> content/about.md:2:1"), "{stderr}");
    assert!(
        stderr.contains("still serving the last good version"),
        "{stderr}"
    );

    // The last good site is still served.
    let about = serve.get("about/");
    assert_eq!(about.status, 200);
    assert!(about.text().contains("The first version"));
    // A page opened now learns about the problem at once.
    let late = serve.events();
    assert_eq!(late.next_of("error")["problems"][0]["line"], 2);

    write_about(&site, "title: \"About\"\n", "Fixed and back.");
    events.next_of("reload");
    serve.wait_for_page("about/", "Fixed and back.");
    let line = serve.stdout_line("rebuilt in ");
    assert!(line.contains("problems fixed"), "{line}");
}

#[test]
fn a_site_broken_from_the_start_is_served_once_fixed() {
    let site = fixture(FIXTURE);
    write_about(
        &site,
        "title: \"About\"\nday: x\n",
        "Broken from the start.",
    );
    let serve = start(&site);
    let stderr = serve.drain_stderr();
    assert!(stderr.contains("content/about.md"), "{stderr}");

    let page = serve.get("about/");
    assert_eq!(page.status, 503);
    let text = page.text();
    assert!(text.contains("content/about.md:3:1"), "{text}");
    assert!(text.contains("__reachout/live.js"), "{text}");
    let events = serve.events();
    events.next_of("error");

    write_about(&site, "title: \"About\"\n", "Now it builds.");
    events.next_of("reload");
    serve.wait_for_page("about/", "Now it builds.");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_cleanly_and_leaves_nothing_behind() {
    let site = fixture(FIXTURE);
    let before = tree(&site.root);
    let temp = tempfile::tempdir().unwrap();
    let serve = start_with(&site.root, &[], |cmd| {
        cmd.env("TMPDIR", temp.path());
    });
    let _events = serve.events();
    assert_eq!(serve.get("").status, 200);
    let mut serve = serve;
    let status = Command::new("kill")
        .args(["-INT", &serve.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(status) = serve.child.try_wait().expect("wait") {
            break status.code();
        }
        assert!(Instant::now() < deadline, "serve did not stop on SIGINT");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(code, Some(0), "stderr:\n{}", serve.drain_stderr());
    serve.stdout_line("stopped");
    assert_eq!(tree(&site.root), before, "the site folder is unchanged");
    assert!(!site.out().exists(), "no public/ folder");
    let left: Vec<_> = std::fs::read_dir(temp.path()).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let site = fixture(FIXTURE);
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let result = site.run(&["serve", "-p", &port]);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(
        result
            .stderr
            .contains(&format!("port {port} is already in use")),
        "{}",
        result.stderr
    );
    assert!(result.stderr.contains("--port"), "{}", result.stderr);
}

#[test]
fn binding_beyond_this_machine_warns() {
    let site = fixture(FIXTURE);
    let serve = start_with(&site.root, &["--bind", "0.0.0.0"], |_| {});
    // Links still use an address a browser here can open.
    assert!(serve.url.starts_with("http://127.0.0.1:"), "{}", serve.url);
    let stderr = serve.drain_stderr();
    assert!(
        stderr.contains("warning:") && stderr.contains("visible to other devices on your network"),
        "{stderr}"
    );
    assert_eq!(serve.get("").status, 200);
}

#[test]
fn a_bad_base_url_flag_is_refused_before_serving() {
    let site = fixture(FIXTURE);
    let result = site.run(&["serve", "-p", "0", "-u", "coach.github.io/x"]);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(
        result.stderr.contains("invalid --base-url"),
        "{}",
        result.stderr
    );
}

#[test]
fn editing_site_yaml_rebuilds_too() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    let yaml = std::fs::read_to_string(site.path("site.yaml")).unwrap();
    // Saved the way many editors do: a new file renamed over the old one.
    let tmp = site.path(".site.yaml.tmp");
    std::fs::write(&tmp, yaml.replace("Serve test", "Renamed challenge")).unwrap();
    std::fs::rename(&tmp, site.path("site.yaml")).unwrap();
    serve.wait_for_page("", "Renamed challenge");
}

#[test]
fn a_folder_without_site_yaml_is_refused() {
    let site = empty_site();
    let result = site.run(&["serve", "-p", "0"]);
    assert_eq!(result.code, 1, "{result:?}");
    assert!(result.stderr.contains("site.yaml"), "{}", result.stderr);
    assert!(result.stderr.contains("reachout init"), "{}", result.stderr);
}

#[test]
fn a_warning_is_printed_once_not_at_every_save() {
    let site = fixture(FIXTURE);
    let yaml = std::fs::read_to_string(site.path("site.yaml")).expect("site.yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}\nbrand:\n  colors:\n    accent: \"#ffd400\"\n"),
    );
    let serve = start(&site);
    let first = serve.drain_stderr();
    assert_eq!(first.matches("#ffd400 has").count(), 1, "{first}");
    for text in ["Saved once.", "Saved twice."] {
        write_about(&site, "title: \"About\"\n", text);
        serve.wait_for_page("about/", text);
    }
    let later = serve.drain_stderr();
    assert!(!later.contains("#ffd400"), "repeated at a save:\n{later}");
    // A new warning still shows.
    site.write(
        "site.yaml",
        &format!("{yaml}\nbrand:\n  colors:\n    accent: \"#ffe14d\"\n"),
    );
    // serve prints a build's warnings before its "rebuilt" line: once that line is out, so
    // is the warning.
    serve.stdout_line("(site.yaml)");
    let changed = serve.drain_stderr();
    assert!(changed.contains("#ffe14d has"), "{changed}");
}

/// Sends `raw` as it is on a new connection and reads until the server closes it.
fn exchange(addr: &str, raw: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.write_all(raw.as_bytes())?;
    let mut got = Vec::new();
    stream.read_to_end(&mut got)?;
    Ok(String::from_utf8_lossy(&got).into_owned())
}

#[test]
fn a_request_naming_another_host_is_refused_against_dns_rebinding() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    let get = |host: &str| {
        exchange(
            &serve.addr,
            &format!(
                "GET {} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n",
                serve.prefix
            ),
        )
        .expect("an answer")
    };
    let refused = get("attacker.example");
    assert!(refused.starts_with("HTTP/1.1 421 "), "{refused}");
    let port = serve.addr.rsplit(':').next().unwrap();
    for host in [
        format!("localhost:{port}"),
        serve.addr.clone(),
        format!("[::1]:{port}"),
    ] {
        let ok = get(&host);
        assert!(
            ok.starts_with("HTTP/1.1 200 "),
            "{host}: {}",
            &ok[..ok.len().min(200)]
        );
    }
}

#[test]
fn a_client_trickling_its_headers_is_dropped_at_the_request_deadline() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    let mut slow = TcpStream::connect(&serve.addr).expect("connect");
    let started = Instant::now();
    slow.write_all(format!("GET {} HTTP/1.1\r\n", serve.prefix).as_bytes())
        .expect("request line");
    // One header line a second: each read is quick, so only a deadline for the whole head
    // (10 s) ends it; a per-read timeout never would.
    let mut sent = 0;
    let closed = loop {
        std::thread::sleep(Duration::from_secs(1));
        if slow
            .write_all(format!("X-Slow-{sent}: 1\r\n").as_bytes())
            .is_err()
        {
            break started.elapsed();
        }
        sent += 1;
        // The server closing shows up on our side as a readable end of stream.
        slow.set_nonblocking(true).expect("nonblocking");
        let mut byte = [0u8; 1];
        let eof = matches!(slow.peek(&mut byte), Ok(0));
        slow.set_nonblocking(false).expect("blocking");
        if eof {
            break started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(25),
            "still open after {sent} header lines"
        );
    };
    assert!(sent >= 5, "dropped after only {sent} lines");
    assert!(closed < Duration::from_secs(16), "closed after {closed:?}");
    // And the server still answers others.
    assert_eq!(serve.get("").status, 200);
}

#[test]
fn over_the_connection_cap_the_503_arrives_before_the_close() {
    let site = fixture(FIXTURE);
    let serve = start(&site);
    // 256 connections that say nothing yet hold every slot.
    let held: Vec<TcpStream> = (0..256)
        .map(|_| TcpStream::connect(&serve.addr).expect("connect"))
        .collect();
    // Let the server accept them all before the one over the cap.
    std::thread::sleep(Duration::from_millis(500));
    let reply = exchange(
        &serve.addr,
        &format!(
            "GET {} HTTP/1.1\r\nHost: {}\r\n\r\n",
            serve.prefix, serve.addr
        ),
    );
    let reply = reply.expect("the 503, not a reset");
    assert!(reply.starts_with("HTTP/1.1 503 "), "{reply}");
    drop(held);
}
