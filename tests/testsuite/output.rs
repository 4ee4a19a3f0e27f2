//! The output folder: replaced as a whole on success, untouched on failure, never a folder
//! reachout did not write, never inside the site's sources; HTML, scripts and
//! stylesheets minified unless turned off.

use reachout::BuildOptions;
use reachout::diag::Error;

use crate::support::{entries, fixture, invalid, tree};

#[test]
fn failed_build_leaves_the_previous_output_byte_for_byte() {
    let site = fixture("one-of-each-kind");
    site.build();
    let before = tree(&site.out());
    assert!(before.contains_key("days/day-2/index.html"));

    site.write(
        "content/days/day-2.md",
        "---\ntitle: \"Day 2\"\nday: two\ngoal: \"Goal.\"\n---\n",
    );
    let problems = invalid(reachout::build(&site.options()));
    assert!(!problems.is_empty());

    assert!(
        tree(&site.out()) == before,
        "the previous output changed after a failed build"
    );
    let leftovers: Vec<String> = entries(&site.root)
        .into_iter()
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn successful_build_replaces_the_previous_output_as_a_whole() {
    let site = fixture("one-of-each-kind");
    site.build();
    assert!(site.has_output("about/index.html"));
    std::fs::remove_file(site.path("content/about.md")).unwrap();
    site.build();
    assert!(
        !site.has_output("about/index.html"),
        "a page removed from content/ is still published"
    );
    assert!(site.has_output("days/day-1/index.html"));
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_write() {
    let site = fixture("one-of-each-kind");
    let out = site.tmp().join("documents");
    std::fs::create_dir_all(out.join("taxes")).unwrap();
    std::fs::write(out.join("notes.txt"), "my notes").unwrap();
    std::fs::write(out.join("taxes/2024.txt"), "numbers").unwrap();
    let before = tree(&out);

    let err = reachout::build(&BuildOptions {
        output: Some(out.clone()),
        ..site.options()
    })
    .unwrap_err();

    assert!(matches!(err, Error::Refused { .. }), "{err}");
    assert!(err.to_string().contains("not empty"), "{err}");
    assert!(tree(&out) == before, "the folder's files changed");
    assert_eq!(entries(&out), ["notes.txt", "taxes"]);
}

#[test]
fn rebuilds_into_a_folder_it_wrote_before() {
    let site = fixture("one-of-each-kind");
    let out = site.tmp().join("www");
    let options = BuildOptions {
        output: Some(out.clone()),
        ..site.options()
    };
    site.build_ok(options.clone());
    site.build_ok(options);
    assert!(out.join("index.html").is_file());
}

#[test]
fn refuses_an_output_inside_content() {
    let site = fixture("one-of-each-kind");
    let out = site.path("content/public");
    let err = reachout::build(&BuildOptions {
        output: Some(out.clone()),
        ..site.options()
    })
    .unwrap_err();
    assert!(matches!(err, Error::Refused { .. }), "{err}");
    assert!(
        err.to_string().contains("inside the site's sources"),
        "{err}"
    );
    assert!(!out.exists(), "nothing may be written into content/");
}

#[test]
fn refuses_an_output_inside_content_reached_through_dot_dot() {
    let site = fixture("one-of-each-kind");
    // `public/../content/out` is `content/out`.
    let out = site.path("public/../content/out");
    let result = reachout::build(&BuildOptions {
        output: Some(out),
        ..site.options()
    });
    let written = site.path("content/out");
    assert!(
        !written.exists(),
        "the site was written into content/out: {:?}",
        entries(&written)
    );
    assert!(matches!(result, Err(Error::Refused { .. })), "{result:?}");
}

#[test]
fn html_is_minified_by_default() {
    let site = fixture("one-of-each-kind");
    site.build();
    let html = site.output("days/day-1/index.html");
    assert!(!html.contains(">\n"), "expected minified HTML:\n{html}");
    // CSS and XML are not HTML and are left as written.
    assert!(site.output("sitemap.xml").contains(">\n"));
}

#[test]
fn theme_scripts_and_stylesheets_are_minified_by_default() {
    let theme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static");
    let site = fixture("one-of-each-kind");
    site.build();
    let source = std::fs::read_to_string(theme.join("js/tracker.js")).unwrap();
    let js = site.output("js/tracker.js");
    assert!(
        js.len() * 4 < source.len() * 3,
        "{} of {} bytes",
        js.len(),
        source.len()
    );
    // Comments go (the file starts with one), the module's imports stay as written.
    let comment = source.lines().next().unwrap().trim_start_matches("// ");
    assert!(
        !js.contains(comment) && js.contains("\"./tracker-core.js\""),
        "{js}"
    );
    let css = site.output("css/style.css");
    assert!(!css.contains("/*") && !css.contains('\n'), "{css}");
    let off = fixture("minify-off");
    off.build();
    assert_eq!(off.output("js/tracker.js"), source);
}

#[test]
fn minify_false_keeps_the_templates_newlines() {
    let site = fixture("minify-off");
    site.build();
    let html = site.output("days/day-1/index.html");
    assert!(
        html.contains("\n<main"),
        "expected the template's line breaks:\n{html}"
    );
    assert!(html.lines().count() > 10, "{html}");
}

#[test]
fn check_writes_nothing() {
    let site = fixture("one-of-each-kind");
    let before = tree(&site.root);
    reachout::check(&site.options()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!site.out().exists(), "check created public/");
    assert!(tree(&site.root) == before, "check changed the site's files");
}

/// A staging folder as a build leaves it: `.public.tmp-PID-XXXX/` holding its marker.
fn leftover_staging(site: &crate::support::Site, name: &str) -> std::path::PathBuf {
    let dir = site.root.join(name);
    std::fs::create_dir_all(dir.join("days")).unwrap();
    std::fs::write(dir.join(reachout::output::MARKER), "x").unwrap();
    std::fs::write(dir.join("days/half.html"), "<p>half").unwrap();
    dir
}

#[test]
fn a_build_removes_what_a_build_that_died_left_behind_but_not_a_running_builds_folder() {
    let site = fixture("one-of-each-kind");
    site.build();
    let dead = leftover_staging(&site, ".public.tmp-4000000-abc123");
    let old = leftover_staging(&site, ".public.old-def456");
    // A build still running holds its marker locked.
    let running = leftover_staging(&site, ".public.tmp-4000001-ghi789");
    let lock = std::fs::File::open(running.join(reachout::output::MARKER)).unwrap();
    lock.try_lock().expect("lock the running build's marker");

    site.build();
    assert!(!dead.exists(), "a dead build's staging folder is removed");
    assert!(
        !old.exists(),
        "a previous output left by an interrupted swap is removed"
    );
    assert!(running.exists(), "a running build's folder is left alone");
    drop(lock);
    site.build();
    assert!(!running.exists(), "removed once its build is gone");
    let left: Vec<String> = entries(&site.root)
        .into_iter()
        .filter(|name| name.starts_with(".public"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // Until then, git does not pick them up in a site made by init.
    let ignored = include_str!("../../src/scaffold/gitignore");
    assert!(ignored.lines().any(|l| l == "/.public.tmp-*"), "{ignored}");
}

#[test]
fn ctrl_c_during_a_build_removes_its_staging_folder_and_keeps_the_previous_output() {
    let site = fixture("one-of-each-kind");
    site.build();
    let before = tree(&site.out());
    // Enough pages that the build is still writing when the signal comes.
    for n in 0..3000 {
        site.write(
            &format!("content/bulk/page-{n}.md"),
            &format!(
                "---\ntitle: \"Page {n}\"\n---\n\n{}\n",
                "Some words. ".repeat(200)
            ),
        );
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_reachout"))
        .args(["build", "--root"])
        .arg(&site.root)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let staging = || {
        entries(&site.root)
            .into_iter()
            .filter(|n| n.starts_with(".public.tmp-"))
            .collect::<Vec<_>>()
    };
    while staging().is_empty() {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it was interrupted: make the site bigger"
        );
        assert!(
            started.elapsed().as_secs() < 60,
            "no staging folder appeared"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    let kill = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{status:?}");
    assert_eq!(
        staging(),
        Vec::<String>::new(),
        "staging folder left behind"
    );
    assert!(tree(&site.out()) == before, "the previous output changed");
}

#[test]
fn input_nested_thousands_deep_builds_and_checks_without_aborting() {
    let site = fixture("one-of-each-kind");
    // Each of these overflowed a minifier's stack and aborted the process (SIGABRT).
    site.write(
        "content/deep-list.md",
        &format!("---\ntitle: \"Deep list\"\n---\n\n{}x\n", "- ".repeat(1200)),
    );
    site.write(
        "content/deep-quote.md",
        &format!(
            "---\ntitle: \"Deep quote\"\n---\n\n{}x\n",
            "> ".repeat(2200)
        ),
    );
    site.write(
        "content/deep-div.md",
        &format!(
            "---\ntitle: \"Deep div\"\n---\n\n{}x{}\n",
            "<div>".repeat(2200),
            "</div>".repeat(2200)
        ),
    );
    site.write(
        "static/deep.css",
        &format!(
            "{}a{{b:c}}{}",
            "@media screen{".repeat(900),
            "}".repeat(900)
        ),
    );
    site.write(
        "static/deep.js",
        &format!(
            "export const a = {}1{};\n",
            "[".repeat(1800),
            "]".repeat(1800)
        ),
    );
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 0, "{command}: {run:?}");
    }
    for page in ["deep-list", "deep-quote", "deep-div"] {
        let html = std::fs::read_to_string(site.out().join(page).join("index.html")).unwrap();
        assert!(html.contains(">x"), "{page} is published");
    }
    assert!(
        std::fs::read_to_string(site.out().join("deep.css"))
            .unwrap()
            .starts_with("@media screen{@media screen{"),
        "published as written"
    );
}

#[test]
fn refuses_an_output_inside_content_when_the_root_is_given_through_a_symbolic_link() {
    let site = fixture("one-of-each-kind");
    let link = site.tmp().join("link-to-site");
    std::os::unix::fs::symlink(&site.root, &link).unwrap();
    let real_out = site.root.canonicalize().unwrap().join("content/out");
    let options = BuildOptions {
        root: link,
        output: Some(real_out.clone()),
        ..BuildOptions::default()
    };
    match reachout::build(&options) {
        Err(Error::Refused { message, .. }) => {
            assert!(message.contains("inside the site's sources"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(!real_out.exists(), "nothing written into content/");
}

#[test]
fn an_upper_case_md_file_is_an_error_not_a_published_file() {
    let site = fixture("one-of-each-kind");
    site.write("content/notes.MD", "---\ntitle: \"Notes\"\n---\n");
    let d = site.problem();
    assert!(d.message.contains("must end in `.md`"), "{d}");
    assert!(d.file.ends_with("content/notes.MD"), "{d}");
}

#[test]
fn the_current_folder_is_refused_as_the_output() {
    let site = fixture("one-of-each-kind");
    site.build();
    let mut cmd = crate::support::reachout();
    cmd.current_dir(site.out())
        .args(["build", "--root", ".."])
        .args(["--output", "."]);
    let run = crate::support::run(cmd);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr.contains("is the current folder"),
        "{}",
        run.stderr
    );
    assert!(
        site.out().join("index.html").is_file(),
        "the previous output stays"
    );
}
